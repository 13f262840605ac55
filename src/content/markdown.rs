//! Markdown bodies → safe HTML.
//!
//! pulldown-cmark renders (tables and strikethrough on); ammonia then keeps
//! only an allow-list of tags and attributes, so no script, event handler or
//! `javascript:` URL in a body can ever reach a page.

use pulldown_cmark::{html, Options, Parser};

/// Renders and sanitises a Markdown body.
pub fn render(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .add_generic_attributes(["align"])
        .add_tag_attributes("img", ["width", "height", "loading"])
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn renders_headings_tables_and_images() {
        let html = render(
            "## 一、目标\n\n| 年份 | 件数 |\n|---|---|\n| 2016 | 12 |\n\n![图解](/files/a.png)",
        );
        assert!(html.contains("<h2>一、目标</h2>"));
        assert!(html.contains("<table>"));
        assert!(html.contains("<td>2016</td>"));
        assert!(html.contains("<img src=\"/files/a.png\" alt=\"图解\">"));
    }

    #[test]
    fn scripts_and_handlers_never_survive() {
        let hostile = "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n\
                       [点我](javascript:alert(1))\n\n<a href=\"#\" onclick=\"alert(1)\">x</a>\n\n\
                       <iframe src=\"https://evil.example\"></iframe><svg onload=alert(1)></svg>";
        let html = render(hostile).to_lowercase();
        for bad in [
            "<script",
            "onerror",
            "onclick",
            "onload",
            "javascript:",
            "<iframe",
            "<svg",
        ] {
            assert!(!html.contains(bad), "{bad} survived in {html}");
        }
    }
}
