//! Staff running the self-monitoring now (编辑): the findings replace
//! today's, with the audit entry in the same transaction.

use crate::account::db::audit::{self, Actor};
use crate::account::extract::{Editor, Staff};
use crate::server::forms::Refusal;
use crate::server::render::see_other;
use crate::server::state::AppState;
use axum::{extract::State, response::Response};

/// `POST /staff/monitor`: check now. Editors only.
pub async fn check_now(
    State(state): State<AppState>,
    staff: Staff<Editor>,
) -> Result<Response, Refusal> {
    let user = staff.0;
    let findings = super::check::run(&state).await?;
    let at = crate::ui::format::now();
    let day = state.today().format("%Y-%m-%d").to_string();
    let vetoes = findings
        .iter()
        .filter(|f| f.severity == super::types::Severity::Veto)
        .count();
    let mut tx = state.db.begin_write().await?;
    super::db::store_in(&mut tx, &day, at, &findings).await?;
    audit::record(
        &mut tx,
        &Actor::staff(&user),
        "monitor.checked",
        "网站自查",
        serde_json::json!({"findings": findings.len(), "vetoes": vetoes}),
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(see_other("/staff/monitor?notice=monitor_checked"))
}
