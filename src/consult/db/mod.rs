//! Storing questions and answers. The 咨询编号 comes from the row's id in
//! the transaction that stores it, so a number is only ever shown for a
//! question kept, and two questions never share one.

pub mod queue;
pub mod search;

use super::types::{Consultation, PublicQa, StaffConsultation, ANSWER_DAYS};
use super::validate::Question;
use crate::clock::{Calendar, Clock};
use crate::server::db::{Db, SqlBuilder};
use chrono::NaiveDate;
use sqlx::AnyConnection;

/// Public Q&A per page.
pub const PER_PAGE: u32 = 20;

/// What the asker needs to follow the question up.
#[derive(Debug, Clone)]
pub struct Asked {
    pub id: i64,
    pub number: String,
    pub query_code: String,
}

/// Stores a question asked on `today`; returns its number and query code.
pub async fn ask(
    db: &Db,
    calendar: &Calendar,
    q: &Question,
    today: NaiveDate,
    now: i64,
) -> Result<Asked, sqlx::Error> {
    let query_code = crate::server::secret::query_code();
    let mut tx = db.begin_write().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO consultations (query_code, service_code, topic, question, asker, contact, \
         allow_public, asked_at, asked_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(&query_code)
    .bind(&q.service_code)
    .bind(&q.topic)
    .bind(&q.question)
    .bind(&q.asker)
    .bind(&q.contact)
    .bind(i64::from(q.allow_public))
    .bind(now)
    .bind(today.to_string())
    .fetch_one(&mut *tx)
    .await?;
    let number = format!("ZX{}{id:06}", today.format("%Y%m%d"));
    // The queue's due date, stored with it.
    let due = answer_due(&today.to_string(), calendar).map(|d| d.to_string());
    sqlx::query("UPDATE consultations SET number = $1, due_on = $3 WHERE id = $2")
        .bind(&number)
        .bind(id)
        .bind(due)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Asked {
        id,
        number,
        query_code,
    })
}

#[derive(sqlx::FromRow)]
pub(super) struct Row {
    id: i64,
    number: String,
    query_code: String,
    service_code: String,
    service_name: Option<String>,
    topic: String,
    question: String,
    asker: String,
    contact: String,
    allow_public: i64,
    asked_on: String,
    answer: String,
    department: String,
    answered_on: Option<String>,
    answered_by: String,
    public: i64,
    faq: i64,
    public_topic: String,
    public_question: String,
}

pub(super) const COLUMNS: &str =
    "c.id, c.number, c.query_code, c.service_code, s.name AS service_name, \
     c.topic, c.question, c.asker, c.contact, c.allow_public, c.asked_on, c.answer, c.department, \
     c.answered_on, c.answered_by, c.public, c.faq, c.public_topic, c.public_question";
pub(super) const FROM: &str =
    "FROM consultations c LEFT JOIN services s ON s.code = c.service_code";

/// The answer's due date and working days left, for a question asked on
/// `asked_on` and not yet answered.
pub fn answer_clock(
    asked_on: &str,
    calendar: &Calendar,
    today: NaiveDate,
) -> Option<(NaiveDate, i64)> {
    let due = answer_due(asked_on, calendar)?;
    Some((due, calendar.working_days_between(today, due)))
}

/// The answer's due date for a question asked on `asked_on`.
pub fn answer_due(asked_on: &str, calendar: &Calendar) -> Option<NaiveDate> {
    let start = NaiveDate::parse_from_str(asked_on, "%Y-%m-%d").ok()?;
    Some(Clock::new(start, ANSWER_DAYS).reckon(calendar).ok()??.due)
}

/// A stored question with what only staff and its asker may see.
pub struct Stored {
    pub id: i64,
    pub query_code: String,
    pub staff: StaffConsultation,
}

