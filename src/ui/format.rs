//! How dates and numbers are written for citizens (shared by server and browser).

/// `2016-05-03` → `2016年5月3日`; anything else is returned as it is.
pub fn date_zh(iso: &str) -> String {
    let mut parts = iso.get(..10).unwrap_or(iso).splitn(3, '-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => match (m.parse::<u32>(), d.parse::<u32>()) {
            (Ok(m), Ok(d)) if y.len() == 4 => format!("{y}年{m}月{d}日"),
            _ => iso.to_owned(),
        },
        _ => iso.to_owned(),
    }
}

/// A file's size in KB (rounded up) or MB.
pub fn file_size(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

/// A plausible e-mail address: something@domain.tld, printable ASCII, one
/// `@`. (Whether it exists only a sent message can tell.)
pub fn plausible_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && s.chars().all(|c| c.is_ascii_graphic())
}

#[cfg(feature = "ssr")]
mod server_side {
    use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

    /// Beijing time: UTC+8 all year, no daylight saving since 1991.
    #[expect(clippy::expect_used, reason = "a constant offset well within ±24 h")]
    pub fn beijing() -> FixedOffset {
        FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
    }

    /// Unix seconds → the Beijing calendar date, `YYYY-MM-DD`.
    pub fn iso_date(unix: i64) -> String {
        DateTime::<Utc>::from_timestamp(unix, 0)
            .map(|t| t.with_timezone(&beijing()).format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    }

    /// Unix seconds → `2016年5月3日 14:05` in Beijing time.
    pub fn datetime_zh(unix: i64) -> String {
        DateTime::<Utc>::from_timestamp(unix, 0)
            .map(|t| {
                t.with_timezone(&beijing())
                    .format("%Y年%-m月%-d日 %H:%M")
                    .to_string()
            })
            .unwrap_or_default()
    }

    /// Beijing local date and time → Unix seconds.
    pub fn unix_at(date: NaiveDate, time: NaiveTime) -> i64 {
        beijing()
            .from_local_datetime(&date.and_time(time))
            .single()
            .map(|t| t.timestamp())
            .unwrap_or_default()
    }

    /// A form's `datetime-local` value (`YYYY-MM-DDTHH:MM`, Beijing time)
    /// → Unix seconds.
    pub fn parse_local(s: &str) -> Option<i64> {
        let t = chrono::NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M").ok()?;
        Some(unix_at(t.date(), t.time()))
    }

    /// Unix seconds → a `datetime-local` value in Beijing time.
    pub fn local_input(unix: i64) -> String {
        DateTime::<Utc>::from_timestamp(unix, 0)
            .map(|t| {
                t.with_timezone(&beijing())
                    .format("%Y-%m-%dT%H:%M")
                    .to_string()
            })
            .unwrap_or_default()
    }

    /// Now, in Unix seconds.
    pub fn now() -> i64 {
        Utc::now().timestamp()
    }
}

#[cfg(feature = "ssr")]
pub use server_side::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_the_chinese_way() {
        assert_eq!(date_zh("2016-05-03"), "2016年5月3日");
        assert_eq!(date_zh("2026-11-26T10:00:00"), "2026年11月26日");
        assert_eq!(date_zh("not a date"), "not a date");
    }

    #[test]
    fn emails() {
        assert!(plausible_email("yjzj@gdj.example.gov.cn"));
        assert!(!plausible_email("yjzj@localhost"));
        assert!(!plausible_email("a b@c.cn"));
        assert!(!plausible_email("@c.cn"));
        assert!(!plausible_email("a@b@c.cn"));
        assert!(!plausible_email("王@c.cn"));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn form_times_are_beijing_minutes() {
        // 2016-09-30T16:30:00Z is 00:30 on 1 October in Beijing.
        assert_eq!(local_input(1_475_253_000), "2016-10-01T00:30");
        assert_eq!(parse_local(" 2016-10-01T00:30 "), Some(1_475_253_000));
        assert_eq!(parse_local("2016-10-01 00:30"), None);
        assert_eq!(
            parse_local(&local_input(1_475_253_059)),
            Some(1_475_253_000)
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn beijing_dates_roll_over_at_local_midnight() {
        // 2016-09-30T16:30:00Z is 00:30 on 1 October in Beijing.
        assert_eq!(iso_date(1_475_253_000), "2016-10-01");
        let t = unix_at(
            chrono::NaiveDate::from_ymd_opt(2016, 10, 1).expect("date"),
            chrono::NaiveTime::from_hms_opt(0, 30, 0).expect("time"),
        );
        assert_eq!(t, 1_475_253_000);
        assert_eq!(datetime_zh(t), "2016年10月1日 00:30");
    }
}
