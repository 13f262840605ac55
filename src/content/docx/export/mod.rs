//! An item as a .docx, for the paper file and for 两馆: the body in the
//! layout of GB/T 9704 (A4, its margins, 仿宋 三号 at a fixed 28 pt line,
//! headings 黑体 and 楷体), a 公文's 红头 and 发文字号 above its title, tables
//! with their merged cells, and the images the body shows embedded.
//!
//! Written here rather than with a .docx crate: the one maintained writer
//! (docx-rs) brings a second zip and the image crate for what is a few
//! fixed parts, and what is written is checked by reading it back with the
//! importer (`tests.rs`: the round trip keeps title, 文号, headings, tables).

use super::DocxError;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

mod package;
use package::package;

/// What is written of an item.
#[derive(Debug, Clone, Default)]
pub struct ExportItem {
    pub title: String,
    /// 发文字号; with it the document gets a 红头.
    pub doc_no: String,
    pub publisher: String,
    pub body_md: String,
}

/// An image the body shows, as stored.
#[derive(Debug, Clone)]
pub struct ExportImage {
    pub mime: String,
    pub bytes: Vec<u8>,
}

/// Text with the five XML specials escaped.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if c.is_control() && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Marks {
    bold: bool,
    italic: bool,
    strike: bool,
}

#[derive(Debug, Clone, Default)]
struct Para {
    style: Option<String>,
    /// (numbering id, level) for list items.
    list: Option<(u32, u32)>,
    centered: bool,
    xml: String,
}

impl Para {
    fn styled(style: &str) -> Self {
        Para {
            style: Some(style.to_owned()),
            ..Para::default()
        }
    }

    fn to_xml(&self) -> String {
        let mut props = String::new();
        if let Some(s) = &self.style {
            props.push_str(&format!("<w:pStyle w:val=\"{s}\"/>"));
        }
        if let Some((num, level)) = self.list {
            props.push_str(&format!(
                "<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr><w:ind w:firstLineChars=\"0\"/>"
            ));
        }
        if self.centered {
            props.push_str("<w:jc w:val=\"center\"/>");
        }
        format!("<w:p><w:pPr>{props}</w:pPr>{}</w:p>", self.xml)
    }
}

/// One cell of a table being written.
#[derive(Debug, Clone, Default)]
struct Cell {
    header: bool,
    colspan: usize,
    rowspan: usize,
    paragraphs: Vec<String>,
}

/// The document being written.
struct Writer<'a> {
    body: Vec<String>,
    rels: Vec<String>,
    media: Vec<(String, Vec<u8>)>,
    image: &'a dyn Fn(&str) -> Option<ExportImage>,
    next_drawing: u32,
}

fn run(text: &str, marks: Marks) -> String {
    if text.is_empty() {
        return String::new();
    }
    let mut props = String::new();
    if marks.bold {
        props.push_str("<w:b/>");
    }
    if marks.italic {
        props.push_str("<w:i/>");
    }
    if marks.strike {
        props.push_str("<w:strike/>");
    }
    let props = if props.is_empty() {
        props
    } else {
        format!("<w:rPr>{props}</w:rPr>")
    };
    format!(
        "<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        esc(text)
    )
}

/// Width and height in pixels of a PNG, GIF or JPEG, read from its header.
fn pixel_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let be32 = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() >= 24 {
        return Some((be32(&bytes[16..20]), be32(&bytes[20..24])));
    }
    if bytes.starts_with(b"GIF8") && bytes.len() >= 10 {
        let w = u32::from(u16::from_le_bytes([bytes[6], bytes[7]]));
        let h = u32::from(u16::from_le_bytes([bytes[8], bytes[9]]));
        return Some((w, h));
    }
    if bytes.starts_with(&[0xff, 0xd8]) {
        // Walk the JPEG segments to the first start-of-frame.
        let mut i = 2;
        while i + 9 < bytes.len() {
            if bytes[i] != 0xff {
                return None;
            }
            let marker = bytes[i + 1];
            let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
            if matches!(marker, 0xc0..=0xc3 | 0xc5..=0xc7 | 0xc9..=0xcb | 0xcd..=0xcf) {
                let h = u32::from(u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]));
                let w = u32::from(u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]));
                return Some((w, h));
            }
            i += 2 + len;
        }
    }
    None
}

