//! The client-side navigation script (`nav.js`), served under a name that
//! carries a hash of its content so browsers may keep it for a year.

use axum::{
    http::{header, HeaderValue},
    response::{IntoResponse, Response},
};
use std::sync::OnceLock;

const SCRIPT: &str = include_str!("nav.js");

/// `/nav.<hash>.js`, stable for a given build.
pub fn script_path() -> &'static str {
    static PATH: OnceLock<String> = OnceLock::new();
    PATH.get_or_init(|| {
        // FNV-1a: a content fingerprint, not a security measure.
        let hash = SCRIPT.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        format!("/nav.{hash:016x}.js")
    })
}

/// Serves the script with a year-long cache lifetime.
pub async fn serve_script() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        SCRIPT,
    )
        .into_response()
}
