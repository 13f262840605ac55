//! The calendar: which days are working days.

use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::BTreeMap;

/// An exception to the Monday–Friday week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverrideKind {
    /// A statutory holiday (or a day of one) on which offices are closed.
    Off,
    /// A weekend day worked instead (调休上班).
    Work,
}

/// One exceptional day and the holiday it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayOverride {
    pub kind: OverrideKind,
    /// The holiday's name, e.g. 国庆节.
    pub name: String,
}

/// The working-day calendar: the ordinary week plus its exceptions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    overrides: BTreeMap<NaiveDate, DayOverride>,
}

impl Calendar {
    /// A calendar with these exceptions.
    pub fn new(overrides: impl IntoIterator<Item = (NaiveDate, DayOverride)>) -> Self {
        Calendar {
            overrides: overrides.into_iter().collect(),
        }
    }

    /// The exception on `day`, if any.
    pub fn exception(&self, day: NaiveDate) -> Option<&DayOverride> {
        self.overrides.get(&day)
    }

    /// Whether offices work on `day`.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        match self.overrides.get(&day) {
            Some(o) => o.kind == OverrideKind::Work,
            None => !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// Why `day` is not a working day (None when it is one).
    pub fn why_off(&self, day: NaiveDate) -> Option<String> {
        if self.is_working_day(day) {
            return None;
        }
        Some(match self.overrides.get(&day) {
            Some(o) => format!("{}假期", o.name),
            None => weekday_zh(day.weekday()).to_owned(),
        })
    }

    /// Every exception, in date order.
    pub fn entries(&self) -> impl Iterator<Item = (NaiveDate, &DayOverride)> {
        self.overrides.iter().map(|(d, o)| (*d, o))
    }

    /// Whether `year`'s holidays have been entered (any day off in it): a
    /// year without them counts only weekends as days off.
    pub fn covers(&self, year: i32) -> bool {
        let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return false;
        };
        self.overrides
            .range(first..=last)
            .any(|(_, o)| o.kind == OverrideKind::Off)
    }

    /// The years from `a`'s to `b`'s (either order) whose holidays have not
    /// been entered: a reckoning between them counted weekends only there.
    pub fn missing_years(&self, a: NaiveDate, b: NaiveDate) -> Vec<i32> {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        (lo.year()..=hi.year())
            .filter(|y| !self.covers(*y))
            .collect()
    }

    /// The years the calendar holds exceptions for.
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.overrides.keys().map(|d| d.year()).collect();
        years.dedup();
        years
    }
}

/// 周一 … 周日.
pub fn weekday_zh(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "周一",
        Weekday::Tue => "周二",
        Weekday::Wed => "周三",
        Weekday::Thu => "周四",
        Weekday::Fri => "周五",
        Weekday::Sat => "周六",
        Weekday::Sun => "周日",
    }
}
