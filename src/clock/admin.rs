//! The calendar's administration form (`POST /staff/calendar`): a year's
//! holidays entered from the State Council's notice, changed or deleted.
//! The change, its audit entry, every open due date reckoned again and the
//! page cache's version commit together.

use super::holiday::{check, HolidayInput};
use crate::account::db::audit::{self, Actor};
use crate::account::extract::{Admin, Staff};
use crate::error::{AppError, FieldError};
use crate::server::forms::{form_values, Posted, Refusal};
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{extract::State, http::StatusCode, response::Response};

/// `POST /staff/calendar`: saves (`action=save`) or deletes
/// (`action=delete`) one holiday. Administrators only.
pub async fn save_holiday(
    State(state): State<AppState>,
    user: Staff<Admin>,
    Posted(form): Posted<HolidayInput>,
) -> Result<Response, Refusal> {
    let values = form_values(&form);
    let delete = match form.action.as_str() {
        "save" => false,
        "delete" => true,
        _ => return Err(Refusal::plain(StatusCode::BAD_REQUEST, "未知的操作。")),
    };
    let mut tx = state.db.begin_write().await?;
    // Checked against the calendar as it is inside the write lock.
    let calendar = super::db::load_in(&mut tx).await?;
    let year: Option<i32> = form.year.trim().parse().ok();
    let replaced = form.replaces.trim();
    let old = year.filter(|_| !replaced.is_empty()).and_then(|y| {
        calendar
            .holidays_of(y)
            .into_iter()
            .find(|h| h.name == replaced)
    });
    if !replaced.is_empty() && old.is_none() {
        return Err(Refusal::message(
            StatusCode::CONFLICT,
            "要修改的假期已不存在（可能已被他人删除），请刷新页面",
            values,
        ));
    }
    let new = if delete {
        None
    } else {
        // A second entry of the same name is refused before its days are
        // checked: its days clash with the first's, and the name says why.
        let name = form.name.trim();
        if let Some(y) = year {
            let same_name = calendar
                .holidays_of(y)
                .into_iter()
                .any(|other| other.name == name && other.name != replaced);
            if same_name {
                return Err(Refusal::fields(
                    vec![FieldError::new(
                        "name",
                        format!("{y}年已有“{name}”，请在列表中修改它"),
                    )],
                    values,
                ));
            }
        }
        Some(check(&form, &calendar).map_err(|e| Refusal::fields(e, values.clone()))?)
    };
    let Some(year) = new.as_ref().map(super::Holiday::year).or(year) else {
        return Err(Refusal::plain(StatusCode::BAD_REQUEST, "年份有误。"));
    };
    if delete && old.is_none() {
        return Err(Refusal::plain(
            StatusCode::BAD_REQUEST,
            "请选择要删除的假期。",
        ));
    }
    super::db::replace_holiday(&mut tx, old.as_ref(), new.as_ref()).await?;
    let now = now();
    // Due dates stored with the item are reckoned again now; the others are
    // reckoned when read, from the calendar every server reloads. Either
    // way, what moved is listed.
    let fresh = super::db::load_in(&mut tx).await?;
    let moved = moved_dues(&mut tx, &calendar, &fresh, state.today()).await?;
    let shown = new.as_ref().or(old.as_ref());
    let name = shown.map(|h| h.name.clone()).unwrap_or_default();
    let dates = |days: &[chrono::NaiveDate]| {
        days.iter()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .collect::<Vec<_>>()
    };
    let seq = audit::record(
        &mut tx,
        &Actor::staff(&user),
        if delete {
            "calendar.holiday_deleted"
        } else {
            "calendar.holiday_saved"
        },
        &format!("{year}年{name}"),
        serde_json::json!({
            "off": new.as_ref().map(|h| dates(&h.off)),
            "work": new.as_ref().map(|h| dates(&h.work)),
            "before_off": old.as_ref().map(|h| dates(&h.off)),
            "before_work": old.as_ref().map(|h| dates(&h.work)),
            "moved": moved.iter().take(MOVED_KEPT).map(|m| serde_json::json!({
                "what": m.what, "before": m.before, "after": m.after,
            })).collect::<Vec<_>>(),
            "moved_count": moved.len(),
        }),
        now,
    )
    .await?;
    crate::server::cache::bump(&mut tx).await?;
    tx.commit().await?;
    state.reload_calendar().await.map_err(AppError::from)?;
    let notice = if delete {
        "calendar_deleted"
    } else {
        "calendar_saved"
    };
    Ok(see_other(&format!(
        "/staff/calendar?year={year}&notice={notice}&moved={}&change={seq}",
        moved.len()
    )))
}

