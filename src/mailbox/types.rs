//! The letters' kinds and states, what a letter and each staff step must
//! hold (with the message for each field that falls short), the clock, and
//! the monthly statistics.

use crate::clock::{Calendar, Clock};
use crate::error::FieldError;
use chrono::{Months, NaiveDate};
use std::collections::HashMap;

/// Working days to answer a letter unless the bureau sets otherwise.
pub const DEFAULT_DAYS: i64 = 15;
/// A letter still open this many months after it came is a veto item of
/// the government-website checklist.
pub const STALE_MONTHS: u32 = 3;
/// Files a letter may carry.
pub const MAX_FILES: usize = 3;

const MAX_SUBJECT: usize = 50;
const MAX_BODY: usize = 3000;
const MAX_NAME: usize = 30;
const MAX_REPLY: usize = 3000;
const MAX_NOTE: usize = 500;

/// Where a letter was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// 局长信箱: anything to the bureau's head.
    Director,
    /// 投诉举报: a report of an illegal publication, piracy, unlicensed
    /// broadcasting or a 扫黄打非 tip; may be anonymous, never published.
    Report,
}

impl Channel {
    pub const ALL: [Channel; 2] = [Channel::Director, Channel::Report];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Director => "director",
            Channel::Report => "report",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Channel::Director => "局长信箱",
            Channel::Report => "投诉举报",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// What a report is about (投诉举报 only).
pub const CATEGORIES: [(&str, &str); 5] = [
    ("illegal_publication", "非法出版物"),
    ("piracy", "盗版侵权"),
    ("broadcasting", "非法广播电视（黑广播、非法卫星接收等）"),
    ("tip", "扫黄打非线索"),
    ("other", "其他"),
];

/// A report category's words (empty for none).
pub fn category_label(key: &str) -> &'static str {
    CATEGORIES
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("", |(_, l)| l)
}

/// Where a letter stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Open,
    Replied,
    /// 不予受理, with the reason.
    Rejected,
    /// A duplicate, handled with the letter it was merged into.
    Merged,
    /// A report handed to enforcement; its outcome follows.
    Referred,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Open,
        Status::Replied,
        Status::Rejected,
        Status::Merged,
        Status::Referred,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Replied => "replied",
            Status::Rejected => "rejected",
            Status::Merged => "merged",
            Status::Referred => "referred",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Open => "办理中",
            Status::Replied => "已答复",
            Status::Rejected => "不予受理",
            Status::Merged => "已合并办理",
            Status::Referred => "已移交执法",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A letter as stored, with what only staff and its writer may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub id: i64,
    pub number: String,
    pub channel: Channel,
    pub category: String,
    pub subject: String,
    pub body: String,
    /// Empty: anonymous (reports only).
    pub writer: String,
    /// Never shown outside the staff pages.
    pub contact: String,
    pub allow_public: bool,
    pub received_at: i64,
    pub received_on: NaiveDate,
    pub limit_days: i64,
    pub department: String,
    pub status: Status,
    pub closed_on: Option<NaiveDate>,
    pub reply: String,
    pub replied_by: String,
    pub reason: String,
    pub merged_into: String,
    pub referral: String,
    pub outcome: String,
    pub public: bool,
    pub public_subject: String,
    pub public_body: String,
}

impl Letter {
    /// The last day to answer it.
    pub fn due(&self, calendar: &Calendar) -> Option<NaiveDate> {
        let days = u32::try_from(self.limit_days).ok()?;
        Some(
            Clock::new(self.received_on, days)
                .reckon(calendar)
                .ok()??
                .due,
        )
    }

    /// Working days left to answer it (negative: late), while it is open.
    pub fn days_left(&self, calendar: &Calendar, today: NaiveDate) -> Option<i64> {
        (self.status == Status::Open)
            .then(|| self.due(calendar))
            .flatten()
            .map(|due| calendar.working_days_between(today, due))
    }

    /// Whether it has been open past [`STALE_MONTHS`] on `today`.
    pub fn stale(&self, today: NaiveDate) -> bool {
        self.status == Status::Open
            && self
                .received_on
                .checked_add_months(Months::new(STALE_MONTHS))
                .is_some_and(|d| d <= today)
    }

