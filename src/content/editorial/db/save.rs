//! Saving: every save a new revision, checked references, the changes
//! recorded in the audit log.

use super::*;
use crate::content::db::{stage_attachment, stage_removal, NewAttachment};
use crate::content::types::PublicationStatus;

/// What the editor asked for when saving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveAction {
    Save,
    Submit,
    /// A periodic save while typing: folds into the author's previous autosave.
    Autosave,
}

/// Checks what a valid form refers to: the replacing document and the
/// explained documents must exist and be documents.
async fn check_references(
    db: &Db,
    form: &ArticleForm,
    own_id: Option<i64>,
    now: i64,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    if form.content_kind() == Some(ContentKind::Consultation) {
        // The period counts from the first publication (today at the
        // earliest); it is checked again when the item is published.
        let opened = match own_id {
            Some(id) => crate::comments::db::terms(db, id)
                .await?
                .map(|t| t.opened_on),
            None => None,
        }
        .unwrap_or_else(|| beijing_date(now));
        if let Ok(closes) = chrono::NaiveDate::parse_from_str(&form.closes_on, "%Y-%m-%d") {
            if let Some(problem) =
                crate::comments::rules::period_problem(opened, closes, &form.short_reason)
            {
                errors.push(crate::error::FieldError::new("closes_on", problem));
            }
        }
        if let Ok(id) = form.decision_doc.trim().parse::<i64>() {
            let found: Option<(String,)> =
                sqlx::query_as("SELECT kind FROM articles WHERE id = $1")
                    .bind(id)
                    .fetch_optional(db.pool())
                    .await?;
            if found.is_none() || Some(id) == own_id {
                errors.push(crate::error::FieldError::new(
                    "decision_doc",
                    format!("找不到编号为{id}的信息"),
                ));
            }
        }
    }
    if form.content_kind() == Some(ContentKind::AnnualReport) {
        if let Some(problem) = crate::reports::rules::body_problem(form) {
            errors.push(crate::error::FieldError::new("body_md", problem));
        }
    }
    if let Ok(id) = form.replaced_by.trim().parse::<i64>() {
        let found: Option<(String,)> = sqlx::query_as("SELECT kind FROM articles WHERE id = $1")
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
        if found.is_none() || Some(id) == own_id {
            errors.push(crate::error::FieldError {
                field: "replaced_by".into(),
                message: format!("找不到编号为{id}的信息"),
            });
        }
    }
    for id in form.explained_ids().unwrap_or_default() {
        let found: Option<(String,)> = sqlx::query_as("SELECT kind FROM articles WHERE id = $1")
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
        match found {
            Some((k,)) if k == ContentKind::Policy.slug() => {}
            Some(_) => errors.push(crate::error::FieldError {
                field: "explains".into(),
                message: format!("编号为{id}的信息不是政策文件"),
            }),
            None => errors.push(crate::error::FieldError {
                field: "explains".into(),
                message: format!("找不到编号为{id}的信息"),
            }),
        }
    }
    use crate::content::taxonomy::TermList;
    let mut lists = vec![("topic", TermList::Subject, form.topic.as_str())];
    if let Some(kind) = form.content_kind() {
        lists.push(("subtype", TermList::Subtype(kind), form.subtype.as_str()));
    }
    for (field, list, slug) in lists {
        if let Some(message) = crate::content::db::terms::problem(db, list, slug, own_id).await? {
            errors.push(crate::error::FieldError {
                field: field.into(),
                message,
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// The fields that differ between two snapshots, as {field: [before, after]}.
pub fn changes(before: &ArticleForm, after: &ArticleForm) -> serde_json::Value {
    let (b, a) = (
        serde_json::to_value(before).unwrap_or_default(),
        serde_json::to_value(after).unwrap_or_default(),
    );
    let mut out = serde_json::Map::new();
    if let (Some(b), Some(a)) = (b.as_object(), a.as_object()) {
        for (k, av) in a {
            let bv = b.get(k).cloned().unwrap_or_default();
            if &bv != av && k != "note" {
                out.insert(k.clone(), serde_json::json!([bv, av]));
            }
        }
    }
    serde_json::Value::Object(out)
}

/// Files added to and taken from an item with a save.
#[derive(Debug, Default)]
pub struct AttachmentChanges {
    /// Checked files to attach (public once the revision is published).
    pub add: Vec<NewAttachment>,
    /// Attachments to remove when the revision is published.
    pub remove: Vec<i64>,
    /// Images an import placed in the body as `docx-image:N` (N their
    /// index here): attached with the save, and each placeholder replaced
    /// by its address in the revision saved.
    pub inline: Vec<NewAttachment>,
    /// What an import could not carry, kept with the revision (a save
    /// without an import carries the open revision's forward).
    pub import_notes: Vec<String>,
}

/// Saves `form` (already validated) as a new revision of item `id`, or of a
/// new item when `id` is None, with its attachment changes, in one
/// transaction; with `Submit` it goes to review. Returns the item's id.
pub async fn save(
    db: &Db,
    user: &StaffUser,
    id: Option<i64>,
    form: &ArticleForm,
    files: &AttachmentChanges,
    action: SaveAction,
    now: i64,
) -> Result<i64, AppError> {
    check_references(db, form, id, now).await?;
    if action == SaveAction::Submit && form.content_kind() == Some(ContentKind::AnnualReport) {
        // The balance checks hold before a report goes to review.
        let problems = crate::reports::rules::problems(&crate::reports::rules::parse(form));
        if !problems.is_empty() {
            return Err(AppError::Validation(
                problems
                    .into_iter()
                    .map(|m| crate::error::FieldError::new("report", m))
                    .collect(),
            ));
        }
    }
    let existing = match id {
        Some(id) => Some(staff_article(db, id).await?.ok_or(AppError::NotFound)?),
        None => None,
    };
    let before = existing
        .as_ref()
        .map(StaffArticle::working_form)
        .unwrap_or_default();
    let actor = Actor::staff(user);
    let mut tx = db.begin_write().await?;
    let article_id = match &existing {
        Some(a) => a.id,
        None => {
            let (new_id,): (i64,) = sqlx::query_as(
                "INSERT INTO articles (kind, subtype, title, summary, body_md, body_html, publisher, status, \
                 published_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, '', $6, 'draft', $7, $7, $7) RETURNING id",
            )
            .bind(&form.kind)
            .bind(&form.subtype)
            .bind(form.title.trim())
            .bind(&form.summary)
            .bind(&form.body_md)
            .bind(&form.publisher)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            new_id
        }
    };
    let pending = existing.as_ref().and_then(|a| a.pending.clone());
    // A revision with a reviewer (or approved and scheduled) is never
    // replaced by typing: only a deliberate save withdraws it, and that is
    // audited with what it replaced.
    let in_review = pending.as_ref().filter(|p| {
        matches!(
            p.state(),
            RevisionState::Submitted | RevisionState::Approved | RevisionState::Scheduled
        )
    });
    if let (SaveAction::Autosave, Some(p)) = (action, in_review) {
        return Err(AppError::Conflict(format!(
            "稿件{}，自动保存已暂停。如需修改，请点击“保存草稿”（稿件将撤回{}）。",
            match p.state() {
                RevisionState::Submitted => "正在审核",
                _ => "已审核通过、等待定时发布",
            },
            match p.state() {
                RevisionState::Submitted => "送审",
                _ => "定时发布",
            },
        )));
    }
    let state = match action {
        SaveAction::Submit => RevisionState::Submitted,
        _ => RevisionState::Draft,
    };
    let placed;
    let form = if files.inline.is_empty() {
        form
    } else {
        let mut addresses = Vec::new();
        for file in &files.inline {
            let aid = stage_audited(&mut tx, &actor, article_id, file, true, now).await?;
            addresses.push(Some(format!("/attachments/{aid}")));
        }
        placed = ArticleForm {
            body_md: crate::content::docx::place_images(&form.body_md, &addresses),
            ..form.clone()
        };
        &placed
    };
    let snapshot = serde_json::to_string(form).map_err(|_| AppError::Internal)?;
    let fold = action == SaveAction::Autosave
        && pending.as_ref().is_some_and(|p| {
            p.note == AUTOSAVE_NOTE
                && p.author_id == Some(user.id)
                && p.state() == RevisionState::Draft
        });
    let revision_id = if let (true, Some(p)) = (fold, &pending) {
        sqlx::query("UPDATE revisions SET snapshot = $1, updated_at = $2 WHERE id = $3")
            .bind(&snapshot)
            .bind(now)
            .bind(p.id)
            .execute(&mut *tx)
            .await?;
        p.id
    } else {
        if let Some(p) = &pending {
            sqlx::query("UPDATE revisions SET state = 'superseded', updated_at = $1 WHERE id = $2")
                .bind(now)
                .bind(p.id)
                .execute(&mut *tx)
                .await?;
        }
        let note = if action == SaveAction::Autosave {
            AUTOSAVE_NOTE.to_owned()
        } else {
            form.note.trim().to_owned()
        };
        // An import's warnings stay with the draft until it is published.
        let import_notes = if files.import_notes.is_empty() {
            pending
                .as_ref()
                .map(|p| p.import_notes.clone())
                .unwrap_or_default()
        } else {
            files.import_notes.join("\n")
        };
        let (rid,): (i64,) = sqlx::query_as(
            "INSERT INTO revisions (article_id, author_id, author_name, state, snapshot, note, created_at, updated_at, import_notes) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id",
        )
        .bind(article_id)
        .bind(user.id)
        .bind(&user.display_name)
        .bind(state.slug())
        .bind(&snapshot)
        .bind(note)
        .bind(now)
        .bind(import_notes)
        .fetch_one(&mut *tx)
        .await?;
        rid
    };
    sqlx::query("UPDATE articles SET pending_revision_id = $1, updated_at = $2 WHERE id = $3")
        .bind(revision_id)
        .bind(now)
        .bind(article_id)
        .execute(&mut *tx)
        .await?;
    // An item never published keeps its working title in the row, for lists.
    if existing
        .as_ref()
        .is_none_or(|a| a.status == PublicationStatus::Draft)
    {
        sqlx::query("UPDATE articles SET kind = $1, subtype = $2, title = $3, body_md = $4 WHERE id = $5 AND status = 'draft'")
            .bind(&form.kind)
            .bind(&form.subtype)
            .bind(form.title.trim())
            .bind(&form.body_md)
            .bind(article_id)
            .execute(&mut *tx)
            .await?;
    }
    if action != SaveAction::Autosave {
        let what = if state == RevisionState::Submitted {
            "article_submitted"
        } else {
            "article_saved"
        };
        audit::record(
            &mut tx,
            &actor,
            what,
            &format!("信息 {article_id}《{}》", form.title.trim()),
            serde_json::json!({
                "revision": revision_id,
                "changes": changes(&before, form),
                "replaced": in_review.map(|p| serde_json::json!({"revision": p.id, "state": p.state().slug()})),
                "import_notes": files.import_notes,
            }),
            now,
        )
        .await?;
    }
    for file in &files.add {
        stage_audited(&mut tx, &actor, article_id, file, false, now).await?;
    }
    for aid in &files.remove {
        if stage_removal(&mut tx, article_id, *aid).await? {
            audit::record(
                &mut tx,
                &actor,
                "attachment_removed",
                &format!("信息 {article_id} 附件 {aid}"),
                serde_json::json!({}),
                now,
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(article_id)
}

/// Stages a file on an item's draft with its audit entry (`in_body`: an
/// image an import placed in the body); returns its id.
async fn stage_audited(
    tx: &mut sqlx::AnyConnection,
    actor: &Actor,
    article_id: i64,
    file: &NewAttachment,
    in_body: bool,
    now: i64,
) -> Result<i64, AppError> {
    let aid = stage_attachment(&mut *tx, article_id, file, now).await?;
    audit::record(
        tx,
        actor,
        "attachment_added",
        &format!("信息 {article_id} 附件 {aid}"),
        serde_json::json!({"name": file.name, "type": file.mime, "size": file.data.len(), "in_body": in_body}),
        now,
    )
    .await?;
    Ok(aid)
}

/// The note autosaves carry.
pub const AUTOSAVE_NOTE: &str = "自动保存";
