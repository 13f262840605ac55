use super::{Breadcrumbs, SummaryList};
use crate::content::api::list_category;
use crate::content::taxonomy::{ContentKind, TermList, Validity};
use crate::content::types::CategoryQuery;
use crate::error::AppError;
use crate::ui::pagination::CursorLinks;
use crate::ui::{
    error_page::{awaited, error_view},
    forms::{error_for, ErrorSummary, Select},
    layout::PageMeta,
    url::query,
};
use leptos::prelude::*;

/// `/disclosure/{kind}`: one category of the catalogue, filtered by sub-kind,
/// year, validity and topic, all in the URL, paged by cursor.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let query = CategoryQuery {
        kind: crate::ui::url::route_param("kind"),
        ..crate::ui::url::query_params()
    };
    view! {
        {awaited(async move {
                    let Some(kind) = ContentKind::from_slug(&query.kind) else {
                        return error_view(AppError::NotFound);
                    };
                    match list_category(query.clone()).await {
                        Ok(page) => {
                            let filters = [
                                ("sub", query.sub.clone().unwrap_or_default()),
                                ("year", query.year.clone().unwrap_or_default()),
                                ("validity", query.validity.clone().unwrap_or_default()),
                                ("topic", query.topic.clone().unwrap_or_default()),
                            ];
                            let link = |cursor_key: &str, cursor: &str| {
                                let mut pairs: Vec<(&str, &str)> =
                                    filters.iter().map(|(k, v)| (*k, v.as_str())).collect();
                                pairs.push((cursor_key, cursor));
                                format!("/disclosure/{}{}", kind.slug(), self::query(&pairs))
                            };
                            let prev = page.prev.as_deref().map(|c| link("after", c));
                            let next = page.next.as_deref().map(|c| link("before", c));
                            let years = page.years.clone();
                            let tally = page.tally.clone();
                            view! {
                                <Heading kind query=query.clone() errors=Vec::new() years />
                                {(!tally.is_empty()).then(|| view! { <YearTally kind tally /> })}
                                <p class="app-page-lede" role="status">{format!("共 {} 条", page.total)}</p>
                                <SummaryList items=page.items />
                                <CursorLinks prev next />
                            }
                                .into_any()
                        }
                        Err(AppError::Validation(errors)) => {
                            crate::server::context::set_status(400);
                            view! { <Heading kind query=query.clone() errors years=Vec::new() /> }.into_any()
                        }
                        Err(e) => error_view(e),
                    }
                })}
    }
}

/// Each year's count per 子类别, with a link to that year's items.
#[component]
fn YearTally(kind: ContentKind, tally: Vec<(i32, Vec<(String, i64)>)>) -> impl IntoView {
    let site = crate::ui::layout::site();
    let subs: Vec<(String, String)> = site
        .terms
        .of(TermList::Subtype(kind))
        .iter()
        .filter(|t| {
            !t.retired
                || tally
                    .iter()
                    .any(|(_, c)| c.iter().any(|(s, _)| *s == t.slug))
        })
        .map(|t| (t.slug.clone(), t.label.clone()))
        .collect();
    view! {
        <div class="app-table-wrap">
            <table class="app-table app-table--cards">
                <caption class="app-table__caption">"各年度办理数量（件）"</caption>
                <thead>
                    <tr>
                        <th scope="col">"年度"</th>
                        {subs.iter().map(|(_, label)| view! { <th scope="col">{label.clone()}</th> }).collect_view()}
                        <th scope="col">"合计"</th>
                    </tr>
                </thead>
                <tbody>
                    {tally.into_iter().map(|(year, counts)| {
                        let total: i64 = counts.iter().map(|(_, n)| n).sum();
                        view! {
                            <tr>
                                <th scope="row" data-label="年度"><a href=format!("/disclosure/{}?year={year}", kind.slug())>{format!("{year}年")}</a></th>
                                {subs.iter().map(|(slug, label)| {
                                    let n = counts.iter().find(|(s, _)| s == slug).map_or(0, |(_, n)| *n);
                                    view! { <td data-label=label.clone()>{n.to_string()}</td> }
                                }).collect_view()}
                                <td data-label="合计">{total.to_string()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Title, description and the filter form (a GET form: works without JavaScript).
#[component]
fn Heading(
    kind: ContentKind,
    query: CategoryQuery,
    errors: Vec<crate::error::FieldError>,
    years: Vec<i32>,
) -> impl IntoView {
    let site = crate::ui::layout::site();
    let terms = &site.terms;
    let title = match query
        .sub
        .as_deref()
        .and_then(|s| terms.label(TermList::Subtype(kind), s))
    {
        Some(sub) => format!("{} · {}", kind.label(), sub),
        None => kind.label().to_owned(),
    };
    let page_title = if errors.is_empty() {
        title.clone()
    } else {
        format!("错误：{title}")
    };
    let all = || ("".to_owned(), "全部".to_owned());
    let offered_subs = terms.offered(
        TermList::Subtype(kind),
        query.sub.as_deref().unwrap_or_default(),
    );
    let has_subs = !offered_subs.is_empty();
    let subs: Vec<(String, String)> = std::iter::once(all()).chain(offered_subs).collect();
    let mut year_options: Vec<(String, String)> = std::iter::once(all())
        .chain(years.iter().map(|y| (y.to_string(), format!("{y}年"))))
        .collect();
    if let Some(y) = query
        .year
        .clone()
        .filter(|y| !year_options.iter().any(|(v, _)| v == y))
    {
        year_options.push((y.clone(), y));
    }
    let validities: Vec<(String, String)> = std::iter::once(all())
        .chain(
            Validity::ALL
                .iter()
                .map(|v| (v.slug().to_owned(), v.label().to_owned())),
        )
        .collect();
    // Retired terms are not offered, unless the address names one.
    let topics: Vec<(String, String)> = std::iter::once(all())
        .chain(terms.offered(
            TermList::Subject,
            query.topic.as_deref().unwrap_or_default(),
        ))
        .collect();
    let filtered = query.sub.is_some()
        || query.year.is_some()
        || query.validity.is_some()
        || query.topic.is_some();
    let select = |name: &'static str,
                  label: &'static str,
                  options: Vec<(String, String)>,
                  chosen: &Option<String>| {
        let (selected, error) = (chosen.clone().unwrap_or_default(), error_for(&errors, name));
        view! { <Select name label options selected error /> }
    };
    view! {
        <PageMeta title=page_title description=kind.description() />
        <Breadcrumbs kind=kind current="列表" />
        <h1 class="app-page-title">{title}</h1>
        <p class="app-page-lede">{kind.description()}</p>
        {crate::account::auth::current_user()
            .filter(|u| u.has(crate::account::types::Role::Editor))
            .map(|_| view! {
                <p><a class="app-button app-button--secondary" href=format!("/disclosure/{}/new", kind.slug())>{format!("新建{}", kind.label())}</a></p>
            })}
        <ErrorSummary errors=errors.clone() />
        <form class="app-filters" method="get" action=format!("/disclosure/{}", kind.slug())>
            {has_subs.then(|| select("sub", "类别", subs, &query.sub))}
            {select("year", "年份", year_options, &query.year)}
            {kind.is_document().then(|| select("validity", "有效性", validities, &query.validity))}
            {select("topic", "主题分类", topics, &query.topic)}
            <div class="app-filters__actions">
                <button type="submit" class="app-button">"筛选"</button>
                {filtered.then(|| view! { <a class="app-filters__clear" href=format!("/disclosure/{}", kind.slug())>"清除筛选"</a> })}
            </div>
        </form>
    }
}
