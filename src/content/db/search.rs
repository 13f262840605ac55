//! Items and special topics in the site search: present while public,
//! gone otherwise. Publishing, withdrawing and saving call `sync_*` in their
//! transaction; a full reindex calls `index_all`.

use crate::content::types::PublicationStatus;
use crate::search::db::index::{plain_text, remove, upsert, upsert_many, BulkWriter, SearchDoc};
use crate::server::db::{Backend, Db};
use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
struct ArticleText {
    id: i64,
    kind: String,
    title: String,
    summary: String,
    body_md: String,
    doc_no: String,
    index_no: Option<String>,
    published_at: i64,
    public: i64,
}

fn article_doc(a: ArticleText) -> SearchDoc {
    let mut body = String::new();
    for part in [&a.doc_no, &a.summary] {
        if !part.is_empty() {
            body.push_str(part);
            body.push(' ');
        }
    }
    if let Some(n) = &a.index_no {
        body.push_str(n);
        body.push(' ');
    }
    body.push_str(&plain_text(&a.body_md));
    SearchDoc {
        source: "article",
        source_id: a.id,
        kind: a.kind,
        title: a.title,
        body,
        url: format!("/articles/{}", a.id),
        published_at: a.published_at,
    }
}

const ARTICLE_TEXT: &str = "SELECT id, kind, title, summary, body_md, doc_no, index_no, published_at, \
     CASE WHEN status = 'published' AND disclosure = 'active' THEN 1 ELSE 0 END AS public FROM articles";

/// Brings item `id`'s entry in line with it: indexed while public, gone otherwise.
pub async fn sync_article(
    conn: &mut AnyConnection,
    backend: Backend,
    id: i64,
) -> Result<(), sqlx::Error> {
    let row: Option<ArticleText> = sqlx::query_as(&format!("{ARTICLE_TEXT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(a) if a.public == 1 => upsert(conn, backend, &article_doc(a)).await,
        _ => remove(conn, "article", id).await.map(drop),
    }
}

/// Indexes items `ids` (those public among them) in one statement, as a
/// bulk writer such as the scale-test generator does in its transaction.
pub async fn sync_articles(
    conn: &mut AnyConnection,
    backend: Backend,
    ids: &[i64],
) -> Result<(), sqlx::Error> {
    if ids.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    let rows: Vec<ArticleText> =
        sqlx::query_as(&format!("{ARTICLE_TEXT} WHERE id IN ({})", list.join(", ")))
            .fetch_all(&mut *conn)
            .await?;
    let docs: Vec<SearchDoc> = rows
        .into_iter()
        .filter(|a| a.public == 1)
        .map(article_doc)
        .collect();
    upsert_many(&mut *conn, backend, &docs).await?;
    Ok(())
}

/// Brings a special topic's entry in line with it.
pub async fn sync_topic(
    conn: &mut AnyConnection,
    backend: Backend,
    id: i64,
) -> Result<(), sqlx::Error> {
    let row: Option<(String, String, String, String, i64, PublicationStatus)> = sqlx::query_as(
        "SELECT slug, title, summary, body_md, published_at, status FROM topics WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some((slug, title, summary, body, at, PublicationStatus::Published)) => {
            let doc = SearchDoc {
                source: "topic",
                source_id: id,
                kind: "topic".to_owned(),
                title,
                body: format!("{summary} {}", plain_text(&body)),
                url: format!("/topics/{slug}"),
                published_at: at,
            };
            upsert(conn, backend, &doc).await
        }
        _ => remove(conn, "topic", id).await.map(drop),
    }
}

/// Indexes every public item and topic; calls `progress(done, total)` as
/// it goes through the items. Returns how many documents it wrote.
pub async fn index_all(db: &Db, progress: impl Fn(u64, u64)) -> Result<u64, sqlx::Error> {
    let (total,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM articles WHERE status = 'published' AND disclosure = 'active'",
    )
    .fetch_one(db.pool())
    .await?;
    let total = total as u64;
    let mut done = 0;
    let mut last = 0;
    let mut writer = BulkWriter::new(db);
    loop {
        let rows: Vec<ArticleText> = sqlx::query_as(&format!(
            "{ARTICLE_TEXT} WHERE status = 'published' AND disclosure = 'active' AND id > $1 ORDER BY id LIMIT 500"
        ))
        .bind(last)
        .fetch_all(db.pool())
        .await?;
        let Some(max) = rows.last().map(|r| r.id) else {
            break;
        };
        last = max;
        let n = rows.len() as u64;
        let docs: Vec<SearchDoc> = rows.into_iter().map(article_doc).collect();
        writer.push(docs).await?;
        done += n;
        progress(done, total);
    }
    writer.finish().await?;
    let topics: Vec<(i64,)> = sqlx::query_as("SELECT id FROM topics WHERE status = 'published'")
        .fetch_all(db.pool())
        .await?;
    let mut tx = db.begin_write().await?;
    for (id,) in &topics {
        sync_topic(&mut tx, db.backend(), *id).await?;
    }
    tx.commit().await?;
    Ok(done + topics.len() as u64)
}
