//! HTML from the clipboard — Word's and WPS's (MsoNormal paragraphs, list
//! labels in `mso-list:Ignore` spans, conditional comments, `o:p`), a web
//! page's, an online editor's — into the same blocks a .docx becomes, so a
//! paste gets the same 公文 headings, tables with merged cells and Markdown
//! as an import. Styling is dropped except what the body format carries:
//! headings, bold, italic, lists, tables, links and line breaks. Images on
//! the clipboard point at the writer's disk or another site, so they are
//! counted for a note instead.

use super::read::{Block, Cell, Inline, Paragraph, Table};
use scraper::{ElementRef, Html, Node};

/// Nesting deeper than this is not read (the walk recurses).
const MAX_DEPTH: usize = 200;
/// A merged cell spans at most this many rows or columns.
const MAX_SPAN: usize = 100;

/// What a paste became: the body text and notes on what it left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pasted {
    pub body_md: String,
    pub notes: Vec<String>,
}

/// Turns pasted HTML into the portal's body format.
pub fn paste(html: &str) -> Pasted {
    let document = Html::parse_document(html);
    let mut walk = Walk::default();
    walk.children(document.root_element(), Style::default(), 0);
    walk.flush();
    let blocks = super::gongwen::headings(walk.blocks);
    let body_md = super::write::markdown(&blocks).trim().to_owned();
    let mut notes = Vec::new();
    if walk.images > 0 {
        notes.push(format!(
            "粘贴内容中有 {} 张图片未带入（剪贴板里的图片在原电脑或其他网站上）：请作为附件上传后用“图片”按钮插入，或改用“从 Word/WPS 导入”，图片会随文档导入。",
            walk.images
        ));
    }
    if walk.nested_tables > 0 {
        notes.push(format!(
            "有 {} 个表格套在其他表格里，已展开为单元格中的文字，请核对。",
            walk.nested_tables
        ));
    }
    if walk.too_deep {
        notes.push("粘贴内容的层次过深，最里层的内容未带入，请核对。".into());
    }
    Pasted { body_md, notes }
}

#[derive(Debug, Clone, Copy, Default)]
struct Style {
    bold: bool,
    italic: bool,
    /// Inside `<ul>`/`<ol>`: how deep, and whether numbered.
    list: Option<(u8, bool)>,
    /// Inside a link: its text goes to the link, not the paragraph.
    in_link: bool,
}

#[derive(Default)]
struct Walk {
    blocks: Vec<Block>,
    open: Paragraph,
    images: usize,
    nested_tables: usize,
    too_deep: bool,
    /// The text of the link being read.
    link_text: String,
    /// The next number in each open ordered list.
    counters: Vec<u32>,
}

/// What an element is to the walk.
enum Kind {
    Skip,
    Block,
    Heading(u8),
    ListItem,
    List(bool),
    Table,
    Break,
    Image,
    Link,
    Inline,
}

fn kind(name: &str) -> Kind {
    match name {
        "head" | "style" | "script" | "noscript" | "template" | "title" | "meta" | "link"
        | "xml" | "svg" | "math" | "iframe" | "object" | "embed" | "button" | "input"
        | "select" | "textarea" | "canvas" | "audio" | "video" => Kind::Skip,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading(name[1..].parse().unwrap_or(2)),
        "p" | "div" | "section" | "article" | "header" | "footer" | "main" | "aside"
        | "blockquote" | "pre" | "hr" | "dl" | "dt" | "dd" | "figure" | "figcaption"
        | "address" | "center" | "caption" | "body" | "html" => Kind::Block,
        "li" => Kind::ListItem,
        "ul" => Kind::List(false),
        "ol" => Kind::List(true),
        "table" => Kind::Table,
        "br" => Kind::Break,
        "img" => Kind::Image,
        "a" => Kind::Link,
        _ => Kind::Inline,
    }
}

/// The value of one CSS property in a `style` attribute, lower-cased.
fn css(style: &str, property: &str) -> Option<String> {
    style.split(';').find_map(|decl| {
        let (name, value) = decl.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case(property)
            .then(|| value.trim().to_ascii_lowercase())
    })
}

