//! Handling cases (办件): who may move a case from which status to which,
//! the statutory clock of each case (paused while the applicant corrects),
//! and the party a licence is granted to. Storing decisions is
//! `db::cases`.

use super::db::applications::Stored;
use crate::clock::{Calendar, Clock};
use crate::services::types::CaseStatus;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// What a handler can do, and the status each leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Accept,
    Correct,
    Reject,
    Grant,
    Refuse,
    Close,
}

impl Action {
    pub fn from_slug(s: &str) -> Option<Action> {
        Some(match s {
            "accept" => Action::Accept,
            "correct" => Action::Correct,
            "reject" => Action::Reject,
            "grant" => Action::Grant,
            "refuse" => Action::Refuse,
            "close" => Action::Close,
            _ => return None,
        })
    }

    pub fn slug(self) -> &'static str {
        match self {
            Action::Accept => "accept",
            Action::Correct => "correct",
            Action::Reject => "reject",
            Action::Grant => "grant",
            Action::Refuse => "refuse",
            Action::Close => "close",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Action::Accept => "受理",
            Action::Correct => "一次性告知补正",
            Action::Reject => "不予受理",
            Action::Grant => "准予许可",
            Action::Refuse => "不予许可",
            Action::Close => "办结",
        }
    }

    /// The notice it sends the applicant.
    pub fn event(self) -> crate::notify::types::Event {
        use crate::notify::types::Event;
        match self {
            Action::Accept => Event::CaseAccepted,
            Action::Correct => Event::CaseCorrection,
            Action::Reject => Event::CaseRejected,
            Action::Grant => Event::CaseGranted,
            Action::Refuse => Event::CaseRefused,
            Action::Close => Event::CaseDone,
        }
    }

    /// The statuses it may be taken from, and the one it leads to.
    pub fn transition(self) -> (&'static [CaseStatus], CaseStatus) {
        use CaseStatus::*;
        match self {
            Action::Accept => (&[Submitted], Accepted),
            Action::Correct => (&[Submitted], Correction),
            Action::Reject => (&[Submitted], Rejected),
            Action::Grant => (&[Accepted], Granted),
            Action::Refuse => (&[Accepted], Refused),
            Action::Close => (&[Granted, Refused], Done),
        }
    }

    /// Whether the opinion must say something (a refusal gives its reason).
    pub fn needs_opinion(self) -> bool {
        matches!(self, Action::Correct | Action::Reject | Action::Refuse)
    }

    /// The actions open on a case in `status`.
    pub fn open_on(status: CaseStatus) -> Vec<Action> {
        [
            Action::Accept,
            Action::Correct,
            Action::Reject,
            Action::Grant,
            Action::Refuse,
            Action::Close,
        ]
        .into_iter()
        .filter(|a| a.transition().0.contains(&status))
        .collect()
    }
}

/// The case's clock: from submission, the limit promised then (the
/// service's current one, `service_days`, for a case stored without it),
/// paused while the applicant corrects.
pub fn clock(stored: &Stored, pauses: &str, service_days: u32) -> Option<Clock> {
    let days = promised(stored.promised_days, service_days);
    clock_from(stored.submitted_on.as_deref()?, pauses, days)
}

/// The limit a case is held to: the one stored with it at submission, else
/// its service's current one.
pub fn promised(stored: Option<i64>, service_days: u32) -> u32 {
    stored
        .and_then(|d| u32::try_from(d).ok())
        .unwrap_or(service_days)
}

/// The clock of a case submitted on `submitted_on` (YYYY-MM-DD) with
/// `pauses` as stored.
pub fn clock_from(submitted_on: &str, pauses: &str, promised_days: u32) -> Option<Clock> {
    let started = NaiveDate::parse_from_str(submitted_on, "%Y-%m-%d").ok()?;
    let mut clock = Clock::new(started, promised_days);
    let list: Vec<(String, Option<String>)> = serde_json::from_str(pauses).unwrap_or_default();
    for (from, to) in list {
        let parse = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
        if let Some(from) = parse(&from) {
            let _ = clock.pause(from);
            if let Some(to) = to.as_deref().and_then(parse) {
                let _ = clock.resume(to);
            }
        }
    }
    Some(clock)
}

/// Due date and working days left (negative: overdue) of a case still open.
pub fn due(clock: &Clock, calendar: &Calendar, today: NaiveDate) -> Option<(NaiveDate, i64)> {
    let r = clock.reckon(calendar).ok()??;
    Some((r.due, calendar.working_days_between(today, r.due)))
}

/// How urgent a case is: red overdue, yellow at most 2 working days left.
pub fn urgency(days_left: Option<i64>) -> &'static str {
    match days_left {
        Some(d) if d < 0 => "red",
        Some(d) if d <= 2 => "yellow",
        Some(_) => "green",
        None => "none",
    }
}

/// What a handler decided.
pub struct Decision<'a> {
    pub action: Action,
    pub opinion: &'a str,
    /// The licence certificate's number (granting only).
    pub cert_no: &'a str,
}

/// Who a licence is granted to, as the register records them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    /// One of the register's party kinds (自然人 is masked in public).
    pub kind: &'static str,
    /// The organisation's 统一社会信用代码; empty for a natural person, whose
    /// identity-card number never goes into the register.
    pub code: String,
}

/// The party of an application from its answers: the kind the applicant
/// chose (`party_kind`) if the form asked; else an organisation when a
/// credit code was given (个体工商户 when its type code is 92, GB 32100),
/// and a natural person otherwise.
pub fn party_of(answers: &BTreeMap<String, String>) -> Party {
    use crate::registers::schema::{NATURAL_PERSON, PARTY_KINDS};
    let get = |k: &str| {
        answers
            .get(k)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let name = ["org_name", "author", "name"]
        .iter()
        .map(|k| get(k))
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    let code = get("credit_code");
    let chosen = PARTY_KINDS
        .iter()
        .copied()
        .find(|k| *k == get("party_kind"));
    let kind = chosen.unwrap_or(if code.is_empty() {
        NATURAL_PERSON
    } else if code.starts_with("92") {
        "个体工商户"
    } else {
        "法人及非法人组织"
    });
    Party {
        name,
        kind,
        code: if kind == NATURAL_PERSON {
            String::new()
        } else {
            code
        },
    }
}

#[cfg(test)]
mod party_tests {
    use super::*;

    fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn the_party_kind_comes_from_the_applicant() {
        let org = party_of(&answers(&[
            ("org_name", "福州示例印刷有限公司"),
            ("credit_code", "91350102MA2XY01232"),
        ]));
        assert_eq!(org.kind, "法人及非法人组织");
        assert_eq!(org.code, "91350102MA2XY01232");
        let shop = party_of(&answers(&[
            ("org_name", "鼓楼区某书店"),
            ("credit_code", "92350102MA2XY0123X"),
        ]));
        assert_eq!(shop.kind, "个体工商户");
        let person = party_of(&answers(&[
            ("author", "林晓明"),
            ("id_number", "350102199001011234"),
        ]));
        assert_eq!(person.kind, "自然人");
        assert_eq!(person.name, "林晓明");
        assert_eq!(
            person.code, "",
            "an ID number never becomes the register's code"
        );
        let chosen = party_of(&answers(&[
            ("author", "某某出版社"),
            ("party_kind", "法人及非法人组织"),
        ]));
        assert_eq!(chosen.kind, "法人及非法人组织");
    }
}
