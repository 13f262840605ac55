//! Signing in and out, sessions, and the role check every staff request
//! passes through.
//!
//! A middleware resolves the session cookie once per request and puts the
//! user (or nobody) into the request's extensions, where pages and server
//! functions read it synchronously. Sessions end after 30 idle minutes or 8
//! hours in all; five wrong passwords lock an account for 15 minutes.

use crate::account::db::audit::{self, Actor};
use crate::account::db::{self as staff_db, SessionLookup};
use crate::account::password;
use crate::account::types::{Role, StaffUser};
use crate::error::AppError;
use crate::server::http::cookie;
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue},
    middleware::Next,
    response::Response,
};

pub const SESSION_COOKIE: &str = "gk_session";
/// The session cookie's name over HTTPS: the `__Host-` prefix makes browsers
/// refuse it unless it is `Secure`, for this host only and for the whole site.
pub const SECURE_SESSION_COOKIE: &str = "__Host-gk_session";
/// Idle limit, seconds.
pub const IDLE_SECONDS: i64 = 30 * 60;
/// Absolute limit, seconds.
pub const ABSOLUTE_SECONDS: i64 = 8 * 60 * 60;
/// Failed sign-ins in a row that lock an account.
pub const MAX_FAILURES: i64 = 5;
/// How long a lock lasts, seconds.
pub const LOCK_SECONDS: i64 = 15 * 60;
/// How often `last_seen` is written (a write per request would be wasteful).
const TOUCH_EVERY: i64 = 60;

/// The request's signed-in user, if any (a request extension).
#[derive(Debug, Clone)]
pub struct CurrentUser(pub Option<StaffUser>);

/// Whether the portal is reached over HTTPS (so cookies get `Secure`).
pub fn is_https(headers: &HeaderMap, state: &AppState) -> bool {
    state
        .settings
        .public_origin()
        .is_some_and(|o| o.starts_with("https://"))
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            == Some("https")
}

/// The `Set-Cookie` value for a session token (or, with None, one that ends
/// it): a session cookie for the whole site, never read by scripts, not
/// sent on cross-site requests; over HTTPS `Secure` and `__Host-`-named.
pub fn session_cookie(token: Option<&str>, secure: bool) -> String {
    let name = if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    };
    let mut c = cookie::Cookie::build((name, token.unwrap_or_default()))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(secure)
        .build();
    if token.is_none() {
        c.set_max_age(cookie::time::Duration::ZERO);
    }
    c.to_string()
}

/// The session token the request carries, under either cookie name.
pub fn session_token(headers: &HeaderMap) -> Option<&str> {
    cookie(headers, SECURE_SESSION_COOKIE)
        .or_else(|| cookie(headers, SESSION_COOKIE))
        .filter(|t| !t.is_empty())
}

