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
    if let Some((start, end)) = s.year.and_then(year_bounds) {
        q.push(" AND d.published_at >= ")
            .bind_int(start)
            .push(" AND d.published_at < ")
            .bind_int(end);
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
            // Walk the date index (the kind's, given one) from the newest
            // end and stop at a page: the matches' ids are gathered once,
            // then looked up.
            let index = if s.kind.is_some() {
                "search_meta_by_kind"
            } else {
                "search_meta_by_date"
            };
            let mut q = SqlBuilder::new(&format!(
                "SELECT {select} FROM search_meta d INDEXED BY {index} \
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
            pg_match(&mut q, m, expr);
            q
        }
    };
    filters(&mut q, s);
    q
}

/// PostgreSQL's condition for the documents `m` picks.
fn pg_match(q: &mut SqlBuilder, m: Matching, expr: String) {
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
}

/// How many documents match: counted, or estimated when there are too many
/// to count quickly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Total {
    pub n: i64,
    /// `n` is PostgreSQL's estimate (more than the counting limit match).
    pub approximate: bool,
}

impl Total {
    const NONE: Total = Total {
        n: 0,
        approximate: false,
    };
}

/// How far a search goes before it estimates instead (tests lower them to
/// see the other ways on a few documents).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Up to this many matches are all ranked (see [`RANK_ALL`]).
    pub rank_all: i64,
    /// On PostgreSQL, matches are counted up to this many; past it (or
    /// when the planner's estimate, from ANALYZE's word statistics, is ten
    /// times more) the estimate is shown as "约". Counting means visiting
    /// every match's row, and common words are in most rows: 190 ms for
    /// 95,000 matches, where the estimate takes well under one. SQLite
    /// counts from the FTS5 index itself, fast enough for any number.
    pub count_all: i64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            rank_all: RANK_ALL,
            count_all: COUNT_ALL,
        }
    }
}

/// See [`Limits::count_all`]. Above every result a person can page to
/// (`MAX_PAGE` pages), so paging never depends on an estimate.
const COUNT_ALL: i64 = 2_000;

/// The published_at bounds of a year filter.
fn year_bounds(year: i32) -> Option<(i64, i64)> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1).map(|d| unix_at(d, NaiveTime::MIN))?;
    let end = NaiveDate::from_ymd_opt(year + 1, 1, 1).map(|d| unix_at(d, NaiveTime::MIN))?;
    Some((start, end))
}

async fn count(
    conn: &mut AnyConnection,
    backend: Backend,
    s: &Search,
    m: Matching,
    limits: Limits,
) -> Result<Total, sqlx::Error> {
    if backend == Backend::Sqlite {
        let (n,): (i64,) = if s.kind.is_none() && s.year.is_none() {
            // Without filters FTS5 counts from its own index.
            let mut q = SqlBuilder::new("SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH ");
            q.bind_text(match_expr(backend, &s.tokens, m));
            q.query_as().fetch_one(&mut *conn).await?
        } else {
            // Each match is looked up for its kind and date. (Walking a
            // year's range of the date index instead, each id looked up
            // among the matches, measured slower: 120 ms against 98 ms for
            // 社会 in 2020.)
            matching(backend, "COUNT(*)", s, m, false)
                .query_as()
                .fetch_one(&mut *conn)
                .await?
        };
        return Ok(Total {
            n,
            approximate: false,
        });
    }
    // The estimate first: a word in nearly every document is not counted at
    // all (even a capped count builds the index's bitmap of every match:
    // 20 ms for 233,000), only one the statistics say may be few.
    let (after, before) = s.year.and_then(year_bounds).unzip();
    let (estimate,): (i64,) = sqlx::query_as("SELECT search_estimate($1, $2, $3, $4, $5)")
        .bind(match_expr(backend, &s.tokens, m))
        .bind(m == Matching::Titles)
        .bind(s.kind.clone())
        .bind(after)
        .bind(before)
        .fetch_one(&mut *conn)
        .await?;
    if estimate > limits.count_all.saturating_mul(10) {
        return Ok(Total {
            n: estimate,
            approximate: true,
        });
    }
    let mut q = matching(backend, "1", s, m, false);
    q.push(" LIMIT ").bind_int(limits.count_all + 1);
    q.wrap("SELECT COUNT(*) FROM (", ") AS c");
    let (n,): (i64,) = q.query_as().fetch_one(&mut *conn).await?;
    Ok(if n <= limits.count_all {
        Total {
            n,
            approximate: false,
        }
    } else {
        Total {
            n: estimate.max(n),
            approximate: true,
        }
    })
}

