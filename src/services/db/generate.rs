//! Synthetic open cases for the queue benchmark (`bench/queues.rs`): cases
//! of the services that exist, submitted over the past weeks, waiting,
//! accepted or sent back for correction, with their due dates stored.

use crate::clock::Calendar;
use crate::server::db::Db;
use chrono::NaiveDate;

/// Stores `count` open cases submitted in the 30 days up to `today`,
/// spread over `services` (codes); returns how many were stored.
pub async fn open_cases(
    db: &Db,
    calendar: &Calendar,
    services: &[String],
    count: u64,
    today: NaiveDate,
    now: i64,
) -> Result<u64, sqlx::Error> {
    if services.is_empty() {
        return Ok(0);
    }
    let mut done = 0;
    while done < count {
        let mut tx = db.begin_write().await?;
        for i in done..(done + 1000).min(count) {
            let service = &services[(i as usize) % services.len()];
            let on = today - chrono::Days::new(i % 30);
            let (status, pauses) = match i % 10 {
                0 => ("correction", format!("[[\"{on}\",null]]")),
                1..=4 => ("accepted", "[]".to_owned()),
                _ => ("submitted", "[]".to_owned()),
            };
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO applications (service_code, token, status, answers, applicant, created_at, \
                 updated_at, submitted_at, submitted_on, query_code, pauses, form_version) \
                 VALUES ($1, $2, $3, '{}', $4, $5, $5, $5, $6, '000000', $7, 1) RETURNING id",
            )
            .bind(service)
            .bind(format!("bench-{i}"))
            .bind(status)
            .bind(format!("合成申请单位{i}"))
            .bind(now - (i % 30) as i64 * 86_400)
            .bind(on.to_string())
            .bind(&pauses)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query("UPDATE applications SET number = $1 WHERE id = $2")
                .bind(format!("XW{}{id:06}", on.format("%Y%m%d")))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        super::queue::refresh_dues_in(&mut tx, calendar).await?;
        tx.commit().await?;
        done = (done + 1000).min(count);
    }
    Ok(done)
}
