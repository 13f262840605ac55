//! Running a search, on each engine, and marking the matches.

use crate::server::db::{Backend, Db, SqlBuilder};
use crate::ui::format::unix_at;
use chrono::{NaiveDate, NaiveTime};
use sqlx::AnyConnection;

/// A result row.
#[derive(Debug, Clone)]
pub struct Row {
    pub kind: String,
    pub title: String,
    pub body: String,
    pub url: String,
    pub published_at: i64,
}

/// A validated search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub tokens: Vec<String>,
    pub kind: Option<String>,
    pub year: Option<i32>,
    pub by_date: bool,
    pub page: u32,
    pub per_page: u32,
}

/// The scale of the recency discount: an item thirty years old counts half
/// as much as one published today, ten years old three quarters.
const DECADE: f64 = 946_080_000.0;

/// Register rows (one licence, one procurement…) and answers to
/// consultations count for less than documents: a search is usually after
/// the policy, a register's own table is the better way into its rows, and
/// a short answer that repeats the words is no better for it.
const REGISTER_WEIGHT: &str =
    "(CASE WHEN d.kind = 'register' OR d.kind = 'consult' THEN 0.6 ELSE 1.0 END)";

fn filters(q: &mut SqlBuilder, s: &Search) {
    if let Some(kind) = &s.kind {
        q.push(" AND d.kind = ").bind_text(kind.clone());
    }
    if let Some(year) = s.year {
        let start = NaiveDate::from_ymd_opt(year, 1, 1).map(|d| unix_at(d, NaiveTime::MIN));
        let end = NaiveDate::from_ymd_opt(year + 1, 1, 1).map(|d| unix_at(d, NaiveTime::MIN));
        if let (Some(start), Some(end)) = (start, end) {
            q.push(" AND d.published_at >= ")
                .bind_int(start)
                .push(" AND d.published_at < ")
                .bind_int(end);
        }
    }
}

/// Which matching documents a query is after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Matching {
    /// Every word somewhere in the document.
    All,
    /// Every word in the title.
    Titles,
    /// Every word in the document, but not every word in the title.
    Others,
}

/// The engine's match expression for `tokens`. On PostgreSQL the same
/// expression is matched against the title's or the whole text's tsvector.
fn match_expr(backend: Backend, tokens: &[String], matching: Matching) -> String {
    match backend {
        // Tokens are letters and digits only, so quoting cannot be escaped from.
        Backend::Sqlite => {
            let terms = tokens
                .iter()
                .map(|t| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(" ");
            match matching {
                Matching::All => terms,
                Matching::Titles => format!("title_tokens : ({terms})"),
                Matching::Others => format!("({terms}) NOT title_tokens : ({terms})"),
            }
        }
        Backend::Postgres => tokens
            .iter()
            .map(|t| format!("'{t}'"))
            .collect::<Vec<_>>()
            .join(" & "),
    }
}

/// Up to this many matches are all ranked. Beyond it a word is in so many
/// documents that it says little about any one of them (bm25 gives it next
/// to no weight): titles carrying it come first, the rest newest first, and
/// no request reads every match.
const RANK_ALL: i64 = 2_000;

/// `SELECT {select}` over the documents `m` picks, as `d` (the narrow
/// kind, date and words table), with the search's filters.
fn matching(
    backend: Backend,
    select: &str,
    s: &Search,
    m: Matching,
    newest_first: bool,
) -> SqlBuilder {
    let expr = match_expr(backend, &s.tokens, m);
    let mut q = match backend {
        Backend::Sqlite if newest_first => {
            // Walk the date index from the newest end and stop at a page:
            // the matches' ids are gathered once, then looked up.
            let mut q = SqlBuilder::new(&format!(
                "SELECT {select} FROM search_meta d INDEXED BY search_meta_by_date \
                 WHERE d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH "
            ));
            q.bind_text(expr).push(")");
            q
        }
        Backend::Sqlite => {
            // CROSS JOIN keeps FTS5 outside: given a kind filter, SQLite
            // would otherwise walk that kind's rows and run the match once
            // for each (130 ms instead of 5 ms at 100,000 documents).
            let mut q = SqlBuilder::new(&format!(
                "SELECT {select} FROM search_fts CROSS JOIN search_meta d \
                 WHERE d.id = search_fts.rowid AND search_fts MATCH "
            ));
            q.bind_text(expr);
            q
        }
        Backend::Postgres => {
            let mut q = SqlBuilder::new(&format!("SELECT {select} FROM search_meta d WHERE "));
            match m {
                Matching::All => q
                    .push("d.tsv @@ CAST(")
                    .bind_text(expr)
                    .push(" AS tsquery)"),
                Matching::Titles => q
                    .push("d.title_tsv @@ CAST(")
                    .bind_text(expr)
                    .push(" AS tsquery)"),
                Matching::Others => q
                    .push("d.tsv @@ CAST(")
                    .bind_text(expr.clone())
                    .push(" AS tsquery) AND NOT d.title_tsv @@ CAST(")
                    .bind_text(expr)
                    .push(" AS tsquery)"),
            };
            q
        }
    };
    filters(&mut q, s);
    q
}

async fn count(
    conn: &mut AnyConnection,
    backend: Backend,
    s: &Search,
    m: Matching,
) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = if backend == Backend::Sqlite && s.kind.is_none() && s.year.is_none() {
        // Without filters FTS5 counts from its own index.
        let mut q = SqlBuilder::new("SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH ");
        q.bind_text(match_expr(backend, &s.tokens, m));
        q.query_as().fetch_one(&mut *conn).await?
    } else {
        matching(backend, "COUNT(*)", s, m, false)
            .query_as()
            .fetch_one(&mut *conn)
            .await?
    };
    Ok(n)
}

