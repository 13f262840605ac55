//! The body's Markdown as WordprocessingML, block by block: paragraphs,
//! headings in the 公文 styles, lists, quotes, Markdown tables and the HTML
//! tables merged cells need, links and images.

use super::{html, run, Cell, Marks, Para, Writer};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The body's Markdown, block by block.
pub(super) fn body(w: &mut Writer, markdown: &str) {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut para: Option<Para> = None;
    let mut marks = Marks::default();
    let mut lists: Vec<u32> = Vec::new();
    let mut link: Option<(String, String)> = None;
    let mut image: Option<(String, String)> = None;
    let mut table: Option<(Vec<Vec<Cell>>, bool)> = None;
    let mut html_block: Option<String> = None;
    let mut quote = 0usize;
    let mut code = false;
    // Text goes into the open link, cell or paragraph.
    fn push(
        xml: String,
        para: &mut Option<Para>,
        link: &mut Option<(String, String)>,
        table: &mut Option<(Vec<Vec<Cell>>, bool)>,
    ) {
        if let Some((_, runs)) = link.as_mut() {
            runs.push_str(&xml);
        } else if let Some(cell) = table
            .as_mut()
            .and_then(|(rows, _)| rows.last_mut())
            .and_then(|r| r.last_mut())
        {
            match cell.paragraphs.last_mut() {
                Some(p) => p.push_str(&xml),
                None => cell.paragraphs.push(xml),
            }
        } else {
            para.get_or_insert_with(Para::default).xml.push_str(&xml);
        }
    }
    let flush = |w: &mut Writer, para: &mut Option<Para>| {
        if let Some(p) = para.take() {
            if !p.xml.is_empty() {
                w.body.push(p.to_xml());
            }
        }
    };
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(w, &mut para);
                let n = match level {
                    HeadingLevel::H1 | HeadingLevel::H2 => 1,
                    HeadingLevel::H3 => 2,
                    HeadingLevel::H4 => 3,
                    HeadingLevel::H5 => 4,
                    HeadingLevel::H6 => 5,
                };
                para = Some(Para::styled(&format!("Heading{n}")));
            }
            // A loose list item's paragraph is the item's own.
            Event::Start(Tag::Paragraph)
                if para
                    .as_ref()
                    .is_none_or(|p| !p.xml.is_empty() || p.list.is_none()) =>
            {
                flush(w, &mut para);
                para = Some(if quote > 0 {
                    Para::styled("Quote")
                } else {
                    Para::default()
                });
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item) => {
                flush(w, &mut para)
            }
            Event::Start(Tag::List(start)) => {
                flush(w, &mut para);
                lists.push(if start.is_some() { 2 } else { 1 });
            }
            Event::End(TagEnd::List(_)) => {
                flush(w, &mut para);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(w, &mut para);
                let level = u32::try_from(lists.len().saturating_sub(1))
                    .unwrap_or(0)
                    .min(8);
                para = Some(Para {
                    list: Some((lists.last().copied().unwrap_or(1), level)),
                    ..Para::default()
                });
            }
            Event::Start(Tag::BlockQuote(_)) => quote += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote = quote.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => {
                flush(w, &mut para);
                code = true;
            }
            Event::End(TagEnd::CodeBlock) => code = false,
            Event::Start(Tag::Strong) => marks.bold = true,
            Event::End(TagEnd::Strong) => marks.bold = false,
            Event::Start(Tag::Emphasis) => marks.italic = true,
            Event::End(TagEnd::Emphasis) => marks.italic = false,
            Event::Start(Tag::Strikethrough) => marks.strike = true,
            Event::End(TagEnd::Strikethrough) => marks.strike = false,
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((dest_url.to_string(), String::new()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((url, runs)) = link.take() {
                    let xml = w.hyperlink(&url, &runs);
                    push(xml, &mut para, &mut link, &mut table);
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some((dest_url.to_string(), String::new()));
            }
            Event::End(TagEnd::Image) => {
                if let Some((url, alt)) = image.take() {
                    let xml = w.picture(&url, &alt);
                    push(xml, &mut para, &mut link, &mut table);
                }
            }
            Event::Start(Tag::Table(_)) => {
                flush(w, &mut para);
                table = Some((Vec::new(), false));
            }
            Event::Start(Tag::TableHead) => {
                if let Some((rows, head)) = table.as_mut() {
                    rows.push(Vec::new());
                    *head = true;
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some((_, head)) = table.as_mut() {
                    *head = false;
                }
            }
            Event::Start(Tag::TableRow) => {
                if let Some((rows, _)) = table.as_mut() {
                    rows.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => {
                if let Some((rows, head)) = table.as_mut() {
                    let header = *head;
                    if let Some(row) = rows.last_mut() {
                        row.push(Cell {
                            header,
                            colspan: 1,
                            rowspan: 1,
                            paragraphs: Vec::new(),
                        });
                    }
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((rows, _)) = table.take() {
                    w.table(rows);
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                flush(w, &mut para);
                html_block = Some(String::new());
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(html) = html_block.take() {
                    if html.to_ascii_lowercase().contains("<table") {
                        w.html_table(&html);
                    } else {
                        let text = html::text_of(&html);
                        if !text.trim().is_empty() {
                            w.body.push(
                                Para {
                                    xml: run(text.trim(), Marks::default()),
                                    ..Para::default()
                                }
                                .to_xml(),
                            );
                        }
                    }
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some(block) = html_block.as_mut() {
                    block.push_str(&html);
                } else if html.trim().eq_ignore_ascii_case("<br>") {
                    push(
                        "<w:r><w:br/></w:r>".into(),
                        &mut para,
                        &mut link,
                        &mut table,
                    );
                }
            }
            Event::Text(text) => {
                if let Some((_, alt)) = image.as_mut() {
                    alt.push_str(&text);
                } else if code {
                    for line in text.lines() {
                        w.body.push(
                            Para {
                                style: Some("Code".into()),
                                xml: run(line, Marks::default()),
                                ..Para::default()
                            }
                            .to_xml(),
                        );
                    }
                } else {
                    push(run(&text, marks), &mut para, &mut link, &mut table);
                }
            }
            Event::Code(text) => push(run(&text, marks), &mut para, &mut link, &mut table),
            Event::SoftBreak => {
                // Chinese lines join without a space; Latin words need one.
                push(run(" ", marks), &mut para, &mut link, &mut table);
            }
            Event::HardBreak => push(
                "<w:r><w:br/></w:r>".into(),
                &mut para,
                &mut link,
                &mut table,
            ),
            Event::Rule => {
                flush(w, &mut para);
                w.body.push("<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\"/></w:pBdr></w:pPr></w:p>".into());
            }
            _ => {}
        }
    }
    flush(w, &mut para);
}
