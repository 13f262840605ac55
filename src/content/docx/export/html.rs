//! The HTML a body may hold (merged tables as the import and paste write
//! them, or as staff type them), read with the HTML parser the paste uses
//! rather than by splitting strings: entities, unclosed cells and nesting
//! come out as a browser would see them.

use super::{run, Cell, Marks, Writer};
use scraper::{ElementRef, Html, Node};

/// Merged cells span at most this many columns (Word's limit is 63) or rows.
const MAX_COLSPAN: usize = 63;
const MAX_ROWSPAN: usize = 1000;

impl Writer<'_> {
    /// The first table in `html`: rows, cells with colspan and rowspan,
    /// text (bold where it was), line breaks and paragraphs, images. Other
    /// markup is read for its text.
    pub(super) fn html_table(&mut self, html: &str) {
        let fragment = Html::parse_fragment(html);
        let Some(table) = fragment
            .root_element()
            .descendent_elements()
            .find(|e| e.value().name() == "table")
        else {
            return;
        };
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        for part in table.child_elements() {
            match part.value().name() {
                "thead" | "tbody" | "tfoot" => {
                    for tr in part.child_elements().filter(|e| e.value().name() == "tr") {
                        rows.push(self.row(tr));
                    }
                }
                "tr" => rows.push(self.row(part)),
                _ => {}
            }
        }
        if rows.iter().any(|r| !r.is_empty()) {
            self.table(rows);
        }
    }

    fn row(&mut self, tr: ElementRef<'_>) -> Vec<Cell> {
        tr.child_elements()
            .filter(|e| matches!(e.value().name(), "td" | "th"))
            .map(|cell| {
                let span = |name: &str, max: usize| {
                    cell.value()
                        .attr(name)
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, max)
                };
                let mut paragraphs = vec![String::new()];
                self.cell_content(cell, false, &mut paragraphs, 0);
                paragraphs.retain(|p| !p.is_empty());
                Cell {
                    header: cell.value().name() == "th",
                    colspan: span("colspan", MAX_COLSPAN),
                    rowspan: span("rowspan", MAX_ROWSPAN),
                    paragraphs,
                }
            })
            .collect()
    }

    /// A cell's runs, a new paragraph at each line break or block.
    fn cell_content(
        &mut self,
        node: ElementRef<'_>,
        bold: bool,
        paragraphs: &mut Vec<String>,
        depth: usize,
    ) {
        if depth > 50 {
            return;
        }
        for child in node.children() {
            match child.value() {
                Node::Text(text) => {
                    if let Some(p) = paragraphs.last_mut() {
                        p.push_str(&run(
                            text,
                            Marks {
                                bold,
                                ..Marks::default()
                            },
                        ));
                    }
                }
                Node::Element(e) => {
                    let Some(el) = ElementRef::wrap(child) else {
                        continue;
                    };
                    match e.name() {
                        "br" => paragraphs.push(String::new()),
                        "img" => {
                            let picture = self.picture(
                                e.attr("src").unwrap_or_default(),
                                e.attr("alt").unwrap_or_default(),
                            );
                            if let Some(p) = paragraphs.last_mut() {
                                p.push_str(&picture);
                            }
                        }
                        "p" | "div" | "li" => {
                            paragraphs.push(String::new());
                            self.cell_content(el, bold, paragraphs, depth + 1);
                            paragraphs.push(String::new());
                        }
                        "strong" | "b" => self.cell_content(el, true, paragraphs, depth + 1),
                        "script" | "style" => {}
                        _ => self.cell_content(el, bold, paragraphs, depth + 1),
                    }
                }
                _ => {}
            }
        }
    }
}

/// The text of some HTML, its tags left out and its entities read.
pub(super) fn text_of(html: &str) -> String {
    Html::parse_fragment(html).root_element().text().collect()
}
