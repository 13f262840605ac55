//! Page-cache benchmark: two app servers over one database (PostgreSQL, as
//! the portal scales out; SQLite for comparison). A public page is cached on
//! the second server; an item is withdrawn through the first; how long until
//! the second server answers with the change? Prints figures; asserts nothing.
//!
//!     cargo bench --bench cache --features ssr

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark that cannot run stops"
)]

#[path = "../tests/common/mod.rs"]
mod common;

use common::{second_server, spawn_app, Engine};
use gongkai::account::types::Role;
use std::time::{Duration, Instant};

const WRITES: usize = 10;

async fn run(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let other = second_server(&app).await;
    let reviewer = app.staff("bench_reviewer", &[Role::Reviewer]).await;
    let ids: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM articles WHERE status = 'published' ORDER BY id LIMIT $1")
            .bind(WRITES as i64)
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    let mut delays = Vec::new();
    for (id,) in ids {
        let path = format!("/articles/{id}");
        // Cached on the other server.
        assert_eq!(other.page(&path).await.0, 200);
        assert_eq!(other.page(&path).await.0, 200);
        let res = app
            .post_form(
                &format!("{path}/withdraw"),
                &reviewer,
                &[("reason", "基准测试")],
            )
            .await;
        assert_eq!(res.status(), 303);
        let written = Instant::now();
        let same = app.page(&path).await.0;
        loop {
            if other.page(&path).await.0 == 410 {
                break;
            }
            assert!(written.elapsed() < Duration::from_secs(10), "never seen");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        delays.push(written.elapsed());
        assert_eq!(same, 410, "the writing server shows it at once");
    }
    delays.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{engine:?}: a withdrawal on one server seen by the other after {:.0} ms median, {:.0} ms at most ({WRITES} writes; the writing server: at once)",
        ms(delays[delays.len() / 2]),
        ms(delays[delays.len() - 1]),
    );
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        run(Engine::Postgres).await;
        run(Engine::Sqlite).await;
    });
}
