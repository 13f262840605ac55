use super::signed_in;
use crate::ui::forms::{error_for, ErrorSummary, Notice, TextInput};
use crate::ui::layout::PageMeta;
use leptos::prelude::*;

/// `/staff/password`: changing one's own password.
#[component]
pub fn PasswordPage() -> impl IntoView {
    if let Err(view) = signed_in() {
        return view;
    }
    let submitted = crate::server::forms::submitted().unwrap_or_default();
    let errors = submitted.errors.clone();
    let title = if errors.is_empty() {
        "修改密码"
    } else {
        "错误：修改密码"
    };
    view! {
        <PageMeta title=title description="修改工作人员账户密码。" />
        <div class="app-narrow">
            <h1 class="app-page-title">"修改密码"</h1>
            {crate::server::forms::notice().map(|n| view! { <Notice text=n /> })}
            <ErrorSummary errors=errors.clone() />
            <form class="app-form" method="post" action="/staff/password">
                <TextInput name="current" label="当前密码" value="" kind="password" autocomplete="current-password" error=error_for(&errors, "current") />
                <TextInput
                    name="new"
                    label="新密码"
                    value=""
                    kind="password"
                    autocomplete="new-password"
                    hint="至少8个字符，不能是常见密码，不能包含用户名"
                    error=error_for(&errors, "new")
                />
                <TextInput name="confirm" label="再次输入新密码" value="" kind="password" autocomplete="new-password" error=error_for(&errors, "confirm") />
                <button type="submit" class="app-button">"修改密码"</button>
            </form>
        </div>
    }
    .into_any()
}
