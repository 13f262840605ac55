//! Register pages: the index, each table, each row, staff forms, the credit
//! search, budgets and the open-data list.

mod budgets;
mod credit;
mod index;
mod row;
mod staff;
mod table;

pub use budgets::BudgetsPage;
pub use credit::{CreditReportPage, CreditSearchPage};
pub use index::{OpenDataPage, RegistersPage};
pub use row::{event_stages, RowPage};
pub use staff::{ImportPage, NewRowPage};
pub use table::TablePage;

use crate::registers::mask::MARK;
use crate::registers::schema::{Field, Register};
use crate::registers::types::PublicRow;
use crate::registers::validate::display;
use crate::ui::crumbs::{trail, Breadcrumbs};
use leptos::prelude::*;

/// 首页 › 公示信息 › (register) › current.
#[component]
pub fn Crumbs(
    #[prop(optional)] register: Option<Register>,
    #[prop(into)] current: String,
) -> impl IntoView {
    view! {
        <Breadcrumbs
            trail=trail(&[("首页", "/"), ("公示信息", "/registers")])
                .into_iter()
                .chain(register.map(|r| (r.label().to_owned(), format!("/registers/{}", r.slug()))))
                .collect()
            current=current
        />
    }
}

/// A field's public value as a cell shows it, with the 依法隐去 mark when masked.
#[component]
pub fn Value(field: &'static Field, row: PublicRow) -> impl IntoView {
    let value = display(field.kind, row.get(field.key));
    let masked = row.is_masked(field.key);
    let progress = matches!(field.kind, crate::registers::schema::Kind::Percent)
        .then(|| row.get(field.key).parse::<u8>().ok())
        .flatten();
    view! {
        {match progress {
            Some(p) => view! {
                <span class="app-progress">
                    // A <progress> element, not an inline width: the page's CSP
                    // (style-src 'self') blocks style attributes. The text beside
                    // it says the figure, so the bar itself is not read out.
                    <progress class="app-progress__bar" max="100" value=p.min(100).to_string() aria-hidden="true"></progress>
                    <span class="app-progress__label">{value}</span>
                </span>
            }.into_any(),
            None => view! { <span class="app-value">{value}</span> }.into_any(),
        }}
        {masked.then(|| view! { <span class="app-tag app-tag--masked" title="依据个人信息保护相关规定隐去部分内容">{MARK}</span> })}
    }
}

/// Pagination that keeps a view's filters in every link.
#[component]
pub fn PageLinks(
    page: u32,
    pages: u32,
    href: std::sync::Arc<dyn Fn(u32) -> String + Send + Sync>,
) -> impl IntoView {
    let first = page.saturating_sub(2).max(1);
    let last = (page + 2).min(pages);
    (pages > 1).then(move || {
        let h = href.clone();
        view! {
            <nav class="app-pagination" aria-label="分页">
                <ul class="app-pagination__list">
                    {(page > 1).then(|| view! {
                        <li class="app-pagination__item">
                            <a class="app-pagination__link" href=h(page - 1) rel="prev">"上一页"</a>
                        </li>
                    })}
                    {(first > 1).then(|| view! {
                        <li class="app-pagination__item">
                            <a class="app-pagination__link" href=h(1) aria-label="第1页">"1"</a>
                        </li>
                    })}
                    {(first..=last)
                        .map(|p| {
                            let current = p == page;
                            view! {
                                <li class="app-pagination__item">
                                    <a
                                        class="app-pagination__link"
                                        href=h(p)
                                        aria-current=current.then_some("page")
                                        aria-label=format!("第{p}页")
                                    >
                                        {p.to_string()}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                    {(last < pages).then(|| view! {
                        <li class="app-pagination__item">
                            <a class="app-pagination__link" href=h(pages) aria-label=format!("第{pages}页（末页）")>{pages.to_string()}</a>
                        </li>
                    })}
                    {(page < pages).then(|| view! {
                        <li class="app-pagination__item">
                            <a class="app-pagination__link" href=h(page + 1) rel="next">"下一页"</a>
                        </li>
                    })}
                </ul>
            </nav>
        }
    })
}
