//! The editorial workflow's store: every query on revisions and reviews,
//! and every write the workflow makes to articles and attachments, each user
//! action in one transaction. The workflow: every save a revision; 草稿 → 送审 → a reviewer
//! who is not the author approves (with a 保密审查 record and the 五公开
//! attribute confirmed) or returns it with comments → published now or at a
//! scheduled time → 撤回 with a public reason. Nothing becomes public except
//! through `publish_revision`, which refuses a revision without an approved
//! review.
//!
//! `save.rs` writes revisions, `review.rs` takes the reviewer's decision,
//! `publish.rs` makes revisions live and withdraws them, `lists.rs` holds
//! the reads staff pages make.

use crate::account::db::audit::{self, Actor};
use crate::account::types::StaffUser;
use crate::clock::Calendar;
use crate::content::db::{
    assign_index_no, beijing_date, link_interpretation, INTERPRETATION_LIMIT,
};
use crate::content::editorial::types::{ArticleForm, RevisionState, WorkItem};
use crate::content::markdown::render;
use crate::content::taxonomy::{ContentKind, Disclosure};
use crate::content::types::PublicationStatus;
use crate::error::AppError;
use crate::server::db::Db;
use crate::ui::format::datetime_zh;
use sqlx::AnyConnection;

/// A revision as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RevisionRow {
    pub id: i64,
    pub article_id: i64,
    pub author_id: Option<i64>,
    pub author_name: String,
    pub state: String,
    pub snapshot: String,
    pub note: String,
    pub scheduled_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// What a Word import could not carry, one line each (empty if none).
    pub import_notes: String,
}

impl RevisionRow {
    pub fn state(&self) -> RevisionState {
        RevisionState::from_slug(&self.state).unwrap_or(RevisionState::Draft)
    }

    pub fn form(&self) -> ArticleForm {
        serde_json::from_str(&self.snapshot).unwrap_or_default()
    }

    /// The import's warnings, one per line.
    pub fn import_notes(&self) -> Vec<String> {
        self.import_notes
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect()
    }
}

const REVISION_COLUMNS: &str =
    "id, article_id, author_id, author_name, state, snapshot, note, scheduled_at, created_at, updated_at, import_notes";

#[derive(sqlx::FromRow)]
struct LiveRow {
    kind: String,
    subtype: String,
    title: String,
    summary: String,
    body_md: String,
    publisher: String,
    doc_no: String,
    written_on: String,
    topic: String,
    validity: String,
    replaced_by: Option<i64>,
    disclosure: String,
    withheld_reason: String,
    needs_interpretation: i64,
    concern_on: Option<String>,
    status: PublicationStatus,
    pending_revision_id: Option<i64>,
}

/// An item as staff see it: the live fields as a form, its public state and
/// its open revision.
#[derive(Debug, Clone)]
pub struct StaffArticle {
    pub id: i64,
    pub live: ArticleForm,
    pub status: PublicationStatus,
    pub pending: Option<RevisionRow>,
}

impl StaffArticle {
    /// What the editor should start from: the open revision, else the live fields.
    pub fn working_form(&self) -> ArticleForm {
        match &self.pending {
            Some(r) => r.form(),
            None => ArticleForm {
                note: String::new(),
                ..self.live.clone()
            },
        }
    }
}

/// An item with its open revision, for staff (any status).
pub async fn staff_article(db: &Db, id: i64) -> Result<Option<StaffArticle>, sqlx::Error> {
    let row: Option<LiveRow> = sqlx::query_as(
        "SELECT kind, subtype, title, summary, body_md, publisher, doc_no, written_on, topic, validity, replaced_by, \
         disclosure, withheld_reason, needs_interpretation, concern_on, status, pending_revision_id \
         FROM articles WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    let Some(r) = row else { return Ok(None) };
    let explains: Vec<(i64,)> =
        sqlx::query_as("SELECT document_id FROM interpretation_links WHERE interpretation_id = $1 ORDER BY document_id")
            .bind(id)
            .fetch_all(db.pool())
            .await?;
    let pending = match r.pending_revision_id {
        Some(rid) => {
            sqlx::query_as(&format!(
                "SELECT {REVISION_COLUMNS} FROM revisions WHERE id = $1"
            ))
            .bind(rid)
            .fetch_optional(db.pool())
            .await?
        }
        None => None,
    };
    let terms = if r.kind == ContentKind::Consultation.slug() {
        crate::comments::db::terms(db, id).await?
    } else {
        None
    };
    let mut article = StaffArticle {
        id,
        live: ArticleForm {
            kind: r.kind,
            subtype: r.subtype,
            title: r.title,
            summary: r.summary,
            body_md: r.body_md,
            publisher: r.publisher,
            doc_no: r.doc_no,
            written_on: r.written_on,
            topic: r.topic,
            validity: r.validity,
            replaced_by: r.replaced_by.map(|i| i.to_string()).unwrap_or_default(),
            disclosure: r.disclosure,
            withheld_reason: r.withheld_reason,
            needs_interpretation: r.needs_interpretation == 1,
            concern_on: r.concern_on.unwrap_or_default(),
            explains: explains
                .iter()
                .map(|(i,)| i.to_string())
                .collect::<Vec<_>>()
                .join(" "),
            note: String::new(),
            ..ArticleForm::default()
        },
        status: r.status,
        pending,
    };
    if let Some(t) = terms {
        t.fill(&mut article.live);
    }
    if article.live.kind == ContentKind::AnnualReport.slug() {
        // Its report lives only in the revisions: the live one is the
        // published revision's.
        if let Some(form) = published_form(db, id).await? {
            article.live.report_json = form.report_json;
        }
    }
    Ok(Some(article))
}

/// The fields of item `id`'s published revision, if it has one.
pub async fn published_form(db: &Db, id: i64) -> Result<Option<ArticleForm>, sqlx::Error> {
    let row: Option<RevisionRow> = sqlx::query_as(&format!(
        "SELECT {REVISION_COLUMNS} FROM revisions WHERE article_id = $1 AND state = 'published' \
         ORDER BY id DESC LIMIT 1"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|r| r.form()))
}

mod lists;
mod publish;
mod review;
mod save;

pub use lists::*;
pub use publish::*;
pub use review::*;
pub use save::*;
