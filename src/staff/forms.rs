//! Form handlers: every staff form is a real form POST (it works without
//! JavaScript). A refused form is answered with its own page, entries kept
//! and errors beside the fields; a done one redirects (303).

use crate::content::taxonomy::Disclosure;
use crate::error::{AppError, FieldError};
use crate::server::http::local_path;
use crate::server::render::{page_with, plain_error, see_other};
use crate::server::state::AppState;
use crate::staff::audit::{self, Actor};
use crate::staff::auth::{self, require_in, session_cookie, user_in, SESSION_COOKIE};
use crate::staff::types::{ArticleForm, Role};
use crate::staff::workflow::{self, Decision, SaveAction};
use crate::ui::format::now;
use axum::{
    body::Body,
    extract::{FromRequest, Path, Request, State},
    http::{header, request::Parts, HeaderValue, StatusCode},
    response::Response,
    Form,
};
use leptos::prelude::provide_context;
use serde::{de::DeserializeOwned, Deserialize};
use std::collections::HashMap;

/// Largest single attachment.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// Largest form body (fields and files together).
pub const MAX_BODY_BYTES: usize = 25 * 1024 * 1024;

/// A refused form's entries and errors, for the page that shows it again.
#[derive(Debug, Clone, Default)]
pub struct Submitted {
    pub values: HashMap<String, String>,
    pub errors: Vec<FieldError>,
    /// A message for the whole form (shown in the error summary).
    pub message: Option<String>,
}

impl Submitted {
    pub fn value(&self, name: &str) -> String {
        self.values.get(name).cloned().unwrap_or_default()
    }
}

/// The editor's state after a POST: the entries, and what happened.
#[derive(Debug, Clone, Default)]
pub struct EditorState {
    pub form: ArticleForm,
    pub errors: Vec<FieldError>,
    /// Show the rendered preview (the no-JavaScript 预览 button).
    pub preview: bool,
}

pub(crate) async fn parse<T: DeserializeOwned>(parts: &Parts, body: Body) -> Result<T, Response> {
    Form::<T>::from_request(Request::from_parts(parts.clone(), body), &())
        .await
        .map(|Form(v)| v)
        .map_err(|_| {
            plain_error(
                StatusCode::BAD_REQUEST,
                "提交的表单不完整或格式有误，请返回重新填写。",
            )
        })
}

/// What to do when the user may not do this: sign in first, or a 403 page.
pub(crate) fn refuse(err: AppError, parts: &Parts) -> Response {
    match err {
        AppError::Unauthorized => {
            let next = parts.uri.path().to_owned();
            see_other(&format!(
                "/staff/login?next={}",
                crate::ui::url::encode(&next)
            ))
        }
        other => plain_error(
            StatusCode::from_u16(other.status()).unwrap_or(StatusCode::FORBIDDEN),
            &other.to_string(),
        ),
    }
}

/// Refuses after reading the request body (within the size limit), so a
/// browser still sending an upload gets the answer, not a reset connection.
pub(crate) async fn refuse_after_body(err: AppError, parts: &Parts, body: Body) -> Response {
    let _ = axum::body::to_bytes(body, MAX_BODY_BYTES).await;
    refuse(err, parts)
}

fn form_values<T: serde::Serialize>(form: &T) -> HashMap<String, String> {
    serde_json::to_value(form)
        .ok()
        .and_then(|v| v.as_object().cloned())
        .map(|m| {
            m.into_iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_owned())))
                .collect()
        })
        .unwrap_or_default()
}

fn validation(
    errors: Vec<FieldError>,
    message: Option<String>,
    values: HashMap<String, String>,
) -> Submitted {
    Submitted {
        values,
        errors,
        message,
    }
}

pub(crate) async fn answer_with(state: &AppState, parts: Parts, submitted: Submitted) -> Response {
    let mut res = page_with(state, parts, move || provide_context(submitted.clone())).await;
    *res.status_mut() = StatusCode::BAD_REQUEST;
    res
}

// ---- signing in and out -------------------------------------------------

