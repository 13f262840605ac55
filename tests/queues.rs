//! The handlers' queues at volume, on both databases: `/staff/cases` and
//! `/staff/consult` filter by status, service, light and date and sort by
//! the stored due date, a page at a time; a filter that cannot be read is
//! refused with the entries kept; a calendar change moves the stored due
//! dates. (bench/queues.rs measures them at 10,000 open cases.)

use crate::common::{spawn_app, Engine, TestApp};
use gongkai::account::types::Role;

on_both_engines!(
    the_case_queue_filters_and_sorts_by_stored_due_dates,
    the_question_queue_filters_and_pages,
    a_calendar_change_moves_the_stored_due_dates,
);

/// The queue table's rows as (number, status cell, submitted, due, light).
fn rows(page: &str) -> Vec<(String, String, String, String, String)> {
    let cell = |row: &str, label: &str| {
        row.split(&format!("data-label=\"{label}\">"))
            .nth(1)
            .and_then(|s| s.split("</").next())
            .map(|s| s.rsplit('>').next().unwrap_or(s).to_owned())
            .unwrap_or_default()
    };
    page.split("<tr>")
        .skip(2)
        .map(|row| {
            let light = row
                .split("app-urgency--")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or_default()
                .to_owned();
            (
                cell(row, "受理编号"),
                cell(row, "状态"),
                cell(row, "提交日期"),
                cell(row, "承诺办结日期"),
                light,
            )
        })
        .collect()
}

