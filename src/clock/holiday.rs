//! A year's holidays as the State Council's notice lists them — a name, the
//! days off, the weekend days worked instead — read from the calendar's
//! exceptions, and checked when staff enter one.
//!
//! A holiday belongs to the year of its last day off: 元旦 2019 ran from
//! 30 December 2018 to 1 January 2019, and the 2019 notice announced it.

use super::calendar::{Calendar, OverrideKind};
use crate::error::FieldError;
use chrono::{Datelike, NaiveDate, Weekday};

/// Days of one holiday further apart than this are two holidays.
const SAME_HOLIDAY_DAYS: i64 = 20;
/// The longest run of days off one holiday may have.
pub const MAX_DAYS_OFF: i64 = 15;
/// Make-up working days one holiday may have.
pub const MAX_WORK_DAYS: usize = 3;

/// One holiday of one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub name: String,
    /// Days off, in order.
    pub off: Vec<NaiveDate>,
    /// Weekend days worked instead (调休上班), in order.
    pub work: Vec<NaiveDate>,
}

impl Holiday {
    /// The year whose notice announced it: that of its last day off.
    pub fn year(&self) -> i32 {
        self.off.last().or(self.work.last()).map_or(0, |d| d.year())
    }

    /// Every day it sets, off and worked.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.off.iter().chain(&self.work).copied()
    }
}

impl Calendar {
    /// Every holiday, in order of its first day.
    pub fn holidays(&self) -> Vec<Holiday> {
        let mut out: Vec<Holiday> = Vec::new();
        // Each name's days in order; a day further than SAME_HOLIDAY_DAYS
        // from the one before starts another holiday of that name.
        let mut by_name: std::collections::BTreeMap<&str, Vec<(NaiveDate, OverrideKind)>> =
            std::collections::BTreeMap::new();
        for (day, o) in self.entries() {
            by_name
                .entry(o.name.as_str())
                .or_default()
                .push((day, o.kind));
        }
        for (name, days) in by_name {
            let mut current: Option<(Holiday, NaiveDate)> = None;
            for (day, kind) in days {
                let start_new = current
                    .as_ref()
                    .is_none_or(|(_, last)| (day - *last).num_days() > SAME_HOLIDAY_DAYS);
                if start_new {
                    if let Some((h, _)) = current.take() {
                        out.push(h);
                    }
                    current = Some((
                        Holiday {
                            name: name.to_owned(),
                            off: Vec::new(),
                            work: Vec::new(),
                        },
                        day,
                    ));
                }
                if let Some((h, last)) = current.as_mut() {
                    match kind {
                        OverrideKind::Off => h.off.push(day),
                        OverrideKind::Work => h.work.push(day),
                    }
                    *last = day;
                }
            }
            if let Some((h, _)) = current {
                out.push(h);
            }
        }
        out.sort_by_key(|h| h.days().min());
        out
    }

    /// The holidays a year's notice announced.
    pub fn holidays_of(&self, year: i32) -> Vec<Holiday> {
        self.holidays()
            .into_iter()
            .filter(|h| h.year() == year)
            .collect()
    }

    /// Whether `year`'s holidays have been entered: the one definition the
    /// dashboard's warning, the calendar page and the 日历未录入 mark share
    /// (see [`Calendar::covers`]).
    pub fn has_year(&self, year: i32) -> bool {
        self.covers(year)
    }
}

/// A holiday as staff enter it: the form's text fields.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct HolidayInput {
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub first: String,
    #[serde(default)]
    pub last: String,
    /// Make-up working days, separated by spaces, commas or 、.
    #[serde(default)]
    pub work: String,
    /// The name of the holiday being replaced (empty for a new one).
    #[serde(default)]
    pub replaces: String,
    /// `save`, or `delete` (the holiday named by `replaces`).
    #[serde(default)]
    pub action: String,
}

fn date(field: &str, label: &str, s: &str) -> Result<NaiveDate, FieldError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(FieldError::new(field, format!("请填写{label}")));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        FieldError::new(
            field,
            format!("{label}应为“年-月-日”格式的日期，如 2027-10-01"),
        )
    })
}