#[derive(Deserialize, serde::Serialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// `POST /staff/login`.
pub async fn login(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let form: LoginForm = match parse(&parts, body).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let values = HashMap::from([
        ("username".to_owned(), form.username.clone()),
        ("next".to_owned(), form.next.clone()),
    ]);
    let username = form.username.trim();
    let mut errors = Vec::new();
    if username.is_empty() {
        errors.push(FieldError {
            field: "username".into(),
            message: "请输入用户名".into(),
        });
    }
    if form.password.is_empty() {
        errors.push(FieldError {
            field: "password".into(),
            message: "请输入密码".into(),
        });
    }
    if !errors.is_empty() {
        return answer_with(&state, parts, validation(errors, None, values)).await;
    }
    match auth::login(&state, username, &form.password).await {
        Ok((token, _)) => {
            let target = local_path(&form.next)
                .filter(|p| !p.starts_with("/staff/login"))
                .unwrap_or("/staff");
            let mut res = see_other(target);
            if let Ok(v) = HeaderValue::from_str(&session_cookie(
                Some(&token),
                auth::is_https(&parts.headers, &state),
            )) {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
            res
        }
        Err(AppError::BadRequest(message)) => {
            let errors = vec![FieldError {
                field: "username".into(),
                message: message.clone(),
            }];
            answer_with(&state, parts, validation(errors, None, values)).await
        }
        Err(e) => plain_error(
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            &e.to_string(),
        ),
    }
}

/// `POST /staff/logout`.
pub async fn logout(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    if let Some(token) = auth::cookie(&parts.headers, SESSION_COOKIE) {
        if let Err(e) = crate::staff::db::delete_session(&state.db, token).await {
            tracing::error!(error = %e, "could not end a session");
        }
        if let Some(user) = user_in(&parts.extensions) {
            if let Ok(mut tx) = state.db.begin_write().await {
                let _ = audit::record(
                    &mut tx,
                    &Actor::staff(&user),
                    "logout",
                    &format!("用户 {}", user.username),
                    serde_json::json!({}),
                    now(),
                )
                .await;
                let _ = tx.commit().await;
            }
        }
    }
    let mut res = see_other("/");
    if let Ok(v) = HeaderValue::from_str(&session_cookie(
        None,
        auth::is_https(&parts.headers, &state),
    )) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

#[derive(Deserialize, serde::Serialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /staff/password`.
pub async fn change_password(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let Some(user) = user_in(&parts.extensions) else {
        return refuse(AppError::Unauthorized, &parts);
    };
    let form: PasswordForm = match parse(&parts, body).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let mut errors = Vec::new();
    let record = match crate::staff::db::find_by_id(&state.db, user.id).await {
        Ok(Some(r)) => r,
        _ => {
            return plain_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "系统暂时无法处理您的请求，请稍后再试",
            )
        }
    };
    let (current, hash) = (form.current.clone(), record.password_hash.clone());
    let current_ok =
        tokio::task::spawn_blocking(move || crate::staff::password::verify(&current, &hash))
            .await
            .unwrap_or(false);
    if !current_ok {
        errors.push(FieldError {
            field: "current".into(),
            message: "当前密码不正确".into(),
        });
    }
    if let Some(problem) = crate::staff::password::problem(&form.new, &user.username) {
        errors.push(FieldError {
            field: "new".into(),
            message: problem.into(),
        });
    } else if form.new == form.current {
        errors.push(FieldError {
            field: "new".into(),
            message: "新密码不能与当前密码相同".into(),
        });
    }
    if form.confirm != form.new {
        errors.push(FieldError {
            field: "confirm".into(),
            message: "两次输入的新密码不一致".into(),
        });
    }
    if !errors.is_empty() {
        return answer_with(&state, parts, validation(errors, None, HashMap::new())).await;
    }
    let new = form.new.clone();
    let Ok(Ok(hash)) =
        tokio::task::spawn_blocking(move || crate::staff::password::hash(&new)).await
    else {
        return plain_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "系统暂时无法处理您的请求，请稍后再试",
        );
    };
    let now = now();
    let result: Result<String, AppError> = async {
        let mut tx = state.db.begin_write().await?;
        crate::staff::db::set_password(&mut tx, user.id, &hash, now).await?;
        let token = crate::staff::db::create_session(&mut tx, user.id, now).await?;
        audit::record(
            &mut tx,
            &Actor::staff(&user),
            "password_changed",
            &format!("用户 {}", user.username),
            serde_json::json!({}),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(token)
    }
    .await;
    match result {
        Ok(token) => {
            let mut res = see_other("/staff?notice=password");
            if let Ok(v) = HeaderValue::from_str(&session_cookie(
                Some(&token),
                auth::is_https(&parts.headers, &state),
            )) {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
            res
        }
        Err(e) => plain_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

// ---- editing --------------------------------------------------------------

/// Allowed attachment types, decided from the bytes: (MIME, what to call it).
const ALLOWED_TYPES: &[(&str, &str)] = &[
    ("application/pdf", "PDF"),
    ("application/msword", "Word"),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word",
    ),
    ("application/vnd.ms-excel", "Excel"),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel",
    ),
    ("application/vnd.ms-powerpoint", "PowerPoint"),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint",
    ),
    ("image/jpeg", "JPEG 图片"),
    ("image/png", "PNG 图片"),
    ("image/gif", "GIF 图片"),
    ("image/webp", "WebP 图片"),
];

/// The MIME type of an upload, judged by its bytes; None when not allowed.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    let kind = infer::get(bytes)?;
    let mime = kind.mime_type();
    // Old Office files are all "Compound File Binary"; infer tells them apart by content.
    ALLOWED_TYPES
        .iter()
        .find(|(m, _)| *m == mime)
        .map(|(m, _)| *m)
}

