//! A public concern (政务舆情) as recorded, its clocks, and the checks a
//! new record must pass.
//!
//! 国办发〔2016〕61号: for 特别重大 and 重大 incidents, authoritative
//! information within 5 hours at the latest and a press conference within
//! 24 hours — calendar hours, day or night. Other concerns are answered
//! within the bureau's limit in working days on the statutory calendar.

pub use crate::alerts::types::Level;
use crate::clock::{Calendar, Light, YELLOW_DAYS};
use crate::error::FieldError;
use crate::ui::format::{beijing, datetime_zh, iso_date, parse_local};
use chrono::{DateTime, NaiveDate, Utc};

/// Hours to authoritative information for 重大 / 特别重大.
pub const INFO_HOURS: i64 = 5;
/// Hours to a press conference for 重大 / 特别重大.
pub const CONFERENCE_HOURS: i64 = 24;
/// The working-day limit when the bureau has not set one.
pub const DEFAULT_DAYS: i64 = 2;
/// An hour clock turns yellow with this share of its period left
/// (5 h → 100 min, 24 h → 8 h).
const YELLOW_SHARE: i64 = 3;

pub const MAX_OUTLET: usize = 60;
pub const MAX_SUMMARY: usize = 1000;
pub const MAX_DEPARTMENT: usize = 40;
pub const MAX_URL: usize = 500;
pub const MAX_REASON: usize = 500;
/// How far back a concern may be recorded as noticed.
pub const MAX_BACK_DAYS: i64 = 90;

/// Whether `level` runs on calendar hours (重大, 特别重大).
pub fn hour_clock(level: Level) -> bool {
    matches!(level, Level::One | Level::Two)
}

/// Where a concern stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Waiting for its response.
    Open,
    /// Every response its level needs is published.
    Answered,
    /// Closed by a recorded decision not to respond.
    Declined,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Open, Status::Answered, Status::Declined];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Answered => "answered",
            Status::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Open => "待回应",
            Status::Answered => "已回应",
            Status::Declined => "不予回应",
        }
    }
}

/// A concern as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concern {
    pub id: i64,
    pub level: Level,
    /// Where it was seen: outlet, platform or channel.
    pub outlet: String,
    /// Its address there, if it has one.
    pub source_url: String,
    pub noticed_at: i64,
    pub summary: String,
    /// The department responsible for the response.
    pub department: String,
    /// The working-day limit (一般 / 较大) when it was recorded.
    pub limit_days: i64,
    pub status: Status,
    /// When the first linked response was published.
    pub info_at: Option<i64>,
    /// When the first linked press conference was published.
    pub conference_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub closed_by: String,
    pub decline_reason: String,
    pub created_by: String,
    pub created_at: i64,
}

/// One linked response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub article_id: i64,
    pub title: String,
    pub conference: bool,
    pub published_at: i64,
    pub linked_by: String,
    pub linked_at: i64,
}

/// One of a concern's clocks as it stands at a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// 发布权威信息, 举行新闻发布会, 作出回应.
    pub what: &'static str,
    /// The deadline in words: a time for hour clocks, a day otherwise.
    pub due: String,
    /// The deadline's Beijing date (`YYYY-MM-DD`), for lists sorted by date.
    pub due_on: String,
    /// Red or yellow while it runs and is late or near; `None` otherwise.
    pub light: Option<Light>,
    /// Where it stands in words: 还剩…, 已超时…, 已于…完成（用时…）.
    pub state: String,
}

fn beijing_day(unix: i64) -> NaiveDate {
    DateTime::<Utc>::from_timestamp(unix, 0)
        .map(|t| t.with_timezone(&beijing()).date_naive())
        .unwrap_or_default()
}

/// A span of seconds in hours and minutes: `3小时20分钟`, `45分钟`.
pub fn span_zh(seconds: i64) -> String {
    let minutes = seconds.max(0) / 60;
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("{m}分钟"),
        (h, 0) => format!("{h}小时"),
        (h, m) => format!("{h}小时{m}分钟"),
    }
}

