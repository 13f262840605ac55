//! The form kit every domain's form handlers share: every form is a real
//! POST (it works without JavaScript). A refused form is answered with its
//! own page, entries kept and errors beside the fields (`Submitted`, read by
//! the page through `submitted()`); a done one redirects (303), and the page
//! it lands on says what happened (`notice()`).

use crate::error::{AppError, FieldError};
use crate::server::render::{page_with, plain_error, see_other};
use crate::server::state::AppState;
use axum::{
    body::Body,
    extract::{FromRequest, Request, State},
    http::{request::Parts, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    Form,
};
use leptos::prelude::{provide_context, use_context};
use serde::de::DeserializeOwned;
use std::collections::HashMap;

/// Largest single attachment.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// Largest form body (fields and files together).
pub const MAX_BODY_BYTES: usize = 25 * 1024 * 1024;

/// A refused form's entries and errors, for the page that shows it again.
#[derive(Debug, Clone, Default)]
pub struct Submitted {
    pub values: HashMap<String, String>,
    pub errors: Vec<FieldError>,
    /// A message for the whole form (shown in the error summary).
    pub message: Option<String>,
}

impl Submitted {
    pub fn value(&self, name: &str) -> String {
        self.values.get(name).cloned().unwrap_or_default()
    }
}

/// Why a form handler did not do what was asked, as the answer to send.
/// Handlers return `Result<Response, Refusal>` and use `?`: an [`AppError`]
/// becomes its page (401 goes to the sign-in page and back), and a refused
/// form is shown again with its entries and errors.
#[derive(Debug)]
pub enum Refusal {
    /// Show the posted page again with these entries and errors.
    Form(StatusCode, Submitted),
    /// Any other answer (boxed: a response is large, and a refusal travels
    /// in every handler's `Err`).
    Answer(Box<Response>),
}

impl Refusal {
    /// Show the form again with these field errors.
    pub fn fields(errors: Vec<FieldError>, values: HashMap<String, String>) -> Refusal {
        Refusal::Form(StatusCode::BAD_REQUEST, validation(errors, None, values))
    }

    /// Show the form again with a message for the whole form.
    pub fn message(
        status: StatusCode,
        message: impl Into<String>,
        values: HashMap<String, String>,
    ) -> Refusal {
        Refusal::Form(status, validation(Vec::new(), Some(message.into()), values))
    }

    /// An error met while doing what a form asked: field errors, a conflict
    /// or a bad request are shown on the form with its entries (400: the
    /// form is to be corrected; a handler that means 409 says so with
    /// [`Refusal::message`]); any other error is answered as itself.
    pub fn of(err: AppError, values: HashMap<String, String>) -> Refusal {
        match err {
            AppError::Validation(errors) => Refusal::fields(errors, values),
            AppError::Conflict(m) | AppError::BadRequest(m) => {
                Refusal::message(StatusCode::BAD_REQUEST, m, values)
            }
            other => Refusal::from(other),
        }
    }

    /// Not allowed to do this here: sign in first (then come back to
    /// `path`), or a 403 page.
    pub fn access(err: AppError, path: &str) -> Refusal {
        match err {
            AppError::Unauthorized => Refusal::Answer(Box::new(see_other(&format!(
                "/staff/login?next={}",
                crate::ui::url::encode(path)
            )))),
            other => Refusal::from(other),
        }
    }

    /// A short page with this status and sentence.
    pub fn plain(status: StatusCode, message: &str) -> Refusal {
        Refusal::Answer(Box::new(plain_error(status, message)))
    }
}

impl From<AppError> for Refusal {
    fn from(err: AppError) -> Refusal {
        if matches!(err, AppError::Unauthorized) {
            return Refusal::access(err, "/staff");
        }
        Refusal::plain(
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            &err.to_string(),
        )
    }
}

/// An answer already made (a rate limit's 429, say) is the refusal itself.
impl From<Response> for Refusal {
    fn from(res: Response) -> Refusal {
        Refusal::Answer(Box::new(res))
    }
}

impl From<sqlx::Error> for Refusal {
    fn from(err: sqlx::Error) -> Refusal {
        Refusal::from(AppError::from(err))
    }
}

/// Marks a response whose page is still to be drawn by [`show_refused_forms`].
#[derive(Clone)]
struct ShowAgain(Submitted);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::Form(status, submitted) => {
                let mut res = status.into_response();
                res.extensions_mut().insert(ShowAgain(submitted));
                res
            }
            Refusal::Answer(res) => *res,
        }
    }
}

