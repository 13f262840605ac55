//! Helpers that server functions and pages call to reach the request's context.

use crate::error::AppError;
use crate::server::{db::Db, state::AppState};
use leptos::prelude::*;

/// The shared application state; its absence is a wiring bug, reported as Internal.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}

/// The database handle.
pub fn db() -> Result<Db, AppError> {
    state().map(|s| s.db)
}

/// The incoming request's head (method, URI, headers), when rendering a request.
pub fn request_parts() -> Option<http::request::Parts> {
    use_context::<http::request::Parts>()
}

/// Sets the HTTP status of the response being rendered.
pub fn set_status(status: u16) {
    if let (Some(options), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(status),
    ) {
        options.set_status(code);
    }
}

/// Sends the browser to `path` (303 See Other) instead of the page being
/// rendered. Unlike `leptos_axum::redirect`, it does so whatever the request's
/// `Accept` header says: pages are never server-function calls.
pub fn redirect(path: &str) {
    if let (Some(options), Ok(location)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(path),
    ) {
        options.insert_header(http::header::LOCATION, location);
        options.set_status(http::StatusCode::SEE_OTHER);
    }
}

/// The full URL of the page being rendered (query string included), for the
/// footer's QR code: the configured public origin, else the request's Host.
pub fn current_url() -> String {
    let Some(parts) = request_parts() else {
        return String::new();
    };
    let path = parts
        .uri
        .path_and_query()
        .map(|pq| pq.as_str().to_owned())
        .unwrap_or_else(|| "/".to_owned());
    let origin = match use_context::<AppState>() {
        Some(state) => origin(&parts.headers, &state.settings),
        None => "http://localhost".to_owned(),
    };
    format!("{origin}{path}")
}

/// The portal's origin (`https://host`): configured, else from the request.
pub fn origin(headers: &http::HeaderMap, settings: &crate::server::config::Settings) -> String {
    if let Some(configured) = settings.public_origin() {
        return configured.to_owned();
    }
    let host = headers
        .get(http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| is_plausible_host(h))
        .unwrap_or("localhost");
    let scheme = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .filter(|p| *p == "https")
        .unwrap_or("http");
    format!("{scheme}://{host}")
}

/// A Host header we are willing to echo back: a name or address and a port.
fn is_plausible_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

#[cfg(test)]
mod tests {
    use super::is_plausible_host;

    #[test]
    fn hosts_with_odd_characters_are_not_echoed() {
        assert!(is_plausible_host("127.0.0.1:3000"));
        assert!(is_plausible_host("gdj.fujian.gov.cn"));
        assert!(!is_plausible_host("evil.com/<script>"));
        assert!(!is_plausible_host(""));
    }
}
