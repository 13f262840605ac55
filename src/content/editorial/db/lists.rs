//! What staff pages read: revisions and reviews, comparisons,
//! and the work lists of the dashboard.

use super::*;

/// Every revision of an item, newest first.
pub async fn revisions(db: &Db, id: i64) -> Result<Vec<RevisionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {REVISION_COLUMNS} FROM revisions WHERE article_id = $1 ORDER BY id DESC"
    ))
    .bind(id)
    .fetch_all(db.pool())
    .await
}

/// Every review of an item, newest first.
pub async fn reviews(
    db: &Db,
    id: i64,
) -> Result<Vec<crate::content::editorial::types::ReviewRecord>, sqlx::Error> {
    let rows: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT reviewer_name, decision, opinion, disclosure, created_at FROM reviews WHERE article_id = $1 ORDER BY id DESC",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(reviewer_name, decision, opinion, disclosure, at)| {
            crate::content::editorial::types::ReviewRecord {
                reviewer_name,
                decision,
                opinion,
                disclosure,
                at: datetime_zh(at),
            }
        })
        .collect())
}

/// The attachments of an item with their draft state.
pub async fn attachments(
    db: &Db,
    id: i64,
) -> Result<Vec<crate::content::editorial::types::StaffAttachment>, sqlx::Error> {
    let rows: Vec<(i64, String, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT id, name, mime, size, live, pending_delete FROM attachments WHERE article_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, mime, size, live, removing)| {
            crate::content::editorial::types::StaffAttachment {
                info: crate::content::types::AttachmentInfo {
                    id,
                    name,
                    mime,
                    size,
                },
                live: live == 1,
                removing: removing == 1,
            }
        })
        .collect())
}

/// Two snapshots compared side by side.
pub fn compare(
    before: &ArticleForm,
    after: &ArticleForm,
    before_label: &str,
    after_label: &str,
) -> crate::content::editorial::types::Comparison {
    use crate::content::editorial::types::DiffRow;
    const LABELS: &[(&str, &str)] = &[
        ("kind", "信息类别"),
        ("subtype", "子类别"),
        ("title", "标题"),
        ("summary", "内容概述"),
        ("publisher", "发布机构"),
        ("doc_no", "发文字号"),
        ("written_on", "成文日期"),
        ("topic", "主题分类"),
        ("validity", "有效性"),
        ("replaced_by", "替代文件"),
        ("disclosure", "公开属性"),
        ("withheld_reason", "不公开理由"),
        ("needs_interpretation", "需要解读"),
        ("concern_on", "关切发生日期"),
        ("explains", "所解读文件"),
        ("closes_on", "征集截止日期"),
        ("short_reason", "缩短征集期限的理由"),
        ("explanation_md", "起草说明"),
        ("comment_address", "信函地址"),
        ("comment_email", "电子邮箱"),
        ("anonymous_ok", "允许匿名"),
        ("comments_public", "逐条公开意见"),
        ("decision_doc", "最终决定文件"),
        ("feedback_md", "意见采纳情况反馈"),
    ];
    let (b, a) = (
        serde_json::to_value(before).unwrap_or_default(),
        serde_json::to_value(after).unwrap_or_default(),
    );
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Bool(true) => "是".to_owned(),
        serde_json::Value::Bool(false) => "否".to_owned(),
        other => other.to_string(),
    };
    let fields = LABELS
        .iter()
        .filter_map(|(key, label)| {
            let (bv, av) = (
                b.get(*key).map(text).unwrap_or_default(),
                a.get(*key).map(text).unwrap_or_default(),
            );
            (bv != av).then(|| ((*label).to_owned(), bv, av))
        })
        .collect();
    let diff = similar::TextDiff::from_lines(&before.body_md, &after.body_md);
    let mut body = Vec::new();
    for op in diff.ops() {
        for change in diff.iter_changes(op) {
            let line = change.value().trim_end_matches('\n').to_owned();
            body.push(match change.tag() {
                similar::ChangeTag::Equal => DiffRow {
                    kind: "same".into(),
                    before: line.clone(),
                    after: line,
                },
                similar::ChangeTag::Delete => DiffRow {
                    kind: "removed".into(),
                    before: line,
                    after: String::new(),
                },
                similar::ChangeTag::Insert => DiffRow {
                    kind: "added".into(),
                    before: String::new(),
                    after: line,
                },
            });
        }
    }
    crate::content::editorial::types::Comparison {
        before_label: before_label.to_owned(),
        after_label: after_label.to_owned(),
        fields,
        body,
    }
}

#[derive(sqlx::FromRow)]
struct WorkRow {
    article_id: i64,
    revision_id: i64,
    state: String,
    snapshot: String,
    author_name: String,
    note: String,
    updated_at: i64,
    scheduled_at: Option<i64>,
}

async fn work_items(
    db: &Db,
    condition: &str,
    bind: Option<i64>,
) -> Result<Vec<WorkItem>, sqlx::Error> {
    let sql = format!(
        "SELECT a.id AS article_id, r.id AS revision_id, r.state, r.snapshot, r.author_name, r.note, r.updated_at, r.scheduled_at \
         FROM articles a JOIN revisions r ON r.id = a.pending_revision_id WHERE {condition} ORDER BY r.updated_at DESC LIMIT 100"
    );
    let mut q = sqlx::query_as::<_, WorkRow>(&sql);
    if let Some(b) = bind {
        q = q.bind(b);
    }
    let rows = q.fetch_all(db.pool()).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let form: ArticleForm = serde_json::from_str(&r.snapshot).unwrap_or_default();
        let opinion: Option<(String,)> = sqlx::query_as(
            "SELECT opinion FROM reviews WHERE revision_id = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(r.revision_id)
        .fetch_optional(db.pool())
        .await?;
        out.push(WorkItem {
            article_id: r.article_id,
            revision_id: r.revision_id,
            title: form.title.clone(),
            kind: form.content_kind().unwrap_or(ContentKind::News),
            state: RevisionState::from_slug(&r.state).unwrap_or(RevisionState::Draft),
            author_name: r.author_name,
            updated: datetime_zh(r.updated_at),
            note: r.note,
            scheduled: r.scheduled_at.map(datetime_zh),
            review_opinion: opinion.map(|(o,)| o),
        });
    }
    Ok(out)
}

