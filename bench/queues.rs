//! Queue benchmark: 10,000 open cases and as many waiting questions (with
//! the demo services), then the handlers' queues under every filter, deep pages, the
//! dashboard and the supervision figures, on SQLite and on PostgreSQL.
//! Prints figures; asserts nothing but success.
//!
//!     cargo bench --bench queues --features ssr
//!     GONGKAI_BENCH_CASES=50000 GONGKAI_BENCH_ENGINE=sqlite cargo bench --bench queues --features ssr
//!
//! Latency is measured by a client on loopback against the real router,
//! one request at a time, signed in as a handler (full HTML pages).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark that cannot run stops"
)]

#[path = "../tests/common/mod.rs"]
mod common;

use common::{fresh_db, Engine};
use std::time::{Duration, Instant};

const REQUESTS: usize = 100;

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

async fn run(engine: Engine, cases: u64) {
    let (db, _dir) = fresh_db(engine).await;
    let now = gongkai::ui::format::now();
    gongkai::services::demo::load(&db, now)
        .await
        .expect("services");
    let calendar = gongkai::clock::db::load(&db).await.expect("calendar");
    let codes: Vec<String> = gongkai::services::db::all(&db)
        .await
        .expect("services")
        .into_iter()
        .map(|s| s.code)
        .collect();
    let today = gongkai::content::db::beijing_date(now);
    let started = Instant::now();
    let made =
        gongkai::services::db::generate::open_cases(&db, &calendar, &codes, cases, today, now)
            .await
            .expect("generate");
    let asked =
        gongkai::consult::db::queue::generate_open(&db, &calendar, &codes, cases, today, now)
            .await
            .expect("generate questions");
    println!(
        "\n{engine:?}: generated {made} open cases and {asked} waiting questions in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // Staff pages are never in the page cache: these are the server's own work.
    let app = common::spawn_on(db.clone()).await;
    let base = app.base.clone();
    let cookie = app
        .staff("bench-handler", &[gongkai::account::types::Role::Handler])
        .await;
    let client = reqwest::Client::new();
    let first = &codes[0];
    let from = (today - chrono::Days::new(10)).to_string();
    let to = (today - chrono::Days::new(3)).to_string();
    let views = [
        "/staff/cases".to_owned(),
        "/staff/cases?page=2".to_owned(),
        format!("/staff/cases?page={}", cases / 50),
        "/staff/cases?light=red".to_owned(),
        "/staff/cases?light=yellow".to_owned(),
        "/staff/cases?light=green&page=20".to_owned(),
        "/staff/cases?light=paused".to_owned(),
        "/staff/cases?status=accepted".to_owned(),
        format!("/staff/cases?service={first}&light=yellow"),
        format!("/staff/cases?from={from}&to={to}"),
        format!("/staff/cases?status=submitted&service={first}&from={from}&to={to}&page=2"),
        "/staff".to_owned(),
        "/staff/supervision".to_owned(),
        "/staff/consult".to_owned(),
        "/staff/consult?page=100".to_owned(),
        "/staff/consult?light=red".to_owned(),
        "/staff/consult?light=yellow&service=none".to_owned(),
        format!("/staff/consult?service={first}&from={from}&to={to}"),
    ];
    println!(
        "{:<72} {:>8} {:>8} {:>8}",
        "view (one at a time, full HTML, signed in)", "p50 ms", "p95 ms", "p99 ms"
    );
    let mut worst: f64 = 0.0;
    for path in &views {
        let url = format!("{base}{path}");
        for _ in 0..3 {
            let _ = client.get(&url).header("cookie", &cookie).send().await;
        }
        let mut times = Vec::with_capacity(REQUESTS);
        for _ in 0..REQUESTS {
            let t = Instant::now();
            let res = client
                .get(&url)
                .header("cookie", &cookie)
                .send()
                .await
                .expect("request");
            assert!(res.status().is_success(), "{path}: {}", res.status());
            let _ = res.bytes().await;
            times.push(t.elapsed());
        }
        times.sort();
        let p95 = percentile(&times, 0.95);
        if path.starts_with("/staff/cases") || path.starts_with("/staff/consult") {
            worst = worst.max(p95);
        }
        println!(
            "{:<72} {:>8.2} {:>8.2} {:>8.2}",
            path,
            percentile(&times, 0.5),
            p95,
            percentile(&times, 0.99)
        );
    }
    println!(
        "{:<72} {:>8} {:>8.2}",
        "worst p95 of the queues (/staff/cases, /staff/consult)", "", worst
    );
    // What a calendar change costs: every open case's due date again.
    let t = Instant::now();
    let moved = gongkai::services::db::queue::refresh_dues(&db, &calendar)
        .await
        .expect("refresh");
    println!(
        "refresh every open case's due date: {moved} moved, {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
}

#[tokio::main]
async fn main() {
    let cases = std::env::var("GONGKAI_BENCH_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    println!("queue benchmark: {cases} open cases, {REQUESTS} requests per view");
    let only = std::env::var("GONGKAI_BENCH_ENGINE").unwrap_or_default();
    if only != "postgres" {
        run(Engine::Sqlite, cases).await;
    }
    if only != "sqlite" {
        run(Engine::Postgres, cases).await;
    }
}
