//! Shared service-hall types (they compile for the browser too).

use serde::{Deserialize, Serialize};

/// Who a service is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Person,
    Org,
    Both,
}

impl Audience {
    pub fn slug(self) -> &'static str {
        match self {
            Audience::Person => "person",
            Audience::Org => "org",
            Audience::Both => "both",
        }
    }

    pub fn from_slug(s: &str) -> Option<Audience> {
        match s {
            "person" => Some(Audience::Person),
            "org" => Some(Audience::Org),
            "both" => Some(Audience::Both),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Audience::Person => "个人",
            Audience::Org => "法人",
            Audience::Both => "个人和法人",
        }
    }

    /// Whether a service for `self` serves someone who is `who`.
    pub fn serves(self, who: Audience) -> bool {
        self == Audience::Both || who == Audience::Both || self == who
    }
}

/// The themes the hall is browsed by, in order.
pub const THEMES: &[&str] = &["出版", "印刷", "发行", "广播电视", "电影", "版权"];

/// One material an applicant hands in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    pub name: String,
    /// 原件 / 复印件 / 原件及复印件 / 电子文件.
    pub form: String,
    pub copies: u32,
    pub required: bool,
    /// Where it comes from, what it must show.
    #[serde(default)]
    pub note: String,
    /// The application form's file field that takes it, if it is uploaded.
    #[serde(default)]
    pub field: Option<String>,
}

/// One step of the handling flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub name: String,
    /// Who acts.
    pub actor: String,
    /// What the step needs or produces.
    #[serde(default)]
    pub needs: String,
    /// Working days the step may take (0: on the spot).
    pub days: u32,
    /// A way out of the flow at this step, e.g. 材料不齐：一次性告知补正.
    #[serde(default)]
    pub branch: Option<String>,
}

/// The kinds of field an application form has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    Text,
    Number,
    Date,
    Choice,
    File,
}

impl FieldKind {
    pub fn label(self) -> &'static str {
        match self {
            FieldKind::Text => "文字",
            FieldKind::Number => "数字",
            FieldKind::Date => "日期",
            FieldKind::Choice => "选择",
            FieldKind::File => "文件",
        }
    }
}

/// One field of a service's application form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormField {
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    pub required: bool,
    /// A regular expression the whole value must match (text fields).
    #[serde(default)]
    pub pattern: Option<String>,
    /// What the pattern asks for, in words, for the error message.
    #[serde(default)]
    pub pattern_hint: Option<String>,
    /// A check beyond the pattern: `credit_code` (GB 32100 check digit).
    #[serde(default)]
    pub check: Option<String>,
    /// The choices of a choice field.
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub hint: String,
    /// The step of the form it is asked in (forms are split into steps on phones).
    #[serde(default)]
    pub step: String,
    /// An example answer, printed on the sample form.
    #[serde(default)]
    pub example: String,
}

/// A service with its whole guide (办事指南).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub code: String,
    pub name: String,
    /// 行政许可 / 公共服务 / 其他行政权力 …
    pub kind: String,
    pub theme: String,
    pub audience: Audience,
    pub legal_basis: String,
    /// The implementing body (实施机关).
    pub body: String,
    pub conditions: Vec<String>,
    pub materials: Vec<Material>,
    pub steps: Vec<Step>,
    pub fields: Vec<FormField>,
    pub legal_days: u32,
    pub promised_days: u32,
    pub fees: String,
    pub place: String,
    pub hours: String,
    pub enquiry_phone: String,
    pub complaint_phone: String,
    /// 跑动次数: times the applicant must come in person.
    pub visits: u32,
    pub online: bool,
}

/// Where a service stands in the hall: written but never approved (not
/// public), in the hall, or retired (gone from the hall; its cases are
/// still handled and tracked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ServiceStatus {
    Draft,
    Published,
    Retired,
}

