//! Breadcrumbs (当前位置): the links from the top of the site (or the staff
//! workbench) down to the current page, which is named but not linked.

use leptos::prelude::*;

/// The pages above this one, from the top: (label, link).
pub type Trail = Vec<(String, String)>;

/// A trail from fixed (label, link) pairs.
pub fn trail(links: &[(&str, &str)]) -> Trail {
    links
        .iter()
        .map(|(label, href)| ((*label).to_owned(), (*href).to_owned()))
        .collect()
}

/// 首页 › … › current.
#[component]
pub fn Breadcrumbs(trail: Trail, #[prop(into)] current: String) -> impl IntoView {
    view! {
        <nav class="app-breadcrumbs" aria-label="当前位置">
            <ol class="app-breadcrumbs__list">
                {trail
                    .into_iter()
                    .map(|(label, href)| view! {
                        <li class="app-breadcrumbs__item"><a href=href>{label}</a></li>
                    })
                    .collect_view()}
                <li class="app-breadcrumbs__item" aria-current="page">{current}</li>
            </ol>
        </nav>
    }
}