/// Whether `n` matches are better found newest first by walking the date
/// index (stopping at the page) than by gathering them all and sorting.
/// SQLite's walk only looks each id up in the gathered list, so it pays
/// past a few thousand matches. PostgreSQL's would test each row's
/// out-of-line tsvector, so it walks only when most documents match: for a
/// rarer word whose matches are all old it would read nearly every row
/// (740 ms where gathering and sorting takes 5 ms).
async fn walk(
    conn: &mut AnyConnection,
    backend: Backend,
    n: i64,
    rank_all: i64,
) -> Result<bool, sqlx::Error> {
    match backend {
        Backend::Sqlite => Ok(n > rank_all),
        Backend::Postgres => {
            let (docs,): (f64,) = sqlx::query_as(
                "SELECT CAST(reltuples AS DOUBLE PRECISION) FROM pg_class WHERE relname = 'search_meta'",
            )
            .fetch_one(&mut *conn)
            .await?;
            Ok(docs > 0.0 && n as f64 * 2.0 > docs)
        }
    }
}

/// Ids of matches `offset..offset + limit`, newest first.
async fn newest(
    conn: &mut AnyConnection,
    backend: Backend,
    s: &Search,
    m: Matching,
    walk: bool,
    offset: i64,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut q = matching(backend, "d.id", s, m, walk);
    // `+ 0` keeps PostgreSQL off the date index when it should not walk it.
    q.push(if backend == Backend::Postgres && !walk {
        " ORDER BY d.published_at + 0 DESC, d.id DESC LIMIT "
    } else {
        " ORDER BY d.published_at DESC, d.id DESC LIMIT "
    })
    .bind_int(limit)
    .push(" OFFSET ")
    .bind_int(offset);
    let ids: Vec<(i64,)> = q.query_as().fetch_all(&mut *conn).await?;
    Ok(ids.into_iter().map(|(id,)| id).collect())
}

/// Ids of matches `offset..offset + limit`, best first: a title match
/// outweighs many words in the body, and older items count for less.
async fn ranked(
    conn: &mut AnyConnection,
    backend: Backend,
    s: &Search,
    m: Matching,
    now: i64,
    offset: i64,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut q = matching(backend, "d.id", s, m, false);
    let age = format!("(1.0 + ({now} - d.published_at) / {DECADE})");
    match backend {
        // bm25 is negative, smaller is better: an older item moves towards zero.
        Backend::Sqlite => q.push(&format!(
            " ORDER BY bm25(search_fts, 20.0, 1.0) / {age} * {REGISTER_WEIGHT}, d.published_at DESC, d.id DESC"
        )),
        // Weights for D (body) … A (title). Title matches rank on the
        // title's own tsvector: short and stored in the row, where the whole
        // text's must be read out of line for every match.
        Backend::Postgres => q
            .push(if m == Matching::Titles {
                " ORDER BY ts_rank('{0.02, 0.05, 0.1, 1.0}', d.title_tsv, CAST("
            } else {
                " ORDER BY ts_rank('{0.02, 0.05, 0.1, 1.0}', d.tsv, CAST("
            })
            .bind_text(match_expr(backend, &s.tokens, m))
            .push(&format!(
                " AS tsquery)) / {age} * {REGISTER_WEIGHT} DESC, d.published_at DESC, d.id DESC"
            )),
    };
    q.push(" LIMIT ")
        .bind_int(limit)
        .push(" OFFSET ")
        .bind_int(offset);
    let ids: Vec<(i64,)> = q.query_as().fetch_all(&mut *conn).await?;
    Ok(ids.into_iter().map(|(id,)| id).collect())
}

