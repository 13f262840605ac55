//! Storing applications: drafts reached by their private link, answers and
//! files saved step by step, and submission, which gives the 受理编号 and
//! 查询码 in the transaction that stores the application.

use crate::server::db::Db;
use crate::server::secret::{code_matches, query_code, random_hex};
use crate::services::types::{CaseEvent, UploadedFile};
use std::collections::BTreeMap;

/// A stored application (the secrets stay server-side until shown on purpose).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Stored {
    pub id: i64,
    pub service_code: String,
    pub token: String,
    pub number: Option<String>,
    pub query_code: Option<String>,
    pub status: crate::services::types::CaseStatus,
    pub answers: String,
    pub submitted_at: Option<i64>,
    pub submitted_on: Option<String>,
    /// The version of the service's application form it was started on.
    pub form_version: i64,
    /// The 承诺时限 (working days) promised when it was submitted.
    pub promised_days: Option<i64>,
}

impl Stored {
    pub fn answers(&self) -> BTreeMap<String, String> {
        serde_json::from_str(&self.answers).unwrap_or_default()
    }
}

const COLUMNS: &str =
    "id, service_code, token, number, query_code, status, answers, submitted_at, submitted_on, \
     form_version, promised_days";

/// Starts a draft for `service_code` on its current application form;
/// returns its private token.
pub async fn create(db: &Db, service_code: &str, now: i64) -> Result<String, sqlx::Error> {
    let token = random_hex(16);
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO applications (service_code, token, status, answers, created_at, updated_at, \
         form_version) VALUES ($1, $2, 'draft', '{}', $3, $3, \
         (SELECT form_version FROM services WHERE code = $1))",
    )
    .bind(service_code)
    .bind(&token)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

pub async fn by_token(db: &Db, token: &str) -> Result<Option<Stored>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM applications WHERE token = $1"
    ))
    .bind(token)
    .fetch_optional(db.pool())
    .await
}

pub async fn by_number(db: &Db, number: &str) -> Result<Option<Stored>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM applications WHERE number = $1"
    ))
    .bind(number)
    .fetch_optional(db.pool())
    .await
}

/// The case numbered `number` if `code` is its query code. A wrong code is
/// counted against the number; once too many were tried within the hour
/// the number answers None to everyone, right code or not
/// ([`crate::server::limit::WRONG_CODES_PER_NUMBER`]).
pub async fn by_number_and_code(
    db: &Db,
    number: &str,
    code: &str,
    now: i64,
) -> Result<Option<Stored>, sqlx::Error> {
    use crate::server::limit::{count_wrong_code, number_closed};
    if number_closed(db, "case", number, now).await? {
        return Ok(None);
    }
    match by_number(db, number).await? {
        Some(s) if code_matches(s.query_code.as_deref(), code) => Ok(Some(s)),
        Some(_) => {
            count_wrong_code(db, "case", number, now).await?;
            Ok(None)
        }
        None => Ok(None),
    }
}

pub async fn files(db: &Db, id: i64) -> Result<Vec<UploadedFile>, sqlx::Error> {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT field, file_name, content_type, size FROM application_files \
         WHERE application_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(field, file_name, content_type, size)| UploadedFile {
            field,
            file_name,
            content_type,
            size,
        })
        .collect())
}

pub async fn events(db: &Db, id: i64) -> Result<Vec<CaseEvent>, sqlx::Error> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT on_date, action, actor, note FROM application_events \
         WHERE application_id = $1 ORDER BY at, id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(on_date, action, actor, note)| CaseEvent {
            on_date,
            action,
            actor,
            note,
        })
        .collect())
}

