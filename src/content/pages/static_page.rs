use super::Breadcrumbs;
use crate::content::api::get_static_page;
use crate::ui::{error_page::loaded, format::date_zh, layout::PageMeta};
use leptos::prelude::*;

/// A text page of the disclosure section: 公开指南 (`guide`), 公开制度 (`rules`).
#[component]
pub fn StaticPageView(slug: &'static str) -> impl IntoView {
    view! {
        {loaded(
            move || get_static_page(slug.to_owned()),
            move |page| view! {
                        <PageMeta title=page.title.clone() description=page.title.clone() />
                        <Breadcrumbs current=page.title.clone() />
                        <h1 class="app-page-title">{page.title}</h1>
                        <p class="app-page-lede">{format!("更新日期：{}", date_zh(&page.updated_on))}</p>
                        <div class="app-prose" inner_html=page.body_html></div>
                    }.into_any(),
        )}
    }
}
