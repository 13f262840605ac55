//! The applicant's form posts: start a draft, save a step (answers and
//! uploads; checked unless only saving the draft), and submit. Plain POSTs,
//! so they work without JavaScript; a refused step answers with its own page,
//! entries kept.

use super::answers::{check_file, check_step, problems, steps, MAX_FILE_BYTES};
use super::db::applications::{self, NewFile};
use super::types::{FieldKind, Service, ServiceStatus};
use crate::error::FieldError;
use crate::server::forms::{answer_with, Submitted};
use crate::server::limit::{self, Kind};
use crate::server::render::{plain_error, see_other};
use crate::server::state::AppState;
use crate::services::types::CaseStatus;
use crate::ui::format::now;
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::Response,
};
use std::collections::{BTreeMap, HashMap};

/// Three files at the limit, and the form around them.
pub const MAX_APPLY_BYTES: usize = 3 * MAX_FILE_BYTES + 1024 * 1024;

async fn service(state: &AppState, code: &str) -> Result<Service, Response> {
    match super::db::get(&state.db, code).await {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(plain_error(StatusCode::NOT_FOUND, "没有这个办事事项。")),
        Err(e) => Err(failed(e)),
    }
}

fn failed(e: sqlx::Error) -> Response {
    tracing::error!(error = %e, "application not saved");
    plain_error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "系统暂时无法保存，请稍后再试。已保存的内容不会丢失。",
    )
}

/// Reads and drops a body not needed, so the client sees the answer rather
/// than a connection closed mid-upload.
async fn drain(body: axum::body::Body) {
    let _ = axum::body::to_bytes(body, MAX_APPLY_BYTES).await;
}

/// The service and the application behind a private link, the service
/// with the application form the application started on. A draft of a
/// service retired since cannot go on (a case sent back for correction
/// can: its case is still handled).
async fn application_of(
    state: &AppState,
    code: &str,
    token: &str,
) -> Result<(Service, applications::Stored), Response> {
    let not_found = || plain_error(StatusCode::NOT_FOUND, "没有找到这份申请，请核对链接。");
    let a = match applications::by_token(&state.db, token).await {
        Ok(Some(a)) if a.service_code == code => a,
        Ok(_) => return Err(not_found()),
        Err(e) => return Err(failed(e)),
    };
    match super::db::as_applied(&state.db, &a).await {
        Ok(Some((_, ServiceStatus::Retired))) if a.status == CaseStatus::Draft => {
            Err(plain_error(StatusCode::GONE, RETIRED))
        }
        Ok(Some((s, _))) => Ok((s, a)),
        Ok(None) => Err(not_found()),
        Err(e) => Err(failed(e)),
    }
}

/// Why a draft of a retired service cannot go on.
pub const RETIRED: &str =
    "该事项已停止办理，未提交的申请无法继续。如有疑问，请拨打办事指南中的咨询电话。";

fn apply_path(code: &str, token: &str) -> String {
    format!("/services/{code}/apply/{token}")
}

/// `POST /services/{code}/apply`: starts a draft and goes to its first step.
pub async fn start(
    State(state): State<AppState>,
    Path(code): Path<String>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    drain(body).await;
    if let Err(res) = limit::within(&state, &parts, Kind::Submit).await {
        return res;
    }
    let s = match service(&state, &code).await {
        Ok(s) => s,
        Err(res) => return res,
    };
    if !s.online {
        return plain_error(
            StatusCode::NOT_FOUND,
            "该事项暂不支持网上申请，请到窗口办理。",
        );
    }
    match applications::create(&state.db, &s.code, now()).await {
        Ok(token) => see_other(&format!("{}?step=1", apply_path(&s.code, &token))),
        Err(e) => failed(e),
    }
}

