//! The rendered-page cache, on both databases: public pages come from it
//! and revalidate with 304; every kind of public write shows at once on the
//! server that made it and within a second or two on another; staff never
//! see a cached page nor fill the cache; 长辈版 and the normal page never mix;
//! pages turn over at Beijing midnight; the CSP lists exactly the page's
//! inline scripts.
#![cfg(feature = "ssr")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed test is a panic"
)]

use crate::common::{approve, second_server, spawn_app, submit_new, Engine, TestApp};
use gongkai::account::types::Role;
use std::time::Duration;

on_both_engines!(
    public_pages_come_from_the_cache_and_revalidate,
    writes_show_at_once,
    staff_never_meet_the_cache,
    elder_and_normal_pages_never_mix,
    another_server_sees_a_write_within_seconds,
    cached_pages_turn_over_at_beijing_midnight,
);

/// The cache's figures from `/healthz`.
async fn figures(app: &TestApp) -> serde_json::Value {
    let health: serde_json::Value = app.get("/healthz").await.json().await.unwrap();
    health["page_cache"].clone()
}

fn count(figures: &serde_json::Value, what: &str) -> u64 {
    figures[what]
        .as_u64()
        .unwrap_or_else(|| panic!("{what} in {figures}"))
}

async fn public_pages_come_from_the_cache_and_revalidate(engine: Engine) {
    let app = spawn_app(engine, true).await;
    for path in ["/", "/articles/1", "/registers/licences", "/feed.xml"] {
        let first = app.get(path).await;
        assert_eq!(first.status(), 200, "{path}");
        let etag = first.headers()["etag"].to_str().unwrap().to_owned();
        let csp = first
            .headers()
            .get("content-security-policy")
            .map(|v| v.to_str().unwrap().to_owned());
        let first = first.text().await.unwrap();
        let before = figures(&app).await;
        let second = app.get(path).await;
        assert_eq!(second.headers()["etag"].to_str().unwrap(), etag, "{path}");
        assert_eq!(
            second
                .headers()
                .get("content-security-policy")
                .map(|v| v.to_str().unwrap().to_owned()),
            csp,
            "{path}"
        );
        assert_eq!(
            second.text().await.unwrap(),
            first,
            "{path}: the same bytes"
        );
        let after = figures(&app).await;
        assert_eq!(count(&after, "hits"), count(&before, "hits") + 1, "{path}");
        assert_eq!(count(&after, "misses"), count(&before, "misses"), "{path}");
        // A browser holding the page is told it is still current.
        let res = app
            .client
            .get(app.url(path))
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 304, "{path}");
        assert_eq!(res.headers()["etag"].to_str().unwrap(), etag);
        assert!(res.text().await.unwrap().is_empty());
    }
    // Every encoding decodes to the same page (reqwest asks for none: the
    // bodies above were the plain ones).
    for coding in ["br", "gzip"] {
        let res = app
            .client
            .get(app.url("/"))
            .header("accept-encoding", coding)
            .send()
            .await
            .unwrap();
        assert_eq!(res.headers()["content-encoding"], coding);
        assert!(res.headers()["vary"]
            .to_str()
            .unwrap()
            .contains("accept-encoding"));
        let length: usize = res.headers()["content-length"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(res.bytes().await.unwrap().len(), length);
    }
    // A page that is not found is drawn each time, never kept.
    let before = count(&figures(&app).await, "entries");
    assert_eq!(app.get("/articles/999999").await.status(), 404);
    assert_eq!(count(&figures(&app).await, "entries"), before);
}

