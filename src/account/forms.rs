//! Signing in and out, and changing one's password.

use crate::account::audit::{self, Actor};
use crate::account::auth::{self, session_cookie, user_in};
use crate::error::{AppError, FieldError};
use crate::server::forms::{answer_with, parse, refuse, validation};
use crate::server::http::local_path;
use crate::server::render::{plain_error, see_other};
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
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
pub async fn login(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    if let Err(res) =
        crate::server::limit::within(&state, &parts, crate::server::limit::Kind::SignIn).await
    {
        return res;
    }
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
            // A session this browser held before ends: one sign-in, one token.
            if let Some(old) = auth::session_token(&parts.headers) {
                if let Err(e) = crate::account::db::delete_session(&state.db, old).await {
                    tracing::warn!(error = %e, "could not end the previous session");
                }
            }
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
    let record = match crate::account::db::find_by_id(&state.db, user.id).await {
        Ok(Some(r)) => r,
        _ => {
            return plain_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "系统暂时无法处理您的请求，请稍后再试",
            )
        }
    };
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
        return answer_with(&state, parts, validation(errors, None, HashMap::new())).await;
    }
    let new = form.new.clone();
    let Ok(Ok(hash)) =
        tokio::task::spawn_blocking(move || crate::account::password::hash(&new)).await
    else {
        return plain_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "系统暂时无法处理您的请求，请稍后再试",
        );
    };
    let now = now();
    let result: Result<String, AppError> = async {
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
