//! The morning digest (每日待办提醒): on each working day, what turns
//! yellow (2 working days left) or red (overdue since today) in the
//! queues of handlers (cases, follow-ups of poor ratings, consultations,
//! disclosure requests), editors (documents awaiting interpretation) and
//! reviewers (withheld items due for re-review). The first app server to
//! claim the day writes one e-mail notice per member of staff with an
//! address and something to do, in the transaction that claims it; the
//! dashboard shows the same list to each.

use super::db::{enqueue, Notice};
use super::templates::Vars;
use super::types::Event;
use super::{Outbox, Subject};
use crate::account::types::Role;
use crate::error::AppError;
use crate::server::state::AppState;
use chrono::{NaiveDate, Timelike};

/// Working days left at which an item turns yellow; it turns red when
/// the first working day past its due date begins.
pub const TURNS_YELLOW: i64 = crate::clock::YELLOW_DAYS as i64;
pub const TURNS_RED: i64 = -1;

/// From this hour (Beijing time) the day's digest is sent.
pub const SEND_FROM_HOUR: u32 = 8;

/// The queues the digest reads, as staff name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queue {
    Cases,
    FollowUps,
    Consult,
    Requests,
    Interpretations,
    Rereviews,
    Concerns,
    Letters,
    /// Items made but not published: 20 working days (条例第二十六条).
    Publication,
}

impl Queue {
    pub fn label(self) -> &'static str {
        match self {
            Queue::Cases => "办件",
            Queue::FollowUps => "差评回访",
            Queue::Consult => "网上咨询",
            Queue::Requests => "依申请公开",
            Queue::Interpretations => "政策解读",
            Queue::Rereviews => "不公开信息定期评审",
            Queue::Concerns => "舆情回应",
            Queue::Letters => "来信办理",
            Queue::Publication => "主动公开时限",
        }
    }

    /// The staff page listing the queue's items, where it has one of its own.
    pub fn page(self) -> Option<&'static str> {
        match self {
            Queue::Cases => Some("/staff/cases"),
            Queue::FollowUps => Some("/staff/supervision"),
            Queue::Consult => Some("/staff/consult"),
            Queue::Requests => Some("/staff/requests"),
            Queue::Concerns => Some("/staff/concerns"),
            Queue::Letters => Some("/staff/mailbox"),
            Queue::Interpretations | Queue::Rereviews | Queue::Publication => None,
        }
    }
}

/// One item that changes light today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueLine {
    /// Which queue.
    pub queue: Queue,
    /// Its number or title, and what it is.
    pub what: String,
    /// The due date (YYYY-MM-DD).
    pub due_on: String,
    pub red: bool,
    /// The staff page that handles it.
    pub link: String,
    /// Who handles it.
    pub role: Role,
}

fn turning(days_left: i64) -> Option<bool> {
    match days_left {
        TURNS_RED => Some(true),
        TURNS_YELLOW => Some(false),
        _ => None,
    }
}

