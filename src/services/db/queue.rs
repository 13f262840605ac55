//! The handlers' queue at volume: each case's due date is stored with it
//! (written by every step that moves its clock, and again for every open
//! case when the calendar changes), so the queue filters by status,
//! service, light and date and sorts by due date in SQL, a page at a time,
//! instead of reckoning every clock on every request.

use crate::clock::{Calendar, Light, LightBounds};
use crate::server::db::{Db, SqlBuilder};
use crate::services::types::{CaseStatus, CaseSummary, Service};
use chrono::NaiveDate;
use sqlx::AnyConnection;

/// Cases a page of the queue shows.
pub const PAGE_SIZE: u32 = 50;

#[derive(sqlx::FromRow)]
struct ClockRow {
    id: i64,
    status: CaseStatus,
    submitted_on: Option<String>,
    pauses: String,
    promised: i64,
    due_on: Option<String>,
}

const CLOCK_SQL: &str = "SELECT a.id, a.status, a.submitted_on, a.pauses, \
     COALESCE(a.promised_days, s.promised_days) AS promised, a.due_on \
     FROM applications a JOIN services s ON s.code = a.service_code \
     WHERE a.number IS NOT NULL";

/// The due date a case's clock gives under `calendar`: None once it has
/// ended, and while it is paused for a correction.
fn due_of(r: &ClockRow, calendar: &Calendar) -> Option<String> {
    if r.status.ended() {
        return None;
    }
    let clock = crate::services::cases::clock_from(
        r.submitted_on.as_deref()?,
        &r.pauses,
        u32::try_from(r.promised).unwrap_or(0),
    )?;
    clock
        .reckon(calendar)
        .ok()
        .flatten()
        .map(|r| r.due.to_string())
}

/// Stores case `id`'s due date as its clock now stands (in the caller's
/// transaction, after the step that moved it).
pub async fn refresh_due_in(
    conn: &mut AnyConnection,
    calendar: &Calendar,
    id: i64,
) -> Result<(), sqlx::Error> {
    let row: Option<ClockRow> = sqlx::query_as(&format!("{CLOCK_SQL} AND a.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(r) = row {
        let due = due_of(&r, calendar);
        if due != r.due_on {
            sqlx::query("UPDATE applications SET due_on = $1 WHERE id = $2")
                .bind(due)
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(())
}

/// Stores every open case's due date again under `calendar` (after the
/// calendar changed, or for cases stored before due dates were); returns
/// how many moved.
pub async fn refresh_dues_in(
    conn: &mut AnyConnection,
    calendar: &Calendar,
) -> Result<usize, sqlx::Error> {
    let rows: Vec<ClockRow> = sqlx::query_as(&format!(
        "{CLOCK_SQL} AND a.status NOT IN ('done', 'rejected')"
    ))
    .fetch_all(&mut *conn)
    .await?;
    let mut moved = 0;
    for r in rows {
        let due = due_of(&r, calendar);
        if due != r.due_on {
            sqlx::query("UPDATE applications SET due_on = $1 WHERE id = $2")
                .bind(due)
                .bind(r.id)
                .execute(&mut *conn)
                .await?;
            moved += 1;
        }
    }
    Ok(moved)
}

/// [`refresh_dues_in`] in a transaction of its own (at start-up, and after
/// the demo data is loaded).
pub async fn refresh_dues(db: &Db, calendar: &Calendar) -> Result<usize, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let moved = refresh_dues_in(&mut tx, calendar).await?;
    tx.commit().await?;
    Ok(moved)
}

/// A query of the queue, checked.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub status: Option<CaseStatus>,
    pub service: Option<String>,
    pub light: Option<Light>,
    /// Only those waiting for 补正 (their clock paused).
    pub paused: bool,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Only cases due exactly on this day (the morning digest's).
    pub due_on: Option<NaiveDate>,
}

/// Appends `FROM … WHERE` with `q`'s conditions to `b`.
fn filter_into(b: &mut SqlBuilder, q: &Query, bounds: LightBounds) {
    b.push(" FROM applications a WHERE a.number IS NOT NULL");
    if let Some(s) = q.status {
        b.push(" AND a.status = ").bind_text(s.as_str());
    }
    if let Some(code) = &q.service {
        b.push(" AND a.service_code = ").bind_text(code.clone());
    }
    if let Some(light) = q.light {
        b.push_light("a.due_on", light, bounds);
    }
    if q.paused {
        b.push(" AND a.status = ")
            .bind_text(CaseStatus::Correction.as_str());
    }
    if let Some(d) = q.from {
        b.push(" AND a.submitted_on >= ").bind_text(d.to_string());
    }
    if let Some(d) = q.to {
        b.push(" AND a.submitted_on <= ").bind_text(d.to_string());
    }
    if let Some(d) = q.due_on {
        b.push(" AND a.due_on = ").bind_text(d.to_string());
    }
}

#[derive(sqlx::FromRow)]
struct QueueRow {
    number: String,
    service_code: String,
    applicant: String,
    status: CaseStatus,
    submitted_on: Option<String>,
    due_on: Option<String>,
}

/// What a page of the queue holds: the cases, and the whole filter's
/// count, red and yellow.
pub struct Found {
    pub cases: Vec<CaseSummary>,
    pub total: i64,
    pub red: i64,
    pub yellow: i64,
}

/// Page `page` (from 1) of the cases `q` asks for, soonest due first (then
/// those without a running clock, by when they came in), `limit` a page.
pub async fn find(
    db: &Db,
    services: &[Service],
    calendar: &Calendar,
    today: NaiveDate,
    q: &Query,
    page: u32,
    limit: u32,
) -> Result<Found, sqlx::Error> {
    let bounds = LightBounds::on(calendar, today);
    let mut counts = SqlBuilder::new("SELECT COUNT(*)");
    counts.push_light_counts("a.due_on", "a.due_on IS NOT NULL", bounds);
    filter_into(&mut counts, q, bounds);
    let (total, red, yellow): (i64, i64, i64) = counts.query_as().fetch_one(db.pool()).await?;
    let mut rows = SqlBuilder::new(
        "SELECT a.number, a.service_code, a.applicant, a.status, a.submitted_on, a.due_on",
    );
    filter_into(&mut rows, q, bounds);
    rows.push(
        " ORDER BY CASE WHEN a.due_on IS NULL THEN 1 ELSE 0 END, a.due_on, a.submitted_at, a.id LIMIT ",
    )
    .bind_int(i64::from(limit))
    .push(" OFFSET ")
    .bind_int(i64::from(page.saturating_sub(1)) * i64::from(limit));
    let rows: Vec<QueueRow> = rows.query_as().fetch_all(db.pool()).await?;
    let cases = rows
        .into_iter()
        .map(|r| {
            let due = r
                .due_on
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            CaseSummary {
                service_name: services
                    .iter()
                    .find(|s| s.code == r.service_code)
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
                number: r.number,
                applicant: r.applicant,
                paused: r.status == CaseStatus::Correction,
                status: r.status,
                submitted_on: r.submitted_on.unwrap_or_default(),
                days_left: due.map(|d| calendar.working_days_between(today, d)),
                due_on: r.due_on,
            }
        })
        .collect();
    Ok(Found {
        cases,
        total,
        red,
        yellow,
    })
}
