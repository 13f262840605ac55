//! Staff form posts for registers: add, edit in place, add a timeline entry,
//! withdraw, and import a CSV (dry run or for real). All are plain POSTs;
//! a refused one answers with its own page, entries kept.

use super::csv_io::{read_import, Problem, MAX_IMPORT_BYTES};
use super::db;
use super::schema::Register;
use super::types::TimelineEntry;
use super::validate::{check, parse_date};
use crate::account::audit::Actor;
use crate::account::auth::require_in;
use crate::account::types::Role;
use crate::error::{AppError, FieldError};
use crate::server::forms::{answer_with, parse, Submitted};
use crate::server::render::{page_with, plain_error, see_other};
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{
    extract::{FromRequest, Multipart, Path, Request, State},
    http::{request::Parts, StatusCode},
    response::Response,
};
use leptos::prelude::provide_context;
use std::collections::{BTreeMap, HashMap};

fn register_of(slug: &str) -> Result<Register, Response> {
    Register::from_slug(slug)
        .ok_or_else(|| plain_error(StatusCode::NOT_FOUND, "没有这个公示目录。"))
}

async fn refused(
    state: &AppState,
    parts: Parts,
    values: HashMap<String, String>,
    err: AppError,
) -> Response {
    let (errors, message) = match err {
        AppError::Validation(errors) => (errors, None),
        AppError::Conflict(m) | AppError::BadRequest(m) => (Vec::new(), Some(m)),
        AppError::NotFound => return plain_error(StatusCode::NOT_FOUND, "记录不存在。"),
        other => return plain_error(StatusCode::INTERNAL_SERVER_ERROR, &other.to_string()),
    };
    answer_with(
        state,
        parts,
        Submitted {
            values,
            errors,
            message,
        },
    )
    .await
}

/// What every register form post starts with: an editor, a known register,
/// and the posted fields (tagged with which form on the page sent them).
struct Posted {
    parts: Parts,
    user: crate::account::types::StaffUser,
    register: Register,
    values: HashMap<String, String>,
}

async fn posted(req: Request, slug: &str, form: &str) -> Result<Posted, Response> {
    let (parts, body) = req.into_parts();
    let user = match require_in(&parts.extensions, Role::Editor) {
        Ok(u) => u,
        Err(e) => return Err(crate::server::forms::refuse_after_body(e, &parts, body).await),
    };
    let register = register_of(slug)?;
    let mut values: HashMap<String, String> = parse(&parts, body).await?;
    values.insert("form".into(), form.into());
    Ok(Posted {
        parts,
        user,
        register,
        values,
    })
}

/// `POST /registers/{register}/new`.
pub async fn create_row(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    req: Request,
) -> Response {
    save(state, slug, None, req).await
}

/// `POST /registers/{register}/{id}`: edit in place.
pub async fn save_row(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    req: Request,
) -> Response {
    match id.parse::<i64>() {
        Ok(id) => save(state, slug, Some(id), req).await,
        Err(_) => plain_error(StatusCode::NOT_FOUND, "记录不存在。"),
    }
}

async fn save(state: AppState, slug: String, id: Option<i64>, req: Request) -> Response {
    let Posted {
        parts,
        user,
        register,
        values,
    } = match posted(req, &slug, "edit").await {
        Ok(p) => p,
        Err(res) => return res,
    };
    let raw: BTreeMap<String, String> =
        values.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let version = values.get("version").and_then(|v| v.parse().ok());
    let fields = match check(register, &raw) {
        Ok(f) => f,
        Err(errors) => return refused(&state, parts, values, AppError::Validation(errors)).await,
    };
    match db::save(
        &state.db,
        register,
        id,
        version,
        &fields,
        &Actor::staff(&user),
        now(),
    )
    .await
    {
        Ok(saved) => see_other(&format!(
            "/registers/{}/{saved}?notice={}",
            register.slug(),
            if id.is_none() {
                "row_added"
            } else {
                "row_saved"
            }
        )),
        Err(e) => refused(&state, parts, values, e).await,
    }
}

/// `POST /registers/{register}/{id}/withdraw`.
pub async fn withdraw_row(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, i64)>,
    req: Request,
) -> Response {
    let Posted {
        parts,
        user,
        values,
        ..
    } = match posted(req, &slug, "withdraw").await {
        Ok(p) => p,
        Err(res) => return res,
    };
    let reason = values.get("reason").cloned().unwrap_or_default();
    match db::withdraw(&state.db, id, &reason, &Actor::staff(&user), now()).await {
        Ok(()) => see_other(&format!("/registers/{slug}/{id}?notice=row_withdrawn")),
        Err(e) => refused(&state, parts, values, e).await,
    }
}

