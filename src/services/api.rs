//! Server functions of the service hall's catalogue. Anyone may call them.

use crate::error::AppError;
use crate::services::types::{
    ApplicationPage, CaseDetail, Catalogue, ServiceFilter, ServiceGuide, Supervision, Tracking,
};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// This domain's staff server functions and the role each requires (the
/// router checks it before reading arguments; see `server::router`).
pub const STAFF_FUNCTIONS: &[(&str, crate::account::types::Role)] = &[
    ("staff/list_cases", crate::account::types::Role::Handler),
    ("staff/get_case", crate::account::types::Role::Handler),
    (
        "staff/get_supervision",
        crate::account::types::Role::Handler,
    ),
];

/// The services passing `filter` (theme, 个人/法人, words in the name, code,
/// kind, body or materials), with each theme's count. Anyone may call it.
#[server(endpoint = "list_services", input = GetUrl)]
pub async fn list_services(filter: ServiceFilter) -> Result<Catalogue, AppError> {
    use crate::services::types::{Audience, THEMES};
    let state = crate::server::context::state()?;
    let theme = filter.theme.trim();
    if !theme.is_empty() && !THEMES.contains(&theme) {
        return Err(AppError::field(
            "theme",
            format!("没有“{theme}”这个主题，可选：{}", THEMES.join("、")),
        ));
    }
    let who = match filter.audience.as_str() {
        "" => None,
        "person" => Some(Audience::Person),
        "org" => Some(Audience::Org),
        _ => return Err(AppError::field("audience", "服务对象只能是个人或法人")),
    };
    let q = crate::search::segment::normalise(filter.q.trim());
    if q.chars().count() > 50 {
        return Err(AppError::field("q", "搜索词不能超过 50 个字"));
    }
    let all = crate::services::db::list(&state.db).await?;
    let matches_words = |s: &crate::services::types::ServiceSummary| {
        q.is_empty()
            || q.split_whitespace().all(|w| {
                crate::search::segment::normalise(&format!(
                    "{} {} {} {}",
                    s.name, s.code, s.kind, s.theme
                ))
                .contains(w)
            })
    };
    let by_words: Vec<_> = all
        .into_iter()
        .filter(|s| matches_words(s) && who.is_none_or(|w| s.audience.serves(w)))
        .collect();
    let themes = THEMES
        .iter()
        .map(|t| {
            (
                (*t).to_owned(),
                by_words.iter().filter(|s| s.theme == *t).count(),
            )
        })
        .collect();
    let total = by_words.len();
    let services = by_words
        .into_iter()
        .filter(|s| theme.is_empty() || s.theme == theme)
        .collect();
    Ok(Catalogue {
        services,
        themes,
        total,
    })
}

/// One service's whole guide, with the promised limit reckoned from today.
/// Anyone may call it.
#[server(endpoint = "get_service", input = GetUrl)]
pub async fn get_service(code: String) -> Result<ServiceGuide, AppError> {
    use crate::services::types::ServiceStatus;
    let state = crate::server::context::state()?;
    let service = match crate::services::db::get_any(&state.db, &code).await? {
        Some((s, ServiceStatus::Published)) => s,
        // A retired service's address still answers, saying so.
        Some((s, _)) => {
            let on = crate::services::db::editing::editing(&state.db, &code)
                .await?
                .and_then(|e| e.retired_at)
                .map(|at| crate::ui::format::date_zh(&crate::ui::format::iso_date(at)))
                .unwrap_or_default();
            return Err(AppError::Withdrawn {
                title: s.name,
                reason: format!(
                    "该事项已停止办理。如有疑问，请拨打咨询电话 {}。",
                    s.enquiry_phone
                ),
                on,
            });
        }
        None => return Err(AppError::NotFound),
    };
    let due_if_today = state
        .calendar()
        .add_working_days(state.today(), service.promised_days)
        .ok()
        .map(|r| r.explain());
    let figures = crate::services::supervision::figures(
        &state.db,
        std::slice::from_ref(&service),
        &state.calendar(),
        state.today(),
    )
    .await?
    .overall;
    let faq = crate::consult::db::faq(&state.db, &service.code).await?;
    Ok(ServiceGuide {
        service,
        due_if_today,
        figures,
        faq,
    })
}

