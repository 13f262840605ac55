//! Server functions of 依申请公开.

use crate::error::AppError;
use crate::requests::types::{RequestSummary, RequestView, StaffRequest};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// This domain's staff server functions and the role each requires (the
/// router checks it before reading arguments; see `server::router`).
pub const STAFF_FUNCTIONS: &[(&str, crate::account::types::Role)] = &[
    ("staff/list_requests", crate::account::types::Role::Handler),
    ("staff/get_request", crate::account::types::Role::Handler),
];

/// Something already public that may be what a person is about to ask for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicMatch {
    pub kind: String,
    pub title: String,
    pub url: String,
    pub published_on: String,
}

/// Up to five public items matching the words a person typed before asking
/// for information. Anyone may call it.
#[server(endpoint = "find_public_matches", input = GetUrl)]
pub async fn find_public_matches(words: String) -> Result<Vec<PublicMatch>, AppError> {
    use crate::search::{db::query, segment, types::kind_label};
    let state = crate::server::context::state()?;
    let words = words.trim();
    if words.chars().count() > 100 {
        return Err(AppError::field("q", "请用 100 字以内说明您想获取的信息"));
    }
    let tokens = segment::query_tokens(words);
    if tokens.is_empty() {
        return Ok(Vec::new());
    }
    let search = query::Search {
        tokens,
        kind: None,
        year: None,
        by_date: false,
        page: 1,
        per_page: 5,
    };
    let (rows, _) = query::run(&state.db, &search, crate::ui::format::now()).await?;
    Ok(rows
        .into_iter()
        .map(|r| PublicMatch {
            kind: kind_label(&r.kind).to_owned(),
            title: r.title,
            url: r.url,
            published_on: crate::ui::format::iso_date(r.published_at),
        })
        .collect())
}

/// The applicant's own request, by 申请编号 and 查询码 (never the identity
/// number or contacts). Anyone may call it; each lookup counts toward the
/// rate limit, and a wrong pair answers the same as an unknown number.
#[server(endpoint = "lookup_request", input = GetUrl)]
pub async fn lookup_request(number: String, code: String) -> Result<RequestView, AppError> {
    use crate::error::FieldError;
    let state = crate::server::context::state()?;
    let mut errors = Vec::new();
    if number.trim().is_empty() {
        errors.push(FieldError::new("number", "请填写申请编号"));
    }
    if code.trim().is_empty() {
        errors.push(FieldError::new("code", "请填写查询码"));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    if let Some(parts) = use_context::<http::request::Parts>() {
        use crate::server::limit::{allow, client, Kind};
        let who = client(&state, &parts);
        if !allow(&state, Kind::Step, &who, crate::ui::format::now()).await? {
            return Err(AppError::field("number", "查询过于频繁，请一小时后再试"));
        }
    }
    let stored = crate::requests::forms::own_request(&state, &number, &code)
        .await?
        .ok_or_else(|| AppError::field("number", "申请编号或查询码不正确，请核对后重新输入"))?;
    let db = &state.db;
    let mut view = stored.view(
        &state.calendar(),
        state.today(),
        crate::requests::db::files(db, stored.id, "reply").await?,
        crate::requests::db::events(db, stored.id).await?,
    );
    view.notices =
        crate::notify::db::for_subject(db, crate::notify::Subject::Request, &stored.number).await?;
    Ok(view)
}

/// The requests, the least time left first (stopped ones after the running
/// ones, then those waiting for a correction), with `all` the answered ones
/// too, newest first. Handlers (办件) only.
#[server(endpoint = "staff/list_requests", input = GetUrl)]
pub async fn list_requests(all: bool) -> Result<Vec<RequestSummary>, AppError> {
    use crate::requests::types::Status;
    crate::account::auth::require(crate::account::types::Role::Handler)?;
    let state = crate::server::context::state()?;
    let (calendar, today) = (state.calendar(), state.today());
    let mut out: Vec<RequestSummary> = crate::requests::db::list(&state.db, all)
        .await?
        .iter()
        .map(|s| s.summary(&calendar, today))
        .collect();
    out.sort_by_key(|r| {
        (
            match r.status {
                Status::Handling => 0,
                Status::Correction => 1,
                Status::Replied => 2,
            },
            r.days_left.unwrap_or(i64::MAX),
        )
    });
    Ok(out)
}

/// One request with the applicant's identity and contacts, what may be done
/// on it and its appeals. Handlers (办件) only.
#[server(endpoint = "staff/get_request", input = GetUrl)]
pub async fn get_request(number: String) -> Result<StaffRequest, AppError> {
    use crate::account::types::Role;
    let user = crate::account::auth::require(Role::Handler)?;
    let state = crate::server::context::state()?;
    let stored = crate::requests::db::by_number(&state.db, number.trim())
        .await?
        .ok_or(AppError::NotFound)?;
    let mut r =
        crate::requests::db::staff_view(&state.db, &stored, &state.calendar(), state.today())
            .await?;
    let provides = stored
        .outcome
        .as_deref()
        .and_then(crate::requests::types::Outcome::by_slug)
        .is_some_and(|o| o.provides);
    r.can_publish = user.has(Role::Editor) && provides && stored.article_id.is_none();
    Ok(r)
}
