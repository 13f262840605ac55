//! The files of a package other than the attachments themselves: each
//! item's page as published (a self-contained HTML file that opens offline,
//! without the portal), its catalogue metadata as XML and JSON, and the
//! package's index page and catalogue.

use crate::content::db::archive::ArchiveItem;
use crate::content::taxonomy::{Disclosure, Validity};
use crate::content::types::ContentKind;
use quick_xml::escape::escape;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use serde::Serialize;

/// A file of an item as the package holds it.
#[derive(Debug, Clone, Serialize)]
pub struct FileRecord {
    #[serde(rename = "名称")]
    pub name: String,
    #[serde(rename = "类型")]
    pub mime: String,
    #[serde(rename = "字节数")]
    pub size: i64,
    /// Relative to the package's `data/` folder.
    #[serde(rename = "路径")]
    pub path: String,
    #[serde(rename = "SHA-256")]
    pub sha256: String,
    /// Where the portal served it (to rewrite the body's links).
    #[serde(skip)]
    pub portal_path: String,
}

/// A 图解 of an item: its drawing as SVG, with the text that describes it.
#[derive(Debug, Clone, Serialize)]
pub struct GraphicRecord {
    #[serde(rename = "名称")]
    pub title: String,
    #[serde(rename = "路径")]
    pub path: String,
    #[serde(rename = "说明")]
    pub description: String,
}

/// An item's catalogue metadata (条例第十二条 and the catalogue's fields),
/// as its `metadata.json` writes it; `metadata.xml` and the HTML page show
/// the same fields in the same order.
#[derive(Debug, Clone, Serialize)]
pub struct Metadata {
    #[serde(rename = "编号")]
    pub id: i64,
    #[serde(rename = "索引号")]
    pub index_no: String,
    #[serde(rename = "名称")]
    pub title: String,
    #[serde(rename = "信息类别")]
    pub category: String,
    #[serde(rename = "子类别")]
    pub subtype: String,
    #[serde(rename = "发布机构")]
    pub publisher: String,
    #[serde(rename = "生成日期")]
    pub made_on: String,
    #[serde(rename = "发文字号")]
    pub doc_no: String,
    #[serde(rename = "主题分类")]
    pub topic: String,
    #[serde(rename = "公开属性")]
    pub disclosure: String,
    #[serde(rename = "有效性")]
    pub validity: String,
    #[serde(rename = "发布日期")]
    pub published_on: String,
    #[serde(rename = "最后更新")]
    pub updated_on: String,
    #[serde(rename = "状态")]
    pub state: String,
    #[serde(rename = "撤回日期")]
    pub withdrawn_on: String,
    #[serde(rename = "撤回原因")]
    pub withdrawn_reason: String,
    #[serde(rename = "摘要")]
    pub summary: String,
    #[serde(rename = "原文地址")]
    pub url: String,
    /// The item's folder in `data/`.
    #[serde(rename = "目录")]
    pub folder: String,
    #[serde(rename = "附件")]
    pub files: Vec<FileRecord>,
    #[serde(rename = "图解")]
    pub graphics: Vec<GraphicRecord>,
    /// The item as a Word document (GB/T 9704 layout), in its folder.
    #[serde(rename = "Word版本", skip_serializing_if = "Option::is_none")]
    pub word: Option<String>,
}

