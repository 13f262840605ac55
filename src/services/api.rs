//! Server functions of the service hall's catalogue. Anyone may call them.

use crate::error::AppError;
use crate::services::types::{Catalogue, ServiceFilter, ServiceGuide};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

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
    let state = crate::server::context::state()?;
    let service = crate::services::db::get(&state.db, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    let due_if_today = state
        .calendar()
        .add_working_days(state.today(), service.promised_days)
        .ok()
        .map(|r| r.explain());
    Ok(ServiceGuide {
        service,
        due_if_today,
    })
}
