//! The notices a case's applicant is sent, written through the outbox in
//! the transaction of the step they tell of.

use crate::notify::db::{enqueue, Notice};
use crate::notify::templates::Vars;
use crate::notify::types::Event;
use crate::notify::{Outbox, Subject};
use sqlx::AnyConnection;
use std::collections::BTreeMap;

/// The answers that hold the applicant's contacts (a mobile number gets
/// SMS, an e-mail address e-mail; a landline neither).
pub const CONTACT_FIELDS: [&str; 3] = ["phone", "mobile", "email"];

/// The contacts notices go to, from an application's answers.
pub fn contacts(answers: &BTreeMap<String, String>) -> Vec<String> {
    CONTACT_FIELDS
        .iter()
        .filter_map(|k| answers.get(*k))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

#[derive(sqlx::FromRow)]
struct CaseContact {
    number: Option<String>,
    query_code: Option<String>,
    answers: String,
    service: Option<String>,
}

/// Writes case `id`'s notice of `event` (with `opinion`: what to correct,
/// the reason, the follow-up) on `on` (YYYY-MM-DD), inside `conn`'s
/// transaction. Nothing is written when no channel is on or the applicant
/// gave no contact a channel reaches.
pub async fn notify(
    conn: &mut AnyConnection,
    outbox: &Outbox,
    id: i64,
    event: Event,
    opinion: &str,
    on: &str,
    now: i64,
) -> Result<usize, sqlx::Error> {
    if !outbox.any() {
        return Ok(0);
    }
    let row: Option<CaseContact> = sqlx::query_as(
        "SELECT a.number, a.query_code, a.answers, s.name AS service FROM applications a \
         LEFT JOIN services s ON s.code = a.service_code WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(CaseContact {
        number: Some(number),
        query_code: code,
        answers,
        service,
    }) = row
    else {
        return Ok(0);
    };
    let answers: BTreeMap<String, String> = serde_json::from_str(&answers).unwrap_or_default();
    let contacts = contacts(&answers);
    let contacts: Vec<&str> = contacts.iter().map(String::as_str).collect();
    enqueue(
        conn,
        outbox,
        Notice {
            subject: Subject::Case,
            number: &number,
            event,
            contacts: &contacts,
            vars: Vars {
                code,
                matter: service.unwrap_or_default(),
                date: crate::ui::format::date_zh(on),
                opinion: opinion.to_owned(),
                ..Vars::default()
            },
        },
        now,
    )
    .await
}
