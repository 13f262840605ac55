//! The one escaper for text that is written into HTML, SVG or XML by hand
//! (what Leptos views render, Leptos escapes itself). Attribute values are
//! always written in double quotes, so `&`, `<`, `>` and `"` are enough for
//! both text and attributes.

use std::borrow::Cow;

/// `s` safe inside markup text or a double-quoted attribute value.
pub fn markup(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::markup;

    #[test]
    fn escapes_what_markup_reads_and_nothing_else() {
        assert_eq!(
            markup(r#"<a href="x">政务 & 公开</a>"#),
            "&lt;a href=&quot;x&quot;&gt;政务 &amp; 公开&lt;/a&gt;"
        );
        assert_eq!(markup("&amp;"), "&amp;amp;");
        assert!(matches!(markup("政务公开"), std::borrow::Cow::Borrowed(_)));
    }
}
