//! The `site_settings` table (one row a key) and every query on it. Other
//! domains keep their own settings here too (how hot words are shown, the
//! key searchers' hashes are made with), through `get`, `put` and
//! `get_or_put`.

use crate::server::db::Db;
use sqlx::AnyConnection;

/// Every stored setting: (key, value).
pub async fn all(db: &Db) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT key, value FROM site_settings")
        .fetch_all(db.pool())
        .await
}

/// Every stored setting, read in the caller's transaction.
pub async fn all_in(conn: &mut AnyConnection) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT key, value FROM site_settings")
        .fetch_all(conn)
        .await
}

/// One stored setting (the table also keeps other domains' settings, such
/// as how hot words are shown), if it is there.
pub async fn get(db: &Db, key: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("SELECT value FROM site_settings WHERE key = $1")
        .bind(key)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(|(v,)| v))
}

/// Stores a setting, replacing what was there.
pub async fn put(conn: &mut AnyConnection, key: &str, value: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO site_settings (key, value) VALUES ($1, $2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(conn)
    .await?;
    Ok(())
}

/// The setting `key`; when there is none yet, `fresh` is stored and
/// returned. Two servers doing this at once agree on the first one stored.
pub async fn get_or_put(db: &Db, key: &str, fresh: &str) -> Result<String, sqlx::Error> {
    sqlx::query(
        "INSERT INTO site_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
    )
    .bind(key)
    .bind(fresh)
    .execute(db.pool())
    .await?;
    let (value,): (String,) = sqlx::query_as("SELECT value FROM site_settings WHERE key = $1")
        .bind(key)
        .fetch_one(db.pool())
        .await?;
    Ok(value)
}
