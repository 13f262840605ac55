//! Counting a year's report from the portal's own data, through each
//! table's owner: the catalogue's documents, the licence, penalty and
//! coercion (行政强制) registers, refused applications, the requests and their appeals. Every
//! figure is counted by its own rule, never derived from another, so data
//! that does not add up (a request replied to before it arrived, an outcome
//! that is no outcome) shows as a failed balance check instead of hiding.

use super::rules::{request_rows, row_carried_out, row_total};
use super::types::{
    AnnualReport, Proactive, ROW_CARRIED_IN, ROW_FIRST_OUTCOME, ROW_NEW, TOTAL_COLUMN,
};
use crate::content::editorial::db as editorial;
use crate::content::taxonomy::Validity;
use crate::content::types::ContentKind;
use crate::registers::schema::Register;
use crate::requests::types::{ApplicantKind, APPEAL_KINDS, APPEAL_RESULTS, ORG_TYPES, OUTCOMES};
use crate::server::db::Db;
use chrono::NaiveDate;

/// The 子类别 slugs of 政策文件 that table 二 counts as 规章 and as
/// 行政规范性文件.
pub const RULE_SUBTYPE: &str = "rule";
pub const NORMATIVE_SUBTYPE: &str = "normative";

/// The Unix time of 00:00 Beijing time on `day`.
fn beijing_start(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp() - 8 * 3600)
}

/// Table 三's column for a request: 自然人, one of the five kinds of
/// organisation, or none (an organisation of an unknown kind: only 总计
/// counts it, so the row check names it).
fn column(kind: &str, org_type: &str) -> Option<usize> {
    match kind.parse::<ApplicantKind>() {
        Ok(ApplicantKind::Person) => Some(0),
        Ok(ApplicantKind::Org) => ORG_TYPES.iter().position(|t| *t == org_type).map(|i| i + 1),
        Err(()) => None,
    }
}

/// Table 二 from the catalogue, the registers and the service hall.
async fn proactive(db: &Db, from: &str, to: &str) -> Result<Proactive, sqlx::Error> {
    let (first, last) = (
        NaiveDate::parse_from_str(from, "%Y-%m-%d").unwrap_or_default(),
        NaiveDate::parse_from_str(to, "%Y-%m-%d").unwrap_or_default(),
    );
    let in_year = |d: NaiveDate| first <= d && d <= last;
    let mut counts = [[0i64; 3]; 2];
    for (i, subtype) in [RULE_SUBTYPE, NORMATIVE_SUBTYPE].into_iter().enumerate() {
        for doc in crate::content::db::yearly::documents(db, subtype).await? {
            if in_year(doc.made_on) {
                counts[i][0] += 1;
            }
            if doc.ended_on.is_some_and(in_year) {
                counts[i][1] += 1;
            }
            if matches!(doc.validity, Validity::Valid | Validity::Amended) {
                counts[i][2] += 1;
            }
        }
    }
    let granted = crate::registers::db::decided_between(db, Register::Licence, from, to).await?;
    let refused = crate::services::db::cases::refused_between(db, from, to).await?;
    let penalties = crate::registers::db::decided_between(db, Register::Penalty, from, to).await?;
    let coercion = crate::registers::db::decided_between(db, Register::Coercion, from, to).await?;
    Ok(Proactive {
        rules: counts[0],
        normative: counts[1],
        licences: granted + refused,
        penalties,
        enforcement: coercion.to_string(),
        fees_wan: String::new(),
    })
}