impl ServiceStatus {
    pub const ALL: [ServiceStatus; 3] = [
        ServiceStatus::Draft,
        ServiceStatus::Published,
        ServiceStatus::Retired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ServiceStatus::Draft => "draft",
            ServiceStatus::Published => "published",
            ServiceStatus::Retired => "retired",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ServiceStatus::Draft => "未发布",
            ServiceStatus::Published => "办理中",
            ServiceStatus::Retired => "已停办",
        }
    }
}

impl std::str::FromStr for ServiceStatus {
    type Err = crate::error::UnknownValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ServiceStatus::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| crate::error::UnknownValue {
                kind: "service status",
                value: s.to_owned(),
            })
    }
}

/// A service as 事项管理 lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceAdminRow {
    pub code: String,
    /// The public name, or the name waiting for review of a new service.
    pub name: String,
    pub kind: String,
    pub status: ServiceStatus,
    /// A change waits for review.
    pub pending: bool,
    /// A change was returned by a reviewer.
    pub returned: bool,
    pub promised_days: u32,
}

/// A service as the catalogue lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceSummary {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub theme: String,
    pub audience: Audience,
    pub promised_days: u32,
    pub legal_days: u32,
    pub visits: u32,
    pub online: bool,
}

/// The catalogue's filters, as the URL carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceFilter {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub theme: String,
    /// `person` or `org`; empty for everyone.
    #[serde(default)]
    pub audience: String,
}

/// A catalogue page: the services that pass the filter, and the counts per theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    pub services: Vec<ServiceSummary>,
    pub themes: Vec<(String, usize)>,
    pub total: usize,
}

/// A guide as its page shows it: the service, and when a case begun today
/// would be due at the latest, reckoned by the statutory clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceGuide {
    pub service: Service,
    /// e.g. 自2026年11月27日起计算10个工作日（起算当日不计入），至2026年12月11日止。…
    pub due_if_today: Option<String>,
    /// 办件量, 按时办结率, 满意度 of this service.
    pub figures: Figures,
    /// Published questions staff listed as this service's FAQ.
    pub faq: Vec<crate::consult::types::PublicQa>,
}

/// An uploaded material, as the applicant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadedFile {
    pub field: String,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
}

/// An application as its private link shows it: a draft being filled in,
/// or, once submitted, its receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationPage {
    pub service: Service,
    pub token: String,
    pub status: CaseStatus,
    pub answers: std::collections::BTreeMap<String, String>,
    pub files: Vec<UploadedFile>,
    pub number: Option<String>,
    pub query_code: Option<String>,
    /// 2026-11-27 14:03 (Beijing time).
    pub submitted: Option<String>,
    /// When the promised limit runs out, with the clock's working.
    pub due: Option<String>,
    /// What to correct, while the case waits for it.
    pub correction: String,
}

/// One entry of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    pub on_date: String,
    pub action: String,
    pub actor: String,
    pub note: String,
}

/// What /track shows for a 受理编号 and its 查询码.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracking {
    pub number: String,
    pub service_code: String,
    pub service_name: String,
    pub status: CaseStatus,
    pub events: Vec<CaseEvent>,
    /// The last day of the promised limit (YYYY-MM-DD), once the clock runs.
    pub due_on: Option<String>,
    /// Working days left (negative: overdue).
    pub days_left: Option<i64>,
    pub working: Option<String>,
    /// What to correct, while the case waits for it.
    pub correction: String,
    /// The applicant's rating, once given.
    pub rating: Option<Rating>,
    /// Whether the case has ended and may be rated now.
    pub can_rate: bool,
    /// The licence register row a grant wrote (the result, in public).
    pub licence_row: Option<i64>,
    /// The notices the applicant was sent (addresses masked).
    pub notices: Vec<crate::notify::types::SentNotice>,
}

/// Where an application stands: a draft until submitted, then a case that
/// is accepted (or rejected, or sent back for correction), decided, closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Draft,
    Submitted,
    Accepted,
    Correction,
    Rejected,
    Reviewing,
    Granted,
    Refused,
    Done,
}

