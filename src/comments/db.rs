//! Storing a consultation's live terms, its comments and their answers.
//! The terms are written only by `publish_terms`, inside the transaction
//! that publishes an approved revision of the item; the item itself is
//! content's (read through its functions, never its tables).

use super::report;
use super::rules;
use super::types::{Channel, Decision, StaffComment, Stage};
use crate::content::editorial::types::ArticleForm;
use crate::error::AppError;
use crate::server::db::Db;
use chrono::NaiveDate;
use sqlx::AnyConnection;
use std::collections::HashMap;

/// A consultation's live terms (those of its published revision).
#[derive(Debug, Clone)]
pub struct Terms {
    pub article_id: i64,
    pub opened_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub short_reason: String,
    pub explanation_md: String,
    pub comment_address: String,
    pub comment_email: String,
    pub anonymous_ok: bool,
    pub comments_public: bool,
    pub decision_id: Option<i64>,
    pub feedback_md: String,
    pub feedback_on: Option<String>,
}

impl Terms {
    pub fn stage(&self, today: NaiveDate) -> Stage {
        rules::stage(self.closes_on, today, !self.feedback_md.is_empty())
    }

    /// Whether comments are taken on `today`.
    pub fn is_open(&self, today: NaiveDate) -> bool {
        self.opened_on <= today && today <= self.closes_on
    }

    /// Puts the live terms into the editor's form of the item.
    pub fn fill(&self, form: &mut ArticleForm) {
        form.closes_on = self.closes_on.format("%Y-%m-%d").to_string();
        form.short_reason = self.short_reason.clone();
        form.explanation_md = self.explanation_md.clone();
        form.comment_address = self.comment_address.clone();
        form.comment_email = self.comment_email.clone();
        form.anonymous_ok = self.anonymous_ok;
        form.comments_public = self.comments_public;
        form.decision_doc = self.decision_id.map(|i| i.to_string()).unwrap_or_default();
        form.feedback_md = self.feedback_md.clone();
    }
}

#[derive(sqlx::FromRow)]
struct TermsRow {
    article_id: i64,
    opened_on: String,
    closes_on: String,
    short_reason: String,
    explanation_md: String,
    comment_address: String,
    comment_email: String,
    anonymous_ok: i64,
    comments_public: i64,
    decision_id: Option<i64>,
    feedback_md: String,
    feedback_on: Option<String>,
}

const TERMS_COLUMNS: &str =
    "article_id, opened_on, closes_on, short_reason, explanation_md, comment_address, \
     comment_email, anonymous_ok, comments_public, decision_id, feedback_md, feedback_on";

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

impl TermsRow {
    fn terms(self) -> Option<Terms> {
        Some(Terms {
            article_id: self.article_id,
            opened_on: date(&self.opened_on)?,
            closes_on: date(&self.closes_on)?,
            short_reason: self.short_reason,
            explanation_md: self.explanation_md,
            comment_address: self.comment_address,
            comment_email: self.comment_email,
            anonymous_ok: self.anonymous_ok == 1,
            comments_public: self.comments_public == 1,
            decision_id: self.decision_id,
            feedback_md: self.feedback_md,
            feedback_on: self.feedback_on,
        })
    }
}

/// The live terms of consultation `id` (None: never published).
pub async fn terms(db: &Db, id: i64) -> Result<Option<Terms>, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    terms_in(&mut conn, id).await
}

pub async fn terms_in(conn: &mut AnyConnection, id: i64) -> Result<Option<Terms>, sqlx::Error> {
    let row: Option<TermsRow> = sqlx::query_as(&format!(
        "SELECT {TERMS_COLUMNS} FROM consultation_terms WHERE article_id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(TermsRow::terms))
}

/// Every consultation's live terms.
pub async fn all_terms(db: &Db) -> Result<Vec<Terms>, sqlx::Error> {
    let rows: Vec<TermsRow> = sqlx::query_as(&format!(
        "SELECT {TERMS_COLUMNS} FROM consultation_terms ORDER BY closes_on DESC, article_id DESC"
    ))
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().filter_map(TermsRow::terms).collect())
}

/// The consultation whose decision document is `doc`, if any.
pub async fn for_decision(db: &Db, doc: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT article_id FROM consultation_terms WHERE decision_id = $1 ORDER BY article_id LIMIT 1",
    )
    .bind(doc)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(i,)| i))
}

