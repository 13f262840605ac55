use crate::error::{AppError, FieldError};
use crate::server::forms::Submitted;
use crate::services::api::track_application;
use crate::services::types::{grade_label, Rating, Tracking, GRADES};
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{
    error_page::{awaited, error_view},
    forms::{error_for, CodeLookup, ErrorSummary, Radios, TextArea},
    layout::PageMeta,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/track?number=…&code=…`: a case's progress by 受理编号 and 查询码, no
/// account needed.
#[component]
pub fn TrackPage() -> impl IntoView {
    let q = use_query_map();
    let number = q.with_untracked(|m| m.get("number"));
    let code = q.with_untracked(|m| m.get("code"));
    // The form sent (even empty) is a question; a bare /track is not, nor
    // a notice's link, which carries the number but never the code.
    let asked = code.is_some();
    let (number, code) = (number.unwrap_or_default(), code.unwrap_or_default());
    let rated = q.with_untracked(|m| m.get("rated")).is_some();
    let submitted = use_context::<Submitted>();
    // A disclosure request's number (YS…) is followed on its own page.
    if number.trim().to_uppercase().starts_with("YS") {
        crate::server::context::redirect(&format!(
            "/disclosure/request/lookup?number={}&code={}",
            crate::ui::url::encode(number.trim()),
            crate::ui::url::encode(code.trim())
        ));
        return ().into_any();
    }
    view! {
        {awaited(async move {
                let result = if asked {
                    Some(track_application(number.clone(), code.clone()).await)
                } else {
                    None
                };
                match result {
                    None => view! { <Lookup number=number.clone() code=String::new() errors=Vec::new() /> }.into_any(),
                    Some(Ok(t)) => {
                        let form = RateForm { code: code.clone(), submitted: submitted.clone(), rated };
                        view! { <Case t form /> }.into_any()
                    }
                    Some(Err(AppError::Validation(errors))) => {
                        crate::server::context::set_status(400);
                        view! { <Lookup number=number.clone() code=code.clone() errors /> }.into_any()
                    }
                    Some(Err(e)) => error_view(e),
                }
            })}
    }
    .into_any()
}

#[component]
fn Lookup(number: String, code: String, errors: Vec<FieldError>) -> impl IntoView {
    let title = if errors.is_empty() {
        "办件查询"
    } else {
        "错误：办件查询"
    };
    view! {
        <PageMeta title=title description="凭受理编号和查询码查询网上申请的办理进度。" />
        <Breadcrumbs trail=trail(&[("首页", "/"), ("网上办事大厅", "/services")]) current="办件查询" />
        <h1 class="app-page-title">"办件查询"</h1>
        <p class="app-page-lede">"输入申请回执上的受理编号和查询码，查看办理进度，无需登录。"</p>
        <ErrorSummary errors=errors.clone() />
        <CodeLookup action="/track" noun="受理编号" hint="如 XW20261127000012；政府信息公开申请的申请编号（YS 开头）也可在此查询" number code errors />
    }
}

/// What the rating part of the page needs besides the case.
#[derive(Clone)]
struct RateForm {
    code: String,
    submitted: Option<Submitted>,
    /// Just rated: say thank you.
    rated: bool,
}

#[component]
fn Case(t: Tracking, form: RateForm) -> impl IntoView {
    let left = t.days_left.map(|d| {
        if d >= 0 {
            format!("剩余 {d} 个工作日")
        } else {
            format!("已超期 {} 个工作日", -d)
        }
    });
    let errors = form
        .submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let message = form.submitted.as_ref().and_then(|s| s.message.clone());
    let title = format!(
        "{}办件查询：{}",
        if errors.is_empty() && message.is_none() {
            ""
        } else {
            "错误："
        },
        t.number
    );
    let rating_part = match (t.rating.clone(), t.can_rate) {
        (Some(r), _) => Some(view! { <GivenRating r thanks=form.rated /> }.into_any()),
        (None, true) => Some(view! {
            <Rate number=t.number.clone() code=form.code.clone() submitted=form.submitted.clone() />
        }.into_any()),
        (None, false) => None,
    };
    view! {
        <PageMeta title=title description="网上申请的办理进度。" />
        <Breadcrumbs trail=trail(&[("首页", "/"), ("办件查询", "/track")]) current={t.number.clone()} />
        <h1 class="app-page-title">{format!("受理编号 {}", t.number)}</h1>
        <dl class="app-fields">
            <div class="app-fields__row"><dt class="app-fields__label">"申请事项"</dt><dd class="app-fields__value"><a href=format!("/services/{}", t.service_code)>{t.service_name.clone()}</a></dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"当前状态"</dt><dd class="app-fields__value">
                <strong>{t.status.label()}</strong>
                {(!t.correction.is_empty()).then(|| view! {
                    <p>{format!("需要补正：{}", t.correction)}</p>
                    <p class="app-hint">"补正期间暂停计时。请打开提交申请时的链接（回执页面）修改并重新提交。"</p>
                })}
            </dd></div>
            {t.licence_row.map(|id| view! {
                <div class="app-fields__row"><dt class="app-fields__label">"办理结果"</dt><dd class="app-fields__value">
                    "准予行政许可决定书已作出，许可信息已公示。"<a href=format!("/registers/licences/{id}")>"查看行政许可公示"</a>
                </dd></div>
            })}
            {t.due_on.clone().map(|d| view! {
                <div class="app-fields__row"><dt class="app-fields__label">"承诺办结日期"</dt><dd class="app-fields__value">
                    {crate::ui::format::date_zh(&d)}
                    {left.clone().map(|l| view! { " " <span class="app-tag">{l}</span> })}
                    {t.working.clone().map(|w| view! { <p class="app-hint">{w}</p> })}
                </dd></div>
            })}
        </dl>
        <section class="app-timeline" aria-labelledby="case-timeline">
            <h2 id="case-timeline" class="app-section-title">"办理过程"</h2>
            <ol class="app-timeline__list">
                {t.events.into_iter().map(|e| view! {
                    <li class="app-timeline__item">
                        <time class="app-timeline__date" datetime=e.on_date.clone()>{crate::ui::format::date_zh(&e.on_date)}</time>
                        <span class="app-timeline__stage">{e.action}</span>
                        <p class="app-timeline__note">{format!("{}：{}", e.actor, e.note)}</p>
                    </li>
                }).collect_view()}
            </ol>
        </section>
        <crate::notify::components::NoticeList notices=t.notices />
        {message.map(|m| view! { <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true><p>{m}</p></div> })}
        {rating_part}
    }
}

/// The 好差评 form, once the case has ended.
#[component]
fn Rate(number: String, code: String, submitted: Option<Submitted>) -> impl IntoView {
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let value = |k: &str| submitted.as_ref().map(|s| s.value(k)).unwrap_or_default();
    let grades = GRADES
        .iter()
        .map(|(s, l)| (s.to_string(), format!("{l}（{s} 分）")))
        .collect::<Vec<_>>();
    let action = format!(
        "/track?number={}&code={}",
        crate::ui::url::encode(&number),
        crate::ui::url::encode(&code)
    );
    view! {
        <section class="app-staff-panel" aria-labelledby="rate-title" id="rating">
            <h2 id="rate-title" class="app-section-title">"好差评：评价本次办理"</h2>
            <p class="app-hint">"您的评价会计入本事项公开的满意度。评价为“不满意”或“非常不满意”的，我们将在 15 个工作日内回访并整改，回访情况在本页显示。"</p>
            <ErrorSummary errors=errors.clone() />
            <form class="app-form" method="post" action=action>
                <Radios name="score" legend="评价等级" options=grades selected=value("score") error=error_for(&errors, "score") />
                <TextArea name="comment" label="评价内容（不满意时必填）" value=value("comment") error=error_for(&errors, "comment") hint="最多 500 字。请勿填写身份证号等个人信息。" rows=4 />
                <button type="submit" class="app-button">"提交评价"</button>
            </form>
        </section>
    }
}

/// A rating given, and its follow-up.
#[component]
fn GivenRating(r: Rating, thanks: bool) -> impl IntoView {
    let pending = r.follow_up_due.clone().filter(|_| r.followed_on.is_none());
    view! {
        <section class="app-staff-panel" aria-labelledby="rated-title" id="rating">
            <h2 id="rated-title" class="app-section-title">"您的评价"</h2>
            {thanks.then(|| view! { <div class="app-banner app-banner--ok" role="status"><p class="app-banner__title">"感谢您的评价"</p></div> })}
            <dl class="app-fields">
                <div class="app-fields__row"><dt class="app-fields__label">"评价等级"</dt><dd class="app-fields__value">{grade_label(r.score)}</dd></div>
                <div class="app-fields__row"><dt class="app-fields__label">"评价日期"</dt><dd class="app-fields__value">{crate::ui::format::date_zh(&r.rated_on)}</dd></div>
                {(!r.comment.is_empty()).then(|| view! {
                    <div class="app-fields__row"><dt class="app-fields__label">"评价内容"</dt><dd class="app-fields__value">{r.comment.clone()}</dd></div>
                })}
                {pending.map(|d| view! {
                    <div class="app-fields__row"><dt class="app-fields__label">"回访"</dt><dd class="app-fields__value">{format!("我们将在 {} 前回访并告知整改情况。", crate::ui::format::date_zh(&d))}</dd></div>
                })}
                {r.followed_on.clone().map(|d| view! {
                    <div class="app-fields__row"><dt class="app-fields__label">"回访整改情况"</dt><dd class="app-fields__value">
                        <p>{r.follow_up.clone()}</p>
                        <p class="app-hint">{format!("回访日期：{}", crate::ui::format::date_zh(&d))}</p>
                    </dd></div>
                })}
            </dl>
        </section>
    }
}
