//! Storing graphics. A graphic that belongs to an item is public while the
//! item is; one on its own is public once saved.

use super::types::Spec;
use crate::content::db::PUBLIC_A;
use crate::server::db::Db;
use sqlx::AnyConnection;

/// A stored graphic.
#[derive(Debug, Clone)]
pub struct Stored {
    pub id: i64,
    pub article_id: Option<i64>,
    pub spec: Spec,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    article_id: Option<i64>,
    spec: String,
}

impl Row {
    fn into_stored(self) -> Result<Stored, sqlx::Error> {
        let spec = serde_json::from_str(&self.spec)
            .map_err(|e| sqlx::Error::Decode(format!("graphic {}: {e}", self.id).into()))?;
        Ok(Stored {
            id: self.id,
            article_id: self.article_id,
            spec,
        })
    }
}

/// Visible to the public: on its own, or with a public item.
fn public_g() -> String {
    format!("(g.article_id IS NULL OR EXISTS (SELECT 1 FROM articles a WHERE a.id = g.article_id AND {PUBLIC_A}))")
}

/// Saves a new graphic (checked beforehand); returns its id.
pub async fn insert(
    conn: &mut AnyConnection,
    spec: &Spec,
    article_id: Option<i64>,
    position: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let json = serde_json::to_string(spec).map_err(|e| sqlx::Error::Encode(e.into()))?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO graphics (article_id, position, title, kind, spec, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(article_id)
    .bind(position)
    .bind(spec.title.trim())
    .bind(spec.body.slug())
    .bind(json)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Public graphic `id`.
pub async fn public_one(db: &Db, id: i64) -> Result<Option<Stored>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT g.id, g.article_id, g.spec FROM graphics g WHERE g.id = $1 AND {}",
        public_g()
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    row.map(Row::into_stored).transpose()
}

/// The graphics of item `article_id`, in order (the caller has checked the
/// item may be shown).
pub async fn of_article(db: &Db, article_id: i64) -> Result<Vec<Stored>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT g.id, g.article_id, g.spec FROM graphics g WHERE g.article_id = $1 \
         ORDER BY g.position, g.id",
    )
    .bind(article_id)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter().map(Row::into_stored).collect()
}

/// Every public graphic, newest first: (id, title, kind, item id).
pub async fn public_list(db: &Db) -> Result<Vec<(i64, String, String, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT g.id, g.title, g.kind, g.article_id FROM graphics g WHERE {} \
         ORDER BY g.updated_at DESC, g.id DESC",
        public_g()
    ))
    .fetch_all(db.pool())
    .await
}

/// Graphic `id`, public or not (for its editor).
pub async fn get(db: &Db, id: i64) -> Result<Option<Stored>, sqlx::Error> {
    let row: Option<Row> =
        sqlx::query_as("SELECT g.id, g.article_id, g.spec FROM graphics g WHERE g.id = $1")
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
    row.map(Row::into_stored).transpose()
}

/// Replaces graphic `id`'s spec and item; false when there is no such graphic.
pub async fn update(
    conn: &mut AnyConnection,
    id: i64,
    spec: &Spec,
    article_id: Option<i64>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let json = serde_json::to_string(spec).map_err(|e| sqlx::Error::Encode(e.into()))?;
    let done = sqlx::query(
        "UPDATE graphics SET article_id = $1, title = $2, kind = $3, spec = $4, updated_at = $5 \
         WHERE id = $6",
    )
    .bind(article_id)
    .bind(spec.title.trim())
    .bind(spec.body.slug())
    .bind(json)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Every graphic for staff, newest first: (id, title, kind, item id, item title).
pub async fn all(
    db: &Db,
) -> Result<Vec<(i64, String, String, Option<i64>, Option<String>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT g.id, g.title, g.kind, g.article_id, a.title FROM graphics g \
         LEFT JOIN articles a ON a.id = g.article_id ORDER BY g.updated_at DESC, g.id DESC",
    )
    .fetch_all(db.pool())
    .await
}

/// The title of item `id`, if there is one.
pub async fn article_title(db: &Db, id: i64) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("SELECT title FROM articles WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(|(t,)| t))
}
