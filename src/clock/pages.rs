//! `/staff/calendar`: the statutory clock's holidays, a year at a time, as
//! the State Council's notice lists them, with the form to enter, change or
//! delete one. Administrators only.

use super::holiday::Holiday;
use crate::account::types::Role;
use crate::server::forms::notice;
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::forms::{error_for, ErrorSummary, Notice, TextInput};
use crate::ui::layout::PageMeta;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn md(d: NaiveDate) -> String {
    format!("{}月{}日", d.month(), d.day())
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// "1月28日至2月4日" or "1月1日".
fn span(days: &[NaiveDate]) -> String {
    match (days.first(), days.last()) {
        (Some(f), Some(l)) if f != l => format!("{}至{}", md(*f), md(*l)),
        (Some(f), _) => md(*f),
        _ => "—".to_owned(),
    }
}

/// The year to show: `?year=`, else the first of this year and next that
/// has no holidays yet, else this year.
fn chosen_year(asked: Option<i32>, today: NaiveDate, has: impl Fn(i32) -> bool) -> i32 {
    asked
        .filter(|y| (2000..=2100).contains(y))
        .unwrap_or_else(|| {
            [today.year(), today.year() + 1]
                .into_iter()
                .find(|y| !has(*y))
                .unwrap_or(today.year())
        })
}

/// "2027年日历未录入" beside a due date (YYYY-MM-DD) on a staff page, when
/// the years between today and it include one whose holidays have not been
/// entered: the date and the days left then count weekends only there.
pub fn calendar_gap(due: Option<&str>) -> Option<AnyView> {
    let due = NaiveDate::parse_from_str(due?, "%Y-%m-%d").ok()?;
    let state = crate::server::context::state().ok()?;
    let missing = state.calendar().missing_years(state.today(), due);
    let years = missing
        .iter()
        .map(|y| format!("{y}年"))
        .collect::<Vec<_>>()
        .join("、");
    (!missing.is_empty()).then(|| {
        view! {
            <span class="app-tag app-tag--warning app-calendar-gap">{format!("{years}日历未录入")}</span>
            <span class="app-visually-hidden">"：期限暂只扣除周末，录入节假日安排后将重新计算"</span>
        }
        .into_any()
    })
}

/// The due dates a calendar change moved, as its audit entry `seq`
/// recorded them.
fn moved_table(seq: i64) -> impl IntoView {
    crate::ui::error_page::awaited(async move {
        let Ok(db) = crate::server::context::db() else {
            return ().into_any();
        };
        let mut detail = None;
        for action in ["calendar.holiday_saved", "calendar.holiday_deleted"] {
            if let Ok(Some(d)) = crate::account::db::audit::detail_of(&db, seq, action).await {
                detail = Some(d);
            }
        }
        let rows: Vec<(String, String, String)> = detail
            .and_then(|d| serde_json::from_str::<serde_json::Value>(&d).ok())
            .and_then(|v| v.get("moved").and_then(|m| m.as_array()).cloned())
            .unwrap_or_default()
            .iter()
            .map(|m| {
                let text = |k: &str| {
                    m.get(k)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                        .to_owned()
                };
                (text("what"), text("before"), text("after"))
            })
            .collect();
        if rows.is_empty() {
            return ().into_any();
        }
        view! {
            <div class="app-table-wrap">
                <table class="app-table app-table--cards">
                    <caption>"随之改变的期限"</caption>
                    <thead><tr>
                        <th scope="col">"事项"</th>
                        <th scope="col">"原期限"</th>
                        <th scope="col">"新期限"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(what, before, after)| view! {
                            <tr>
                                <th scope="row" data-label="事项">{what}</th>
                                <td data-label="原期限">{before}</td>
                                <td data-label="新期限">{after}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    })
}

#[component]
pub fn CalendarAdminPage() -> impl IntoView {
    if let Err(view) = crate::account::pages::guard(Role::Admin) {
        return view;
    }
    let Ok(state) = crate::server::context::state() else {
        return crate::ui::error_page::error_view(crate::error::AppError::Internal);
    };
    let calendar = state.calendar();
    let today = state.today();
    let (asked, edit, moved, change) = use_query_map().with_untracked(|q| {
        (
            q.get("year").and_then(|y| y.parse().ok()),
            q.get("edit"),
            q.get("moved").and_then(|m| m.parse::<u64>().ok()),
            q.get("change").and_then(|c| c.parse::<i64>().ok()),
        )
    });
    let year = chosen_year(asked, today, |y| calendar.has_year(y));
    let holidays = calendar.holidays_of(year);
    let mut years = calendar.years();
    years.retain(|y| calendar.has_year(*y));
    for y in [today.year(), today.year() + 1, year] {
        if !years.contains(&y) {
            years.push(y);
        }
    }
    years.sort_unstable();
    years.dedup();
    let editing: Option<Holiday> = edit
        .as_deref()
        .and_then(|name| holidays.iter().find(|h| h.name == name).cloned());
    let sub = crate::server::forms::submitted();
    let errors = sub.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let message = sub.as_ref().and_then(|s| s.message.clone());
    let value = |field: &str, from_edit: String| -> String {
        match &sub {
            Some(s) => s.value(field),
            None => from_edit,
        }
    };
    let replaces = value(
        "replaces",
        editing.as_ref().map(|h| h.name.clone()).unwrap_or_default(),
    );
    let name = value(
        "name",
        editing.as_ref().map(|h| h.name.clone()).unwrap_or_default(),
    );
    let first = value(
        "first",
        editing
            .as_ref()
            .and_then(|h| h.off.first().copied())
            .map(ymd)
            .unwrap_or_default(),
    );
    let last = value(
        "last",
        editing
            .as_ref()
            .and_then(|h| h.off.last().copied())
            .map(ymd)
            .unwrap_or_default(),
    );
    let work = value(
        "work",
        editing
            .as_ref()
            .map(|h| {
                h.work
                    .iter()
                    .map(|d| ymd(*d))
                    .collect::<Vec<_>>()
                    .join("、")
            })
            .unwrap_or_default(),
    );
    let form_title = if replaces.is_empty() {
        format!("录入{year}年的假期")
    } else {
        format!("修改{year}年{replaces}")
    };
    let next_missing = today.month() >= 11 && !calendar.has_year(today.year() + 1);
    view! {
        <PageMeta title="节假日安排" description="法定节假日和调休上班日的维护。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="节假日安排" />
        <h1 class="app-page-title">"节假日安排"</h1>
        <p class="app-page-lede">"办理时限、答复期限和解读期限都按工作日计算：周末不计，法定节假日不计，调休上班的周末照常计算。请在国务院办公厅每年发布节假日安排通知后，按通知逐个录入下一年的假期。"</p>
        {notice().map(|n| view! { <Notice text=n /> })}
        {moved.map(|m| {
            let text = if m == 0 {
                "已按新的安排重新计算所有未到期的时限，没有期限因此改变。".to_owned()
            } else {
                format!("已按新的安排重新计算所有未到期的时限：{m}项期限随之改变，见下表。")
            };
            view! { <Notice text=text /> {change.map(moved_table)} }
        })}
        {next_missing.then(|| view! {
            <div class="app-banner" role="status">
                <p class="app-banner__text">{format!("{}年的节假日安排尚未录入：跨入{}年的时限将只扣除周末。", today.year() + 1, today.year() + 1)}</p>
            </div>
        })}
        <ErrorSummary errors=errors.clone() />
        {message.map(|m| view! { <div class="app-banner" role="alert"><p class="app-banner__text">{m}</p></div> })}
        <nav class="app-yearnav" aria-label="年份">
            <ul>
                {years.into_iter().map(|y| {
                    let current = (y == year).then_some("page");
                    view! { <li><a href=format!("/staff/calendar?year={y}") aria-current=current>{format!("{y}年")}</a></li> }
                }).collect_view()}
            </ul>
        </nav>
        <h2>{format!("{year}年")}</h2>
        {if holidays.is_empty() {
            view! { <p class="app-list__empty">{format!("{year}年的节假日安排尚未录入。")}</p> }.into_any()
        } else {
            view! {
                <div class="app-table-wrap">
                    <table class="app-table app-table--cards">
                        <caption class="app-visually-hidden">{format!("{year}年节假日安排")}</caption>
                        <thead><tr>
                            <th scope="col">"节日"</th>
                            <th scope="col">"放假"</th>
                            <th scope="col">"调休上班"</th>
                            <th scope="col">"操作"</th>
                        </tr></thead>
                        <tbody>
                            {holidays.into_iter().map(|h| {
                                let edit = format!("/staff/calendar?year={year}&edit={}#holiday", crate::ui::url::encode(&h.name));
                                let work = if h.work.is_empty() { "无".to_owned() } else { h.work.iter().map(|d| md(*d)).collect::<Vec<_>>().join("、") };
                                view! {
                                    <tr>
                                        <th scope="row" data-label="节日">{h.name.clone()}</th>
                                        <td data-label="放假">{format!("{}，共{}天", span(&h.off), h.off.len())}</td>
                                        <td data-label="调休上班">{work}</td>
                                        <td data-label="操作">
                                            <a href=edit>{format!("修改{}", h.name)}</a>
                                            <form method="post" action="/staff/calendar" class="app-inline-form">
                                                <input type="hidden" name="year" value=year.to_string() />
                                                <input type="hidden" name="replaces" value=h.name.clone() />
                                                <button type="submit" class="app-button app-button--warning" name="action" value="delete">{format!("删除{}", h.name)}</button>
                                            </form>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <form class="app-form" method="post" action="/staff/calendar" id="holiday">
            <h2>{form_title}</h2>
            <input type="hidden" name="year" value=year.to_string() />
            <input type="hidden" name="replaces" value=replaces />
            <TextInput name="name" label="节日名称" value=name hint="如 元旦、春节、清明节、劳动节、端午节、中秋节、国庆节" error=error_for(&errors, "name") />
            <TextInput name="first" label="放假第一天" kind="date" value=first hint="年-月-日，如 2027-10-01" error=error_for(&errors, "first") />
            <TextInput name="last" label="放假最后一天" kind="date" value=last hint="年-月-日；放假最后一天应在本年内" error=error_for(&errors, "last") />
            <TextInput name="work" label="调休上班日（可不填）" value=work hint="通知中写明需上班的周六、周日，多个日期用顿号或空格分隔，如 2027-09-26、2027-10-09" error=error_for(&errors, "work") />
            <div class="app-form__actions">
                <button type="submit" class="app-button" name="action" value="save">"保存"</button>
                {edit.is_some().then(|| view! { <a href=format!("/staff/calendar?year={year}")>"取消修改"</a> })}
            </div>
        </form>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_opens_on_the_year_still_to_enter() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
        assert_eq!(chosen_year(None, today, |y| y <= 2026), 2027);
        assert_eq!(chosen_year(None, today, |y| y <= 2027), 2026);
        assert_eq!(chosen_year(Some(2019), today, |_| true), 2019);
        assert_eq!(chosen_year(Some(99_999), today, |y| y <= 2026), 2027);
    }
}
