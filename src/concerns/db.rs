//! The `concerns` and `concern_responses` tables: recording a concern,
//! linking the published items that answered it, and the decision not to
//! respond — each with its audit entry in the same transaction. Linking a
//! response changes that item's public page (it shows when the concern
//! arose and how long the answer took), so its audit entry raises the
//! content version; the rest is private.

use super::types::{hour_clock, Concern, Level, Record, Response, Status};
use crate::account::db::audit::{self, Actor};
use crate::server::db::Db;

const COLUMNS: &str =
    "id, level, outlet, source_url, noticed_at, summary, department, limit_days, \
     status, info_at, conference_at, closed_at, closed_by, decline_reason, created_by, created_at";

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    level: String,
    outlet: String,
    source_url: String,
    noticed_at: i64,
    summary: String,
    department: String,
    limit_days: i64,
    status: String,
    info_at: Option<i64>,
    conference_at: Option<i64>,
    closed_at: Option<i64>,
    closed_by: String,
    decline_reason: String,
    created_by: String,
    created_at: i64,
}

impl Row {
    fn into_concern(self) -> Concern {
        Concern {
            id: self.id,
            // Only this module writes these columns.
            level: Level::parse(&self.level).unwrap_or(Level::One),
            outlet: self.outlet,
            source_url: self.source_url,
            noticed_at: self.noticed_at,
            summary: self.summary,
            department: self.department,
            limit_days: self.limit_days,
            status: Status::parse(&self.status).unwrap_or(Status::Open),
            info_at: self.info_at,
            conference_at: self.conference_at,
            closed_at: self.closed_at,
            closed_by: self.closed_by,
            decline_reason: self.decline_reason,
            created_by: self.created_by,
            created_at: self.created_at,
        }
    }
}

/// Every concern still waiting for its response, the oldest first.
pub async fn open(db: &Db) -> Result<Vec<Concern>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM concerns WHERE status = 'open' ORDER BY noticed_at, id"
    ))
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Row::into_concern).collect())
}

/// Concerns answered or declined, the latest closed first, at most `limit`.
pub async fn closed(db: &Db, limit: i64) -> Result<Vec<Concern>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM concerns WHERE status <> 'open' \
         ORDER BY closed_at DESC, id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Row::into_concern).collect())
}

/// One concern with the responses linked to it (the earliest first).
pub async fn get(db: &Db, id: i64) -> Result<Option<(Concern, Vec<Response>)>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM concerns WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    let Some(row) = row else { return Ok(None) };
    let rows: Vec<(i64, i64, i64, String, i64)> = sqlx::query_as(
        "SELECT article_id, conference, published_at, linked_by, linked_at \
         FROM concern_responses WHERE concern_id = $1 ORDER BY published_at, id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let mut responses = Vec::with_capacity(rows.len());
    for (article_id, conference, published_at, linked_by, linked_at) in rows {
        responses.push(Response {
            article_id,
            title: crate::content::db::article_title(db, article_id)
                .await?
                .unwrap_or_default(),
            conference: conference == 1,
            published_at,
            linked_by,
            linked_at,
        });
    }
    Ok(Some((row.into_concern(), responses)))
}

/// The concern public item `article_id` answered, for its page: the
/// earliest noticed of those it is linked to, as (level, noticed_at).
pub async fn answered_by(db: &Db, article_id: i64) -> Result<Option<(Level, i64)>, sqlx::Error> {
    let row: Option<(String, i64)> = sqlx::query_as(
        "SELECT c.level, c.noticed_at FROM concern_responses r JOIN concerns c ON c.id = r.concern_id \
         WHERE r.article_id = $1 ORDER BY c.noticed_at, c.id LIMIT 1",
    )
    .bind(article_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.and_then(|(level, at)| Some((Level::parse(&level)?, at))))
}

/// Who is told at once when a 重大 or 特别重大 concern is recorded: the
/// outbox and each member of staff's (username, e-mail address).
pub struct Alarm<'a> {
    pub outbox: &'a crate::notify::Outbox,
    pub staff: Vec<(String, String)>,
}

/// What the alarm says of a concern.
struct Told<'a> {
    id: i64,
    level: Level,
    outlet: &'a str,
    summary: &'a str,
    department: &'a str,
    noticed_at: i64,
}

