//! What the 两馆 archive export reads of the catalogue, on the caller's
//! connection: the export holds one read transaction for its whole run, so
//! the package is one consistent snapshot however long it takes to write.

use sqlx::AnyConnection;

/// An item for the archive: its catalogue metadata, the body as published,
/// and, when it has been withdrawn since, when and why.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ArchiveItem {
    pub id: i64,
    pub kind: String,
    pub subtype: String,
    /// The 子类别's name, when the item has one.
    pub subtype_label: Option<String>,
    pub title: String,
    pub summary: String,
    /// The published body in the body format (for the Word version).
    pub body_md: String,
    pub body_html: String,
    pub publisher: String,
    pub index_no: Option<String>,
    pub doc_no: String,
    pub written_on: String,
    /// The 主题分类's name (its slug when it has none).
    pub topic: String,
    pub validity: String,
    pub disclosure: String,
    pub status: String,
    pub published_at: i64,
    pub updated_at: i64,
    pub withdrawn_at: Option<i64>,
    pub withdrawn_reason: String,
}

/// A public attachment of an item.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ArchiveFile {
    pub id: i64,
    pub name: String,
    pub mime: String,
    pub size: i64,
}

/// The items an export of the Unix times `[from, to)` carries, by id: those
/// first made public (主动公开) in it, withdrawn since or not, and those
/// withdrawn in it that were made public before (so the archive learns of
/// the withdrawal). Drafts, items never published and 依申请公开 / 不予公开
/// ones are never among them.
pub async fn archive_ids(
    conn: &mut AnyConnection,
    from: i64,
    to: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM articles WHERE disclosure = 'active' AND ( \
           (status IN ('published', 'withdrawn') AND published_at >= $1 AND published_at < $2) \
           OR (status = 'withdrawn' AND withdrawn_at >= $1 AND withdrawn_at < $2)) \
         ORDER BY published_at, id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Item `id` as [`archive_ids`] found it.
pub async fn archive_item(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<ArchiveItem>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.kind, a.subtype, st.label AS subtype_label, a.title, a.summary, a.body_md, a.body_html, \
         a.publisher, a.index_no, a.doc_no, a.written_on, COALESCE(s.label, a.topic) AS topic, \
         a.validity, a.disclosure, a.status, a.published_at, a.updated_at, a.withdrawn_at, \
         a.withdrawn_reason \
         FROM articles a \
         LEFT JOIN catalogue_terms s ON s.list = 'subject' AND s.slug = a.topic \
         LEFT JOIN catalogue_terms st ON st.list = a.kind AND st.slug = a.subtype \
         WHERE a.id = $1 AND a.status IN ('published', 'withdrawn') AND a.disclosure = 'active'",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// The public attachments of item `id`, in the order they were added.
pub async fn archive_files(
    conn: &mut AnyConnection,
    article_id: i64,
) -> Result<Vec<ArchiveFile>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, mime, size FROM attachments WHERE article_id = $1 AND live = 1 ORDER BY id",
    )
    .bind(article_id)
    .fetch_all(conn)
    .await
}

/// The bytes of attachment `id`.
pub async fn archive_file_data(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let row: Option<(Vec<u8>,)> = sqlx::query_as("SELECT data FROM attachments WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(|(d,)| d))
}
