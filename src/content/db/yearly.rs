//! What the annual report counts of the catalogue: items made public in a
//! year, and 规章 / 行政规范性文件 with the day each was made and, once it
//! no longer applies, the day it stopped.

use super::beijing_date;
use crate::content::editorial::types::ArticleForm;
use crate::content::taxonomy::Validity;
use crate::server::db::Db;
use chrono::NaiveDate;

/// How many items were first made public between the Unix times `from`
/// (inclusive) and `to` (exclusive), withdrawn ones included — they were
/// public.
pub async fn published_between(db: &Db, from: i64, to: i64) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM articles WHERE status IN ('published', 'withdrawn') \
         AND disclosure = 'active' AND published_at >= $1 AND published_at < $2",
    )
    .bind(from)
    .bind(to)
    .fetch_one(db.pool())
    .await?;
    Ok(n)
}

/// A published document as the annual report counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentFacts {
    /// 成文日期, or the publication day when none was recorded.
    pub made_on: NaiveDate,
    pub validity: Validity,
    /// The day it was repealed or expired: the 成文日期 of the document
    /// that replaced it, or else the day the revision saying so was
    /// approved. None while it applies.
    pub ended_on: Option<NaiveDate>,
}

/// Every published 政策文件 of 子类别 `subtype` (as `normative`).
pub async fn documents(db: &Db, subtype: &str) -> Result<Vec<DocumentFacts>, sqlx::Error> {
    let rows: Vec<(i64, String, i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT id, written_on, published_at, validity, replaced_by FROM articles \
         WHERE kind = 'policy' AND subtype = $1 AND status = 'published' ORDER BY id",
    )
    .bind(subtype)
    .fetch_all(db.pool())
    .await?;
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let mut out = Vec::with_capacity(rows.len());
    for (id, written_on, published_at, validity, replaced_by) in rows {
        let validity = Validity::from_slug(&validity).unwrap_or(Validity::Valid);
        let ended = matches!(validity, Validity::Repealed | Validity::Expired);
        let mut ended_on = None;
        if ended {
            if let Some(by) = replaced_by {
                let written: Option<(String,)> =
                    sqlx::query_as("SELECT written_on FROM articles WHERE id = $1")
                        .bind(by)
                        .fetch_optional(db.pool())
                        .await?;
                ended_on = written.and_then(|(w,)| date(&w));
            }
            if ended_on.is_none() {
                let approved: Vec<(String, i64)> = sqlx::query_as(
                    "SELECT r.snapshot, v.created_at FROM revisions r \
                     JOIN reviews v ON v.revision_id = r.id AND v.decision = 'approved' \
                     WHERE r.article_id = $1 ORDER BY v.id",
                )
                .bind(id)
                .fetch_all(db.pool())
                .await?;
                ended_on = approved.iter().find_map(|(snapshot, at)| {
                    let form: ArticleForm = serde_json::from_str(snapshot).ok()?;
                    matches!(
                        Validity::from_slug(&form.validity),
                        Some(Validity::Repealed | Validity::Expired)
                    )
                    .then(|| beijing_date(*at))
                });
            }
        }
        out.push(DocumentFacts {
            made_on: date(&written_on).unwrap_or_else(|| beijing_date(published_at)),
            validity,
            ended_on,
        });
    }
    Ok(out)
}
