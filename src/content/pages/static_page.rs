use super::Breadcrumbs;
use crate::content::api::get_static_page;
use crate::ui::{error_page::loaded, format::date_zh, layout::PageMeta};
use leptos::prelude::*;

/// A text page: 公开指南 (`guide`) and 公开制度 (`rules`) in the disclosure
/// section, and the site's `about`, `contact` and `privacy` pages.
#[component]
pub fn StaticPageView(slug: &'static str) -> impl IntoView {
    view! {
        {loaded(
            move || get_static_page(slug.to_owned()),
            move |page| view! {
                        <PageMeta title=page.title.clone() description=page.title.clone() />
                        {if slug == "guide" || slug == "rules" {
                            view! { <Breadcrumbs current=page.title.clone() /> }.into_any()
                        } else {
                            view! { <crate::ui::crumbs::Breadcrumbs trail=crate::ui::crumbs::trail(&[("首页", "/")]) current=page.title.clone() /> }.into_any()
                        }}
                        <h1 class="app-page-title">{page.title}</h1>
                        {super::staff_edit_link(format!("/staff/pages/{slug}"), "编辑本页")}
                        <p class="app-page-lede">{format!("更新日期：{}", date_zh(&page.updated_on))}</p>
                        <div class="app-prose" inner_html=page.body_html></div>
                    }.into_any(),
        )}
    }
}
