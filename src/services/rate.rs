//! The applicant's 好差评 post: `POST /track?number=…&code=…` from the
//! tracking page, so a refused rating answers with that same page, the
//! entries kept. The 受理编号 and 查询码 are the only key, as for tracking.

use super::db::applications;
use super::feedback::check;
use crate::error::AppError;
use crate::server::forms::{Posted, Refusal};
use crate::server::limit::{self, Kind};
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{
    extract::{Query, State},
    http::{request::Parts, StatusCode},
    response::Response,
};
use std::collections::HashMap;

/// `POST /track?number=…&code=…`: `score` (1–5) and `comment`.
pub async fn rate(
    State(state): State<AppState>,
    parts: Parts,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    limit::within(&state, &parts, Kind::Submit).await?;
    let query: HashMap<String, String> = Query::try_from_uri(&parts.uri)
        .map(|Query(q)| q)
        .unwrap_or_default();
    let number = query
        .get("number")
        .map(|s| s.trim().to_uppercase())
        .unwrap_or_default();
    let code = query
        .get("code")
        .map(|s| s.trim().to_owned())
        .unwrap_or_default();
    let stored = applications::by_number_and_code(&state.db, &number, &code, now())
        .await?
        .ok_or_else(|| {
            Refusal::plain(
                StatusCode::NOT_FOUND,
                "受理编号或查询码不正确，请返回办件查询页重新输入。",
            )
        })?;
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    let result = match check(&get("score"), &get("comment")) {
        Ok((score, comment)) => {
            super::db::feedback::rate(&state.db, stored.id, score, &comment, state.today(), now())
                .await
        }
        Err(errors) => Err(AppError::Validation(errors)),
    };
    result.map_err(|e| Refusal::of(e, values))?;
    Ok(see_other(&format!(
        "/track?number={}&code={}&rated=1",
        crate::ui::url::encode(&number),
        crate::ui::url::encode(&code)
    )))
}
