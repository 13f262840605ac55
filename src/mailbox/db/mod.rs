//! Storing letters, their files and steps. The 信件编号 comes from the
//! row's id in the transaction that stores the letter, so a number is only
//! ever shown for a letter kept. Every staff step is one transaction: the
//! letter's change, the step the writer sees, the notice to the writer and
//! the audit entry. Every step, and a new letter, raises the content
//! version: the public statistics count them.

mod act;
mod public;

pub use act::{act, Act, Outcome};
pub use public::{public, public_numbers, public_one, PublicLetter, PER_PAGE};

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
pub(super) async fn tell(
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

pub(super) async fn add_step(
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

pub(super) async fn stored_in(
    conn: &mut AnyConnection,
    number: &str,
) -> Result<Option<Stored>, sqlx::Error> {
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
