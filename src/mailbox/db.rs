//! Storing letters, their files and steps. The 信件编号 comes from the
//! row's id in the transaction that stores the letter, so a number is only
//! ever shown for a letter kept. Every staff step is one transaction: the
//! letter's change, the step the writer sees, the notice to the writer and
//! the audit entry. Every step, and a new letter, raises the content
//! version: the public statistics count them.

use super::types::{Channel, Letter, Status, Step, Written};
use crate::account::db::audit::{self, Actor};
use crate::server::db::Db;
use chrono::NaiveDate;
use sqlx::AnyConnection;

/// A file to store with a letter.
pub struct NewFile<'a> {
    pub name: &'a str,
    pub mime: &'a str,
    pub bytes: &'a [u8],
}

/// A stored file, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FileMeta {
    pub id: i64,
    pub file_name: String,
    pub size: i64,
}

/// What the writer needs to follow the letter up.
#[derive(Debug, Clone)]
pub struct Sent {
    pub number: String,
    pub query_code: String,
}

/// A letter with what only staff and its writer may see.
pub struct Stored {
    pub letter: Letter,
    pub query_code: String,
    pub files: Vec<FileMeta>,
    pub steps: Vec<Step>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    number: String,
    query_code: String,
    channel: String,
    category: String,
    subject: String,
    body: String,
    writer: String,
    contact: String,
    allow_public: i64,
    received_at: i64,
    received_on: String,
    limit_days: i64,
    department: String,
    status: String,
    closed_on: Option<String>,
    reply: String,
    replied_by: String,
    reason: String,
    merged_into: String,
    referral: String,
    outcome: String,
    public: i64,
    public_subject: String,
    public_body: String,
}

const COLUMNS: &str = "id, number, query_code, channel, category, subject, body, writer, contact, \
     allow_public, received_at, received_on, limit_days, department, status, closed_on, reply, \
     replied_by, reason, merged_into, referral, outcome, public, public_subject, public_body";

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

impl Row {
    fn into_letter(self) -> (Letter, String) {
        (
            Letter {
                id: self.id,
                number: self.number,
                channel: Channel::parse(&self.channel).unwrap_or(Channel::Director),
                category: self.category,
                subject: self.subject,
                body: self.body,
                writer: self.writer,
                contact: self.contact,
                allow_public: self.allow_public != 0,
                received_at: self.received_at,
                received_on: day(&self.received_on).unwrap_or_default(),
                limit_days: self.limit_days,
                department: self.department,
                status: Status::parse(&self.status).unwrap_or(Status::Open),
                closed_on: self.closed_on.as_deref().and_then(day),
                reply: self.reply,
                replied_by: self.replied_by,
                reason: self.reason,
                merged_into: self.merged_into,
                referral: self.referral,
                outcome: self.outcome,
                public: self.public != 0,
                public_subject: self.public_subject,
                public_body: self.public_body,
            },
            self.query_code,
        )
    }
}

/// Writes a notice of `step` to the letter's writer (when they left a
/// contact), in the caller's transaction.
async fn tell(
    conn: &mut AnyConnection,
    outbox: &crate::notify::Outbox,
    letter: &Letter,
    code: &str,
    (action, note): (&str, &str),
    today: NaiveDate,
    now: i64,
) -> Result<(), sqlx::Error> {
    if letter.contact.is_empty() {
        return Ok(());
    }
    crate::notify::db::enqueue(
        conn,
        outbox,
        crate::notify::db::Notice {
            subject: crate::notify::Subject::Letter,
            number: &letter.number,
            event: crate::notify::types::Event::LetterStep,
            contacts: &[letter.contact.as_str()],
            vars: crate::notify::templates::Vars {
                code: Some(code.to_owned()),
                matter: action.to_owned(),
                date: crate::ui::format::date_zh(&today.to_string()),
                notice: note.to_owned(),
                ..Default::default()
            },
        },
        now,
    )
    .await?;
    Ok(())
}

async fn add_step(
    conn: &mut AnyConnection,
    id: i64,
    action: &str,
    actor: &str,
    note: &str,
    today: NaiveDate,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO letter_steps (letter_id, at, on_date, action, actor, note) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(now)
    .bind(today.to_string())
    .bind(action)
    .bind(actor)
    .bind(note)
    .execute(conn)
    .await?;
    Ok(())
}

