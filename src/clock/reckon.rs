//! Reckoning with the calendar: adding and counting working days, and clocks
//! that can be paused, resumed and extended.

use super::calendar::{weekday_zh, Calendar};
use chrono::{Datelike, Days, NaiveDate};

/// A day a reckoning passed over, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedDay {
    pub date: NaiveDate,
    /// 周六, 周日, 国庆节假期, 暂停计时（补正）…
    pub reason: String,
}

/// The outcome of counting working days, with its working.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reckoning {
    pub from: NaiveDate,
    pub working_days: u32,
    /// The last day of the period.
    pub due: NaiveDate,
    /// Days inside the period that did not count.
    pub skipped: Vec<SkippedDay>,
    /// Weekend days inside the period that counted because they were worked (调休).
    pub makeup_days: Vec<SkippedDay>,
    /// Years the period reaches whose holidays were not entered when it was
    /// reckoned (only weekends were taken off there).
    pub missing_years: Vec<i32>,
}

impl Reckoning {
    /// The working in words, for a citizen: which days were skipped and why.
    pub fn explain(&self) -> String {
        let mut out = format!(
            "自{}起计算{}个工作日（起算当日不计入），至{}止。",
            zh(self.from),
            self.working_days,
            zh(self.due)
        );
        if !self.skipped.is_empty() {
            let days: Vec<String> = self
                .skipped
                .iter()
                .map(|s| format!("{}（{}）", zh_short(s.date), s.reason))
                .collect();
            out.push_str(&format!("期间不计入的日期：{}。", days.join("、")));
        }
        if !self.makeup_days.is_empty() {
            let days: Vec<String> = self
                .makeup_days
                .iter()
                .map(|s| format!("{}（{}）", zh_short(s.date), s.reason))
                .collect();
            out.push_str(&format!("调休上班计入：{}。", days.join("、")));
        }
        if !self.missing_years.is_empty() {
            let years: Vec<String> = self
                .missing_years
                .iter()
                .map(|y| format!("{y}年"))
                .collect();
            out.push_str(&format!(
                "{}的法定节假日安排尚未公布录入，期间暂只扣除周末，公布后期限可能顺延。",
                years.join("、")
            ));
        }
        out
    }
}

fn zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn zh_short(d: NaiveDate) -> String {
    format!("{}月{}日", d.month(), d.day())
}

/// Why a reckoning could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    #[error("日期超出可计算范围")]
    OutOfRange,
    #[error("计时已暂停，不能再次暂停")]
    AlreadyPaused,
    #[error("计时未暂停，无法恢复")]
    NotPaused,
    #[error("恢复日期不能早于暂停日期")]
    ResumeBeforePause,
}

fn next(d: NaiveDate) -> Result<NaiveDate, ClockError> {
    d.checked_add_days(Days::new(1))
        .ok_or(ClockError::OutOfRange)
}

impl Calendar {
    /// The day `n` working days after `from` (which itself does not count),
    /// with the days skipped on the way. `n = 0` is `from` itself.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> Result<Reckoning, ClockError> {
        let mut day = from;
        let mut counted = 0;
        let mut skipped = Vec::new();
        let mut makeup_days = Vec::new();
        while counted < n {
            day = next(day)?;
            if self.is_working_day(day) {
                counted += 1;
                if let (Some(ex), true) = (
                    self.exception(day),
                    matches!(day.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun),
                ) {
                    makeup_days.push(SkippedDay {
                        date: day,
                        reason: format!("{}调休上班，{}", ex.name, weekday_zh(day.weekday())),
                    });
                }
            } else if let Some(reason) = self.why_off(day) {
                skipped.push(SkippedDay { date: day, reason });
            }
        }
        Ok(Reckoning {
            from,
            working_days: n,
            due: day,
            skipped,
            makeup_days,
            missing_years: self.missing_years(from, day),
        })
    }

    /// Working days after `from` up to and including `to`; negative when `to`
    /// is before `from` (then it counts the working days from `to`, exclusive,
    /// up to `from`, inclusive).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let (start, end, sign) = if to >= from {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut count = 0;
        let mut day = start;
        while day < end {
            match day.checked_add_days(Days::new(1)) {
                Some(d) => day = d,
                None => break,
            }
            if self.is_working_day(day) {
                count += 1;
            }
        }
        sign * count
    }
}

/// A running deadline: started on a day with a limit in working days, which
/// may be paused (e.g. while an applicant corrects materials) and resumed, and
/// extended. Its due date is recomputed from these facts whenever the calendar
/// changes, so nothing stored goes stale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    pub started: NaiveDate,
    pub limit: u32,
    pub extension: u32,
    /// Pause periods: from the pause day to the resume day (open while paused).
    pub pauses: Vec<(NaiveDate, Option<NaiveDate>)>,
}

impl Clock {
    pub fn new(started: NaiveDate, limit: u32) -> Self {
        Clock {
            started,
            limit,
            extension: 0,
            pauses: Vec::new(),
        }
    }

    pub fn is_paused(&self) -> bool {
        self.pauses
            .last()
            .is_some_and(|(_, resumed)| resumed.is_none())
    }

    /// Stops the clock on `day` (that day still counts if it is a working day).
    pub fn pause(&mut self, day: NaiveDate) -> Result<(), ClockError> {
        if self.is_paused() {
            return Err(ClockError::AlreadyPaused);
        }
        self.pauses.push((day, None));
        Ok(())
    }

    /// Starts the clock again on `day`; counting goes on from the day after.
    pub fn resume(&mut self, day: NaiveDate) -> Result<(), ClockError> {
        match self.pauses.last_mut() {
            Some((paused, resumed @ None)) => {
                if day < *paused {
                    return Err(ClockError::ResumeBeforePause);
                }
                *resumed = Some(day);
                Ok(())
            }
            _ => Err(ClockError::NotPaused),
        }
    }

    /// Adds `days` working days to the limit (an approved extension).
    pub fn extend(&mut self, days: u32) {
        self.extension += days;
    }

    /// The due date under `calendar`, with its working; None while paused
    /// (the deadline is unknown until the clock runs again).
    pub fn reckon(&self, calendar: &Calendar) -> Result<Option<Reckoning>, ClockError> {
        if self.is_paused() {
            return Ok(None);
        }
        let total = self.limit + self.extension;
        let mut remaining = total;
        let mut from = self.started;
        let mut skipped = Vec::new();
        let mut makeup = Vec::new();
        for (paused, resumed) in &self.pauses {
            let resumed = resumed.unwrap_or(*paused);
            let used = calendar.working_days_between(from, *paused).max(0) as u32;
            if used >= remaining {
                break;
            }
            remaining -= used;
            let before = calendar.add_working_days(from, used)?;
            skipped.extend(before.skipped);
            makeup.extend(before.makeup_days);
            let mut day = *paused;
            while day < resumed {
                day = next(day)?;
                skipped.push(SkippedDay {
                    date: day,
                    reason: "暂停计时".to_owned(),
                });
            }
            from = resumed;
        }
        let rest = calendar.add_working_days(from, remaining)?;
        skipped.extend(rest.skipped);
        makeup.extend(rest.makeup_days);
        Ok(Some(Reckoning {
            from: self.started,
            working_days: total,
            due: rest.due,
            skipped,
            makeup_days: makeup,
            missing_years: calendar.missing_years(self.started, rest.due),
        }))
    }
}
