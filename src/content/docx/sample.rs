//! Real-shaped .docx documents, built part by part as Word and WPS write
//! them: the fixtures of the importer's unit tests, of the editor's
//! integration tests and of the browser suite (`end2end/fixtures/`).
//! Nothing here reads input.
#![allow(
    clippy::unwrap_used,
    reason = "writing to an in-memory ZIP cannot fail"
)]

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="1"/></w:style>
<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/></w:style>
</w:styles>"#;

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;

/// A .docx package whose document body is `body` (WordprocessingML
/// paragraphs and tables), with the styles and numbering above and any
/// `extra` parts (relationships, media, comments).
pub fn docx(body: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
        ("word/document.xml", document.as_bytes()),
        ("word/styles.xml", STYLES.as_bytes()),
        ("word/numbering.xml", NUMBERING.as_bytes()),
    ];
    parts.extend_from_slice(extra);
    for (name, bytes) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

pub fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

pub fn centered(text: &str) -> String {
    format!("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

pub fn right(text: &str) -> String {
    format!("<w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

pub fn numbered(level: u8, text: &str) -> String {
    format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

/// A 公文 with 红头, 文号, a title over two lines, 主送, numbered headings
/// typed and automatic, bold text, 落款 and 成文日期, and 主题词.
pub fn gongwen() -> Vec<u8> {
    let body = [
        centered("福建省新闻出版广电局文件"),
        centered("闽新广〔2016〕12号"),
        centered("福建省新闻出版广电局关于印发"),
        centered("2016年政务公开工作实施方案的通知"),
        p("各设区市文广新局，局机关各处室："),
        p("现将《2016年政务公开工作实施方案》印发给你们，请认真贯彻执行。"),
        p("一、总体要求"),
        p("（一）指导思想"),
        "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>坚持以公开为常态</w:t></w:r><w:r><w:t>、不公开为例外。</w:t></w:r></w:p>".to_owned(),
        p("1.加强组织领导"),
        p("（1）明确分管领导"),
        numbered(0, "主要任务"),
        numbered(1, "推进权力清单公开"),
        p("二、这是一个很长的句子，它以数字开头但它是正文而不是标题。它有句号。"),
        right("福建省新闻出版广电局"),
        right("2016年5月20日"),
        p("主题词：政务公开　实施方案　通知"),
    ]
    .concat();
    docx(&body, &[])
}

/// A two-by-two red PNG.
pub const PIXEL_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a,
    0x73, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x38, 0x21, 0x27, 0x07,
    0x44, 0x0c, 0x10, 0x0a, 0x00, 0x1f, 0x26, 0x04, 0x11, 0xa2, 0x8f, 0x22, 0xaf, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

const COMMENTS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:comment w:id="0" w:author="办公室"><w:p><w:r><w:t>时间请再核实</w:t></w:r></w:p></w:comment>
</w:comments>"#;

/// A notice as a 公文 with 红头 and 文号, a table with a merged cell, an
/// image (a PNG) in place, and a comment the import cannot carry.
pub fn notice_with_image() -> Vec<u8> {
    let rels = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>
</Relationships>"#;
    let cell = |text: &str, merge: &str| {
        format!("<w:tc><w:tcPr>{merge}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    };
    let table = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}</w:tr></w:tbl>",
        cell("事项", ""),
        cell("时间", ""),
        cell("报送材料", ""),
        cell("6月30日前", ""),
        cell("全年", "<w:gridSpan w:val=\"2\"/>"),
    );
    let body = [
        centered("福建省新闻出版广电局文件"),
        centered("闽新广〔2016〕15号"),
        centered("关于报送政务公开工作进展情况的通知"),
        p("各设区市文广新局："),
        p("一、报送事项"),
        table,
        p("二、工作流程"),
        "<w:p><w:r><w:drawing><wp:inline><a:graphic><a:graphicData><a:blip r:embed=\"rId5\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>".to_owned(),
        "<w:p><w:r><w:t>请按时报送。</w:t></w:r><w:r><w:commentReference w:id=\"0\"/></w:r></w:p>".to_owned(),
        right("福建省新闻出版广电局"),
        right("2016年6月1日"),
        p("主题词：政务公开　通知"),
    ]
    .concat();
    docx(
        &body,
        &[
            ("word/_rels/document.xml.rels", rels.as_slice()),
            ("word/media/image1.png", PIXEL_PNG),
            ("word/comments.xml", COMMENTS.as_bytes()),
        ],
    )
}
