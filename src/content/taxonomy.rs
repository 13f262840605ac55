//! The catalogue's vocabularies (信息公开目录, 《政府信息公开条例》第十二条):
//! kinds, validity (有效性) and the disclosure attribute (五公开属性), which
//! the law fixes and the code acts on; and the kinds' sub-kinds (子类别) and
//! subjects (主题分类), which each bureau keeps as data ([`Terms`]). Stable
//! slugs are stored; labels are what citizens read. Shared with the browser.

use serde::{Deserialize, Serialize};

pub use super::types::ContentKind;

impl ContentKind {
    /// The 子类别 an item of this kind loaded from elsewhere (the demo, an
    /// import) is filed under unless it says otherwise: the first of the
    /// list a new portal starts with. Staff keep the live lists ([`Terms`]).
    pub fn default_subtype(self) -> &'static str {
        match self {
            ContentKind::Policy => "normative",
            ContentKind::Interpretation => "text",
            ContentKind::Release => "statement",
            ContentKind::Organisation => "functions",
            ContentKind::Plan => "annual",
            ContentKind::Statistics => "tables",
            ContentKind::Emergency => "plan",
            ContentKind::Personnel => "appointment",
            ContentKind::Proposal => "npc",
            _ => "",
        }
    }

    /// Whether items of this kind are documents with a 发文字号 and validity.
    pub fn is_document(self) -> bool {
        self == ContentKind::Policy
    }

    /// What the catalogue says a kind holds.
    pub fn description(self) -> &'static str {
        match self {
            ContentKind::News => "本机关及系统的工作开展情况。",
            ContentKind::Notice => "面向社会和行业发布的通知、公告、公示。",
            ContentKind::Policy => "本机关制发的规范性文件和其他政策文件，标注有效性。",
            ContentKind::Interpretation => {
                "对政策文件的文字解读、图解、专家解读、发布会和在线访谈。"
            }
            ContentKind::Release => "新闻稿、新闻发布会和在线访谈。",
            ContentKind::Response => "对社会关切和热点问题的回应，标明回应用时。",
            ContentKind::Organisation => {
                "机构职能、内设机构、领导信息、直属单位，以及办公地址、办公时间和联系电话。"
            }
            ContentKind::Plan => "发展规划、年度工作计划，及其执行情况和工作总结。",
            ContentKind::Statistics => "统计公报和统计数据表，可在手机上查看，也可下载 CSV 文件。",
            ContentKind::Emergency => "突发事件应急预案、预警信息和应对处置情况。",
            ContentKind::Personnel => "公务员考试录用的公告和结果，以及人事任免。",
            ContentKind::Proposal => "人大代表建议和政协委员提案的办理结果，按年度统计。",
            ContentKind::Consultation => "重大决策草案公开征求意见，及意见采纳情况的反馈。",
            ContentKind::AnnualReport => {
                "本机关每年1月31日前公布的上一年度政府信息公开工作年度报告。"
            }
        }
    }
}

/// One entry of a catalogue vocabulary: a 主题分类 or a kind's 子类别,
/// from the lists administrators keep at `/staff/catalogue` (table
/// `catalogue_terms`). Items store the slug; a retired term is no longer
/// offered but keeps its name on the items filed under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// Stable, in addresses (`?topic=film`, `?sub=normative`) and on items.
    pub slug: String,
    /// What citizens read, e.g. 电影.
    pub label: String,
    pub retired: bool,
}

/// Which vocabulary: the 主题分类, or one kind's 子类别.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermList {
    Subject,
    Subtype(ContentKind),
}

impl TermList {
    /// Every list, in the order the staff page shows them.
    pub fn all() -> impl Iterator<Item = TermList> {
        std::iter::once(TermList::Subject)
            .chain(ContentKind::ALL.into_iter().map(TermList::Subtype))
    }

    /// As stored (`catalogue_terms.list`) and posted.
    pub fn key(self) -> &'static str {
        match self {
            TermList::Subject => "subject",
            TermList::Subtype(kind) => kind.slug(),
        }
    }

    pub fn from_key(key: &str) -> Option<TermList> {
        TermList::all().find(|l| l.key() == key)
    }

    /// Its name, e.g. 主题分类 or 政策文件的子类别.
    pub fn label(self) -> String {
        match self {
            TermList::Subject => "主题分类".to_owned(),
            TermList::Subtype(kind) => format!("{}的子类别", kind.label()),
        }
    }
}

