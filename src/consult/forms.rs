//! The consultation form posts: asking (anyone, rate-limited) and answering
//! (办件 role). Plain POSTs that work without JavaScript; a refused one
//! answers with its own page, the entries kept.

use super::db::{self, search};
use super::validate;
use crate::account::db::audit::{self, Actor};
use crate::account::extract::{Handler, Staff};
use crate::consult::types::PublicQa;
use crate::server::forms::{Posted, Refusal};
use crate::server::limit::{self, Kind};
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::ui::format::now;
use crate::ui::url::encode;
use axum::{
    extract::{Path, State},
    http::{request::Parts, StatusCode},
    response::Response,
};
use std::collections::HashMap;

/// `POST /consult/ask`: `service` (optional), `topic`, `question`,
/// `asker`, `contact`, `allow_public` (`yes`). Answers with the 咨询编号
/// and 查询码 once the question is stored.
pub async fn ask(
    State(state): State<AppState>,
    parts: Parts,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    limit::within(&state, &parts, Kind::Submit).await?;
    let codes: Vec<String> = crate::services::db::list(&state.db)
        .await?
        .into_iter()
        .map(|s| s.code)
        .collect();
    let q = validate::check_question(&values, &codes)
        .map_err(|errors| Refusal::fields(errors, values.clone()))?;
    match db::ask(&state.db, &state.calendar(), &q, state.today(), now()).await {
        Ok(asked) => Ok(see_other(&format!(
            "/consult/lookup?number={}&code={}&new=1",
            encode(&asked.number),
            encode(&asked.query_code)
        ))),
        Err(e) => {
            tracing::error!(error = %e, "question not stored");
            Err(Refusal::plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "系统暂时无法保存您的咨询，请稍后再试，或拨打咨询电话。",
            ))
        }
    }
}

/// `POST /staff/consult/{number}`: `answer`, `department`, `publish`
/// (`yes`: publish when the asker allowed it), `faq` (`yes`: also list it
/// among its service's FAQ). Handlers (办件) only.
pub async fn answer(
    State(state): State<AppState>,
    Path(number): Path<String>,
    user: Staff<Handler>,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    let (today, at) = (state.today(), now());
    let stored = db::by_number(&state.db, &number, &state.calendar(), today)
        .await?
        .ok_or_else(|| Refusal::plain(StatusCode::NOT_FOUND, "没有这条咨询。"))?;
    let (text, department) = validate::check_answer(&get("answer"), &get("department"))
        .map_err(|errors| Refusal::fields(errors, values.clone()))?;
    let c = &stored.staff.consultation;
    let publish = c.allow_public && get("publish") == "yes";
    // What the public sees: the handler's edit of the masked text, masked
    // again (so an oversight cannot publish a number or the asker's name).
    let asker = &stored.staff.asker;
    let public_topic = validate::for_public(
        values
            .get("public_topic")
            .map_or(stored.staff.public_topic.as_str(), String::as_str),
        asker,
    );
    let public_question = validate::for_public(
        values
            .get("public_question")
            .map_or(stored.staff.public_question.as_str(), String::as_str),
        asker,
    );
    if publish && (public_topic.is_empty() || public_question.is_empty()) {
        let mut errors = Vec::new();
        if public_topic.is_empty() {
            errors.push(crate::error::FieldError::new(
                "public_topic",
                "请填写公开的咨询主题",
            ));
        }
        if public_question.is_empty() {
            errors.push(crate::error::FieldError::new(
                "public_question",
                "请填写公开的咨询内容",
            ));
        }
        return Err(Refusal::fields(errors, values));
    }
    let faq = publish && get("faq") == "yes" && !c.service_code.is_empty();
    let actor = Actor::staff(&user);
    let outbox = crate::notify::Outbox::of(&state);
    let result: Result<bool, sqlx::Error> = async {
        let mut tx = state.db.begin_write().await?;
        let answer = db::Answer {
            text: &text,
            department: &department,
            publish,
            faq,
            by: &actor.name,
            public_topic: &public_topic,
            public_question: &public_question,
        };
        let done = db::answer(&mut tx, stored.id, &answer, today, at).await?;
        if !done {
            return Ok(false);
        }
        // The asker is told, by the contact they gave, in this transaction.
        crate::notify::db::enqueue(
            &mut tx,
            &outbox,
            crate::notify::db::Notice {
                subject: crate::notify::Subject::Consultation,
                number: &c.number,
                event: crate::notify::types::Event::ConsultAnswered,
                contacts: &[stored.staff.contact.as_str()],
                vars: crate::notify::templates::Vars {
                    code: Some(stored.query_code.clone()),
                    matter: c.topic.clone(),
                    date: crate::ui::format::date_zh(&today.to_string()),
                    opinion: text.clone(),
                    ..Default::default()
                },
            },
            at,
        )
        .await?;
        if publish {
            let qa = PublicQa {
                number: c.number.clone(),
                service_code: c.service_code.clone(),
                service_name: c.service_name.clone(),
                topic: public_topic.clone(),
                question: public_question.clone(),
                asked_on: c.asked_on.clone(),
                answered_on: today.to_string(),
                department: department.clone(),
                answer: text.clone(),
            };
            search::sync(&mut tx, state.db.backend(), stored.id, &qa, at).await?;
        }
        audit::record(
            &mut tx,
            &actor,
            "consult.answer",
            &c.number,
            serde_json::json!({ "public": publish, "faq": faq }),
            at,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
    .await;
    match result? {
        true => Ok(see_other(&format!("/staff/consult/{number}?done=1"))),
        false => Err(Refusal::message(
            StatusCode::BAD_REQUEST,
            "这条咨询已经答复过了，请刷新页面查看。",
            values,
        )),
    }
}
