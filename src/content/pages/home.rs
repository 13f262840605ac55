use super::SummaryList;
use crate::content::api::get_home;
use crate::ui::{
    error_page::loaded,
    layout::{site, PageMeta},
};
use leptos::prelude::*;

/// `/`: the newest news, documents, interpretations and notices, and the topics.
#[component]
pub fn HomePage() -> impl IntoView {
    let site = site();
    let hot = use_context::<crate::server::state::AppState>()
        .map(|s| s.hot_words().to_vec())
        .unwrap_or_default();
    view! {
        <PageMeta title="" description=site.description.clone() />
        <h1 class="app-visually-hidden">{site.name.clone()}</h1>
        <crate::search::pages::HotWords words=hot label="热门搜索：" />
        {loaded(
            get_home,
            move |home| {
                        view! {
                            <div class="app-home">
                                <section class="app-panel app-home__news" aria-labelledby="home-news">
                                    <h2 id="home-news" class="app-panel__title">"工作动态"</h2>
                                    <SummaryList items=home.news />
                                    <a class="app-panel__more" href="/disclosure/news">"更多工作动态"</a>
                                </section>
                                <section class="app-panel" aria-labelledby="home-policies">
                                    <h2 id="home-policies" class="app-panel__title">"政策文件"</h2>
                                    <SummaryList items=home.policies />
                                    <a class="app-panel__more" href="/disclosure/policy">"更多政策文件"</a>
                                </section>
                                <section class="app-panel" aria-labelledby="home-interpretations">
                                    <h2 id="home-interpretations" class="app-panel__title">"政策解读"</h2>
                                    <SummaryList items=home.interpretations />
                                    <a class="app-panel__more" href="/disclosure/interpretation">"更多政策解读"</a>
                                </section>
                                <section class="app-panel" aria-labelledby="home-notices">
                                    <h2 id="home-notices" class="app-panel__title">"通知公告"</h2>
                                    <SummaryList items=home.notices />
                                    <a class="app-panel__more" href="/disclosure/notice">"更多通知公告"</a>
                                </section>
                                {(!home.topics.is_empty()).then(|| view! {
                                    <section class="app-panel" aria-labelledby="home-topics">
                                        <h2 id="home-topics" class="app-panel__title">"专题专栏"</h2>
                                        <ul class="app-list">
                                            {home.topics.into_iter().map(|t| view! {
                                                <li class="app-list__item">
                                                    <a class="app-list__link" href=format!("/topics/{}", t.slug)>{t.title}</a>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    </section>
                                })}
                            </div>
                        }
                            .into_any()
                    },
        )}
    }
}
