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
    let clean = ammonia::Builder::default()
        .add_generic_attributes(["align"])
        .add_tag_attributes("img", ["width", "height", "loading"])
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some(LINK_REL))
        .clean(&raw)
        .to_string();
    tidy(&clean)
}

const LINK_REL: &str = "noopener noreferrer";

/// The tables of a Markdown body, each as rows of cell texts (header row
/// first), for download as CSV: what the reader sees, without the markup.
pub fn tables(markdown: &str) -> Vec<Vec<Vec<String>>> {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut out: Vec<Vec<Vec<String>>> = Vec::new();
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => out.push(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some(t) = out.last_mut() {
                    t.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(text), Some(row)) =
                    (cell.take(), out.last_mut().and_then(|t| t.last_mut()))
                {
                    row.push(text.trim().to_owned());
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(c) = cell.as_mut() {
                    c.push(' ');
                }
            }
            _ => {}
        }
    }
    out
}

/// Two things ammonia's output may hold that are not valid HTML: an `<a>`
/// keeps the link `rel` even when its `href` was taken away (a
/// `javascript:` link), and an `<img>` written as HTML may have no `alt`
/// (Markdown images always have one). The first loses its `rel`; the second
/// gets an empty `alt`, as an image no one described. Only ammonia's own
/// serialisation is matched: attributes double-quoted, `rel` last.
#[expect(
    clippy::expect_used,
    reason = "constant patterns, compiled by every test"
)]
fn tidy(html: &str) -> String {
    use std::sync::OnceLock;
    static RE: OnceLock<(regex::Regex, regex::Regex)> = OnceLock::new();
    let (link, image) = RE.get_or_init(|| {
        (
            regex::Regex::new(r#"<a((?: [a-z-]+="[^"]*")*?) rel="noopener noreferrer">"#)
                .expect("a valid pattern"),
            regex::Regex::new(r#"<img((?: [a-z-]+="[^"]*")*)>"#).expect("a valid pattern"),
        )
    });
    let html = link.replace_all(html, |c: &regex::Captures| {
        if c[1].contains(" href=") {
            c[0].to_owned()
        } else {
            format!("<a{}>", &c[1])
        }
    });
    image
        .replace_all(&html, |c: &regex::Captures| {
            if c[1].contains(" alt=") {
                c[0].to_owned()
            } else {
                format!("<img{} alt=\"\">", &c[1])
            }
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::{render, tables};

    #[test]
    fn tables_come_out_as_their_cell_texts() {
        let md = "前言\n\n| 地区 | 影院（家） | 票房（万元） |\n|---|---:|---:|\n| 福州 | **52** | 1,234.5 |\n| 厦门 | 41 | `980` |\n\n中间\n\n| 甲 | 乙 |\n|---|---|\n| [链接](/x) | 2 |\n";
        let t = tables(md);
        assert_eq!(t.len(), 2);
        assert_eq!(
            t[0],
            [
                ["地区", "影院（家）", "票房（万元）"],
                ["福州", "52", "1,234.5"],
                ["厦门", "41", "980"]
            ]
        );
        assert_eq!(t[1][1], ["链接", "2"]);
        assert!(tables("没有表格。\n\n- 一\n- 二").is_empty());
    }

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
    fn what_the_sanitiser_leaves_is_valid_html() {
        let html = render("[点我](javascript:alert(1)) 与 [政府网](https://www.gov.cn/) 与 <a title=\"t\" href=\"javascript:x\">旧</a>");
        assert!(html.contains("<a>点我</a>"), "{html}");
        assert!(
            html.contains("<a href=\"https://www.gov.cn/\" rel=\"noopener noreferrer\">政府网</a>"),
            "{html}"
        );
        assert!(html.contains("<a title=\"t\">旧</a>"), "{html}");
        let html = render("<img src=\"/a.png\" onerror=\"x()\">\n\n![说明](/b.png)");
        assert!(html.contains("<img src=\"/a.png\" alt=\"\">"), "{html}");
        assert!(html.contains("<img src=\"/b.png\" alt=\"说明\">"), "{html}");
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
