//! Staff pages (server-rendered only). Each checks the signed-in user first:
//! nobody signed in → the sign-in page; the wrong role → 403.

mod audit;
mod dashboard;
mod editor;
mod history;
mod login;
mod password;
mod rereview;
mod review;
mod withdraw;

pub use audit::AuditPage;
pub use dashboard::DashboardPage;
pub use editor::{EditorPage, NewItemPage};
pub use history::HistoryPage;
pub use login::LoginPage;
pub use password::PasswordPage;
pub use rereview::RereviewPage;
pub use review::ReviewPage;
pub use withdraw::WithdrawPage;

use crate::error::AppError;
use crate::staff::auth::current_user;
use crate::staff::types::{Role, StaffUser};
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

/// The `?notice=` of the request, as the sentence to show.
pub fn notice() -> Option<&'static str> {
    let parts = crate::server::context::request_parts()?;
    let query = parts.uri.query()?;
    let value = query.split('&').find_map(|kv| kv.strip_prefix("notice="))?;
    Some(match value {
        "saved" => "已保存草稿。",
        "submitted" => "已送审，等待审核人员进行保密审查。",
        "approved" => "审核通过。",
        "returned" => "已退回作者修改。",
        "password" => "密码已修改。",
        "rereview" => "评审结论已记录。",
        "row_added" => "已新增并公开。",
        "row_saved" => "已保存修改。",
        "row_withdrawn" => "已撤销，公众已看不到此记录。",
        "event_added" => "已添加进程记录。",
        _ => return None,
    })
}

/// `Submitted` entries of a refused form, if this render answers one.
pub fn submitted() -> Option<crate::staff::forms::Submitted> {
    use_context::<crate::staff::forms::Submitted>()
}
