//! Register queries. Public reads select only `public_fields` (the masked
//! copy), so no public page, export or feed can show an original.

use super::schema::Register;
use super::types::{BudgetLine, Party, PublicRow, TimelineEntry};
use super::validate::Fields;
use crate::server::db::{Backend, Db, SqlBuilder};

/// A validated table view.
#[derive(Debug, Clone)]
pub struct View {
    pub q: Option<String>,
    pub year: Option<i32>,
    pub category: Option<String>,
    pub status: Option<String>,
    /// Generic column to sort on.
    pub column: &'static str,
    pub desc: bool,
    /// Staff see rows the public no longer does.
    pub include_hidden: bool,
}

impl View {
    pub fn all(register: Register) -> View {
        let (key, desc) = register.default_sort();
        let column = register
            .sortable()
            .into_iter()
            .find(|(k, _)| *k == key)
            .map_or("id", |(_, c)| c);
        View {
            q: None,
            year: None,
            category: None,
            status: None,
            column,
            desc,
            include_hidden: false,
        }
    }
}

/// The public condition: not withdrawn, and still within its 公示期.
fn public_condition(q: &mut SqlBuilder, today: &str) {
    q.push(" AND r.withdrawn_at IS NULL AND (r.public_until = '' OR r.public_until >= ")
        .bind_text(today)
        .push(")");
}

fn like_pattern(s: &str) -> String {
    let mut p = String::from("%");
    for c in s.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

fn filtered(
    backend: Backend,
    select: &str,
    register: Register,
    v: &View,
    today: &str,
) -> SqlBuilder {
    filtered_from(backend, select, Source::Table, register, v, today)
}

/// Where a view's rows are read from.
enum Source<'a> {
    /// The table, through whichever index the planner picks.
    Table,
    /// Only the rows the character-pair index (SQLite) offers for this
    /// MATCH expression.
    Grams(&'a str),
    /// Every row with text, from the partial index of it (SQLite), in no
    /// order: to count a common word's matches.
    VisibleText,
}

fn filtered_from(
    backend: Backend,
    select: &str,
    source: Source<'_>,
    register: Register,
    v: &View,
    today: &str,
) -> SqlBuilder {
    let mut q = SqlBuilder::new(&format!("SELECT {select} FROM "));
    match source {
        Source::Table => q.push("register_rows r WHERE r.register = "),
        // CROSS JOIN keeps the index's rows as the outer loop.
        Source::Grams(expr) => q
            .push("(SELECT rowid AS gid FROM register_grams WHERE register_grams MATCH ")
            .bind_text(expr)
            .push(") g CROSS JOIN register_rows r ON r.id = g.gid WHERE r.register = "),
        // Named, as the planner may not think of it; a partial index, so
        // the query repeats its condition.
        Source::VisibleText => q.push(
            "register_rows r INDEXED BY register_rows_visible_text \
             WHERE r.search_text <> '' AND r.register = ",
        ),
    };
    q.bind_text(register.slug());
    if !v.include_hidden {
        public_condition(&mut q, today);
    }
    if let Some(c) = &v.category {
        q.push(" AND r.category = ").bind_text(c.clone());
    }
    if let Some(s) = &v.status {
        q.push(" AND r.status = ").bind_text(s.clone());
    }
    if let Some(y) = v.year {
        if register.columns().date.is_some() {
            q.push(" AND r.decided_on >= ")
                .bind_text(format!("{y:04}-01-01"))
                .push(" AND r.decided_on < ")
                .bind_text(format!("{:04}-01-01", y + 1));
        } else {
            q.push(" AND r.year = ").bind_int(i64::from(y));
        }
    }
    if let Some(text) = &v.q {
        // A plain substring search: both engines' own function is several
        // times faster than LIKE '%…%' over every row's text.
        match backend {
            Backend::Sqlite => q.push(" AND instr(r.search_text, "),
            Backend::Postgres => q.push(" AND strpos(r.search_text, "),
        };
        q.bind_text(text.to_lowercase()).push(") > 0");
    }
    q
}

fn grams_source(expr: Option<&str>) -> Source<'_> {
    expr.map_or(Source::Table, Source::Grams)
}

