//! Server functions for reading published content. Anyone may call them:
//! they only ever return public items (published and 主动公开).

use crate::content::types::{
    Article, ArticlePage, AwaitingInterpretation, Catalogue, CategoryPage, CategoryQuery, HomeData,
    InterpretedDocument, StaticPage, TopicPage, TopicSummary,
};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Items a list page shows.
pub const PAGE_SIZE: u32 = 20;

/// This domain's staff server functions and the role each requires (the
/// router checks it before reading arguments; see `server::router`).
pub const STAFF_FUNCTIONS: &[(&str, crate::account::types::Role)] = &[(
    "list_awaiting_interpretation",
    crate::account::types::Role::Editor,
)];

/// One public item by id with its catalogue metadata. Anyone may call it.
#[server(endpoint = "get_article", input = GetUrl)]
pub async fn get_article(id: i64) -> Result<Article, AppError> {
    let state = crate::server::context::state()?;
    match crate::content::db::find_public_article(&state.db, id, &state.calendar(), state.today())
        .await?
    {
        Some(article) => Ok(article),
        None => match crate::content::db::withdrawal(&state.db, id).await? {
            Some((title, reason, at)) => Err(AppError::Withdrawn {
                title,
                reason,
                on: crate::ui::format::date_zh(&crate::ui::format::iso_date(at)),
            }),
            None => Err(AppError::NotFound),
        },
    }
}

/// One page (1-based) of all public items, newest first. Anyone may call it.
#[server(endpoint = "list_articles", input = GetUrl)]
pub async fn list_articles(page: u32) -> Result<ArticlePage, AppError> {
    let db = crate::server::context::db()?;
    let total = crate::content::db::count_public(&db).await?;
    let pages = crate::ui::pagination::page_count(total, PAGE_SIZE);
    if page == 0 || page > pages {
        return Err(AppError::NotFound);
    }
    let offset = i64::from(page - 1) * i64::from(PAGE_SIZE);
    let items = crate::content::db::latest(&db, None, i64::from(PAGE_SIZE), offset).await?;
    Ok(ArticlePage {
        items,
        page,
        pages,
        total,
    })
}

/// What the home page lists. Anyone may call it.
#[server(endpoint = "get_home", input = GetUrl)]
pub async fn get_home() -> Result<HomeData, AppError> {
    use crate::content::types::ContentKind;
    let db = crate::server::context::db()?;
    let latest = |kind, n| crate::content::db::latest(&db, Some(kind), n, 0);
    let (news, policies, notices, interpretations, topics) = futures::try_join!(
        latest(ContentKind::News, 8),
        latest(ContentKind::Policy, 5),
        latest(ContentKind::Notice, 5),
        latest(ContentKind::Interpretation, 5),
        crate::content::db::list_topics(&db),
    )?;
    Ok(HomeData {
        news,
        policies,
        notices,
        interpretations,
        topics,
    })
}

/// The catalogue tree with counts per category. Anyone may call it.
#[server(endpoint = "get_catalogue", input = GetUrl)]
pub async fn get_catalogue() -> Result<Catalogue, AppError> {
    let db = crate::server::context::db()?;
    Ok(crate::content::db::catalogue(&db).await?)
}

/// One page of a category, filtered by sub-kind, year, validity and topic.
/// Anyone may call it; a filter value that makes no sense is refused with a
/// message naming it.
#[server(endpoint = "list_category", input = GetUrl)]
pub async fn list_category(query: CategoryQuery) -> Result<CategoryPage, AppError> {
    use crate::content::db::{Cursor, Position};
    use crate::content::taxonomy::{ContentKind, Validity};
    use crate::error::FieldError;

    let db = crate::server::context::db()?;
    let kind = ContentKind::from_slug(&query.kind).ok_or(AppError::NotFound)?;
    let mut errors = Vec::new();
    let mut error = |field: &str, message: &str| {
        errors.push(FieldError {
            field: field.to_owned(),
            message: message.to_owned(),
        })
    };
    let sub = query.sub.filter(|s| !s.is_empty());
    if let Some(s) = &sub {
        let known = crate::content::db::terms::all(&db)
            .await?
            .label(crate::content::taxonomy::TermList::Subtype(kind), s)
            .is_some();
        if !known {
            error("sub", "请选择列表中的类别");
        }
    }
    let year = match query
        .year
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(y) => match y.parse::<i32>() {
            Ok(y) if (1949..=2100).contains(&y) => Some(y),
            _ => {
                error("year", "年份应为四位数字，如 2016");
                None
            }
        },
    };
    let validity = match query.validity.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(v) => {
            let parsed = Validity::from_slug(v);
            if parsed.is_none() {
                error("validity", "请选择列表中的有效性");
            }
            parsed
        }
    };
    let topic = match query.topic.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(t) => {
            let known = crate::content::db::terms::all(&db)
                .await?
                .label(crate::content::taxonomy::TermList::Subject, t)
                .is_some();
            if !known {
                error("topic", "请选择列表中的主题分类");
            }
            known.then(|| t.to_owned())
        }
    };
    let position = match (query.before.as_deref(), query.after.as_deref()) {
        (Some(b), _) => Position::Before(Cursor::parse(b).ok_or(AppError::NotFound)?),
        (None, Some(a)) => Position::After(Cursor::parse(a).ok_or(AppError::NotFound)?),
        (None, None) => Position::First,
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let filters = crate::content::db::Filters {
        sub,
        year,
        validity,
        topic,
    };
    Ok(
        crate::content::db::category_page(&db, kind, &filters, position, i64::from(PAGE_SIZE))
            .await?,
    )
}

/// Documents needing interpretation with their interpretations and
/// timeliness, newest first. Anyone may call it.
#[server(endpoint = "list_interpreted_documents", input = GetUrl)]
pub async fn list_interpreted_documents() -> Result<Vec<InterpretedDocument>, AppError> {
    let state = crate::server::context::state()?;
    Ok(
        crate::content::db::interpreted_documents(&state.db, &state.calendar(), state.today(), 100)
            .await?,
    )
}

/// Published documents still waiting for their interpretation, with the due
/// date, working days left and the clock's working (for the staff
/// dashboard). Editors only.
#[server(endpoint = "list_awaiting_interpretation", input = GetUrl)]
pub async fn list_awaiting_interpretation() -> Result<Vec<AwaitingInterpretation>, AppError> {
    crate::account::auth::require(crate::account::types::Role::Editor)?;
    let state = crate::server::context::state()?;
    Ok(
        crate::content::db::awaiting_interpretation(&state.db, &state.calendar(), state.today())
            .await?,
    )
}

/// Published special topics. Anyone may call it.
#[server(endpoint = "list_topics", input = GetUrl)]
pub async fn list_topics() -> Result<Vec<TopicSummary>, AppError> {
    let db = crate::server::context::db()?;
    Ok(crate::content::db::list_topics(&db).await?)
}

/// One published special topic. Anyone may call it.
#[server(endpoint = "get_topic", input = GetUrl)]
pub async fn get_topic(slug: String) -> Result<TopicPage, AppError> {
    let db = crate::server::context::db()?;
    crate::content::db::topic_page(&db, &slug)
        .await?
        .ok_or(AppError::NotFound)
}

/// A text page of the disclosure section. Anyone may call it.
#[server(endpoint = "get_static_page", input = GetUrl)]
pub async fn get_static_page(slug: String) -> Result<StaticPage, AppError> {
    let db = crate::server::context::db()?;
    crate::content::db::static_page(&db, &slug)
        .await?
        .ok_or(AppError::NotFound)
}
