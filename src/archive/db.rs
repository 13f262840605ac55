//! The record of 两馆 exports (`archive_exports`) and the packages kept for
//! download (`archive_parts`).

use super::types::{ExportLine, ExportStatus};
use crate::server::db::Db;
use sqlx::AnyConnection;

/// How long a running export may go without a sign of life before it is
/// taken for dead (its app server stopped).
pub const STALE_SECONDS: i64 = 120;
/// How many finished packages stay downloadable; older ones keep their
/// record and checksums only.
pub const KEEP_PACKAGES: i64 = 3;

/// Who starts an export.
pub enum Starter<'a> {
    Staff { id: i64, name: &'a str },
    Cli,
}

/// Records a new export of `from`..=`to` (Beijing dates) as running;
/// returns its id. In the caller's transaction, with its audit entry.
pub async fn start(
    conn: &mut AnyConnection,
    from: &str,
    to: &str,
    by: &Starter<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (via, user, name) = match by {
        Starter::Staff { id, name } => ("staff", Some(*id), (*name).to_owned()),
        Starter::Cli => ("cli", None, "命令行".to_owned()),
    };
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO archive_exports (period_from, period_to, status, via, started_by, started_by_name, \
         started_at, heartbeat_at) VALUES ($1, $2, 'running', $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(from)
    .bind(to)
    .bind(via)
    .bind(user)
    .bind(name)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// How far export `id` has got.
pub async fn progress(
    db: &Db,
    id: i64,
    done: i64,
    total: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE archive_exports SET done = $2, total = $3, heartbeat_at = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(done)
    .bind(total)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Stores parts `first..` of export `id`'s package.
pub async fn store_parts(
    db: &Db,
    id: i64,
    first: i64,
    parts: &[Vec<u8>],
) -> Result<(), sqlx::Error> {
    if parts.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin_write().await?;
    for (n, part) in parts.iter().enumerate() {
        sqlx::query("INSERT INTO archive_parts (export_id, seq, data) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(first + n as i64)
            .bind(part.as_slice())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// What a finished package holds.
pub struct Totals {
    pub items: i64,
    pub withdrawn: i64,
    pub attachments: i64,
    pub files: i64,
    pub bytes: i64,
    pub sha256: String,
    pub manifest_sha256: String,
    /// Its parts are in the database.
    pub kept: bool,
}

/// Marks export `id` finished, and lets all but the newest
/// [`KEEP_PACKAGES`] packages go.
pub async fn finish(db: &Db, id: i64, t: &Totals, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE archive_exports SET status = 'done', finished_at = $2, heartbeat_at = $2, done = total, \
         items = $3, withdrawn = $4, attachments = $5, files = $6, bytes = $7, sha256 = $8, \
         manifest_sha256 = $9, kept = $10 WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .bind(t.items)
    .bind(t.withdrawn)
    .bind(t.attachments)
    .bind(t.files)
    .bind(t.bytes)
    .bind(&t.sha256)
    .bind(&t.manifest_sha256)
    .bind(i64::from(t.kept))
    .execute(&mut *tx)
    .await?;
    let old: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM archive_exports WHERE kept = 1 ORDER BY id DESC LIMIT 1000 OFFSET $1",
    )
    .bind(KEEP_PACKAGES)
    .fetch_all(&mut *tx)
    .await?;
    for (old,) in old {
        sqlx::query("DELETE FROM archive_parts WHERE export_id = $1")
            .bind(old)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE archive_exports SET kept = 0 WHERE id = $1")
            .bind(old)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// Marks export `id` failed with `why`, dropping what it had stored.
pub async fn fail(db: &Db, id: i64, why: &str, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM archive_parts WHERE export_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE archive_exports SET status = 'failed', finished_at = $2, error = $3, kept = 0 WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .bind(why)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Exports whose app server stopped while they ran are marked failed.
pub async fn fail_stale(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    let stale: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM archive_exports WHERE status = 'running' AND heartbeat_at < $1",
    )
    .bind(now - STALE_SECONDS)
    .fetch_all(db.pool())
    .await?;
    for (id,) in &stale {
        fail(db, *id, "导出中断（服务器停止运行），请重新导出", now).await?;
    }
    Ok(stale.len() as u64)
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    period_from: String,
    period_to: String,
    status: String,
    started_by_name: String,
    started_at: i64,
    heartbeat_at: i64,
    finished_at: Option<i64>,
    total: i64,
    done: i64,
    items: i64,
    withdrawn: i64,
    attachments: i64,
    bytes: i64,
    sha256: String,
    manifest_sha256: String,
    error: String,
    kept: i64,
}

const COLUMNS: &str = "id, period_from, period_to, status, started_by_name, started_at, heartbeat_at, \
     finished_at, total, done, items, withdrawn, attachments, bytes, sha256, manifest_sha256, error, kept";

impl Row {
    fn line(self, now: i64) -> ExportLine {
        use crate::ui::format::datetime_zh;
        let mut status = ExportStatus::from_slug(&self.status).unwrap_or(ExportStatus::Failed);
        let mut error = self.error;
        if status == ExportStatus::Running && self.heartbeat_at < now - STALE_SECONDS {
            status = ExportStatus::Failed;
            error = "导出中断（服务器停止运行），请重新导出".to_owned();
        }
        ExportLine {
            id: self.id,
            from: self.period_from,
            to: self.period_to,
            status,
            by: self.started_by_name,
            started: datetime_zh(self.started_at),
            finished: self.finished_at.map(datetime_zh),
            done: self.done,
            total: self.total,
            items: self.items,
            withdrawn: self.withdrawn,
            attachments: self.attachments,
            bytes: self.bytes,
            sha256: self.sha256,
            manifest_sha256: self.manifest_sha256,
            error,
            kept: self.kept == 1 && status == ExportStatus::Done,
        }
    }
}

/// The latest exports, newest first.
pub async fn list(db: &Db, now: i64) -> Result<Vec<ExportLine>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM archive_exports ORDER BY id DESC LIMIT 50"
    ))
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|r| r.line(now)).collect())
}

/// Export `id`.
pub async fn get(db: &Db, id: i64, now: i64) -> Result<Option<ExportLine>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM archive_exports WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|r| r.line(now)))
}

/// The last day covered by a finished export, if any.
pub async fn last_covered(db: &Db) -> Result<Option<String>, sqlx::Error> {
    let (to,): (Option<String>,) =
        sqlx::query_as("SELECT MAX(period_to) FROM archive_exports WHERE status = 'done'")
            .fetch_one(db.pool())
            .await?;
    Ok(to)
}

/// How many parts export `id`'s package has.
pub async fn part_count(db: &Db, id: i64) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM archive_parts WHERE export_id = $1")
        .bind(id)
        .fetch_one(db.pool())
        .await?;
    Ok(n)
}

/// Part `seq` of export `id`'s package.
pub async fn part(db: &Db, id: i64, seq: i64) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let row: Option<(Vec<u8>,)> =
        sqlx::query_as("SELECT data FROM archive_parts WHERE export_id = $1 AND seq = $2")
            .bind(id)
            .bind(seq)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(d,)| d))
}
