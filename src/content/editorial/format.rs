//! The editor toolbar's edits: what each button does to the body and the
//! selection. Pure, so it is tested on the server and run in the browser;
//! positions are UTF-16 offsets, as a textarea's selection gives them.

/// A toolbar button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Heading,
    Subheading,
    Bold,
    List,
    Numbered,
    Table,
    Link,
    Image,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Heading,
        Format::Subheading,
        Format::Bold,
        Format::List,
        Format::Numbered,
        Format::Table,
        Format::Link,
        Format::Image,
    ];

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            Format::Heading => "标题",
            Format::Subheading => "小标题",
            Format::Bold => "加粗",
            Format::List => "列表",
            Format::Numbered => "编号",
            Format::Table => "表格",
            Format::Link => "链接",
            Format::Image => "图片",
        }
    }

    /// What the button does, for its title and screen readers.
    pub fn description(self) -> &'static str {
        match self {
            Format::Heading => "把所在行设为二级标题（## ）",
            Format::Subheading => "把所在行设为三级标题（### ）",
            Format::Bold => "加粗选中的文字（**文字**）",
            Format::List => "把选中的各行设为列表（- ）",
            Format::Numbered => "把选中的各行设为编号列表（1. ）",
            Format::Table => "插入一个两列表格",
            Format::Link => "把选中的文字设为链接（[文字](网址)）",
            Format::Image => "插入图片或附件（先在“附件”中上传，再填写其地址 /attachments/编号）",
        }
    }
}

fn utf16_to_byte(text: &str, at: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= at {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}

fn byte_to_utf16(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].encode_utf16().count()
}

/// Applies `format` to `text` with the selection `start..end` (UTF-16);
/// returns the new text and the new selection (UTF-16).
pub fn apply(format: Format, text: &str, start: usize, end: usize) -> (String, usize, usize) {
    let (start, end) = (start.min(end), start.max(end));
    let (s, e) = (utf16_to_byte(text, start), utf16_to_byte(text, end));
    let selected = &text[s..e];
    // Line-wise formats work on whole lines.
    let line_start = text[..s].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[e..].find('\n').map_or(text.len(), |i| e + i);
    let (before, middle, after, select) = match format {
        Format::Heading | Format::Subheading | Format::List | Format::Numbered => {
            let lines: Vec<String> = text[line_start..line_end]
                .split('\n')
                .enumerate()
                .map(|(n, line)| {
                    let bare = line.trim_start_matches(['#', ' ']);
                    let bare = bare
                        .strip_prefix("- ")
                        .or_else(|| {
                            let digits = bare.chars().take_while(char::is_ascii_digit).count();
                            (digits > 0)
                                .then(|| bare[digits..].strip_prefix(". "))
                                .flatten()
                        })
                        .unwrap_or(bare);
                    match format {
                        Format::Heading => format!("## {bare}"),
                        Format::Subheading => format!("### {bare}"),
                        Format::List => format!("- {bare}"),
                        _ => format!("{}. {bare}", n + 1),
                    }
                })
                .collect();
            let middle = lines.join("\n");
            let len = middle.len();
            (&text[..line_start], middle, &text[line_end..], (0, len))
        }
        Format::Bold => {
            let inner = if selected.is_empty() {
                "加粗文字"
            } else {
                selected
            };
            (
                &text[..s],
                format!("**{inner}**"),
                &text[e..],
                (2, 2 + inner.len()),
            )
        }
        Format::Link => {
            let inner = if selected.is_empty() {
                "链接文字"
            } else {
                selected
            };
            let url = "https://";
            let at = 1 + inner.len() + 2;
            (
                &text[..s],
                format!("[{inner}]({url})"),
                &text[e..],
                (at, at + url.len()),
            )
        }
        Format::Image => {
            let inner = if selected.is_empty() {
                "图片说明"
            } else {
                selected
            };
            (
                &text[..s],
                format!("![{inner}](/attachments/编号)"),
                &text[e..],
                (2, 2 + inner.len()),
            )
        }
        Format::Table => {
            // A table is a block of its own, after the line the cursor is
            // on; the text stays as it was.
            let table = "| 项目 | 内容 |\n| --- | --- |\n|  |  |";
            let (before, rest) = text.split_at(line_end);
            let lead = if before.is_empty() || before.ends_with("\n\n") {
                ""
            } else if before.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            let trail = if rest.starts_with("\n\n") { "" } else { "\n" };
            let middle = format!("{lead}{table}{trail}");
            let at = lead.len() + 2;
            (before, middle, rest, (at, at + "项目".len()))
        }
    };
    let out = format!("{before}{middle}{after}");
    let base = before.len();
    (
        out.clone(),
        byte_to_utf16(&out, base + select.0),
        byte_to_utf16(&out, base + select.1),
    )
}

/// Puts `pasted` (the body format a paste became) in place of the
/// selection `start..end` (UTF-16); returns the new text and the cursor
/// after the insertion (UTF-16). One line goes in where the cursor is;
/// blocks (paragraphs, headings, lists, tables) get blank lines around
/// them so they stay blocks.
pub fn paste(text: &str, start: usize, end: usize, pasted: &str) -> (String, usize) {
    replace(text, start, end, pasted, true)
}

/// Puts plain text in place of the selection as it is, as the browser's
/// own paste would; returns the new text and the cursor after it (UTF-16).
pub fn paste_plain(text: &str, start: usize, end: usize, plain: &str) -> (String, usize) {
    replace(text, start, end, plain, false)
}

