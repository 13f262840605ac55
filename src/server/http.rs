//! Plain HTTP handlers and middleware: health check, the no-JavaScript
//! preference form, the same-origin guard, security headers, panics.

use crate::server::state::AppState;
use crate::ui::elder;
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    Form, Json,
};
use serde::Deserialize;
use std::time::Duration;

/// `GET /healthz`: 200 with the database's state, 503 when it cannot be reached.
pub async fn health(State(state): State<AppState>) -> Response {
    let backend = state.db.backend().name();
    match tokio::time::timeout(Duration::from_secs(3), state.db.ping()).await {
        Ok(Ok(())) => Json(serde_json::json!({
            "status": "ok",
            "database": { "status": "ok", "backend": backend },
            "page_cache": state.cache.figures(),
        }))
        .into_response(),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "health check: database unreachable");
            unhealthy(backend, "unreachable")
        }
        Err(_) => {
            tracing::error!("health check: database timed out");
            unhealthy(backend, "timeout")
        }
    }
}

fn unhealthy(backend: &str, why: &str) -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(serde_json::json!({
            "status": "error",
            "database": { "status": why, "backend": backend },
        })),
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct ElderForm {
    on: String,
    #[serde(default)]
    return_to: String,
}

/// `POST /prefs/elder`: the 长辈版 switch for browsers without JavaScript.
pub async fn set_elder(Form(form): Form<ElderForm>) -> Response {
    let on = form.on == "1";
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        elder::COOKIE,
        if on { "1" } else { "0" }
    );
    let target = local_path(&form.return_to).unwrap_or("/");
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let (Ok(cookie), Ok(location)) = (
        HeaderValue::from_str(&cookie),
        HeaderValue::from_str(target),
    ) {
        res.headers_mut().insert(header::SET_COOKIE, cookie);
        res.headers_mut().insert(header::LOCATION, location);
    }
    res
}

/// `path` if it is a path on this site (so a form cannot redirect elsewhere).
pub fn local_path(path: &str) -> Option<&str> {
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control);
    ok.then_some(path)
}

/// Answers only requests that name a host this portal is known by (see
/// [`Settings::accepted_hosts`](crate::server::config::Settings::accepted_hosts)):
/// links, feeds, the sitemap and QR codes are built from the host, so a
/// forged `Host` must never reach them (nor a cache in front). `/healthz`
/// answers whatever the host, for load balancers. Over HTTPS every answer
/// also tells browsers to keep to HTTPS (HSTS).
pub async fn host_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| req.uri().authority().map(|a| a.as_str().to_owned()));
    let known = host
        .as_deref()
        .is_some_and(|h| crate::server::config::Settings::accepts_host(&state.accepted_hosts, h));
    if !known && req.uri().path() != "/healthz" {
        tracing::warn!(
            host = host.as_deref().unwrap_or(""),
            "refused a request for an unknown host"
        );
        return crate::server::render::plain_error(
            StatusCode::BAD_REQUEST,
            "请求的主机名不属于本站，请通过本站的正式网址访问。",
        );
    }
    let mut res = next.run(req).await;
    if state
        .settings
        .public_origin()
        .is_some_and(|o| o.starts_with("https://"))
    {
        res.headers_mut().insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    res
}

/// Whether `path` shows one person's own case or application (tracking,
/// a question's lookup, the steps of an application): never kept by a
/// browser's or a proxy's cache.
pub fn is_private_page(path: &str) -> bool {
    path == "/track"
        || path == "/consult/lookup"
        || path == "/mailbox/lookup"
        || path.starts_with("/disclosure/request/")
        || path.starts_with("/api/lookup_request")
        || (path.starts_with("/services/") && path.contains("/apply"))
        || path.starts_with("/api/track_application")
        || path.starts_with("/api/lookup_question")
}