/// The figure after `label` in the page's status line.
fn figure(page: &str, label: &str) -> i64 {
    let line = page
        .split("app-meta-line\">")
        .nth(1)
        .and_then(|s| s.split("</p>").next())
        .unwrap_or_default();
    line.split(label)
        .nth(1)
        .map(|s| {
            s.trim_start()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .and_then(|n| n.parse().ok())
        .unwrap_or(-1)
}

async fn with_cases(engine: Engine, n: u64) -> (TestApp, String) {
    let app = spawn_app(engine, true).await;
    let codes: Vec<String> = gongkai::services::db::all(&app.db)
        .await
        .expect("services")
        .into_iter()
        .map(|s| s.code)
        .collect();
    gongkai::services::db::generate::open_cases(
        &app.db,
        &app.state.calendar(),
        &codes,
        n,
        app.state.today(),
        gongkai::ui::format::now(),
    )
    .await
    .expect("cases");
    let handler = app.staff("banjian-q", &[Role::Handler]).await;
    (app, handler)
}

async fn the_case_queue_filters_and_sorts_by_stored_due_dates(engine: Engine) {
    let (app, handler) = with_cases(engine, 130).await;
    let (all,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM applications WHERE number IS NOT NULL")
            .fetch_one(app.db.pool())
            .await
            .expect("count");
    let (status, page) = app.page_as("/staff/cases", &handler).await;
    assert_eq!(status, 200);
    assert_eq!(figure(&page, "共"), all, "the count is the whole queue's");
    let first = rows(&page);
    assert_eq!(first.len(), 50, "a page of 50");
    // Soonest due first; cases without a running clock after them.
    let dues: Vec<&str> = first.iter().map(|r| r.3.as_str()).collect();
    let dated: Vec<&str> = dues.iter().copied().filter(|d| *d != "—").collect();
    let mut sorted = dated.clone();
    sorted.sort();
    assert_eq!(dated, sorted, "sorted by due date");
    assert!(dues.iter().skip_while(|d| **d != "—").all(|d| *d == "—"));
    assert!(page.contains("aria-label=\"分页\""));
    let (_, second) = app.page_as("/staff/cases?page=2", &handler).await;
    let second = rows(&second);
    assert_eq!(second.len(), 50);
    assert!(
        second.iter().all(|r| !first.iter().any(|f| f.0 == r.0)),
        "pages do not overlap"
    );
    assert!(second[0].3 >= first[49].3 || first[49].3 == "—");

    // Each light: only its cases, as many as the status line counted.
    let red = figure(&page, "红灯（超期）");
    let yellow = figure(&page, "黄灯（剩余不超过 2 个工作日）");
    assert!(red > 0 && yellow > 0, "the generated cases include both");
    for (light, want) in [("red", red), ("yellow", yellow)] {
        let (status, filtered) = app
            .page_as(&format!("/staff/cases?light={light}"), &handler)
            .await;
        assert_eq!(status, 200);
        assert_eq!(figure(&filtered, "共"), want, "{light}");
        let listed = rows(&filtered);
        assert!(!listed.is_empty());
        assert!(listed.iter().all(|r| r.4 == light), "{light}: {listed:?}");
    }
    let (_, paused) = app.page_as("/staff/cases?light=paused", &handler).await;
    let listed = rows(&paused);
    assert!(!listed.is_empty());
    assert!(
        listed.iter().all(|r| r.3 == "—"),
        "a paused clock has no due date"
    );

    // Status, service and dates, together.
    // A service and a week around the day of one of its accepted cases.
    let (code, day): (String, String) = sqlx::query_as(
        "SELECT service_code, submitted_on FROM applications \
         WHERE status = 'accepted' AND number IS NOT NULL ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("an accepted case");
    let day = chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").expect("day");
    let service = gongkai::services::db::all(&app.db)
        .await
        .expect("services")
        .into_iter()
        .find(|s| s.code == code)
        .expect("its service");
    let from = (day - chrono::Days::new(4)).to_string();
    let to = (day + chrono::Days::new(3)).to_string();
    let (_, filtered) = app
        .page_as(
            &format!(
                "/staff/cases?status=accepted&service={}&from={from}&to={to}",
                service.code
            ),
            &handler,
        )
        .await;
    let listed = rows(&filtered);
    assert!(!listed.is_empty(), "{filtered}");
    for r in &listed {
        assert_eq!(r.1, "已受理", "{r:?}");
        assert!(r.2 >= from && r.2 <= to, "{r:?}");
    }
    let option = filtered
        .split("<option")
        .find(|o| o.contains(&format!("value=\"{}\"", service.code)))
        .unwrap_or_default();
    assert!(
        option.contains("selected"),
        "the filter is kept in the form: {option}"
    );
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM applications WHERE status = 'accepted' AND service_code = $1 \
         AND submitted_on >= $2 AND submitted_on <= $3",
    )
    .bind(&service.code)
    .bind(&from)
    .bind(&to)
    .fetch_one(app.db.pool())
    .await
    .expect("count");
    assert_eq!(figure(&filtered, "共"), n);

    // A filter that cannot be read: 400, each field named, the entries kept.
    let (status, bad) = app
        .page_as(
            "/staff/cases?light=purple&from=2026-13-01&service=nothing",
            &handler,
        )
        .await;
    assert_eq!(status, 400);
    assert!(bad.contains("<title>错误：办件"), "{bad}");
    assert!(bad.contains("没有这种时限状态"));
    assert!(bad.contains("没有这个事项"));
    assert!(bad.contains("请按 2026-01-31 的格式填写日期"));
    assert!(bad.contains("value=\"2026-13-01\""), "entry kept");
    // Only handlers see it.
    let editor = app.staff("bianji-q", &[Role::Editor]).await;
    assert_eq!(app.get_as("/staff/cases", &editor).await.status(), 403);
}

async fn the_question_queue_filters_and_pages(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let handler = app.staff("banjian-c", &[Role::Handler]).await;
    for i in 0..60 {
        app.ask_question(
            &format!("队列测试{i:02}"),
            "测试咨询队列的分页和筛选。",
            "13800000000",
        )
        .await;
    }
    // Ten of them asked long ago: overdue.
    sqlx::query(
        "UPDATE consultations SET asked_on = '2026-01-05' WHERE topic IN \
         ('队列测试00', '队列测试01', '队列测试02', '队列测试03', '队列测试04', \
          '队列测试05', '队列测试06', '队列测试07', '队列测试08', '队列测试09')",
    )
    .execute(app.db.pool())
    .await
    .expect("move back");
    gongkai::consult::db::queue::refresh_dues(&app.db, &app.state.calendar())
        .await
        .expect("refresh");
    let (status, page) = app.page_as("/staff/consult", &handler).await;
    assert_eq!(status, 200);
    let (open,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM consultations WHERE answered_on IS NULL")
            .fetch_one(app.db.pool())
            .await
            .expect("count");
    assert_eq!(figure(&page, "待答复"), open);
    assert_eq!(page.matches("<tr>").count() - 1, 50, "a page of 50");
    // The overdue ones come first.
    let first_row = page.split("<tr>").nth(2).unwrap_or_default();
    assert!(first_row.contains("队列测试0"), "{first_row}");
    let (_, red) = app.page_as("/staff/consult?light=red", &handler).await;
    assert_eq!(figure(&red, "共"), figure(&page, "其中超期"));
    assert!(figure(&red, "共") >= 10);
    assert!(red
        .split("<tr>")
        .skip(2)
        .all(|r| r.contains("app-urgency--red")));
    let (_, second) = app.page_as("/staff/consult?page=2", &handler).await;
    assert!(second.contains("<tr>"));
    let (status, bad) = app
        .page_as("/staff/consult?light=blue&to=yesterday", &handler)
        .await;
    assert_eq!(status, 400);
    assert!(bad.contains("没有这种时限状态") && bad.contains("value=\"yesterday\""));
    // The dashboard shows the ten most urgent and links to the rest.
    let (_, dash) = app.page_as("/staff", &handler).await;
    assert!(
        dash.contains(&format!("查看全部 {open} 条待答复的咨询")),
        "{dash}"
    );
}

async fn a_calendar_change_moves_the_stored_due_dates(engine: Engine) {
    let (app, handler) = with_cases(engine, 20).await;
    let admin = app.staff("guanli-q", &[Role::Admin]).await;
    // A case waiting, its stored due date, and a day off declared on it.
    let (number, due): (String, String) = sqlx::query_as(
        "SELECT number, due_on FROM applications WHERE status = 'submitted' \
         AND due_on IS NOT NULL ORDER BY due_on DESC, id LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("a case");
    let res = app
        .post_form(
            "/staff/calendar",
            &admin,
            &[
                ("year", &due[..4]),
                ("name", "临时调整"),
                ("first", &due),
                ("last", &due),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(
        res.status(),
        303,
        "{}",
        res.text().await.unwrap_or_default()
    );
    let (moved,): (String,) = sqlx::query_as("SELECT due_on FROM applications WHERE number = $1")
        .bind(&number)
        .fetch_one(app.db.pool())
        .await
        .expect("due");
    assert!(moved > due, "{moved} after {due}");
    let (_, page) = app
        .page_as("/staff/cases?from=2000-01-01&page=1", &handler)
        .await;
    let listed = rows(&page);
    let row = listed.iter().find(|r| r.0 == number);
    if let Some(r) = row {
        assert_eq!(r.3, moved);
    }
    let (_, case) = app
        .page_as(&format!("/staff/cases/{number}"), &handler)
        .await;
    assert!(case.contains(&moved), "the case page reckons the same date");
}
