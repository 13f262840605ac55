//! The service hall's tables, and every query on them: the catalogue here
//! (a guide is saved whole; its lists — materials, steps, form fields —
//! travel as JSON beside it), applications, case handling and ratings in
//! their own files.

pub mod search;

pub mod applications;
pub mod cases;
pub mod editing;
pub mod feedback;
pub mod generate;
pub mod notices;
pub mod queue;

use super::types::{Audience, FormField, Service, ServiceStatus, ServiceSummary};
use crate::server::db::{Db, SqlBuilder};
use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
struct ServiceRow {
    code: String,
    name: String,
    kind: String,
    theme: String,
    audience: String,
    legal_basis: String,
    body: String,
    conditions: String,
    materials: String,
    steps: String,
    fields: String,
    legal_days: i64,
    promised_days: i64,
    fees: String,
    place: String,
    hours: String,
    enquiry_phone: String,
    complaint_phone: String,
    visits: i64,
    online: i64,
}

const COLUMNS: &str =
    "code, name, kind, theme, audience, legal_basis, body, conditions, materials, \
     steps, fields, legal_days, promised_days, fees, place, hours, enquiry_phone, complaint_phone, \
     visits, online";

fn days(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

impl ServiceRow {
    /// The stored guide; a row whose lists no longer parse is reported, not
    /// shown half-empty.
    fn into_service(self) -> Result<Service, sqlx::Error> {
        let json = |what: &str, text: &str| -> sqlx::Error {
            sqlx::Error::Decode(format!("service {} {what}: {text}", self.code).into())
        };
        Ok(Service {
            conditions: serde_json::from_str(&self.conditions)
                .map_err(|e| json("conditions", &e.to_string()))?,
            materials: serde_json::from_str(&self.materials)
                .map_err(|e| json("materials", &e.to_string()))?,
            steps: serde_json::from_str(&self.steps).map_err(|e| json("steps", &e.to_string()))?,
            fields: serde_json::from_str(&self.fields)
                .map_err(|e| json("fields", &e.to_string()))?,
            audience: Audience::from_slug(&self.audience).unwrap_or(Audience::Both),
            legal_days: days(self.legal_days),
            promised_days: days(self.promised_days),
            visits: days(self.visits),
            online: self.online != 0,
            code: self.code,
            name: self.name,
            kind: self.kind,
            theme: self.theme,
            legal_basis: self.legal_basis,
            body: self.body,
            fees: self.fees,
            place: self.place,
            hours: self.hours,
            enquiry_phone: self.enquiry_phone,
            complaint_phone: self.complaint_phone,
        })
    }
}

/// Every service in the hall, in catalogue order.
pub async fn list(db: &Db) -> Result<Vec<ServiceSummary>, sqlx::Error> {
    /// code, name, kind, theme, audience, promised, legal, visits, online.
    type Row = (String, String, String, String, String, i64, i64, i64, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT code, name, kind, theme, audience, promised_days, legal_days, visits, online \
         FROM services WHERE status = 'published' ORDER BY position, id",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(code, name, kind, theme, audience, promised, legal, visits, online)| ServiceSummary {
                code,
                name,
                kind,
                theme,
                audience: Audience::from_slug(&audience).unwrap_or(Audience::Both),
                promised_days: days(promised),
                legal_days: days(legal),
                visits: days(visits),
                online: online != 0,
            },
        )
        .collect())
}

/// Every service that has been in the hall — there now or retired, so
/// their cases are counted and handled — with its status, in catalogue
/// order.
pub async fn all_with_status(db: &Db) -> Result<Vec<(Service, ServiceStatus)>, sqlx::Error> {
    let rows: Vec<(ServiceStatus, ServiceRow)> = sqlx::query_as::<_, StatusRow>(&format!(
        "SELECT status, {COLUMNS} FROM services WHERE status <> 'draft' ORDER BY position, id"
    ))
    .fetch_all(db.pool())
    .await?
    .into_iter()
    .map(|r| (r.status, r.row))
    .collect();
    rows.into_iter()
        .map(|(status, row)| Ok((row.into_service()?, status)))
        .collect()
}

/// Every service that has been in the hall (see `all_with_status`).
pub async fn all(db: &Db) -> Result<Vec<Service>, sqlx::Error> {
    Ok(all_with_status(db)
        .await?
        .into_iter()
        .map(|(s, _)| s)
        .collect())
}

#[derive(sqlx::FromRow)]
struct StatusRow {
    status: ServiceStatus,
    #[sqlx(flatten)]
    row: ServiceRow,
}

/// One service's whole guide, while it is in the hall.
pub async fn get(db: &Db, code: &str) -> Result<Option<Service>, sqlx::Error> {
    Ok(get_any(db, code)
        .await?
        .filter(|(_, status)| *status == ServiceStatus::Published)
        .map(|(s, _)| s))
}

/// One service's whole guide and status, in the hall or retired (never a
/// draft nobody approved).
pub async fn get_any(db: &Db, code: &str) -> Result<Option<(Service, ServiceStatus)>, sqlx::Error> {
    let row: Option<StatusRow> = sqlx::query_as(&format!(
        "SELECT status, {COLUMNS} FROM services WHERE code = $1 AND status <> 'draft'"
    ))
    .bind(code)
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| Ok((r.row.into_service()?, r.status)))
        .transpose()
}

