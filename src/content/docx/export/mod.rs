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

mod body;
mod html;
mod package;
use body::body;
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