impl CaseStatus {
    /// The statuses a handler can list cases by, in the order of the work.
    pub const QUEUE: [CaseStatus; 7] = [
        CaseStatus::Submitted,
        CaseStatus::Correction,
        CaseStatus::Accepted,
        CaseStatus::Granted,
        CaseStatus::Refused,
        CaseStatus::Rejected,
        CaseStatus::Done,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Draft => "draft",
            CaseStatus::Submitted => "submitted",
            CaseStatus::Accepted => "accepted",
            CaseStatus::Correction => "correction",
            CaseStatus::Rejected => "rejected",
            CaseStatus::Reviewing => "reviewing",
            CaseStatus::Granted => "granted",
            CaseStatus::Refused => "refused",
            CaseStatus::Done => "done",
        }
    }

    /// How the status reads.
    pub fn label(self) -> &'static str {
        match self {
            CaseStatus::Draft => "草稿（未提交）",
            CaseStatus::Submitted => "已提交，待受理",
            CaseStatus::Accepted => "已受理",
            CaseStatus::Correction => "待补正",
            CaseStatus::Rejected => "不予受理",
            CaseStatus::Reviewing => "审查中",
            CaseStatus::Granted => "准予许可",
            CaseStatus::Refused => "不予许可",
            CaseStatus::Done => "已办结",
        }
    }

    /// The applicant may still change the answers (a draft, or a case sent
    /// back for correction).
    pub fn editable(self) -> bool {
        matches!(self, CaseStatus::Draft | CaseStatus::Correction)
    }

    /// The case has ended (closed, or not accepted): it may be rated.
    pub fn ended(self) -> bool {
        matches!(self, CaseStatus::Done | CaseStatus::Rejected)
    }

    /// The promised time still runs (nothing final decided yet).
    pub fn running(self) -> bool {
        !matches!(
            self,
            CaseStatus::Rejected | CaseStatus::Refused | CaseStatus::Done
        )
    }
}

impl std::str::FromStr for CaseStatus {
    type Err = crate::error::UnknownValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [CaseStatus::Draft, CaseStatus::Reviewing]
            .into_iter()
            .chain(CaseStatus::QUEUE)
            .find(|c| c.as_str() == s)
            .ok_or_else(|| crate::error::UnknownValue {
                kind: "case status",
                value: s.to_owned(),
            })
    }
}

#[cfg(feature = "ssr")]
crate::text_column!(CaseStatus);

#[cfg(feature = "ssr")]
crate::text_column!(ServiceStatus);

/// A case in the handlers' queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub number: String,
    pub service_name: String,
    pub applicant: String,
    pub status: CaseStatus,
    pub submitted_on: String,
    pub due_on: Option<String>,
    /// Working days left (negative: overdue); None when closed or paused.
    pub days_left: Option<i64>,
    pub paused: bool,
}

/// A case as its handler sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub summary: CaseSummary,
    pub service: Service,
    pub answers: std::collections::BTreeMap<String, String>,
    pub files: Vec<UploadedFile>,
    pub events: Vec<CaseEvent>,
    /// (slug, label) of what can be done now.
    pub actions: Vec<(String, String)>,
    pub licence_row: Option<i64>,
    pub rating: Option<Rating>,
    /// The notices the applicant was sent, with when (a 补正 notice's date
    /// is when the correction was told).
    pub notices: Vec<crate::notify::types::SentNotice>,
}

/// The 好差评 grades, best first, as the applicant picks them.
pub const GRADES: [(u8, &str); 5] = [
    (5, "非常满意"),
    (4, "满意"),
    (3, "基本满意"),
    (2, "不满意"),
    (1, "非常不满意"),
];

/// How a grade reads (1–5).
pub fn grade_label(score: u8) -> &'static str {
    GRADES
        .iter()
        .find(|(s, _)| *s == score)
        .map_or("—", |(_, l)| *l)
}

