//! Storing graphics and their 保密审查. Editors save a working copy (`spec`),
//! which goes to review; a reviewer who is not its author approves it (the
//! working copy becomes the live one, with a review record) or returns it.
//! The public only ever sees the live copy, and only while the item it
//! belongs to (if any) is public.

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

/// Visible to the public: approved (it has a live copy), and on its own or
/// with a public item.
fn public_g() -> String {
    format!("(g.live_spec IS NOT NULL AND (g.article_id IS NULL OR EXISTS (SELECT 1 FROM articles a WHERE a.id = g.article_id AND {PUBLIC_A})))")
}

/// Saves a new graphic (checked beforehand) by `author`, sent to review;
/// returns its id.
pub async fn insert(
    conn: &mut AnyConnection,
    spec: &Spec,
    article_id: Option<i64>,
    position: i64,
    author: Option<i64>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let json = serde_json::to_string(spec).map_err(|e| sqlx::Error::Encode(e.into()))?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO graphics (article_id, position, title, kind, spec, created_at, updated_at, \
         review_state, author_id) VALUES ($1, $2, $3, $4, $5, $6, $6, 'submitted', $7) RETURNING id",
    )
    .bind(article_id)
    .bind(position)
    .bind(spec.title.trim())
    .bind(spec.body.slug())
    .bind(json)
    .bind(now)
    .bind(author)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Public graphic `id`.
pub async fn public_one(db: &Db, id: i64) -> Result<Option<Stored>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT g.id, g.article_id, g.live_spec AS spec FROM graphics g WHERE g.id = $1 AND {}",
        public_g()
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    row.map(Row::into_stored).transpose()
}

/// The approved graphics of item `article_id`, in order (the caller has
/// checked the item may be shown).
pub async fn of_article(db: &Db, article_id: i64) -> Result<Vec<Stored>, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    of_article_in(&mut conn, article_id).await
}

/// [`of_article`] on the caller's connection (the archive export's
/// snapshot).
pub async fn of_article_in(
    conn: &mut sqlx::AnyConnection,
    article_id: i64,
) -> Result<Vec<Stored>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT g.id, g.article_id, g.live_spec AS spec FROM graphics g WHERE g.article_id = $1 \
         AND g.live_spec IS NOT NULL ORDER BY g.position, g.id",
    )
    .bind(article_id)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(Row::into_stored).collect()
}

/// Every public graphic, newest first: (id, title, kind, item id).
pub async fn public_list(db: &Db) -> Result<Vec<(i64, String, String, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT g.id, g.live_title, g.live_kind, g.article_id FROM graphics g WHERE {} \
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

/// Replaces graphic `id`'s working copy and item and sends it to review
/// (the live copy stays as approved until then); false when there is no
/// such graphic.
pub async fn update(
    conn: &mut AnyConnection,
    id: i64,
    spec: &Spec,
    article_id: Option<i64>,
    author: Option<i64>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let json = serde_json::to_string(spec).map_err(|e| sqlx::Error::Encode(e.into()))?;
    let done = sqlx::query(
        "UPDATE graphics SET article_id = $1, title = $2, kind = $3, spec = $4, updated_at = $5, \
         review_state = 'submitted', author_id = $7 WHERE id = $6",
    )
    .bind(article_id)
    .bind(spec.title.trim())
    .bind(spec.body.slug())
    .bind(json)
    .bind(now)
    .bind(id)
    .bind(author)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// A graphic in the staff list.
pub type StaffRow = (
    i64,
    String,
    String,
    Option<i64>,
    Option<String>,
    String,
    i64,
);

/// Every graphic for staff, newest first: (id, title, kind, item id, item
/// title, review state, live 0/1).
pub async fn all(db: &Db) -> Result<Vec<StaffRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT g.id, g.title, g.kind, g.article_id, a.title, g.review_state, \
         CASE WHEN g.live_spec IS NULL THEN 0 ELSE 1 END \
         FROM graphics g LEFT JOIN articles a ON a.id = g.article_id ORDER BY g.updated_at DESC, g.id DESC",
    )
    .fetch_all(db.pool())
    .await
}

/// The review records of graphic `id`, newest first: (decision, reviewer,
/// time, opinion).
pub async fn reviews(db: &Db, id: i64) -> Result<Vec<(String, String, i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT decision, reviewer_name, created_at, opinion FROM graphic_reviews \
         WHERE graphic_id = $1 ORDER BY id DESC",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await
}

/// A graphic's review state as staff see it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReviewState {
    pub id: i64,
    pub title: String,
    pub article_id: Option<i64>,
    pub article_title: Option<String>,
    /// submitted, approved or returned.
    pub review_state: String,
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    pub updated_at: i64,
    /// The working copy.
    pub spec: String,
    /// The working copy's [`fingerprint`]: a review names it, so a change
    /// made after the reviewer opened the graphic is never approved unseen.
    pub version: String,
    /// Whether an approved copy is live.
    pub live: bool,
    pub live_spec: Option<String>,
}

