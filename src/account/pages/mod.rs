//! Account pages (sign in, change password, the audit log) and the guards
//! every staff page starts with: nobody signed in → the sign-in page; the
//! wrong role → 403.

mod audit;
mod login;
mod password;
mod users;

pub use audit::AuditPage;
pub use login::LoginPage;
pub use password::PasswordPage;
pub use users::{UserPage, UsersPage};

use crate::account::auth::current_user;
use crate::account::types::{Role, StaffUser};
use crate::error::AppError;
use crate::ui::error_page::error_view;
use leptos::prelude::*;

/// The signed-in user holding `role`, or the view to show instead (after
/// redirecting to the sign-in page when nobody is signed in).
pub fn guard(role: Role) -> Result<StaffUser, AnyView> {
    match current_user() {
        Some(user) if user.has(role) => Ok(user),
        Some(_) => Err(error_view(AppError::Forbidden)),
        None => {
            let next = crate::server::context::request_parts()
                .and_then(|p| p.uri.path_and_query().map(|pq| pq.as_str().to_owned()))
                .unwrap_or_else(|| "/staff".to_owned());
            crate::server::context::redirect(&format!(
                "/staff/login?next={}",
                crate::ui::url::encode(&next)
            ));
            Err(().into_any())
        }
    }
}

/// Any signed-in member of staff, or the view to show instead.
pub fn signed_in() -> Result<StaffUser, AnyView> {
    match current_user() {
        Some(user) => Ok(user),
        None => guard(Role::Editor),
    }
}
