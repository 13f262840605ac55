//! The portal skeleton over HTTP, on both databases: pages, statuses, shell,
//! preferences, request forgery, health, and concurrent writes.
#![cfg(feature = "ssr")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed test is a panic"
)]

use crate::common::{spawn_app, Engine};
use gongkai::clock::Calendar;
use gongkai::content::{
    db::{insert_article, NewArticle},
    types::ContentKind,
};

fn news(title: &str, body: &str, published_at: i64) -> NewArticle {
    NewArticle::published(ContentKind::News, title, body, "办公室", published_at)
}

on_both_engines!(
    home_page_has_the_shell_and_the_news,
    article_pages_render_and_unknown_ids_are_404,
    unknown_paths_get_a_404_page,
    article_list_paginates,
    hostile_markdown_is_rendered_harmless,
    elder_view_is_remembered_in_a_cookie,
    cross_site_posts_are_refused,
    health_reports_the_database,
    concurrent_writers_never_fail,
    demo_data_loads_once,
);

async fn home_page_has_the_shell_and_the_news(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let res = app.get("/").await;
    assert_eq!(res.status(), 200);
    let csp = res
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .expect("CSP header")
        .to_owned();
    let body = res.text().await.expect("body");
    assert!(body.contains("<html lang=\"zh-CN\""));
    assert!(
        body.contains("<title>福建省新闻出版广电局</title>"),
        "title"
    );
    assert!(body.contains("<meta name=\"description\""));
    assert!(body.contains("href=\"#main\""), "skip link");
    assert!(body.contains("id=\"main\""));
    assert!(body.contains("aria-label=\"主导航\""));
    assert!(body.contains("扫一扫在手机上查看当前页面"));
    assert!(
        body.contains("全省版权工作会议部署2026年重点任务"),
        "newest news item listed"
    );
    assert!(
        body.contains("福建省新闻出版广电局2016年政务公开工作实施方案"),
        "the plan is listed"
    );
    assert!(
        body.contains("<leptos-island"),
        "the 长辈版 switch is an island"
    );
    // Exactly the page's inline scripts (the hydration script) are allowed,
    // by their hashes; no inline script runs unlisted.
    let hashes = gongkai::server::http::inline_script_hashes(&body);
    assert!(!hashes.is_empty(), "the hydration script is inline");
    for h in &hashes {
        assert!(csp.contains(&format!("'sha256-{h}'")), "{h} in {csp}");
    }
    assert_eq!(csp.matches("'sha256-").count(), hashes.len());
    assert!(!csp.contains("unsafe-inline") && !csp.contains("nonce"));
    assert!(csp.contains("'wasm-unsafe-eval'"));
    // The islands' preloads are claimed by the fetches that follow them: the
    // module preload fetches as a module script does (no `crossorigin`), the
    // WebAssembly one as wasm-bindgen's `fetch` does (`anonymous`); no
    // invalid `crossorigin` value (leptos#4843).
    assert!(
        body.contains("<link rel=\"modulepreload\" href=\"/pkg/gongkai"),
        "module preload"
    );
    let preloads: Vec<&str> = body
        .split("<link ")
        .skip(1)
        .filter_map(|l| l.split('>').next())
        .filter(|l| l.contains("preload"))
        .collect();
    assert_eq!(preloads.len(), 2, "{preloads:?}");
    assert!(!preloads[0].contains("crossorigin"), "{}", preloads[0]);
    assert!(
        preloads[1].contains("as=\"fetch\"") && preloads[1].contains("crossorigin=\"anonymous\""),
        "{}",
        preloads[1]
    );
    assert_eq!(body.matches("crossorigin=").count(), 1);
}

async fn article_pages_render_and_unknown_ids_are_404(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (status, home) = app.page("/").await;
    assert_eq!(status, 200);
    let href = home
        .split("href=\"/articles/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a link to an article");
    let (status, body) = app.page(&format!("/articles/{href}")).await;
    assert_eq!(status, 200);
    assert!(body.contains("<h1 class=\"app-article__title\">"));
    assert!(body.contains("发布机构"));

    let plan_id: (i64,) = sqlx::query_as("SELECT id FROM articles WHERE kind = 'policy'")
        .fetch_one(app.db.pool())
        .await
        .expect("plan");
    let (status, body) = app.page(&format!("/articles/{}", plan_id.0)).await;
    assert_eq!(status, 200);
    assert!(body.contains(
        "<title>福建省新闻出版广电局2016年政务公开工作实施方案 - 福建省新闻出版广电局</title>"
    ));
    assert!(body.contains("闽政办〔2016〕83号"));
    assert!(body.contains("<h2>三、强化公开能力建设"));
    // The old portal's footer line is not part of the body.
    let article = body
        .split("app-article__body")
        .nth(1)
        .and_then(|s| s.split("</article>").next())
        .expect("body");
    assert!(!article.contains("扫一扫"));

    for missing in [
        "/articles/999999",
        "/articles/0",
        "/articles/abc",
        "/articles/-1",
    ] {
        let (status, body) = app.page(missing).await;
        assert_eq!(status, 404, "{missing}");
        assert!(body.contains("页面未找到"), "{missing}");
    }
}

