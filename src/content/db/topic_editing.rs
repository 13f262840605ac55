//! 专题 kept by staff: drafts and edits of a topic's text wait for a
//! reviewer (`topic_reviews` holds each decision with the text it was
//! about); items are added, ordered and removed; a topic is retired and
//! restored. The public pages read only the approved text (`topics.rs`).

use super::search::sync_topic;
use crate::content::types::{PublicationStatus, TopicSection};
use crate::server::db::{Backend, Db};
use sqlx::AnyConnection;

/// A topic's text as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicText {
    pub title: String,
    pub summary: String,
    pub body_md: String,
}

/// A topic as its staff page shows it.
#[derive(Debug, Clone)]
pub struct StaffTopic {
    pub id: i64,
    pub slug: String,
    pub status: PublicationStatus,
    /// The text the public sees (for a draft: the text entered).
    pub live: TopicText,
    /// Text waiting for review, and who wrote it.
    pub pending: Option<(TopicText, Option<i64>)>,
    /// The last reviewer's reason for returning the pending text.
    pub return_note: String,
    pub items: Vec<StaffTopicItem>,
    /// Decisions, newest first: (reviewer, decision, opinion, at).
    pub reviews: Vec<(String, String, String, i64)>,
}

/// One item of a topic.
#[derive(Debug, Clone)]
pub struct StaffTopicItem {
    pub article_id: i64,
    pub title: String,
    pub section: TopicSection,
    /// Whether the public sees it (published and 主动公开).
    pub public: bool,
}

/// A topic in the staff list.
#[derive(Debug, Clone)]
pub struct StaffTopicLine {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub status: PublicationStatus,
    pub waiting: bool,
    pub items: i64,
}

/// Every topic, newest first.
pub async fn list_staff_topics(db: &Db) -> Result<Vec<StaffTopicLine>, sqlx::Error> {
    let rows: Vec<(i64, String, String, PublicationStatus, Option<String>, i64)> = sqlx::query_as(
        "SELECT t.id, t.slug, COALESCE(t.pending_title, t.title), t.status, t.pending_title, \
         (SELECT COUNT(*) FROM topic_items ti WHERE ti.topic_id = t.id) \
         FROM topics t ORDER BY t.created_at DESC, t.id DESC",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, slug, title, status, pending, items)| StaffTopicLine {
            id,
            slug,
            title,
            status,
            waiting: pending.is_some(),
            items,
        })
        .collect())
}

type TopicRow = (
    i64,
    String,
    PublicationStatus,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    String,
);

const TOPIC_COLUMNS: &str = "id, slug, status, title, summary, body_md, pending_title, \
     pending_summary, pending_body_md, pending_by, return_note";

/// One topic with its items and reviews.
pub async fn staff_topic(db: &Db, id: i64) -> Result<Option<StaffTopic>, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    staff_topic_in(&mut conn, id).await
}

