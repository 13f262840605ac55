//! Content queries. Row structs stay here; pages get the shared types.
//!
//! "Public" always means `status = 'published' AND disclosure = 'active'`:
//! published, and 主动公开. The partial indexes in the migration are written
//! with exactly that condition, so every public query repeats it literally.

pub mod archive;
mod attachments;
mod catalogue;
mod index_no;
mod interpretation;
pub mod links;
mod pages;
pub mod search;
pub mod terms;
mod topic_editing;
mod topics;
pub mod yearly;

pub use attachments::{
    add_attachment, attachment_for_download, attachment_for_staff, attachment_of, stage_attachment,
    stage_removal, Download, NewAttachment,
};
pub use catalogue::{catalogue, category_page, Cursor, Filters, Position};
pub use index_no::{assign_index_no, index_code, reserve_index_nos, set_code};
pub use interpretation::{
    awaiting_interpretation, interpreted_documents, link_interpretation,
    recompute_interpretation_dues, INTERPRETATION_LIMIT,
};
pub use pages::{
    decide_page_text, propose_page_text, published_pages, save_static_page, staff_page_in,
    staff_pages, static_page, PageRevision, PageText, StaffPage,
};
pub use topic_editing::*;
pub use topics::{add_topic_item, create_topic, list_topics, topic_page, NewTopic};

use crate::clock::Calendar;
use crate::content::taxonomy::{Disclosure, Validity};
use crate::content::types::{
    Article, ArticleLink, ArticleSummary, ConcernTiming, ContentKind, InterpretationState,
};
use crate::server::db::Db;
use crate::ui::format::iso_date;
use chrono::NaiveDate;
use sqlx::AnyConnection;

/// The condition every public query carries, for table alias `a`.
pub const PUBLIC_A: &str = "a.status = 'published' AND a.disclosure = 'active'";

/// The columns `SummaryRow` reads, for table alias `a`.
pub const SUMMARY_COLUMNS: &str =
    "a.id, a.kind, a.subtype, a.title, a.summary, a.published_at, a.validity, a.doc_no";

#[derive(sqlx::FromRow)]
pub(crate) struct SummaryRow {
    id: i64,
    kind: String,
    subtype: String,
    title: String,
    summary: String,
    published_at: i64,
    validity: String,
    doc_no: String,
}

impl SummaryRow {
    pub(crate) fn into_summary(self) -> Option<ArticleSummary> {
        Some(ArticleSummary {
            id: self.id,
            kind: ContentKind::from_slug(&self.kind)?,
            subtype: self.subtype,
            title: self.title,
            summary: self.summary,
            published_on: iso_date(self.published_at),
            validity: Validity::from_slug(&self.validity).unwrap_or(Validity::Valid),
            doc_no: self.doc_no,
        })
    }
}

pub(crate) fn summaries(rows: Vec<SummaryRow>) -> Vec<ArticleSummary> {
    rows.into_iter()
        .filter_map(SummaryRow::into_summary)
        .collect()
}

pub use crate::content::types::PublicationStatus as Status;

/// The confidentiality review (保密审查) that let an item be published.
#[derive(Debug, Clone)]
pub struct Approval {
    pub reviewer_id: Option<i64>,
    pub reviewer_name: String,
    pub opinion: String,
}

impl Approval {
    /// Approval recorded when content is loaded from elsewhere.
    pub fn import(reviewer_name: &str) -> Self {
        Approval {
            reviewer_id: None,
            reviewer_name: reviewer_name.to_owned(),
            opinion: "经保密审查，同意公开".to_owned(),
        }
    }
}

/// A new item to store; the body is Markdown.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub kind: ContentKind,
    pub subtype: String,
    pub title: String,
    pub summary: String,
    pub body_md: String,
    pub publisher: String,
    pub doc_no: String,
    pub written_on: String,
    /// The 主题分类's slug (see `subjects`).
    pub topic: String,
    pub validity: Validity,
    pub disclosure: Disclosure,
    pub withheld_reason: String,
    pub needs_interpretation: bool,
    pub concern_on: Option<String>,
    pub status: Status,
    /// Required when `status` is `Published`: nothing is published unreviewed.
    pub approval: Option<Approval>,
    pub published_at: i64,
    /// 年度报告: the report the body was generated from (see `reports`).
    pub report_json: String,
}