/// An application by its private link: the draft being filled in, or its
/// receipt once submitted. Anyone holding the link may call it.
#[server(endpoint = "get_application", input = GetUrl)]
pub async fn get_application(code: String, token: String) -> Result<ApplicationPage, AppError> {
    use crate::services::db::applications;
    let state = crate::server::context::state()?;
    let stored = applications::by_token(&state.db, &token)
        .await?
        .filter(|a| a.service_code == code)
        .ok_or(AppError::NotFound)?;
    use crate::services::types::{CaseStatus, ServiceStatus};
    let service = match crate::services::db::as_applied(&state.db, &stored).await? {
        Some((_, ServiceStatus::Retired)) if stored.status == CaseStatus::Draft => {
            return Err(AppError::Conflict(
                crate::services::apply::RETIRED.to_owned(),
            ))
        }
        Some((s, _)) => s,
        None => return Err(AppError::NotFound),
    };
    let files = applications::files(&state.db, stored.id).await?;
    let correction = crate::services::db::cases::handling(&state.db, stored.id)
        .await?
        .correction;
    let due = stored
        .submitted_on
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .and_then(|d| {
            state
                .calendar()
                .add_working_days(d, service.promised_days)
                .ok()
        })
        .map(|r| r.explain());
    Ok(ApplicationPage {
        answers: stored.answers(),
        service,
        token: stored.token,
        status: stored.status,
        files,
        number: stored.number,
        query_code: stored.query_code,
        submitted: stored.submitted_at.map(crate::ui::format::datetime_zh),
        due,
        correction,
    })
}

