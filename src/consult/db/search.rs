//! Published questions in the site search, so a search for 出版物经营许可
//! also finds what others asked about it and the bureau's answer.

use crate::consult::types::PublicQa;
use crate::search::db::index::{upsert_many, SearchDoc};
use crate::server::db::{Backend, Db};
use sqlx::AnyConnection;

pub const SOURCE: &str = "consult";

fn doc(id: i64, qa: &PublicQa, answered_at: i64) -> SearchDoc {
    SearchDoc {
        source: SOURCE,
        source_id: id,
        kind: "consult".to_owned(),
        title: qa.topic.clone(),
        body: format!(
            "问：{} 答：{}（{}{}答复）",
            qa.question,
            qa.answer,
            qa.department,
            if qa.service_name.is_empty() {
                String::new()
            } else {
                format!("，所涉事项：{}", qa.service_name)
            }
        ),
        url: format!("/consult/{}", qa.number),
        published_at: answered_at,
    }
}

/// Puts published question `id` in the search.
pub async fn sync(
    conn: &mut AnyConnection,
    backend: Backend,
    id: i64,
    qa: &PublicQa,
    answered_at: i64,
) -> Result<(), sqlx::Error> {
    upsert_many(
        conn,
        backend,
        std::slice::from_ref(&doc(id, qa, answered_at)),
    )
    .await
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    answered_at: i64,
    number: String,
}

/// Indexes every published question (for a reindex); returns how many.
pub async fn index_all(db: &Db) -> Result<u64, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, answered_at, number FROM consultations WHERE public = 1 AND answered_at IS NOT NULL \
         ORDER BY id",
    )
    .fetch_all(db.pool())
    .await?;
    let mut docs = Vec::with_capacity(rows.len());
    for r in rows {
        if let Some(qa) = super::public_one(db, &r.number).await? {
            docs.push(doc(r.id, &qa, r.answered_at));
        }
    }
    let mut tx = db.begin_write().await?;
    upsert_many(&mut tx, db.backend(), &docs).await?;
    tx.commit().await?;
    Ok(docs.len() as u64)
}