/// `POST /registers/{register}/{id}/events`.
pub async fn add_event(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, i64)>,
    req: Request,
) -> Response {
    let Posted {
        parts,
        user,
        register,
        values,
    } = match posted(req, &slug, "event").await {
        Ok(p) => p,
        Err(res) => return res,
    };
    let get = |k: &str| {
        values
            .get(k)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut errors = Vec::new();
    let date = parse_date(&get("event_date"));
    if date.is_none() {
        errors.push(FieldError {
            field: "event_date".into(),
            message: "请填写有效的日期，如 2016-05-03".into(),
        });
    }
    let stage = get("event_stage");
    if !super::pages::event_stages(register).contains(&stage.as_str()) {
        errors.push(FieldError {
            field: "event_stage".into(),
            message: "请选择事项".into(),
        });
    }
    let (note, document) = (get("event_note"), get("event_document"));
    if note.chars().count() > 1000 {
        errors.push(FieldError {
            field: "event_note".into(),
            message: "说明不能超过 1000 个字".into(),
        });
    }
    if document.chars().count() > 200 {
        errors.push(FieldError {
            field: "event_document".into(),
            message: "依据文件不能超过 200 个字".into(),
        });
    }
    if !errors.is_empty() {
        return refused(&state, parts, values, AppError::Validation(errors)).await;
    }
    let entry = TimelineEntry {
        date: date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        stage,
        note,
        document,
    };
    match db::add_event(&state.db, id, &entry, &Actor::staff(&user), now()).await {
        Ok(()) => see_other(&format!("/registers/{slug}/{id}?notice=event_added")),
        Err(e) => refused(&state, parts, values, e).await,
    }
}

/// What an import did, or would do, for the import page.
#[derive(Debug, Clone, Default)]
pub struct ImportOutcome {
    pub dry_run: bool,
    pub file_name: String,
    pub rows: usize,
    pub inserted: usize,
    pub updated: usize,
    pub problems: Vec<Problem>,
}

/// `POST /registers/{register}/import` (multipart: `file`, `mode` = check | import).
pub async fn import(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    let user = match require_in(&parts.extensions, Role::Editor) {
        Ok(u) => u,
        Err(e) => return crate::server::forms::refuse_after_body(e, &parts, body).await,
    };
    let register = match register_of(&slug) {
        Ok(r) => r,
        Err(res) => return res,
    };
    let Ok(mut multipart) =
        Multipart::from_request(Request::from_parts(parts.clone(), body), &()).await
    else {
        return plain_error(StatusCode::BAD_REQUEST, "请选择要导入的 CSV 文件后再提交。");
    };
    let (mut bytes, mut file_name, mut mode) = (Vec::new(), String::new(), String::new());
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                if field.name() == Some("file") {
                    file_name = field.file_name().unwrap_or_default().to_owned();
                    match field.bytes().await {
                        Ok(b) => bytes = b.to_vec(),
                        Err(_) => {
                            return plain_error(
                                StatusCode::PAYLOAD_TOO_LARGE,
                                "文件过大或上传中断：导入文件不超过 10 MB。",
                            )
                        }
                    }
                } else if field.name() == Some("mode") {
                    mode = field.text().await.unwrap_or_default();
                }
            }
            Ok(None) => break,
            Err(_) => {
                return plain_error(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "文件过大或上传中断：导入文件不超过 10 MB。",
                )
            }
        }
    }
    let dry_run = mode != "import";
    let mut outcome = ImportOutcome {
        dry_run,
        file_name,
        ..ImportOutcome::default()
    };
    let status = if bytes.is_empty() {
        outcome.problems.push(Problem {
            line: 0,
            column: String::new(),
            message: "请选择要导入的 CSV 文件".into(),
        });
        StatusCode::BAD_REQUEST
    } else if bytes.len() > MAX_IMPORT_BYTES {
        outcome.problems.push(Problem {
            line: 0,
            column: String::new(),
            message: "文件超过 10 MB，请分批导入".into(),
        });
        StatusCode::BAD_REQUEST
    } else {
        match read_import(register, &bytes) {
            Err(problems) => {
                outcome.problems = problems;
                StatusCode::BAD_REQUEST
            }
            Ok(rows) => {
                outcome.rows = rows.len();
                if dry_run {
                    match db::existing_refs(&state.db, register, &rows).await {
                        Ok(existing) => {
                            outcome.updated = existing;
                            outcome.inserted = rows.len() - existing;
                        }
                        Err(e) => {
                            return plain_error(
                                StatusCode::INTERNAL_SERVER_ERROR,
                                &AppError::from(e).to_string(),
                            )
                        }
                    }
                } else {
                    match db::import(&state.db, register, &rows, &Actor::staff(&user), now()).await
                    {
                        Ok((inserted, updated)) => {
                            outcome.inserted = inserted;
                            outcome.updated = updated;
                        }
                        Err(e) => {
                            return plain_error(
                                StatusCode::INTERNAL_SERVER_ERROR,
                                &AppError::from(e).to_string(),
                            )
                        }
                    }
                }
                StatusCode::OK
            }
        }
    };
    let mut res = page_with(&state, parts, move || provide_context(outcome.clone())).await;
    *res.status_mut() = status;
    res
}
