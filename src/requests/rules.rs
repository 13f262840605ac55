//! The law's arithmetic for a request: its reply clock (restarted by a
//! correction, extended once, stopped for a third party or another agency),
//! the 信息处理费, and the reply letter (告知书) made from a decision.

use super::types::{FeeMethod, Outcome, StopKind, REPLY_DAYS};
use crate::clock::{Calendar, Clock, Reckoning};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A stop of the clock, as stored (JSON in `stops`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stop {
    pub kind: String,
    pub from: String,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub note: String,
}

impl Stop {
    pub fn kind(&self) -> Option<StopKind> {
        StopKind::from_slug(&self.kind)
    }
}

/// The stored stops (an unreadable list reads as none).
pub fn stops(json: &str) -> Vec<Stop> {
    serde_json::from_str(json).unwrap_or_default()
}

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The reply clock: 20 working days from `clock_from` (the day the request,
/// or its correction, was received: that day itself is not counted), plus
/// the extension, with the stops left out.
pub fn clock(clock_from: &str, stops: &[Stop], extension_days: u32) -> Option<Clock> {
    let mut clock = Clock::new(day(clock_from)?, REPLY_DAYS);
    clock.extend(extension_days);
    for s in stops {
        if let Some(from) = day(&s.from) {
            let _ = clock.pause(from);
            if let Some(to) = s.to.as_deref().and_then(day) {
                let _ = clock.resume(to);
            }
        }
    }
    Some(clock)
}

/// The reckoning of a running clock and working days left; None while it
/// is stopped.
pub fn due(clock: &Clock, calendar: &Calendar, today: NaiveDate) -> Option<(Reckoning, i64)> {
    let r = clock.reckon(calendar).ok()??;
    let left = calendar.working_days_between(today, r.due);
    Some((r, left))
}

/// The last day a correction may be asked: 7 working days after receipt.
pub fn correction_by(received_on: &str, calendar: &Calendar) -> Option<NaiveDate> {
    let r = calendar
        .add_working_days(day(received_on)?, super::types::CORRECTION_ASK_DAYS)
        .ok()?;
    Some(r.due)
}

/// The fee for the `nth` request (from 1) an applicant made in one natural
/// month, 按件计收: free up to 10; 100 元 each from 11 to 30; from 31, 100
/// 元 more for every further 10.
pub fn fee_by_count(nth: u32) -> i64 {
    match nth {
        0..=10 => 0,
        11..=30 => 100,
        n => 100 + 100 * i64::from((n - 31) / 10 + 1),
    }
}

/// The fee for `pages` pages of one request, 按量计收: free up to 30; 10 元 a
/// page from 31 to 100, 20 元 from 101 to 200, 40 元 beyond.
pub fn fee_by_pages(pages: u32) -> i64 {
    let band = |lo: u32, hi: u32| i64::from(pages.min(hi).saturating_sub(lo));
    band(30, 100) * 10 + band(100, 200) * 20 + band(200, u32::MAX) * 40
}

/// The fee by `method`: `nth` the request's place in its applicant's month,
/// `pages` its pages.
pub fn fee(method: FeeMethod, nth: u32, pages: u32) -> i64 {
    match method {
        FeeMethod::None => 0,
        FeeMethod::ByCount => fee_by_count(nth),
        FeeMethod::ByPages => fee_by_pages(pages),
    }
}

/// What the letter is made from.
pub struct LetterFacts<'a> {
    pub bureau: &'a str,
    pub number: &'a str,
    pub applicant: &'a str,
    pub received_on: &'a str,
    pub description: &'a str,
    pub outcome: &'a Outcome,
    pub reason: &'a str,
    pub basis: &'a str,
    pub other_agency: &'a str,
    pub public_location: &'a str,
    pub fee: (FeeMethod, i64),
    pub files: usize,
    pub replied_on: NaiveDate,
}

fn zh(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The reply letter (政府信息公开申请答复书), one paragraph per line. It is
/// stored as sent: the letter never changes after the reply.
pub fn letter(f: &LetterFacts<'_>) -> String {
    let received = day(f.received_on).map_or_else(|| f.received_on.to_owned(), zh);
    let mut out = vec![
        format!("{}：", f.applicant),
        format!(
            "本机关于{received}收到您（单位）提出的政府信息公开申请（申请编号 {}），申请获取“{}”。经审查，现答复如下：",
            f.number, f.description
        ),
    ];
    let decided = match f.outcome.group {
        "予以公开" if !f.public_location.is_empty() => format!(
            "您申请获取的政府信息已经主动公开，可以通过以下途径获取：{}。",
            f.public_location
        ),
        "予以公开" => "您申请获取的政府信息属于公开范围，本机关予以公开。".to_owned(),
        "部分公开" => {
            "您申请获取的政府信息中含有不应当公开的内容，本机关对可以公开的部分予以公开。"
                .to_owned()
        }
        group => format!("本机关决定：{}（{}）。", group, f.outcome.item),
    };
    out.push(decided);
    out.push(f.reason.to_owned());
    if f.outcome.names_agency && !f.other_agency.is_empty() {
        out.push(format!(
            "经核实，负责公开该政府信息的机关为：{}，您可以向其提出申请。",
            f.other_agency
        ));
    }
    if !f.basis.is_empty() {
        out.push(format!("依据：{}。", f.basis.trim_end_matches('。')));
    }
    if f.files > 0 {
        out.push(format!(
            "所提供的政府信息共 {} 个文件，附后，您可以凭申请编号和查询码在本网站“依申请公开”查询页面下载。",
            f.files
        ));
    }
    match f.fee {
        (FeeMethod::None, _) | (_, 0) => {}
        (method, yuan) => out.push(format!(
            "依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本申请{}信息处理费 {yuan} 元。",
            method.label()
        )),
    }
    out.push(
        "如对本答复不服，可以自收到本答复之日起60日内依法申请行政复议，或者自收到本答复之日起6个月内依法向人民法院提起行政诉讼。"
            .to_owned(),
    );
    out.push(f.bureau.to_owned());
    out.push(zh(f.replied_on));
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::requests::types::OUTCOMES;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn fees_follow_the_two_scales() {
        assert_eq!(fee_by_count(1), 0);
        assert_eq!(fee_by_count(10), 0);
        assert_eq!(fee_by_count(11), 100);
        assert_eq!(fee_by_count(30), 100);
        assert_eq!(fee_by_count(31), 200);
        assert_eq!(fee_by_count(40), 200);
        assert_eq!(fee_by_count(41), 300);
        assert_eq!(fee_by_pages(30), 0);
        assert_eq!(fee_by_pages(31), 10);
        assert_eq!(fee_by_pages(100), 700);
        assert_eq!(fee_by_pages(101), 720);
        assert_eq!(fee_by_pages(200), 700 + 2000);
        assert_eq!(fee_by_pages(201), 2700 + 40);
        assert_eq!(fee(FeeMethod::None, 40, 500), 0);
        assert_eq!(fee(FeeMethod::ByCount, 12, 500), 100);
        assert_eq!(fee(FeeMethod::ByPages, 12, 35), 50);
    }

    #[test]
    fn the_clock_restarts_extends_and_stops() {
        // Weekends only (no holidays entered for 2031).
        let cal = Calendar::default();
        // Received Monday 2031-03-03: 20 working days end Monday 03-31.
        let c = clock("2031-03-03", &[], 0).expect("clock");
        assert_eq!(
            c.reckon(&cal).ok().flatten().map(|r| r.due),
            Some(d("2031-03-31"))
        );
        // Extended by 20: four more weeks.
        let c = clock("2031-03-03", &[], 20).expect("clock");
        assert_eq!(
            c.reckon(&cal).ok().flatten().map(|r| r.due),
            Some(d("2031-04-28"))
        );
        // Stopped for a third party from Wednesday 03-05 to Wednesday 03-12:
        // the five working days in between do not count.
        let stop = Stop {
            kind: "third_party".into(),
            from: "2031-03-05".into(),
            to: Some("2031-03-12".into()),
            note: String::new(),
        };
        let c = clock("2031-03-03", std::slice::from_ref(&stop), 0).expect("clock");
        assert_eq!(
            c.reckon(&cal).ok().flatten().map(|r| r.due),
            Some(d("2031-04-07"))
        );
        // Still stopped: no due date.
        let open = Stop { to: None, ..stop };
        let c = clock("2031-03-03", &[open], 0).expect("clock");
        assert!(due(&c, &cal, d("2031-03-06")).is_none());
        // A correction received on 03-20 restarts the 20 days from there.
        let c = clock("2031-03-20", &[], 0).expect("clock");
        assert_eq!(
            c.reckon(&cal).ok().flatten().map(|r| r.due),
            Some(d("2031-04-17"))
        );
        // Correction asked by 7 working days after receipt.
        assert_eq!(correction_by("2031-03-03", &cal), Some(d("2031-03-12")));
    }

    #[test]
    fn the_letter_says_what_was_decided_and_how_to_appeal() {
        let outcome = OUTCOMES
            .iter()
            .find(|o| o.slug == "unable-1")
            .expect("outcome");
        let text = letter(&LetterFacts {
            bureau: "福建省新闻出版广电局",
            number: "YS20310303000001",
            applicant: "张三",
            received_on: "2031-03-03",
            description: "2030年某县电影放映场次",
            outcome,
            reason: "经检索，本机关未制作或获取该信息。",
            basis: outcome.basis,
            other_agency: "某县文化和旅游局",
            public_location: "",
            fee: (FeeMethod::None, 0),
            files: 0,
            replied_on: d("2031-03-20"),
        });
        assert!(text.starts_with("张三："), "{text}");
        assert!(text.contains("2031年3月3日"), "{text}");
        assert!(
            text.contains("无法提供（本机关不掌握相关政府信息）"),
            "{text}"
        );
        assert!(text.contains("某县文化和旅游局"), "{text}");
        assert!(text.contains("第三十六条第（四）、（五）项"), "{text}");
        assert!(text.contains("行政复议"), "{text}");
        assert!(text.ends_with("2031年3月20日"), "{text}");
        assert_eq!(
            Outcome::by_slug("deny-4").map(Outcome::label),
            Some("不予公开：4.保护第三方合法权益".to_owned())
        );
    }
}