/// How long a response published at `answered` took after a concern of
/// `level` noticed at `noticed`, in the clock's own unit: hours and
/// minutes for 重大 / 特别重大, working days otherwise.
pub fn took(level: Level, noticed: i64, answered: i64, calendar: &Calendar) -> String {
    if hour_clock(level) {
        span_zh(answered - noticed)
    } else {
        match calendar.working_days_between(beijing_day(noticed), beijing_day(answered)) {
            n if n <= 0 => "不到1个工作日".to_owned(),
            n => format!("{n}个工作日"),
        }
    }
}

impl Concern {
    /// The working-day deadline (一般 / 较大): the last day to respond.
    pub fn due_day(&self, calendar: &Calendar) -> Option<NaiveDate> {
        let days = u32::try_from(self.limit_days.clamp(0, 365)).unwrap_or(0);
        calendar
            .add_working_days(beijing_day(self.noticed_at), days)
            .ok()
            .map(|r| r.due)
    }

    /// Its clocks at `now`: for 重大 / 特别重大 the 5-hour and the 24-hour
    /// one, otherwise the one working-day clock. A declined concern's
    /// clocks stop where they were.
    pub fn dues(&self, calendar: &Calendar, now: i64) -> Vec<Due> {
        let running = self.status == Status::Open;
        if hour_clock(self.level) {
            [
                ("发布权威信息", INFO_HOURS, self.info_at),
                ("举行新闻发布会", CONFERENCE_HOURS, self.conference_at),
            ]
            .into_iter()
            .map(|(what, hours, met)| {
                let due_at = self.noticed_at + hours * 3600;
                let (light, state) = match met {
                    Some(at) => (
                        None,
                        met_words(at, at <= due_at, self.level, self.noticed_at, calendar),
                    ),
                    None if !running => (None, "未计时（已结束）".to_owned()),
                    None if now > due_at => {
                        (Some(Light::Red), format!("已超时{}", span_zh(now - due_at)))
                    }
                    None => {
                        let left = due_at - now;
                        let light = if left * YELLOW_SHARE <= hours * 3600 {
                            Light::Yellow
                        } else {
                            Light::Green
                        };
                        (Some(light), format!("还剩{}", span_zh(left)))
                    }
                };
                Due {
                    what,
                    due: datetime_zh(due_at),
                    due_on: iso_date(due_at),
                    light,
                    state,
                }
            })
            .collect()
        } else {
            let Some(day) = self.due_day(calendar) else {
                return Vec::new();
            };
            let today = beijing_day(now);
            let (light, state) = match self.info_at {
                Some(at) => (
                    None,
                    met_words(
                        at,
                        beijing_day(at) <= day,
                        self.level,
                        self.noticed_at,
                        calendar,
                    ),
                ),
                None if !running => (None, "未计时（已结束）".to_owned()),
                None => {
                    let left = calendar.working_days_between(today, day);
                    if today > day {
                        (Some(Light::Red), format!("已超期{}个工作日", -left.min(-1)))
                    } else if left <= i64::from(YELLOW_DAYS) {
                        (Some(Light::Yellow), format!("还剩{left}个工作日"))
                    } else {
                        (Some(Light::Green), format!("还剩{left}个工作日"))
                    }
                }
            };
            vec![Due {
                what: "作出回应",
                due: crate::ui::format::date_zh(&day.to_string()),
                due_on: day.to_string(),
                light,
                state,
            }]
        }
    }

    /// The most urgent light among its running clocks.
    pub fn light(&self, calendar: &Calendar, now: i64) -> Option<Light> {
        let lights: Vec<Light> = self
            .dues(calendar, now)
            .iter()
            .filter_map(|d| d.light)
            .collect();
        [Light::Red, Light::Yellow, Light::Green]
            .into_iter()
            .find(|l| lights.contains(l))
    }
}

