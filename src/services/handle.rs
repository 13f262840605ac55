//! The handler's form posts on a case, and the download of an applicant's
//! file. Handlers (办件) only; a refused decision answers with the case page,
//! the opinion kept.

use super::applications;
use super::cases::{act, Action, Decision};
use crate::account::audit::Actor;
use crate::account::auth::require_in;
use crate::account::types::Role;
use crate::server::forms::{answer_refused, parse, refuse, refuse_after_body};
use crate::server::render::{plain_error, see_other};
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::Response,
};
use std::collections::HashMap;

/// `POST /staff/cases/{number}`: `action` (accept, correct, reject, grant,
/// refuse, close), `opinion`, and for a grant `cert_no`.
pub async fn decide(
    State(state): State<AppState>,
    Path(number): Path<String>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    let user = match require_in(&parts.extensions, Role::Handler) {
        Ok(u) => u,
        Err(e) => return refuse_after_body(e, &parts, body).await,
    };
    let values: HashMap<String, String> = match parse(&parts, body).await {
        Ok(v) => v,
        Err(res) => return res,
    };
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    if get("action") == "follow_up" {
        return follow_up(&state, parts, &number, values, &user).await;
    }
    let Some(action) = Action::from_slug(&get("action")) else {
        return plain_error(StatusCode::BAD_REQUEST, "请选择要办理的操作。");
    };
    let stored = match applications::by_number(&state.db, &number).await {
        Ok(Some(s)) => s,
        Ok(None) => return plain_error(StatusCode::NOT_FOUND, "没有这个办件。"),
        Err(e) => return refuse(e.into(), &parts),
    };
    let service = match super::db::get(&state.db, &stored.service_code).await {
        Ok(Some(s)) => s,
        Ok(None) => return plain_error(StatusCode::NOT_FOUND, "办件的事项已不存在。"),
        Err(e) => return refuse(e.into(), &parts),
    };
    let opinion = get("opinion");
    let cert_no = get("cert_no");
    let decision = Decision {
        action,
        opinion: &opinion,
        cert_no: &cert_no,
    };
    match act(
        &state.db,
        &stored,
        &service,
        &decision,
        &Actor::staff(&user),
        state.today(),
        now(),
    )
    .await
    {
        Ok(()) => see_other(&format!("/staff/cases/{number}?done={}", action.slug())),
        Err(e) => answer_refused(&state, parts, values, e).await,
    }
}

/// The follow-up of a poor rating (`action=follow_up`, `follow_up`).
async fn follow_up(
    state: &AppState,
    parts: axum::http::request::Parts,
    number: &str,
    values: HashMap<String, String>,
    user: &crate::account::types::StaffUser,
) -> Response {
    let stored = match applications::by_number(&state.db, number).await {
        Ok(Some(s)) => s,
        Ok(None) => return plain_error(StatusCode::NOT_FOUND, "没有这个办件。"),
        Err(e) => return refuse(e.into(), &parts),
    };
    let text = values.get("follow_up").cloned().unwrap_or_default();
    let actor = Actor::staff(user);
    match super::feedback::follow_up(
        &state.db,
        stored.id,
        number,
        &text,
        &actor,
        state.today(),
        now(),
    )
    .await
    {
        Ok(()) => see_other(&format!("/staff/cases/{number}?done=follow_up")),
        Err(e) => answer_refused(state, parts, values, e).await,
    }
}

/// `GET /staff/cases/{number}/files/{field}`: an applicant's upload, for
/// its handler.
pub async fn file(
    State(state): State<AppState>,
    Path((number, field)): Path<(String, String)>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let user = match require_in(&parts.extensions, Role::Handler) {
        Ok(u) => u,
        Err(e) => return refuse(e, &parts),
    };
    // The read and its audit entry commit together: no file leaves unrecorded.
    let found: Result<Option<(String, String, Vec<u8>)>, sqlx::Error> = async {
        let mut tx = state.db.begin_write().await?;
        let row: Option<(String, String, Vec<u8>)> = sqlx::query_as(
            "SELECT f.file_name, f.content_type, f.data FROM application_files f \
             JOIN applications a ON a.id = f.application_id WHERE a.number = $1 AND f.field = $2",
        )
        .bind(&number)
        .bind(&field)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some((name, _, data)) = &row {
            crate::account::audit::record(
                &mut tx,
                &Actor::staff(&user),
                "case.file_read",
                &format!("办件 {number}"),
                serde_json::json!({ "field": field, "file": name, "bytes": data.len() }),
                now(),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(row)
    }
    .await;
    match found {
        Ok(Some((name, mime, data))) => {
            crate::server::render::file_download(&name, &mime, data, "private, no-store")
        }
        Ok(None) => plain_error(StatusCode::NOT_FOUND, "没有这个文件。"),
        Err(e) => refuse(e.into(), &parts),
    }
}
