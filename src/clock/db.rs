//! Reading and changing the calendar's exceptions.

use super::calendar::{Calendar, DayOverride, OverrideKind};
use crate::server::db::Db;
use chrono::NaiveDate;

/// The whole calendar.
pub async fn load(db: &Db) -> Result<Calendar, sqlx::Error> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT day, kind, name FROM calendar_days")
            .fetch_all(db.pool())
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
