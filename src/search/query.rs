//! Running a search, on each engine, and marking the matches.

use crate::server::db::{Backend, Db, SqlBuilder};
use crate::ui::format::unix_at;
use chrono::{NaiveDate, NaiveTime};

/// A result row.
#[derive(Debug, Clone, sqlx::FromRow)]
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

/// Register rows (one licence, one procurement…) count for less than
/// documents: a search is usually after the policy, and a register's own
/// table is the better way into its rows.
const REGISTER_WEIGHT: &str = "(CASE WHEN d.kind = 'register' THEN 0.6 ELSE 1.0 END)";

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

/// The engine's match expression for `tokens`, optionally in titles only.
fn match_expr(backend: Backend, tokens: &[String], titles_only: bool) -> String {
    match backend {
        // Tokens are letters and digits only, so quoting cannot be escaped from.
        Backend::Sqlite => {
            let terms = tokens
                .iter()
                .map(|t| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(" ");
            if titles_only {
                format!("title_tokens : ({terms})")
            } else {
                terms
            }
        }
        Backend::Postgres => tokens
            .iter()
            .map(|t| {
                if titles_only {
                    format!("'{t}':A")
                } else {
                    format!("'{t}'")
                }
            })
            .collect::<Vec<_>>()
            .join(" & "),
    }
}

fn base(backend: Backend, select: &str, expr: String) -> SqlBuilder {
    match backend {
        Backend::Sqlite => {
            let mut q = SqlBuilder::new(&format!(
                "SELECT {select} FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid WHERE search_fts MATCH "
            ));
            q.bind_text(expr);
            q
        }
        Backend::Postgres => {
            let mut q = SqlBuilder::new(&format!(
                "SELECT {select} FROM search_docs d WHERE d.tsv @@ CAST("
            ));
            q.bind_text(expr).push(" AS tsquery)");
            q
        }
    }
}

/// One page of results and how many there are in all.
pub async fn run(db: &Db, s: &Search, now: i64) -> Result<(Vec<Row>, i64), sqlx::Error> {
    if s.tokens.is_empty() {
        return Ok((Vec::new(), 0));
    }
    let backend = db.backend();
    let expr = match_expr(backend, &s.tokens, false);
    let mut count = base(backend, "COUNT(*)", expr.clone());
    filters(&mut count, s);
    let (total,): (i64,) = count.query_as().fetch_one(db.pool()).await?;
    if total == 0 {
        return Ok((Vec::new(), 0));
    }
    let mut q = base(
        backend,
        "d.kind, d.title, d.body, d.url, d.published_at",
        expr.clone(),
    );
    filters(&mut q, s);
    if s.by_date {
        q.push(" ORDER BY d.published_at DESC, d.id DESC");
    } else {
        let age = format!("(1.0 + ({now} - d.published_at) / {DECADE})");
        match backend {
            // bm25 is negative, smaller is better: an older item moves towards zero.
            // A word in the title outweighs many in the body.
            Backend::Sqlite => q.push(&format!(
                " ORDER BY bm25(search_fts, 20.0, 1.0) / {age} * {REGISTER_WEIGHT}, d.published_at DESC"
            )),
            Backend::Postgres => {
                // Weights for D (body) … A (title): a title word outweighs many in the body.
                q.push(" ORDER BY ts_rank('{0.02, 0.05, 0.1, 1.0}', d.tsv, CAST(")
                    .bind_text(expr)
                    .push(&format!(
                        " AS tsquery)) / {age} * {REGISTER_WEIGHT} DESC, d.published_at DESC"
                    ))
            }
        };
    }
    q.push(" LIMIT ")
        .bind_int(i64::from(s.per_page))
        .push(" OFFSET ")
        .bind_int(i64::from((s.page - 1) * s.per_page));
    let rows: Vec<Row> = q.query_as().fetch_all(db.pool()).await?;
    Ok((rows, total))
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
    let backend = db.backend();
    let mut q = base(backend, "d.title, d.url", match_expr(backend, tokens, true));
    q.push(" ORDER BY d.published_at DESC LIMIT ")
        .bind_int(limit);
    q.query_as().fetch_all(db.pool()).await
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Which characters of `text` match any token (compared as normalised).
fn marks(text: &[char], tokens: &[Vec<char>]) -> Vec<bool> {
    let norm: Vec<char> = text
        .iter()
        .map(|c| {
            super::segment::normalise(&c.to_string())
                .chars()
                .next()
                .unwrap_or(*c)
        })
        .collect();
    let mut marked = vec![false; text.len()];
    for t in tokens.iter().filter(|t| !t.is_empty()) {
        let mut i = 0;
        while i + t.len() <= norm.len() {
            if norm[i..i + t.len()] == t[..] {
                marked[i..i + t.len()].iter_mut().for_each(|m| *m = true);
                i += t.len();
            } else {
                i += 1;
            }
        }
    }
    marked
}

fn render(text: &[char], marked: &[bool]) -> String {
    let mut out = String::new();
    let mut open = false;
    for (c, m) in text.iter().zip(marked) {
        if *m && !open {
            out.push_str("<mark>");
            open = true;
        } else if !*m && open {
            out.push_str("</mark>");
            open = false;
        }
        out.push_str(&escape(&c.to_string()));
    }
    if open {
        out.push_str("</mark>");
    }
    out
}

/// The text, escaped, with every match in `<mark>`.
pub fn highlight(text: &str, tokens: &[String]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let tokens: Vec<Vec<char>> = tokens.iter().map(|t| t.chars().collect()).collect();
    render(&chars, &marks(&chars, &tokens))
}

/// About `width` characters of `text` around its first match, escaped and marked.
pub fn snippet(text: &str, tokens: &[String], width: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let toks: Vec<Vec<char>> = tokens.iter().map(|t| t.chars().collect()).collect();
    let marked = marks(&chars, &toks);
    let first = marked.iter().position(|m| *m).unwrap_or(0);
    let start = first.saturating_sub(width / 3);
    let end = (start + width).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(&render(&chars[start..end], &marked[start..end]));
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_marked_and_html_escaped() {
        let t = vec!["政务".to_owned(), "公开".to_owned()];
        assert_eq!(
            highlight("<b>政务公开</b>工作", &t),
            "&lt;b&gt;<mark>政务公开</mark>&lt;/b&gt;工作"
        );
        assert_eq!(
            highlight("Leptos 框架", &["leptos".to_owned()]),
            "<mark>Leptos</mark> 框架"
        );
    }

    #[test]
    fn snippets_centre_on_the_first_match() {
        let text = format!(
            "{}相关解读材料于文件公开后发布{}",
            "甲".repeat(100),
            "乙".repeat(100)
        );
        let s = snippet(&text, &["解读".to_owned()], 40);
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert!(s.contains("<mark>解读</mark>"));
        assert!(s.chars().count() < 80);
    }

    #[test]
    fn match_expressions_quote_every_word() {
        let t = vec!["政务".to_owned(), "2016".to_owned()];
        assert_eq!(match_expr(Backend::Sqlite, &t, false), "\"政务\" \"2016\"");
        assert_eq!(
            match_expr(Backend::Sqlite, &t, true),
            "title_tokens : (\"政务\" \"2016\")"
        );
        assert_eq!(match_expr(Backend::Postgres, &t, false), "'政务' & '2016'");
        assert_eq!(
            match_expr(Backend::Postgres, &t, true),
            "'政务':A & '2016':A"
        );
    }
}