/// Makes the terms of `form` (a revision being published on `date`) the
/// consultation's live terms. Refuses a period shorter than 30 days without
/// a reason (counted from the first publication), and a feedback report
/// published before the period ended, while a comment is unanswered, or
/// that no longer matches the answers.
pub async fn publish_terms(
    conn: &mut AnyConnection,
    id: i64,
    form: &ArticleForm,
    date: NaiveDate,
) -> Result<(), AppError> {
    let closes = NaiveDate::parse_from_str(&form.closes_on, "%Y-%m-%d")
        .map_err(|_| AppError::Conflict("不能发布：征集截止日期无效".into()))?;
    let existing = terms_in(&mut *conn, id).await?;
    let opened = existing.as_ref().map_or(date, |t| t.opened_on);
    if let Some(problem) = rules::period_problem(opened, closes, &form.short_reason) {
        return Err(AppError::Conflict(format!("不能发布：{problem}")));
    }
    let feedback = form.feedback_md.trim();
    let feedback_on = if feedback.is_empty() {
        None
    } else {
        if date <= closes {
            return Err(AppError::Conflict(
                "不能发布：征集期尚未结束，不能发布意见采纳情况反馈".into(),
            ));
        }
        let comments = comments_in(&mut *conn, id).await?;
        let parts = rules::parts(&form.body_md);
        match report::generate(&comments, &parts, opened, closes) {
            Err(why) => return Err(AppError::Conflict(format!("不能发布：{why}"))),
            Ok(now) if now.trim() != feedback => {
                return Err(AppError::Conflict(
                    "不能发布：反馈报告生成后，意见的处理情况又有变化。请在意见征集管理页重新生成反馈报告并送审。"
                        .into(),
                ))
            }
            Ok(_) => {}
        }
        Some(
            existing
                .as_ref()
                .and_then(|t| t.feedback_on.clone())
                .unwrap_or_else(|| date.format("%Y-%m-%d").to_string()),
        )
    };
    sqlx::query(
        "INSERT INTO consultation_terms (article_id, opened_on, closes_on, short_reason, explanation_md, comment_address, \
         comment_email, anonymous_ok, comments_public, decision_id, feedback_md, feedback_on) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
         ON CONFLICT (article_id) DO UPDATE SET closes_on = $3, short_reason = $4, explanation_md = $5, \
         comment_address = $6, comment_email = $7, anonymous_ok = $8, comments_public = $9, decision_id = $10, \
         feedback_md = $11, feedback_on = $12",
    )
    .bind(id)
    .bind(opened.format("%Y-%m-%d").to_string())
    .bind(closes.format("%Y-%m-%d").to_string())
    .bind(form.short_reason.trim())
    .bind(&form.explanation_md)
    .bind(form.comment_address.trim())
    .bind(form.comment_email.trim())
    .bind(i64::from(form.anonymous_ok))
    .bind(i64::from(form.comments_public))
    .bind(form.decision_doc.trim().parse::<i64>().ok())
    .bind(feedback)
    .bind(feedback_on)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct CommentRow {
    id: i64,
    part: String,
    body: String,
    name: String,
    contact: String,
    channel: String,
    received_on: String,
    entered_by: String,
    shown: i64,
    answer_id: Option<i64>,
    decision: Option<String>,
    reason: Option<String>,
}

impl CommentRow {
    fn comment(self) -> StaffComment {
        let answer = match (self.answer_id, self.decision.as_deref().map(str::parse)) {
            (Some(a), Some(Ok(d))) => Some((a, d, self.reason.unwrap_or_default())),
            _ => None,
        };
        StaffComment {
            id: self.id,
            part: self.part,
            body: self.body,
            name: self.name,
            contact: self.contact,
            channel: self.channel.parse().unwrap_or(Channel::Other),
            received_on: self.received_on,
            entered_by: self.entered_by,
            shown: self.shown == 1,
            answer,
        }
    }
}

/// Every comment on consultation `id`, oldest first, with its answer.
pub async fn comments(db: &Db, id: i64) -> Result<Vec<StaffComment>, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    comments_in(&mut conn, id).await
}

