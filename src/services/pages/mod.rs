//! Service-hall pages: the catalogue, each service's guide, and its
//! printable application form (blank, or filled in as a sample).

mod admin;
mod apply;
mod cases;
mod editor;
mod form;
mod guide;
mod index;
mod part;
mod supervision;
mod track;

pub use admin::ServicesAdminPage;
pub use apply::{ApplyPage, ApplyStartPage, ReceiptPage};
pub use cases::{CasePage, CasesPage};
pub use editor::{ServiceAdminPage, ServiceReviewPage};
pub use form::PrintableFormPage;
pub use guide::GuidePage;
pub use index::ServicesPage;
pub use part::ServicePartPage;
pub use supervision::{KeyFigures, SupervisionPage};
pub use track::TrackPage;

use crate::ui::crumbs::{trail, Breadcrumbs};
use leptos::prelude::*;

/// 首页 › 网上办事大厅 › (service) › current.
#[component]
pub fn Crumbs(
    #[prop(optional)] service: Option<(String, String)>,
    #[prop(into)] current: String,
) -> impl IntoView {
    view! {
        <Breadcrumbs
            trail=trail(&[("首页", "/"), ("网上办事大厅", "/services")])
                .into_iter()
                .chain(service.map(|(code, name)| (name, format!("/services/{code}"))))
                .collect()
            current=current
        />
    }
}
