use super::{Crumbs, Value};
use crate::account::types::Role;
use crate::error::{AppError, FieldError};
use crate::registers::api::list_register;
use crate::registers::schema::Register;
use crate::registers::types::{RegisterPage, RegisterQuery};
use crate::ui::pagination::PageLinks;
use crate::ui::{
    error_page::{awaited, error_view},
    forms::{error_for, ErrorSummary, Select, TextInput},
    layout::PageMeta,
    url::query,
};
use leptos::prelude::*;
use std::sync::Arc;

/// `/registers/{register}`: a register as a table — filters, sort and page
/// all in the URL (a GET form without JavaScript), rows as cards on phones.
#[component]
pub fn TablePage() -> impl IntoView {
    let query = RegisterQuery {
        register: crate::ui::url::route_param("register"),
        ..crate::ui::url::query_params()
    };
    view! {
        {awaited(async move {
                let Some(register) = Register::from_slug(&query.register) else {
                    return error_view(AppError::NotFound);
                };
                match list_register(query.clone()).await {
                    Ok(page) => view! { <Table register query=query.clone() page /> }.into_any(),
                    Err(AppError::Validation(errors)) => {
                        crate::server::context::set_status(400);
                        view! { <Heading register query=query.clone() errors years=Vec::new() /> }.into_any()
                    }
                    Err(e) => error_view(e),
                }
            })}
    }
}

#[component]
fn Heading(
    register: Register,
    query: RegisterQuery,
    errors: Vec<FieldError>,
    years: Vec<i32>,
) -> impl IntoView {
    let title = register.label();
    let page_title = if errors.is_empty() {
        title.to_owned()
    } else {
        format!("错误：{title}")
    };
    let c = register.columns();
    let (category_label, status_label) = register.filter_labels();
    let all = || (String::new(), "全部".to_owned());
    let options = |key: Option<&str>| -> Vec<(String, String)> {
        std::iter::once(all())
            .chain(
                register
                    .choices(key)
                    .iter()
                    .map(|c| ((*c).to_owned(), (*c).to_owned())),
            )
            .collect()
    };
    let year_options: Vec<(String, String)> = std::iter::once(all())
        .chain(years.iter().map(|y| (y.to_string(), format!("{y}年"))))
        .collect();
    let editor = crate::account::auth::current_user().is_some_and(|u| u.has(Role::Editor));
    let filtered = query.q.is_some()
        || query.year.is_some()
        || query.category.is_some()
        || query.status.is_some();
    view! {
        <PageMeta title=page_title description=register.description() />
        <Crumbs current=title />
        <h1 class="app-page-title">{title}</h1>
        <p class="app-page-lede">{register.description()}</p>
        {editor.then(|| view! {
            <p class="app-actions">
                <a class="app-button app-button--secondary" href=format!("/registers/{}/new", register.slug())>"新增记录"</a>
                " "
                <a class="app-button app-button--secondary" href=format!("/registers/{}/import", register.slug())>"批量导入（CSV）"</a>
            </p>
        })}
        <ErrorSummary errors=errors.clone() />
        <form class="app-filters" method="get" action=format!("/registers/{}", register.slug()) role="search" aria-label=format!("筛选{title}")>
            <TextInput name="q" label="关键词" value=query.q.clone().unwrap_or_default() error=error_for(&errors, "q") hint="名称、文号或统一社会信用代码" />
            {(!years.is_empty() || error_for(&errors, "year").is_some()).then(|| view! {
                <Select name="year" label="年度" options=year_options.clone() selected=query.year.clone().unwrap_or_default() error=error_for(&errors, "year") />
            })}
            {c.category.map(|k| view! {
                <Select name="category" label=category_label options=options(Some(k)) selected=query.category.clone().unwrap_or_default() error=error_for(&errors, "category") />
            })}
            {c.status.map(|k| view! {
                <Select name="status" label=status_label options=options(Some(k)) selected=query.status.clone().unwrap_or_default() error=error_for(&errors, "status") />
            })}
            {query.sort.clone().map(|s| view! { <input type="hidden" name="sort" value=s /> })}
            {query.dir.clone().map(|d| view! { <input type="hidden" name="dir" value=d /> })}
            <div class="app-filters__actions">
                <button type="submit" class="app-button">"筛选"</button>
                {filtered.then(|| view! { <a class="app-filters__clear" href=format!("/registers/{}", register.slug())>"清除筛选"</a> })}
            </div>
        </form>
    }
}

