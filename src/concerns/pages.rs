//! `/staff/concerns` (舆情回应): the concerns waiting for a response with
//! their clocks, the form that records a new one, and those closed;
//! `/staff/concerns/{id}`: one concern, its clocks, what answered it, and
//! the forms that link a response or record the decision not to respond.
//! Editors and reviewers; plain forms, so it works without JavaScript.

use super::types::{hour_clock, Concern, Due, Level, Response, Status, MAX_SUMMARY};
use crate::account::types::{Role, StaffUser};
use crate::clock::{Calendar, Light};
use crate::content::db::AnswerItem;
use crate::error::AppError;
use crate::server::forms::{notice, Submitted};
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{
    error_page::{error_view, loaded},
    format::{datetime_zh, local_input},
    forms::{error_for, ErrorSummary, Notice, Select, TextArea, TextInput},
    layout::PageMeta,
};
use leptos::prelude::*;

/// How many closed concerns the list shows.
const CLOSED: i64 = 50;
/// How many items the response picker offers.
const CANDIDATES: i64 = 100;

/// The signed-in editor or reviewer, or the page to show instead.
fn guard() -> Result<StaffUser, AnyView> {
    match crate::account::auth::current_user() {
        Some(u) if u.has(Role::Editor) || u.has(Role::Reviewer) => Ok(u),
        Some(_) => Err(error_view(AppError::Forbidden)),
        None => crate::account::pages::guard(Role::Editor),
    }
}

/// A clock's state with its light in words (colour is never the only cue).
#[component]
pub fn DueState(due: Due) -> impl IntoView {
    match due.light {
        Some(light) => {
            let prefix = match light {
                Light::Red => "红灯：",
                Light::Yellow => "黄灯：",
                Light::Green => "",
            };
            view! {
                <span class=format!("app-urgency app-urgency--{}", light.as_str())>
                    {format!("{prefix}{}", due.state)}
                </span>
            }
            .into_any()
        }
        None => view! { <span class="app-tag">{due.state}</span> }.into_any(),
    }
}

/// Each clock of a concern: what is due by when, and where it stands.
#[component]
fn Dues(dues: Vec<Due>) -> impl IntoView {
    view! {
        <ul class="app-dues">
            {dues.into_iter().map(|d| view! {
                <li>{format!("{}：{}前 ", d.what, d.due)}<DueState due=d /></li>
            }).collect_view()}
        </ul>
    }
}

fn level_options() -> Vec<(String, String)> {
    std::iter::once((String::new(), "请选择".to_owned()))
        .chain(
            Level::ALL
                .iter()
                .map(|l| (l.as_str().to_owned(), l.label().to_owned())),
        )
        .collect()
}

fn short(text: &str, n: usize) -> String {
    let mut out: String = text.chars().take(n).collect();
    if text.chars().count() > n {
        out.push('…');
    }
    out
}

struct Lists {
    open: Vec<Concern>,
    closed: Vec<Concern>,
    calendar: std::sync::Arc<Calendar>,
    now: i64,
    days: i64,
}

async fn lists() -> Result<Lists, AppError> {
    let state = crate::server::context::state()?;
    Ok(Lists {
        open: super::db::open(&state.db).await?,
        closed: super::db::closed(&state.db, CLOSED).await?,
        calendar: state.calendar(),
        now: state.now(),
        days: state.site().concern_days(),
    })
}

#[component]
pub fn ConcernsPage() -> impl IntoView {
    if let Err(view) = guard() {
        return view;
    }
    let sub = crate::server::forms::submitted();
    let errors = sub.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let message = sub.as_ref().and_then(|s| s.message.clone());
    let title = if errors.is_empty() && message.is_none() {
        "舆情回应"
    } else {
        "错误：舆情回应"
    };
    view! {
        <PageMeta title=title description="政务舆情的登记、研判、回应时限和办结记录。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="舆情回应" />
        <h1 class="app-page-title">"舆情回应"</h1>
        {notice().map(|n| view! { <Notice text=n /> })}
        {message.map(|m| view! { <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true><p>{m}</p></div> })}
        <ErrorSummary errors=errors.clone() />
        {loaded(lists, move |l: Lists| view! {
            <p class="app-page-lede">{format!(
                "发现涉及本局工作的政务舆情后，请立即登记并研判级别。重大、特别重大舆情最迟在发现后5小时内发布权威信息、24小时内举行新闻发布会（按自然小时计算，不分昼夜和节假日）；一般、较大舆情在{}个工作日内回应。回应发布后在此关联，公众可在回应页面看到关切发生的时间和回应用时。",
                l.days
            )}</p>
            <h2 class="app-section-title" id="open">{format!("待回应（{}条）", l.open.len())}</h2>
            {if l.open.is_empty() {
                view! { <p class="app-list__empty">"没有待回应的舆情。"</p> }.into_any()
            } else {
                view! { <ConcernTable items=l.open calendar=l.calendar.clone() now=l.now caption="待回应的舆情" /> }.into_any()
            }}
            <RecordForm sub=sub.clone() errors=errors.clone() now=l.now />
            <h2 class="app-section-title" id="closed">"已办结"</h2>
            {if l.closed.is_empty() {
                view! { <p class="app-list__empty">"还没有办结的舆情。"</p> }.into_any()
            } else {
                view! { <ConcernTable items=l.closed calendar=l.calendar now=l.now caption="已办结的舆情" /> }.into_any()
            }}
        }.into_any())}
    }
    .into_any()
}

