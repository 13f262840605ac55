//! 政府信息公开工作年度报告 over HTTP, on both databases: the demo's report
//! for last year balances and its published tables equal the data; a
//! report written on its page, refused while a check fails (each failure
//! named, entries kept), sent for review and published; a request altered
//! to break a balance is named by the check; the generic editor cannot
//! change a report's body; the workbench warns from January.
#![cfg(feature = "ssr")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed test is a panic"
)]

use crate::common::{approve, spawn_app, Engine, TestApp};
use chrono::Datelike;
use gongkai::account::types::Role;
use gongkai::reports::{db, rules};

on_both_engines!(
    the_demo_report_balances_and_its_tables_are_the_data,
    a_report_is_checked_then_published_through_review,
    a_request_that_does_not_add_up_is_named,
    the_workbench_warns_from_january,
);

const DAY: i64 = 86_400;

/// Moves the app's today a year on, so this year (with the demo's
/// requests) becomes a finished year to report on. Returns that year.
fn next_year(app: &TestApp) -> i32 {
    let year = app.state.today().year();
    app.state.shift_clock(366 * DAY);
    year
}

async fn report_id(app: &TestApp, year: i32) -> i64 {
    let items = db::items(&app.db).await.unwrap();
    items
        .iter()
        .find(|i| i.report.year == year)
        .map(|i| i.item.id)
        .expect("report item")
}

