//! The one error type that server functions return and pages render.
//!
//! Every variant carries a message fit for the citizen, in Chinese. Causes are
//! logged on the server once, where they happen, and never sent to the browser.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// A problem with one field of a submitted form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's name, which is also its element id.
    pub field: String,
    /// What is wrong and how to put it right, in Chinese.
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        FieldError {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

/// Everything that can go wrong in a request, as the user should hear it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("您访问的页面或内容不存在，可能已被删除或撤回")]
    NotFound,
    #[error("请先登录")]
    Unauthorized,
    #[error("您没有执行此操作的权限")]
    Forbidden,
    #[error("提交的信息有误，请按提示修改")]
    Validation(Vec<FieldError>),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Conflict(String),
    /// An item that was published and then withdrawn (撤回): the reason is public.
    #[error("该信息已于{on}撤回")]
    Withdrawn {
        title: String,
        reason: String,
        on: String,
    },
    /// A register row whose 公示期 has ended.
    #[error("该信息的公示期已于{until}届满")]
    Expired { title: String, until: String },
    #[error("操作过于频繁，请稍后再试")]
    RateLimited,
    #[error("系统暂时无法处理您的请求，请稍后再试")]
    Internal,
    #[error("无法连接服务器，请检查网络后重试")]
    Transport,
}

impl AppError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::Validation(_) | AppError::BadRequest(_) => 400,
            AppError::Conflict(_) => 409,
            AppError::Withdrawn { .. } | AppError::Expired { .. } => 410,
            AppError::RateLimited => 429,
            AppError::Internal => 500,
            AppError::Transport => 502,
        }
    }

    /// A validation error for a single field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        AppError::Validation(vec![FieldError {
            field: field.to_owned(),
            message: message.into(),
        }])
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::BadRequest("请求的参数不完整或格式有误".to_owned())
            }
            // On the server, a request that could not be read (past the
            // body limit, cut off, not decodable) is the sender's to fix; in
            // the browser, the same errors mean the network failed.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::BadRequest(
                    "提交的内容无法读取（可能过大或传输中断），请精简后重新提交。".to_owned(),
                )
            }
            #[cfg(not(feature = "ssr"))]
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::Transport
            }
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    /// Logs the whole cause and collapses it: the browser learns only that it failed.
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::RowNotFound => AppError::NotFound,
            // Two people saving the same thing at once: the database kept
            // one, and the other is told so, not given a 500.
            ref e if is_unique_violation(e) => {
                tracing::info!(error = %e, "unique constraint refused a write");
                AppError::Conflict(DUPLICATE.to_owned())
            }
            other => {
                tracing::error!(error = %other, source = ?std::error::Error::source(&other), "database error");
                AppError::Internal
            }
        }
    }
}

/// A stored or posted word that names no value of the enum it should.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind}: {value:?}")]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
}

/// What a write refused by a unique constraint is answered with.
#[cfg(feature = "ssr")]
pub const DUPLICATE: &str = "已有相同的记录（可能刚由他人提交），请刷新页面核对后再提交。";

/// Whether the database refused a write by a unique constraint: SQLSTATE
/// 23505 on PostgreSQL, SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY on SQLite,
/// as each driver classifies its own codes.
#[cfg(feature = "ssr")]
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    err.as_database_error()
        .is_some_and(|e| e.kind() == sqlx::error::ErrorKind::UniqueViolation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_http_meaning() {
        assert_eq!(AppError::NotFound.status(), 404);
        assert_eq!(AppError::field("title", "请填写标题").status(), 400);
        assert_eq!(AppError::Internal.status(), 500);
    }

    #[test]
    fn messages_are_chinese_and_carry_no_detail() {
        let msg = AppError::Internal.to_string();
        assert!(msg.contains("系统"));
        let msg =
            AppError::from_server_fn_error(ServerFnErrorErr::Args("id: invalid digit".into()))
                .to_string();
        assert!(!msg.contains("invalid digit"));
    }
}
