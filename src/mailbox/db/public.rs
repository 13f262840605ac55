//! What anyone may read of the letters: the published ones, masked.

use crate::server::db::Db;

/// A published letter as anyone may read it: the masked copies, never the
/// writer or their contact.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PublicLetter {
    pub number: String,
    pub subject: String,
    pub body: String,
    pub received_on: String,
    pub closed_on: String,
    pub department: String,
    pub reply: String,
}

const PUBLIC_COLUMNS: &str = "number, public_subject AS subject, public_body AS body, \
     received_on, COALESCE(closed_on, '') AS closed_on, department, reply";

/// Published letters per page.
pub const PER_PAGE: i64 = 20;

/// Published letters, newest answer first: page `page` (from 1) and how
/// many there are.
pub async fn public(db: &Db, page: i64) -> Result<(Vec<PublicLetter>, i64), sqlx::Error> {
    let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM letters WHERE public = 1")
        .fetch_one(db.pool())
        .await?;
    let rows = sqlx::query_as(&format!(
        "SELECT {PUBLIC_COLUMNS} FROM letters WHERE public = 1 \
         ORDER BY closed_on DESC, id DESC LIMIT $1 OFFSET $2"
    ))
    .bind(PER_PAGE)
    .bind((page.max(1) - 1) * PER_PAGE)
    .fetch_all(db.pool())
    .await?;
    Ok((rows, total))
}

/// One published letter.
pub async fn public_one(db: &Db, number: &str) -> Result<Option<PublicLetter>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {PUBLIC_COLUMNS} FROM letters WHERE public = 1 AND number = $1"
    ))
    .bind(number)
    .fetch_optional(db.pool())
    .await
}

/// Every published letter's number and answer day (for the sitemap).
pub async fn public_numbers(db: &Db) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT number, COALESCE(closed_on, '') FROM letters WHERE public = 1 ORDER BY id",
    )
    .fetch_all(db.pool())
    .await
}
