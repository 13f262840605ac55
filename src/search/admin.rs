//! The hot-word list's administration form (`POST /staff/search`).

use crate::account::audit::{self, Actor};
use crate::account::auth::require_in;
use crate::account::types::Role;
use crate::error::{AppError, FieldError};
use crate::server::forms::{answer_with, form_values, parse, refuse, validation};
use crate::server::render::{plain_error, see_other};
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{
    extract::{Request, State},
    http::StatusCode,
    response::Response,
};
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
pub async fn hot_words(State(state): State<AppState>, req: Request) -> Response {
    use crate::search::hot::{self, Mode};
    let (parts, body) = req.into_parts();
    let user = match require_in(&parts.extensions, Role::Admin) {
        Ok(u) => u,
        Err(e) => return refuse(e, &parts),
    };
    let form: HotWordForm = match parse(&parts, body).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let values = form_values(&form);
    let mode = if form.action == "mode" {
        match Mode::from_slug(&form.mode) {
            Some(m) => Some(m),
            None => {
                let errors = vec![FieldError::new("mode", "请选择新词的显示方式")];
                return answer_with(&state, parts, validation(errors, None, values)).await;
            }
        }
    } else {
        None
    };
    let word = crate::search::segment::normalise(form.word.trim());
    if mode.is_none() && (word.is_empty() || word.chars().count() > 20) {
        let errors = vec![FieldError::new("word", "请填写1到20个字的词语")];
        return answer_with(&state, parts, validation(errors, None, values)).await;
    }
    if !matches!(
        form.action.as_str(),
        "pin" | "block" | "approve" | "remove" | "mode"
    ) {
        return plain_error(StatusCode::BAD_REQUEST, "未知的操作。");
    }
    let now = now();
    let saved: Result<(), AppError> = async {
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
        state.reload_hot_words().await?;
        Ok(())
    }
    .await;
    match saved {
        Ok(()) => see_other("/staff/search"),
        Err(e) => plain_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}
