//! Signing in and out, and changing one's password.

use crate::account::auth::{self, session_cookie, user_in};
use crate::account::db::audit::{self, Actor};
use crate::account::extract::SignedIn;
use crate::error::{AppError, FieldError};
use crate::server::forms::{Posted, Refusal};
use crate::server::http::local_path;
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{
    extract::State,
    http::{header, request::Parts, HeaderValue},
    response::Response,
};
use serde::Deserialize;
use std::collections::HashMap;

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
pub async fn login(
    State(state): State<AppState>,
    parts: Parts,
    Posted(form): Posted<LoginForm>,
) -> Result<Response, Refusal> {
    crate::server::limit::within(&state, &parts, crate::server::limit::Kind::SignIn).await?;
    let values = HashMap::from([
        ("username".to_owned(), form.username.clone()),
        ("next".to_owned(), form.next.clone()),
    ]);
    let username = form.username.trim();
    let mut errors = Vec::new();
    if username.is_empty() {
        errors.push(FieldError::new("username", "请输入用户名"));
    }
    if form.password.is_empty() {
        errors.push(FieldError::new("password", "请输入密码"));
    }
    if !errors.is_empty() {
        return Err(Refusal::fields(errors, values));
    }
    let token = match auth::login(&state, username, &form.password).await {
        Ok((token, _)) => token,
        Err(AppError::BadRequest(message)) => {
            let errors = vec![FieldError::new("username", &message)];
            return Err(Refusal::fields(errors, values));
        }
        Err(e) => return Err(e.into()),
    };
    // A session this browser held before ends: one sign-in, one token.
    if let Some(old) = auth::session_token(&parts.headers) {
        if let Err(e) = crate::account::db::delete_session(&state.db, old).await {
            tracing::warn!(error = %e, "could not end the previous session");
        }
    }
    let target = local_path(&form.next)
        .filter(|p| !p.starts_with("/staff/login"))
        .unwrap_or("/staff");
    Ok(with_session(
        see_other(target),
        Some(&token),
        &parts,
        &state,
    ))
}

/// `res` setting the session cookie to `token` (None: ending it).
fn with_session(
    mut res: Response,
    token: Option<&str>,
    parts: &Parts,
    state: &AppState,
) -> Response {
    let cookie = session_cookie(token, auth::is_https(&parts.headers, state));
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// `POST /staff/logout`.
pub async fn logout(State(state): State<AppState>, parts: Parts) -> Response {
    if let Some(token) = auth::session_token(&parts.headers) {
        if let Err(e) = crate::account::db::delete_session(&state.db, token).await {
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
    with_session(see_other("/"), None, &parts, &state)
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
pub async fn change_password(
    State(state): State<AppState>,
    parts: Parts,
    SignedIn(user): SignedIn,
    Posted(form): Posted<PasswordForm>,
) -> Result<Response, Refusal> {
    let mut errors = Vec::new();
    let record = crate::account::db::find_by_id(&state.db, user.id)
        .await?
        .ok_or(AppError::Internal)?;
    let current_ok =
        crate::account::password::verify_limited(&form.current, &record.password_hash).await;
    if !current_ok {
        errors.push(FieldError {
            field: "current".into(),
            message: "当前密码不正确".into(),
        });
    }
    if let Some(problem) = crate::account::password::problem(&form.new, &user.username) {
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
        return Err(Refusal::fields(errors, HashMap::new()));
    }
    let new = form.new.clone();
    let Ok(Ok(hash)) =
        tokio::task::spawn_blocking(move || crate::account::password::hash(&new)).await
    else {
        return Err(AppError::Internal.into());
    };
    let now = now();
    let mut tx = state.db.begin_write().await?;
    crate::account::db::set_password(&mut tx, user.id, &hash, now).await?;
    let token = crate::account::db::create_session(&mut tx, user.id, now).await?;
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
    Ok(with_session(
        see_other("/staff?notice=password"),
        Some(&token),
        &parts,
        &state,
    ))
}