/// How many moved due dates the audit entry (and so the page) lists.
const MOVED_KEPT: usize = 200;

/// A due date the calendar's change moved.
pub struct Moved {
    pub what: String,
    pub before: String,
    pub after: String,
}

/// Every open due date reckoned under the calendar `before` and `after`
/// the change, and the ones that differ: interpretation dues (stored, so
/// written again here), open cases, poor ratings awaiting their 回访,
/// unanswered questions and disclosure requests (reckoned when read, so
/// they follow by themselves).
async fn moved_dues(
    tx: &mut sqlx::AnyConnection,
    before: &super::Calendar,
    after: &super::Calendar,
    today: chrono::NaiveDate,
) -> Result<Vec<Moved>, sqlx::Error> {
    let mut moved: Vec<Moved> = crate::content::db::recompute_interpretation_dues(tx, after)
        .await?
        .into_iter()
        .map(|(title, was, now)| Moved {
            what: format!("政策解读期限：{title}"),
            before: was.unwrap_or_default(),
            after: now,
        })
        .collect();
    // Adds `what` to the list when its due date differs between the calendars.
    let mut note = |what: String, due: &dyn Fn(&super::Calendar) -> Option<chrono::NaiveDate>| {
        if let (Some(was), Some(now)) = (due(before), due(after)) {
            if was != now {
                moved.push(Moved {
                    what,
                    before: was.format("%Y-%m-%d").to_string(),
                    after: now.format("%Y-%m-%d").to_string(),
                });
            }
        }
    };
    // The handlers' queue holds each open case's due date: stored again.
    crate::services::db::queue::refresh_dues_in(tx, after).await?;
    crate::consult::db::queue::refresh_dues_in(tx, after).await?;
    for (number, submitted_on, pauses, promised) in
        crate::services::db::cases::open_clocks_in(tx).await?
    {
        let Some(clock) = crate::services::cases::clock_from(
            &submitted_on,
            &pauses,
            u32::try_from(promised).unwrap_or(0),
        ) else {
            continue;
        };
        note(format!("办件 {number}"), &|c| {
            clock.reckon(c).ok().flatten().map(|r| r.due)
        });
    }
    for (number, rated_on) in crate::services::db::feedback::open_follow_ups_in(tx).await? {
        note(format!("差评回访 {number}"), &|c| {
            crate::services::feedback::follow_up_clock(&rated_on, c, today).map(|(d, _)| d)
        });
    }
    for (number, asked_on) in crate::consult::db::unanswered_in(tx).await? {
        note(format!("咨询 {number}"), &|c| {
            crate::consult::db::answer_clock(&asked_on, c, today).map(|(d, _)| d)
        });
    }
    for (number, clock_from, stops, extension) in crate::requests::db::open_clocks_in(tx).await? {
        let stops = crate::requests::rules::stops(&stops);
        let extension = u32::try_from(extension).unwrap_or(0);
        let Some(clock) = crate::requests::rules::clock(&clock_from, &stops, extension) else {
            continue;
        };
        note(format!("依申请公开 {number}"), &|c| {
            clock.reckon(c).ok().flatten().map(|r| r.due)
        });
    }
    Ok(moved)
}
