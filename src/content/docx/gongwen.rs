//! The parts of a 公文 (GB/T 9704) that are catalogue fields rather than
//! body: the 红头 (发文机关标志), the 发文字号, the title, the 主题词, and
//! the 落款 with the 成文日期 (which stay in the body as published, but
//! also fill the fields). Headings numbered as 公文 number them — 一、
//! （一） 1. （1） — become headings of levels 2 to 5.

use super::read::{Block, Inline};
use super::Fields;
use regex::Regex;
use std::sync::OnceLock;

/// How far from the top the 红头, 文号 and title are looked for.
const HEAD: usize = 10;
/// How far from the end the 落款 is looked for.
const TAIL: usize = 10;

#[expect(
    clippy::expect_used,
    reason = "constant patterns, compiled by every test"
)]
fn doc_no_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"([\p{Han}A-Za-z]{1,12})\s*[〔\[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*(\d{1,5})\s*号",
        )
        .expect("a valid pattern")
    })
}

#[expect(
    clippy::expect_used,
    reason = "constant patterns, compiled by every test"
)]
fn date_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$")
            .expect("a valid pattern")
    })
}

/// The heading level a 公文 number at the start of `text` gives.
#[expect(
    clippy::expect_used,
    reason = "constant patterns, compiled by every test"
)]
pub fn numbered_heading(text: &str) -> Option<u8> {
    static RE: OnceLock<[Regex; 4]> = OnceLock::new();
    let [l2, l3, l4, l5] = RE.get_or_init(|| {
        [
            Regex::new(r"^[一二三四五六七八九十]{1,3}、").expect("pattern"),
            Regex::new(r"^[（(][一二三四五六七八九十]{1,3}[）)]").expect("pattern"),
            Regex::new(r"^\d{1,2}[.．、]").expect("pattern"),
            Regex::new(r"^[（(]\d{1,2}[）)]").expect("pattern"),
        ]
    });
    [(l2, 2), (l3, 3), (l4, 4), (l5, 5)]
        .into_iter()
        .find(|(re, _)| re.is_match(text))
        .map(|(_, level)| level)
}

/// A paragraph is a numbered heading when it is short and not a sentence:
/// at most 40 characters, with no full stop before its end.
fn heading_shaped(text: &str) -> bool {
    let text = text.trim();
    let inner = text.trim_end_matches(['。', '；', '：']);
    text.chars().count() <= 40 && !inner.contains(['。', '；']) && !text.ends_with(['；', '：'])
}

fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

fn chinese_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32)
        .or(match c {
            '○' | '零' => Some(0),
            _ => None,
        })
}

fn number(text: &str) -> Option<u32> {
    if let Ok(n) = text.parse() {
        return Some(n);
    }
    if text.chars().count() == 4 {
        // A year written digit by digit: 二〇一六.
        return text
            .chars()
            .try_fold(0, |acc, c| Some(acc * 10 + chinese_digit(c)?));
    }
    // 十, 十二, 二十, 二十一.
    match text.split_once('十') {
        Some((tens, ones)) => {
            let tens = if tens.is_empty() {
                1
            } else {
                chinese_digit(tens.chars().next()?)?
            };
            let ones = if ones.is_empty() {
                0
            } else {
                chinese_digit(ones.chars().next()?)?
            };
            Some(tens * 10 + ones)
        }
        None => chinese_digit(text.chars().next()?),
    }
}

/// `YYYY-MM-DD` for a 成文日期 line.
pub fn written_date(text: &str) -> Option<String> {
    let c = date_pattern().captures(text.trim())?;
    let (y, m, d) = (number(&c[1])?, number(&c[2])?, number(&c[3])?);
    chrono::NaiveDate::from_ymd_opt(y as i32, m, d).map(|date| date.format("%Y-%m-%d").to_string())
}

