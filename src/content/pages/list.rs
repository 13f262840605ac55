use super::SummaryList;
use crate::content::api::list_articles;
use crate::error::AppError;
use crate::ui::pagination::PageLinks;
use crate::ui::{
    error_page::{awaited, error_view},
    layout::PageMeta,
};
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
        {awaited(async move {
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
                                <PageLinks
                                    page=list.page
                                    pages=list.pages
                                    href=std::sync::Arc::new(|p: u32| if p == 1 { "/articles".to_owned() } else { format!("/articles?page={p}") })
                                />
                            }
                                .into_any()
                        }
                        Err(e) => error_view(e),
                    }
                })}
    }
}
