use super::Crumbs;
use super::KeyFigures;
use crate::error::{AppError, FieldError};
use crate::services::api::{list_service_figures, list_services};
use crate::services::types::{
    percent, Catalogue, Figures, ServiceFilter, ServiceSummary, Supervision,
};
use crate::ui::{
    error_page::{awaited, error_view},
    forms::{error_for, ErrorSummary, Select, TextInput},
    layout::PageMeta,
    url::query,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/services`: the catalogue, by theme and by applicant, with a search
/// within the hall; every filter in the URL (a GET form without JavaScript).
#[component]
pub fn ServicesPage() -> impl IntoView {
    let q = use_query_map();
    let get = |k: &str| q.with_untracked(|m| m.get(k)).unwrap_or_default();
    let filter = ServiceFilter {
        q: get("q"),
        theme: get("theme"),
        audience: get("audience"),
    };
    view! {
        <PageMeta title="网上办事大厅" description="出版、印刷、发行、广播电视、电影和版权事项的办事指南与网上申请。" />
        {awaited(async move {
                let figures = match list_service_figures().await {
                    Ok(f) => f,
                    Err(e) => return error_view(e),
                };
                match list_services(filter.clone()).await {
                    Ok(catalogue) => view! { <Hall filter=filter.clone() catalogue figures errors=Vec::new() /> }.into_any(),
                    Err(AppError::Validation(errors)) => {
                        crate::server::context::set_status(400);
                        let empty = Catalogue { services: Vec::new(), themes: Vec::new(), total: 0 };
                        view! { <Hall filter=filter.clone() catalogue=empty figures errors /> }.into_any()
                    }
                    Err(e) => error_view(e),
                }
            })}
    }
}

fn href(filter: &ServiceFilter, theme: &str) -> String {
    let pairs: Vec<(&str, &str)> = [
        ("q", filter.q.as_str()),
        ("audience", filter.audience.as_str()),
        ("theme", theme),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    format!("/services{}", query(&pairs))
}

#[component]
fn Hall(
    filter: ServiceFilter,
    catalogue: Catalogue,
    figures: Supervision,
    errors: Vec<FieldError>,
) -> impl IntoView {
    let filtered = !filter.q.is_empty() || !filter.audience.is_empty() || !filter.theme.is_empty();
    let audiences = vec![
        (String::new(), "全部".to_owned()),
        ("person".to_owned(), "个人".to_owned()),
        ("org".to_owned(), "法人".to_owned()),
    ];
    let shown = catalogue.services.len();
    let summary = if filter.theme.is_empty() {
        format!("共 {shown} 项")
    } else {
        format!("“{}”主题 {shown} 项", filter.theme)
    };
    let search_all = format!(
        "/search{}",
        query(&[("q", filter.q.as_str()), ("kind", "service")])
    );
    view! {
        <Crumbs current="办事服务" />
        <h1 class="app-page-title">"网上办事大厅"</h1>
        <p class="app-page-lede">"查看办事指南：受理条件、申请材料、办理流程、时限、收费和咨询电话，并可网上申请。可按主题和服务对象查找。"</p>
        <ul class="app-actions">
            <li><a class="app-button app-button--secondary" href="/track">"办件查询"</a></li>
            <li><a class="app-button app-button--secondary" href="/consult">"网上咨询"</a></li>
        </ul>
        <section aria-labelledby="hall-figures">
            <h2 class="app-section-title" id="hall-figures">"办件情况"</h2>
            <KeyFigures f=figures.overall.clone() />
        </section>
        <ErrorSummary errors=errors.clone() />
        <form class="app-filters" method="get" action="/services" role="search" aria-label="查找办事事项">
            <TextInput name="q" label="事项名称或编码" value=filter.q.clone() error=error_for(&errors, "q") hint="如：出版物、印刷、许可" />
            <Select name="audience" label="服务对象" options=audiences selected=filter.audience.clone() error=error_for(&errors, "audience") />
            {(!filter.theme.is_empty()).then(|| view! { <input type="hidden" name="theme" value=filter.theme.clone() /> })}
            <div class="app-filters__actions">
                <button type="submit" class="app-button">"查找"</button>
                {filtered.then(|| view! { <a class="app-filters__clear" href="/services">"清除筛选"</a> })}
            </div>
        </form>
        {error_for(&errors, "theme").map(|_| view! { <p><a href="/services">"查看全部事项"</a></p> })}
        <nav class="app-themes" aria-label="按主题">
            <ul class="app-themes__list">
                <li class="app-themes__item">
                    {if filter.theme.is_empty() {
                        view! { <span class="app-themes__link app-themes__link--current" aria-current="page">{format!("全部（{}）", catalogue.total)}</span> }.into_any()
                    } else {
                        view! { <a class="app-themes__link" href=href(&filter, "")>{format!("全部（{}）", catalogue.total)}</a> }.into_any()
                    }}
                </li>
                {catalogue.themes.iter().map(|(theme, n)| {
                    let label = format!("{theme}（{n}）");
                    view! {
                        <li class="app-themes__item">
                            {if *theme == filter.theme {
                                view! { <span class="app-themes__link app-themes__link--current" aria-current="page">{label}</span> }.into_any()
                            } else {
                                view! { <a class="app-themes__link" href=href(&filter, theme)>{label}</a> }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
        <p class="app-meta-line" role="status">{summary}</p>
        {if catalogue.services.is_empty() {
            view! {
                <div class="app-empty">
                    <p>"没有找到符合条件的事项。"</p>
                    <p>
                        <a href="/services">"查看全部事项"</a>
                        {(!filter.q.is_empty()).then(|| view! { "，或" <a href=search_all.clone()>"在全站搜索办事服务"</a> })}
                    </p>
                </div>
            }.into_any()
        } else {
            view! {
                <ul class="app-services">
                    {catalogue.services.into_iter().map(|s| {
                        let f = figures.services.iter().find(|f| f.code == s.code).cloned().unwrap_or_default();
                        view! { <ServiceCard s f /> }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn ServiceCard(s: ServiceSummary, f: Figures) -> impl IntoView {
    let visits = if s.visits == 0 {
        "零跑动".to_owned()
    } else {
        format!("跑动 {} 次", s.visits)
    };
    view! {
        <li class="app-services__item">
            <h2 class="app-services__name"><a href=format!("/services/{}", s.code)>{s.name.clone()}</a></h2>
            <p class="app-services__meta">
                <span>{s.kind.clone()}</span>
                <span>{format!("面向{}", s.audience.label())}</span>
                <span>{format!("事项编码 {}", s.code)}</span>
            </p>
            <ul class="app-services__facts">
                <li>{format!("承诺 {} 个工作日（法定 {} 个）", s.promised_days, s.legal_days)}</li>
                <li>{visits}</li>
                {s.online.then(|| view! { <li class="app-services__online">"可网上申请"</li> })}
            </ul>
            <p class="app-services__figures">{format!(
                "办件量 {} 件 · 按时办结率 {} · 满意度 {}",
                f.total,
                percent(f.on_time, f.finished),
                percent(f.satisfied, f.ratings)
            )}</p>
        </li>
    }
}
