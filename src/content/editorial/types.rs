//! The editorial workflow's shared types: the editor's form, revision
//! states, work lists, reviews and history. They compile for the browser too.

use crate::content::taxonomy::{ContentKind, Disclosure, Validity};
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

/// Largest HTML a paste may send to be converted (Word's clipboard HTML
/// runs to a few hundred KB for a long 公文 once its styles are cut off;
/// form-encoded, it must stay under the server functions' 2 MB body limit).
pub const PASTE_MAX_BYTES: usize = 1024 * 1024;

/// What HTML pasted into the body (from Word, WPS or a web page) became:
/// the body format to insert at the cursor, and notes on what it left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastedBody {
    pub body_md: String,
    pub notes: Vec<String>,
}

/// Where a revision stands in the workflow (as GOV.UK's publisher:
/// draft → submitted → approved → scheduled/published → superseded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevisionState {
    Draft,
    Submitted,
    Returned,
    Approved,
    Scheduled,
    Published,
    Superseded,
}

impl RevisionState {
    pub const ALL: [RevisionState; 7] = [
        RevisionState::Draft,
        RevisionState::Submitted,
        RevisionState::Returned,
        RevisionState::Approved,
        RevisionState::Scheduled,
        RevisionState::Published,
        RevisionState::Superseded,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            RevisionState::Draft => "draft",
            RevisionState::Submitted => "submitted",
            RevisionState::Returned => "returned",
            RevisionState::Approved => "approved",
            RevisionState::Scheduled => "scheduled",
            RevisionState::Published => "published",
            RevisionState::Superseded => "superseded",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RevisionState::Draft => "草稿",
            RevisionState::Submitted => "送审中",
            RevisionState::Returned => "已退回",
            RevisionState::Approved => "已审核",
            RevisionState::Scheduled => "定时发布",
            RevisionState::Published => "已发布",
            RevisionState::Superseded => "已被替代",
        }
    }

    pub fn from_slug(s: &str) -> Option<RevisionState> {
        RevisionState::ALL.into_iter().find(|r| r.slug() == s)
    }

    /// Whether the revision is still being worked on (not yet live or past).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            RevisionState::Draft
                | RevisionState::Submitted
                | RevisionState::Returned
                | RevisionState::Approved
                | RevisionState::Scheduled
        )
    }
}

/// The editable fields of an item, exactly as entered (so a refused form
/// comes back with every entry kept). Stored as each revision's snapshot.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArticleForm {
    pub kind: String,
    pub subtype: String,
    pub title: String,
    pub summary: String,
    pub body_md: String,
    pub publisher: String,
    pub doc_no: String,
    pub written_on: String,
    pub topic: String,
    pub validity: String,
    /// Id of the document that amended or repealed this one.
    pub replaced_by: String,
    pub disclosure: String,
    pub withheld_reason: String,
    pub needs_interpretation: bool,
    /// 回应关切: the day the concern arose.
    pub concern_on: String,
    /// For an interpretation: ids of the documents it explains, separated by spaces or commas.
    pub explains: String,
    /// 意见征集: the last day comments are taken (`YYYY-MM-DD`, until 24:00
    /// Beijing time).
    pub closes_on: String,
    /// 意见征集: why the period is shorter than 30 days (shown publicly).
    pub short_reason: String,
    /// 意见征集: the 起草说明 (Markdown).
    pub explanation_md: String,
    /// 意见征集: where letters with comments go.
    pub comment_address: String,
    /// 意见征集: where e-mails with comments go.
    pub comment_email: String,
    /// 意见征集: comments may be sent without a name.
    pub anonymous_ok: bool,
    /// 意见征集: comments are shown one by one once staff publish them
    /// (otherwise only within the feedback report).
    pub comments_public: bool,
    /// 意见征集: the decision document adopted afterwards (信息编号).
    pub decision_doc: String,
    /// 意见征集: the feedback report, generated from the answers (never typed).
    pub feedback_md: String,
    /// 年度报告: the report's tables, entered figures and narrative as JSON
    /// (`reports::types::AnnualReport`), made on the report's own page
    /// (never typed here); the body is generated from it.
    pub report_json: String,
    /// What this save changed (修改说明).
    pub note: String,
}

/// Upper bounds, in characters.
pub const TITLE_MAX: usize = 200;
pub const SUMMARY_MAX: usize = 1_000;
pub const BODY_MAX: usize = 200_000;

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (
        s[..4].parse::<i32>(),
        s[5..7].parse::<u32>(),
        s[8..].parse::<u32>(),
    ) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2100).contains(&y) && (1..=days).contains(&d)
}

impl ArticleForm {
    /// A blank form for a new item of `kind`.
    pub fn new(kind: ContentKind, publisher: &str) -> Self {
        ArticleForm {
            kind: kind.slug().to_owned(),
            subtype: kind.default_subtype().to_owned(),
            publisher: publisher.to_owned(),
            // The first subject of a new portal; the editor offers the list.
            topic: "general".to_owned(),
            validity: Validity::Valid.slug().to_owned(),
            disclosure: Disclosure::Active.slug().to_owned(),
            ..ArticleForm::default()
        }
    }

