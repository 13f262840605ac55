//! What each real-shaped .docx (see `sample`) must import as.

use super::sample::*;
use super::*;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

#[test]
fn a_gongwen_imports_with_its_fields_and_headings() {
    let imported = import(&gongwen()).expect("imports");
    let f = &imported.fields;
    assert_eq!(
        f.title.as_deref(),
        Some("福建省新闻出版广电局关于印发2016年政务公开工作实施方案的通知")
    );
    assert_eq!(f.doc_no.as_deref(), Some("闽新广〔2016〕12号"));
    assert_eq!(f.publisher.as_deref(), Some("福建省新闻出版广电局"));
    assert_eq!(f.written_on.as_deref(), Some("2016-05-20"));
    assert_eq!(f.keywords, vec!["政务公开", "实施方案", "通知"]);
    let md = &imported.body_md;
    // The 红头, 文号, title and 主题词 are fields, not body.
    assert!(
        !md.contains("文件\n") && !md.contains("〔2016〕") && !md.contains("主题词"),
        "{md}"
    );
    assert!(md.starts_with("各设区市文广新局，局机关各处室："), "{md}");
    for heading in [
        "## 一、总体要求",
        "### （一）指导思想",
        "#### 1.加强组织领导",
        "##### （1）明确分管领导",
        "## 一、主要任务",
        "### （一）推进权力清单公开",
    ] {
        assert!(md.lines().any(|l| l == heading), "{heading} in\n{md}");
    }
    assert!(md.contains("**坚持以公开为常态**、不公开为例外。"), "{md}");
    assert!(
        md.lines().any(|l| l.starts_with("二、这是一个很长的句子")),
        "a sentence is not a heading:\n{md}"
    );
    // The 落款 stays in the body as it was published.
    assert!(md.contains("福建省新闻出版广电局\n\n2016年5月20日"), "{md}");
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
}

#[test]
fn a_date_in_chinese_numerals_is_read() {
    assert_eq!(
        gongwen::written_date("二〇一六年五月二十日").as_deref(),
        Some("2016-05-20")
    );
    assert_eq!(
        gongwen::written_date("2016年12月1日").as_deref(),
        Some("2016-12-01")
    );
    assert_eq!(gongwen::written_date("2016年13月1日"), None);
    assert_eq!(chinese_number(12), "十二");
    assert_eq!(chinese_number(105), "一百零五");
}

/// A notice with a table whose first column merges two rows and whose
/// header spans two columns.
#[test]
fn a_table_with_merged_cells_keeps_its_spans() {
    let cell =
        |text: &str, props: &str| format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text));
    let table = format!(
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>\
         <w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
        cell("类别", ""),
        cell("2016年", "<w:gridSpan w:val=\"2\"/>"),
        cell("出版物", "<w:vMerge w:val=\"restart\"/>"),
        cell("图书", ""),
        cell("12 &amp; 3", ""),
        cell("", "<w:vMerge/>"),
        cell("期刊", ""),
        cell("&lt;b&gt;5&lt;/b&gt;", ""),
    );
    let simple = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        cell("项目", ""),
        cell("件数", ""),
        cell("许可", ""),
        cell("3|4", ""),
    );
    let body = [
        p("关于2016年出版物统计的通知"),
        table,
        p("说明如下。"),
        simple,
    ]
    .concat();
    let imported = import(&docx(&body, &[])).unwrap();
    let md = &imported.body_md;
    assert!(
        md.contains(
            "<tr><th scope=\"col\">类别</th><th scope=\"col\" colspan=\"2\">2016年</th></tr>"
        ),
        "{md}"
    );
    assert!(
        md.contains("<tr><td rowspan=\"2\">出版物</td><td>图书</td><td>12 &amp; 3</td></tr>"),
        "{md}"
    );
    assert!(
        md.contains("<tr><td>期刊</td><td>&lt;b&gt;5&lt;/b&gt;</td></tr>"),
        "{md}"
    );
    assert!(
        md.contains("| 项目 | 件数 |\n|---|---|\n| 许可 | 3\\|4 |"),
        "{md}"
    );
    // As the public page will show it: spans kept, the markup typed in a cell is text.
    let html = crate::content::markdown::render(md);
    assert!(
        html.contains("rowspan=\"2\"") && html.contains("colspan=\"2\""),
        "{html}"
    );
    assert!(
        html.contains("&lt;b&gt;5") && !html.contains("<b>5"),
        "{html}"
    );
    assert!(html.contains("<td>3|4</td>"), "{html}");
}