/// `POST /services/{code}/apply/{token}?step=n`: saves step `n`. The button
/// pressed says what next: `next` (checked, then the next step or the
/// review), `back`, or `save` (kept as entered, to finish later).
pub async fn save_step(
    State(state): State<AppState>,
    Path((code, token)): Path<(String, String)>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    if let Err(res) = limit::within(&state, &parts, Kind::Step).await {
        drain(body).await;
        return res;
    }
    let (s, draft) = match application_of(&state, &code, &token).await {
        Ok(found) => found,
        Err(res) => {
            drain(body).await;
            return res;
        }
    };
    let path = apply_path(&s.code, &token);
    if !draft.status.editable() {
        drain(body).await;
        return see_other(&format!("{path}/receipt"));
    }
    let post = match crate::server::upload::read(
        Request::from_parts(parts.clone(), body),
        "上传的文件过大：单个文件不超过 10 MB。请返回后压缩文件再试，已保存的内容不会丢失。",
    )
    .await
    {
        Ok(p) => p,
        Err(res) => return res,
    };
    let files = post.files;
    let values: HashMap<String, String> = post.fields.into_iter().collect();
    let all_steps = steps(&s.fields);
    let index: usize = crate::ui::url::query_value(&parts.uri, "step")
        .and_then(|n| n.parse().ok())
        .filter(|n| (1..=all_steps.len()).contains(n))
        .unwrap_or(1);
    let Some(step) = all_steps.get(index - 1) else {
        return plain_error(StatusCode::NOT_FOUND, "该事项没有网上申请表。");
    };
    let action = values.get("action").cloned().unwrap_or_default();

    let mut errors: Vec<FieldError> = Vec::new();
    // Files: checked by their bytes whatever the button.
    let mut new_files = Vec::new();
    for (key, file_name, bytes) in files {
        let Some(f) = s
            .fields
            .iter()
            .find(|f| f.key == key && f.kind == FieldKind::File && f.step == *step)
        else {
            continue;
        };
        match check_file(&f.label, &file_name, &bytes) {
            Ok(content_type) => new_files.push(NewFile {
                field: key,
                file_name,
                content_type,
                bytes,
            }),
            Err(message) => errors.push(FieldError {
                field: key,
                message,
            }),
        }
    }
    let answers: BTreeMap<String, String> = if action == "next" {
        match check_step(&s.fields, step, &values) {
            Ok(a) => a,
            Err(mut e) => {
                errors.append(&mut e);
                BTreeMap::new()
            }
        }
    } else {
        // Kept as entered, to finish later; checked when going on.
        s.fields
            .iter()
            .filter(|f| f.step == *step && f.kind != FieldKind::File)
            .map(|f| {
                let v: String = values
                    .get(&f.key)
                    .map(|v| v.trim().chars().take(200).collect())
                    .unwrap_or_default();
                (f.key.clone(), v)
            })
            .collect()
    };
    if action == "next" && errors.is_empty() {
        let uploaded = match applications::files(&state.db, draft.id).await {
            Ok(f) => f,
            Err(e) => return failed(e),
        };
        for f in s
            .fields
            .iter()
            .filter(|f| f.step == *step && f.kind == FieldKind::File && f.required)
        {
            let has = uploaded.iter().any(|u| u.field == f.key)
                || new_files.iter().any(|n| n.field == f.key);
            if !has {
                errors.push(FieldError {
                    field: f.key.clone(),
                    message: format!("请上传{}", f.label),
                });
            }
        }
    }
    if !errors.is_empty() {
        // Keep what was good: the files that passed are saved, so the
        // applicant does not have to choose them again.
        if !new_files.is_empty() {
            if let Err(e) =
                applications::save_draft(&state.db, draft.id, &BTreeMap::new(), new_files, now())
                    .await
            {
                return failed(e);
            }
        }
        return answer_with(
            &state,
            parts,
            Submitted {
                values,
                errors,
                message: None,
            },
        )
        .await;
    }
    match applications::save_draft(&state.db, draft.id, &answers, new_files, now()).await {
        Ok(true) => {}
        Ok(false) => return see_other(&format!("{path}/receipt")),
        Err(e) => return failed(e),
    }
    match action.as_str() {
        "next" if index == all_steps.len() => see_other(&format!("{path}?step=review")),
        "next" => see_other(&format!("{path}?step={}", index + 1)),
        "back" => see_other(&format!("{path}?step={}", index.saturating_sub(1).max(1))),
        _ => see_other(&format!("{path}?step={index}&saved=1")),
    }
}

/// `POST /services/{code}/apply/{token}/submit`: submits a complete draft
/// and shows its receipt; an incomplete one goes back to the review, which
/// lists what is missing.
pub async fn submit(
    State(state): State<AppState>,
    Path((code, token)): Path<(String, String)>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    drain(body).await;
    if let Err(res) = limit::within(&state, &parts, Kind::Submit).await {
        return res;
    }
    let (s, draft) = match application_of(&state, &code, &token).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let path = apply_path(&s.code, &token);
    if !draft.status.editable() {
        return see_other(&format!("{path}/receipt"));
    }
    let answers = draft.answers();
    let files = match applications::files(&state.db, draft.id).await {
        Ok(f) => f,
        Err(e) => return failed(e),
    };
    if !problems(&s.fields, &answers, &files).is_empty() {
        return see_other(&format!("{path}?step=review"));
    }
    let applicant = ["org_name", "author"]
        .iter()
        .find_map(|k| answers.get(*k))
        .cloned()
        .unwrap_or_default();
    if draft.status == CaseStatus::Correction {
        return match super::db::cases::resubmit(
            &state.db,
            &state.calendar(),
            draft.id,
            state.today(),
            now(),
        )
        .await
        {
            Ok(_) => see_other(&format!("{path}/receipt")),
            Err(e) => failed(e),
        };
    }
    let today = state.today().to_string();
    let outbox = crate::notify::Outbox::of(&state);
    let calendar = state.calendar();
    match applications::submit(
        &state.db,
        &outbox,
        &calendar,
        draft.id,
        &applicant,
        &today,
        now(),
    )
    .await
    {
        Ok(_) => see_other(&format!("{path}/receipt")),
        Err(e) => failed(e),
    }
}
