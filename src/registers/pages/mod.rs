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
