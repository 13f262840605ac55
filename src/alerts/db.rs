//! The `alerts` table: drafting, the review decision and withdrawal, each
//! with its audit entry in the same transaction (approval and withdrawal
//! raise the content version there, so every app server reloads the
//! notices and no cached page outlives the change).

use super::types::{Alert, Draft, Level, Status};
use crate::account::db::audit::{self, Actor};
use crate::server::db::Db;

const COLUMNS: &str = "id, level, title, body, link, starts_at, ends_at, status, created_by_id, \
     created_by, created_at, reviewed_by, reviewed_at, review_note, withdrawn_by, withdrawn_at";

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    level: String,
    title: String,
    body: String,
    link: String,
    starts_at: i64,
    ends_at: i64,
    status: String,
    created_by_id: Option<i64>,
    created_by: String,
    created_at: i64,
    reviewed_by: String,
    reviewed_at: Option<i64>,
    review_note: String,
    withdrawn_by: String,
    withdrawn_at: Option<i64>,
}

impl Row {
    fn into_alert(self) -> Alert {
        Alert {
            id: self.id,
            level: Level::parse(&self.level).unwrap_or(Level::Four),
            title: self.title,
            body: self.body,
            link: self.link,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            // Only this module writes the column; an unknown value shows nothing.
            status: Status::parse(&self.status).unwrap_or(Status::Withdrawn),
            created_by_id: self.created_by_id,
            created_by: self.created_by,
            created_at: self.created_at,
            reviewed_by: self.reviewed_by,
            reviewed_at: self.reviewed_at,
            review_note: self.review_note,
            withdrawn_by: self.withdrawn_by,
            withdrawn_at: self.withdrawn_at,
        }
    }
}

/// Approved notices not yet ended at `now`: what every app server keeps in
/// memory to put at the top of its pages.
pub async fn live(db: &Db, now: i64) -> Result<Vec<Alert>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM alerts WHERE status = 'approved' AND ends_at > $1 ORDER BY id"
    ))
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Row::into_alert).collect())
}

/// Every notice, newest first (the history), at most `limit`.
pub async fn history(db: &Db, limit: i64) -> Result<Vec<Alert>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM alerts ORDER BY id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Row::into_alert).collect())
}

/// How many drafts wait for a reviewer (and could still show).
pub async fn pending_count(db: &Db, now: i64) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM alerts WHERE status = 'pending' AND ends_at > $1")
            .bind(now)
            .fetch_one(db.pool())
            .await?;
    Ok(n)
}

/// One notice.
pub async fn get(db: &Db, id: i64) -> Result<Option<Alert>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM alerts WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(Row::into_alert))
}

/// Stores a draft for review; returns its id.
pub async fn draft(db: &Db, d: &Draft, actor: &Actor, now: i64) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO alerts (level, title, body, link, starts_at, ends_at, status, created_by_id, \
         created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9) RETURNING id",
    )
    .bind(d.level.as_str())
    .bind(&d.title)
    .bind(&d.body)
    .bind(&d.link)
    .bind(d.starts_at)
    .bind(d.ends_at)
    .bind(actor.id)
    .bind(&actor.name)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        "alert.drafted",
        &format!("紧急公告 {id}：{}", d.title),
        serde_json::json!({
            "level": d.level.as_str(),
            "body": d.body,
            "link": d.link,
            "starts_at": d.starts_at,
            "ends_at": d.ends_at,
        }),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A reviewer's or an administrator's step on a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// 同意发布 (a reviewer other than the author).
    Approve,
    /// 退回, with the reason.
    Return(String),
    /// 撤下 (before its end).
    Withdraw,
}

/// What became of a step.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Done,
    NotFound,
    /// The author may not approve or return their own draft.
    OwnDraft,
    /// The notice is no longer in a state the step applies to.
    Stale,
}

/// Applies `step` to notice `id` as `actor`, with its audit entry.
pub async fn step(
    db: &Db,
    id: i64,
    step: &Step,
    actor: &Actor,
    now: i64,
) -> Result<Outcome, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let found: Option<(String, Option<i64>, String, i64)> =
        sqlx::query_as("SELECT title, created_by_id, status, ends_at FROM alerts WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((title, author, status, ends_at)) = found else {
        return Ok(Outcome::NotFound);
    };
    let status = Status::parse(&status);
    let reviewing = matches!(step, Step::Approve | Step::Return(_));
    if reviewing && author.is_some() && author == actor.id {
        return Ok(Outcome::OwnDraft);
    }
    let (sql, action, detail) = match step {
        Step::Approve if status == Some(Status::Pending) && ends_at > now => (
            "UPDATE alerts SET status = 'approved', reviewed_by = $1, reviewed_at = $2 \
             WHERE id = $3 AND status = 'pending'",
            "alert.approved",
            serde_json::json!({}),
        ),
        Step::Return(reason) if status == Some(Status::Pending) => (
            "UPDATE alerts SET status = 'returned', reviewed_by = $1, reviewed_at = $2, \
             review_note = $4 WHERE id = $3 AND status = 'pending'",
            "alert.returned",
            serde_json::json!({ "reason": reason }),
        ),
        Step::Withdraw
            if matches!(status, Some(Status::Pending | Status::Approved)) && ends_at > now =>
        {
            (
                "UPDATE alerts SET status = 'withdrawn', withdrawn_by = $1, withdrawn_at = $2 \
                 WHERE id = $3 AND status IN ('pending', 'approved')",
                "alert.withdrawn",
                serde_json::json!({ "was": status.map(Status::as_str) }),
            )
        }
        _ => return Ok(Outcome::Stale),
    };
    let mut q = sqlx::query(sql).bind(&actor.name).bind(now).bind(id);
    if let Step::Return(reason) = step {
        q = q.bind(reason);
    }
    if q.execute(&mut *tx).await?.rows_affected() == 0 {
        return Ok(Outcome::Stale);
    }
    audit::record(
        &mut tx,
        actor,
        action,
        &format!("紧急公告 {id}：{title}"),
        detail,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Outcome::Done)
}
