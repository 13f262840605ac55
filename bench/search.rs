//! Search benchmark at a whole portal's scale: generated items (about 3 KB
//! of Chinese each) and licence and penalty register rows, all indexed, then
//! a full reindex (its rate) and query latency through HTTP, on SQLite and
//! on PostgreSQL. Prints figures; asserts nothing.
//!
//! Queries are not a fixed list: words are drawn from the index itself and
//! grouped by how many documents hold them (common, frequent, medium, rare),
//! plus mixed queries of two words from different bands; each is asked as
//! it is, newest first, on a deep page, and with kind and year filters.
//!
//!     cargo bench --bench search --features ssr
//!     GONGKAI_BENCH_ITEMS=20000 GONGKAI_BENCH_REGISTERS=20000 cargo bench --bench search --features ssr
//!     GONGKAI_BENCH_ENGINE=postgres …   (one engine only)

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark that cannot run stops"
)]

#[path = "../tests/common/mod.rs"]
mod common;

use common::{fresh_db, Engine};
use gongkai::server::{config::Settings, leptos_options, router::router, state::AppState};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Requests per URL, after one to warm up.
const REQUESTS: usize = 20;
/// Words drawn per band.
const WORDS: usize = 5;
/// Documents whose words are counted to place words in bands.
const SAMPLE: i64 = 4_000;

/// Each word is asked in these ways.
const VARIANTS: &[&str] = &[
    "",
    "&sort=date",
    "&page=20",
    "&kind=policy",
    "&year=2020",
    "&kind=register&sort=date",
];

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Words of the index by the share of documents holding them (counted over
/// an even sample), each band's words spread over its range.
async fn bands(db: &gongkai::server::db::Db) -> Vec<(&'static str, Vec<String>)> {
    let (docs,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM search_docs")
        .fetch_one(db.pool())
        .await
        .expect("count");
    let step = (docs / SAMPLE).max(1);
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT title_tokens, body_tokens FROM search_docs WHERE id % $1 = 0 ORDER BY id",
    )
    .bind(step)
    .fetch_all(db.pool())
    .await
    .expect("sample");
    let sampled = rows.len().max(1) as f64;
    let mut df: HashMap<String, usize> = HashMap::new();
    for (title, body) in &rows {
        let mut seen: Vec<&str> = title.split(' ').chain(body.split(' ')).collect();
        seen.sort_unstable();
        seen.dedup();
        for w in seen {
            // Words a person would type, which a query cuts back into themselves.
            if w.chars().count() >= 2 && gongkai::search::segment::query_tokens(w) == [w.to_owned()]
            {
                *df.entry(w.to_owned()).or_default() += 1;
            }
        }
    }
    let limits: [(&'static str, f64, f64); 4] = [
        ("common (≥20%)", 0.2, 1.01),
        ("frequent (2–20%)", 0.02, 0.2),
        ("medium (0.2–2%)", 0.002, 0.02),
        ("rare (<0.2%)", 0.0, 0.002),
    ];
    let mut out = Vec::new();
    for (name, low, high) in limits {
        let mut words: Vec<(&String, usize)> = df
            .iter()
            .filter(|(_, n)| {
                let f = **n as f64 / sampled;
                f >= low && f < high
            })
            .map(|(w, n)| (w, *n))
            .collect();
        words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let picked: Vec<String> = if words.len() <= WORDS {
            words.iter().map(|(w, _)| (*w).clone()).collect()
        } else {
            (0..WORDS)
                .map(|i| words[i * (words.len() - 1) / (WORDS - 1)].0.clone())
                .collect()
        };
        out.push((name, picked));
    }
    // Two words from different bands in one query.
    let mixed: Vec<String> = (0..WORDS)
        .filter_map(|i| {
            let a = out[i % 2].1.get(i)?;
            let b = out[2 + i % 2].1.get(i)?;
            Some(format!("{a} {b}"))
        })
        .collect();
    out.push(("mixed (two bands)", mixed));
    out
}

async fn run(engine: Engine, items: u64, registers: u64) {
    let (db, _dir) = fresh_db(engine).await;
    let calendar = gongkai::clock::db::load(&db).await.expect("calendar");
    let started = Instant::now();
    gongkai::content::generate::generate(&db, items, &calendar, |_| {})
        .await
        .expect("generate items");
    gongkai::registers::generate::generate(&db, registers, |_| {})
        .await
        .expect("generate registers");
    println!(
        "\n{engine:?}: generated and indexed {items} items and {} register rows in {:.0} s",
        registers * 2,
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let indexed = gongkai::search::db::index::reindex(&db, |_, _| {})
        .await
        .expect("reindex");
    let took = started.elapsed().as_secs_f64();
    println!(
        "{engine:?}: reindexed {indexed} documents in {took:.1} s ({:.0} documents/s)",
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

    println!(
        "{:<20} {:>5} {:>9} {:>9} {:>9} {:>9}  slowest query (p95)",
        "band", "urls", "p50 ms", "p95 ms", "p99 ms", "max ms"
    );
    let mut everything = Vec::new();
    for (band, words) in bands(&db).await {
        let mut times = Vec::new();
        let mut slowest = (0.0, String::new());
        let mut urls = 0;
        for word in &words {
            for extra in VARIANTS {
                let url = format!("{base}/search?q={}{extra}", gongkai::ui::url::encode(word));
                let warm = client.get(&url).send().await.expect("search");
                assert!(warm.status().is_success(), "{url}");
                let _ = warm.bytes().await;
                let mut these = Vec::with_capacity(REQUESTS);
                for _ in 0..REQUESTS {
                    let t = Instant::now();
                    let res = client.get(&url).send().await.expect("search");
                    let _ = res.bytes().await;
                    these.push(t.elapsed());
                }
                these.sort();
                let p95 = percentile(&these, 0.95);
                if p95 > slowest.0 {
                    slowest = (p95, format!("{word}{extra}"));
                }
                times.extend(these);
                urls += 1;
            }
        }
        times.sort();
        println!(
            "{:<20} {:>5} {:>9.2} {:>9.2} {:>9.2} {:>9.2}  {} ({:.1})",
            band,
            urls,
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            percentile(&times, 0.99),
            percentile(&times, 1.0),
            slowest.1,
            slowest.0
        );
        println!("{:<20} words: {}", "", words.join("、"));
        everything.extend(times);
    }
    everything.sort();
    println!(
        "{:<20} {:>5} {:>9.2} {:>9.2} {:>9.2} {:>9.2}",
        "all",
        "",
        percentile(&everything, 0.5),
        percentile(&everything, 0.95),
        percentile(&everything, 0.99),
        percentile(&everything, 1.0)
    );
}

#[tokio::main]
async fn main() {
    let items = env_u64("GONGKAI_BENCH_ITEMS", 100_000);
    // Rows per register (licences and penalties each).
    let registers = env_u64("GONGKAI_BENCH_REGISTERS", 100_000);
    println!(
        "search benchmark: {items} items and {} register rows; {REQUESTS} requests per URL, one at a time (full HTML)",
        registers * 2
    );
    let only = std::env::var("GONGKAI_BENCH_ENGINE").unwrap_or_default();
    if only != "postgres" {
        run(Engine::Sqlite, items, registers).await;
    }
    if only != "sqlite" {
        run(Engine::Postgres, items, registers).await;
    }
}