async fn the_demo_report_balances_and_its_tables_are_the_data(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let year = app.state.today().year() - 1;
    let title = format!("福建省新闻出版广电局{year}年政府信息公开工作年度报告");
    let (status, list) = app.page("/disclosure/annual-reports").await;
    assert_eq!(status, 200);
    assert!(list.contains(&title), "{list}");
    let id = report_id(&app, year).await;
    let (status, page) = app.page(&format!("/articles/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("app-prose--report"));
    assert!(
        page.contains("<th scope=\"colgroup\" colspan=\"5\">法人或其他组织</th>"),
        "{page}"
    );
    assert!(page.contains("三、收到和处理政府信息公开申请情况"));
    assert!(page.contains("索引号"));

    // The counted tables balance, and the one counted now is what was
    // published: the CSV (from the published revision) is row for row the
    // data.
    let mut counted = db::count(&app.db, year).await.unwrap();
    counted.proactive.fees_wan = "0".into();
    counted.overview_md = "见表。".into();
    counted.problems_md = "无。".into();
    counted.other_md = "无。".into();
    assert_eq!(rules::problems(&counted), Vec::<String>::new());
    let res = app.get(&format!("/articles/{id}/report.csv")).await;
    assert_eq!(res.status(), 200);
    let csv = res.text().await.unwrap();
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert_eq!(lines.next(), Some("表,项目,列,数值"));
    let expected: Vec<String> = rules::csv_rows(&counted)
        .iter()
        .map(|r| r.join(","))
        .collect();
    let got: Vec<String> = lines.map(str::to_owned).collect();
    assert_eq!(got, expected);

    // Independently of the report's own counting: 本年新收 is every request
    // received in the year.
    let (new,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM disclosure_requests WHERE received_on >= $1 AND received_on <= $2",
    )
    .bind(format!("{year}-01-01"))
    .bind(format!("{year}-12-31"))
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(counted.requests[0][6], new);
    assert!(csv.contains(&format!("三,一、本年新收政府信息公开申请数量,总计,{new}")));

    // A report for an unknown item or one not a report: 404.
    assert_eq!(app.get("/articles/999999/report.csv").await.status(), 404);
    assert_eq!(app.get("/articles/x/report.csv").await.status(), 404);
}

async fn a_report_is_checked_then_published_through_review(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let year = next_year(&app);
    let editor = app.staff("nianbao", &[Role::Editor]).await;
    let reviewer = app.staff("nianbao-shenhe", &[Role::Reviewer]).await;
    let path = format!("/staff/annual-reports/{year}");

    let (status, list) = app.page_as("/staff/annual-reports", &editor).await;
    assert_eq!(status, 200);
    assert!(list.contains(&format!("{year}年度报告")), "{list}");
    assert!(list.contains("未编制"));
    // Staff only.
    assert_eq!(app.page(&path).await.0, 401);
    let nobody = app.staff("nianbao-banjian", &[Role::Handler]).await;
    assert_eq!(app.page_as(&path, &nobody).await.0, 403);
    assert_eq!(
        app.post_form(&path, &nobody, &[("action", "save")])
            .await
            .status(),
        403
    );

    // Sending for review with a blank figure and a number the tables do not
    // hold: refused, each named, the entries kept.
    let res = app
        .post_form(
            &path,
            &editor,
            &[
                ("action", "submit"),
                ("overview_md", "全年新收申请9999件。"),
                ("fees_wan", ""),
                ("problems_md", "无。"),
                ("other_md", "无。"),
            ],
        )
        .await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("请填写表二“行政事业性收费·本年收费金额（万元）”"),
        "{body}"
    );
    assert!(body.contains("全年新收申请9999件。"));
    assert!(body.contains("无。"));
    let res = app
        .post_form(
            &path,
            &editor,
            &[
                ("action", "submit"),
                ("overview_md", "全年新收申请9999件，{{办件总数}}。"),
                ("fees_wan", "1.5"),
                ("problems_md", "无。"),
                ("other_md", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("写有“9999件”，与报告表格中的数字都不相符"),
        "{body}"
    );
    assert!(
        body.contains("“{{办件总数}}”不是本报告的数字名称"),
        "{body}"
    );
    assert!(body.contains("请填写“六、其他需要报告的事项”"), "{body}");
    // A wrongly typed figure is refused even in a draft.
    let res = app
        .post_form(&path, &editor, &[("action", "save"), ("fees_wan", "三万")])
        .await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.unwrap();
    assert!(body.contains("以万元为单位填写数字"), "{body}");
    assert!(body.contains("value=\"三万\""), "the entry kept");

    // A draft may fail the checks; the page lists them.
    let res = app
        .post_form(
            &path,
            &editor,
            &[("action", "save"), ("overview_md", "全年新收申请9999件。")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        format!("{path}?notice=annual_saved").as_str()
    );
    let (_, page) = app.page_as(&path, &editor).await;
    assert!(page.contains("核对未通过"), "{page}");
    assert!(page.contains("写有“9999件”"));
    assert!(page.contains("草稿"));
    let id = report_id(&app, year).await;

    // The generic editor hands a report to its page, and cannot change its body.
    let res = app.get_as(&format!("/articles/{id}/edit"), &editor).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], path.as_str());
    let res = app.get_as("/disclosure/annual-reports/new", &editor).await;
    assert_eq!(res.status(), 303);

    // Sent for review once every check holds; published by a reviewer.
    let counted = db::count(&app.db, year).await.unwrap();
    let new = counted.requests[0][6];
    assert!(new > 0, "the demo's requests fall in {year}");
    let res = app
        .post_form(
            &path,
            &editor,
            &[
                ("action", "submit"),
                (
                    "overview_md",
                    "全年新收政府信息公开申请{{本年新收申请}}件。",
                ),
                ("fees_wan", "0"),
                ("problems_md", "解读形式还不够丰富。"),
                ("other_md", "收取信息处理费{{信息处理费元}}元。"),
            ],
        )
        .await;
    assert_eq!(
        res.status(),
        303,
        "{}",
        res.text().await.unwrap_or_default()
    );
    assert_eq!(
        res.headers()["location"],
        format!("{path}?notice=annual_submitted").as_str()
    );
    // Not public before its review.
    assert_eq!(app.page(&format!("/articles/{id}")).await.0, 404);
    assert_eq!(approve(&app, &reviewer, id).await.status(), 303);
    let (status, public) = app.page(&format!("/articles/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        public.contains(&format!("全年新收政府信息公开申请{new}件。")),
        "{public}"
    );
    assert!(!public.contains("{{"));
    let (_, list) = app.page("/disclosure/annual-reports").await;
    assert!(list.contains(&format!("{year}年政府信息公开工作年度报告")));
    let (_, staff_list) = app.page_as("/staff/annual-reports", &editor).await;
    assert!(staff_list.contains("已发布"));

    // Every save and the submission are in the audit log.
    let (saves,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('article_saved', 'article_submitted') AND target LIKE $1",
    )
    .bind(format!("信息 {id}《%"))
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(saves, 2);

    // Its body cannot be changed in the generic editor.
    let res = crate::common::post_multipart(
        &app,
        &format!("/articles/{id}/edit"),
        &editor,
        reqwest::multipart::Form::new()
            .text("kind", "annual-reports")
            .text("title", "改过的报告")
            .text("body_md", "手写的正文")
            .text("publisher", "办公室")
            .text("topic", "general")
            .text("validity", "valid")
            .text("disclosure", "active")
            .text("action", "save"),
    )
    .await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("年度报告"));
}

async fn a_request_that_does_not_add_up_is_named(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let year = next_year(&app);
    let editor = app.staff("nianbao", &[Role::Editor]).await;
    let path = format!("/staff/annual-reports/{year}");
    let (_, page) = app.page_as(&path, &editor).await;
    assert!(
        !page.contains("表三“"),
        "the demo's requests add up: {page}"
    );

    // A request by a natural person replied to before it arrived; another
    // with an outcome the template does not have.
    let replied: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, applicant_kind FROM disclosure_requests WHERE replied_on IS NOT NULL \
         AND received_on >= $1 ORDER BY id",
    )
    .bind(format!("{year}-01-01"))
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let person: Vec<i64> = replied
        .iter()
        .filter(|(_, k)| k == "person")
        .map(|(id, _)| *id)
        .collect();
    assert!(person.len() >= 2);
    sqlx::query("UPDATE disclosure_requests SET replied_on = $1 WHERE id = $2")
        .bind(format!("{}-06-30", year - 1))
        .bind(person[0])
        .execute(app.db.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE disclosure_requests SET outcome = 'deny-9' WHERE id = $1")
        .bind(person[1])
        .execute(app.db.pool())
        .await
        .unwrap();
    let (_, page) = app.page_as(&path, &editor).await;
    assert!(page.contains("表三“自然人”列：本年新收"), "{page}");
    assert!(
        page.contains("表三“自然人”列：办理结果各项之和为"),
        "{page}"
    );
    // And it cannot go to review.
    let res = app
        .post_form(
            &path,
            &editor,
            &[
                ("action", "submit"),
                ("overview_md", "见表。"),
                ("fees_wan", "0"),
                ("problems_md", "无。"),
                ("other_md", "无。"),
            ],
        )
        .await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("表三“自然人”列"));
}

async fn the_workbench_warns_from_january(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let editor = app.staff("nianbao", &[Role::Editor]).await;
    let today = app.state.today();
    // In December, last year's report is published (the demo's): no line.
    let (_, bench) = app.page_as("/staff", &editor).await;
    assert!(bench.contains("href=\"/staff/annual-reports\""));
    assert!(!bench.contains("政府信息公开工作年度报告应于"), "{bench}");
    // On 10 January, this year's report is due by the 31st.
    let january = chrono::NaiveDate::from_ymd_opt(today.year() + 1, 1, 10).unwrap();
    app.state.shift_clock((january - today).num_days() * DAY);
    let (_, bench) = app.page_as("/staff", &editor).await;
    assert!(
        bench.contains(&format!(
            "{}年政府信息公开工作年度报告应于{}年1月31日前公布（目前：未编制）",
            today.year(),
            today.year() + 1
        )),
        "{bench}"
    );
    // In February, unpublished, it is late.
    app.state
        .shift_clock((january - today).num_days() * DAY + 25 * DAY);
    let (_, bench) = app.page_as("/staff", &editor).await;
    assert!(bench.contains("已逾期"), "{bench}");
}
