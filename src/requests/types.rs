//! Shared types of 依申请公开 (they compile for the browser too), and the
//! law's fixed lists: who may ask, how the information is delivered, and the
//! outcomes exactly as the annual report's table 三 counts them.

use serde::{Deserialize, Serialize};

/// Working days to reply (条例第三十三条).
pub const REPLY_DAYS: u32 = 20;
/// The longest extension, given once (条例第三十三条).
pub const MAX_EXTENSION_DAYS: u32 = 20;
/// Working days from receipt within which a correction may be asked, once
/// (条例第三十条).
pub const CORRECTION_ASK_DAYS: u32 = 7;
/// Working days a consulted third party has to answer (条例第三十二条).
pub const THIRD_PARTY_DAYS: u32 = 15;
/// Working days the applicant is given to correct, unless staff say otherwise.
pub const CORRECTION_DEFAULT_DAYS: u32 = 15;

/// Who asks: a natural person, or a legal person or other organisation
/// (the report's two column groups).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplicantKind {
    Person,
    Org,
}

impl ApplicantKind {
    pub const ALL: [ApplicantKind; 2] = [ApplicantKind::Person, ApplicantKind::Org];

    pub fn as_str(self) -> &'static str {
        match self {
            ApplicantKind::Person => "person",
            ApplicantKind::Org => "org",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ApplicantKind::Person => "自然人",
            ApplicantKind::Org => "法人或其他组织",
        }
    }
}

impl std::str::FromStr for ApplicantKind {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        ApplicantKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or(())
    }
}

/// The kinds of organisation the annual report counts.
pub const ORG_TYPES: [&str; 5] = [
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
];

/// How the applicant wants the information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delivery {
    Email,
    Post,
    Pickup,
    Online,
}

impl Delivery {
    pub const ALL: [Delivery; 4] = [
        Delivery::Online,
        Delivery::Email,
        Delivery::Post,
        Delivery::Pickup,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Email => "email",
            Delivery::Post => "post",
            Delivery::Pickup => "pickup",
            Delivery::Online => "online",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Delivery::Email => "电子邮件",
            Delivery::Post => "邮寄",
            Delivery::Pickup => "自行领取",
            Delivery::Online => "在线查看",
        }
    }
}

impl std::str::FromStr for Delivery {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Delivery::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or(())
    }
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Received and being handled (the clock runs, or is stopped).
    Handling,
    /// Waiting for the applicant's correction (补正): no reply clock.
    Correction,
    /// Answered: the reply letter is sent.
    Replied,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Handling => "handling",
            Status::Correction => "correction",
            Status::Replied => "replied",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Handling => "办理中",
            Status::Correction => "待补正",
            Status::Replied => "已答复",
        }
    }
}

impl std::str::FromStr for Status {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        [Status::Handling, Status::Correction, Status::Replied]
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or(())
    }
}

/// Why the clock stops (the time is not counted, 条例第三十二条、第三十四条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StopKind {
    ThirdParty,
    Agency,
}

impl StopKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StopKind::ThirdParty => "third_party",
            StopKind::Agency => "agency",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StopKind::ThirdParty => "征求第三方意见",
            StopKind::Agency => "征求其他机关意见",
        }
    }

    pub fn from_slug(s: &str) -> Option<StopKind> {
        [StopKind::ThirdParty, StopKind::Agency]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// What an outcome requires besides its explanation (说明), which every
/// outcome requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Stored slug, as `deny-4`.
    pub slug: &'static str,
    /// 予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理.
    pub group: &'static str,
    /// The sub-item (empty for 予以公开 and 部分公开).
    pub item: &'static str,
    /// The legal basis offered for the letter.
    pub basis: &'static str,
    /// A refusal names its legal basis.
    pub needs_basis: bool,
    /// Information is provided (予以公开, 部分公开): files may be attached.
    pub provides: bool,
    /// 本机关不掌握: the agency that holds it, when known.
    pub names_agency: bool,
}

const fn o(
    slug: &'static str,
    group: &'static str,
    item: &'static str,
    basis: &'static str,
) -> Outcome {
    Outcome {
        slug,
        group,
        item,
        basis,
        needs_basis: true,
        provides: false,
        names_agency: false,
    }
}

