//! Rendering a page from a plain axum handler: a form POST that fails
//! validation answers with the same page, its entries and errors provided
//! as context, so it works without JavaScript.

use crate::app::shell;
use crate::server::{router::page_context, state::AppState};
use axum::{
    body::Body,
    extract::Request,
    http::{header, request::Parts, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

/// Renders the page at `parts.uri` with `extra` context on top of the usual.
pub async fn page_with(
    state: &AppState,
    parts: Parts,
    extra: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    let options = state.leptos_options.clone();
    let base = page_context(state.clone());
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            base();
            extra();
        },
        move || shell(options.clone()),
    );
    handler(Request::from_parts(parts, Body::empty())).await
}

/// 303 See Other to a path on this site.
pub fn see_other(location: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// A short page for a request that cannot be served (wrong size, broken form).
pub fn plain_error(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>出错了</title><h1>出错了</h1><p>{}</p><p><a href=\"/\">返回首页</a></p></html>",
        crate::ui::escape::markup(message)
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

/// A file as a download: its name (ASCII fallback and UTF-8), its type, a
/// sandbox so that whatever it holds never runs as part of this site, and
/// the caching given.
pub fn file_download(name: &str, mime: &str, data: Vec<u8>, cache: &'static str) -> Response {
    use axum::http::{header, HeaderValue};
    use axum::response::IntoResponse;
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        crate::ui::url::encode(name)
    );
    let mut res = data.into_response();
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(mime) {
        h.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    res
}
