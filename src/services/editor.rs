//! The guide editor's posts. 事项管理 staff (or 管理员) create a service,
//! write its guide part by part and retire or restore it; every change
//! waits for a reviewer who did not write it (guides are public
//! information, so they pass the same confidentiality review as articles).
//! Each change and its audit entry commit together.

use super::db::editing::{self, Editing};
use super::guide_form::{read, skeleton, Part};
use super::types::{Service, ServiceStatus};
use crate::account::db::audit::{self, Actor};
use crate::account::extract::SignedIn;
use crate::account::review::{decide, fingerprint};
use crate::account::types::{Role, StaffUser};
use crate::error::{AppError, FieldError};
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

type Values = HashMap<String, String>;

/// Whether `user` may write guides and retire services.
pub fn may_edit(user: &StaffUser) -> bool {
    user.has(Role::Services) || user.has(Role::Admin)
}

fn need_editor(user: &StaffUser) -> Result<(), Refusal> {
    if may_edit(user) {
        Ok(())
    } else {
        Err(AppError::Forbidden.into())
    }
}

/// The fingerprint of a guide (see `account::review`).
pub fn guide_fingerprint(guide: &Service) -> String {
    fingerprint(&[&serde_json::to_string(guide).unwrap_or_default()])
}

/// The guide staff edit: the one waiting for review, else the public one.
pub fn working_copy(e: &Editing) -> Option<&Service> {
    e.pending.as_ref().map(|(s, _)| s).or(e.live.as_ref())
}

/// Why `code` cannot name a service, if it cannot.
pub fn code_problem(code: &str) -> Option<&'static str> {
    let ok = !code.is_empty()
        && code.len() <= 40
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    (!ok).then_some("事项编码用字母、数字和短横线，最长40位，如 FJ-XW-010")
}

async fn editing_of(conn: &mut sqlx::AnyConnection, code: &str) -> Result<Editing, Refusal> {
    editing::editing_in(conn, code)
        .await?
        .ok_or_else(|| AppError::NotFound.into())
}

/// Records what `user` did to service `code` and commits the change with
/// its audit entry; then back to the service's page, saying so.
async fn done(
    mut tx: sqlx::Transaction<'static, sqlx::Any>,
    user: &StaffUser,
    action: &str,
    code: &str,
    detail: serde_json::Value,
    now: i64,
    notice: &str,
) -> Result<Response, Refusal> {
    audit::record(
        &mut tx,
        &Actor::staff(user),
        action,
        &format!("事项 {code}"),
        detail,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/staff/services/{code}?notice={notice}"
    )))
}

/// `POST /staff/services`: a new service (code and name), whose guide is
/// then written part by part.
pub async fn create_service(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Posted(values): Posted<Values>,
) -> Result<Response, Refusal> {
    need_editor(&user)?;
    let code = values.get("code").map_or("", |s| s.trim()).to_owned();
    let name = values.get("name").map_or("", |s| s.trim()).to_owned();
    let mut errors = Vec::new();
    if let Some(p) = code_problem(&code) {
        errors.push(FieldError::new("code", p));
    }
    if name.is_empty() || name.chars().count() > 100 || name.contains('\n') {
        errors.push(FieldError::new(
            "name",
            "请输入事项名称（一行，不超过100个字）",
        ));
    }
    if !errors.is_empty() {
        return Err(Refusal::fields(errors, values));
    }
    let guide = skeleton(&code, &name, &state.site().publisher);
    let now = now();
    let mut tx = state.db.begin_write().await?;
    if !editing::create_draft(&mut tx, &guide, Some(user.id), now).await? {
        return Err(Refusal::fields(
            vec![FieldError::new("code", "这个事项编码已被使用，请换一个")],
            values,
        ));
    }
    audit::record(
        &mut tx,
        &Actor::staff(&user),
        "service.created",
        &format!("事项 {code}"),
        serde_json::json!({"code": code, "name": name}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/staff/services/{code}/edit/basics?notice=service_created"
    )))
}

