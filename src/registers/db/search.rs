//! Register rows in the site search: the masked copy only, present while the
//! row is public (not withdrawn, within its 公示期).

use crate::registers::schema::Register;
use crate::registers::validate::{display, Fields};
use crate::search::db::index::{remove, upsert_many, BulkWriter, SearchDoc};
use crate::server::db::{Backend, Db};
use crate::ui::format::unix_at;
use chrono::{NaiveDate, NaiveTime};
use sqlx::AnyConnection;

pub const SOURCE: &str = "register";

#[derive(sqlx::FromRow)]
struct Text {
    id: i64,
    register: String,
    public_fields: String,
    decided_on: String,
    public_until: String,
    withdrawn_at: Option<i64>,
    created_at: i64,
}

const TEXT: &str =
    "SELECT id, register, public_fields, decided_on, public_until, withdrawn_at, created_at FROM register_rows";

fn doc(t: Text) -> Option<SearchDoc> {
    let register = Register::from_slug(&t.register)?;
    let fields: Fields = serde_json::from_str(&t.public_fields).ok()?;
    // Budget lines are figures, found through the budget pages; only their
    // explanatory texts are worth a search result.
    if register == Register::Budget && fields.get("system").map(String::as_str) != Some("说明") {
        return None;
    }
    let c = register.columns();
    let title = fields.get(c.title).cloned().unwrap_or_default();
    let body = register
        .fields()
        .iter()
        .filter(|f| f.key != c.title)
        .filter_map(|f| {
            let v = fields.get(f.key)?;
            (!v.is_empty()).then(|| format!("{}：{}", f.label, display(f.kind, v)))
        })
        .collect::<Vec<_>>()
        .join("；");
    let published_at = NaiveDate::parse_from_str(&t.decided_on, "%Y-%m-%d")
        .map(|d| unix_at(d, NaiveTime::MIN))
        .unwrap_or(t.created_at);
    Some(SearchDoc {
        source: SOURCE,
        source_id: t.id,
        kind: "register".to_owned(),
        title: format!("{}：{title}", register.label()),
        body,
        url: format!("/registers/{}/{}", register.slug(), t.id),
        published_at,
    })
}

fn is_public(t: &Text, today: &str) -> bool {
    t.withdrawn_at.is_none() && (t.public_until.is_empty() || t.public_until.as_str() >= today)
}

fn today() -> String {
    crate::ui::format::iso_date(crate::ui::format::now())
}

/// Brings row `id`'s search entry in line with it.
pub async fn sync(conn: &mut AnyConnection, backend: Backend, id: i64) -> Result<(), sqlx::Error> {
    let row: Option<Text> = sqlx::query_as(&format!("{TEXT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    match row.filter(|t| is_public(t, &today())).and_then(doc) {
        Some(d) => upsert_many(conn, backend, std::slice::from_ref(&d)).await,
        None => remove(conn, SOURCE, id).await.map(drop),
    }
}

/// Indexes rows `ids` (those public among them), as a bulk writer such as
/// the scale-test generator does in its transaction.
pub async fn sync_rows(
    conn: &mut AnyConnection,
    backend: Backend,
    ids: &[i64],
) -> Result<(), sqlx::Error> {
    if ids.is_empty() {
        return Ok(());
    }
    let today = today();
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    let rows: Vec<Text> = sqlx::query_as(&format!("{TEXT} WHERE id IN ({})", list.join(", ")))
        .fetch_all(&mut *conn)
        .await?;
    let docs: Vec<SearchDoc> = rows
        .into_iter()
        .filter(|t| is_public(t, &today))
        .filter_map(doc)
        .collect();
    upsert_many(&mut *conn, backend, &docs).await?;
    Ok(())
}

/// Indexes every public row (a full reindex); returns how many.
pub async fn index_all(db: &Db) -> Result<u64, sqlx::Error> {
    let today = today();
    let mut last = 0;
    let mut done = 0;
    let mut writer = BulkWriter::new(db);
    loop {
        let rows: Vec<Text> =
            sqlx::query_as(&format!("{TEXT} WHERE id > $1 ORDER BY id LIMIT 500"))
                .bind(last)
                .fetch_all(db.pool())
                .await?;
        let Some(max) = rows.last().map(|r| r.id) else {
            break;
        };
        last = max;
        let docs: Vec<SearchDoc> = rows
            .into_iter()
            .filter(|t| is_public(t, &today))
            .filter_map(doc)
            .collect();
        done += docs.len() as u64;
        writer.push(docs).await?;
    }
    writer.finish().await?;
    Ok(done)
}

/// Drops rows whose 公示期 has ended from the search index; returns how many.
pub async fn drop_expired(db: &Db) -> Result<u64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let expired: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM register_rows WHERE public_until <> '' AND public_until < $1",
    )
    .bind(today())
    .fetch_all(&mut *tx)
    .await?;
    let mut n = 0;
    for (id,) in expired {
        n += remove(&mut tx, SOURCE, id).await?;
    }
    tx.commit().await?;
    Ok(n)
}