/// Service `code`'s public columns as a guide (whatever its status),
/// inside the caller's transaction.
pub(super) async fn guide_in(
    conn: &mut AnyConnection,
    code: &str,
) -> Result<Option<Service>, sqlx::Error> {
    let row: Option<ServiceRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM services WHERE code = $1"))
            .bind(code)
            .fetch_optional(conn)
            .await?;
    row.map(ServiceRow::into_service).transpose()
}

/// The fields of version `version` of service `code`'s application form.
pub async fn form_fields(
    db: &Db,
    code: &str,
    version: i64,
) -> Result<Option<Vec<FormField>>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT fields FROM service_forms WHERE service_code = $1 AND version = $2")
            .bind(code)
            .bind(version)
            .fetch_optional(db.pool())
            .await?;
    row.map(|(text,)| {
        serde_json::from_str(&text)
            .map_err(|e| sqlx::Error::Decode(format!("service {code} form {version}: {e}").into()))
    })
    .transpose()
}

/// The service an application was made to, with the application form as
/// it was when the application started (a form changed since never breaks
/// it), and whether the service is still in the hall.
pub async fn as_applied(
    db: &Db,
    stored: &applications::Stored,
) -> Result<Option<(Service, ServiceStatus)>, sqlx::Error> {
    let Some((mut service, status)) = get_any(db, &stored.service_code).await? else {
        return Ok(None);
    };
    if let Some(fields) = form_fields(db, &service.code, stored.form_version).await? {
        service.fields = fields;
    }
    Ok(Some((service, status)))
}

/// Makes `s` the public guide of its service — adding the service, or
/// publishing a draft, or replacing the guide of one in the hall or
/// retired (which stays retired) — and brings its search entry in line.
/// A changed application form becomes a new form version; applications
/// already started keep theirs. Returns its id. Callers record the
/// approval that allows it in the same transaction.
pub async fn save(
    conn: &mut AnyConnection,
    backend: crate::server::db::Backend,
    s: &Service,
    position: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let fields = json(&s.fields);
    let before: Option<(String, i64, ServiceStatus)> =
        sqlx::query_as("SELECT fields, form_version, status FROM services WHERE code = $1")
            .bind(&s.code)
            .fetch_optional(&mut *conn)
            .await?;
    let version = match &before {
        Some((old, v, status)) if *status == ServiceStatus::Draft || *old == fields => *v,
        Some((_, v, _)) => v + 1,
        None => 1,
    };
    let mut q = SqlBuilder::new(&format!(
        "INSERT INTO services ({COLUMNS}, position, updated_at, form_version) VALUES ("
    ));
    q.bind_text(s.code.clone())
        .push(", ")
        .bind_text(s.name.clone())
        .push(", ")
        .bind_text(s.kind.clone())
        .push(", ")
        .bind_text(s.theme.clone())
        .push(", ")
        .bind_text(s.audience.slug())
        .push(", ")
        .bind_text(s.legal_basis.clone())
        .push(", ")
        .bind_text(s.body.clone())
        .push(", ")
        .bind_text(json(&s.conditions))
        .push(", ")
        .bind_text(json(&s.materials))
        .push(", ")
        .bind_text(json(&s.steps))
        .push(", ")
        .bind_text(fields.clone())
        .push(", ")
        .bind_int(i64::from(s.legal_days))
        .push(", ")
        .bind_int(i64::from(s.promised_days))
        .push(", ")
        .bind_text(s.fees.clone())
        .push(", ")
        .bind_text(s.place.clone())
        .push(", ")
        .bind_text(s.hours.clone())
        .push(", ")
        .bind_text(s.enquiry_phone.clone())
        .push(", ")
        .bind_text(s.complaint_phone.clone())
        .push(", ")
        .bind_int(i64::from(s.visits))
        .push(", ")
        .bind_int(i64::from(s.online))
        .push(", ")
        .bind_int(position)
        .push(", ")
        .bind_int(now)
        .push(", ")
        .bind_int(version)
        .push(
            ") ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, \
             theme = excluded.theme, audience = excluded.audience, legal_basis = excluded.legal_basis, \
             body = excluded.body, conditions = excluded.conditions, materials = excluded.materials, \
             steps = excluded.steps, fields = excluded.fields, legal_days = excluded.legal_days, \
             promised_days = excluded.promised_days, fees = excluded.fees, place = excluded.place, \
             hours = excluded.hours, enquiry_phone = excluded.enquiry_phone, \
             complaint_phone = excluded.complaint_phone, visits = excluded.visits, \
             online = excluded.online, position = excluded.position, updated_at = excluded.updated_at, \
             form_version = excluded.form_version, \
             status = CASE WHEN services.status = 'draft' THEN 'published' ELSE services.status END \
             RETURNING id, status",
        );
    let (id, status): (i64, ServiceStatus) = q.query_as().fetch_one(&mut *conn).await?;
    sqlx::query(
        "INSERT INTO service_forms (service_code, version, fields, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (service_code, version) DO NOTHING",
    )
    .bind(&s.code)
    .bind(version)
    .bind(&fields)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if status == ServiceStatus::Published {
        search::sync(conn, backend, id, s, now).await?;
    }
    Ok(id)
}

/// A list as JSON text. Serialising plain data cannot fail; an empty list
/// stands in if it ever did.
fn json<T: serde::Serialize>(v: &[T]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".to_owned())
}