/// Writes the 重大舆情提醒 to every member of staff in `alarm`, in the
/// caller's transaction.
async fn sound(
    conn: &mut sqlx::AnyConnection,
    alarm: &Alarm<'_>,
    c: &Told<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    use crate::ui::format::datetime_zh;
    let text = format!(
        "舆情 {}（{}）\n来源：{}\n摘要：{}\n责任部门：{}\n发布权威信息：{}前\n举行新闻发布会：{}前",
        c.id,
        c.level.label(),
        c.outlet,
        c.summary,
        c.department,
        datetime_zh(c.noticed_at + super::types::INFO_HOURS * 3600),
        datetime_zh(c.noticed_at + super::types::CONFERENCE_HOURS * 3600),
    );
    for (username, email) in &alarm.staff {
        crate::notify::db::enqueue(
            &mut *conn,
            alarm.outbox,
            crate::notify::db::Notice {
                subject: crate::notify::Subject::Staff,
                number: username,
                event: crate::notify::types::Event::StaffConcern,
                contacts: &[email.as_str()],
                vars: crate::notify::templates::Vars {
                    matter: format!("{}舆情（{}）", c.level.label(), c.outlet),
                    date: datetime_zh(c.noticed_at),
                    notice: text.clone(),
                    ..Default::default()
                },
            },
            now,
        )
        .await?;
    }
    Ok(())
}

/// Stores a new concern with the working-day limit in force; returns its
/// id. For 重大 / 特别重大 the notices to `alarm.staff` are written in the
/// same transaction.
pub async fn record(
    db: &Db,
    r: &Record,
    limit_days: i64,
    alarm: &Alarm<'_>,
    actor: &Actor,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO concerns (level, outlet, source_url, noticed_at, summary, department, limit_days, \
         status, created_by_id, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, $10) RETURNING id",
    )
    .bind(r.level.as_str())
    .bind(&r.outlet)
    .bind(&r.source_url)
    .bind(r.noticed_at)
    .bind(&r.summary)
    .bind(&r.department)
    .bind(limit_days)
    .bind(actor.id)
    .bind(&actor.name)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        "concern.recorded",
        &format!("舆情 {id}（{}）", r.outlet),
        serde_json::json!({
            "level": r.level.as_str(),
            "source_url": r.source_url,
            "noticed_at": r.noticed_at,
            "summary": r.summary,
            "department": r.department,
            "limit_days": limit_days,
        }),
        now,
    )
    .await?;
    if hour_clock(r.level) {
        let told = Told {
            id,
            level: r.level,
            outlet: &r.outlet,
            summary: &r.summary,
            department: &r.department,
            noticed_at: r.noticed_at,
        };
        sound(&mut tx, alarm, &told, now).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// What a step on a concern came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Done,
    NotFound,
    /// The item is not public, or not of a kind that can answer.
    NotAnswer,
    /// The item is linked to this concern already.
    AlreadyLinked,
    /// The concern is no longer in a state the step applies to.
    Stale,
}