#[component]
fn Table(register: Register, query: RegisterQuery, page: RegisterPage) -> impl IntoView {
    let slug = register.slug();
    let pairs = query.pairs();
    let base_pairs = pairs.clone();
    let page_href: Arc<dyn Fn(u32) -> String + Send + Sync> = Arc::new(move |p: u32| {
        let mut v: Vec<(&str, &str)> = base_pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let p = p.to_string();
        if p != "1" {
            v.push(("page", &p));
        }
        format!("/registers/{slug}{}", query_of(&v))
    });
    let filter_pairs: Vec<(&'static str, String)> = pairs
        .iter()
        .filter(|(k, _)| *k != "sort" && *k != "dir")
        .cloned()
        .collect();
    let sort_href = {
        let filter_pairs = filter_pairs.clone();
        move |key: &str, desc: bool| {
            let mut v: Vec<(&str, &str)> =
                filter_pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            v.push(("sort", key));
            v.push(("dir", if desc { "desc" } else { "asc" }));
            format!("/registers/{slug}{}", query_of(&v))
        }
    };
    let export_query = {
        let v: Vec<(&str, &str)> = filter_pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        query_of(&v)
    };
    let sortable = register.sortable();
    let columns: Vec<&'static crate::registers::schema::Field> =
        register.fields().iter().filter(|f| f.in_table).collect();
    let title_key = register.columns().title;
    let link_key = columns.first().map(|f| f.key).unwrap_or(title_key);
    let total = page.total;
    let count = if page.more {
        format!("超过 {total} 条")
    } else {
        format!("共 {total} 条")
    };
    let summary = if page.pages > 1 {
        format!("{count}，第 {} / {} 页", page.page, page.pages)
    } else {
        count
    };
    let years = page.years.clone();
    let no_fees = (register == Register::Fee)
        .then(|| crate::ui::layout::site().fees_none_on.clone())
        .filter(|d| !d.is_empty());
    view! {
        <Heading register query=query.clone() errors=Vec::new() years />
        {no_fees.map(|d| view! {
            <p class="app-note" role="note">{format!("经核实，截至{}，本机关没有正在执行的行政事业性收费项目。", crate::ui::format::date_zh(&d))}</p>
        })}
        <div class="app-table-bar">
            <p class="app-table-bar__count" role="status">{summary}</p>
            <p class="app-table-bar__downloads">
                "下载当前结果："
                <a href=format!("/api/open/{slug}.csv{export_query}") download=format!("{slug}.csv")>"CSV"</a>
                " · "
                <a href=format!("/api/open/{slug}.json{export_query}")>"JSON"</a>
            </p>
        </div>
        {if page.rows.is_empty() {
            view! { <p class="app-empty">"没有符合条件的记录。可以减少筛选条件后再试。"</p> }.into_any()
        } else {
            view! {
                <div class="app-table-wrap">
                    <table class="app-table app-table--cards">
                        <caption class="app-visually-hidden">{format!("{}，{}", register.label(), if page.desc { "降序" } else { "升序" })}</caption>
                        <thead>
                            <tr>
                                {columns.iter().map(|f| {
                                    let is_sortable = sortable.iter().any(|(k, _)| *k == f.key);
                                    let active = page.sort == f.key;
                                    let aria = active.then_some(if page.desc { "descending" } else { "ascending" });
                                    let next_desc = if active { !page.desc } else { false };
                                    let numeric = matches!(f.kind, crate::registers::schema::Kind::Money);
                                    let class = if numeric { "app-table__header app-table__header--numeric" } else { "app-table__header" };
                                    view! {
                                        <th scope="col" class=class aria-sort=aria>
                                            {if is_sortable {
                                                let arrow = if active { if page.desc { " ↓" } else { " ↑" } } else { "" };
                                                let hint = if next_desc { "，点击按降序排列" } else { "，点击按升序排列" };
                                                view! {
                                                    <a class="app-table__sort" href=sort_href(f.key, next_desc)>
                                                        {f.label}
                                                        <span aria-hidden="true">{arrow}</span>
                                                        <span class="app-visually-hidden">{hint}</span>
                                                    </a>
                                                }.into_any()
                                            } else {
                                                view! { <span>{f.label}</span> }.into_any()
                                            }}
                                        </th>
                                    }
                                }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {page.rows.into_iter().map(|row| {
                                let href = format!("/registers/{slug}/{}", row.id);
                                let hidden = row.hidden.clone();
                                view! {
                                    <tr class="app-table__row">
                                        {columns.iter().map(|f| {
                                            let numeric = matches!(f.kind, crate::registers::schema::Kind::Money);
                                            let class = if numeric { "app-table__cell app-table__cell--numeric" } else { "app-table__cell" };
                                            let cell = if f.key == link_key {
                                                view! {
                                                    <a class="app-table__link" href=href.clone()><Value field=*f row=row.clone() /></a>
                                                    {hidden.clone().map(|h| view! { <span class="app-tag app-tag--hidden">{h}</span> })}
                                                }.into_any()
                                            } else {
                                                view! { <Value field=*f row=row.clone() /> }.into_any()
                                            };
                                            view! { <td class=class data-label=f.label>{cell}</td> }
                                        }).collect_view()}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <PageLinks page=page.page pages=page.pages href=page_href.clone() />
            }.into_any()
        }}
    }
}

fn query_of(pairs: &[(&str, &str)]) -> String {
    query(pairs)
}
