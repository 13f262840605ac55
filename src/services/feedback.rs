//! 好差评: the applicant rates a finished case once, 1 (非常不满意) to 5
//! (非常满意); a rating of 2 or less opens a follow-up that staff must
//! answer within 15 working days, reckoned by the statutory clock.

use crate::clock::{Calendar, Clock};
use crate::error::FieldError;
use chrono::NaiveDate;

/// Working days staff have to follow a poor rating up.
pub const FOLLOW_UP_DAYS: u32 = 15;
/// Ratings at or below this need a follow-up.
pub const POOR: u8 = 2;
const MAX_COMMENT: usize = 500;

/// The grade and comment as entered, or what is wrong with them.
pub fn check(score: &str, comment: &str) -> Result<(u8, String), Vec<FieldError>> {
    let comment = comment.trim().to_owned();
    let mut errors = Vec::new();
    let score = match score.trim().parse::<u8>() {
        Ok(s) if (1..=5).contains(&s) => Some(s),
        _ => {
            errors.push(FieldError::new("score", "请选择评价等级"));
            None
        }
    };
    if comment.chars().count() > MAX_COMMENT {
        errors.push(FieldError::new(
            "comment",
            format!("评价内容不能超过 {MAX_COMMENT} 字"),
        ));
    } else if score.is_some_and(|s| s <= POOR) && comment.is_empty() {
        errors.push(FieldError::new(
            "comment",
            "评价为不满意时，请写明不满意的原因，以便我们整改",
        ));
    }
    match score {
        Some(s) if errors.is_empty() => Ok((s, comment)),
        _ => Err(errors),
    }
}

/// The follow-up's due date and working days left, for a poor rating given
/// on `rated_on` and not yet followed up.
pub fn follow_up_clock(
    rated_on: &str,
    calendar: &Calendar,
    today: NaiveDate,
) -> Option<(NaiveDate, i64)> {
    let start = NaiveDate::parse_from_str(rated_on, "%Y-%m-%d").ok()?;
    let due = Clock::new(start, FOLLOW_UP_DAYS)
        .reckon(calendar)
        .ok()??
        .due;
    Some((due, calendar.working_days_between(today, due)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grade_is_needed_and_a_poor_one_says_why() {
        assert_eq!(check("5", " "), Ok((5, String::new())));
        assert_eq!(check("3", " 还行 "), Ok((3, "还行".to_owned())));
        let fields = |r: Result<(u8, String), Vec<FieldError>>| {
            r.err()
                .unwrap_or_default()
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(fields(check("", "")), vec!["score"]);
        assert_eq!(fields(check("6", "")), vec!["score"]);
        assert_eq!(fields(check("0", "")), vec!["score"]);
        assert_eq!(fields(check("2", "")), vec!["comment"]);
        assert_eq!(fields(check("1", "  ")), vec!["comment"]);
        assert!(check("2", "窗口让我跑了两次").is_ok());
        assert_eq!(fields(check("5", &"很".repeat(501))), vec!["comment"]);
    }

    #[test]
    fn a_follow_up_is_due_fifteen_working_days_after_the_rating() {
        let calendar = Calendar::new([]);
        // Monday 2026-11-02 + 15 working days = Monday 2026-11-23.
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default();
        let (due, left) = follow_up_clock("2026-11-02", &calendar, today).unwrap_or_default();
        assert_eq!(due.to_string(), "2026-11-23");
        assert_eq!(left, 1);
        assert_eq!(follow_up_clock("yesterday", &calendar, today), None);
    }
}
