//! Reading and changing the calendar's exceptions.

use super::calendar::{Calendar, DayOverride, OverrideKind};
use super::holiday::Holiday;
use crate::server::db::Db;
use chrono::NaiveDate;
use sqlx::AnyConnection;

/// The whole calendar.
pub async fn load(db: &Db) -> Result<Calendar, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    load_in(&mut conn).await
}

/// The whole calendar as a transaction sees it.
pub async fn load_in(conn: &mut AnyConnection) -> Result<Calendar, sqlx::Error> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT day, kind, name FROM calendar_days")
            .fetch_all(conn)
            .await?;
    Ok(Calendar::new(rows.into_iter().filter_map(
        |(day, kind, name)| {
            let date = NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok()?;
            let kind = match kind.as_str() {
                "off" => OverrideKind::Off,
                "work" => OverrideKind::Work,
                _ => return None,
            };
            Some((date, DayOverride { kind, name }))
        },
    )))
}

/// Sets (or, with `None`, clears) the exception on one day.
pub async fn set_day(
    db: &Db,
    day: NaiveDate,
    exception: Option<&DayOverride>,
) -> Result<(), sqlx::Error> {
    let day = day.format("%Y-%m-%d").to_string();
    match exception {
        Some(o) => {
            let kind = match o.kind {
                OverrideKind::Off => "off",
                OverrideKind::Work => "work",
            };
            sqlx::query(
                "INSERT INTO calendar_days (day, kind, name) VALUES ($1, $2, $3) \
                 ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name",
            )
            .bind(day)
            .bind(kind)
            .bind(&o.name)
            .execute(db.pool())
            .await?;
        }
        None => {
            sqlx::query("DELETE FROM calendar_days WHERE day = $1")
                .bind(day)
                .execute(db.pool())
                .await?;
        }
    }
    Ok(())
}

/// Replaces holiday `old` (its days cleared) with `new` (its days set), in
/// the caller's transaction: either may be absent (a new holiday; a
/// holiday deleted).
pub async fn replace_holiday(
    conn: &mut AnyConnection,
    old: Option<&Holiday>,
    new: Option<&Holiday>,
) -> Result<(), sqlx::Error> {
    for day in old.into_iter().flat_map(Holiday::days) {
        sqlx::query("DELETE FROM calendar_days WHERE day = $1")
            .bind(day.format("%Y-%m-%d").to_string())
            .execute(&mut *conn)
            .await?;
    }
    if let Some(h) = new {
        let days = h
            .off
            .iter()
            .map(|d| (d, "off"))
            .chain(h.work.iter().map(|d| (d, "work")));
        for (day, kind) in days {
            sqlx::query(
                "INSERT INTO calendar_days (day, kind, name) VALUES ($1, $2, $3) \
                 ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name",
            )
            .bind(day.format("%Y-%m-%d").to_string())
            .bind(kind)
            .bind(&h.name)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}
