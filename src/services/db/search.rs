//! Services in the site search: the guide's name, basis, conditions,
//! materials and steps, so a search for 出版物经营许可 finds the service.

use crate::search::db::index::{upsert_many, SearchDoc};
use crate::server::db::{Backend, Db};
use crate::services::types::Service;
use sqlx::AnyConnection;

pub const SOURCE: &str = "service";

fn doc(id: i64, s: &Service, now: i64) -> SearchDoc {
    let materials = s
        .materials
        .iter()
        .map(|m| m.name.as_str())
        .collect::<Vec<_>>()
        .join("、");
    let steps = s
        .steps
        .iter()
        .map(|st| st.name.as_str())
        .collect::<Vec<_>>()
        .join("、");
    SearchDoc {
        source: SOURCE,
        source_id: id,
        kind: "service".to_owned(),
        title: s.name.clone(),
        body: format!(
            "{}（{}），实施机关：{}。设定依据：{} 受理条件：{} 申请材料：{}。办理流程：{}。承诺时限 {} 个工作日。",
            s.kind,
            s.code,
            s.body,
            s.legal_basis,
            s.conditions.join(" "),
            materials,
            steps,
            s.promised_days
        ),
        url: format!("/services/{}", s.code),
        published_at: now,
    }
}

/// Brings service `id`'s search entry in line with its guide.
pub async fn sync(
    conn: &mut AnyConnection,
    backend: Backend,
    id: i64,
    s: &Service,
    now: i64,
) -> Result<(), sqlx::Error> {
    upsert_many(conn, backend, std::slice::from_ref(&doc(id, s, now))).await
}

/// Indexes every service (for a reindex); returns how many.
pub async fn index_all(db: &Db) -> Result<u64, sqlx::Error> {
    let rows: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT id, code, updated_at FROM services ORDER BY id")
            .fetch_all(db.pool())
            .await?;
    let mut docs = Vec::with_capacity(rows.len());
    for (id, code, updated_at) in rows {
        if let Some(s) = super::get(db, &code).await? {
            docs.push(doc(id, &s, updated_at));
        }
    }
    let mut tx = db.begin_write().await?;
    upsert_many(&mut tx, db.backend(), &docs).await?;
    tx.commit().await?;
    Ok(docs.len() as u64)
}