/// Everything that turns yellow or red on `today`, red first.
pub async fn lines(state: &AppState, today: NaiveDate) -> Result<Vec<DueLine>, AppError> {
    let db = &state.db;
    let calendar = state.calendar();
    let mut out = Vec::new();
    let services = crate::services::db::all(db).await?;
    // Cases by their stored due dates: only the two days that change light today.
    let crate::clock::LightBounds {
        red_before: last_working,
        yellow_until: yellow_on,
    } = crate::clock::LightBounds::on(&calendar, today);
    let mut red_on = last_working;
    for _ in 0..60 {
        match red_on.pred_opt() {
            Some(d) => red_on = d,
            None => break,
        }
        if calendar.is_working_day(red_on) {
            break;
        }
    }
    let mut cases = Vec::new();
    for due_on in [red_on, yellow_on] {
        let query = crate::services::db::queue::Query {
            due_on: Some(due_on),
            ..Default::default()
        };
        let found =
            crate::services::db::queue::find(db, &services, &calendar, today, &query, 1, 10_000)
                .await?;
        cases.extend(found.cases);
    }
    for c in cases {
        if let (Some(red), Some(due)) = (c.days_left.and_then(turning), c.due_on.clone()) {
            out.push(DueLine {
                queue: Queue::Cases,
                what: format!("{} {}（{}）", c.number, c.service_name, c.applicant),
                due_on: due,
                red,
                link: format!("/staff/cases/{}", c.number),
                role: Role::Handler,
            });
        }
    }
    let follow_ups = {
        let mut conn = db.pool().acquire().await?;
        crate::services::db::feedback::open_follow_ups_in(&mut conn).await?
    };
    for (number, rated_on) in follow_ups {
        if let Some((due, left)) =
            crate::services::feedback::follow_up_clock(&rated_on, &calendar, today)
        {
            if let Some(red) = turning(left) {
                out.push(DueLine {
                    queue: Queue::FollowUps,
                    what: format!("{number} 的差评回访"),
                    due_on: due.to_string(),
                    red,
                    link: format!("/staff/cases/{number}"),
                    role: Role::Handler,
                });
            }
        }
    }
    for q in crate::consult::db::queue::due_on_days(db, &[red_on, yellow_on]).await? {
        let Ok(due) = NaiveDate::parse_from_str(&q.due_on, "%Y-%m-%d") else {
            continue;
        };
        if let Some(red) = turning(calendar.working_days_between(today, due)) {
            out.push(DueLine {
                queue: Queue::Consult,
                what: format!("{} {}", q.number, q.topic),
                due_on: q.due_on,
                red,
                link: format!("/staff/consult/{}", q.number),
                role: Role::Handler,
            });
        }
    }
    for l in crate::mailbox::db::open(db).await? {
        if let (Some(red), Some(due)) = (
            l.days_left(&calendar, today).and_then(turning),
            l.due(&calendar),
        ) {
            out.push(DueLine {
                queue: Queue::Letters,
                what: format!("{} {}", l.number, l.subject),
                due_on: due.to_string(),
                red,
                link: format!("/staff/mailbox/{}", l.number),
                role: Role::Handler,
            });
        }
    }
    for r in crate::requests::db::list(db, false).await? {
        let s = r.summary(&calendar, today);
        if s.stopped.is_some() {
            continue;
        }
        if let (Some(red), Some(due)) = (s.days_left.and_then(turning), s.due_on.clone()) {
            out.push(DueLine {
                queue: Queue::Requests,
                what: format!(
                    "{} {}",
                    s.number,
                    s.description.chars().take(30).collect::<String>()
                ),
                due_on: due,
                red,
                link: format!("/staff/requests/{}", s.number),
                role: Role::Handler,
            });
        }
    }
    for a in crate::content::db::awaiting_interpretation(db, &calendar, today).await? {
        if let Some(red) = turning(a.days_left) {
            out.push(DueLine {
                queue: Queue::Interpretations,
                what: format!("《{}》的解读", a.document.title),
                due_on: a.due.clone(),
                red,
                link: format!("/articles/{}", a.document.id),
                role: Role::Editor,
            });
        }
    }
    for p in crate::content::editorial::db::publication_due(db, &calendar, today).await? {
        if let Some(red) = turning(p.days_left) {
            out.push(DueLine {
                queue: Queue::Publication,
                what: format!("《{}》（{}，{}）", p.title, p.kind.label(), p.state.label()),
                due_on: p.due.clone(),
                red,
                link: format!("/articles/{}/edit", p.article_id),
                role: Role::Editor,
            });
        }
    }
    for w in crate::content::editorial::db::rereview_due(db, today, 30).await? {
        let Ok(due) = NaiveDate::parse_from_str(&w.next_review_on, "%Y-%m-%d") else {
            continue;
        };
        if let Some(red) = turning(calendar.working_days_between(today, due)) {
            out.push(DueLine {
                queue: Queue::Rereviews,
                what: w.title.clone(),
                due_on: w.next_review_on.clone(),
                red,
                link: format!("/articles/{}/rereview", w.article_id),
                role: Role::Reviewer,
            });
        }
    }
    // Public concerns: a working-day clock like the queues above; an hour
    // clock (重大 / 特别重大) is listed whenever it is red or yellow.
    let now = state.now();
    for c in crate::concerns::db::open(db).await? {
        let hours = crate::concerns::types::hour_clock(c.level);
        for d in c.dues(&calendar, now) {
            let red = if hours {
                match d.light {
                    Some(crate::clock::Light::Red) => Some(true),
                    Some(crate::clock::Light::Yellow) => Some(false),
                    _ => None,
                }
            } else {
                NaiveDate::parse_from_str(&d.due_on, "%Y-%m-%d")
                    .ok()
                    .and_then(|due| turning(calendar.working_days_between(today, due)))
            };
            if let Some(red) = red {
                out.push(DueLine {
                    queue: Queue::Concerns,
                    what: format!(
                        "舆情 {}（{}，{}）：{}",
                        c.id,
                        c.level.label(),
                        c.outlet,
                        d.what
                    ),
                    due_on: d.due_on.clone(),
                    red,
                    link: format!("/staff/concerns/{}", c.id),
                    role: Role::Editor,
                });
            }
        }
    }
    out.sort_by_key(|l| (!l.red, l.due_on.clone()));
    Ok(out)
}

