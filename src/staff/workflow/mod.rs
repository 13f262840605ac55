//! The editorial workflow: every save a revision; 草稿 → 送审 → a reviewer
//! who is not the author approves (with a 保密审查 record and the 五公开
//! attribute confirmed) or returns it with comments → published now or at a
//! scheduled time → 撤回 with a public reason. Nothing becomes public except
//! through `publish_revision`, which refuses a revision without an approved
//! review.

use crate::clock::Calendar;
use crate::content::db::{
    assign_index_no, beijing_date, link_interpretation, INTERPRETATION_LIMIT,
};
use crate::content::markdown::render;
use crate::content::taxonomy::{ContentKind, Disclosure};
use crate::error::AppError;
use crate::server::db::Db;
use crate::staff::audit::{self, Actor};
use crate::staff::types::{ArticleForm, RevisionState, StaffUser, WorkItem};
use crate::ui::format::datetime_zh;
use sqlx::AnyConnection;

/// A revision as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RevisionRow {
    pub id: i64,
    pub article_id: i64,
    pub author_id: Option<i64>,
    pub author_name: String,
    pub state: String,
    pub snapshot: String,
    pub note: String,
    pub scheduled_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl RevisionRow {
    pub fn state(&self) -> RevisionState {
        RevisionState::from_slug(&self.state).unwrap_or(RevisionState::Draft)
    }

    pub fn form(&self) -> ArticleForm {
        serde_json::from_str(&self.snapshot).unwrap_or_default()
    }
}

const REVISION_COLUMNS: &str =
    "id, article_id, author_id, author_name, state, snapshot, note, scheduled_at, created_at, updated_at";

#[derive(sqlx::FromRow)]
struct LiveRow {
    kind: String,
    subtype: String,
    title: String,
    summary: String,
    body_md: String,
    publisher: String,
    doc_no: String,
    written_on: String,
    topic: String,
    validity: String,
    replaced_by: Option<i64>,
    disclosure: String,
    withheld_reason: String,
    needs_interpretation: i64,
    concern_on: Option<String>,
    status: String,
    pending_revision_id: Option<i64>,
}

/// An item as staff see it: the live fields as a form, its public state and
/// its open revision.
#[derive(Debug, Clone)]
pub struct StaffArticle {
    pub id: i64,
    pub live: ArticleForm,
    /// draft (never published), published or withdrawn.
    pub status: String,
    pub pending: Option<RevisionRow>,
}

impl StaffArticle {
    /// What the editor should start from: the open revision, else the live fields.
    pub fn working_form(&self) -> ArticleForm {
        match &self.pending {
            Some(r) => r.form(),
            None => ArticleForm {
                note: String::new(),
                ..self.live.clone()
            },
        }
    }
}

