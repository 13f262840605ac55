//! The applicant's form posts: asking (anyone, rate-limited, with the
//! identity proof), the correction (by number and query code), and the
//! download of a file delivered with the reply. Plain POSTs that work
//! without JavaScript; a refused one answers with its own page, entries
//! kept. Staff's steps are `handle`.

use super::db::{self, Change, NewFile, Stored};
use super::rules;
use super::steps::{step, StepChange};
use super::types::Status;
use super::validate::{self, required_text};
use crate::account::db::audit::Actor;
use crate::clock::Calendar;
use crate::error::FieldError;
use crate::server::forms::{Posted, Refusal};
use crate::server::limit::{self, Kind};
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::server::upload::{self, MultipartPost};
use crate::ui::format::now;
use crate::ui::url::encode;
use axum::{
    extract::{Path, Query, Request, State},
    http::StatusCode,
    response::Response,
};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// Largest request post (the proof, or the reply's files, and the fields).
pub const MAX_POST_BYTES: usize = 32 * 1024 * 1024;

pub(super) fn zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

pub(super) fn values_of(post: &MultipartPost) -> HashMap<String, String> {
    post.fields.iter().cloned().collect()
}

pub(super) fn due_text(s: &Stored, calendar: &Calendar, today: NaiveDate) -> String {
    s.summary(calendar, today)
        .due_on
        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .map_or_else(|| "另行告知".to_owned(), zh)
}

/// `POST /disclosure/request` (multipart): the request form and its
/// identity proof (`proof`). Answers with the 申请编号 and 查询码 once the
/// request is stored.
pub async fn ask(State(state): State<AppState>, req: Request) -> Result<Response, Refusal> {
    let (parts, body) = req.into_parts();
    let post = upload::read(
        Request::from_parts(parts.clone(), body),
        "上传的文件过大：身份证明文件不超过 10 MB。请返回后压缩文件再试。",
    )
    .await?;
    limit::within(&state, &parts, Kind::Submit).await?;
    let values = values_of(&post);
    let checked = validate::check_request(&values);
    let proof = post.files.iter().find(|(field, _, _)| field == "proof");
    let proof_checked = match proof {
        None => Err("请上传身份证明（身份证或营业执照的照片或扫描件）".to_owned()),
        Some((_, name, bytes)) => upload::check_scan("身份证明", name, bytes),
    };
    let (asked, mime) = match (checked, proof_checked) {
        (Ok(a), Ok(m)) => (a, m),
        (checked, proof_checked) => {
            let mut errors = checked.err().unwrap_or_default();
            if let Err(m) = proof_checked {
                errors.push(FieldError::new("proof", m));
            } else {
                errors.push(FieldError::new(
                    "proof",
                    "为保护您的信息，请重新选择身份证明文件（页面不会保留已选的文件）",
                ));
            }
            return Err(Refusal::fields(errors, values));
        }
    };
    let (name, bytes) = proof
        .map(|(_, n, b)| (n.as_str(), b.as_slice()))
        .unwrap_or_default();
    let (today, calendar) = (state.today(), state.calendar());
    let due = rules::clock(&today.to_string(), &[], 0)
        .and_then(|c| rules::due(&c, &calendar, today))
        .map_or_else(|| "法定期限内".to_owned(), |(r, _)| zh(r.due));
    let notice = |number: &str| {
        format!(
            "您的政府信息公开申请已收到，申请编号 {number}。收到申请之日为{}，本机关将在{due}前答复（20 个工作日）；如需延长答复期限，将另行告知。",
            zh(today)
        )
    };
    let file = NewFile { name, mime, bytes };
    match db::submit(
        &state.db,
        Some(&crate::notify::Outbox::of(&state)),
        &asked,
        &file,
        today,
        now(),
        notice,
    )
    .await
    {
        Ok(s) => Ok(see_other(&format!(
            "/disclosure/request/lookup?number={}&code={}&new=1",
            encode(&s.number),
            encode(&s.query_code)
        ))),
        Err(e) => {
            tracing::error!(error = %e, "request not stored");
            Err(Refusal::plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "系统暂时无法保存您的申请，请稍后再试，或按公开指南所列地址以信函方式提出申请。",
            ))
        }
    }
}