/// An applicant's rating of a finished case, with the follow-up a poor one
/// (2 or less) needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub score: u8,
    pub comment: String,
    pub rated_on: String,
    /// The last day for the follow-up (poor ratings only).
    pub follow_up_due: Option<String>,
    /// Working days left for it (negative: overdue), while unanswered.
    pub follow_up_days_left: Option<i64>,
    pub follow_up: String,
    pub followed_on: Option<String>,
}

/// A case's figures for electronic supervision (电子监察), for one service
/// or all together.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub code: String,
    pub name: String,
    /// 办件量: every submitted case.
    pub total: u32,
    /// Still being handled.
    pub open: u32,
    /// Ended (办结 or 不予受理).
    pub finished: u32,
    /// Ended on or before the promised day.
    pub on_time: u32,
    /// Average working days from submission to the end, pauses left out.
    pub average_days: Option<f64>,
    /// Open, at most 2 working days left.
    pub yellow: u32,
    /// Open and overdue.
    pub red: u32,
    pub ratings: u32,
    /// Rated 基本满意 or better.
    pub satisfied: u32,
    pub average_score: Option<f64>,
    /// Poor ratings still waiting for their follow-up, and those overdue.
    pub follow_ups_open: u32,
    pub follow_ups_overdue: u32,
}

/// `part` of `whole` as a percentage to one decimal, or — when there is
/// nothing to count.
pub fn percent(part: u32, whole: u32) -> String {
    if whole == 0 {
        "—".to_owned()
    } else {
        format!("{:.1}%", f64::from(part) * 100.0 / f64::from(whole))
    }
}

/// A poor rating's follow-up, as the supervision page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub number: String,
    pub service_name: String,
    pub score: u8,
    pub comment: String,
    pub rated_on: String,
    pub due_on: Option<String>,
    pub days_left: Option<i64>,
    pub followed_on: Option<String>,
}

/// The supervision page: every service's figures, the total, and the
/// follow-ups of poor ratings (open ones first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Supervision {
    pub services: Vec<Figures>,
    pub overall: Figures,
    pub follow_ups: Vec<FollowUp>,
}

/// How a step's time limit reads.
pub fn days_text(days: u32) -> String {
    if days == 0 {
        "即时办理".to_owned()
    } else {
        format!("{days} 个工作日")
    }
}

#[cfg(test)]
mod tests {
    use super::CaseStatus;

    #[test]
    fn case_statuses_read_back_what_they_write() {
        for s in [CaseStatus::Draft, CaseStatus::Reviewing]
            .into_iter()
            .chain(CaseStatus::QUEUE)
        {
            assert_eq!(s.as_str().parse::<CaseStatus>(), Ok(s));
            assert!(!s.label().is_empty());
        }
        assert!("finished".parse::<CaseStatus>().is_err());
        assert!(CaseStatus::Correction.editable() && !CaseStatus::Submitted.editable());
        assert!(CaseStatus::Rejected.ended() && !CaseStatus::Refused.ended());
        assert!(!CaseStatus::Refused.running() && CaseStatus::Accepted.running());
    }
}

/// The handlers' queue filter, as `/staff/cases` carries it in its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFilter {
    /// A [`CaseStatus`] name; empty for all.
    #[serde(default)]
    pub status: String,
    /// A service code; empty for all.
    #[serde(default)]
    pub service: String,
    /// `red` (overdue), `yellow` (at most 2 working days left), `green`,
    /// `paused` (补正中); empty for all.
    #[serde(default)]
    pub light: String,
    /// Submitted on or after (YYYY-MM-DD); empty for no bound.
    #[serde(default)]
    pub from: String,
    /// Submitted on or before (YYYY-MM-DD).
    #[serde(default)]
    pub to: String,
    /// From 1.
    #[serde(default)]
    pub page: u32,
}

/// A page of the handlers' queue, with what the whole filter holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasePage {
    pub cases: Vec<CaseSummary>,
    pub total: i64,
    pub red: i64,
    pub yellow: i64,
    pub page: u32,
    pub pages: u32,
    /// The services to filter by: (code, name).
    pub services: Vec<(String, String)>,
}
