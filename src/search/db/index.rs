//! Keeping the index true: every change that makes an item public, or not,
//! updates `search_docs` in the same transaction, so a published item is
//! searchable as soon as it is, and a withdrawn one is gone at once.

use crate::search::segment::index_tokens;
use crate::server::db::{Backend, Db, SqlBuilder};
use sqlx::AnyConnection;

/// One searchable thing.
#[derive(Debug, Clone)]
pub struct SearchDoc {
    pub source: &'static str,
    pub source_id: i64,
    pub kind: String,
    pub title: String,
    /// Plain text, for snippets.
    pub body: String,
    pub url: String,
    pub published_at: i64,
}

/// Longest body kept for snippets and indexing, in characters.
const BODY_CHARS: usize = 20_000;

/// Markdown → plain text (for snippets and segmentation).
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => out.push(' '),
            _ => {}
        }
    }
    let collapsed: String = out.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.chars().take(BODY_CHARS).collect()
}

/// PostgreSQL's tsvector, written out: every word with its positions, title
/// words weighted A and body words D. Written by hand so no text-search
/// parser or dictionary (whose handling of Chinese depends on the server's
/// locale) comes between our segmentation and the index.
pub fn tsvector_literal(title_tokens: &str, body_tokens: &str) -> String {
    use std::collections::BTreeMap;
    // PostgreSQL keeps positions up to 16,383 and at most 256 per word.
    const MAX_POSITION: usize = 16_383;
    let mut words: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let tokens = title_tokens
        .split(' ')
        .map(|t| (t, 'A'))
        .chain(body_tokens.split(' ').map(|t| (t, 'D')))
        .filter(|(t, _)| !t.is_empty());
    for (i, (token, weight)) in tokens.enumerate() {
        let positions = words.entry(token).or_default();
        if positions.len() < 256 {
            positions.push(format!("{}{weight}", (i + 1).min(MAX_POSITION)));
        }
    }
    words
        .into_iter()
        .map(|(w, p)| {
            format!(
                "'{}':{}",
                w.replace('\\', "\\\\").replace('\'', "''"),
                p.join(",")
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Adds or replaces a document.
pub async fn upsert(
    conn: &mut AnyConnection,
    backend: Backend,
    doc: &SearchDoc,
) -> Result<(), sqlx::Error> {
    upsert_many(conn, backend, std::slice::from_ref(doc)).await
}

/// Documents written per statement (well within both engines' limits on
/// bound parameters).
const PER_STATEMENT: usize = 100;

/// Adds or replaces documents, [`PER_STATEMENT`] to a statement, in the
/// caller's transaction.
pub async fn upsert_many(
    conn: &mut AnyConnection,
    backend: Backend,
    docs: &[SearchDoc],
) -> Result<(), sqlx::Error> {
    let words = segment_all(docs, backend);
    for (chunk, words) in docs.chunks(PER_STATEMENT).zip(words.chunks(PER_STATEMENT)) {
        upsert_statement(&mut *conn, backend, chunk, words).await?;
    }
    Ok(())
}

/// Writes a reindex's batches of documents, each in its own transaction,
/// while the caller reads and segments the next: segmentation keeps every
/// core busy and the database writes the batch before it meanwhile, where
/// one after the other left a core idle through each write.
pub struct BulkWriter {
    db: Db,
    writing: Option<tokio::task::JoinHandle<Result<(), sqlx::Error>>>,
}

impl BulkWriter {
    pub fn new(db: &Db) -> Self {
        BulkWriter {
            db: db.clone(),
            writing: None,
        }
    }

    /// Segments `docs` (off the async threads), then, once the batch before
    /// is written, starts writing them.
    pub async fn push(&mut self, docs: Vec<SearchDoc>) -> Result<(), sqlx::Error> {
        let backend = self.db.backend();
        let (docs, words) = tokio::task::spawn_blocking(move || {
            let words = segment_all(&docs, backend);
            (docs, words)
        })
        .await
        .map_err(rethrow)?;
        self.wait().await?;
        let db = self.db.clone();
        self.writing = Some(tokio::spawn(async move {
            let mut tx = db.begin_write().await?;
            for (chunk, words) in docs.chunks(PER_STATEMENT).zip(words.chunks(PER_STATEMENT)) {
                upsert_statement(&mut tx, backend, chunk, words).await?;
            }
            tx.commit().await
        }));
        Ok(())
    }

    /// Waits for the last batch to be written.
    pub async fn finish(mut self) -> Result<(), sqlx::Error> {
        self.wait().await
    }

    async fn wait(&mut self) -> Result<(), sqlx::Error> {
        match self.writing.take() {
            Some(task) => task.await.map_err(rethrow)?,
            None => Ok(()),
        }
    }
}

/// A panic in a helper task goes on in the caller; a task cancelled (the
/// runtime shutting down) is an error.
fn rethrow(e: tokio::task::JoinError) -> sqlx::Error {
    match e.try_into_panic() {
        Ok(panic) => std::panic::resume_unwind(panic),
        Err(_) => sqlx::Error::WorkerCrashed,
    }
}

/// A document's words as each engine stores them.
struct Words {
    title: String,
    body: String,
    /// PostgreSQL's tsvectors of the title, and of title and body.
    tsvectors: Option<(String, String)>,
}

fn segment(doc: &SearchDoc, backend: Backend) -> Words {
    let title = index_tokens(&doc.title);
    let body = index_tokens(&doc.body);
    let tsvectors = (backend == Backend::Postgres).then(|| {
        (
            tsvector_literal(&title, ""),
            tsvector_literal(&title, &body),
        )
    });
    Words {
        title,
        body,
        tsvectors,
    }
}

/// Segmentation is most of the work of indexing many documents (a reindex,
/// a generator's batch), and each document's is independent: so a batch is
/// cut on every core. One document (a publish) is cut where it is.
fn segment_all(docs: &[SearchDoc], backend: Backend) -> Vec<Words> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    if cores < 2 || docs.len() < 2 * cores {
        return docs.iter().map(|d| segment(d, backend)).collect();
    }
    let share = docs.len().div_ceil(cores);
    std::thread::scope(|scope| {
        let workers: Vec<_> = docs
            .chunks(share)
            .map(|part| {
                scope.spawn(move || part.iter().map(|d| segment(d, backend)).collect::<Vec<_>>())
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Adds or replaces several documents in one statement. On SQLite triggers
/// keep FTS5 and `search_meta` in step; on PostgreSQL a second statement
/// writes `search_meta`, with tsvectors built from the same words, as they are.
async fn upsert_statement(
    conn: &mut AnyConnection,
    backend: Backend,
    docs: &[SearchDoc],
    words: &[Words],
) -> Result<(), sqlx::Error> {
    if docs.is_empty() {
        return Ok(());
    }
    let mut q = SqlBuilder::new(
        "INSERT INTO search_docs (source, source_id, kind, title, body, url, published_at, title_tokens, body_tokens) VALUES ",
    );
    for (i, (d, w)) in docs.iter().zip(words).enumerate() {
        if i > 0 {
            q.push(", ");
        }
        q.push("(")
            .bind_text(d.source)
            .push(", ")
            .bind_int(d.source_id)
            .push(", ")
            .bind_text(d.kind.clone());
        q.push(", ")
            .bind_text(d.title.clone())
            .push(", ")
            .bind_text(d.body.clone())
            .push(", ")
            .bind_text(d.url.clone());
        q.push(", ")
            .bind_int(d.published_at)
            .push(", ")
            .bind_text(w.title.clone())
            .push(", ")
            .bind_text(w.body.clone());
        q.push(")");
    }
    q.push(
        " ON CONFLICT (source, source_id) DO UPDATE SET kind = excluded.kind, title = excluded.title, \
         body = excluded.body, url = excluded.url, published_at = excluded.published_at, \
         title_tokens = excluded.title_tokens, body_tokens = excluded.body_tokens",
    );
    sqlx::query_with(q.sql(), q.arguments())
        .execute(&mut *conn)
        .await?;
    if backend == Backend::Postgres {
        let mut q = SqlBuilder::new(
            "INSERT INTO search_meta (id, kind, published_at, title_tsv, tsv) \
             SELECT d.id, d.kind, d.published_at, CAST(v.column3 AS tsvector), CAST(v.column4 AS tsvector) \
             FROM (VALUES ",
        );
        let with_tsvectors = docs
            .iter()
            .zip(words)
            .filter_map(|(d, w)| Some((d, w.tsvectors.as_ref()?)));
        for (i, (d, (title_tsv, tsv))) in with_tsvectors.enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.push("(")
                .bind_text(d.source)
                .push(", ")
                .bind_int(d.source_id)
                .push(", ")
                .bind_text(title_tsv.clone())
                .push(", ")
                .bind_text(tsv.clone())
                .push(")");
        }
        q.push(
            ") AS v JOIN search_docs d ON d.source = v.column1 AND d.source_id = v.column2 \
             ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, published_at = excluded.published_at, \
             title_tsv = excluded.title_tsv, tsv = excluded.tsv",
        );
        sqlx::query_with(q.sql(), q.arguments())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Removes a document; returns how many there were (0 or 1).
pub async fn remove(
    conn: &mut AnyConnection,
    source: &str,
    source_id: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM search_docs WHERE source = $1 AND source_id = $2")
        .bind(source)
        .bind(source_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Rebuilds the whole index; calls `progress(done, total)` as it goes
/// through the items. Returns how many documents it indexed. Each domain
/// writes its own documents (`content::search`, `registers::search`, …).
pub async fn reindex(db: &Db, progress: impl Fn(u64, u64)) -> Result<u64, sqlx::Error> {
    let postgres = db.backend() == Backend::Postgres;
    let mut tx = db.begin_write().await?;
    if postgres {
        sqlx::query("TRUNCATE search_meta, search_docs")
            .execute(&mut *tx)
            .await?;
        for (name, _) in PG_WORD_INDEXES {
            sqlx::query(&format!("DROP INDEX IF EXISTS {name}"))
                .execute(&mut *tx)
                .await?;
        }
    } else {
        sqlx::query("DELETE FROM search_meta")
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM search_docs")
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    let indexed = async {
        let content = crate::content::db::search::index_all(db, progress).await?;
        let registers = crate::registers::db::search::index_all(db).await?;
        let services = crate::services::db::search::index_all(db).await?;
        let questions = crate::consult::db::search::index_all(db).await?;
        Ok::<u64, sqlx::Error>(content + registers + services + questions)
    }
    .await;
    if postgres {
        // Built again whether or not the writing succeeded.
        let mut tx = db.begin_write().await?;
        sqlx::query("SET LOCAL maintenance_work_mem = '256MB'")
            .execute(&mut *tx)
            .await?;
        for (_, create) in PG_WORD_INDEXES {
            sqlx::query(create).execute(&mut *tx).await?;
        }
        tx.commit().await?;
    }
    let indexed = indexed?;
    analyse(db).await?;
    // Cached search pages on every app server are drawn again.
    let mut conn = db.pool().acquire().await?;
    crate::server::cache::bump(&mut conn).await?;
    Ok(indexed)
}

/// PostgreSQL's word indexes (as migration 0006 creates them), dropped while
/// a reindex writes every document and built once at its end: keeping a GIN
/// index current row by row was most of a reindex's time, where building
/// it over 233,000 documents takes about ten seconds.
const PG_WORD_INDEXES: &[(&str, &str)] = &[
    (
        "search_meta_tsv",
        "CREATE INDEX IF NOT EXISTS search_meta_tsv ON search_meta USING GIN (tsv)",
    ),
    (
        "search_meta_title_tsv",
        "CREATE INDEX IF NOT EXISTS search_meta_title_tsv ON search_meta USING GIN (title_tsv)",
    ),
];

/// Fresh planner statistics after a bulk change.
pub async fn analyse(db: &Db) -> Result<(), sqlx::Error> {
    match db.backend() {
        Backend::Postgres => {
            sqlx::query("VACUUM ANALYZE search_docs")
                .execute(db.pool())
                .await?;
            sqlx::query("VACUUM ANALYZE search_meta")
                .execute(db.pool())
                .await
                .map(|_| ())
        }
        Backend::Sqlite => sqlx::query("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
            .execute(db.pool())
            .await
            .map(|_| ()),
    }
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn tsvectors_carry_positions_and_weights() {
        assert_eq!(
            super::tsvector_literal("政务 公开", "公开 工作"),
            "'公开':2A,3D '工作':4D '政务':1A"
        );
        assert_eq!(super::tsvector_literal("", ""), "");
    }

    #[test]
    fn markdown_becomes_plain_text() {
        let text = plain_text("## 一、目标\n\n**加粗**的正文，[链接](http://x)。\n\n| 年 | 数 |\n|---|---|\n| 2016 | 3 |");
        assert_eq!(text, "一、目标 加粗的正文，链接。 年 数 2016 3");
    }
}