pub async fn comments_in(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Vec<StaffComment>, sqlx::Error> {
    let rows: Vec<CommentRow> = sqlx::query_as(
        "SELECT c.id, c.part, c.body, c.name, c.contact, c.channel, c.received_on, c.entered_by, c.shown, \
         c.answer_id, a.decision, a.reason FROM consultation_comments c \
         LEFT JOIN consultation_answers a ON a.id = c.answer_id WHERE c.article_id = $1 ORDER BY c.id",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(CommentRow::comment).collect())
}

/// Per consultation: (comments, unanswered, online ones not yet shown).
pub async fn counts(db: &Db) -> Result<HashMap<i64, (i64, i64, i64)>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT article_id, COUNT(*), \
         SUM(CASE WHEN answer_id IS NULL THEN 1 ELSE 0 END), \
         SUM(CASE WHEN shown = 0 THEN 1 ELSE 0 END) \
         FROM consultation_comments GROUP BY article_id",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, total, unanswered, hidden)| (id, (total, unanswered, hidden)))
        .collect())
}

/// A comment as received.
pub struct NewComment<'a> {
    pub part: &'a str,
    pub body: &'a str,
    pub name: &'a str,
    pub contact: &'a str,
    pub channel: Channel,
    pub received_on: NaiveDate,
    /// The member of staff who entered a comment received otherwise.
    pub entered_by: &'a str,
}

/// Stores a comment on consultation `id`; returns its id.
pub async fn add_comment(
    conn: &mut AnyConnection,
    id: i64,
    c: &NewComment<'_>,
    at: i64,
) -> Result<i64, sqlx::Error> {
    let (cid,): (i64,) = sqlx::query_as(
        "INSERT INTO consultation_comments (article_id, part, body, name, contact, channel, received_on, created_at, entered_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(id)
    .bind(c.part)
    .bind(c.body)
    .bind(c.name)
    .bind(c.contact)
    .bind(c.channel.as_str())
    .bind(c.received_on.format("%Y-%m-%d").to_string())
    .bind(at)
    .bind(c.entered_by)
    .fetch_one(conn)
    .await?;
    Ok(cid)
}

/// Answers comments `ids` of consultation `id` together with one decision
/// and reason (a comment answered before takes the new answer). Returns how
/// many comments it answered.
pub async fn answer(
    conn: &mut AnyConnection,
    id: i64,
    ids: &[i64],
    decision: Decision,
    reason: &str,
    by: &str,
    at: i64,
) -> Result<u64, sqlx::Error> {
    let (aid,): (i64,) = sqlx::query_as(
        "INSERT INTO consultation_answers (article_id, decision, reason, answered_by, answered_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(id)
    .bind(decision.as_str())
    .bind(reason)
    .bind(by)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?;
    let mut done = 0;
    for cid in ids {
        done += sqlx::query(
            "UPDATE consultation_comments SET answer_id = $1 WHERE id = $2 AND article_id = $3",
        )
        .bind(aid)
        .bind(cid)
        .bind(id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    }
    // Answers no comment carries any more.
    sqlx::query(
        "DELETE FROM consultation_answers WHERE article_id = $1 AND NOT EXISTS \
         (SELECT 1 FROM consultation_comments c WHERE c.answer_id = consultation_answers.id)",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done)
}

/// Shows (or takes back) comments `ids` of consultation `id` on its public
/// page. Returns how many changed.
pub async fn set_shown(
    conn: &mut AnyConnection,
    id: i64,
    ids: &[i64],
    shown: bool,
) -> Result<u64, sqlx::Error> {
    let mut done = 0;
    for cid in ids {
        done += sqlx::query(
            "UPDATE consultation_comments SET shown = $1 WHERE id = $2 AND article_id = $3 AND shown <> $1",
        )
        .bind(i64::from(shown))
        .bind(cid)
        .bind(id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    }
    Ok(done)
}

/// Stores terms as they are (the demo's consultations, published in the
/// past; everything else goes through `publish_terms`).
pub async fn put_terms(conn: &mut AnyConnection, t: &Terms) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO consultation_terms (article_id, opened_on, closes_on, short_reason, explanation_md, comment_address, \
         comment_email, anonymous_ok, comments_public, decision_id, feedback_md, feedback_on) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(t.article_id)
    .bind(t.opened_on.format("%Y-%m-%d").to_string())
    .bind(t.closes_on.format("%Y-%m-%d").to_string())
    .bind(&t.short_reason)
    .bind(&t.explanation_md)
    .bind(&t.comment_address)
    .bind(&t.comment_email)
    .bind(i64::from(t.anonymous_ok))
    .bind(i64::from(t.comments_public))
    .bind(t.decision_id)
    .bind(&t.feedback_md)
    .bind(&t.feedback_on)
    .execute(conn)
    .await?;
    Ok(())
}
