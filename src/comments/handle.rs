//! Staff's work on a consultation (编辑): entering comments that came by
//! letter, e-mail or otherwise; answering comments, alone or grouped;
//! showing comments on the public page; generating the feedback report as
//! a revision of the item sent for review; and the comments as CSV for the
//! drafting department. Every step commits with its audit entry.

use super::db::{self, NewComment};
use super::forms::{check_comment, field};
use super::report;
use super::rules;
use super::types::{Channel, Decision};
use crate::account::db::audit::{self, Actor};
use crate::account::extract::{Editor, Staff};
use crate::content::editorial::db::{self as editorial, AttachmentChanges, SaveAction};
use crate::content::editorial::types::RevisionState;
use crate::content::types::ContentKind;
use crate::error::FieldError;
use crate::server::forms::{Posted, Refusal};
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};
use chrono::NaiveDate;
use std::collections::HashMap;

fn no_consultation() -> Refusal {
    Refusal::plain(StatusCode::NOT_FOUND, "没有这项意见征集。")
}

/// The consultation item with id `id` (any publication state), for staff.
async fn consultation_item(
    state: &AppState,
    id: &str,
) -> Result<(i64, editorial::StaffArticle), Refusal> {
    let id: i64 = id.parse().map_err(|_| no_consultation())?;
    let item = editorial::staff_article(&state.db, id)
        .await?
        .filter(|a| a.live.kind == ContentKind::Consultation.slug())
        .ok_or_else(no_consultation)?;
    Ok((id, item))
}