impl Metadata {
    /// The metadata of `item`, whose page was at `origin` + `/articles/{id}`.
    pub fn of(item: &ArchiveItem, origin: &str) -> Metadata {
        use crate::ui::format::iso_date;
        let withdrawn = item.status == "withdrawn";
        let published_on = iso_date(item.published_at);
        Metadata {
            id: item.id,
            index_no: item.index_no.clone().unwrap_or_default(),
            title: item.title.clone(),
            category: ContentKind::from_slug(&item.kind)
                .map_or_else(|| item.kind.clone(), |k| k.label().to_owned()),
            subtype: item
                .subtype_label
                .clone()
                .unwrap_or_else(|| item.subtype.clone()),
            publisher: item.publisher.clone(),
            made_on: if item.written_on.is_empty() {
                published_on.clone()
            } else {
                item.written_on.clone()
            },
            doc_no: item.doc_no.clone(),
            topic: item.topic.clone(),
            disclosure: Disclosure::from_slug(&item.disclosure)
                .map_or("", |d| d.label())
                .to_owned(),
            validity: Validity::from_slug(&item.validity)
                .map_or("", |v| v.label())
                .to_owned(),
            published_on,
            updated_on: iso_date(item.updated_at),
            state: if withdrawn { "已撤回" } else { "已发布" }.to_owned(),
            withdrawn_on: item.withdrawn_at.map(iso_date).unwrap_or_default(),
            withdrawn_reason: if withdrawn {
                item.withdrawn_reason.clone()
            } else {
                String::new()
            },
            summary: item.summary.clone(),
            url: format!("{}/articles/{}", origin.trim_end_matches('/'), item.id),
            folder: folder(item.id),
            files: Vec::new(),
            graphics: Vec::new(),
            word: None,
        }
    }

    pub fn withdrawn(&self) -> bool {
        self.state == "已撤回"
    }

    /// The single-valued fields in order: (name, value).
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = vec![
            ("编号", self.id.to_string()),
            ("索引号", self.index_no.clone()),
            ("名称", self.title.clone()),
            ("信息类别", self.category.clone()),
            ("子类别", self.subtype.clone()),
            ("发布机构", self.publisher.clone()),
            ("生成日期", self.made_on.clone()),
            ("发文字号", self.doc_no.clone()),
            ("主题分类", self.topic.clone()),
            ("公开属性", self.disclosure.clone()),
            ("有效性", self.validity.clone()),
            ("发布日期", self.published_on.clone()),
            ("最后更新", self.updated_on.clone()),
            ("状态", self.state.clone()),
        ];
        if self.withdrawn() {
            fields.push(("撤回日期", self.withdrawn_on.clone()));
            fields.push(("撤回原因", self.withdrawn_reason.clone()));
        }
        fields.push(("摘要", self.summary.clone()));
        fields.push(("原文地址", self.url.clone()));
        fields
    }

    pub fn json(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }

    /// `metadata.xml`: root element 政府信息 with one element per field.
    pub fn xml(&self) -> Vec<u8> {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        let _ = write_xml(&mut w, std::slice::from_ref(self), false);
        w.into_inner()
    }
}

/// An item's folder under `data/`.
pub fn folder(id: i64) -> String {
    format!("items/{id:06}")
}

fn write_record(w: &mut Writer<Vec<u8>>, m: &Metadata) -> std::io::Result<()> {
    w.create_element("政府信息")
        .with_attribute(("编号", m.id.to_string().as_str()))
        .write_inner_content(|w| {
            for (name, value) in m.fields() {
                w.create_element(name)
                    .write_text_content(BytesText::new(&value))?;
            }
            w.create_element("附件").write_inner_content(|w| {
                for f in &m.files {
                    w.create_element("文件")
                        .with_attribute(("名称", f.name.as_str()))
                        .with_attribute(("类型", f.mime.as_str()))
                        .with_attribute(("字节数", f.size.to_string().as_str()))
                        .with_attribute(("路径", f.path.as_str()))
                        .with_attribute(("SHA-256", f.sha256.as_str()))
                        .write_empty()?;
                }
                Ok(())
            })?;
            w.create_element("图解").write_inner_content(|w| {
                for g in &m.graphics {
                    w.create_element("图")
                        .with_attribute(("名称", g.title.as_str()))
                        .with_attribute(("路径", g.path.as_str()))
                        .write_text_content(BytesText::new(&g.description))?;
                }
                Ok(())
            })?;
            if let Some(path) = &m.word {
                w.create_element("Word版本")
                    .with_attribute(("路径", path.as_str()))
                    .write_empty()?;
            }
            Ok(())
        })?;
    Ok(())
}

