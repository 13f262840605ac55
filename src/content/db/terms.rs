//! The catalogue's vocabularies kept by administrators (table
//! `catalogue_terms`): the 主题分类 and each kind's 子类别, and the check an
//! item's choices pass when it is saved.

use crate::content::taxonomy::{Term, TermList, Terms};
use crate::server::db::Db;
use sqlx::AnyConnection;
use std::collections::HashMap;

const ALL: &str =
    "SELECT list, slug, label, retired_at FROM catalogue_terms ORDER BY list, position, slug";

type Row = (String, String, String, Option<i64>);

fn gather(rows: Vec<Row>) -> Terms {
    let mut terms = Terms::default();
    for (list, slug, label, retired_at) in rows {
        let term = Term {
            slug,
            label,
            retired: retired_at.is_some(),
        };
        match terms.lists.iter_mut().find(|(k, _)| *k == list) {
            Some((_, v)) => v.push(term),
            None => terms.lists.push((list, vec![term])),
        }
    }
    terms
}

/// Every list.
pub async fn all(db: &Db) -> Result<Terms, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(ALL).fetch_all(db.pool()).await?;
    Ok(gather(rows))
}

/// Every list, read in the caller's transaction.
pub async fn all_in(conn: &mut AnyConnection) -> Result<Terms, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(ALL).fetch_all(&mut *conn).await?;
    Ok(gather(rows))
}

/// How many items (of any status) are filed under each term of `list`.
pub async fn usage(db: &Db, list: TermList) -> Result<HashMap<String, i64>, sqlx::Error> {
    let rows: Vec<(String, i64)> = match list {
        TermList::Subject => {
            sqlx::query_as("SELECT topic, COUNT(*) FROM articles GROUP BY topic")
                .fetch_all(db.pool())
                .await?
        }
        TermList::Subtype(kind) => {
            sqlx::query_as(
                "SELECT subtype, COUNT(*) FROM articles WHERE kind = $1 GROUP BY subtype",
            )
            .bind(kind.slug())
            .fetch_all(db.pool())
            .await?
        }
    };
    Ok(rows.into_iter().collect())
}

/// Why item `own_id` (None: a new item) cannot be filed under `slug` of
/// `list`, if it cannot: the term must exist, and a retired one stays only
/// on items already filed under it. A kind without 子类别 in use takes an
/// empty one.
pub async fn problem(
    db: &Db,
    list: TermList,
    slug: &str,
    own_id: Option<i64>,
) -> Result<Option<String>, sqlx::Error> {
    let what = match list {
        TermList::Subject => "主题分类",
        TermList::Subtype(_) => "子类别",
    };
    let terms: Vec<(String, String, Option<i64>)> =
        sqlx::query_as("SELECT slug, label, retired_at FROM catalogue_terms WHERE list = $1")
            .bind(list.key())
            .fetch_all(db.pool())
            .await?;
    let in_use = terms.iter().any(|(_, _, r)| r.is_none());
    if slug.is_empty() && matches!(list, TermList::Subtype(_)) && !in_use {
        return Ok(None);
    }
    let Some((_, label, retired_at)) = terms.iter().find(|(s, _, _)| s == slug) else {
        return Ok(Some(format!("请选择{what}")));
    };
    if retired_at.is_none() {
        return Ok(None);
    }
    let column = match list {
        TermList::Subject => "topic",
        TermList::Subtype(_) => "subtype",
    };
    let current: Option<(String,)> = match own_id {
        Some(id) => {
            sqlx::query_as(&format!("SELECT {column} FROM articles WHERE id = $1"))
                .bind(id)
                .fetch_optional(db.pool())
                .await?
        }
        None => None,
    };
    Ok((current.map(|(t,)| t).as_deref() != Some(slug))
        .then(|| format!("{what}“{label}”已停用，请另选一个")))
}

/// Writes one whole list in the caller's transaction: each term's name,
/// its place (its index) and whether it is retired; terms not yet in the
/// table are added. A term retired before keeps its retirement time.
pub async fn save_in(
    conn: &mut AnyConnection,
    list: TermList,
    terms: &[Term],
    now: i64,
) -> Result<(), sqlx::Error> {
    for (i, t) in terms.iter().enumerate() {
        let position = i64::try_from(i).unwrap_or(i64::MAX) + 1;
        let retired_at = t.retired.then_some(now);
        let updated = sqlx::query(
            "UPDATE catalogue_terms SET label = $1, position = $2, \
             retired_at = CASE WHEN $3 IS NULL THEN NULL ELSE COALESCE(retired_at, $3) END \
             WHERE list = $4 AND slug = $5",
        )
        .bind(&t.label)
        .bind(position)
        .bind(retired_at)
        .bind(list.key())
        .bind(&t.slug)
        .execute(&mut *conn)
        .await?;
        if updated.rows_affected() == 0 {
            sqlx::query(
                "INSERT INTO catalogue_terms (list, slug, label, position, retired_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(list.key())
            .bind(&t.slug)
            .bind(&t.label)
            .bind(position)
            .bind(retired_at)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}
