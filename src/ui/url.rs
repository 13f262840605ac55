//! Building links whose query strings carry a page's state.

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

/// Percent-encodes everything but unreserved characters.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
}