/// Draws the page of a refused form: the page at the posted address,
/// rendered with the entries and errors, under the refusal's status. A
/// layer, because drawing a page is asynchronous and needs the request,
/// which `IntoResponse` has neither of.
pub async fn show_refused_forms(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    if req.method() != Method::POST {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let kept = parts.clone();
    let mut res = next.run(Request::from_parts(parts, body)).await;
    match res.extensions_mut().remove::<ShowAgain>() {
        Some(ShowAgain(submitted)) => {
            let status = res.status();
            let mut page =
                page_with(&state, kept, move || provide_context(submitted.clone())).await;
            *page.status_mut() = status;
            page
        }
        None => res,
    }
}

/// A posted form (`application/x-www-form-urlencoded`) read into `T`; a body
/// that does not fit is refused with a Chinese 400.
pub struct Posted<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Posted<T> {
    type Rejection = Refusal;

    async fn from_request(req: Request, state: &S) -> Result<Self, Refusal> {
        Form::<T>::from_request(req, state)
            .await
            .map(|Form(v)| Posted(v))
            .map_err(|_| Refusal::plain(StatusCode::BAD_REQUEST, FORM_REFUSED))
    }
}

const FORM_REFUSED: &str = "提交的表单不完整或格式有误，请返回重新填写。";

/// Refuses after reading the request body (within the size limit), so a
/// browser still sending an upload gets the answer, not a reset connection.
pub(crate) async fn refuse_after_body(err: AppError, parts: &Parts, body: Body) -> Response {
    let _ = axum::body::to_bytes(body, MAX_BODY_BYTES).await;
    Refusal::access(err, parts.uri.path()).into_response()
}

pub(crate) fn form_values<T: serde::Serialize>(form: &T) -> HashMap<String, String> {
    serde_json::to_value(form)
        .ok()
        .and_then(|v| v.as_object().cloned())
        .map(|m| {
            m.into_iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_owned())))
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) fn validation(
    errors: Vec<FieldError>,
    message: Option<String>,
    values: HashMap<String, String>,
) -> Submitted {
    Submitted {
        values,
        errors,
        message,
    }
}

pub(crate) async fn answer_with(state: &AppState, parts: Parts, submitted: Submitted) -> Response {
    let mut res = page_with(state, parts, move || provide_context(submitted.clone())).await;
    *res.status_mut() = StatusCode::BAD_REQUEST;
    res
}

