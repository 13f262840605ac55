//! An emergency notice (紧急公告), its level and state, and the checks a
//! draft must pass.

use crate::error::FieldError;
use serde::{Deserialize, Serialize};

/// The four grades of 突发事件 (《突发事件应对法》): the notice names its
/// grade in words, so colour is never the only cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    /// Ⅰ级 特别重大
    One,
    /// Ⅱ级 重大
    Two,
    /// Ⅲ级 较大
    Three,
    /// Ⅳ级 一般
    Four,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::One, Level::Two, Level::Three, Level::Four];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::One => "1",
            Level::Two => "2",
            Level::Three => "3",
            Level::Four => "4",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// As the notice and the staff page name it.
    pub fn label(self) -> &'static str {
        match self {
            Level::One => "特别重大（Ⅰ级）",
            Level::Two => "重大（Ⅱ级）",
            Level::Three => "较大（Ⅲ级）",
            Level::Four => "一般（Ⅳ级）",
        }
    }
}

/// Where a notice stands in its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Drafted, waiting for a reviewer.
    Pending,
    /// Approved: shown between its start and end.
    Approved,
    /// Sent back by the reviewer.
    Returned,
    /// Taken down before its end.
    Withdrawn,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Approved => "approved",
            Status::Returned => "returned",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        [
            Status::Pending,
            Status::Approved,
            Status::Returned,
            Status::Withdrawn,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// A notice as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub id: i64,
    pub level: Level,
    pub title: String,
    pub body: String,
    /// A page on this site (`/…`) or an `https://` address; empty for none.
    pub link: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub status: Status,
    pub created_by_id: Option<i64>,
    pub created_by: String,
    pub created_at: i64,
    pub reviewed_by: String,
    pub reviewed_at: Option<i64>,
    pub review_note: String,
    pub withdrawn_by: String,
    pub withdrawn_at: Option<i64>,
}

impl Alert {
    /// Whether the public sees it at `now`.
    pub fn shown_at(&self, now: i64) -> bool {
        self.status == Status::Approved && self.starts_at <= now && now < self.ends_at
    }

    /// Its state in words at `now`.
    pub fn state_label(&self, now: i64) -> &'static str {
        match self.status {
            Status::Pending => "待审核",
            Status::Returned => "已退回",
            Status::Withdrawn => "已撤下",
            Status::Approved if now < self.starts_at => "已批准，待生效",
            Status::Approved if now < self.ends_at => "显示中",
            Status::Approved => "已到期",
        }
    }

    /// Whether it can still be taken down (it shows, or will).
    pub fn can_withdraw(&self, now: i64) -> bool {
        matches!(self.status, Status::Pending | Status::Approved) && now < self.ends_at
    }
}

/// The notice the public sees at `now` among `alerts`: of those showing,
/// the one approved last (a newer notice replaces an older one at once).
pub fn showing(alerts: &[Alert], now: i64) -> Option<&Alert> {
    alerts
        .iter()
        .filter(|a| a.shown_at(now))
        .max_by_key(|a| (a.reviewed_at, a.id))
}

/// The draft form as posted.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DraftInput {
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub link: String,
    /// `YYYY-MM-DDTHH:MM`, Beijing time; empty for "as soon as approved".
    #[serde(default)]
    pub starts: String,
    /// `YYYY-MM-DDTHH:MM`, Beijing time.
    #[serde(default)]
    pub ends: String,
}

/// A draft that passed its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub level: Level,
    pub title: String,
    pub body: String,
    pub link: String,
    pub starts_at: i64,
    pub ends_at: i64,
}

pub const MAX_TITLE: usize = 40;
pub const MAX_BODY: usize = 200;
pub const MAX_LINK: usize = 500;
/// The longest a notice may stand: a longer matter is news, not an alert.
pub const MAX_DAYS: i64 = 30;

