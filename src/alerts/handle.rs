//! `POST /staff/alerts`: an administrator drafts a notice (`action=draft`);
//! a reviewer other than its author approves it (`approve`) or sends it
//! back with a reason (`return`); an administrator or a reviewer takes it
//! down (`withdraw`). A refused form comes back on `/staff/alerts` with
//! the entries kept.

use super::db::{self, Outcome, Step};
use super::types::DraftInput;
use crate::account::db::audit::Actor;
use crate::account::extract::SignedIn;
use crate::account::types::Role;
use crate::error::{AppError, FieldError};
use crate::server::forms::{Posted, Refusal};
use crate::server::render::see_other;
use crate::server::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use std::collections::HashMap;

/// The longest reason for sending a notice back.
const MAX_REASON: usize = 200;

pub async fn post(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    let actor = Actor::staff(&user);
    let now = state.now();
    let action = get("action");
    let needs = match action.as_str() {
        "draft" => Role::Admin,
        "approve" | "return" => Role::Reviewer,
        "withdraw" if user.has(Role::Reviewer) => Role::Reviewer,
        "withdraw" => Role::Admin,
        _ => {
            return Err(Refusal::plain(
                StatusCode::BAD_REQUEST,
                "不明白要做什么，请返回重试。",
            ))
        }
    };
    if !user.has(needs) {
        return Err(AppError::Forbidden.into());
    }
    if action == "draft" {
        let input = DraftInput {
            level: get("level"),
            title: get("title"),
            body: get("body"),
            link: get("link"),
            starts: get("starts"),
            ends: get("ends"),
        };
        let draft = input
            .check(now)
            .map_err(|errors| Refusal::fields(errors, values.clone()))?;
        db::draft(&state.db, &draft, &actor, now).await?;
        return Ok(see_other("/staff/alerts?notice=alert_drafted"));
    }
    let Ok(id) = get("id").parse::<i64>() else {
        return Err(Refusal::plain(StatusCode::NOT_FOUND, "没有这条紧急公告。"));
    };
    let step = match action.as_str() {
        "approve" => Step::Approve,
        "withdraw" => Step::Withdraw,
        _ => {
            let field = format!("reason-{id}");
            let reason = get(&field).trim().to_owned();
            let problem = if reason.is_empty() {
                Some("请填写退回理由".to_owned())
            } else if reason.chars().count() > MAX_REASON {
                Some(format!("退回理由不超过{MAX_REASON}个字"))
            } else {
                None
            };
            if let Some(message) = problem {
                return Err(Refusal::fields(
                    vec![FieldError::new(&field, message)],
                    values.clone(),
                ));
            }
            Step::Return(reason)
        }
    };
    match db::step(&state.db, id, &step, &actor, now).await? {
        Outcome::Done => {}
        Outcome::NotFound => {
            return Err(Refusal::plain(StatusCode::NOT_FOUND, "没有这条紧急公告。"))
        }
        Outcome::OwnDraft => {
            return Err(Refusal::message(
                StatusCode::FORBIDDEN,
                "不能审核自己起草的公告，请由另一位审核人员审核。",
                values.clone(),
            ))
        }
        Outcome::Stale => {
            return Err(Refusal::message(
                StatusCode::CONFLICT,
                "这条公告的状态已经变化（可能已被他人处理或已到期），请查看最新状态。",
                values.clone(),
            ))
        }
    }
    // This server shows the change at once; the others within a second.
    state.reload_alerts().await.map_err(AppError::from)?;
    Ok(see_other(&format!(
        "/staff/alerts?notice={}",
        match step {
            Step::Approve => "alert_approved",
            Step::Return(_) => "alert_returned",
            Step::Withdraw => "alert_withdrawn",
        }
    )))
}
