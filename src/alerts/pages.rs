//! `/staff/alerts` (紧急公告): administrators draft a notice; reviewers
//! approve or return it; either takes one down; everyone with a part in
//! it sees the history. Plain forms, so it works without JavaScript.

use super::types::{Alert, Level, Status, MAX_BODY, MAX_TITLE};
use crate::account::types::{Role, StaffUser};
use crate::error::AppError;
use crate::server::forms::{notice, Submitted};
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{
    error_page::{error_view, loaded},
    format::datetime_zh,
    forms::{error_for, ErrorSummary, Notice, Select, TextArea, TextInput},
    layout::PageMeta,
};
use leptos::prelude::*;

/// How many past notices the history lists.
const HISTORY: i64 = 100;

async fn history() -> Result<(Vec<Alert>, i64), AppError> {
    let state = crate::server::context::state()?;
    Ok((super::db::history(&state.db, HISTORY).await?, state.now()))
}

#[component]
pub fn AlertsPage() -> impl IntoView {
    let user = match crate::account::auth::current_user() {
        Some(u) if u.has(Role::Admin) || u.has(Role::Reviewer) => u,
        Some(_) => return error_view(AppError::Forbidden),
        None => match crate::account::pages::guard(Role::Admin) {
            Ok(u) => u,
            Err(view) => return view,
        },
    };
    let sub = crate::server::forms::submitted();
    let errors = sub.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let message = sub.as_ref().and_then(|s| s.message.clone());
    let title = if errors.is_empty() && message.is_none() {
        "紧急公告"
    } else {
        "错误：紧急公告"
    };
    let draft_form = user
        .has(Role::Admin)
        .then(|| view! { <DraftForm sub=sub.clone() errors=errors.clone() /> });
    view! {
        <PageMeta title=title description="重大突发事件时在每个页面顶部显示的紧急公告。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="紧急公告" />
        <h1 class="app-page-title">"紧急公告"</h1>
        <p class="app-page-lede">"发生重大突发事件时，可在网站每个页面的顶部显示一条简短公告。公告由管理员起草，经另一位审核人员审核同意后，在设定的时间内显示，到期自动消失；管理员和审核人员可随时撤下。同一时间只显示最后批准的一条。"</p>
        {notice().map(|n| view! { <Notice text=n /> })}
        {message.map(|m| view! { <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true><p>{m}</p></div> })}
        <ErrorSummary errors=errors.clone() />
        {draft_form}
        <h2 class="app-section-title" id="history">"公告记录"</h2>
        {loaded(history, move |(alerts, now): (Vec<Alert>, i64)| {
            if alerts.is_empty() {
                return view! { <p class="app-list__empty">"还没有发布过紧急公告。"</p> }.into_any();
            }
            let user = user.clone();
            let errors = errors.clone();
            let sub = sub.clone();
            view! {
                <ul class="app-list">
                    {alerts.into_iter().map(|a| view! {
                        <AlertItem a now user=user.clone() errors=errors.clone() sub=sub.clone() />
                    }).collect_view()}
                </ul>
            }.into_any()
        })}
    }
    .into_any()
}

#[component]
fn DraftForm(sub: Option<Submitted>, errors: Vec<crate::error::FieldError>) -> impl IntoView {
    let value = |k: &str| sub.as_ref().map(|s| s.value(k)).unwrap_or_default();
    let levels = std::iter::once((String::new(), "请选择".to_owned()))
        .chain(
            Level::ALL
                .iter()
                .map(|l| (l.as_str().to_owned(), l.label().to_owned())),
        )
        .collect::<Vec<_>>();
    view! {
        <h2 class="app-section-title" id="draft">"起草公告"</h2>
        <form class="app-form" method="post" action="/staff/alerts">
            <input type="hidden" name="action" value="draft" />
            <Select name="level" label="事件级别" options=levels selected=value("level") error=error_for(&errors, "level") />
            <TextInput name="title" label="标题" value=value("title") hint="不超过40个字，如 关于台风期间暂停部分窗口业务的紧急公告" error=error_for(&errors, "title") />
            <TextArea name="body" label="公告内容" value=value("body") hint="不超过200个字；详细情况请发布为信息，再填入下面的详情链接" rows=4 error=error_for(&errors, "body") />
            <TextInput name="link" label="详情链接（选填）" value=value("link") hint="本站页面以 / 开头，如 /articles/12；或以 https:// 开头的网址" error=error_for(&errors, "link") />
            <TextInput name="starts" label="开始时间（选填）" kind="datetime-local" value=value("starts") hint="北京时间；不填则审核同意后立即显示" error=error_for(&errors, "starts") />
            <TextInput name="ends" label="结束时间" kind="datetime-local" value=value("ends") hint="北京时间；到时自动消失，最长30天" error=error_for(&errors, "ends") />
            <div class="app-form__actions">
                <button type="submit" class="app-button">"提交审核"</button>
            </div>
        </form>
        <p class="app-hint">{format!("标题最多{MAX_TITLE}字，内容最多{MAX_BODY}字。")}</p>
    }
}