/// How the newest matches are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    /// Walk the date index from the newest end, testing each document,
    /// until the page is full: for words in most documents.
    Walk,
    /// Test only the newest `n` documents (PostgreSQL): enough, at the
    /// word's density, for the page several times over; gathered if short.
    Newest(i64),
    /// Gather every match and sort them.
    Gather,
}

/// Measured costs on PostgreSQL (233,000 documents, default settings), in
/// microseconds: testing one row of a walk against the whole text (its
/// tsvector read out of line for items) or against the title (in the row),
/// and gathering one match of many (its row visited, then sorted).
const WALK_TEXT_US: f64 = 8.0;
const WALK_TITLE_US: f64 = 1.5;
const GATHER_US: f64 = 4.5;
/// A walk this cheap is always taken (24 ms at most).
const WALK_ANYWAY_US: f64 = 24_000.0;

/// How to find the newest `wanted` of the `n` documents `m` picks. SQLite's
/// walk only looks each id up in the gathered list, so it pays past a few
/// thousand matches. PostgreSQL's tests each row, so it walks unbounded
/// only when most documents match: a rarer word whose matches are all old
/// would have it read nearly every row (740 ms where gathering and sorting
/// takes 5 ms). Below that it tests a bounded run of the newest rows, three
/// times what the word's density says the page needs, when that costs less
/// than gathering every match (or little anyway); it gathers when the run
/// comes up short.
async fn order(
    conn: &mut AnyConnection,
    backend: Backend,
    m: Matching,
    n: i64,
    rank_all: i64,
    wanted: i64,
) -> Result<Order, sqlx::Error> {
    match backend {
        Backend::Sqlite => Ok(if n > rank_all {
            Order::Walk
        } else {
            Order::Gather
        }),
        Backend::Postgres => {
            let (docs,): (f64,) = sqlx::query_as(
                "SELECT CAST(reltuples AS DOUBLE PRECISION) FROM pg_class WHERE relname = 'search_meta'",
            )
            .fetch_one(&mut *conn)
            .await?;
            if docs <= 0.0 || n <= 0 {
                return Ok(Order::Gather);
            }
            if n as f64 * 2.0 > docs {
                return Ok(Order::Walk);
            }
            let run = (3.0 * wanted as f64 * docs / n as f64).ceil();
            let per_row = if m == Matching::Titles {
                WALK_TITLE_US
            } else {
                WALK_TEXT_US
            };
            let walking = run * per_row;
            Ok(
                if walking <= WALK_ANYWAY_US || walking <= n as f64 * GATHER_US {
                    Order::Newest(run as i64)
                } else {
                    Order::Gather
                },
            )
        }
    }
}

