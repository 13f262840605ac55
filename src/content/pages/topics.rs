use super::SummaryList;
use crate::content::api::{get_topic, list_topics};
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{
    error_page::{awaited, error_view, loaded},
    format::date_zh,
    layout::PageMeta,
};
use leptos::prelude::*;

/// `/topics`: the special topics.
#[component]
pub fn TopicListPage() -> impl IntoView {
    view! {
        <PageMeta title="专题专栏" description="围绕重点工作汇集文件、解读、图解和工作进展的专题。" />
        <h1 class="app-page-title">"专题专栏"</h1>
        {awaited(async move {
                match list_topics().await {
                    Ok(topics) if topics.is_empty() => view! { <p class="app-list__empty">"暂无专题。"</p> }.into_any(),
                    Ok(topics) => view! {
                        <ul class="app-cards">
                            {topics.into_iter().map(|t| view! {
                                <li class="app-card">
                                    <h2 class="app-card__title"><a href=format!("/topics/{}", t.slug)>{t.title}</a></h2>
                                    <p class="app-card__text">{t.summary}</p>
                                    <p class="app-card__meta">{format!("{} · 共{}条信息", date_zh(&t.published_on), t.count)}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => error_view(e),
                }
            })}
    }
}

/// `/topics/{slug}`: one special topic, by section.
#[component]
pub fn TopicPage() -> impl IntoView {
    let slug = crate::ui::url::route_param("slug");
    view! {
        {loaded(
            move || get_topic(slug.clone()),
            move |topic| view! {
                            <PageMeta title=topic.title.clone() description=topic.summary.clone() />
                            <Breadcrumbs trail=trail(&[("首页", "/"), ("专题专栏", "/topics")]) current={topic.title.clone()} />
                            <h1 class="app-page-title">{topic.title.clone()}</h1>
                            {super::staff_edit_link(format!("/staff/topics/{}", topic.id), "编辑专题")}
                            <div class="app-prose" inner_html=topic.body_html.clone()></div>
                            {topic.sections.into_iter().map(|(section, items)| view! {
                                <section class="app-panel" aria-labelledby=format!("section-{}", section.slug())>
                                    <h2 class="app-panel__title" id=format!("section-{}", section.slug())>{section.label()}</h2>
                                    <SummaryList items />
                                </section>
                            }).collect_view()}
                        }.into_any(),
        )}
    }
}