impl Writer<'_> {
    /// An inline picture (or its description, when it cannot be embedded).
    fn picture(&mut self, url: &str, alt: &str) -> String {
        let Some(img) = (self.image)(url) else {
            return run(&format!("（图片：{alt}）"), Marks::default());
        };
        let ext = match img.mime.as_str() {
            "image/png" => "png",
            "image/jpeg" => "jpeg",
            "image/gif" => "gif",
            _ => return run(&format!("（图片：{alt}）"), Marks::default()),
        };
        // 96 dpi pixels in EMU, no wider than the text block (15.6 cm).
        let (w, h) = pixel_size(&img.bytes).unwrap_or((400, 300));
        let (w, h) = (u64::from(w.max(1)) * 9525, u64::from(h.max(1)) * 9525);
        let max = 5_616_000u64;
        let (cx, cy) = if w > max { (max, h * max / w) } else { (w, h) };
        self.next_drawing += 1;
        let n = self.next_drawing;
        let rid = format!("rIdImg{n}");
        let target = format!("media/image{n}.{ext}");
        self.rels.push(format!(
            "<Relationship Id=\"{rid}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"{target}\"/>"
        ));
        self.media.push((format!("word/{target}"), img.bytes));
        format!(
            "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:docPr id=\"{n}\" name=\"图{n}\" descr=\"{alt}\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"image{n}.{ext}\" descr=\"{alt}\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"{rid}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>",
            alt = esc(alt)
        )
    }

    fn hyperlink(&mut self, url: &str, runs: &str) -> String {
        if !(url.starts_with("http://") || url.starts_with("https://") || url.starts_with('/')) {
            return runs.to_owned();
        }
        let rid = format!("rIdLink{}", self.rels.len() + 1);
        self.rels.push(format!(
            "<Relationship Id=\"{rid}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"{}\" TargetMode=\"External\"/>",
            esc(url)
        ));
        format!("<w:hyperlink r:id=\"{rid}\">{runs}</w:hyperlink>")
    }

    fn table(&mut self, rows: Vec<Vec<Cell>>) {
        let width = rows
            .iter()
            .map(|r| r.iter().map(|c| c.colspan.max(1)).sum::<usize>())
            .max()
            .unwrap_or(1)
            .max(1);
        // Which grid columns a cell from a row above still covers: (rows left, colspan).
        let mut covering: Vec<Option<(usize, usize)>> = vec![None; width];
        let col_width = 8_800 / width;
        let mut xml = String::from(
            "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/><w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders></w:tblPr><w:tblGrid>",
        );
        for _ in 0..width {
            xml.push_str(&format!("<w:gridCol w:w=\"{col_width}\"/>"));
        }
        xml.push_str("</w:tblGrid>");
        for row in rows {
            // A header row repeats on each printed page.
            if !row.is_empty() && row.iter().all(|c| c.header) {
                xml.push_str("<w:tr><w:trPr><w:tblHeader/></w:trPr>");
            } else {
                xml.push_str("<w:tr>");
            }
            let mut cells = row.into_iter();
            let mut col = 0;
            while col < width {
                if let Some((left, span)) = covering[col] {
                    // The continuation of a cell merged from above.
                    covering[col] = (left > 1).then_some((left - 1, span));
                    xml.push_str(&format!(
                        "<w:tc><w:tcPr><w:gridSpan w:val=\"{span}\"/><w:vMerge/></w:tcPr><w:p/></w:tc>"
                    ));
                    col += span;
                    continue;
                }
                let Some(cell) = cells.next() else {
                    xml.push_str("<w:tc><w:p/></w:tc>");
                    col += 1;
                    continue;
                };
                let span = cell.colspan.clamp(1, width - col);
                let mut props = String::new();
                if span > 1 {
                    props.push_str(&format!("<w:gridSpan w:val=\"{span}\"/>"));
                }
                if cell.rowspan > 1 {
                    props.push_str("<w:vMerge w:val=\"restart\"/>");
                    covering[col] = Some((cell.rowspan - 1, span));
                }
                let paragraphs = if cell.paragraphs.is_empty() {
                    vec![String::new()]
                } else {
                    cell.paragraphs
                };
                xml.push_str(&format!("<w:tc><w:tcPr>{props}</w:tcPr>"));
                for p in paragraphs {
                    xml.push_str(&format!(
                        "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr>{p}</w:p>"
                    ));
                }
                xml.push_str("</w:tc>");
                col += span;
            }
            xml.push_str("</w:tr>");
        }
        xml.push_str("</w:tbl>");
        self.body.push(xml);
    }

    /// An HTML table as the body keeps merged tables (and as staff may
    /// type one): rows, cells with colspan and rowspan, text, line breaks,
    /// bold and images. Other markup is read for its text.
    fn html_table(&mut self, html: &str) {
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        let mut cell: Option<Cell> = None;
        let mut current = String::new();
        let mut bold = false;
        for (i, piece) in html.split('<').enumerate() {
            let (tag, text) = if i == 0 {
                ("", piece)
            } else {
                piece.split_once('>').unwrap_or((piece, ""))
            };
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            let attr = |key: &str| -> Option<String> {
                let at = tag.find(&format!("{key}=\""))? + key.len() + 2;
                let rest = &tag[at..];
                Some(unescape(&rest[..rest.find('"')?]))
            };
            match (name.as_str(), closing) {
                ("tr", false) => rows.push(Vec::new()),
                ("td" | "th", false) => {
                    cell = Some(Cell {
                        header: name == "th",
                        colspan: attr("colspan")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1)
                            .min(63),
                        rowspan: attr("rowspan")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1)
                            .min(1000),
                        paragraphs: Vec::new(),
                    });
                    current.clear();
                }
                ("td" | "th", true) => {
                    if let Some(mut c) = cell.take() {
                        c.paragraphs.push(std::mem::take(&mut current));
                        if rows.is_empty() {
                            rows.push(Vec::new());
                        }
                        if let Some(row) = rows.last_mut() {
                            row.push(c);
                        }
                    }
                }
                ("br", _) if cell.is_some() => {
                    if let Some(c) = cell.as_mut() {
                        c.paragraphs.push(std::mem::take(&mut current));
                    }
                }
                ("strong" | "b", closing) => bold = !closing,
                ("img", false) if cell.is_some() => {
                    let src = attr("src").unwrap_or_default();
                    let alt = attr("alt").unwrap_or_default();
                    current.push_str(&self.picture(&src, &alt));
                }
                _ => {}
            }
            if cell.is_some() && !text.is_empty() {
                current.push_str(&run(
                    &unescape(text),
                    Marks {
                        bold,
                        ..Marks::default()
                    },
                ));
            }
        }
        if rows.iter().any(|r| !r.is_empty()) {
            self.table(rows);
        }
    }
}

