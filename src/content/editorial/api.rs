//! The editorial workflow's server functions. Each one checks the caller's
//! role on the server first (`require`): anonymous callers get 401, the wrong
//! role 403. [`STAFF_FUNCTIONS`] names the role of each; a test calls every
//! registered server function anonymously and with the wrong role, so a new
//! one cannot be left unguarded.

use crate::account::types::Role;
use crate::content::editorial::types::{
    ArticleForm, EditorData, HistoryData, PastedBody, PublicationDue, ReviewData, WithheldItem,
    WorkItem,
};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The editorial workflow's server functions and the role each requires
/// (the router checks it before reading arguments; see `server::router`).
pub const STAFF_FUNCTIONS: &[(&str, Role)] = &[
    ("staff/preview_markdown", Role::Editor),
    ("staff/paste_html", Role::Editor),
    ("staff/autosave_article", Role::Editor),
    ("staff/get_editor", Role::Editor),
    ("staff/get_history", Role::Editor),
    ("staff/list_my_drafts", Role::Editor),
    ("staff/get_review", Role::Reviewer),
    ("staff/list_to_review", Role::Reviewer),
    ("staff/list_scheduled", Role::Reviewer),
    ("staff/list_rereview_due", Role::Reviewer),
    ("staff/list_publication_due", Role::Editor),
];

/// Renders Markdown exactly as publication will (sanitised), for the
/// editor's live preview. Editors only.
#[server(endpoint = "staff/preview_markdown")]
pub async fn preview_markdown(body_md: String) -> Result<String, AppError> {
    crate::account::auth::require(Role::Editor)?;
    if body_md.chars().count() > crate::content::editorial::types::BODY_MAX {
        return Err(AppError::field("body_md", "正文过长，无法预览"));
    }
    Ok(crate::content::markdown::render(&body_md))
}

/// Turns HTML pasted into the body — from Word, WPS or a web page — into
/// the body format (headings, bold, lists, tables with merged cells,
/// links), with notes on what it left out; the editor inserts it at the
/// cursor. Editors only.
#[server(endpoint = "staff/paste_html")]
pub async fn paste_html(html: String) -> Result<PastedBody, AppError> {
    use crate::content::editorial::types::{BODY_MAX, PASTE_MAX_BYTES};
    crate::account::auth::require(Role::Editor)?;
    const TOO_LARGE: &str = "粘贴的内容过大，请分几次粘贴，或改用“从 Word/WPS 导入”。";
    if html.len() > PASTE_MAX_BYTES {
        return Err(AppError::field("body_md", TOO_LARGE));
    }
    let pasted = crate::content::docx::paste(&html);
    if pasted.body_md.chars().count() > BODY_MAX {
        return Err(AppError::field("body_md", TOO_LARGE));
    }
    Ok(PastedBody {
        body_md: pasted.body_md,
        notes: pasted.notes,
    })
}

