//! The site settings form (`POST /staff/settings`): the portal's name, its
//! description and the contact details in every page's footer. The change,
//! its audit entry and the page cache's version commit together; every app
//! server then reads the settings again.

use super::{SettingsInput, SiteSettings};
use crate::account::db::audit::{self, Actor};
use crate::account::extract::{Admin, Staff};
use crate::error::{AppError, FieldError};
use crate::server::forms::{form_values, Posted, Refusal};
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{extract::State, response::Response};

/// Why `code` cannot stand first in every 索引号, if it cannot.
fn org_code_problem(code: &str) -> Option<&'static str> {
    let ok = (2..=20).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    (!ok).then_some("机构代码为2到20位字母或数字（不含短横线），如 FJ08200 或统一社会信用代码")
}

/// `POST /staff/settings`: saves every setting. Administrators only.
pub async fn save_settings(
    State(state): State<AppState>,
    user: Staff<Admin>,
    Posted(form): Posted<SettingsInput>,
) -> Result<Response, Refusal> {
    let values = form_values(&form);
    let org_code = form.org_code.trim().to_ascii_uppercase();
    let org_problem = org_code_problem(&org_code).map(|m| FieldError::new("org_code", m));
    let fresh = match (SiteSettings::check(&form), org_problem) {
        (Ok(fresh), None) => fresh,
        (Ok(_), Some(e)) => return Err(Refusal::fields(vec![e], values)),
        (Err(mut errors), e) => {
            errors.extend(e);
            return Err(Refusal::fields(errors, values));
        }
    };
    let mut tx = state.db.begin_write().await?;
    let before = SiteSettings::load_in(&mut tx).await?;
    let mut changes = before.changes(&fresh);
    let org_before = crate::content::db::index_code(&mut tx, "org").await?;
    if org_before != org_code {
        changes.push(("org_code", org_before, org_code.clone()));
    }
    if changes.is_empty() {
        return Ok(see_other("/staff/settings?notice=settings_unchanged"));
    }
    fresh.save_in(&mut tx).await?;
    // Numbers already given keep their code; new ones use this one.
    crate::content::db::set_code(&mut tx, "org", &org_code).await?;
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
