//! Publication and after: making an approved revision live (now or when
//! scheduled), withdrawing with a public reason, and the periodic review of
//! items not made public.

use super::*;
use crate::content::types::PublicationStatus;

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
    let (status, index_no, published_at, due): (
        PublicationStatus,
        Option<String>,
        i64,
        Option<String>,
    ) = sqlx::query_as(
        "SELECT status, index_no, published_at, interpretation_due FROM articles WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let first_time = status == PublicationStatus::Draft;
    let published_at = if first_time { now } else { published_at };
    let date = beijing_date(published_at);
    if kind == ContentKind::Consultation {
        // Its terms go live with it; the checks count from today.
        crate::comments::db::publish_terms(&mut *conn, id, &form, beijing_date(now)).await?;
    }
    if kind == ContentKind::AnnualReport {
        // Checked on sending for review; checked again here, so no report
        // that does not add up is ever public.
        let report = crate::reports::rules::parse(&form);
        let mut problems = crate::reports::rules::problems(&report);
        problems.extend(crate::reports::rules::body_problem(&form));
        if !problems.is_empty() {
            return Err(AppError::Conflict(format!(
                "年度报告未通过核对，不能发布：{}",
                problems.join("；")
            )));
        }
    }
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
    crate::content::db::search::sync_article(&mut *conn, backend, id).await?;
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
            match publish_revision(
                &mut tx,
                article_id,
                revision_id,
                &Actor::system("定时发布"),
                now,
                calendar,
            )
            .await
            {
                Ok(()) => published += 1,
                // A revision that can no longer be published (a
                // consultation whose period has become too short, say)
                // stays approved for staff to see; the others go on.
                Err(AppError::Conflict(why)) => {
                    tracing::warn!(revision_id, %why, "scheduled revision not published");
                    drop(tx);
                    let mut tx = db.begin_write().await?;
                    sqlx::query(
                        "UPDATE revisions SET state = 'approved' WHERE id = $1 AND state = 'scheduled'",
                    )
                    .bind(revision_id)
                    .execute(&mut *tx)
                    .await?;
                    tx.commit().await?;
                    continue;
                }
                Err(e) => return Err(e),
            }
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
    let row: Option<(PublicationStatus, String)> =
        sqlx::query_as("SELECT status, title FROM articles WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let (status, title) = row.ok_or(AppError::NotFound)?;
    if status != PublicationStatus::Published {
        return Err(AppError::Conflict("只有已发布的信息可以撤回".into()));
    }
    sqlx::query("UPDATE articles SET status = 'withdrawn', withdrawn_reason = $1, withdrawn_at = $2, updated_at = $2 WHERE id = $3")
        .bind(reason)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    crate::search::db::index::remove(&mut tx, "article", id).await?;
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
    let row: Option<(PublicationStatus, String, String)> =
        sqlx::query_as("SELECT status, disclosure, title FROM articles WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let (status, disclosure, title) = row.ok_or(AppError::NotFound)?;
    if status != PublicationStatus::Published || disclosure == Disclosure::Active.slug() {
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
    crate::content::db::search::sync_article(&mut tx, backend, id).await?;
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