/// Every outcome, in the order of the annual report's table 三.
pub const OUTCOMES: &[Outcome] = &[
    Outcome {
        needs_basis: false,
        provides: true,
        ..o(
            "open",
            "予以公开",
            "",
            "《中华人民共和国政府信息公开条例》第三十六条第（一）、（二）项",
        )
    },
    Outcome {
        provides: true,
        ..o(
            "partial",
            "部分公开",
            "",
            "《中华人民共和国政府信息公开条例》第三十七条",
        )
    },
    o(
        "deny-1",
        "不予公开",
        "属于国家秘密",
        "《中华人民共和国政府信息公开条例》第十四条",
    ),
    o(
        "deny-2",
        "不予公开",
        "其他法律行政法规禁止公开",
        "《中华人民共和国政府信息公开条例》第十四条",
    ),
    o(
        "deny-3",
        "不予公开",
        "危及“三安全一稳定”",
        "《中华人民共和国政府信息公开条例》第十四条",
    ),
    o(
        "deny-4",
        "不予公开",
        "保护第三方合法权益",
        "《中华人民共和国政府信息公开条例》第十五条",
    ),
    o(
        "deny-5",
        "不予公开",
        "属于三类内部事务信息",
        "《中华人民共和国政府信息公开条例》第十六条第一款",
    ),
    o(
        "deny-6",
        "不予公开",
        "属于四类过程性信息",
        "《中华人民共和国政府信息公开条例》第十六条第二款",
    ),
    o(
        "deny-7",
        "不予公开",
        "属于行政执法案卷",
        "《中华人民共和国政府信息公开条例》第十六条第二款",
    ),
    o(
        "deny-8",
        "不予公开",
        "属于行政查询事项",
        "《中华人民共和国政府信息公开条例》第三十六条第（七）项",
    ),
    Outcome {
        names_agency: true,
        ..o(
            "unable-1",
            "无法提供",
            "本机关不掌握相关政府信息",
            "《中华人民共和国政府信息公开条例》第三十六条第（四）、（五）项",
        )
    },
    o(
        "unable-2",
        "无法提供",
        "没有现成信息需要另行制作",
        "《中华人民共和国政府信息公开条例》第三十八条",
    ),
    o(
        "unable-3",
        "无法提供",
        "补正后申请内容仍不明确",
        "《中华人民共和国政府信息公开条例》第三十条",
    ),
    o(
        "ignore-1",
        "不予处理",
        "信访举报投诉类申请",
        "《中华人民共和国政府信息公开条例》第三十九条第一款",
    ),
    o(
        "ignore-2",
        "不予处理",
        "重复申请",
        "《中华人民共和国政府信息公开条例》第三十六条第（六）项",
    ),
    o(
        "ignore-3",
        "不予处理",
        "要求提供公开出版物",
        "《中华人民共和国政府信息公开条例》第三十九条第二款",
    ),
    o(
        "ignore-4",
        "不予处理",
        "无正当理由大量反复申请",
        "《中华人民共和国政府信息公开条例》第三十五条",
    ),
    o(
        "ignore-5",
        "不予处理",
        "要求行政机关确认或重新出具已获取信息",
        "《中华人民共和国政府信息公开条例》第三十九条",
    ),
    Outcome {
        needs_basis: false,
        ..o(
            "other-1",
            "其他处理",
            "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "《中华人民共和国政府信息公开条例》第三十条",
        )
    },
    Outcome {
        needs_basis: false,
        ..o(
            "other-2",
            "其他处理",
            "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "《中华人民共和国政府信息公开条例》第四十二条",
        )
    },
    Outcome {
        needs_basis: false,
        ..o("other-3", "其他处理", "其他", "")
    },
];

impl Outcome {
    pub fn by_slug(slug: &str) -> Option<&'static Outcome> {
        OUTCOMES.iter().find(|o| o.slug == slug)
    }

    /// 不予公开：4.保护第三方合法权益 — as staff pick it and the applicant reads it.
    pub fn label(&self) -> String {
        if self.item.is_empty() {
            return self.group.to_owned();
        }
        let n = self.slug.rsplit('-').next().unwrap_or("");
        format!("{}：{n}.{}", self.group, self.item)
    }
}