struct EditorPost {
    form: ArticleForm,
    action: String,
    files: Vec<(String, Vec<u8>)>,
    remove: Vec<i64>,
}

async fn read_editor(parts: &Parts, body: Body) -> Result<EditorPost, Response> {
    let post = crate::server::upload::read(
        Request::from_parts(parts.clone(), body),
        "提交的内容过大：附件单个不超过20MB，一次合计不超过25MB。请返回后减少附件再试。",
    )
    .await?;
    let files: Vec<(String, Vec<u8>)> = post
        .files
        .into_iter()
        .filter(|(name, _, _)| name == "files")
        .map(|(_, file_name, bytes)| (file_name, bytes))
        .collect();
    let remove: Vec<i64> = post
        .fields
        .iter()
        .filter(|(k, _)| k == "remove_attachment")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let fields: HashMap<String, String> = post.fields.into_iter().collect();
    let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let form = ArticleForm {
        kind: get("kind"),
        subtype: get("subtype"),
        title: get("title"),
        summary: get("summary"),
        body_md: get("body_md").replace("\r\n", "\n"),
        publisher: get("publisher"),
        doc_no: get("doc_no"),
        written_on: get("written_on").trim().to_owned(),
        topic: get("topic"),
        validity: get("validity"),
        replaced_by: get("replaced_by").trim().to_owned(),
        disclosure: get("disclosure"),
        withheld_reason: get("withheld_reason"),
        needs_interpretation: fields.contains_key("needs_interpretation"),
        concern_on: get("concern_on").trim().to_owned(),
        explains: get("explains"),
        note: get("note"),
    };
    Ok(EditorPost {
        form,
        action: get("action"),
        files,
        remove,
    })
}

