//! Server functions of 图解.

use crate::error::AppError;
use crate::graphics::types::{GraphicSummary, GraphicView};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
fn view_of(g: crate::graphics::db::Stored) -> GraphicView {
    GraphicView {
        id: g.id,
        spec: g.spec,
        article_id: g.article_id,
    }
}

/// This domain's staff server functions and the role each requires (the
/// router checks it before reading arguments; see `server::router`).
pub const STAFF_FUNCTIONS: &[(&str, crate::account::types::Role)] = &[
    ("staff/preview_graphic", crate::account::types::Role::Editor),
    (
        "staff/list_all_graphics",
        crate::account::types::Role::Editor,
    ),
    (
        "staff/get_graphic_draft",
        crate::account::types::Role::Editor,
    ),
    (
        "staff/get_graphic_review",
        crate::account::types::Role::Reviewer,
    ),
    (
        "staff/list_graphics_to_review",
        crate::account::types::Role::Reviewer,
    ),
];

/// One public graphic. Anyone may call it.
#[server(endpoint = "get_graphic", input = GetUrl)]
pub async fn get_graphic(id: i64) -> Result<GraphicView, AppError> {
    let state = crate::server::context::state()?;
    crate::graphics::db::public_one(&state.db, id)
        .await?
        .map(view_of)
        .ok_or(AppError::NotFound)
}

/// The graphics of a public item, in order. Anyone may call it.
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

/// Draws the editor's form fields (`fields`: a JSON list of name/value
/// pairs, as the form holds them) for the live preview: the SVG, or every
/// problem by field. Editors only.
#[server(endpoint = "staff/preview_graphic")]
pub async fn preview_graphic(fields: String) -> Result<String, AppError> {
    crate::account::auth::require(crate::account::types::Role::Editor)?;
    let pairs: Vec<(String, String)> = serde_json::from_str(&fields)
        .map_err(|_| AppError::BadRequest("预览的内容格式有误".to_owned()))?;
    let values: std::collections::HashMap<String, String> = pairs.into_iter().collect();
    let (spec, mut errors) = crate::graphics::form::parse(&values);
    errors.extend(crate::graphics::validate::check(&spec));
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok(crate::graphics::svg::render(&spec, "preview"))
}

/// Every graphic, public or not, with the item it belongs to. Editors only.
#[server(endpoint = "staff/list_all_graphics", input = GetUrl)]
pub async fn list_all_graphics() -> Result<Vec<crate::graphics::types::StaffGraphic>, AppError> {
    crate::account::auth::require(crate::account::types::Role::Editor)?;
    let state = crate::server::context::state()?;
    Ok(crate::graphics::db::all(&state.db)
        .await?
        .into_iter()
        .map(
            |(id, title, kind, article, article_title, review_state, live)| {
                crate::graphics::types::StaffGraphic {
                    id,
                    title,
                    kind,
                    article: article.zip(article_title),
                    review_state,
                    live: live != 0,
                }
            },
        )
        .collect())
}

/// A graphic for 保密审查: its working copy and the version public now,
/// both drawn, and its review history. Reviewers only.
#[server(endpoint = "staff/get_graphic_review", input = GetUrl)]
pub async fn get_graphic_review(
    id: i64,
) -> Result<crate::graphics::types::GraphicReview, AppError> {
    use crate::graphics::{db, svg, types::Spec};
    let user = crate::account::auth::require(crate::account::types::Role::Reviewer)?;
    let state = crate::server::context::state()?;
    let g = db::review_state(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let draw = |json: &str, key: &str| -> Result<String, AppError> {
        let spec: Spec = serde_json::from_str(json).map_err(|_| AppError::Internal)?;
        Ok(svg::render(&spec, key))
    };
    let pending_svg = draw(&g.spec, "pending")?;
    let live_svg = g
        .live_spec
        .as_deref()
        .filter(|live| *live != g.spec)
        .map(|live| draw(live, "live"))
        .transpose()?;
    let history = db::reviews(&state.db, id)
        .await?
        .into_iter()
        .map(|(decision, reviewer, at, opinion)| {
            let label = if decision == "approved" {
                "同意公开"
            } else {
                "退回修改"
            };
            (
                label.to_owned(),
                reviewer,
                crate::ui::format::datetime_zh(at),
                opinion,
            )
        })
        .collect();
    Ok(crate::graphics::types::GraphicReview {
        id: g.id,
        title: g.title,
        article: g.article_id.zip(g.article_title),
        author_name: g.author_name.unwrap_or_default(),
        own_work: g.author_id == Some(user.id),
        review_state: g.review_state,
        version: g.version,
        pending_svg,
        live: g.live,
        live_svg,
        history,
    })
}

/// Graphics waiting for 保密审查, oldest first: (id, title, item title).
/// Reviewers only.
#[server(endpoint = "staff/list_graphics_to_review", input = GetUrl)]
pub async fn list_graphics_to_review() -> Result<Vec<(i64, String, Option<String>)>, AppError> {
    crate::account::auth::require(crate::account::types::Role::Reviewer)?;
    let state = crate::server::context::state()?;
    Ok(crate::graphics::db::waiting_for_review(&state.db)
        .await?
        .into_iter()
        .map(|g| (g.id, g.title, g.article_title))
        .collect())
}

/// The graphic to edit (`id`), or a blank one of `kind` for item `article`.
/// Editors only.
#[server(endpoint = "staff/get_graphic_draft", input = GetUrl)]
pub async fn get_graphic_draft(
    id: Option<i64>,
    kind: String,
    article: String,
) -> Result<crate::graphics::types::Draft, AppError> {
    crate::account::auth::require(crate::account::types::Role::Editor)?;
    let state = crate::server::context::state()?;
    match id {
        Some(id) => {
            let g = crate::graphics::db::get(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok(crate::graphics::types::Draft {
                id: Some(id),
                spec: g.spec,
                article: g.article_id.map(|a| a.to_string()).unwrap_or_default(),
            })
        }
        None => Ok(crate::graphics::types::Draft {
            id: None,
            spec: crate::graphics::form::blank(&kind),
            article,
        }),
    }
}