fn met_words(at: i64, on_time: bool, level: Level, noticed: i64, calendar: &Calendar) -> String {
    format!(
        "已于{}完成，用时{}{}",
        datetime_zh(at),
        took(level, noticed, at, calendar),
        if on_time { "" } else { "（超过时限）" }
    )
}

/// The record form as posted.
#[derive(Debug, Clone, Default)]
pub struct RecordInput {
    pub level: String,
    pub outlet: String,
    pub source_url: String,
    /// `YYYY-MM-DDTHH:MM`, Beijing time.
    pub noticed: String,
    pub summary: String,
    pub department: String,
}

/// A record that passed its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub level: Level,
    pub outlet: String,
    pub source_url: String,
    pub noticed_at: i64,
    pub summary: String,
    pub department: String,
}

fn one_line(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: &str,
    label: &str,
    max: usize,
    missing: &str,
) {
    if value.is_empty() {
        errors.push(FieldError::new(field, missing));
    } else if value.chars().count() > max {
        errors.push(FieldError::new(field, format!("{label}不超过{max}个字")));
    } else if value.chars().any(char::is_control) {
        errors.push(FieldError::new(field, format!("{label}只能是一行文字")));
    }
}

fn url_ok(url: &str) -> bool {
    url.len() <= MAX_URL
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>'))
        && ["https://", "http://"].iter().any(|p| {
            url.strip_prefix(p)
                .is_some_and(|rest| rest.len() > 3 && rest.contains('.'))
        })
}

impl RecordInput {
    /// The record, or each field's problem in Chinese; `now` bounds when
    /// it can have been noticed.
    pub fn check(&self, now: i64) -> Result<Record, Vec<FieldError>> {
        let mut errors = Vec::new();
        let level = Level::parse(self.level.trim());
        if level.is_none() {
            errors.push(FieldError::new("level", "请选择舆情级别"));
        }
        let outlet = self.outlet.trim().to_owned();
        one_line(
            &mut errors,
            "outlet",
            &outlet,
            "来源",
            MAX_OUTLET,
            "请填写舆情来源，如 某某论坛、微博、12345热线",
        );
        let source_url = self.source_url.trim().to_owned();
        if !source_url.is_empty() && !url_ok(&source_url) {
            errors.push(FieldError::new(
                "source_url",
                "原文链接须以 https:// 或 http:// 开头，如 https://weibo.com/…",
            ));
        }
        let noticed_at = if self.noticed.trim().is_empty() {
            errors.push(FieldError::new("noticed", "请填写发现时间"));
            None
        } else {
            match parse_local(&self.noticed) {
                None => {
                    errors.push(FieldError::new(
                        "noticed",
                        "发现时间格式不对，如 2026-12-07T09:30",
                    ));
                    None
                }
                // A minute's grace for the clocks of the browser and the server.
                Some(t) if t > now + 60 => {
                    errors.push(FieldError::new("noticed", "发现时间不能晚于现在"));
                    None
                }
                Some(t) if t < now - MAX_BACK_DAYS * 86_400 => {
                    errors.push(FieldError::new(
                        "noticed",
                        format!("发现时间不能早于{MAX_BACK_DAYS}天前"),
                    ));
                    None
                }
                Some(t) => Some(t),
            }
        };
        let summary = check_summary(&self.summary, &mut errors);
        let department = self.department.trim().to_owned();
        one_line(
            &mut errors,
            "department",
            &department,
            "责任部门",
            MAX_DEPARTMENT,
            "请填写责任部门，如 出版处",
        );
        match (level, noticed_at) {
            (Some(level), Some(noticed_at)) if errors.is_empty() => Ok(Record {
                level,
                outlet,
                source_url,
                noticed_at,
                summary,
                department,
            }),
            _ => Err(errors),
        }
    }
}

/// The 研判 form as posted: a concern's level, department and summary as
/// judged now.
#[derive(Debug, Clone, Default)]
pub struct JudgeInput {
    pub level: String,
    pub summary: String,
    pub department: String,
}

