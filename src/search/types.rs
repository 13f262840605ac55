//! Shared search types (they compile for the browser too).

use serde::{Deserialize, Serialize};

/// What can be searched for, as the `kind` filter names it.
pub const KINDS: &[(&str, &str)] = &[
    ("news", "工作动态"),
    ("notice", "通知公告"),
    ("policy", "政策文件"),
    ("interpretation", "政策解读"),
    ("release", "新闻发布"),
    ("response", "回应关切"),
    ("topic", "专题"),
    ("register", "公示信息"),
    ("service", "办事服务"),
    ("consult", "咨询答复"),
];

pub fn kind_label(kind: &str) -> &'static str {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, l)| *l)
        .unwrap_or("信息")
}

/// A search, as its URL carries it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub year: Option<String>,
    /// `relevance` (default) or `date`.
    #[serde(default)]
    pub sort: Option<String>,
    #[serde(default)]
    pub page: Option<u32>,
}

/// One result: title and snippet with the matches marked (`<mark>`, already
/// escaped HTML), where it lives and when it came out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    pub kind: String,
    pub title_html: String,
    pub snippet_html: String,
    pub url: String,
    pub published_on: String,
}

/// A page of results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    pub hits: Vec<Hit>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    /// Hot words, for the zero-result page.
    pub hot: Vec<String>,
}

/// A suggestion while typing: a title (with its page) or a hot word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub text: String,
    /// The page of a title suggestion; hot words search instead.
    pub url: Option<String>,
}
