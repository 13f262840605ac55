//! Consultation pages: public Q&A, asking, the asker's lookup, and staff's
//! queue and answer page.

mod staff;

pub use staff::{QuestionTable, StaffConsultPage, StaffQuestionPage};

use crate::consult::api::{get_question, list_questions, lookup_question};
use crate::consult::types::{Consultation, PublicQa, QaFilter, QaPage, ANSWER_DAYS};
use crate::error::{AppError, FieldError};
use crate::server::forms::Submitted;
use crate::services::api::list_services;
use crate::services::types::ServiceFilter;
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::pagination::CursorLinks;
use crate::ui::{
    error_page::{awaited, error_view, loaded},
    format::date_zh,
    forms::{error_for, CodeLookup, ErrorSummary, Select, TextArea, TextInput},
    layout::PageMeta,
    url::query,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// 首页 › 网上咨询 › current.
#[component]
fn Crumbs(#[prop(optional, into)] current: Option<String>) -> impl IntoView {
    view! {
        {match current {
            Some(c) => view! {
                <Breadcrumbs trail=trail(&[("首页", "/"), ("网上咨询", "/consult")]) current=c />
            }.into_any(),
            None => view! { <Breadcrumbs trail=trail(&[("首页", "/")]) current="网上咨询" /> }.into_any(),
        }}
    }
}

/// One published question and its answer, with the four facts the public
/// sees (受理日期, 答复日期, 答复部门) and the answer.
#[component]
pub fn QaItem(qa: PublicQa, #[prop(default = 2)] level: u8) -> impl IntoView {
    let link = format!("/consult/{}", qa.number);
    let heading = if level == 2 {
        view! { <h2 class="app-qa__topic"><a href=link>{qa.topic.clone()}</a></h2> }.into_any()
    } else {
        view! { <h3 class="app-qa__topic"><a href=link>{qa.topic.clone()}</a></h3> }.into_any()
    };
    view! {
        <article class="app-qa">
            {heading}
            <QaBody qa />
        </article>
    }
}

#[component]
fn QaBody(qa: PublicQa) -> impl IntoView {
    view! {
        <p class="app-qa__question"><strong>"问："</strong>{qa.question.clone()}</p>
        <div class="app-qa__answer"><strong>"答："</strong>
            {qa.answer.split('\n').filter(|p| !p.trim().is_empty()).map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}
        </div>
        <dl class="app-qa__facts">
            <div><dt>"受理日期"</dt><dd>{date_zh(&qa.asked_on)}</dd></div>
            <div><dt>"答复日期"</dt><dd>{date_zh(&qa.answered_on)}</dd></div>
            <div><dt>"答复部门"</dt><dd>{qa.department.clone()}</dd></div>
            {(!qa.service_name.is_empty()).then(|| view! {
                <div><dt>"所涉事项"</dt><dd><a href=format!("/services/{}", qa.service_code)>{qa.service_name.clone()}</a></dd></div>
            })}
        </dl>
    }
}

/// `/consult`: published questions and answers, newest first, by service
/// and words (a GET form), with the ways to ask and to look an answer up.
#[component]
pub fn ConsultPage() -> impl IntoView {
    let q = use_query_map();
    let get = |k: &str| q.with_untracked(|m| m.get(k)).unwrap_or_default();
    let filter = QaFilter {
        q: get("q"),
        service: get("service"),
        page: get("page").parse().unwrap_or(1),
    };
    view! {
        <PageMeta title="网上咨询" description="向出版、电影、广播电视管理部门网上咨询，查看已公开的咨询答复。" />
        <Crumbs />
        <h1 class="app-page-title">"网上咨询"</h1>
        <p class="app-page-lede">{format!("对办事事项和政策有疑问，可以网上咨询。我们在 {ANSWER_DAYS} 个工作日内答复；您同意公开的，答复后在本页公开（不公开您的姓名和联系方式）。")}</p>
        <ul class="app-actions">
            <li><a class="app-button" href="/consult/ask">"我要咨询"</a></li>
            <li><a class="app-button app-button--secondary" href="/consult/lookup">"查询答复"</a></li>
        </ul>
        {awaited(async move {
                match list_questions(filter.clone()).await {
                    Ok(page) => view! { <Answers filter=filter.clone() page errors=Vec::new() /> }.into_any(),
                    Err(AppError::Validation(errors)) => {
                        crate::server::context::set_status(400);
                        let services = list_services(ServiceFilter::default()).await
                            .map(|c| c.services.into_iter().map(|s| (s.code, s.name)).collect())
                            .unwrap_or_default();
                        let page = QaPage { items: Vec::new(), total: 0, page: 1, pages: 1, services };
                        view! { <Answers filter=filter.clone() page errors /> }.into_any()
                    }
                    Err(e) => error_view(e),
                }
            })}
    }
}

#[component]
fn Answers(filter: QaFilter, page: QaPage, errors: Vec<FieldError>) -> impl IntoView {
    let services = std::iter::once((String::new(), "全部事项".to_owned()))
        .chain(page.services.iter().cloned())
        .collect::<Vec<_>>();
    let filtered = !filter.q.is_empty() || !filter.service.is_empty();
    let link = |p: u32| {
        let p = if p > 1 { p.to_string() } else { String::new() };
        format!(
            "/consult{}",
            query(&[("q", &filter.q), ("service", &filter.service), ("page", &p)])
        )
    };
    let (prev, next) = (
        (page.page > 1).then(|| link(page.page - 1)),
        (page.page < page.pages).then(|| link(page.page + 1)),
    );
    view! {
        <ErrorSummary errors=errors.clone() />
        <form class="app-filters" method="get" action="/consult" role="search" aria-label="查找咨询答复">
            <TextInput name="q" label="关键词" value=filter.q.clone() error=error_for(&errors, "q") hint="在主题、问题和答复中查找" />
            <Select name="service" label="所涉事项" options=services selected=filter.service.clone() error=error_for(&errors, "service") />
            <div class="app-filters__actions">
                <button type="submit" class="app-button">"查找"</button>
                {filtered.then(|| view! { <a class="app-filters__clear" href="/consult">"清除筛选"</a> })}
            </div>
        </form>
        <p class="app-meta-line" role="status">{format!("共 {} 条公开答复", page.total)}</p>
        {if page.items.is_empty() {
            view! { <p class="app-empty">"没有找到符合条件的公开答复。"<a href="/consult/ask">"我要咨询"</a></p> }.into_any()
        } else {
            view! {
                <div class="app-qa-list">
                    {page.items.into_iter().map(|qa| view! { <QaItem qa /> }).collect_view()}
                </div>
            }.into_any()
        }}
        <CursorLinks prev next position=format!("第 {} / {} 页", page.page, page.pages) />
    }
}

/// `/consult/{number}`: one published question and its answer.
#[component]
pub fn QuestionPage() -> impl IntoView {
    let number = crate::ui::url::route_param("number");
    view! {
        {loaded(
            move || get_question(number.clone()),
            move |qa| view! {
                        <PageMeta title=qa.topic.clone() description=format!("网上咨询答复：{}", qa.topic) />
                        <Crumbs current=qa.topic.clone() />
                        <h1 class="app-page-title">{qa.topic.clone()}</h1>
                        <article class="app-qa app-qa--single"><QaBody qa /></article>
                        <p><a href="/consult">"查看全部公开答复"</a>" · "<a href="/consult/ask">"我要咨询"</a></p>
                    }.into_any(),
        )}
    }
}

/// `/consult/ask` (`?service=code` picks the service): the question form.
/// Posted to the same address; a refused one comes back with its entries.
#[component]
pub fn AskPage() -> impl IntoView {
    let submitted = use_context::<Submitted>();
    let preset = use_query_map()
        .with_untracked(|q| q.get("service"))
        .unwrap_or_default();
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let value = |k: &str| submitted.as_ref().map(|s| s.value(k));
    let service = value("service").unwrap_or(preset);
    let fields = ["topic", "question", "asker", "contact"].map(|k| value(k).unwrap_or_default());
    let allow = submitted
        .as_ref()
        .is_none_or(|s| s.value("allow_public") == "yes");
    let title = if errors.is_empty() {
        "我要咨询"
    } else {
        "错误：我要咨询"
    };
    view! {
        <PageMeta title=title description="网上咨询：填写问题，5 个工作日内答复。" />
        <Crumbs current="我要咨询" />
        <h1 class="app-page-title">"我要咨询"</h1>
        <p class="app-page-lede">{format!("我们在 {ANSWER_DAYS} 个工作日内答复（法定节假日不计）。提交后您会得到咨询编号和查询码，凭它们查看答复。")}</p>
        <ErrorSummary errors=errors.clone() />
        {awaited(async move {
                let services = match list_services(ServiceFilter::default()).await {
                    Ok(c) => c.services,
                    Err(e) => return error_view(e),
                };
                let options = std::iter::once((String::new(), "不涉及具体事项".to_owned()))
                    .chain(services.into_iter().map(|s| (s.code, s.name)))
                    .collect::<Vec<_>>();
                let [topic, question, asker, contact] = fields.clone();
                view! {
                    <form class="app-form" method="post" action="/consult/ask">
                        <Select name="service" label="所涉事项（可选）" options selected=service.clone() error=error_for(&errors, "service") />
                        <TextInput name="topic" label="咨询主题" value=topic error=error_for(&errors, "topic") hint="一句话概括，最多 50 字" />
                        <TextArea name="question" label="咨询内容" value=question error=error_for(&errors, "question") hint="最多 1000 字。请勿填写身份证号等个人信息。" rows=6 />
                        <TextInput name="asker" label="姓名或单位名称" value=asker error=error_for(&errors, "asker") autocomplete="name" />
                        <TextInput name="contact" label="联系方式" value=contact error=error_for(&errors, "contact") hint="手机号、固定电话或电子邮箱，仅用于答复您，不会公开" autocomplete="tel" />
                        <div class="app-field app-field--checkbox">
                            <input type="checkbox" id="allow_public" name="allow_public" value="yes" checked=allow />
                            <label for="allow_public">"同意公开本咨询及答复（不公开姓名和联系方式），供他人参考"</label>
                        </div>
                        <button type="submit" class="app-button">"提交咨询"</button>
                    </form>
                }.into_any()
            })}
    }
}

/// `/consult/lookup?number=…&code=…`: the asker's question and its answer
/// (or when it is due), by 咨询编号 and 查询码; right after asking
/// (`new=1`) it says to keep them.
#[component]
pub fn LookupPage() -> impl IntoView {
    let q = use_query_map();
    let number = q.with_untracked(|m| m.get("number"));
    let code = q.with_untracked(|m| m.get("code"));
    let fresh = q.with_untracked(|m| m.get("new")).is_some();
    // A notice's link carries the number but never the code: the form,
    // with the number filled in, and no error.
    let asked = code.is_some();
    let (number, code) = (number.unwrap_or_default(), code.unwrap_or_default());
    view! {
        {awaited(async move {
                if !asked {
                    return view! { <Lookup number=number.clone() code=String::new() errors=Vec::new() /> }.into_any();
                }
                match lookup_question(number.clone(), code.clone()).await {
                    Ok(c) => view! { <Asked c code=code.clone() fresh /> }.into_any(),
                    Err(AppError::Validation(errors)) => {
                        crate::server::context::set_status(400);
                        view! { <Lookup number=number.clone() code=code.clone() errors /> }.into_any()
                    }
                    Err(e) => error_view(e),
                }
            })}
    }
}

#[component]
fn Lookup(number: String, code: String, errors: Vec<FieldError>) -> impl IntoView {
    let title = if errors.is_empty() {
        "查询答复"
    } else {
        "错误：查询答复"
    };
    view! {
        <PageMeta title=title description="凭咨询编号和查询码查看答复。" />
        <Crumbs current="查询答复" />
        <h1 class="app-page-title">"查询答复"</h1>
        <ErrorSummary errors=errors.clone() />
        <CodeLookup action="/consult/lookup" noun="咨询编号" hint="如 ZX20261127000003" number code errors />
    }
}

#[component]
fn Asked(c: Consultation, code: String, fresh: bool) -> impl IntoView {
    let state = match (&c.answered_on, c.days_left) {
        (Some(_), _) => "已答复".to_owned(),
        (None, Some(d)) if d >= 0 => format!("待答复（剩余 {d} 个工作日）"),
        (None, Some(d)) => format!("待答复（已超期 {} 个工作日，我们将尽快答复）", -d),
        (None, None) => "待答复".to_owned(),
    };
    view! {
        <PageMeta title=format!("咨询 {}", c.number) description="网上咨询的答复。" />
        <Crumbs current=c.number.clone() />
        <h1 class="app-page-title">{format!("咨询编号 {}", c.number)}</h1>
        {fresh.then(|| view! {
            <div class="app-banner app-banner--ok" role="status">
                <p class="app-banner__title">"咨询已提交"</p>
                <p>{format!("请记下咨询编号 {} 和查询码 {}，凭它们查看答复。", c.number, code)}</p>
            </div>
        })}
        <dl class="app-fields">
            <div class="app-fields__row"><dt class="app-fields__label">"咨询主题"</dt><dd class="app-fields__value">{c.topic.clone()}</dd></div>
            {(!c.service_name.is_empty()).then(|| view! {
                <div class="app-fields__row"><dt class="app-fields__label">"所涉事项"</dt><dd class="app-fields__value">{c.service_name.clone()}</dd></div>
            })}
            <div class="app-fields__row"><dt class="app-fields__label">"咨询内容"</dt><dd class="app-fields__value">{c.question.clone()}</dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"受理日期"</dt><dd class="app-fields__value">{date_zh(&c.asked_on)}</dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"状态"</dt><dd class="app-fields__value"><strong>{state}</strong></dd></div>
            {c.due_on.clone().filter(|_| c.answered_on.is_none()).map(|d| view! {
                <div class="app-fields__row"><dt class="app-fields__label">"答复期限"</dt><dd class="app-fields__value">{date_zh(&d)}</dd></div>
            })}
            {c.answered_on.clone().map(|d| view! {
                <div class="app-fields__row"><dt class="app-fields__label">"答复日期"</dt><dd class="app-fields__value">{date_zh(&d)}</dd></div>
                <div class="app-fields__row"><dt class="app-fields__label">"答复部门"</dt><dd class="app-fields__value">{c.department.clone()}</dd></div>
                <div class="app-fields__row"><dt class="app-fields__label">"答复内容"</dt><dd class="app-fields__value">
                    {c.answer.split('\n').filter(|p| !p.trim().is_empty()).map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}
                </dd></div>
            })}
        </dl>
        {c.public.then(|| view! { <p><a href=format!("/consult/{}", c.number)>"本咨询及答复已公开"</a></p> })}
        <crate::notify::components::NoticeList notices=c.notices.clone() />
    }
}