/// A judgement that passed its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub level: Level,
    pub summary: String,
    pub department: String,
}

impl JudgeInput {
    /// The judgement, or each field's problem in Chinese (the same checks
    /// as when recording).
    pub fn check(&self) -> Result<Judgement, Vec<FieldError>> {
        let mut errors = Vec::new();
        let level = Level::parse(self.level.trim());
        if level.is_none() {
            errors.push(FieldError::new("level", "请选择舆情级别"));
        }
        let summary = check_summary(&self.summary, &mut errors);
        let department = self.department.trim().to_owned();
        one_line(
            &mut errors,
            "department",
            &department,
            "责任部门",
            MAX_DEPARTMENT,
            "请填写责任部门，如 出版处",
        );
        match level {
            Some(level) if errors.is_empty() => Ok(Judgement {
                level,
                summary,
                department,
            }),
            _ => Err(errors),
        }
    }
}

fn check_summary(text: &str, errors: &mut Vec<FieldError>) -> String {
    let summary = text.trim().replace("\r\n", "\n");
    if summary.is_empty() {
        errors.push(FieldError::new("summary", "请填写舆情摘要：公众关切什么"));
    } else if summary.chars().count() > MAX_SUMMARY {
        errors.push(FieldError::new(
            "summary",
            format!("舆情摘要不超过{MAX_SUMMARY}个字"),
        ));
    } else if !crate::server::input::clean_text(&summary) {
        errors.push(FieldError::new("summary", "舆情摘要含有不能显示的字符"));
    }
    summary
}

