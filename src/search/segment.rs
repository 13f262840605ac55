//! Chinese word segmentation (jieba) for indexing and querying.
//!
//! Documents are cut in search mode, which also emits the shorter words
//! inside long ones (政务公开 → 政务, 公开, 政务公开), so a two-character query
//! finds the longer word; queries are cut precisely. Tokens are normalised
//! alike on both sides: full-width ASCII to half-width, Latin lower-cased,
//! punctuation and spaces dropped.

use jieba_rs::Jieba;
use std::sync::OnceLock;

/// Words of the bureau's field that the general dictionary does not keep whole.
const DOMAIN_WORDS: &[&str] = &[
    "政务公开",
    "信息公开",
    "主动公开",
    "依申请公开",
    "不予公开",
    "政策解读",
    "图解",
    "行政许可",
    "行政处罚",
    "行政强制",
    "出版物",
    "出版物经营许可",
    "印刷经营许可",
    "网络视听",
    "广播电视",
    "户户通",
    "应急广播",
    "双随机",
    "三公经费",
    "索引号",
    "发文字号",
    "规范性文件",
    "扫黄打非",
    "全民阅读",
    "农家书屋",
    "版权",
    "作品登记",
    "年度核验",
    "办事指南",
    "网上办事大厅",
    "好差评",
    "统一社会信用代码",
];

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(|| {
        let mut j = Jieba::new();
        for w in DOMAIN_WORDS {
            j.add_word(w, Some(20_000), None);
        }
        j
    })
}

/// Full-width ASCII (Ａ，１) to half-width, Latin lower-cased.
fn normalise_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// The text as the index and queries see it.
pub fn normalise(text: &str) -> String {
    text.chars().map(normalise_char).collect()
}

fn keep(token: &str) -> Option<String> {
    let t: String = token.chars().filter(|c| c.is_alphanumeric()).collect();
    (!t.is_empty()).then_some(t)
}

/// The words of a document, space-separated, for the index.
pub fn index_tokens(text: &str) -> String {
    let text = normalise(text);
    jieba()
        .cut_for_search(&text, true)
        .into_iter()
        .filter_map(keep)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The distinct words of a query, in order.
pub fn query_tokens(query: &str) -> Vec<String> {
    let text = normalise(query);
    let mut out: Vec<String> = Vec::new();
    for t in jieba().cut(&text, true).into_iter().filter_map(keep) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indexed(text: &str) -> Vec<String> {
        index_tokens(text).split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn two_character_words_are_found_inside_longer_ones() {
        let doc = indexed("福建省新闻出版广电局2016年政务公开工作实施方案，相关解读材料");
        for q in ["政务", "公开", "政务公开", "解读", "2016", "年"] {
            for t in query_tokens(q) {
                assert!(doc.contains(&t), "{q} → {t} not in {doc:?}");
            }
        }
        let doc = indexed("出版物经营许可证的核发");
        for t in query_tokens("许可") {
            assert!(doc.contains(&t), "许可 → {t} not in {doc:?}");
        }
    }

    #[test]
    fn document_numbers_and_mixed_text_segment_alike() {
        let doc = indexed("根据闽政办〔2016〕83号文件，ISBN 978-7-5086-1234-5 与 Leptos 框架");
        for q in [
            "闽政办〔2016〕83号",
            "ISBN",
            "978-7-5086-1234-5",
            "leptos",
            "ＬＥＰＴＯＳ",
        ] {
            let tokens = query_tokens(q);
            assert!(!tokens.is_empty(), "{q}");
            for t in tokens {
                assert!(doc.contains(&t), "{q} → {t} not in {doc:?}");
            }
        }
    }

    #[test]
    fn punctuation_and_spaces_are_not_words() {
        assert_eq!(query_tokens("，。！  "), Vec::<String>::new());
        assert_eq!(query_tokens("政务  政务"), vec!["政务".to_owned()]);
    }
}
