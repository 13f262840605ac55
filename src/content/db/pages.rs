//! Text pages (公开指南, 公开制度, about, contact, privacy): the public
//! reads the approved text; staff edits wait in `pending_*` for a reviewer,
//! and each decision is kept with its text in `static_page_reviews` (the
//! approved ones are the page's revisions).

use super::TextDecision;
use crate::content::types::{PublicationStatus, StaticPage, TextPage};
use crate::server::db::Db;
use crate::ui::format::iso_date;
use sqlx::AnyConnection;

/// A published text page by slug.
pub async fn static_page(db: &Db, slug: &str) -> Result<Option<StaticPage>, sqlx::Error> {
    let row: Option<(String, String, i64)> = sqlx::query_as(
        "SELECT title, body_html, updated_at FROM static_pages WHERE slug = $1 AND status = 'published'",
    )
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

/// The slugs of the published text pages.
pub async fn published_pages(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT slug FROM static_pages WHERE status = 'published'")
            .fetch_all(db.pool())
            .await?;
    Ok(rows.into_iter().map(|(s,)| s).collect())
}

/// Creates or replaces a published text page with the approval that
/// allowed it (loading content from elsewhere).
pub async fn save_static_page(
    db: &Db,
    slug: &str,
    title: &str,
    body_md: &str,
    approval: &super::Approval,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO static_pages (slug, title, body_md, body_html, updated_at, status) VALUES ($1, $2, $3, $4, $5, 'published') \
         ON CONFLICT (slug) DO UPDATE SET title = excluded.title, body_md = excluded.body_md, \
         body_html = excluded.body_html, updated_at = excluded.updated_at, status = 'published'",
    )
    .bind(slug)
    .bind(title)
    .bind(body_md)
    .bind(crate::content::markdown::render(body_md))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    record_decision(
        &mut tx,
        slug,
        &PageText {
            title: title.to_owned(),
            body_md: body_md.to_owned(),
        },
        approval.reviewer_id,
        &approval.reviewer_name,
        true,
        &approval.opinion,
        now,
    )
    .await?;
    tx.commit().await
}

/// A page's text as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageText {
    pub title: String,
    pub body_md: String,
}

/// A decision on a page's text, with the text.
#[derive(Debug, Clone)]
pub struct PageRevision {
    pub reviewer: String,
    pub approved: bool,
    pub opinion: String,
    pub text: PageText,
    pub at: i64,
}

/// A text page as its staff page shows it.
#[derive(Debug, Clone)]
pub struct StaffPage {
    pub page: TextPage,
    /// None: never written.
    pub status: Option<PublicationStatus>,
    pub live: Option<PageText>,
    pub pending: Option<(PageText, Option<i64>)>,
    pub return_note: String,
    /// Decisions, newest first.
    pub revisions: Vec<PageRevision>,
}

type PageRow = (
    PublicationStatus,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<i64>,
    String,
);

/// One text page for staff, inside the caller's connection.
pub async fn staff_page_in(
    conn: &mut AnyConnection,
    page: TextPage,
) -> Result<StaffPage, sqlx::Error> {
    let row: Option<PageRow> = sqlx::query_as(
        "SELECT status, title, body_md, pending_title, pending_body_md, pending_by, return_note \
         FROM static_pages WHERE slug = $1",
    )
    .bind(page.slug())
    .fetch_optional(&mut *conn)
    .await?;
    let Some((status, title, body_md, p_title, p_body, p_by, return_note)) = row else {
        return Ok(StaffPage {
            page,
            status: None,
            live: None,
            pending: None,
            return_note: String::new(),
            revisions: Vec::new(),
        });
    };
    let pending = match (p_title, p_body) {
        (Some(title), Some(body_md)) => Some((PageText { title, body_md }, p_by)),
        _ => None,
    };
    let rows: Vec<(String, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT reviewer_name, decision, opinion, title, body_md, created_at FROM static_page_reviews \
         WHERE slug = $1 ORDER BY id DESC",
    )
    .bind(page.slug())
    .fetch_all(&mut *conn)
    .await?;
    Ok(StaffPage {
        page,
        live: (status != PublicationStatus::Draft).then_some(PageText { title, body_md }),
        status: Some(status),
        pending,
        return_note,
        revisions: rows
            .into_iter()
            .map(
                |(reviewer, decision, opinion, title, body_md, at)| PageRevision {
                    reviewer,
                    approved: decision == "approved",
                    opinion,
                    text: PageText { title, body_md },
                    at,
                },
            )
            .collect(),
    })
}

/// Every text page for staff.
pub async fn staff_pages(db: &Db) -> Result<Vec<StaffPage>, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    let mut pages = Vec::new();
    for page in TextPage::ALL {
        pages.push(staff_page_in(&mut conn, page).await?);
    }
    Ok(pages)
}

/// Puts a text up for review (a page never written starts as a draft the
/// public does not see); the public keeps the approved text meanwhile.
pub async fn propose_page_text(
    conn: &mut AnyConnection,
    page: TextPage,
    text: &PageText,
    author: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO static_pages (slug, title, body_md, body_html, updated_at, status, pending_title, pending_body_md, pending_by) \
         VALUES ($1, $2, $3, '', $4, 'draft', $2, $3, $5) \
         ON CONFLICT (slug) DO UPDATE SET pending_title = excluded.pending_title, \
         pending_body_md = excluded.pending_body_md, pending_by = excluded.pending_by, return_note = ''",
    )
    .bind(page.slug())
    .bind(&text.title)
    .bind(&text.body_md)
    .bind(now)
    .bind(author)
    .execute(conn)
    .await?;
    Ok(())
}

#[expect(clippy::too_many_arguments, reason = "one row's columns")]
async fn record_decision(
    conn: &mut AnyConnection,
    slug: &str,
    text: &PageText,
    reviewer_id: Option<i64>,
    reviewer_name: &str,
    approve: bool,
    opinion: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO static_page_reviews (slug, reviewer_id, reviewer_name, decision, opinion, title, body_md, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(slug)
    .bind(reviewer_id)
    .bind(reviewer_name)
    .bind(if approve { "approved" } else { "returned" })
    .bind(opinion)
    .bind(&text.title)
    .bind(&text.body_md)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a decision on `pending` (read in the same transaction): an
/// approval publishes that text; a return keeps it waiting with the note.
pub async fn decide_page_text(
    conn: &mut AnyConnection,
    page: TextPage,
    pending: &PageText,
    decision: &TextDecision<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    record_decision(
        conn,
        page.slug(),
        pending,
        Some(decision.reviewer_id),
        decision.reviewer_name,
        decision.approve,
        decision.opinion,
        now,
    )
    .await?;
    if decision.approve {
        sqlx::query(
            "UPDATE static_pages SET title = $1, body_md = $2, body_html = $3, updated_at = $4, \
             status = 'published', pending_title = NULL, pending_body_md = NULL, pending_by = NULL, \
             return_note = '' WHERE slug = $5",
        )
        .bind(&pending.title)
        .bind(&pending.body_md)
        .bind(crate::content::markdown::render(&pending.body_md))
        .bind(now)
        .bind(page.slug())
        .execute(conn)
        .await?;
    } else {
        sqlx::query("UPDATE static_pages SET return_note = $1 WHERE slug = $2")
            .bind(decision.opinion)
            .bind(page.slug())
            .execute(conn)
            .await?;
    }
    Ok(())
}
