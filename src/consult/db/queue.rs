//! The question queue at volume: each question's answer due date is stored
//! with it (when it is asked, and again for every open one when the
//! calendar changes), so `/staff/consult` filters by service, light and
//! date and sorts by due date in SQL, a page at a time.

use super::{Row, COLUMNS, FROM};
use crate::clock::{Calendar, Light, LightBounds};
use crate::consult::types::StaffConsultation;
use crate::server::db::{Db, SqlBuilder};
use chrono::NaiveDate;
use sqlx::AnyConnection;

/// Questions a page of the queue shows.
pub const PAGE_SIZE: u32 = 50;

/// Stores the answer due date of every question not yet answered under
/// `calendar` (after the calendar changed, or for questions stored before
/// due dates were); returns how many moved.
pub async fn refresh_dues_in(
    conn: &mut AnyConnection,
    calendar: &Calendar,
) -> Result<usize, sqlx::Error> {
    let rows: Vec<(i64, String, Option<String>)> =
        sqlx::query_as("SELECT id, asked_on, due_on FROM consultations WHERE answered_on IS NULL")
            .fetch_all(&mut *conn)
            .await?;
    let mut moved = 0;
    for (id, asked_on, stored) in rows {
        let due = super::answer_due(&asked_on, calendar).map(|d| d.to_string());
        if due != stored {
            sqlx::query("UPDATE consultations SET due_on = $1 WHERE id = $2")
                .bind(due)
                .bind(id)
                .execute(&mut *conn)
                .await?;
            moved += 1;
        }
    }
    Ok(moved)
}

/// [`refresh_dues_in`] in a transaction of its own.
pub async fn refresh_dues(db: &Db, calendar: &Calendar) -> Result<usize, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let moved = refresh_dues_in(&mut tx, calendar).await?;
    tx.commit().await?;
    Ok(moved)
}

/// A query of the question queue, checked.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Answered ones too.
    pub all: bool,
    /// A service code; `Some("")` for questions about no service.
    pub service: Option<String>,
    /// Of those not yet answered.
    pub light: Option<Light>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Only those due exactly on this day (the morning digest's).
    pub due_on: Option<NaiveDate>,
}

/// Whether `q` shows only questions still waiting for their answer.
fn waiting_only(q: &Query) -> bool {
    !q.all || q.light.is_some() || q.due_on.is_some()
}

fn filter_into(b: &mut SqlBuilder, q: &Query, bounds: LightBounds) {
    b.push(" ").push(FROM).push(" WHERE 1 = 1");
    if waiting_only(q) {
        b.push(" AND c.answered_on IS NULL");
    }
    if let Some(code) = &q.service {
        b.push(" AND c.service_code = ").bind_text(code.clone());
    }
    if let Some(light) = q.light {
        b.push_light("c.due_on", light, bounds);
    }
    if let Some(d) = q.from {
        b.push(" AND c.asked_on >= ").bind_text(d.to_string());
    }
    if let Some(d) = q.to {
        b.push(" AND c.asked_on <= ").bind_text(d.to_string());
    }
    if let Some(d) = q.due_on {
        b.push(" AND c.due_on = ").bind_text(d.to_string());
    }
}

/// A waiting question as the morning digest lists it.
#[derive(Debug, sqlx::FromRow)]
pub struct DueQuestion {
    pub number: String,
    pub topic: String,
    pub due_on: String,
}

/// The waiting questions due on one of `days`, soonest first: number, topic
/// and stored due date only (no clock reckoned, no text masked), so the
/// digest and the dashboard stay cheap however many fall due at once.
pub async fn due_on_days(db: &Db, days: &[NaiveDate]) -> Result<Vec<DueQuestion>, sqlx::Error> {
    if days.is_empty() {
        return Ok(Vec::new());
    }
    let mut b = SqlBuilder::new(
        "SELECT COALESCE(c.number, '') AS number, c.topic, c.due_on FROM consultations c \
         WHERE c.answered_on IS NULL AND c.due_on IN (",
    );
    for (i, day) in days.iter().enumerate() {
        if i > 0 {
            b.push(", ");
        }
        b.bind_text(day.to_string());
    }
    b.push(") ORDER BY c.due_on, c.id");
    b.query_as().fetch_all(db.pool()).await
}

