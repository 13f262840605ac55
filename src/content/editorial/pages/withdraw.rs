use crate::account::pages::guard;
use crate::account::types::Role;
use crate::error::AppError;
use crate::server::forms::submitted;
use crate::ui::{
    error_page::error_view,
    forms::{error_for, ErrorSummary, TextArea},
    layout::PageMeta,
};
use leptos::prelude::*;

/// `/articles/{id}/withdraw`: 撤回 a published item, with a public reason.
#[component]
pub fn WithdrawPage() -> impl IntoView {
    if let Err(view) = guard(Role::Reviewer) {
        return view;
    }
    let Some(id) = crate::ui::url::id_param("id") else {
        return error_view(AppError::NotFound);
    };
    let sub = submitted().unwrap_or_default();
    let errors = sub.errors.clone();
    let title = if errors.is_empty() && sub.message.is_none() {
        "撤回信息"
    } else {
        "错误：撤回信息"
    };
    view! {
        <PageMeta title=title description="撤回已发布的信息" />
        <div class="app-narrow">
            <h1 class="app-page-title">"撤回信息"</h1>
            <p class="app-page-lede">
                "撤回后，该信息从列表、订阅和搜索中移除，其页面只显示撤回时间和原因。撤回原因将向公众公开。"
                <a href=format!("/articles/{id}")>"查看该信息"</a>
            </p>
            {sub.message.clone().map(|m| view! { <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true><p>{m}</p></div> })}
            <ErrorSummary errors=errors.clone() />
            <form class="app-form" method="post" action=format!("/articles/{id}/withdraw")>
                <TextArea name="reason" label="撤回原因" value=sub.value("reason") error=error_for(&errors, "reason") rows=3 />
                <button type="submit" class="app-button app-button--warning">"撤回"</button>
            </form>
        </div>
    }
    .into_any()
}
