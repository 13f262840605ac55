//! Reading a multipart form post: its text fields and its files, with the
//! answers a browser should see when the post is too large or cut off.

use crate::server::input::clean_text;
use crate::server::render::plain_error;
use axum::{
    extract::{FromRequest, Multipart, Request},
    http::StatusCode,
    response::Response,
};

/// A multipart post, read whole.
#[derive(Debug, Default)]
pub struct MultipartPost {
    /// Text fields in the order sent (a name may repeat).
    pub fields: Vec<(String, String)>,
    /// Files sent: (field name, file name, bytes); empty file inputs left out.
    pub files: Vec<(String, String, Vec<u8>)>,
}

impl MultipartPost {
    /// The last value sent for `name`.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads every part of `req`; `too_big` is the message (in Chinese) for a
/// post over the route's body limit.
pub async fn read(req: Request, too_big: &str) -> Result<MultipartPost, Response> {
    let too_big = || plain_error(StatusCode::PAYLOAD_TOO_LARGE, too_big);
    let broken = || {
        plain_error(
            StatusCode::BAD_REQUEST,
            "上传中断或表单格式有误，请返回重新提交。",
        )
    };
    let mut multipart = Multipart::from_request(req, &()).await.map_err(|_| {
        plain_error(
            StatusCode::BAD_REQUEST,
            "提交的表单格式有误，请返回重新填写。",
        )
    })?;
    let bad_text = || {
        plain_error(
            StatusCode::BAD_REQUEST,
            "提交的内容含有无法识别的字符（如控制字符或错误的编码），请删除这些字符后重新填写。",
        )
    };
    let mut post = MultipartPost::default();
    let mut refused = false;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_big()),
            Err(_) => return Err(broken()),
        };
        let name = field.name().unwrap_or_default().to_owned();
        if !clean_text(&name) {
            refused = true;
            break;
        }
        let file_name = field.file_name().map(str::to_owned);
        let bytes = match field.bytes().await {
            Ok(b) => b,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_big()),
            Err(_) => return Err(broken()),
        };
        match file_name {
            Some(file_name) => {
                if !clean_text(&file_name) {
                    refused = true;
                    break;
                }
                if !file_name.is_empty() || !bytes.is_empty() {
                    post.files.push((name, file_name, bytes.to_vec()));
                }
            }
            None => {
                // Bytes that are not UTF-8, or hold control characters, are refused.
                match String::from_utf8(bytes.to_vec()) {
                    Ok(t) if clean_text(&t) => post.fields.push((name, t)),
                    _ => {
                        refused = true;
                        break;
                    }
                }
            }
        }
    }
    if refused {
        // Read the rest (within the route's body limit) before answering,
        // so a client still sending a file after the bad field gets this
        // page rather than a reset connection.
        while let Ok(Some(field)) = multipart.next_field().await {
            if field.bytes().await.is_err() {
                break;
            }
        }
        return Err(bad_text());
    }
    Ok(post)
}

/// Largest scan or document a citizen may upload (a proof, a licence, a
/// contract).
pub const MAX_SCAN_BYTES: usize = 10 * 1024 * 1024;

/// The type of a citizen's upload judged by its bytes, never its name: PDF,
/// JPEG or PNG, at most [`MAX_SCAN_BYTES`]; otherwise what is wrong, naming
/// the field (`label`) and the file.
pub fn check_scan(label: &str, name: &str, bytes: &[u8]) -> Result<&'static str, String> {
    if bytes.len() > MAX_SCAN_BYTES {
        return Err(format!("{label}“{name}”超过 10 MB，请压缩后再上传"));
    }
    if bytes.is_empty() {
        return Err(format!("{label}“{name}”是空文件"));
    }
    match infer::get(bytes).map(|k| k.mime_type()) {
        Some(m @ ("application/pdf" | "image/jpeg" | "image/png")) => Ok(m),
        _ => Err(format!(
            "{label}“{name}”不是 PDF、JPEG 或 PNG 文件（按文件内容判断，与扩展名无关）"
        )),
    }
}
