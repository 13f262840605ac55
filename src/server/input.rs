//! The one gate every request's input passes before any handler reads it:
//! the path, the query string and a form-urlencoded body must decode to
//! UTF-8 without control characters (a NUL reaches PostgreSQL as an error,
//! SQLSTATE 22021, and has no business in any field anyway). Multipart
//! posts are checked where they are read (`upload::read`). Also here: the
//! framework's own refusals (wrong content type, a query that does not
//! deserialize…) answer in Chinese like every other refusal.

use crate::server::render::plain_error;
use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::Response,
};
use percent_encoding::percent_decode;

/// Largest form-urlencoded body read here (the article editor's is the
/// largest form without files).
pub const MAX_FORM_BYTES: usize = 4 * 1024 * 1024;

/// Whether `c` may stand in a submitted value: tab and line breaks may (a
/// textarea sends them), every other control character may not.
pub fn allowed_char(c: char) -> bool {
    !c.is_control() || matches!(c, '\t' | '\n' | '\r')
}

/// `s` holds no character [`allowed_char`] refuses.
pub fn clean_text(s: &str) -> bool {
    s.chars().all(allowed_char)
}

/// Whether the percent-encoded `raw` (with `+` for a space when `form`)
/// decodes to clean UTF-8.
fn decodes_clean(raw: &[u8], form: bool) -> bool {
    let replaced;
    let raw = if form && raw.contains(&b'+') {
        replaced = raw
            .iter()
            .map(|b| if *b == b'+' { b' ' } else { *b })
            .collect::<Vec<u8>>();
        &replaced[..]
    } else {
        raw
    };
    let bytes: Vec<u8> = percent_decode(raw).collect();
    std::str::from_utf8(&bytes).is_ok_and(clean_text)
}

/// Whether every name and value of an `application/x-www-form-urlencoded`
/// string (a query or a body) decodes to clean UTF-8.
pub fn form_is_clean(raw: &[u8]) -> bool {
    raw.split(|b| *b == b'&')
        .flat_map(|pair| pair.splitn(2, |b| *b == b'='))
        .all(|part| decodes_clean(part, true))
}

/// Whether a request path decodes to clean UTF-8.
pub fn path_is_clean(path: &str) -> bool {
    decodes_clean(path.as_bytes(), false)
}

const BAD_INPUT: &str =
    "提交的内容含有无法识别的字符（如控制字符或错误的编码），请删除这些字符后重新填写。";

fn is_form(req: &Request) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            t.split(';').next().is_some_and(|m| {
                m.trim()
                    .eq_ignore_ascii_case("application/x-www-form-urlencoded")
            })
        })
}

/// The gate: a path that does not decode cleanly names nothing here (404);
/// a query or form body that does not is bad input (400). Framework
/// refusals on the way back are put into Chinese.
pub async fn input_guard(req: Request, next: Next) -> Response {
    let mut res = gate(req, next).await;
    // A body refused as too large was not read to its end, so the server
    // closes the connection; saying so stops a client from sending its next
    // request down a connection that is about to go away.
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE {
        res.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    res
}

const TOO_LARGE: &str = "提交的内容过大或传输中断，请精简后重新提交。";

async fn gate(req: Request, next: Next) -> Response {
    if !path_is_clean(req.uri().path()) {
        return plain_error(StatusCode::NOT_FOUND, "没有找到您要访问的页面。");
    }
    if let Some(q) = req.uri().query() {
        if !form_is_clean(q.as_bytes()) {
            return plain_error(StatusCode::BAD_REQUEST, BAD_INPUT);
        }
    }
    let req = if is_form(&req) {
        // A form that says it is too large is refused before it is read.
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > MAX_FORM_BYTES) {
            return plain_error(StatusCode::PAYLOAD_TOO_LARGE, TOO_LARGE);
        }
        let (parts, body) = req.into_parts();
        let bytes = match axum::body::to_bytes(body, MAX_FORM_BYTES).await {
            Ok(b) => b,
            Err(_) => return plain_error(StatusCode::PAYLOAD_TOO_LARGE, TOO_LARGE),
        };
        if !form_is_clean(&bytes) {
            return plain_error(StatusCode::BAD_REQUEST, BAD_INPUT);
        }
        Request::from_parts(parts, Body::from(bytes))
    } else {
        req
    };
    in_chinese(next.run(req).await)
}

/// A framework refusal (plain text, in English) as a Chinese page with the
/// same status; every other answer as it is.
fn in_chinese(res: Response) -> Response {
    let status = res.status();
    let plain = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/plain"));
    if !status.is_client_error() || !plain {
        return res;
    }
    let message = match status {
        StatusCode::NOT_FOUND => "没有找到您要访问的页面。",
        StatusCode::METHOD_NOT_ALLOWED => "该地址不支持这种请求方式。",
        StatusCode::PAYLOAD_TOO_LARGE => "提交的内容过大，请精简后重新提交。",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            "提交的内容类型不受支持，请通过本站页面上的表单提交。"
        }
        _ => "请求的格式有误或内容不完整，请返回页面重新填写。",
    };
    let mut out = plain_error(status, message);
    if let Some(allow) = res.headers().get(header::ALLOW) {
        out.headers_mut().insert(header::ALLOW, allow.clone());
    }
    out.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_broken_utf8_are_refused() {
        assert!(form_is_clean(b"q=%E6%94%BF%E5%8A%A1&page=2"));
        assert!(form_is_clean(b"body=line1%0D%0Aline2%09x"));
        assert!(form_is_clean(b"a+b=c+d&flag&&="));
        assert!(!form_is_clean(b"q=%00"));
        assert!(!form_is_clean(b"q=a%00b"));
        assert!(!form_is_clean(b"%00=x"));
        assert!(!form_is_clean(b"q=%1B%5B31m"));
        assert!(!form_is_clean(b"q=%7F"));
        assert!(!form_is_clean(b"q=%C2%85"), "C1 control NEL");
        assert!(!form_is_clean(b"q=%FF%FE"), "invalid UTF-8");
        assert!(!form_is_clean(b"q=%E6%94"), "truncated UTF-8");
        assert!(path_is_clean("/services/%E5%87%BA%E7%89%88"));
        assert!(!path_is_clean("/services/%00"));
        assert!(!path_is_clean("/topics/%FF"));
    }
}
