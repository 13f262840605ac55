use super::SummaryList;
use crate::content::api::get_home;
use crate::ui::{
    error_page::error_view,
    layout::{site, PageMeta},
};
use leptos::prelude::*;

/// `/`: the newest news, policy documents and notices.
#[component]
pub fn HomePage() -> impl IntoView {
    let site = site();
    view! {
        <PageMeta title="" description=site.description.clone() />
        <h1 class="app-visually-hidden">{site.name.clone()}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match get_home().await {
                    Ok(home) => {
                        view! {
                            <div class="app-home">
                                <section class="app-panel app-home__news" aria-labelledby="home-news">
                                    <h2 id="home-news" class="app-panel__title">"工作动态"</h2>
                                    <SummaryList items=home.news />
                                    <a class="app-panel__more" href="/articles">"更多信息"</a>
                                </section>
                                <section class="app-panel" aria-labelledby="home-policies">
                                    <h2 id="home-policies" class="app-panel__title">"政策文件"</h2>
                                    <SummaryList items=home.policies />
                                </section>
                                <section class="app-panel" aria-labelledby="home-notices">
                                    <h2 id="home-notices" class="app-panel__title">"通知公告"</h2>
                                    <SummaryList items=home.notices />
                                </section>
                            </div>
                        }
                            .into_any()
                    }
                    Err(e) => error_view(e),
                }
            })}
        </Suspense>
    }
}