/// How the 信息处理费 is reckoned (国办函〔2020〕109号): never both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeeMethod {
    None,
    /// 按件计收: by the applicant's requests in the natural month.
    ByCount,
    /// 按量计收: by the pages of this request.
    ByPages,
}

impl FeeMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            FeeMethod::None => "",
            FeeMethod::ByCount => "count",
            FeeMethod::ByPages => "pages",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FeeMethod::None => "不收费",
            FeeMethod::ByCount => "按件计收",
            FeeMethod::ByPages => "按量计收",
        }
    }

    pub fn from_slug(s: &str) -> Option<FeeMethod> {
        [FeeMethod::None, FeeMethod::ByCount, FeeMethod::ByPages]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// 行政复议 or 行政诉讼 over a request (the report's table 四 columns).
pub const APPEAL_KINDS: [(&str, &str); 3] = [
    ("review", "行政复议"),
    ("suit", "未经复议直接起诉"),
    ("suit_after_review", "复议后起诉"),
];

/// Their results.
pub const APPEAL_RESULTS: [(&str, &str); 4] = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
];

/// The label of `slug` in one of the lists above.
pub fn label_of(list: &[(&'static str, &'static str)], slug: &str) -> &'static str {
    list.iter()
        .find(|(s, _)| *s == slug)
        .map_or("", |(_, l)| *l)
}

/// A request in a queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestSummary {
    pub number: String,
    pub applicant_kind: ApplicantKind,
    pub name: String,
    pub description: String,
    pub status: Status,
    pub received_on: String,
    /// The reply's last day and working days left (negative: overdue),
    /// while the clock runs.
    pub due_on: Option<String>,
    pub days_left: Option<i64>,
    /// Why the clock is stopped, when it is.
    pub stopped: Option<String>,
    pub outcome: Option<String>,
}

/// One step, with the notice the applicant was sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestEvent {
    pub on_date: String,
    pub action: String,
    pub actor: String,
    pub note: String,
    pub notice: String,
}

/// A file kept with a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestFile {
    pub id: i64,
    pub file_name: String,
    pub size: i64,
}

/// A 行政复议 or 行政诉讼 recorded on a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appeal {
    pub id: i64,
    pub kind: String,
    pub filed_on: String,
    pub result: String,
    pub note: String,
}

/// A request as its applicant sees it (by 申请编号 and 查询码) — never the
/// identity number or contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    pub summary: RequestSummary,
    pub org_type: String,
    pub doc_ref: String,
    pub purpose: String,
    pub delivery: Delivery,
    /// The day the reply clock runs from (receipt or correction).
    pub clock_from: String,
    /// The clock's working in words.
    pub working: Option<String>,
    pub extension_days: u32,
    /// What to correct, and by when (while waiting for it).
    pub correction: String,
    pub correction_due_on: Option<String>,
    pub supplement: String,
    pub letter: String,
    pub replied_on: Option<String>,
    pub fee_yuan: i64,
    /// Files delivered with the reply.
    pub files: Vec<RequestFile>,
    pub events: Vec<RequestEvent>,
    /// The notices sent to the applicant by SMS or e-mail.
    #[serde(default)]
    pub notices: Vec<crate::notify::types::SentNotice>,
}

/// A request as its handler sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRequest {
    pub view: RequestView,
    pub id_number: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    /// The identity proof.
    pub proof: Vec<RequestFile>,
    pub appeals: Vec<Appeal>,
    /// The last day a correction may still be asked, while it may.
    pub correction_by: Option<String>,
    /// What may be done now: `correct`, `corrected`, `extend`, `stop`,
    /// `resume`, `reply`.
    pub actions: Vec<String>,
    pub replied_by: String,
    pub outcome_slug: String,
    /// The catalogue item made from the released information.
    pub article_id: Option<i64>,
    /// The viewer may turn the released information into a catalogue item
    /// (an editor, on a reply that provided information, not yet turned).
    pub can_publish: bool,
}
