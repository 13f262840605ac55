//! The structured editor's posts (编辑 role): row buttons (add, move up,
//! remove, add or remove a series) and 预览 answer with the editor page as
//! changed; 保存 checks the whole spec and the item it belongs to, stores
//! it, and records it in the audit log. A refused save answers with the
//! page, every entry kept and every problem named by field.

use super::form::{self, RowAction};
use super::types::Spec;
use crate::account::db::audit::{self, Actor};
use crate::account::extract::{Editor, Staff};
use crate::error::FieldError;
use crate::server::forms::{Posted, Refusal};
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{
    extract::{Path, State},
    http::{request::Parts, StatusCode},
    response::Response,
};
use std::collections::HashMap;

/// The editor's state after a post, for the page that shows it.
#[derive(Debug, Clone)]
pub struct EditorState {
    pub spec: Spec,
    pub article: String,
    pub errors: Vec<FieldError>,
    /// Draw the preview (the 预览 button, or a row change).
    pub preview: bool,
    /// The cells as typed, so an entry that is not a number is shown again
    /// as it was (empty after a row change, whose positions moved).
    pub raw: HashMap<String, String>,
}

/// `POST /staff/graphics/new`.
pub async fn create(
    State(state): State<AppState>,
    parts: Parts,
    user: Staff<Editor>,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    post(state, None, parts, user, values).await
}

/// `POST /staff/graphics/{id}`.
pub async fn save(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    parts: Parts,
    user: Staff<Editor>,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    post(state, Some(id), parts, user, values).await
}

async fn answer(
    state: &AppState,
    parts: Parts,
    posted: EditorState,
    status: StatusCode,
) -> Response {
    let mut res = crate::server::render::page_with(state, parts, move || {
        leptos::prelude::provide_context(posted.clone())
    })
    .await;
    *res.status_mut() = status;
    res
}

async fn post(
    state: AppState,
    id: Option<i64>,
    parts: Parts,
    user: Staff<Editor>,
    values: HashMap<String, String>,
) -> Result<Response, Refusal> {
    let action = values.get("action").cloned().unwrap_or_default();
    let article = values
        .get("article")
        .map(|a| a.trim().to_owned())
        .unwrap_or_default();
    let (mut spec, mut errors) = form::parse(&values);
    if let Some(row) = RowAction::parse(&action) {
        // Rows only move once every number reads, so no entry is lost.
        if errors.is_empty() {
            form::apply(&mut spec, row);
            let posted = EditorState {
                spec,
                article,
                errors,
                preview: false,
                raw: HashMap::new(),
            };
            return Ok(answer(&state, parts, posted, StatusCode::OK).await);
        }
        let posted = EditorState {
            spec,
            article,
            errors,
            preview: false,
            raw: values,
        };
        return Ok(answer(&state, parts, posted, StatusCode::BAD_REQUEST).await);
    }
    errors.extend(super::validate::check(&spec));
    if action != "save" {
        // 预览 draws what it can; the item only matters when saving.
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::BAD_REQUEST
        };
        let posted = EditorState {
            spec,
            article,
            errors,
            preview: true,
            raw: values,
        };
        return Ok(answer(&state, parts, posted, status).await);
    }
    let article_id = match article.parse::<i64>() {
        Ok(a) => match crate::content::db::article_title(&state.db, a).await? {
            Some(_) => Some(a),
            None => {
                errors.push(FieldError::new("article", format!("没有编号为 {a} 的稿件")));
                None
            }
        },
        Err(_) => {
            errors.push(FieldError::new(
                "article",
                "请填写图解所附稿件的编号（图解随稿件一起审核、发布）",
            ));
            None
        }
    };
    if action != "save" || !errors.is_empty() {
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::BAD_REQUEST
        };
        let posted = EditorState {
            spec,
            article,
            errors,
            preview: true,
            raw: values,
        };
        return Ok(answer(&state, parts, posted, status).await);
    }
    let actor = Actor::staff(&user);
    let at = now();
    let saved: Result<Option<i64>, sqlx::Error> = async {
        let mut tx = state.db.begin_write().await?;
        let id = match id {
            Some(id) => super::db::update(&mut tx, id, &spec, article_id, Some(user.id), at)
                .await?
                .then_some(id),
            None => Some(super::db::insert(&mut tx, &spec, article_id, 0, Some(user.id), at).await?),
        };
        if let Some(id) = id {
            audit::record(
                &mut tx,
                &actor,
                "graphic.save",
                &format!("graphic:{id}"),
                serde_json::json!({ "title": spec.title, "kind": spec.body.slug(), "article": article_id, "review": "submitted" }),
                at,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }
    .await;
    match saved? {
        Some(id) => Ok(see_other(&format!("/staff/graphics/{id}/edit?saved=1"))),
        None => Err(Refusal::plain(StatusCode::NOT_FOUND, "没有这个图解。")),
    }
}
