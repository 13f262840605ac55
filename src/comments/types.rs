//! Shared types of 意见征集 (they compile for the browser too).

use serde::{Deserialize, Serialize};

/// The usual shortest comment period, in days (条例第十五条: 一般不少于30日).
pub const MIN_PERIOD_DAYS: i64 = 30;
/// Longest comment, in characters.
pub const COMMENT_MAX: usize = 3000;
/// Default days after closing before a missing feedback report is flagged.
pub const FEEDBACK_DAYS_DEFAULT: i64 = 30;

/// How a comment reached the bureau.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    Online,
    Post,
    Email,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::Online,
        Channel::Post,
        Channel::Email,
        Channel::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Online => "online",
            Channel::Post => "post",
            Channel::Email => "email",
            Channel::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Channel::Online => "网上提交",
            Channel::Post => "信函",
            Channel::Email => "电子邮件",
            Channel::Other => "其他方式（电话、座谈会等）",
        }
    }

    /// The short name used in counts (网上提交3条、信函1条).
    pub fn short(self) -> &'static str {
        match self {
            Channel::Online => "网上提交",
            Channel::Post => "信函",
            Channel::Email => "电子邮件",
            Channel::Other => "其他方式",
        }
    }
}

impl std::str::FromStr for Channel {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s).ok_or(())
    }
}

/// What was done with a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Decision {
    Adopted,
    Partly,
    NotAdopted,
    OutOfScope,
}

impl Decision {
    pub const ALL: [Decision; 4] = [
        Decision::Adopted,
        Decision::Partly,
        Decision::NotAdopted,
        Decision::OutOfScope,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Adopted => "adopted",
            Decision::Partly => "partly",
            Decision::NotAdopted => "not_adopted",
            Decision::OutOfScope => "out_of_scope",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Decision::Adopted => "采纳",
            Decision::Partly => "部分采纳",
            Decision::NotAdopted => "未采纳",
            Decision::OutOfScope => "不属于本次征集范围",
        }
    }

    /// Anything but 采纳 must say why.
    pub fn needs_reason(self) -> bool {
        self != Decision::Adopted
    }
}

impl std::str::FromStr for Decision {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Decision::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or(())
    }
}

/// Where a published consultation stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Taking comments; `days_left` calendar days including today.
    Open { days_left: i64 },
    /// Closed, the feedback report not yet published.
    AwaitingFeedback,
    /// Closed, with its feedback report.
    Answered,
}

impl Stage {
    /// How the public lists name it.
    pub fn label(self) -> String {
        match self {
            Stage::Open { days_left: 1 } => "正在征集（今天截止）".to_owned(),
            Stage::Open { days_left } => format!("正在征集（还剩{days_left}天）"),
            Stage::AwaitingFeedback => "征集已结束，正在研究处理意见".to_owned(),
            Stage::Answered => "已反馈意见采纳情况".to_owned(),
        }
    }

    pub fn is_open(self) -> bool {
        matches!(self, Stage::Open { .. })
    }
}

/// One consultation in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationSummary {
    pub id: i64,
    pub title: String,
    pub summary: String,
    /// `YYYY-MM-DD`.
    pub opened_on: String,
    pub closes_on: String,
    pub stage: Stage,
    /// The feedback report's publication date.
    pub feedback_on: Option<String>,
}

/// A comment as the public sees it: masked, never the contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicComment {
    pub number: usize,
    pub part: String,
    pub body: String,
    /// The writer's name with only the surname, or 匿名.
    pub writer: String,
    pub received_on: String,
    pub channel: Channel,
}

/// A published consultation with everything its public page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultationView {
    pub summary: ConsultationSummary,
    pub index_no: Option<String>,
    pub publisher: String,
    pub body_html: String,
    pub attachments: Vec<crate::content::types::AttachmentInfo>,
    /// Days in the period (publication day to closing day, both counted).
    pub period_days: i64,
    pub short_reason: String,
    /// 起草说明, rendered.
    pub explanation_html: String,
    pub comment_address: String,
    pub comment_email: String,
    pub anonymous_ok: bool,
    pub comments_public: bool,
    /// The parts of the draft a comment may be about (第X条, headings).
    pub parts: Vec<String>,
    /// Comments published one by one (when the consultation shows them).
    pub comments: Vec<PublicComment>,
    /// The published feedback report, rendered.
    pub feedback_html: Option<String>,
    /// The decision document adopted after the consultation.
    pub decision: Option<crate::content::types::ArticleLink>,
}

/// A comment as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffComment {
    pub id: i64,
    pub part: String,
    pub body: String,
    pub name: String,
    pub contact: String,
    pub channel: Channel,
    pub received_on: String,
    pub entered_by: String,
    pub shown: bool,
    /// The answer: its id (shared by grouped comments), decision and reason.
    pub answer: Option<(i64, Decision, String)>,
}

/// A consultation as its staff page shows it (any publication state).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffConsultation {
    pub id: i64,
    pub title: String,
    /// Whether the item is published (its terms live).
    pub live: bool,
    pub opened_on: String,
    pub closes_on: String,
    pub stage: Option<Stage>,
    pub comments_public: bool,
    pub parts: Vec<String>,
    pub comments: Vec<StaffComment>,
    /// The feedback report as it would be generated now (None while a
    /// comment is unanswered or the period runs).
    pub report_preview: Option<String>,
    /// Why the report cannot be generated yet.
    pub report_blocked: Option<String>,
    /// Whether a revision of the item waits for review or publication.
    pub pending_review: bool,
}

/// One line of the staff list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffLine {
    pub id: i64,
    pub title: String,
    pub live: bool,
    pub closes_on: String,
    pub stage: Option<Stage>,
    pub total: i64,
    pub unanswered: i64,
    pub pending: i64,
    /// Days since closing without a feedback report, past the bureau's limit.
    pub feedback_late: Option<i64>,
}