fn write_xml(w: &mut Writer<Vec<u8>>, records: &[Metadata], list: bool) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    if list {
        w.create_element("政府信息目录")
            .write_inner_content(|w| records.iter().try_for_each(|m| write_record(w, m)))?;
    } else if let Some(m) = records.first() {
        write_record(w, m)?;
    }
    Ok(())
}

/// `catalogue.xml`: every item's record under 政府信息目录.
pub fn catalogue_xml(records: &[Metadata]) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let _ = write_xml(&mut w, records, true);
    w.into_inner()
}

/// What the package is: for its index page and `catalogue.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Cover {
    #[serde(rename = "网站名称")]
    pub site: String,
    #[serde(rename = "起始日期")]
    pub from: String,
    #[serde(rename = "截止日期")]
    pub to: String,
    #[serde(rename = "导出时间")]
    pub exported_at: String,
    #[serde(rename = "导出人")]
    pub by: String,
}

/// `catalogue.json`: the cover and every record.
pub fn catalogue_json(cover: &Cover, records: &[Metadata]) -> Vec<u8> {
    #[derive(Serialize)]
    struct Catalogue<'a> {
        #[serde(rename = "说明")]
        cover: &'a Cover,
        #[serde(rename = "信息")]
        records: &'a [Metadata],
    }
    serde_json::to_vec_pretty(&Catalogue { cover, records }).unwrap_or_default()
}