#[derive(sqlx::FromRow)]
struct RowRecord {
    id: i64,
    public_fields: String,
    masked: String,
    public_until: String,
    withdrawn_at: Option<i64>,
}

const ROW_COLUMNS: &str = "r.id, r.public_fields, r.masked, r.public_until, r.withdrawn_at";

fn public_row(register: Register, r: RowRecord, today: &str) -> PublicRow {
    let map: Fields = serde_json::from_str(&r.public_fields).unwrap_or_default();
    let fields = register
        .fields()
        .iter()
        .map(|f| {
            (
                f.key.to_owned(),
                map.get(f.key).cloned().unwrap_or_default(),
            )
        })
        .collect();
    let hidden = if r.withdrawn_at.is_some() {
        Some("已撤销".to_owned())
    } else if !r.public_until.is_empty() && r.public_until.as_str() < today {
        Some("公示期满".to_owned())
    } else {
        None
    };
    PublicRow {
        id: r.id,
        fields,
        masked: r
            .masked
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        hidden,
    }
}

/// One page of a register (1-based), with the total (free-text matches
/// counted up to TEXT_COUNT_CAP + 1). The page's ids come from an index
/// first; only those rows are then read whole.
pub async fn list(
    db: &Db,
    register: Register,
    v: &View,
    today: &str,
    page: u32,
    size: u32,
) -> Result<(Vec<PublicRow>, i64), sqlx::Error> {
    list_capped(db, register, v, today, page, size, TEXT_COUNT_CAP).await
}

