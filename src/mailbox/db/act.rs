//! A handler's steps on a letter (交办, 转办, 答复, 合并, 不予受理, 移交执法,
//! 查处结果), each one transaction with the step the writer sees, the
//! notice to the writer and the audit entry.

use super::{add_step, stored_in, tell};
use crate::account::db::audit::{self, Actor};
use crate::mailbox::types::{Channel, Status};
use crate::server::db::Db;
use chrono::NaiveDate;

/// A staff step on a letter.
pub enum Act {
    /// 交办 (or 转办 when it had a department): the department handling it.
    Assign { department: String, note: String },
    /// The answer; `publish` (only a 局长信箱 letter whose writer allowed
    /// it) with the masked subject and text as published.
    Reply {
        department: String,
        reply: String,
        publish: bool,
        public_subject: String,
        public_body: String,
    },
    /// 不予受理.
    Reject { reason: String },
    /// A duplicate of letter `into`.
    Merge { into: String },
    /// A report handed to enforcement under `referral`.
    Refer { referral: String, note: String },
    /// What enforcement found.
    Outcome { outcome: String },
}

/// How a step went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    NotFound,
    /// The letter is no longer in a state that allows it.
    Stale,
    /// The letter to merge into does not exist, is this one, or was itself
    /// merged.
    BadTarget,
}

/// Takes step `act` on letter `number`, all in one transaction.
pub async fn act(
    db: &Db,
    outbox: &crate::notify::Outbox,
    number: &str,
    act: &Act,
    actor: &Actor,
    today: NaiveDate,
    now: i64,
) -> Result<Outcome, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let Some(stored) = stored_in(&mut tx, number).await? else {
        return Ok(Outcome::NotFound);
    };
    let l = &stored.letter;
    let open = l.status == Status::Open;
    let today_s = today.to_string();
    // (step shown to the writer, its note, audit action, audit detail)
    let (action, note, audited, detail) = match act {
        Act::Assign { department, note } => {
            if !open {
                return Ok(Outcome::Stale);
            }
            sqlx::query("UPDATE letters SET department = $1 WHERE id = $2")
                .bind(department)
                .bind(l.id)
                .execute(&mut *tx)
                .await?;
            let transfer = !l.department.is_empty();
            let mut text = format!("已交{department}办理。");
            if transfer {
                text = format!("已由{}转交{department}办理。", l.department);
            }
            if !note.is_empty() {
                text.push_str(note);
            }
            (
                if transfer { "转办" } else { "交办" },
                text,
                if transfer {
                    "letter.transferred"
                } else {
                    "letter.assigned"
                },
                serde_json::json!({ "from": l.department, "to": department }),
            )
        }
        Act::Reply {
            department,
            reply,
            publish,
            public_subject,
            public_body,
        } => {
            let publish = *publish && l.allow_public && l.channel == Channel::Director;
            let done = sqlx::query(
                "UPDATE letters SET status = 'replied', closed_on = $1, department = $2, reply = $3, \
                 replied_by = $4, public = $5, public_subject = $6, public_body = $7 \
                 WHERE id = $8 AND status = 'open'",
            )
            .bind(&today_s)
            .bind(department)
            .bind(reply)
            .bind(&actor.name)
            .bind(i64::from(publish))
            .bind(if publish { public_subject.as_str() } else { "" })
            .bind(if publish { public_body.as_str() } else { "" })
            .bind(l.id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Ok(Outcome::Stale);
            }
            // The letters merged into this one get the same answer.
            let merged: Vec<(String,)> =
                sqlx::query_as("SELECT number FROM letters WHERE merged_into = $1 ORDER BY id")
                    .bind(&l.number)
                    .fetch_all(&mut *tx)
                    .await?;
            for (dup,) in merged {
                if let Some(d) = stored_in(&mut tx, &dup).await? {
                    let text = format!("{department}答复：{reply}");
                    add_step(
                        &mut tx,
                        d.letter.id,
                        "答复",
                        &actor.shown,
                        &text,
                        today,
                        now,
                    )
                    .await?;
                    tell(
                        &mut tx,
                        outbox,
                        &d.letter,
                        &d.query_code,
                        ("答复", &text),
                        today,
                        now,
                    )
                    .await?;
                }
            }
            (
                "答复",
                format!("{department}答复：{reply}"),
                "letter.replied",
                serde_json::json!({ "department": department, "public": publish }),
            )
        }
        Act::Reject { reason } => {
            let done = sqlx::query(
                "UPDATE letters SET status = 'rejected', closed_on = $1, reason = $2 \
                 WHERE id = $3 AND status = 'open'",
            )
            .bind(&today_s)
            .bind(reason)
            .bind(l.id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Ok(Outcome::Stale);
            }
            (
                "不予受理",
                format!("理由：{reason}"),
                "letter.rejected",
                serde_json::json!({ "reason": reason }),
            )
        }
        Act::Merge { into } => {
            if !open {
                return Ok(Outcome::Stale);
            }
            let target = stored_in(&mut tx, into).await?;
            let Some(target) = target
                .filter(|t| t.letter.id != l.id && !matches!(t.letter.status, Status::Merged))
            else {
                return Ok(Outcome::BadTarget);
            };
            sqlx::query(
                "UPDATE letters SET status = 'merged', closed_on = $1, merged_into = $2 \
                 WHERE id = $3 AND status = 'open'",
            )
            .bind(&today_s)
            .bind(&target.letter.number)
            .bind(l.id)
            .execute(&mut *tx)
            .await?;
            let t = &target.letter;
            let text = if t.status == Status::Replied {
                format!(
                    "您反映的问题已有其他来信反映，合并办理。{}答复：{}",
                    t.department, t.reply
                )
            } else {
                "您反映的问题已有其他来信反映，合并办理，答复将同时告知您。".to_owned()
            };
            (
                "合并办理",
                text,
                "letter.merged",
                serde_json::json!({ "into": t.number }),
            )
        }
        Act::Refer { referral, note } => {
            if l.channel != Channel::Report {
                return Ok(Outcome::Stale);
            }
            let done = sqlx::query(
                "UPDATE letters SET status = 'referred', closed_on = $1, referral = $2 \
                 WHERE id = $3 AND status = 'open'",
            )
            .bind(&today_s)
            .bind(referral)
            .bind(l.id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Ok(Outcome::Stale);
            }
            let mut text =
                format!("已移交执法部门查处（移交文号：{referral}）。查处结果将另行告知。");
            if !note.is_empty() {
                text.push_str(note);
            }
            (
                "移交执法",
                text,
                "letter.referred",
                serde_json::json!({ "referral": referral }),
            )
        }
        Act::Outcome { outcome } => {
            let done = sqlx::query(
                "UPDATE letters SET outcome = $1 WHERE id = $2 AND status = 'referred' AND outcome = ''",
            )
            .bind(outcome)
            .bind(l.id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Ok(Outcome::Stale);
            }
            (
                "查处结果",
                outcome.clone(),
                "letter.outcome",
                serde_json::json!({}),
            )
        }
    };
    add_step(&mut tx, l.id, action, &actor.shown, &note, today, now).await?;
    tell(
        &mut tx,
        outbox,
        l,
        &stored.query_code,
        (action, &note),
        today,
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        audited,
        &format!("来信 {}", l.number),
        detail,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Outcome::Done)
}