/// The number and code a lookup carries in its address (read as a map, so
/// a repeated or unknown parameter is not a rejection in English).
#[derive(serde::Deserialize)]
#[serde(transparent)]
pub struct Lookup(HashMap<String, String>);

impl Lookup {
    fn number(&self) -> &str {
        self.0.get("number").map_or("", String::as_str)
    }

    fn code(&self) -> &str {
        self.0.get("code").map_or("", String::as_str)
    }
}

/// The request `number` if `code` is its query code (counted like every
/// lookup; a wrong pair answers like an unknown number).
pub async fn own_request(
    state: &AppState,
    number: &str,
    code: &str,
) -> Result<Option<Stored>, crate::error::AppError> {
    let number = number.trim().to_uppercase();
    let at = now();
    if limit::number_closed(&state.db, "request", &number, at).await? {
        return Ok(None);
    }
    let Some(stored) = db::by_number(&state.db, &number).await? else {
        return Ok(None);
    };
    if !crate::server::secret::code_matches(Some(&stored.query_code), code.trim()) {
        limit::count_wrong_code(&state.db, "request", &number, at).await?;
        return Ok(None);
    }
    Ok(Some(stored))
}

/// `POST /disclosure/request/lookup?number=…&code=…`: the applicant's
/// correction (`supplement`), while one is asked for. The reply clock
/// starts again from today (条例第三十条).
pub async fn correct(
    State(state): State<AppState>,
    Query(who): Query<Lookup>,
    parts: axum::http::request::Parts,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    limit::within(&state, &parts, Kind::Submit).await?;
    let wrong = || Refusal::plain(StatusCode::NOT_FOUND, "申请编号或查询码不正确。");
    let stored = own_request(&state, who.number(), who.code())
        .await?
        .ok_or_else(wrong)?;
    if stored.status() != Status::Correction {
        return Err(Refusal::message(
            StatusCode::CONFLICT,
            "这件申请现在不需要补正，请刷新页面查看。",
            values,
        ));
    }
    let supplement = required_text(
        &values,
        "supplement",
        "请填写补正内容：写明所需信息的名称、文号或者便于查找的其他特征",
        2000,
    )
    .map_err(|e| Refusal::fields(vec![e], values.clone()))?;
    step(
        &state,
        &stored,
        &Actor::system("申请人"),
        StepChange {
            change: Change::Corrected {
                on: state.today(),
                supplement: &supplement,
            },
            action: "收到补正",
            audit: None,
            note: &supplement,
            notice: Box::new(|s, cal, today| {
                format!(
                    "已收到您的补正，答复期限自{}起重新计算，至{}止。",
                    zh(today),
                    due_text(s, cal, today)
                )
            }),
            detail: serde_json::Value::Null,
        },
        values,
    )
    .await?;
    Ok(see_other(&format!(
        "/disclosure/request/lookup?number={}&code={}&corrected=1",
        encode(&stored.number),
        encode(who.code())
    )))
}

/// `GET /disclosure/request/files/{id}?number=…&code=…`: a file delivered
/// with the reply, for the applicant.
pub async fn applicant_file(
    State(state): State<AppState>,
    Path(file): Path<i64>,
    Query(who): Query<Lookup>,
    parts: axum::http::request::Parts,
) -> Result<Response, Refusal> {
    limit::within(&state, &parts, Kind::Step).await?;
    let missing = || {
        Refusal::plain(
            StatusCode::NOT_FOUND,
            "没有这个文件，或申请编号、查询码不正确。",
        )
    };
    let stored = own_request(&state, who.number(), who.code())
        .await?
        .ok_or_else(missing)?;
    let (name, mime, data) = db::reply_file(&state.db, stored.id, file)
        .await?
        .ok_or_else(missing)?;
    Ok(crate::server::render::file_download(
        &name,
        &mime,
        data,
        "private, no-store",
    ))
}
