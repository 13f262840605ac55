//! The staff workbench (工作台, `/staff`): what waits for the signed-in
//! member of staff across every domain — drafts, reviews, scheduled items,
//! documents awaiting interpretation, re-reviews, consultations, disclosure
//! requests, consultations on drafts closed without feedback — and links
//! to each domain's own work pages. It reads through each domain's api only.

use crate::account::pages::signed_in;
use crate::account::types::Role;
use crate::consult::api::list_consultations;
use crate::consult::pages::QuestionTable;
use crate::content::api::list_awaiting_interpretation;
use crate::content::editorial::api::{
    list_my_drafts, list_rereview_due, list_scheduled, list_to_review,
};
use crate::content::editorial::types::{RevisionState, WorkItem};
use crate::content::types::ContentKind;
use crate::server::forms::notice;
use crate::ui::{
    error_page::{awaited, error_view},
    format::date_zh,
    forms::Notice,
    layout::PageMeta,
};
use leptos::prelude::*;

/// `/staff`: the dashboard — my drafts, what waits for my review, what is
/// scheduled, documents awaiting interpretation, withheld items due for review.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let user = match signed_in() {
        Ok(u) => u,
        Err(view) => return view,
    };
    let notice = notice();
    let is_editor = user.has(Role::Editor);
    let is_reviewer = user.has(Role::Reviewer);
    let is_admin = user.has(Role::Admin);
    let is_handler = user.has(Role::Handler);
    let roles = user.roles.clone();
    // From 1 November, next year's holidays are due from the State Council:
    // until they are entered, a deadline across New Year counts only weekends.
    let calendar_missing = crate::server::context::state().ok().and_then(|state| {
        use chrono::Datelike;
        let today = state.today();
        let next = today.year() + 1;
        (today.month() >= 11 && !state.calendar().has_year(next)).then_some(next)
    });
    view! {
        <PageMeta title="工作台" description="工作人员工作台。" />
        <h1 class="app-page-title">"工作台"</h1>
        <p class="app-page-lede">{format!("{}，您好。您的角色：{}。", user.display_name, user.roles_label())}</p>
        {notice.map(|n| view! { <Notice text=n /> })}
        {calendar_missing.map(|next| view! {
            <div class="app-banner" role="status">
                <p class="app-banner__title">{format!("{next}年的节假日安排尚未录入")}</p>
                <p class="app-banner__text">
                    {format!("跨入{next}年的办理时限和答复期限目前只扣除周末。国务院办公厅的通知发布后，请管理员及时录入。")}
                    {is_admin.then(|| view! { " "<a href=format!("/staff/calendar?year={next}")>{format!("录入{next}年的节假日")}</a> })}
                </p>
            </div>
        })}
        <ul class="app-actions">
            {is_editor.then(|| ContentKind::ALL.into_iter().filter(|k| *k != ContentKind::AnnualReport).map(|k| view! {
                <li><a class="app-button app-button--secondary" href=format!("/disclosure/{}/new", k.slug())>{format!("新建{}", k.label())}</a></li>
            }).collect_view())}
            {is_editor.then(|| view! {
                <li><a class="app-button app-button--secondary" href="/staff/graphics">"图解"</a></li>
                <li><a class="app-button app-button--secondary" href="/staff/consultations">"意见征集"</a></li>
                <li><a class="app-button app-button--secondary" href="/staff/annual-reports">"年度报告"</a></li>
                <li><a class="app-button app-button--secondary" href="/staff/monitor">"网站自查"</a></li>
                <li><a class="app-button app-button--secondary" href="/staff/archive">"两馆报送"</a></li>
            })}
            {(is_editor || is_reviewer).then(|| view! { <li><a class="app-button app-button--secondary" href="/staff/topics">"专题"</a></li><li><a class="app-button app-button--secondary" href="/staff/pages">"页面"</a></li> })}
            {(is_reviewer || user.has(Role::Services) || is_admin).then(|| view! { <li><a class="app-button app-button--secondary" href="/staff/services">"事项管理"</a></li> })}
            {(is_editor || is_reviewer).then(|| view! { <li><a class="app-button app-button--secondary" href="/staff/concerns">"舆情回应"</a></li> })}
            {(is_admin || is_reviewer).then(|| view! { <li><a href="/staff/alerts">"紧急公告"</a></li> })}
            <li><a href="/staff/password">"修改密码"</a></li>
            {is_admin.then(|| view! {
                <li><a href="/staff/audit">"审计日志"</a></li>
                <li><a href="/staff/users">"账户管理"</a></li>
                <li><a href="/staff/calendar">"节假日安排"</a></li>
                <li><a href="/staff/settings">"网站设置"</a></li>
                <li><a href="/staff/notices">"通知"</a></li>
                <li><a href="/staff/catalogue">"目录分类"</a></li>
            })}
            {user.has(Role::Handler).then(|| view! {
                <li><a class="app-button app-button--secondary" href="/staff/cases">"办件"</a></li>
                <li><a class="app-button app-button--secondary" href="/staff/consult">"网上咨询"</a></li>
                <li><a class="app-button app-button--secondary" href="/staff/requests">"依申请公开"</a></li>
                <li><a class="app-button app-button--secondary" href="/staff/mailbox">"来信办理"</a></li>
                <li><a href="/staff/supervision">"电子监察"</a></li>
            })}
        </ul>
        {awaited(async move {
                let drafts = if is_editor { Some(list_my_drafts().await) } else { None };
                let awaiting = if is_editor { Some(list_awaiting_interpretation().await) } else { None };
                let publication = if is_editor { Some(crate::content::editorial::api::list_publication_due().await) } else { None };
                let review = if is_reviewer { Some(list_to_review().await) } else { None };
                let graphics = if is_reviewer { Some(crate::graphics::api::list_graphics_to_review().await) } else { None };
                let guides = if is_reviewer { Some(guides_to_review().await) } else { None };
                let scheduled = if is_reviewer { Some(list_scheduled().await) } else { None };
                let rereview = if is_reviewer { Some(list_rereview_due().await) } else { None };
                let questions = if is_handler { Some(list_consultations(Default::default()).await) } else { None };
                let requests = if is_handler { Some(crate::requests::api::list_requests(false).await) } else { None };
                let consultations = if is_editor { Some(crate::comments::api::list_consultation_work().await) } else { None };
                let reports = if is_editor { Some(crate::reports::api::list_annual_reports().await) } else { None };
                let concerns = if is_editor || is_reviewer { Some(crate::concerns::pages::waiting().await) } else { None };
                let letters = if is_handler { Some(crate::mailbox::staff::waiting().await) } else { None };
                // What turns yellow or red today in this person's queues (the morning digest's list).
                let due_today = match crate::server::context::state() {
                    Ok(state) => crate::notify::digest::lines(&state, state.today())
                        .await
                        .map(|all| crate::notify::digest::for_roles(&all, &roles)),
                    Err(e) => Err(e),
                };
                let due_today = match due_today {
                    Ok(lines) => lines,
                    Err(e) => return error_view(e),
                };
                // A veto found by the self-check concerns everyone.
                let monitor = match crate::server::context::state() {
                    Ok(state) => crate::monitor::db::latest(&state.db).await.ok().flatten().map(|(_, f)| f).unwrap_or_default(),
                    Err(_) => Vec::new(),
                };
                let fail = [
                    drafts.as_ref().and_then(|r| r.as_ref().err().cloned()),
                    awaiting.as_ref().and_then(|r| r.as_ref().err().cloned()),
                    publication.as_ref().and_then(|r| r.as_ref().err().cloned()),
                    review.as_ref().and_then(|r| r.as_ref().err().cloned()),
                    graphics.as_ref().and_then(|r| r.as_ref().err().cloned()),
                    guides.as_ref().and_then(|r| r.as_ref().err().cloned()),
                    scheduled.as_ref().and_then(|r| r.as_ref().err().cloned()),
                    rereview.as_ref().and_then(|r| r.as_ref().err().cloned()),
                    questions.as_ref().and_then(|r| r.as_ref().err().cloned()),
                    requests.as_ref().and_then(|r| r.as_ref().err().cloned()),
                    consultations.as_ref().and_then(|r| r.as_ref().err().cloned()),
                    reports.as_ref().and_then(|r| r.as_ref().err().cloned()),
                    concerns.as_ref().and_then(|r| r.as_ref().err().cloned()),
                ]
                .into_iter()
                .flatten()
                .next();
                if let Some(e) = fail {
                    return error_view(e);
                }
                let today = crate::server::context::state().map(|s| s.today().format("%Y-%m-%d").to_string()).unwrap_or_default();
                // An emergency notice waits for a reviewer: say so first.
                let pending_alerts = match crate::server::context::state() {
                    Ok(state) if is_reviewer => crate::alerts::db::pending_count(&state.db, state.now()).await.unwrap_or_default(),
                    _ => 0,
                };
                view! {
                    {(pending_alerts > 0).then(|| view! {
                        <div class="app-banner" role="status">
                            <p class="app-banner__text">{format!("有 {pending_alerts} 条紧急公告等待审核，审核同意后才会显示。")}" "<a href="/staff/alerts">"去审核"</a></p>
                        </div>
                    })}
                    <crate::monitor::pages::Vetoes items=monitor editor=is_editor />
                    {(is_handler || is_editor || is_reviewer).then(|| view! { <crate::notify::components::DueToday lines=due_today /> })}
                    {concerns.and_then(Result::ok).map(|w| view! { <crate::concerns::pages::WaitingConcerns w /> })}
                    {letters.and_then(Result::ok).map(|w| view! { <crate::mailbox::staff::WaitingLetters w /> })}
                    {reports.and_then(Result::ok).map(|lines| view! { <crate::reports::pages::ReportDue lines today=today.clone() /> })}
                    {questions.and_then(Result::ok).map(|page| {
                        // The most urgent ten; the queue has the rest, filtered.
                        let more = page.open > 10;
                        let open = page.open;
                        let items: Vec<_> = page.items.into_iter().take(10).collect();
                        view! {
                            <section class="app-panel" aria-labelledby="questions">
                                <h2 class="app-panel__title" id="questions">"待答复的网上咨询（5个工作日内）"</h2>
                                {if items.is_empty() {
                                    view! { <p class="app-list__empty">"没有待答复的咨询。"</p> }.into_any()
                                } else {
                                    view! { <QuestionTable items /> }.into_any()
                                }}
                                {more.then(|| view! { <p><a href="/staff/consult">{format!("查看全部 {open} 条待答复的咨询")}</a></p> })}
                            </section>
                        }
                    })}
                    {requests.and_then(Result::ok).map(|items| view! {
                        <section class="app-panel" aria-labelledby="requests">
                            <h2 class="app-panel__title" id="requests">"待答复的政府信息公开申请（20个工作日内）"</h2>
                            {if items.is_empty() {
                                view! { <p class="app-list__empty">"没有待答复的申请。"</p> }.into_any()
                            } else {
                                view! { <crate::requests::pages::RequestTable items /> }.into_any()
                            }}
                        </section>
                    })}
                    {consultations.and_then(Result::ok).map(|items| view! { <crate::comments::pages::LateFeedback items /> })}
                    {drafts.and_then(Result::ok).map(|items| view! {
                        <WorkList title="我的稿件" id="my-drafts" items empty="没有未完成的稿件。" link="edit" />
                    })}
                    {review.and_then(Result::ok).map(|items| view! {
                        <WorkList title="待我审核" id="to-review" items empty="没有等待您审核的稿件。" link="review" />
                    })}
                    {graphics.and_then(Result::ok).map(|items| view! {
                        <section class="app-panel" aria-labelledby="graphics-to-review">
                            <h2 class="app-panel__title" id="graphics-to-review">"待审核的图解"</h2>
                            {if items.is_empty() {
                                view! { <p class="app-list__empty">"没有等待审核的图解。"</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="app-list">
                                        {items.into_iter().map(|(id, title, article)| view! {
                                            <li class="app-list__item">
                                                <a class="app-list__link" href=format!("/staff/graphics/{id}/review")>{title}</a>
                                                <span class="app-list__meta">{article.map(|t| format!("所附稿件：{t}")).unwrap_or_default()}</span>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </section>
                    })}
                    {guides.and_then(Result::ok).filter(|g| !g.is_empty()).map(|items| view! {
                        <section class="app-panel" aria-labelledby="guides-to-review">
                            <h2 class="app-panel__title" id="guides-to-review">"待审核的办事指南"</h2>
                            <ul class="app-list">
                                {items.into_iter().map(|(code, name)| view! {
                                    <li class="app-list__item"><a class="app-list__link" href=format!("/staff/services/{code}/review")>{name}</a></li>
                                }).collect_view()}
                            </ul>
                        </section>
                    })}
                    {scheduled.and_then(Result::ok).map(|items| view! {
                        <WorkList title="定时发布" id="scheduled" items empty="没有定时发布的稿件。" link="review" />
                    })}
                    {publication
                        .and_then(Result::ok)
                        .map(|items| items.into_iter().filter(|p| p.days_left <= crate::clock::YELLOW_DAYS as i64).collect::<Vec<_>>())
                        .filter(|items| !items.is_empty())
                        .map(|items| view! { <PublicationDueList items /> })}
                    {awaiting.and_then(Result::ok).map(|items| view! {
                        <section class="app-panel" aria-labelledby="awaiting">
                            <h2 class="app-panel__title" id="awaiting">"待发布解读的文件（3个工作日内）"</h2>
                            {if items.is_empty() {
                                view! { <p class="app-list__empty">"所有需要解读的文件都已发布解读。"</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="app-list">
                                        {items.into_iter().map(|a| {
                                            let overdue = a.days_left < 0;
                                            let status = if overdue {
                                                format!("已逾期{}个工作日", -a.days_left)
                                            } else {
                                                format!("还剩{}个工作日", a.days_left)
                                            };
                                            view! {
                                                <li class="app-list__item app-list__item--stacked">
                                                    <a class="app-list__link" href=format!("/articles/{}", a.document.id)>{a.document.title}</a>
                                                    <span class="app-list__meta">
                                                        {format!("应于{}前发布解读", date_zh(&a.due))}
                                                        <strong class=if overdue { "app-tag app-tag--overdue" } else { "app-tag" }>{status}</strong>
                                                        {crate::clock::pages::calendar_gap(Some(&a.due))}
                                                    </span>
                                                    <details class="app-details">
                                                        <summary>"计算过程"</summary>
                                                        <p>{a.working}</p>
                                                    </details>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </section>
                    })}
                    {rereview.and_then(Result::ok).map(|items| view! {
                        <section class="app-panel" aria-labelledby="rereview">
                            <h2 class="app-panel__title" id="rereview">"不公开信息定期评审（30日内到期）"</h2>
                            {if items.is_empty() {
                                view! { <p class="app-list__empty">"近期没有需要评审的不公开信息。"</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="app-list">
                                        {items.into_iter().map(|w| view! {
                                            <li class="app-list__item">
                                                <a class="app-list__link" href=format!("/articles/{}/rereview", w.article_id)>{w.title}</a>
                                                <span class="app-list__meta">
                                                    <span class="app-tag">{w.disclosure.label()}</span>
                                                    {format!("评审日期：{}", date_zh(&w.next_review_on))}
                                                </span>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </section>
                    })}
                }
                .into_any()
            })}
    }
    .into_any()
}

/// Items made but not yet published whose 20 working days (条例第二十六条)
/// run out within two working days or have run out: red or yellow, in
/// words as well as colour.
#[component]
fn PublicationDueList(
    items: Vec<crate::content::editorial::types::PublicationDue>,
) -> impl IntoView {
    view! {
        <section class="app-panel" aria-labelledby="publication-due">
            <h2 class="app-panel__title" id="publication-due">"临近公开时限的信息（形成之日起20个工作日内公开）"</h2>
            <ul class="app-list">
                {items.into_iter().map(|p| {
                    let level = if p.days_left < 0 { "red" } else { "yellow" };
                    let text = if p.days_left < 0 {
                        format!("红灯：已超期{}个工作日", -p.days_left)
                    } else {
                        format!("黄灯：剩余{}个工作日", p.days_left)
                    };
                    view! {
                        <li class="app-list__item app-list__item--stacked">
                            <a class="app-list__link" href=format!("/articles/{}/edit", p.article_id)>{if p.title.is_empty() { "（无标题）".to_owned() } else { p.title.clone() }}</a>
                            <span class="app-list__meta">
                                <span class=format!("app-urgency app-urgency--{level}")>{text}</span>
                                <span>{p.kind.label()}</span>
                                <span class="app-tag">{p.state.label()}</span>
                                <span>{format!("生成于{}，应于{}前公开", date_zh(&p.made_on), date_zh(&p.due))}</span>
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn WorkList(
    title: &'static str,
    id: &'static str,
    items: Vec<WorkItem>,
    empty: &'static str,
    link: &'static str,
) -> impl IntoView {
    view! {
        <section class="app-panel" aria-labelledby=id>
            <h2 class="app-panel__title" id=id>{title}</h2>
            {if items.is_empty() {
                view! { <p class="app-list__empty">{empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="app-list">
                        {items.into_iter().map(|w| {
                            let state = w.state;
                            view! {
                                <li class="app-list__item app-list__item--stacked">
                                    <a class="app-list__link" href=format!("/articles/{}/{link}", w.article_id)>{if w.title.is_empty() { "（无标题）".to_owned() } else { w.title.clone() }}</a>
                                    <span class="app-list__meta">
                                        <span class=if state == RevisionState::Returned { "app-tag app-tag--warning" } else { "app-tag" }>{state.label()}</span>
                                        <span>{w.kind.label()}</span>
                                        <span>{format!("{} · {}", w.author_name, w.updated)}</span>
                                        {w.scheduled.map(|s| view! { <span>{format!("定于{s}发布")}</span> })}
                                    </span>
                                    {(state == RevisionState::Returned).then(|| w.review_opinion.clone()).flatten().map(|o| view! {
                                        <p class="app-list__note">{format!("审核意见：{o}")}</p>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// Guides waiting for review (not returned): (code, name).
async fn guides_to_review() -> Result<Vec<(String, String)>, crate::error::AppError> {
    let db = crate::server::context::db()?;
    Ok(crate::services::db::editing::staff_list(&db)
        .await?
        .into_iter()
        .filter(|s| s.pending && !s.returned)
        .map(|s| (s.code, s.name))
        .collect())
}
