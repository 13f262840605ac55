use crate::ui::error_page::awaited;
use crate::ui::forms::{error_for, ErrorSummary, TextInput};
use crate::ui::layout::PageMeta;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/staff/login`: signing in. The form posts to itself; a refused sign-in
/// comes back with the username kept and one message that does not say
/// whether the account exists.
#[component]
pub fn LoginPage() -> impl IntoView {
    let submitted = crate::server::forms::submitted().unwrap_or_default();
    let next = use_query_map()
        .with_untracked(|q| q.get("next"))
        .unwrap_or_else(|| submitted.value("next"));
    let errors = submitted.errors.clone();
    let title = if errors.is_empty() {
        "工作人员登录"
    } else {
        "错误：工作人员登录"
    };
    if !errors.is_empty() {
        crate::server::context::set_status(400);
    }
    view! {
        <PageMeta title=title description="政务公开门户工作人员登录。" />
        <div class="app-narrow">
            <h1 class="app-page-title">"工作人员登录"</h1>
            <ErrorSummary errors=errors.clone() />
            <form class="app-form" method="post" action="/staff/login">
                <input type="hidden" name="next" value=next />
                <TextInput
                    name="username"
                    label="用户名"
                    value=submitted.value("username")
                    error=error_for(&errors, "username")
                    autocomplete="username"

                />
                <TextInput
                    name="password"
                    label="密码"
                    value=""
                    kind="password"
                    error=error_for(&errors, "password")
                    autocomplete="current-password"

                />
                <button type="submit" class="app-button">"登录"</button>
            </form>
            <p class="app-page-lede">"连续输错5次密码，账户将被锁定15分钟。忘记密码请联系系统管理员重置。"</p>
            {awaited(first_run_hint())}
        </div>
    }
}

/// On a database without any account: how the operator creates the first
/// administrator (accounts are added in the app only by an administrator).
async fn first_run_hint() -> AnyView {
    let Ok(state) = crate::server::context::state() else {
        return ().into_any();
    };
    match crate::account::db::any_user(&state.db).await {
        Ok(false) => view! {
            <section class="app-banner" aria-labelledby="first-run-title">
                <h2 class="app-banner__title" id="first-run-title">"尚未创建任何账户"</h2>
                <p class="app-banner__text">"这是新安装的门户。请在服务器上用命令行创建第一个管理员账户，然后在这里登录，再到“账户管理”中为其他工作人员开设账户："</p>
                <pre class="app-pre"><code>"gongkai user add 用户名 --role admin --display-name 姓名"</code></pre>
                <p class="app-banner__text">"命令会提示输入两次密码（至少8个字符，不能是常见密码）。"</p>
            </section>
        }
        .into_any(),
        _ => ().into_any(),
    }
}