/// The lines a member of staff with `roles` handles.
pub fn for_roles(lines: &[DueLine], roles: &[Role]) -> Vec<DueLine> {
    lines
        .iter()
        .filter(|l| roles.contains(&l.role))
        .cloned()
        .collect()
}

/// Lines the dashboard lists before it only counts the rest.
pub const DASHBOARD_LINES: usize = 20;

/// The rest of a list past its first `shown` lines, counted by queue (in
/// the order the queues first appear).
pub fn rest_by_queue(lines: &[DueLine], shown: usize) -> Vec<(Queue, usize)> {
    let mut out: Vec<(Queue, usize)> = Vec::new();
    for l in lines.iter().skip(shown) {
        match out.iter_mut().find(|(q, _)| *q == l.queue) {
            Some((_, n)) => *n += 1,
            None => out.push((l.queue, 1)),
        }
    }
    out
}

/// The digest's text: red ones, then yellow ones, one a line.
pub fn text(lines: &[DueLine], origin: &str) -> String {
    let mut out = String::new();
    for (red, heading) in [
        (true, "今日转为红灯（已超过办理期限）："),
        (false, "今日转为黄灯（剩余 2 个工作日）："),
    ] {
        let part: Vec<&DueLine> = lines.iter().filter(|l| l.red == red).collect();
        if part.is_empty() {
            continue;
        }
        out.push_str(heading);
        out.push('\n');
        for l in part {
            out.push_str(&format!(
                "· {}：{}，期限 {}\n  {}{}\n",
                l.queue.label(),
                l.what,
                crate::ui::format::date_zh(&l.due_on),
                origin,
                l.link
            ));
        }
        out.push('\n');
    }
    out.trim_end().to_owned()
}

/// What a digest run did.
#[derive(Debug, PartialEq, Eq)]
pub enum Ran {
    /// Not a working day: no digest.
    NotWorkingDay,
    /// Another app server (or an earlier run) has sent today's.
    AlreadySent,
    /// Sent to this many members of staff.
    Sent(usize),
}