/// The signed-in author's open drafts and returned items.
pub async fn my_drafts(db: &Db, user: &StaffUser) -> Result<Vec<WorkItem>, sqlx::Error> {
    work_items(
        db,
        "r.state IN ('draft', 'returned', 'submitted') AND r.author_id = $1",
        Some(user.id),
    )
    .await
}

/// Submitted items the reviewer did not write.
pub async fn to_review(db: &Db, user: &StaffUser) -> Result<Vec<WorkItem>, sqlx::Error> {
    work_items(
        db,
        "r.state = 'submitted' AND (r.author_id IS NULL OR r.author_id <> $1)",
        Some(user.id),
    )
    .await
}

/// Everything scheduled.
pub async fn scheduled(db: &Db) -> Result<Vec<WorkItem>, sqlx::Error> {
    work_items(db, "r.state = 'scheduled'", None).await
}

/// Working days 《政府信息公开条例》第二十六条 allows between an item being
/// made (or changed) and its publication.
pub const PUBLICATION_LIMIT: u32 = 20;

/// Items made but never yet published, soonest due first: each on the
/// 20-working-day clock from its 生成日期 (the form's, or the day the draft
/// was started when the form has none). Items to be withheld or given only
/// on request are not on it, nor annual reports (due by 31 January).
pub async fn publication_due(
    db: &Db,
    calendar: &crate::clock::Calendar,
    today: chrono::NaiveDate,
) -> Result<Vec<crate::content::editorial::types::PublicationDue>, sqlx::Error> {
    let rows: Vec<(i64, i64, String, String)> = sqlx::query_as(
        "SELECT a.id, a.created_at, r.state, r.snapshot FROM articles a \
         JOIN revisions r ON r.id = a.pending_revision_id \
         WHERE a.status = 'draft' AND r.state IN ('draft', 'submitted', 'returned', 'approved', 'scheduled')",
    )
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::new();
    for (article_id, created_at, state, snapshot) in rows {
        let form: ArticleForm = serde_json::from_str(&snapshot).unwrap_or_default();
        let Some(kind) = form.content_kind() else {
            continue;
        };
        if kind == ContentKind::AnnualReport || form.disclosure != Disclosure::Active.slug() {
            continue;
        }
        let made = chrono::NaiveDate::parse_from_str(&form.written_on, "%Y-%m-%d")
            .unwrap_or_else(|_| crate::content::db::beijing_date(created_at));
        let Ok(reckoning) = calendar.add_working_days(made, PUBLICATION_LIMIT) else {
            continue;
        };
        out.push(crate::content::editorial::types::PublicationDue {
            article_id,
            title: form.title.clone(),
            kind,
            made_on: made.format("%Y-%m-%d").to_string(),
            due: reckoning.due.format("%Y-%m-%d").to_string(),
            days_left: calendar.working_days_between(today, reckoning.due),
            state: RevisionState::from_slug(&state).unwrap_or(RevisionState::Draft),
        });
    }
    out.sort_by(|a, b| a.due.cmp(&b.due).then(a.article_id.cmp(&b.article_id)));
    Ok(out)
}

/// Withheld and on-request items whose periodic review is due within `horizon` days.
pub async fn rereview_due(
    db: &Db,
    today: chrono::NaiveDate,
    horizon: u64,
) -> Result<Vec<crate::content::editorial::types::WithheldItem>, sqlx::Error> {
    let until = (today + chrono::Days::new(horizon))
        .format("%Y-%m-%d")
        .to_string();
    let rows: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT id, title, disclosure, withheld_reason, next_rereview_on FROM articles \
         WHERE status = 'published' AND disclosure <> 'active' AND next_rereview_on IS NOT NULL AND next_rereview_on <= $1 \
         ORDER BY next_rereview_on, id",
    )
    .bind(until)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(article_id, title, disclosure, reason, next)| {
            crate::content::editorial::types::WithheldItem {
                article_id,
                title,
                disclosure: Disclosure::from_slug(&disclosure).unwrap_or(Disclosure::Withheld),
                reason,
                next_review_on: next,
            }
        })
        .collect())
}

/// Every item of `kind` in any state, newest first: (id, title, status,
/// whether a revision waits for review or publication).
pub async fn items_of_kind(
    db: &Db,
    kind: ContentKind,
) -> Result<Vec<(i64, String, PublicationStatus, bool)>, sqlx::Error> {
    let rows: Vec<(i64, String, PublicationStatus, Option<String>)> = sqlx::query_as(
        "SELECT a.id, a.title, a.status, r.state FROM articles a \
         LEFT JOIN revisions r ON r.id = a.pending_revision_id WHERE a.kind = $1 ORDER BY a.id DESC",
    )
    .bind(kind.slug())
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, status, state)| {
            let waiting = state
                .as_deref()
                .and_then(RevisionState::from_slug)
                .is_some_and(|s| {
                    matches!(
                        s,
                        RevisionState::Submitted
                            | RevisionState::Approved
                            | RevisionState::Scheduled
                    )
                });
            (id, title, status, waiting)
        })
        .collect())
}
