//! `/staff/users` (账户管理) and `/staff/users/{id}`: the accounts an
//! administrator keeps — the list with a form to add one, and each
//! account's name, roles, status and password. Administrators only.

use super::guard;
use crate::account::admin::role_field;
use crate::account::api::{get_account, list_accounts};
use crate::account::types::{Account, AccountStatus, Role};
use crate::error::FieldError;
use crate::server::forms::{notice, submitted};
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::error_page::loaded;
use crate::ui::forms::{error_for, ErrorSummary, Notice, TextInput};
use crate::ui::layout::PageMeta;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// What each role may do, beside its box.
fn role_hint(role: Role) -> &'static str {
    match role {
        Role::Editor => "撰写和修改信息、图解，送审",
        Role::Reviewer => "保密审查，发布、撤回信息",
        Role::Handler => "办理办件、答复咨询",
        Role::Admin => "账户、网站设置、目录分类、节假日安排、审计日志",
        Role::Services => "编写办事指南和申请表，停办事项",
    }
}

/// The role boxes, ticked as `ticked` says; the first box carries the
/// error, so the error summary's link lands on it.
#[component]
fn RoleBoxes(ticked: Vec<Role>, error: Option<String>) -> impl IntoView {
    let has_error = error.is_some();
    let class = if has_error {
        "app-field app-field--error"
    } else {
        "app-field"
    };
    view! {
        <div class=class>
            <fieldset class="app-radios" aria-describedby=has_error.then_some("roles-error")>
                <legend class="app-field__label">"角色"</legend>
                {error.map(|e| view! { <p class="app-field__error" id="roles-error"><span class="app-visually-hidden">"错误："</span>{e}</p> })}
                {Role::ALL.into_iter().map(|role| {
                    let id = role_field(role);
                    let hint_id = format!("{id}-hint");
                    view! {
                        <div class="app-field app-field--checkbox">
                            <input type="checkbox" id=id.clone() name=id.clone() value="yes" checked=ticked.contains(&role) aria-describedby=hint_id.clone() />
                            <label for=id>{role.label()}<span class="app-field__hint app-field__hint--inline" id=hint_id>{role_hint(role)}</span></label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        </div>
    }
}

/// The roles ticked in a refused form, or `stored` when none was refused.
fn ticked_roles(stored: &[Role]) -> Vec<Role> {
    match submitted() {
        Some(s) => Role::ALL
            .into_iter()
            .filter(|r| !s.value(&role_field(*r)).is_empty())
            .collect(),
        None => stored.to_vec(),
    }
}

fn roles_error(errors: &[FieldError]) -> Option<String> {
    error_for(errors, &role_field(Role::Editor))
}

/// The status as a tag (words, not colour alone).
fn status_tag(status: AccountStatus) -> impl IntoView {
    let class = match status {
        AccountStatus::Enabled => "app-tag app-tag--light",
        AccountStatus::Locked | AccountStatus::Disabled => "app-tag app-tag--warning",
    };
    view! { <span class=class>{status.label()}</span> }
}

/// `/staff/users`: every account, and the form that adds one.
#[component]
pub fn UsersPage() -> impl IntoView {
    if let Err(view) = guard(Role::Admin) {
        return view;
    }
    let sub = submitted();
    let errors = sub.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let value = move |key: &str| sub.as_ref().map(|s| s.value(key)).unwrap_or_default();
    let title = if errors.is_empty() {
        "账户管理"
    } else {
        "错误：账户管理"
    };
    let add_form = view! {
        <form class="app-form" method="post" action="/staff/users" id="add">
            <h2>"新增工作人员"</h2>
            <ErrorSummary errors=errors.clone() />
            <TextInput name="username" label="用户名" value=value("username") hint="登录时使用，如 zhangsan；不能含空格，创建后不能修改" autocomplete="off" error=error_for(&errors, "username") />
            <TextInput name="display_name" label="姓名（可不填）" value=value("display_name") hint="显示在审计日志和审核记录中；不填则用用户名" error=error_for(&errors, "display_name") />
            <RoleBoxes ticked=ticked_roles(&[]) error=roles_error(&errors) />
            <TextInput name="password" label="初始密码" value="" kind="password" autocomplete="new-password" hint="至少8个字符，不能是常见密码，不能包含用户名；请当面或电话告知本人，并请其登录后修改" error=error_for(&errors, "password") />
            <TextInput name="confirm" label="再次输入初始密码" value="" kind="password" autocomplete="new-password" error=error_for(&errors, "confirm") />
            <div class="app-form__actions">
                <button type="submit" class="app-button">"新增"</button>
            </div>
        </form>
    };
    view! {
        <PageMeta title=title description="工作人员账户的新增、角色、停用和密码重置。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="账户管理" />
        <h1 class="app-page-title">"账户管理"</h1>
        <p class="app-page-lede">"为工作人员开设账户、分配角色；人员调离时停用其账户（账户不会删除，审计日志和审核记录仍保留其姓名）。每项操作都记入审计日志。"</p>
        {notice().map(|n| view! { <Notice text=n /> })}
        {loaded(list_accounts, |accounts: Vec<Account>| view! {
            <div class="app-table-wrap">
                <table class="app-table app-table--cards">
                    <caption class="app-visually-hidden">"工作人员账户"</caption>
                    <thead><tr>
                        <th scope="col">"用户名"</th>
                        <th scope="col">"姓名"</th>
                        <th scope="col">"角色"</th>
                        <th scope="col">"状态"</th>
                    </tr></thead>
                    <tbody>
                        {accounts.into_iter().map(|a| view! {
                            <tr>
                                <th scope="row" data-label="用户名"><a href=format!("/staff/users/{}", a.id)>{a.username.clone()}</a></th>
                                <td data-label="姓名">{a.display_name.clone()}</td>
                                <td data-label="角色">{a.roles_label()}</td>
                                <td data-label="状态">{status_tag(a.status)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }.into_any())}
        {add_form}
    }
    .into_any()
}

/// `/staff/users/{id}`: one account's name and roles, its status, and a
/// new password.
#[component]
pub fn UserPage() -> impl IntoView {
    let me = match guard(Role::Admin) {
        Ok(me) => me,
        Err(view) => return view,
    };
    let id: i64 = use_params_map()
        .with_untracked(|p| p.get("id"))
        .and_then(|id| id.parse().ok())
        .unwrap_or(0);
    loaded(
        move || get_account(id),
        move |account: Account| {
            let sub = submitted();
            let errors = sub.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
            let message = sub.as_ref().and_then(|s| s.message.clone());
            let display_name = sub
                .as_ref()
                .map(|s| s.value("display_name"))
                .unwrap_or_else(|| account.display_name.clone());
            let email = sub
                .as_ref()
                .map(|s| s.value("email"))
                .unwrap_or_else(|| account.email.clone());
            let heading = format!("{}（{}）", account.display_name, account.username);
            let title = if errors.is_empty() && message.is_none() {
                heading.clone()
            } else {
                format!("错误：{heading}")
            };
            let action = format!("/staff/users/{id}");
            let myself = account.id == me.id;
            let status_form = match account.status {
                AccountStatus::Disabled => view! {
                    <form class="app-form" method="post" action=action.clone()>
                        <p>"该账户已停用：不能登录。启用后，本人可用原密码登录。"</p>
                        <button type="submit" class="app-button" name="action" value="enable">"启用账户"</button>
                    </form>
                }
                .into_any(),
                _ if myself => view! { <p>"这是你自己的账户，不能在这里停用。"</p> }.into_any(),
                _ => view! {
                    <form class="app-form" method="post" action=action.clone()>
                        <p>"停用后，该账户立即退出登录且不能再登录；其发布和审核记录保留。"</p>
                        <button type="submit" class="app-button app-button--warning" name="action" value="disable">"停用账户"</button>
                    </form>
                }
                .into_any(),
            };
            let locked = (account.status == AccountStatus::Locked)
                .then(|| view! { <p>"该账户因多次输错密码已被暂时锁定；重置密码会同时解除锁定。"</p> });
            view! {
                <PageMeta title=title description="工作人员账户。" />
                <Breadcrumbs trail=trail(&[("工作台", "/staff"), ("账户管理", "/staff/users")]) current=heading.clone() />
                <h1 class="app-page-title">{heading}</h1>
                <p>"状态：" {status_tag(account.status)}</p>
                {notice().map(|n| view! { <Notice text=n /> })}
                <ErrorSummary errors=errors.clone() />
                {message.map(|m| view! { <div class="app-banner" role="alert"><p class="app-banner__text">{m}</p></div> })}
                <form class="app-form" method="post" action=action.clone()>
                    <h2>"姓名、角色和提醒邮箱"</h2>
                    <TextInput name="display_name" label="姓名" value=display_name error=error_for(&errors, "display_name") />
                    <TextInput name="email" label="电子邮箱（可不填）" kind="email" autocomplete="off" value=email hint="工作日早上把当天转为黄灯、红灯的待办事项发到这个邮箱；不填则只在工作台显示" error=error_for(&errors, "email") />
                    <RoleBoxes ticked=ticked_roles(&account.roles) error=roles_error(&errors) />
                    <div class="app-form__actions">
                        <button type="submit" class="app-button" name="action" value="save">"保存"</button>
                    </div>
                </form>
                <form class="app-form" method="post" action=action.clone()>
                    <h2>"重置密码"</h2>
                    {locked}
                    <p>"设置新密码后，该账户的所有登录会话立即结束；请把新密码告知本人，并请其登录后修改。"</p>
                    <input type="hidden" name="action" value="reset" />
                    <TextInput name="password" label="新密码" value="" kind="password" autocomplete="new-password" hint="至少8个字符，不能是常见密码，不能包含用户名" error=error_for(&errors, "password") />
                    <TextInput name="confirm" label="再次输入新密码" value="" kind="password" autocomplete="new-password" error=error_for(&errors, "confirm") />
                    <div class="app-form__actions">
                        <button type="submit" class="app-button">"重置密码"</button>
                    </div>
                </form>
                <h2>"停用和启用"</h2>
                {status_form}
            }
            .into_any()
        },
    )
    .into_any()
}
