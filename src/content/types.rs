//! Shared content types; they compile for the browser too.

use serde::{Deserialize, Serialize};

/// The kinds of published content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContentKind {
    /// 工作动态
    News,
    /// 通知公告
    Notice,
    /// 政策文件
    Policy,
    /// 政策解读
    Interpretation,
    /// 新闻发布
    Release,
    /// 回应关切
    Response,
}

impl ContentKind {
    pub const ALL: [ContentKind; 6] = [
        ContentKind::News,
        ContentKind::Notice,
        ContentKind::Policy,
        ContentKind::Interpretation,
        ContentKind::Release,
        ContentKind::Response,
    ];

    /// The stable name stored in the database and used in URLs.
    pub fn slug(self) -> &'static str {
        match self {
            ContentKind::News => "news",
            ContentKind::Notice => "notice",
            ContentKind::Policy => "policy",
            ContentKind::Interpretation => "interpretation",
            ContentKind::Release => "release",
            ContentKind::Response => "response",
        }
    }

    /// The name citizens see.
    pub fn label(self) -> &'static str {
        match self {
            ContentKind::News => "工作动态",
            ContentKind::Notice => "通知公告",
            ContentKind::Policy => "政策文件",
            ContentKind::Interpretation => "政策解读",
            ContentKind::Release => "新闻发布",
            ContentKind::Response => "回应关切",
        }
    }

    pub fn from_slug(slug: &str) -> Option<ContentKind> {
        ContentKind::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

/// One line of a list: enough to choose what to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub kind: ContentKind,
    pub title: String,
    pub summary: String,
    /// Publication date in Beijing time, `YYYY-MM-DD`.
    pub published_on: String,
}

/// A whole published item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: i64,
    pub kind: ContentKind,
    pub title: String,
    pub summary: String,
    /// Sanitised HTML, rendered from the Markdown body when it was saved.
    pub body_html: String,
    /// 发布机构
    pub publisher: String,
    /// Publication date in Beijing time, `YYYY-MM-DD`.
    pub published_on: String,
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticlePage {
    pub items: Vec<ArticleSummary>,
    /// 1-based.
    pub page: u32,
    pub pages: u32,
    pub total: i64,
}

/// What the home page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeData {
    pub news: Vec<ArticleSummary>,
    pub policies: Vec<ArticleSummary>,
    pub notices: Vec<ArticleSummary>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_slugs() {
        for kind in ContentKind::ALL {
            assert_eq!(ContentKind::from_slug(kind.slug()), Some(kind));
        }
        assert_eq!(ContentKind::from_slug("nonsense"), None);
    }
}