/// The ids of one page of results and how many results there are in all.
async fn page_ids(
    conn: &mut AnyConnection,
    backend: Backend,
    s: &Search,
    now: i64,
    rank_all: i64,
) -> Result<(Vec<i64>, i64), sqlx::Error> {
    let total = count(conn, backend, s, Matching::All).await?;
    if total == 0 {
        return Ok((Vec::new(), 0));
    }
    let limit = i64::from(s.per_page);
    let offset = i64::from(s.page.saturating_sub(1)) * limit;
    let many = total > rank_all;
    if s.by_date {
        let walk = walk(conn, backend, total, rank_all).await?;
        return Ok((
            newest(conn, backend, s, Matching::All, walk, offset, limit).await?,
            total,
        ));
    }
    if !many {
        return Ok((
            ranked(conn, backend, s, Matching::All, now, offset, limit).await?,
            total,
        ));
    }
    // Title matches first (ranked while there are few enough), then the rest.
    let titled = count(conn, backend, s, Matching::Titles).await?;
    let mut ids = Vec::new();
    if offset < titled {
        ids = if titled <= rank_all {
            ranked(conn, backend, s, Matching::Titles, now, offset, limit).await?
        } else {
            let walk = walk(conn, backend, titled, rank_all).await?;
            newest(conn, backend, s, Matching::Titles, walk, offset, limit).await?
        };
    }
    let wanted = limit - ids.len() as i64;
    if wanted > 0 {
        let from = (offset - titled).max(0);
        let walk = walk(conn, backend, total - titled, rank_all).await?;
        ids.extend(newest(conn, backend, s, Matching::Others, walk, from, wanted).await?);
    }
    Ok((ids, total))
}

/// One page of results and how many there are in all, read in one
/// transaction so the count and the page agree.
pub async fn run(db: &Db, s: &Search, now: i64) -> Result<(Vec<Row>, i64), sqlx::Error> {
    run_ranking_at_most(db, s, now, RANK_ALL).await
}

/// [`run`], ranking every match only while there are at most `rank_all`
/// (tests use a small number to see the other way on a few documents).
pub async fn run_ranking_at_most(
    db: &Db,
    s: &Search,
    now: i64,
    rank_all: i64,
) -> Result<(Vec<Row>, i64), sqlx::Error> {
    if s.tokens.is_empty() {
        return Ok((Vec::new(), 0));
    }
    let backend = db.backend();
    let mut tx = db.pool().begin().await?;
    if backend == Backend::Postgres {
        // PostgreSQL's planner prices a sequential scan without the cost of
        // reading every row's out-of-line tsvector, and picks it for common
        // words: 300 ms where the GIN index takes 15 ms.
        sqlx::query("SET LOCAL enable_seqscan = off")
            .execute(&mut *tx)
            .await?;
    }
    let (ids, total) = page_ids(&mut tx, backend, s, now, rank_all).await?;
    let rows = rows_by_id(&mut tx, &ids).await?;
    tx.commit().await?;
    Ok((rows, total))
}

/// The documents `ids`, in that order.
async fn rows_by_id(conn: &mut AnyConnection, ids: &[i64]) -> Result<Vec<Row>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = SqlBuilder::new(
        "SELECT id, kind, title, body, url, published_at FROM search_docs WHERE id IN (",
    );
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            q.push(", ");
        }
        q.bind_int(*id);
    }
    q.push(")");
    let found: Vec<(i64, String, String, String, String, i64)> =
        q.query_as().fetch_all(&mut *conn).await?;
    let mut by_id: std::collections::HashMap<i64, Row> = found
        .into_iter()
        .map(|(id, kind, title, body, url, published_at)| {
            (
                id,
                Row {
                    kind,
                    title,
                    body,
                    url,
                    published_at,
                },
            )
        })
        .collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// Titles matching `tokens`, newest first.
pub async fn titles(
    db: &Db,
    tokens: &[String],
    limit: i64,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    if tokens.is_empty() {
        return Ok(Vec::new());
    }
    let s = Search {
        tokens: tokens.to_vec(),
        kind: None,
        year: None,
        by_date: true,
        page: 1,
        per_page: 1,
    };
    let mut conn = db.pool().acquire().await?;
    let ids = newest(
        &mut conn,
        db.backend(),
        &s,
        Matching::Titles,
        false,
        0,
        limit,
    )
    .await?;
    let rows = rows_by_id(&mut conn, &ids).await?;
    Ok(rows.into_iter().map(|r| (r.title, r.url)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_expressions_quote_every_word() {
        let t = vec!["政务".to_owned(), "2016".to_owned()];
        assert_eq!(
            match_expr(Backend::Sqlite, &t, Matching::All),
            "\"政务\" \"2016\""
        );
        assert_eq!(
            match_expr(Backend::Sqlite, &t, Matching::Titles),
            "title_tokens : (\"政务\" \"2016\")"
        );
        assert_eq!(
            match_expr(Backend::Sqlite, &t, Matching::Others),
            "(\"政务\" \"2016\") NOT title_tokens : (\"政务\" \"2016\")"
        );
        assert_eq!(
            match_expr(Backend::Postgres, &t, Matching::All),
            "'政务' & '2016'"
        );
        assert_eq!(
            match_expr(Backend::Postgres, &t, Matching::Titles),
            "'政务' & '2016'"
        );
    }
}