/// Ids of matches `offset..offset + limit`, newest first.
async fn newest(
    conn: &mut AnyConnection,
    backend: Backend,
    s: &Search,
    m: Matching,
    order: Order,
    offset: i64,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    if let Order::Newest(run) = order {
        let mut q = SqlBuilder::new(
            "SELECT d.id FROM (SELECT d.id, d.published_at, d.title_tsv, d.tsv FROM search_meta d WHERE TRUE",
        );
        filters(&mut q, s);
        q.push(" ORDER BY d.published_at DESC, d.id DESC LIMIT ")
            .bind_int(run)
            .push(") AS d WHERE ");
        pg_match(&mut q, m, match_expr(backend, &s.tokens, m));
        q.push(" ORDER BY d.published_at DESC, d.id DESC LIMIT ")
            .bind_int(limit)
            .push(" OFFSET ")
            .bind_int(offset);
        let ids: Vec<(i64,)> = q.query_as().fetch_all(&mut *conn).await?;
        if ids.len() as i64 == limit {
            return Ok(ids.into_iter().map(|(id,)| id).collect());
        }
    }
    let walk = order == Order::Walk;
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
    limits: Limits,
) -> Result<(Vec<i64>, Total), sqlx::Error> {
    let rank_all = limits.rank_all;
    let total = count(conn, backend, s, Matching::All, limits).await?;
    if total.n == 0 {
        return Ok((Vec::new(), Total::NONE));
    }
    let limit = i64::from(s.per_page);
    let offset = i64::from(s.page.saturating_sub(1)) * limit;
    let wanted = offset + limit;
    if s.by_date {
        let order = order(conn, backend, Matching::All, total.n, rank_all, wanted).await?;
        return Ok((
            newest(conn, backend, s, Matching::All, order, offset, limit).await?,
            total,
        ));
    }
    if !total.approximate && total.n <= rank_all {
        return Ok((
            ranked(conn, backend, s, Matching::All, now, offset, limit).await?,
            total,
        ));
    }
    // Title matches first (ranked while there are few enough), then the rest.
    let mut titled = count(conn, backend, s, Matching::Titles, limits).await?;
    if titled.approximate && wanted > limits.count_all {
        // Where the titles end decides which of the rest this page shows:
        // counted, however long that takes (only past every page a person
        // can reach through the page links).
        let exact = Limits {
            count_all: i64::MAX - 1,
            ..limits
        };
        titled = count(conn, backend, s, Matching::Titles, exact).await?;
    }
    let titled = titled.n;
    let mut ids = Vec::new();
    if offset < titled {
        ids = if titled <= rank_all {
            ranked(conn, backend, s, Matching::Titles, now, offset, limit).await?
        } else {
            let order = order(conn, backend, Matching::Titles, titled, rank_all, wanted).await?;
            newest(conn, backend, s, Matching::Titles, order, offset, limit).await?
        };
    }
    let short = limit - ids.len() as i64;
    if short > 0 {
        let from = (offset - titled).max(0);
        let rest = (total.n - titled).max(1);
        let order = order(
            conn,
            backend,
            Matching::Others,
            rest,
            rank_all,
            from + short,
        )
        .await?;
        ids.extend(newest(conn, backend, s, Matching::Others, order, from, short).await?);
    }
    Ok((ids, total))
}

/// One page of results and how many there are in all, read in one
/// transaction so the count and the page agree.
pub async fn run(db: &Db, s: &Search, now: i64) -> Result<(Vec<Row>, Total), sqlx::Error> {
    run_within(db, s, now, Limits::default()).await
}

/// [`run`] within other limits (tests use small ones to see the other ways
/// on a few documents).
pub async fn run_within(
    db: &Db,
    s: &Search,
    now: i64,
    limits: Limits,
) -> Result<(Vec<Row>, Total), sqlx::Error> {
    if s.tokens.is_empty() {
        return Ok((Vec::new(), Total::NONE));
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
    let (ids, mut total) = page_ids(&mut tx, backend, s, now, limits).await?;
    if total.approximate && ids.len() < s.per_page as usize {
        // The page contradicts the estimate (words each in many documents
        // but seldom together, which the planner takes as independent):
        // so few match that they are counted, whatever the estimate said.
        let exact = Limits {
            count_all: i64::MAX - 1,
            ..limits
        };
        total = count(&mut tx, backend, s, Matching::All, exact).await?;
    }
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
        Order::Gather,
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