    /// Its category in words (reports), or the channel's name.
    pub fn kind_label(&self) -> String {
        match self.channel {
            Channel::Director => Channel::Director.label().to_owned(),
            Channel::Report => format!("投诉举报（{}）", category_label(&self.category)),
        }
    }

    /// The writer's name as staff see it.
    pub fn writer_label(&self) -> &str {
        if self.writer.is_empty() {
            "匿名"
        } else {
            &self.writer
        }
    }
}

/// One step as the writer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub at: i64,
    pub action: String,
    pub actor: String,
    pub note: String,
}

/// A letter as written, checked and ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub channel: Channel,
    pub category: String,
    pub subject: String,
    pub body: String,
    pub writer: String,
    pub contact: String,
    pub allow_public: bool,
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Checks the letter form's `values`: `channel`, `category` (reports),
/// `subject`, `body`, `writer`, `contact`, `anonymous` (`yes`, reports),
/// `allow_public` (`yes`, 局长信箱).
pub fn check_letter(values: &HashMap<String, String>) -> Result<Written, Vec<FieldError>> {
    let get = |k: &str| {
        values
            .get(k)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut errors = Vec::new();
    let Some(channel) = Channel::parse(&get("channel")) else {
        return Err(vec![FieldError::new(
            "channel",
            "请选择写信给局长还是投诉举报",
        )]);
    };
    let report = channel == Channel::Report;
    let anonymous = report && get("anonymous") == "yes";
    let w = Written {
        channel,
        category: if report {
            get("category")
        } else {
            String::new()
        },
        subject: get("subject"),
        body: get("body"),
        writer: if anonymous {
            String::new()
        } else {
            get("writer")
        },
        contact: if anonymous {
            String::new()
        } else {
            get("contact")
        },
        allow_public: !report && get("allow_public") == "yes",
    };
    if report && category_label(&w.category).is_empty() {
        errors.push(FieldError::new("category", "请选择举报类别"));
    }
    if w.subject.is_empty() {
        errors.push(FieldError::new("subject", "请填写标题"));
    } else if chars(&w.subject) > MAX_SUBJECT {
        errors.push(FieldError::new(
            "subject",
            format!("标题不能超过 {MAX_SUBJECT} 字"),
        ));
    }
    if chars(&w.body) < 10 {
        errors.push(FieldError::new(
            "body",
            if report {
                "请写清楚举报的事实（至少 10 个字）：在哪里、什么时间、什么情况"
            } else {
                "请把来信内容写清楚（至少 10 个字）"
            },
        ));
    } else if chars(&w.body) > MAX_BODY {
        errors.push(FieldError::new(
            "body",
            format!("内容不能超过 {MAX_BODY} 字"),
        ));
    }
    if !anonymous {
        if w.writer.is_empty() {
            errors.push(FieldError::new(
                "writer",
                if report {
                    "请填写姓名或单位名称，或选择匿名举报"
                } else {
                    "请填写姓名或单位名称"
                },
            ));
        } else if chars(&w.writer) > MAX_NAME {
            errors.push(FieldError::new(
                "writer",
                format!("姓名不能超过 {MAX_NAME} 字"),
            ));
        }
        if w.contact.is_empty() {
            errors.push(FieldError::new("contact", "请填写联系方式，以便答复您"));
        } else if !crate::consult::validate::contact_ok(&w.contact) {
            errors.push(FieldError::new(
                "contact",
                "联系方式应为 11 位手机号、带区号的固定电话（如 0591-87654321）或电子邮箱",
            ));
        }
    }
    if errors.is_empty() {
        Ok(w)
    } else {
        Err(errors)
    }
}

/// A required text of at most `max` characters, trimmed; or the message.
pub fn required(value: &str, field: &str, missing: &str, max: usize) -> Result<String, FieldError> {
    let v = value.trim();
    if v.is_empty() {
        Err(FieldError::new(field, missing))
    } else if chars(v) > max {
        Err(FieldError::new(field, format!("不能超过 {max} 字")))
    } else {
        Ok(v.to_owned())
    }
}

/// A department's name.
pub fn check_department(v: &str) -> Result<String, FieldError> {
    required(v, "department", "请填写承办部门", MAX_NAME)
}

/// A reply's text.
pub fn check_reply(v: &str) -> Result<String, FieldError> {
    required(v, "reply", "请填写答复内容", MAX_REPLY)
}

/// A reason, a note or an outcome written to the writer.
pub fn check_note(v: &str, field: &str, missing: &str) -> Result<String, FieldError> {
    required(v, field, missing, MAX_NOTE)
}

/// What a writer typed, fit for the public: identity-card, mobile and bank
/// card numbers masked, and the writer's own name wherever it appears.
#[cfg(feature = "ssr")]
pub fn for_public(text: &str, writer: &str) -> String {
    use crate::registers::mask::{mask_value, Mask};
    let writer = writer.trim();
    let person = (chars(writer) >= 2).then_some(writer);
    mask_value(text.trim(), Mask::Numbers, person).0
}

/// One month's figures for one channel.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MonthFigures {
    /// `YYYY-MM`.
    pub month: String,
    pub received: i64,
    /// Answered, rejected, merged or handed to enforcement.
    pub closed: i64,
    /// Of those, by the due day.
    pub on_time: i64,
    /// Working days from receipt to answer, summed over the closed ones.
    pub days: i64,
    /// Still open past [`STALE_MONTHS`].
    pub stale: i64,
}

