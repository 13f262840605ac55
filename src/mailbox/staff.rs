//! `/staff/mailbox`: letters waiting for an answer, the least time left
//! first, with their lights, and those answered lately;
//! `/staff/mailbox/{number}`: one letter with the writer's name and
//! contact, its files (each read audited), its steps, and the forms of
//! every step open on it. Handlers (办件); plain forms, so it works without
//! JavaScript.

use super::db;
use super::pages::Steps;
use super::types::{Channel, Letter, Status, STALE_MONTHS};
use crate::account::types::Role;
use crate::clock::Calendar;
use crate::error::AppError;
use crate::server::forms::{notice, Submitted};
use crate::services::cases::urgency;
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{
    error_page::loaded,
    format::date_zh,
    forms::{error_for, ErrorSummary, Notice, TextArea, TextInput},
    layout::PageMeta,
};
use chrono::NaiveDate;
use leptos::prelude::*;
use std::sync::Arc;

/// How many closed letters the queue shows.
const CLOSED: i64 = 50;

/// A letter's time left in words, with its light (colour is never the
/// only cue).
#[component]
fn Left(l: Letter, calendar: Arc<Calendar>, today: NaiveDate) -> impl IntoView {
    match l.days_left(&calendar, today) {
        None => view! { <span class="app-tag">{l.status.label()}</span> }.into_any(),
        Some(left) => {
            let level = urgency(Some(left));
            let mut text = match level {
                "red" => format!("红灯：超期 {} 个工作日", -left),
                "yellow" => format!("黄灯：剩余 {left} 个工作日"),
                _ => format!("剩余 {left} 个工作日"),
            };
            if l.stale(today) {
                text.push_str(&format!("（已超过{STALE_MONTHS}个月）"));
            }
            view! { <span class=format!("app-urgency app-urgency--{level}")>{text}</span> }
                .into_any()
        }
    }
}

