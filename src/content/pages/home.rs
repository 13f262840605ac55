use super::SummaryList;
use crate::content::api::get_home;
use crate::content::types::ArticleSummary;
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
                let first_run = home.news.is_empty()
                    && home.policies.is_empty()
                    && home.interpretations.is_empty()
                    && home.notices.is_empty()
                    && home.topics.is_empty();
                let topics = (!home.topics.is_empty()).then(|| view! {
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
                });
                view! {
                    <div class="app-home">
                        {first_run.then(|| view! { <Welcome /> })}
                        {panel("home-news", "工作动态", home.news, "/disclosure/news", true)}
                        {panel("home-policies", "政策文件", home.policies, "/disclosure/policy", false)}
                        {panel("home-interpretations", "政策解读", home.interpretations, "/disclosure/interpretation", false)}
                        {panel("home-notices", "通知公告", home.notices, "/disclosure/notice", false)}
                        {topics}
                    </div>
                }
                .into_any()
            },
        )}
    }
}

/// A list of the newest items of one kind, or nothing while there are none
/// (a new portal shows no empty boxes).
fn panel(
    id: &'static str,
    title: &'static str,
    items: Vec<ArticleSummary>,
    more: &'static str,
    wide: bool,
) -> Option<impl IntoView> {
    (!items.is_empty()).then(|| {
        let class = if wide {
            "app-panel app-home__news"
        } else {
            "app-panel"
        };
        view! {
            <section class=class aria-labelledby=id>
                <h2 id=id class="app-panel__title">{title}</h2>
                <SummaryList items=items />
                <a class="app-panel__more" href=more>{format!("更多{title}")}</a>
            </section>
        }
    })
}

/// The home page of a portal that has published nothing yet: where to go
/// instead, and how to reach the bureau.
#[component]
fn Welcome() -> impl IntoView {
    let site = site();
    let staff = crate::account::auth::current_user().is_some();
    let hidden = crate::ui::layout::hidden_sections(staff);
    let links = crate::ui::layout::SECTIONS
        .iter()
        .filter(|(_, href)| *href != "/" && !hidden.contains(href))
        .map(|(label, href)| view! { <li class="app-list__item"><a class="app-list__link" href=*href>{*label}</a></li> })
        .collect_view();
    let contact = [
        ("联系电话", site.phone.clone()),
        ("电子邮箱", site.email.clone()),
        ("地址", site.address.clone()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(label, value)| view! { <p>{format!("{label}：{value}")}</p> })
    .collect_view();
    view! {
        <section class="app-panel app-home__news" aria-labelledby="home-welcome">
            <h2 id="home-welcome" class="app-panel__title">"欢迎访问"</h2>
            <p>{format!("{}正在陆续发布政府信息。现在可以查看：", site.name)}</p>
            <ul class="app-list">{links}</ul>
            {contact}
            {staff.then(|| view! { <p><a href="/staff">"工作人员：到工作台发布第一条信息"</a></p> })}
        </section>
    }
}
