//! Search server functions. Anyone may call them.

use crate::error::AppError;
use crate::search::types::{SearchQuery, SearchResults, Suggestion};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Results per page.
pub const PER_PAGE: u32 = 10;
/// Deepest page served.
pub const MAX_PAGE: u32 = 50;

/// Searches everything public. Anyone may call it; page one of a search is
/// logged (the words only) for the hot words.
#[server(endpoint = "search", input = GetUrl)]
pub async fn search(query: SearchQuery) -> Result<SearchResults, AppError> {
    use crate::error::FieldError;
    use crate::search::{
        db::query,
        segment,
        types::{kind_label, kinds, Hit},
    };
    let state = crate::server::context::state()?;
    let mut errors = Vec::new();
    let q = query.q.trim();
    if q.chars().count() > 100 {
        errors.push(FieldError {
            field: "q".into(),
            message: "搜索词不能超过100个字".into(),
        });
    }
    let kind = query.kind.filter(|k| !k.is_empty());
    if let Some(k) = &kind {
        if !kinds().any(|(s, _)| s == k) {
            errors.push(FieldError {
                field: "kind".into(),
                message: "请选择列表中的类别".into(),
            });
        }
    }
    let year = match query
        .year
        .as_deref()
        .map(str::trim)
        .filter(|y| !y.is_empty())
    {
        None => None,
        Some(y) => match y.parse::<i32>() {
            Ok(y) if (1949..=2100).contains(&y) => Some(y),
            _ => {
                errors.push(FieldError {
                    field: "year".into(),
                    message: "年份应为四位数字，如 2016".into(),
                });
                None
            }
        },
    };
    let page = query.page.unwrap_or(1).clamp(1, MAX_PAGE);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let tokens = segment::query_tokens(q);
    let search = query::Search {
        tokens: tokens.clone(),
        kind,
        year,
        by_date: query.sort.as_deref() == Some("date"),
        page,
        per_page: PER_PAGE,
    };
    let now = crate::ui::format::now();
    let (rows, total) = query::run(&state.db, &search, now).await?;
    // The search page's first pages are counted for the hot words by
    // `search::pages::count_searches`, also when they come from the cache.
    let hits = rows
        .into_iter()
        .map(|r| Hit {
            kind: kind_label(&r.kind).to_owned(),
            title_html: crate::search::highlight::highlight(&r.title, &tokens),
            snippet_html: crate::search::highlight::snippet(&r.body, &tokens, 120),
            url: r.url,
            published_on: crate::ui::format::iso_date(r.published_at),
        })
        .collect();
    let approximate = total.approximate;
    let total = total.n;
    let pages = u32::try_from((total + i64::from(PER_PAGE) - 1) / i64::from(PER_PAGE))
        .unwrap_or(MAX_PAGE)
        .min(MAX_PAGE);
    Ok(SearchResults {
        hits,
        total,
        approximate,
        page,
        pages,
        hot: state.hot_words().to_vec(),
    })
}

/// Suggestions while typing: matching titles, then hot words. Anyone may call it.
#[server(endpoint = "search_suggest", input = GetUrl)]
pub async fn search_suggest(q: String) -> Result<Vec<Suggestion>, AppError> {
    let state = crate::server::context::state()?;
    let q = q.trim();
    let hot = state.hot_words();
    if q.is_empty() {
        return Ok(hot
            .iter()
            .map(|w| Suggestion {
                text: w.clone(),
                url: None,
            })
            .collect());
    }
    if q.chars().count() > 50 {
        return Ok(Vec::new());
    }
    let tokens = crate::search::segment::query_tokens(q);
    let mut out: Vec<Suggestion> = crate::search::db::query::titles(&state.db, &tokens, 6)
        .await?
        .into_iter()
        .map(|(text, url)| Suggestion {
            text,
            url: Some(url),
        })
        .collect();
    let normal = crate::search::segment::normalise(q);
    for w in hot.iter().filter(|w| w.contains(&normal)).take(3) {
        out.push(Suggestion {
            text: w.clone(),
            url: None,
        });
    }
    Ok(out)
}
