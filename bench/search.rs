//! Search benchmark: 100,000 generated Chinese documents of about 3 KB,
//! indexing rate (a full reindex) and query latency, on SQLite and on
//! PostgreSQL. Prints figures; asserts nothing.
//!
//!     cargo bench --bench search --features ssr
//!     GONGKAI_BENCH_ITEMS=20000 cargo bench --bench search --features ssr

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

const REQUESTS: usize = 100;

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

async fn run(engine: Engine, items: u64) {
    let (db, _dir) = fresh_db(engine).await;
    let calendar = gongkai::clock::db::load(&db).await.expect("calendar");
    gongkai::content::generate::generate(&db, items, &calendar, |_| {})
        .await
        .expect("generate");
    let started = Instant::now();
    let indexed = gongkai::search::db::index::reindex(&db, |_, _| {})
        .await
        .expect("reindex");
    let took = started.elapsed().as_secs_f64();
    println!(
        "\n{engine:?}: reindexed {indexed} documents in {took:.1} s ({:.0} documents/s)",
        indexed as f64 / took
    );

    let mut settings = Settings::for_tests("unused://");
    // Every request rendered: these figures are the server's own work, not
    // the page cache's (bench/serve.sh measures that).
    settings.page_cache_mb = 0;
    let state = AppState::new(settings.clone(), leptos_options(&settings), db.clone())
        .await
        .expect("state");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, router(state)).await });
    let client = reqwest::Client::new();
    let queries = [
        ("政务公开", ""),
        ("行政处罚", ""),
        ("出版物经营许可", ""),
        ("解读", ""),
        ("许可", "&sort=date"),
        ("2016年", ""),
        ("闽新广〔2019〕", ""),
        ("应急广播 检查", "&kind=news"),
        ("版权", "&year=2020"),
        ("量子引力", ""),
    ];
    println!(
        "{:<28} {:>9} {:>9} {:>9} {:>9}",
        "query", "results", "p50 ms", "p95 ms", "p99 ms"
    );
    let mut all = Vec::new();
    for (q, extra) in queries {
        let url = format!("{base}/search?q={}{extra}", gongkai::ui::url::encode(q));
        let body = client
            .get(&url)
            .send()
            .await
            .expect("search")
            .text()
            .await
            .expect("body");
        let results = body
            .split("找到 ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .unwrap_or("0")
            .to_owned();
        let mut times = Vec::with_capacity(REQUESTS);
        for _ in 0..REQUESTS {
            let t = Instant::now();
            let res = client.get(&url).send().await.expect("search");
            assert!(res.status().is_success());
            let _ = res.bytes().await;
            times.push(t.elapsed());
        }
        all.extend(times.iter().copied());
        times.sort();
        println!(
            "{:<28} {:>9} {:>9.2} {:>9.2} {:>9.2}",
            format!("{q}{extra}"),
            results,
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            percentile(&times, 0.99)
        );
    }
    all.sort();
    println!(
        "{:<28} {:>9} {:>9.2} {:>9.2} {:>9.2}",
        "all queries",
        "",
        percentile(&all, 0.5),
        percentile(&all, 0.95),
        percentile(&all, 0.99)
    );
}

#[tokio::main]
async fn main() {
    let items = std::env::var("GONGKAI_BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    println!("search benchmark: {items} documents, {REQUESTS} requests per query, one at a time (page 1, full HTML)");
    // GONGKAI_BENCH_ENGINE=sqlite or postgres runs one engine only.
    let only = std::env::var("GONGKAI_BENCH_ENGINE").unwrap_or_default();
    if only != "postgres" {
        run(Engine::Sqlite, items).await;
    }
    if only != "sqlite" {
        run(Engine::Postgres, items).await;
    }
}
