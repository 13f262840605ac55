//! The site settings form (`POST /staff/settings`): the portal's name, its
//! description and the contact details in every page's footer. The change,
//! its audit entry and the page cache's version commit together; every app
//! server then reads the settings again.

use super::{SettingsInput, SiteSettings};
use crate::account::db::audit::{self, Actor};
use crate::account::extract::{Admin, Staff};
use crate::error::AppError;
use crate::server::forms::{form_values, Posted, Refusal};
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{extract::State, response::Response};

/// `POST /staff/settings`: saves every setting. Administrators only.
pub async fn save_settings(
    State(state): State<AppState>,
    user: Staff<Admin>,
    Posted(form): Posted<SettingsInput>,
) -> Result<Response, Refusal> {
    let values = form_values(&form);
    let fresh = SiteSettings::check(&form).map_err(|e| Refusal::fields(e, values))?;
    let mut tx = state.db.begin_write().await?;
    let before = SiteSettings::load_in(&mut tx).await?;
    let changes = before.changes(&fresh);
    if changes.is_empty() {
        return Ok(see_other("/staff/settings?notice=settings_unchanged"));
    }
    fresh.save_in(&mut tx).await?;
    let detail: serde_json::Map<String, serde_json::Value> = changes
        .into_iter()
        .map(|(key, was, now)| {
            (
                key.to_owned(),
                serde_json::json!({"before": was, "after": now}),
            )
        })
        .collect();
    audit::record(
        &mut tx,
        &Actor::staff(&user),
        "site.settings_saved",
        "网站设置",
        serde_json::Value::Object(detail),
        now(),
    )
    .await?;
    // Every page's header and footer show them: every cached page goes.
    crate::server::cache::bump(&mut tx).await?;
    tx.commit().await?;
    state.reload_site().await.map_err(AppError::from)?;
    Ok(see_other("/staff/settings?notice=settings_saved"))
}
