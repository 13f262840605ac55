use crate::consult::api::{get_consultation, list_consultations};
use crate::consult::types::{ConsultFilter, ConsultPage, Consultation, StaffConsultation};
use crate::server::forms::Submitted;
use crate::services::cases::urgency;
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{
    error_page::loaded,
    forms::{error_for, ErrorSummary, TextArea, TextInput},
    layout::PageMeta,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The answer's time left, with its light (red overdue, yellow ≤ 2 days).
#[component]
pub fn AnswerLeft(c: Consultation) -> impl IntoView {
    match (c.answered_on, c.days_left) {
        (Some(d), _) => {
            view! { <span class="app-tag">{format!("已答复（{d}）")}</span> }.into_any()
        }
        (None, Some(left)) => {
            let level = urgency(Some(left));
            let text = match level {
                "red" => format!("红灯：超期 {} 个工作日", -left),
                "yellow" => format!("黄灯：剩余 {left} 个工作日"),
                _ => format!("剩余 {left} 个工作日"),
            };
            view! { <span class=format!("app-urgency app-urgency--{level}")>{text}</span> }
                .into_any()
        }
        (None, None) => "—".into_any(),
    }
}

/// The queue as a table (also on the dashboard).
#[component]
pub fn QuestionTable(items: Vec<StaffConsultation>) -> impl IntoView {
    view! {
        <div class="app-table-wrap">
            <table class="app-table app-table--cards">
                <caption class="app-visually-hidden">"网上咨询"</caption>
                <thead><tr>
                    <th scope="col">"咨询编号"</th>
                    <th scope="col">"咨询主题"</th>
                    <th scope="col">"所涉事项"</th>
                    <th scope="col">"受理日期"</th>
                    <th scope="col">"答复期限"</th>
                </tr></thead>
                <tbody>
                    {items.into_iter().map(|s| {
                        let c = s.consultation;
                        view! {
                            <tr>
                                <th scope="row" data-label="咨询编号"><a href=format!("/staff/consult/{}", c.number)>{c.number.clone()}</a></th>
                                <td data-label="咨询主题">{c.topic.clone()}</td>
                                <td data-label="所涉事项">{if c.service_name.is_empty() { "—".to_owned() } else { c.service_name.clone() }}</td>
                                <td data-label="受理日期">{c.asked_on.clone()}</td>
                                <td data-label="答复期限">{c.due_on.clone().unwrap_or_default()}" "<AnswerLeft c=c.clone() />{c.days_left.and_then(|_| crate::clock::pages::calendar_gap(c.due_on.as_deref()))}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// `/staff/consult?all=&service=&light=&from=&to=&page=`: questions
/// waiting for an answer (with `all=1` the answered ones too), the least
/// time left first, 50 a page.
#[component]
pub fn StaffConsultPage() -> impl IntoView {
    let q = use_query_map();
    let get = |k: &str| q.with_untracked(|m| m.get(k)).unwrap_or_default();
    let filter = ConsultFilter {
        all: get("all"),
        service: get("service"),
        light: get("light"),
        from: get("from"),
        to: get("to"),
        page: get("page").parse().unwrap_or(1),
    };
    view! {
        {crate::ui::error_page::awaited(async move {
            match list_consultations(filter.clone()).await {
                Ok(page) => view! { <ConsultQueue filter page errors=Vec::new() /> }.into_any(),
                Err(crate::error::AppError::Validation(errors)) => {
                    crate::server::context::set_status(400);
                    let page = ConsultPage { items: Vec::new(), total: 0, open: 0, red: 0, yellow: 0, page: 1, pages: 1, services: Vec::new() };
                    view! { <ConsultQueue filter page errors /> }.into_any()
                }
                Err(e) => crate::ui::error_page::error_view(e),
            }
        })}
    }
}

#[component]
fn ConsultQueue(
    filter: ConsultFilter,
    page: ConsultPage,
    errors: Vec<crate::error::FieldError>,
) -> impl IntoView {
    use crate::ui::forms::Select;
    let title = if errors.is_empty() {
        "网上咨询"
    } else {
        "错误：网上咨询"
    };
    let shown = [("", "待答复"), ("1", "全部（含已答复）")]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect::<Vec<_>>();
    let services = [
        ("".to_owned(), "全部".to_owned()),
        ("none".to_owned(), "未选择事项".to_owned()),
    ]
    .into_iter()
    .chain(page.services.iter().cloned())
    .collect::<Vec<_>>();
    let lights = crate::clock::Light::options();
    let href = crate::ui::pagination::query_href(
        "/staff/consult",
        vec![
            ("all", filter.all.clone()),
            ("service", filter.service.clone()),
            ("light", filter.light.clone()),
            ("from", filter.from.clone()),
            ("to", filter.to.clone()),
        ],
    );
    let ConsultPage {
        items,
        total,
        open,
        red,
        yellow,
        page: current,
        pages,
        ..
    } = page;
    view! {
        <PageMeta title=title description="待答复的网上咨询。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="网上咨询" />
        <h1 class="app-page-title">"网上咨询"</h1>
        <ErrorSummary errors=errors.clone() />
        <form class="app-filters" method="get" action="/staff/consult">
            <Select name="all" label="范围" options=shown selected=filter.all.clone() />
            <Select name="service" label="所涉事项" options=services selected=filter.service.clone() error=error_for(&errors, "service") />
            <Select name="light" label="时限" options=lights selected=filter.light.clone() error=error_for(&errors, "light") />
            <TextInput name="from" label="受理日期从" kind="date" value=filter.from.clone() error=error_for(&errors, "from") />
            <TextInput name="to" label="受理日期至" kind="date" value=filter.to.clone() error=error_for(&errors, "to") />
            <div class="app-filters__actions">
                <button type="submit" class="app-button">"筛选"</button>
                <a href="/staff/consult">"清除筛选"</a>
            </div>
        </form>
        <p class="app-meta-line" role="status">{format!("共 {total} 条，待答复 {open} 条，其中超期 {red} 条、剩余不超过 2 个工作日 {yellow} 条。须在受理后 5 个工作日内答复。")}</p>
        {if items.is_empty() {
            view! { <p class="app-empty">"没有符合条件的咨询。"</p> }.into_any()
        } else {
            view! { <QuestionTable items /> }.into_any()
        }}
        <crate::ui::pagination::PageLinks page=current pages href />
    }
}

/// `/staff/consult/{number}`: the question with the asker's contact, and
/// the answer form (or the answer given).
#[component]
pub fn StaffQuestionPage() -> impl IntoView {
    let number = crate::ui::url::route_param("number");
    let done = use_query_map().with_untracked(|q| q.get("done")).is_some();
    let submitted = use_context::<Submitted>();
    loaded(
        move || get_consultation(number.clone()),
        move |s| view! { <Question s done submitted=submitted.clone() /> }.into_any(),
    )
}

#[component]
fn Question(s: StaffConsultation, done: bool, submitted: Option<Submitted>) -> impl IntoView {
    let StaffConsultation {
        consultation: c,
        asker,
        contact,
        answered_by,
        public_topic,
        public_question,
    } = s;
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let message = submitted.as_ref().and_then(|s| s.message.clone());
    let value = |k: &str| submitted.as_ref().map(|s| s.value(k));
    let title = format!(
        "{}咨询 {}",
        if errors.is_empty() && message.is_none() {
            ""
        } else {
            "错误："
        },
        c.number
    );
    let number = c.number.clone();
    let department = value("department").unwrap_or_else(|| "行政审批处".to_owned());
    // Published by default; a refused form keeps what was chosen.
    let publish = submitted
        .as_ref()
        .is_none_or(|s| s.value("publish") == "yes");
    let faq = value("faq").is_some_and(|v| v == "yes");
    view! {
        <PageMeta title=title description="网上咨询的答复。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff"), ("网上咨询", "/staff/consult")]) current={number.clone()} />
        <h1 class="app-page-title">{format!("咨询 {number}")}</h1>
        {done.then(|| view! { <div class="app-banner app-banner--ok" role="status"><p class="app-banner__title">"已答复"</p></div> })}
        {message.map(|m| view! { <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true><p>{m}</p></div> })}
        <ErrorSummary errors=errors.clone() />
        <dl class="app-fields">
            <div class="app-fields__row"><dt class="app-fields__label">"咨询主题"</dt><dd class="app-fields__value">{c.topic.clone()}</dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"所涉事项"</dt><dd class="app-fields__value">{if c.service_name.is_empty() { "不涉及具体事项".to_owned() } else { c.service_name.clone() }}</dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"咨询内容"</dt><dd class="app-fields__value">{c.question.clone()}</dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"咨询人"</dt><dd class="app-fields__value">{asker}</dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"联系方式（不公开）"</dt><dd class="app-fields__value">{contact}</dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"受理日期"</dt><dd class="app-fields__value">{c.asked_on.clone()}</dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"答复期限"</dt><dd class="app-fields__value">{c.due_on.clone().unwrap_or_default()}" "<AnswerLeft c=c.clone() />{c.days_left.and_then(|_| crate::clock::pages::calendar_gap(c.due_on.as_deref()))}</dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"是否同意公开"</dt><dd class="app-fields__value">{if c.allow_public { "同意" } else { "不同意（答复不会公开）" }}</dd></div>
            {c.answered_on.clone().map(|d| view! {
                <div class="app-fields__row"><dt class="app-fields__label">"答复"</dt><dd class="app-fields__value">
                    <p>{c.answer.clone()}</p>
                    <p class="app-hint">{format!("{}，{}，{}；{}", c.department, d, answered_by, if c.public { if c.faq { "已公开，列入常见问题" } else { "已公开" } } else { "未公开" })}</p>
                    {c.public.then(|| view! {
                        <p class="app-hint">{format!("公开的问题：{}——{}", public_topic, public_question)}</p>
                        <p><a href=format!("/consult/{}", c.number)>"查看公开页面"</a></p>
                    })}
                </dd></div>
            })}
        </dl>
        {c.answered_on.is_none().then(|| view! {
            <section class="app-staff-panel" aria-labelledby="answer-title">
                <h2 id="answer-title" class="app-section-title">"答复"</h2>
                <form class="app-form" method="post" action=format!("/staff/consult/{number}")>
                    <TextArea name="answer" label="答复内容" value=value("answer").unwrap_or_default() error=error_for(&errors, "answer") hint="答复会发到咨询人的查询页面；同意公开的，将与问题一起公开。" rows=8 />
                    <TextInput name="department" label="答复部门" value=department error=error_for(&errors, "department") />
                    {c.allow_public.then(|| view! {
                        <div class="app-field app-field--checkbox">
                            <input type="checkbox" id="publish" name="publish" value="yes" checked=publish />
                            <label for="publish">"公开本咨询及答复"</label>
                        </div>
                        <TextInput name="public_topic" label="公开的咨询主题" value=value("public_topic").unwrap_or_else(|| public_topic.clone()) error=error_for(&errors, "public_topic") hint="已自动隐去身份证号、手机号、银行卡号和咨询人姓名；公开前请核对，可修改。" />
                        <TextArea name="public_question" label="公开的咨询内容" value=value("public_question").unwrap_or_else(|| public_question.clone()) error=error_for(&errors, "public_question") hint="公众看到的是这里的文字，原文只有工作人员可见。提交时会再次自动隐去个人信息。" rows=5 />
                        {(!c.service_code.is_empty()).then(|| view! {
                            <div class="app-field app-field--checkbox">
                                <input type="checkbox" id="faq" name="faq" value="yes" checked=faq />
                                <label for="faq">"列入该事项的常见问题（在办事指南中显示）"</label>
                            </div>
                        })}
                    })}
                    <button type="submit" class="app-button">"提交答复"</button>
                </form>
            </section>
        })}
    }
}