/// Year `year`'s tables and figures as the data stand now (the narrative
/// and the entered figures empty).
pub async fn count(db: &Db, year: i32) -> Result<AnnualReport, sqlx::Error> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let next = NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap_or_default();
    let (from, to) = (
        first.format("%Y-%m-%d").to_string(),
        NaiveDate::from_ymd_opt(year, 12, 31)
            .unwrap_or_default()
            .format("%Y-%m-%d")
            .to_string(),
    );
    let mut rows = vec![[0i64; 7]; request_rows().len()];
    let mut fees_yuan = 0;
    let add = |rows: &mut Vec<[i64; 7]>, row: usize, col: Option<usize>| {
        rows[row][TOTAL_COLUMN] += 1;
        if let Some(c) = col {
            rows[row][c] += 1;
        }
    };
    for r in crate::requests::db::counted_until(db, &to).await? {
        let col = column(&r.applicant_kind, &r.org_type);
        let replied = r.replied_on.as_deref();
        // Dates are `YYYY-MM-DD`, so they compare as text.
        if r.received_on >= from {
            add(&mut rows, ROW_NEW, col);
        }
        if r.received_on < from && replied.is_none_or(|d| d >= from.as_str()) {
            add(&mut rows, ROW_CARRIED_IN, col);
        }
        if replied.is_some_and(|d| d >= from.as_str() && d <= to.as_str()) {
            add(&mut rows, row_total(), col);
            fees_yuan += r.fee_yuan;
            if let Some(i) = OUTCOMES
                .iter()
                .position(|o| Some(o.slug) == r.outcome.as_deref())
            {
                // Only a known outcome has its row: an unknown one leaves
                // 总计 above the sum of the items.
                let row = ROW_FIRST_OUTCOME + i;
                rows[row][TOTAL_COLUMN] += 1;
                if let Some(c) = col {
                    rows[row][c] += 1;
                }
            }
        }
        if replied.is_none_or(|d| d > to.as_str()) {
            add(&mut rows, row_carried_out(), col);
        }
    }
    let mut appeals = [[0i64; 5]; 3];
    for (kind, result) in crate::requests::db::appeals_filed(db, &from, &to).await? {
        let Some(g) = APPEAL_KINDS.iter().position(|(k, _)| *k == kind) else {
            continue;
        };
        appeals[g][4] += 1;
        if let Some(c) = APPEAL_RESULTS.iter().position(|(r, _)| *r == result) {
            appeals[g][c] += 1;
        }
    }
    let published_items = crate::content::db::yearly::published_between(
        db,
        beijing_start(first),
        beijing_start(next),
    )
    .await?;
    Ok(AnnualReport {
        year,
        proactive: proactive(db, &from, &to).await?,
        requests: rows,
        appeals,
        published_items,
        fees_yuan,
        ..Default::default()
    })
}

/// A report item and its working copy (the pending revision, or else the
/// published one).
pub struct ReportItem {
    pub item: editorial::StaffArticle,
    pub report: AnnualReport,
}

/// The report items, by year, newest first (a year drafted twice keeps
/// the older item).
pub async fn items(db: &Db) -> Result<Vec<ReportItem>, crate::error::AppError> {
    let mut out: Vec<ReportItem> = Vec::new();
    for (id, ..) in editorial::items_of_kind(db, ContentKind::AnnualReport).await? {
        let Some(item) = editorial::staff_article(db, id).await? else {
            continue;
        };
        let report: AnnualReport =
            serde_json::from_str(&item.working_form().report_json).unwrap_or_default();
        if report.year == 0 {
            continue;
        }
        out.retain(|r| r.report.year != report.year);
        out.push(ReportItem { item, report });
    }
    out.sort_by_key(|r| std::cmp::Reverse(r.report.year));
    Ok(out)
}

/// The published report of `year`, as reviewed: its item id and report.
pub async fn published(
    db: &Db,
    year: i32,
) -> Result<Option<(i64, AnnualReport)>, crate::error::AppError> {
    for r in items(db).await? {
        if r.report.year != year {
            continue;
        }
        if let Some(form) = editorial::published_form(db, r.item.id).await? {
            let report: AnnualReport = serde_json::from_str(&form.report_json).unwrap_or_default();
            return Ok(Some((r.item.id, report)));
        }
    }
    Ok(None)
}