/// A new upload for the draft's `field` (replacing an earlier one).
pub struct NewFile {
    pub field: String,
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// Saves a draft's answers (merged into what it had) and files, in one
/// transaction. Only drafts, and cases sent back for correction, change;
/// returns false for anything else.
pub async fn save_draft(
    db: &Db,
    id: i64,
    answers: &BTreeMap<String, String>,
    new_files: Vec<NewFile>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let current: Option<(String,)> = sqlx::query_as(
        "SELECT answers FROM applications WHERE id = $1 AND status IN ('draft', 'correction')",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((current,)) = current else {
        return Ok(false);
    };
    let mut merged: BTreeMap<String, String> = serde_json::from_str(&current).unwrap_or_default();
    merged.extend(answers.iter().map(|(k, v)| (k.clone(), v.clone())));
    let json = serde_json::to_string(&merged).unwrap_or_else(|_| "{}".to_owned());
    sqlx::query("UPDATE applications SET answers = $1, updated_at = $2 WHERE id = $3")
        .bind(json)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for f in new_files {
        sqlx::query("DELETE FROM application_files WHERE application_id = $1 AND field = $2")
            .bind(id)
            .bind(&f.field)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO application_files (application_id, field, file_name, content_type, size, data, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(&f.field)
        .bind(&f.file_name)
        .bind(f.content_type)
        .bind(f.bytes.len() as i64)
        .bind(f.bytes)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Submits a draft: its 受理编号 (from its id, so two can never share one)
/// and 查询码 are written in the same transaction as its status, and so is
/// the notice that tells the applicant both. Returns
/// the number, or None when it was no longer a draft.
pub async fn submit(
    db: &Db,
    outbox: &crate::notify::Outbox,
    calendar: &crate::clock::Calendar,
    id: i64,
    applicant: &str,
    today: &str,
    now: i64,
) -> Result<Option<String>, sqlx::Error> {
    let number = format!("XW{}{id:06}", today.replace('-', ""));
    let mut tx = db.begin_write().await?;
    let done = sqlx::query(
        "UPDATE applications SET status = 'submitted', number = $1, query_code = $2, applicant = $3, \
         submitted_at = $4, submitted_on = $5, updated_at = $4, \
         promised_days = (SELECT s.promised_days FROM services s WHERE s.code = applications.service_code) \
         WHERE id = $6 AND status = 'draft'",
    )
    .bind(&number)
    .bind(query_code())
    .bind(applicant)
    .bind(now)
    .bind(today)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(None);
    }
    sqlx::query(
        "INSERT INTO application_events (application_id, at, on_date, action, actor, note) \
         VALUES ($1, $2, $3, '提交申请', '申请人', '网上提交，等待窗口受理')",
    )
    .bind(id)
    .bind(now)
    .bind(today)
    .execute(&mut *tx)
    .await?;
    // The queue's due date, from today's clock.
    super::queue::refresh_due_in(&mut tx, calendar, id).await?;
    // The applicant is told the number and code, in the same transaction.
    super::notices::notify(
        &mut tx,
        outbox,
        id,
        crate::notify::types::Event::CaseSubmitted,
        "",
        today,
        now,
    )
    .await?;
    // The hall's public figures (办件量, 满意率) count it.
    crate::server::cache::bump(&mut tx).await?;
    tx.commit().await?;
    Ok(Some(number))
}

/// The file an applicant uploaded for `field` of case `number` (name,
/// type, bytes), read by staff: the read and its audit entry commit
/// together, so no file leaves unrecorded.
pub async fn read_file(
    db: &Db,
    actor: &crate::account::db::audit::Actor,
    number: &str,
    field: &str,
    now: i64,
) -> Result<Option<(String, String, Vec<u8>)>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let row: Option<(String, String, Vec<u8>)> = sqlx::query_as(
        "SELECT f.file_name, f.content_type, f.data FROM application_files f \
         JOIN applications a ON a.id = f.application_id WHERE a.number = $1 AND f.field = $2",
    )
    .bind(number)
    .bind(field)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((name, _, data)) = &row {
        crate::account::db::audit::record(
            &mut tx,
            actor,
            "case.file_read",
            &format!("办件 {number}"),
            serde_json::json!({ "field": field, "file": name, "bytes": data.len() }),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(row)
}
