//! The daily runs of the self-monitoring (table `monitor_runs`).

use super::types::Finding;
use crate::server::db::Db;

/// Claims `day` for this app server's daily run; false when another has.
/// A claimed day shows nothing until its run is stored.
pub async fn claim(db: &Db, day: &str) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let done = sqlx::query(
        "INSERT INTO monitor_runs (day, checked_at, findings) VALUES ($1, 0, '[]') \
         ON CONFLICT (day) DO NOTHING",
    )
    .bind(day)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(done == 1)
}

/// Stores what a run on `day` found at `at` (replacing an earlier run that day).
pub async fn store(db: &Db, day: &str, at: i64, findings: &[Finding]) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    store_in(&mut tx, day, at, findings).await?;
    tx.commit().await
}

/// [`store`] inside the caller's transaction (with its audit entry).
pub async fn store_in(
    conn: &mut sqlx::AnyConnection,
    day: &str,
    at: i64,
    findings: &[Finding],
) -> Result<(), sqlx::Error> {
    let json = serde_json::to_string(findings).unwrap_or_else(|_| "[]".to_owned());
    sqlx::query(
        "INSERT INTO monitor_runs (day, checked_at, findings) VALUES ($1, $2, $3) \
         ON CONFLICT (day) DO UPDATE SET checked_at = $2, findings = $3",
    )
    .bind(day)
    .bind(at)
    .bind(json)
    .execute(conn)
    .await?;
    Ok(())
}

/// The latest completed run: when, and what it found.
pub async fn latest(db: &Db) -> Result<Option<(i64, Vec<Finding>)>, sqlx::Error> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "SELECT checked_at, findings FROM monitor_runs WHERE checked_at > 0 \
         ORDER BY checked_at DESC, day DESC LIMIT 1",
    )
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(at, json)| (at, serde_json::from_str(&json).unwrap_or_default())))
}

/// The last `n` days' runs: (day, vetoes, findings), newest first.
pub async fn history(db: &Db, n: i64) -> Result<Vec<(String, usize, usize)>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT day, findings FROM monitor_runs WHERE checked_at > 0 ORDER BY day DESC LIMIT $1",
    )
    .bind(n)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(day, json)| {
            let f: Vec<Finding> = serde_json::from_str(&json).unwrap_or_default();
            let vetoes = f
                .iter()
                .filter(|x| x.severity == super::types::Severity::Veto)
                .count();
            (day, vetoes, f.len())
        })
        .collect())
}
