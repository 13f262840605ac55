//! Server functions of the 两馆 export (staff only).

use crate::archive::types::ArchiveView;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// This domain's staff server functions and the role each requires.
pub const STAFF_FUNCTIONS: &[(&str, crate::account::types::Role)] =
    &[("staff/get_archive", crate::account::types::Role::Editor)];

/// The latest exports, newest first, and the period the next export
/// covers by default (`archive::job::default_period`). Editors (编辑) only.
#[server(endpoint = "staff/get_archive", input = GetUrl)]
pub async fn get_archive() -> Result<ArchiveView, AppError> {
    crate::account::auth::require(crate::account::types::Role::Editor)?;
    let state = crate::server::context::state()?;
    let now = crate::ui::format::now();
    let today = state.today();
    let exports = crate::archive::db::list(&state.db, now).await?;
    let next = crate::archive::job::default_period(&state.db, today).await?;
    Ok(ArchiveView {
        exports,
        next_from: next.first(),
        next_to: next.last(),
    })
}