/// The `?notice=` of the request, as the sentence to show.
pub fn notice() -> Option<&'static str> {
    let parts = crate::server::context::request_parts()?;
    let value = crate::ui::url::query_value(&parts.uri, "notice")?;
    Some(match value.as_str() {
        "saved" => "已保存草稿。",
        "submitted" => "已送审，等待审核人员进行保密审查。",
        "imported" => "已从 Word 文档导入并保存为草稿。请核对标题、目录信息和正文后送审。",
        "imported_notes" => "已从 Word 文档导入并保存为草稿。有些内容未能原样导入，已列在下方：请逐条核对标题、目录信息和正文后送审。",
        "approved" => "审核通过。",
        "returned" => "已退回作者修改。",
        "password" => "密码已修改。",
        "rereview" => "评审结论已记录。",
        "row_added" => "已新增并公开。",
        "row_saved" => "已保存修改。",
        "row_withdrawn" => "已撤销，公众已看不到此记录。",
        "event_added" => "已添加进程记录。",
        "calendar_saved" => "已保存该假期的安排。",
        "calendar_deleted" => "已删除该假期的安排。",
        "settings_saved" => "网站设置已保存，所有页面即时生效。",
        "notice_template_saved" => "通知模板已保存，此后生成的通知使用新的文字。",
        "notice_template_reset" => "已恢复默认的通知模板。",
        "notice_retried" => "已重新排入发送队列。",
        "alert_drafted" => "紧急公告已提交审核：另一位审核人员同意后按设定时间显示。",
        "alert_approved" => "审核同意：紧急公告将在设定的时间内显示在每个页面顶部。",
        "alert_returned" => "已退回起草人修改。",
        "alert_withdrawn" => "紧急公告已撤下，所有页面即时生效。",
        "concern_recorded" => "已登记。时限从发现时间起算，请尽快研判并发布回应。",
        "concern_linked" => "已关联回应：回应页面显示关切发生的时间和回应用时。",
        "concern_declined" => "已记录不予回应的决定和理由。",
        "concern_judged" => "已保存研判，时限按现在的级别计算。",
        "letter_assigned" => "已交办，来信人可在查询页面看到承办部门。",
        "letter_replied" => "已答复。来信人凭信件编号和查询码可以看到答复；留了联系方式的，同时通知。",
        "letter_rejected" => "已记录不予受理和理由，来信人查询时可以看到。",
        "letter_merged" => "已合并办理：答复那封来信时，本信的来信人同时收到答复。",
        "letter_referred" => "已移交执法，查处结果出来后请在本页登记。",
        "letter_outcome" => "已登记查处结果，举报人查询时可以看到。",
        "settings_unchanged" => "设置没有改动。",
        "must_change" => {
            "您的密码是管理员设置的，请先改为只有您自己知道的新密码，然后才能继续使用工作台。"
        }
        "terms_saved" => "已保存，编辑信息和目录筛选即时生效。",
        "terms_unchanged" => "这张表没有改动。",
        "user_created" => "已新增账户。请把初始密码告知本人，并请其登录后修改。",
        "user_saved" => "已保存姓名和角色，立即生效。",
        "user_unchanged" => "姓名和角色没有改动。",
        "user_disabled" => "账户已停用，其登录会话已全部结束。",
        "user_enabled" => "账户已启用。",
        "password_reset" => "已重置密码，并解除锁定、结束该账户的所有登录会话。",
        "text_saved" => "已保存并送审：审核通过后公众才能看到这些内容。",
        "text_unchanged" => "内容没有改动。",
        "text_approved" => "审核通过，内容已对公众显示。",
        "text_returned" => "已退回修改。",
        "topic_item_added" => "已加入专题。",
        "topic_items_saved" => "已调整专题中的信息。",
        "topic_retired" => "专题已撤下，公众已看不到。",
        "topic_restored" => "专题已恢复显示。",
        "service_created" => "已新建事项。请填写办事指南的各部分，保存后送审。",
        "service_retired" => "事项已停办：已离开办事大厅，已提交的办件照常办理。",
        "service_restored" => "事项已恢复办理。",
        "services_imported" => "已导入并送审：每个办事指南经审核通过后才对公众显示。",
        "comment_received" => {
            "您的意见已提交，感谢参与！征集结束后，我们将逐条研究，并在本页反馈意见采纳情况。"
        }
        "comment_entered" => "已录入该意见。",
        "comments_answered" => "已答复所选意见。",
        "comments_shown" => "所选意见已在征集页面公开（个人信息已隐去）。",
        "comments_hidden" => "所选意见已不在征集页面显示。",
        "report_submitted" => "已生成意见采纳情况反馈并送审：审核通过后在征集页面公开。",
        "monitor_checked" => "已完成检查，以下是最新结果。",
        "archive_started" => "已开始导出。导出完成后可在下面下载导出包。",
        "annual_saved" => "年度报告已保存为草稿（表格按保存时的数据生成）。",
        "annual_submitted" => "年度报告已送审：审核通过并发布后在“政府信息公开年报”栏目公开。",
        _ => return None,
    })
}

/// `Submitted` entries of a refused form, if this render answers one.
pub fn submitted() -> Option<Submitted> {
    use_context::<Submitted>()
}
