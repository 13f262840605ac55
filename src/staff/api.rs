//! Staff server functions. Each one checks the caller's role on the server
//! first (`require`): anonymous callers get 401, the wrong role 403. The
//! table [`STAFF_FUNCTIONS`] names the role of each; a test calls every
//! registered server function anonymously and with the wrong role, so a new
//! one cannot be left unguarded.

use crate::error::AppError;
use crate::staff::types::{
    ArticleForm, AuditPageData, EditorData, HistoryData, ReviewData, Role, WithheldItem, WorkItem,
};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Every staff server function's endpoint and the role it requires.
pub const STAFF_FUNCTIONS: &[(&str, Role)] = &[
    ("staff/preview_markdown", Role::Editor),
    ("staff/autosave_article", Role::Editor),
    ("staff/get_editor", Role::Editor),
    ("staff/get_history", Role::Editor),
    ("staff/list_my_drafts", Role::Editor),
    ("list_awaiting_interpretation", Role::Editor),
    ("staff/get_review", Role::Reviewer),
    ("staff/list_to_review", Role::Reviewer),
    ("staff/list_scheduled", Role::Reviewer),
    ("staff/list_rereview_due", Role::Reviewer),
    ("staff/get_audit_log", Role::Admin),
    ("staff/get_register_original", Role::Editor),
    ("staff/list_cases", Role::Handler),
    ("staff/get_case", Role::Handler),
    ("staff/get_supervision", Role::Handler),
    ("staff/preview_graphic", Role::Editor),
    ("staff/list_all_graphics", Role::Editor),
    ("staff/get_graphic_draft", Role::Editor),
    ("staff/get_graphic_review", Role::Reviewer),
    ("staff/list_graphics_to_review", Role::Reviewer),
    ("staff/list_consultations", Role::Handler),
    ("staff/get_consultation", Role::Handler),
];

/// Renders Markdown exactly as publication will (sanitised), for the
/// editor's live preview. Editors only.
#[server(endpoint = "staff/preview_markdown")]
pub async fn preview_markdown(body_md: String) -> Result<String, AppError> {
    crate::staff::auth::require(Role::Editor)?;
    if body_md.chars().count() > crate::staff::types::BODY_MAX {
        return Err(AppError::field("body_md", "正文过长，无法预览"));
    }
    Ok(crate::content::markdown::render(&body_md))
}

/// Saves the editor's entries as a draft while typing; returns when, in
/// words. Editors only; the item must exist (a new one autosaves after its
/// first save).
#[server(endpoint = "staff/autosave_article")]
pub async fn autosave_article(id: i64, form: ArticleForm) -> Result<String, AppError> {
    let user = crate::staff::auth::require(Role::Editor)?;
    if form.content_kind().is_none() || form.title.trim().is_empty() {
        return Err(AppError::BadRequest("标题为空时不自动保存".into()));
    }
    let state = crate::server::context::state()?;
    let now = crate::ui::format::now();
    crate::staff::workflow::save(
        &state.db,
        &user,
        Some(id),
        &form,
        crate::staff::workflow::SaveAction::Autosave,
        now,
    )
    .await?;
    Ok(format!(
        "已自动保存（{}）",
        crate::ui::format::datetime_zh(now)
    ))
}

