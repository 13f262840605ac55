//! `/staff/notices` (administrators): whether each channel is on, the
//! outbox with each notice's state and last error (a failed one can be
//! sent again), and the wording of every notice, each editable on
//! `/staff/notices/{event}/{channel}`.

use super::db;
use super::templates::{self, PLACEHOLDERS};
use super::types::{mask_address, Channel, Event, NoticeStatus};
use crate::account::types::Role;
use crate::error::AppError;
use crate::server::forms::notice;
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{
    error_page::{error_view, loaded},
    format::datetime_zh,
    forms::{error_for, ErrorSummary, Notice, TextArea, TextInput},
    layout::PageMeta,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

struct OutboxView {
    email: bool,
    sms: bool,
    counts: (i64, i64, i64),
    recent: Vec<db::OutboxRow>,
    templates: Vec<(Event, Channel, templates::Template, bool)>,
}

async fn outbox_view(failed_only: bool) -> Result<OutboxView, AppError> {
    let state = crate::server::context::state()?;
    let outbox = super::Outbox::of(&state);
    let filter = failed_only.then_some(NoticeStatus::Failed);
    Ok(OutboxView {
        email: outbox.email,
        sms: outbox.sms,
        counts: db::counts(&state.db).await?,
        recent: db::recent(&state.db, filter, 100).await?,
        templates: db::all_templates(&state.db).await?,
    })
}

/// `/staff/notices` (`?failed=1`: only those that failed).
#[component]
pub fn OutboxPage() -> impl IntoView {
    if let Err(view) = crate::account::pages::guard(Role::Admin) {
        return view;
    }
    let failed_only = crate::server::context::request_parts()
        .and_then(|p| crate::ui::url::query_value(&p.uri, "failed"))
        .is_some();
    view! {
        <PageMeta title="通知" description="短信和邮件通知的发送情况与模板。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="通知" />
        <h1 class="app-page-title">"通知"</h1>
        <p class="app-page-lede">"申请提交、补正、受理、决定、办结，咨询答复和依申请公开的各个环节，都会按申请人留下的手机号码或电子邮箱自动发送通知；发送失败的会按 1 分钟、5 分钟、30 分钟、2 小时的间隔重试，共 5 次。"</p>
        {notice().map(|n| view! { <Notice text=n /> })}
        {loaded(move || outbox_view(failed_only), move |v: OutboxView| {
            let on = |b: bool| if b { "已开通" } else { "未开通（未配置）" };
            let (pending, sent, failed) = v.counts;
            view! {
                <dl class="app-fields">
                    <div class="app-fields__row"><dt class="app-fields__label">"短信通道"</dt><dd class="app-fields__value">{on(v.sms)}</dd></div>
                    <div class="app-fields__row"><dt class="app-fields__label">"邮件通道"</dt><dd class="app-fields__value">{on(v.email)}</dd></div>
                    <div class="app-fields__row"><dt class="app-fields__label">"发送情况"</dt><dd class="app-fields__value">{format!("已发送 {sent} 条，待发送 {pending} 条，发送失败 {failed} 条")}</dd></div>
                </dl>
                {(!v.email || !v.sms).then(|| view! {
                    <p class="app-hint">"通道由服务器管理员在部署时配置（GONGKAI_SMTP_HOST、GONGKAI_SMS_URL 等，见 README）；未开通的通道不生成通知。"</p>
                })}
                <h2 class="app-section-title" id="outbox">{if failed_only { "发送失败的通知" } else { "最近的通知" }}</h2>
                <p>{if failed_only {
                    view! { <a href="/staff/notices">"查看全部通知"</a> }.into_any()
                } else {
                    view! { <a href="/staff/notices?failed=1">"只看发送失败的通知"</a> }.into_any()
                }}</p>
                {if v.recent.is_empty() {
                    view! { <p class="app-list__empty">"还没有通知。"</p> }.into_any()
                } else {
                    view! { <OutboxTable rows=v.recent /> }.into_any()
                }}
                <h2 class="app-section-title" id="templates">"通知模板"</h2>
                <p class="app-hint">"短信开头的【】内为短信签名，须与短信平台备案的签名一致。短信不得包含查询码。"</p>
                <ul class="app-list">
                    {v.templates.into_iter().map(|(e, c, t, own)| view! {
                        <li class="app-list__item">
                            <a class="app-list__link" href=format!("/staff/notices/{}/{}", e.as_str(), c.as_str())>{format!("{}（{}）", e.label(), c.label())}</a>
                            <span class="app-list__meta">
                                <span>{if own { "已修改" } else { "默认模板" }}</span>
                                <span>{match c { Channel::Email => t.title.clone(), Channel::Sms => t.body.chars().take(30).collect::<String>() + "…" }}</span>
                            </span>
                        </li>
                    }).collect_view()}
                </ul>
            }
            .into_any()
        })}
    }
    .into_any()
}

#[component]
fn OutboxTable(rows: Vec<db::OutboxRow>) -> impl IntoView {
    view! {
        <div class="app-table-wrap">
            <table class="app-table app-table--cards">
                <caption class="app-visually-hidden">"通知"</caption>
                <thead><tr>
                    <th scope="col">"生成时间"</th>
                    <th scope="col">"编号"</th>
                    <th scope="col">"通知"</th>
                    <th scope="col">"发至"</th>
                    <th scope="col">"状态"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let status = NoticeStatus::parse(&r.status);
                        let event = Event::parse(&r.event).map_or(r.event.clone(), |e| e.label().to_owned());
                        let channel = Channel::parse(&r.channel).map_or("", Channel::label);
                        let state = match status {
                            Some(NoticeStatus::Sent) => format!("已发送 {}", r.sent_at.map(datetime_zh).unwrap_or_default()),
                            Some(NoticeStatus::Pending) if r.attempts > 0 => format!("第 {} 次未成功，{} 重试", r.attempts, datetime_zh(r.next_at)),
                            Some(NoticeStatus::Pending) => "待发送".to_owned(),
                            Some(NoticeStatus::Failed) => format!("发送失败（已试 {} 次）", r.attempts),
                            None => r.status.clone(),
                        };
                        let failed = status == Some(NoticeStatus::Failed);
                        view! {
                            <tr>
                                <td data-label="生成时间">{datetime_zh(r.created_at)}</td>
                                <th scope="row" data-label="编号">{r.subject.clone()}</th>
                                <td data-label="通知">{format!("{event}（{channel}）")}</td>
                                <td data-label="发至">{mask_address(&r.recipient)}</td>
                                <td data-label="状态">
                                    {state}
                                    {(!r.last_error.is_empty()).then(|| view! { <p class="app-hint">{r.last_error.clone()}</p> })}
                                    {failed.then(|| view! {
                                        <form method="post" action=format!("/staff/notices/retry/{}", r.id)>
                                            <button type="submit" class="app-button app-button--secondary">{format!("重新发送 {}", r.subject)}</button>
                                        </form>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// `/staff/notices/{event}/{channel}`: one notice's wording, with the
/// placeholders it may use; saving replaces the built-in wording, which
/// one button brings back.
#[component]
pub fn TemplatePage() -> impl IntoView {
    if let Err(view) = crate::account::pages::guard(Role::Admin) {
        return view;
    }
    let params = use_params_map();
    let event = params
        .with_untracked(|p| p.get("event"))
        .and_then(|e| Event::parse(&e));
    let channel = params
        .with_untracked(|p| p.get("channel"))
        .and_then(|c| Channel::parse(&c));
    let (Some(event), Some(channel)) = (event, channel) else {
        return error_view(AppError::NotFound);
    };
    let sub = crate::server::forms::submitted();
    loaded(
        move || async move {
            let db = crate::server::context::db()?;
            let mut conn = db.pool().acquire().await.map_err(AppError::from)?;
            Ok(db::template(&mut conn, event, channel).await?)
        },
        move |t: templates::Template| {
            let errors = sub.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
            let value = |k: &str, stored: &str| match &sub {
                Some(s) => s.value(k),
                None => stored.to_owned(),
            };
            let name = format!("{}（{}）", event.label(), channel.label());
            let title = if errors.is_empty() { format!("通知模板：{name}") } else { format!("错误：通知模板：{name}") };
            let action = format!("/staff/notices/{}/{}", event.as_str(), channel.as_str());
            let built_in = templates::built_in(event, channel);
            view! {
                <PageMeta title=title description="修改通知的文字。" />
                <Breadcrumbs trail=trail(&[("工作台", "/staff"), ("通知", "/staff/notices")]) current=name.clone() />
                <h1 class="app-page-title">{format!("通知模板：{name}")}</h1>
                <ErrorSummary errors=errors.clone() />
                <form class="app-form" method="post" action=action.clone()>
                    {(channel == Channel::Email).then(|| view! {
                        <TextInput name="title" label="邮件标题" value=value("title", &t.title) error=error_for(&errors, "title") hint="最多 100 字" />
                    })}
                    <TextArea name="body" label="通知内容" value=value("body", &t.body) error=error_for(&errors, "body") rows=8
                        hint=if channel == Channel::Sms { "最多 300 字；不得包含{查询码}。发送时超过 400 字的部分会被截去。" } else { "最多 2000 字。" } />
                    <div class="app-form__actions">
                        <button type="submit" class="app-button" name="action" value="save">"保存模板"</button>
                        <button type="submit" class="app-button app-button--secondary" name="action" value="reset">"恢复默认模板"</button>
                    </div>
                </form>
                <h2 class="app-section-title">"可用的占位符"</h2>
                <dl class="app-fields">
                    {PLACEHOLDERS.iter().map(|(p, what)| view! {
                        <div class="app-fields__row"><dt class="app-fields__label">{*p}</dt><dd class="app-fields__value">{*what}</dd></div>
                    }).collect_view()}
                </dl>
                <h2 class="app-section-title">"默认模板"</h2>
                {(channel == Channel::Email).then(|| view! { <p><strong>{built_in.title.clone()}</strong></p> })}
                <pre class="app-pre">{built_in.body.clone()}</pre>
            }
            .into_any()
        },
    )
    .into_any()
}