/// Marks open concern `id` answered if every response its level needs is
/// in; returns whether it did.
async fn close_if_answered(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    level: Level,
    actor: &Actor,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE concerns SET status = 'answered', closed_at = $1, closed_by = $2 \
         WHERE id = $3 AND status = 'open' AND info_at IS NOT NULL \
         AND ($4 = 0 OR conference_at IS NOT NULL)",
    )
    .bind(now)
    .bind(&actor.name)
    .bind(id)
    .bind(i64::from(hour_clock(level)))
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Links public item `article_id` as a response to concern `id` (a press
/// conference when `conference` or when it is filed as one); the concern is answered once every
/// response its level needs is published.
pub async fn link(
    db: &Db,
    id: i64,
    article_id: i64,
    conference: bool,
    actor: &Actor,
    now: i64,
) -> Result<Outcome, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let found: Option<(String, String, String)> =
        sqlx::query_as("SELECT level, status, outlet FROM concerns WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((level, status, outlet)) = found else {
        return Ok(Outcome::NotFound);
    };
    if Status::parse(&status) == Some(Status::Declined) {
        return Ok(Outcome::Stale);
    }
    let Some(item) = crate::content::db::answer_in(&mut tx, article_id).await? else {
        return Ok(Outcome::NotAnswer);
    };
    let (title, published_at) = (item.title, item.published_at);
    // An item filed as a press conference is one, ticked or not.
    let conference = conference || item.conference;
    let (already,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM concern_responses WHERE concern_id = $1 AND article_id = $2",
    )
    .bind(id)
    .bind(article_id)
    .fetch_one(&mut *tx)
    .await?;
    if already > 0 {
        return Ok(Outcome::AlreadyLinked);
    }
    sqlx::query(
        "INSERT INTO concern_responses (concern_id, article_id, conference, published_at, linked_by, linked_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(article_id)
    .bind(i64::from(conference))
    .bind(published_at)
    .bind(&actor.name)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    // The earliest publication stops each clock, whatever order they are linked in.
    sqlx::query(
        "UPDATE concerns SET \
         info_at = CASE WHEN info_at IS NULL OR info_at > $1 THEN $1 ELSE info_at END, \
         conference_at = CASE WHEN $2 = 1 AND (conference_at IS NULL OR conference_at > $1) \
           THEN $1 ELSE conference_at END \
         WHERE id = $3",
    )
    .bind(published_at)
    .bind(i64::from(conference))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let level = Level::parse(&level).unwrap_or(Level::One);
    let answered = close_if_answered(&mut tx, id, level, actor, now).await?;
    audit::record(
        &mut tx,
        actor,
        "concern.answered",
        &format!("舆情 {id}（{outlet}）"),
        serde_json::json!({
            "article_id": article_id,
            "title": title,
            "conference": conference,
            "published_at": published_at,
            "closed": answered,
        }),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Outcome::Done)
}

/// Records a new judgement (研判) of open concern `id`: its level,
/// summary and department. Raised to 重大 / 特别重大, its hour clocks run
/// from when it was noticed and `alarm` is sounded.
pub async fn judge(
    db: &Db,
    id: i64,
    j: &super::types::Judgement,
    alarm: &Alarm<'_>,
    actor: &Actor,
    now: i64,
) -> Result<Outcome, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let found: Option<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT level, outlet, summary, department, noticed_at FROM concerns \
         WHERE id = $1 AND status = 'open'",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((was, outlet, summary, department, noticed_at)) = found else {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM concerns WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        return Ok(if n == 0 {
            Outcome::NotFound
        } else {
            Outcome::Stale
        });
    };
    sqlx::query(
        "UPDATE concerns SET level = $1, summary = $2, department = $3 WHERE id = $4 AND status = 'open'",
    )
    .bind(j.level.as_str())
    .bind(&j.summary)
    .bind(&j.department)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        "concern.judged",
        &format!("舆情 {id}（{outlet}）"),
        serde_json::json!({
            "level": [was, j.level.as_str()],
            "summary": [summary, j.summary],
            "department": [department, j.department],
        }),
        now,
    )
    .await?;
    // Lowered below 重大, a published response may be all it now needs.
    close_if_answered(&mut tx, id, j.level, actor, now).await?;
    let raised = !Level::parse(&was).is_some_and(hour_clock) && hour_clock(j.level);
    if raised {
        let told = Told {
            id,
            level: j.level,
            outlet: &outlet,
            summary: &j.summary,
            department: &j.department,
            noticed_at,
        };
        sound(&mut tx, alarm, &told, now).await?;
    }
    tx.commit().await?;
    Ok(Outcome::Done)
}

/// Closes concern `id` by a recorded decision not to respond; only while
/// nothing has answered it yet.
pub async fn decline(
    db: &Db,
    id: i64,
    reason: &str,
    actor: &Actor,
    now: i64,
) -> Result<Outcome, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let found: Option<(String,)> = sqlx::query_as("SELECT outlet FROM concerns WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some((outlet,)) = found else {
        return Ok(Outcome::NotFound);
    };
    let changed = sqlx::query(
        "UPDATE concerns SET status = 'declined', closed_at = $1, closed_by = $2, decline_reason = $3 \
         WHERE id = $4 AND status = 'open' AND info_at IS NULL",
    )
    .bind(now)
    .bind(&actor.name)
    .bind(reason)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Ok(Outcome::Stale);
    }
    audit::record(
        &mut tx,
        actor,
        "concern.declined",
        &format!("舆情 {id}（{outlet}）"),
        serde_json::json!({ "reason": reason }),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Outcome::Done)
}
