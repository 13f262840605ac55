//! WordprocessingML → a list of blocks: paragraphs (with their style's
//! heading level, their list numbering rendered as Word shows it, and runs
//! of text with bold and italic), tables (with merged cells) and images.
//! What cannot be carried is counted for the warnings.

use super::package::{parse_xml, Package};
use super::parts::{
    child, format_number, numbering, on, rels, styles, val, Level, Style, A, R, V, W,
};
use super::DocxError;
use roxmltree::Node;
use std::collections::HashMap;

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text {
        text: String,
        bold: bool,
        italic: bool,
    },
    Break,
    /// The n-th image of the document (an index into `Read::images`), with
    /// the description Word keeps for it (its 可选文字), if any.
    Image {
        index: usize,
        alt: Option<String>,
    },
    Link {
        text: String,
        href: String,
    },
}

#[derive(Debug, Clone, Default)]
pub struct Paragraph {
    /// 1–9 from a heading style or an outline level.
    pub heading: Option<u8>,
    pub title_style: bool,
    pub centered: bool,
    pub right: bool,
    /// The list label Word shows (一、, （一）, 1.), and whether it is a bullet.
    pub label: Option<String>,
    pub bullet: bool,
    /// The number of an HTML ordered list's item (with `bullet`); Word's own
    /// numbers come as labels.
    pub ordinal: Option<u32>,
    pub list_level: u8,
    pub inlines: Vec<Inline>,
}

impl Paragraph {
    /// The paragraph's text without its label.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for i in &self.inlines {
            match i {
                Inline::Text { text, .. } | Inline::Link { text, .. } => out.push_str(text),
                Inline::Break => out.push('\n'),
                Inline::Image { .. } => {}
            }
        }
        out
    }

    /// The label and text as a reader sees them.
    pub fn shown(&self) -> String {
        format!(
            "{}{}",
            self.label.as_deref().filter(|_| !self.bullet).unwrap_or(""),
            self.text()
        )
    }
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub paragraphs: Vec<Paragraph>,
    pub colspan: usize,
    pub rowspan: usize,
}

#[derive(Debug, Clone)]
pub struct Table {
    /// Rows of the cells that start there (cells covered by a merge are absent).
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

#[derive(Debug, Clone)]
pub struct Image {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Counts of what the import could not carry as it was.
#[derive(Debug, Default)]
pub struct Losses {
    pub text_boxes: usize,
    pub comments: usize,
    pub insertions: usize,
    pub deletions: usize,
    pub fields: usize,
    pub footnotes: usize,
    pub unsupported_images: Vec<String>,
    pub missing_images: usize,
}

pub struct Read {
    pub blocks: Vec<Block>,
    pub images: Vec<Image>,
    pub losses: Losses,
    /// docProps/core.xml's title, when set.
    pub core_title: Option<String>,
}

struct Reader<'p> {
    package: &'p Package,
    styles: HashMap<String, Style>,
    /// numId → its levels (through its abstract numbering).
    numbering: HashMap<String, Vec<Level>>,
    counters: HashMap<String, Vec<u32>>,
    rels: HashMap<String, String>,
    images: Vec<Image>,
    image_of_target: HashMap<String, usize>,
    losses: Losses,
}

pub fn read(package: &Package) -> Result<Read, DocxError> {
    let document = package
        .text("word/document.xml")?
        .ok_or(DocxError::NotDocx)?;
    let doc = parse_xml(document)?;
    let mut reader = Reader {
        package,
        styles: styles(package)?,
        numbering: numbering(package)?,
        counters: HashMap::new(),
        rels: rels(package)?,
        images: Vec::new(),
        image_of_target: HashMap::new(),
        losses: Losses::default(),
    };
    let body = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name((W, "body")))
        .ok_or(DocxError::NotDocx)?;
    let mut blocks = Vec::new();
    reader.blocks(body, &mut blocks);
    if let Some(comments) = package.text("word/comments.xml")? {
        let doc = parse_xml(comments)?;
        reader.losses.comments = doc
            .root_element()
            .children()
            .filter(|n| n.has_tag_name((W, "comment")))
            .count();
    }
    let core_title = match package.text("docProps/core.xml")? {
        Some(core) => parse_xml(core)?
            .descendants()
            .find(|n| n.tag_name().name() == "title")
            .and_then(|n| n.text())
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty()),
        None => None,
    };
    Ok(Read {
        blocks,
        images: reader.images,
        losses: reader.losses,
        core_title,
    })
}

