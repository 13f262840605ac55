//! Downloads of a graphic: `/graphics/{id}/graphic.svg` (the graphic
//! itself) and `/graphics/{id}/share.png` (a share card 1080 pixels wide: title, graphic,
//! the site's name and the page's QR code), drawn on the server with a CJK
//! font from the system.

use super::{db, svg};
use crate::server::render::{file_download, plain_error};
use crate::server::state::AppState;
use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::Response,
};
use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// Pixels per SVG unit: 360 units → 1080 pixels.
pub const SCALE: f32 = 3.0;
/// The families tried for Chinese text, in order.
const CJK_FAMILIES: &[&str] = &[
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
];

/// The system's fonts, loaded once; and the CJK family found among them.
fn fonts() -> &'static (Arc<usvg::fontdb::Database>, Option<String>) {
    static FONTS: OnceLock<(Arc<usvg::fontdb::Database>, Option<String>)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_system_fonts();
        let family = CJK_FAMILIES
            .iter()
            .find(|f| {
                db.faces()
                    .any(|face| face.families.iter().any(|(name, _)| name == *f))
            })
            .map(|f| (*f).to_owned());
        (Arc::new(db), family)
    })
}

/// Whether share images can be drawn (a CJK font is installed).
pub fn can_draw_png() -> bool {
    fonts().1.is_some()
}

/// `svg` drawn at [`SCALE`]; None when it cannot be parsed or drawn.
pub fn png(svg_text: &str) -> Option<Vec<u8>> {
    let (fontdb, family) = fonts();
    let options = usvg::Options {
        font_family: family.clone()?,
        fontdb: fontdb.clone(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg_text, &options).ok()?;
    let size = tree.size().to_int_size().scale_by(SCALE)?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().ok()
}

/// A file name from the graphic's title.
fn file_name(title: &str, ext: &str) -> String {
    let clean: String = title
        .trim()
        .chars()
        .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .take(40)
        .collect();
    format!("{}.{ext}", if clean.is_empty() { "图解" } else { &clean })
}

/// The file asked for: "svg" or "png", or None.
fn which(file: &str) -> Option<&'static str> {
    match file {
        "graphic.svg" => Some("svg"),
        "share.png" => Some("png"),
        _ => None,
    }
}

/// `GET /graphics/{id}/graphic.svg` and `GET /graphics/{id}/share.png`.
pub async fn download(
    State(state): State<AppState>,
    Path((id, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let (Some(ext), Ok(id)) = (which(&file), id.parse::<i64>()) else {
        return plain_error(StatusCode::NOT_FOUND, "没有这个文件。");
    };
    match db::public_one(&state.db, id).await {
        Ok(Some(g)) => {
            respond(
                &state,
                &headers,
                &g.spec,
                &format!("graphic-{id}"),
                &format!("/graphics/{id}"),
                ext,
            )
            .await
        }
        Ok(None) => plain_error(StatusCode::NOT_FOUND, "没有这个图解，可能已撤回。"),
        Err(e) => failed(e),
    }
}

/// `GET /services/{code}/flow/graphic.svg` and `…/share.png`: a service's
/// handling flow, drawn from its guide.
pub async fn service_flow(
    State(state): State<AppState>,
    Path((code, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let Some(ext) = which(&file) else {
        return plain_error(StatusCode::NOT_FOUND, "没有这个文件。");
    };
    match crate::services::db::get(&state.db, &code).await {
        Ok(Some(s)) => {
            let spec = super::build::service_flow(&s);
            respond(
                &state,
                &headers,
                &spec,
                "flow-graphic",
                &format!("/services/{code}"),
                ext,
            )
            .await
        }
        Ok(None) => plain_error(StatusCode::NOT_FOUND, "没有这个办事事项。"),
        Err(e) => failed(e),
    }
}

fn failed(e: sqlx::Error) -> Response {
    tracing::error!(error = %e, "graphic not read");
    plain_error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "系统暂时无法读取，请稍后再试。",
    )
}

/// The SVG, or the share card (with `page`'s QR code) as PNG.
async fn respond(
    state: &AppState,
    headers: &HeaderMap,
    spec: &super::types::Spec,
    dom_id: &str,
    page: &str,
    ext: &str,
) -> Response {
    let cache = "public, max-age=300";
    if ext == "svg" {
        let body = svg::render(spec, dom_id);
        return file_download(
            &file_name(&spec.title, "svg"),
            "image/svg+xml",
            body.into_bytes(),
            cache,
        );
    }
    if !can_draw_png() {
        return plain_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "服务器未安装中文字体，暂时不能生成图片，请下载矢量图（SVG）。",
        );
    }
    let origin = crate::server::context::origin(headers, &state.settings);
    let site = crate::site::SiteSettings::load(&state.db)
        .await
        .map(|s| s.name)
        .unwrap_or_default();
    let (card, _) = svg::share_card(spec, &site, crate::ui::qr::path(&format!("{origin}{page}")));
    let name = file_name(&spec.title, "png");
    // Drawing takes tens of milliseconds: off the async threads.
    match tokio::task::spawn_blocking(move || png(&card)).await {
        Ok(Some(bytes)) => file_download(&name, "image/png", bytes, cache),
        _ => plain_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "图片生成失败，请下载矢量图（SVG）。",
        ),
    }
}
