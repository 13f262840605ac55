//! Accounts kept by administrators in the app (`POST /staff/users` and
//! `POST /staff/users/{id}`): add a member of staff, change their name and
//! roles, disable and enable them, set a new password. Each change and its
//! audit entry commit together. No change may leave the portal without an
//! enabled administrator, and nobody disables their own account.

use crate::account::db as staff_db;
use crate::account::db::audit::{self, Actor};
use crate::account::extract::{Admin, Staff};
use crate::account::types::{username_problem, Role};
use crate::error::{AppError, FieldError};
use crate::server::forms::{form_values, Posted, Refusal};
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The role boxes of an account form: one field per role, ticked or not.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct RoleBoxes {
    #[serde(default)]
    role_editor: Option<String>,
    #[serde(default)]
    role_reviewer: Option<String>,
    #[serde(default)]
    role_handler: Option<String>,
    #[serde(default)]
    role_services: Option<String>,
    #[serde(default)]
    role_admin: Option<String>,
}

impl RoleBoxes {
    /// The ticked roles, in [`Role::ALL`]'s order.
    fn roles(&self) -> Vec<Role> {
        let ticked = [
            (Role::Editor, &self.role_editor),
            (Role::Reviewer, &self.role_reviewer),
            (Role::Handler, &self.role_handler),
            (Role::Services, &self.role_services),
            (Role::Admin, &self.role_admin),
        ];
        ticked
            .into_iter()
            .filter(|(_, v)| v.as_deref().is_some_and(|v| !v.is_empty()))
            .map(|(r, _)| r)
            .collect()
    }
}

/// The form field of a role's box.
pub fn role_field(role: Role) -> String {
    format!("role_{}", role.slug())
}

/// `POST /staff/users`: a new account.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct NewAccountForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(flatten)]
    roles: RoleBoxes,
    #[serde(default, skip_serializing)]
    password: String,
    #[serde(default, skip_serializing)]
    confirm: String,
}

/// `POST /staff/users/{id}`: one of the account page's forms.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct AccountForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(flatten)]
    roles: RoleBoxes,
    #[serde(default, skip_serializing)]
    password: String,
    #[serde(default, skip_serializing)]
    confirm: String,
}

/// Why `display_name` (trimmed) cannot be shown, if it cannot.
fn display_name_problem(name: &str) -> Option<FieldError> {
    (name.chars().count() > 50).then(|| FieldError::new("display_name", "姓名不能超过50个字符"))
}

/// The errors of a new password and its repetition for `username`.
fn password_errors(username: &str, password: &str, confirm: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Some(problem) = crate::account::password::problem(password, username) {
        errors.push(FieldError::new("password", problem));
    } else if confirm != password {
        errors.push(FieldError::new("confirm", "两次输入的密码不一致"));
    }
    errors
}

async fn hash(password: &str) -> Result<String, AppError> {
    let password = password.to_owned();
    match tokio::task::spawn_blocking(move || crate::account::password::hash(&password)).await {
        Ok(Ok(hash)) => Ok(hash),
        _ => Err(AppError::Internal),
    }
}

fn target(username: &str) -> String {
    format!("用户 {username}")
}

