//! The parts around a Word document's body that the reader consults: its
//! namespaces, styles (which are headings), list numbering (and the number
//! formats Word draws labels in), and relationships (images, links); plus
//! small helpers for reading WordprocessingML elements.

use super::package::{parse_xml, Package};
use super::DocxError;
use roxmltree::Node;
use std::collections::HashMap;

pub(super) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(super) const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub(super) const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
pub(super) const V: &str = "urn:schemas-microsoft-com:vml";
pub(super) const REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

pub(super) struct Style {
    pub(super) heading: Option<u8>,
    pub(super) title: bool,
    pub(super) based_on: Option<String>,
}

pub(super) struct Level {
    pub(super) format: String,
    pub(super) text: String,
    pub(super) start: u32,
}

pub(super) fn val<'a>(node: Node<'a, '_>, child: &str) -> Option<&'a str> {
    node.children()
        .find(|n| n.has_tag_name((W, child)))
        .and_then(|n| n.attribute((W, "val")))
}

pub(super) fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name((W, name)))
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`).
pub(super) fn on(props: Option<Node<'_, '_>>, name: &str) -> Option<bool> {
    let node = child(props?, name)?;
    Some(!matches!(
        node.attribute((W, "val")),
        Some("0" | "false" | "off")
    ))
}

pub(super) fn styles(package: &Package) -> Result<HashMap<String, Style>, DocxError> {
    let mut out = HashMap::new();
    let Some(text) = package.text("word/styles.xml")? else {
        return Ok(out);
    };
    let doc = parse_xml(text)?;
    for s in doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((W, "style")))
    {
        let Some(id) = s.attribute((W, "styleId")) else {
            continue;
        };
        let name = val(s, "name").unwrap_or(id).to_lowercase();
        let outline = child(s, "pPr")
            .and_then(|p| val(p, "outlineLvl"))
            .and_then(|v| v.parse::<u8>().ok());
        let named = ["heading ", "标题 "]
            .iter()
            .find_map(|p| name.strip_prefix(p))
            .and_then(|n| n.trim().parse::<u8>().ok());
        let heading = named.or(outline.filter(|l| *l < 9).map(|l| l + 1));
        out.insert(
            id.to_owned(),
            Style {
                heading,
                title: name == "title" || name == "标题",
                based_on: val(s, "basedOn").map(str::to_owned),
            },
        );
    }
    Ok(out)
}

pub(super) fn numbering(package: &Package) -> Result<HashMap<String, Vec<Level>>, DocxError> {
    let mut out = HashMap::new();
    let Some(text) = package.text("word/numbering.xml")? else {
        return Ok(out);
    };
    let doc = parse_xml(text)?;
    let root = doc.root_element();
    let mut abstracts: HashMap<&str, Node> = HashMap::new();
    for a in root
        .children()
        .filter(|n| n.has_tag_name((W, "abstractNum")))
    {
        if let Some(id) = a.attribute((W, "abstractNumId")) {
            abstracts.insert(id, a);
        }
    }
    for num in root.children().filter(|n| n.has_tag_name((W, "num"))) {
        let (Some(id), Some(abs)) = (num.attribute((W, "numId")), val(num, "abstractNumId")) else {
            continue;
        };
        let Some(a) = abstracts.get(abs) else {
            continue;
        };
        let mut levels: Vec<Level> = Vec::new();
        for l in a.children().filter(|n| n.has_tag_name((W, "lvl"))) {
            let index = l
                .attribute((W, "ilvl"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(levels.len());
            if index > 8 {
                continue;
            }
            while levels.len() <= index {
                levels.push(Level {
                    format: "decimal".into(),
                    text: String::new(),
                    start: 1,
                });
            }
            levels[index] = Level {
                format: val(l, "numFmt").unwrap_or("decimal").to_owned(),
                text: val(l, "lvlText").unwrap_or("").to_owned(),
                start: val(l, "start").and_then(|v| v.parse().ok()).unwrap_or(1),
            };
        }
        out.insert(id.to_owned(), levels);
    }
    Ok(out)
}

pub(super) fn rels(package: &Package) -> Result<HashMap<String, String>, DocxError> {
    let mut out = HashMap::new();
    let Some(text) = package.text("word/_rels/document.xml.rels")? else {
        return Ok(out);
    };
    let doc = parse_xml(text)?;
    for r in doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((REL, "Relationship")))
    {
        if let (Some(id), Some(target)) = (r.attribute("Id"), r.attribute("Target")) {
            let external = r.attribute("TargetMode") == Some("External");
            let target = if external || target.starts_with('/') {
                target.trim_start_matches('/').to_owned()
            } else {
                format!("word/{target}")
            };
            out.insert(
                id.to_owned(),
                if external {
                    format!("ext:{target}")
                } else {
                    target
                },
            );
        }
    }
    Ok(out)
}

/// A number in one of Word's formats.
pub(super) fn format_number(n: u32, format: &str) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographTraditional"
        | "taiwaneseCountingThousand" => chinese_number(n),
        "lowerLetter" | "upperLetter" => {
            let letter = char::from(b'a' + ((n.max(1) - 1) % 26) as u8);
            if format == "upperLetter" {
                letter.to_ascii_uppercase().to_string()
            } else {
                letter.to_string()
            }
        }
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalFullWidth" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
            .collect(),
        "ideographDigital" => n
            .to_string()
            .bytes()
            .map(|b| DIGITS[usize::from(b - b'0')])
            .collect(),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
pub fn chinese_number(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n < 10 {
        return DIGITS[n as usize].to_owned();
    }
    if n < 20 {
        return format!(
            "十{}",
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        );
    }
    if n < 100 {
        return format!(
            "{}十{}",
            DIGITS[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        );
    }
    if n < 1000 {
        let rest = n % 100;
        let tail = match rest {
            0 => String::new(),
            1..=9 => format!("零{}", DIGITS[rest as usize]),
            10..=19 => format!("一{}", chinese_number(rest)),
            _ => chinese_number(rest),
        };
        return format!("{}百{tail}", DIGITS[(n / 100) as usize]);
    }
    n.to_string()
}

fn roman(mut n: u32) -> String {
    let mut out = String::new();
    for (v, s) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}
