//! What a citizen sees when something is missing or broken; each sets the
//! response's HTTP status.

use crate::error::AppError;
use crate::server::context;
use crate::ui::layout::PageMeta;
use leptos::prelude::*;

/// The body of an error page for `err`, with the status set.
pub fn error_view(err: AppError) -> AnyView {
    context::set_status(err.status());
    match err {
        AppError::NotFound => view! { <NotFound /> }.into_any(),
        AppError::Withdrawn { title, reason, on } => view! {
            <PageMeta title=format!("已撤回：{title}") description=format!("该信息已于{on}撤回。") />
            <div class="app-error-page">
                <h1 class="app-error-page__title">{title}</h1>
                <div class="app-banner app-banner--warning" role="note">
                    <p class="app-banner__title">{format!("该信息已于{on}撤回")}</p>
                    <p class="app-banner__text">{format!("撤回原因：{reason}")}</p>
                </div>
                <p class="app-error-page__text"><a href="/disclosure">"浏览政府信息公开目录"</a></p>
            </div>
        }
        .into_any(),
        AppError::Expired { title, until } => view! {
            <PageMeta title=format!("公示期满：{title}") description=format!("该信息的公示期已于{until}届满。") />
            <div class="app-error-page">
                <h1 class="app-error-page__title">{title}</h1>
                <div class="app-banner app-banner--warning" role="note">
                    <p class="app-banner__title">{format!("该信息的公示期已于{until}届满，依规定停止公示")}</p>
                </div>
                <p class="app-error-page__text"><a href="/registers">"浏览公示信息"</a></p>
            </div>
        }
        .into_any(),
        other => {
            let message = other.to_string();
            view! {
                <PageMeta title="出错了" description=message.clone() />
                <div class="app-error-page">
                    <h1 class="app-error-page__title">"出错了"</h1>
                    <p class="app-error-page__text">{message}</p>
                    <p class="app-error-page__text">
                        <a href="/">"返回首页"</a>
                    </p>
                </div>
            }
            .into_any()
        }
    }
}

/// The 404 page.
#[component]
pub fn NotFound() -> impl IntoView {
    context::set_status(404);
    view! {
        <PageMeta title="页面未找到" description="您访问的页面不存在。" />
        <div class="app-error-page">
            <h1 class="app-error-page__title">"页面未找到"</h1>
            <p class="app-error-page__text">
                "您访问的页面不存在，可能已被删除、撤回或地址有误。"
            </p>
            <ul class="app-error-page__links">
                <li>
                    <a href="/">"返回首页"</a>
                </li>
                <li>
                    <a href="/disclosure">"浏览政府信息公开目录"</a>
                </li>
            </ul>
        </div>
    }
}

/// The async page frame every page that loads data draws in: `view`, once
/// it has resolved (the page streams nothing before it: `SsrMode::Async`).
/// A page that answers a failure itself (a form redrawn with its errors)
/// uses this; one that only shows the error page uses [`loaded`].
pub fn awaited(view: impl std::future::Future<Output = AnyView> + Send + 'static) -> impl IntoView {
    view! { <Suspense fallback=|| ()>{Suspend::new(view)}</Suspense> }
}

/// The async page frame for a page that draws `render` from `load`'s
/// value, or the error page, with its status, when `load` fails.
pub fn loaded<T, Fut>(
    load: impl FnOnce() -> Fut + Send + 'static,
    render: impl FnOnce(T) -> AnyView + Send + 'static,
) -> impl IntoView
where
    T: Send + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
{
    let loading = load();
    awaited(async move {
        match loading.await {
            Ok(value) => render(value),
            Err(e) => error_view(e),
        }
    })
}