fn replace(text: &str, start: usize, end: usize, pasted: &str, blocks: bool) -> (String, usize) {
    let (start, end) = (start.min(end), start.max(end));
    let (s, e) = (utf16_to_byte(text, start), utf16_to_byte(text, end));
    let (before, after) = (&text[..s], &text[e..]);
    let pasted = if blocks {
        pasted.trim_matches('\n')
    } else {
        pasted
    };
    let block = blocks && (pasted.contains('\n') || pasted.starts_with(['#', '|', '<']));
    let (lead, trail) = if block {
        let lead = if before.is_empty() || before.ends_with("\n\n") {
            ""
        } else if before.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        };
        let trail = if after.is_empty() || after.starts_with("\n\n") {
            ""
        } else if after.starts_with('\n') {
            "\n"
        } else {
            "\n\n"
        };
        (lead, trail)
    } else {
        ("", "")
    };
    let middle = format!("{lead}{pasted}{trail}");
    let out = format!("{before}{middle}{after}");
    let cursor = byte_to_utf16(&out, before.len() + lead.len() + pasted.len());
    (out, cursor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(format: Format, text: &str, sel: &str) -> (String, String) {
        // `sel` is the selected part of `text` (first occurrence); empty: the end.
        let (s, e) = if sel.is_empty() {
            (text.len(), text.len())
        } else {
            let at = text.find(sel).unwrap();
            (at, at + sel.len())
        };
        let (s, e) = (byte_to_utf16(text, s), byte_to_utf16(text, e));
        let (out, a, b) = apply(format, text, s, e);
        let (a, b) = (utf16_to_byte(&out, a), utf16_to_byte(&out, b));
        let selected = out[a..b].to_owned();
        (out, selected)
    }

    #[test]
    fn line_formats_apply_to_whole_lines_and_replace_each_other() {
        assert_eq!(
            run(Format::Heading, "前言\n总体要求\n正文", "体要").0,
            "前言\n## 总体要求\n正文"
        );
        assert_eq!(
            run(Format::Subheading, "## 总体要求", "总").0,
            "### 总体要求"
        );
        assert_eq!(
            run(Format::Numbered, "甲\n乙\n丙", "甲\n乙").0,
            "1. 甲\n2. 乙\n丙"
        );
        assert_eq!(
            run(Format::List, "1. 甲\n2. 乙", "甲\n2. 乙").0,
            "- 甲\n- 乙"
        );
    }

    #[test]
    fn inline_formats_wrap_the_selection_and_select_what_to_type_next() {
        assert_eq!(
            run(Format::Bold, "请按时报送", "按时"),
            ("请**按时**报送".to_owned(), "按时".to_owned())
        );
        assert_eq!(
            run(Format::Bold, "请", ""),
            ("请**加粗文字**".to_owned(), "加粗文字".to_owned())
        );
        assert_eq!(
            run(Format::Link, "详见通知", "通知"),
            ("详见[通知](https://)".to_owned(), "https://".to_owned())
        );
        assert_eq!(
            run(Format::Image, "", ""),
            (
                "![图片说明](/attachments/编号)".to_owned(),
                "图片说明".to_owned()
            )
        );
    }

    #[test]
    fn a_table_is_its_own_block() {
        let (out, selected) = run(Format::Table, "前言", "");
        assert_eq!(out, "前言\n\n| 项目 | 内容 |\n| --- | --- |\n|  |  |\n");
        assert_eq!(selected, "项目");
        // A selection is kept: the table goes after its line.
        let (out, _) = run(Format::Table, "请**按时**报送\n下一段", "按时");
        assert_eq!(
            out,
            "请**按时**报送\n\n| 项目 | 内容 |\n| --- | --- |\n|  |  |\n\n下一段"
        );
        // Text beyond the BMP counts two UTF-16 units.
        let (out, selected) = run(Format::Bold, "𠮷野家", "野家");
        assert_eq!((out.as_str(), selected.as_str()), ("𠮷**野家**", "野家"));
    }

    #[test]
    fn paste_puts_blocks_apart_and_a_phrase_in_line() {
        let text = "前文𠀋内容后文";
        let at = byte_to_utf16(text, text.find("内容").unwrap());
        let to = at + "内容".encode_utf16().count();
        // A phrase replaces the selection where it is.
        let (out, cursor) = paste(text, at, to, "**要点**");
        assert_eq!(out, "前文𠀋**要点**后文");
        assert_eq!(utf16_to_byte(&out, cursor), out.find("后文").unwrap());
        // Blocks get blank lines on both sides.
        let (out, cursor) = paste(text, at, to, "## 一、总则\n\n正文。\n");
        assert_eq!(out, "前文𠀋\n\n## 一、总则\n\n正文。\n\n后文");
        assert_eq!(utf16_to_byte(&out, cursor), out.find("\n\n后文").unwrap());
        // At the start of an empty body, nothing is added around it.
        let (out, _) = paste("", 0, 0, "| a | b |\n|---|---|");
        assert_eq!(out, "| a | b |\n|---|---|");
        // After a line ending, one more line break makes the blank line.
        let (out, _) = paste("第一段\n", 4, 4, "## 标题");
        assert_eq!(out, "第一段\n\n## 标题");
        // Plain text goes in as it is, lines and all.
        let (out, cursor) = paste_plain(text, at, to, "甲\n乙\n");
        assert_eq!(out, "前文𠀋甲\n乙\n后文");
        assert_eq!(utf16_to_byte(&out, cursor), out.find("后文").unwrap());
    }
}
