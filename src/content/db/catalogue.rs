//! The catalogue tree and category lists (keyset-paginated: no OFFSET, so
//! the thousandth page costs what the first does).

use super::{summaries, SummaryRow, PUBLIC_A, SUMMARY_COLUMNS};
use crate::content::taxonomy::{TermList, Validity};
use crate::content::types::{Catalogue, CatalogueNode, CategoryPage, ContentKind};
use crate::server::db::{Db, SqlBuilder};
use crate::ui::format::unix_at;
use chrono::{Datelike, NaiveDate, NaiveTime};

/// A position in a list: the (published_at, id) of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub published_at: i64,
    pub id: i64,
}

impl Cursor {
    /// `1468548000.15` → cursor; anything else → None.
    pub fn parse(s: &str) -> Option<Cursor> {
        let (a, b) = s.split_once('.')?;
        Some(Cursor {
            published_at: a.parse().ok()?,
            id: b.parse().ok()?,
        })
    }

    pub fn encode(self) -> String {
        format!("{}.{}", self.published_at, self.id)
    }
}

/// Where a page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    First,
    Before(Cursor),
    After(Cursor),
}

/// A category list's filters, validated.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub sub: Option<String>,
    pub year: Option<i32>,
    pub validity: Option<Validity>,
    /// A 主题分类 slug.
    pub topic: Option<String>,
}

fn year_bounds(year: i32) -> Option<(i64, i64)> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let end = NaiveDate::from_ymd_opt(year + 1, 1, 1)?;
    Some((unix_at(start, NaiveTime::MIN), unix_at(end, NaiveTime::MIN)))
}

fn filtered(select: &str, kind: ContentKind, f: &Filters) -> SqlBuilder {
    let mut q = SqlBuilder::new(&format!(
        "{select} FROM articles a WHERE {PUBLIC_A} AND a.kind = "
    ));
    q.bind_text(kind.slug());
    if let Some(sub) = &f.sub {
        q.push(" AND a.subtype = ").bind_text(sub.clone());
    }
    if let Some(topic) = &f.topic {
        q.push(" AND a.topic = ").bind_text(topic.as_str());
    }
    if let Some(validity) = f.validity {
        q.push(" AND a.validity = ").bind_text(validity.slug());
    }
    if let Some((start, end)) = f.year.and_then(year_bounds) {
        q.push(" AND a.published_at >= ")
            .bind_int(start)
            .push(" AND a.published_at < ")
            .bind_int(end);
    }
    q
}

/// One page of a category, newest first, with the total and the years present.
pub async fn category_page(
    db: &Db,
    kind: ContentKind,
    filters: &Filters,
    position: Position,
    size: i64,
) -> Result<CategoryPage, sqlx::Error> {
    let mut q = filtered(&format!("SELECT {SUMMARY_COLUMNS}"), kind, filters);
    match position {
        Position::First => {
            q.push(" ORDER BY a.published_at DESC, a.id DESC LIMIT ");
        }
        Position::Before(c) => {
            q.push(" AND (a.published_at, a.id) < (")
                .bind_int(c.published_at)
                .push(", ")
                .bind_int(c.id);
            q.push(") ORDER BY a.published_at DESC, a.id DESC LIMIT ");
        }
        Position::After(c) => {
            q.push(" AND (a.published_at, a.id) > (")
                .bind_int(c.published_at)
                .push(", ")
                .bind_int(c.id);
            q.push(") ORDER BY a.published_at ASC, a.id ASC LIMIT ");
        }
    }
    q.bind_int(size + 1);
    let mut rows: Vec<SummaryRow> = q.query_as().fetch_all(db.pool()).await?;
    let more = rows.len() as i64 > size;
    rows.truncate(size as usize);
    if matches!(position, Position::After(_)) {
        rows.reverse();
    }
    let cursor = |r: &SummaryRow| {
        Cursor {
            published_at: r.published_at,
            id: r.id,
        }
        .encode()
    };
    let (prev, next) = match position {
        Position::First => (None, more.then(|| rows.last().map(cursor)).flatten()),
        Position::Before(_) => (
            rows.first().map(cursor),
            more.then(|| rows.last().map(cursor)).flatten(),
        ),
        Position::After(_) => (
            more.then(|| rows.first().map(cursor)).flatten(),
            rows.last().map(cursor),
        ),
    };
    let items = summaries(rows);

    let count = filtered("SELECT COUNT(*)", kind, filters);
    let (total,): (i64,) = count.query_as().fetch_one(db.pool()).await?;

    let (min, max): (Option<i64>, Option<i64>) = sqlx::query_as(&format!(
        "SELECT MIN(a.published_at), MAX(a.published_at) FROM articles a WHERE {PUBLIC_A} AND a.kind = $1"
    ))
    .bind(kind.slug())
    .fetch_one(db.pool())
    .await?;
    let years = match (min, max) {
        (Some(min), Some(max)) => {
            let (from, to) = (
                super::beijing_date(min).year(),
                super::beijing_date(max).year(),
            );
            (from..=to).rev().collect()
        }
        _ => Vec::new(),
    };
    let tally = if kind.tallied_by_year() {
        year_tally(db, kind).await?
    } else {
        Vec::new()
    };
    Ok(CategoryPage {
        kind,
        items,
        total,
        years,
        tally,
        next,
        prev,
    })
}