/// `POST /staff/services/{code}/edit/{part}`: one part of the guide,
/// saved as the guide waiting for review.
pub async fn save_part(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((code, part)): Path<(String, String)>,
    Posted(values): Posted<Values>,
) -> Result<Response, Refusal> {
    need_editor(&user)?;
    let part = Part::from_slug(&part).ok_or(AppError::NotFound)?;
    let now = now();
    let mut tx = state.db.begin_write().await?;
    let e = editing_of(&mut tx, &code).await?;
    let base = working_copy(&e).ok_or(AppError::NotFound)?;
    let guide =
        read(part, base, &values).map_err(|errors| Refusal::fields(errors, values.clone()))?;
    if &guide == base {
        return Ok(see_other(&format!(
            "/staff/services/{code}?notice=text_unchanged"
        )));
    }
    editing::propose(&mut tx, &guide, Some(user.id), now).await?;
    let detail = serde_json::json!({"code": code, "part": part.slug(), "name": guide.name});
    done(tx, &user, "service.saved", &code, detail, now, "text_saved").await
}

/// `POST /staff/services/{code}/review`: `approve` or `return` the guide
/// waiting (reviewers who did not write it). A guide that still fails the
/// hall's checks cannot be approved.
pub async fn review_guide(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(code): Path<String>,
    Posted(values): Posted<Values>,
) -> Result<Response, Refusal> {
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    let action = get("action");
    let approve = match action.as_str() {
        "approve" => true,
        "return" => false,
        _ => return Err(Refusal::plain(StatusCode::BAD_REQUEST, "未知的操作。")),
    };
    let now = now();
    let mut tx = state.db.begin_write().await?;
    let e = editing_of(&mut tx, &code).await?;
    let (seen, opinion) = (get("seen"), get("opinion"));
    let (pending, decision) = decide(
        &user,
        approve,
        e.pending.as_ref(),
        guide_fingerprint,
        &seen,
        &opinion,
        &values,
    )?;
    if approve {
        let problems = super::guide_form::open_problems(pending);
        if !problems.is_empty() {
            return Err(Refusal::message(
                StatusCode::CONFLICT,
                format!(
                    "办事指南还有{}处需要完善，不能发布：{}",
                    problems.len(),
                    problems.join("；")
                ),
                values.clone(),
            ));
        }
    }
    let opinion = decision.opinion.to_owned();
    editing::decide(
        &mut tx,
        state.db.backend(),
        pending,
        e.position,
        &decision,
        now,
    )
    .await?;
    let (act, notice) = if approve {
        ("service.approved", "text_approved")
    } else {
        ("service.returned", "text_returned")
    };
    let detail = serde_json::json!({"code": code, "name": pending.name, "opinion": opinion});
    done(tx, &user, act, &code, detail, now, notice).await
}

/// `POST /staff/services/{code}`: `retire` (the service leaves the hall;
/// its cases stay handled and tracked) or `restore`.
pub async fn change_service(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(code): Path<String>,
    Posted(values): Posted<Values>,
) -> Result<Response, Refusal> {
    need_editor(&user)?;
    let retire = match values.get("action").map(String::as_str) {
        Some("retire") => true,
        Some("restore") => false,
        _ => return Err(Refusal::plain(StatusCode::BAD_REQUEST, "未知的操作。")),
    };
    let now = now();
    let mut tx = state.db.begin_write().await?;
    let e = editing_of(&mut tx, &code).await?;
    let expected = if retire {
        ServiceStatus::Published
    } else {
        ServiceStatus::Retired
    };
    if e.status != expected
        || !editing::set_retired(&mut tx, state.db.backend(), &code, retire, now).await?
    {
        return Err(Refusal::message(
            StatusCode::CONFLICT,
            if retire {
                "只有办理中的事项才能停办"
            } else {
                "只有已停办的事项才能恢复"
            },
            values,
        ));
    }
    let name = e.live.as_ref().map(|s| s.name.clone()).unwrap_or_default();
    let (act, notice) = if retire {
        ("service.retired", "service_retired")
    } else {
        ("service.restored", "service_restored")
    };
    let detail = serde_json::json!({"code": code, "name": name});
    done(tx, &user, act, &code, detail, now, notice).await
}

/// Largest guide file imported.
pub const MAX_IMPORT_BYTES: usize = 8 * 1024 * 1024;

