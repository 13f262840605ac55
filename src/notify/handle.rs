//! Administrators' writes on notices: a notice's wording saved or put back
//! to the built-in one, and a failed notice sent again; each with its
//! audit entry in the same transaction.

use super::templates;
use super::types::{Channel, Event};
use crate::account::db::audit::Actor;
use crate::account::extract::{Admin, Staff};
use crate::error::FieldError;
use crate::server::forms::{Posted, Refusal};
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use std::collections::HashMap;

/// `POST /staff/notices/{event}/{channel}`: `action=save` with `title`
/// (e-mail) and `body`, or `action=reset`. Administrators only.
pub async fn save_template(
    State(state): State<AppState>,
    Path((event, channel)): Path<(String, String)>,
    user: Staff<Admin>,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    let (Some(event), Some(channel)) = (Event::parse(&event), Channel::parse(&channel)) else {
        return Err(Refusal::plain(StatusCode::NOT_FOUND, "没有这种通知。"));
    };
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    let actor = Actor::staff(&user.0);
    let checked = match get("action").as_str() {
        "reset" => None,
        _ => Some(
            templates::check(channel, &get("title"), &get("body")).map_err(
                |(field, message)| {
                    Refusal::fields(vec![FieldError::new(field, message)], values.clone())
                },
            )?,
        ),
    };
    super::db::save_template(&state.db, event, channel, checked.as_ref(), &actor, now()).await?;
    Ok(see_other(&format!(
        "/staff/notices?notice={}#templates",
        if checked.is_some() {
            "notice_template_saved"
        } else {
            "notice_template_reset"
        }
    )))
}

/// `POST /staff/notices/retry/{id}`: sends a failed notice again.
/// Administrators only.
pub async fn retry(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    user: Staff<Admin>,
) -> Result<Response, Refusal> {
    let actor = Actor::staff(&user.0);
    if super::db::retry(&state.db, id, &actor, now()).await? {
        Ok(see_other("/staff/notices?notice=notice_retried"))
    } else {
        Err(Refusal::plain(
            StatusCode::CONFLICT,
            "这条通知不是“发送失败”状态，无需重新发送。",
        ))
    }
}