impl MonthFigures {
    /// 按期办结率, in words ("—" when nothing closed).
    pub fn on_time_rate(&self) -> String {
        if self.closed == 0 {
            "—".to_owned()
        } else {
            format!("{:.1}%", self.on_time as f64 * 100.0 / self.closed as f64)
        }
    }

    /// 平均办理用时 in working days ("—" when nothing closed).
    pub fn average_days(&self) -> String {
        if self.closed == 0 {
            "—".to_owned()
        } else {
            format!("{:.1}", self.days as f64 / self.closed as f64)
        }
    }
}

/// What the statistics count of one letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub channel: Channel,
    pub received: NaiveDate,
    pub due: Option<NaiveDate>,
    pub closed: Option<NaiveDate>,
    pub stale: bool,
}

impl Letter {
    /// What the statistics count of it on `today`.
    pub fn counted(&self, calendar: &Calendar, today: NaiveDate) -> Counted {
        Counted {
            channel: self.channel,
            received: self.received_on,
            due: self.due(calendar),
            closed: self.closed_on,
            stale: self.stale(today),
        }
    }
}

/// Each channel's figures per month of receipt, newest month first.
pub fn figures(letters: &[Counted], calendar: &Calendar) -> Vec<(Channel, Vec<MonthFigures>)> {
    Channel::ALL
        .into_iter()
        .map(|channel| {
            let mut months: Vec<MonthFigures> = Vec::new();
            for Counted {
                received,
                due,
                closed,
                stale,
                ..
            } in letters.iter().filter(|c| c.channel == channel)
            {
                let month = received.format("%Y-%m").to_string();
                let i = match months.iter().position(|m| m.month == month) {
                    Some(i) => i,
                    None => {
                        months.push(MonthFigures {
                            month,
                            ..Default::default()
                        });
                        months.len() - 1
                    }
                };
                let m = &mut months[i];
                m.received += 1;
                if let Some(closed) = closed {
                    m.closed += 1;
                    m.days += calendar.working_days_between(*received, *closed).max(0);
                    if due.is_none_or(|d| *closed <= d) {
                        m.on_time += 1;
                    }
                }
                if *stale {
                    m.stale += 1;
                }
            }
            months.sort_by(|a, b| b.month.cmp(&a.month));
            (channel, months)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn fields(r: Result<Written, Vec<FieldError>>) -> Vec<String> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_letter_names_each_missing_field() {
        assert_eq!(fields(check_letter(&form(&[]))), ["channel"]);
        assert_eq!(
            fields(check_letter(&form(&[("channel", "director")]))),
            ["subject", "body", "writer", "contact"]
        );
        assert_eq!(
            fields(check_letter(&form(&[
                ("channel", "report"),
                ("category", "nope"),
                ("subject", "盗版书"),
                ("body", "某书店销售盗版教辅，地址在某路某号。"),
                ("anonymous", "yes"),
            ]))),
            ["category"]
        );
    }

    #[test]
    fn an_anonymous_report_keeps_no_name_and_is_never_public() {
        let w = check_letter(&form(&[
            ("channel", "report"),
            ("category", "piracy"),
            ("subject", " 盗版教辅 "),
            ("body", "某书店销售盗版教辅，地址在某路某号。"),
            ("writer", "张三"),
            ("contact", "13800138000"),
            ("anonymous", "yes"),
            ("allow_public", "yes"),
        ]));
        assert_eq!(
            w.map(|w| (w.subject, w.writer, w.contact, w.allow_public)),
            Ok(("盗版教辅".to_owned(), String::new(), String::new(), false))
        );
        // A letter to the director cannot be anonymous.
        assert_eq!(
            fields(check_letter(&form(&[
                ("channel", "director"),
                ("subject", "建议"),
                ("body", "建议增加农家书屋的图书更新频次。"),
                ("anonymous", "yes"),
                ("contact", "123"),
            ]))),
            ["writer", "contact"]
        );
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn figures_count_each_letter_once() {
        let calendar = Calendar::new([]);
        let letters = [
            // Monday to Wednesday: 2 working days, on time.
            Counted {
                channel: Channel::Director,
                received: d("2026-06-01"),
                due: Some(d("2026-06-19")),
                closed: Some(d("2026-06-03")),
                stale: false,
            },
            // Late.
            Counted {
                channel: Channel::Director,
                received: d("2026-06-02"),
                due: Some(d("2026-06-22")),
                closed: Some(d("2026-06-30")),
                stale: false,
            },
            // Still open, stale.
            Counted {
                channel: Channel::Director,
                received: d("2026-06-05"),
                due: Some(d("2026-06-26")),
                closed: None,
                stale: true,
            },
            Counted {
                channel: Channel::Report,
                received: d("2026-07-01"),
                due: Some(d("2026-07-21")),
                closed: None,
                stale: false,
            },
        ];
        let f = figures(&letters, &calendar);
        let june = &f[0].1[0];
        assert_eq!(
            (june.received, june.closed, june.on_time, june.stale),
            (3, 2, 1, 1)
        );
        assert_eq!(june.on_time_rate(), "50.0%");
        // 2 + 20 working days over two letters.
        assert_eq!(june.average_days(), "11.0");
        assert_eq!(f[1].1[0].month, "2026-07");
        assert_eq!(f[1].1[0].on_time_rate(), "—");
    }

    #[test]
    fn a_letter_goes_stale_three_months_on() {
        let l = Letter {
            id: 1,
            number: "XJ1".to_owned(),
            channel: Channel::Director,
            category: String::new(),
            subject: String::new(),
            body: String::new(),
            writer: String::new(),
            contact: String::new(),
            allow_public: false,
            received_at: 0,
            received_on: d("2026-05-31"),
            limit_days: 15,
            department: String::new(),
            status: Status::Open,
            closed_on: None,
            reply: String::new(),
            replied_by: String::new(),
            reason: String::new(),
            merged_into: String::new(),
            referral: String::new(),
            outcome: String::new(),
            public: false,
            public_subject: String::new(),
            public_body: String::new(),
        };
        assert!(!l.stale(d("2026-08-30")));
        assert!(l.stale(d("2026-08-31")));
        let calendar = Calendar::new([]);
        // 15 working days from Sunday 31 May: Friday 19 June.
        assert_eq!(l.due(&calendar), Some(d("2026-06-19")));
        assert_eq!(l.days_left(&calendar, d("2026-06-18")), Some(1));
        let replied = Letter {
            status: Status::Replied,
            ..l
        };
        assert!(!replied.stale(d("2027-01-01")));
        assert_eq!(replied.days_left(&calendar, d("2026-06-18")), None);
    }
}