/// `POST /staff/consultations/{id}`: `action` = `enter` (`channel`,
/// `received_on`, `part`, `body`, `name`, `contact`), `answer` (the ticked
/// comments `c`, `decision`, `reason`), `show` / `hide` (the ticked
/// comments), `report` (generate the feedback report and send it for
/// review). Editors (编辑) only.
pub async fn handle(
    State(state): State<AppState>,
    Path(id): Path<String>,
    staff: Staff<Editor>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Result<Response, Refusal> {
    let user = staff.0;
    let (id, item) = consultation_item(&state, &id).await?;
    let ticked: Vec<i64> = pairs
        .iter()
        .filter(|(k, _)| k == "c")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let values: HashMap<String, String> = pairs.into_iter().filter(|(k, _)| k != "c").collect();
    let actor = Actor::staff(&user);
    let target = format!("意见征集 {id}《{}》", item.live.title.trim());
    let terms = db::terms(&state.db, id).await?;
    let (today, at) = (state.today(), now());
    let notice = match field(&values, "action").as_str() {
        "enter" => {
            let mut errors = Vec::new();
            let channel = field(&values, "channel")
                .parse::<Channel>()
                .ok()
                .filter(|c| *c != Channel::Online);
            if channel.is_none() {
                errors.push(FieldError::new("channel", "请选择意见的提出方式"));
            }
            let received_on =
                NaiveDate::parse_from_str(&field(&values, "received_on"), "%Y-%m-%d").ok();
            match received_on {
                None => errors.push(FieldError::new(
                    "received_on",
                    "请填写收到意见的日期，格式如 2026-11-02",
                )),
                Some(d) if d > today => {
                    errors.push(FieldError::new("received_on", "收到日期不能晚于今天"))
                }
                Some(_) => {}
            }
            let parts = rules::parts(&item.working_form().body_md);
            let checked = check_comment(&values, &parts, false);
            let (part, body, name, contact) = match (checked, channel, received_on) {
                (Ok(c), Some(_), Some(_)) if errors.is_empty() => c,
                (checked, _, _) => {
                    errors.extend(checked.err().unwrap_or_default());
                    return Err(Refusal::fields(errors, values));
                }
            };
            let (Some(channel), Some(received_on)) = (channel, received_on) else {
                return Err(Refusal::fields(errors, values));
            };
            let mut tx = state.db.begin_write().await?;
            let cid = db::add_comment(
                &mut tx,
                id,
                &NewComment {
                    part: &part,
                    body: &body,
                    name: &name,
                    contact: &contact,
                    channel,
                    received_on,
                    entered_by: &actor.name,
                },
                at,
            )
            .await?;
            audit::record(
                &mut tx,
                &actor,
                "consultation.comment_entered",
                &target,
                serde_json::json!({"comment": cid, "channel": channel.as_str(), "received_on": received_on.to_string()}),
                at,
            )
            .await?;
            tx.commit().await?;
            "comment_entered"
        }
        "answer" => {
            let mut errors = Vec::new();
            if ticked.is_empty() {
                errors.push(FieldError::new(
                    "c",
                    "请勾选要答复的意见（内容相同或相近的可以一起勾选，合并答复）",
                ));
            }
            let decision = field(&values, "decision").parse::<Decision>().ok();
            let reason = field(&values, "reason");
            match decision {
                None => errors.push(FieldError::new("decision", "请选择处理结果")),
                Some(d) if d.needs_reason() && reason.is_empty() => errors.push(FieldError::new(
                    "reason",
                    format!("“{}”的意见须说明理由，理由将在反馈报告中公开", d.label()),
                )),
                _ => {}
            }
            if reason.chars().count() > 1000 {
                errors.push(FieldError::new("reason", "理由不能超过1000个字"));
            }
            let Some(decision) = decision.filter(|_| errors.is_empty()) else {
                return Err(Refusal::fields(errors, values));
            };
            let mut tx = state.db.begin_write().await?;
            let done = db::answer(&mut tx, id, &ticked, decision, &reason, &actor.name, at).await?;
            if done == 0 {
                return Err(Refusal::message(
                    StatusCode::CONFLICT,
                    "勾选的意见不在本次征集中，请刷新页面后再试。",
                    values,
                ));
            }
            audit::record(
                &mut tx,
                &actor,
                "consultation.answered",
                &target,
                serde_json::json!({"comments": ticked, "decision": decision.as_str(), "reason": reason}),
                at,
            )
            .await?;
            tx.commit().await?;
            "comments_answered"
        }
        action @ ("show" | "hide") => {
            let show = action == "show";
            if ticked.is_empty() {
                return Err(Refusal::fields(
                    vec![FieldError::new("c", "请勾选要公开或撤下的意见")],
                    values,
                ));
            }
            if show && !terms.as_ref().is_some_and(|t| t.comments_public) {
                return Err(Refusal::message(
                    StatusCode::CONFLICT,
                    "本次征集设定为意见只在采纳情况反馈中公开，不逐条公开。",
                    values,
                ));
            }
            let mut tx = state.db.begin_write().await?;
            let done = db::set_shown(&mut tx, id, &ticked, show).await?;
            audit::record(
                &mut tx,
                &actor,
                if show {
                    "consultation.comments_shown"
                } else {
                    "consultation.comments_hidden"
                },
                &target,
                serde_json::json!({"comments": ticked, "changed": done}),
                at,
            )
            .await?;
            tx.commit().await?;
            if show {
                "comments_shown"
            } else {
                "comments_hidden"
            }
        }
        "report" => {
            let Some(t) = terms.filter(|t| today > t.closes_on) else {
                return Err(Refusal::message(
                    StatusCode::CONFLICT,
                    "征集期结束后才能生成反馈报告。",
                    values,
                ));
            };
            if item
                .pending
                .as_ref()
                .is_some_and(|p| p.state() == RevisionState::Draft)
            {
                return Err(Refusal::message(
                    StatusCode::CONFLICT,
                    "这项征集有一份尚未送审的修改稿。请先在编辑页面送审或放弃这份修改稿，再生成反馈报告。",
                    values,
                ));
            }
            let mut form = item.working_form();
            let comments = db::comments(&state.db, id).await?;
            let generated = report::generate(
                &comments,
                &rules::parts(&form.body_md),
                t.opened_on,
                t.closes_on,
            )
            .map_err(|why| Refusal::message(StatusCode::CONFLICT, why, values.clone()))?;
            form.feedback_md = generated;
            form.note = "生成意见采纳情况反馈".to_owned();
            editorial::save(
                &state.db,
                &user,
                Some(id),
                &form,
                &AttachmentChanges::default(),
                SaveAction::Submit,
                at,
            )
            .await
            .map_err(|e| Refusal::of(e, values.clone()))?;
            "report_submitted"
        }
        _ => {
            return Err(Refusal::plain(
                StatusCode::BAD_REQUEST,
                "不明白要做什么，请返回页面重新选择。",
            ))
        }
    };
    Ok(see_other(&format!(
        "/staff/consultations/{id}?notice={notice}"
    )))
}

/// `GET /staff/consultations/{id}/comments.csv`: every comment with its
/// writer's contact and its answer, for the drafting department (opens in
/// Excel). A staff read of what citizens gave: audited. Editors only.
pub async fn export(
    State(state): State<AppState>,
    Path(id): Path<String>,
    staff: Staff<Editor>,
) -> Result<Response, Refusal> {
    let user = staff.0;
    let (id, item) = consultation_item(&state, &id).await?;
    let comments = db::comments(&state.db, id).await?;
    let mut w = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    let csv_error = |_| Refusal::plain(StatusCode::INTERNAL_SERVER_ERROR, "导出失败，请稍后再试。");
    w.write_record([
        "序号",
        "提出方式",
        "收到日期",
        "针对部分",
        "意见内容",
        "姓名或单位",
        "联系方式",
        "录入人",
        "逐条公开",
        "处理结果",
        "理由",
    ])
    .map_err(csv_error)?;
    for (i, c) in comments.iter().enumerate() {
        let (decision, reason) = c
            .answer
            .as_ref()
            .map_or(("未答复", ""), |(_, d, r)| (d.label(), r.as_str()));
        let number = (i + 1).to_string();
        let row = [
            number.as_str(),
            c.channel.short(),
            c.received_on.as_str(),
            c.part.as_str(),
            c.body.as_str(),
            c.name.as_str(),
            c.contact.as_str(),
            c.entered_by.as_str(),
            if c.shown { "是" } else { "否" },
            decision,
            reason,
        ];
        w.write_record(
            row.iter()
                .map(|cell| crate::registers::csv_io::neutralise(cell).into_owned()),
        )
        .map_err(csv_error)?;
    }
    let data = w
        .into_inner()
        .map_err(|_| Refusal::plain(StatusCode::INTERNAL_SERVER_ERROR, "导出失败，请稍后再试。"))?;
    let at = now();
    let mut tx = state.db.begin_write().await?;
    audit::record(
        &mut tx,
        &Actor::staff(&user),
        "consultation.comments_exported",
        &format!("意见征集 {id}《{}》", item.live.title.trim()),
        serde_json::json!({"comments": comments.len()}),
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(crate::server::render::file_download(
        &format!("意见征集{id}-意见汇总.csv"),
        "text/csv; charset=utf-8",
        data,
        "private, no-store",
    ))
}