impl NewArticle {
    /// A published, actively disclosed item with defaults for the rest.
    pub fn published(
        kind: ContentKind,
        title: &str,
        body_md: &str,
        publisher: &str,
        published_at: i64,
    ) -> Self {
        NewArticle {
            kind,
            subtype: kind.default_subtype().to_owned(),
            title: title.to_owned(),
            summary: String::new(),
            body_md: body_md.to_owned(),
            publisher: publisher.to_owned(),
            doc_no: String::new(),
            written_on: String::new(),
            topic: "general".to_owned(),
            validity: Validity::Valid,
            disclosure: Disclosure::Active,
            withheld_reason: String::new(),
            needs_interpretation: false,
            concern_on: None,
            status: Status::Published,
            approval: Some(Approval::import("导入")),
            published_at,
            report_json: String::new(),
        }
    }

    /// The item's fields as the editor's form (a revision's snapshot).
    pub fn form(&self) -> crate::content::editorial::types::ArticleForm {
        crate::content::editorial::types::ArticleForm {
            kind: self.kind.slug().to_owned(),
            subtype: self.subtype.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            body_md: self.body_md.clone(),
            publisher: self.publisher.clone(),
            doc_no: self.doc_no.clone(),
            written_on: self.written_on.clone(),
            topic: self.topic.clone(),
            validity: self.validity.slug().to_owned(),
            replaced_by: String::new(),
            disclosure: self.disclosure.slug().to_owned(),
            withheld_reason: self.withheld_reason.clone(),
            needs_interpretation: self.needs_interpretation,
            concern_on: self.concern_on.clone().unwrap_or_default(),
            explains: String::new(),
            report_json: self.report_json.clone(),
            note: String::new(),
            ..Default::default()
        }
    }
}

/// The Beijing calendar date of a Unix time.
pub fn beijing_date(unix: i64) -> NaiveDate {
    NaiveDate::parse_from_str(&iso_date(unix), "%Y-%m-%d").unwrap_or_default()
}

/// Stores a new item, rendering its body. A published item gets its 索引号,
/// a document needing interpretation its due date, and both a revision and
/// the review record that approved it; a published item without an
/// approval is refused. Returns the id.
pub async fn insert_article(
    conn: &mut AnyConnection,
    new: &NewArticle,
    now: i64,
    calendar: &Calendar,
) -> Result<i64, sqlx::Error> {
    let body_html = crate::content::markdown::render(&new.body_md);
    let published = new.status == Status::Published;
    if published && new.approval.is_none() {
        return Err(sqlx::Error::Protocol(
            "an item cannot be published without an approved review".into(),
        ));
    }
    let index_no = if published {
        Some(assign_index_no(&mut *conn, new.kind, beijing_date(new.published_at)).await?)
    } else {
        None
    };
    let due = (published && new.needs_interpretation)
        .then(|| {
            calendar
                .add_working_days(beijing_date(new.published_at), INTERPRETATION_LIMIT as u32)
                .ok()
        })
        .flatten()
        .map(|r| r.due.format("%Y-%m-%d").to_string());
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO articles (kind, subtype, title, summary, body_md, body_html, publisher, index_no, \
         doc_no, written_on, topic, validity, disclosure, withheld_reason, status, needs_interpretation, \
         interpretation_due, concern_on, published_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20) \
         RETURNING id",
    )
    .bind(new.kind.slug())
    .bind(&new.subtype)
    .bind(&new.title)
    .bind(&new.summary)
    .bind(&new.body_md)
    .bind(&body_html)
    .bind(&new.publisher)
    .bind(index_no)
    .bind(&new.doc_no)
    .bind(&new.written_on)
    .bind(&new.topic)
    .bind(new.validity.slug())
    .bind(new.disclosure.slug())
    .bind(&new.withheld_reason)
    .bind(new.status)
    .bind(i64::from(new.needs_interpretation))
    .bind(due)
    .bind(new.concern_on.clone())
    .bind(new.published_at)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    if let (true, Some(approval)) = (published, &new.approval) {
        let snapshot = serde_json::to_string(&new.form()).unwrap_or_default();
        let (revision,): (i64,) = sqlx::query_as(
            "INSERT INTO revisions (article_id, author_name, state, snapshot, note, created_at, updated_at) \
             VALUES ($1, $2, 'published', $3, '', $4, $4) RETURNING id",
        )
        .bind(id)
        .bind(&new.publisher)
        .bind(snapshot)
        .bind(now)
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO reviews (article_id, revision_id, reviewer_id, reviewer_name, decision, opinion, disclosure, created_at) \
             VALUES ($1, $2, $3, $4, 'approved', $5, $6, $7)",
        )
        .bind(id)
        .bind(revision)
        .bind(approval.reviewer_id)
        .bind(&approval.reviewer_name)
        .bind(&approval.opinion)
        .bind(new.disclosure.slug())
        .bind(new.published_at)
        .execute(&mut *conn)
        .await?;
    }
    let backend = crate::server::db::Backend::of(conn);
    crate::content::db::search::sync_article(conn, backend, id).await?;
    Ok(id)
}