const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;max-width:48rem;\
margin:0 auto;padding:1rem;line-height:1.7;color:#0b0c0c}\
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #b1b4b6;padding:.3rem .5rem;\
text-align:left;vertical-align:top}th{background:#f3f2f1;white-space:nowrap}img{max-width:100%}\
.withdrawn{border:3px solid #d4351c;padding:.5rem 1rem}";

fn page(title: &str, body: &str) -> Vec<u8> {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n",
        escape(title)
    )
    .into_bytes()
}

fn meta_table(m: &Metadata) -> String {
    let rows: String = m
        .fields()
        .into_iter()
        .filter(|(name, value)| !value.is_empty() && *name != "名称")
        .map(|(name, value)| {
            format!(
                "<tr><th scope=\"row\">{name}</th><td>{}</td></tr>\n",
                escape(&value)
            )
        })
        .collect();
    format!("<table>\n<caption>目录信息</caption>\n{rows}</table>")
}

/// The body as published, its links to the item's own attachments pointed
/// at the copies in the package and its links within the portal made
/// absolute (so they still lead somewhere from an archive's disk).
pub fn archived_body(
    body_html: &str,
    files: &[FileRecord],
    item_folder: &str,
    origin: &str,
) -> String {
    let mut body = body_html.to_owned();
    for f in files {
        let local = f
            .path
            .strip_prefix(&format!("{item_folder}/"))
            .unwrap_or(&f.path);
        for attr in ["href", "src"] {
            body = body.replace(
                &format!("{attr}=\"{}\"", f.portal_path),
                &format!("{attr}=\"{}\"", escape(local)),
            );
        }
    }
    let origin = origin.trim_end_matches('/');
    if origin.is_empty() {
        return body;
    }
    body.replace("href=\"/", &format!("href=\"{origin}/"))
        .replace("src=\"/", &format!("src=\"{origin}/"))
}

/// `item.html`: the item as published — title, catalogue metadata, body,
/// 图解 and attachments — or, for an item withdrawn since, its metadata
/// and the withdrawal without the body.
pub fn item_html(m: &Metadata, body_html: &str, site: &str, origin: &str) -> Vec<u8> {
    let folder = &m.folder;
    let local = |p: &str| {
        p.strip_prefix(&format!("{folder}/"))
            .unwrap_or(p)
            .to_owned()
    };
    let mut out = format!(
        "<header><p>{}</p><h1>{}</h1></header>\n<main>\n",
        escape(site),
        escape(&m.title)
    );
    if m.withdrawn() {
        out.push_str(&format!(
            "<p class=\"withdrawn\" role=\"note\"><strong>本信息已于{}撤回。</strong>撤回原因：{}。正文和附件不再公开，此处只保留目录信息。</p>\n",
            escape(&m.withdrawn_on),
            escape(&m.withdrawn_reason)
        ));
    }
    out.push_str(&meta_table(m));
    if !m.withdrawn() {
        out.push_str("\n<article>\n");
        out.push_str(&archived_body(body_html, &m.files, folder, origin));
        out.push_str("\n</article>\n");
        for g in &m.graphics {
            out.push_str(&format!(
                "<figure><img src=\"{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>\n",
                escape(local(&g.path)),
                escape(&g.description),
                escape(&g.title)
            ));
        }
        if !m.files.is_empty() {
            out.push_str("<h2>附件</h2>\n<ul>\n");
            for f in &m.files {
                out.push_str(&format!(
                    "<li><a href=\"{}\">{}</a>（{}字节）</li>\n",
                    escape(local(&f.path)),
                    escape(&f.name),
                    f.size
                ));
            }
            out.push_str("</ul>\n");
        }
        if let Some(path) = &m.word {
            out.push_str(&format!(
                "<p>Word 版本：<a href=\"{}\">{}</a></p>\n",
                escape(local(path)),
                escape(local(path))
            ));
        }
    }
    out.push_str(&format!(
        "</main>\n<footer><p>原文地址：{}；<a href=\"metadata.xml\">目录信息（XML）</a>，<a href=\"metadata.json\">目录信息（JSON）</a>，<a href=\"../../index.html\">返回导出包目录</a>。</p></footer>",
        escape(&m.url)
    ));
    page(&m.title, &out)
}

/// `index.html`: what the package is and every item in it, with links.
pub fn index_html(cover: &Cover, records: &[Metadata]) -> Vec<u8> {
    let withdrawn = records.iter().filter(|m| m.withdrawn()).count();
    let files: usize = records.iter().map(|m| m.files.len()).sum();
    let mut out = format!(
        "<header><p>{}</p><h1>政府信息公开报送目录（{} 至 {}）</h1></header>\n<main>\n\
         <p>本包收录{}至{}期间主动公开的政府信息{}条（其中已撤回{}条，只保留目录信息），附件{}个。\
         导出时间：{}；导出人：{}。每个文件的 SHA-256 校验值见包内 manifest-sha256.txt（BagIt 格式）；\
         目录信息另有 catalogue.xml 和 catalogue.json。</p>\n",
        escape(&cover.site),
        cover.from,
        cover.to,
        cover.from,
        cover.to,
        records.len(),
        withdrawn,
        files,
        escape(&cover.exported_at),
        escape(&cover.by),
    );
    out.push_str(
        "<table>\n<caption>信息目录</caption>\n<thead><tr><th scope=\"col\">索引号</th><th scope=\"col\">名称</th>\
         <th scope=\"col\">信息类别</th><th scope=\"col\">发布日期</th><th scope=\"col\">状态</th></tr></thead>\n<tbody>\n",
    );
    for m in records {
        let state = if m.withdrawn() {
            format!("已撤回（{}）", escape(&m.withdrawn_on))
        } else {
            "已发布".to_owned()
        };
        out.push_str(&format!(
            "<tr><td>{}</td><td><a href=\"{}/item.html\">{}</a></td><td>{}</td><td>{}</td><td>{state}</td></tr>\n",
            escape(&m.index_no),
            m.folder,
            escape(&m.title),
            escape(&m.category),
            m.published_on,
        ));
    }
    out.push_str("</tbody>\n</table>\n</main>");
    page(
        &format!("政府信息公开报送目录（{} 至 {}）", cover.from, cover.to),
        &out,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(status: &str) -> ArchiveItem {
        ArchiveItem {
            id: 7,
            kind: "policy".into(),
            subtype: "normative".into(),
            subtype_label: Some("规范性文件".into()),
            title: "关于<印发>某办法的通知".into(),
            summary: "摘要".into(),
            body_md: "见[附件](/attachments/3)".into(),
            body_html:
                "<p>见<a href=\"/attachments/3\">附件</a>和<a href=\"/articles/2\">另文</a></p>"
                    .into(),
            publisher: "某局".into(),
            index_no: Some("000000000-0101-2016-00001".into()),
            doc_no: "闽新广〔2016〕12号".into(),
            written_on: "2016-05-03".into(),
            topic: "新闻出版".into(),
            validity: "valid".into(),
            disclosure: "active".into(),
            status: status.into(),
            published_at: 1_462_300_000,
            updated_at: 1_462_300_000,
            withdrawn_at: (status == "withdrawn").then_some(1_470_000_000),
            withdrawn_reason: if status == "withdrawn" {
                "内容有误".into()
            } else {
                String::new()
            },
        }
    }

    fn with_file(mut m: Metadata) -> Metadata {
        m.files.push(FileRecord {
            name: "附件一.pdf".into(),
            mime: "application/pdf".into(),
            size: 10,
            path: format!("{}/attachments/3-附件一.pdf", m.folder),
            sha256: "ab".into(),
            portal_path: "/attachments/3".into(),
        });
        m
    }

    #[test]
    fn the_page_points_at_the_packaged_files_and_the_portal() {
        let m = with_file(Metadata::of(
            &item("published"),
            "https://gdj.example.gov.cn",
        ));
        let html = String::from_utf8(item_html(
            &m,
            &item("published").body_html,
            "某局网站",
            "https://gdj.example.gov.cn",
        ))
        .unwrap();
        assert!(
            html.contains("href=\"attachments/3-附件一.pdf\">附件</a>"),
            "{html}"
        );
        assert!(
            html.contains("href=\"https://gdj.example.gov.cn/articles/2\""),
            "{html}"
        );
        assert!(html.contains("<h1>关于&lt;印发&gt;某办法的通知</h1>"));
        assert!(html.contains("<th scope=\"row\">发文字号</th><td>闽新广〔2016〕12号</td>"));
        assert!(!html.contains("撤回原因"));
    }

    #[test]
    fn a_withdrawn_item_keeps_its_record_and_loses_its_body() {
        let m = with_file(Metadata::of(&item("withdrawn"), ""));
        let html =
            String::from_utf8(item_html(&m, &item("withdrawn").body_html, "某局网站", "")).unwrap();
        assert!(html.contains("本信息已于2016-08-01撤回"), "{html}");
        assert!(html.contains("内容有误"));
        assert!(!html.contains("另文"));
        assert!(!html.contains("附件一.pdf\">"));
        let xml = String::from_utf8(m.xml()).unwrap();
        assert!(xml.contains("<撤回原因>内容有误</撤回原因>"), "{xml}");
        assert!(xml.contains("<状态>已撤回</状态>"));
    }

    #[test]
    fn xml_and_json_carry_the_catalogue_fields() {
        let m = with_file(Metadata::of(&item("published"), ""));
        let xml = String::from_utf8(m.xml()).unwrap();
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assert!(xml.contains("<政府信息 编号=\"7\">"));
        assert!(
            xml.contains("<名称>关于&lt;印发&gt;某办法的通知</名称>"),
            "{xml}"
        );
        assert!(xml.contains("<索引号>000000000-0101-2016-00001</索引号>"));
        assert!(xml.contains("<生成日期>2016-05-03</生成日期>"));
        assert!(xml.contains("<公开属性>主动公开</公开属性>"));
        assert!(xml.contains("<有效性>有效</有效性>"));
        assert!(xml.contains("<子类别>规范性文件</子类别>"));
        assert!(xml.contains("路径=\"items/000007/attachments/3-附件一.pdf\""));
        let json: serde_json::Value = serde_json::from_slice(&m.json()).unwrap();
        assert_eq!(json["发文字号"], "闽新广〔2016〕12号");
        assert_eq!(json["附件"][0]["SHA-256"], "ab");
        assert_eq!(json["主题分类"], "新闻出版");
        let all = String::from_utf8(catalogue_xml(&[m.clone(), m])).unwrap();
        assert_eq!(all.matches("<政府信息 编号=").count(), 2);
    }
}