#[component]
fn LetterTable(
    items: Vec<Letter>,
    calendar: Arc<Calendar>,
    today: NaiveDate,
    caption: &'static str,
) -> impl IntoView {
    view! {
        <div class="app-table-wrap">
            <table class="app-table app-table--cards">
                <caption class="app-visually-hidden">{caption}</caption>
                <thead><tr>
                    <th scope="col">"信件编号"</th>
                    <th scope="col">"渠道"</th>
                    <th scope="col">"标题"</th>
                    <th scope="col">"承办部门"</th>
                    <th scope="col">"收信日期"</th>
                    <th scope="col">"时限"</th>
                </tr></thead>
                <tbody>
                    {items.into_iter().map(|l| {
                        let due = l.due(&calendar).map(|d| d.to_string()).unwrap_or_default();
                        view! {
                            <tr>
                                <th scope="row" data-label="信件编号"><a href=format!("/staff/mailbox/{}", l.number)>{l.number.clone()}</a></th>
                                <td data-label="渠道">{l.kind_label()}</td>
                                <td data-label="标题">{l.subject.clone()}</td>
                                <td data-label="承办部门">{if l.department.is_empty() { "待交办".to_owned() } else { l.department.clone() }}</td>
                                <td data-label="收信日期">{l.received_on.to_string()}</td>
                                <td data-label="时限">
                                    {(l.status == Status::Open).then(|| format!("{due} "))}
                                    <Left l=l.clone() calendar=calendar.clone() today />
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

struct Queue {
    open: Vec<Letter>,
    closed: Vec<Letter>,
    calendar: Arc<Calendar>,
    today: NaiveDate,
}

/// The open letters, and (`with_closed`) those closed lately.
async fn queue(with_closed: bool) -> Result<Queue, AppError> {
    let state = crate::server::context::state()?;
    let (calendar, today) = (state.calendar(), state.today());
    let mut open = db::open(&state.db).await?;
    // The least time left first; the stable sort keeps the newest first
    // among equals.
    open.sort_by_key(|l| l.days_left(&calendar, today).unwrap_or(i64::MAX));
    Ok(Queue {
        open,
        closed: if with_closed {
            db::closed(&state.db, CLOSED).await?
        } else {
            Vec::new()
        },
        calendar,
        today,
    })
}

#[component]
pub fn StaffMailboxPage() -> impl IntoView {
    if let Err(view) = crate::account::pages::guard(Role::Handler) {
        return view;
    }
    view! {
        <PageMeta title="来信办理" description="局长信箱和投诉举报来信的办理。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="来信办理" />
        <h1 class="app-page-title">"来信办理"</h1>
        {loaded(|| queue(true), |q: Queue| view! {
            <p class="app-page-lede">{format!(
                "局长信箱和投诉举报的来信在这里办理：交办、转办、答复、合并重复来信、不予受理，举报可以移交执法并登记查处结果。每一步来信人都能在查询页面看到。超过{STALE_MONTHS}个月未办结的来信是网站考核的单项否决项。"
            )}</p>
            <p><a href="/mailbox#statistics">"公开的办理统计"</a></p>
            <h2 class="app-section-title" id="open">{format!("办理中（{}封）", q.open.len())}</h2>
            {if q.open.is_empty() {
                view! { <p class="app-list__empty">"没有待办理的来信。"</p> }.into_any()
            } else {
                view! { <LetterTable items=q.open calendar=q.calendar.clone() today=q.today caption="办理中的来信" /> }.into_any()
            }}
            <h2 class="app-section-title" id="closed">"最近办结"</h2>
            {if q.closed.is_empty() {
                view! { <p class="app-list__empty">"还没有办结的来信。"</p> }.into_any()
            } else {
                view! { <LetterTable items=q.closed calendar=q.calendar today=q.today caption="最近办结的来信" /> }.into_any()
            }}
        }.into_any())}
    }
    .into_any()
}

struct One {
    stored: db::Stored,
    calendar: Arc<Calendar>,
    today: NaiveDate,
}

#[component]
pub fn StaffLetterPage() -> impl IntoView {
    if let Err(view) = crate::account::pages::guard(Role::Handler) {
        return view;
    }
    let number = crate::ui::url::route_param("number");
    let sub = crate::server::forms::submitted();
    loaded(
        move || async move {
            let state = crate::server::context::state()?;
            let stored = db::get(&state.db, &number)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok(One {
                stored,
                calendar: state.calendar(),
                today: state.today(),
            })
        },
        move |o: One| view! { <LetterView o sub /> }.into_any(),
    )
    .into_any()
}

#[component]
fn LetterView(o: One, sub: Option<Submitted>) -> impl IntoView {
    let One {
        stored,
        calendar,
        today,
    } = o;
    let l = stored.letter;
    let errors = sub.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let message = sub.as_ref().and_then(|s| s.message.clone());
    let posted = |action: &str| sub.as_ref().is_some_and(|s| s.value("action") == action);
    let value = |k: &str| sub.as_ref().map(|s| s.value(k)).unwrap_or_default();
    let name = format!("来信 {}", l.number);
    let title = if errors.is_empty() && message.is_none() {
        name.clone()
    } else {
        format!("错误：{name}")
    };
    let action = format!("/staff/mailbox/{}", l.number);
    let open = l.status == Status::Open;
    let row = |label: &'static str, value: String| {
        view! { <div class="app-fields__row"><dt class="app-fields__label">{label}</dt><dd class="app-fields__value">{value}</dd></div> }
    };
    let files = stored.files.clone();
    let number = l.number.clone();
    let files_view = (!files.is_empty()).then(|| view! {
        <div class="app-fields__row"><dt class="app-fields__label">"附件"</dt><dd class="app-fields__value">
            <ul class="app-list">
                {files.into_iter().map(|f| view! {
                    <li><a href=format!("/staff/mailbox/{}/files/{}", number, f.id)>{f.file_name.clone()}</a>{format!("（{} KB，查看记入审计日志）", (f.size + 1023) / 1024)}</li>
                }).collect_view()}
            </ul>
        </dd></div>
    });
    let due = l.due(&calendar).map(|d| date_zh(&d.to_string()));
    let publishable = l.allow_public && l.channel == Channel::Director;
    // A refused reply keeps what was typed; otherwise the masked suggestion.
    let suggestion = |k: &str, original: &str| {
        if posted("reply") {
            value(k)
        } else {
            super::types::for_public(original, &l.writer)
        }
    };
    let public_subject = suggestion("public_subject", &l.subject);
    let public_body = suggestion("public_body", &l.body);
    let department_now = if posted("reply") {
        value("reply_department")
    } else {
        l.department.clone()
    };
    let forms = open.then(|| {
        let transfer = !l.department.is_empty();
        view! {
            <h2 class="app-section-title" id="step-assign">{if transfer { "转办" } else { "交办" }}</h2>
            <form class="app-form" method="post" action=action.clone()>
                <input type="hidden" name="action" value="assign" />
                <TextInput name="department" label="承办部门" value=if posted("assign") { value("department") } else { String::new() } error=if posted("assign") { error_for(&errors, "department") } else { None } hint="处室或下级单位，如 市场监管处、福州市文化和旅游局" />
                <TextArea name="note" label="说明（选填，来信人可见）" value=value("note") rows=2 error=error_for(&errors, "note") />
                <div class="app-form__actions"><button type="submit" class="app-button app-button--secondary">{if transfer { "转办" } else { "交办" }}</button></div>
            </form>
            <h2 class="app-section-title" id="step-reply">"答复"</h2>
            <form class="app-form" method="post" action=action.clone()>
                <input type="hidden" name="action" value="reply" />
                <TextInput name="reply_department" label="答复部门" value=department_now.clone() error=error_for(&errors, "reply_department") />
                <TextArea name="reply" label="答复内容" value=value("reply") rows=8 error=error_for(&errors, "reply") />
                {publishable.then(|| view! {
                    <div class="app-field app-field--checkbox">
                        <input type="checkbox" id="publish" name="publish" value="yes" checked=!posted("reply") || value("publish") == "yes" />
                        <label for="publish">"公开本信及答复（来信人已同意；只公开下面两项，姓名、证件号、手机号、银行卡号会再次遮盖）"</label>
                    </div>
                    <TextInput name="public_subject" label="公开的标题" value=public_subject.clone() error=error_for(&errors, "public_subject") />
                    <TextArea name="public_body" label="公开的来信内容" value=public_body.clone() rows=6 error=error_for(&errors, "public_body") />
                })}
                {(!publishable).then(|| view! {
                    <p class="app-hint">{if l.channel == Channel::Report { "举报来信不公开。" } else { "来信人未同意公开，本信不公开。" }}</p>
                })}
                <div class="app-form__actions"><button type="submit" class="app-button">"答复"</button></div>
            </form>
            {(l.channel == Channel::Report).then(|| view! {
                <h2 class="app-section-title" id="step-refer">"移交执法"</h2>
                <form class="app-form" method="post" action=action.clone()>
                    <input type="hidden" name="action" value="refer" />
                    <TextInput name="referral" label="移交文号或执法部门受理编号" value=value("referral") error=error_for(&errors, "referral") />
                    <TextArea name="refer_note" label="说明（选填，举报人可见）" value=value("refer_note") rows=2 error=error_for(&errors, "refer_note") />
                    <div class="app-form__actions"><button type="submit" class="app-button app-button--secondary">"移交执法"</button></div>
                </form>
            })}
            <h2 class="app-section-title" id="step-merge">"合并重复来信"</h2>
            <form class="app-form" method="post" action=action.clone()>
                <input type="hidden" name="action" value="merge" />
                <TextInput name="into" label="合并到信件编号" value=value("into") error=error_for(&errors, "into") hint="同一事项已有来信的，合并到那封来信办理；答复它时本信来信人同时收到答复" />
                <div class="app-form__actions"><button type="submit" class="app-button app-button--secondary">"合并"</button></div>
            </form>
            <h2 class="app-section-title" id="step-reject">"不予受理"</h2>
            <form class="app-form" method="post" action=action.clone()>
                <input type="hidden" name="action" value="reject" />
                <TextArea name="reason" label="不予受理的理由（来信人可见）" value=value("reason") rows=3 error=error_for(&errors, "reason") hint="如 不属于本局职责，请向某某部门反映；已通过诉讼途径处理等" />
                <div class="app-form__actions"><button type="submit" class="app-button app-button--warning">"不予受理"</button></div>
            </form>
        }
    });
    let outcome_form = (l.status == Status::Referred && l.outcome.is_empty()).then(|| view! {
        <h2 class="app-section-title" id="step-outcome">"登记查处结果"</h2>
        <form class="app-form" method="post" action=action.clone()>
            <input type="hidden" name="action" value="outcome" />
            <TextArea name="outcome" label="查处结果（举报人可见）" value=value("outcome") rows=4 error=error_for(&errors, "outcome") />
            <div class="app-form__actions"><button type="submit" class="app-button">"登记"</button></div>
        </form>
    });
    view! {
        <PageMeta title=title description="一封来信的办理。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff"), ("来信办理", "/staff/mailbox")]) current=name.clone() />
        <h1 class="app-page-title">{name.clone()}</h1>
        {notice().map(|n| view! { <Notice text=n /> })}
        {message.map(|m| view! { <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true><p>{m}</p></div> })}
        <ErrorSummary errors=errors.clone() />
        <dl class="app-fields">
            {row("渠道", l.kind_label())}
            <div class="app-fields__row"><dt class="app-fields__label">"状态"</dt><dd class="app-fields__value"><Left l=l.clone() calendar=calendar.clone() today /></dd></div>
            {open.then(|| due.map(|d| row("答复期限", d)))}
            {row("标题", l.subject.clone())}
            <div class="app-fields__row"><dt class="app-fields__label">"内容"</dt><dd class="app-fields__value">
                {l.body.split('\n').filter(|p| !p.trim().is_empty()).map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}
            </dd></div>
            {files_view}
            {row("来信人", l.writer_label().to_owned())}
            {(!l.contact.is_empty()).then(|| row("联系方式（不公开）", l.contact.clone()))}
            {row("收信日期", date_zh(&l.received_on.to_string()))}
            {row("同意公开", if l.channel == Channel::Report { "举报不公开".to_owned() } else if l.allow_public { "同意".to_owned() } else { "不同意".to_owned() })}
            {(!l.department.is_empty()).then(|| row("承办部门", l.department.clone()))}
            {(!l.reply.is_empty()).then(|| row("答复", l.reply.clone()))}
            {(!l.reason.is_empty()).then(|| row("不予受理理由", l.reason.clone()))}
            {(!l.merged_into.is_empty()).then(|| view! {
                <div class="app-fields__row"><dt class="app-fields__label">"合并到"</dt><dd class="app-fields__value"><a href=format!("/staff/mailbox/{}", l.merged_into)>{l.merged_into.clone()}</a></dd></div>
            })}
            {(!l.referral.is_empty()).then(|| row("移交文号", l.referral.clone()))}
            {(!l.outcome.is_empty()).then(|| row("查处结果", l.outcome.clone()))}
            {l.public.then(|| view! {
                <div class="app-fields__row"><dt class="app-fields__label">"公开"</dt><dd class="app-fields__value"><a href=format!("/mailbox/{}", l.number)>"已公开"</a></dd></div>
            })}
        </dl>
        <Steps steps=stored.steps staff=true />
        {forms}
        {outcome_form}
        {(!open && l.status != Status::Referred).then(|| view! { <p class="app-hint">"本信已办结。"</p> })}
    }
}

/// How many letters the dashboard's panel lists (the most urgent).
const ON_DASHBOARD: usize = 10;

/// What a handler's dashboard shows: the open letters, the least time left
/// first.
pub struct Waiting(Queue);

/// The open letters, for the dashboard.
pub async fn waiting() -> Result<Waiting, AppError> {
    Ok(Waiting(queue(false).await?))
}

/// The dashboard's panel of letters waiting for an answer (nothing when
/// there are none).
#[component]
pub fn WaitingLetters(w: Waiting) -> impl IntoView {
    let Waiting(q) = w;
    (!q.open.is_empty()).then(|| {
        let n = q.open.len();
        let items: Vec<Letter> = q.open.into_iter().take(ON_DASHBOARD).collect();
        view! {
            <section class="app-panel" aria-labelledby="letters">
                <h2 class="app-panel__title" id="letters">{format!("待办理的来信（{n}封）")}</h2>
                <LetterTable items calendar=q.calendar today=q.today caption="待办理的来信" />
                <p><a href="/staff/mailbox">{format!("来信办理：全部 {n} 封")}</a></p>
            </section>
        }
    })
}
