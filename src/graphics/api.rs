//! Server functions of 图解.

use crate::error::AppError;
use crate::graphics::types::{GraphicSummary, GraphicView};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
fn view_of(g: crate::graphics::db::Stored) -> GraphicView {
    GraphicView {
        svg: crate::graphics::svg::render(&g.spec, &format!("graphic-{}", g.id)),
        id: g.id,
        spec: g.spec,
        article_id: g.article_id,
    }
}

/// One public graphic, drawn. Anyone may call it.
#[server(endpoint = "get_graphic", input = GetUrl)]
pub async fn get_graphic(id: i64) -> Result<GraphicView, AppError> {
    let state = crate::server::context::state()?;
    crate::graphics::db::public_one(&state.db, id)
        .await?
        .map(view_of)
        .ok_or(AppError::NotFound)
}

/// The graphics of a public item, drawn, in order. Anyone may call it.
#[server(endpoint = "list_article_graphics", input = GetUrl)]
pub async fn list_article_graphics(article_id: i64) -> Result<Vec<GraphicView>, AppError> {
    let state = crate::server::context::state()?;
    let graphics = crate::graphics::db::of_article(&state.db, article_id).await?;
    // Only what the public may see: the first one's check covers them all.
    if let Some(first) = graphics.first() {
        if crate::graphics::db::public_one(&state.db, first.id)
            .await?
            .is_none()
        {
            return Err(AppError::NotFound);
        }
    }
    Ok(graphics.into_iter().map(view_of).collect())
}

/// Every public graphic, newest first. Anyone may call it.
#[server(endpoint = "list_graphics", input = GetUrl)]
pub async fn list_graphics() -> Result<Vec<GraphicSummary>, AppError> {
    let state = crate::server::context::state()?;
    Ok(crate::graphics::db::public_list(&state.db)
        .await?
        .into_iter()
        .map(|(id, title, kind, _)| GraphicSummary { id, title, kind })
        .collect())
}
