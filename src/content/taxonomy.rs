//! The catalogue's vocabularies (信息公开目录, 《政府信息公开条例》第十二条):
//! kinds and their sub-kinds, subject topics (主题分类), validity (有效性) and
//! the disclosure attribute (五公开属性). Stable slugs are stored; labels are
//! what citizens read. Shared with the browser.

use serde::{Deserialize, Serialize};

pub use super::types::ContentKind;

impl ContentKind {
    /// The sub-kinds a kind is divided into, as (slug, label).
    pub fn subtypes(self) -> &'static [(&'static str, &'static str)] {
        match self {
            ContentKind::Policy => &[("normative", "规范性文件"), ("other", "其他文件")],
            ContentKind::Interpretation => &[
                ("text", "文字解读"),
                ("graphic", "图解"),
                ("expert", "专家解读"),
                ("conference", "新闻发布会"),
                ("interview", "在线访谈"),
            ],
            ContentKind::Release => &[
                ("statement", "新闻稿"),
                ("conference", "新闻发布会"),
                ("interview", "在线访谈"),
            ],
            _ => &[],
        }
    }

    /// The label of one of this kind's sub-kinds.
    pub fn subtype_label(self, slug: &str) -> Option<&'static str> {
        self.subtypes()
            .iter()
            .find(|(s, _)| *s == slug)
            .map(|(_, l)| *l)
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
        }
    }
}

/// 主题分类: the subject a piece of information is about, in the bureau's field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    General,
    Publishing,
    Distribution,
    Printing,
    Broadcasting,
    Film,
    Copyright,
    OnlineAv,
}

impl Topic {
    pub const ALL: [Topic; 8] = [
        Topic::General,
        Topic::Publishing,
        Topic::Distribution,
        Topic::Printing,
        Topic::Broadcasting,
        Topic::Film,
        Topic::Copyright,
        Topic::OnlineAv,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Topic::General => "general",
            Topic::Publishing => "publishing",
            Topic::Distribution => "distribution",
            Topic::Printing => "printing",
            Topic::Broadcasting => "broadcasting",
            Topic::Film => "film",
            Topic::Copyright => "copyright",
            Topic::OnlineAv => "online_av",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Topic::General => "综合政务",
            Topic::Publishing => "新闻出版",
            Topic::Distribution => "出版物发行",
            Topic::Printing => "印刷",
            Topic::Broadcasting => "广播电视",
            Topic::Film => "电影",
            Topic::Copyright => "版权",
            Topic::OnlineAv => "网络视听",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.slug() == slug)
    }
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
        for t in Topic::ALL {
            assert_eq!(Topic::from_slug(t.slug()), Some(t));
        }
        for v in Validity::ALL {
            assert_eq!(Validity::from_slug(v.slug()), Some(v));
        }
        for d in Disclosure::ALL {
            assert_eq!(Disclosure::from_slug(d.slug()), Some(d));
        }
        assert_eq!(
            ContentKind::Policy.subtype_label("normative"),
            Some("规范性文件")
        );
        assert_eq!(ContentKind::News.subtype_label("normative"), None);
    }
}
