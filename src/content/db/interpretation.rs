//! Interpretations within 3 working days (相关解读材料于文件公开后3个工作日内发布):
//! due dates, timeliness, and what is still awaited.

use super::{beijing_date, SummaryRow, PUBLIC_A, SUMMARY_COLUMNS};
use crate::clock::Calendar;
use crate::content::types::PublicationStatus;
use crate::content::types::{
    ArticleSummary, AwaitingInterpretation, ContentKind, InterpretationState, InterpretedDocument,
    RelatedItem, Timeliness,
};
use crate::server::db::Db;
use chrono::NaiveDate;
use sqlx::AnyConnection;

/// Working days allowed between a document and its interpretation.
pub const INTERPRETATION_LIMIT: i64 = 3;

/// Records that `interpretation` explains `document`, with the working days
/// between their publications when both are out.
pub async fn link_interpretation(
    conn: &mut AnyConnection,
    document: i64,
    interpretation: i64,
    calendar: &Calendar,
) -> Result<(), sqlx::Error> {
    let dates: Vec<(i64, PublicationStatus)> = sqlx::query_as(
        "SELECT published_at, status FROM articles WHERE id = $1 OR id = $2 ORDER BY id = $1 DESC",
    )
    .bind(document)
    .bind(interpretation)
    .fetch_all(&mut *conn)
    .await?;
    let lag = match dates.as_slice() {
        [(doc_at, doc_status), (int_at, int_status)]
            if *doc_status == PublicationStatus::Published
                && *int_status == PublicationStatus::Published =>
        {
            Some(calendar.working_days_between(beijing_date(*doc_at), beijing_date(*int_at)))
        }
        _ => None,
    };
    sqlx::query(
        "INSERT INTO interpretation_links (document_id, interpretation_id, lag_days) VALUES ($1, $2, $3) \
         ON CONFLICT (document_id, interpretation_id) DO UPDATE SET lag_days = excluded.lag_days",
    )
    .bind(document)
    .bind(interpretation)
    .bind(lag)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct RelatedRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    lag_days: Option<i64>,
}

fn related_items(rows: Vec<RelatedRow>) -> Vec<RelatedItem> {
    rows.into_iter()
        .filter_map(|r| {
            Some(RelatedItem {
                item: r.summary.into_summary()?,
                timeliness: r.lag_days.map(|lag_days| Timeliness {
                    lag_days,
                    limit: INTERPRETATION_LIMIT,
                }),
            })
        })
        .collect()
}

/// The public interpretations of a document, or the public documents an
/// interpretation explains.
pub async fn related(db: &Db, id: i64, kind: ContentKind) -> Result<Vec<RelatedItem>, sqlx::Error> {
    let (join_on, match_on) = match kind {
        ContentKind::Interpretation => ("l.document_id", "l.interpretation_id"),
        _ => ("l.interpretation_id", "l.document_id"),
    };
    let rows: Vec<RelatedRow> = sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS}, l.lag_days FROM interpretation_links l \
         JOIN articles a ON a.id = {join_on} \
         WHERE {match_on} = $1 AND {PUBLIC_A} ORDER BY a.published_at, a.id"
    ))
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(related_items(rows))
}

#[derive(sqlx::FromRow)]
struct AwaitedRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    interpretation_due: Option<String>,
}

/// Documents that need an interpretation, newest first, with their
/// interpretations and where each stands.
pub async fn interpreted_documents(
    db: &Db,
    calendar: &Calendar,
    today: NaiveDate,
    limit: i64,
) -> Result<Vec<InterpretedDocument>, sqlx::Error> {
    let docs: Vec<AwaitedRow> = sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS}, a.interpretation_due FROM articles a \
         WHERE {PUBLIC_A} AND a.needs_interpretation = 1 ORDER BY a.published_at DESC, a.id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(docs.len());
    for doc in docs {
        let due = doc.interpretation_due.clone();
        let Some(document) = doc.summary.into_summary() else {
            continue;
        };
        let interpretations = related(db, document.id, ContentKind::Policy).await?;
        let state = if interpretations.is_empty() {
            awaiting_state(calendar, today, due.as_deref())
        } else {
            InterpretationState::Interpreted
        };
        out.push(InterpretedDocument {
            document,
            due,
            state,
            interpretations,
        });
    }
    Ok(out)
}

