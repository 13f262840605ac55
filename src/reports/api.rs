//! Server functions of the annual report (staff only: the public reads the
//! published report as a catalogue item).

use crate::error::AppError;
use crate::reports::types::{ReportLine, ReportWork};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// This domain's staff server functions and the role each requires (the
/// router checks it before reading arguments; see `server::router`).
pub const STAFF_FUNCTIONS: &[(&str, crate::account::types::Role)] = &[
    (
        "staff/list_annual_reports",
        crate::account::types::Role::Editor,
    ),
    (
        "staff/get_annual_report_work",
        crate::account::types::Role::Editor,
    ),
];

/// The years staff report on: the last five finished years, and any year
/// that already has a report.
#[cfg(feature = "ssr")]
pub async fn lines(
    db: &crate::server::db::Db,
    today: chrono::NaiveDate,
) -> Result<Vec<(ReportLine, Option<crate::reports::db::ReportItem>)>, AppError> {
    use crate::content::editorial::types::RevisionState;
    use crate::content::types::PublicationStatus;
    use chrono::Datelike;
    let items = crate::reports::db::items(db).await?;
    let mut years: Vec<i32> = (1..=5).map(|n| today.year() - n).collect();
    years.extend(items.iter().map(|i| i.report.year));
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let mut items: Vec<Option<crate::reports::db::ReportItem>> =
        items.into_iter().map(Some).collect();
    Ok(years
        .into_iter()
        .map(|year| {
            let item = items
                .iter_mut()
                .find(|i| i.as_ref().is_some_and(|i| i.report.year == year))
                .and_then(Option::take);
            let published = item
                .as_ref()
                .is_some_and(|i| i.item.status == PublicationStatus::Published);
            let state = match &item {
                None => "未编制".to_owned(),
                Some(i) => match i.item.pending.as_ref().map(|p| p.state()) {
                    Some(s) if published && s == RevisionState::Draft => {
                        "已发布（有修改稿）".to_owned()
                    }
                    Some(s) if published && s != RevisionState::Published => {
                        format!("已发布（修改稿{}）", s.label())
                    }
                    Some(s) => s.label().to_owned(),
                    None if published => RevisionState::Published.label().to_owned(),
                    None => "已撤回".to_owned(),
                },
            };
            let due = chrono::NaiveDate::from_ymd_opt(year + 1, 1, 31).unwrap_or_default();
            (
                ReportLine {
                    year,
                    article_id: item.as_ref().map(|i| i.item.id),
                    state,
                    published,
                    due_on: due.format("%Y-%m-%d").to_string(),
                    late: !published && today > due,
                },
                item,
            )
        })
        .collect())
}

/// The years with their report's state, newest first. Editors (编辑) only.
#[server(endpoint = "staff/list_annual_reports", input = GetUrl)]
pub async fn list_annual_reports() -> Result<Vec<ReportLine>, AppError> {
    crate::account::auth::require(crate::account::types::Role::Editor)?;
    let state = crate::server::context::state()?;
    Ok(lines(&state.db, state.today())
        .await?
        .into_iter()
        .map(|(line, _)| line)
        .collect())
}

/// Year `year`'s report for its staff page: the tables counted from the
/// data now, the narrative and entered figures as last saved, the figures
/// to quote, what the checks find and the text as it would be published.
/// Editors (编辑) only.
#[server(endpoint = "staff/get_annual_report_work", input = GetUrl)]
pub async fn get_annual_report_work(year: i32) -> Result<ReportWork, AppError> {
    use crate::content::editorial::types::RevisionState;
    use crate::reports::rules;
    crate::account::auth::require(crate::account::types::Role::Editor)?;
    let state = crate::server::context::state()?;
    let (line, item) = lines(&state.db, state.today())
        .await?
        .into_iter()
        .find(|(l, _)| l.year == year)
        .ok_or(AppError::NotFound)?;
    let mut report = crate::reports::db::count(&state.db, year).await?;
    if let Some(saved) = item.as_ref().map(|i| &i.report) {
        report.proactive.fees_wan = saved.proactive.fees_wan.clone();
        report.overview_md = saved.overview_md.clone();
        report.problems_md = saved.problems_md.clone();
        report.other_md = saved.other_md.clone();
    }
    let in_review = item.as_ref().is_some_and(|i| {
        i.item.pending.as_ref().is_some_and(|p| {
            matches!(
                p.state(),
                RevisionState::Submitted | RevisionState::Approved | RevisionState::Scheduled
            )
        })
    });
    Ok(ReportWork {
        line,
        figures: rules::figures(&report),
        problems: rules::problems(&report),
        preview_html: crate::content::markdown::render(&rules::markdown(&report)),
        report,
        in_review,
    })
}
