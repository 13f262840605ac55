//! The mailbox's posts: `POST /mailbox/write` (anyone, rate-limited,
//! multipart with up to three files), `POST /staff/mailbox/{number}` (a
//! handler's step: `action` = assign (`department`, `note`) | reply
//! (`reply_department`, `reply`, `publish`, `public_subject`, `public_body`)
//! | reject (`reason`) | merge (`into`) | refer (`referral`, `refer_note`) |
//! outcome (`outcome`)) and `GET /staff/mailbox/{number}/files/{id}` (a file, the read
//! audited). Plain forms that work without JavaScript; a refused one
//! answers with its own page, the entries kept.

use super::db::{self, Act, NewFile, Outcome};
use super::types::{self, check_letter, Channel, MAX_FILES};
use crate::account::db::audit::Actor;
use crate::account::extract::{Handler, Staff};
use crate::error::FieldError;
use crate::server::forms::{Posted, Refusal};
use crate::server::limit::{self, Kind};
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::server::upload;
use crate::ui::url::encode;
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::Response,
};
use std::collections::HashMap;

/// Largest letter post: three files of 10 MB and the fields.
pub const MAX_POST_BYTES: usize = 32 * 1024 * 1024;

pub async fn write(State(state): State<AppState>, req: Request) -> Result<Response, Refusal> {
    let (parts, body) = req.into_parts();
    let post = upload::read(
        Request::from_parts(parts.clone(), body),
        "上传的文件过大：每个附件不超过 10 MB，最多 3 个。请返回后压缩文件再试。",
    )
    .await?;
    limit::within(&state, &parts, Kind::Submit).await?;
    let values: HashMap<String, String> = post.fields.iter().cloned().collect();
    let checked = check_letter(&values);
    let mut files = Vec::new();
    let mut file_errors = Vec::new();
    let sent: Vec<_> = post.files.iter().filter(|(f, _, _)| f == "file").collect();
    if sent.len() > MAX_FILES {
        file_errors.push(FieldError::new("file", format!("附件最多 {MAX_FILES} 个")));
    }
    for (_, name, bytes) in sent.iter().take(MAX_FILES) {
        match upload::check_scan("附件", name, bytes) {
            Ok(mime) => files.push(NewFile {
                name: name.as_str(),
                mime,
                bytes: bytes.as_slice(),
            }),
            Err(m) => file_errors.push(FieldError::new("file", m)),
        }
    }
    let written = match checked {
        Ok(w) if file_errors.is_empty() => w,
        checked => {
            let mut errors = checked.err().unwrap_or_default();
            errors.extend(file_errors);
            if !files.is_empty() {
                errors.push(FieldError::new(
                    "file",
                    "页面不会保留已选的文件，请重新选择附件",
                ));
            }
            return Err(Refusal::fields(errors, values));
        }
    };
    let (today, now) = (state.today(), state.now());
    match db::write(
        &state.db,
        &crate::notify::Outbox::of(&state),
        &written,
        &files,
        state.site().letter_days(),
        &state.calendar(),
        today,
        now,
    )
    .await
    {
        Ok(sent) => Ok(see_other(&format!(
            "/mailbox/lookup?number={}&code={}&new=1",
            encode(&sent.number),
            encode(&sent.query_code)
        ))),
        Err(e) => {
            tracing::error!(error = %e, "letter not stored");
            Err(Refusal::plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "系统暂时无法保存您的来信，请稍后再试，或拨打本局公布的电话。",
            ))
        }
    }
}

fn refused(e: FieldError, values: &HashMap<String, String>) -> Refusal {
    Refusal::fields(vec![e], values.clone())
}

