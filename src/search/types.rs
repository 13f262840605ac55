//! Shared search types (they compile for the browser too).

use serde::{Deserialize, Serialize};

/// What else than the catalogue's kinds can be searched for.
const OTHER_KINDS: &[(&str, &str)] = &[
    ("topic", "专题"),
    ("register", "公示信息"),
    ("service", "办事服务"),
    ("consult", "咨询答复"),
];

/// What can be searched for, as the `kind` filter names it: every
/// catalogue kind, then topics, registers, services and answers.
pub fn kinds() -> impl Iterator<Item = (&'static str, &'static str)> {
    crate::content::types::ContentKind::ALL
        .into_iter()
        .map(|k| (k.slug(), k.label()))
        .chain(OTHER_KINDS.iter().copied())
}

pub fn kind_label(kind: &str) -> &'static str {
    kinds().find(|(k, _)| *k == kind).map_or("信息", |(_, l)| l)
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
    /// `total` is an estimate (a word in very many documents).
    #[serde(default)]
    pub approximate: bool,
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

/// How many results, as the page says it: exact, or an estimate rounded to
/// two figures ("约 9.5 万").
pub fn count_zh(total: i64, approximate: bool) -> String {
    if !approximate {
        return total.to_string();
    }
    if total >= 10_000 {
        let wan = (total as f64 / 1_000.0).round() / 10.0;
        let text = format!("{wan:.1}");
        return format!("约 {} 万", text.trim_end_matches(".0"));
    }
    let digits = total.max(1).ilog10();
    let unit = 10_i64.pow(digits.saturating_sub(1));
    format!("约 {}", (total + unit / 2) / unit * unit)
}

#[cfg(test)]
mod tests {
    use super::count_zh;

    #[test]
    fn estimates_read_as_estimates() {
        assert_eq!(count_zh(94_831, false), "94831");
        assert_eq!(count_zh(94_831, true), "约 9.5 万");
        assert_eq!(count_zh(100_400, true), "约 10 万");
        assert_eq!(count_zh(2_468, true), "约 2500");
        assert_eq!(count_zh(2_001, true), "约 2000");
    }
}
