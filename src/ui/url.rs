//! Building links whose query strings carry a page's state, and reading
//! them back.

use leptos::prelude::WithUntracked;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// `?a=1&b=x` from the pairs whose value is not empty ("" when none are).
pub fn query(pairs: &[(&str, &str)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Everything but RFC 3986's unreserved characters is escaped.
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes everything but unreserved characters.
pub fn encode(s: &str) -> String {
    utf8_percent_encode(s, ESCAPED).to_string()
}

/// The route parameter `name` of the page being drawn ("" when absent).
pub fn route_param(name: &str) -> String {
    leptos_router::hooks::use_params_map()
        .with_untracked(|p| p.get(name))
        .unwrap_or_default()
}

/// The route parameter `name` as a record id (a positive number), if it is one.
pub fn id_param(name: &str) -> Option<i64> {
    route_param(name).parse::<i64>().ok().filter(|id| *id > 0)
}

/// The query parameter `name` of the page being drawn, when given and not empty.
pub fn query_param(name: &str) -> Option<String> {
    leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get(name))
        .filter(|v| !v.is_empty())
}

/// The page's query parameters as `T` (its fields named as the
/// parameters; empty ones left out, as [`query_param`] does). A parameter
/// that does not fit its field gives `T`'s default.
pub fn query_params<T: serde::de::DeserializeOwned + Default>() -> T {
    leptos_router::hooks::use_query_map().with_untracked(|q| {
        let mut pairs = form_urlencoded::Serializer::new(String::new());
        for (k, v) in q.latest_values().filter(|(_, v)| !v.is_empty()) {
            pairs.append_pair(k, v);
        }
        serde_urlencoded::from_str(&pairs.finish()).unwrap_or_default()
    })
}

/// The first value of query parameter `name` in `uri`, decoded.
pub fn query_value(uri: &http::Uri, name: &str) -> Option<String> {
    form_urlencoded::parse(uri.query()?.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_query_strings() {
        assert_eq!(
            query(&[("year", "2016"), ("sub", ""), ("q", "政务 公开")]),
            "?year=2016&q=%E6%94%BF%E5%8A%A1%20%E5%85%AC%E5%BC%80"
        );
        assert_eq!(query(&[("a", "")]), "");
    }

    #[test]
    fn reads_query_values_as_browsers_write_them() {
        let uri: http::Uri = "/search?q=%E6%94%BF%E5%8A%A1+%E5%85%AC%E5%BC%80&page=2&q=x"
            .parse()
            .unwrap();
        assert_eq!(query_value(&uri, "q").as_deref(), Some("政务 公开"));
        assert_eq!(query_value(&uri, "page").as_deref(), Some("2"));
        assert_eq!(query_value(&uri, "none"), None);
        let odd: http::Uri = "/search?q=100%".parse().unwrap();
        assert_eq!(query_value(&odd, "q").as_deref(), Some("100%"));
        let bare: http::Uri = "/search".parse().unwrap();
        assert_eq!(query_value(&bare, "q"), None);
    }
}
