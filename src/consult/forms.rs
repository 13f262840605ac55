//! The consultation form posts: asking (anyone, rate-limited) and answering
//! (办件 role). Plain POSTs that work without JavaScript; a refused one
//! answers with its own page, the entries kept.

use super::{db, search, validate};
use crate::account::audit::{self, Actor};
use crate::account::auth::require_in;
use crate::account::types::Role;
use crate::consult::types::PublicQa;
use crate::error::AppError;
use crate::server::forms::{answer_refused, parse, refuse, refuse_after_body};
use crate::server::limit::{self, Kind};
use crate::server::render::{plain_error, see_other};
use crate::server::state::AppState;
use crate::ui::format::now;
use crate::ui::url::encode;
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::Response,
};
use std::collections::HashMap;

/// `POST /consult/ask`: `service` (optional), `topic`, `question`,
/// `asker`, `contact`, `allow_public` (`yes`). Answers with the 咨询编号
/// and 查询码 once the question is stored.
pub async fn ask(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    if let Err(res) = limit::within(&state, &parts, Kind::Submit).await {
        return res;
    }
    let values: HashMap<String, String> = match parse(&parts, body).await {
        Ok(v) => v,
        Err(res) => return res,
    };
    let codes: Vec<String> = match crate::services::db::list(&state.db).await {
        Ok(list) => list.into_iter().map(|s| s.code).collect(),
        Err(e) => return refuse(e.into(), &parts),
    };
    match validate::check_question(&values, &codes) {
        Err(errors) => answer_refused(&state, parts, values, AppError::Validation(errors)).await,
        Ok(q) => match db::ask(&state.db, &q, state.today(), now()).await {
            Ok(asked) => see_other(&format!(
                "/consult/lookup?number={}&code={}&new=1",
                encode(&asked.number),
                encode(&asked.query_code)
            )),
            Err(e) => {
                tracing::error!(error = %e, "question not stored");
                plain_error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "系统暂时无法保存您的咨询，请稍后再试，或拨打咨询电话。",
                )
            }
        },
    }
}

/// `POST /staff/consult/{number}`: `answer`, `department`, `publish`
/// (`yes`: publish when the asker allowed it), `faq` (`yes`: also list it
/// among its service's FAQ). Handlers (办件) only.
pub async fn answer(
    State(state): State<AppState>,
    Path(number): Path<String>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    let user = match require_in(&parts.extensions, Role::Handler) {
        Ok(u) => u,
        Err(e) => return refuse_after_body(e, &parts, body).await,
    };
    let values: HashMap<String, String> = match parse(&parts, body).await {
        Ok(v) => v,
        Err(res) => return res,
    };
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    let (today, at) = (state.today(), now());
    let stored = match db::by_number(&state.db, &number, &state.calendar(), today).await {
        Ok(Some(s)) => s,
        Ok(None) => return plain_error(StatusCode::NOT_FOUND, "没有这条咨询。"),
        Err(e) => return refuse(e.into(), &parts),
    };
    let (text, department) = match validate::check_answer(&get("answer"), &get("department")) {
        Ok(a) => a,
        Err(errors) => {
            return answer_refused(&state, parts, values, AppError::Validation(errors)).await
        }
    };
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
        return answer_refused(&state, parts, values, AppError::Validation(errors)).await;
    }
    let faq = publish && get("faq") == "yes" && !c.service_code.is_empty();
    let actor = Actor::staff(&user);
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
    match result {
        Ok(true) => see_other(&format!("/staff/consult/{number}?done=1")),
        Ok(false) => {
            let answered = AppError::Conflict("这条咨询已经答复过了，请刷新页面查看。".to_owned());
            answer_refused(&state, parts, values, answered).await
        }
        Err(e) => refuse(AppError::from(e), &parts),
    }
}