/// Resolves the session cookie into a [`CurrentUser`] extension; clears a
/// cookie whose session has ended; keeps staff pages out of shared caches.
pub async fn session_layer(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let token = session_token(req.headers()).map(str::to_owned);
    let mut clear = false;
    let mut user = None;
    let mut must_change = false;
    if let Some(token) = token.as_deref().filter(|t| !t.is_empty()) {
        let now = now();
        match staff_db::session_user(&state.db, token, now, IDLE_SECONDS, ABSOLUTE_SECONDS).await {
            Ok(SessionLookup::Valid {
                user: u,
                last_seen,
                must_change: m,
            }) => {
                must_change = m;
                if now - last_seen >= TOUCH_EVERY {
                    if let Err(e) = staff_db::touch_session(&state.db, token, now).await {
                        tracing::warn!(error = %e, "could not touch a session");
                    }
                }
                user = Some(u);
            }
            Ok(SessionLookup::Invalid) => clear = true,
            Err(e) => tracing::error!(error = %e, "session lookup failed"),
        }
    }
    let secure = is_https(req.headers(), &state);
    let signed_in = user.is_some();
    // A password an administrator set opens only the password page (and
    // signing out): staff pages lead there, everything else sees a visitor.
    if must_change && !matches!(req.uri().path(), "/staff/password" | "/staff/logout") {
        if req.method() == axum::http::Method::GET && req.uri().path().starts_with("/staff") {
            let mut res = crate::server::render::see_other("/staff/password?notice=must_change");
            res.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            return res;
        }
        user = None;
    }
    req.extensions_mut().insert(CurrentUser(user));
    let mut res = next.run(req).await;
    if clear {
        if let Ok(v) = HeaderValue::from_str(&session_cookie(None, secure)) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    if signed_in {
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    res
}

/// The signed-in user of the request being handled (pages, server functions).
pub fn current_user() -> Option<StaffUser> {
    crate::server::context::request_parts()
        .and_then(|p| p.extensions.get::<CurrentUser>().cloned())
        .and_then(|c| c.0)
}

/// The signed-in user if they hold `role`: otherwise 401 (nobody signed in)
/// or 403 (wrong role), with the response status set accordingly. Every
/// staff server function and form handler starts here.
pub fn require(role: Role) -> Result<StaffUser, AppError> {
    let err = match current_user() {
        Some(user) if user.has(role) => return Ok(user),
        Some(_) => AppError::Forbidden,
        None => AppError::Unauthorized,
    };
    crate::server::context::set_status(err.status());
    Err(err)
}

/// Like [`require`], for plain axum handlers holding the request's extensions.
pub fn require_in(extensions: &axum::http::Extensions, role: Role) -> Result<StaffUser, AppError> {
    match extensions.get::<CurrentUser>().and_then(|c| c.0.clone()) {
        Some(user) if user.has(role) => Ok(user),
        Some(_) => Err(AppError::Forbidden),
        None => Err(AppError::Unauthorized),
    }
}

/// The user in the extensions, whatever their roles.
pub fn user_in(extensions: &axum::http::Extensions) -> Option<StaffUser> {
    extensions.get::<CurrentUser>().and_then(|c| c.0.clone())
}

/// The one message for every refused sign-in, so it never tells whether an
/// account exists or is locked.
pub const LOGIN_REFUSED: &str =
    "用户名或密码不正确，或账户因多次输错已被暂时锁定（15分钟后可再试）或已被停用（请联系系统管理员）";

/// Checks a username and password; on success starts a session and returns
/// its token with the user. Every outcome is audited. The attempt is
/// counted (reserved) before the hash is checked, so no number of parallel
/// attempts gets more than [`MAX_FAILURES`] passwords checked; a locked or
/// unknown account costs the same hashing time as a real one, so timing
/// tells nothing.
pub async fn login(
    state: &AppState,
    username: &str,
    password_entered: &str,
) -> Result<(String, StaffUser), AppError> {
    let now = now();
    let record = staff_db::find_by_username(&state.db, username).await?;
    let Some(record) = record else {
        let _ = password::verify_limited(password_entered, password::dummy_hash()).await;
        let mut tx = state.db.begin_write().await?;
        audit::record(
            &mut tx,
            &Actor::system("匿名"),
            "login_failed",
            &format!("用户名 {username}"),
            serde_json::json!({"reason": "unknown user"}),
            now,
        )
        .await?;
        tx.commit().await?;
        return Err(AppError::BadRequest(LOGIN_REFUSED.to_owned()));
    };
    let user = record.to_user();
    let actor = Actor::staff(&user);
    let target = format!("用户 {}", user.username);
    let mut tx = state.db.begin_write().await?;
    if record.disabled_at.is_some() {
        audit::record(
            &mut tx,
            &actor,
            "login_failed",
            &target,
            serde_json::json!({"reason": "disabled"}),
            now,
        )
        .await?;
        tx.commit().await?;
        let _ = password::verify_limited(password_entered, password::dummy_hash()).await;
        return Err(AppError::BadRequest(LOGIN_REFUSED.to_owned()));
    }
    let attempt =
        staff_db::reserve_attempt(&mut tx, user.id, now, MAX_FAILURES, LOCK_SECONDS).await?;
    let Some(attempt) = attempt else {
        audit::record(
            &mut tx,
            &actor,
            "login_failed",
            &target,
            serde_json::json!({"reason": "locked"}),
            now,
        )
        .await?;
        tx.commit().await?;
        let _ = password::verify_limited(password_entered, password::dummy_hash()).await;
        tracing::warn!(user = %user.username, "sign-in refused: account locked");
        return Err(AppError::BadRequest(LOGIN_REFUSED.to_owned()));
    };
    tx.commit().await?;
    let matches = password::verify_limited(password_entered, &record.password_hash).await;
    let mut tx = state.db.begin_write().await?;
    if !matches {
        audit::record(
            &mut tx,
            &actor,
            "login_failed",
            &target,
            serde_json::json!({"reason": "wrong password", "attempt": attempt}),
            now,
        )
        .await?;
        if attempt >= MAX_FAILURES {
            audit::record(
                &mut tx,
                &actor,
                "lockout",
                &target,
                serde_json::json!({"until": now + LOCK_SECONDS}),
                now,
            )
            .await?;
            tracing::warn!(user = %user.username, "account locked after repeated failures");
        }
        tx.commit().await?;
        return Err(AppError::BadRequest(LOGIN_REFUSED.to_owned()));
    }
    staff_db::clear_failures(&mut tx, user.id).await?;
    let token = staff_db::create_session(&mut tx, user.id, now).await?;
    audit::record(
        &mut tx,
        &actor,
        "login",
        &target,
        serde_json::json!({}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((token, user))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_cookies_are_http_only_and_same_site() {
        let c = session_cookie(Some("t"), true);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.contains("Secure"));
        assert!(!session_cookie(Some("t"), false).contains("Secure"));
        assert!(session_cookie(None, false).contains("Max-Age=0"));
        assert!(
            c.starts_with("__Host-gk_session=t;") && c.contains("Path=/") && !c.contains("Domain")
        );
        assert!(session_cookie(Some("t"), false).starts_with("gk_session=t;"));
    }
}
