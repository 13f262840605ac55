//! The outbox's tables: notices written with their event, claimed by the
//! sender under a lease, each try recorded; and administrators' wording.

use super::templates::{self, Template, Vars};
use super::types::{mask_address, Channel, Event, NoticeStatus, SentNotice};
use super::{Outbox, Subject};
use crate::account::db::audit::{self, Actor};
use crate::server::db::Db;
use sqlx::AnyConnection;

/// One notice to write: what it tells of, to whom, with what.
pub struct Notice<'a> {
    pub subject: Subject,
    /// The case's, question's or request's number.
    pub number: &'a str,
    pub event: Event,
    /// The contacts the person gave (mobile numbers, e-mail addresses;
    /// anything else is skipped). One notice per channel that is on.
    pub contacts: &'a [&'a str],
    pub vars: Vars,
}

/// The wording of `event` on `channel`: the administrators' if saved,
/// else the built-in one.
pub async fn template(
    conn: &mut AnyConnection,
    event: Event,
    channel: Channel,
) -> Result<Template, sqlx::Error> {
    let saved: Option<(String, String)> = sqlx::query_as(
        "SELECT title, body FROM notice_templates WHERE event = $1 AND channel = $2",
    )
    .bind(event.as_str())
    .bind(channel.as_str())
    .fetch_optional(conn)
    .await?;
    Ok(saved
        .map(|(title, body)| Template { title, body })
        .unwrap_or_else(|| templates::built_in(event, channel)))
}

/// Writes `n`'s notices in the caller's transaction (the event's own), one
/// per channel that is on and that a contact reaches, each address once.
/// Returns how many were written.
pub async fn enqueue(
    conn: &mut AnyConnection,
    outbox: &Outbox,
    n: Notice<'_>,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let mut seen: Vec<(Channel, String)> = Vec::new();
    for contact in n.contacts {
        if let Some(found) = Channel::of_contact(contact) {
            if outbox.is_on(found.0) && !seen.contains(&found) {
                seen.push(found);
            }
        }
    }
    let mut vars = n.vars;
    vars.number = n.number.to_owned();
    vars.site.clone_from(&outbox.site_name);
    vars.link = outbox.link(n.subject, n.number);
    for (channel, to) in &seen {
        let t = template(&mut *conn, n.event, *channel).await?;
        let (title, body) = templates::render(&t, *channel, &vars);
        sqlx::query(
            "INSERT INTO notices (subject_kind, subject, event, channel, recipient, title, body, \
             status, next_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $8)",
        )
        .bind(n.subject.as_str())
        .bind(n.number)
        .bind(n.event.as_str())
        .bind(channel.as_str())
        .bind(to)
        .bind(&title)
        .bind(&body)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(seen.len())
}

/// Claims `day`'s digest inside the caller's transaction; false when it
/// was claimed already (by another app server, or an earlier run).
pub async fn claim_digest(
    conn: &mut AnyConnection,
    day: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO notice_digests (day, at, recipients) VALUES ($1, $2, 0) \
         ON CONFLICT (day) DO NOTHING",
    )
    .bind(day)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records how many members of staff `day`'s digest went to.
pub async fn digest_sent(
    conn: &mut AnyConnection,
    day: &str,
    recipients: usize,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE notice_digests SET recipients = $1 WHERE day = $2")
        .bind(recipients as i64)
        .bind(day)
        .execute(conn)
        .await?;
    Ok(())
}

/// A notice claimed for sending.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    pub id: i64,
    pub channel: String,
    pub recipient: String,
    pub title: String,
    pub body: String,
    /// Tries so far, this one included.
    pub attempts: i64,
}

/// Claims up to `limit` notices that are due (pending, `next_at` passed,
/// no live lease) for `worker` until `lease_until`, counting the try. The
/// lease is taken by one UPDATE whose condition is checked again on the
/// row as it stands when it is locked, so two app servers claiming at
/// once never both get a row.
pub async fn claim(
    db: &Db,
    worker: &str,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> Result<Vec<Claimed>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let rows: Vec<Claimed> = sqlx::query_as(
        "UPDATE notices SET lease_until = $1, claimed_by = $2, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM notices WHERE status = 'pending' AND next_at <= $3 \
                      AND lease_until <= $3 ORDER BY next_at, id LIMIT $4) \
           AND status = 'pending' AND lease_until <= $3 \
         RETURNING id, channel, recipient, title, body, attempts",
    )
    .bind(lease_until)
    .bind(worker)
    .bind(now)
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(rows)
}

/// What became of one try.
pub enum Outcome<'a> {
    Sent,
    /// Try again at `next_at`.
    Retry {
        error: &'a str,
        next_at: i64,
    },
    /// No more tries.
    Failed {
        error: &'a str,
    },
}

