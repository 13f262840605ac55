use super::SummaryList;
use crate::content::api::list_articles;
use crate::error::AppError;
use crate::ui::{error_page::error_view, layout::PageMeta};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/articles?page=N`: every published item, newest first.
#[component]
pub fn ArticleListPage() -> impl IntoView {
    let page = use_query_map().with_untracked(|q| q.get("page"));
    let page: Result<u32, AppError> = match page {
        None => Ok(1),
        Some(p) => p.parse::<u32>().map_err(|_| AppError::NotFound),
    };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                    let list = match page {
                        Ok(page) => list_articles(page).await,
                        Err(e) => Err(e),
                    };
                    match list {
                        Ok(list) => {
                            let title = if list.page > 1 {
                                format!("信息发布（第{}页）", list.page)
                            } else {
                                "信息发布".to_owned()
                            };
                            view! {
                                <PageMeta title=title.clone() description="本机关发布的工作动态、通知公告、政策文件及解读。" />
                                <h1 class="app-page-title">{title}</h1>
                                <p class="app-page-lede">{format!("共 {} 条", list.total)}</p>
                                <SummaryList items=list.items show_kind=true />
                                <Pagination page=list.page pages=list.pages base="/articles" />
                            }
                                .into_any()
                        }
                        Err(e) => error_view(e),
                    }
                })}
        </Suspense>
    }
}

/// Previous / next links and the page numbers around the current one.
#[component]
pub fn Pagination(page: u32, pages: u32, base: &'static str) -> impl IntoView {
    let href = move |p: u32| {
        if p == 1 {
            base.to_owned()
        } else {
            format!("{base}?page={p}")
        }
    };
    let first = page.saturating_sub(2).max(1);
    let last = (page + 2).min(pages);
    (pages > 1).then(|| {
        view! {
            <nav class="app-pagination" aria-label="分页">
                <ul class="app-pagination__list">
                    {(page > 1)
                        .then(|| {
                            view! {
                                <li class="app-pagination__item">
                                    <a class="app-pagination__link" href=href(page - 1) rel="prev">
                                        "上一页"
                                    </a>
                                </li>
                            }
                        })}
                    {(first..=last)
                        .map(|p| {
                            let current = p == page;
                            view! {
                                <li class="app-pagination__item">
                                    <a
                                        class="app-pagination__link"
                                        href=href(p)
                                        aria-current=current.then_some("page")
                                        aria-label=format!("第{p}页")
                                    >
                                        {p.to_string()}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                    {(page < pages)
                        .then(|| {
                            view! {
                                <li class="app-pagination__item">
                                    <a class="app-pagination__link" href=href(page + 1) rel="next">
                                        "下一页"
                                    </a>
                                </li>
                            }
                        })}
                </ul>
            </nav>
        }
    })
}