/// Stores a new item as an author's draft, never published: the item and
/// its first revision, as an editor's first save leaves them. For loading
/// data (the demo); staff save through the editorial workflow, audited.
pub async fn insert_draft(
    conn: &mut AnyConnection,
    new: &NewArticle,
    author: (Option<i64>, &str),
    now: i64,
) -> Result<i64, sqlx::Error> {
    let draft = NewArticle {
        status: Status::Draft,
        approval: None,
        ..new.clone()
    };
    let id = insert_article(&mut *conn, &draft, now, &Calendar::default()).await?;
    let snapshot = serde_json::to_string(&draft.form()).unwrap_or_default();
    let (revision,): (i64,) = sqlx::query_as(
        "INSERT INTO revisions (article_id, author_id, author_name, state, snapshot, note, created_at, updated_at) \
         VALUES ($1, $2, $3, 'draft', $4, '', $5, $5) RETURNING id",
    )
    .bind(id)
    .bind(author.0)
    .bind(author.1)
    .bind(snapshot)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("UPDATE articles SET pending_revision_id = $1 WHERE id = $2")
        .bind(revision)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(id)
}

/// Marks a document amended, repealed or expired, naming what replaced it.
pub async fn set_validity(
    conn: &mut AnyConnection,
    id: i64,
    validity: Validity,
    replaced_by: Option<i64>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE articles SET validity = $1, replaced_by = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(validity.slug())
    .bind(replaced_by)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ArticleRow {
    id: i64,
    kind: String,
    subtype: String,
    title: String,
    summary: String,
    body_html: String,
    publisher: String,
    index_no: Option<String>,
    doc_no: String,
    written_on: String,
    topic: String,
    validity: String,
    replaced_by: Option<i64>,
    disclosure: String,
    needs_interpretation: i64,
    interpretation_due: Option<String>,
    concern_on: Option<String>,
    published_at: i64,
}

/// One public item by id with everything its page shows, or `None`.
pub async fn find_public_article(
    db: &Db,
    id: i64,
    calendar: &Calendar,
    today: NaiveDate,
) -> Result<Option<Article>, sqlx::Error> {
    let row: Option<ArticleRow> = sqlx::query_as(&format!(
        "SELECT a.id, a.kind, a.subtype, a.title, a.summary, a.body_html, a.publisher, a.index_no, a.doc_no, \
         a.written_on, COALESCE(s.label, a.topic) AS topic, a.validity, a.replaced_by, a.disclosure, \
         a.needs_interpretation, a.interpretation_due, a.concern_on, a.published_at \
         FROM articles a LEFT JOIN catalogue_terms s ON s.list = 'subject' AND s.slug = a.topic WHERE a.id = $1 AND {PUBLIC_A}"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    let Some(r) = row else { return Ok(None) };
    let Some(kind) = ContentKind::from_slug(&r.kind) else {
        return Ok(None);
    };

    let replaced_by = match r.replaced_by {
        Some(rid) => sqlx::query_as::<_, (i64, String)>(&format!(
            "SELECT a.id, a.title FROM articles a WHERE a.id = $1 AND {PUBLIC_A}"
        ))
        .bind(rid)
        .fetch_optional(db.pool())
        .await?
        .map(|(id, title)| ArticleLink { id, title }),
        None => None,
    };
    let related = interpretation::related(db, r.id, kind).await?;
    let interpretation = if r.needs_interpretation == 1 {
        if related.is_empty() {
            r.interpretation_due.as_deref().and_then(|due| {
                let due_date = NaiveDate::parse_from_str(due, "%Y-%m-%d").ok()?;
                Some(InterpretationState::Awaiting {
                    due: due.to_owned(),
                    days_left: calendar.working_days_between(today, due_date),
                })
            })
        } else {
            Some(InterpretationState::Interpreted)
        }
    } else {
        None
    };
    let published_on = iso_date(r.published_at);
    // A concern from the 舆情 log this item answered, else the day the editor entered.
    let concern = match crate::concerns::db::answered_by(db, r.id).await? {
        Some((level, noticed_at)) => Some(ConcernTiming {
            arose: crate::ui::format::datetime_zh(noticed_at),
            published: crate::ui::format::datetime_zh(r.published_at),
            took: crate::concerns::types::took(level, noticed_at, r.published_at, calendar),
        }),
        None => r.concern_on.as_deref().and_then(|c| {
            let from = NaiveDate::parse_from_str(c, "%Y-%m-%d").ok()?;
            let days = calendar.working_days_between(from, beijing_date(r.published_at));
            Some(ConcernTiming {
                arose: crate::ui::format::date_zh(c),
                published: crate::ui::format::date_zh(&iso_date(r.published_at)),
                took: format!("{days}个工作日"),
            })
        }),
    };
    Ok(Some(Article {
        id: r.id,
        kind,
        subtype: r.subtype,
        title: r.title,
        summary: r.summary,
        body_html: r.body_html,
        publisher: r.publisher,
        published_on,
        index_no: r.index_no,
        doc_no: r.doc_no,
        written_on: r.written_on,
        topic: r.topic,
        validity: Validity::from_slug(&r.validity).unwrap_or(Validity::Valid),
        replaced_by,
        disclosure: Disclosure::from_slug(&r.disclosure).unwrap_or(Disclosure::Active),
        attachments: attachments::list_for(db, r.id).await?,
        related,
        topics: topics::topics_of(db, r.id).await?,
        concern,
        interpretation,
    }))
}

/// The newest public items, optionally of one kind.
pub async fn latest(
    db: &Db,
    kind: Option<ContentKind>,
    limit: i64,
    offset: i64,
) -> Result<Vec<ArticleSummary>, sqlx::Error> {
    let rows: Vec<SummaryRow> = match kind {
        Some(kind) => {
            sqlx::query_as(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM articles a WHERE {PUBLIC_A} AND a.kind = $1 \
                 ORDER BY a.published_at DESC, a.id DESC LIMIT $2 OFFSET $3"
            ))
            .bind(kind.slug())
            .bind(limit)
            .bind(offset)
            .fetch_all(db.pool())
            .await?
        }
        None => {
            sqlx::query_as(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM articles a WHERE {PUBLIC_A} \
                 ORDER BY a.published_at DESC, a.id DESC LIMIT $1 OFFSET $2"
            ))
            .bind(limit)
            .bind(offset)
            .fetch_all(db.pool())
            .await?
        }
    };
    Ok(summaries(rows))
}

/// How many public items there are.
pub async fn count_public(db: &Db) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM articles a WHERE {PUBLIC_A}"))
        .fetch_one(db.pool())
        .await?;
    Ok(n)
}