async fn writes_show_at_once(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let editor = app.staff("cache_editor", &[Role::Editor]).await;
    let reviewer = app.staff("cache_reviewer", &[Role::Reviewer]).await;
    let admin = app.staff("cache_admin", &[Role::Admin]).await;
    // Publish: the list was cached before, and shows the new item at once.
    for _ in 0..2 {
        assert!(!app
            .page("/disclosure/notice")
            .await
            .1
            .contains("缓存测试通知"));
    }
    let id = submit_new(&app, &editor, "缓存测试通知", "正文").await;
    assert!(
        !app.page("/disclosure/notice")
            .await
            .1
            .contains("缓存测试通知"),
        "submitting publishes nothing"
    );
    assert_eq!(approve(&app, &reviewer, id).await.status(), 303);
    assert!(app
        .page("/disclosure/notice")
        .await
        .1
        .contains("缓存测试通知"));
    let article = format!("/articles/{id}");
    assert_eq!(app.page(&article).await.0, 200);
    assert_eq!(app.page(&article).await.0, 200);
    // Withdraw: the cached article page says so at once.
    let res = app
        .post_form(
            &format!("{article}/withdraw"),
            &reviewer,
            &[("reason", "缓存测试撤回")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (status, page) = app.page(&article).await;
    assert_eq!(status, 410);
    assert!(page.contains("缓存测试撤回"));
    // A register row withdrawn leaves its cached page at once.
    let (row,): (i64,) =
        sqlx::query_as("SELECT id FROM register_rows WHERE register = 'power' ORDER BY id LIMIT 1")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let row_page = format!("/registers/power/{row}");
    let before = app.page(&row_page).await;
    assert_eq!(app.page(&row_page).await, before, "cached");
    let res = app
        .post_form(
            &format!("{row_page}/withdraw"),
            &editor,
            &[("reason", "事项已整合")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_ne!(app.page(&row_page).await, before, "the withdrawal shows");
    // A setting every page shows (a pinned hot word) changes cached pages.
    assert!(!app.page("/").await.1.contains("缓存热词"));
    let res = app
        .post_form(
            "/staff/search",
            &admin,
            &[("word", "缓存热词"), ("action", "pin")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(app.page("/").await.1.contains("缓存热词"));
    assert!(app.page("/articles/1").await.1.contains("缓存热词"));
}

async fn staff_never_meet_the_cache(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let editor = app.staff("cache_editor", &[Role::Editor]).await;
    // The public page is cached; staff get their own page, with edit links.
    let public = app.page("/articles/1").await.1;
    assert_eq!(app.page("/articles/1").await.1, public);
    let before = figures(&app).await;
    let res = app.get_as("/articles/1", &editor).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers().get("etag").is_none(), "not from the cache");
    let staff_page = res.text().await.unwrap();
    assert_ne!(staff_page, public);
    assert!(staff_page.contains("/articles/1/edit"), "the edit link");
    let _ = app.page_as("/", &editor).await;
    let _ = app.page_as("/disclosure", &editor).await;
    let after = figures(&app).await;
    for what in ["hits", "misses", "entries"] {
        assert_eq!(count(&after, what), count(&before, what), "{what}");
    }
    // And the public still gets the public page.
    assert!(!app.page("/articles/1").await.1.contains("/articles/1/edit"));
}

async fn elder_and_normal_pages_never_mix(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let elder = |app: &TestApp| {
        app.client
            .get(app.url("/"))
            .header("cookie", "gk_elder=1")
            .send()
    };
    for _ in 0..2 {
        let normal = app.page("/").await.1;
        let big = elder(&app).await.unwrap().text().await.unwrap();
        assert!(!normal.contains("class=\"app-elder\""), "normal page");
        assert!(big.contains("<html lang=\"zh-CN\" class="), "长辈版 page");
        assert_ne!(normal, big);
    }
}

/// Pages that change with the date (days left, 公示期, scheduled items) turn
/// over at Beijing midnight: a page cached before it is drawn again after.
async fn cached_pages_turn_over_at_beijing_midnight(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let get = |path: &'static str| {
        let client = app.client.clone();
        let url = format!("{}{path}", app.base);
        async move {
            let res = client.get(url).send().await.expect("get");
            assert_eq!(res.status(), 200);
            res.text().await.expect("body")
        }
    };
    get("/").await;
    let before = figures(&app).await;
    get("/").await;
    let cached = figures(&app).await;
    assert_eq!(count(&cached, "hits"), count(&before, "hits") + 1);

    // One second past the next midnight in Beijing.
    let now = gongkai::ui::format::now();
    let tomorrow = app.state.today().succ_opt().expect("tomorrow");
    let midnight = gongkai::ui::format::unix_at(tomorrow, chrono::NaiveTime::MIN);
    app.state.shift_clock(midnight - now + 1);
    assert_eq!(app.state.today(), tomorrow);
    get("/").await;
    let next_day = figures(&app).await;
    assert_eq!(
        count(&next_day, "hits"),
        count(&cached, "hits"),
        "not served from yesterday's copy"
    );
    assert_eq!(
        count(&next_day, "misses"),
        count(&cached, "misses") + 1,
        "drawn again"
    );
    get("/").await;
    assert_eq!(
        count(&figures(&app).await, "hits"),
        count(&next_day, "hits") + 1,
        "and cached for the new day"
    );
}

async fn another_server_sees_a_write_within_seconds(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let other = second_server(&app).await;
    let reviewer = app.staff("cache_reviewer", &[Role::Reviewer]).await;
    let (status, page) = other.page("/articles/1").await;
    assert_eq!(status, 200);
    assert_eq!(other.page("/articles/1").await, (status, page));
    let res = app
        .post_form(
            "/articles/1/withdraw",
            &reviewer,
            &[("reason", "跨服务器撤回")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let start = std::time::Instant::now();
    loop {
        let (status, page) = other.page("/articles/1").await;
        if status == 410 && page.contains("跨服务器撤回") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "the other server still shows the withdrawn item"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A static file without a precompressed copy beside it (a plain
/// `cargo leptos build --release`) is compressed as it is served.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn static_files_are_compressed_without_precompressed_copies() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("pkg")).unwrap();
    let wasm: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(site.path().join("pkg/gongkai.wasm"), &wasm).unwrap();
    let root = site.path().to_string_lossy().into_owned();
    let app =
        crate::common::spawn_app_with(Engine::Sqlite, false, move |s| s.site_root = root).await;
    for coding in ["br", "gzip"] {
        let res = app
            .client
            .get(app.url("/pkg/gongkai.wasm"))
            .header("accept-encoding", coding)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-encoding"], coding);
        let body = res.bytes().await.unwrap();
        assert!(
            body.len() < wasm.len() / 4,
            "{coding}: {} bytes",
            body.len()
        );
    }
}