    pub fn content_kind(&self) -> Option<ContentKind> {
        ContentKind::from_slug(&self.kind)
    }

    /// The ids in `explains`, or None if any is not a number.
    pub fn explained_ids(&self) -> Option<Vec<i64>> {
        self.explains
            .split(|c: char| c == ',' || c == '，' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(|s| s.parse::<i64>().ok().filter(|n| *n > 0))
            .collect()
    }

    /// Every problem with the entries, each with its field and a message in Chinese.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let mut err = |field: &str, message: &str| {
            errors.push(FieldError {
                field: field.to_owned(),
                message: message.to_owned(),
            })
        };
        // Whether the 子类别 and 主题分类 exist and are in use is checked on
        // saving (administrators keep those lists).
        if self.content_kind().is_none() {
            err("kind", "请选择信息类别");
        }
        let title = self.title.trim();
        if title.is_empty() {
            err("title", "请填写标题");
        } else if title.chars().count() > TITLE_MAX {
            err("title", &format!("标题不能超过{TITLE_MAX}个字"));
        }
        if self.summary.chars().count() > SUMMARY_MAX {
            err("summary", &format!("内容概述不能超过{SUMMARY_MAX}个字"));
        }
        if self.body_md.trim().is_empty() {
            err("body_md", "请填写正文");
        } else if self.body_md.chars().count() > BODY_MAX {
            err("body_md", &format!("正文不能超过{BODY_MAX}个字"));
        }
        if self.publisher.trim().is_empty() {
            err("publisher", "请填写发布机构");
        }
        if self.doc_no.chars().count() > 100 {
            err("doc_no", "发文字号不能超过100个字");
        }
        if !self.written_on.is_empty() && !is_date(&self.written_on) {
            err("written_on", "成文日期应为有效日期，格式如 2016-07-12");
        }
        // Whether the subject exists and is in use is checked on saving.
        if self.topic.trim().is_empty() {
            err("topic", "请选择主题分类");
        }
        if Validity::from_slug(&self.validity).is_none() {
            err("validity", "请选择有效性");
        }
        let disclosure = Disclosure::from_slug(&self.disclosure);
        match disclosure {
            None => err("disclosure", "请选择公开属性"),
            Some(Disclosure::Active) => {}
            Some(_) => {
                if self.withheld_reason.trim().is_empty() {
                    err(
                        "withheld_reason",
                        "依申请公开或不予公开的信息，请填写法律依据或理由",
                    );
                }
            }
        }
        if !self.replaced_by.trim().is_empty()
            && self
                .replaced_by
                .trim()
                .parse::<i64>()
                .map_or(true, |n| n <= 0)
        {
            err("replaced_by", "替代文件应填写信息编号（数字）");
        }
        if !self.concern_on.is_empty() && !is_date(&self.concern_on) {
            err("concern_on", "关切发生日期应为有效日期，格式如 2022-03-01");
        }
        if self.explained_ids().is_none() {
            err(
                "explains",
                "所解读的文件应填写信息编号，多个编号用逗号或空格分隔",
            );
        }
        if self.note.chars().count() > 500 {
            err("note", "修改说明不能超过500个字");
        }
        if self.content_kind() == Some(ContentKind::Consultation) {
            if self.closes_on.is_empty() {
                err("closes_on", "请填写征集截止日期");
            } else if !is_date(&self.closes_on) {
                err("closes_on", "征集截止日期应为有效日期，格式如 2026-12-31");
            }
            if self.short_reason.chars().count() > 500 {
                err("short_reason", "缩短征集期限的理由不能超过500个字");
            }
            if self.explanation_md.chars().count() > 50_000 {
                err("explanation_md", "起草说明不能超过50000个字");
            }
            if self.comment_address.chars().count() > 200 {
                err("comment_address", "通信地址不能超过200个字");
            }
            let email = self.comment_email.trim();
            if !email.is_empty() && !crate::ui::format::plausible_email(email) {
                err(
                    "comment_email",
                    "电子邮箱格式不正确，应如 yjzj@example.gov.cn",
                );
            }
            if !self.decision_doc.trim().is_empty()
                && self
                    .decision_doc
                    .trim()
                    .parse::<i64>()
                    .map_or(true, |n| n <= 0)
            {
                err("decision_doc", "最终决定文件应填写信息编号（数字）");
            }
        }
        errors
    }
}

/// One line of a staff list: an item with its open revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkItem {
    pub article_id: i64,
    pub revision_id: i64,
    pub title: String,
    pub kind: ContentKind,
    pub state: RevisionState,
    pub author_name: String,
    /// When the revision was last saved, in words.
    pub updated: String,
    pub note: String,
    /// For a scheduled revision: when it goes live.
    pub scheduled: Option<String>,
    /// The newest review's opinion (e.g. why it was returned).
    pub review_opinion: Option<String>,
}

