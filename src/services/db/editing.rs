//! Guides kept by staff: a change (or a new service's first guide) waits
//! whole in `pending` until a reviewer who did not write it approves it;
//! each decision is a `service_reviews` row with the guide it was about.
//! Retiring takes a service out of the hall; its cases stay.

use super::save;
use crate::account::review::TextDecision;
use crate::server::db::{Backend, Db};
use crate::services::types::{Service, ServiceAdminRow, ServiceStatus};
use sqlx::AnyConnection;

/// A service as its editing page needs it.
#[derive(Debug, Clone)]
pub struct Editing {
    pub status: ServiceStatus,
    /// The public guide (None while a draft).
    pub live: Option<Service>,
    /// The guide waiting for review, with its author.
    pub pending: Option<(Service, Option<i64>)>,
    /// The reviewer's reason, when the waiting guide was returned.
    pub return_note: String,
    pub form_version: i64,
    pub position: i64,
    pub retired_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct EditingRow {
    status: ServiceStatus,
    pending: Option<String>,
    pending_by: Option<i64>,
    return_note: String,
    form_version: i64,
    position: i64,
    retired_at: Option<i64>,
}

fn guide_of(code: &str, text: &str) -> Result<Service, sqlx::Error> {
    serde_json::from_str(text)
        .map_err(|e| sqlx::Error::Decode(format!("service {code} pending guide: {e}").into()))
}

/// Service `code` as its editing page needs it, inside the caller's
/// transaction (so a decision reads what it decides on).
pub async fn editing_in(
    conn: &mut AnyConnection,
    code: &str,
) -> Result<Option<Editing>, sqlx::Error> {
    let row: Option<EditingRow> = sqlx::query_as(
        "SELECT status, pending, pending_by, return_note, form_version, position, retired_at \
         FROM services WHERE code = $1",
    )
    .bind(code)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let live = if row.status == ServiceStatus::Draft {
        None
    } else {
        super::guide_in(conn, code).await?
    };
    let pending = row
        .pending
        .as_deref()
        .map(|text| guide_of(code, text).map(|s| (s, row.pending_by)))
        .transpose()?;
    Ok(Some(Editing {
        status: row.status,
        live,
        pending,
        return_note: row.return_note,
        form_version: row.form_version,
        position: row.position,
        retired_at: row.retired_at,
    }))
}

/// Service `code` as its editing page needs it.
pub async fn editing(db: &Db, code: &str) -> Result<Option<Editing>, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    editing_in(&mut conn, code).await
}

/// Every service as 事项管理 lists it: drafts by their waiting name.
pub async fn staff_list(db: &Db) -> Result<Vec<ServiceAdminRow>, sqlx::Error> {
    type Row = (
        String,
        String,
        String,
        ServiceStatus,
        Option<String>,
        String,
        i64,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT code, name, kind, status, pending, return_note, promised_days FROM services \
         ORDER BY CASE WHEN status = 'retired' THEN 1 ELSE 0 END, position, id",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(code, name, kind, status, pending, note, promised)| {
            let waiting = pending.as_deref().and_then(|t| guide_of(&code, t).ok());
            let (name, kind, promised) = match (&waiting, status) {
                (Some(w), ServiceStatus::Draft) => {
                    (w.name.clone(), w.kind.clone(), w.promised_days)
                }
                _ => (name, kind, u32::try_from(promised).unwrap_or(0)),
            };
            ServiceAdminRow {
                code,
                name,
                kind,
                status,
                pending: pending.is_some(),
                returned: pending.is_some() && !note.is_empty(),
                promised_days: promised,
            }
        })
        .collect())
}

/// Adds service `code` as a draft whose first guide waits for review;
/// false if the code is taken.
pub async fn create_draft(
    conn: &mut AnyConnection,
    guide: &Service,
    by: Option<i64>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO services (code, name, kind, theme, audience, legal_basis, body, conditions, \
         materials, steps, fields, legal_days, promised_days, fees, place, hours, enquiry_phone, \
         complaint_phone, visits, online, position, updated_at, status, pending, pending_by) \
         VALUES ($1, '', '', '', 'both', '', '', '[]', '[]', '[]', '[]', 0, 0, '', '', '', '', '', \
         0, 0, (SELECT COALESCE(MAX(position), 0) + 1 FROM services), $2, 'draft', $3, $4) \
         ON CONFLICT (code) DO NOTHING",
    )
    .bind(&guide.code)
    .bind(now)
    .bind(serde_json::to_string(guide).unwrap_or_default())
    .bind(by)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Puts `guide` up for review as service `code`'s next guide (replacing