/// Bold and italic as the element's tag and style say.
fn styled(name: &str, style: Option<&str>, mut s: Style) -> Style {
    match name {
        "b" | "strong" => s.bold = true,
        "i" | "em" | "cite" => s.italic = true,
        _ => {}
    }
    if let Some(style) = style {
        // Google Docs wraps everything in <b style="font-weight:normal">.
        if let Some(w) = css(style, "font-weight") {
            s.bold = matches!(
                w.as_str(),
                "bold" | "bolder" | "600" | "700" | "800" | "900"
            );
        }
        if let Some(f) = css(style, "font-style") {
            s.italic = f == "italic" || f == "oblique";
        }
    }
    s
}

/// Word's list paragraph: its level (1-based) from `mso-list:l0 level2 lfo1`.
fn word_list_level(style: &str) -> Option<u8> {
    let list = css(style, "mso-list")?;
    if list == "ignore" || list == "skip" {
        return None;
    }
    let level = list
        .split_whitespace()
        .find_map(|w| w.strip_prefix("level"))
        .and_then(|n| n.parse::<u8>().ok())
        .unwrap_or(1);
    Some(level.clamp(1, 9))
}

/// Collapses HTML white space; a line break in the source between two
/// Chinese characters (Word wraps its HTML mid-sentence) leaves nothing.
fn collapse(text: &str, before: Option<char>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut wrapped = false;
    let mut last = before;
    for c in text.chars() {
        if matches!(c, ' ' | '\n' | '\r' | '\t' | '\u{c}') {
            pending_space = true;
            wrapped |= c == '\n' || c == '\r';
            continue;
        }
        if c.is_control() {
            continue;
        }
        if pending_space {
            let joins_chinese = wrapped && last.is_some_and(is_wide) && is_wide(c);
            wrapped = false;
            if last.is_some_and(|l| l != ' ' && l != '\n') && !joins_chinese {
                out.push(' ');
            }
            pending_space = false;
        }
        let c = if c == '\u{a0}' { ' ' } else { c };
        out.push(c);
        last = Some(c);
    }
    if pending_space && last.is_some_and(|l| l != ' ' && !is_wide(l)) {
        out.push(' ');
    }
    out
}

/// A character written without spaces around it (CJK and full-width punctuation).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

impl Walk {
    fn last_char(&self) -> Option<char> {
        if self.link_text.is_empty() {
            self.open.inlines.iter().rev().find_map(|i| match i {
                Inline::Text { text, .. } | Inline::Link { text, .. } => text.chars().last(),
                Inline::Break => Some('\n'),
                Inline::Image { .. } => None,
            })
        } else {
            self.link_text.chars().last()
        }
    }

    fn text(&mut self, raw: &str, s: Style) {
        let at_start = self.open.inlines.is_empty() && self.link_text.is_empty();
        let mut text = collapse(raw, self.last_char());
        if at_start {
            // Indentation: spaces, full-width spaces, non-breaking spaces.
            text = text.trim_start_matches([' ', '\u{3000}']).to_owned();
        }
        if text.is_empty() {
            return;
        }
        if s.in_link {
            self.link_text.push_str(&text);
            return;
        }
        if let Some(Inline::Text {
            text: last,
            bold,
            italic,
        }) = self.open.inlines.last_mut()
        {
            if *bold == s.bold && *italic == s.italic {
                last.push_str(&text);
                return;
            }
        }
        self.open.inlines.push(Inline::Text {
            text,
            bold: s.bold,
            italic: s.italic,
        });
    }

    /// Ends the open paragraph when it has text; an empty one keeps its
    /// place in a list for the text to come (`<li><p>…`).
    fn flush(&mut self) {
        while matches!(self.open.inlines.last(), Some(Inline::Break)) {
            self.open.inlines.pop();
        }
        if self.open.text().trim().is_empty() && self.open.label.is_none() {
            self.open.inlines.clear();
            return;
        }
        let mut p = std::mem::take(&mut self.open);
        if let Some(Inline::Text { text, .. }) = p.inlines.last_mut() {
            let kept = text.trim_end_matches([' ', '\u{3000}']).len();
            text.truncate(kept);
        }
        // The next paragraph carries on in the same list.
        self.open.bullet = p.bullet;
        self.open.list_level = p.list_level;
        self.blocks.push(Block::Paragraph(p));
    }

