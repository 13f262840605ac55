//! Storing case handling: the handlers' list with each case's clock, a
//! decision on a case (a grant writes its licence register row in the same
//! transaction) and the applicant's resubmission after a correction.

use super::applications::Stored;
use crate::account::db::audit::Actor;
use crate::clock::{Calendar, Clock};
use crate::error::AppError;
use crate::registers::schema::Register;
use crate::server::db::Db;
use crate::services::cases::{clock, due, party_of, Action, Decision};
use crate::services::types::{CaseStatus, CaseSummary, Service};
use chrono::NaiveDate;
use std::collections::BTreeMap;
#[derive(sqlx::FromRow)]
struct CaseRow {
    number: String,
    service_code: String,
    applicant: String,
    status: CaseStatus,
    submitted_on: Option<String>,
    pauses: String,
    id: i64,
    token: String,
    query_code: Option<String>,
    answers: String,
    submitted_at: Option<i64>,
    form_version: i64,
    promised_days: Option<i64>,
}

/// Every submitted case (or only case `number`) with its clock, most
/// urgent first.
pub async fn list(
    db: &Db,
    services: &[Service],
    calendar: &Calendar,
    today: NaiveDate,
    number: Option<&str>,
) -> Result<Vec<CaseSummary>, sqlx::Error> {
    let mut q = crate::server::db::SqlBuilder::new(
        "SELECT number, service_code, applicant, status, submitted_on, pauses, id, token, query_code, \
         answers, submitted_at, form_version, promised_days FROM applications WHERE number IS NOT NULL",
    );
    if let Some(n) = number {
        q.push(" AND number = ").bind_text(n);
    }
    q.push(" ORDER BY submitted_at");
    let rows: Vec<CaseRow> = q.query_as().fetch_all(db.pool()).await?;
    let mut out: Vec<CaseSummary> = rows
        .into_iter()
        .map(|r| {
            let service = services.iter().find(|s| s.code == r.service_code);
            let open = !r.status.ended();
            let stored = Stored {
                id: r.id,
                service_code: r.service_code.clone(),
                token: r.token,
                number: Some(r.number.clone()),
                query_code: r.query_code,
                status: r.status,
                answers: r.answers,
                submitted_at: r.submitted_at,
                submitted_on: r.submitted_on.clone(),
                form_version: r.form_version,
                promised_days: r.promised_days,
            };
            let clock = service.and_then(|s| clock(&stored, &r.pauses, s.promised_days));
            let reckoned = clock
                .as_ref()
                .filter(|_| open)
                .and_then(|c| due(c, calendar, today));
            CaseSummary {
                number: r.number,
                service_name: service.map(|s| s.name.clone()).unwrap_or_default(),
                applicant: r.applicant,
                status: r.status,
                submitted_on: r.submitted_on.unwrap_or_default(),
                due_on: reckoned.map(|(d, _)| d.to_string()),
                days_left: reckoned.map(|(_, n)| n),
                paused: clock.as_ref().is_some_and(Clock::is_paused),
            }
        })
        .collect();
    out.sort_by_key(|c| (c.days_left.is_none(), c.days_left.unwrap_or(i64::MAX)));
    Ok(out)
}

/// What handling has written on case `id`: its clock's pauses (as
/// stored), the correction asked for while it waits for one, and the
/// licence register row a grant wrote.
pub struct Handling {
    pub pauses: String,
    pub correction: String,
    pub licence_row: Option<i64>,
}

/// Case `id`'s handling, in one read.
pub async fn handling(db: &Db, id: i64) -> Result<Handling, sqlx::Error> {
    let (pauses, correction, licence_row): (String, String, Option<i64>) =
        sqlx::query_as("SELECT pauses, correction, licence_row FROM applications WHERE id = $1")
            .bind(id)
            .fetch_one(db.pool())
            .await?;
    Ok(Handling {
        pauses,
        correction,
        licence_row,
    })
}

/// Who takes a step on a case, and when; and the outbox the applicant's
/// notice of it goes to.
#[derive(Clone, Copy)]
pub struct Staffed<'a> {
    pub actor: &'a Actor,
    pub outbox: &'a crate::notify::Outbox,
    /// The working-day calendar the case's stored due date is reckoned by.
    pub calendar: &'a Calendar,
    pub today: NaiveDate,
    pub now: i64,
}

