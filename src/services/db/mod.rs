//! The service hall's tables, and every query on them: the catalogue here
//! (a guide is saved whole; its lists — materials, steps, form fields —
//! travel as JSON beside it), applications, case handling and ratings in
//! their own files.

pub mod search;

pub mod applications;
pub mod cases;
pub mod feedback;

use super::types::{Audience, Service, ServiceSummary};
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

/// Every service, in catalogue order.
pub async fn list(db: &Db) -> Result<Vec<ServiceSummary>, sqlx::Error> {
    /// code, name, kind, theme, audience, promised, legal, visits, online.
    type Row = (String, String, String, String, String, i64, i64, i64, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT code, name, kind, theme, audience, promised_days, legal_days, visits, online \
         FROM services ORDER BY position, id",
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

/// Every service's whole guide, in catalogue order.
pub async fn all(db: &Db) -> Result<Vec<Service>, sqlx::Error> {
    let rows: Vec<ServiceRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM services ORDER BY position, id"
    ))
    .fetch_all(db.pool())
    .await?;
    rows.into_iter().map(ServiceRow::into_service).collect()
}

/// One service's whole guide.
pub async fn get(db: &Db, code: &str) -> Result<Option<Service>, sqlx::Error> {
    let row: Option<ServiceRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM services WHERE code = $1"))
            .bind(code)
            .fetch_optional(db.pool())
            .await?;
    row.map(ServiceRow::into_service).transpose()
}

/// Adds a service or replaces the one with its code, and brings its search
/// entry in line. Returns its id.
pub async fn save(
    conn: &mut AnyConnection,
    backend: crate::server::db::Backend,
    s: &Service,
    position: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let mut q = SqlBuilder::new(&format!(
        "INSERT INTO services ({COLUMNS}, position, updated_at) VALUES ("
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
        .bind_text(json(&s.fields))
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
        .push(
            ") ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, \
             theme = excluded.theme, audience = excluded.audience, legal_basis = excluded.legal_basis, \
             body = excluded.body, conditions = excluded.conditions, materials = excluded.materials, \
             steps = excluded.steps, fields = excluded.fields, legal_days = excluded.legal_days, \
             promised_days = excluded.promised_days, fees = excluded.fees, place = excluded.place, \
             hours = excluded.hours, enquiry_phone = excluded.enquiry_phone, \
             complaint_phone = excluded.complaint_phone, visits = excluded.visits, \
             online = excluded.online, position = excluded.position, updated_at = excluded.updated_at \
             RETURNING id",
        );
    let (id,): (i64,) = q.query_as().fetch_one(&mut *conn).await?;
    search::sync(conn, backend, id, s, now).await?;
    Ok(id)
}

/// A list as JSON text. Serialising plain data cannot fail; an empty list
/// stands in if it ever did.
fn json<T: serde::Serialize>(v: &[T]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".to_owned())
}