/// The five entities the sanitiser writes, and numeric ones.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| match &tail[1..e] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" | "#39" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            n if n.starts_with("#x") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Writes the item as a .docx. `image` gives the bytes of an image the body
/// shows by its address (None: it is named in the text instead).
pub fn export(
    item: &ExportItem,
    image: &dyn Fn(&str) -> Option<ExportImage>,
) -> Result<Vec<u8>, DocxError> {
    let mut w = Writer {
        body: Vec::new(),
        rels: Vec::new(),
        media: Vec::new(),
        image,
        next_drawing: 0,
    };
    if !item.doc_no.trim().is_empty() && !item.publisher.trim().is_empty() {
        w.body.push(format!(
            "<w:p><w:pPr><w:pStyle w:val=\"RedHead\"/><w:jc w:val=\"center\"/></w:pPr>{}</w:p>",
            run(&format!("{}文件", item.publisher.trim()), Marks::default())
        ));
        w.body.push(format!(
            "<w:p><w:pPr><w:pStyle w:val=\"DocNo\"/><w:jc w:val=\"center\"/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"18\" w:color=\"FF0000\" w:space=\"12\"/></w:pBdr></w:pPr>{}</w:p>",
            run(item.doc_no.trim(), Marks::default())
        ));
    }
    if !item.title.trim().is_empty() {
        w.body.push(format!(
            "<w:p><w:pPr><w:pStyle w:val=\"Title\"/><w:jc w:val=\"center\"/></w:pPr>{}</w:p>",
            run(item.title.trim(), Marks::default())
        ));
    }
    body(&mut w, &item.body_md);
    package(item, w)
}

/// The body's Markdown, block by block.
fn body(w: &mut Writer, markdown: &str) {
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
                        let text = strip_tags(&html);
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

/// The text of some HTML, its tags left out.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    for (i, piece) in html.split('<').enumerate() {
        let text = if i == 0 {
            piece
        } else {
            piece.split_once('>').map_or("", |(_, t)| t)
        };
        out.push_str(&unescape(text));
    }
    out
}