/// Takes the fields out of the blocks (removing the 红头, 文号, title and
/// 主题词 from the body) and turns 公文-numbered paragraphs into headings.
pub fn fields(blocks: Vec<Block>, core_title: Option<&str>) -> (Vec<Block>, Fields) {
    let mut fields = Fields::default();
    let mut blocks: Vec<Option<Block>> = blocks.into_iter().map(Some).collect();
    let text_at = |b: &Option<Block>| match b {
        Some(Block::Paragraph(p)) => Some(compact(&p.shown())),
        _ => None,
    };

    // The head: non-empty paragraphs before the first table, at most HEAD of them.
    let head: Vec<usize> = blocks
        .iter()
        .enumerate()
        .take_while(|(_, b)| matches!(b, Some(Block::Paragraph(_))))
        .filter(|(_, b)| text_at(b).is_some_and(|t| !t.is_empty()))
        .map(|(i, _)| i)
        .take(HEAD)
        .collect();
    let mut title_from = 0;
    for (n, &i) in head.iter().enumerate() {
        let text = text_at(&blocks[i]).unwrap_or_default();
        if n < 3
            && fields.publisher.is_none()
            && text.ends_with("文件")
            && text.chars().count() <= 30
        {
            fields.publisher = Some(text.trim_end_matches("文件").to_owned());
            blocks[i] = None;
            title_from = n + 1;
        } else if n < 4 && fields.doc_no.is_none() && text.chars().count() <= 60 {
            // The 文号 line: the number first (a 签发人 may follow it).
            if let Some(c) = doc_no_pattern()
                .captures(&text)
                .filter(|c| c.get(0).is_some_and(|m| m.start() == 0))
            {
                fields.doc_no = Some(format!("{}〔{}〕{}号", &c[1], &c[2], &c[3]));
                blocks[i] = None;
                title_from = n + 1;
            }
        }
    }
    // The title: the first centred (or Title-styled) paragraphs after them,
    // joined when the title runs over two lines, up to the 主送 line.
    let mut title = String::new();
    for &i in head.iter().skip(title_from) {
        let Some(Block::Paragraph(p)) = &blocks[i] else {
            continue;
        };
        let text = compact(&p.shown());
        let titled = (p.centered || p.title_style) && p.heading.is_none_or(|h| h <= 1);
        if !titled
            || text.ends_with('：')
            || text.chars().count() > 80
            || doc_no_pattern().is_match(&text)
        {
            if title.is_empty() {
                continue;
            }
            break;
        }
        title.push_str(&text);
        blocks[i] = None;
    }
    if title.is_empty() {
        // A plain document: a first paragraph in a heading-1 style is its title.
        if let Some(&i) = head.first() {
            if let Some(Block::Paragraph(p)) = &blocks[i] {
                if p.heading == Some(1) && p.label.is_none() {
                    title = compact(&p.shown());
                    blocks[i] = None;
                }
            }
        }
    }
    fields.title = (!title.is_empty())
        .then_some(title)
        .or_else(|| core_title.map(str::to_owned));

    // The tail: 主题词 anywhere, the 成文日期 and the 落款 above it.
    let last: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| text_at(b).is_some_and(|t| !t.is_empty()))
        .map(|(i, _)| i)
        .collect();
    for &i in &last {
        let text = text_at(&blocks[i]).unwrap_or_default();
        if let Some(rest) = text
            .strip_prefix("主题词：")
            .or_else(|| text.strip_prefix("主题词:"))
        {
            let raw = match &blocks[i] {
                Some(Block::Paragraph(p)) => p.text(),
                _ => String::new(),
            };
            let raw = raw
                .split_once(['：', ':'])
                .map(|(_, r)| r.to_owned())
                .unwrap_or_else(|| rest.to_owned());
            fields.keywords = raw
                .split(|c: char| {
                    c.is_whitespace() || c == '\u{3000}' || c == '、' || c == '，' || c == ','
                })
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect();
            blocks[i] = None;
        }
    }
    for (k, &i) in last.iter().enumerate().rev().take(TAIL) {
        let text = text_at(&blocks[i]).unwrap_or_default();
        if let Some(date) = written_date(&text) {
            fields.written_on = Some(date);
            if fields.publisher.is_none() && k > 0 {
                let above = text_at(&blocks[last[k - 1]]).unwrap_or_default();
                if above.chars().count() <= 30 && !above.ends_with(['。', '：']) {
                    fields.publisher = Some(above);
                }
            }
            break;
        }
    }

    (headings(blocks.into_iter().flatten().collect()), fields)
}

/// Headings by 公文 numbering for paragraphs without a heading style, and
/// headings from styles (or HTML) one level below the page's title.
pub fn headings(blocks: Vec<Block>) -> Vec<Block> {
    blocks
        .into_iter()
        .map(|b| match b {
            Block::Paragraph(mut p) if p.heading.is_none() && !p.bullet => {
                let shown = p.shown();
                if let Some(level) =
                    numbered_heading(shown.trim_start()).filter(|_| heading_shaped(&shown))
                {
                    p.heading = Some(level);
                    // The label becomes part of the text, as the reader sees it.
                    if let Some(label) = p.label.take() {
                        p.inlines.insert(
                            0,
                            Inline::Text {
                                text: label,
                                bold: false,
                                italic: false,
                            },
                        );
                    }
                }
                Block::Paragraph(p)
            }
            // Word's heading styles are one level below the page's title.
            Block::Paragraph(mut p) => {
                if let Some(level) = p.heading {
                    p.heading = Some((level + 1).min(6));
                    if let Some(label) = p.label.take().filter(|_| !p.bullet) {
                        p.inlines.insert(
                            0,
                            Inline::Text {
                                text: label,
                                bold: false,
                                italic: false,
                            },
                        );
                    }
                }
                Block::Paragraph(p)
            }
            other => other,
        })
        .collect()
}
