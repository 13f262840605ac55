//! 网站自查 over HTTP, on both databases: demo data made stale (its dates
//! moved back, or the clock moved on) produces each finding — stale home
//! page and columns, a question unanswered for three months, an incomplete
//! service guide, a link that leads nowhere, a late interpretation and
//! annual report — vetoes reach every member of staff's workbench and the
//! JSON, and fixing each clears it at the next check.
#![cfg(feature = "ssr")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed test is a panic"
)]

use crate::common::{approve, spawn_app, submit_new_of, Engine, TestApp};
use gongkai::account::types::Role;

on_both_engines!(
    stale_columns_and_broken_links_are_found_and_cleared,
    questions_guides_and_deadlines_are_found_and_cleared,
    the_self_check_is_staff_only,
);

const DAY: i64 = 86_400;

/// Runs the check as `cookie` and returns the monitor page.
async fn check(app: &TestApp, cookie: &str) -> String {
    let res = app.post_form("/staff/monitor", cookie, &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/staff/monitor?notice=monitor_checked"
    );
    let (status, page) = app.page_as("/staff/monitor", cookie).await;
    assert_eq!(status, 200);
    assert!(page.contains("最近一次检查"), "{page}");
    page
}

async fn stale_columns_and_broken_links_are_found_and_cleared(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let editor = app.staff("zicha", &[Role::Editor]).await;
    let reviewer = app.staff("zicha-shenhe", &[Role::Reviewer]).await;
    let handler = app.staff("zicha-banjian", &[Role::Handler]).await;
    let page = check(&app, &editor).await;
    assert!(
        !page.contains("首页2周内没有更新"),
        "the demo is fresh: {page}"
    );

    // Every item published 400 days earlier: the home page and the four
    // columns with deadlines are stale.
    sqlx::query("UPDATE articles SET published_at = published_at - $1")
        .bind(400 * DAY)
        .execute(app.db.pool())
        .await
        .unwrap();
    let page = check(&app, &editor).await;
    assert!(page.contains("首页2周内没有更新"), "{page}");
    for column in ["工作动态", "新闻发布"] {
        assert!(
            page.contains(&format!("栏目“{column}”超过2周没有更新")),
            "{column}"
        );
    }
    for column in ["通知公告", "政策文件"] {
        assert!(
            page.contains(&format!("栏目“{column}”超过6个月没有更新")),
            "{column}"
        );
    }
    // A veto reaches every member of staff, and the JSON.
    let (_, bench) = app.page_as("/staff", &handler).await;
    assert!(bench.contains("项单项否决问题"), "{bench}");
    assert!(bench.contains("首页2周内没有更新"));
    let json: serde_json::Value = app
        .get_as("/api/staff/get_monitor", &editor)
        .await
        .json()
        .await
        .unwrap();
    let rules: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(rules.contains(&"home_stale"));
    assert_eq!(json["findings"][0]["severity"], "veto");

    // A news item linking to a draft: published now, it clears the home
    // page and 工作动态, and its link leads nowhere.
    let draft = submit_new_of(&app, &editor, "notice", "尚未发布的通知", "正文。").await;
    let news = submit_new_of(
        &app,
        &editor,
        "news",
        "我局开展出版物市场检查",
        &format!("详见[通知](/articles/{draft})。"),
    )
    .await;
    assert_eq!(approve(&app, &reviewer, news).await.status(), 303);
    let page = check(&app, &editor).await;
    assert!(!page.contains("首页2周内没有更新"), "{page}");
    assert!(!page.contains("栏目“工作动态”超过2周没有更新"));
    assert!(page.contains("栏目“新闻发布”超过2周没有更新"));
    assert!(
        page.contains(&format!(
            "《我局开展出版物市场检查》中的链接 /articles/{draft} 打不开"
        )),
        "{page}"
    );
    // Publishing what it links to fixes the link (and 通知公告).
    assert_eq!(approve(&app, &reviewer, draft).await.status(), 303);
    let page = check(&app, &editor).await;
    assert!(!page.contains("打不开"), "{page}");
    assert!(!page.contains("栏目“通知公告”超过6个月没有更新"));

    // Each check is audited.
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'monitor.checked'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(n, 4);
}