async fn unknown_paths_get_a_404_page(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let (status, body) = app.page("/no/such/page?x=1").await;
    assert_eq!(status, 404);
    assert!(body.contains("页面未找到"));
    assert!(body.contains("<html lang=\"zh-CN\""));
    assert!(body.contains("扫一扫在手机上查看当前页面"));
}

async fn article_list_paginates(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let now = gongkai::ui::format::now();
    for i in 0..45 {
        let new = news(&format!("第{i}条动态"), "正文", 1_700_000_000 + i);
        let mut conn = app.db.pool().acquire().await.expect("conn");
        insert_article(&mut conn, &new, now, &Calendar::default())
            .await
            .expect("insert");
    }
    let (status, first) = app.page("/articles").await;
    assert_eq!(status, 200);
    assert!(first.contains("共 45 条"));
    assert!(first.contains("第44条动态"), "newest first");
    assert!(!first.contains("第24条动态"), "only 20 a page");
    assert!(first.contains("href=\"/articles?page=2\""));
    let (status, third) = app.page("/articles?page=3").await;
    assert_eq!(status, 200);
    assert!(third.contains("第0条动态"));
    assert!(third.contains("第3页"));
    for bad in ["/articles?page=4", "/articles?page=0", "/articles?page=abc"] {
        assert_eq!(app.page(bad).await.0, 404, "{bad}");
    }
}

async fn hostile_markdown_is_rendered_harmless(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let new = news(
        "测试<script>alert(1)</script>",
        "正文

<script>alert('x')</script>

<img src=x onerror=alert(1)>

[链接](javascript:alert(1))",
        1_700_000_000,
    );
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let id = insert_article(&mut conn, &new, 1_700_000_000, &Calendar::default())
        .await
        .expect("insert");
    let (status, body) = app.page(&format!("/articles/{id}")).await;
    assert_eq!(status, 200);
    let main = body
        .split("<main")
        .nth(1)
        .and_then(|s| s.split("</main>").next())
        .expect("main");
    assert!(!main.contains("<script"), "{main}");
    assert!(!main.contains("onerror"));
    assert!(!main.contains("javascript:"));
    assert!(
        main.contains("测试&lt;script&gt;"),
        "the title is escaped, not dropped"
    );
}

async fn elder_view_is_remembered_in_a_cookie(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let (_, plain) = app.page("/").await;
    assert!(!plain.contains("class=\"app-elder\""));
    let res = app
        .client
        .post(app.url("/prefs/elder"))
        .form(&[("on", "1"), ("return_to", "/articles?page=1")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/articles?page=1");
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .to_owned();
    assert!(cookie.starts_with("gk_elder=1;"));
    let body = app
        .client
        .get(app.url("/"))
        .header("cookie", "gk_elder=1")
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(body.contains("<html lang=\"zh-CN\" class=\"app-elder\""));
    assert!(body.contains("退出长辈版"));
    // A foreign redirect target falls back to the home page.
    let res = app
        .client
        .post(app.url("/prefs/elder"))
        .form(&[("on", "0"), ("return_to", "//evil.example/")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.headers()["location"], "/");
}

async fn cross_site_posts_are_refused(engine: Engine) {
    let app = spawn_app(engine, false).await;
    for (name, value) in [
        ("sec-fetch-site", "cross-site"),
        ("origin", "http://evil.example"),
    ] {
        let res = app
            .client
            .post(app.url("/prefs/elder"))
            .header(name, value)
            .form(&[("on", "1")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 403, "{name}: {value}");
        assert!(res.text().await.expect("body").contains("拒绝"));
    }
    let res = app
        .client
        .post(app.url("/api/get_home"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 403);
    let res = app
        .client
        .post(app.url("/prefs/elder"))
        .header("sec-fetch-site", "same-origin")
        .form(&[("on", "1")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 303);
}

async fn health_reports_the_database(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status(), 200);
    let json: serde_json::Value = res.json().await.expect("json");
    assert_eq!(json["status"], "ok");
    assert_eq!(json["database"]["status"], "ok");
    app.db.pool().close().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status(), 503);
    let json: serde_json::Value = res.json().await.expect("json");
    assert_eq!(json["status"], "error");
    // A page that needs the database now answers 500, in Chinese, without panicking.
    let (status, body) = app.page("/articles").await;
    assert_eq!(status, 500);
    assert!(body.contains("系统暂时无法处理您的请求"));
}

async fn concurrent_writers_never_fail(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let mut tasks = Vec::new();
    for i in 0..50 {
        let db = app.db.clone();
        tasks.push(tokio::spawn(async move {
            let mut tx = db.begin_write().await?;
            let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM articles")
                .fetch_one(&mut *tx)
                .await?;
            let new = news(&format!("并发写入{i}（读到{n}条）"), "", 1_700_000_000);
            insert_article(&mut tx, &new, 1_700_000_000, &Calendar::default()).await?;
            tx.commit().await
        }));
    }
    for task in tasks {
        task.await.expect("join").expect("no writer fails");
    }
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM articles")
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    assert_eq!(n, 50);
}

async fn demo_data_loads_once(engine: Engine) {
    let app = spawn_app(engine, true).await;
    assert!(!gongkai::demo::load_if_empty(&app.db)
        .await
        .expect("second load"));
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM articles")
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    assert!(n >= 30, "at least 30 items, got {n}");
    assert_eq!(app.state.site().name, "福建省新闻出版广电局");
}