/// An item made but not yet published, on the clock of 《政府信息公开条例》
/// 第二十六条: public within 20 working days of being made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationDue {
    pub article_id: i64,
    pub title: String,
    pub kind: ContentKind,
    /// 生成日期: the form's, or the day the draft was started.
    pub made_on: String,
    /// The last day to publish it (`YYYY-MM-DD`).
    pub due: String,
    /// Working days left until `due`; negative when overdue.
    pub days_left: i64,
    pub state: RevisionState,
}

/// A withheld or on-request item due for its periodic re-review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithheldItem {
    pub article_id: i64,
    pub title: String,
    pub disclosure: Disclosure,
    pub reason: String,
    pub next_review_on: String,
}

/// An attachment as the editor lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAttachment {
    pub info: crate::content::types::AttachmentInfo,
    /// Public now (false: added in a draft, public once published).
    pub live: bool,
    /// Marked for removal when the draft is published.
    pub removing: bool,
}

/// A review as staff read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRecord {
    pub reviewer_name: String,
    pub decision: String,
    pub opinion: String,
    pub disclosure: String,
    pub at: String,
}

impl ReviewRecord {
    pub fn decision_label(&self) -> &'static str {
        match self.decision.as_str() {
            "approved" => "同意发布",
            "returned" => "退回修改",
            "rereview_keep" => "评审：继续不予公开",
            "rereview_disclose" => "评审：转为主动公开",
            _ => "审核",
        }
    }
}

/// Everything the editor page needs about an existing item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorData {
    pub id: i64,
    pub form: ArticleForm,
    pub status: crate::content::types::PublicationStatus,
    pub pending_state: Option<RevisionState>,
    pub attachments: Vec<StaffAttachment>,
    /// The newest review of the open revision (e.g. why it was returned).
    pub last_review: Option<ReviewRecord>,
    /// What a Word import could not carry into the open revision.
    pub import_notes: Vec<String>,
}

/// One row of a side-by-side comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffRow {
    /// same, changed, added or removed.
    pub kind: String,
    pub before: String,
    pub after: String,
}

/// Two versions of an item compared: changed fields, then the body line by line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub before_label: String,
    pub after_label: String,
    /// (field name, before, after) of every metadata field that differs.
    pub fields: Vec<(String, String, String)>,
    pub body: Vec<DiffRow>,
}

/// What a reviewer sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewData {
    pub id: i64,
    pub revision_id: Option<i64>,
    pub form: ArticleForm,
    pub state: Option<RevisionState>,
    pub author_name: String,
    /// The signed-in reviewer wrote it (and so may not approve it).
    pub own_work: bool,
    pub status: crate::content::types::PublicationStatus,
    pub preview_html: String,
    /// Against the live version, when there is one.
    pub comparison: Option<Comparison>,
    pub attachments: Vec<StaffAttachment>,
    pub reviews: Vec<ReviewRecord>,
    pub scheduled: Option<String>,
    /// What a Word import could not carry into the revision under review.
    pub import_notes: Vec<String>,
}

/// A revision in an item's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionInfo {
    pub id: i64,
    pub author_name: String,
    pub state: RevisionState,
    pub note: String,
    pub saved: String,
}

/// An item's history, and the comparison asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryData {
    pub id: i64,
    pub title: String,
    pub revisions: Vec<RevisionInfo>,
    pub comparison: Option<Comparison>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> ArticleForm {
        ArticleForm {
            title: "标题".into(),
            body_md: "正文".into(),
            ..ArticleForm::new(ContentKind::Policy, "办公室")
        }
    }

    fn fields(f: &ArticleForm) -> Vec<String> {
        f.validate().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_complete_form_passes() {
        assert!(valid().validate().is_empty());
    }

    #[test]
    fn each_problem_names_its_field() {
        let f = ArticleForm {
            title: " ".into(),
            body_md: String::new(),
            ..valid()
        };
        assert_eq!(fields(&f), ["title", "body_md"]);
        let f = ArticleForm {
            written_on: "2016-02-30".into(),
            concern_on: "昨天".into(),
            ..valid()
        };
        assert_eq!(fields(&f), ["written_on", "concern_on"]);
        let f = ArticleForm {
            disclosure: "withheld".into(),
            ..valid()
        };
        assert_eq!(fields(&f), ["withheld_reason"]);
        // The 子类别 is checked against the bureau's list on saving.
        let f = ArticleForm {
            subtype: "graphic".into(),
            explains: "12, x".into(),
            ..valid()
        };
        assert_eq!(fields(&f), ["explains"]);
        let f = ArticleForm {
            kind: "poem".into(),
            ..valid()
        };
        assert_eq!(fields(&f), ["kind"]);
        let f = ArticleForm {
            title: "字".repeat(201),
            ..valid()
        };
        assert!(f.validate()[0].message.contains("200"));
    }

    #[test]
    fn explained_ids_accept_chinese_commas() {
        let f = ArticleForm {
            explains: "12，13 14".into(),
            ..valid()
        };
        assert_eq!(f.explained_ids(), Some(vec![12, 13, 14]));
    }

    #[test]
    fn dates_are_checked_for_real() {
        assert!(is_date("2016-02-29"));
        assert!(!is_date("2015-02-29"));
        assert!(!is_date("2016-13-01"));
        assert!(!is_date("2016-1-1"));
    }
}