/// Takes `decision` on the case; refused with a message naming the field
/// when it does not fit the case's status or lacks what it needs. A grant
/// writes the licence register row in the same transaction, and every
/// step the applicant's notice.
pub async fn act(
    db: &Db,
    stored: &Stored,
    service: &Service,
    decision: &Decision<'_>,
    by: &Staffed<'_>,
) -> Result<(), AppError> {
    let Staffed {
        actor,
        outbox,
        calendar,
        today,
        now,
    } = *by;
    let Decision {
        action,
        opinion,
        cert_no,
    } = decision;
    let opinion = opinion.trim();
    let (from, to) = action.transition();
    if !from.contains(&stored.status) {
        return Err(AppError::Conflict(format!(
            "该办件当前为“{}”，不能{}",
            stored.status.label(),
            action.label()
        )));
    }
    if action.needs_opinion() && opinion.is_empty() {
        return Err(AppError::field(
            "opinion",
            match action {
                Action::Correct => "请写明需要补正的全部内容",
                _ => "请写明理由",
            },
        ));
    }
    if opinion.chars().count() > 1000 {
        return Err(AppError::field("opinion", "意见不能超过 1000 字"));
    }
    let cert_no = cert_no.trim();
    if *action == Action::Grant && cert_no.is_empty() {
        return Err(AppError::field("cert_no", "请填写许可证书编号"));
    }
    let answers = stored.answers();
    let party = party_of(&answers);
    let mut fields = BTreeMap::new();
    if *action == Action::Grant {
        let valid_to = today
            .checked_add_months(chrono::Months::new(72))
            .unwrap_or(today);
        let number = stored.number.clone().unwrap_or_default();
        for (k, v) in [
            ("doc_name", "准予行政许可决定书".to_owned()),
            (
                "doc_no",
                format!("闽新广许〔{}〕{}号", today.format("%Y"), number),
            ),
            ("category", "普通".to_owned()),
            ("cert_name", service.name.clone()),
            ("cert_no", cert_no.to_owned()),
            (
                "content",
                format!(
                    "{}{}",
                    service.name,
                    answers
                        .get("scope")
                        .map(|s| format!("：{s}"))
                        .unwrap_or_default()
                ),
            ),
            ("decided", today.to_string()),
            ("valid_from", today.to_string()),
            ("valid_to", valid_to.to_string()),
            ("authority", service.body.clone()),
            ("status", "有效".to_owned()),
            ("party", party.name.clone()),
            ("party_kind", party.kind.to_owned()),
            ("credit_code", party.code.clone()),
        ] {
            fields.insert(k.to_owned(), v);
        }
        fields = crate::registers::validate::check(Register::Licence, &fields).map_err(|e| {
            AppError::BadRequest(format!(
                "申请内容不足以生成行政许可公示：{}",
                e.iter()
                    .map(|e| e.message.clone())
                    .collect::<Vec<_>>()
                    .join("；")
            ))
        })?;
    }
    let mut tx = db.begin_write().await?;
    let current: Option<(CaseStatus, String)> =
        sqlx::query_as("SELECT status, pauses FROM applications WHERE id = $1")
            .bind(stored.id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((status, pauses)) = current else {
        return Err(AppError::NotFound);
    };
    if status != stored.status {
        return Err(AppError::Conflict(
            "该办件刚被他人处理过，请刷新后再操作".to_owned(),
        ));
    }
    let mut list: Vec<(String, Option<String>)> = serde_json::from_str(&pauses).unwrap_or_default();
    if *action == Action::Correct {
        list.push((today.to_string(), None));
    }
    let licence_row = if *action == Action::Grant {
        let (id, _) = crate::registers::db::upsert(
            &mut tx,
            db.backend(),
            Register::Licence,
            &fields,
            actor,
            now,
        )
        .await?;
        Some(id)
    } else {
        None
    };
    sqlx::query(
        "UPDATE applications SET status = $1, pauses = $2, correction = $3, \
         licence_row = COALESCE($4, licence_row), updated_at = $5, \
         finished_on = COALESCE($7, finished_on) WHERE id = $6",
    )
    .bind(to)
    .bind(serde_json::to_string(&list).unwrap_or_else(|_| "[]".to_owned()))
    .bind(if *action == Action::Correct {
        opinion
    } else {
        ""
    })
    .bind(licence_row)
    .bind(now)
    .bind(stored.id)
    .bind(to.ended().then(|| today.to_string()))
    .execute(&mut *tx)
    .await?;
    let note = match (*action, opinion.is_empty()) {
        (Action::Grant, _) => format!(
            "许可证书编号 {cert_no}{}",
            if opinion.is_empty() {
                String::new()
            } else {
                format!("。{opinion}")
            }
        ),
        (_, true) => "—".to_owned(),
        (_, false) => opinion.to_owned(),
    };
    sqlx::query(
        "INSERT INTO application_events (application_id, at, on_date, action, actor, note) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(stored.id)
    .bind(now)
    .bind(today.to_string())
    .bind(action.label())
    .bind(&actor.shown)
    .bind(&note)
    .execute(&mut *tx)
    .await?;
    // The queue's due date: paused by a correction, gone once it ends.
    super::queue::refresh_due_in(&mut tx, calendar, stored.id).await?;
    // The applicant's notice of the step (with what to correct, or why).
    super::notices::notify(
        &mut tx,
        outbox,
        stored.id,
        action.event(),
        &note,
        &today.to_string(),
        now,
    )
    .await?;
    crate::account::db::audit::record(
        &mut tx,
        actor,
        "case.decision",
        &format!("办件 {}", stored.number.as_deref().unwrap_or_default()),
        serde_json::json!({
            "action": action.slug(),
            "status": [stored.status, to],
            "note": note,
            "licence_row": licence_row,
        }),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The applicant has corrected: the case goes back to 待受理 and its clock
/// runs again from today.
pub async fn resubmit(
    db: &Db,
    calendar: &Calendar,
    id: i64,
    today: NaiveDate,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let current: Option<(String,)> =
        sqlx::query_as("SELECT pauses FROM applications WHERE id = $1 AND status = 'correction'")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((pauses,)) = current else {
        return Ok(false);
    };
    let mut list: Vec<(String, Option<String>)> = serde_json::from_str(&pauses).unwrap_or_default();
    if let Some(last) = list.last_mut() {
        if last.1.is_none() {
            last.1 = Some(today.to_string());
        }
    }
    sqlx::query(
        "UPDATE applications SET status = 'submitted', pauses = $1, correction = '', updated_at = $2 \
         WHERE id = $3",
    )
    .bind(serde_json::to_string(&list).unwrap_or_else(|_| "[]".to_owned()))
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO application_events (application_id, at, on_date, action, actor, note) \
         VALUES ($1, $2, $3, '补正后重新提交', '申请人', '已按要求补正材料，恢复计时')",
    )
    .bind(id)
    .bind(now)
    .bind(today.to_string())
    .execute(&mut *tx)
    .await?;
    super::queue::refresh_due_in(&mut tx, calendar, id).await?;
    tx.commit().await?;
    Ok(true)
}

/// A finished case's clock as supervision reckons it.
#[derive(sqlx::FromRow)]
pub struct ClockRow {
    pub service_code: String,
    pub submitted_on: Option<String>,
    pub pauses: String,
    pub finished_on: Option<String>,
    /// The 承诺时限 promised at submission.
    pub promised_days: Option<i64>,
}

/// Every finished case's clock (or only service `only`'s).
pub async fn clocks(db: &Db, only: Option<&str>) -> Result<Vec<ClockRow>, sqlx::Error> {
    let mut q = crate::server::db::SqlBuilder::new(
        "SELECT service_code, submitted_on, pauses, finished_on, promised_days FROM applications \
         WHERE number IS NOT NULL AND finished_on IS NOT NULL",
    );
    if let Some(code) = only {
        q.push(" AND service_code = ").bind_text(code);
    }
    q.query_as().fetch_all(db.pool()).await
}

/// Per service, the cases not finished: (service code, how many, how many
/// red and yellow by their stored due dates under `bounds`).
pub async fn open_lights(
    db: &Db,
    only: Option<&str>,
    bounds: crate::clock::LightBounds,
) -> Result<Vec<(String, i64, i64, i64)>, sqlx::Error> {
    let mut q = crate::server::db::SqlBuilder::new("SELECT service_code, COUNT(*)");
    q.push_light_counts("due_on", "due_on IS NOT NULL", bounds);
    q.push(" FROM applications WHERE number IS NOT NULL AND finished_on IS NULL");
    if let Some(code) = only {
        q.push(" AND service_code = ").bind_text(code);
    }
    q.push(" GROUP BY service_code");
    q.query_as().fetch_all(db.pool()).await
}

/// Every open case's clock with the limit promised when it was submitted,
/// inside the caller's transaction: (number, submitted on, pauses, promised days).
pub async fn open_clocks_in(
    conn: &mut sqlx::AnyConnection,
) -> Result<Vec<(String, String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.number, a.submitted_on, a.pauses, COALESCE(a.promised_days, s.promised_days) \
         FROM applications a \
         JOIN services s ON s.code = a.service_code \
         WHERE a.number IS NOT NULL AND a.submitted_on IS NOT NULL AND a.finished_on IS NULL \
         ORDER BY a.number",
    )
    .fetch_all(conn)
    .await
}

/// How many applications were refused (不予许可) between `from` and `to`
/// (inclusive, `YYYY-MM-DD`): licence decisions that the licence register,
/// which lists grants, does not hold (the annual report's table 二).
pub async fn refused_between(db: &Db, from: &str, to: &str) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM applications WHERE status = $1 AND finished_on >= $2 AND finished_on <= $3",
    )
    .bind(CaseStatus::Refused.as_str())
    .bind(from)
    .bind(to)
    .fetch_one(db.pool())
    .await?;
    Ok(n)
}