/// Checks an entered holiday for `year` against the rest of `calendar`
/// (the holiday it replaces, named by `replaces`, left out); returns the
/// holiday to save, or every problem at once.
pub fn check(input: &HolidayInput, calendar: &Calendar) -> Result<Holiday, Vec<FieldError>> {
    let mut errors = Vec::new();
    let year: Option<i32> = input
        .year
        .trim()
        .parse()
        .ok()
        .filter(|y| (2000..=2100).contains(y));
    if year.is_none() {
        errors.push(FieldError::new("year", "年份应在2000年到2100年之间"));
    }
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 12 || name.chars().any(char::is_control) {
        errors.push(FieldError::new(
            "name",
            "请填写1到12个字的节日名称，如“春节”",
        ));
    }
    let first = date("first", "放假第一天", &input.first);
    let last = date("last", "放假最后一天", &input.last);
    let mut off = Vec::new();
    match (&first, &last) {
        (Ok(f), Ok(l)) if f > l => {
            errors.push(FieldError::new("last", "放假最后一天不能早于第一天"));
        }
        (Ok(f), Ok(l)) if (*l - *f).num_days() + 1 > MAX_DAYS_OFF => {
            errors.push(FieldError::new(
                "last",
                format!("一个假期最多连续放假{MAX_DAYS_OFF}天"),
            ));
        }
        (Ok(f), Ok(l)) => {
            if year.is_some_and(|y| l.year() != y) {
                errors.push(FieldError::new(
                    "last",
                    format!("放假最后一天应在{}年内", year.unwrap_or_default()),
                ));
            }
            off = f.iter_days().take_while(|d| d <= l).collect();
        }
        _ => {}
    }
    for e in [first.as_ref().err(), last.as_ref().err()]
        .into_iter()
        .flatten()
    {
        errors.push(e.clone());
    }
    let mut work = Vec::new();
    for part in input
        .work
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；'))
        .filter(|p| !p.is_empty())
    {
        match NaiveDate::parse_from_str(part, "%Y-%m-%d") {
            Ok(d) if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) => {
                errors.push(FieldError::new(
                    "work",
                    format!("{part}不是周末：调休上班日应为周六或周日"),
                ));
            }
            Ok(d) if off.contains(&d) => {
                errors.push(FieldError::new("work", format!("{part}在放假期间内")));
            }
            Ok(d)
                if off
                    .first()
                    .is_some_and(|f| (*f - d).num_days() > SAME_HOLIDAY_DAYS)
                    || off
                        .last()
                        .is_some_and(|l| (d - *l).num_days() > SAME_HOLIDAY_DAYS) =>
            {
                errors.push(FieldError::new(
                    "work",
                    format!("{part}离假期太远：调休上班日应在假期前后{SAME_HOLIDAY_DAYS}天内"),
                ));
            }
            Ok(d) => {
                if !work.contains(&d) {
                    work.push(d);
                }
            }
            Err(_) => errors.push(FieldError::new(
                "work",
                format!("“{part}”不是“年-月-日”格式的日期"),
            )),
        }
    }
    work.sort();
    if work.len() > MAX_WORK_DAYS {
        errors.push(FieldError::new(
            "work",
            format!("一个假期最多{MAX_WORK_DAYS}个调休上班日"),
        ));
    }
    // No day may belong to two holidays.
    let replaced = input.replaces.trim();
    for other in calendar.holidays() {
        if Some(other.year()) == year && other.name == replaced {
            continue;
        }
        if let Some(clash) = off
            .iter()
            .chain(&work)
            .find(|d| other.days().any(|o| o == **d))
        {
            errors.push(FieldError::new(
                "first",
                format!(
                    "{}已是{}年{}的安排，请先修改或删除那个假期",
                    clash.format("%Y-%m-%d"),
                    other.year(),
                    other.name
                ),
            ));
            break;
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Holiday {
        name: name.to_owned(),
        off,
        work,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::DayOverride;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn cal() -> Calendar {
        let o = |kind, name: &str| DayOverride {
            kind,
            name: name.to_owned(),
        };
        Calendar::new([
            (d(2018, 12, 29), o(OverrideKind::Work, "元旦")),
            (d(2018, 12, 30), o(OverrideKind::Off, "元旦")),
            (d(2018, 12, 31), o(OverrideKind::Off, "元旦")),
            (d(2019, 1, 1), o(OverrideKind::Off, "元旦")),
            (d(2019, 10, 1), o(OverrideKind::Off, "国庆节")),
            (d(2019, 10, 2), o(OverrideKind::Off, "国庆节")),
            (d(2019, 10, 12), o(OverrideKind::Work, "国庆节")),
            (d(2020, 1, 1), o(OverrideKind::Off, "元旦")),
        ])
    }

    #[test]
    fn a_holiday_belongs_to_the_year_of_its_last_day_off() {
        let c = cal();
        let h2019 = c.holidays_of(2019);
        assert_eq!(h2019.len(), 2);
        assert_eq!(h2019[0].name, "元旦");
        assert_eq!(h2019[0].work, vec![d(2018, 12, 29)]);
        assert_eq!(h2019[0].off.len(), 3);
        assert_eq!(h2019[1].work, vec![d(2019, 10, 12)]);
        assert!(c.holidays_of(2018).is_empty());
        assert!(c.has_year(2020) && !c.has_year(2021));
    }

    fn input(name: &str, first: &str, last: &str, work: &str) -> HolidayInput {
        HolidayInput {
            year: "2021".to_owned(),
            name: name.to_owned(),
            first: first.to_owned(),
            last: last.to_owned(),
            work: work.to_owned(),
            replaces: String::new(),
            action: String::new(),
        }
    }

    #[test]
    fn an_entered_holiday_is_checked_whole() {
        let c = cal();
        let h = check(
            &input(
                "国庆节",
                "2021-10-01",
                "2021-10-07",
                "2021-09-26、2021-10-09",
            ),
            &c,
        )
        .expect("valid");
        assert_eq!((h.off.len(), h.work.len()), (7, 2));
        let fields = |i: HolidayInput| -> Vec<String> {
            check(&i, &c)
                .expect_err("refused")
                .into_iter()
                .map(|e| e.field)
                .collect()
        };
        // Last before first; a weekday as a make-up day; a bad date.
        assert_eq!(
            fields(input("国庆节", "2021-10-07", "2021-10-01", "")),
            ["last"]
        );
        assert_eq!(
            fields(input("国庆节", "2021-10-01", "2021-10-07", "2021-09-27")),
            ["work"]
        );
        assert_eq!(
            fields(input("", "2021-10-1x", "2021-10-07", "")),
            ["name", "first"]
        );
        assert_eq!(
            fields(input("春节", "2021-02-01", "2021-02-28", "")),
            ["last"]
        );
        // Another year's days, and days that are already another holiday's.
        assert_eq!(
            fields(input("元旦", "2020-12-31", "2020-12-31", "")),
            ["last"]
        );
        let mut clash = input("元旦", "2019-12-31", "2020-01-01", "");
        clash.year = "2020".to_owned();
        assert_eq!(fields(clash), ["first"]);
        // Replacing a holiday may keep its own days.
        let mut again = input("国庆节", "2019-10-01", "2019-10-03", "2019-10-12");
        again.year = "2019".to_owned();
        again.replaces = "国庆节".to_owned();
        assert!(check(&again, &c).is_ok());
    }
}
