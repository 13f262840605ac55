//! Word and WPS documents (.docx) in and out of the portal's body format,
//! and what staff paste from them or from a web page (HTML, `paste`).
//!
//! `import` reads a 公文 as staff write it — 红头, 发文字号, 标题, 主送, 正文
//! numbered 一、（一）1.（1）, tables with merged cells, images, 落款 and
//! 成文日期 — into the Markdown body (merged tables as HTML, which the
//! renderer keeps), the catalogue fields it can read, the images to attach,
//! and a warning in Chinese for everything it could not carry as it was.
//! The file is read with zip and roxmltree behind size limits; nothing in
//! it is trusted.

mod export;
mod gongwen;
mod html;
mod package;
mod parts;
mod read;
pub mod sample;
mod write;

pub use export::{export, ExportImage, ExportItem};
pub use html::{paste, Pasted};
pub use parts::chinese_number;

/// Why a file could not be imported, as the editor is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    NotDocx,
    TooLarge,
    Damaged,
}

impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DocxError::NotDocx => "这不是 Word 文档（.docx）。旧版 .doc 或 .wps 文件请先在 Word 或 WPS 中“另存为”.docx 再导入。",
            DocxError::TooLarge => "文档解压后过大或结构异常（可能是压缩炸弹），已拒绝。请检查文件后重试。",
            DocxError::Damaged => "文档已损坏或内容无法读取，请在 Word 或 WPS 中打开并重新保存后再导入。",
        })
    }
}

impl std::error::Error for DocxError {}

/// The catalogue fields read from a 公文, for the editor to confirm.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    pub title: Option<String>,
    pub doc_no: Option<String>,
    pub publisher: Option<String>,
    /// 成文日期, `YYYY-MM-DD`.
    pub written_on: Option<String>,
    pub keywords: Vec<String>,
}

/// An image from the document, to be stored as an attachment; the body
/// refers to it as `docx-image:N` until it is.
#[derive(Debug, Clone)]
pub struct ImportedImage {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone)]
pub struct Imported {
    pub body_md: String,
    pub fields: Fields,
    pub images: Vec<ImportedImage>,
    pub warnings: Vec<String>,
}

/// The placeholder an imported image has in the body until it is attached.
pub fn image_placeholder(index: usize) -> String {
    format!("docx-image:{index}")
}

#[expect(
    clippy::expect_used,
    reason = "a constant pattern, compiled by every test"
)]
fn placed_image_pattern() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r#"!\[([^\]\n]*)\]\(docx-image:(\d+)\)|<img src="docx-image:(\d+)" alt="([^"<>]*)">"#,
        )
        .expect("a valid pattern")
    })
}

/// The body with each image placeholder replaced: image N (counted from
/// 0) by `addresses[N]`, its description kept, or taken out, with its
/// Markdown or HTML, where that is None or missing.
pub fn place_images(body: &str, addresses: &[Option<String>]) -> String {
    placed_image_pattern()
        .replace_all(body, |c: &regex::Captures| {
            let markdown = c.get(2).is_some();
            let (index, alt) = if markdown {
                (&c[2], &c[1])
            } else {
                (&c[3], &c[4])
            };
            let address = index
                .parse::<usize>()
                .ok()
                .and_then(|n| addresses.get(n).cloned().flatten());
            match address {
                Some(a) if markdown => format!("![{alt}]({a})"),
                Some(a) => format!("<img src=\"{a}\" alt=\"{alt}\">"),
                None => String::new(),
            }
        })
        .into_owned()
}

/// Reads a .docx into the portal's body format.
pub fn import(bytes: &[u8]) -> Result<Imported, DocxError> {
    let package = package::Package::open(bytes)?;
    let read = read::read(&package)?;
    let (blocks, fields) = gongwen::fields(read.blocks, read.core_title.as_deref());
    let body_md = write::markdown(&blocks);
    let mut warnings = Vec::new();
    let l = &read.losses;
    if l.text_boxes > 0 {
        warnings.push(format!(
            "文档中有 {} 个文本框：其中的文字已作为普通段落放在原位置之后，请核对位置。",
            l.text_boxes
        ));
    }
    if l.comments > 0 {
        warnings.push(format!(
            "文档中有 {} 条批注，批注不会导入，请在原文档中处理。",
            l.comments
        ));
    }
    if l.insertions > 0 || l.deletions > 0 {
        warnings.push(format!(
            "文档中有未接受的修订（插入 {} 处、删除 {} 处）：已按“接受全部修订”导入，请核对。",
            l.insertions, l.deletions
        ));
    }
    if l.fields > 0 {
        warnings.push(format!(
            "文档中有 {} 个域（如目录、页码、交叉引用）：只保留了显示的文字，不再自动更新。",
            l.fields
        ));
    }
    if l.footnotes > 0 {
        warnings.push(format!(
            "文档中有 {} 个脚注或尾注，未导入，请把需要的内容写入正文。",
            l.footnotes
        ));
    }
    if !l.unsupported_images.is_empty() {
        warnings.push(format!(
            "以下图片是 Word 专用格式，网页无法显示，未导入：{}。请另存为 PNG 或 JPG 后作为附件上传。",
            l.unsupported_images.join("、")
        ));
    }
    if l.missing_images > 0 {
        warnings.push(format!(
            "有 {} 张图片在文档中找不到文件，未导入。",
            l.missing_images
        ));
    }
    if body_md.trim().is_empty() {
        warnings.push("文档没有可导入的正文。".into());
    }
    Ok(Imported {
        body_md,
        fields,
        images: read
            .images
            .into_iter()
            .map(|i| ImportedImage {
                file_name: i.file_name,
                bytes: i.bytes,
            })
            .collect(),
        warnings,
    })
}

#[cfg(test)]
mod tests;
