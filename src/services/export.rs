//! The service catalogue as a file to take elsewhere
//! (`GET /staff/services/export.json`, one guide at
//! `GET /staff/services/{code}/export.json`): every guide whole — its
//! elements, materials, flow steps and application form — in a named,
//! versioned format, so a bureau can move its catalogue between portals.
//! Administrators only.

use super::types::Service;
use crate::account::extract::{Admin, Staff};
use crate::server::forms::Refusal;
use crate::server::state::AppState;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};
use serde::{Deserialize, Serialize};

/// The format's name and version, first in every file.
pub const FORMAT: &str = "gongkai.guides/1";

/// An exported file: guides, with when and from where they came.
#[derive(Debug, Serialize, Deserialize)]
pub struct GuideFile {
    pub format: String,
    /// When it was exported (Beijing time, as staff pages show times).
    pub exported_at: String,
    /// The portal they came from (its site name).
    pub source: String,
    pub guides: Vec<Service>,
}

fn download(state: &AppState, name: &str, guides: Vec<Service>) -> Result<Response, Refusal> {
    let file = GuideFile {
        format: FORMAT.to_owned(),
        exported_at: crate::ui::format::datetime_zh(crate::ui::format::now()),
        source: state.site().name.clone(),
        guides,
    };
    let body = serde_json::to_vec_pretty(&file)
        .map_err(|_| Refusal::plain(StatusCode::INTERNAL_SERVER_ERROR, "导出失败，请稍后再试。"))?;
    Ok(crate::server::render::file_download(
        name,
        "application/json; charset=utf-8",
        body,
        "private, no-store",
    ))
}

/// `GET /staff/services/export.json`: every guide.
pub async fn export_catalogue(
    State(state): State<AppState>,
    _user: Staff<Admin>,
) -> Result<Response, Refusal> {
    let guides = super::db::all(&state.db).await?;
    download(&state, "办事指南.json", guides)
}

/// `GET /staff/services/{code}/export.json`: one guide.
pub async fn export_guide(
    State(state): State<AppState>,
    Path(code): Path<String>,
    _user: Staff<Admin>,
) -> Result<Response, Refusal> {
    let service = super::db::get(&state.db, &code)
        .await?
        .ok_or_else(|| Refusal::plain(StatusCode::NOT_FOUND, "没有这个事项。"))?;
    let name = format!("办事指南-{}.json", service.code);
    download(&state, &name, vec![service])
}