/// `POST /staff/services`: a new service (a plain form), or guides
/// imported from a file (a multipart form, see [`import_guides`]).
pub async fn post_services(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    req: axum::extract::Request,
) -> Result<Response, Refusal> {
    let multipart = req
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if multipart {
        let post = crate::server::upload::read(req, "文件过大：办事指南文件不超过 8 MB。").await?;
        return import_guides(&state, &user, post).await;
    }
    let Posted(values) =
        <Posted<Values> as axum::extract::FromRequest<()>>::from_request(req, &()).await?;
    create_service(State(state), SignedIn(user), Posted(values)).await
}

/// Whether every text in `guide` is free of control characters (a file's
/// JSON may carry them escaped, past the request's own check).
fn clean_guide(guide: &Service) -> bool {
    fn clean(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::String(s) => crate::server::input::clean_text(s),
            serde_json::Value::Array(a) => a.iter().all(clean),
            serde_json::Value::Object(o) => o
                .iter()
                .all(|(k, v)| crate::server::input::clean_text(k) && clean(v)),
            _ => true,
        }
    }
    serde_json::to_value(guide).is_ok_and(|v| clean(&v))
}

/// Reads the guides of an uploaded file: the portal's JSON export
/// (`gongkai.guides/1`) or its CSV layout.
fn guides_in(file_name: &str, bytes: &[u8]) -> Result<Vec<Service>, String> {
    let looks_json = bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{');
    if looks_json || file_name.to_lowercase().ends_with(".json") {
        let file: super::export::GuideFile = serde_json::from_slice(bytes)
            .map_err(|_| "无法读取这个 JSON 文件：须为本系统导出的办事指南文件".to_owned())?;
        if file.format != super::export::FORMAT {
            return Err(format!(
                "文件格式为“{}”，本系统只能导入 {}",
                file.format,
                super::export::FORMAT
            ));
        }
        if file.guides.is_empty() {
            return Err("文件中没有办事指南".to_owned());
        }
        Ok(file.guides)
    } else {
        super::transfer::from_csv(bytes)
    }
}

/// Imports every guide of an uploaded file, all or none: each new code
/// becomes a draft service and each known one a change, all waiting for
/// review (nothing is public before a reviewer approves it).
async fn import_guides(
    state: &AppState,
    user: &StaffUser,
    post: crate::server::upload::MultipartPost,
) -> Result<Response, Refusal> {
    need_editor(user)?;
    let refuse =
        |message: String| Refusal::fields(vec![FieldError::new("file", message)], HashMap::new());
    let Some((_, file_name, bytes)) = post.files.into_iter().find(|(k, _, _)| k == "file") else {
        return Err(refuse("请选择要导入的办事指南文件".to_owned()));
    };
    let guides = guides_in(&file_name, &bytes).map_err(refuse)?;
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, g) in guides.iter().enumerate() {
        let which = format!("第{}个事项（{}）", i + 1, g.code);
        if !clean_guide(g) {
            problems.push(format!("{which}含有控制字符"));
        }
        if !seen.insert(g.code.clone()) {
            problems.push(format!("{which}的编码在文件中重复"));
        }
        for p in super::validate::check(g) {
            problems.push(format!("{which}：{}", p.message));
        }
    }
    if !problems.is_empty() {
        problems.truncate(20);
        return Err(refuse(format!(
            "文件未导入，请修改后重试。{}",
            problems.join("；")
        )));
    }
    let now = now();
    let mut tx = state.db.begin_write().await?;
    for g in &guides {
        let created = editing::create_draft(&mut tx, g, Some(user.id), now).await?;
        let mut detail =
            serde_json::json!({"code": g.code, "name": g.name, "new": created, "file": file_name});
        if !created {
            // A change already waiting for review is replaced: the log
            // keeps it, so no one's work is lost without a trace.
            let waiting = editing::editing_in(&mut tx, &g.code)
                .await?
                .and_then(|e| e.pending.map(|(guide, _)| guide));
            if let Some(waiting) = waiting {
                detail["replaced"] = serde_json::to_value(&waiting).unwrap_or_default();
            }
            editing::propose(&mut tx, g, Some(user.id), now).await?;
        }
        audit::record(
            &mut tx,
            &Actor::staff(user),
            "service.imported",
            &format!("事项 {}", g.code),
            detail,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(see_other(&format!(
        "/staff/services?notice=services_imported&n={}",
        guides.len()
    )))
}