fn check_files(
    files: &[(String, Vec<u8>)],
) -> (Vec<(String, &'static str, &[u8])>, Vec<FieldError>) {
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    for (name, bytes) in files {
        let shown = if name.is_empty() {
            "未命名文件".to_owned()
        } else {
            name.clone()
        };
        if bytes.len() > MAX_FILE_BYTES {
            errors.push(FieldError {
                field: "files".into(),
                message: format!("附件“{shown}”超过20MB，请压缩或拆分后上传"),
            });
        } else if bytes.is_empty() {
            errors.push(FieldError {
                field: "files".into(),
                message: format!("附件“{shown}”是空文件"),
            });
        } else {
            match sniff(bytes) {
                Some(mime) => ok.push((shown, mime, bytes.as_slice())),
                None => errors.push(FieldError {
                    field: "files".into(),
                    message: format!("附件“{shown}”的文件类型不受支持（按文件内容识别），仅支持 PDF、Word、Excel、PowerPoint 和图片（JPEG、PNG、GIF、WebP）"),
                }),
            }
        }
    }
    (ok, errors)
}

async fn editor_post(
    state: AppState,
    req: Request,
    id: Option<i64>,
    kind: Option<String>,
) -> Response {
    let (parts, body) = req.into_parts();
    let user = match require_in(&parts.extensions, Role::Editor) {
        Ok(u) => u,
        Err(e) => return refuse_after_body(e, &parts, body).await,
    };
    let mut post = match read_editor(&parts, body).await {
        Ok(p) => p,
        Err(res) => return res,
    };
    if let Some(kind) = kind {
        post.form.kind = kind;
    }
    let show = |state: AppState, parts: Parts, editor: EditorState, status: StatusCode| async move {
        let mut res = page_with(&state, parts, move || provide_context(editor.clone())).await;
        *res.status_mut() = status;
        res
    };
    if post.action == "preview" {
        let editor = EditorState {
            form: post.form,
            errors: Vec::new(),
            preview: true,
        };
        return show(state, parts, editor, StatusCode::OK).await;
    }
    let mut errors = post.form.validate();
    let (files, file_errors) = check_files(&post.files);
    errors.extend(file_errors);
    if !errors.is_empty() {
        let editor = EditorState {
            form: post.form,
            errors,
            preview: false,
        };
        return show(state, parts, editor, StatusCode::BAD_REQUEST).await;
    }
    let action = if post.action == "submit" {
        SaveAction::Submit
    } else {
        SaveAction::Save
    };
    let now = now();
    let saved = workflow::save(&state.db, &user, id, &post.form, action, now).await;
    let article_id = match saved {
        Ok(id) => id,
        Err(AppError::Validation(errors)) => {
            let editor = EditorState {
                form: post.form,
                errors,
                preview: false,
            };
            return show(state, parts, editor, StatusCode::BAD_REQUEST).await;
        }
        Err(AppError::NotFound) => {
            return plain_error(StatusCode::NOT_FOUND, "要编辑的信息不存在。")
        }
        Err(e) => return plain_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    };
    if !files.is_empty() || !post.remove.is_empty() {
        let result: Result<(), AppError> = async {
            let mut tx = state.db.begin_write().await?;
            let actor = Actor::staff(&user);
            for (name, mime, bytes) in &files {
                let file = crate::content::db::NewAttachment {
                    name: name.clone(),
                    mime: (*mime).to_owned(),
                    data: bytes.to_vec(),
                };
                let aid =
                    crate::content::db::add_attachment(&mut tx, article_id, &file, now).await?;
                sqlx::query("UPDATE attachments SET live = 0 WHERE id = $1")
                    .bind(aid)
                    .execute(&mut *tx)
                    .await?;
                audit::record(
                    &mut tx,
                    &actor,
                    "attachment_added",
                    &format!("信息 {article_id} 附件 {aid}"),
                    serde_json::json!({"name": name, "type": mime, "size": bytes.len()}),
                    now,
                )
                .await?;
            }
            for aid in &post.remove {
                let n = sqlx::query(
                    "UPDATE attachments SET pending_delete = 1 WHERE id = $1 AND article_id = $2",
                )
                .bind(*aid)
                .bind(article_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if n == 1 {
                    audit::record(
                        &mut tx,
                        &actor,
                        "attachment_removed",
                        &format!("信息 {article_id} 附件 {aid}"),
                        serde_json::json!({}),
                        now,
                    )
                    .await?;
                }
            }
            tx.commit().await?;
            Ok(())
        }
        .await;
        if let Err(e) = result {
            return plain_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string());
        }
    }
    let notice = if action == SaveAction::Submit {
        "submitted"
    } else {
        "saved"
    };
    see_other(&format!("/articles/{article_id}/edit?notice={notice}"))
}

/// `POST /articles/{id}/edit`.
pub async fn save_article(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    match id.parse::<i64>() {
        Ok(id) if id > 0 => editor_post(state, req, Some(id), None).await,
        _ => plain_error(StatusCode::NOT_FOUND, "要编辑的信息不存在。"),
    }
}

/// `POST /disclosure/{kind}/new`.
pub async fn create_article(
    State(state): State<AppState>,
    Path(kind): Path<String>,
    req: Request,
) -> Response {
    if crate::content::taxonomy::ContentKind::from_slug(&kind).is_none() {
        return plain_error(StatusCode::NOT_FOUND, "没有这个信息类别。");
    }
    editor_post(state, req, None, Some(kind)).await
}

// ---- reviewing, withdrawing, re-reviewing ----------------------------------

#[derive(Deserialize, serde::Serialize, Default)]
pub struct ReviewForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    opinion: String,
    #[serde(default)]
    disclosure: String,
    #[serde(default)]
    publish: String,
    /// `YYYY-MM-DDTHH:MM`, Beijing time.
    #[serde(default)]
    publish_at: String,
}