/// Records `worker`'s try of notice `id` and its result; a notice whose
/// lease `worker` no longer holds is left as another worker set it.
pub async fn finish(
    db: &Db,
    id: i64,
    worker: &str,
    outcome: Outcome<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let (status, next_at, error) = match outcome {
        Outcome::Sent => (NoticeStatus::Sent, None, ""),
        Outcome::Retry { error, next_at } => (NoticeStatus::Pending, Some(next_at), error),
        Outcome::Failed { error } => (NoticeStatus::Failed, None, error),
    };
    sqlx::query(
        "UPDATE notices SET status = $1, next_at = COALESCE($2, next_at), lease_until = 0, \
         sent_at = CASE WHEN $1 = 'sent' THEN $3 ELSE sent_at END, last_error = $4 \
         WHERE id = $5 AND claimed_by = $6 AND status = 'pending'",
    )
    .bind(status.as_str())
    .bind(next_at)
    .bind(now)
    .bind(error)
    .bind(id)
    .bind(worker)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO notice_attempts (notice_id, at, worker, ok, detail) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(now)
    .bind(worker)
    .bind(i64::from(status == NoticeStatus::Sent))
    .bind(if error.is_empty() { "已送达通道" } else { error })
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ListedRow {
    event: String,
    channel: String,
    recipient: String,
    status: String,
    created_at: i64,
    sent_at: Option<i64>,
}

impl ListedRow {
    fn shown(self) -> Option<SentNotice> {
        Some(SentNotice {
            event: Event::parse(&self.event)?,
            channel: Channel::parse(&self.channel)?,
            to: mask_address(&self.recipient),
            status: NoticeStatus::parse(&self.status)?,
            created: crate::ui::format::datetime_zh(self.created_at),
            sent: self.sent_at.map(crate::ui::format::datetime_zh),
        })
    }
}

/// The notices about `number` (a case, question or request), oldest first.
pub async fn for_subject(
    db: &Db,
    subject: Subject,
    number: &str,
) -> Result<Vec<SentNotice>, sqlx::Error> {
    let rows: Vec<ListedRow> = sqlx::query_as(
        "SELECT event, channel, recipient, status, created_at, sent_at FROM notices \
         WHERE subject_kind = $1 AND subject = $2 ORDER BY created_at, id",
    )
    .bind(subject.as_str())
    .bind(number)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().filter_map(ListedRow::shown).collect())
}

/// A notice as administrators see it in the outbox.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub subject_kind: String,
    pub subject: String,
    pub event: String,
    pub channel: String,
    pub recipient: String,
    pub status: String,
    pub attempts: i64,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub next_at: i64,
    pub last_error: String,
}

/// The newest `limit` notices, only those in `status` if given.
pub async fn recent(
    db: &Db,
    status: Option<NoticeStatus>,
    limit: i64,
) -> Result<Vec<OutboxRow>, sqlx::Error> {
    let mut q = crate::server::db::SqlBuilder::new(
        "SELECT id, subject_kind, subject, event, channel, recipient, status, attempts, created_at, \
         sent_at, next_at, last_error FROM notices",
    );
    if let Some(s) = status {
        q.push(" WHERE status = ").bind_text(s.as_str());
    }
    q.push(" ORDER BY id DESC LIMIT ").bind_int(limit);
    q.query_as().fetch_all(db.pool()).await
}

/// How many notices are in each status: (pending, sent, failed).
pub async fn counts(db: &Db) -> Result<(i64, i64, i64), sqlx::Error> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, COUNT(*) FROM notices GROUP BY status")
            .fetch_all(db.pool())
            .await?;
    let n = |s: NoticeStatus| {
        rows.iter()
            .find(|(k, _)| k == s.as_str())
            .map_or(0, |(_, n)| *n)
    };
    Ok((
        n(NoticeStatus::Pending),
        n(NoticeStatus::Sent),
        n(NoticeStatus::Failed),
    ))
}

/// Sends a failed notice again (its tries start over); false when it had
/// not failed. Audited with the change.
pub async fn retry(db: &Db, id: i64, actor: &Actor, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let row: Option<(String, String)> = sqlx::query_as(
        "UPDATE notices SET status = 'pending', attempts = 0, next_at = $1, lease_until = 0 \
         WHERE id = $2 AND status = 'failed' RETURNING subject, event",
    )
    .bind(now)
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((subject, event)) = row else {
        return Ok(false);
    };
    audit::record(
        &mut tx,
        actor,
        "notice.retried",
        &format!("通知 {id}（{subject}）"),
        serde_json::json!({ "event": event }),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The wording in use for every event and channel, and whether it is the
/// administrators' own.
pub async fn all_templates(db: &Db) -> Result<Vec<(Event, Channel, Template, bool)>, sqlx::Error> {
    let saved: Vec<(String, String, String, String)> =
        sqlx::query_as("SELECT event, channel, title, body FROM notice_templates")
            .fetch_all(db.pool())
            .await?;
    let mut out = Vec::new();
    for e in Event::ALL {
        for c in Channel::ALL {
            let own = saved
                .iter()
                .find(|(ev, ch, _, _)| ev == e.as_str() && ch == c.as_str());
            out.push(match own {
                Some((_, _, title, body)) => (
                    e,
                    c,
                    Template {
                        title: title.clone(),
                        body: body.clone(),
                    },
                    true,
                ),
                None => (e, c, templates::built_in(e, c), false),
            });
        }
    }
    Ok(out)
}

/// Saves administrators' wording of `event` on `channel` (checked by the
/// caller), or with `None` goes back to the built-in one; audited.
pub async fn save_template(
    db: &Db,
    event: Event,
    channel: Channel,
    template: Option<&Template>,
    actor: &Actor,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM notice_templates WHERE event = $1 AND channel = $2")
        .bind(event.as_str())
        .bind(channel.as_str())
        .execute(&mut *tx)
        .await?;
    if let Some(t) = template {
        sqlx::query(
            "INSERT INTO notice_templates (event, channel, title, body, updated_at, updated_by) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(event.as_str())
        .bind(channel.as_str())
        .bind(&t.title)
        .bind(&t.body)
        .bind(now)
        .bind(&actor.name)
        .execute(&mut *tx)
        .await?;
    }
    audit::record(
        &mut tx,
        actor,
        if template.is_some() {
            "notice.template_saved"
        } else {
            "notice.template_reset"
        },
        &format!("通知模板：{}（{}）", event.label(), channel.label()),
        serde_json::json!({
            "event": event.as_str(),
            "channel": channel.as_str(),
            "title": template.map(|t| t.title.clone()),
            "body": template.map(|t| t.body.clone()),
        }),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