async fn questions_guides_and_deadlines_are_found_and_cleared(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let editor = app.staff("zicha", &[Role::Editor]).await;
    let handler = app.staff("zicha-banjian", &[Role::Handler]).await;

    // A guide without its 办理地点 and 联系电话.
    let (code, name): (String, String) = sqlx::query_as(
        "SELECT code, name FROM services WHERE status = 'published' ORDER BY id LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    sqlx::query("UPDATE services SET place = '', enquiry_phone = '' WHERE code = $1")
        .bind(&code)
        .execute(app.db.pool())
        .await
        .unwrap();
    let page = check(&app, &editor).await;
    assert!(
        page.contains(&format!("办事指南“{name}”缺少：办理地点、联系电话")),
        "{page}"
    );
    sqlx::query("UPDATE services SET place = '福州市鼓楼区东大路88号', enquiry_phone = '0591-87654321' WHERE code = $1")
        .bind(&code)
        .execute(app.db.pool())
        .await
        .unwrap();
    let page = check(&app, &editor).await;
    assert!(!page.contains(&format!("办事指南“{name}”缺少")), "{page}");

    // Four months on, into the next year: the open questions are more than
    // three months old (a veto), last year's report is late.
    let open: Vec<(String,)> =
        sqlx::query_as("SELECT number FROM consultations WHERE answered_on IS NULL ORDER BY id")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert!(!open.is_empty(), "the demo has open questions");
    app.state.shift_clock(120 * DAY);
    let page = check(&app, &editor).await;
    for (number,) in &open {
        assert!(
            page.contains(&format!("网上咨询{number}（")),
            "{number}: {page}"
        );
    }
    assert!(page.contains("超过3个月未答复"));
    let year = {
        use chrono::Datelike;
        app.state.today().year() - 1
    };
    assert!(
        page.contains(&format!(
            "{year}年政府信息公开工作年度报告未在{}年1月31日前公布",
            year + 1
        )),
        "{page}"
    );
    let (awaiting,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM articles WHERE interpretation_due IS NOT NULL AND status = 'published' \
         AND id NOT IN (SELECT document_id FROM interpretation_links)",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    if awaiting > 0 {
        assert!(page.contains("的解读材料逾期"), "{page}");
    }

    // Answering a question clears its finding.
    let (number,) = &open[0];
    let res = app
        .post_form(
            &format!("/staff/consult/{number}"),
            &handler,
            &[("answer", "可以网上办理。"), ("department", "行政审批处")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = check(&app, &editor).await;
    assert!(!page.contains(&format!("网上咨询{number}（")), "{page}");
}

async fn the_self_check_is_staff_only(engine: Engine) {
    let app = spawn_app(engine, true).await;
    assert_eq!(app.page("/staff/monitor").await.0, 401);
    assert_eq!(app.get("/api/staff/get_monitor").await.status(), 401);
    let handler = app.staff("zicha-banjian", &[Role::Handler]).await;
    assert_eq!(app.page_as("/staff/monitor", &handler).await.0, 403);
    assert_eq!(
        app.post_form("/staff/monitor", &handler, &[])
            .await
            .status(),
        403
    );
    // Before any check, the page says so.
    let editor = app.staff("zicha", &[Role::Editor]).await;
    let (_, page) = app.page_as("/staff/monitor", &editor).await;
    assert!(page.contains("还没有检查过"));
    // The scheduler's daily run: once per day, whoever asks first.
    assert!(gongkai::monitor::check::daily(&app.state).await.unwrap());
    assert!(!gongkai::monitor::check::daily(&app.state).await.unwrap());
    let (_, page) = app.page_as("/staff/monitor", &editor).await;
    assert!(page.contains("最近一次检查"));
}
