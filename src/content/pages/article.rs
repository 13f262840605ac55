use crate::content::{api::get_article, types::Article};
use crate::error::AppError;
use crate::ui::{error_page::error_view, format::date_zh, layout::PageMeta};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/articles/{id}`: one published item.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id"))
        .and_then(|s| s.parse::<i64>().ok())
        .filter(|id| *id > 0);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let article = match id {
                    Some(id) => get_article(id).await,
                    None => Err(AppError::NotFound),
                };
                match article {
                    Ok(article) => view! { <ArticleView article /> }.into_any(),
                    Err(e) => error_view(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ArticleView(article: Article) -> impl IntoView {
    let date = date_zh(&article.published_on);
    view! {
        <PageMeta title=article.title.clone() description=article.summary.clone() />
        <nav class="app-breadcrumbs" aria-label="当前位置">
            <ol class="app-breadcrumbs__list">
                <li class="app-breadcrumbs__item">
                    <a href="/">"首页"</a>
                </li>
                <li class="app-breadcrumbs__item">
                    <a href="/articles">"信息发布"</a>
                </li>
                <li class="app-breadcrumbs__item" aria-current="page">
                    {article.kind.label()}
                </li>
            </ol>
        </nav>
        <article class="app-article">
            <header class="app-article__header">
                <h1 class="app-article__title">{article.title}</h1>
                <dl class="app-article__meta">
                    <div class="app-article__meta-item">
                        <dt>"发布日期"</dt>
                        <dd>
                            <time datetime=article.published_on>{date}</time>
                        </dd>
                    </div>
                    <div class="app-article__meta-item">
                        <dt>"发布机构"</dt>
                        <dd>{article.publisher}</dd>
                    </div>
                    <div class="app-article__meta-item">
                        <dt>"栏目"</dt>
                        <dd>{article.kind.label()}</dd>
                    </div>
                </dl>
            </header>
            <div class="app-article__body app-prose" inner_html=article.body_html></div>
        </article>
    }
}