/// A reason for not responding, checked: `Err` carries the message.
pub fn check_reason(reason: &str) -> Result<String, String> {
    let reason = reason.trim().replace("\r\n", "\n");
    if reason.is_empty() {
        Err("请填写不予回应的理由，如 经研判属个人诉求，已通过信访渠道办理".to_owned())
    } else if reason.chars().count() > MAX_REASON {
        Err(format!("理由不超过{MAX_REASON}个字"))
    } else if !crate::server::input::clean_text(&reason) {
        Err("理由含有不能显示的字符".to_owned())
    } else {
        Ok(reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::format::unix_at;
    use chrono::NaiveTime;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        unix_at(date, NaiveTime::from_hms_opt(h, min, 0).unwrap_or_default())
    }

    fn concern(level: Level, noticed_at: i64) -> Concern {
        Concern {
            id: 1,
            level,
            outlet: "微博".into(),
            source_url: String::new(),
            noticed_at,
            summary: "摘要".into(),
            department: "出版处".into(),
            limit_days: 2,
            status: Status::Open,
            info_at: None,
            conference_at: None,
            closed_at: None,
            closed_by: String::new(),
            decline_reason: String::new(),
            created_by: "编辑".into(),
            created_at: noticed_at,
        }
    }

    #[test]
    fn a_major_concern_runs_on_calendar_hours_day_and_night() {
        let cal = Calendar::new([]);
        // Noticed on a Saturday evening: the clock does not wait for Monday.
        let noticed = at(2026, 12, 5, 21, 0);
        let c = concern(Level::Two, noticed);
        let d = c.dues(&cal, noticed + 60);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].what, "发布权威信息");
        assert_eq!(d[0].due, "2026年12月6日 02:00");
        assert_eq!(d[1].due, "2026年12月6日 21:00");
        assert_eq!(d[0].light, Some(Light::Green));
        // 100 minutes before the 5 hours are up it turns yellow …
        assert_eq!(
            c.dues(&cal, noticed + 3 * 3600 + 20 * 60)[0].light,
            Some(Light::Yellow)
        );
        assert_eq!(
            c.dues(&cal, noticed + 3 * 3600 + 19 * 60)[0].light,
            Some(Light::Green)
        );
        // … and red once they are.
        let late = c.dues(&cal, noticed + 6 * 3600);
        assert_eq!(late[0].light, Some(Light::Red));
        assert_eq!(late[0].state, "已超时1小时");
        assert_eq!(late[1].light, Some(Light::Green));
        assert_eq!(c.light(&cal, noticed + 6 * 3600), Some(Light::Red));
    }

    #[test]
    fn a_response_stops_the_clock_and_says_how_long_it_took() {
        let cal = Calendar::new([]);
        let noticed = at(2026, 12, 5, 21, 0);
        let mut c = concern(Level::One, noticed);
        c.info_at = Some(noticed + 3 * 3600 + 20 * 60);
        let d = c.dues(&cal, noticed + 30 * 3600);
        assert_eq!(d[0].light, None);
        assert_eq!(d[0].state, "已于2026年12月6日 00:20完成，用时3小时20分钟");
        // The conference is still due, and late.
        assert_eq!(d[1].light, Some(Light::Red));
        c.conference_at = Some(noticed + 26 * 3600);
        let d = c.dues(&cal, noticed + 30 * 3600);
        assert_eq!(
            d[1].state,
            "已于2026年12月6日 23:00完成，用时26小时（超过时限）"
        );
        assert_eq!(c.light(&cal, noticed + 30 * 3600), None);
    }

    #[test]
    fn an_ordinary_concern_runs_on_working_days() {
        let cal = Calendar::new([]);
        // Friday morning, 2 working days: due on Tuesday.
        let noticed = at(2026, 12, 4, 9, 30);
        let c = concern(Level::Four, noticed);
        let d = c.dues(&cal, noticed);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].due, "2026年12月8日");
        assert_eq!(d[0].light, Some(Light::Yellow));
        assert_eq!(d[0].state, "还剩2个工作日");
        let d = c.dues(&cal, at(2026, 12, 9, 8, 0));
        assert_eq!(d[0].light, Some(Light::Red));
        assert_eq!(d[0].state, "已超期1个工作日");
        let mut answered = c.clone();
        answered.info_at = Some(at(2026, 12, 7, 16, 0));
        answered.status = Status::Answered;
        let d = answered.dues(&cal, at(2026, 12, 9, 8, 0));
        assert_eq!(d[0].light, None);
        assert_eq!(d[0].state, "已于2026年12月7日 16:00完成，用时1个工作日");
        assert_eq!(
            took(Level::Three, noticed, at(2026, 12, 4, 17, 0), &cal),
            "不到1个工作日"
        );
    }

    #[test]
    fn a_declined_concern_stops_its_clocks() {
        let cal = Calendar::new([]);
        let noticed = at(2026, 12, 4, 9, 30);
        let mut c = concern(Level::Two, noticed);
        c.status = Status::Declined;
        assert_eq!(c.light(&cal, noticed + 86_400 * 3), None);
    }

    #[test]
    fn a_record_is_checked_field_by_field() {
        let now = at(2026, 12, 7, 10, 0);
        let good = RecordInput {
            level: "2".into(),
            outlet: "某地论坛".into(),
            source_url: "https://bbs.example.cn/t/1".into(),
            noticed: "2026-12-07T08:15".into(),
            summary: "网民反映某影院放映无证影片。".into(),
            department: "电影处".into(),
        };
        let r = good.check(now).expect("a good record");
        assert_eq!(r.noticed_at, at(2026, 12, 7, 8, 15));
        let bad = RecordInput {
            level: "9".into(),
            outlet: String::new(),
            source_url: "javascript:alert(1)".into(),
            noticed: "2026-12-07T11:30".into(),
            summary: "a\u{0}b".into(),
            department: "x".repeat(41),
        };
        let fields: Vec<String> = bad
            .check(now)
            .expect_err("refused")
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "level",
                "outlet",
                "source_url",
                "noticed",
                "summary",
                "department"
            ]
        );
        let old = RecordInput {
            noticed: "2026-08-01T08:00".into(),
            ..good
        };
        assert!(old.check(now).is_err());
        assert!(check_reason("  ").is_err());
        assert_eq!(check_reason(" 属个人诉求 ").as_deref(), Ok("属个人诉求"));
    }
}