/// Writes `today`'s digest notices, once per day across every app server.
pub async fn run(state: &AppState, today: NaiveDate, now: i64) -> Result<Ran, AppError> {
    if !state.calendar().is_working_day(today) {
        return Ok(Ran::NotWorkingDay);
    }
    let outbox = Outbox::of(state);
    let all = lines(state, today).await?;
    let staff = crate::account::db::list_users(&state.db).await?;
    let day = today.to_string();
    let mut tx = state.db.begin_write().await?;
    if !super::db::claim_digest(&mut tx, &day, now).await? {
        return Ok(Ran::AlreadySent);
    }
    let mut sent = 0;
    for user in staff
        .iter()
        .filter(|u| u.disabled_at.is_none() && !u.email.is_empty())
    {
        let mine = for_roles(&all, &crate::account::db::parse_roles(&user.roles));
        if mine.is_empty() {
            continue;
        }
        let red = mine.iter().filter(|l| l.red).count();
        let written = enqueue(
            &mut tx,
            &outbox,
            Notice {
                subject: Subject::Staff,
                number: &user.username,
                event: Event::StaffDigest,
                contacts: &[user.email.as_str()],
                vars: Vars {
                    matter: format!("转为红灯 {red} 件、黄灯 {} 件", mine.len() - red),
                    date: crate::ui::format::date_zh(&day),
                    notice: text(&mine, &outbox.origin),
                    ..Vars::default()
                },
            },
            now,
        )
        .await?;
        sent += usize::from(written > 0);
    }
    super::db::digest_sent(&mut tx, &day, sent).await?;
    tx.commit().await?;
    Ok(Ran::Sent(sent))
}

/// The scheduler's call, every few minutes: today's digest once it is past
/// [`SEND_FROM_HOUR`] in Beijing.
pub async fn daily(state: &AppState) -> Result<Ran, AppError> {
    let now = crate::ui::format::now();
    let hour = chrono::DateTime::from_timestamp(now, 0)
        .map(|t| t.with_timezone(&crate::ui::format::beijing()).hour())
        .unwrap_or_default();
    if hour < SEND_FROM_HOUR {
        return Ok(Ran::AlreadySent);
    }
    run(state, state.today(), now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(red: bool, due: &str) -> DueLine {
        DueLine {
            queue: Queue::Cases,
            what: format!("XW{due}"),
            due_on: due.to_owned(),
            red,
            link: format!("/staff/cases/XW{due}"),
            role: Role::Handler,
        }
    }

    #[test]
    fn only_the_day_an_item_changes_light_counts() {
        assert_eq!(turning(3), None);
        assert_eq!(turning(2), Some(false));
        assert_eq!(turning(1), None);
        assert_eq!(turning(0), None);
        assert_eq!(turning(-1), Some(true));
        assert_eq!(turning(-2), None);
    }

    #[test]
    fn the_dashboard_counts_what_it_does_not_list_by_queue() {
        let mut lines: Vec<DueLine> = (0..3).map(|_| line(true, "2026-12-04")).collect();
        let mut question = line(false, "2026-12-09");
        question.queue = Queue::Consult;
        lines.extend([question.clone(), question]);
        assert_eq!(rest_by_queue(&lines, 5), vec![]);
        assert_eq!(
            rest_by_queue(&lines, 2),
            vec![(Queue::Cases, 1), (Queue::Consult, 2)]
        );
        assert_eq!(
            rest_by_queue(&lines, 0),
            vec![(Queue::Cases, 3), (Queue::Consult, 2)]
        );
        assert_eq!(Queue::Consult.page(), Some("/staff/consult"));
        assert_eq!(Queue::Interpretations.page(), None);
    }

    #[test]
    fn the_text_lists_red_then_yellow_with_links() {
        let t = text(
            &[line(false, "2026-12-09"), line(true, "2026-12-04")],
            "https://gdj.example.gov.cn",
        );
        let red = t.find("今日转为红灯").expect("red part");
        let yellow = t.find("今日转为黄灯").expect("yellow part");
        assert!(red < yellow, "{t}");
        assert!(t.contains("· 办件：XW2026-12-04，期限 2026年12月4日\n  https://gdj.example.gov.cn/staff/cases/XW2026-12-04"), "{t}");
        assert_eq!(
            text(&[line(false, "2026-12-09")], "")
                .matches("红灯")
                .count(),
            0
        );
    }
}
