use crate::consult::api::{get_consultation, list_consultations};
use crate::consult::types::{Consultation, StaffConsultation};
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

/// `/staff/consult` (`?all=1` with the answered ones): questions waiting
/// for an answer, the least time left first.
#[component]
pub fn StaffConsultPage() -> impl IntoView {
    let all = use_query_map().with_untracked(|q| q.get("all")).is_some();
    view! {
        <PageMeta title="网上咨询" description="待答复的网上咨询。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="网上咨询" />
        <h1 class="app-page-title">"网上咨询"</h1>
        {loaded(
            move || list_consultations(all),
            move |items| {
                        let open = items.iter().filter(|s| s.consultation.answered_on.is_none()).count();
                        let red = items.iter().filter(|s| s.consultation.days_left.is_some_and(|d| d < 0)).count();
                        view! {
                            <p class="app-meta-line" role="status">{format!("待答复 {open} 条，其中超期 {red} 条。须在受理后 5 个工作日内答复。")}</p>
                            <p>{if all {
                                view! { <a href="/staff/consult">"只看待答复"</a> }.into_any()
                            } else {
                                view! { <a href="/staff/consult?all=1">"包括已答复"</a> }.into_any()
                            }}</p>
                            {if items.is_empty() {
                                view! { <p class="app-empty">"没有待答复的咨询。"</p> }.into_any()
                            } else {
                                view! { <QuestionTable items /> }.into_any()
                            }}
                        }.into_any()
                    },
        )}
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
