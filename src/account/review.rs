//! The review step shared by the texts staff keep outside articles
//! (topics, text pages, service guides): a reviewer who did not write the
//! text decides on exactly the text they read, with an opinion. On the
//! account floor, so every domain may use it.

use crate::account::types::{Role, StaffUser};
use crate::error::{AppError, FieldError};
use crate::server::forms::Refusal;
use axum::http::StatusCode;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// A reviewer's decision on the text waiting for review.
pub struct TextDecision<'a> {
    pub reviewer_id: i64,
    pub reviewer_name: &'a str,
    pub approve: bool,
    pub opinion: &'a str,
}

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

/// Checks a reviewer's decision (`approve` or not) on the text waiting
/// (`pending`, with its author; None when nothing waits), made on the text
/// whose fingerprint the form carries as `seen`; returns that text and
/// the decision to record.
pub fn decide<'a, T>(
    user: &'a StaffUser,
    approve: bool,
    pending: Option<&'a (T, Option<i64>)>,
    fingerprint: impl Fn(&T) -> String,
    seen: &str,
    opinion: &'a str,
    values: &HashMap<String, String>,
) -> Result<(&'a T, TextDecision<'a>), Refusal> {
    need(user, Role::Reviewer)?;
    let Some((text, author)) = pending else {
        return Err(Refusal::message(
            StatusCode::CONFLICT,
            "没有等待审核的内容（可能已由他人审核）",
            values.clone(),
        ));
    };
    if *author == Some(user.id) {
        return Err(Refusal::message(
            StatusCode::FORBIDDEN,
            "不能审核自己撰写的内容，请由其他审核人员审核",
            values.clone(),
        ));
    }
    if fingerprint(text) != seen.trim() {
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
    Ok((
        text,
        TextDecision {
            reviewer_id: user.id,
            reviewer_name: &user.display_name,
            approve,
            opinion,
        },
    ))
}