fn awaiting_state(calendar: &Calendar, today: NaiveDate, due: Option<&str>) -> InterpretationState {
    let due_date = due
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .unwrap_or(today);
    InterpretationState::Awaiting {
        due: due_date.format("%Y-%m-%d").to_string(),
        days_left: calendar.working_days_between(today, due_date),
    }
}

const AWAITING: &str = "a.needs_interpretation = 1 AND a.status = 'published' AND NOT EXISTS (\
     SELECT 1 FROM interpretation_links l JOIN articles i ON i.id = l.interpretation_id \
     WHERE l.document_id = a.id AND i.status = 'published')";

/// Published documents still waiting for an interpretation, soonest due
/// first, with the days left and the clock's working.
pub async fn awaiting_interpretation(
    db: &Db,
    calendar: &Calendar,
    today: NaiveDate,
) -> Result<Vec<AwaitingInterpretation>, sqlx::Error> {
    let rows: Vec<AwaitedRow> = sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS}, a.interpretation_due FROM articles a \
         WHERE {AWAITING} ORDER BY a.interpretation_due, a.id"
    ))
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let document: ArticleSummary = r.summary.into_summary()?;
            let published = NaiveDate::parse_from_str(&document.published_on, "%Y-%m-%d").ok()?;
            let reckoning = calendar
                .add_working_days(published, INTERPRETATION_LIMIT as u32)
                .ok()?;
            let due = r
                .interpretation_due
                .unwrap_or_else(|| reckoning.due.format("%Y-%m-%d").to_string());
            let due_date = NaiveDate::parse_from_str(&due, "%Y-%m-%d").ok()?;
            Some(AwaitingInterpretation {
                days_left: calendar.working_days_between(today, due_date),
                working: reckoning.explain(),
                due,
                document,
            })
        })
        .collect())
}

/// After the calendar changed: every open due date, and every recorded lag,
/// reckoned again, in the caller's transaction (the calendar's change).
/// Returns the due dates that moved: (title, before, after).
pub async fn recompute_interpretation_dues(
    tx: &mut AnyConnection,
    calendar: &Calendar,
) -> Result<Vec<(String, Option<String>, String)>, sqlx::Error> {
    let open: Vec<(i64, String, i64, Option<String>)> = sqlx::query_as(&format!(
        "SELECT a.id, a.title, a.published_at, a.interpretation_due FROM articles a WHERE {AWAITING}"
    ))
    .fetch_all(&mut *tx)
    .await?;
    let mut moved = Vec::new();
    for (id, title, published_at, old) in open {
        let Ok(r) =
            calendar.add_working_days(beijing_date(published_at), INTERPRETATION_LIMIT as u32)
        else {
            continue;
        };
        let due = r.due.format("%Y-%m-%d").to_string();
        if old.as_deref() != Some(due.as_str()) {
            sqlx::query("UPDATE articles SET interpretation_due = $1 WHERE id = $2")
                .bind(&due)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            moved.push((title, old, due));
        }
    }
    let links: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT l.document_id, l.interpretation_id, d.published_at, i.published_at FROM interpretation_links l \
         JOIN articles d ON d.id = l.document_id JOIN articles i ON i.id = l.interpretation_id \
         WHERE d.status = 'published' AND i.status = 'published'",
    )
    .fetch_all(&mut *tx)
    .await?;
    for (doc, int, doc_at, int_at) in links {
        let lag = calendar.working_days_between(beijing_date(doc_at), beijing_date(int_at));
        sqlx::query("UPDATE interpretation_links SET lag_days = $1 WHERE document_id = $2 AND interpretation_id = $3")
            .bind(lag)
            .bind(doc)
            .bind(int)
            .execute(&mut *tx)
            .await?;
    }
    Ok(moved)
}
