//! `POST /staff/concerns`: an editor or reviewer records a concern.
//! `POST /staff/concerns/{id}`: links a published response
//! (`action=link`, `article`, `conference=yes` for a press conference),
//! records a new judgement (`action=judge`: `level`, `summary`,
//! `department`), or
//! — a reviewer — records the decision not to respond (`action=decline`,
//! `reason`). A refused form comes back on its page with the entries kept.

use super::db::{self, Outcome};
use super::types::{check_reason, JudgeInput, RecordInput};
use crate::account::db::audit::Actor;
use crate::account::extract::SignedIn;
use crate::account::types::{Role, StaffUser};
use crate::error::{AppError, FieldError};
use crate::server::forms::{Posted, Refusal};
use crate::server::render::see_other;
use crate::server::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use std::collections::HashMap;

fn may_act(user: &StaffUser) -> Result<(), Refusal> {
    if user.has(Role::Editor) || user.has(Role::Reviewer) {
        Ok(())
    } else {
        Err(AppError::Forbidden.into())
    }
}

/// Who hears of a 重大 / 特别重大 concern at once: every enabled editor
/// and reviewer with an address, as (username, e-mail).
async fn alarmed(state: &AppState) -> Result<Vec<(String, String)>, AppError> {
    Ok(crate::account::db::list_users(&state.db)
        .await?
        .into_iter()
        .filter(|u| u.disabled_at.is_none() && !u.email.is_empty())
        .filter(|u| {
            crate::account::db::parse_roles(&u.roles)
                .iter()
                .any(|r| matches!(r, Role::Editor | Role::Reviewer))
        })
        .map(|u| (u.username, u.email))
        .collect())
}

pub async fn record(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    may_act(&user)?;
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    let now = state.now();
    let input = RecordInput {
        level: get("level"),
        outlet: get("outlet"),
        source_url: get("source_url"),
        noticed: get("noticed"),
        summary: get("summary"),
        department: get("department"),
    };
    let record = input
        .check(now)
        .map_err(|errors| Refusal::fields(errors, values.clone()))?;
    let outbox = crate::notify::Outbox::of(&state);
    let staff = alarmed(&state).await?;
    let id = db::record(
        &state.db,
        &record,
        state.site().concern_days(),
        &db::Alarm {
            outbox: &outbox,
            staff,
        },
        &Actor::staff(&user),
        now,
    )
    .await?;
    Ok(see_other(&format!(
        "/staff/concerns/{id}?notice=concern_recorded"
    )))
}

pub async fn step(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedIn(user): SignedIn,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    may_act(&user)?;
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    let Ok(id) = id.parse::<i64>() else {
        return Err(Refusal::plain(StatusCode::NOT_FOUND, "没有这条舆情记录。"));
    };
    let actor = Actor::staff(&user);
    let now = state.now();
    let (outcome, done) = match get("action").as_str() {
        "link" => {
            let Ok(article) = get("article").trim().parse::<i64>() else {
                return Err(Refusal::fields(
                    vec![FieldError::new("article", "请选择回应这条舆情的信息")],
                    values.clone(),
                ));
            };
            let conference = get("conference") == "yes";
            (
                db::link(&state.db, id, article, conference, &actor, now).await?,
                "concern_linked",
            )
        }
        "judge" => {
            let input = JudgeInput {
                level: get("level"),
                summary: get("summary"),
                department: get("department"),
            };
            let judgement = input
                .check()
                .map_err(|errors| Refusal::fields(errors, values.clone()))?;
            let outbox = crate::notify::Outbox::of(&state);
            let staff = alarmed(&state).await?;
            let alarm = db::Alarm {
                outbox: &outbox,
                staff,
            };
            (
                db::judge(&state.db, id, &judgement, &alarm, &actor, now).await?,
                "concern_judged",
            )
        }
        "decline" => {
            if !user.has(Role::Reviewer) {
                return Err(AppError::Forbidden.into());
            }
            let reason = check_reason(&get("reason")).map_err(|message| {
                Refusal::fields(vec![FieldError::new("reason", message)], values.clone())
            })?;
            (
                db::decline(&state.db, id, &reason, &actor, now).await?,
                "concern_declined",
            )
        }
        _ => {
            return Err(Refusal::plain(
                StatusCode::BAD_REQUEST,
                "不明白要做什么，请返回重试。",
            ))
        }
    };
    match outcome {
        Outcome::Done => Ok(see_other(&format!("/staff/concerns/{id}?notice={done}"))),
        Outcome::NotFound => Err(Refusal::plain(StatusCode::NOT_FOUND, "没有这条舆情记录。")),
        Outcome::NotAnswer => Err(Refusal::fields(
            vec![FieldError::new(
                "article",
                "只能关联本网站已发布的回应关切、新闻发布或政策解读信息",
            )],
            values.clone(),
        )),
        Outcome::AlreadyLinked => Err(Refusal::fields(
            vec![FieldError::new("article", "这条信息已经关联过了")],
            values.clone(),
        )),
        Outcome::Stale => Err(Refusal::message(
            StatusCode::CONFLICT,
            "这条舆情的状态已经变化（可能已由他人办结），请查看最新状态。",
            values.clone(),
        )),
    }
}