/// An item with its open revision, for staff (any status).
pub async fn staff_article(db: &Db, id: i64) -> Result<Option<StaffArticle>, sqlx::Error> {
    let row: Option<LiveRow> = sqlx::query_as(
        "SELECT kind, subtype, title, summary, body_md, publisher, doc_no, written_on, topic, validity, replaced_by, \
         disclosure, withheld_reason, needs_interpretation, concern_on, status, pending_revision_id \
         FROM articles WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    let Some(r) = row else { return Ok(None) };
    let explains: Vec<(i64,)> =
        sqlx::query_as("SELECT document_id FROM interpretation_links WHERE interpretation_id = $1 ORDER BY document_id")
            .bind(id)
            .fetch_all(db.pool())
            .await?;
    let pending = match r.pending_revision_id {
        Some(rid) => {
            sqlx::query_as(&format!(
                "SELECT {REVISION_COLUMNS} FROM revisions WHERE id = $1"
            ))
            .bind(rid)
            .fetch_optional(db.pool())
            .await?
        }
        None => None,
    };
    Ok(Some(StaffArticle {
        id,
        live: ArticleForm {
            kind: r.kind,
            subtype: r.subtype,
            title: r.title,
            summary: r.summary,
            body_md: r.body_md,
            publisher: r.publisher,
            doc_no: r.doc_no,
            written_on: r.written_on,
            topic: r.topic,
            validity: r.validity,
            replaced_by: r.replaced_by.map(|i| i.to_string()).unwrap_or_default(),
            disclosure: r.disclosure,
            withheld_reason: r.withheld_reason,
            needs_interpretation: r.needs_interpretation == 1,
            concern_on: r.concern_on.unwrap_or_default(),
            explains: explains
                .iter()
                .map(|(i,)| i.to_string())
                .collect::<Vec<_>>()
                .join(" "),
            note: String::new(),
        },
        status: r.status,
        pending,
    }))
}

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
) -> Result<(), AppError> {
    let mut errors = Vec::new();
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

/// Saves `form` (already validated) as a new revision of item `id`, or of a
/// new item when `id` is None; with `Submit` it goes to review. Returns the
/// item's id.
pub async fn save(
    db: &Db,
    user: &StaffUser,
    id: Option<i64>,
    form: &ArticleForm,
    action: SaveAction,
    now: i64,
) -> Result<i64, AppError> {
    check_references(db, form, id).await?;
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
    let state = match action {
        SaveAction::Submit => RevisionState::Submitted,
        _ => RevisionState::Draft,
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
        let (rid,): (i64,) = sqlx::query_as(
            "INSERT INTO revisions (article_id, author_id, author_name, state, snapshot, note, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(article_id)
        .bind(user.id)
        .bind(&user.display_name)
        .bind(state.slug())
        .bind(&snapshot)
        .bind(note)
        .bind(now)
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
    if existing.as_ref().is_none_or(|a| a.status == "draft") {
        sqlx::query("UPDATE articles SET kind = $1, subtype = $2, title = $3 WHERE id = $4 AND status = 'draft'")
            .bind(&form.kind)
            .bind(&form.subtype)
            .bind(form.title.trim())
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
            serde_json::json!({ "revision": revision_id, "changes": changes(&before, form) }),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(article_id)
}

/// The note autosaves carry.
pub const AUTOSAVE_NOTE: &str = "自动保存";

/// What a reviewer decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// 同意公开: with the 五公开 attribute confirmed, published at once or at `publish_at`.
    Approve {
        disclosure: Disclosure,
        publish_at: Option<i64>,
    },
    /// 退回修改.
    Return,
}

/// Records a reviewer's decision on the submitted revision of item `id`.
pub async fn review(
    db: &Db,
    reviewer: &StaffUser,
    id: i64,
    decision: Decision,
    opinion: &str,
    now: i64,
    calendar: &Calendar,
) -> Result<(), AppError> {
    let article = staff_article(db, id).await?.ok_or(AppError::NotFound)?;
    let pending = article
        .pending
        .clone()
        .ok_or_else(|| AppError::Conflict("该信息没有待审核的稿件".into()))?;
    if pending.state() != RevisionState::Submitted {
        return Err(AppError::Conflict(
            "该稿件不在待审核状态，可能已被他人处理".into(),
        ));
    }
    if pending.author_id == Some(reviewer.id) {
        crate::server::context::set_status(403);
        return Err(AppError::Conflict(
            "不能审核自己撰写的稿件，请由其他审核人员审核".into(),
        ));
    }
    let opinion = opinion.trim();
    if opinion.is_empty() {
        return Err(AppError::field("opinion", "请填写审核意见"));
    }
    let actor = Actor::staff(reviewer);
    let mut tx = db.begin_write().await?;
    let (decision_slug, disclosure) = match &decision {
        Decision::Approve { disclosure, .. } => ("approved", disclosure.slug().to_owned()),
        Decision::Return => ("returned", pending.form().disclosure),
    };
    sqlx::query(
        "INSERT INTO reviews (article_id, revision_id, reviewer_id, reviewer_name, decision, opinion, disclosure, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(pending.id)
    .bind(reviewer.id)
    .bind(&reviewer.display_name)
    .bind(decision_slug)
    .bind(opinion)
    .bind(&disclosure)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let target = format!("信息 {id}《{}》", pending.form().title);
    match decision {
        Decision::Return => {
            sqlx::query("UPDATE revisions SET state = 'returned', updated_at = $1 WHERE id = $2")
                .bind(now)
                .bind(pending.id)
                .execute(&mut *tx)
                .await?;
            audit::record(
                &mut tx,
                &actor,
                "review_returned",
                &target,
                serde_json::json!({"revision": pending.id, "opinion": opinion}),
                now,
            )
            .await?;
        }
        Decision::Approve {
            disclosure,
            publish_at,
        } => {
            let mut form = pending.form();
            let before = form.disclosure.clone();
            form.disclosure = disclosure.slug().to_owned();
            sqlx::query("UPDATE revisions SET state = 'approved', snapshot = $1, updated_at = $2 WHERE id = $3")
                .bind(serde_json::to_string(&form).map_err(|_| AppError::Internal)?)
                .bind(now)
                .bind(pending.id)
                .execute(&mut *tx)
                .await?;
            audit::record(
                &mut tx,
                &actor,
                "review_approved",
                &target,
                serde_json::json!({"revision": pending.id, "opinion": opinion, "disclosure": [before, disclosure.slug()]}),
                now,
            )
            .await?;
            match publish_at.filter(|t| *t > now) {
                Some(at) => {
                    sqlx::query(
                        "UPDATE revisions SET state = 'scheduled', scheduled_at = $1 WHERE id = $2",
                    )
                    .bind(at)
                    .bind(pending.id)
                    .execute(&mut *tx)
                    .await?;
                    audit::record(
                        &mut tx,
                        &actor,
                        "article_scheduled",
                        &target,
                        serde_json::json!({"revision": pending.id, "at": datetime_zh(at)}),
                        now,
                    )
                    .await?;
                }
                None => publish_revision(&mut tx, id, pending.id, &actor, now, calendar).await?,
            }
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Makes revision `revision_id` the live version of item `id`. Refuses one
/// without an approved review.
pub async fn publish_revision(
    conn: &mut AnyConnection,
    id: i64,
    revision_id: i64,
    actor: &Actor,
    now: i64,
    calendar: &Calendar,
) -> Result<(), AppError> {
    let approved: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM reviews WHERE revision_id = $1 AND decision = 'approved' ORDER BY id DESC LIMIT 1",
    )
    .bind(revision_id)
    .fetch_optional(&mut *conn)
    .await?;
    if approved.is_none() {
        return Err(AppError::Conflict(
            "该稿件尚未通过保密审查，不能发布".into(),
        ));
    }
    let revision: RevisionRow = sqlx::query_as(&format!(
        "SELECT {REVISION_COLUMNS} FROM revisions WHERE id = $1 AND article_id = $2"
    ))
    .bind(revision_id)
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let form = revision.form();
    let kind = form.content_kind().ok_or(AppError::Internal)?;
    let (status, index_no, published_at, due): (String, Option<String>, i64, Option<String>) =
        sqlx::query_as(
            "SELECT status, index_no, published_at, interpretation_due FROM articles WHERE id = $1",
        )
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    let first_time = status == "draft";
    let published_at = if first_time { now } else { published_at };
    let date = beijing_date(published_at);
    let index_no = match index_no {
        Some(n) => n,
        None => assign_index_no(&mut *conn, kind, date).await?,
    };
    let due = if form.needs_interpretation {
        due.or_else(|| {
            calendar
                .add_working_days(date, INTERPRETATION_LIMIT as u32)
                .ok()
                .map(|r| r.due.format("%Y-%m-%d").to_string())
        })
    } else {
        None
    };
    let disclosure = Disclosure::from_slug(&form.disclosure).unwrap_or(Disclosure::Active);
    let rereview = (disclosure != Disclosure::Active).then(|| {
        (beijing_date(now) + chrono::Days::new(365))
            .format("%Y-%m-%d")
            .to_string()
    });
    sqlx::query(
        "UPDATE articles SET kind = $1, subtype = $2, title = $3, summary = $4, body_md = $5, body_html = $6, \
         publisher = $7, index_no = $8, doc_no = $9, written_on = $10, topic = $11, validity = $12, replaced_by = $13, \
         disclosure = $14, withheld_reason = $15, status = 'published', needs_interpretation = $16, \
         interpretation_due = $17, concern_on = $18, published_at = $19, updated_at = $20, pending_revision_id = NULL, \
         next_rereview_on = $21, withdrawn_reason = '', withdrawn_at = NULL WHERE id = $22",
    )
    .bind(kind.slug())
    .bind(&form.subtype)
    .bind(form.title.trim())
    .bind(form.summary.trim())
    .bind(&form.body_md)
    .bind(render(&form.body_md))
    .bind(form.publisher.trim())
    .bind(&index_no)
    .bind(form.doc_no.trim())
    .bind(&form.written_on)
    .bind(&form.topic)
    .bind(&form.validity)
    .bind(form.replaced_by.trim().parse::<i64>().ok())
    .bind(disclosure.slug())
    .bind(form.withheld_reason.trim())
    .bind(i64::from(form.needs_interpretation))
    .bind(due)
    .bind(Some(form.concern_on.clone()).filter(|s| !s.is_empty()))
    .bind(published_at)
    .bind(now)
    .bind(rereview)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE revisions SET state = 'superseded', updated_at = $1 WHERE article_id = $2 AND state = 'published'")
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE revisions SET state = 'published', updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(revision_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM attachments WHERE article_id = $1 AND pending_delete = 1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE attachments SET live = 1 WHERE article_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if kind == ContentKind::Interpretation {
        sqlx::query("DELETE FROM interpretation_links WHERE interpretation_id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        for doc in form.explained_ids().unwrap_or_default() {
            link_interpretation(&mut *conn, doc, id, calendar).await?;
        }
    }
    let backend = crate::server::db::Backend::of(conn);
    crate::search::index::sync_article(&mut *conn, backend, id).await?;
    audit::record(
        &mut *conn,
        actor,
        "article_published",
        &format!("信息 {id}《{}》", form.title.trim()),
        serde_json::json!({"revision": revision_id, "index_no": index_no, "first_publication": first_time}),
        now,
    )
    .await?;
    Ok(())
}

/// Publishes every scheduled revision whose time has come; safe to run on
/// several app servers at once. Returns how many it published.
pub async fn publish_due(db: &Db, now: i64, calendar: &Calendar) -> Result<u64, AppError> {
    let due: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, article_id FROM revisions WHERE state = 'scheduled' AND scheduled_at <= $1 ORDER BY scheduled_at",
    )
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    let mut published = 0;
    for (revision_id, article_id) in due {
        let mut tx = db.begin_write().await?;
        // Claim it: only one server wins.
        let claimed = sqlx::query(
            "UPDATE revisions SET state = 'approved' WHERE id = $1 AND state = 'scheduled'",
        )
        .bind(revision_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed == 1 {
            publish_revision(
                &mut tx,
                article_id,
                revision_id,
                &Actor::system("定时发布"),
                now,
                calendar,
            )
            .await?;
            published += 1;
        }
        tx.commit().await?;
    }
    Ok(published)
}

/// 撤回: takes a published item off the portal; its page then says when and why.
pub async fn withdraw(
    db: &Db,
    user: &StaffUser,
    id: i64,
    reason: &str,
    now: i64,
) -> Result<(), AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::field(
            "reason",
            "请填写撤回原因，原因将向公众公开",
        ));
    }
    if reason.chars().count() > 500 {
        return Err(AppError::field("reason", "撤回原因不能超过500个字"));
    }
    let mut tx = db.begin_write().await?;
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT status, title FROM articles WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let (status, title) = row.ok_or(AppError::NotFound)?;
    if status != "published" {
        return Err(AppError::Conflict("只有已发布的信息可以撤回".into()));
    }
    sqlx::query("UPDATE articles SET status = 'withdrawn', withdrawn_reason = $1, withdrawn_at = $2, updated_at = $2 WHERE id = $3")
        .bind(reason)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    crate::search::index::remove(&mut tx, "article", id).await?;
    audit::record(
        &mut tx,
        &Actor::staff(user),
        "article_withdrawn",
        &format!("信息 {id}《{title}》"),
        serde_json::json!({"reason": reason}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

mod lists;

pub use lists::*;

/// Records the periodic review (条例第十八条) of a withheld or on-request
/// item: keep it so until `next`, or disclose it now.
pub async fn record_rereview(
    db: &Db,
    user: &StaffUser,
    id: i64,
    disclose: bool,
    next: Option<chrono::NaiveDate>,
    opinion: &str,
    now: i64,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let row: Option<(String, String, String)> =
        sqlx::query_as("SELECT status, disclosure, title FROM articles WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let (status, disclosure, title) = row.ok_or(AppError::NotFound)?;
    if status != "published" || disclosure == Disclosure::Active.slug() {
        return Err(AppError::Conflict("该信息不是待评审的不公开信息".into()));
    }
    let (decision, new_disclosure) = if disclose {
        ("rereview_disclose", "active")
    } else {
        ("rereview_keep", disclosure.as_str())
    };
    sqlx::query(
        "INSERT INTO reviews (article_id, reviewer_id, reviewer_name, decision, opinion, disclosure, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(user.id)
    .bind(&user.display_name)
    .bind(decision)
    .bind(opinion)
    .bind(new_disclosure)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if disclose {
        sqlx::query("UPDATE articles SET disclosure = 'active', withheld_reason = '', next_rereview_on = NULL, updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    } else {
        sqlx::query("UPDATE articles SET next_rereview_on = $1, updated_at = $2 WHERE id = $3")
            .bind(next.map(|d| d.format("%Y-%m-%d").to_string()))
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    let backend = crate::server::db::Backend::of(&tx);
    crate::search::index::sync_article(&mut tx, backend, id).await?;
    audit::record(
        &mut tx,
        &Actor::staff(user),
        "rereview_recorded",
        &format!("信息 {id}《{title}》"),
        serde_json::json!({"decision": decision, "opinion": opinion, "next_review_on": next.map(|d| d.to_string()), "disclosure": [disclosure, new_disclosure]}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
