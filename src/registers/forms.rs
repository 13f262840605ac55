//! Staff form posts for registers: add, edit in place, add a timeline entry,
//! withdraw, and import a CSV (dry run or for real). All are plain POSTs;
//! a refused one answers with its own page, entries kept.

use super::csv_io::{read_import, Problem, MAX_IMPORT_BYTES};
use super::db;
use super::schema::Register;
use super::types::TimelineEntry;
use super::validate::{check, parse_date};
use crate::account::auth::require_in;
use crate::account::db::audit::Actor;
use crate::account::extract::{Editor, Staff};
use crate::account::types::{Role, StaffUser};
use crate::error::{AppError, FieldError};
use crate::server::forms::{Posted, Refusal};
use crate::server::render::{page_with, plain_error, see_other};
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{
    extract::{FromRequest, Multipart, Path, Request, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use leptos::prelude::provide_context;
use std::collections::{BTreeMap, HashMap};

fn register_of(slug: &str) -> Result<Register, Refusal> {
    Register::from_slug(slug)
        .ok_or_else(|| Refusal::plain(StatusCode::NOT_FOUND, "没有这个公示目录。"))
}

/// A refusal of a register form, its entries (tagged with which form on the
/// page sent them) kept.
fn refused(err: AppError, mut values: HashMap<String, String>, form: &str) -> Refusal {
    values.insert("form".into(), form.into());
    match err {
        AppError::NotFound => Refusal::plain(StatusCode::NOT_FOUND, "记录不存在。"),
        other => Refusal::of(other, values),
    }
}

/// `POST /registers/{register}/new`.
pub async fn create_row(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    user: Staff<Editor>,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    save(state, &slug, None, &user, values).await
}

/// `POST /registers/{register}/{id}`: edit in place.
pub async fn save_row(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    user: Staff<Editor>,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    let id = id
        .parse::<i64>()
        .map_err(|_| Refusal::plain(StatusCode::NOT_FOUND, "记录不存在。"))?;
    save(state, &slug, Some(id), &user, values).await
}

async fn save(
    state: AppState,
    slug: &str,
    id: Option<i64>,
    user: &StaffUser,
    values: HashMap<String, String>,
) -> Result<Response, Refusal> {
    let register = register_of(slug)?;
    let raw: BTreeMap<String, String> =
        values.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let version = values.get("version").and_then(|v| v.parse().ok());
    let fields = check(register, &raw)
        .map_err(|errors| refused(AppError::Validation(errors), values.clone(), "edit"))?;
    let saved = db::save(
        &state.db,
        register,
        id,
        version,
        &fields,
        &Actor::staff(user),
        now(),
    )
    .await
    .map_err(|e| refused(e, values, "edit"))?;
    Ok(see_other(&format!(
        "/registers/{}/{saved}?notice={}",
        register.slug(),
        if id.is_none() {
            "row_added"
        } else {
            "row_saved"
        }
    )))
}

/// `POST /registers/{register}/{id}/withdraw`.
pub async fn withdraw_row(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, i64)>,
    user: Staff<Editor>,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    register_of(&slug)?;
    let reason = values.get("reason").cloned().unwrap_or_default();
    db::withdraw(&state.db, id, &reason, &Actor::staff(&user), now())
        .await
        .map_err(|e| refused(e, values, "withdraw"))?;
    Ok(see_other(&format!(
        "/registers/{slug}/{id}?notice=row_withdrawn"
    )))
}

/// `POST /registers/{register}/{id}/events`.
pub async fn add_event(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, i64)>,
    user: Staff<Editor>,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    let register = register_of(&slug)?;
    let get = |k: &str| {
        values
            .get(k)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut errors = Vec::new();
    let date = parse_date(&get("event_date"));
    if date.is_none() {
        errors.push(FieldError::new(
            "event_date",
            "请填写有效的日期，如 2016-05-03",
        ));
    }
    let stage = get("event_stage");
    if !super::pages::event_stages(register).contains(&stage.as_str()) {
        errors.push(FieldError::new("event_stage", "请选择事项"));
    }
    let (note, document) = (get("event_note"), get("event_document"));
    if note.chars().count() > 1000 {
        errors.push(FieldError::new("event_note", "说明不能超过 1000 个字"));
    }
    if document.chars().count() > 200 {
        errors.push(FieldError::new(
            "event_document",
            "依据文件不能超过 200 个字",
        ));
    }
    if !errors.is_empty() {
        return Err(refused(AppError::Validation(errors), values, "event"));
    }
    let entry = TimelineEntry {
        date: date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        stage,
        note,
        document,
    };
    db::add_event(&state.db, id, &entry, &Actor::staff(&user), now())
        .await
        .map_err(|e| refused(e, values, "event"))?;
    Ok(see_other(&format!(
        "/registers/{slug}/{id}?notice=event_added"
    )))
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
        Err(refusal) => return refusal.into_response(),
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
