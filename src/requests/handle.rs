//! A handler's steps on a request (办件 role), each with its notice and
//! audit entry in one transaction: 补正, an extension, stops, the reply with
//! its letter, fee and files, appeals, and turning released information
//! into a catalogue item; and the handler's download of a request's files.

use super::db::{self, Change, NewFile, Step, Stored};
use super::forms::{due_text, values_of, zh};
use super::rules::{self, LetterFacts, Stop};
use super::steps::StepChange;
use super::types::{
    Appeal, Status, StopKind, APPEAL_KINDS, APPEAL_RESULTS, CORRECTION_DEFAULT_DAYS,
    MAX_EXTENSION_DAYS,
};
use super::validate::{self, required_text};
use crate::account::db::audit::{self, Actor};
use crate::account::extract::{Handler, Staff};
use crate::error::FieldError;
use crate::server::forms::Refusal;
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::server::upload::{self, MultipartPost};
use crate::ui::format::now;
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::Response,
};
use chrono::NaiveDate;
use std::collections::HashMap;

fn no_request() -> Refusal {
    Refusal::plain(StatusCode::NOT_FOUND, "没有这件申请。")
}

/// `POST /staff/requests/{number}` (multipart; every form on the page):
/// `action` = `correct` (`correction`, `correction_days`), `corrected`
/// (`supplement`), `extend` (`days`, `approver`, `extend_reason`), `stop`
/// (`stop_kind`, `stop_note`), `resume` (`resume_note`), `reply` (the
/// outcome's fields and `file` uploads), `appeal` (`appeal_kind`,
/// `filed_on`, `appeal_result`, `appeal_note`), `appeal_result`
/// (`appeal`, `appeal_result`). Handlers (办件) only.
pub async fn handle(
    State(state): State<AppState>,
    Path(number): Path<String>,
    user: Staff<Handler>,
    req: Request,
) -> Result<Response, Refusal> {
    let post = upload::read(
        req,
        "上传的文件过大：单个文件不超过 10 MB，合计不超过 30 MB。请返回后压缩文件再试。",
    )
    .await?;
    let values = values_of(&post);
    let get = |k: &str| {
        values
            .get(k)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let stored = db::by_number(&state.db, &number)
        .await?
        .ok_or_else(no_request)?;
    let (today, calendar) = (state.today(), state.calendar());
    let action = get("action");
    let open = stored.actions(&calendar, today);
    if action == "publish" {
        return publish(&state, &stored, &user, values).await;
    }
    let appeal_step = matches!(action.as_str(), "appeal" | "appeal_result");
    if !appeal_step && !open.contains(&action) {
        return Err(Refusal::message(
            StatusCode::CONFLICT,
            match action.as_str() {
                "correct" => "这件申请不能再要求补正：补正只能在收到申请之日起 7 个工作日内、计时暂停或延期之前提出一次（条例第三十条）。",
                "extend" => "答复期限只能延长一次，且在暂停计时期间不能延长。",
                _ => "这件申请现在不能进行这项办理，请刷新页面查看。",
            },
            values,
        ));
    }
    let actor = Actor::staff(&user);
    let mut stops = stored.stops();
    let fields = |e: FieldError| Refusal::fields(vec![e], values.clone());
    let done = match action.as_str() {
        "correct" => {
            let text = required_text(
                &values,
                "correction",
                "请一次性写明需要补正的全部内容",
                1000,
            )
            .map_err(fields)?;
            let days_raw = get("correction_days");
            let days = if days_raw.is_empty() {
                CORRECTION_DEFAULT_DAYS
            } else {
                match days_raw.parse::<u32>() {
                    Ok(d) if (1..=30).contains(&d) => d,
                    _ => {
                        return Err(fields(FieldError::new(
                            "correction_days",
                            "补正期限应为 1 到 30 个工作日",
                        )))
                    }
                }
            };
            let due_on = calendar
                .add_working_days(today, days)
                .map_err(|_| Refusal::plain(StatusCode::BAD_REQUEST, "日期超出可计算范围。"))?
                .due;
            let notice = format!(
                "您的申请内容不够明确，请于{}前补正：{text}。补正后，答复期限自本机关收到补正之日起重新计算；无正当理由逾期不补正的，视为放弃申请（条例第三十条）。",
                zh(due_on)
            );
            StepChange {
                change: Change::AskCorrection {
                    text: &text,
                    on: today,
                    due_on,
                },
                action: "一次性告知补正",
                audit: Some("request.correct"),
                note: &text,
                notice: Box::new(move |_, _, _| notice.clone()),
                detail: serde_json::json!({ "days": days }),
            }
            .run(&state, &stored, &actor, values.clone())
            .await
        }
        "corrected" => {
            let supplement = required_text(
                &values,
                "supplement",
                "请填写申请人补正的内容（如通过信函或当面补正）",
                2000,
            )
            .map_err(fields)?;
            StepChange {
                change: Change::Corrected {
                    on: today,
                    supplement: &supplement,
                },
                action: "收到补正",
                audit: Some("request.corrected"),
                note: &supplement,
                notice: Box::new(|s, cal, today| {
                    format!(
                        "已收到您的补正，答复期限自{}起重新计算，至{}止。",
                        zh(today),
                        due_text(s, cal, today)
                    )
                }),
                detail: serde_json::Value::Null,
            }
            .run(&state, &stored, &actor, values.clone())
            .await
        }
        "extend" => {
            let mut errors = Vec::new();
            let days = match get("days").parse::<u32>() {
                Ok(d) if (1..=MAX_EXTENSION_DAYS).contains(&d) => d,
                _ => {
                    errors.push(FieldError::new(
                        "days",
                        format!(
                            "延长的期限应为 1 到 {MAX_EXTENSION_DAYS} 个工作日（条例第三十三条）"
                        ),
                    ));
                    0
                }
            };
            let approver = required_text(&values, "approver", "请填写同意延期的负责人", 30);
            let reason = required_text(
                &values,
                "extend_reason",
                "请写明需要延长答复期限的理由",
                500,
            );
            errors.extend(approver.clone().err());
            errors.extend(reason.clone().err());
            let (Ok(approver), Ok(reason)) = (approver, reason) else {
                return Err(Refusal::fields(errors, values));
            };
            if !errors.is_empty() {
                return Err(Refusal::fields(errors, values));
            }
            let note = format!("延长 {days} 个工作日，经{approver}同意。理由：{reason}");
            StepChange {
                change: Change::Extend { days },
                action: "延长答复期限",
                audit: Some("request.extend"),
                note: &note,
                notice: Box::new(move |s, cal, today| {
                    format!(
                        "因{}，经本机关负责人同意，答复期限延长 {days} 个工作日，至{}止（条例第三十三条）。",
                        reason.trim_end_matches('。'),
                        due_text(s, cal, today)
                    )
                }),
                detail: serde_json::json!({ "days": days, "approver": approver }),
            }
            .run(&state, &stored, &actor, values.clone())
            .await
        }
        "stop" => {
            let kind = StopKind::from_slug(&get("stop_kind"))
                .ok_or_else(|| fields(FieldError::new("stop_kind", "请选择暂停计时的原因")))?;
            let note = required_text(
                &values,
                "stop_note",
                "请写明征求意见的对象和方式（如书面征求某公司意见）",
                300,
            )
            .map_err(fields)?;
            stops.push(Stop {
                kind: kind.as_str().to_owned(),
                from: today.to_string(),
                to: None,
                note: note.clone(),
            });
            let json = serde_json::to_string(&stops).map_err(|_| no_request())?;
            let notice = match kind {
                StopKind::ThirdParty => "您申请的信息可能损害第三方合法权益，本机关已书面征求第三方意见（第三方应在 15 个工作日内提出意见）。征求意见所需时间不计算在答复期限内（条例第三十二条）。",
                StopKind::Agency => "您申请的信息需要与其他机关沟通确认，所需时间不计算在答复期限内（条例第三十四条）。",
            };
            StepChange {
                change: Change::Stops { json: &json },
                action: "暂停计时",
                audit: Some("request.stop"),
                note: &format!("{}：{note}", kind.label()),
                notice: Box::new(move |_, _, _| notice.to_owned()),
                detail: serde_json::json!({ "kind": kind.as_str() }),
            }
            .run(&state, &stored, &actor, values.clone())
            .await
        }
        "resume" => {
            let note = required_text(
                &values,
                "resume_note",
                "请写明收到的意见（或第三方逾期未提出意见）",
                300,
            )
            .map_err(fields)?;
            if let Some(open) = stops.iter_mut().rev().find(|s| s.to.is_none()) {
                open.to = Some(today.to_string());
            }
            let json = serde_json::to_string(&stops).map_err(|_| no_request())?;
            StepChange {
                change: Change::Stops { json: &json },
                action: "恢复计时",
                audit: Some("request.resume"),
                note: &note,
                notice: Box::new(|s, cal, today| {
                    format!(
                        "征求意见已结束，答复期限继续计算，至{}止。",
                        due_text(s, cal, today)
                    )
                }),
                detail: serde_json::Value::Null,
            }
            .run(&state, &stored, &actor, values.clone())
            .await
        }
        "reply" => reply(&state, &stored, &actor, &post, values.clone()).await,
        "appeal" => appeal(&state, &stored, &actor, values.clone()).await,
        "appeal_result" => appeal_result(&state, &stored, &actor, values.clone()).await,
        _ => Err(Refusal::plain(
            StatusCode::BAD_REQUEST,
            "请选择要办理的操作。",
        )),
    };
    done?;
    Ok(see_other(&format!(
        "/staff/requests/{number}?done={action}"
    )))
}

/// `action=publish` (`publish_kind`, `publish_title`): the information
/// released on a request becomes a draft catalogue item with the reply's
/// files attached, for an editor to finish and send through the normal
/// review (what one person asked for is often of public interest). Editors
/// who are also handlers only.
async fn publish(
    state: &AppState,
    stored: &Stored,
    user: &crate::account::types::StaffUser,
    values: HashMap<String, String>,
) -> Result<Response, Refusal> {
    use crate::content::editorial::db::{save, AttachmentChanges, SaveAction};
    use crate::content::editorial::types::ArticleForm;
    use crate::content::taxonomy::TermList;
    use crate::content::types::ContentKind;
    if !user.has(crate::account::types::Role::Editor) {
        return Err(Refusal::plain(
            StatusCode::FORBIDDEN,
            "转为主动公开需要编辑角色。",
        ));
    }
    let provides = stored
        .outcome
        .as_deref()
        .and_then(super::types::Outcome::by_slug)
        .is_some_and(|o| o.provides);
    if stored.status() != Status::Replied || !provides || stored.article_id.is_some() {
        return Err(Refusal::message(
            StatusCode::CONFLICT,
            "只有予以公开或部分公开、且尚未转为主动公开的申请可以转为主动公开。",
            values,
        ));
    }
    let get = |k: &str| {
        values
            .get(k)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut errors = Vec::new();
    let kind = ContentKind::from_slug(&get("publish_kind"));
    if kind.is_none() {
        errors.push(FieldError::new("publish_kind", "请选择信息类别"));
    }
    let title = get("publish_title");
    if title.chars().count() < 2 {
        errors.push(FieldError::new("publish_title", "请填写标题"));
    } else if title.chars().count() > crate::content::editorial::types::TITLE_MAX {
        errors.push(FieldError::new("publish_title", "标题太长"));
    }
    let Some(kind) = kind.filter(|_| errors.is_empty()) else {
        return Err(Refusal::fields(errors, values));
    };
    let site = state.site();
    let first = |list: TermList| {
        site.terms
            .offered(list, "")
            .into_iter()
            .next()
            .map(|(slug, _)| slug)
            .unwrap_or_default()
    };
    let form = ArticleForm {
        kind: kind.slug().to_owned(),
        subtype: first(TermList::Subtype(kind)),
        title,
        summary: String::new(),
        body_md: format!(
            "{}\n\n本信息曾应申请人申请提供（依申请公开 {}），现转为主动公开。",
            stored.description, stored.number
        ),
        publisher: if site.publisher.is_empty() {
            site.organiser.clone()
        } else {
            site.publisher.clone()
        },
        topic: first(TermList::Subject),
        validity: "valid".to_owned(),
        disclosure: "active".to_owned(),
        note: format!("由依申请公开 {} 转为主动公开", stored.number),
        ..ArticleForm::default()
    };
    let mut conn = state.db.pool().acquire().await?;
    let files = db::reply_files(&mut conn, stored.id).await?;
    drop(conn);
    let changes = AttachmentChanges {
        add: files
            .into_iter()
            .map(|(name, mime, data)| crate::content::db::NewAttachment { name, mime, data })
            .collect(),
        ..AttachmentChanges::default()
    };
    let article = save(
        &state.db,
        user,
        None,
        &form,
        &changes,
        SaveAction::Save,
        now(),
    )
    .await
    .map_err(|e| Refusal::of(e, values.clone()))?;
    let at = now();
    let mut tx = state.db.begin_write().await?;
    db::set_article(&mut tx, stored.id, article).await?;
    audit::record(
        &mut tx,
        &Actor::staff(user),
        "request.publish",
        &format!("依申请公开 {}", stored.number),
        serde_json::json!({ "article": article }),
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/articles/{article}/edit?notice=saved")))
}

/// The reply: its outcome, letter, fee and files.
async fn reply(
    state: &AppState,
    stored: &Stored,
    actor: &Actor,
    post: &MultipartPost,
    values: HashMap<String, String>,
) -> Result<(), Refusal> {
    let checked = validate::check_reply(&values);
    let mut files = Vec::new();
    let mut file_errors = Vec::new();
    for (field, name, bytes) in post.files.iter().filter(|(f, _, _)| f == "file") {
        match upload::check_scan("答复附件", name, bytes) {
            Ok(mime) => files.push((name.as_str(), mime, bytes.as_slice())),
            Err(m) => file_errors.push(FieldError::new(field.as_str(), m)),
        }
    }
    let r = match checked {
        Ok(r) if file_errors.is_empty() => r,
        Ok(_) => return Err(Refusal::fields(file_errors, values)),
        Err(mut errors) => {
            errors.extend(file_errors);
            return Err(Refusal::fields(errors, values));
        }
    };
    if !files.is_empty() && !r.outcome.provides {
        return Err(Refusal::fields(
            vec![FieldError::new(
                "file",
                "只有予以公开或部分公开时才随答复提供文件",
            )],
            values,
        ));
    }
    let (today, at) = (state.today(), now());
    let mut tx = state.db.begin_write().await?;
    let nth = db::nth_in_month(&mut tx, &stored.id_number, &stored.received_on, stored.id).await?;
    let fee = rules::fee(r.fee_method, nth, r.fee_pages);
    let bureau = {
        let site = state.site();
        if site.publisher.is_empty() {
            site.organiser.clone()
        } else {
            site.publisher.clone()
        }
    };
    let letter = rules::letter(&LetterFacts {
        bureau: &bureau,
        number: &stored.number,
        applicant: &stored.name,
        received_on: &stored.received_on,
        description: &stored.description,
        outcome: r.outcome,
        reason: &r.reason,
        basis: &r.basis,
        other_agency: &r.other_agency,
        public_location: &r.public_location,
        fee: (r.fee_method, fee),
        files: files.len(),
        replied_on: today,
    });
    let change = Change::Reply {
        outcome: r.outcome.slug,
        reason: &r.reason,
        basis: &r.basis,
        other_agency: &r.other_agency,
        public_location: &r.public_location,
        fee_method: r.fee_method.as_str(),
        fee_pages: r.fee_pages,
        fee_yuan: fee,
        letter: &letter,
        on: today,
        by: &actor.name,
    };
    if !db::change(&mut tx, stored.id, stored.status(), &stored.stops, &change).await? {
        return Err(Refusal::message(
            StatusCode::CONFLICT,
            "这件申请刚刚被他人办理过，请刷新页面后再试。",
            values,
        ));
    }
    for (name, mime, bytes) in &files {
        db::add_file(
            &mut tx,
            stored.id,
            "reply",
            &NewFile { name, mime, bytes },
            at,
        )
        .await?;
    }
    let label = r.outcome.label();
    let notice = if fee > 0 {
        format!(
            "本机关已作出答复（{label}），请查看答复书。信息处理费 {fee} 元（{}）。",
            r.fee_method.label()
        )
    } else {
        format!("本机关已作出答复（{label}），请查看答复书。")
    };
    db::add_event(
        &mut tx,
        Some(&crate::notify::Outbox::of(state)),
        stored.id,
        &Step {
            on: today,
            action: "作出答复",
            actor: &actor.name,
            note: &label,
            notice: &notice,
        },
        at,
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        "request.reply",
        &format!("依申请公开 {}", stored.number),
        serde_json::json!({
            "outcome": r.outcome.slug,
            "files": files.len(),
            "fee_method": r.fee_method.as_str(),
            "fee_yuan": fee,
        }),
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn appeal_slug(list: &[(&'static str, &'static str)], v: &str) -> Option<&'static str> {
    list.iter().find(|(s, _)| *s == v).map(|(s, _)| *s)
}

/// Records a 行政复议 or 行政诉讼.
async fn appeal(
    state: &AppState,
    stored: &Stored,
    actor: &Actor,
    values: HashMap<String, String>,
) -> Result<(), Refusal> {
    let get = |k: &str| {
        values
            .get(k)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut errors = Vec::new();
    let kind = appeal_slug(&APPEAL_KINDS, &get("appeal_kind"));
    if kind.is_none() {
        errors.push(FieldError::new("appeal_kind", "请选择复议或诉讼的类型"));
    }
    let result = appeal_slug(&APPEAL_RESULTS, &get("appeal_result"));
    if result.is_none() {
        errors.push(FieldError::new(
            "appeal_result",
            "请选择结果（未审结的选“尚未审结”）",
        ));
    }
    let filed_on = get("filed_on");
    let filed = NaiveDate::parse_from_str(&filed_on, "%Y-%m-%d").ok();
    match filed {
        None => errors.push(FieldError::new(
            "filed_on",
            "请填写提起日期，格式如 2026-05-03",
        )),
        Some(d) if d > state.today() => {
            errors.push(FieldError::new("filed_on", "提起日期不能晚于今天"))
        }
        Some(_) => {}
    }
    let note = get("appeal_note");
    if note.chars().count() > 500 {
        errors.push(FieldError::new("appeal_note", "说明不能超过 500 字"));
    }
    let (Some(kind), Some(result), true) = (kind, result, errors.is_empty()) else {
        return Err(Refusal::fields(errors, values));
    };
    let at = now();
    let mut tx = state.db.begin_write().await?;
    let a = Appeal {
        id: 0,
        kind: kind.to_owned(),
        filed_on,
        result: result.to_owned(),
        note,
    };
    db::add_appeal(&mut tx, stored.id, &a, &actor.name, at).await?;
    audit::record(
        &mut tx,
        actor,
        "request.appeal",
        &format!("依申请公开 {}", stored.number),
        serde_json::json!({ "kind": kind, "result": result, "filed_on": a.filed_on }),
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sets the result of a recorded appeal.
async fn appeal_result(
    state: &AppState,
    stored: &Stored,
    actor: &Actor,
    values: HashMap<String, String>,
) -> Result<(), Refusal> {
    let get = |k: &str| {
        values
            .get(k)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let result = appeal_slug(&APPEAL_RESULTS, &get("appeal_result")).ok_or_else(|| {
        Refusal::fields(
            vec![FieldError::new("appeal_result", "请选择结果")],
            values.clone(),
        )
    })?;
    let appeal: i64 = get("appeal").parse().unwrap_or(0);
    let at = now();
    let mut tx = state.db.begin_write().await?;
    if !db::set_appeal_result(&mut tx, stored.id, appeal, result).await? {
        return Err(Refusal::plain(
            StatusCode::NOT_FOUND,
            "没有这条复议或诉讼记录。",
        ));
    }
    audit::record(
        &mut tx,
        actor,
        "request.appeal_result",
        &format!("依申请公开 {}", stored.number),
        serde_json::json!({ "appeal": appeal, "result": result }),
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// `GET /staff/requests/{number}/files/{id}`: the identity proof or a reply
/// file, for a handler; the read is audited.
pub async fn staff_file(
    State(state): State<AppState>,
    Path((number, file)): Path<(String, String)>,
    user: Staff<Handler>,
) -> Result<Response, Refusal> {
    let file: i64 = file
        .parse()
        .map_err(|_| Refusal::plain(StatusCode::NOT_FOUND, "没有这个文件。"))?;
    let found = db::read_file(&state.db, &Actor::staff(&user), &number, file, now()).await?;
    let (name, mime, data) =
        found.ok_or_else(|| Refusal::plain(StatusCode::NOT_FOUND, "没有这个文件。"))?;
    Ok(crate::server::render::file_download(
        &name,
        &mime,
        data,
        "private, no-store",
    ))
}
