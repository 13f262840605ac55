//! The editorial workflow's form posts: saving and creating items with their
//! attachments, review, withdrawal and periodic re-review. Each is a real
//! form POST; refusals go through the shared form kit (`server::forms`).

use crate::account::auth::require_in;
use crate::account::extract::{Reviewer, Staff};
use crate::account::types::Role;
use crate::content::editorial::db::{self, Decision, SaveAction};
use crate::content::editorial::types::ArticleForm;
use crate::content::taxonomy::Disclosure;
use crate::error::{AppError, FieldError};
use crate::server::forms::{form_values, refuse_after_body, Posted, Refusal, MAX_FILE_BYTES};
use crate::server::render::{page_with, plain_error, see_other};
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{
    body::Body,
    extract::{Path, Request, State},
    http::{request::Parts, StatusCode},
    response::Response,
};
use leptos::prelude::provide_context;
use serde::Deserialize;
use std::collections::HashMap;

mod editor;
mod import;
mod review;
mod word;

pub use editor::*;
pub use review::*;
pub use word::word;

/// The editor's state after a POST: the entries, and what happened.
#[derive(Debug, Clone, Default)]
pub struct EditorState {
    pub form: ArticleForm,
    pub errors: Vec<FieldError>,
    /// Show the rendered preview (the no-JavaScript 预览 button).
    pub preview: bool,
}

/// The item number in a path; anything else names no item.
fn item_id(raw: &str) -> Result<i64, Refusal> {
    raw.parse::<i64>().map_err(|_| not_found())
}

fn not_found() -> Refusal {
    Refusal::plain(StatusCode::NOT_FOUND, "信息不存在。")
}
