//! The traffic lights of a staff queue (红灯、黄灯、绿灯), and the checks a
//! queue's filter shares: every queue with a statutory due date (cases,
//! questions) colours and filters it the same way.

use super::Calendar;
use crate::error::FieldError;
use chrono::NaiveDate;

/// How near its due date an open item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Light {
    /// Past its due date.
    Red,
    /// Due within [`YELLOW_DAYS`] working days.
    Yellow,
    /// Further off.
    Green,
}

/// Working days left at which an item turns yellow.
pub const YELLOW_DAYS: u32 = 2;

impl Light {
    pub const ALL: [Light; 3] = [Light::Red, Light::Yellow, Light::Green];

    pub fn as_str(self) -> &'static str {
        match self {
            Light::Red => "red",
            Light::Yellow => "yellow",
            Light::Green => "green",
        }
    }

    /// What a queue's filter calls it.
    pub fn label(self) -> &'static str {
        match self {
            Light::Red => "红灯（已超期）",
            Light::Yellow => "黄灯（剩余不超过 2 个工作日）",
            Light::Green => "绿灯",
        }
    }

    /// The filter's choices: 全部, then each light.
    pub fn options() -> Vec<(String, String)> {
        std::iter::once((String::new(), "全部".to_owned()))
            .chain(
                Self::ALL
                    .iter()
                    .map(|l| (l.as_str().to_owned(), l.label().to_owned())),
            )
            .collect()
    }
}

impl std::str::FromStr for Light {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Self::ALL.into_iter().find(|l| l.as_str() == s).ok_or(())
    }
}

/// The dates that bound the lights on a day: an item is red when due before
/// `red_before` (the last working day up to that day), yellow when due from
/// then up to `yellow_until` ([`YELLOW_DAYS`] working days on), green after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LightBounds {
    pub red_before: NaiveDate,
    pub yellow_until: NaiveDate,
}

impl LightBounds {
    pub fn on(calendar: &Calendar, today: NaiveDate) -> Self {
        let mut last_working = today;
        for _ in 0..60 {
            if calendar.is_working_day(last_working) {
                break;
            }
            match last_working.pred_opt() {
                Some(d) => last_working = d,
                None => break,
            }
        }
        let yellow_until = calendar
            .add_working_days(today, YELLOW_DAYS)
            .map(|r| r.due)
            .unwrap_or(today);
        LightBounds {
            red_before: last_working,
            yellow_until,
        }
    }
}

/// A queue filter's light as typed in the address: empty for all, a
/// light's name, or (where the queue has more states) whatever `extra`
/// accepts; anything else adds an error on `light`.
pub fn parse_light<T>(
    value: &str,
    extra: impl Fn(&str) -> Option<T>,
    errors: &mut Vec<FieldError>,
) -> (Option<Light>, Option<T>) {
    if value.is_empty() {
        return (None, None);
    }
    if let Ok(l) = value.parse::<Light>() {
        return (Some(l), None);
    }
    match extra(value) {
        Some(t) => (None, Some(t)),
        None => {
            errors.push(FieldError::new("light", "没有这种时限状态"));
            (None, None)
        }
    }
}

/// A queue filter's date range (fields `from` and `to`, `YYYY-MM-DD`, either
/// may be empty); a date that does not parse, or an end before the start,
/// adds an error on its field.
pub fn parse_range(
    from: &str,
    to: &str,
    errors: &mut Vec<FieldError>,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let mut date = |field: &str, v: &str| match v.trim() {
        "" => None,
        v => match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(FieldError::new(field, "请按 2026-01-31 的格式填写日期"));
                None
            }
        },
    };
    let (from, to) = (date("from", from), date("to", to));
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            errors.push(FieldError::new("to", "截止日期不能早于起始日期"));
        }
    }
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn bounds_step_back_over_a_weekend_and_forward_two_working_days() {
        let calendar = Calendar::new([]);
        // Saturday 2026-12-05: the last working day is Friday the 4th;
        // two working days on from Saturday is Tuesday the 8th.
        let b = LightBounds::on(&calendar, d("2026-12-05"));
        assert_eq!(b.red_before, d("2026-12-04"));
        assert_eq!(b.yellow_until, d("2026-12-08"));
    }

    #[test]
    fn a_filter_light_and_range_are_checked() {
        let mut errors = Vec::new();
        let paused = |s: &str| (s == "paused").then_some(());
        assert_eq!(parse_light("", paused, &mut errors), (None, None));
        assert_eq!(
            parse_light("red", paused, &mut errors),
            (Some(Light::Red), None)
        );
        assert_eq!(parse_light("paused", paused, &mut errors), (None, Some(())));
        assert!(errors.is_empty());
        assert_eq!(parse_light("purple", paused, &mut errors), (None, None));
        assert_eq!(errors.len(), 1);
        let mut errors = Vec::new();
        assert_eq!(
            parse_range("2026-01-02", "", &mut errors),
            (Some(d("2026-01-02")), None)
        );
        assert!(errors.is_empty());
        parse_range("2026-02-01", "2026-01-01", &mut errors);
        parse_range("1/2/2026", "", &mut errors);
        let fields: Vec<_> = errors.iter().map(|e| e.field.clone()).collect();
        assert_eq!(fields, ["to", "from"]);
    }
}