/// What a page of the queue holds, and the whole filter's counts.
pub struct Found {
    pub items: Vec<StaffConsultation>,
    pub total: i64,
    pub open: i64,
    pub red: i64,
    pub yellow: i64,
}

/// Page `page` (from 1) of the questions `q` asks for: those waiting
/// first, soonest due first; then the answered ones, newest first.
pub async fn find(
    db: &Db,
    calendar: &Calendar,
    today: NaiveDate,
    q: &Query,
    page: u32,
    limit: u32,
) -> Result<Found, sqlx::Error> {
    let bounds = LightBounds::on(calendar, today);
    let mut counts = SqlBuilder::new(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN c.answered_on IS NULL THEN 1 ELSE 0 END), 0)",
    );
    counts.push_light_counts("c.due_on", "c.answered_on IS NULL", bounds);
    filter_into(&mut counts, q, bounds);
    let (total, open, red, yellow): (i64, i64, i64, i64) =
        counts.query_as().fetch_one(db.pool()).await?;
    let mut rows = SqlBuilder::new("SELECT ");
    rows.push(COLUMNS);
    filter_into(&mut rows, q, bounds);
    // Only waiting questions (the default view, and any light): the order
    // the `consultations_waiting` index keeps, so deep pages walk it.
    rows.push(if waiting_only(q) {
        " ORDER BY c.due_on, c.asked_at DESC, c.id DESC LIMIT "
    } else {
        " ORDER BY CASE WHEN c.answered_on IS NULL THEN 0 ELSE 1 END, \
         CASE WHEN c.answered_on IS NULL THEN c.due_on END, c.asked_at DESC, c.id DESC LIMIT "
    })
    .bind_int(i64::from(limit))
    .push(" OFFSET ")
    .bind_int(i64::from(page.saturating_sub(1)) * i64::from(limit));
    let rows: Vec<Row> = rows.query_as().fetch_all(db.pool()).await?;
    Ok(Found {
        items: rows
            .into_iter()
            .map(|r| r.into_stored(calendar, today).staff)
            .collect(),
        total,
        open,
        red,
        yellow,
    })
}

/// Writes `count` synthetic questions still waiting, asked over the last 10
/// days (a third about no service), with their due dates — for the queue
/// benchmark (`bench/queues.rs`), never for a real site.
pub async fn generate_open(
    db: &Db,
    calendar: &Calendar,
    services: &[String],
    count: u64,
    today: NaiveDate,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let mut done = 0;
    while done < count {
        let mut tx = db.begin_write().await?;
        for i in done..(done + 1000).min(count) {
            let on = today - chrono::Days::new(i % 10);
            let service = match (i % 3, services.len()) {
                (0, _) | (_, 0) => String::new(),
                (_, n) => services[(i as usize) % n].clone(),
            };
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO consultations (query_code, service_code, topic, question, asker, \
                 contact, allow_public, asked_at, asked_on) \
                 VALUES ('000000', $1, $2, '合成咨询内容。', '合成咨询人', '', 0, $3, $4) RETURNING id",
            )
            .bind(service)
            .bind(format!("合成咨询{i}"))
            .bind(now - (i % 10) as i64 * 86_400)
            .bind(on.to_string())
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query("UPDATE consultations SET number = $1 WHERE id = $2")
                .bind(format!("ZX{}{id:06}", on.format("%Y%m%d")))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        refresh_dues_in(&mut tx, calendar).await?;
        tx.commit().await?;
        done = (done + 1000).min(count);
    }
    Ok(done)
}