/// `list` with free-text matches counted up to `cap + 1` (tests take a
/// small cap to reach the way common words are served).
pub async fn list_capped(
    db: &Db,
    register: Register,
    v: &View,
    today: &str,
    page: u32,
    size: u32,
    cap: i64,
) -> Result<(Vec<PublicRow>, i64), sqlx::Error> {
    let dir = if v.desc { "DESC" } else { "ASC" };
    let mut q = filtered(db.backend(), "r.id", register, v, today);
    q.push(&format!(
        " ORDER BY r.{col} {dir}, r.id {dir} LIMIT ",
        col = v.column
    ));
    let offset = i64::from(page.saturating_sub(1)) * i64::from(size);
    let page_of = |all: Vec<(i64,)>| -> Vec<(i64,)> {
        all.into_iter()
            .skip(offset as usize)
            .take(size as usize)
            .collect()
    };
    let (ids, text_total): (Vec<(i64,)>, Option<i64>) = match &v.q {
        None => {
            q.bind_int(i64::from(size))
                .push(" OFFSET ")
                .bind_int(offset);
            (q.query_as().fetch_all(db.pool()).await?, None)
        }
        Some(text) => {
            let text = text.to_lowercase();
            // Up to half as many again as the cap, the candidates' rows are
            // read one by one; past that a walk in order is cheaper (a
            // candidate's row costs about four rows of the walk).
            let many = cap + cap / 2;
            match grams::candidates(db, register, &text, many).await? {
                Some(0) => (Vec::new(), Some(0)),
                // Few rows can match: only those are read, sorted, and the
                // ids of all matches give both the page and the count.
                Some(n) if n <= cap => {
                    let expr = grams::expression(register.slug(), &text);
                    let mut q = filtered_from(
                        db.backend(),
                        "r.id",
                        grams_source(expr.as_deref()),
                        register,
                        v,
                        today,
                    );
                    q.push(&format!(
                        " ORDER BY r.{col} {dir}, r.id {dir} LIMIT ",
                        col = v.column
                    ))
                    .bind_int(cap + 1);
                    let all: Vec<(i64,)> = q.query_as().fetch_all(db.pool()).await?;
                    let n = all.len() as i64;
                    (page_of(all), Some(n))
                }
                // More than the cap can: the word is common, so a walk in
                // order finds a page at once, and the count stops at cap + 1
                // matches. Up to `many` candidates it reads only theirs; past
                // that, reading so many rows one by one costs more than
                // reading every visible row's text, in no order, from the
                // partial index of it (unless another filter's own index
                // narrows the rows first).
                Some(n) => {
                    let expr = grams::expression(register.slug(), &text);
                    let source = if n <= many {
                        grams_source(expr.as_deref())
                    } else if v.year.is_none() && v.category.is_none() && v.status.is_none() {
                        Source::VisibleText
                    } else {
                        Source::Table
                    };
                    let mut count = filtered_from(db.backend(), "r.id", source, register, v, today);
                    count
                        .push(" LIMIT ")
                        .bind_int(cap + 1)
                        .wrap("SELECT COUNT(*) FROM (", ") AS c");
                    let (n,): (i64,) = count.query_as().fetch_one(db.pool()).await?;
                    q.bind_int(i64::from(size))
                        .push(" OFFSET ")
                        .bind_int(offset);
                    (q.query_as().fetch_all(db.pool()).await?, Some(n))
                }
                // No index (PostgreSQL): rows are walked in the view's order,
                // each row's text read once from a covering index, and the
                // ids of up to cap + 1 matches give the page and the count.
                None => {
                    q.bind_int(cap + 1);
                    let all: Vec<(i64,)> = q.query_as().fetch_all(db.pool()).await?;
                    let n = all.len() as i64;
                    (page_of(all), Some(n))
                }
            }
        }
    };
    let mut rows = Vec::with_capacity(ids.len());
    if !ids.is_empty() {
        let mut fetch = SqlBuilder::new(&format!(
            "SELECT {ROW_COLUMNS} FROM register_rows r WHERE r.id IN ("
        ));
        for (i, (id,)) in ids.iter().enumerate() {
            if i > 0 {
                fetch.push(", ");
            }
            fetch.bind_int(*id);
        }
        fetch.push(")");
        let mut found: Vec<RowRecord> = fetch.query_as().fetch_all(db.pool()).await?;
        for (id,) in &ids {
            if let Some(i) = found.iter().position(|r| r.id == *id) {
                rows.push(public_row(register, found.swap_remove(i), today));
            }
        }
    }
    if let Some(n) = text_total {
        return Ok((rows, n));
    }
    // A first page that is not full tells the total by itself.
    if page <= 1 && rows.len() < size as usize {
        let n = rows.len() as i64;
        return Ok((rows, n));
    }
    let (total,): (i64,) = filtered(db.backend(), "COUNT(*)", register, v, today)
        .query_as()
        .fetch_one(db.pool())
        .await?;
    Ok((rows, total))
}

/// Free-text matches are counted up to this many; more show as "more than".
pub const TEXT_COUNT_CAP: i64 = 10_000;

/// Rows after `after_id` in id order (for exports, which stream in chunks).
pub async fn export_chunk(
    db: &Db,
    register: Register,
    v: &View,
    today: &str,
    after_id: i64,
    size: i64,
) -> Result<Vec<PublicRow>, sqlx::Error> {
    let mut q = filtered(db.backend(), ROW_COLUMNS, register, v, today);
    q.push(" AND r.id > ")
        .bind_int(after_id)
        .push(" ORDER BY r.id LIMIT ")
        .bind_int(size);
    let rows: Vec<RowRecord> = q.query_as().fetch_all(db.pool()).await?;
    Ok(rows
        .into_iter()
        .map(|r| public_row(register, r, today))
        .collect())
}

