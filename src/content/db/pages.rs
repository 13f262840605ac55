//! Text pages of the disclosure section.

use crate::content::types::StaticPage;
use crate::server::db::Db;
use crate::ui::format::iso_date;

/// A text page by slug.
pub async fn static_page(db: &Db, slug: &str) -> Result<Option<StaticPage>, sqlx::Error> {
    let row: Option<(String, String, i64)> =
        sqlx::query_as("SELECT title, body_html, updated_at FROM static_pages WHERE slug = $1")
            .bind(slug)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(title, body_html, at)| StaticPage {
        slug: slug.to_owned(),
        title,
        body_html,
        updated_on: iso_date(at),
    }))
}

/// Creates or replaces a text page.
pub async fn save_static_page(
    db: &Db,
    slug: &str,
    title: &str,
    body_md: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO static_pages (slug, title, body_md, body_html, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (slug) DO UPDATE SET title = excluded.title, body_md = excluded.body_md, \
         body_html = excluded.body_html, updated_at = excluded.updated_at",
    )
    .bind(slug)
    .bind(title)
    .bind(body_md)
    .bind(crate::content::markdown::render(body_md))
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}