/// `Cache-Control: no-store` on [`is_private_page`] answers.
pub async fn private_no_store(req: Request, next: Next) -> Response {
    let private = is_private_page(req.uri().path());
    let mut res = next.run(req).await;
    if private {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// How long a request may take: reading a page or a file 30 seconds; a post
/// (which may carry a 20 MB upload over a slow phone network) 5 minutes.
/// Past that the connection's resources are given back with a 503 page.
pub async fn request_timeout(req: Request, next: Next) -> Response {
    let limit = if matches!(*req.method(), Method::GET | Method::HEAD) {
        Duration::from_secs(30)
    } else {
        Duration::from_secs(300)
    };
    within(limit, next.run(req)).await
}

/// `answer`, or a 503 page in Chinese once `limit` has passed.
async fn within(limit: Duration, answer: impl std::future::Future<Output = Response>) -> Response {
    match tokio::time::timeout(limit, answer).await {
        Ok(res) => res,
        Err(_) => {
            tracing::warn!("request timed out");
            crate::server::render::plain_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "处理时间过长，请稍后再试。已保存的内容不会丢失。",
            )
        }
    }
}

/// Refuses state-changing requests that a browser says come from another site
/// (request forgery). Browsers send `Sec-Fetch-Site`, and `Origin` on POST;
/// clients that send neither (curl, other servers) are not browsers and cannot
/// be forged into acting for a signed-in user.
pub async fn same_origin_guard(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || is_same_origin(req.headers())
    {
        return next.run(req).await;
    }
    tracing::warn!(path = %req.uri().path(), "refused a cross-site request");
    let body =
        "<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>请求被拒绝</title>\
                <p>为保护您的安全，本站拒绝来自其他网站的提交。请直接在本站页面上操作。</p></html>";
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

fn is_same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (origin.to_str().ok(), host) {
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(host)),
        _ => false,
    }
}

/// Query parameters whose values are secrets (the 查询码 of a case or a
/// question): never written to the request log.
const SECRET_PARAMS: &[&str] = &["code", "password"];

/// `uri` as the request log writes it: secret parameters' values replaced.
pub fn loggable_uri(uri: &axum::http::Uri) -> String {
    let Some(query) = uri.query() else {
        return uri.path().to_owned();
    };
    // Each pair is kept as it was sent, for the log to be faithful; its
    // name is decoded to decide, so an escaped `c%6Fde` is hidden too.
    let redacted: Vec<String> = query
        .split('&')
        .map(
            |pair| match form_urlencoded::parse(pair.as_bytes()).next() {
                Some((k, _)) if SECRET_PARAMS.contains(&k.as_ref()) => format!("{k}=[已隐去]"),
                _ => pair.to_owned(),
            },
        )
        .collect();
    format!("{}?{}", uri.path(), redacted.join("&"))
}

/// The Content-Security-Policy of an HTML page whose inline scripts have
/// these SHA-256 `hashes` (base64): scripts from this site, and exactly
/// those inline ones. Hashes rather than a nonce, so a page's bytes do not
/// change from one response to the next and a cached page stays valid.
pub fn content_security_policy(hashes: &[String]) -> String {
    let inline: String = hashes.iter().map(|h| format!(" 'sha256-{h}'")).collect();
    format!(
        "default-src 'self'; script-src 'self'{inline} 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The SHA-256 (base64) of the text of every inline `<script>` in `html`.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    use base64::Engine as _;
    use sha2::Digest as _;
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        rest = &rest[start + "<script".len()..];
        let Some(open_end) = rest.find('>') else {
            break;
        };
        let attributes = &rest[..open_end];
        rest = &rest[open_end + 1..];
        let Some(close) = rest.find("</script>") else {
            break;
        };
        let text = &rest[..close];
        rest = &rest[close..];
        if !attributes.contains("src=") {
            let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text));
            if !out.contains(&hash) {
                out.push(hash);
            }
        }
    }
    out
}

