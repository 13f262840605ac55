//! Shared consultation types (they compile for the browser too).

use serde::{Deserialize, Serialize};

/// Working days staff have to answer a question.
pub const ANSWER_DAYS: u32 = 5;

/// A published question and its answer, as anyone may read it: never the
/// asker's name or contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicQa {
    pub number: String,
    pub service_code: String,
    pub service_name: String,
    pub topic: String,
    pub question: String,
    /// 受理日期 (YYYY-MM-DD).
    pub asked_on: String,
    /// 答复日期.
    pub answered_on: String,
    /// 答复部门.
    pub department: String,
    /// 答复内容.
    pub answer: String,
}

/// The public Q&A list's filter, as the URL carries it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QaFilter {
    /// Words in the topic, question or answer.
    #[serde(default)]
    pub q: String,
    /// One service's questions.
    #[serde(default)]
    pub service: String,
    #[serde(default)]
    pub page: u32,
}

/// A page of public Q&A.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QaPage {
    pub items: Vec<PublicQa>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    /// (code, name) of every service, for the filter.
    pub services: Vec<(String, String)>,
}

/// A question as its asker sees it (by 咨询编号 and 查询码), or as staff see
/// it in their queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consultation {
    pub number: String,
    pub service_code: String,
    pub service_name: String,
    pub topic: String,
    pub question: String,
    pub asked_on: String,
    /// The last day to answer, and working days left (negative: overdue)
    /// while unanswered.
    pub due_on: Option<String>,
    pub days_left: Option<i64>,
    pub answer: String,
    pub department: String,
    pub answered_on: Option<String>,
    pub allow_public: bool,
    pub public: bool,
    pub faq: bool,
    /// The notices the asker was sent (filled in for the asker's lookup).
    #[serde(default)]
    pub notices: Vec<crate::notify::types::SentNotice>,
}

/// A question as its handler sees it: with the asker's name and contact,
/// which only staff ever see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffConsultation {
    pub consultation: Consultation,
    pub asker: String,
    pub contact: String,
    pub answered_by: String,
    /// The topic and question as the public would see them: masked (ID,
    /// mobile and bank card numbers, the asker's name); before the answer,
    /// the suggestion the handler may edit.
    pub public_topic: String,
    pub public_question: String,
}

/// The handlers' question queue filter, as `/staff/consult` carries it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultFilter {
    /// `1`: answered questions too.
    #[serde(default)]
    pub all: String,
    /// A service code, `none` for questions about no service; empty for all.
    #[serde(default)]
    pub service: String,
    /// `red`, `yellow` or `green`; empty for all.
    #[serde(default)]
    pub light: String,
    /// Asked on or after (YYYY-MM-DD).
    #[serde(default)]
    pub from: String,
    /// Asked on or before.
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub page: u32,
}

/// A page of the question queue, with what the whole filter holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultPage {
    pub items: Vec<StaffConsultation>,
    pub total: i64,
    /// Of those, not yet answered; overdue; at most 2 working days left.
    pub open: i64,
    pub red: i64,
    pub yellow: i64,
    pub page: u32,
    pub pages: u32,
    pub services: Vec<(String, String)>,
}