/// The highest id of a public item (the sitemap's extent).
pub async fn max_public_id(db: &Db) -> Result<i64, sqlx::Error> {
    let (max,): (Option<i64>,) = sqlx::query_as(&format!(
        "SELECT MAX(a.id) FROM articles a WHERE {PUBLIC_A}"
    ))
    .fetch_one(db.pool())
    .await?;
    Ok(max.unwrap_or(0))
}

/// Public items with `after < id <= upto`: (id, last updated), by id.
pub async fn public_ids_between(
    db: &Db,
    after: i64,
    upto: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT a.id, a.updated_at FROM articles a WHERE {PUBLIC_A} AND a.id > $1 AND a.id <= $2 ORDER BY a.id"
    ))
    .bind(after)
    .bind(upto)
    .fetch_all(db.pool())
    .await
}

/// How many items there are, public or not.
pub async fn count_all(db: &Db) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM articles")
        .fetch_one(db.pool())
        .await?;
    Ok(n)
}

/// The public notice of a withdrawn item: (title, reason, when).
pub async fn withdrawal(db: &Db, id: i64) -> Result<Option<(String, String, i64)>, sqlx::Error> {
    let row: Option<(String, String, Option<i64>)> =
        sqlx::query_as("SELECT title, withdrawn_reason, withdrawn_at FROM articles WHERE id = $1 AND status = 'withdrawn'")
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(t, r, at)| (t, r, at.unwrap_or_default())))
}

