//! Route components for published content (server-rendered only).

mod article;
mod home;
mod list;

pub use article::ArticlePage;
pub use home::HomePage;
pub use list::ArticleListPage;

use crate::content::types::ArticleSummary;
use crate::ui::format::date_zh;
use leptos::prelude::*;

/// A list of items: title, kind and date.
#[component]
pub fn SummaryList(items: Vec<ArticleSummary>, #[prop(optional)] show_kind: bool) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="app-list__empty">"暂无内容。"</p> }.into_any();
    }
    view! {
        <ul class="app-list">
            {items
                .into_iter()
                .map(|item| {
                    let href = format!("/articles/{}", item.id);
                    let date = date_zh(&item.published_on);
                    view! {
                        <li class="app-list__item">
                            <a class="app-list__link" href=href>
                                {item.title}
                            </a>
                            <span class="app-list__meta">
                                {show_kind.then(|| view! { <span class="app-tag">{item.kind.label()}</span> })}
                                <time datetime=item.published_on>{date}</time>
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
