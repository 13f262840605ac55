//! Server functions for reading published content. Anyone may call them.

use crate::content::types::{Article, ArticlePage, HomeData};
use crate::error::AppError;
use leptos::prelude::*;

/// Items a list page shows.
pub const PAGE_SIZE: u32 = 20;

/// One published item by id. Anyone may call it.
#[server(input = leptos::server_fn::codec::GetUrl)]
pub async fn get_article(id: i64) -> Result<Article, AppError> {
    let db = crate::server::context::db()?;
    crate::content::db::find_article(&db, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// One page (1-based) of all published items, newest first. Anyone may call it.
#[server(input = leptos::server_fn::codec::GetUrl)]
pub async fn list_articles(page: u32) -> Result<ArticlePage, AppError> {
    let db = crate::server::context::db()?;
    let total = crate::content::db::count(&db).await?;
    let pages = u32::try_from((total + i64::from(PAGE_SIZE) - 1) / i64::from(PAGE_SIZE))
        .unwrap_or(u32::MAX)
        .max(1);
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
#[server(input = leptos::server_fn::codec::GetUrl)]
pub async fn get_home() -> Result<HomeData, AppError> {
    let db = crate::server::context::db()?;
    let (news, policies, notices) = futures::try_join!(
        crate::content::db::latest(&db, Some(crate::content::types::ContentKind::News), 8, 0),
        crate::content::db::latest(&db, Some(crate::content::types::ContentKind::Policy), 5, 0),
        crate::content::db::latest(&db, Some(crate::content::types::ContentKind::Notice), 5, 0),
    )?;
    Ok(HomeData {
        news,
        policies,
        notices,
    })
}