/// The Markdown body of public item `id` (a consultation's parts are read
/// from it).
pub async fn public_body_md(db: &Db, id: i64) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as(&format!(
        "SELECT a.body_md FROM articles a WHERE a.id = $1 AND {PUBLIC_A}"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(b,)| b))
}

/// The title of item `id`, if there is one.
pub async fn article_title(db: &Db, id: i64) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("SELECT title FROM articles WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(|(t,)| t))
}

/// The kinds of item that can answer a public concern (舆情): 回应关切,
/// 新闻发布 (press releases and conferences) and 政策解读.
pub const ANSWER_KINDS: [ContentKind; 3] = [
    ContentKind::Response,
    ContentKind::Release,
    ContentKind::Interpretation,
];

fn answer_kinds_sql() -> String {
    ANSWER_KINDS
        .iter()
        .map(|k| format!("'{}'", k.slug()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The 子类别 of a press conference (新闻发布会), as the catalogue is seeded.
pub const CONFERENCE_SUBTYPE: &str = "conference";

/// A public item that can answer a concern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerItem {
    pub id: i64,
    pub kind: ContentKind,
    pub title: String,
    /// Filed as a press conference (子类别 新闻发布会).
    pub conference: bool,
    pub published_at: i64,
}

type AnswerRow = (i64, String, String, String, i64);

fn answer_item((id, kind, subtype, title, published_at): AnswerRow) -> Option<AnswerItem> {
    Some(AnswerItem {
        id,
        kind: ContentKind::from_slug(&kind)?,
        title,
        conference: subtype == CONFERENCE_SUBTYPE,
        published_at,
    })
}

/// Public items that can answer a concern, published at or after `since`,
/// newest first.
pub async fn answer_candidates(
    db: &Db,
    since: i64,
    limit: i64,
) -> Result<Vec<AnswerItem>, sqlx::Error> {
    let rows: Vec<AnswerRow> = sqlx::query_as(&format!(
        "SELECT a.id, a.kind, a.subtype, a.title, a.published_at FROM articles a WHERE {PUBLIC_A} \
         AND a.kind IN ({}) AND a.published_at >= $1 ORDER BY a.published_at DESC, a.id DESC LIMIT $2",
        answer_kinds_sql()
    ))
    .bind(since)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().filter_map(answer_item).collect())
}

/// Public item `id` if it can answer a concern, in the caller's transaction.
pub async fn answer_in(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<AnswerItem>, sqlx::Error> {
    let row: Option<AnswerRow> = sqlx::query_as(&format!(
        "SELECT a.id, a.kind, a.subtype, a.title, a.published_at FROM articles a \
         WHERE a.id = $1 AND {PUBLIC_A} AND a.kind IN ({})",
        answer_kinds_sql()
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(answer_item))
}
