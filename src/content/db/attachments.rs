//! Files attached to items, kept in the database so that every app server
//! sees the same files.

use super::PUBLIC_A;
use crate::content::types::AttachmentInfo;
use crate::server::db::Db;
use sqlx::AnyConnection;

/// A file to attach.
#[derive(Debug, Clone)]
pub struct NewAttachment {
    pub name: String,
    pub mime: String,
    pub data: Vec<u8>,
}

/// Attaches a file to an item; returns its id.
pub async fn add_attachment(
    conn: &mut AnyConnection,
    article_id: i64,
    file: &NewAttachment,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO attachments (article_id, name, mime, size, data, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(article_id)
    .bind(&file.name)
    .bind(&file.mime)
    .bind(file.data.len() as i64)
    .bind(file.data.clone())
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Attaches a file to an item's working draft: it stays out of public
/// view until the revision it came with is published. Returns its id.
pub async fn stage_attachment(
    conn: &mut AnyConnection,
    article_id: i64,
    file: &NewAttachment,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id = add_attachment(&mut *conn, article_id, file, now).await?;
    sqlx::query("UPDATE attachments SET live = 0 WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(id)
}

/// Marks attachment `id` of an item to go when its next revision is
/// published; false when the item has no such attachment.
pub async fn stage_removal(
    conn: &mut AnyConnection,
    article_id: i64,
    id: i64,
) -> Result<bool, sqlx::Error> {
    let n =
        sqlx::query("UPDATE attachments SET pending_delete = 1 WHERE id = $1 AND article_id = $2")
            .bind(id)
            .bind(article_id)
            .execute(conn)
            .await?
            .rows_affected();
    Ok(n == 1)
}

/// The public attachments of an item (not those added in an unpublished
/// draft), in the order they were added.
pub async fn list_for(db: &Db, article_id: i64) -> Result<Vec<AttachmentInfo>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, mime, size FROM attachments WHERE article_id = $1 AND live = 1 ORDER BY id",
    )
    .bind(article_id)
    .fetch_all(db.pool())
    .await
}

/// A file to send.
#[derive(Debug, Clone)]
pub struct Download {
    pub name: String,
    pub mime: String,
    pub data: Vec<u8>,
}

/// An attachment's bytes, only when the item it belongs to is public.
pub async fn attachment_for_download(db: &Db, id: i64) -> Result<Option<Download>, sqlx::Error> {
    let row: Option<(String, String, Vec<u8>)> = sqlx::query_as(&format!(
        "SELECT f.name, f.mime, f.data FROM attachments f JOIN articles a ON a.id = f.article_id \
         WHERE f.id = $1 AND f.live = 1 AND {PUBLIC_A}"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(name, mime, data)| Download { name, mime, data }))
}

/// Any attachment's bytes, a draft's included: for editors and reviewers.
pub async fn attachment_for_staff(db: &Db, id: i64) -> Result<Option<Download>, sqlx::Error> {
    let row: Option<(String, String, Vec<u8>)> =
        sqlx::query_as("SELECT name, mime, data FROM attachments WHERE id = $1")
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(name, mime, data)| Download { name, mime, data }))
}

/// Attachment `id` of item `article_id` (a draft's included): for staff.
pub async fn attachment_of(
    db: &Db,
    article_id: i64,
    id: i64,
) -> Result<Option<Download>, sqlx::Error> {
    let row: Option<(String, String, Vec<u8>)> = sqlx::query_as(
        "SELECT name, mime, data FROM attachments WHERE id = $1 AND article_id = $2",
    )
    .bind(id)
    .bind(article_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(name, mime, data)| Download { name, mime, data }))
}