/// A case by its 受理编号 and 查询码: status, timeline and time left. Anyone
/// may call it; a wrong pair answers the same as an unknown number.
#[server(endpoint = "track_application", input = GetUrl)]
pub async fn track_application(number: String, code: String) -> Result<Tracking, AppError> {
    use crate::services::db::applications;
    let state = crate::server::context::state()?;
    let number = number.trim().to_uppercase();
    let code = code.trim().to_owned();
    let mut errors = Vec::new();
    if number.is_empty() {
        errors.push(crate::error::FieldError {
            field: "number".into(),
            message: "请填写受理编号".into(),
        });
    }
    if code.is_empty() {
        errors.push(crate::error::FieldError {
            field: "code".into(),
            message: "请填写查询码".into(),
        });
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    // Each lookup counts, so query codes cannot be guessed by trying them all.
    if let Some(parts) = use_context::<http::request::Parts>() {
        use crate::server::limit::{allow, client, Kind};
        let who = client(&state, &parts);
        if !allow(&state, Kind::Step, &who, crate::ui::format::now()).await? {
            return Err(AppError::field("number", "查询过于频繁，请一小时后再试"));
        }
    }
    let wrong = || AppError::field("number", "受理编号或查询码不正确，请核对回执后重新输入");
    let stored =
        applications::by_number_and_code(&state.db, &number, &code, crate::ui::format::now())
            .await?
            .ok_or_else(wrong)?;
    let (service, _) = crate::services::db::as_applied(&state.db, &stored)
        .await?
        .ok_or(AppError::NotFound)?;
    let events = applications::events(&state.db, stored.id).await?;
    let calendar = state.calendar();
    let today = state.today();
    let running = stored.status.running();
    let handling = crate::services::db::cases::handling(&state.db, stored.id).await?;
    let pauses = handling.pauses;
    let reckoning = crate::services::cases::clock(&stored, &pauses, service.promised_days)
        .and_then(|c| c.reckon(&calendar).ok().flatten());
    let correction = handling.correction;
    let days_left = reckoning
        .as_ref()
        .filter(|_| running)
        .map(|r| calendar.working_days_between(today, r.due));
    let rating =
        crate::services::db::feedback::for_case(&state.db, stored.id, &calendar, today).await?;
    let licence_row = handling.licence_row;
    let notices =
        crate::notify::db::for_subject(&state.db, crate::notify::Subject::Case, &number).await?;
    Ok(Tracking {
        licence_row,
        can_rate: rating.is_none() && stored.status.ended(),
        rating,
        number,
        service_code: service.code,
        service_name: service.name,
        status: stored.status,
        events,
        due_on: reckoning.as_ref().map(|r| r.due.to_string()),
        days_left,
        working: reckoning.map(|r| r.explain()),
        correction,
        notices,
    })
}

/// The handlers' queue: a page of the submitted cases `filter` asks for
/// (status, service, light, submission dates), soonest due first, with the
/// whole filter's count, red and yellow. A filter that cannot be read is
/// refused field by field. Handlers (办件) only.
#[server(endpoint = "staff/list_cases", input = GetUrl)]
pub async fn list_cases(
    filter: crate::services::types::CaseFilter,
) -> Result<crate::services::types::CasePage, AppError> {
    use crate::error::FieldError;
    use crate::services::db::queue::{find, Query, PAGE_SIZE};
    crate::account::auth::require(crate::account::types::Role::Handler)?;
    let state = crate::server::context::state()?;
    let services = all_services(&state).await?;
    let mut errors = Vec::new();
    let status = match filter.status.as_str() {
        "" => None,
        s => match s.parse::<crate::services::types::CaseStatus>() {
            Ok(s) => Some(s),
            Err(_) => {
                errors.push(FieldError::new("status", "没有这种办理状态"));
                None
            }
        },
    };
    let service = match filter.service.as_str() {
        "" => None,
        code if services.iter().any(|s| s.code == code) => Some(code.to_owned()),
        _ => {
            errors.push(FieldError::new("service", "没有这个事项"));
            None
        }
    };
    let (light, paused) = crate::clock::parse_light(
        &filter.light,
        |s| (s == "paused").then_some(()),
        &mut errors,
    );
    let (from, to) = crate::clock::parse_range(&filter.from, &filter.to, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let query = Query {
        status,
        service,
        light,
        paused: paused.is_some(),
        from,
        to,
        due_on: None,
    };
    let page = filter.page.max(1);
    let found = find(
        &state.db,
        &services,
        &state.calendar(),
        state.today(),
        &query,
        page,
        PAGE_SIZE,
    )
    .await?;
    let pages = crate::ui::pagination::page_count(found.total, PAGE_SIZE);
    Ok(crate::services::types::CasePage {
        cases: found.cases,
        total: found.total,
        red: found.red,
        yellow: found.yellow,
        page: page.min(pages),
        pages,
        services: services.into_iter().map(|s| (s.code, s.name)).collect(),
    })
}

#[cfg(feature = "ssr")]
async fn all_services(
    state: &crate::server::state::AppState,
) -> Result<Vec<crate::services::types::Service>, AppError> {
    Ok(crate::services::db::all(&state.db).await?)
}

/// One case with its answers, files, timeline and the actions open on it.
/// Handlers (办件) only.
#[server(endpoint = "staff/get_case", input = GetUrl)]
pub async fn get_case(number: String) -> Result<CaseDetail, AppError> {
    use crate::services::db::applications;
    crate::account::auth::require(crate::account::types::Role::Handler)?;
    let state = crate::server::context::state()?;
    let stored = applications::by_number(&state.db, &number)
        .await?
        .ok_or(AppError::NotFound)?;
    let services = all_services(&state).await?;
    let summary = super::db::cases::list(
        &state.db,
        &services,
        &state.calendar(),
        state.today(),
        Some(&number),
    )
    .await?
    .into_iter()
    .next()
    .ok_or(AppError::NotFound)?;
    let mut service = services
        .into_iter()
        .find(|s| s.code == stored.service_code)
        .ok_or(AppError::NotFound)?;
    // The answers are read against the form the application was made on.
    if let Some(fields) =
        crate::services::db::form_fields(&state.db, &service.code, stored.form_version).await?
    {
        service.fields = fields;
    }
    let licence_row = super::db::cases::handling(&state.db, stored.id)
        .await?
        .licence_row;
    Ok(CaseDetail {
        actions: crate::services::cases::Action::open_on(stored.status)
            .into_iter()
            .map(|a| (a.slug().to_owned(), a.label().to_owned()))
            .collect(),
        answers: stored.answers(),
        files: applications::files(&state.db, stored.id).await?,
        events: applications::events(&state.db, stored.id).await?,
        rating: crate::services::db::feedback::for_case(
            &state.db,
            stored.id,
            &state.calendar(),
            state.today(),
        )
        .await?,
        notices: crate::notify::db::for_subject(&state.db, crate::notify::Subject::Case, &number)
            .await?,
        summary,
        service,
        licence_row,
    })
}

/// The electronic supervision figures (电子监察): per service and overall,
/// with the follow-ups poor ratings need. Handlers (办件) only.
#[server(endpoint = "staff/get_supervision", input = GetUrl)]
pub async fn get_supervision() -> Result<Supervision, AppError> {
    crate::account::auth::require(crate::account::types::Role::Handler)?;
    let state = crate::server::context::state()?;
    let services = all_services(&state).await?;
    Ok(crate::services::supervision::figures(
        &state.db,
        &services,
        &state.calendar(),
        state.today(),
    )
    .await?)
}

/// The hall's public figures: 办件量, 按时办结率 and 满意度 per service and
/// overall (no follow-up details). Anyone may call it.
#[server(endpoint = "list_service_figures", input = GetUrl)]
pub async fn list_service_figures() -> Result<Supervision, AppError> {
    let state = crate::server::context::state()?;
    let services = all_services(&state).await?;
    let mut figures = crate::services::supervision::figures(
        &state.db,
        &services,
        &state.calendar(),
        state.today(),
    )
    .await?;
    figures.follow_ups.clear();
    Ok(figures)
}