impl Row {
    pub(super) fn into_stored(self, calendar: &Calendar, today: NaiveDate) -> Stored {
        let clock = answer_clock(&self.asked_on, calendar, today);
        let answered = self.answered_on.is_some();
        // Stored once answered; until then, the masked suggestion.
        let (public_topic, public_question) = if self.public_question.is_empty() {
            (
                super::validate::for_public(&self.topic, &self.asker),
                super::validate::for_public(&self.question, &self.asker),
            )
        } else {
            (self.public_topic, self.public_question)
        };
        Stored {
            id: self.id,
            query_code: self.query_code,
            staff: StaffConsultation {
                consultation: Consultation {
                    number: self.number,
                    service_name: self.service_name.unwrap_or_default(),
                    service_code: self.service_code,
                    topic: self.topic,
                    question: self.question,
                    asked_on: self.asked_on,
                    due_on: clock.map(|(d, _)| d.to_string()),
                    days_left: clock.filter(|_| !answered).map(|(_, n)| n),
                    answer: self.answer,
                    department: self.department,
                    answered_on: self.answered_on,
                    allow_public: self.allow_public != 0,
                    public: self.public != 0,
                    faq: self.faq != 0,
                    notices: Vec::new(),
                },
                asker: self.asker,
                contact: self.contact,
                answered_by: self.answered_by,
                public_topic,
                public_question,
            },
        }
    }
}

/// The question numbered `number`.
pub async fn by_number(
    db: &Db,
    number: &str,
    calendar: &Calendar,
    today: NaiveDate,
) -> Result<Option<Stored>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} {FROM} WHERE c.number = $1"))
        .bind(number)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(|r| r.into_stored(calendar, today)))
}

/// Staff's queue: unanswered questions, the least time left first, then
/// (when `all`) the answered ones, newest first.
pub async fn queue(
    db: &Db,
    all: bool,
    calendar: &Calendar,
    today: NaiveDate,
) -> Result<Vec<StaffConsultation>, sqlx::Error> {
    let filter = if all {
        ""
    } else {
        " WHERE c.answered_on IS NULL"
    };
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} {FROM}{filter} ORDER BY c.asked_at DESC, c.id DESC"
    ))
    .fetch_all(db.pool())
    .await?;
    let mut out: Vec<StaffConsultation> = rows
        .into_iter()
        .map(|r| r.into_stored(calendar, today).staff)
        .collect();
    // Stable: answered ones keep newest-first after the open ones.
    out.sort_by_key(|c| {
        (
            c.consultation.answered_on.is_some(),
            c.consultation.days_left.unwrap_or(i64::MAX),
        )
    });
    Ok(out)
}

/// An answer as staff give it.
pub struct Answer<'a> {
    pub text: &'a str,
    pub department: &'a str,
    /// Publish it (only when the asker allowed that).
    pub publish: bool,
    /// List it among its service's FAQ (only when published).
    pub faq: bool,
    pub by: &'a str,
    /// The topic and question as published (masked).
    pub public_topic: &'a str,
    pub public_question: &'a str,
}

/// Records the answer to question `id`; publishes it when the asker allowed
/// that and staff chose to (and lists it among its service's FAQ when
/// asked). Returns false when the question was answered already.
pub async fn answer(
    conn: &mut AnyConnection,
    id: i64,
    a: &Answer<'_>,
    today: NaiveDate,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE consultations SET answer = $1, department = $2, answered_at = $3, answered_on = $4, \
         answered_by = $5, public = CASE WHEN allow_public = 1 AND $6 = 1 THEN 1 ELSE 0 END, \
         faq = CASE WHEN allow_public = 1 AND $6 = 1 AND $7 = 1 AND service_code <> '' THEN 1 ELSE 0 END, \
         public_topic = $9, public_question = $10 \
         WHERE id = $8 AND answered_on IS NULL",
    )
    .bind(a.text)
    .bind(a.department)
    .bind(now)
    .bind(today.to_string())
    .bind(a.by)
    .bind(i64::from(a.publish))
    .bind(i64::from(a.faq))
    .bind(id)
    .bind(a.public_topic)
    .bind(a.public_question)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

#[derive(sqlx::FromRow)]
struct PublicRow {
    number: String,
    service_code: String,
    service_name: Option<String>,
    topic: String,
    question: String,
    asked_on: String,
    answered_on: Option<String>,
    department: String,
    answer: String,
}

// The public only ever reads the masked copies.
const PUBLIC_COLUMNS: &str =
    "c.number, c.service_code, s.name AS service_name, c.public_topic AS topic, \
     c.public_question AS question, c.asked_on, c.answered_on, c.department, c.answer";

impl From<PublicRow> for PublicQa {
    fn from(r: PublicRow) -> Self {
        PublicQa {
            number: r.number,
            service_code: r.service_code,
            service_name: r.service_name.unwrap_or_default(),
            topic: r.topic,
            question: r.question,
            asked_on: r.asked_on,
            answered_on: r.answered_on.unwrap_or_default(),
            department: r.department,
            answer: r.answer,
        }
    }
}

