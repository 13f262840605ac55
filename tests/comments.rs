//! 意见征集 over HTTP, on both databases: a consultation made in the
//! editor and published through review; the period's 30-day rule; comments
//! before, during and after the window; masking in what the public sees;
//! answers alone and grouped; the feedback report generated from them,
//! refused while a comment is unanswered or when the answers changed since,
//! published through review with counts equal to the comments; the CSV and
//! the audit entries; the demo's three consultations and the workbench line.
#![cfg(feature = "ssr")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed test is a panic"
)]

use crate::common::{approve, post_multipart, spawn_app, spawn_app_with, Engine, TestApp};
use gongkai::account::types::Role;
use reqwest::multipart::Form;

on_both_engines!(
    a_consultation_is_commented_answered_and_reported,
    the_period_is_thirty_days_unless_a_reason_is_given,
    bad_comments_are_refused_with_entries_kept,
    commenting_is_limited_per_client,
    the_demo_has_a_consultation_at_every_stage,
);

const DRAFT: &str = "## 第一章 总则\n\n第一条 为规范出版物零售，制定本办法。\n\n第二条 本办法适用于本省的出版物零售单位。\n\n第三条 本办法自发布之日起施行。\n";

fn consultation(title: &str, closes_on: &str, extra: &[(&str, &str)]) -> Form {
    let mut f = Form::new()
        .text("kind", "consultation")
        .text("title", title.to_owned())
        .text("summary", "公开征求意见")
        .text("body_md", DRAFT)
        .text("publisher", "政策法规处")
        .text("topic", "general")
        .text("validity", "valid")
        .text("disclosure", "active")
        .text("closes_on", closes_on.to_owned())
        .text("explanation_md", "起草的背景和依据。")
        .text("comment_email", "yjzj@example.gov.cn")
        .text("note", "新建")
        .text("action", "submit");
    for (k, v) in extra {
        f = f.text((*k).to_owned(), (*v).to_owned());
    }
    f
}

fn day(app: &TestApp, offset: i64) -> String {
    (app.state.today() + chrono::Duration::days(offset))
        .format("%Y-%m-%d")
        .to_string()
}

/// Creates and submits a consultation; returns its id.
async fn create(app: &TestApp, editor: &str, form: Form) -> i64 {
    let res = post_multipart(app, "/disclosure/consultation/new", editor, form).await;
    assert_eq!(
        res.status(),
        303,
        "{}",
        res.text().await.unwrap_or_default()
    );
    res.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/articles/")
        .split('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn comment(app: &TestApp, id: i64, fields: &[(&str, &str)]) -> (u16, String) {
    let res = app
        .client
        .post(app.url(&format!("/consultations/{id}")))
        .form(fields)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    match res.headers().get("location") {
        Some(l) => (status, l.to_str().unwrap().to_owned()),
        None => (status, res.text().await.unwrap()),
    }
}

async fn staff_post(
    app: &TestApp,
    id: i64,
    cookie: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let res = app
        .post_form(&format!("/staff/consultations/{id}"), cookie, fields)
        .await;
    let status = res.status().as_u16();
    match res.headers().get("location") {
        Some(l) => (status, l.to_str().unwrap().to_owned()),
        None => (status, res.text().await.unwrap()),
    }
}

/// Answers comments `ids` together as an editor.
async fn answer(
    app: &TestApp,
    id: i64,
    cookie: &str,
    ids: &[&str],
    decision: &str,
    reason: &str,
) -> (u16, String) {
    let mut fields = vec![
        ("action", "answer"),
        ("decision", decision),
        ("reason", reason),
    ];
    fields.extend(ids.iter().map(|c| ("c", *c)));
    staff_post(app, id, cookie, &fields).await
}

async fn comment_ids(app: &TestApp, id: i64) -> Vec<String> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM consultation_comments WHERE article_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    rows.into_iter().map(|(i,)| i.to_string()).collect()
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    n
}

/// Moves a published consultation's period into the past (it closed yesterday).
async fn close(app: &TestApp, id: i64) {
    sqlx::query(
        "UPDATE consultation_terms SET opened_on = $1, closes_on = $2 WHERE article_id = $3",
    )
    .bind(day(app, -40))
    .bind(day(app, -1))
    .bind(id)
    .execute(app.db.pool())
    .await
    .unwrap();
}

