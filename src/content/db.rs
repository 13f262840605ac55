//! Content queries. Row structs stay here; pages get the shared types.

use crate::content::types::{Article, ArticleSummary, ContentKind};
use crate::server::db::Db;
use crate::ui::format::iso_date;
use sqlx::{Any, Executor};

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    kind: String,
    title: String,
    summary: String,
    published_at: i64,
}

impl SummaryRow {
    fn into_summary(self) -> Option<ArticleSummary> {
        Some(ArticleSummary {
            id: self.id,
            kind: ContentKind::from_slug(&self.kind)?,
            title: self.title,
            summary: self.summary,
            published_on: iso_date(self.published_at),
        })
    }
}

#[derive(sqlx::FromRow)]
struct ArticleRow {
    id: i64,
    kind: String,
    title: String,
    summary: String,
    body_html: String,
    publisher: String,
    published_at: i64,
}

/// A new item to store; the body is Markdown.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub kind: ContentKind,
    pub title: String,
    pub summary: String,
    pub body_md: String,
    pub publisher: String,
    pub published_at: i64,
}

/// One item by id, or `None`.
pub async fn find_article(db: &Db, id: i64) -> Result<Option<Article>, sqlx::Error> {
    let row: Option<ArticleRow> = sqlx::query_as(
        "SELECT id, kind, title, summary, body_html, publisher, published_at \
         FROM articles WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.and_then(|r| {
        Some(Article {
            id: r.id,
            kind: ContentKind::from_slug(&r.kind)?,
            title: r.title,
            summary: r.summary,
            body_html: r.body_html,
            publisher: r.publisher,
            published_on: iso_date(r.published_at),
        })
    }))
}

/// The newest items, optionally of one kind.
pub async fn latest(
    db: &Db,
    kind: Option<ContentKind>,
    limit: i64,
    offset: i64,
) -> Result<Vec<ArticleSummary>, sqlx::Error> {
    let rows: Vec<SummaryRow> = match kind {
        Some(kind) => {
            sqlx::query_as(
                "SELECT id, kind, title, summary, published_at FROM articles \
                 WHERE kind = $1 ORDER BY published_at DESC, id DESC LIMIT $2 OFFSET $3",
            )
            .bind(kind.slug())
            .bind(limit)
            .bind(offset)
            .fetch_all(db.pool())
            .await?
        }
        None => {
            sqlx::query_as(
                "SELECT id, kind, title, summary, published_at FROM articles \
                 ORDER BY published_at DESC, id DESC LIMIT $1 OFFSET $2",
            )
            .bind(limit)
            .bind(offset)
            .fetch_all(db.pool())
            .await?
        }
    };
    Ok(rows
        .into_iter()
        .filter_map(SummaryRow::into_summary)
        .collect())
}

/// How many items there are.
pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM articles")
        .fetch_one(db.pool())
        .await?;
    Ok(n)
}

/// Stores a new item, rendering its body; returns its id.
pub async fn insert_article<'c, E>(
    executor: E,
    new: &NewArticle,
    now: i64,
) -> Result<i64, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let body_html = crate::content::markdown::render(&new.body_md);
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO articles \
         (kind, title, summary, body_md, body_html, publisher, published_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(new.kind.slug())
    .bind(&new.title)
    .bind(&new.summary)
    .bind(&new.body_md)
    .bind(&body_html)
    .bind(&new.publisher)
    .bind(new.published_at)
    .bind(now)
    .fetch_one(executor)
    .await?;
    Ok(id)
}