#[component]
fn ConcernTable(
    items: Vec<Concern>,
    calendar: std::sync::Arc<Calendar>,
    now: i64,
    caption: &'static str,
) -> impl IntoView {
    view! {
        <div class="app-table-wrap">
            <table class="app-table app-table--cards">
                <caption class="app-visually-hidden">{caption}</caption>
                <thead><tr>
                    <th scope="col">"编号"</th>
                    <th scope="col">"级别"</th>
                    <th scope="col">"来源与摘要"</th>
                    <th scope="col">"责任部门"</th>
                    <th scope="col">"发现时间"</th>
                    <th scope="col">"时限"</th>
                </tr></thead>
                <tbody>
                    {items.into_iter().map(|c| {
                        let dues = c.dues(&calendar, now);
                        let state = (c.status != Status::Open).then(|| c.status.label());
                        view! {
                            <tr>
                                <th scope="row" data-label="编号"><a href=format!("/staff/concerns/{}", c.id)>{format!("舆情 {}", c.id)}</a></th>
                                <td data-label="级别">{c.level.label()}</td>
                                <td data-label="来源与摘要">{format!("{}：{}", c.outlet, short(&c.summary, 40))}</td>
                                <td data-label="责任部门">{c.department.clone()}</td>
                                <td data-label="发现时间">{datetime_zh(c.noticed_at)}</td>
                                <td data-label="时限">
                                    {state.map(|s| view! { <span class="app-tag">{s}</span> })}
                                    <Dues dues />
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn RecordForm(
    sub: Option<Submitted>,
    errors: Vec<crate::error::FieldError>,
    now: i64,
) -> impl IntoView {
    let value = |k: &str| sub.as_ref().map(|s| s.value(k));
    view! {
        <h2 class="app-section-title" id="record">"登记舆情"</h2>
        <form class="app-form" method="post" action="/staff/concerns">
            <Select name="level" label="舆情级别" options=level_options() selected=value("level").unwrap_or_default() error=error_for(&errors, "level") />
            <TextInput name="outlet" label="来源" value=value("outlet").unwrap_or_default() hint="在哪里发现：媒体、网站、平台或渠道，如 某某论坛、微博、12345热线" error=error_for(&errors, "outlet") />
            <TextInput name="source_url" label="原文链接（选填）" value=value("source_url").unwrap_or_default() hint="以 https:// 开头" error=error_for(&errors, "source_url") />
            <TextInput name="noticed" label="发现时间" kind="datetime-local" value=value("noticed").unwrap_or_else(|| local_input(now)) hint="北京时间；时限从此刻起算" error=error_for(&errors, "noticed") />
            <TextArea name="summary" label="舆情摘要" value=value("summary").unwrap_or_default() hint="公众关切什么、传播情况如何；只在工作台可见" rows=4 error=error_for(&errors, "summary") />
            <TextInput name="department" label="责任部门" value=value("department").unwrap_or_default() hint="负责研判和回应的处室，如 出版处" error=error_for(&errors, "department") />
            <div class="app-form__actions">
                <button type="submit" class="app-button">"登记"</button>
            </div>
        </form>
        <p class="app-hint">{format!("摘要最多{MAX_SUMMARY}字。")}</p>
    }
}

struct One {
    concern: Concern,
    responses: Vec<Response>,
    candidates: Vec<AnswerItem>,
    calendar: std::sync::Arc<Calendar>,
    now: i64,
}

async fn one(id: String) -> Result<One, AppError> {
    let state = crate::server::context::state()?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let (concern, responses) = super::db::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // What was published from a week before it was noticed can answer it.
    let candidates = if concern.status == Status::Declined {
        Vec::new()
    } else {
        crate::content::db::answer_candidates(
            &state.db,
            concern.noticed_at - 7 * 86_400,
            CANDIDATES,
        )
        .await?
        .into_iter()
        .filter(|a| !responses.iter().any(|r| r.article_id == a.id))
        .collect()
    };
    Ok(One {
        concern,
        responses,
        candidates,
        calendar: state.calendar(),
        now: state.now(),
    })
}

#[component]
pub fn ConcernPage() -> impl IntoView {
    let user = match guard() {
        Ok(u) => u,
        Err(view) => return view,
    };
    let id = crate::ui::url::route_param("id");
    let sub = crate::server::forms::submitted();
    loaded(
        move || one(id),
        move |o: One| view! { <ConcernView o user sub /> }.into_any(),
    )
    .into_any()
}

#[component]
fn ConcernView(o: One, user: StaffUser, sub: Option<Submitted>) -> impl IntoView {
    let One {
        concern: c,
        responses,
        candidates,
        calendar,
        now,
    } = o;
    let errors = sub.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let message = sub.as_ref().and_then(|s| s.message.clone());
    let value = |k: &str| sub.as_ref().map(|s| s.value(k)).unwrap_or_default();
    let name = format!("舆情 {}", c.id);
    let title = if errors.is_empty() && message.is_none() {
        name.clone()
    } else {
        format!("错误：{name}")
    };
    let action = format!("/staff/concerns/{}", c.id);
    let dues = c.dues(&calendar, now);
    let took = |r: &Response| super::types::took(c.level, c.noticed_at, r.published_at, &calendar);
    let responses_view = if responses.is_empty() {
        view! { <p class="app-list__empty">"还没有关联回应。"</p> }.into_any()
    } else {
        view! {
            <ul class="app-list">
                {responses.iter().map(|r| view! {
                    <li class="app-list__item app-list__item--stacked">
                        <a class="app-list__link" href=format!("/articles/{}", r.article_id)>{r.title.clone()}</a>
                        <span class="app-list__meta">
                            {r.conference.then(|| view! { <span class="app-tag">"新闻发布会"</span> })}
                            <span>{format!("{}发布，用时{}", datetime_zh(r.published_at), took(r))}</span>
                            <span>{format!("{} {} 关联", r.linked_by, datetime_zh(r.linked_at))}</span>
                        </span>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let link_form = (c.status != Status::Declined).then(|| {
        let options: Vec<(String, String)> = std::iter::once((String::new(), "请选择".to_owned()))
            .chain(candidates.iter().map(|a| {
                let what = if a.conference { "新闻发布会" } else { a.kind.label() };
                (
                    a.id.to_string(),
                    format!("{}（{what}，{}）", short(&a.title, 30), datetime_zh(a.published_at)),
                )
            }))
            .collect();
        let conference = value("conference") == "yes";
        view! {
            <h2 class="app-section-title" id="link">"关联回应"</h2>
            <p class="app-hint">"先在本网站发布回应（回应关切、新闻发布或政策解读，须经保密审查），再在这里选择它。回应的发布时间即为回应时间。"</p>
            <form class="app-form" method="post" action=action.clone()>
                <input type="hidden" name="action" value="link" />
                <Select name="article" label="回应信息" options selected=value("article") error=error_for(&errors, "article") />
                {hour_clock(c.level).then(|| view! {
                    <div class="app-field app-field--checkbox">
                        <input type="checkbox" id="conference" name="conference" value="yes" checked=conference />
                        <label for="conference">"这是新闻发布会（24小时时限）；子类别为新闻发布会的信息无需勾选"</label>
                    </div>
                })}
                <div class="app-form__actions">
                    <button type="submit" class="app-button">"关联"</button>
                </div>
            </form>
        }
    });
    // A refused form keeps its entries; otherwise the judgement as it stands.
    let judged = |k: &str, now: &str| {
        if sub.as_ref().is_some_and(|s| s.value("action") == "judge") {
            value(k)
        } else {
            now.to_owned()
        }
    };
    let judge_form = (c.status == Status::Open).then(|| view! {
        <h2 class="app-section-title" id="judge">"研判"</h2>
        <p class="app-hint">"舆情发展变化的，重新研判级别。调整为重大、特别重大的，自发现时间起按5小时、24小时计算，并立即通知编辑和审核人员。"</p>
        <form class="app-form" method="post" action=action.clone()>
            <input type="hidden" name="action" value="judge" />
            <Select name="level" label="舆情级别" options=level_options() selected=judged("level", c.level.as_str()) error=error_for(&errors, "level") />
            <TextArea name="summary" label="舆情摘要" value=judged("summary", &c.summary) rows=4 error=error_for(&errors, "summary") />
            <TextInput name="department" label="责任部门" value=judged("department", &c.department) error=error_for(&errors, "department") />
            <div class="app-form__actions">
                <button type="submit" class="app-button app-button--secondary">"保存研判"</button>
            </div>
        </form>
    });
    let decline_form = (c.status == Status::Open && c.info_at.is_none() && user.has(Role::Reviewer)).then(|| view! {
        <h2 class="app-section-title" id="decline">"不予回应"</h2>
        <form class="app-form" method="post" action=action.clone()>
            <input type="hidden" name="action" value="decline" />
            <TextArea name="reason" label="不予回应的理由" value=value("reason") hint="研判后决定不回应的，写明理由；记入工作记录，不公开" rows=3 error=error_for(&errors, "reason") />
            <div class="app-form__actions">
                <button type="submit" class="app-button app-button--warning">"记录不予回应"</button>
            </div>
        </form>
    });
    view! {
        <PageMeta title=title description="一条政务舆情的时限和回应。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff"), ("舆情回应", "/staff/concerns")]) current=name.clone() />
        <h1 class="app-page-title">{name.clone()}</h1>
        {notice().map(|n| view! { <Notice text=n /> })}
        {message.map(|m| view! { <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true><p>{m}</p></div> })}
        <ErrorSummary errors=errors.clone() />
        <dl class="app-fields">
            <div class="app-fields__row"><dt class="app-fields__label">"状态"</dt><dd class="app-fields__value">{c.status.label()}</dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"级别"</dt><dd class="app-fields__value">{c.level.label()}</dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"来源"</dt><dd class="app-fields__value">
                {c.outlet.clone()}
                {(!c.source_url.is_empty()).then(|| view! { " "<a href=c.source_url.clone() rel="noopener noreferrer nofollow">"原文"</a> })}
            </dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"发现时间"</dt><dd class="app-fields__value">{datetime_zh(c.noticed_at)}</dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"舆情摘要"</dt><dd class="app-fields__value">{c.summary.clone()}</dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"责任部门"</dt><dd class="app-fields__value">{c.department.clone()}</dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"时限"</dt><dd class="app-fields__value"><Dues dues /></dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"登记"</dt><dd class="app-fields__value">{format!("{} {}", c.created_by, datetime_zh(c.created_at))}</dd></div>
            {c.closed_at.map(|t| view! {
                <div class="app-fields__row"><dt class="app-fields__label">"办结"</dt><dd class="app-fields__value">
                    {format!("{} {} {}", c.closed_by, datetime_zh(t), c.status.label())}
                    {(!c.decline_reason.is_empty()).then(|| view! { <p>{format!("理由：{}", c.decline_reason)}</p> })}
                </dd></div>
            })}
        </dl>
        <h2 class="app-section-title" id="responses">"回应"</h2>
        {responses_view}
        {link_form}
        {judge_form}
        {decline_form}
    }
}

/// What the dashboard shows an editor or reviewer: every concern still
/// waiting for its response, with its clocks.
pub struct Waiting {
    items: Vec<Concern>,
    calendar: std::sync::Arc<Calendar>,
    now: i64,
}

/// The concerns waiting for a response, for the dashboard.
pub async fn waiting() -> Result<Waiting, AppError> {
    let state = crate::server::context::state()?;
    Ok(Waiting {
        items: super::db::open(&state.db).await?,
        calendar: state.calendar(),
        now: state.now(),
    })
}

/// The dashboard's panel of concerns waiting for a response (nothing when
/// there are none).
#[component]
pub fn WaitingConcerns(w: Waiting) -> impl IntoView {
    (!w.items.is_empty()).then(|| {
        let n = w.items.len();
        view! {
            <section class="app-panel" aria-labelledby="concerns">
                <h2 class="app-panel__title" id="concerns">{format!("待回应的舆情（{n}条）")}</h2>
                <ConcernTable items=w.items calendar=w.calendar now=w.now caption="待回应的舆情" />
                <p><a href="/staff/concerns">"舆情回应"</a></p>
            </section>
        }
    })
}