/// Public Q&A, newest answer first: of one service (`service`), with words
/// (`words`) in the topic, question or answer; page `page` (from 1), and
/// how many there are in all.
pub async fn public(
    db: &Db,
    service: &str,
    words: &str,
    page: u32,
) -> Result<(Vec<PublicQa>, u64), sqlx::Error> {
    let count = filtered(&format!("SELECT COUNT(*) {FROM}"), service, words);
    let (total,): (i64,) = count.query_as().fetch_one(db.pool()).await?;
    let mut list = filtered(&format!("SELECT {PUBLIC_COLUMNS} {FROM}"), service, words);
    list.push(" ORDER BY c.answered_at DESC, c.id DESC LIMIT ")
        .bind_int(i64::from(PER_PAGE))
        .push(" OFFSET ")
        .bind_int(i64::from(page.saturating_sub(1) * PER_PAGE));
    let rows: Vec<PublicRow> = list.query_as().fetch_all(db.pool()).await?;
    Ok((
        rows.into_iter().map(PublicQa::from).collect(),
        u64::try_from(total).unwrap_or(0),
    ))
}

/// `head` over the published questions of `service` (all when empty) with
/// every word of `words` in the topic, question or answer.
fn filtered(head: &str, service: &str, words: &str) -> SqlBuilder {
    let mut q = SqlBuilder::new(head);
    q.push(" WHERE c.public = 1");
    if !service.is_empty() {
        q.push(" AND c.service_code = ").bind_text(service);
    }
    // Wildcards in the words are taken literally by dropping them.
    let words: String = words.chars().filter(|c| !matches!(c, '%' | '_')).collect();
    for word in words.split_whitespace() {
        let like = format!("%{word}%");
        q.push(" AND (c.public_topic LIKE ").bind_text(like.clone());
        q.push(" OR c.public_question LIKE ")
            .bind_text(like.clone());
        q.push(" OR c.answer LIKE ").bind_text(like);
        q.push(")");
    }
    q
}

/// One published question.
pub async fn public_one(db: &Db, number: &str) -> Result<Option<PublicQa>, sqlx::Error> {
    let row: Option<PublicRow> = sqlx::query_as(&format!(
        "SELECT {PUBLIC_COLUMNS} {FROM} WHERE c.public = 1 AND c.number = $1"
    ))
    .bind(number)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(PublicQa::from))
}

/// The FAQ of service `code`: its published questions staff marked, oldest
/// first (the order they were settled in).
pub async fn faq(db: &Db, code: &str) -> Result<Vec<PublicQa>, sqlx::Error> {
    let rows: Vec<PublicRow> = sqlx::query_as(&format!(
        "SELECT {PUBLIC_COLUMNS} {FROM} WHERE c.public = 1 AND c.faq = 1 AND c.service_code = $1 \
         ORDER BY c.answered_at, c.id"
    ))
    .bind(code)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(PublicQa::from).collect())
}

/// Every published question's number and answer date (for the sitemap).
pub async fn public_numbers(db: &Db) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT number, answered_on FROM consultations WHERE public = 1 AND answered_on IS NOT NULL \
         ORDER BY id",
    )
    .fetch_all(db.pool())
    .await
}

/// Masks the published questions stored before masking existed (their
/// masked copies are empty) and indexes them again; returns how many. Run
/// right after migrating, so no unmasked question is ever served.
pub async fn mask_published(db: &Db) -> Result<u64, sqlx::Error> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, topic, question, asker FROM consultations WHERE public = 1 AND public_question = ''",
    )
    .fetch_all(db.pool())
    .await?;
    let n = rows.len() as u64;
    for (id, topic, question, asker) in rows {
        let mut tx = db.begin_write().await?;
        sqlx::query(
            "UPDATE consultations SET public_topic = $1, public_question = $2 WHERE id = $3",
        )
        .bind(super::validate::for_public(&topic, &asker))
        .bind(super::validate::for_public(&question, &asker))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    }
    if n > 0 {
        search::index_all(db).await?;
    }
    Ok(n)
}

/// Every question not yet answered, inside the caller's transaction:
/// (number, asked on).
pub async fn unanswered_in(
    conn: &mut sqlx::AnyConnection,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT number, asked_on FROM consultations WHERE answered_on IS NULL ORDER BY number",
    )
    .fetch_all(conn)
    .await
}
