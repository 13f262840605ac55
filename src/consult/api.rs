//! Server functions of online consultation.

use crate::consult::types::{Consultation, PublicQa, QaFilter, QaPage, StaffConsultation};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// This domain's staff server functions and the role each requires (the
/// router checks it before reading arguments; see `server::router`).
pub const STAFF_FUNCTIONS: &[(&str, crate::account::types::Role)] = &[
    (
        "staff/list_consultations",
        crate::account::types::Role::Handler,
    ),
    (
        "staff/get_consultation",
        crate::account::types::Role::Handler,
    ),
];

/// Published questions and answers, newest first, of one service or all,
/// with words in them; with the services to filter by. Anyone may call it.
#[server(endpoint = "list_questions", input = GetUrl)]
pub async fn list_questions(filter: QaFilter) -> Result<QaPage, AppError> {
    let state = crate::server::context::state()?;
    let services: Vec<(String, String)> = crate::services::db::list(&state.db)
        .await?
        .into_iter()
        .map(|s| (s.code, s.name))
        .collect();
    let service = filter.service.trim();
    if !service.is_empty() && !services.iter().any(|(c, _)| c == service) {
        return Err(AppError::field("service", "没有这个事项，请从列表中选择"));
    }
    let words = filter.q.trim();
    if words.chars().count() > 50 {
        return Err(AppError::field("q", "查找的词不能超过 50 字"));
    }
    let page = filter.page.max(1);
    let (items, total) = crate::consult::db::public(&state.db, service, words, page).await?;
    let per = u64::from(crate::consult::db::PER_PAGE);
    let pages = u32::try_from(total.div_ceil(per))
        .unwrap_or(u32::MAX)
        .max(1);
    if page > pages {
        return Err(AppError::NotFound);
    }
    Ok(QaPage {
        items,
        total,
        page,
        pages,
        services,
    })
}

/// One published question and its answer. Anyone may call it.
#[server(endpoint = "get_question", input = GetUrl)]
pub async fn get_question(number: String) -> Result<PublicQa, AppError> {
    let state = crate::server::context::state()?;
    crate::consult::db::public_one(&state.db, number.trim())
        .await?
        .ok_or(AppError::NotFound)
}

/// The asker's own question, by 咨询编号 and 查询码, answered or not (never
/// the contact). Anyone may call it; each lookup counts toward the rate
/// limit, and a wrong pair answers the same as an unknown number.
#[server(endpoint = "lookup_question", input = GetUrl)]
pub async fn lookup_question(number: String, code: String) -> Result<Consultation, AppError> {
    let state = crate::server::context::state()?;
    let parts = use_context::<http::request::Parts>();
    let lookup = crate::server::limit::Lookup::open(
        &state,
        parts.as_ref(),
        ("consult", "咨询编号"),
        &number,
        &code,
    )
    .await?;
    let number = lookup.number.clone();
    let stored =
        crate::consult::db::by_number(&state.db, &number, &state.calendar(), state.today()).await?;
    let stored = lookup
        .check(&state, stored, |s| s.query_code.as_str())
        .await?;
    let mut c = stored.staff.consultation;
    c.notices =
        crate::notify::db::for_subject(&state.db, crate::notify::Subject::Consultation, &number)
            .await?;
    Ok(c)
}

/// A page of the questions `filter` asks for (waiting ones, or answered
/// too; by service, light and date), the least time left first, with the
/// whole filter's counts. A filter that cannot be read is refused field by
/// field. Handlers (办件) only.
#[server(endpoint = "staff/list_consultations", input = GetUrl)]
pub async fn list_consultations(
    filter: crate::consult::types::ConsultFilter,
) -> Result<crate::consult::types::ConsultPage, AppError> {
    use crate::consult::db::queue::{find, Query, PAGE_SIZE};
    use crate::error::FieldError;
    crate::account::auth::require(crate::account::types::Role::Handler)?;
    let state = crate::server::context::state()?;
    let services: Vec<(String, String)> = crate::services::db::list(&state.db)
        .await?
        .into_iter()
        .map(|s| (s.code, s.name))
        .collect();
    let mut errors = Vec::new();
    let service = match filter.service.as_str() {
        "" => None,
        "none" => Some(String::new()),
        code if services.iter().any(|(c, _)| c == code) => Some(code.to_owned()),
        _ => {
            errors.push(FieldError::new("service", "没有这个事项"));
            None
        }
    };
    let (light, _) = crate::clock::parse_light(&filter.light, |_| None::<()>, &mut errors);
    let (from, to) = crate::clock::parse_range(&filter.from, &filter.to, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let query = Query {
        all: filter.all == "1",
        service,
        light,
        from,
        to,
        due_on: None,
    };
    let page = filter.page.max(1);
    let found = find(
        &state.db,
        &state.calendar(),
        state.today(),
        &query,
        page,
        PAGE_SIZE,
    )
    .await?;
    let pages = crate::ui::pagination::page_count(found.total, PAGE_SIZE);
    Ok(crate::consult::types::ConsultPage {
        items: found.items,
        total: found.total,
        open: found.open,
        red: found.red,
        yellow: found.yellow,
        page: page.min(pages),
        pages,
        services,
    })
}

/// One question with the asker's name and contact. Handlers (办件) only.
#[server(endpoint = "staff/get_consultation", input = GetUrl)]
pub async fn get_consultation(number: String) -> Result<StaffConsultation, AppError> {
    crate::account::auth::require(crate::account::types::Role::Handler)?;
    let state = crate::server::context::state()?;
    crate::consult::db::by_number(&state.db, number.trim(), &state.calendar(), state.today())
        .await?
        .map(|s| s.staff)
        .ok_or(AppError::NotFound)
}
