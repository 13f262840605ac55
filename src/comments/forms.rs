//! The public's comment (`POST /consultations/{id}`): a plain form that
//! works without JavaScript, taken only while the consultation is open,
//! rate-limited like every submission; a refused one comes back with its
//! entries. What staff do with comments is `handle`.

use super::db::{self, NewComment, Terms};
use super::rules;
use super::types::{Channel, COMMENT_MAX};
use crate::content::types::ContentKind;
use crate::error::FieldError;
use crate::server::forms::{Posted, Refusal};
use crate::server::limit::{self, Kind};
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::ui::format::{date_zh, now};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};
use std::collections::HashMap;

fn no_consultation() -> Refusal {
    Refusal::plain(StatusCode::NOT_FOUND, "没有这项意见征集。")
}

/// A published consultation's live terms and its draft's parts.
pub(super) async fn published(
    state: &AppState,
    id: &str,
) -> Result<(i64, Terms, Vec<String>), Refusal> {
    let id: i64 = id.parse().map_err(|_| no_consultation())?;
    let article =
        crate::content::db::find_public_article(&state.db, id, &state.calendar(), state.today())
            .await?
            .filter(|a| a.kind == ContentKind::Consultation)
            .ok_or_else(no_consultation)?;
    let terms = db::terms(&state.db, article.id)
        .await?
        .ok_or_else(no_consultation)?;
    let body = crate::content::db::public_body_md(&state.db, id)
        .await?
        .unwrap_or_default();
    Ok((id, terms, rules::parts(&body)))
}

/// A value of `values`, trimmed.
pub(super) fn field(values: &HashMap<String, String>, k: &str) -> String {
    values
        .get(k)
        .map(|v| v.trim().to_owned())
        .unwrap_or_default()
}

/// What a comment form holds, checked: (part, text, name, contact).
pub(super) fn check_comment(
    values: &HashMap<String, String>,
    parts: &[String],
    name_required: bool,
) -> Result<(String, String, String, String), Vec<FieldError>> {
    let mut errors = Vec::new();
    let part = field(values, "part");
    if !part.is_empty() && !parts.contains(&part) {
        errors.push(FieldError::new("part", "请从列表中选择意见针对的部分"));
    }
    let body = field(values, "body");
    if body.is_empty() {
        errors.push(FieldError::new("body", "请填写您的意见和建议"));
    } else if body.chars().count() > COMMENT_MAX {
        errors.push(FieldError::new(
            "body",
            format!(
                "意见不能超过{COMMENT_MAX}字（现在{}字）；内容较多的，可以分几次提交或作为附件发送至征集邮箱",
                body.chars().count()
            ),
        ));
    }
    let name = field(values, "name");
    if name.is_empty() && name_required {
        errors.push(FieldError::new("name", "请填写您的姓名或单位名称"));
    } else if name.chars().count() > 50 || name.contains('\n') {
        errors.push(FieldError::new(
            "name",
            "姓名或单位名称不能超过50个字，只写一行",
        ));
    }
    let contact = field(values, "contact");
    if !contact.is_empty() && !crate::consult::validate::contact_ok(&contact) {
        errors.push(FieldError::new(
            "contact",
            "联系方式请填写手机号码、电话号码或电子邮箱，如 13800138000",
        ));
    }
    if errors.is_empty() {
        Ok((part, body, name, contact))
    } else {
        Err(errors)
    }
}

/// `POST /consultations/{id}`: a comment (`part`, `body`, `name`,
/// `contact`) on an open consultation. Anyone; rate-limited.
pub async fn comment(
    State(state): State<AppState>,
    Path(id): Path<String>,
    parts: axum::http::request::Parts,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    limit::within(&state, &parts, Kind::Submit).await?;
    let (id, terms, draft_parts) = published(&state, &id).await?;
    let today = state.today();
    if !terms.is_open(today) {
        return Err(Refusal::message(
            StatusCode::CONFLICT,
            format!(
                "本次意见征集已于{}24时结束，不再接受意见。感谢您的关注；意见采纳情况将在本页反馈。",
                date_zh(&terms.closes_on.format("%Y-%m-%d").to_string())
            ),
            values,
        ));
    }
    let (part, body, name, contact) = check_comment(&values, &draft_parts, !terms.anonymous_ok)
        .map_err(|errors| Refusal::fields(errors, values.clone()))?;
    let mut tx = state.db.begin_write().await?;
    db::add_comment(
        &mut tx,
        id,
        &NewComment {
            part: &part,
            body: &body,
            name: &name,
            contact: &contact,
            channel: Channel::Online,
            received_on: today,
            entered_by: "",
        },
        now(),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/consultations/{id}?notice=comment_received#comment-form"
    )))
}