/// Stores a letter written on `today` with its files and the receipt step
/// (whose note, from `receipt`, names the due day); tells the writer.
#[expect(clippy::too_many_arguments)]
pub async fn write(
    db: &Db,
    outbox: &crate::notify::Outbox,
    w: &Written,
    files: &[NewFile<'_>],
    limit_days: i64,
    calendar: &crate::clock::Calendar,
    today: NaiveDate,
    now: i64,
) -> Result<Sent, sqlx::Error> {
    let query_code = crate::server::secret::query_code();
    let mut tx = db.begin_write().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO letters (query_code, channel, category, subject, body, writer, contact, \
         allow_public, received_at, received_on, limit_days) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(&query_code)
    .bind(w.channel.as_str())
    .bind(&w.category)
    .bind(&w.subject)
    .bind(&w.body)
    .bind(&w.writer)
    .bind(&w.contact)
    .bind(i64::from(w.allow_public))
    .bind(now)
    .bind(today.to_string())
    .bind(limit_days)
    .fetch_one(&mut *tx)
    .await?;
    let prefix = match w.channel {
        Channel::Director => "XJ",
        Channel::Report => "JB",
    };
    let number = format!("{prefix}{}{id:06}", today.format("%Y%m%d"));
    sqlx::query("UPDATE letters SET number = $1 WHERE id = $2")
        .bind(&number)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for f in files {
        sqlx::query(
            "INSERT INTO letter_files (letter_id, file_name, content_type, size, data, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(f.name)
        .bind(f.mime)
        .bind(i64::try_from(f.bytes.len()).unwrap_or(i64::MAX))
        .bind(f.bytes)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    let letter = Letter {
        id,
        number: number.clone(),
        channel: w.channel,
        category: w.category.clone(),
        subject: w.subject.clone(),
        body: w.body.clone(),
        writer: w.writer.clone(),
        contact: w.contact.clone(),
        allow_public: w.allow_public,
        received_at: now,
        received_on: today,
        limit_days,
        department: String::new(),
        status: Status::Open,
        closed_on: None,
        reply: String::new(),
        replied_by: String::new(),
        reason: String::new(),
        merged_into: String::new(),
        referral: String::new(),
        outcome: String::new(),
        public: false,
        public_subject: String::new(),
        public_body: String::new(),
    };
    let due = letter.due(calendar).map_or_else(
        || "法定期限内".to_owned(),
        |d| crate::ui::format::date_zh(&d.to_string()),
    );
    let note = format!(
        "来信已收到（{}），我们将在{due}前答复（{limit_days}个工作日，法定节假日不计）。",
        w.channel.label()
    );
    add_step(&mut tx, id, "收到来信", "", &note, today, now).await?;
    tell(
        &mut tx,
        outbox,
        &letter,
        &query_code,
        ("收到来信", &note),
        today,
        now,
    )
    .await?;
    // The public statistics count it.
    crate::server::cache::bump(&mut tx).await?;
    tx.commit().await?;
    Ok(Sent { number, query_code })
}

async fn stored_in(conn: &mut AnyConnection, number: &str) -> Result<Option<Stored>, sqlx::Error> {
    let row: Option<Row> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM letters WHERE number = $1"))
            .bind(number)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let (letter, query_code) = row.into_letter();
    let files: Vec<FileMeta> = sqlx::query_as(
        "SELECT id, file_name, size FROM letter_files WHERE letter_id = $1 ORDER BY id",
    )
    .bind(letter.id)
    .fetch_all(&mut *conn)
    .await?;
    let steps: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT at, action, actor, note FROM letter_steps WHERE letter_id = $1 ORDER BY at, id",
    )
    .bind(letter.id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(Stored {
        letter,
        query_code,
        files,
        steps: steps
            .into_iter()
            .map(|(at, action, actor, note)| Step {
                at,
                action,
                actor,
                note,
            })
            .collect(),
    }))
}

/// The letter numbered `number`, with its files and steps.
pub async fn get(db: &Db, number: &str) -> Result<Option<Stored>, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    stored_in(&mut conn, number).await
}

async fn letters(db: &Db, filter: &str, limit: i64) -> Result<Vec<Letter>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM letters WHERE {filter} ORDER BY received_at DESC, id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|r| r.into_letter().0).collect())
}

/// Every open letter, newest first (callers sort by the clock).
pub async fn open(db: &Db) -> Result<Vec<Letter>, sqlx::Error> {
    letters(db, "status = 'open'", i64::MAX).await
}

/// The `limit` letters closed most recently received.
pub async fn closed(db: &Db, limit: i64) -> Result<Vec<Letter>, sqlx::Error> {
    letters(db, "status <> 'open'", limit).await
}

/// Every letter's channel, receipt, limit, status and answer day (for the
/// statistics and the self-check).
pub async fn all(db: &Db) -> Result<Vec<Letter>, sqlx::Error> {
    letters(db, "1 = 1", i64::MAX).await
}

