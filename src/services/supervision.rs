//! Electronic supervision (电子监察): per service and overall, how many
//! cases came in, how many ended on time, how long they took, which open
//! ones are yellow or red, and what applicants thought of them. The public
//! sees the same figures, less the follow-up details.

use super::cases::clock_from;
use super::feedback::{self, POOR};
use super::types::{Figures, FollowUp, Service, Supervision};
use crate::clock::{Calendar, LightBounds};
use crate::server::db::Db;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Figures with the sums their averages come from.
#[derive(Default)]
struct Tally {
    figures: Figures,
    days: i64,
    scores: i64,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        let (f, o) = (&mut self.figures, &other.figures);
        f.total += o.total;
        f.open += o.open;
        f.finished += o.finished;
        f.on_time += o.on_time;
        f.yellow += o.yellow;
        f.red += o.red;
        f.ratings += o.ratings;
        f.satisfied += o.satisfied;
        f.follow_ups_open += o.follow_ups_open;
        f.follow_ups_overdue += o.follow_ups_overdue;
        self.days += other.days;
        self.scores += other.scores;
    }

    fn done(mut self) -> Figures {
        let f = &mut self.figures;
        f.average_days = (f.finished > 0).then(|| self.days as f64 / f64::from(f.finished));
        f.average_score = (f.ratings > 0).then(|| self.scores as f64 / f64::from(f.ratings));
        self.figures
    }
}

fn parse(d: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()
}

/// Working days a case took from submission to its end, less the days its
/// clock stood still while the applicant corrected.
fn handling_days(
    calendar: &Calendar,
    submitted: NaiveDate,
    finished: NaiveDate,
    pauses: &str,
) -> i64 {
    let list: Vec<(String, Option<String>)> = serde_json::from_str(pauses).unwrap_or_default();
    let paused: i64 = list
        .iter()
        .filter_map(|(from, to)| Some((parse(from)?, parse(to.as_deref()?)?)))
        .map(|(from, to)| calendar.working_days_between(from, to).max(0))
        .sum();
    (calendar.working_days_between(submitted, finished) - paused).max(0)
}

/// The supervision figures of every service in `services` (catalogue
/// order) and overall, with every poor rating's follow-up.
pub async fn figures(
    db: &Db,
    services: &[Service],
    calendar: &Calendar,
    today: NaiveDate,
) -> Result<Supervision, sqlx::Error> {
    // One service's guide reads only that service's cases and ratings.
    let only = match services {
        [one] => Some(one.code.as_str()),
        _ => None,
    };
    let rows = super::db::cases::clocks(db, only).await?;
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    for s in services {
        let t = tallies.entry(s.code.as_str()).or_default();
        t.figures.code = s.code.clone();
        t.figures.name = s.name.clone();
    }
    // Open cases are counted in SQL by their stored due dates (kept up to
    // date by every step and calendar change): no clock reckoned here.
    let bounds = LightBounds::on(calendar, today);
    for (code, open, red, yellow) in super::db::cases::open_lights(db, only, bounds).await? {
        if let Some(t) = tallies.get_mut(code.as_str()) {
            let n = |v: i64| u32::try_from(v).unwrap_or(0);
            t.figures.total += n(open);
            t.figures.open += n(open);
            t.figures.red += n(red);
            t.figures.yellow += n(yellow);
        }
    }
    for r in &rows {
        let Some(service) = services.iter().find(|s| s.code == r.service_code) else {
            continue;
        };
        let Some(t) = tallies.get_mut(service.code.as_str()) else {
            continue;
        };
        t.figures.total += 1;
        let Some(submitted_on) = r.submitted_on.as_deref() else {
            continue;
        };
        if let (Some(finished), Some(submitted)) = (
            r.finished_on.as_deref().and_then(parse),
            parse(submitted_on),
        ) {
            t.figures.finished += 1;
            let days = super::cases::promised(r.promised_days, service.promised_days);
            let due_on = clock_from(submitted_on, &r.pauses, days)
                .and_then(|c| c.reckon(calendar).ok().flatten())
                .map(|r| r.due);
            if due_on.is_some_and(|d| finished <= d) {
                t.figures.on_time += 1;
            }
            t.days += handling_days(calendar, submitted, finished, &r.pauses);
        }
    }
    let mut follow_ups = Vec::new();
    for r in super::db::feedback::all(db, only).await? {
        let Some(t) = tallies.get_mut(r.service_code.as_str()) else {
            continue;
        };
        let score = u8::try_from(r.score).unwrap_or(0);
        t.figures.ratings += 1;
        t.scores += r.score;
        if score >= 3 {
            t.figures.satisfied += 1;
        }
        if score > POOR {
            continue;
        }
        let clock = feedback::follow_up_clock(&r.rated_on, calendar, today);
        let open = r.followed_on.is_none();
        if open {
            t.figures.follow_ups_open += 1;
            if clock.is_some_and(|(_, left)| left < 0) {
                t.figures.follow_ups_overdue += 1;
            }
        }
        follow_ups.push(FollowUp {
            number: r.number,
            service_name: t.figures.name.clone(),
            score,
            comment: r.comment,
            rated_on: r.rated_on,
            due_on: clock.map(|(d, _)| d.to_string()),
            days_left: clock.filter(|_| open).map(|(_, n)| n),
            followed_on: r.followed_on,
        });
    }
    // Open follow-ups first, the least time left first.
    follow_ups.sort_by_key(|f| (f.followed_on.is_some(), f.days_left.unwrap_or(i64::MAX)));
    let mut overall = Tally::default();
    overall.figures.name = "全部事项".to_owned();
    let mut per_service = Vec::with_capacity(services.len());
    for s in services {
        if let Some(t) = tallies.remove(s.code.as_str()) {
            overall.add(&t);
            per_service.push(t.done());
        }
    }
    Ok(Supervision {
        services: per_service,
        overall: overall.done(),
        follow_ups,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handling_time_leaves_out_the_days_spent_correcting() {
        let calendar = Calendar::new([]);
        let d = |s: &str| parse(s).unwrap_or_default();
        // Monday to the next Monday: 5 working days.
        assert_eq!(
            handling_days(&calendar, d("2026-11-02"), d("2026-11-09"), "[]"),
            5
        );
        // Paused Tuesday, resumed Thursday: 2 working days stood still.
        assert_eq!(
            handling_days(
                &calendar,
                d("2026-11-02"),
                d("2026-11-09"),
                r#"[["2026-11-03","2026-11-05"]]"#
            ),
            3
        );
        // A pause still open is not counted (the case ended another way).
        assert_eq!(
            handling_days(
                &calendar,
                d("2026-11-02"),
                d("2026-11-09"),
                r#"[["2026-11-03",null]]"#
            ),
            5
        );
    }
}