impl Reader<'_> {
    fn blocks(&mut self, parent: Node, out: &mut Vec<Block>) {
        for node in parent.children().filter(Node::is_element) {
            let name = node.tag_name().name();
            if node.tag_name().namespace() != Some(W) {
                // mc:AlternateContent and the like around block content.
                self.blocks(node, out);
                continue;
            }
            match name {
                "p" => {
                    let mut extra = Vec::new();
                    let p = self.paragraph(node, &mut extra);
                    out.push(Block::Paragraph(p));
                    out.extend(extra);
                }
                "tbl" => out.push(Block::Table(self.table(node))),
                "sdt" => {
                    if let Some(content) = child(node, "sdtContent") {
                        self.blocks(content, out);
                    }
                }
                "customXml" | "ins" | "moveTo" => {
                    if name != "customXml" {
                        self.losses.insertions += 1;
                    }
                    self.blocks(node, out);
                }
                "del" | "moveFrom" => self.losses.deletions += 1,
                _ => {}
            }
        }
    }

    fn style(&self, id: &str) -> (Option<u8>, bool) {
        let mut id = Some(id);
        for _ in 0..10 {
            let Some(style) = id.and_then(|i| self.styles.get(i)) else {
                break;
            };
            if style.heading.is_some() || style.title {
                return (style.heading, style.title);
            }
            id = style.based_on.as_deref();
        }
        (None, false)
    }

    fn paragraph(&mut self, node: Node, extra: &mut Vec<Block>) -> Paragraph {
        let mut p = Paragraph::default();
        let props = child(node, "pPr");
        if let Some(props) = props {
            if let Some(style) = val(props, "pStyle") {
                (p.heading, p.title_style) = self.style(style);
            }
            if let Some(level) = val(props, "outlineLvl")
                .and_then(|v| v.parse::<u8>().ok())
                .filter(|l| *l < 9)
            {
                p.heading = Some(level + 1);
            }
            match val(props, "jc") {
                Some("center") => p.centered = true,
                Some("right" | "end") => p.right = true,
                _ => {}
            }
            if let Some(num) = child(props, "numPr") {
                let id = val(num, "numId").unwrap_or("0").to_owned();
                let level = val(num, "ilvl")
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(0)
                    .min(8);
                self.label(&mut p, &id, level);
            }
        }
        let mut state = RunState::default();
        self.inlines(node, &mut p.inlines, extra, &mut state);
        p
    }

    fn label(&mut self, p: &mut Paragraph, id: &str, level: usize) {
        let Some(levels) = self.numbering.get(id) else {
            return;
        };
        let Some(this) = levels.get(level) else {
            return;
        };
        let counters = self
            .counters
            .entry(id.to_owned())
            .or_insert_with(|| levels.iter().map(|l| l.start.saturating_sub(1)).collect());
        counters[level] += 1;
        for (deeper, counter) in counters.iter_mut().enumerate().skip(level + 1) {
            *counter = levels[deeper].start.saturating_sub(1);
        }
        p.list_level = level as u8;
        if this.format == "bullet" {
            p.bullet = true;
            p.label = Some("•".into());
            return;
        }
        if this.format == "none" {
            return;
        }
        let mut text = this.text.clone();
        for (i, l) in levels.iter().enumerate().take(level + 1) {
            text = text.replace(
                &format!("%{}", i + 1),
                &format_number(counters[i], &l.format),
            );
        }
        p.label = Some(text);
    }

    fn inlines(
        &mut self,
        node: Node,
        out: &mut Vec<Inline>,
        extra: &mut Vec<Block>,
        state: &mut RunState,
    ) {
        for n in node.children().filter(Node::is_element) {
            let ns = n.tag_name().namespace();
            let name = n.tag_name().name();
            if ns == Some(W) {
                match name {
                    "r" => self.run(n, out, extra, state),
                    "hyperlink" => {
                        let mut inner = Vec::new();
                        self.inlines(n, &mut inner, extra, state);
                        let href = n
                            .attribute((R, "id"))
                            .and_then(|id| self.rels.get(id))
                            .and_then(|t| t.strip_prefix("ext:"))
                            .map(str::to_owned)
                            .or_else(|| n.attribute((W, "anchor")).map(|_| String::new()));
                        match href.filter(|h| {
                            h.starts_with("http://")
                                || h.starts_with("https://")
                                || h.starts_with("mailto:")
                        }) {
                            Some(href) => {
                                let text: String = inner
                                    .iter()
                                    .map(|i| match i {
                                        Inline::Text { text, .. } | Inline::Link { text, .. } => {
                                            text.as_str()
                                        }
                                        _ => "",
                                    })
                                    .collect();
                                out.push(Inline::Link { text, href });
                            }
                            None => out.extend(inner),
                        }
                    }
                    "ins" | "moveTo" => {
                        self.losses.insertions += 1;
                        self.inlines(n, out, extra, state);
                    }
                    "del" | "moveFrom" => self.losses.deletions += 1,
                    "fldSimple" => {
                        self.losses.fields += 1;
                        self.inlines(n, out, extra, state);
                    }
                    "smartTag" | "customXml" | "sdtContent" | "sdt" => {
                        self.inlines(n, out, extra, state)
                    }
                    "commentReference" => {}
                    _ => {}
                }
            } else {
                // mc:AlternateContent, mc:Choice/Fallback: read the first choice only.
                if name == "AlternateContent" {
                    if let Some(first) = n.children().find(Node::is_element) {
                        self.inlines(first, out, extra, state);
                    }
                } else {
                    self.inlines(n, out, extra, state);
                }
            }
        }
    }

    fn run(
        &mut self,
        run: Node,
        out: &mut Vec<Inline>,
        extra: &mut Vec<Block>,
        state: &mut RunState,
    ) {
        let props = child(run, "rPr");
        if on(props, "vanish") == Some(true) {
            return;
        }
        let bold = on(props, "b").unwrap_or(false);
        let italic = on(props, "i").unwrap_or(false);
        for n in run.children().filter(Node::is_element) {
            match (n.tag_name().namespace(), n.tag_name().name()) {
                (Some(W), "fldChar") => match n.attribute((W, "fldCharType")) {
                    Some("begin") => {
                        state.in_instruction = true;
                        self.losses.fields += 1;
                    }
                    Some("separate") => state.in_instruction = false,
                    Some("end") => state.in_instruction = false,
                    _ => {}
                },
                (Some(W), "instrText") => {}
                (Some(W), "t") if !state.in_instruction => {
                    push_text(out, n.text().unwrap_or(""), bold, italic);
                }
                (Some(W), "tab") if !state.in_instruction => push_text(out, " ", bold, italic),
                (Some(W), "br" | "cr")
                    if !state.in_instruction
                        && n.attribute((W, "type")).is_none_or(|t| t == "textWrapping") =>
                {
                    out.push(Inline::Break);
                }
                (Some(W), "noBreakHyphen") => push_text(out, "-", bold, italic),
                (Some(W), "sym") => {
                    if let Some(c) = n
                        .attribute((W, "char"))
                        .and_then(|c| u32::from_str_radix(c, 16).ok())
                        .and_then(char::from_u32)
                    {
                        push_text(out, &c.to_string(), bold, italic);
                    }
                }
                (Some(W), "footnoteReference" | "endnoteReference") => self.losses.footnotes += 1,
                (Some(W), "drawing" | "pict" | "object") | (_, "AlternateContent") => {
                    self.graphic(n, out, extra)
                }
                _ => {}
            }
        }
    }

    /// An image, or a text box whose paragraphs follow the one it sits in.
    fn graphic(&mut self, node: Node, out: &mut Vec<Inline>, extra: &mut Vec<Block>) {
        if let Some(content) = node
            .descendants()
            .find(|n| n.has_tag_name((W, "txbxContent")))
        {
            self.losses.text_boxes += 1;
            self.blocks(content, extra);
            return;
        }
        let id = node
            .descendants()
            .find(|n| n.has_tag_name((A, "blip")))
            .and_then(|b| b.attribute((R, "embed")))
            .or_else(|| {
                node.descendants()
                    .find(|n| n.has_tag_name((V, "imagedata")))
                    .and_then(|b| b.attribute((R, "id")))
            });
        let Some(target) = id.and_then(|id| self.rels.get(id)).cloned() else {
            return;
        };
        let alt = description(node);
        if let Some(&index) = self.image_of_target.get(&target) {
            out.push(Inline::Image { index, alt });
            return;
        }
        let file_name = target.rsplit('/').next().unwrap_or("image").to_owned();
        let lower = file_name.to_lowercase();
        if !(lower.ends_with(".png")
            || lower.ends_with(".jpg")
            || lower.ends_with(".jpeg")
            || lower.ends_with(".gif"))
        {
            self.losses.unsupported_images.push(file_name);
            return;
        }
        let Some(bytes) = self.package.part(&target) else {
            self.losses.missing_images += 1;
            return;
        };
        self.images.push(Image {
            file_name,
            bytes: bytes.to_vec(),
        });
        let index = self.images.len() - 1;
        self.image_of_target.insert(target, index);
        out.push(Inline::Image { index, alt });
    }

    fn table(&mut self, node: Node) -> Table {
        // Cells with their grid column, span and vertical-merge state.
        struct Raw {
            col: usize,
            span: usize,
            merge: Option<bool>, // Some(true) = restart, Some(false) = continue
            paragraphs: Vec<Paragraph>,
        }
        let mut raw_rows: Vec<Vec<Raw>> = Vec::new();
        for tr in node.children().filter(|n| n.has_tag_name((W, "tr"))) {
            let mut row = Vec::new();
            let mut col = 0;
            let skip_before = child(tr, "trPr")
                .and_then(|p| val(p, "gridBefore"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            col += skip_before;
            for tc in tr.children().filter(|n| n.has_tag_name((W, "tc"))) {
                let props = child(tc, "tcPr");
                let span = props
                    .and_then(|p| val(p, "gridSpan"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                let merge = props
                    .and_then(|p| child(p, "vMerge"))
                    .map(|m| m.attribute((W, "val")) == Some("restart"));
                let mut blocks = Vec::new();
                self.blocks(tc, &mut blocks);
                let paragraphs = blocks
                    .into_iter()
                    .flat_map(|b| match b {
                        Block::Paragraph(p) => vec![p],
                        // A table inside a cell: its text, row by row.
                        Block::Table(t) => t
                            .rows
                            .into_iter()
                            .flatten()
                            .flat_map(|c| c.paragraphs)
                            .collect(),
                    })
                    .collect();
                row.push(Raw {
                    col,
                    span,
                    merge,
                    paragraphs,
                });
                col += span;
            }
            raw_rows.push(row);
        }
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        for (r, row) in raw_rows.iter().enumerate() {
            let mut cells = Vec::new();
            for cell in row {
                if cell.merge == Some(false) {
                    continue;
                }
                let mut rowspan = 1;
                if cell.merge == Some(true) {
                    for below in &raw_rows[r + 1..] {
                        if below
                            .iter()
                            .any(|c| c.col == cell.col && c.merge == Some(false))
                        {
                            rowspan += 1;
                        } else {
                            break;
                        }
                    }
                }
                cells.push(Cell {
                    paragraphs: cell.paragraphs.clone(),
                    colspan: cell.span,
                    rowspan,
                });
            }
            rows.push(cells);
        }
        Table { rows }
    }
}

#[derive(Default)]
struct RunState {
    /// Inside a field's instruction (its code, not its shown result).
    in_instruction: bool,
}

fn push_text(out: &mut Vec<Inline>, text: &str, bold: bool, italic: bool) {
    if text.is_empty() {
        return;
    }
    if let Some(Inline::Text {
        text: last,
        bold: b,
        italic: i,
    }) = out.last_mut()
    {
        if *b == bold && *i == italic {
            last.push_str(text);
            return;
        }
    }
    out.push(Inline::Text {
        text: text.to_owned(),
        bold,
        italic,
    });
}

/// An image's description (`wp:docPr/@descr`, Word's 可选文字), kept to
/// what a Markdown or HTML image description can hold.
fn description(node: Node) -> Option<String> {
    let descr = node
        .descendants()
        .find(|n| n.tag_name().name() == "docPr")
        .and_then(|d| d.attribute("descr"))?;
    let clean: String = descr
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '[' | ']' | '<' | '>' | '"' | '\\'))
        .take(120)
        .collect();
    let clean = clean.trim();
    (!clean.is_empty()).then(|| clean.to_owned())
}