/// Every catalogue vocabulary, as last read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    /// (list key, its terms in order)
    pub lists: Vec<(String, Vec<Term>)>,
}

impl Terms {
    /// One list's terms in order, retired ones included.
    pub fn of(&self, list: TermList) -> &[Term] {
        self.lists
            .iter()
            .find(|(k, _)| k == list.key())
            .map(|(_, terms)| terms.as_slice())
            .unwrap_or_default()
    }

    /// The name of term `slug` in `list`.
    pub fn label(&self, list: TermList, slug: &str) -> Option<&str> {
        self.of(list)
            .iter()
            .find(|t| t.slug == slug)
            .map(|t| t.label.as_str())
    }

    /// The choices a form offers, as (slug, label): the terms in use, and
    /// `current` if it has been retired since (an item may stay where it is filed).
    pub fn offered(&self, list: TermList, current: &str) -> Vec<(String, String)> {
        self.of(list)
            .iter()
            .filter(|t| !t.retired || t.slug == current)
            .map(|t| (t.slug.clone(), t.label.clone()))
            .collect()
    }

    /// Whether `kind` is divided into 子类别 now (some in use).
    pub fn has_subtypes(&self, kind: ContentKind) -> bool {
        self.of(TermList::Subtype(kind)).iter().any(|t| !t.retired)
    }
}

/// Longest term name, in characters.
pub const TERM_LABEL_MAX: usize = 12;

/// Why `slug` cannot name a term, if it cannot: lower-case letters,
/// digits and `_`, starting with a letter, 2 to 30 long.
pub fn term_slug_problem(slug: &str) -> Option<&'static str> {
    let ok = (2..=30).contains(&slug.len())
        && slug.starts_with(|c: char| c.is_ascii_lowercase())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    (!ok).then_some("网址标识用小写字母、数字和下划线，以字母开头，2到30位，如 film")
}

/// 有效性 of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Validity {
    Valid,
    Amended,
    Repealed,
    Expired,
}

impl Validity {
    pub const ALL: [Validity; 4] = [
        Validity::Valid,
        Validity::Amended,
        Validity::Repealed,
        Validity::Expired,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Validity::Valid => "valid",
            Validity::Amended => "amended",
            Validity::Repealed => "repealed",
            Validity::Expired => "expired",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Validity::Valid => "有效",
            Validity::Amended => "已修改",
            Validity::Repealed => "已废止",
            Validity::Expired => "已失效",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Validity> {
        Validity::ALL.into_iter().find(|v| v.slug() == slug)
    }
}

/// 五公开属性: whether and how a piece of information is disclosed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disclosure {
    /// 主动公开: published on the portal.
    Active,
    /// 依申请公开: given to whoever applies for it, not published.
    OnRequest,
    /// 不予公开: withheld, with the legal reason.
    Withheld,
}

impl Disclosure {
    pub const ALL: [Disclosure; 3] = [
        Disclosure::Active,
        Disclosure::OnRequest,
        Disclosure::Withheld,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Disclosure::Active => "active",
            Disclosure::OnRequest => "on_request",
            Disclosure::Withheld => "withheld",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Disclosure::Active => "主动公开",
            Disclosure::OnRequest => "依申请公开",
            Disclosure::Withheld => "不予公开",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Disclosure> {
        Disclosure::ALL.into_iter().find(|d| d.slug() == slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_round_trip() {
        for v in Validity::ALL {
            assert_eq!(Validity::from_slug(v.slug()), Some(v));
        }
        for d in Disclosure::ALL {
            assert_eq!(Disclosure::from_slug(d.slug()), Some(d));
        }
        for list in TermList::all() {
            assert_eq!(TermList::from_key(list.key()), Some(list));
        }
        assert_eq!(TermList::from_key("poem"), None);
    }

    #[test]
    fn term_slugs_are_short_lower_case_words() {
        for good in ["film", "online_av", "t9"] {
            assert_eq!(term_slug_problem(good), None, "{good}");
        }
        for bad in [
            "",
            "f",
            "Film",
            "9film",
            "电影",
            "film-tv",
            "a b",
            &"x".repeat(31),
        ] {
            assert!(term_slug_problem(bad).is_some(), "{bad}");
        }
    }
}