/// [`staff_topic`] inside a transaction.
pub async fn staff_topic_in(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<StaffTopic>, sqlx::Error> {
    let row: Option<TopicRow> =
        sqlx::query_as(&format!("SELECT {TOPIC_COLUMNS} FROM topics WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((id, slug, status, title, summary, body_md, p_title, p_summary, p_body, p_by, note)) =
        row
    else {
        return Ok(None);
    };
    let pending = match (p_title, p_summary, p_body) {
        (Some(title), Some(summary), Some(body_md)) => Some((
            TopicText {
                title,
                summary,
                body_md,
            },
            p_by,
        )),
        _ => None,
    };
    let items: Vec<(i64, String, String, i64)> = sqlx::query_as(&format!(
        "SELECT a.id, a.title, ti.section, CASE WHEN {} THEN 1 ELSE 0 END \
         FROM topic_items ti JOIN articles a ON a.id = ti.article_id \
         WHERE ti.topic_id = $1 ORDER BY ti.section, ti.position, a.id",
        super::PUBLIC_A
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut items: Vec<StaffTopicItem> = items
        .into_iter()
        .filter_map(|(article_id, title, section, public)| {
            Some(StaffTopicItem {
                article_id,
                title,
                section: TopicSection::from_slug(&section)?,
                public: public == 1,
            })
        })
        .collect();
    // Sections in the order the public page shows them.
    items.sort_by_key(|i| {
        TopicSection::ALL
            .iter()
            .position(|s| *s == i.section)
            .unwrap_or(usize::MAX)
    });
    let reviews: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT reviewer_name, decision, opinion, created_at FROM topic_reviews \
         WHERE topic_id = $1 ORDER BY id DESC",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(StaffTopic {
        id,
        slug,
        status,
        live: TopicText {
            title,
            summary,
            body_md,
        },
        pending,
        return_note: note,
        items,
        reviews,
    }))
}

/// A new topic, not yet public, its text waiting for review. `Ok(None)`
/// when the slug is taken.
pub async fn create_draft_topic(
    conn: &mut AnyConnection,
    slug: &str,
    text: &TopicText,
    author: i64,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let id: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO topics (slug, title, summary, body_md, body_html, status, published_at, created_at, updated_at, \
                             pending_title, pending_summary, pending_body_md, pending_by) \
         VALUES ($1, $2, $3, $4, '', 'draft', $5, $5, $5, $2, $3, $4, $6) \
         ON CONFLICT (slug) DO NOTHING RETURNING id",
    )
    .bind(slug)
    .bind(&text.title)
    .bind(&text.summary)
    .bind(&text.body_md)
    .bind(now)
    .bind(author)
    .fetch_optional(conn)
    .await?;
    Ok(id.map(|(id,)| id))
}

/// Puts an edit of the text up for review (replacing one already waiting);
/// the public keeps seeing the approved text until a reviewer approves it.
pub async fn propose_topic_text(
    conn: &mut AnyConnection,
    id: i64,
    text: &TopicText,
    author: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE topics SET pending_title = $1, pending_summary = $2, pending_body_md = $3, \
         pending_by = $4, return_note = '', updated_at = $5 WHERE id = $6",
    )
    .bind(&text.title)
    .bind(&text.summary)
    .bind(&text.body_md)
    .bind(author)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

pub use crate::account::review::TextDecision;

/// Records a decision on `pending` (read in the same transaction). An
/// approval makes that text the public one and publishes a draft; a return
/// keeps it waiting with the reviewer's note.
pub async fn decide_topic_text(
    conn: &mut AnyConnection,
    id: i64,
    pending: &TopicText,
    decision: &TextDecision<'_>,
    status: PublicationStatus,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO topic_reviews (topic_id, reviewer_id, reviewer_name, decision, opinion, title, summary, body_md, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(decision.reviewer_id)
    .bind(decision.reviewer_name)
    .bind(if decision.approve { "approved" } else { "returned" })
    .bind(decision.opinion)
    .bind(&pending.title)
    .bind(&pending.summary)
    .bind(&pending.body_md)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if !decision.approve {
        sqlx::query("UPDATE topics SET return_note = $1, updated_at = $2 WHERE id = $3")
            .bind(decision.opinion)
            .bind(now)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        return Ok(());
    }
    // A draft is published now; a published or retired topic keeps its
    // status and date.
    let first = status == PublicationStatus::Draft;
    sqlx::query(
        "UPDATE topics SET title = $1, summary = $2, body_md = $3, body_html = $4, \
         status = CASE WHEN status = 'draft' THEN 'published' ELSE status END, \
         published_at = CASE WHEN $5 = 1 THEN $6 ELSE published_at END, \
         pending_title = NULL, pending_summary = NULL, pending_body_md = NULL, pending_by = NULL, \
         return_note = '', updated_at = $6 WHERE id = $7",
    )
    .bind(&pending.title)
    .bind(&pending.summary)
    .bind(&pending.body_md)
    .bind(crate::content::markdown::render(&pending.body_md))
    .bind(i64::from(first))
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    let backend = Backend::of(conn);
    sync_topic(conn, backend, id).await
}

/// Retires a published topic (it leaves the site) or restores a retired
/// one; only a topic with an approved text can be restored.
pub async fn set_topic_status(
    conn: &mut AnyConnection,
    id: i64,
    status: PublicationStatus,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE topics SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status.as_str())
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let backend = Backend::of(conn);
    sync_topic(conn, backend, id).await
}

/// Whether the topic has ever had its text approved.
pub async fn topic_was_approved(conn: &mut AnyConnection, id: i64) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM topic_reviews WHERE topic_id = $1 AND decision = 'approved' LIMIT 1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.is_some())
}

/// The title of item `article_id` if it exists (any status: an item may
/// be added before it is published and shows once it is).
pub async fn article_title_in(
    conn: &mut AnyConnection,
    article_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("SELECT title FROM articles WHERE id = $1")
        .bind(article_id)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(|(t,)| t))
}

/// Adds (or moves to another section) an item, last in its section.
pub async fn put_topic_item(
    conn: &mut AnyConnection,
    topic_id: i64,
    article_id: i64,
    section: TopicSection,
) -> Result<(), sqlx::Error> {
    let (next,): (i64,) = sqlx::query_as(
        "SELECT COALESCE(MAX(position), -1) + 1 FROM topic_items WHERE topic_id = $1 AND section = $2",
    )
    .bind(topic_id)
    .bind(section.slug())
    .fetch_one(&mut *conn)
    .await?;
    super::add_topic_item(conn, topic_id, article_id, section, next).await
}

/// Removes an item; whether it was there.
pub async fn remove_topic_item(
    conn: &mut AnyConnection,
    topic_id: i64,
    article_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM topic_items WHERE topic_id = $1 AND article_id = $2")
        .bind(topic_id)
        .bind(article_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Moves an item one place up or down within its section; whether it moved.
pub async fn move_topic_item(
    conn: &mut AnyConnection,
    topic_id: i64,
    article_id: i64,
    up: bool,
) -> Result<bool, sqlx::Error> {
    let section: Option<(String,)> =
        sqlx::query_as("SELECT section FROM topic_items WHERE topic_id = $1 AND article_id = $2")
            .bind(topic_id)
            .bind(article_id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((section,)) = section else {
        return Ok(false);
    };
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT article_id FROM topic_items WHERE topic_id = $1 AND section = $2 \
         ORDER BY position, article_id",
    )
    .bind(topic_id)
    .bind(&section)
    .fetch_all(&mut *conn)
    .await?;
    let mut order: Vec<i64> = rows.into_iter().map(|(id,)| id).collect();
    let Some(at) = order.iter().position(|id| *id == article_id) else {
        return Ok(false);
    };
    let other = if up {
        at.checked_sub(1)
    } else {
        Some(at + 1).filter(|i| *i < order.len())
    };
    let Some(other) = other else {
        return Ok(false);
    };
    order.swap(at, other);
    for (position, id) in order.iter().enumerate() {
        sqlx::query("UPDATE topic_items SET position = $1 WHERE topic_id = $2 AND article_id = $3")
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .bind(topic_id)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(true)
}