/// An item as the editor starts from: its open revision, else its live
/// version, with attachments and the latest review. Editors only.
#[server(endpoint = "staff/get_editor", input = GetUrl)]
pub async fn get_editor(id: i64) -> Result<EditorData, AppError> {
    crate::staff::auth::require(Role::Editor)?;
    let db = crate::server::context::db()?;
    let article = crate::staff::workflow::staff_article(&db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let reviews = crate::staff::workflow::reviews(&db, id).await?;
    let last_review = article.pending.as_ref().and_then(|p| {
        matches!(p.state(), crate::staff::types::RevisionState::Returned)
            .then(|| reviews.first().cloned())
            .flatten()
    });
    Ok(EditorData {
        id,
        form: article.working_form(),
        status: article.status.clone(),
        pending_state: article.pending.as_ref().map(|p| p.state()),
        attachments: crate::staff::workflow::attachments(&db, id).await?,
        last_review,
    })
}

/// An item's revisions, and revisions `a` and `b` compared (when given).
/// Editors only.
#[server(endpoint = "staff/get_history", input = GetUrl)]
pub async fn get_history(id: i64, a: Option<i64>, b: Option<i64>) -> Result<HistoryData, AppError> {
    use crate::staff::types::RevisionInfo;
    crate::staff::auth::require(Role::Editor)?;
    let db = crate::server::context::db()?;
    let article = crate::staff::workflow::staff_article(&db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = crate::staff::workflow::revisions(&db, id).await?;
    let find = |rid: Option<i64>| rid.and_then(|rid| rows.iter().find(|r| r.id == rid));
    let comparison = match (find(a), find(b)) {
        (Some(x), Some(y)) => {
            let (older, newer) = if x.id <= y.id { (x, y) } else { (y, x) };
            Some(crate::staff::workflow::compare(
                &older.form(),
                &newer.form(),
                &format!(
                    "版本 {}（{}）",
                    older.id,
                    crate::ui::format::datetime_zh(older.updated_at)
                ),
                &format!(
                    "版本 {}（{}）",
                    newer.id,
                    crate::ui::format::datetime_zh(newer.updated_at)
                ),
            ))
        }
        _ => None,
    };
    Ok(HistoryData {
        id,
        title: article.working_form().title,
        revisions: rows
            .iter()
            .map(|r| RevisionInfo {
                id: r.id,
                author_name: r.author_name.clone(),
                state: r.state(),
                note: r.note.clone(),
                saved: crate::ui::format::datetime_zh(r.updated_at),
            })
            .collect(),
        comparison,
    })
}

/// The signed-in editor's drafts, returned and submitted items. Editors only.
#[server(endpoint = "staff/list_my_drafts", input = GetUrl)]
pub async fn list_my_drafts() -> Result<Vec<WorkItem>, AppError> {
    let user = crate::staff::auth::require(Role::Editor)?;
    Ok(crate::staff::workflow::my_drafts(&crate::server::context::db()?, &user).await?)
}

/// What a reviewer needs to decide on item `id`: its open revision rendered,
/// compared with the live version, attachments and past reviews. Reviewers only.
#[server(endpoint = "staff/get_review", input = GetUrl)]
pub async fn get_review(id: i64) -> Result<ReviewData, AppError> {
    let user = crate::staff::auth::require(Role::Reviewer)?;
    let db = crate::server::context::db()?;
    let article = crate::staff::workflow::staff_article(&db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = article.working_form();
    let comparison = (article.status != "draft" && article.pending.is_some())
        .then(|| crate::staff::workflow::compare(&article.live, &form, "现行版本", "待审稿件"));
    Ok(ReviewData {
        id,
        revision_id: article.pending.as_ref().map(|p| p.id),
        preview_html: crate::content::markdown::render(&form.body_md),
        form,
        state: article.pending.as_ref().map(|p| p.state()),
        author_name: article
            .pending
            .as_ref()
            .map(|p| p.author_name.clone())
            .unwrap_or_default(),
        own_work: article
            .pending
            .as_ref()
            .is_some_and(|p| p.author_id == Some(user.id)),
        status: article.status.clone(),
        comparison,
        attachments: crate::staff::workflow::attachments(&db, id).await?,
        reviews: crate::staff::workflow::reviews(&db, id).await?,
        scheduled: article
            .pending
            .as_ref()
            .and_then(|p| p.scheduled_at)
            .map(crate::ui::format::datetime_zh),
    })
}

/// Submitted items written by someone else. Reviewers only.
#[server(endpoint = "staff/list_to_review", input = GetUrl)]
pub async fn list_to_review() -> Result<Vec<WorkItem>, AppError> {
    let user = crate::staff::auth::require(Role::Reviewer)?;
    Ok(crate::staff::workflow::to_review(&crate::server::context::db()?, &user).await?)
}

/// Items scheduled for publication. Reviewers only.
#[server(endpoint = "staff/list_scheduled", input = GetUrl)]
pub async fn list_scheduled() -> Result<Vec<WorkItem>, AppError> {
    crate::staff::auth::require(Role::Reviewer)?;
    Ok(crate::staff::workflow::scheduled(&crate::server::context::db()?).await?)
}

/// Withheld and on-request items due for their periodic review within 30
/// days. Reviewers only.
#[server(endpoint = "staff/list_rereview_due", input = GetUrl)]
pub async fn list_rereview_due() -> Result<Vec<WithheldItem>, AppError> {
    crate::staff::auth::require(Role::Reviewer)?;
    let state = crate::server::context::state()?;
    Ok(crate::staff::workflow::rereview_due(&state.db, state.today(), 30).await?)
}

/// The audit log, filtered, newest first, with the chain verified.
/// Administrators only.
#[server(endpoint = "staff/get_audit_log", input = GetUrl)]
pub async fn get_audit_log(
    filter: crate::staff::types::AuditFilter,
) -> Result<AuditPageData, AppError> {
    use crate::staff::types::AuditLine;
    crate::staff::auth::require(Role::Admin)?;
    let db = crate::server::context::db()?;
    let entries = crate::staff::audit::list(&db, &filter).await?;
    let verification = crate::staff::audit::verify(&db).await?;
    let older = (entries.len() == 50)
        .then(|| entries.last().map(|e| e.seq))
        .flatten();
    Ok(AuditPageData {
        entries: entries
            .into_iter()
            .map(|e| AuditLine {
                action_label: crate::staff::audit::action_label(&e.action).to_owned(),
                seq: e.seq,
                at: e.at,
                actor: e.actor,
                action: e.action,
                target: e.target,
                detail: e.detail,
            })
            .collect(),
        rows: verification.rows,
        problem: verification.problem,
        older,
    })
}