/// Saves the editor's entries as a draft while typing; returns when, in
/// words. Editors only; the item must exist (a new one autosaves after its
/// first save).
#[server(endpoint = "staff/autosave_article")]
pub async fn autosave_article(id: i64, form: ArticleForm) -> Result<String, AppError> {
    let user = crate::account::auth::require(Role::Editor)?;
    if form.content_kind().is_none() || form.title.trim().is_empty() {
        return Err(AppError::BadRequest("标题为空时不自动保存".into()));
    }
    let state = crate::server::context::state()?;
    let now = crate::ui::format::now();
    crate::content::editorial::db::save(
        &state.db,
        &user,
        Some(id),
        &form,
        &Default::default(),
        crate::content::editorial::db::SaveAction::Autosave,
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
    crate::account::auth::require(Role::Editor)?;
    let db = crate::server::context::db()?;
    let article = crate::content::editorial::db::staff_article(&db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let reviews = crate::content::editorial::db::reviews(&db, id).await?;
    let last_review = article.pending.as_ref().and_then(|p| {
        matches!(
            p.state(),
            crate::content::editorial::types::RevisionState::Returned
        )
        .then(|| reviews.first().cloned())
        .flatten()
    });
    Ok(EditorData {
        id,
        form: article.working_form(),
        status: article.status,
        pending_state: article.pending.as_ref().map(|p| p.state()),
        attachments: crate::content::editorial::db::attachments(&db, id).await?,
        last_review,
        import_notes: article
            .pending
            .as_ref()
            .map(|p| p.import_notes())
            .unwrap_or_default(),
    })
}

/// An item's revisions, and revisions `a` and `b` compared (when given).
/// Editors only.
#[server(endpoint = "staff/get_history", input = GetUrl)]
pub async fn get_history(id: i64, a: Option<i64>, b: Option<i64>) -> Result<HistoryData, AppError> {
    use crate::content::editorial::types::RevisionInfo;
    crate::account::auth::require(Role::Editor)?;
    let db = crate::server::context::db()?;
    let article = crate::content::editorial::db::staff_article(&db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = crate::content::editorial::db::revisions(&db, id).await?;
    let find = |rid: Option<i64>| rid.and_then(|rid| rows.iter().find(|r| r.id == rid));
    let comparison = match (find(a), find(b)) {
        (Some(x), Some(y)) => {
            let (older, newer) = if x.id <= y.id { (x, y) } else { (y, x) };
            Some(crate::content::editorial::db::compare(
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
    let user = crate::account::auth::require(Role::Editor)?;
    Ok(crate::content::editorial::db::my_drafts(&crate::server::context::db()?, &user).await?)
}

/// What a reviewer needs to decide on item `id`: its open revision rendered,
/// compared with the live version, attachments and past reviews. Reviewers only.
#[server(endpoint = "staff/get_review", input = GetUrl)]
pub async fn get_review(id: i64) -> Result<ReviewData, AppError> {
    let user = crate::account::auth::require(Role::Reviewer)?;
    let db = crate::server::context::db()?;
    let article = crate::content::editorial::db::staff_article(&db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = article.working_form();
    let comparison = (article.status != crate::content::types::PublicationStatus::Draft
        && article.pending.is_some())
    .then(|| crate::content::editorial::db::compare(&article.live, &form, "现行版本", "待审稿件"));
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
        status: article.status,
        comparison,
        attachments: crate::content::editorial::db::attachments(&db, id).await?,
        reviews: crate::content::editorial::db::reviews(&db, id).await?,
        import_notes: article
            .pending
            .as_ref()
            .map(|p| p.import_notes())
            .unwrap_or_default(),
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
    let user = crate::account::auth::require(Role::Reviewer)?;
    Ok(crate::content::editorial::db::to_review(&crate::server::context::db()?, &user).await?)
}

/// Items scheduled for publication. Reviewers only.
#[server(endpoint = "staff/list_scheduled", input = GetUrl)]
pub async fn list_scheduled() -> Result<Vec<WorkItem>, AppError> {
    crate::account::auth::require(Role::Reviewer)?;
    Ok(crate::content::editorial::db::scheduled(&crate::server::context::db()?).await?)
}

/// Items made but not yet published, on the 20-working-day clock of
/// 条例第二十六条, soonest due first (the dashboard shows the red and
/// yellow ones). Editors only.
#[server(endpoint = "staff/list_publication_due", input = GetUrl)]
pub async fn list_publication_due() -> Result<Vec<PublicationDue>, AppError> {
    crate::account::auth::require(Role::Editor)?;
    let state = crate::server::context::state()?;
    Ok(
        crate::content::editorial::db::publication_due(&state.db, &state.calendar(), state.today())
            .await?,
    )
}

/// Withheld and on-request items due for their periodic review within 30
/// days. Reviewers only.
#[server(endpoint = "staff/list_rereview_due", input = GetUrl)]
pub async fn list_rereview_due() -> Result<Vec<WithheldItem>, AppError> {
    crate::account::auth::require(Role::Reviewer)?;
    let state = crate::server::context::state()?;
    Ok(crate::content::editorial::db::rereview_due(&state.db, state.today(), 30).await?)
}
