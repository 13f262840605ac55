//! The service catalogue as a file to take elsewhere
//! (`GET /staff/services/export.json`, one guide at
//! `GET /staff/services/{code}/export.json`): every guide in the hall
//! whole — its elements, materials, flow steps and application form — in
//! a named, versioned format, so a bureau can move its catalogue between
//! portals; and as a spreadsheet (`GET /staff/services/export.csv`, see
//! `transfer`). Both are what the import reads. 事项管理 staff and
//! administrators.

use super::types::Service;
use crate::account::extract::SignedIn;
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
    SignedIn(user): SignedIn,
) -> Result<Response, Refusal> {
    allowed(&user)?;
    download(&state, "办事指南.json", in_hall(&state).await?)
}

fn allowed(user: &crate::account::types::StaffUser) -> Result<(), Refusal> {
    if super::editor::may_edit(user) {
        Ok(())
    } else {
        Err(crate::error::AppError::Forbidden.into())
    }
}

async fn in_hall(state: &AppState) -> Result<Vec<Service>, Refusal> {
    Ok(super::db::all_with_status(&state.db)
        .await?
        .into_iter()
        .filter(|(_, status)| *status == super::types::ServiceStatus::Published)
        .map(|(s, _)| s)
        .collect())
}

/// `GET /staff/services/export.csv`: every guide in the hall as a table.
pub async fn export_csv(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
) -> Result<Response, Refusal> {
    allowed(&user)?;
    let body = super::transfer::to_csv(&in_hall(&state).await?)
        .map_err(|_| Refusal::plain(StatusCode::INTERNAL_SERVER_ERROR, "导出失败，请稍后再试。"))?;
    Ok(crate::server::render::file_download(
        "办事指南.csv",
        "text/csv; charset=utf-8",
        body,
        "private, no-store",
    ))
}

/// `GET /staff/services/{code}/export.json`: one guide.
pub async fn export_guide(
    State(state): State<AppState>,
    Path(code): Path<String>,
    SignedIn(user): SignedIn,
) -> Result<Response, Refusal> {
    allowed(&user)?;
    let service = super::db::get(&state.db, &code)
        .await?
        .ok_or_else(|| Refusal::plain(StatusCode::NOT_FOUND, "没有这个事项。"))?;
    let name = format!("办事指南-{}.json", service.code);
    download(&state, &name, vec![service])
}
