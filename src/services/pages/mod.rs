//! Service-hall pages: the catalogue, each service's guide, and its
//! printable application form (blank, or filled in as a sample).

mod apply;
mod cases;
mod form;
mod guide;
mod index;
mod supervision;
mod track;

pub use apply::{ApplyPage, ApplyStartPage, ReceiptPage};
pub use cases::{CasePage, CasesPage};
pub use form::PrintableFormPage;
pub use guide::GuidePage;
pub use index::ServicesPage;
pub use supervision::{KeyFigures, SupervisionPage};
pub use track::TrackPage;

use leptos::prelude::*;

/// 首页 › 网上办事大厅 › (service) › current.
#[component]
pub fn Crumbs(
    #[prop(optional)] service: Option<(String, String)>,
    #[prop(into)] current: String,
) -> impl IntoView {
    view! {
        <nav class="app-breadcrumbs" aria-label="当前位置">
            <ol class="app-breadcrumbs__list">
                <li class="app-breadcrumbs__item"><a href="/">"首页"</a></li>
                <li class="app-breadcrumbs__item"><a href="/services">"网上办事大厅"</a></li>
                {service.map(|(code, name)| view! {
                    <li class="app-breadcrumbs__item"><a href=format!("/services/{code}")>{name}</a></li>
                })}
                <li class="app-breadcrumbs__item" aria-current="page">{current}</li>
            </ol>
        </nav>
    }
}
