//! The emergency notice (紧急公告) on both databases: drafted by an
//! administrator, shown only after another member of staff approved it,
//! on every page — cached or not, on every app server — from its start to
//! its end, gone at once when taken down; bad drafts refused in Chinese
//! with the entries kept; every step in the audit log.

use crate::common::{second_server, spawn_app, Engine, TestApp};
use gongkai::account::types::Role;
use gongkai::ui::format::local_input as local;

on_both_engines!(
    a_notice_shows_on_every_page_only_after_review_and_only_in_its_window,
    a_bad_draft_is_refused_with_its_entries_and_only_staff_may_act,
);

const TITLE: &str = "关于台风期间暂停办事大厅现场业务的紧急公告";

async fn cache_hits(app: &TestApp) -> u64 {
    let health: serde_json::Value = app.get("/healthz").await.json().await.expect("json");
    health["page_cache"]["hits"].as_u64().unwrap_or_default()
}

/// Whether `path` shows the notice, asked twice (the second answer comes
/// from the cache when the first went into it).
async fn shows(app: &TestApp, path: &str) -> bool {
    let (status, first) = app.page(path).await;
    assert_eq!(status, 200, "{path}");
    let (_, second) = app.page(path).await;
    let a = first.contains(TITLE);
    assert_eq!(a, second.contains(TITLE), "{path}: the cached copy agrees");
    a
}

