//! The rules of a consultation that both the editor (in the browser) and
//! the server apply: the parts of a draft a comment may name, the period and
//! its 30-day rule, and where a consultation stands on a day.

use super::types::{Stage, MIN_PERIOD_DAYS};
use chrono::NaiveDate;

/// The parts of a draft a comment may be about, in order: its headings and
/// its articles (第X条 at the start of a line).
pub fn parts(body_md: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in body_md.lines() {
        let line = line.trim();
        let part = if line.starts_with('#') {
            let text = line.trim_start_matches('#').trim();
            (!text.is_empty()).then(|| text.chars().take(40).collect::<String>())
        } else {
            article_no(line.trim_start_matches("**"))
        };
        if let Some(p) = part {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

/// `第十二条` at the start of `line`, if it starts an article.
fn article_no(line: &str) -> Option<String> {
    let rest = line.strip_prefix('第')?;
    let digits: String = rest
        .chars()
        .take_while(|c| "零〇一二三四五六七八九十百千0123456789".contains(*c))
        .collect();
    if digits.is_empty() {
        return None;
    }
    rest[digits.len()..]
        .starts_with('条')
        .then(|| format!("第{digits}条"))
}

/// Days in a period from `opened` to `closes`, both counted.
pub fn period_days(opened: NaiveDate, closes: NaiveDate) -> i64 {
    (closes - opened).num_days() + 1
}

/// What is wrong with a period opening on `opened`, if anything: it must
/// not end before it opens, and one shorter than 30 days must say why
/// (条例第十五条).
pub fn period_problem(opened: NaiveDate, closes: NaiveDate, short_reason: &str) -> Option<String> {
    let days = period_days(opened, closes);
    if days < 1 {
        return Some(format!(
            "征集截止日期不能早于开始征集的日期（{}）",
            opened.format("%Y-%m-%d")
        ));
    }
    (days < MIN_PERIOD_DAYS && short_reason.trim().is_empty()).then(|| {
        format!(
            "征求意见的期限一般不少于{MIN_PERIOD_DAYS}日（自{}起只有{days}日）；确需缩短的，请填写理由，理由将向公众公开",
            opened.format("%Y-%m-%d")
        )
    })
}

/// Where a consultation open from `opened` to the end of `closes` stands
/// on `today` (Beijing).
pub fn stage(closes: NaiveDate, today: NaiveDate, has_feedback: bool) -> Stage {
    if has_feedback {
        Stage::Answered
    } else if today <= closes {
        Stage::Open {
            days_left: (closes - today).num_days() + 1,
        }
    } else {
        Stage::AwaitingFeedback
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn parts_are_headings_and_articles_in_order() {
        let body = "## 第一章 总则\n\n第一条 为了规范……\n\n**第二条** 本办法适用于……\n第二条之外\n## 附则\n第十二条 本办法自发布之日起施行。\n第 三条 不是条文\n";
        assert_eq!(
            parts(body),
            ["第一章 总则", "第一条", "第二条", "附则", "第十二条"]
        );
    }

    #[test]
    fn thirty_days_or_a_reason() {
        assert_eq!(period_days(d("2026-11-01"), d("2026-11-30")), 30);
        assert!(period_problem(d("2026-11-01"), d("2026-11-30"), "").is_none());
        assert!(period_problem(d("2026-11-01"), d("2026-11-29"), "").is_some());
        assert!(period_problem(d("2026-11-01"), d("2026-11-29"), "上级要求年底前出台").is_none());
        assert!(period_problem(d("2026-11-01"), d("2026-10-31"), "理由").is_some());
    }

    #[test]
    fn stages_by_the_calendar_day() {
        let closes = d("2026-11-30");
        assert_eq!(
            stage(closes, d("2026-11-21"), false),
            Stage::Open { days_left: 10 }
        );
        assert_eq!(
            stage(closes, d("2026-11-30"), false),
            Stage::Open { days_left: 1 }
        );
        assert_eq!(
            stage(closes, d("2026-12-01"), false),
            Stage::AwaitingFeedback
        );
        assert_eq!(stage(closes, d("2026-12-01"), true), Stage::Answered);
    }
}
