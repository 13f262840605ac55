//! The clock against real arrangements, read from the seed migration itself.

use super::*;
use chrono::NaiveDate;

fn seeded() -> Calendar {
    let sql = include_str!("../../migrations/0002_calendar.sql");
    Calendar::new(sql.lines().filter_map(|line| {
        let line = line.trim().trim_start_matches('(');
        let mut parts = line.split('\'').skip(1).step_by(2);
        let (day, kind, name) = (parts.next()?, parts.next()?, parts.next()?);
        let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
        let kind = match kind {
            "off" => OverrideKind::Off,
            "work" => OverrideKind::Work,
            _ => return None,
        };
        Some((
            date,
            DayOverride {
                kind,
                name: name.to_owned(),
            },
        ))
    }))
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

#[test]
fn the_seed_covers_every_year_from_2016_to_2026() {
    let years = seeded().years();
    for y in 2016..=2026 {
        assert!(years.contains(&y), "{y} missing");
    }
}

#[test]
fn national_day_2016_is_off_and_the_weekend_after_is_worked() {
    let cal = seeded();
    for day in 1..=7 {
        assert!(
            !cal.is_working_day(d(2016, 10, day)),
            "1–7 October 2016 are off"
        );
    }
    assert!(
        cal.is_working_day(d(2016, 10, 8)),
        "Saturday 8 October 2016 was worked"
    );
    assert!(
        cal.is_working_day(d(2016, 10, 9)),
        "Sunday 9 October 2016 was worked"
    );
    assert!(
        !cal.is_working_day(d(2016, 10, 15)),
        "an ordinary Saturday is off"
    );
    assert_eq!(cal.why_off(d(2016, 10, 3)).as_deref(), Some("国庆节假期"));
    assert_eq!(cal.why_off(d(2016, 10, 15)).as_deref(), Some("周六"));
}

#[test]
fn three_working_days_over_national_day_2016() {
    let cal = seeded();
    // Published on Friday 30 September 2016: the 8th and 9th (worked weekend) and the 10th.
    let r = cal.add_working_days(d(2016, 9, 30), 3).expect("reckons");
    assert_eq!(r.due, d(2016, 10, 10));
    assert_eq!(r.skipped.len(), 7);
    assert!(r.skipped.iter().all(|s| s.reason == "国庆节假期"));
    assert_eq!(r.makeup_days.len(), 2);
    let text = r.explain();
    assert!(text.contains("至2016年10月10日止"), "{text}");
    assert!(text.contains("10月1日（国庆节假期）"), "{text}");
    assert!(text.contains("10月8日（国庆节调休上班，周六）"), "{text}");
}

#[test]
fn ordinary_weeks_skip_the_weekend() {
    let cal = seeded();
    // Friday 13 May 2016 + 3 working days = Wednesday 18 May.
    let r = cal.add_working_days(d(2016, 5, 13), 3).expect("reckons");
    assert_eq!(r.due, d(2016, 5, 18));
    assert_eq!(
        r.skipped
            .iter()
            .map(|s| s.reason.as_str())
            .collect::<Vec<_>>(),
        ["周六", "周日"]
    );
    assert_eq!(
        cal.add_working_days(d(2016, 5, 13), 0).expect("zero").due,
        d(2016, 5, 13)
    );
}

#[test]
fn spring_festival_2026_and_its_makeup_saturdays() {
    let cal = seeded();
    assert!(cal.is_working_day(d(2026, 2, 14)));
    assert!(!cal.is_working_day(d(2026, 2, 23)));
    assert!(cal.is_working_day(d(2026, 2, 28)));
    // Friday 13 Feb 2026 + 1 working day = Saturday 14 Feb (worked).
    assert_eq!(
        cal.add_working_days(d(2026, 2, 13), 1)
            .expect("reckons")
            .due,
        d(2026, 2, 14)
    );
    // Saturday 14 Feb + 1 = Tuesday 24 Feb, after nine days off.
    assert_eq!(
        cal.add_working_days(d(2026, 2, 14), 1)
            .expect("reckons")
            .due,
        d(2026, 2, 24)
    );
}

#[test]
fn counting_between_dates() {
    let cal = seeded();
    assert_eq!(cal.working_days_between(d(2016, 9, 30), d(2016, 10, 10)), 3);
    assert_eq!(
        cal.working_days_between(d(2016, 10, 10), d(2016, 9, 30)),
        -3
    );
    assert_eq!(cal.working_days_between(d(2016, 5, 16), d(2016, 5, 16)), 0);
    // A whole ordinary week.
    assert_eq!(cal.working_days_between(d(2016, 5, 15), d(2016, 5, 22)), 5);
}

#[test]
fn a_paused_clock_stops_and_resumes() {
    let cal = seeded();
    // 20 working days from Monday 7 November 2016, paused 3 days in.
    let mut clock = Clock::new(d(2016, 11, 7), 20);
    let plain = clock.reckon(&cal).expect("ok").expect("running");
    assert_eq!(plain.due, d(2016, 12, 5));
    clock.pause(d(2016, 11, 10)).expect("pause");
    assert_eq!(
        clock.reckon(&cal).expect("ok"),
        None,
        "no due date while paused"
    );
    assert_eq!(clock.pause(d(2016, 11, 11)), Err(ClockError::AlreadyPaused));
    // Resumed a week later: 3 days used, 17 left from Thursday 17 November.
    clock.resume(d(2016, 11, 17)).expect("resume");
    let r = clock.reckon(&cal).expect("ok").expect("running");
    assert_eq!(r.due, d(2016, 12, 12));
    assert!(r.skipped.iter().filter(|s| s.reason == "暂停计时").count() == 7);
    assert_eq!(clock.resume(d(2016, 11, 18)), Err(ClockError::NotPaused));
    // An extension of 10 working days.
    clock.extend(10);
    assert_eq!(
        clock.reckon(&cal).expect("ok").expect("running").due,
        d(2016, 12, 26)
    );
}

#[test]
fn a_resume_before_the_pause_is_refused() {
    let mut clock = Clock::new(d(2020, 1, 6), 5);
    clock.pause(d(2020, 1, 8)).expect("pause");
    assert_eq!(
        clock.resume(d(2020, 1, 7)),
        Err(ClockError::ResumeBeforePause)
    );
}

#[test]
fn a_calendar_change_moves_the_due_date() {
    let clock = Clock::new(d(2026, 12, 28), 3);
    let before = clock
        .reckon(&Calendar::default())
        .expect("ok")
        .expect("running")
        .due;
    assert_eq!(before, d(2026, 12, 31));
    let with_new_year = Calendar::new([(
        d(2026, 12, 31),
        DayOverride {
            kind: OverrideKind::Off,
            name: "元旦".into(),
        },
    )]);
    let after = clock
        .reckon(&with_new_year)
        .expect("ok")
        .expect("running")
        .due;
    assert_eq!(after, d(2027, 1, 1));
}

#[test]
fn a_reckoning_into_a_year_not_entered_says_so() {
    let cal = seeded();
    assert!(cal.covers(2026) && !cal.covers(2027));
    let within = cal.add_working_days(d(2026, 12, 1), 10).expect("reckon");
    assert!(within.missing_years.is_empty());
    assert!(!within.explain().contains("尚未公布录入"));
    let across = cal.add_working_days(d(2026, 12, 24), 10).expect("reckon");
    assert_eq!(across.missing_years, [2027]);
    assert!(
        across.explain().ends_with(
            "2027年的法定节假日安排尚未公布录入，期间暂只扣除周末，公布后期限可能顺延。"
        ),
        "{}",
        across.explain()
    );
    let clock = Clock::new(d(2026, 12, 24), 20);
    let r = clock.reckon(&cal).expect("reckon").expect("running");
    assert_eq!(r.missing_years, [2027]);
    assert_eq!(
        cal.missing_years(d(2028, 3, 1), d(2026, 5, 1)),
        [2027, 2028]
    );
}
