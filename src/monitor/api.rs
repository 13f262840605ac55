//! Server functions of the self-monitoring. `GET /api/staff/get_monitor`
//! is also the JSON the bureau's monitoring team reads.

use crate::error::AppError;
use crate::monitor::types::MonitorView;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// This domain's staff server functions and the role each requires.
pub const STAFF_FUNCTIONS: &[(&str, crate::account::types::Role)] =
    &[("staff/get_monitor", crate::account::types::Role::Editor)];

/// The latest check's findings, vetoes first, with when it ran. Editors
/// (编辑) only.
#[server(endpoint = "staff/get_monitor", input = GetUrl)]
pub async fn get_monitor() -> Result<MonitorView, AppError> {
    crate::account::auth::require(crate::account::types::Role::Editor)?;
    let state = crate::server::context::state()?;
    Ok(match crate::monitor::db::latest(&state.db).await? {
        Some((at, findings)) => MonitorView {
            checked_at: Some(crate::ui::format::datetime_zh(at)),
            findings,
        },
        None => MonitorView::default(),
    })
}