pub async fn step(
    State(state): State<AppState>,
    Path(number): Path<String>,
    user: Staff<Handler>,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    let stored = db::get(&state.db, &number)
        .await?
        .ok_or_else(|| Refusal::plain(StatusCode::NOT_FOUND, "没有这封来信。"))?;
    let letter = &stored.letter;
    let (act, done) = match get("action").as_str() {
        "assign" => {
            let department =
                types::check_department(&get("department")).map_err(|e| refused(e, &values))?;
            let note = get("note").trim().to_owned();
            if note.chars().count() > 500 {
                return Err(refused(
                    FieldError::new("note", "说明不能超过 500 字"),
                    &values,
                ));
            }
            if department == letter.department {
                return Err(refused(
                    FieldError::new("department", "这封来信已由该部门办理，请填写另一个部门"),
                    &values,
                ));
            }
            (Act::Assign { department, note }, "letter_assigned")
        }
        "reply" => {
            let mut errors = Vec::new();
            let department = types::check_department(&get("reply_department"))
                .map_err(|e| errors.push(FieldError::new("reply_department", e.message)))
                .unwrap_or_default();
            let reply = types::check_reply(&get("reply"))
                .map_err(|e| errors.push(e))
                .unwrap_or_default();
            let publish = letter.allow_public
                && letter.channel == Channel::Director
                && get("publish") == "yes";
            // What the public sees: the handler's edit of the masked text,
            // masked again, so an oversight cannot publish a number or the
            // writer's name.
            let public_subject = types::for_public(&get("public_subject"), &letter.writer);
            let public_body = types::for_public(&get("public_body"), &letter.writer);
            if publish && public_subject.is_empty() {
                errors.push(FieldError::new("public_subject", "请填写公开的标题"));
            }
            if publish && public_body.is_empty() {
                errors.push(FieldError::new("public_body", "请填写公开的来信内容"));
            }
            if !errors.is_empty() {
                return Err(Refusal::fields(errors, values));
            }
            (
                Act::Reply {
                    department,
                    reply,
                    publish,
                    public_subject,
                    public_body,
                },
                "letter_replied",
            )
        }
        "reject" => {
            let reason = types::check_note(&get("reason"), "reason", "请写明不予受理的理由")
                .map_err(|e| refused(e, &values))?;
            (Act::Reject { reason }, "letter_rejected")
        }
        "merge" => {
            let into = get("into").trim().to_uppercase();
            if into.is_empty() {
                return Err(refused(
                    FieldError::new("into", "请填写要合并到的信件编号"),
                    &values,
                ));
            }
            (Act::Merge { into }, "letter_merged")
        }
        "refer" => {
            let referral = types::required(
                &get("referral"),
                "referral",
                "请填写移交文号或执法部门受理编号",
                50,
            )
            .map_err(|e| refused(e, &values))?;
            let note = get("refer_note").trim().to_owned();
            if note.chars().count() > 500 {
                return Err(refused(
                    FieldError::new("refer_note", "说明不能超过 500 字"),
                    &values,
                ));
            }
            (Act::Refer { referral, note }, "letter_referred")
        }
        "outcome" => {
            let outcome = types::check_note(&get("outcome"), "outcome", "请填写查处结果")
                .map_err(|e| refused(e, &values))?;
            (Act::Outcome { outcome }, "letter_outcome")
        }
        _ => {
            return Err(Refusal::plain(
                StatusCode::BAD_REQUEST,
                "不明白要做什么，请返回重试。",
            ))
        }
    };
    let outcome = db::act(
        &state.db,
        &crate::notify::Outbox::of(&state),
        &number,
        &act,
        &Actor::staff(&user),
        state.today(),
        state.now(),
    )
    .await?;
    match outcome {
        Outcome::Done => Ok(see_other(&format!(
            "/staff/mailbox/{}?notice={done}",
            encode(&number)
        ))),
        Outcome::NotFound => Err(Refusal::plain(StatusCode::NOT_FOUND, "没有这封来信。")),
        Outcome::BadTarget => Err(refused(
            FieldError::new(
                "into",
                "没有这个信件编号，或它就是本信、或它已合并到其他来信；请填写另一封来信的编号",
            ),
            &values,
        )),
        Outcome::Stale => Err(Refusal::message(
            StatusCode::CONFLICT,
            "这封来信的状态已经变化（可能已由他人办理），请查看最新状态。",
            values,
        )),
    }
}

pub async fn file(
    State(state): State<AppState>,
    Path((number, file)): Path<(String, String)>,
    user: Staff<Handler>,
) -> Result<Response, Refusal> {
    let file: i64 = file
        .parse()
        .map_err(|_| Refusal::plain(StatusCode::NOT_FOUND, "没有这个文件。"))?;
    let found = db::read_file(&state.db, &Actor::staff(&user), &number, file, state.now()).await?;
    let (name, mime, data) =
        found.ok_or_else(|| Refusal::plain(StatusCode::NOT_FOUND, "没有这个文件。"))?;
    Ok(crate::server::render::file_download(
        &name,
        &mime,
        data,
        "private, no-store",
    ))
}
