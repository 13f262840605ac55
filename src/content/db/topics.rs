//! 专题: special topics.

use super::{summaries, SummaryRow, PUBLIC_A, SUMMARY_COLUMNS};
use crate::content::types::{TopicLink, TopicPage, TopicSection, TopicSummary};
use crate::server::db::Db;
use crate::ui::format::iso_date;
use sqlx::AnyConnection;

/// A new special topic.
#[derive(Debug, Clone)]
pub struct NewTopic {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body_md: String,
    pub published_at: i64,
    /// Who approved it for publication (recorded with the text).
    pub approval: super::Approval,
}

/// Creates a published topic with the approval that allowed it (loading
/// content from elsewhere); returns its id.
pub async fn create_topic(
    conn: &mut AnyConnection,
    topic: &NewTopic,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO topics (slug, title, summary, body_md, body_html, status, published_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'published', $6, $7, $7) RETURNING id",
    )
    .bind(&topic.slug)
    .bind(&topic.title)
    .bind(&topic.summary)
    .bind(&topic.body_md)
    .bind(crate::content::markdown::render(&topic.body_md))
    .bind(topic.published_at)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO topic_reviews (topic_id, reviewer_id, reviewer_name, decision, opinion, title, summary, body_md, created_at) \
         VALUES ($1, $2, $3, 'approved', $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(topic.approval.reviewer_id)
    .bind(&topic.approval.reviewer_name)
    .bind(&topic.approval.opinion)
    .bind(&topic.title)
    .bind(&topic.summary)
    .bind(&topic.body_md)
    .bind(topic.published_at)
    .execute(&mut *conn)
    .await?;
    let backend = crate::server::db::Backend::of(conn);
    crate::content::db::search::sync_topic(conn, backend, id).await?;
    Ok(id)
}

/// Puts an item into a section of a topic.
pub async fn add_topic_item(
    conn: &mut AnyConnection,
    topic_id: i64,
    article_id: i64,
    section: TopicSection,
    position: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO topic_items (topic_id, article_id, section, position) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (topic_id, article_id) DO UPDATE SET section = excluded.section, position = excluded.position",
    )
    .bind(topic_id)
    .bind(article_id)
    .bind(section.slug())
    .bind(position)
    .execute(conn)
    .await?;
    Ok(())
}

/// Published topics, newest first, with how many public items each holds.
pub async fn list_topics(db: &Db) -> Result<Vec<TopicSummary>, sqlx::Error> {
    let rows: Vec<(String, String, String, i64, i64)> = sqlx::query_as(&format!(
        "SELECT t.slug, t.title, t.summary, t.published_at, \
         (SELECT COUNT(*) FROM topic_items ti JOIN articles a ON a.id = ti.article_id \
          WHERE ti.topic_id = t.id AND {PUBLIC_A}) \
         FROM topics t WHERE t.status = 'published' ORDER BY t.published_at DESC, t.id DESC"
    ))
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, title, summary, at, count)| TopicSummary {
            slug,
            title,
            summary,
            published_on: iso_date(at),
            count,
        })
        .collect())
}

/// A published topic with its public items by section.
pub async fn topic_page(db: &Db, slug: &str) -> Result<Option<TopicPage>, sqlx::Error> {
    let topic: Option<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, title, summary, body_html, published_at FROM topics WHERE slug = $1 AND status = 'published'",
    )
    .bind(slug)
    .fetch_optional(db.pool())
    .await?;
    let Some((id, title, summary, body_html, at)) = topic else {
        return Ok(None);
    };
    let mut sections = Vec::new();
    for section in TopicSection::ALL {
        let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM topic_items ti JOIN articles a ON a.id = ti.article_id \
             WHERE ti.topic_id = $1 AND ti.section = $2 AND {PUBLIC_A} \
             ORDER BY ti.position, a.published_at DESC, a.id DESC"
        ))
        .bind(id)
        .bind(section.slug())
        .fetch_all(db.pool())
        .await?;
        let items = summaries(rows);
        if !items.is_empty() {
            sections.push((section, items));
        }
    }
    Ok(Some(TopicPage {
        id,
        slug: slug.to_owned(),
        title,
        summary,
        body_html,
        published_on: iso_date(at),
        sections,
    }))
}

/// The published topics an item belongs to.
pub async fn topics_of(db: &Db, article_id: i64) -> Result<Vec<TopicLink>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT t.slug, t.title FROM topic_items ti JOIN topics t ON t.id = ti.topic_id \
         WHERE ti.article_id = $1 AND t.status = 'published' ORDER BY t.published_at DESC",
    )
    .bind(article_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, title)| TopicLink { slug, title })
        .collect())
}
