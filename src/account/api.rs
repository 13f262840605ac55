//! Account server functions. Each checks the caller's role first; the
//! router's guard checks it again from [`STAFF_FUNCTIONS`] before reading arguments.

use crate::account::types::{Account, AuditFilter, AuditPageData, Role};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// This module's staff server functions and the role each requires.
pub const STAFF_FUNCTIONS: &[(&str, Role)] = &[
    ("staff/get_audit_log", Role::Admin),
    ("staff/list_accounts", Role::Admin),
    ("staff/get_account", Role::Admin),
];

/// Every staff account, by username, with its status. Administrators only.
#[server(endpoint = "staff/list_accounts", input = GetUrl)]
pub async fn list_accounts() -> Result<Vec<Account>, AppError> {
    crate::account::auth::require(Role::Admin)?;
    let db = crate::server::context::db()?;
    let now = crate::ui::format::now();
    Ok(crate::account::db::list_users(&db)
        .await?
        .iter()
        .map(|u| u.to_account(now))
        .collect())
}

/// One staff account. Administrators only.
#[server(endpoint = "staff/get_account", input = GetUrl)]
pub async fn get_account(id: i64) -> Result<Account, AppError> {
    crate::account::auth::require(Role::Admin)?;
    let db = crate::server::context::db()?;
    crate::account::db::find_by_id(&db, id)
        .await?
        .map(|u| u.to_account(crate::ui::format::now()))
        .ok_or(AppError::NotFound)
}

/// The audit log, filtered, newest first, with the chain verified.
/// Administrators only.
#[server(endpoint = "staff/get_audit_log", input = GetUrl)]
pub async fn get_audit_log(filter: AuditFilter) -> Result<AuditPageData, AppError> {
    use crate::account::types::AuditLine;
    crate::account::auth::require(Role::Admin)?;
    let db = crate::server::context::db()?;
    let entries = crate::account::db::audit::list(&db, &filter).await?;
    let verification = crate::account::db::audit::verify(&db).await?;
    let older = (entries.len() == 50)
        .then(|| entries.last().map(|e| e.seq))
        .flatten();
    Ok(AuditPageData {
        entries: entries
            .into_iter()
            .map(|e| AuditLine {
                action_label: crate::account::db::audit::action_label(&e.action).to_owned(),
                seq: e.seq,
                at: e.at,
                actor: e.actor,
                action: e.action,
                target: e.target,
                detail: e.detail,
            })
            .collect(),
        rows: verification.rows,
        problem: verification.problem,
        older,
    })
}
