//! 索引号: organisation code - category code - year - serial.

use crate::content::types::ContentKind;
use chrono::{Datelike, NaiveDate};
use sqlx::AnyConnection;

/// The code `part` contributes to 索引号 (`org` for the organisation).
pub async fn index_code(conn: &mut AnyConnection, part: &str) -> Result<String, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("SELECT code FROM index_codes WHERE part = $1")
        .bind(part)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(|(c,)| c).unwrap_or_else(|| "0000".to_owned()))
}

/// Sets the code `part` contributes to 索引号 (`org` for the organisation,
/// a kind's slug for its category); numbers already given keep theirs.
pub async fn set_code(conn: &mut AnyConnection, part: &str, code: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE index_codes SET code = $1 WHERE part = $2")
        .bind(code)
        .bind(part)
        .execute(conn)
        .await?;
    Ok(())
}

async fn prefix(
    conn: &mut AnyConnection,
    kind: ContentKind,
    year: i32,
) -> Result<String, sqlx::Error> {
    let org = index_code(&mut *conn, "org").await?;
    let category = index_code(&mut *conn, kind.slug()).await?;
    Ok(format!("{org}-{category}-{year}"))
}

/// Takes `count` serials under `prefix` and returns the first. Serials only
/// ever grow, so a number is never handed out twice, even after deletions.
async fn reserve(conn: &mut AnyConnection, prefix: &str, count: i64) -> Result<i64, sqlx::Error> {
    let (last,): (i64,) = sqlx::query_as(
        "INSERT INTO index_serials (prefix, last) VALUES ($1, $2) \
         ON CONFLICT (prefix) DO UPDATE SET last = index_serials.last + $2 RETURNING last",
    )
    .bind(prefix)
    .bind(count)
    .fetch_one(conn)
    .await?;
    Ok(last - count + 1)
}

fn format(prefix: &str, serial: i64) -> String {
    format!("{prefix}-{serial:05}")
}

/// The next 索引号 for an item of `kind` published on `date`.
pub async fn assign_index_no(
    conn: &mut AnyConnection,
    kind: ContentKind,
    date: NaiveDate,
) -> Result<String, sqlx::Error> {
    let prefix = prefix(&mut *conn, kind, date.year()).await?;
    let serial = reserve(conn, &prefix, 1).await?;
    Ok(format(&prefix, serial))
}

/// `count` consecutive 索引号 at once (for bulk loads).
pub async fn reserve_index_nos(
    conn: &mut AnyConnection,
    kind: ContentKind,
    year: i32,
    count: i64,
) -> Result<Vec<String>, sqlx::Error> {
    let prefix = prefix(&mut *conn, kind, year).await?;
    let first = reserve(conn, &prefix, count).await?;
    Ok((first..first + count).map(|s| format(&prefix, s)).collect())
}
