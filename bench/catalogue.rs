//! Catalogue benchmark: 100,000 generated items, then category list pages
//! under every filter, deep cursor pages, the catalogue tree and item pages,
//! on SQLite and on PostgreSQL. Prints figures; asserts nothing.
//!
//!     cargo bench --bench catalogue --features ssr
//!     GONGKAI_BENCH_ITEMS=20000 cargo bench --bench catalogue --features ssr
//!
//! Latency is measured by a client on loopback against the real router, one
//! request at a time, so it is the server's time plus well under a
//! millisecond of transport.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark that cannot run stops"
)]

#[path = "../tests/common/mod.rs"]
mod common;

use common::{fresh_db, Engine};
use gongkai::server::{config::Settings, leptos_options, router::router, state::AppState};
use std::time::{Duration, Instant};

const REQUESTS: usize = 200;

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

async fn measure(client: &reqwest::Client, url: &str) -> (f64, f64, f64) {
    for _ in 0..10 {
        let _ = client
            .get(url)
            .send()
            .await
            .and_then(|r| r.error_for_status());
    }
    let mut times = Vec::with_capacity(REQUESTS);
    for _ in 0..REQUESTS {
        let started = Instant::now();
        let res = client.get(url).send().await.expect("request");
        assert!(res.status().is_success(), "{url}: {}", res.status());
        let _ = res.bytes().await.expect("body");
        times.push(started.elapsed());
    }
    times.sort();
    (
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        percentile(&times, 0.99),
    )
}

async fn run(engine: Engine, items: u64) {
    let (db, _dir) = fresh_db(engine).await;
    let mut settings = Settings::for_tests("unused://");
    // Every request rendered: these figures are the server's own work, not
    // the page cache's (bench/serve.sh measures that).
    settings.page_cache_mb = 0;
    let calendar = gongkai::clock::db::load(&db).await.expect("calendar");
    let started = Instant::now();
    gongkai::content::generate::generate(&db, items, &calendar, |_| {})
        .await
        .expect("generate");
    let took = started.elapsed().as_secs_f64();
    println!(
        "\n{engine:?}: generated {items} items in {took:.1} s ({:.0} items/s)",
        items as f64 / took
    );

    let state = AppState::new(settings.clone(), leptos_options(&settings), db.clone())
        .await
        .expect("state");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, router(state)).await });
    let client = reqwest::Client::new();

    // A cursor halfway down the news list, and an item to show.
    let (at, id): (i64, i64) = sqlx::query_as(
        "SELECT published_at, id FROM articles WHERE kind = 'news' ORDER BY published_at DESC, id DESC LIMIT 1 OFFSET 8000",
    )
    .fetch_one(db.pool())
    .await
    .expect("cursor");
    let scenarios = [
        ("category, first page", "/disclosure/news".to_owned()),
        (
            "category, year filter",
            "/disclosure/policy?year=2020".to_owned(),
        ),
        (
            "category, topic + validity",
            "/disclosure/policy?topic=film&validity=valid".to_owned(),
        ),
        (
            "category, sub-kind + year",
            "/disclosure/interpretation?sub=graphic&year=2018".to_owned(),
        ),
        (
            "category, deep cursor page",
            format!("/disclosure/news?before={at}.{id}"),
        ),
        (
            "category, previous page",
            format!("/disclosure/news?after={at}.{id}"),
        ),
        ("catalogue tree", "/disclosure".to_owned()),
        ("item page", format!("/articles/{id}")),
        ("home page", "/".to_owned()),
        ("feed", "/feed.xml".to_owned()),
    ];
    println!(
        "{:<30} {:>9} {:>9} {:>9}",
        "page", "p50 ms", "p95 ms", "p99 ms"
    );
    for (name, path) in scenarios {
        let (p50, p95, p99) = measure(&client, &format!("{base}{path}")).await;
        println!("{name:<30} {p50:>9.2} {p95:>9.2} {p99:>9.2}");
    }
}

#[tokio::main]
async fn main() {
    let items = std::env::var("GONGKAI_BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    println!("catalogue benchmark: {items} items, {REQUESTS} requests per page, one at a time");
    run(Engine::Sqlite, items).await;
    run(Engine::Postgres, items).await;
}