async fn a_consultation_is_commented_answered_and_reported(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    let title = "关于《出版物零售管理办法（征求意见稿）》公开征求意见的公告";
    let id = create(
        &app,
        &editor,
        consultation(
            title,
            &day(&app, 29),
            &[("comments_public", "1"), ("anonymous_ok", "1")],
        ),
    )
    .await;

    // Before review: nothing public, no comment taken.
    assert_eq!(app.page(&format!("/consultations/{id}")).await.0, 404);
    let (status, _) = comment(&app, id, &[("body", "支持")]).await;
    assert_eq!(status, 404);

    assert_eq!(approve(&app, &reviewer, id).await.status(), 303);
    let res = app.get(&format!("/articles/{id}")).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        format!("/consultations/{id}").as_str()
    );
    let (status, page) = app.page(&format!("/consultations/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("还剩30天") && page.contains("共30日"),
        "{page}"
    );
    assert!(page.contains("起草说明") && page.contains("yjzj@example.gov.cn"));
    assert!(
        page.contains(r#"<option value="第二条">"#),
        "the draft's parts are offered"
    );
    let (_, list) = app.page("/consultations").await;
    assert!(
        list.contains(title) && list.contains("正在征集（1项）"),
        "{list}"
    );
    let (_, catalogue) = app.page("/disclosure/consultation").await;
    assert!(catalogue.contains(title));
    let (_, feed) = app.page("/feed/consultation.xml").await;
    assert!(feed.contains("出版物零售管理办法"));
    let (_, found) = app
        .page("/search?q=%E5%87%BA%E7%89%88%E7%89%A9%E9%9B%B6%E5%94%AE")
        .await;
    assert!(
        found.contains(&format!("/articles/{id}")),
        "in the site search"
    );

    // Comments: one naming a part, with a phone number and its writer's
    // name in it; one anonymous.
    let (status, to) = comment(
        &app,
        id,
        &[
            ("part", "第二条"),
            ("body", "建议第二条包括网络零售。王小明的电话13912345678"),
            ("name", "王小明"),
            ("contact", "13800138000"),
        ],
    )
    .await;
    assert_eq!(status, 303, "{to}");
    assert!(to.contains("notice=comment_received"));
    let (status, _) = comment(&app, id, &[("body", "第三条建议给出过渡期。")]).await;
    assert_eq!(status, 303);
    let (_, page) = app.page(&format!("/consultations/{id}")).await;
    assert!(
        !page.contains("建议第二条包括网络零售"),
        "not shown before staff publish it"
    );
    assert!(page.contains("已公开的意见（0条）"));

    // Staff: show the first (masked), enter a letter.
    let ids = comment_ids(&app, id).await;
    let (status, _) = staff_post(&app, id, &editor, &[("action", "show"), ("c", &ids[0])]).await;
    assert_eq!(status, 303);
    let (_, page) = app.page(&format!("/consultations/{id}")).await;
    assert!(page.contains("建议第二条包括网络零售"), "{page}");
    assert!(page.contains("139****5678") && !page.contains("13912345678"));
    assert!(page.contains("王**") && !page.contains("王小明"));
    assert!(!page.contains("13800138000"), "a contact is never public");
    let (status, _) = staff_post(
        &app,
        id,
        &editor,
        &[
            ("action", "enter"),
            ("channel", "post"),
            ("received_on", &day(&app, 0)),
            ("part", ""),
            ("body", "建议增加对农村发行网点的扶持。"),
            ("name", "某县新华书店"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let ids = comment_ids(&app, id).await;
    assert_eq!(ids.len(), 3);

    // After the closing day the form is gone and a post is refused.
    close(&app, id).await;
    let (_, page) = app.page(&format!("/consultations/{id}")).await;
    assert!(
        !page.contains("提交意见") && page.contains("正在研究"),
        "{page}"
    );
    let (status, page) = comment(&app, id, &[("body", "迟到的意见")]).await;
    assert_eq!(status, 409);
    assert!(
        page.contains("不再接受意见") && page.contains("迟到的意见"),
        "entries kept"
    );

    // The report waits for every answer.
    let (status, page) = staff_post(&app, id, &editor, &[("action", "report")]).await;
    assert_eq!(status, 409);
    assert!(page.contains("还有3条意见没有答复"), "{page}");
    // Anything but 采纳 needs a reason.
    let (status, page) = answer(&app, id, &editor, &[&ids[2]], "not_adopted", "").await;
    assert_eq!(status, 400);
    assert!(page.contains("须说明理由"));
    // Two answered together, one with its reason.
    let (status, _) = answer(&app, id, &editor, &[&ids[0], &ids[1]], "adopted", "").await;
    assert_eq!(status, 303);
    let (status, _) = answer(
        &app,
        id,
        &editor,
        &[&ids[2]],
        "not_adopted",
        "超出本办法的调整范围",
    )
    .await;
    assert_eq!(status, 303);

    // The report goes to review; not public until approved.
    let (status, to) = staff_post(&app, id, &editor, &[("action", "report")]).await;
    assert_eq!(status, 303, "{to}");
    let (_, page) = app.page(&format!("/consultations/{id}")).await;
    assert!(
        !page.contains("意见采纳情况反馈"),
        "not public before review"
    );
    // An answer changed after generating: publication is refused.
    let (status, _) = answer(&app, id, &editor, &[&ids[2]], "partly", "部分吸收").await;
    assert_eq!(status, 303);
    let res = approve(&app, &reviewer, id).await;
    let body = res.text().await.unwrap();
    assert!(body.contains("重新生成反馈报告"), "{body}");
    let (_, page) = app.page(&format!("/consultations/{id}")).await;
    assert!(!page.contains("意见采纳情况反馈"));
    // Generated again and approved: public, with counts equal to the comments.
    let (status, _) = staff_post(&app, id, &editor, &[("action", "report")]).await;
    assert_eq!(status, 303);
    assert_eq!(approve(&app, &reviewer, id).await.status(), 303);
    let (_, page) = app.page(&format!("/consultations/{id}")).await;
    assert!(page.contains("意见采纳情况反馈"), "{page}");
    assert!(
        page.contains("共征集意见3条（网上提交2条、信函1条）"),
        "{page}"
    );
    assert!(page.contains("采纳2条，部分采纳1条"), "{page}");
    assert!(page.contains("2条内容相同或相近的意见，合并答复"));
    assert!(page.contains("部分吸收") && !page.contains("13912345678") && !page.contains("王小明"));
    let (_, list) = app.page("/consultations").await;
    assert!(list.contains("已反馈意见采纳情况（1项）"), "{list}");

    // The CSV carries contacts (audited); every step is in the audit log.
    let res = app
        .get_as(&format!("/staff/consultations/{id}/comments.csv"), &editor)
        .await;
    assert_eq!(res.status(), 200);
    let csv = res.text().await.unwrap();
    assert!(
        csv.contains("13800138000") && csv.contains("某县新华书店") && csv.contains("部分采纳")
    );
    assert_eq!(
        app.get(&format!("/staff/consultations/{id}/comments.csv"))
            .await
            .status()
            .as_u16()
            / 100,
        3,
        "staff only"
    );
    for action in [
        "consultation.comments_shown",
        "consultation.comment_entered",
        "consultation.answered",
        "consultation.comments_exported",
    ] {
        assert!(audit_count(&app, action).await > 0, "{action}");
    }
    assert_eq!(audit_count(&app, "consultation.answered").await, 3);
}

async fn the_period_is_thirty_days_unless_a_reason_is_given(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    let short = "关于短期征集的公告";
    let res = post_multipart(
        &app,
        "/disclosure/consultation/new",
        &editor,
        consultation(short, &day(&app, 9), &[]),
    )
    .await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("一般不少于30日") && page.contains(short),
        "entries kept: {page}"
    );
    let res = post_multipart(
        &app,
        "/disclosure/consultation/new",
        &editor,
        consultation(short, &day(&app, -1), &[("short_reason", "紧急")]),
    )
    .await;
    assert_eq!(res.status(), 400, "a period that ends before it opens");
    let res = post_multipart(
        &app,
        "/disclosure/consultation/new",
        &editor,
        consultation(short, "2026-02-30", &[]),
    )
    .await;
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("征集截止日期应为有效日期"));
    let id = create(
        &app,
        &editor,
        consultation(
            short,
            &day(&app, 9),
            &[("short_reason", "上级部署要求年底前出台")],
        ),
    )
    .await;
    assert_eq!(approve(&app, &reviewer, id).await.status(), 303);
    let (_, page) = app.page(&format!("/consultations/{id}")).await;
    assert!(
        page.contains("征集期少于30日的理由") && page.contains("上级部署要求年底前出台"),
        "{page}"
    );
    assert!(page.contains("还剩10天"));
    // Comments only in the report here: none is shown one by one.
    let (status, _) = comment(&app, id, &[("body", "同意"), ("name", "李四")]).await;
    assert_eq!(status, 303);
    let ids = comment_ids(&app, id).await;
    let (status, page) = staff_post(&app, id, &editor, &[("action", "show"), ("c", &ids[0])]).await;
    assert_eq!(status, 409, "{page}");
    let (_, page) = app.page(&format!("/consultations/{id}")).await;
    assert!(!page.contains("已公开的意见"));
}

async fn bad_comments_are_refused_with_entries_kept(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    let id = create(
        &app,
        &editor,
        consultation("关于征求意见的公告", &day(&app, 30), &[]),
    )
    .await;
    assert_eq!(approve(&app, &reviewer, id).await.status(), 303);
    let long = "长".repeat(3001);
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[("body", ""), ("name", "张三")], "请填写您的意见和建议"),
        (
            &[("body", "意见"), ("name", "")],
            "请填写您的姓名或单位名称",
        ),
        (
            &[("body", "意见"), ("name", "张三"), ("part", "第九十九条")],
            "请从列表中选择",
        ),
        (&[("body", &long), ("name", "张三")], "意见不能超过3000字"),
        (
            &[
                ("body", "意见保留"),
                ("name", "张三"),
                ("contact", "打电话"),
            ],
            "联系方式请填写",
        ),
    ];
    for (fields, message) in cases {
        let (status, page) = comment(&app, id, fields).await;
        assert_eq!(status, 400, "{message}");
        assert!(page.contains(message), "{message}: {page:.400}");
        assert!(page.contains("错误："));
    }
    let (_, page) = comment(
        &app,
        id,
        &[
            ("body", "意见保留"),
            ("name", "张三"),
            ("contact", "打电话"),
        ],
    )
    .await;
    assert!(
        page.contains("意见保留") && page.contains("打电话"),
        "entries kept"
    );
    assert!(comment_ids(&app, id).await.is_empty());
    let (status, _) = comment(&app, 999_999, &[("body", "x")]).await;
    assert_eq!(status, 404);
}