/// The years a register's rows span, newest first.
pub async fn years(db: &Db, register: Register) -> Result<Vec<i32>, sqlx::Error> {
    let (min, max): (Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT MIN(year), MAX(year) FROM register_rows WHERE register = $1 AND year > 0",
    )
    .bind(register.slug())
    .fetch_one(db.pool())
    .await?;
    Ok(match (min, max) {
        (Some(a), Some(b)) => (a as i32..=b as i32).rev().collect(),
        _ => Vec::new(),
    })
}

/// Public row counts per register.
pub async fn counts(db: &Db, today: &str) -> Result<Vec<(Register, i64)>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT r.register, COUNT(*) FROM register_rows r WHERE r.withdrawn_at IS NULL \
         AND (r.public_until = '' OR r.public_until >= $1) GROUP BY r.register",
    )
    .bind(today)
    .fetch_all(db.pool())
    .await?;
    Ok(Register::ALL
        .into_iter()
        .map(|r| {
            let n = rows
                .iter()
                .find(|(s, _)| s == r.slug())
                .map_or(0, |(_, n)| *n);
            (r, n)
        })
        .collect())
}

/// A whole row, originals included (staff and the row page use it).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FullRow {
    pub id: i64,
    pub register: String,
    pub ref_no: String,
    pub title: String,
    pub credit_code: String,
    pub public_until: String,
    pub fields: String,
    pub public_fields: String,
    pub masked: String,
    pub withdrawn_at: Option<i64>,
    pub withdraw_reason: Option<String>,
    pub version: i64,
    pub updated_at: i64,
}

impl FullRow {
    pub fn register(&self) -> Option<Register> {
        Register::from_slug(&self.register)
    }

    pub fn public(&self, today: &str) -> Option<PublicRow> {
        let register = self.register()?;
        Some(public_row(
            register,
            RowRecord {
                id: self.id,
                public_fields: self.public_fields.clone(),
                masked: self.masked.clone(),
                public_until: self.public_until.clone(),
                withdrawn_at: self.withdrawn_at,
            },
            today,
        ))
    }

    pub fn original(&self) -> Fields {
        serde_json::from_str(&self.fields).unwrap_or_default()
    }
}

const FULL_COLUMNS: &str =
    "id, register, ref_no, title, credit_code, public_until, fields, public_fields, \
     masked, withdrawn_at, withdraw_reason, version, updated_at";

pub async fn get(db: &Db, id: i64) -> Result<Option<FullRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {FULL_COLUMNS} FROM register_rows WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await
}

/// A row's timeline: its stage dates and its recorded events, in date order.
pub async fn events(db: &Db, id: i64) -> Result<Vec<TimelineEntry>, sqlx::Error> {
    sqlx::query_as(
        "SELECT on_date AS date, stage, note, document FROM register_events WHERE row_id = $1 ORDER BY on_date, id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await
}

pub mod grams;
pub mod search;
mod write;
pub use write::{add_event, existing_refs, import, save, upsert, withdraw};

/// A change for the open-data change list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Change {
    pub seq: i64,
    pub register: String,
    pub row_id: i64,
    pub action: String,
    pub at: i64,
}

/// Changes at or after `since` (unix seconds), after `after_seq`, oldest first.
pub async fn changes(
    db: &Db,
    since: i64,
    after_seq: i64,
    limit: i64,
) -> Result<Vec<Change>, sqlx::Error> {
    sqlx::query_as(
        "SELECT seq, register, row_id, action, at FROM register_changes WHERE at >= $1 AND seq > $2 ORDER BY seq LIMIT $3",
    )
    .bind(since)
    .bind(after_seq)
    .bind(limit)
    .fetch_all(db.pool())
    .await
}

/// Rows whose 公示期 ended between two dates (inclusive of `from`, exclusive of `to`).
pub async fn expired_between(
    db: &Db,
    from: &str,
    to: &str,
) -> Result<Vec<(String, i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT register, id, public_until FROM register_rows WHERE public_until <> '' AND public_until >= $1 \
         AND public_until < $2 AND withdrawn_at IS NULL ORDER BY public_until, id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(db.pool())
    .await
}