async fn draft(app: &TestApp, admin: &str, starts: &str, ends: &str) -> i64 {
    let res = app
        .post_form(
            "/staff/alerts",
            admin,
            &[
                ("action", "draft"),
                ("level", "2"),
                ("title", TITLE),
                (
                    "body",
                    "受台风影响，12月8日全天暂停办事大厅现场业务，网上办理照常。",
                ),
                ("link", "/services"),
                ("starts", starts),
                ("ends", ends),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (id,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM alerts")
        .fetch_one(app.db.pool())
        .await
        .expect("the draft");
    id
}

async fn act(app: &TestApp, who: &str, action: &str, id: i64) -> reqwest::Response {
    app.post_form(
        "/staff/alerts",
        who,
        &[
            ("action", action),
            ("id", &id.to_string()),
            (&format!("reason-{id}"), "请补充恢复时间。"),
        ],
    )
    .await
}

async fn a_notice_shows_on_every_page_only_after_review_and_only_in_its_window(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let other = second_server(&app).await;
    let admin = app.staff("guanli-a", &[Role::Admin, Role::Reviewer]).await;
    let reviewer = app.staff("shenhe-a", &[Role::Reviewer]).await;
    let now = app.state.now();
    let pages = ["/", "/services", "/disclosure", "/search?q=出版"];
    for path in pages {
        assert!(!shows(&app, path).await, "{path}");
    }

    // Drafted: nothing public yet, and its author may not approve it.
    let id = draft(&app, &admin, "", &local(now + 2 * 86_400)).await;
    assert!(!shows(&app, "/").await);
    let (_, dash) = app.page_as("/staff", &reviewer).await;
    assert!(dash.contains("有 1 条紧急公告等待审核"), "{dash}");
    let res = act(&app, &admin, "approve", id).await;
    assert_eq!(res.status(), 403);
    assert!(res
        .text()
        .await
        .unwrap_or_default()
        .contains("不能审核自己起草的公告"));
    assert!(!shows(&app, "/").await);

    // Approved by another: at the top of every page at once, here and on
    // the other app server, cached pages included.
    let hits = cache_hits(&app).await;
    assert_eq!(act(&app, &reviewer, "approve", id).await.status(), 303);
    for path in pages {
        assert!(shows(&app, path).await, "{path}");
    }
    assert!(
        cache_hits(&app).await > hits,
        "the pages were served from the cache"
    );
    let (_, home) = app.page("/").await;
    let banner = home
        .split("aria-label=\"紧急公告\"")
        .nth(1)
        .and_then(|b| b.split("</section>").next())
        .unwrap_or_default();
    assert!(banner.contains("role=\"alert\""), "{banner}");
    assert!(banner.contains("紧急公告 · 重大（Ⅱ级）"), "{banner}");
    assert!(banner.contains("href=\"/services\""), "{banner}");
    assert!(
        home.find("app-skip-link") < home.find("aria-label=\"紧急公告\"")
            && home.find("aria-label=\"紧急公告\"") < home.find("<header"),
        "after the skip link, above the header"
    );
    let mut seen = false;
    for _ in 0..40 {
        // Not `shows`: while the other server's watcher catches up, its two
        // answers may straddle the change.
        if other.page("/").await.1.contains(TITLE) {
            seen = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(seen, "the other app server shows it within seconds");

    // Its end passes: gone from every page, cached or not, with no write.
    app.state.shift_clock(2 * 86_400 + 60);
    for path in pages {
        assert!(!shows(&app, path).await, "{path} after the end");
    }
    app.state.shift_clock(0);
    assert!(shows(&app, "/").await, "back inside the window");

    // Taken down: gone at once; it cannot be taken down twice.
    assert_eq!(act(&app, &admin, "withdraw", id).await.status(), 303);
    assert!(!shows(&app, "/").await);
    assert_eq!(act(&app, &admin, "withdraw", id).await.status(), 409);

    // One that starts later shows from its start only; a returned one never.
    let later = draft(&app, &admin, &local(now + 3_600), &local(now + 7_200)).await;
    assert_eq!(act(&app, &reviewer, "approve", later).await.status(), 303);
    assert!(!shows(&app, "/").await, "not before its start");
    app.state.shift_clock(3_700);
    assert!(shows(&app, "/").await, "from its start");
    app.state.shift_clock(0);
    let returned = draft(&app, &admin, "", &local(now + 3_600)).await;
    assert_eq!(act(&app, &reviewer, "return", returned).await.status(), 303);
    assert_eq!(
        act(&app, &reviewer, "approve", returned).await.status(),
        409
    );

    // The history lists each with its state and who did what.
    let (status, page) = app.page_as("/staff/alerts", &reviewer).await;
    assert_eq!(status, 200);
    for text in [
        "已撤下",
        "已批准，待生效",
        "已退回",
        "理由：请补充恢复时间。",
        "guanli-a",
        "shenhe-a",
    ] {
        assert!(page.contains(text), "{text}: {page}");
    }
    // Every step is in the audit log.
    let (steps,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action IN \
         ('alert.drafted', 'alert.approved', 'alert.returned', 'alert.withdrawn')",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("audit");
    assert_eq!(steps, 3 + 2 + 1 + 1);
}

async fn a_bad_draft_is_refused_with_its_entries_and_only_staff_may_act(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let admin = app.staff("guanli-b", &[Role::Admin]).await;
    let editor = app.staff("bianji-b", &[Role::Editor]).await;
    let reviewer = app.staff("shenhe-b", &[Role::Reviewer]).await;
    let now = app.state.now();
    let res = app
        .post_form(
            "/staff/alerts",
            &admin,
            &[
                ("action", "draft"),
                ("level", ""),
                ("title", "停电通知"),
                ("body", ""),
                ("link", "javascript:alert(1)"),
                ("starts", ""),
                ("ends", &local(now - 60)),
            ],
        )
        .await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.unwrap_or_default();
    for text in [
        "<title>错误：紧急公告",
        "请选择事件级别",
        "请填写公告内容",
        "详情链接须为本站页面",
        "结束时间已经过去",
        "value=\"停电通知\"",
        "javascript:alert(1)",
    ] {
        assert!(page.contains(text), "{text}: {page}");
    }
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM alerts")
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    assert_eq!(count, 0);

    // A reviewer sends one back only with a reason, kept when refused.
    let id = draft(&app, &admin, "", &local(now + 3_600)).await;
    let res = app
        .post_form(
            "/staff/alerts",
            &reviewer,
            &[
                ("action", "return"),
                ("id", &id.to_string()),
                (&format!("reason-{id}"), " "),
            ],
        )
        .await;
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .unwrap_or_default()
        .contains("请填写退回理由"));

    // Who may do what: editors neither draft nor review; an administrator
    // without the reviewer's role does not approve; the public does nothing.
    let drafted = app
        .post_form(
            "/staff/alerts",
            &editor,
            &[("action", "draft"), ("title", "x")],
        )
        .await;
    assert_eq!(drafted.status(), 403);
    assert_eq!(act(&app, &editor, "withdraw", id).await.status(), 403);
    assert_eq!(act(&app, &admin, "approve", id).await.status(), 403);
    assert_eq!(app.get_as("/staff/alerts", &editor).await.status(), 403);
    let anonymous = app
        .client
        .post(app.url("/staff/alerts"))
        .form(&[("action", "withdraw"), ("id", &id.to_string())])
        .send()
        .await
        .expect("post");
    assert_eq!(anonymous.status(), 303, "to the sign-in page");
    let unknown = act(&app, &reviewer, "approve", 999_999).await;
    assert_eq!(unknown.status(), 404);
    let nonsense = app
        .post_form("/staff/alerts", &reviewer, &[("action", "launch")])
        .await;
    assert_eq!(nonsense.status(), 400);
    let (status, _) = app.page_as("/staff/alerts", &reviewer).await;
    assert_eq!(status, 200);
}