/// `POST /staff/users`: adds an account with the roles ticked and a first
/// password the administrator passes on. Administrators only.
pub async fn create_account(
    State(state): State<AppState>,
    user: Staff<Admin>,
    Posted(form): Posted<NewAccountForm>,
) -> Result<Response, Refusal> {
    let values = form_values(&form);
    let username = form.username.trim();
    let display_name = form.display_name.trim();
    let roles = form.roles.roles();
    let mut errors = Vec::new();
    if let Some(problem) = username_problem(username) {
        errors.push(FieldError::new("username", problem));
    }
    errors.extend(display_name_problem(display_name));
    if roles.is_empty() {
        errors.push(FieldError::new(
            &role_field(Role::Editor),
            "请至少选择一个角色",
        ));
    }
    errors.extend(password_errors(username, &form.password, &form.confirm));
    if !errors.is_empty() {
        return Err(Refusal::fields(errors, values));
    }
    let hash = hash(&form.password).await?;
    let display_name = if display_name.is_empty() {
        username
    } else {
        display_name
    };
    let now = now();
    let mut tx = state.db.begin_write().await?;
    let Some(id) =
        staff_db::create_user(&mut tx, username, display_name, &hash, &roles, now).await?
    else {
        return Err(Refusal::fields(
            vec![FieldError::new(
                "username",
                format!("用户名“{username}”已被使用，请换一个"),
            )],
            values,
        ));
    };
    // The administrator knows this password too: its owner replaces it first.
    staff_db::require_password_change(&mut tx, id).await?;
    audit::record(
        &mut tx,
        &Actor::staff(&user),
        "user_created",
        &target(username),
        serde_json::json!({"id": id, "display_name": display_name, "roles": staff_db::roles_text(&roles)}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/staff/users/{id}?notice=user_created")))
}

/// `POST /staff/users/{id}`: saves the name and roles (`action=save`),
/// disables (`disable`) or enables (`enable`) the account, or sets a new
/// password (`reset`, which also unlocks it and ends its sessions).
/// Administrators only.
pub async fn change_account(
    State(state): State<AppState>,
    user: Staff<Admin>,
    Path(id): Path<i64>,
    Posted(form): Posted<AccountForm>,
) -> Result<Response, Refusal> {
    let values = form_values(&form);
    let now = now();
    if form.action == "reset" {
        // Hashing is slow: check and hash before the write lock is taken.
        let Some(record) = staff_db::find_by_id(&state.db, id).await? else {
            return Err(AppError::NotFound.into());
        };
        let errors = password_errors(&record.username, &form.password, &form.confirm);
        if !errors.is_empty() {
            return Err(Refusal::fields(errors, values));
        }
        let hash = hash(&form.password).await?;
        let mut tx = state.db.begin_write().await?;
        staff_db::set_password(&mut tx, id, &hash, now).await?;
        staff_db::require_password_change(&mut tx, id).await?;
        audit::record(
            &mut tx,
            &Actor::staff(&user),
            "password_reset",
            &target(&record.username),
            serde_json::json!({"id": id}),
            now,
        )
        .await?;
        tx.commit().await?;
        return Ok(see_other(&format!(
            "/staff/users/{id}?notice=password_reset"
        )));
    }
    let mut tx = state.db.begin_write().await?;
    let Some(record) = staff_db::find_by_id_in(&mut tx, id).await? else {
        return Err(AppError::NotFound.into());
    };
    let was_admin =
        record.disabled_at.is_none() && staff_db::parse_roles(&record.roles).contains(&Role::Admin);
    let (action, detail, notice) = match form.action.as_str() {
        "save" => {
            let display_name = form.display_name.trim();
            let email = form.email.trim();
            let roles = form.roles.roles();
            let mut errors = Vec::new();
            if display_name.is_empty() {
                errors.push(FieldError::new("display_name", "请输入姓名"));
            }
            if !email.is_empty()
                && (email.len() > 100 || !crate::ui::format::plausible_email(email))
            {
                errors.push(FieldError::new(
                    "email",
                    "请填写有效的电子邮箱，如 zhangsan@example.gov.cn；不接收提醒可不填",
                ));
            }
            errors.extend(display_name_problem(display_name));
            if roles.is_empty() {
                errors.push(FieldError::new(
                    &role_field(Role::Editor),
                    "请至少选择一个角色",
                ));
            }
            if !errors.is_empty() {
                return Err(Refusal::fields(errors, values));
            }
            if was_admin && !roles.contains(&Role::Admin) {
                last_admin_check(&mut tx, &values, "取消其管理员角色").await?;
            }
            let before = staff_db::roles_text(&staff_db::parse_roles(&record.roles));
            let after = staff_db::roles_text(&roles);
            if display_name == record.display_name && before == after && email == record.email {
                return Ok(see_other(&format!(
                    "/staff/users/{id}?notice=user_unchanged"
                )));
            }
            staff_db::update_user(&mut tx, id, display_name, &roles, email, now).await?;
            let detail = serde_json::json!({
                "id": id,
                "display_name": {"before": record.display_name, "after": display_name},
                "roles": {"before": before, "after": after},
                "email": {"before": record.email, "after": email},
            });
            ("user_updated", detail, "user_saved")
        }
        "disable" => {
            if id == user.id {
                return Err(Refusal::message(
                    StatusCode::BAD_REQUEST,
                    "不能停用自己的账户",
                    values,
                ));
            }
            if record.disabled_at.is_some() {
                return Ok(see_other(&format!(
                    "/staff/users/{id}?notice=user_disabled"
                )));
            }
            if was_admin {
                last_admin_check(&mut tx, &values, "停用它").await?;
            }
            staff_db::set_disabled(&mut tx, id, Some(now), now).await?;
            (
                "user_disabled",
                serde_json::json!({"id": id}),
                "user_disabled",
            )
        }
        "enable" => {
            if record.disabled_at.is_none() {
                return Ok(see_other(&format!("/staff/users/{id}?notice=user_enabled")));
            }
            staff_db::set_disabled(&mut tx, id, None, now).await?;
            (
                "user_enabled",
                serde_json::json!({"id": id}),
                "user_enabled",
            )
        }
        _ => return Err(Refusal::plain(StatusCode::BAD_REQUEST, "未知的操作。")),
    };
    audit::record(
        &mut tx,
        &Actor::staff(&user),
        action,
        &target(&record.username),
        detail,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/staff/users/{id}?notice={notice}")))
}

/// Refuses (409) a change that would take away the last enabled
/// administrator, counted inside the write transaction so two
/// administrators demoting each other at once cannot both pass.
async fn last_admin_check(
    tx: &mut sqlx::AnyConnection,
    values: &HashMap<String, String>,
    what: &str,
) -> Result<(), Refusal> {
    if staff_db::enabled_admins_in(tx).await? <= 1 {
        return Err(Refusal::message(
            StatusCode::CONFLICT,
            format!("这是唯一在用的管理员账户，不能{what}。请先给另一位工作人员设置管理员角色。"),
            values.clone(),
        ));
    }
    Ok(())
}
