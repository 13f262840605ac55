//! The handler's form posts on a case, and the download of an applicant's
//! file. Handlers (办件) only; a refused decision answers with the case page,
//! the opinion kept.

use super::cases::{Action, Decision};
use super::db::applications;
use super::db::cases::{act, Staffed};
use crate::account::db::audit::Actor;
use crate::account::extract::{Handler, Staff};
use crate::account::types::StaffUser;
use crate::server::forms::{Posted, Refusal};
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};
use std::collections::HashMap;

/// `POST /staff/cases/{number}`: `action` (accept, correct, reject, grant,
/// refuse, close), `opinion`, and for a grant `cert_no`.
pub async fn decide(
    State(state): State<AppState>,
    Path(number): Path<String>,
    user: Staff<Handler>,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    if get("action") == "follow_up" {
        return follow_up(&state, &number, values, &user).await;
    }
    let action = Action::from_slug(&get("action"))
        .ok_or_else(|| Refusal::plain(StatusCode::BAD_REQUEST, "请选择要办理的操作。"))?;
    let stored = applications::by_number(&state.db, &number)
        .await?
        .ok_or_else(no_case)?;
    let (service, _) = super::db::as_applied(&state.db, &stored)
        .await?
        .ok_or_else(|| Refusal::plain(StatusCode::NOT_FOUND, "办件的事项已不存在。"))?;
    let opinion = get("opinion");
    let cert_no = get("cert_no");
    let decision = Decision {
        action,
        opinion: &opinion,
        cert_no: &cert_no,
    };
    let (actor, outbox) = (Actor::staff(&user), crate::notify::Outbox::of(&state));
    let calendar = state.calendar();
    let by = Staffed {
        actor: &actor,
        outbox: &outbox,
        calendar: &calendar,
        today: state.today(),
        now: now(),
    };
    let done = act(&state.db, &stored, &service, &decision, &by).await;
    done.map_err(|e| Refusal::of(e, values))?;
    Ok(see_other(&format!(
        "/staff/cases/{number}?done={}",
        action.slug()
    )))
}

fn no_case() -> Refusal {
    Refusal::plain(StatusCode::NOT_FOUND, "没有这个办件。")
}

/// The follow-up of a poor rating (`action=follow_up`, `follow_up`).
async fn follow_up(
    state: &AppState,
    number: &str,
    values: HashMap<String, String>,
    user: &StaffUser,
) -> Result<Response, Refusal> {
    let stored = applications::by_number(&state.db, number)
        .await?
        .ok_or_else(no_case)?;
    let text = values.get("follow_up").cloned().unwrap_or_default();
    let actor = Actor::staff(user);
    let outbox = crate::notify::Outbox::of(state);
    let calendar = state.calendar();
    let by = Staffed {
        actor: &actor,
        outbox: &outbox,
        calendar: &calendar,
        today: state.today(),
        now: now(),
    };
    let done = super::db::feedback::follow_up(&state.db, stored.id, number, &text, &by).await;
    done.map_err(|e| Refusal::of(e, values))?;
    Ok(see_other(&format!("/staff/cases/{number}?done=follow_up")))
}

/// `GET /staff/cases/{number}/files/{field}`: an applicant's upload, for
/// its handler.
pub async fn file(
    State(state): State<AppState>,
    Path((number, field)): Path<(String, String)>,
    user: Staff<Handler>,
) -> Result<Response, Refusal> {
    let found =
        super::db::applications::read_file(&state.db, &Actor::staff(&user), &number, &field, now())
            .await;
    let (name, mime, data) =
        found?.ok_or_else(|| Refusal::plain(StatusCode::NOT_FOUND, "没有这个文件。"))?;
    Ok(crate::server::render::file_download(
        &name,
        &mime,
        data,
        "private, no-store",
    ))
}