fn parse_local(s: &str) -> Option<i64> {
    let t = chrono::NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M").ok()?;
    Some(crate::ui::format::unix_at(t.date(), t.time()))
}

/// `POST /articles/{id}/review`.
pub async fn review(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    let user = match require_in(&parts.extensions, Role::Reviewer) {
        Ok(u) => u,
        Err(e) => return refuse(e, &parts),
    };
    let Ok(id) = id.parse::<i64>() else {
        return plain_error(StatusCode::NOT_FOUND, "信息不存在。");
    };
    let form: ReviewForm = match parse(&parts, body).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let values = form_values(&form);
    let now = now();
    let mut errors = Vec::new();
    let decision = match form.decision.as_str() {
        "approve" => {
            let disclosure = Disclosure::from_slug(&form.disclosure);
            if disclosure.is_none() {
                errors.push(FieldError {
                    field: "disclosure".into(),
                    message: "请确认公开属性".into(),
                });
            }
            let publish_at = if form.publish == "later" {
                match parse_local(&form.publish_at) {
                    Some(t) if t > now => Some(t),
                    Some(_) => {
                        errors.push(FieldError {
                            field: "publish_at".into(),
                            message: "定时发布的时间应晚于现在".into(),
                        });
                        None
                    }
                    None => {
                        errors.push(FieldError {
                            field: "publish_at".into(),
                            message: "请选择定时发布的日期和时间".into(),
                        });
                        None
                    }
                }
            } else {
                None
            };
            disclosure.map(|d| Decision::Approve {
                disclosure: d,
                publish_at,
            })
        }
        "return" => Some(Decision::Return),
        _ => {
            errors.push(FieldError {
                field: "decision".into(),
                message: "请选择“同意发布”或“退回修改”".into(),
            });
            None
        }
    };
    if form.opinion.trim().is_empty() {
        errors.push(FieldError {
            field: "opinion".into(),
            message: "请填写审核意见".into(),
        });
    }
    let Some(decision) = decision.filter(|_| errors.is_empty()) else {
        return answer_with(&state, parts, validation(errors, None, values)).await;
    };
    let returned = decision == Decision::Return;
    match workflow::review(
        &state.db,
        &user,
        id,
        decision,
        &form.opinion,
        now,
        &state.calendar(),
    )
    .await
    {
        Ok(()) if returned => see_other("/staff?notice=returned"),
        Ok(()) => see_other(&format!("/articles/{id}/review?notice=approved")),
        Err(AppError::Conflict(message)) => {
            let status = if message.contains("自己") {
                StatusCode::FORBIDDEN
            } else {
                StatusCode::CONFLICT
            };
            let mut res =
                answer_with(&state, parts, validation(Vec::new(), Some(message), values)).await;
            *res.status_mut() = status;
            res
        }
        Err(AppError::Validation(errors)) => {
            answer_with(&state, parts, validation(errors, None, values)).await
        }
        Err(AppError::NotFound) => plain_error(StatusCode::NOT_FOUND, "信息不存在。"),
        Err(e) => plain_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

#[derive(Deserialize, serde::Serialize, Default)]
pub struct WithdrawForm {
    #[serde(default)]
    reason: String,
}

/// `POST /articles/{id}/withdraw`.
pub async fn withdraw(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    let user = match require_in(&parts.extensions, Role::Reviewer) {
        Ok(u) => u,
        Err(e) => return refuse(e, &parts),
    };
    let Ok(id) = id.parse::<i64>() else {
        return plain_error(StatusCode::NOT_FOUND, "信息不存在。");
    };
    let form: WithdrawForm = match parse(&parts, body).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let values = form_values(&form);
    match workflow::withdraw(&state.db, &user, id, &form.reason, now()).await {
        Ok(()) => see_other(&format!("/articles/{id}")),
        Err(AppError::Validation(errors)) => {
            answer_with(&state, parts, validation(errors, None, values)).await
        }
        Err(AppError::Conflict(message)) => {
            answer_with(&state, parts, validation(Vec::new(), Some(message), values)).await
        }
        Err(AppError::NotFound) => plain_error(StatusCode::NOT_FOUND, "信息不存在。"),
        Err(e) => plain_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

#[derive(Deserialize, serde::Serialize, Default)]
pub struct RereviewForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    next_review_on: String,
    #[serde(default)]
    opinion: String,
}

/// `POST /articles/{id}/rereview`: the periodic review of a withheld item.
pub async fn rereview(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    let user = match require_in(&parts.extensions, Role::Reviewer) {
        Ok(u) => u,
        Err(e) => return refuse(e, &parts),
    };
    let Ok(id) = id.parse::<i64>() else {
        return plain_error(StatusCode::NOT_FOUND, "信息不存在。");
    };
    let form: RereviewForm = match parse(&parts, body).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let values = form_values(&form);
    let today = state.today();
    let mut errors = Vec::new();
    let next = chrono::NaiveDate::parse_from_str(form.next_review_on.trim(), "%Y-%m-%d").ok();
    let disclose = match form.decision.as_str() {
        "disclose" => true,
        "keep" => {
            if !next.is_some_and(|d| d > today) {
                errors.push(FieldError {
                    field: "next_review_on".into(),
                    message: "请填写晚于今天的下次评审日期".into(),
                });
            }
            false
        }
        _ => {
            errors.push(FieldError {
                field: "decision".into(),
                message: "请选择评审结论".into(),
            });
            false
        }
    };
    if form.opinion.trim().is_empty() {
        errors.push(FieldError {
            field: "opinion".into(),
            message: "请填写评审意见".into(),
        });
    }
    if !errors.is_empty() {
        return answer_with(&state, parts, validation(errors, None, values)).await;
    }
    match workflow::record_rereview(
        &state.db,
        &user,
        id,
        disclose,
        next,
        form.opinion.trim(),
        now(),
    )
    .await
    {
        Ok(()) => see_other("/staff?notice=rereview"),
        Err(AppError::NotFound) => plain_error(StatusCode::NOT_FOUND, "信息不存在。"),
        Err(AppError::Conflict(message)) => {
            answer_with(&state, parts, validation(Vec::new(), Some(message), values)).await
        }
        Err(e) => plain_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::sniff;

    #[test]
    fn types_are_judged_by_bytes_not_names() {
        assert_eq!(
            sniff(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"),
            Some("application/pdf")
        );
        assert_eq!(
            sniff(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]),
            Some("image/png")
        );
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F']),
            Some("image/jpeg")
        );
        assert_eq!(sniff(b"<html><script>alert(1)</script>"), None);
        assert_eq!(
            sniff(b"MZ\x90\x00\x03\x00\x00\x00"),
            None,
            "an executable named .pdf is refused"
        );
        assert_eq!(sniff(b"plain text pretending to be a PDF"), None);
    }
}

#[derive(Deserialize, serde::Serialize, Default)]
pub struct HotWordForm {
    #[serde(default)]
    word: String,
    #[serde(default)]
    action: String,
}

/// `POST /staff/search`: pin, block or remove a hot word. Administrators only.
pub async fn hot_words(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let user = match require_in(&parts.extensions, Role::Admin) {
        Ok(u) => u,
        Err(e) => return refuse(e, &parts),
    };
    let form: HotWordForm = match parse(&parts, body).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let values = form_values(&form);
    let word = crate::search::segment::normalise(form.word.trim());
    if word.is_empty() || word.chars().count() > 20 {
        let errors = vec![FieldError {
            field: "word".into(),
            message: "请填写1到20个字的词语".into(),
        }];
        return answer_with(&state, parts, validation(errors, None, values)).await;
    }
    let result = match form.action.as_str() {
        "pin" => crate::search::hot::set_word(&state.db, &word, "pinned").await,
        "block" => crate::search::hot::set_word(&state.db, &word, "blocked").await,
        "remove" => crate::search::hot::remove_word(&state.db, &word).await,
        _ => return plain_error(StatusCode::BAD_REQUEST, "未知的操作。"),
    };
    let now = now();
    let audited: Result<(), AppError> = async {
        result?;
        let mut tx = state.db.begin_write().await?;
        audit::record(
            &mut tx,
            &Actor::staff(&user),
            "hot_words_changed",
            &format!("热词 {word}"),
            serde_json::json!({"action": form.action}),
            now,
        )
        .await?;
        tx.commit().await?;
        state.reload_hot_words().await?;
        Ok(())
    }
    .await;
    match audited {
        Ok(()) => see_other("/staff/search"),
        Err(e) => plain_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}