/// A staff step on a letter.
pub enum Act {
    /// 交办 (or 转办 when it had a department): the department handling it.
    Assign { department: String, note: String },
    /// The answer; `publish` (only a 局长信箱 letter whose writer allowed
    /// it) with the masked subject and text as published.
    Reply {
        department: String,
        reply: String,
        publish: bool,
        public_subject: String,
        public_body: String,
    },
    /// 不予受理.
    Reject { reason: String },
    /// A duplicate of letter `into`.
    Merge { into: String },
    /// A report handed to enforcement under `referral`.
    Refer { referral: String, note: String },
    /// What enforcement found.
    Outcome { outcome: String },
}

/// How a step went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    NotFound,
    /// The letter is no longer in a state that allows it.
    Stale,
    /// The letter to merge into does not exist, is this one, or was itself
    /// merged.
    BadTarget,
}

/// Takes step `act` on letter `number`, all in one transaction.
pub async fn act(
    db: &Db,
    outbox: &crate::notify::Outbox,
    number: &str,
    act: &Act,
    actor: &Actor,
    today: NaiveDate,
    now: i64,
) -> Result<Outcome, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let Some(stored) = stored_in(&mut tx, number).await? else {
        return Ok(Outcome::NotFound);
    };
    let l = &stored.letter;
    let open = l.status == Status::Open;
    let today_s = today.to_string();
    // (step shown to the writer, its note, audit action, audit detail)
    let (action, note, audited, detail) = match act {
        Act::Assign { department, note } => {
            if !open {
                return Ok(Outcome::Stale);
            }
            sqlx::query("UPDATE letters SET department = $1 WHERE id = $2")
                .bind(department)
                .bind(l.id)
                .execute(&mut *tx)
                .await?;
            let transfer = !l.department.is_empty();
            let mut text = format!("已交{department}办理。");
            if transfer {
                text = format!("已由{}转交{department}办理。", l.department);
            }
            if !note.is_empty() {
                text.push_str(note);
            }
            (
                if transfer { "转办" } else { "交办" },
                text,
                if transfer {
                    "letter.transferred"
                } else {
                    "letter.assigned"
                },
                serde_json::json!({ "from": l.department, "to": department }),
            )
        }
        Act::Reply {
            department,
            reply,
            publish,
            public_subject,
            public_body,
        } => {
            let publish = *publish && l.allow_public && l.channel == Channel::Director;
            let done = sqlx::query(
                "UPDATE letters SET status = 'replied', closed_on = $1, department = $2, reply = $3, \
                 replied_by = $4, public = $5, public_subject = $6, public_body = $7 \
                 WHERE id = $8 AND status = 'open'",
            )
            .bind(&today_s)
            .bind(department)
            .bind(reply)
            .bind(&actor.name)
            .bind(i64::from(publish))
            .bind(if publish { public_subject.as_str() } else { "" })
            .bind(if publish { public_body.as_str() } else { "" })
            .bind(l.id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Ok(Outcome::Stale);
            }
            // The letters merged into this one get the same answer.
            let merged: Vec<(String,)> =
                sqlx::query_as("SELECT number FROM letters WHERE merged_into = $1 ORDER BY id")
                    .bind(&l.number)
                    .fetch_all(&mut *tx)
                    .await?;
            for (dup,) in merged {
                if let Some(d) = stored_in(&mut tx, &dup).await? {
                    let text = format!("{department}答复：{reply}");
                    add_step(
                        &mut tx,
                        d.letter.id,
                        "答复",
                        &actor.shown,
                        &text,
                        today,
                        now,
                    )
                    .await?;
                    tell(
                        &mut tx,
                        outbox,
                        &d.letter,
                        &d.query_code,
                        ("答复", &text),
                        today,
                        now,
                    )
                    .await?;
                }
            }
            (
                "答复",
                format!("{department}答复：{reply}"),
                "letter.replied",
                serde_json::json!({ "department": department, "public": publish }),
            )
        }
        Act::Reject { reason } => {
            let done = sqlx::query(
                "UPDATE letters SET status = 'rejected', closed_on = $1, reason = $2 \
                 WHERE id = $3 AND status = 'open'",
            )
            .bind(&today_s)
            .bind(reason)
            .bind(l.id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Ok(Outcome::Stale);
            }
            (
                "不予受理",
                format!("理由：{reason}"),
                "letter.rejected",
                serde_json::json!({ "reason": reason }),
            )
        }
        Act::Merge { into } => {
            if !open {
                return Ok(Outcome::Stale);
            }
            let target = stored_in(&mut tx, into).await?;
            let Some(target) = target
                .filter(|t| t.letter.id != l.id && !matches!(t.letter.status, Status::Merged))
            else {
                return Ok(Outcome::BadTarget);
            };
            sqlx::query(
                "UPDATE letters SET status = 'merged', closed_on = $1, merged_into = $2 \
                 WHERE id = $3 AND status = 'open'",
            )
            .bind(&today_s)
            .bind(&target.letter.number)
            .bind(l.id)
            .execute(&mut *tx)
            .await?;
            let t = &target.letter;
            let text = if t.status == Status::Replied {
                format!(
                    "您反映的问题已有其他来信反映，合并办理。{}答复：{}",
                    t.department, t.reply
                )
            } else {
                "您反映的问题已有其他来信反映，合并办理，答复将同时告知您。".to_owned()
            };
            (
                "合并办理",
                text,
                "letter.merged",
                serde_json::json!({ "into": t.number }),
            )
        }
        Act::Refer { referral, note } => {
            if l.channel != Channel::Report {
                return Ok(Outcome::Stale);
            }
            let done = sqlx::query(
                "UPDATE letters SET status = 'referred', closed_on = $1, referral = $2 \
                 WHERE id = $3 AND status = 'open'",
            )
            .bind(&today_s)
            .bind(referral)
            .bind(l.id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Ok(Outcome::Stale);
            }
            let mut text =
                format!("已移交执法部门查处（移交文号：{referral}）。查处结果将另行告知。");
            if !note.is_empty() {
                text.push_str(note);
            }
            (
                "移交执法",
                text,
                "letter.referred",
                serde_json::json!({ "referral": referral }),
            )
        }
        Act::Outcome { outcome } => {
            let done = sqlx::query(
                "UPDATE letters SET outcome = $1 WHERE id = $2 AND status = 'referred' AND outcome = ''",
            )
            .bind(outcome)
            .bind(l.id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Ok(Outcome::Stale);
            }
            (
                "查处结果",
                outcome.clone(),
                "letter.outcome",
                serde_json::json!({}),
            )
        }
    };
    add_step(&mut tx, l.id, action, &actor.shown, &note, today, now).await?;
    tell(
        &mut tx,
        outbox,
        l,
        &stored.query_code,
        (action, &note),
        today,
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        audited,
        &format!("来信 {}", l.number),
        detail,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Outcome::Done)
}

