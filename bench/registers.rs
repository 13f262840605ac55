//! Register benchmark: 100,000 generated licences and 100,000 penalties,
//! then table pages under every filter, every sort, deep pages, free text
//! and exports, on SQLite and on PostgreSQL. Prints figures; asserts nothing.
//!
//!     cargo bench --bench registers --features ssr
//!     GONGKAI_BENCH_ITEMS=20000 cargo bench --bench registers --features ssr
//!
//! Latency is measured by a client on loopback against the real router, one
//! request at a time (full HTML pages), so it is the server's time plus well
//! under a millisecond of transport.

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
    // GONGKAI_BENCH_SQLITE=FILE keeps the SQLite database in FILE and, when
    // it already holds rows, measures them again without generating anew
    // (for comparing changes to the queries).
    let kept = std::env::var("GONGKAI_BENCH_SQLITE")
        .ok()
        .filter(|_| engine == Engine::Sqlite);
    let (db, _dir) = match &kept {
        Some(file) => {
            let db = gongkai::server::db::Db::connect(&format!("sqlite://{file}"))
                .await
                .expect("open sqlite");
            db.migrate().await.expect("migrate");
            (db, None)
        }
        None => fresh_db(engine).await,
    };
    let (present,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM register_rows")
        .fetch_one(db.pool())
        .await
        .expect("count");
    if present == 0 {
        let started = Instant::now();
        let rows = gongkai::registers::generate::generate(&db, items, |_| {})
            .await
            .expect("generate");
        let took = started.elapsed().as_secs_f64();
        println!(
            "\n{engine:?}: generated {rows} rows in {took:.1} s ({:.0} rows/s)",
            rows as f64 / took
        );
    } else {
        println!("\n{engine:?}: measuring the {present} rows already there");
    }

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
    let e = gongkai::ui::url::encode;
    let views = [
        "/registers/licences".to_owned(),
        "/registers/licences?page=2".to_owned(),
        format!("/registers/licences?page={}", items / 40),
        "/registers/licences?year=2020".to_owned(),
        format!("/registers/licences?status={}", e("有效")),
        format!(
            "/registers/licences?category={}&year=2018&page=3",
            e("特许")
        ),
        "/registers/licences?sort=party&dir=asc".to_owned(),
        format!(
            "/registers/licences?sort=doc_no&dir=desc&page={}",
            items / 200
        ),
        format!("/registers/licences?q={}", e("厦门图书")),
        format!("/registers/licences?q={}", e("福州")),
        format!("/registers/licences?q={}", e("福")),
        format!("/registers/licences?q={}", e("量子引力")),
        format!("/registers/licences?q={}&year=2021", e("印务")),
        "/registers/penalties".to_owned(),
        "/registers/penalties?sort=amount&dir=desc".to_owned(),
        format!(
            "/registers/penalties?sort=amount&dir=asc&page={}",
            items / 200
        ),
        format!("/registers/penalties?category={}&year=2025", e("罚款")),
        format!("/registers/penalties?q={}", e("91350")),
        format!("/registers/penalties?q={}", e("销售非法出版物案")),
        format!("/registers/penalties?sort=case_name&page={}", items / 100),
    ];
    println!(
        "{:<60} {:>8} {:>8} {:>8}",
        "view (one at a time, full HTML)", "p50 ms", "p95 ms", "p99 ms"
    );
    let mut worst: f64 = 0.0;
    for path in &views {
        let url = format!("{base}{path}");
        for _ in 0..5 {
            let _ = client.get(&url).send().await;
        }
        let mut times = Vec::with_capacity(REQUESTS);
        for _ in 0..REQUESTS {
            let t = Instant::now();
            let res = client.get(&url).send().await.expect("request");
            assert!(res.status().is_success(), "{path}: {}", res.status());
            let _ = res.bytes().await;
            times.push(t.elapsed());
        }
        times.sort();
        let p95 = percentile(&times, 0.95);
        worst = worst.max(p95);
        println!(
            "{:<60} {:>8.2} {:>8.2} {:>8.2}",
            path,
            percentile(&times, 0.5),
            p95,
            percentile(&times, 0.99)
        );
    }
    println!("{:<60} {:>8} {:>8.2}", "worst p95", "", worst);
    for path in [
        "/api/open/licences.csv?year=2020",
        "/api/open/penalties.json",
    ] {
        let t = Instant::now();
        let bytes = client
            .get(format!("{base}{path}"))
            .send()
            .await
            .expect("export")
            .bytes()
            .await
            .expect("body");
        println!(
            "export {path}: {:.1} MB in {:.0} ms",
            bytes.len() as f64 / 1e6,
            t.elapsed().as_secs_f64() * 1000.0
        );
    }
}

#[tokio::main]
async fn main() {
    let items = std::env::var("GONGKAI_BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    println!(
        "register benchmark: {items} licences and {items} penalties, {REQUESTS} requests per view"
    );
    // GONGKAI_BENCH_ENGINE=sqlite or postgres runs one engine only.
    let only = std::env::var("GONGKAI_BENCH_ENGINE").unwrap_or_default();
    if only != "postgres" {
        run(Engine::Sqlite, items).await;
    }
    if only != "sqlite" {
        run(Engine::Postgres, items).await;
    }
}