/// Organisations whose name or credit code matches, with their record counts.
pub async fn parties(db: &Db, text: &str, today: &str) -> Result<Vec<Party>, sqlx::Error> {
    let mut q = SqlBuilder::new(
        "SELECT r.credit_code, MAX(r.party), COUNT(*) FROM register_rows r WHERE r.credit_code <> ''",
    );
    public_condition(&mut q, today);
    q.push(" AND r.decided_on >= '2015-01-01'");
    if text.len() == 18 && text.is_ascii() {
        q.push(" AND r.credit_code = ")
            .bind_text(text.to_ascii_uppercase());
    } else {
        q.push(" AND r.party LIKE ")
            .bind_text(like_pattern(text))
            .push(" ESCAPE '\\'");
    }
    q.push(" GROUP BY r.credit_code ORDER BY COUNT(*) DESC, r.credit_code LIMIT 50");
    let rows: Vec<(String, String, i64)> = q.query_as().fetch_all(db.pool()).await?;
    Ok(rows
        .into_iter()
        .map(|(code, name, records)| Party {
            code,
            name,
            records,
        })
        .collect())
}

/// An organisation's public records since 2015, per register.
pub async fn party_rows(
    db: &Db,
    code: &str,
    today: &str,
) -> Result<Vec<(Register, PublicRow, bool)>, sqlx::Error> {
    let mut q = SqlBuilder::new(&format!(
        "SELECT {ROW_COLUMNS}, r.register, r.serious FROM register_rows r WHERE r.credit_code = "
    ));
    q.bind_text(code);
    public_condition(&mut q, today);
    q.push(" AND r.decided_on >= '2015-01-01' ORDER BY r.decided_on DESC, r.id DESC LIMIT 500");
    #[derive(sqlx::FromRow)]
    struct PartyRecord {
        id: i64,
        public_fields: String,
        masked: String,
        public_until: String,
        withdrawn_at: Option<i64>,
        register: String,
        serious: i64,
    }
    let rows: Vec<PartyRecord> = q.query_as().fetch_all(db.pool()).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let register = Register::from_slug(&r.register)?;
            let row = public_row(
                register,
                RowRecord {
                    id: r.id,
                    public_fields: r.public_fields,
                    masked: r.masked,
                    public_until: r.public_until,
                    withdrawn_at: r.withdrawn_at,
                },
                today,
            );
            Some((register, row, r.serious == 1))
        })
        .collect())
}

/// Every public budget line.
pub async fn budget_lines(db: &Db) -> Result<Vec<BudgetLine>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, public_fields FROM register_rows WHERE register = 'budgets' AND withdrawn_at IS NULL ORDER BY year, ref_no",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, json)| {
            let f: Fields = serde_json::from_str(&json).unwrap_or_default();
            let g = |k: &str| f.get(k).cloned().unwrap_or_default();
            BudgetLine {
                id,
                year: g("year").parse().unwrap_or(0),
                kind: g("kind"),
                system: g("system"),
                code: g("code"),
                name: g("name"),
                amount: super::validate::parse_money(&g("amount")).unwrap_or(0),
                note: g("note"),
            }
        })
        .collect())
}

/// How many decisions of `register` were made between `from` and `to`
/// (inclusive, `YYYY-MM-DD`), withdrawn rows left out — public or past
/// their publication period alike (the annual report's table 二).
pub async fn decided_between(
    db: &Db,
    register: Register,
    from: &str,
    to: &str,
) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM register_rows WHERE register = $1 AND withdrawn_at IS NULL \
         AND decided_on >= $2 AND decided_on <= $3",
    )
    .bind(register.slug())
    .bind(from)
    .bind(to)
    .fetch_one(db.pool())
    .await?;
    Ok(n)
}