/// The public items of `kind` per year of publication (Beijing time) and
/// 子类别, newest year first.
async fn year_tally(
    db: &Db,
    kind: ContentKind,
) -> Result<Vec<(i32, Vec<(String, i64)>)>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(&format!(
        "SELECT a.published_at, a.subtype FROM articles a WHERE {PUBLIC_A} AND a.kind = $1"
    ))
    .bind(kind.slug())
    .fetch_all(db.pool())
    .await?;
    let mut by_year: std::collections::BTreeMap<i32, Vec<(String, i64)>> = Default::default();
    for (at, subtype) in rows {
        let counts = by_year.entry(super::beijing_date(at).year()).or_default();
        match counts.iter_mut().find(|(s, _)| *s == subtype) {
            Some((_, n)) => *n += 1,
            None => counts.push((subtype, 1)),
        }
    }
    Ok(by_year.into_iter().rev().collect())
}

/// Every kind with its public count and its sub-kinds' counts.
pub async fn catalogue(db: &Db) -> Result<Catalogue, sqlx::Error> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(&format!(
        "SELECT a.kind, a.subtype, COUNT(*) FROM articles a WHERE {PUBLIC_A} GROUP BY a.kind, a.subtype"
    ))
    .fetch_all(db.pool())
    .await?;
    let terms = super::terms::all(db).await?;
    let nodes: Vec<CatalogueNode> = ContentKind::ALL
        .into_iter()
        .map(|kind| {
            let of_kind = rows.iter().filter(|(k, _, _)| k == kind.slug());
            let count = of_kind.clone().map(|(_, _, n)| n).sum();
            // Retired 子类别 stay in the tree while items are filed there.
            let subtypes = terms
                .of(TermList::Subtype(kind))
                .iter()
                .map(|t| {
                    let n: i64 = of_kind
                        .clone()
                        .filter(|(_, s, _)| *s == t.slug)
                        .map(|(_, _, n)| n)
                        .sum();
                    (t, n)
                })
                .filter(|(t, n)| !t.retired || *n > 0)
                .map(|(t, n)| (t.slug.clone(), t.label.clone(), n))
                .collect();
            CatalogueNode {
                kind,
                count,
                subtypes,
            }
        })
        .collect();
    let total = nodes.iter().map(|n| n.count).sum();
    let (topics,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM topics WHERE status = 'published'")
            .fetch_one(db.pool())
            .await?;
    Ok(Catalogue {
        nodes,
        total,
        topics,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_junk() {
        let c = Cursor {
            published_at: 1_468_548_000,
            id: 15,
        };
        assert_eq!(Cursor::parse(&c.encode()), Some(c));
        assert_eq!(Cursor::parse("abc"), None);
        assert_eq!(Cursor::parse("1.x"), None);
    }

    #[test]
    fn a_year_is_bounded_in_beijing_time() {
        let (start, end) = year_bounds(2016).expect("bounds");
        assert_eq!(crate::ui::format::iso_date(start), "2016-01-01");
        assert_eq!(crate::ui::format::iso_date(end - 1), "2016-12-31");
    }
}