#[component]
fn AlertItem(
    a: Alert,
    now: i64,
    user: StaffUser,
    errors: Vec<crate::error::FieldError>,
    sub: Option<Submitted>,
) -> impl IntoView {
    let id = a.id;
    let own = a.created_by_id == Some(user.id);
    let review = (a.status == Status::Pending && user.has(Role::Reviewer)).then(|| {
        if own {
            return view! { <p class="app-hint">"这条公告由您起草，须由另一位审核人员审核。"</p> }.into_any();
        }
        let field = format!("reason-{id}");
        let error = error_for(&errors, &field);
        let kept = sub
            .as_ref()
            .filter(|s| s.value("id") == id.to_string())
            .map(|s| s.value(&field))
            .unwrap_or_default();
        let described = error.as_ref().map(|_| format!("{field}-error"));
        view! {
            <form class="app-form" method="post" action="/staff/alerts">
                <input type="hidden" name="action" value="approve" />
                <input type="hidden" name="id" value=id.to_string() />
                <button type="submit" class="app-button">"同意发布"</button>
            </form>
            <form class="app-form" method="post" action="/staff/alerts">
                <input type="hidden" name="action" value="return" />
                <input type="hidden" name="id" value=id.to_string() />
                <div class=if error.is_some() { "app-field app-field--error" } else { "app-field" }>
                    <label class="app-field__label" for=field.clone()>"退回理由"</label>
                    {error.clone().map(|e| view! {
                        <p class="app-field__error" id=format!("{field}-error")>
                            <span class="app-visually-hidden">"错误："</span>{e}
                        </p>
                    })}
                    <textarea class="app-field__textarea" id=field.clone() name=field.clone() rows="2" aria-describedby=described aria-invalid=error.is_some().then_some("true")>{kept}</textarea>
                </div>
                <button type="submit" class="app-button app-button--secondary">"退回"</button>
            </form>
        }
        .into_any()
    });
    let withdraw = (a.can_withdraw(now) && (user.has(Role::Admin) || user.has(Role::Reviewer))).then(|| view! {
        <form class="app-form" method="post" action="/staff/alerts">
            <input type="hidden" name="action" value="withdraw" />
            <input type="hidden" name="id" value=id.to_string() />
            <button type="submit" class="app-button app-button--warning">{format!("撤下公告 {id}")}</button>
        </form>
    });
    let reviewed = a.reviewed_at.map(|t| {
        let verb = if a.status == Status::Returned {
            "退回"
        } else {
            "审核同意"
        };
        let note = (!a.review_note.is_empty()).then(|| format!("，理由：{}", a.review_note));
        format!(
            "{} {} {verb}{}",
            a.reviewed_by,
            datetime_zh(t),
            note.unwrap_or_default()
        )
    });
    let withdrawn = a
        .withdrawn_at
        .map(|t| format!("{} {} 撤下", a.withdrawn_by, datetime_zh(t)));
    view! {
        <li class="app-list__item">
            <p class="app-list__link">{format!("{}（{}）", a.title, a.level.label())}</p>
            <p>{a.body.clone()}</p>
            {(!a.link.is_empty()).then(|| view! { <p>"详情链接："<a href=a.link.clone()>{a.link.clone()}</a></p> })}
            <p class="app-list__meta">
                <span class="app-tag">{a.state_label(now)}</span>
                <span>{format!("显示时间 {} 至 {}", datetime_zh(a.starts_at), datetime_zh(a.ends_at))}</span>
            </p>
            <p class="app-hint">{format!("{} {} 起草", a.created_by, datetime_zh(a.created_at))}</p>
            {reviewed.map(|r| view! { <p class="app-hint">{r}</p> })}
            {withdrawn.map(|w| view! { <p class="app-hint">{w}</p> })}
            {review}
            {withdraw}
        </li>
    }
}
