//! The text pages kept in the app (`POST /staff/pages/{slug}`): editors
//! write 公开指南, 公开制度, about, contact and privacy; a reviewer who did
//! not write the text approves it (or returns it with a reason) before the
//! public sees it. Each change and its audit entry commit together.

use crate::account::db::audit::{self, Actor};
use crate::account::extract::SignedIn;
use crate::account::review::{decide, fingerprint, need};
use crate::account::types::Role;
use crate::content::db::{self, PageText};
use crate::content::types::TextPage;
use crate::error::{AppError, FieldError};
use crate::server::forms::{form_values, Posted, Refusal};
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};
use serde::{Deserialize, Serialize};

const TITLE_MAX: usize = 100;
const BODY_MAX: usize = 100_000;

/// The page form and its review form.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct PageForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body_md: String,
    #[serde(default)]
    seen: String,
    #[serde(default)]
    opinion: String,
}

/// The fingerprint of a page's text (see `account::review`).
pub fn page_fingerprint(text: &PageText) -> String {
    fingerprint(&[&text.title, &text.body_md])
}

fn check_text(form: &PageForm) -> Result<PageText, Vec<FieldError>> {
    let title = form.title.trim();
    let body = form.body_md.trim();
    let mut errors = Vec::new();
    if title.is_empty() {
        errors.push(FieldError::new("title", "请输入标题"));
    } else if title.chars().count() > TITLE_MAX {
        errors.push(FieldError::new(
            "title",
            format!("标题不能超过{TITLE_MAX}个字"),
        ));
    }
    if body.is_empty() {
        errors.push(FieldError::new("body_md", "请输入正文"));
    } else if body.chars().count() > BODY_MAX {
        errors.push(FieldError::new(
            "body_md",
            format!("正文不能超过{BODY_MAX}个字"),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(PageText {
        title: title.to_owned(),
        body_md: body.to_owned(),
    })
}

/// `POST /staff/pages/{slug}`: `save` (editors: the text, for review),
/// `approve` or `return` (reviewers, not the text's author).
pub async fn change_page(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(slug): Path<String>,
    Posted(form): Posted<PageForm>,
) -> Result<Response, Refusal> {
    let page = TextPage::from_slug(&slug).ok_or(AppError::NotFound)?;
    let values = form_values(&form);
    let now = now();
    let mut tx = state.db.begin_write().await?;
    let stored = db::staff_page_in(&mut tx, page).await?;
    let target = format!("页面 {}", page.default_title());
    let (action, detail, notice) = match form.action.as_str() {
        "save" => {
            need(&user, Role::Editor)?;
            let text = check_text(&form).map_err(|e| Refusal::fields(e, values.clone()))?;
            let current = stored
                .pending
                .as_ref()
                .map(|(t, _)| t)
                .or(stored.live.as_ref());
            if current == Some(&text) {
                return Ok(see_other(&format!(
                    "/staff/pages/{slug}?notice=text_unchanged"
                )));
            }
            db::propose_page_text(&mut tx, page, &text, user.id, now).await?;
            (
                "page.saved",
                serde_json::json!({"slug": slug, "title": text.title}),
                "text_saved",
            )
        }
        "approve" | "return" => {
            let approve = form.action == "approve";
            let (pending, decision) = decide(
                &user,
                approve,
                stored.pending.as_ref(),
                page_fingerprint,
                &form.seen,
                &form.opinion,
                &values,
            )?;
            let opinion = decision.opinion;
            db::decide_page_text(&mut tx, page, pending, &decision, now).await?;
            if approve {
                (
                    "page.approved",
                    serde_json::json!({"slug": slug, "title": pending.title, "opinion": opinion}),
                    "text_approved",
                )
            } else {
                (
                    "page.returned",
                    serde_json::json!({"slug": slug, "opinion": opinion}),
                    "text_returned",
                )
            }
        }
        _ => return Err(Refusal::plain(StatusCode::BAD_REQUEST, "未知的操作。")),
    };
    audit::record(&mut tx, &Actor::staff(&user), action, &target, detail, now).await?;
    tx.commit().await?;
    Ok(see_other(&format!("/staff/pages/{slug}?notice={notice}")))
}