    /// Leaves a heading, a Word list paragraph or a list item: what follows
    /// is in `list` again, or in no list.
    fn reset(&mut self, list: Option<(u8, bool)>) {
        self.open.heading = None;
        self.open.label = None;
        self.open.ordinal = None;
        self.open.bullet = list.is_some();
        self.open.list_level = list.map(|(l, _)| l).unwrap_or(0);
    }

    fn children(&mut self, node: ElementRef<'_>, s: Style, depth: usize) {
        if depth > MAX_DEPTH {
            self.too_deep = true;
            return;
        }
        for child in node.children() {
            match child.value() {
                Node::Text(t) => self.text(t, s),
                Node::Element(e) => {
                    if let Some(el) = ElementRef::wrap(child) {
                        self.element(el, e, s, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(
        &mut self,
        node: ElementRef<'_>,
        e: &scraper::node::Element,
        s: Style,
        depth: usize,
    ) {
        let name = e.name();
        let style = e.attr("style");
        // Word's list label ("1.", "一、", a bullet glyph) with its padding.
        if style.and_then(|st| css(st, "mso-list")).as_deref() == Some("ignore") {
            let mut label = Walk::default();
            label.children(node, s, depth);
            label.flush();
            let shown = label
                .blocks
                .iter()
                .map(|b| match b {
                    Block::Paragraph(p) => p.text(),
                    Block::Table(_) => String::new(),
                })
                .collect::<String>();
            let shown = shown.trim().to_owned();
            if is_bullet_glyph(&shown) {
                self.open.bullet = true;
            } else if !shown.is_empty() {
                self.open.label = Some(shown);
            }
            return;
        }
        match kind(name) {
            Kind::Skip => {}
            Kind::Break => {
                if matches!(self.open.inlines.last(), Some(Inline::Break)) {
                    // Two line breaks in a row separate paragraphs.
                    self.flush();
                } else if !self.open.inlines.is_empty() {
                    self.open.inlines.push(Inline::Break);
                }
            }
            Kind::Image => self.images += 1,
            Kind::Heading(level) => {
                self.flush();
                self.open.bullet = false;
                self.open.heading = Some(level);
                self.children(node, Style { bold: false, ..s }, depth);
                self.flush();
                self.reset(s.list);
            }
            Kind::Block => {
                self.flush();
                if let Some(level) = style.and_then(word_list_level) {
                    self.open.list_level = level - 1;
                    self.open.bullet = false;
                    self.children(node, styled(name, style, s), depth);
                    self.flush();
                    self.reset(s.list);
                    return;
                }
                if s.list.is_none() {
                    self.open.bullet = false;
                }
                let title = e.has_class("MsoTitle", scraper::CaseSensitivity::AsciiCaseInsensitive);
                if title {
                    self.open.heading = Some(1);
                }
                self.children(node, styled(name, style, s), depth);
                self.flush();
                if title {
                    self.reset(s.list);
                }
            }
            Kind::List(numbered) => {
                self.flush();
                let level = s.list.map(|(l, _)| l + 1).unwrap_or(0);
                self.counters.push(
                    e.attr("start")
                        .and_then(|n| n.trim().parse().ok())
                        .unwrap_or(1),
                );
                self.children(
                    node,
                    Style {
                        list: Some((level.min(8), numbered)),
                        ..s
                    },
                    depth,
                );
                self.flush();
                self.counters.pop();
                self.reset(s.list);
            }
            Kind::ListItem => {
                self.flush();
                let (level, numbered) = s.list.unwrap_or((0, false));
                self.open.bullet = true;
                self.open.list_level = level;
                if numbered {
                    if let Some(n) = self.counters.last_mut() {
                        self.open.ordinal = Some(*n);
                        *n = n.saturating_add(1);
                    }
                }
                self.children(node, styled(name, style, s), depth);
                self.flush();
                self.reset(s.list);
            }
            Kind::Table => {
                self.flush();
                let table = self.table(node, s, depth);
                if !table.rows.is_empty() {
                    self.blocks.push(Block::Table(table));
                }
                self.open = Paragraph::default();
            }
            Kind::Link => {
                let href = e.attr("href").map(str::trim).filter(|h| {
                    h.starts_with("https://")
                        || h.starts_with("http://")
                        || h.starts_with("mailto:")
                        || (h.starts_with('/') && !h.starts_with("//"))
                });
                match href {
                    Some(href) if !s.in_link => {
                        self.link_text.clear();
                        self.children(node, Style { in_link: true, ..s }, depth);
                        let text = std::mem::take(&mut self.link_text);
                        let text = text.trim();
                        if !text.is_empty() {
                            self.open.inlines.push(Inline::Link {
                                text: text.to_owned(),
                                href: href.to_owned(),
                            });
                        }
                    }
                    _ => self.children(node, styled(name, style, s), depth),
                }
            }
            Kind::Inline => self.children(node, styled(name, style, s), depth),
        }
    }

    /// A table's rows, with each cell's paragraphs; a table inside a cell
    /// becomes lines of text.
    fn table(&mut self, node: ElementRef<'_>, s: Style, depth: usize) -> Table {
        let mut rows = Vec::new();
        let mut stack = vec![(node, depth)];
        while let Some((n, d)) = stack.pop() {
            let mut sections = Vec::new();
            for child in n.child_elements() {
                match child.value().name() {
                    "thead" | "tbody" | "tfoot" => sections.push((child, d + 1)),
                    "tr" => rows.push(self.row(child, s, d + 1)),
                    _ => {}
                }
            }
            stack.extend(sections.into_iter().rev());
        }
        rows.retain(|r: &Vec<Cell>| !r.is_empty());
        Table { rows }
    }

    fn row(&mut self, tr: ElementRef<'_>, s: Style, depth: usize) -> Vec<Cell> {
        let mut cells = Vec::new();
        for child in tr.child_elements() {
            let e = child.value();
            if !matches!(e.name(), "td" | "th") {
                continue;
            }
            let span = |a: &str| {
                e.attr(a)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, MAX_SPAN)
            };
            let mut inner = Walk::default();
            inner.children(child, Style { list: None, ..s }, depth + 1);
            inner.flush();
            self.images += inner.images;
            self.too_deep |= inner.too_deep;
            self.nested_tables += inner.nested_tables;
            let mut paragraphs = Vec::new();
            for block in inner.blocks {
                match block {
                    Block::Paragraph(mut p) => {
                        p.heading = None;
                        paragraphs.push(p);
                    }
                    Block::Table(t) => {
                        self.nested_tables += 1;
                        paragraphs.extend(t.rows.into_iter().map(|r| {
                            let text = r
                                .iter()
                                .map(|c| {
                                    c.paragraphs
                                        .iter()
                                        .map(Paragraph::shown)
                                        .collect::<Vec<_>>()
                                        .join(" ")
                                })
                                .collect::<Vec<_>>()
                                .join(" ");
                            Paragraph {
                                inlines: vec![Inline::Text {
                                    text,
                                    bold: false,
                                    italic: false,
                                }],
                                ..Paragraph::default()
                            }
                        }));
                    }
                }
            }
            cells.push(Cell {
                paragraphs,
                colspan: span("colspan"),
                rowspan: span("rowspan"),
            });
        }
        cells
    }
}

/// Word's bullet labels: a symbol-font glyph or a dot.
fn is_bullet_glyph(label: &str) -> bool {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => {
            matches!(
                c,
                '·' | '•'
                    | '●'
                    | '○'
                    | '■'
                    | '□'
                    | '◆'
                    | '◇'
                    | '▪'
                    | '►'
                    | '➢'
                    | '✓'
                    | '-'
                    | '–'
                    | '§'
                    | 'Ø'
                    | 'ü'
                    | 'o'
                    | 'l'
                    | 'n'
                    | 'q'
                    | 'v'
                    | 'Ÿ'
            ) || ('\u{f000}'..='\u{f0ff}').contains(&c)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;
