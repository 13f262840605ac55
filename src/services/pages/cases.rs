use crate::error::FieldError;
use crate::server::forms::Submitted;
use crate::services::api::{get_case, list_cases};
use crate::services::cases::urgency;
use crate::services::types::{
    grade_label, CaseDetail, CaseFilter, CasePage, CaseStatus, CaseSummary, FieldKind,
};
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{
    error_page::{awaited, loaded},
    forms::{error_for, ErrorSummary, Select, TextArea, TextInput},
    layout::PageMeta,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn left_text(c: &CaseSummary) -> String {
    match (c.days_left, c.paused) {
        (_, true) => "补正中，暂停计时".to_owned(),
        (Some(d), _) if d < 0 => format!("超期 {} 个工作日", -d),
        (Some(d), _) => format!("剩余 {d} 个工作日"),
        (None, _) => "—".to_owned(),
    }
}

#[component]
fn Urgency(c: CaseSummary) -> impl IntoView {
    let level = urgency(c.days_left);
    let label = match level {
        "red" => "红灯：",
        "yellow" => "黄灯：",
        _ => "",
    };
    view! {
        <span class=format!("app-urgency app-urgency--{level}")>
            {(!label.is_empty()).then(|| view! { <strong>{label}</strong> })}
            {left_text(&c)}
        </span>
    }
}

/// A follow-up's time left, with its light.
#[component]
pub fn FollowUpLeft(left: i64) -> impl IntoView {
    let level = urgency(Some(left));
    let text = if left < 0 {
        format!("红灯：超期 {} 个工作日", -left)
    } else if level == "yellow" {
        format!("黄灯：剩余 {left} 个工作日")
    } else {
        format!("剩余 {left} 个工作日")
    };
    view! { <span class=format!("app-urgency app-urgency--{level}")>{text}</span> }
}

/// The queue's filter as the URL carries it.
fn case_filter() -> CaseFilter {
    let q = use_query_map();
    let get = |k: &str| q.with_untracked(|m| m.get(k)).unwrap_or_default();
    CaseFilter {
        status: get("status"),
        service: get("service"),
        light: get("light"),
        from: get("from"),
        to: get("to"),
        page: get("page").parse().unwrap_or(1),
    }
}

/// `/staff/cases?status=&service=&light=&from=&to=&page=`: the handlers'
/// queue, soonest due first, 50 a page, filtered by status, service,
/// light and submission date.
#[component]
pub fn CasesPage() -> impl IntoView {
    let filter = case_filter();
    view! {
        {awaited(async move {
            match list_cases(filter.clone()).await {
                Ok(page) => view! { <CaseQueue filter page errors=Vec::new() /> }.into_any(),
                Err(crate::error::AppError::Validation(errors)) => {
                    crate::server::context::set_status(400);
                    let page = CasePage { cases: Vec::new(), total: 0, red: 0, yellow: 0, page: 1, pages: 1, services: Vec::new() };
                    view! { <CaseQueue filter page errors /> }.into_any()
                }
                Err(e) => crate::ui::error_page::error_view(e),
            }
        })}
    }
}

#[component]
fn CaseQueue(filter: CaseFilter, page: CasePage, errors: Vec<FieldError>) -> impl IntoView {
    let title = if errors.is_empty() {
        "办件"
    } else {
        "错误：办件"
    };
    let statuses = std::iter::once((String::new(), "全部".to_owned()))
        .chain(
            CaseStatus::QUEUE
                .iter()
                .map(|s| (s.as_str().to_owned(), s.label().to_owned())),
        )
        .collect::<Vec<_>>();
    let services = std::iter::once((String::new(), "全部事项".to_owned()))
        .chain(page.services.iter().cloned())
        .collect::<Vec<_>>();
    let mut lights = crate::clock::Light::options();
    lights.push(("paused".to_owned(), "补正中（暂停计时）".to_owned()));
    let href = crate::ui::pagination::query_href(
        "/staff/cases",
        vec![
            ("status", filter.status.clone()),
            ("service", filter.service.clone()),
            ("light", filter.light.clone()),
            ("from", filter.from.clone()),
            ("to", filter.to.clone()),
        ],
    );
    let CasePage {
        cases,
        total,
        red,
        yellow,
        page: current,
        pages,
        ..
    } = page;
    view! {
        <PageMeta title=title description="网上申请的办理队列。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="办件" />
        <h1 class="app-page-title">"办件"</h1>
        <ErrorSummary errors=errors.clone() />
        <form class="app-filters" method="get" action="/staff/cases">
            <Select name="status" label="状态" options=statuses selected=filter.status.clone() error=error_for(&errors, "status") />
            <Select name="service" label="事项" options=services selected=filter.service.clone() error=error_for(&errors, "service") />
            <Select name="light" label="时限" options=lights selected=filter.light.clone() error=error_for(&errors, "light") />
            <TextInput name="from" label="提交日期从" kind="date" value=filter.from.clone() error=error_for(&errors, "from") />
            <TextInput name="to" label="提交日期至" kind="date" value=filter.to.clone() error=error_for(&errors, "to") />
            <div class="app-filters__actions">
                <button type="submit" class="app-button">"筛选"</button>
                <a href="/staff/cases">"清除筛选"</a>
            </div>
        </form>
        <p class="app-meta-line" role="status">{format!("共 {total} 件；红灯（超期）{red} 件，黄灯（剩余不超过 2 个工作日）{yellow} 件。按承诺办结日期排序，每页 {} 件。", crate::services::db::queue::PAGE_SIZE)}</p>
        {if cases.is_empty() {
            view! { <p class="app-list__empty">"没有符合条件的办件。"</p> }.into_any()
        } else {
            view! {
                <div class="app-table-wrap">
                    <table class="app-table app-table--cards">
                        <caption class="app-visually-hidden">"办件队列"</caption>
                        <thead><tr>
                            <th scope="col">"受理编号"</th>
                            <th scope="col">"事项"</th>
                            <th scope="col">"申请人"</th>
                            <th scope="col">"状态"</th>
                            <th scope="col">"提交日期"</th>
                            <th scope="col">"承诺办结日期"</th>
                            <th scope="col">"时限"</th>
                        </tr></thead>
                        <tbody>
                            {cases.into_iter().map(|c| view! {
                                <tr>
                                    <th scope="row" data-label="受理编号"><a href=format!("/staff/cases/{}", c.number)>{c.number.clone()}</a></th>
                                    <td data-label="事项">{c.service_name.clone()}</td>
                                    <td data-label="申请人">{c.applicant.clone()}</td>
                                    <td data-label="状态">{c.status.label()}</td>
                                    <td data-label="提交日期">{c.submitted_on.clone()}</td>
                                    <td data-label="承诺办结日期">{c.due_on.clone().unwrap_or_else(|| "—".to_owned())}</td>
                                    <td data-label="时限"><Urgency c=c.clone() />{c.days_left.and_then(|_| crate::clock::pages::calendar_gap(c.due_on.as_deref()))}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <crate::ui::pagination::PageLinks page=current pages href />
    }
}

/// `/staff/cases/{number}`: one case — what was asked, the files, the
/// timeline, the clock, and the decisions open on it.
#[component]
pub fn CasePage() -> impl IntoView {
    let number = crate::ui::url::route_param("number");
    let done = use_query_map().with_untracked(|q| q.get("done")).is_some();
    let submitted = use_context::<Submitted>();
    loaded(
        move || get_case(number.clone()),
        move |case| view! { <Case case done submitted=submitted.clone() /> }.into_any(),
    )
}

#[component]
fn Case(case: CaseDetail, done: bool, submitted: Option<Submitted>) -> impl IntoView {
    let CaseDetail {
        summary,
        service,
        answers,
        files,
        events,
        actions,
        licence_row,
        rating,
        notices,
    } = case;
    let errors: Vec<FieldError> = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let message = submitted.as_ref().and_then(|s| s.message.clone());
    let value = |k: &str| submitted.as_ref().map(|s| s.value(k)).unwrap_or_default();
    let number = summary.number.clone();
    let title = format!(
        "{}办件 {number}",
        if errors.is_empty() && message.is_none() {
            ""
        } else {
            "错误："
        }
    );
    let action_options: Vec<(String, String)> =
        std::iter::once((String::new(), "请选择".to_owned()))
            .chain(actions.iter().cloned())
            .collect();
    let grantable = actions.iter().any(|(a, _)| a == "grant");
    view! {
        <PageMeta title=title description="办件详情。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff"), ("办件", "/staff/cases")]) current={number.clone()} />
        <h1 class="app-page-title">{format!("办件 {number}")}</h1>
        {done.then(|| view! { <div class="app-banner app-banner--ok" role="status"><p class="app-banner__title">"已办理"</p></div> })}
        {message.map(|m| view! { <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true><p>{m}</p></div> })}
        <ErrorSummary errors=errors.clone() />
        <dl class="app-fields">
            <div class="app-fields__row"><dt class="app-fields__label">"事项"</dt><dd class="app-fields__value">{service.name.clone()}</dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"状态"</dt><dd class="app-fields__value"><strong>{summary.status.label()}</strong></dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"承诺办结日期"</dt><dd class="app-fields__value">
                {summary.due_on.clone().unwrap_or_else(|| "—".to_owned())}" "<Urgency c=summary.clone() />
                {summary.days_left.and_then(|_| crate::clock::pages::calendar_gap(summary.due_on.as_deref()))}
            </dd></div>
            {licence_row.map(|id| view! {
                <div class="app-fields__row"><dt class="app-fields__label">"行政许可公示"</dt><dd class="app-fields__value"><a href=format!("/registers/licences/{id}")>"查看公示记录"</a></dd></div>
            })}
        </dl>
        {(!actions.is_empty()).then(|| view! {
            <section class="app-staff-panel" aria-labelledby="decide-title">
                <h2 id="decide-title" class="app-section-title">"办理"</h2>
                <form class="app-form" method="post" action=format!("/staff/cases/{number}")>
                    <Select name="action" label="操作" options=action_options.clone() selected=value("action") error=error_for(&errors, "action") />
                    <div class=if error_for(&errors, "opinion").is_some() { "app-field app-field--error" } else { "app-field" }>
                        <label class="app-field__label" for="opinion">"意见"</label>
                        <p class="app-field__hint" id="opinion-hint">"补正须写明全部需补正的内容；不予受理、不予许可须写明理由。"</p>
                        {error_for(&errors, "opinion").map(|e| view! { <p class="app-field__error" id="opinion-error"><span class="app-visually-hidden">"错误："</span>{e}</p> })}
                        <textarea class="app-field__textarea" id="opinion" name="opinion" rows="4" aria-describedby="opinion-hint">{value("opinion")}</textarea>
                    </div>
                    {grantable.then(|| view! {
                        <div class=if error_for(&errors, "cert_no").is_some() { "app-field app-field--error" } else { "app-field" }>
                            <label class="app-field__label" for="cert_no">"许可证书编号（准予许可时填写）"</label>
                            {error_for(&errors, "cert_no").map(|e| view! { <p class="app-field__error" id="cert_no-error"><span class="app-visually-hidden">"错误："</span>{e}</p> })}
                            <input class="app-field__input" id="cert_no" name="cert_no" type="text" value=value("cert_no") />
                        </div>
                    })}
                    <button type="submit" class="app-button">"确定"</button>
                </form>
            </section>
        })}
        {rating.map(|r| {
            let open = r.score <= 2 && r.followed_on.is_none();
            view! {
                <section class="app-staff-panel" aria-labelledby="rating-title">
                    <h2 id="rating-title" class="app-section-title">"申请人评价"</h2>
                    <dl class="app-fields">
                        <div class="app-fields__row"><dt class="app-fields__label">"评价"</dt><dd class="app-fields__value">{format!("{}（{} 分），{}", grade_label(r.score), r.score, r.rated_on)}</dd></div>
                        {(!r.comment.is_empty()).then(|| view! { <div class="app-fields__row"><dt class="app-fields__label">"评价内容"</dt><dd class="app-fields__value">{r.comment.clone()}</dd></div> })}
                        {r.follow_up_due.clone().map(|d| view! {
                            <div class="app-fields__row"><dt class="app-fields__label">"回访期限"</dt><dd class="app-fields__value">
                                {d}" "
                                {r.follow_up_days_left.map(|left| view! { <FollowUpLeft left /> })}
                            </dd></div>
                        })}
                        {r.followed_on.clone().map(|d| view! {
                            <div class="app-fields__row"><dt class="app-fields__label">"回访整改情况"</dt><dd class="app-fields__value">{format!("{}（{d}）", r.follow_up)}</dd></div>
                        })}
                    </dl>
                    {open.then(|| view! {
                        <form class="app-form" method="post" action=format!("/staff/cases/{number}")>
                            <input type="hidden" name="action" value="follow_up" />
                            <TextArea name="follow_up" label="回访整改情况" value=value("follow_up") error=error_for(&errors, "follow_up") hint="写明回访结果和整改措施；申请人凭受理编号和查询码可以看到。" rows=4 />
                            <button type="submit" class="app-button">"提交回访"</button>
                        </form>
                    })}
                </section>
            }
        })}
        <h2 class="app-section-title">"申请内容"</h2>
        <dl class="app-fields">
            {service.fields.iter().map(|f| {
                let shown = if f.kind == FieldKind::File {
                    files.iter().find(|u| u.field == f.key).map(|u| view! {
                        <a href=format!("/staff/cases/{number}/files/{}", u.field)>{u.file_name.clone()}</a>
                    }.into_any())
                } else {
                    answers.get(&f.key).filter(|v| !v.is_empty()).map(|v| v.clone().into_any())
                };
                view! {
                    <div class="app-fields__row">
                        <dt class="app-fields__label">{f.label.clone()}</dt>
                        <dd class="app-fields__value">{shown.unwrap_or_else(|| "未填写".into_any())}</dd>
                    </div>
                }
            }).collect_view()}
        </dl>
        <section class="app-timeline" aria-labelledby="case-events">
            <h2 id="case-events" class="app-section-title">"办理过程"</h2>
            <ol class="app-timeline__list">
                {events.into_iter().map(|e| view! {
                    <li class="app-timeline__item">
                        <time class="app-timeline__date" datetime=e.on_date.clone()>{crate::ui::format::date_zh(&e.on_date)}</time>
                        <span class="app-timeline__stage">{e.action}</span>
                        <p class="app-timeline__note">{format!("{}：{}", e.actor, e.note)}</p>
                    </li>
                }).collect_view()}
            </ol>
        </section>
        <crate::notify::components::NoticeList notices staff=true />
    }
}