/// A file of letter `number`, for staff; the read is audited in the same
/// transaction.
pub async fn read_file(
    db: &Db,
    actor: &Actor,
    number: &str,
    file: i64,
    now: i64,
) -> Result<Option<(String, String, Vec<u8>)>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let row: Option<(String, String, Vec<u8>)> = sqlx::query_as(
        "SELECT f.file_name, f.content_type, f.data FROM letter_files f \
         JOIN letters l ON l.id = f.letter_id WHERE l.number = $1 AND f.id = $2",
    )
    .bind(number)
    .bind(file)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((name, _, data)) = &row {
        audit::record(
            &mut tx,
            actor,
            "letter.file_read",
            &format!("来信 {number}"),
            serde_json::json!({ "file": name, "bytes": data.len() }),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(row)
}

/// A published letter as anyone may read it: the masked copies, never the
/// writer or their contact.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PublicLetter {
    pub number: String,
    pub subject: String,
    pub body: String,
    pub received_on: String,
    pub closed_on: String,
    pub department: String,
    pub reply: String,
}

const PUBLIC_COLUMNS: &str = "number, public_subject AS subject, public_body AS body, \
     received_on, COALESCE(closed_on, '') AS closed_on, department, reply";

/// Published letters per page.
pub const PER_PAGE: i64 = 20;

/// Published letters, newest answer first: page `page` (from 1) and how
/// many there are.
pub async fn public(db: &Db, page: i64) -> Result<(Vec<PublicLetter>, i64), sqlx::Error> {
    let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM letters WHERE public = 1")
        .fetch_one(db.pool())
        .await?;
    let rows = sqlx::query_as(&format!(
        "SELECT {PUBLIC_COLUMNS} FROM letters WHERE public = 1 \
         ORDER BY closed_on DESC, id DESC LIMIT $1 OFFSET $2"
    ))
    .bind(PER_PAGE)
    .bind((page.max(1) - 1) * PER_PAGE)
    .fetch_all(db.pool())
    .await?;
    Ok((rows, total))
}

/// One published letter.
pub async fn public_one(db: &Db, number: &str) -> Result<Option<PublicLetter>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {PUBLIC_COLUMNS} FROM letters WHERE public = 1 AND number = $1"
    ))
    .bind(number)
    .fetch_optional(db.pool())
    .await
}

/// Every published letter's number and answer day (for the sitemap).
pub async fn public_numbers(db: &Db) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT number, COALESCE(closed_on, '') FROM letters WHERE public = 1 ORDER BY id",
    )
    .fetch_all(db.pool())
    .await
}