fn link_ok(link: &str) -> bool {
    let plain = link.len() <= MAX_LINK
        && !link
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>'));
    let site = link.starts_with('/') && !link.starts_with("//");
    let web = ["https://", "http://"].iter().any(|p| {
        link.strip_prefix(p)
            .is_some_and(|rest| rest.len() > 3 && rest.contains('.'))
    });
    plain && (site || web)
}

impl DraftInput {
    /// The draft, or each field's problem in Chinese; `now` is when it is
    /// drafted (an empty start means from then, once approved).
    pub fn check(&self, now: i64) -> Result<Draft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let level = Level::parse(self.level.trim());
        if level.is_none() {
            errors.push(FieldError::new("level", "请选择事件级别"));
        }
        let title = self.title.trim().to_owned();
        let body = self.body.trim().replace("\r\n", "\n");
        let link = self.link.trim().to_owned();
        if title.is_empty() {
            errors.push(FieldError::new("title", "请填写标题"));
        } else if title.chars().count() > MAX_TITLE {
            errors.push(FieldError::new(
                "title",
                format!("标题不超过{MAX_TITLE}个字"),
            ));
        } else if title.chars().any(char::is_control) {
            errors.push(FieldError::new("title", "标题只能是一行文字"));
        }
        if body.is_empty() {
            errors.push(FieldError::new("body", "请填写公告内容"));
        } else if body.chars().count() > MAX_BODY {
            errors.push(FieldError::new(
                "body",
                format!("公告内容不超过{MAX_BODY}个字；详细情况请发布为信息，并填在“详情链接”中"),
            ));
        } else if !crate::server::input::clean_text(&body) {
            errors.push(FieldError::new("body", "公告内容含有不能显示的字符"));
        }
        if !link.is_empty() && !link_ok(&link) {
            errors.push(FieldError::new(
                "link",
                "详情链接须为本站页面（以 / 开头）或以 https:// 开头的网址",
            ));
        }
        let starts_at = if self.starts.trim().is_empty() {
            Some(now)
        } else {
            let t = crate::ui::format::parse_local(&self.starts);
            if t.is_none() {
                errors.push(FieldError::new("starts", "开始时间格式不对"));
            }
            t
        };
        let ends_at = crate::ui::format::parse_local(&self.ends);
        match (starts_at, ends_at) {
            (_, None) if self.ends.trim().is_empty() => {
                errors.push(FieldError::new("ends", "请填写结束时间"))
            }
            (_, None) => errors.push(FieldError::new("ends", "结束时间格式不对")),
            (_, Some(end)) if end <= now => {
                errors.push(FieldError::new("ends", "结束时间已经过去"))
            }
            (Some(start), Some(end)) if end <= start => {
                errors.push(FieldError::new("ends", "结束时间须晚于开始时间"))
            }
            (Some(start), Some(end)) if end - start > MAX_DAYS * 86_400 => {
                errors.push(FieldError::new("ends", format!("公告最长显示{MAX_DAYS}天")))
            }
            _ => {}
        }
        match (level, starts_at, ends_at) {
            (Some(level), Some(starts_at), Some(ends_at)) if errors.is_empty() => Ok(Draft {
                level,
                title,
                body,
                link,
                starts_at,
                ends_at,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_796_000_000; // 2026-11-30 08:53 in Beijing

    fn input(starts: &str, ends: &str) -> DraftInput {
        DraftInput {
            level: "2".into(),
            title: "关于暂停部分影院营业的紧急通知".into(),
            body: "受台风影响，今日起全省影院暂停营业。".into(),
            link: "/articles/12".into(),
            starts: starts.into(),
            ends: ends.into(),
        }
    }

    fn local(unix: i64) -> String {
        crate::ui::format::local_input(unix)
    }

    fn fields(e: Result<Draft, Vec<FieldError>>) -> Vec<String> {
        e.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| format!("{}:{}", e.field, e.message))
            .collect()
    }

    #[test]
    fn a_good_draft_starts_now_unless_told() {
        let d = input("", &local(NOW + 86_400)).check(NOW).expect("good");
        assert_eq!(d.level, Level::Two);
        assert_eq!(d.starts_at, NOW);
        assert_eq!(d.ends_at, (NOW + 86_400) / 60 * 60);
        let later = input(&local(NOW + 3_600), &local(NOW + 7_200))
            .check(NOW)
            .expect("good");
        assert_eq!(later.starts_at, (NOW + 3_600) / 60 * 60);
    }

    #[test]
    fn each_bad_field_is_named_in_chinese() {
        let mut bad = input("", "");
        bad.level = "9".into();
        bad.title = "".into();
        bad.link = "javascript:alert(1)".into();
        let e = fields(bad.check(NOW));
        assert!(e.contains(&"level:请选择事件级别".to_owned()), "{e:?}");
        assert!(e.contains(&"title:请填写标题".to_owned()), "{e:?}");
        assert!(
            e.iter().any(|m| m.starts_with("link:详情链接须为本站页面")),
            "{e:?}"
        );
        assert!(e.contains(&"ends:请填写结束时间".to_owned()), "{e:?}");
        assert_eq!(
            fields(input("", &local(NOW - 60)).check(NOW)),
            vec!["ends:结束时间已经过去"]
        );
        assert_eq!(
            fields(input(&local(NOW + 7_200), &local(NOW + 3_600)).check(NOW)),
            vec!["ends:结束时间须晚于开始时间"]
        );
        assert_eq!(
            fields(input("", &local(NOW + 31 * 86_400)).check(NOW)),
            vec!["ends:公告最长显示30天"]
        );
        assert_eq!(
            fields(input("明天", &local(NOW + 3_600)).check(NOW)),
            vec!["starts:开始时间格式不对"]
        );
        let mut long = input("", &local(NOW + 3_600));
        long.body = "很".repeat(MAX_BODY + 1);
        long.link = "//evil.example".into();
        let e = fields(long.check(NOW));
        assert_eq!(e.len(), 2, "{e:?}");
        for ok in ["/services", "https://www.gov.cn/zhengce/"] {
            assert!(link_ok(ok), "{ok}");
        }
        for bad in [
            "//x.cn",
            "http://",
            "ftp://a.cn",
            "/a b",
            "/a\"onmouseover=",
        ] {
            assert!(!link_ok(bad), "{bad}");
        }
    }

    #[test]
    fn the_notice_approved_last_shows_within_its_window() {
        let alert = |id, reviewed_at, starts_at, ends_at, status| Alert {
            id,
            level: Level::One,
            title: format!("公告{id}"),
            body: String::new(),
            link: String::new(),
            starts_at,
            ends_at,
            status,
            created_by_id: None,
            created_by: String::new(),
            created_at: 0,
            reviewed_by: String::new(),
            reviewed_at: Some(reviewed_at),
            review_note: String::new(),
            withdrawn_by: String::new(),
            withdrawn_at: None,
        };
        let all = [
            alert(1, 10, 0, 100, Status::Approved),
            alert(2, 20, 50, 200, Status::Approved),
            alert(3, 30, 0, 300, Status::Withdrawn),
            alert(4, 40, 0, 300, Status::Pending),
        ];
        assert_eq!(showing(&all, 10).map(|a| a.id), Some(1));
        assert_eq!(showing(&all, 60).map(|a| a.id), Some(2));
        assert_eq!(showing(&all, 150).map(|a| a.id), Some(2));
        assert_eq!(showing(&all, 200), None);
        assert_eq!(all[1].state_label(10), "已批准，待生效");
        assert_eq!(all[1].state_label(60), "显示中");
        assert_eq!(all[1].state_label(200), "已到期");
        assert!(!all[2].can_withdraw(10));
        assert!(all[3].can_withdraw(10));
    }
}
