//! On SQLite, a character-pair index of each register row's `search_text`,
//! so a free-text filter reads only the rows that can match instead of every
//! row's text. A row's terms are its register and every pair of adjacent
//! characters (plus the text's last character alone); a query of two or more
//! characters needs all its pairs, a one-character query any pair that starts
//! with it. Pairs can meet out of order, so the substring test still decides:
//! the index only narrows the rows it runs on. PostgreSQL keeps its scan
//! (under 50 ms at 100,000 rows without an index) and has no such table.
//!
//! Terms are written as hexadecimal code points (`x00798f005dde` for 福州),
//! so the FTS5 tokenizer never decides what a character is and no search
//! text ever reaches the MATCH syntax.

use crate::registers::schema::Register;
use crate::server::db::{Backend, Db, SqlBuilder};
use sqlx::AnyConnection;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// One character's part of a term: six hex digits hold every code point.
fn push_char(term: &mut String, c: char) {
    let _ = write!(term, "{:06x}", u32::from(c));
}

fn register_term(register: &str) -> String {
    let mut t = String::from("r");
    t.extend(register.chars().filter(char::is_ascii_alphanumeric));
    t
}

/// A row's terms, space-separated: its register, its character pairs and its
/// last character.
pub fn terms(register: &str, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut set = BTreeSet::new();
    for w in chars.windows(2) {
        let mut t = String::from("x");
        push_char(&mut t, w[0]);
        push_char(&mut t, w[1]);
        set.insert(t);
    }
    if let Some(&last) = chars.last() {
        let mut t = String::from("x");
        push_char(&mut t, last);
        set.insert(t);
    }
    let mut out = register_term(register);
    for t in set {
        out.push(' ');
        out.push_str(&t);
    }
    out
}

/// The MATCH expression for rows of `register` whose text may contain `q`
/// (already lowercased as `search_text` is); None for an empty query.
pub fn expression(register: &str, q: &str) -> Option<String> {
    let chars: Vec<char> = q.chars().collect();
    let mut parts = vec![register_term(register)];
    match chars.as_slice() {
        [] => return None,
        [c] => {
            let mut t = String::from("x");
            push_char(&mut t, *c);
            t.push('*');
            parts.push(t);
        }
        _ => {
            let pairs: BTreeSet<String> = chars
                .windows(2)
                .map(|w| {
                    let mut t = String::from("x");
                    push_char(&mut t, w[0]);
                    push_char(&mut t, w[1]);
                    t
                })
                .collect();
            parts.extend(pairs);
        }
    }
    Some(parts.join(" AND "))
}

/// Brings the terms of rows `ids` up to date (after an insert or an update
/// of their text), in the caller's transaction. Nothing on PostgreSQL.
pub async fn sync_rows(
    conn: &mut AnyConnection,
    backend: Backend,
    ids: &[i64],
) -> Result<(), sqlx::Error> {
    if backend != Backend::Sqlite {
        return Ok(());
    }
    for chunk in ids.chunks(500) {
        let mut delete = SqlBuilder::new("DELETE FROM register_grams WHERE rowid IN (");
        id_list(&mut delete, chunk);
        sqlx::query_with(delete.sql(), delete.arguments())
            .execute(&mut *conn)
            .await?;
        let mut select =
            SqlBuilder::new("SELECT id, register, search_text FROM register_rows WHERE id IN (");
        id_list(&mut select, chunk);
        let rows: Vec<(i64, String, String)> = select.query_as().fetch_all(&mut *conn).await?;
        insert(conn, &rows).await?;
    }
    Ok(())
}

fn id_list(q: &mut SqlBuilder, ids: &[i64]) {
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            q.push(", ");
        }
        q.bind_int(*id);
    }
    q.push(")");
}

/// Adds the terms of (id, register, text) rows not yet in the index.
async fn insert(
    conn: &mut AnyConnection,
    rows: &[(i64, String, String)],
) -> Result<(), sqlx::Error> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut q = SqlBuilder::new("INSERT INTO register_grams (rowid, terms) VALUES ");
    for (i, (id, register, text)) in rows.iter().enumerate() {
        if i > 0 {
            q.push(", ");
        }
        q.push("(")
            .bind_int(*id)
            .push(", ")
            .bind_text(terms(register, text))
            .push(")");
    }
    sqlx::query_with(q.sql(), q.arguments())
        .execute(conn)
        .await?;
    Ok(())
}

/// Fills the index when rows exist but it is empty: a database made before
/// it existed, on its first start. Returns how many rows it indexed.
pub async fn build_if_missing(db: &Db) -> Result<u64, sqlx::Error> {
    if db.backend() != Backend::Sqlite {
        return Ok(0);
    }
    let indexed: Option<(i64,)> = sqlx::query_as("SELECT rowid FROM register_grams LIMIT 1")
        .fetch_optional(db.pool())
        .await?;
    if indexed.is_some() {
        return Ok(0);
    }
    let mut after = 0_i64;
    let mut done = 0_u64;
    loop {
        let rows: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT id, register, search_text FROM register_rows WHERE id > $1 ORDER BY id LIMIT 500",
        )
        .bind(after)
        .fetch_all(db.pool())
        .await?;
        let Some(&(last, _, _)) = rows.last() else {
            return Ok(done);
        };
        let mut tx = db.begin_write().await?;
        insert(&mut tx, &rows).await?;
        tx.commit().await?;
        done += rows.len() as u64;
        after = last;
    }
}

/// How many rows of `register` the index offers for `q`, counted up to
/// `cap + 1` (None without a query or on PostgreSQL).
pub async fn candidates(
    db: &Db,
    register: Register,
    q: &str,
    cap: i64,
) -> Result<Option<i64>, sqlx::Error> {
    if db.backend() != Backend::Sqlite {
        return Ok(None);
    }
    let Some(expr) = expression(register.slug(), q) else {
        return Ok(None);
    };
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM (SELECT rowid FROM register_grams WHERE register_grams MATCH $1 LIMIT $2)",
    )
    .bind(expr)
    .bind(cap + 1)
    .fetch_one(db.pool())
    .await?;
    Ok(Some(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rows_terms_are_its_register_its_pairs_and_its_last_character() {
        assert_eq!(
            terms("licences", "福州福"),
            "rlicences x005dde00798f x00798f x00798f005dde"
        );
        assert_eq!(terms("power", ""), "rpower");
    }

    #[test]
    fn a_query_needs_its_pairs_or_one_characters_prefix() {
        assert_eq!(
            expression("inspection-items", "福州").as_deref(),
            Some("rinspectionitems AND x00798f005dde")
        );
        assert_eq!(
            expression("licences", "福").as_deref(),
            Some("rlicences AND x00798f*")
        );
        // A repeated pair is asked for once; characters beyond the Basic
        // Multilingual Plane fit the six digits.
        assert_eq!(
            expression("licences", "aaa𠀀").as_deref(),
            Some("rlicences AND x000061000061 AND x000061020000")
        );
        assert_eq!(expression("licences", ""), None);
    }
}