const STATE_QUERY: &str = "SELECT g.id, g.title, g.article_id, a.title AS article_title, g.review_state, \
     g.author_id, u.display_name AS author_name, g.updated_at, g.spec, \
     CASE WHEN g.live_spec IS NULL THEN 0 ELSE 1 END AS live, g.live_spec \
     FROM graphics g LEFT JOIN articles a ON a.id = g.article_id LEFT JOIN users u ON u.id = g.author_id";

/// Graphic `id`'s review state.
pub async fn review_state(db: &Db, id: i64) -> Result<Option<ReviewState>, sqlx::Error> {
    sqlx::query_as::<_, StateRow>(&format!("{STATE_QUERY} WHERE g.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .map(|r| r.map(StateRow::into_state))
}

/// Graphics waiting for review, oldest first.
pub async fn waiting_for_review(db: &Db) -> Result<Vec<ReviewState>, sqlx::Error> {
    sqlx::query_as::<_, StateRow>(&format!(
        "{STATE_QUERY} WHERE g.review_state = 'submitted' ORDER BY g.updated_at, g.id"
    ))
    .fetch_all(db.pool())
    .await
    .map(|rows| rows.into_iter().map(StateRow::into_state).collect())
}

#[derive(sqlx::FromRow)]
struct StateRow {
    id: i64,
    title: String,
    article_id: Option<i64>,
    article_title: Option<String>,
    review_state: String,
    author_id: Option<i64>,
    author_name: Option<String>,
    updated_at: i64,
    spec: String,
    live: i64,
    live_spec: Option<String>,
}

impl StateRow {
    fn into_state(self) -> ReviewState {
        ReviewState {
            id: self.id,
            title: self.title,
            article_id: self.article_id,
            article_title: self.article_title,
            review_state: self.review_state,
            author_id: self.author_id,
            author_name: self.author_name,
            updated_at: self.updated_at,
            version: fingerprint(&self.spec),
            spec: self.spec,
            live: self.live != 0,
            live_spec: self.live_spec,
        }
    }
}

/// A short digest of a working copy, naming the version a reviewer saw.
pub fn fingerprint(spec: &str) -> String {
    use sha2::{Digest, Sha256};
    crate::server::secret::hex(&Sha256::digest(spec.as_bytes())[..12])
}

/// A reviewer's decision on a graphic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// 同意公开: the working copy becomes the live one.
    Approve,
    /// 退回修改.
    Return,
}

impl Verdict {
    pub fn slug(self) -> &'static str {
        match self {
            Verdict::Approve => "approved",
            Verdict::Return => "returned",
        }
    }
}

/// Why a review could not be recorded.
#[derive(Debug)]
pub enum ReviewRefused {
    NotFound,
    /// Not waiting for review (approved or returned meanwhile).
    NotWaiting,
    /// Saved again after the reviewer opened it (`seen` is no longer its version).
    Changed,
    /// The reviewer is its author.
    OwnWork,
    Db(sqlx::Error),
}

impl From<sqlx::Error> for ReviewRefused {
    fn from(e: sqlx::Error) -> Self {
        ReviewRefused::Db(e)
    }
}

/// Records `reviewer`'s verdict on graphic `id` in the version `seen` (its
/// [`fingerprint`] when the reviewer opened it), with the review record;
/// an approval makes that version live. The caller audits in `conn`'s
/// transaction.
pub async fn review(
    conn: &mut AnyConnection,
    id: i64,
    reviewer: (i64, &str),
    verdict: Verdict,
    opinion: &str,
    seen: &str,
    now: i64,
) -> Result<(), ReviewRefused> {
    let row: Option<(String, String, Option<i64>)> =
        sqlx::query_as("SELECT spec, review_state, author_id FROM graphics WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((spec, state, author)) = row else {
        return Err(ReviewRefused::NotFound);
    };
    if state != "submitted" {
        return Err(ReviewRefused::NotWaiting);
    }
    if fingerprint(&spec) != seen {
        return Err(ReviewRefused::Changed);
    }
    if author == Some(reviewer.0) {
        return Err(ReviewRefused::OwnWork);
    }
    sqlx::query(
        "INSERT INTO graphic_reviews (graphic_id, reviewer_id, reviewer_name, decision, opinion, spec, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(reviewer.0)
    .bind(reviewer.1)
    .bind(verdict.slug())
    .bind(opinion)
    .bind(&spec)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let sql = match verdict {
        Verdict::Approve => {
            "UPDATE graphics SET live_spec = spec, live_title = title, live_kind = kind, \
             review_state = 'approved' WHERE id = $1 AND spec = $2 AND review_state = 'submitted'"
        }
        Verdict::Return => {
            "UPDATE graphics SET review_state = 'returned' \
             WHERE id = $1 AND spec = $2 AND review_state = 'submitted'"
        }
    };
    // The spec read above, compared again: on PostgreSQL a save may land
    // between the read and this write.
    let done = sqlx::query(sql)
        .bind(id)
        .bind(&spec)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(ReviewRefused::Changed);
    }
    Ok(())
}
