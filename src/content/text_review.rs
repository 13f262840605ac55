//! The review step shared by the texts staff keep outside articles
//! (topics, text pages): a reviewer who did not write the text decides on
//! exactly the text they read, with an opinion.

use crate::account::types::{Role, StaffUser};
use crate::error::{AppError, FieldError};
use crate::server::forms::Refusal;
use axum::http::StatusCode;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// A fingerprint of a text's parts: the review form carries the one of
/// the text shown, so a decision on a text changed since is refused.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for part in parts {
        h.update(part.as_bytes());
        h.update([0]);
    }
    crate::server::secret::hex(&h.finalize())
}

/// Refuses unless `user` holds `role` (403).
pub fn need(user: &StaffUser, role: Role) -> Result<(), Refusal> {
    if user.has(role) {
        Ok(())
    } else {
        Err(AppError::Forbidden.into())
    }
}

/// Checks a reviewer's decision on the text waiting (`pending`: its
/// fingerprint and author, None when nothing waits); returns the opinion.
pub fn check_decision<'a>(
    user: &StaffUser,
    pending: Option<(String, Option<i64>)>,
    seen: &str,
    opinion: &'a str,
    values: &HashMap<String, String>,
) -> Result<&'a str, Refusal> {
    need(user, Role::Reviewer)?;
    let Some((now, author)) = pending else {
        return Err(Refusal::message(
            StatusCode::CONFLICT,
            "没有等待审核的内容（可能已由他人审核）",
            values.clone(),
        ));
    };
    if author == Some(user.id) {
        return Err(Refusal::message(
            StatusCode::FORBIDDEN,
            "不能审核自己撰写的内容，请由其他审核人员审核",
            values.clone(),
        ));
    }
    if now != seen.trim() {
        return Err(Refusal::message(
            StatusCode::CONFLICT,
            "送审的内容在你审阅期间已被修改，请重新阅读后再审核",
            values.clone(),
        ));
    }
    let opinion = opinion.trim();
    if opinion.is_empty() {
        return Err(Refusal::fields(
            vec![FieldError::new("opinion", "请填写审核意见")],
            values.clone(),
        ));
    }
    Ok(opinion)
}