/// Sets the CSP of every HTML answer from the inline scripts it carries.
pub async fn script_policy(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !html || res.headers().contains_key(header::CONTENT_ENCODING) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, 16 * 1024 * 1024).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "an HTML answer could not be read");
            return crate::server::render::plain_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "页面生成出错，请稍后再试。",
            );
        }
    };
    let hashes = inline_script_hashes(&String::from_utf8_lossy(&bytes));
    if let Ok(value) = HeaderValue::from_str(&content_security_policy(&hashes)) {
        parts.headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A panic anywhere below becomes a logged 500 page, never a dropped connection.
pub fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    let detail = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = detail, "request handler panicked");
    let body = "<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>出错了</title>\
                <h1>出错了</h1><p>系统暂时无法处理您的请求，请稍后再试。</p><p><a href=\"/\">返回首页</a></p></html>";
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

/// The value of cookie `name`, among all the request's `Cookie` headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name_raw() == Some(name))
        .and_then(|c| c.value_raw())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn cross_site_requests_are_recognised() {
        assert!(is_same_origin(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(!is_same_origin(&headers(&[(
            "sec-fetch-site",
            "cross-site"
        )])));
        assert!(!is_same_origin(&headers(&[(
            "sec-fetch-site",
            "same-site"
        )])));
        assert!(is_same_origin(&headers(&[
            ("origin", "http://a.gov.cn"),
            ("host", "a.gov.cn")
        ])));
        assert!(!is_same_origin(&headers(&[
            ("origin", "http://evil.example"),
            ("host", "a.gov.cn")
        ])));
        assert!(!is_same_origin(&headers(&[
            ("origin", "null"),
            ("host", "a.gov.cn")
        ])));
        assert!(is_same_origin(&headers(&[])));
    }

    #[tokio::test]
    async fn slow_requests_are_answered_and_let_go() {
        let slow = async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            StatusCode::OK.into_response()
        };
        let res = within(Duration::from_millis(20), slow).await;
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        let body = axum::body::to_bytes(res.into_body(), 4096)
            .await
            .unwrap_or_default();
        assert!(String::from_utf8_lossy(&body).contains("处理时间过长"));
        let quick = async { StatusCode::OK.into_response() };
        assert_eq!(
            within(Duration::from_millis(20), quick).await.status(),
            StatusCode::OK
        );
    }

    #[test]
    fn cookies_are_found_among_others() {
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; gk_session=abc"),
        );
        h.append(header::COOKIE, HeaderValue::from_static("gk_elder=1"));
        assert_eq!(cookie(&h, "gk_session"), Some("abc"));
        assert_eq!(cookie(&h, "gk_elder"), Some("1"));
        assert_eq!(cookie(&h, "missing"), None);
        let mut odd = HeaderMap::new();
        odd.append(
            header::COOKIE,
            HeaderValue::from_static("x_gk_session=no;  gk_session=yes ; broken"),
        );
        assert_eq!(cookie(&odd, "gk_session"), Some("yes"));
    }

    #[test]
    fn query_codes_never_reach_the_log() {
        let uri: axum::http::Uri = "/track?number=XW1&code=123456".parse().expect("uri");
        assert_eq!(loggable_uri(&uri), "/track?number=XW1&code=[已隐去]");
        let uri: axum::http::Uri = "/consult/lookup?code=1&number=ZX2".parse().expect("uri");
        assert!(!loggable_uri(&uri).contains("code=1"));
        let escaped: axum::http::Uri = "/track?number=XW1&c%6Fde=123456".parse().unwrap();
        assert_eq!(loggable_uri(&escaped), "/track?number=XW1&code=[已隐去]");
        let uri: axum::http::Uri = "/search?q=code".parse().expect("uri");
        assert_eq!(loggable_uri(&uri), "/search?q=code");
    }

    #[test]
    fn only_local_paths_are_redirect_targets() {
        assert_eq!(local_path("/articles/1?x=1"), Some("/articles/1?x=1"));
        assert_eq!(local_path("//evil.example"), None);
        assert_eq!(local_path("https://evil.example"), None);
        assert_eq!(local_path("/\\evil"), None);
        assert_eq!(local_path(""), None);
    }
}
