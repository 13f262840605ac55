//! A stored request read as its applicant and its handler see it: the
//! reply clock as it stands today, why it is stopped, and what may be done.

use super::db::Stored;
use super::rules::{self, Stop};
use super::types::{
    ApplicantKind, Delivery, Outcome, RequestEvent, RequestFile, RequestSummary, RequestView,
    Status,
};
use crate::clock::Calendar;
use chrono::NaiveDate;

impl Stored {
    pub fn status(&self) -> Status {
        self.status.parse().unwrap_or(Status::Handling)
    }

    pub fn stops(&self) -> Vec<Stop> {
        rules::stops(&self.stops)
    }

    pub fn extension(&self) -> u32 {
        u32::try_from(self.extension_days).unwrap_or(0)
    }

    /// The open stop, if the clock is stopped now.
    pub fn open_stop(&self) -> Option<Stop> {
        self.stops().into_iter().rev().find(|s| s.to.is_none())
    }

    /// The summary with the clock as it stands `today`.
    pub fn summary(&self, calendar: &Calendar, today: NaiveDate) -> RequestSummary {
        let status = self.status();
        let running = (status == Status::Handling)
            .then(|| rules::clock(&self.clock_from, &self.stops(), self.extension()))
            .flatten()
            .and_then(|c| rules::due(&c, calendar, today));
        let stopped = match status {
            Status::Correction => Some("等待申请人补正，暂停计时".to_owned()),
            Status::Handling => self.open_stop().and_then(|s| {
                let kind = s.kind()?;
                // A third party has 15 working days to give its view.
                let by = (kind == super::types::StopKind::ThirdParty)
                    .then(|| NaiveDate::parse_from_str(&s.from, "%Y-%m-%d").ok())
                    .flatten()
                    .and_then(|from| {
                        calendar
                            .add_working_days(from, super::types::THIRD_PARTY_DAYS)
                            .ok()
                    })
                    .map(|r| format!("，第三方应于{}前提出意见", r.due.format("%Y-%m-%d")));
                Some(format!(
                    "{}{}，暂停计时",
                    kind.label(),
                    by.unwrap_or_default()
                ))
            }),
            Status::Replied => None,
        };
        RequestSummary {
            number: self.number.clone(),
            applicant_kind: self.applicant_kind.parse().unwrap_or(ApplicantKind::Person),
            name: self.name.clone(),
            description: self.description.clone(),
            status,
            received_on: self.received_on.clone(),
            due_on: running.as_ref().map(|(r, _)| r.due.to_string()),
            days_left: running.as_ref().map(|(_, left)| *left),
            stopped,
            outcome: self
                .outcome
                .as_deref()
                .and_then(Outcome::by_slug)
                .map(Outcome::label),
        }
    }

    /// What the applicant sees.
    pub fn view(
        &self,
        calendar: &Calendar,
        today: NaiveDate,
        files: Vec<RequestFile>,
        events: Vec<RequestEvent>,
    ) -> RequestView {
        let working = (self.status() == Status::Handling)
            .then(|| rules::clock(&self.clock_from, &self.stops(), self.extension()))
            .flatten()
            .and_then(|c| c.reckon(calendar).ok().flatten())
            .map(|r| r.explain());
        RequestView {
            summary: self.summary(calendar, today),
            org_type: self.org_type.clone(),
            doc_ref: self.doc_ref.clone(),
            purpose: self.purpose.clone(),
            delivery: self.delivery.parse().unwrap_or(Delivery::Online),
            clock_from: self.clock_from.clone(),
            working,
            extension_days: self.extension(),
            correction: self.correction.clone(),
            correction_due_on: self
                .correction_due_on
                .clone()
                .filter(|_| self.status() == Status::Correction),
            supplement: self.supplement.clone(),
            letter: self.letter.clone(),
            replied_on: self.replied_on.clone(),
            fee_yuan: self.fee_yuan,
            files,
            events,
            notices: Vec::new(),
        }
    }

    /// What may be done on it `today`.
    pub fn actions(&self, calendar: &Calendar, today: NaiveDate) -> Vec<String> {
        let mut out = Vec::new();
        match self.status() {
            Status::Correction => out.extend(["corrected", "reply"]),
            Status::Handling => {
                let stopped = self.open_stop().is_some();
                if self.correction_may_be_asked(calendar, today) {
                    out.push("correct");
                }
                if self.extension_days == 0 && !stopped {
                    out.push("extend");
                }
                out.push(if stopped { "resume" } else { "stop" });
                out.push("reply");
            }
            Status::Replied => {}
        }
        out.into_iter().map(str::to_owned).collect()
    }

    /// 补正 is asked once, within 7 working days of receipt, before the
    /// clock was stopped or extended.
    pub fn correction_may_be_asked(&self, calendar: &Calendar, today: NaiveDate) -> bool {
        self.status() == Status::Handling
            && self.correction_asked_on.is_none()
            && self.extension_days == 0
            && self.stops().is_empty()
            && rules::correction_by(&self.received_on, calendar).is_some_and(|by| today <= by)
    }
}