#[test]
fn images_come_out_in_place_and_unsupported_ones_are_named() {
    let png = b"\x89PNG\r\n\x1a\n0000";
    let drawing = |rid: &str| {
        format!(
            "<w:p><w:r><w:drawing><wp:inline><a:graphic><a:graphicData><a:blip r:embed=\"{rid}\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        )
    };
    let rels = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>
<Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image2.emf"/>
<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.gov.cn/zhengce/" TargetMode="External"/>
</Relationships>"#;
    let link = "<w:p><w:r><w:t>详见</w:t></w:r><w:hyperlink r:id=\"rId7\"><w:r><w:t>中国政府网</w:t></w:r></w:hyperlink></w:p>";
    let body = [
        p("图解如下："),
        drawing("rId5"),
        drawing("rId6"),
        link.to_owned(),
    ]
    .concat();
    let bytes = docx(
        &body,
        &[
            ("word/_rels/document.xml.rels", rels.as_slice()),
            ("word/media/image1.png", png.as_slice()),
            ("word/media/image2.emf", b"EMF".as_slice()),
        ],
    );
    let imported = import(&bytes).unwrap();
    assert_eq!(imported.images.len(), 1);
    assert_eq!(imported.images[0].file_name, "image1.png");
    assert_eq!(imported.images[0].bytes, png);
    assert!(
        imported.body_md.contains(
            "图解如下：\n\n![图1](docx-image:0)\n\n详见[中国政府网](https://www.gov.cn/zhengce/)"
        ),
        "{}",
        imported.body_md
    );
    assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
    assert!(imported.warnings[0].contains("image2.emf"));
}

#[test]
fn tracked_changes_comments_text_boxes_and_fields_are_listed() {
    let body = [
        "<w:p><w:r><w:t>本方案自</w:t></w:r><w:ins w:id=\"1\" w:author=\"张三\"><w:r><w:t>印发之日</w:t></w:r></w:ins><w:del w:id=\"2\" w:author=\"张三\"><w:r><w:delText>2016年6月1日</w:delText></w:r></w:del><w:r><w:t>起施行。</w:t></w:r><w:r><w:commentReference w:id=\"0\"/></w:r></w:p>".to_owned(),
        "<w:p><w:r><w:t>第</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t>页</w:t></w:r></w:p>".to_owned(),
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框里的话</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框里的话</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>".to_owned(),
    ]
    .concat();
    let comments = r#"<?xml version="1.0"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0"><w:p><w:r><w:t>请核对日期</w:t></w:r></w:p></w:comment></w:comments>"#;
    let imported = import(&docx(&body, &[("word/comments.xml", comments.as_bytes())])).unwrap();
    let md = &imported.body_md;
    assert!(md.contains("本方案自印发之日起施行。"), "{md}");
    assert!(!md.contains("2016年6月1日") && !md.contains("PAGE"), "{md}");
    assert!(md.contains("第3页"), "{md}");
    assert_eq!(md.matches("文本框里的话").count(), 1, "{md}");
    let all = imported.warnings.join("\n");
    for expected in ["1 个文本框", "1 条批注", "插入 1 处、删除 1 处", "1 个域"] {
        assert!(all.contains(expected), "{expected} in {all}");
    }
}

#[test]
fn a_bullet_list_and_word_heading_styles() {
    let bullet = |t: &str| {
        format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>")
    };
    let styled = |id: &str, t: &str| {
        format!("<w:p><w:pPr><w:pStyle w:val=\"{id}\"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>")
    };
    let body = [
        styled("1", "工作要点"),
        styled("2", "工作目标"),
        bullet("公开权力清单"),
        bullet("公开*收费*目录"),
        p("2016. 年度"),
    ]
    .concat();
    let imported = import(&docx(&body, &[])).unwrap();
    assert_eq!(imported.fields.title.as_deref(), Some("工作要点"));
    assert_eq!(
        imported.body_md,
        "### 工作目标\n\n- 公开权力清单\n- 公开\\*收费\\*目录\n\n2016\\. 年度\n"
    );
}

#[test]
fn what_is_not_a_docx_is_refused_clearly() {
    assert_eq!(
        import(b"%PDF-1.7 not a word file").unwrap_err(),
        DocxError::NotDocx
    );
    // A ZIP without a document part (an .xlsx, say).
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("xl/workbook.xml", SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"<workbook/>").unwrap();
    let xlsx = zip.finish().unwrap().into_inner();
    assert_eq!(import(&xlsx).unwrap_err(), DocxError::NotDocx);
    // Broken XML.
    let broken = docx("<w:p><w:r><w:t>未闭合", &[]);
    assert_eq!(import(&broken).unwrap_err(), DocxError::Damaged);
    // A DTD with entity expansion is never expanded.
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", SimpleFileOptions::default())
        .unwrap();
    zip.write_all(br#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#).unwrap();
    let dtd = zip.finish().unwrap().into_inner();
    assert_eq!(import(&dtd).unwrap_err(), DocxError::Damaged);
    for e in [DocxError::NotDocx, DocxError::TooLarge, DocxError::Damaged] {
        assert!(e
            .to_string()
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    }
}

#[test]
fn a_zip_bomb_is_refused_without_unpacking_it() {
    // 50 MB of spaces in one entry packs to a few dozen KB.
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("word/document.xml", options).unwrap();
    let zeros = vec![b' '; 1024 * 1024];
    for _ in 0..50 {
        zip.write_all(&zeros).unwrap();
    }
    let bomb = zip.finish().unwrap().into_inner();
    assert!(bomb.len() < 2 * 1024 * 1024, "{}", bomb.len());
    assert_eq!(import(&bomb).unwrap_err(), DocxError::TooLarge);
}

#[test]
fn a_notice_with_a_table_an_image_and_a_comment() {
    let imported = import(&notice_with_image()).unwrap();
    let f = &imported.fields;
    assert_eq!(
        f.title.as_deref(),
        Some("关于报送政务公开工作进展情况的通知")
    );
    assert_eq!(f.doc_no.as_deref(), Some("闽新广〔2016〕15号"));
    assert_eq!(f.written_on.as_deref(), Some("2016-06-01"));
    let md = &imported.body_md;
    assert!(md.lines().any(|l| l == "## 一、报送事项"), "{md}");
    assert!(md.contains("<td colspan=\"2\">全年</td>"), "{md}");
    assert!(md.contains("![图1](docx-image:0)"), "{md}");
    assert_eq!(imported.images.len(), 1);
    assert_eq!(imported.images[0].bytes, PIXEL_PNG);
    assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
    assert!(
        imported.warnings[0].contains("批注"),
        "{:?}",
        imported.warnings
    );
}

#[test]
fn images_are_placed_by_number_or_taken_out() {
    let body = "甲\n\n![图1](docx-image:0)\n\n<table><tr><td><img src=\"docx-image:1\" alt=\"图2\"></td></tr></table>\n\n![图11](docx-image:10)";
    let mut addresses = vec![Some("/attachments/7".to_owned()), None];
    addresses.resize(11, None);
    addresses[10] = Some("/attachments/9".to_owned());
    assert_eq!(
        place_images(body, &addresses),
        "甲\n\n![图1](/attachments/7)\n\n<table><tr><td></td></tr></table>\n\n![图11](/attachments/9)"
    );
}

#[test]
fn images_renumbered_keep_their_descriptions() {
    let body = "![图1](docx-image:0)\n\n![图2](docx-image:1)";
    let once = place_images(body, &[None, Some(image_placeholder(0))]);
    assert_eq!(once, "\n\n![图2](docx-image:0)");
    assert_eq!(
        place_images(&once, &[Some("/attachments/3".into())]),
        "\n\n![图2](/attachments/3)"
    );
}

#[test]
fn an_item_round_trips_through_word() {
    let item = ExportItem {
        title: "关于报送政务公开工作进展情况的通知".into(),
        doc_no: "闽新广〔2016〕15号".into(),
        publisher: "福建省新闻出版广电局".into(),
        body_md: [
            "各设区市文广新局：",
            "## 一、报送事项",
            "| 事项 | 时间 |\n| --- | --- |\n| 报送材料 | 6月30日前 |",
            "### （一）材料要求",
            "**请按时**报送，详见[通知](https://www.gov.cn/)。",
            "<table><tr><td colspan=\"2\">全年</td></tr><tr><td rowspan=\"2\">甲</td><td>乙</td></tr><tr><td>丙</td></tr></table>",
            "![流程图](/attachments/7)",
            "- 第一项\n- 第二项",
        ]
        .join("\n\n"),
    };
    let bytes = export(&item, &|url: &str| {
        (url == "/attachments/7").then(|| ExportImage {
            mime: "image/png".into(),
            bytes: PIXEL_PNG.to_vec(),
        })
    })
    .unwrap();
    let back = import(&bytes).unwrap();
    assert_eq!(back.fields.title.as_deref(), Some(item.title.as_str()));
    assert_eq!(back.fields.doc_no.as_deref(), Some("闽新广〔2016〕15号"));
    assert_eq!(
        back.fields.publisher.as_deref(),
        Some("福建省新闻出版广电局")
    );
    let md = &back.body_md;
    for line in [
        "各设区市文广新局：",
        "## 一、报送事项",
        "### （一）材料要求",
        "**请按时**报送，详见[通知](https://www.gov.cn/)。",
        "- 第一项",
        "- 第二项",
    ] {
        assert!(md.lines().any(|l| l == line), "{line} in\n{md}");
    }
    assert!(md.contains("| 报送材料 | 6月30日前 |"), "{md}");
    // A merged table's first row reads back as its header.
    assert!(
        md.contains("<th scope=\"col\" colspan=\"2\">全年</th>"),
        "{md}"
    );
    assert!(md.contains("<td rowspan=\"2\">甲</td>"), "{md}");
    assert!(md.contains("<td>丙</td>"), "{md}");
    assert_eq!(back.images.len(), 1);
    assert_eq!(back.images[0].bytes, PIXEL_PNG);
    // The image's description comes back from its 可选文字.
    assert!(md.contains("![流程图](docx-image:0)"), "{md}");
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
}

#[test]
fn an_image_that_cannot_be_had_is_named_in_the_text() {
    let item = ExportItem {
        title: "通知".into(),
        body_md: "见下图：\n\n![流程图](https://example.com/a.png)".into(),
        ..ExportItem::default()
    };
    let back = import(&export(&item, &|_: &str| None).unwrap()).unwrap();
    assert!(
        back.body_md.contains("（图片：流程图）"),
        "{}",
        back.body_md
    );
    assert!(back.images.is_empty());
}

#[test]
fn an_html_table_in_the_body_is_read_as_a_browser_reads_it() {
    // Entities, a cell left unclosed, paragraphs and bold inside cells.
    let item = ExportItem {
        title: "表格".into(),
        body_md: "<table><tr><th>事项 &amp; 时限</th><td>甲<br>乙</tr>\n<tr><td colspan=\"2\"><p>丙</p><p><strong>丁</strong></p></td></tr></table>".into(),
        ..ExportItem::default()
    };
    let back = import(&export(&item, &|_: &str| None).unwrap()).unwrap();
    let md = &back.body_md;
    assert!(
        md.contains(
            "<tr><th scope=\"col\">事项 &amp; 时限</th><th scope=\"col\">甲<br>乙</th></tr>"
        ),
        "{md}"
    );
    assert!(
        md.contains("<tr><td colspan=\"2\">丙<br><strong>丁</strong></td></tr>"),
        "{md}"
    );
}
