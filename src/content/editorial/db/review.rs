//! Review (保密审查): a reviewer who is not the author approves or returns
//! a submitted revision.

use super::*;

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

/// Why a reviewer may not decide on a revision they wrote.
pub const OWN_WORK: &str = "不能审核自己撰写的稿件，请由其他审核人员审核";

/// The answer to a decision on a revision other than the one waiting.
pub const STALE_REVIEW: &str =
    "您审核的不是最新送审的版本：打开审核页面后，稿件已被修改或重新送审。请查看最新内容后再作决定。";

/// Records a reviewer's decision on the submitted revision of item `id`;
/// `seen` is the revision the reviewer read, and a decision on any other
/// (changed or submitted again meanwhile) is refused.
#[expect(
    clippy::too_many_arguments,
    reason = "each is a distinct fact of the decision; a struct would only rename them"
)]
pub async fn review(
    db: &Db,
    reviewer: &StaffUser,
    id: i64,
    seen: Option<i64>,
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
        return Err(AppError::Conflict(OWN_WORK.into()));
    }
    if seen != Some(pending.id) {
        return Err(AppError::Conflict(STALE_REVIEW.into()));
    }
    let opinion = opinion.trim();
    if opinion.is_empty() {
        return Err(AppError::field("opinion", "请填写审核意见"));
    }
    let actor = Actor::staff(reviewer);
    let mut tx = db.begin_write().await?;
    // Still the one waiting, inside the transaction: a save or another
    // reviewer may have come between the read above and this write.
    let waiting: Option<(i64,)> = sqlx::query_as(
        "SELECT r.id FROM revisions r JOIN articles a ON a.pending_revision_id = r.id \
         WHERE a.id = $1 AND r.id = $2 AND r.state = 'submitted'",
    )
    .bind(id)
    .bind(pending.id)
    .fetch_optional(&mut *tx)
    .await?;
    if waiting.is_none() {
        return Err(AppError::Conflict(STALE_REVIEW.into()));
    }
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
            decide(&mut tx, pending.id, RevisionState::Returned, None, now).await?;
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
            let snapshot = serde_json::to_string(&form).map_err(|_| AppError::Internal)?;
            decide(
                &mut tx,
                pending.id,
                RevisionState::Approved,
                Some(&snapshot),
                now,
            )
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

/// Moves submitted revision `id` to `state` (with the reviewer's copy of
/// its fields, when they changed); a revision no longer waiting for review
/// (changed, withdrawn or decided meanwhile) is refused as stale.
async fn decide(
    conn: &mut AnyConnection,
    id: i64,
    state: RevisionState,
    snapshot: Option<&str>,
    now: i64,
) -> Result<(), AppError> {
    let done = sqlx::query(
        "UPDATE revisions SET state = $1, snapshot = COALESCE($2, snapshot), updated_at = $3 \
         WHERE id = $4 AND state = 'submitted'",
    )
    .bind(state.slug())
    .bind(snapshot)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::Conflict(STALE_REVIEW.into()));
    }
    Ok(())
}
