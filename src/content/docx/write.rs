//! Blocks → the portal's Markdown body. Tables without merged cells become
//! Markdown tables; tables with them become HTML tables (kept by the
//! renderer's sanitiser with their colspan and rowspan), so a merged cell
//! survives the trip.

use super::image_placeholder;
use super::read::{Block, Inline, Paragraph, Table};

pub fn markdown(blocks: &[Block]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut in_list = false;
    for block in blocks {
        match block {
            Block::Paragraph(p) => {
                let inline = inlines(&p.inlines, p.heading.is_some());
                if inline.trim().is_empty() {
                    continue;
                }
                if let Some(level) = p.heading {
                    in_list = false;
                    out.push(format!(
                        "{} {}",
                        "#".repeat(usize::from(level.clamp(2, 6))),
                        inline.trim()
                    ));
                } else if p.bullet {
                    // Four spaces a level nest under "- " and "10. " alike.
                    let indent = "    ".repeat(usize::from(p.list_level));
                    let item = match p.ordinal {
                        Some(n) => format!("{indent}{n}. {}", inline.trim()),
                        None => format!("{indent}- {}", inline.trim()),
                    };
                    match (in_list, out.last_mut()) {
                        (true, Some(last)) => {
                            last.push('\n');
                            last.push_str(&item);
                        }
                        _ => out.push(item),
                    }
                    in_list = true;
                } else {
                    in_list = false;
                    let label = p.label.as_deref().map(escape).unwrap_or_default();
                    out.push(guard_start(&format!("{label}{}", inline.trim())));
                }
            }
            Block::Table(t) => {
                in_list = false;
                if !t.rows.is_empty() {
                    out.push(table(t));
                }
            }
        }
    }
    let mut body = out.join("\n\n");
    body.push('\n');
    body
}

/// Escapes what Markdown would read as markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '`' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A paragraph that starts like a list item or a quote stays a paragraph.
fn guard_start(text: &str) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let after = text[digits..].chars().next();
    if digits > 0 && matches!(after, Some('.' | ')')) {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    if text.starts_with(['-', '+', '=']) {
        return format!("\\{text}");
    }
    text.to_owned()
}

fn inlines(items: &[Inline], plain: bool) -> String {
    let mut out = String::new();
    for item in items {
        match item {
            Inline::Text { text, bold, italic } => {
                let (lead, core, trail) = split_space(text);
                out.push_str(lead);
                if core.is_empty() {
                    continue;
                }
                let mark = match (plain, bold, italic) {
                    (true, _, _) | (_, false, false) => "",
                    (_, true, false) => "**",
                    (_, false, true) => "*",
                    (_, true, true) => "***",
                };
                out.push_str(mark);
                out.push_str(&escape(core));
                out.push_str(mark);
                out.push_str(trail);
            }
            Inline::Break => out.push_str("\\\n"),
            Inline::Image { index, alt } => out.push_str(&format!(
                "![{}]({})",
                alt.as_deref()
                    .map(escape)
                    .unwrap_or_else(|| format!("图{}", index + 1)),
                image_placeholder(*index)
            )),
            Inline::Link { text, href } => {
                let href = href
                    .replace(' ', "%20")
                    .replace('(', "%28")
                    .replace(')', "%29");
                out.push_str(&format!("[{}]({href})", escape(text)));
            }
        }
    }
    out
}

/// Emphasis markers must touch the text, so spaces go outside them.
fn split_space(text: &str) -> (&str, &str, &str) {
    let core = text.trim();
    if core.is_empty() {
        return (text, "", "");
    }
    let start = text.find(core).unwrap_or(0);
    (&text[..start], core, &text[start + core.len()..])
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn cell_html(paragraphs: &[Paragraph]) -> String {
    paragraphs
        .iter()
        .map(|p| {
            let mut out = String::new();
            if let Some(label) = p.label.as_deref().filter(|_| !p.bullet) {
                out.push_str(&html_escape(label));
            }
            for i in &p.inlines {
                match i {
                    Inline::Text { text, bold, .. } if *bold => {
                        out.push_str(&format!("<strong>{}</strong>", html_escape(text)))
                    }
                    Inline::Text { text, .. } => out.push_str(&html_escape(text)),
                    Inline::Break => out.push_str("<br>"),
                    Inline::Image { index, alt } => out.push_str(&format!(
                        "<img src=\"{}\" alt=\"{}\">",
                        image_placeholder(*index),
                        alt.as_deref()
                            .map(html_escape)
                            .unwrap_or_else(|| format!("图{}", index + 1))
                    )),
                    Inline::Link { text, href } => out.push_str(&format!(
                        "<a href=\"{}\">{}</a>",
                        html_escape(href),
                        html_escape(text)
                    )),
                }
            }
            out.trim().to_owned()
        })
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("<br>")
}

fn table(t: &Table) -> String {
    let width = t.rows.first().map(Vec::len).unwrap_or(0);
    let simple = t
        .rows
        .iter()
        .all(|r| r.len() == width && r.iter().all(|c| c.colspan == 1 && c.rowspan == 1))
        && width > 0;
    if simple {
        let row = |cells: &[super::read::Cell]| {
            let texts: Vec<String> = cells
                .iter()
                .map(|c| {
                    c.paragraphs
                        .iter()
                        .map(|p| {
                            inlines(&p.inlines, false)
                                .replace("\\\n", " ")
                                .trim()
                                .to_owned()
                        })
                        .filter(|t| !t.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            format!("| {} |", texts.join(" | "))
        };
        let mut lines = vec![row(&t.rows[0]), format!("|{}", "---|".repeat(width))];
        lines.extend(t.rows[1..].iter().map(|r| row(r)));
        return lines.join("\n");
    }
    // One line per row: an HTML block ends at a blank line.
    let mut out = String::from("<table>\n<tbody>\n");
    for (r, row) in t.rows.iter().enumerate() {
        out.push_str("<tr>");
        let tag = if r == 0 { "th" } else { "td" };
        for cell in row {
            out.push('<');
            out.push_str(tag);
            // A table with merged cells is not simple: each header says
            // what it heads (WCAG H63).
            if r == 0 {
                out.push_str(" scope=\"col\"");
            }
            if cell.colspan > 1 {
                out.push_str(&format!(" colspan=\"{}\"", cell.colspan));
            }
            if cell.rowspan > 1 {
                out.push_str(&format!(" rowspan=\"{}\"", cell.rowspan));
            }
            out.push('>');
            out.push_str(&cell_html(&cell.paragraphs));
            out.push_str(&format!("</{tag}>"));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>");
    out
}
