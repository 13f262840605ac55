//! One step on a request: its change, the event with the notice the
//! applicant is sent, and (for staff) the audit entry, committed together.

use super::db::{self, Change, Step, Stored};
use crate::account::db::audit::{self, Actor};
use crate::clock::Calendar;
use crate::server::forms::Refusal;
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::http::StatusCode;
use chrono::NaiveDate;
use std::collections::HashMap;

/// The notice to the applicant, made from the request as changed.
pub(super) type Notice<'a> =
    Box<dyn Fn(&Stored, &Calendar, NaiveDate) -> String + Send + Sync + 'a>;

/// One step as a handler (or the applicant) takes it.
pub(super) struct StepChange<'a> {
    pub change: Change<'a>,
    /// The timeline's words.
    pub action: &'a str,
    /// The audit action (None: the applicant's own step, not staff's).
    pub audit: Option<&'a str>,
    pub note: &'a str,
    /// The notice to the applicant, from the request as changed.
    pub notice: Notice<'a>,
    pub detail: serde_json::Value,
}

/// Applies a step to `stored`: the change, the event with its notice and
/// the audit entry commit together; a request changed meanwhile is refused.
pub(super) async fn step(
    state: &AppState,
    stored: &Stored,
    actor: &Actor,
    s: StepChange<'_>,
    values: HashMap<String, String>,
) -> Result<(), Refusal> {
    let (today, at, calendar) = (state.today(), now(), state.calendar());
    let mut tx = state.db.begin_write().await?;
    let done = db::change(
        &mut tx,
        stored.id,
        stored.status(),
        &stored.stops,
        &s.change,
    )
    .await?;
    if !done {
        return Err(Refusal::message(
            StatusCode::CONFLICT,
            "这件申请刚刚被他人办理过，请刷新页面后再试。",
            values,
        ));
    }
    // The notice reads the request as changed, inside the transaction.
    let changed = db::by_number_in(&mut tx, &stored.number)
        .await?
        .ok_or_else(|| Refusal::plain(StatusCode::NOT_FOUND, "没有这件申请。"))?;
    let notice = (s.notice)(&changed, &calendar, today);
    db::add_event(
        &mut tx,
        Some(&crate::notify::Outbox::of(state)),
        stored.id,
        &Step {
            on: today,
            action: s.action,
            actor: &actor.name,
            note: s.note,
            notice: &notice,
        },
        at,
    )
    .await?;
    if let Some(action) = s.audit {
        audit::record(
            &mut tx,
            actor,
            action,
            &format!("依申请公开 {}", stored.number),
            s.detail,
            at,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

impl StepChange<'_> {
    pub(super) async fn run(
        self,
        state: &AppState,
        stored: &Stored,
        actor: &Actor,
        values: HashMap<String, String>,
    ) -> Result<(), Refusal> {
        step(state, stored, actor, self, values).await
    }
}
