//! Form handlers: every staff form is a real form POST (it works without
//! JavaScript). A refused form is answered with its own page, entries kept
//! and errors beside the fields; a done one redirects (303).

use crate::content::taxonomy::Disclosure;
use crate::error::{AppError, FieldError};
use crate::server::http::local_path;
use crate::server::render::{page_with, plain_error, see_other};
use crate::server::state::AppState;
use crate::staff::audit::{self, Actor};
use crate::staff::auth::{self, require_in, session_cookie, user_in};
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

/// Answers a refused form: field errors beside their fields, a conflict or
/// bad request as a message for the whole form, the entries kept; any
/// other error is not the form's to show.
pub(crate) async fn answer_refused(
    state: &AppState,
    parts: Parts,
    values: HashMap<String, String>,
    err: AppError,
) -> Response {
    let submitted = match err {
        AppError::Validation(errors) => Submitted {
            values,
            errors,
            message: None,
        },
        AppError::Conflict(m) | AppError::BadRequest(m) => Submitted {
            values,
            errors: Vec::new(),
            message: Some(m),
        },
        other => return refuse(other, &parts),
    };
    answer_with(state, parts, submitted).await
}

pub(crate) async fn answer_with(state: &AppState, parts: Parts, submitted: Submitted) -> Response {
    let mut res = page_with(state, parts, move || provide_context(submitted.clone())).await;
    *res.status_mut() = StatusCode::BAD_REQUEST;
    res
}

// ---- signing in and out -------------------------------------------------

mod account;
mod editor;
mod review;

pub use account::*;
pub use editor::*;
pub use review::*;

#[derive(Deserialize, serde::Serialize, Default)]
pub struct HotWordForm {
    #[serde(default)]
    word: String,
    #[serde(default)]
    action: String,
    /// With `action=mode`: how new words enter the list.
    #[serde(default)]
    mode: String,
}

/// `POST /staff/search`: pin, block, approve or remove a hot word, or set
/// how new words enter the list (`action=mode`). Administrators only; the
/// change and its audit entry commit together.
pub async fn hot_words(State(state): State<AppState>, req: Request) -> Response {
    use crate::search::hot::{self, Mode};
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
    let mode = if form.action == "mode" {
        match Mode::from_slug(&form.mode) {
            Some(m) => Some(m),
            None => {
                let errors = vec![FieldError::new("mode", "请选择新词的显示方式")];
                return answer_with(&state, parts, validation(errors, None, values)).await;
            }
        }
    } else {
        None
    };
    let word = crate::search::segment::normalise(form.word.trim());
    if mode.is_none() && (word.is_empty() || word.chars().count() > 20) {
        let errors = vec![FieldError::new("word", "请填写1到20个字的词语")];
        return answer_with(&state, parts, validation(errors, None, values)).await;
    }
    if !matches!(
        form.action.as_str(),
        "pin" | "block" | "approve" | "remove" | "mode"
    ) {
        return plain_error(StatusCode::BAD_REQUEST, "未知的操作。");
    }
    let now = now();
    let saved: Result<(), AppError> = async {
        let mut tx = state.db.begin_write().await?;
        match (form.action.as_str(), mode) {
            (_, Some(m)) => hot::set_mode(&mut tx, m).await?,
            ("pin", _) => hot::set_word(&mut tx, &word, "pinned").await?,
            ("block", _) => hot::set_word(&mut tx, &word, "blocked").await?,
            ("approve", _) => hot::approve(&mut tx, &word, now).await?,
            _ => hot::remove_word(&mut tx, &word).await?,
        }
        let target = match mode {
            Some(_) => "热词显示方式".to_owned(),
            None => format!("热词 {word}"),
        };
        audit::record(
            &mut tx,
            &Actor::staff(&user),
            "hot_words_changed",
            &target,
            serde_json::json!({"action": form.action, "mode": mode.map(Mode::slug)}),
            now,
        )
        .await?;
        tx.commit().await?;
        state.reload_hot_words().await?;
        Ok(())
    }
    .await;
    match saved {
        Ok(()) => see_other("/staff/search"),
        Err(e) => plain_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}