/// whatever waited).
pub async fn propose(
    conn: &mut AnyConnection,
    guide: &Service,
    by: Option<i64>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE services SET pending = $1, pending_by = $2, return_note = '', updated_at = $3 \
         WHERE code = $4",
    )
    .bind(serde_json::to_string(guide).unwrap_or_default())
    .bind(by)
    .bind(now)
    .bind(&guide.code)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a decision on `pending` (read in the same transaction). An
/// approval makes it the public guide (a draft enters the hall; a retired
/// service stays retired); a return keeps it waiting with the reason.
pub async fn decide(
    conn: &mut AnyConnection,
    backend: Backend,
    pending: &Service,
    position: i64,
    decision: &TextDecision<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO service_reviews (service_code, reviewer_id, reviewer_name, decision, \
         opinion, guide, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&pending.code)
    .bind(decision.reviewer_id)
    .bind(decision.reviewer_name)
    .bind(if decision.approve {
        "approved"
    } else {
        "returned"
    })
    .bind(decision.opinion)
    .bind(serde_json::to_string(pending).unwrap_or_default())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if !decision.approve {
        sqlx::query("UPDATE services SET return_note = $1, updated_at = $2 WHERE code = $3")
            .bind(decision.opinion)
            .bind(now)
            .bind(&pending.code)
            .execute(&mut *conn)
            .await?;
        return Ok(());
    }
    save(conn, backend, pending, position, now).await?;
    sqlx::query(
        "UPDATE services SET pending = NULL, pending_by = NULL, return_note = '' WHERE code = $1",
    )
    .bind(&pending.code)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records the approval of a guide published without the review step (the
/// demo's, and guides loaded by the seed tools).
pub async fn record_seed_approval(
    conn: &mut AnyConnection,
    guide: &Service,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO service_reviews (service_code, reviewer_id, reviewer_name, decision, \
         opinion, guide, created_at) VALUES ($1, NULL, '系统', 'approved', '演示数据', $2, $3)",
    )
    .bind(&guide.code)
    .bind(serde_json::to_string(guide).unwrap_or_default())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes service `code` out of the hall (`retire`) or puts it back; its
/// search entry follows. False when it was not in the state to change.
pub async fn set_retired(
    conn: &mut AnyConnection,
    backend: Backend,
    code: &str,
    retire: bool,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let (from, to, at) = if retire {
        (ServiceStatus::Published, ServiceStatus::Retired, Some(now))
    } else {
        (ServiceStatus::Retired, ServiceStatus::Published, None)
    };
    let row: Option<(i64,)> = sqlx::query_as(
        "UPDATE services SET status = $1, retired_at = $2, updated_at = $3 \
         WHERE code = $4 AND status = $5 RETURNING id",
    )
    .bind(to)
    .bind(at)
    .bind(now)
    .bind(code)
    .bind(from)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((id,)) = row else { return Ok(false) };
    if retire {
        crate::search::db::index::remove(conn, super::search::SOURCE, id).await?;
    } else {
        if let Some(s) = super::guide_in(conn, code).await? {
            super::search::sync(conn, backend, id, &s, now).await?;
        }
    }
    Ok(true)
}

/// One decision on a guide, as the editing page lists them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReviewRecord {
    pub decision: String,
    pub reviewer_name: String,
    pub opinion: String,
    pub created_at: i64,
}

/// Every decision on service `code`'s guides, newest first.
pub async fn reviews(db: &Db, code: &str) -> Result<Vec<ReviewRecord>, sqlx::Error> {
    sqlx::query_as(
        "SELECT decision, reviewer_name, opinion, created_at FROM service_reviews \
         WHERE service_code = $1 ORDER BY id DESC",
    )
    .bind(code)
    .fetch_all(db.pool())
    .await
}

/// How many form versions service `code` has had.
pub async fn form_versions(db: &Db, code: &str) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM service_forms WHERE service_code = $1")
        .bind(code)
        .fetch_one(db.pool())
        .await?;
    Ok(n)
}
