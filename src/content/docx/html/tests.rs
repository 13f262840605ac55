use super::paste;

/// Word 2016's clipboard HTML for a 公文 excerpt, cut down but kept in its
/// shape: the head with styles, conditional comments around list labels,
/// `o:p`, source lines wrapped mid-sentence, a table with merged cells, an
/// image on the writer's disk, a web link and a bookmark link. The browser
/// suite pastes the same file.
pub const WORD: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/end2end/fixtures/word-clipboard.html"
));

#[test]
fn word_paste_becomes_the_body_format() {
    let p = paste(WORD);
    assert_eq!(
        p.body_md,
        "为贯彻落实《中华人民共和国政府信息公开条例》，现就做好政务公开工作通知如下。\n\n\
         ## 一、总体要求\n\n\
         （一）工作目标。到2018年，政务公开制度体系**基本形成**。\n\n\
         - 权力清单\n    - 行政许可\n\n\
         <table>\n<tbody>\n\
         <tr><th scope=\"col\"><strong>事项</strong></th><th scope=\"col\" colspan=\"2\"><strong>办理时限</strong></th></tr>\n\
         <tr><td rowspan=\"2\">出版物经营许可</td><td>法定</td><td>20个工作日</td></tr>\n\
         <tr><td>承诺</td><td>10个工作日</td></tr>\n\
         </tbody>\n</table>\n\n\
         详见[政务公开专栏](http://www.example.gov.cn/zwgk/)，或目录。"
    );
    assert_eq!(p.notes.len(), 1, "{:?}", p.notes);
    assert!(p.notes[0].contains("1 张图片未带入"), "{:?}", p.notes);
}

/// WPS marks bold in the style, writes the 公文 numbers as text, and puts a
/// numbered list's labels in the same `mso-list:Ignore` spans as Word.
const WPS: &str = r#"<html><head><meta name="Generator" content="WPS Office"></head><body>
<p class="MsoNormal" align="center" style="text-align:center;"><span style="font-family:方正小标宋简体;font-size:22.0pt;">关于做好年度报告工作的通知</span></p>
<p class="MsoNormal"><span style="font-family:黑体;font-size:16.0pt;mso-spacerun:'yes';font-weight:bold;">二、工作措施</span></p>
<p class="MsoNormal"><span style="font-family:楷体_GB2312;">（一）建立台账</span></p>
<p class="MsoNormal" style="margin-left:21pt;mso-list:l1 level1 lfo2;"><span style="mso-list:Ignore;">1.&nbsp;</span><span>按月报送</span></p>
<p class="MsoNormal" style="mso-list:l1 level1 lfo2;"><span style="mso-list:Ignore;">2.&nbsp;</span><span>年底汇总报送省局办公室，并在门户网站公开。</span></p>
<p class="MsoNormal">&#12288;&#12288;联系人：张三，电话：0591-87654321</p>
</body></html>"#;

#[test]
fn wps_paste_gets_gongwen_headings() {
    let p = paste(WPS);
    assert_eq!(
        p.body_md,
        "关于做好年度报告工作的通知\n\n\
         ## 二、工作措施\n\n\
         ### （一）建立台账\n\n\
         #### 1.按月报送\n\n\
         #### 2.年底汇总报送省局办公室，并在门户网站公开。\n\n\
         联系人：张三，电话：0591-87654321"
    );
    assert!(p.notes.is_empty(), "{:?}", p.notes);
}

/// An online editor's HTML (Google Docs-like): a wrapper that turns bold
/// off, headings, a numbered list with a nested bullet list, a line break.
const WEB: &str = r#"<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1234"><h2 dir="ltr"><span style="font-size:16pt;font-weight:700">办理流程</span></h2><ol start="3"><li><p><span style="font-weight:400">网上申请</span></p></li><li><p><span>现场核验</span></p><ul><li>携带<em>身份证</em></li></ul></li></ol><p><span style="font-weight:400">咨询电话：</span><span style="font-weight:700">0591-12345678</span><br><span>地址：福州市 鼓楼区</span></p><script>alert(1)</script><p><a href="javascript:alert(1)">点我</a> and <a href="/services/12">办事指南</a></p></b>"#;

#[test]
fn web_paste_keeps_lists_breaks_and_safe_links_only() {
    let p = paste(WEB);
    assert_eq!(
        p.body_md,
        "### 办理流程\n\n\
         3. 网上申请\n4. 现场核验\n    - 携带*身份证*\n\n\
         咨询电话：**0591-12345678**\\\n地址：福州市 鼓楼区\n\n\
         点我 and [办事指南](/services/12)"
    );
    // The Markdown renders as the public page will show it.
    let html = crate::content::markdown::render(&p.body_md);
    assert!(html.contains("<ol start=\"3\">"), "{html}");
    assert!(
        html.contains("<ul>\n<li>携带<em>身份证</em></li>"),
        "{html}"
    );
    assert!(!html.contains("alert"), "{html}");
}

#[test]
fn markup_in_text_stays_text() {
    let p = paste("<p>1. 第一条 *不是强调* &lt;script&gt; # 不是标题。这是正文。</p><h1>标题</h1>");
    assert_eq!(
        p.body_md,
        "1\\. 第一条 \\*不是强调\\* \\<script\\> \\# 不是标题。这是正文。\n\n## 标题"
    );
    let html = crate::content::markdown::render(&p.body_md);
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(!html.contains("<em>"), "{html}");
}

#[test]
fn hostile_paste_is_cut_short_not_crashed() {
    let deep = format!("{}深处{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
    let p = paste(&deep);
    assert_eq!(p.body_md, "");
    assert!(
        p.notes.iter().any(|n| n.contains("层次过深")),
        "{:?}",
        p.notes
    );

    let nested = "<table><tr><td>外<table><tr><td>内一</td><td>内二</td></tr></table></td><td>旁</td></tr></table>";
    let p = paste(nested);
    assert!(p.body_md.contains("| 外 内一 内二 | 旁 |"), "{}", p.body_md);
    assert!(
        p.notes.iter().any(|n| n.contains("1 个表格")),
        "{:?}",
        p.notes
    );

    let p = paste("<p>控制\u{0}字符\u{b}在\u{1b}此</p><td colspan=99999>x</td>");
    assert!(p.body_md.starts_with("控制字符在此"), "{}", p.body_md);
    assert!(p.body_md.chars().all(crate::server::input::allowed_char));
}
