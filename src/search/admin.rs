//! The hot-word list's administration form (`POST /staff/search`).

use crate::account::db::audit::{self, Actor};
use crate::account::extract::{Admin, Staff};
use crate::error::{AppError, FieldError};
use crate::server::forms::{form_values, Posted, Refusal};
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{extract::State, http::StatusCode, response::Response};
use serde::Deserialize;

#[derive(Deserialize, serde::Serialize, Default)]
pub struct HotWordForm {
    #[serde(default)]
    word: String,
    #[serde(default)]
    action: String,
    /// With `action=mode`: how new words enter the list.
    #[serde(default)]
    mode: String,
}

/// `POST /staff/search`: pin, block, approve or remove a hot word, or set
/// how new words enter the list (`action=mode`). Administrators only; the
/// change and its audit entry commit together.
pub async fn hot_words(
    State(state): State<AppState>,
    user: Staff<Admin>,
    Posted(form): Posted<HotWordForm>,
) -> Result<Response, Refusal> {
    use crate::search::db::hot::{self, Mode};
    let values = form_values(&form);
    let mode = if form.action == "mode" {
        match Mode::from_slug(&form.mode) {
            Some(m) => Some(m),
            None => {
                let errors = vec![FieldError::new("mode", "请选择新词的显示方式")];
                return Err(Refusal::fields(errors, values));
            }
        }
    } else {
        None
    };
    let word = crate::search::segment::normalise(form.word.trim());
    if mode.is_none() && (word.is_empty() || word.chars().count() > 20) {
        let errors = vec![FieldError::new("word", "请填写1到20个字的词语")];
        return Err(Refusal::fields(errors, values));
    }
    if !matches!(
        form.action.as_str(),
        "pin" | "block" | "approve" | "remove" | "mode"
    ) {
        return Err(Refusal::plain(StatusCode::BAD_REQUEST, "未知的操作。"));
    }
    let now = now();
    let mut tx = state.db.begin_write().await?;
    match (form.action.as_str(), mode) {
        (_, Some(m)) => hot::set_mode(&mut tx, m).await?,
        ("pin", _) => hot::set_word(&mut tx, &word, "pinned").await?,
        ("block", _) => hot::set_word(&mut tx, &word, "blocked").await?,
        ("approve", _) => hot::approve(&mut tx, &word, now).await?,
        _ => hot::remove_word(&mut tx, &word).await?,
    }
    let target = match mode {
        Some(_) => "热词显示方式".to_owned(),
        None => format!("热词 {word}"),
    };
    audit::record(
        &mut tx,
        &Actor::staff(&user),
        "hot_words_changed",
        &target,
        serde_json::json!({"action": form.action, "mode": mode.map(Mode::slug)}),
        now,
    )
    .await?;
    tx.commit().await?;
    state.reload_hot_words().await.map_err(AppError::from)?;
    Ok(see_other("/staff/search"))
}