async fn commenting_is_limited_per_client(engine: Engine) {
    let app = spawn_app_with(engine, false, |s| {
        s.submissions_per_hour = 2;
    })
    .await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    let id = create(
        &app,
        &editor,
        consultation(
            "关于征求意见的公告",
            &day(&app, 30),
            &[("anonymous_ok", "1")],
        ),
    )
    .await;
    assert_eq!(approve(&app, &reviewer, id).await.status(), 303);
    for _ in 0..2 {
        assert_eq!(comment(&app, id, &[("body", "支持")]).await.0, 303);
    }
    let (status, page) = comment(&app, id, &[("body", "支持")]).await;
    assert_eq!(status, 429);
    assert!(page.contains("频繁") || page.contains("稍后"), "{page}");
    assert_eq!(comment_ids(&app, id).await.len(), 2);
}

async fn the_demo_has_a_consultation_at_every_stage(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (_, list) = app.page("/consultations").await;
    for heading in [
        "正在征集（1项）",
        "正在研究处理（1项）",
        "已反馈意见采纳情况（1项）",
    ] {
        assert!(list.contains(heading), "{heading}: {list}");
    }
    let ids: Vec<(i64, String)> = sqlx::query_as(
        "SELECT article_id, feedback_md FROM consultation_terms ORDER BY article_id",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let (answered, _) = ids.iter().find(|(_, f)| !f.is_empty()).unwrap();
    let (_, page) = app.page(&format!("/consultations/{answered}")).await;
    assert!(page.contains("共征集意见6条"), "{page}");
    assert!(page.contains("350102********1238") && !page.contains("350102199001011238"));
    assert!(
        page.contains("福建省实体书店扶持资金管理办法"),
        "the decision is linked"
    );
    let decision: (i64,) =
        sqlx::query_as("SELECT decision_id FROM consultation_terms WHERE article_id = $1")
            .bind(answered)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let (_, doc) = app.page(&format!("/articles/{}", decision.0)).await;
    assert!(
        doc.contains(&format!("/consultations/{answered}")),
        "and links back"
    );
    // The open one shows its shown comments, masked.
    let (open, _) = &ids[0];
    let (_, page) = app.page(&format!("/consultations/{open}")).await;
    assert!(
        page.contains("已公开的意见（2条）") && page.contains("林**"),
        "{page}"
    );
    // The workbench flags the one closed past 30 days without feedback.
    let editor = app.staff("bianji2", &[Role::Editor]).await;
    let (_, bench) = app.page_as("/staff", &editor).await;
    assert!(
        bench.contains("意见征集逾期未反馈") && bench.contains("信用管理办法"),
        "{bench}"
    );
    let (status, work) = app.page_as("/staff/consultations", &editor).await;
    assert_eq!(status, 200);
    assert!(work.contains("截止已31天，尚未反馈"), "{work}");
}
