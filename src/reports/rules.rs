//! The annual report's rules: the template's row labels, the balance checks
//! that must hold before it goes to review, the figures the narrative may
//! quote (`{{名称}}`), and the report's text — Markdown with the tables as
//! HTML, so they keep the template's merged headings. Pure functions; they
//! compile for the browser too.

use super::types::{
    AnnualReport, APPEAL_COLUMNS, COLUMNS, ROW_CARRIED_IN, ROW_FIRST_OUTCOME, ROW_NEW, TOTAL_COLUMN,
};
use crate::requests::types::{APPEAL_KINDS, OUTCOMES};

/// Table 三's rows: (group heading shown above it, if it starts a group;
/// the row's label).
pub fn request_rows() -> Vec<(Option<&'static str>, String)> {
    let mut rows = vec![
        (None, "一、本年新收政府信息公开申请数量".to_owned()),
        (None, "二、上年结转政府信息公开申请数量".to_owned()),
    ];
    let groups = [
        ("予以公开", "（一）予以公开"),
        (
            "部分公开",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ),
        ("不予公开", "（三）不予公开"),
        ("无法提供", "（四）无法提供"),
        ("不予处理", "（五）不予处理"),
        ("其他处理", "（六）其他处理"),
    ];
    let mut last_group = "";
    for o in OUTCOMES {
        let heading = groups
            .iter()
            .find(|(g, _)| *g == o.group)
            .map_or(o.group, |(_, h)| *h);
        if o.item.is_empty() {
            rows.push((
                Some("三、本年度办理结果").filter(|_| last_group.is_empty()),
                heading.to_owned(),
            ));
        } else {
            let n = o.slug.rsplit('-').next().unwrap_or("");
            let first = last_group != o.group;
            rows.push((first.then_some(heading), format!("{n}.{}", o.item)));
        }
        last_group = o.group;
    }
    rows.push((None, "（七）总计".to_owned()));
    rows.push((None, "四、结转下年度继续办理".to_owned()));
    rows
}

/// Row index of table 三's 总计 (办理结果总计).
pub fn row_total() -> usize {
    ROW_FIRST_OUTCOME + OUTCOMES.len()
}

/// Row index of 结转下年度继续办理.
pub fn row_carried_out() -> usize {
    row_total() + 1
}

fn sum(values: impl IntoIterator<Item = i64>) -> i64 {
    values.into_iter().sum()
}

/// The figures the narrative may quote, as (名称, value), in the order the
/// staff page lists them.
pub fn figures(r: &AnnualReport) -> Vec<(String, String)> {
    let cell = |row: usize| r.requests.get(row).map_or(0, |cols| cols[TOTAL_COLUMN]);
    let group = |g: &str| {
        OUTCOMES
            .iter()
            .enumerate()
            .filter(|(_, o)| o.group == g)
            .map(|(i, _)| cell(ROW_FIRST_OUTCOME + i))
            .sum::<i64>()
    };
    let mut out: Vec<(&str, String)> = vec![
        ("主动公开信息", r.published_items.to_string()),
        ("本年制发规范性文件", r.proactive.normative[0].to_string()),
        ("本年废止规范性文件", r.proactive.normative[1].to_string()),
        ("现行有效规范性文件", r.proactive.normative[2].to_string()),
        ("行政许可决定", r.proactive.licences.to_string()),
        ("行政处罚决定", r.proactive.penalties.to_string()),
    ];
    if !r.proactive.enforcement.trim().is_empty() {
        out.push(("行政强制决定", r.proactive.enforcement.trim().to_owned()));
    }
    if !r.proactive.fees_wan.trim().is_empty() {
        out.push(("行政事业性收费万元", r.proactive.fees_wan.trim().to_owned()));
    }
    out.extend([
        ("本年新收申请", cell(ROW_NEW).to_string()),
        ("上年结转申请", cell(ROW_CARRIED_IN).to_string()),
        ("办理结果总计", cell(row_total()).to_string()),
        ("予以公开", group("予以公开").to_string()),
        ("部分公开", group("部分公开").to_string()),
        ("不予公开", group("不予公开").to_string()),
        ("无法提供", group("无法提供").to_string()),
        ("不予处理", group("不予处理").to_string()),
        ("其他处理", group("其他处理").to_string()),
        ("结转下年度", cell(row_carried_out()).to_string()),
        ("行政复议", r.appeals[0][4].to_string()),
        ("行政诉讼", (r.appeals[1][4] + r.appeals[2][4]).to_string()),
        ("信息处理费元", r.fees_yuan.to_string()),
    ]);
    out.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// `text` with every `{{名称}}` replaced by its figure; unknown names are
/// left as typed (the checks name them).
pub fn expand(text: &str, figures: &[(String, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                let name = after[..end].trim();
                match figures.iter().find(|(k, _)| k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&rest[start..start + 2 + end + 2]),
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The names inside `{{…}}` in `text`.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        out.push(after[..end].trim().to_owned());
        rest = &after[end + 2..];
    }
    out
}

/// Units after which a number in the narrative is a count or an amount
/// the tables must bear out.
const UNITS: [&str; 6] = ["万元", "件", "条", "项", "份", "元"];

/// Numbers typed in `text` (outside `{{…}}`) as counts or amounts: the
/// number as typed and its unit.
fn quoted_numbers(text: &str) -> Vec<(String, &'static str)> {
    let plain = {
        let mut s = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            s.push_str(&rest[..start]);
            s.push(' ');
            match rest[start..].find("}}") {
                Some(end) => rest = &rest[start + end + 2..],
                None => {
                    rest = "";
                }
            }
        }
        s.push_str(rest);
        s
    };
    let chars: Vec<char> = plain.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let number: String = chars[start..i].iter().collect();
            let number = number.trim_end_matches('.').to_owned();
            let tail: String = chars[i..chars.len().min(i + 2)].iter().collect();
            if let Some(unit) = UNITS.into_iter().find(|u| tail.starts_with(u)) {
                out.push((number, unit));
            }
        } else {
            i += 1;
        }
    }
    out
}

fn same_number(a: &str, b: &str) -> bool {
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => (x - y).abs() < 1e-9,
        _ => a == b,
    }
}

/// A non-negative amount with at most four decimals (万元 to the yuan).
fn amount_problem(s: &str) -> bool {
    let s = s.trim();
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 4
        || !frac.bytes().all(|b| b.is_ascii_digit())
}

/// Why the entered figure (`fees_wan`) is refused. Table 二's 行政强制
/// count comes from the coercion register, so nothing else is entered.
pub fn entered_problems(r: &AnnualReport) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let f = r.proactive.fees_wan.trim();
    if f.is_empty() {
        out.push((
            "fees_wan",
            "请填写表二“行政事业性收费·本年收费金额（万元）”（没有则填0）".to_owned(),
        ));
    } else if amount_problem(f) {
        out.push((
            "fees_wan",
            "表二“行政事业性收费·本年收费金额”以万元为单位填写数字，最多4位小数，如 0 或 12.5"
                .to_owned(),
        ));
    }
    out
}

/// Every check the report fails, each named in Chinese; empty: it may go to
/// review.
pub fn problems(r: &AnnualReport) -> Vec<String> {
    let mut out = Vec::new();
    let rows = request_rows();
    if r.requests.len() != rows.len() {
        out.push(format!(
            "表三应有{}行，现有{}行，请重新生成报告",
            rows.len(),
            r.requests.len()
        ));
        return out;
    }
    let (total_row, carried_out) = (row_total(), row_carried_out());
    for (c, name) in COLUMNS.iter().enumerate() {
        let col = |row: usize| r.requests[row][c];
        let (new, carried_in, total, out_) = (
            col(ROW_NEW),
            col(ROW_CARRIED_IN),
            col(total_row),
            col(carried_out),
        );
        if new + carried_in != total + out_ {
            out.push(format!(
                "表三“{name}”列：本年新收（{new}）+ 上年结转（{carried_in}）= {}，而办理结果总计（{total}）+ 结转下年度（{out_}）= {}，两者应相等",
                new + carried_in,
                total + out_
            ));
        }
        let items = sum((ROW_FIRST_OUTCOME..total_row).map(col));
        if items != total {
            out.push(format!(
                "表三“{name}”列：办理结果各项之和为{items}，与办理结果总计（{total}）不等"
            ));
        }
    }
    for (row, (_, label)) in rows.iter().enumerate() {
        let cols = r.requests[row];
        let parts = sum(cols[..TOTAL_COLUMN].iter().copied());
        if parts != cols[TOTAL_COLUMN] {
            out.push(format!(
                "表三“{label}”行：各列之和为{parts}，与总计（{}）不等",
                cols[TOTAL_COLUMN]
            ));
        }
    }
    for (g, (_, name)) in APPEAL_KINDS.iter().enumerate() {
        let cols = r.appeals[g];
        let parts = sum(cols[..4].iter().copied());
        if parts != cols[4] {
            out.push(format!(
                "表四“{name}”：{}之和为{parts}，与总计（{}）不等",
                APPEAL_COLUMNS[..4].join("、"),
                cols[4]
            ));
        }
    }
    out.extend(entered_problems(r).into_iter().map(|(_, m)| m));
    let figures = figures(r);
    for (part, text) in [
        ("一、总体情况", &r.overview_md),
        ("五、存在的主要问题及改进情况", &r.problems_md),
        ("六、其他需要报告的事项", &r.other_md),
    ] {
        if text.trim().is_empty() {
            out.push(format!("请填写“{part}”"));
            continue;
        }
        for name in tokens(text) {
            if !figures.iter().any(|(k, _)| *k == name) {
                out.push(format!("“{part}”中的“{{{{{name}}}}}”不是本报告的数字名称"));
            }
        }
        for (number, unit) in quoted_numbers(text) {
            if !figures.iter().any(|(_, v)| same_number(v, &number)) {
                out.push(format!(
                    "“{part}”写有“{number}{unit}”，与报告表格中的数字都不相符；请改用数字名称，如 {{{{本年新收申请}}}}"
                ));
            }
        }
    }
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn td(n: impl std::fmt::Display) -> String {
    format!("<td>{n}</td>")
}

/// Table 二 as four small tables, one per 第二十条 item.
fn proactive_html(r: &AnnualReport) -> String {
    let p = &r.proactive;
    let mut s = String::new();
    s.push_str("<table>\n<caption>第二十条第（一）项</caption>\n<thead><tr><th scope=\"col\">信息内容</th><th scope=\"col\">本年制发件数</th><th scope=\"col\">本年废止件数</th><th scope=\"col\">现行有效件数</th></tr></thead>\n<tbody>\n");
    for (label, v) in [("规章", p.rules), ("行政规范性文件", p.normative)] {
        s.push_str(&format!(
            "<tr><th scope=\"row\">{label}</th>{}{}{}</tr>\n",
            td(v[0]),
            td(v[1]),
            td(v[2])
        ));
    }
    s.push_str("</tbody>\n</table>\n");
    s.push_str("<table>\n<caption>第二十条第（五）项</caption>\n<thead><tr><th scope=\"col\">信息内容</th><th scope=\"col\">本年处理决定数量</th></tr></thead>\n<tbody>\n");
    s.push_str(&format!(
        "<tr><th scope=\"row\">行政许可</th>{}</tr>\n",
        td(p.licences)
    ));
    s.push_str("</tbody>\n</table>\n");
    s.push_str("<table>\n<caption>第二十条第（六）项</caption>\n<thead><tr><th scope=\"col\">信息内容</th><th scope=\"col\">本年处理决定数量</th></tr></thead>\n<tbody>\n");
    s.push_str(&format!(
        "<tr><th scope=\"row\">行政处罚</th>{}</tr>\n",
        td(p.penalties)
    ));
    s.push_str(&format!(
        "<tr><th scope=\"row\">行政强制</th>{}</tr>\n",
        td(esc(p.enforcement.trim()))
    ));
    s.push_str("</tbody>\n</table>\n");
    s.push_str("<table>\n<caption>第二十条第（八）项</caption>\n<thead><tr><th scope=\"col\">信息内容</th><th scope=\"col\">本年收费金额（单位：万元）</th></tr></thead>\n<tbody>\n");
    s.push_str(&format!(
        "<tr><th scope=\"row\">行政事业性收费</th>{}</tr>\n",
        td(esc(p.fees_wan.trim()))
    ));
    s.push_str("</tbody>\n</table>");
    s
}

/// Table 三 with the template's two heading rows; each outcome group
/// starts with a heading row.
fn requests_html(r: &AnnualReport) -> String {
    let mut s = String::from("<table>\n<caption>收到和处理政府信息公开申请情况（单位：件）</caption>\n<thead>\n<tr><th scope=\"col\" rowspan=\"2\">申请情况</th><th scope=\"col\" rowspan=\"2\">自然人</th><th scope=\"colgroup\" colspan=\"5\">法人或其他组织</th><th scope=\"col\" rowspan=\"2\">总计</th></tr>\n<tr>");
    for name in &COLUMNS[1..TOTAL_COLUMN] {
        s.push_str(&format!("<th scope=\"col\">{name}</th>"));
    }
    s.push_str("</tr>\n</thead>\n<tbody>\n");
    for (row, (heading, label)) in request_rows().iter().enumerate() {
        if let Some(h) = heading {
            s.push_str(&format!(
                "<tr><th scope=\"rowgroup\" colspan=\"8\">{h}</th></tr>\n"
            ));
        }
        let cols = r.requests.get(row).copied().unwrap_or_default();
        s.push_str(&format!("<tr><th scope=\"row\">{label}</th>"));
        for v in cols {
            s.push_str(&td(v));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>");
    s
}

/// Table 四, one row per result and one column per kind of appeal (the
/// template's 15 columns do not fit a phone).
fn appeals_html(r: &AnnualReport) -> String {
    let mut s = String::from("<table>\n<caption>政府信息公开行政复议、行政诉讼情况（单位：件）</caption>\n<thead>\n<tr><th scope=\"col\" rowspan=\"2\">结果</th><th scope=\"col\" rowspan=\"2\">行政复议</th><th scope=\"colgroup\" colspan=\"2\">行政诉讼</th></tr>\n<tr><th scope=\"col\">未经复议直接起诉</th><th scope=\"col\">复议后起诉</th></tr>\n</thead>\n<tbody>\n");
    for (i, name) in APPEAL_COLUMNS.iter().enumerate() {
        s.push_str(&format!(
            "<tr><th scope=\"row\">{name}</th>{}{}{}</tr>\n",
            td(r.appeals[0][i]),
            td(r.appeals[1][i]),
            td(r.appeals[2][i])
        ));
    }
    s.push_str("</tbody>\n</table>");
    s
}

/// Narrative as typed, its `{{名称}}` filled in, with no HTML of its own (a
/// line that starts an HTML block would otherwise swallow what follows).
fn narrative(text: &str, figures: &[(String, String)]) -> String {
    expand(text.trim(), figures)
}

/// The report's text as published: the narrative parts in Markdown and the
/// tables in HTML (which the sanitiser keeps, merged headings included).
pub fn markdown(r: &AnnualReport) -> String {
    let f = figures(r);
    format!(
        "## 一、总体情况\n\n{}\n\n## 二、主动公开政府信息情况\n\n{}\n\n## 三、收到和处理政府信息公开申请情况\n\n{}\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n{}\n\n## 五、存在的主要问题及改进情况\n\n{}\n\n## 六、其他需要报告的事项\n\n{}\n",
        narrative(&r.overview_md, &f),
        proactive_html(r),
        requests_html(r),
        appeals_html(r),
        narrative(&r.problems_md, &f),
        narrative(&r.other_md, &f),
    )
}

/// The tables as CSV rows (表, 项目, 列, 数值), for download.
pub fn csv_rows(r: &AnnualReport) -> Vec<[String; 4]> {
    let mut out = Vec::new();
    let mut push = |t: &str, item: &str, col: &str, v: String| {
        out.push([t.to_owned(), item.to_owned(), col.to_owned(), v]);
    };
    let p = &r.proactive;
    for (label, v) in [("规章", p.rules), ("行政规范性文件", p.normative)] {
        for (i, col) in ["本年制发件数", "本年废止件数", "现行有效件数"]
            .iter()
            .enumerate()
        {
            push("二", label, col, v[i].to_string());
        }
    }
    push("二", "行政许可", "本年处理决定数量", p.licences.to_string());
    push(
        "二",
        "行政处罚",
        "本年处理决定数量",
        p.penalties.to_string(),
    );
    push(
        "二",
        "行政强制",
        "本年处理决定数量",
        p.enforcement.trim().to_owned(),
    );
    push(
        "二",
        "行政事业性收费",
        "本年收费金额（万元）",
        p.fees_wan.trim().to_owned(),
    );
    for (row, (heading, label)) in request_rows().iter().enumerate() {
        let item = match heading {
            Some(h) if !h.starts_with('三') => format!("{h} {label}"),
            _ => label.clone(),
        };
        let cols = r.requests.get(row).copied().unwrap_or_default();
        for (c, name) in COLUMNS.iter().enumerate() {
            push("三", &item, name, cols[c].to_string());
        }
    }
    for (g, (_, kind)) in APPEAL_KINDS.iter().enumerate() {
        for (i, col) in APPEAL_COLUMNS.iter().enumerate() {
            push("四", kind, col, r.appeals[g][i].to_string());
        }
    }
    out
}

/// The report a revision carries (an empty one when it carries none).
pub fn parse(form: &crate::content::editorial::types::ArticleForm) -> AnnualReport {
    serde_json::from_str(&form.report_json).unwrap_or_default()
}

/// Why a report item's fields cannot be saved as they are: a report is
/// made on its own page, and its body is always generated from it.
pub fn body_problem(form: &crate::content::editorial::types::ArticleForm) -> Option<String> {
    let report = parse(form);
    if report.year == 0 {
        return Some("年度报告请在“年度报告”页面（工作台 → 年度报告）编制".to_owned());
    }
    (form.body_md != markdown(&report)).then(|| {
        "年度报告的正文由报告页面的表格和说明生成，不能在这里修改；请到“年度报告”页面修改后保存"
            .to_owned()
    })
}

/// The report's title.
pub fn title(org: &str, year: i32) -> String {
    format!("{org}{year}年政府信息公开工作年度报告")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A balanced report: 10 new (7 people, 3 firms), 2 carried in, 9
    /// answered, 3 carried out.
    fn balanced() -> AnnualReport {
        let n = request_rows().len();
        let mut rows = vec![[0i64; 7]; n];
        rows[ROW_NEW] = [7, 3, 0, 0, 0, 0, 10];
        rows[ROW_CARRIED_IN] = [2, 0, 0, 0, 0, 0, 2];
        rows[ROW_FIRST_OUTCOME] = [5, 1, 0, 0, 0, 0, 6];
        rows[ROW_FIRST_OUTCOME + 5] = [2, 1, 0, 0, 0, 0, 3];
        rows[row_total()] = [7, 2, 0, 0, 0, 0, 9];
        rows[row_carried_out()] = [2, 1, 0, 0, 0, 0, 3];
        AnnualReport {
            year: 2025,
            requests: rows,
            appeals: [[1, 0, 0, 1, 2], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]],
            proactive: crate::reports::types::Proactive {
                enforcement: "0".into(),
                fees_wan: "0".into(),
                ..Default::default()
            },
            overview_md: "全年新收申请{{本年新收申请}}件，办结9件。".into(),
            problems_md: "无。".into(),
            other_md: "本年未收取信息处理费。".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_balanced_report_passes() {
        assert_eq!(problems(&balanced()), Vec::<String>::new());
    }

    #[test]
    fn every_broken_balance_is_named() {
        let mut r = balanced();
        r.requests[ROW_NEW] = [8, 3, 0, 0, 0, 0, 11];
        let p = problems(&r);
        assert!(
            p.iter()
                .any(|m| m.starts_with("表三“自然人”列：本年新收（8）")),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|m| m.starts_with("表三“总计”列：本年新收（11）")),
            "{p:?}"
        );
        let mut r = balanced();
        r.requests[ROW_FIRST_OUTCOME][TOTAL_COLUMN] = 7;
        let p = problems(&r);
        assert!(
            p.iter()
                .any(|m| m.contains("“（一）予以公开”行：各列之和为6，与总计（7）不等")),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|m| m.contains("“总计”列：办理结果各项之和为10")),
            "{p:?}"
        );
        let mut r = balanced();
        r.appeals[0][4] = 3;
        assert_eq!(
            problems(&r),
            vec!["表四“行政复议”：结果维持、结果纠正、其他结果、尚未审结之和为2，与总计（3）不等"]
        );
    }

    #[test]
    fn narrative_numbers_must_be_the_tables() {
        let mut r = balanced();
        r.overview_md = "全年新收申请37件，{{本年办件}}。2025年共办结9件。".into();
        let p = problems(&r);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].contains("“{{本年办件}}”不是本报告的数字名称"));
        assert!(p[1].contains("写有“37件”"));
        r.overview_md = String::new();
        r.proactive.fees_wan = "1.23456".into();
        let p = problems(&r);
        assert!(p.contains(&"请填写“一、总体情况”".to_owned()), "{p:?}");
        assert!(p.iter().any(|m| m.contains("最多4位小数")), "{p:?}");
        r.proactive.fees_wan = String::new();
        assert!(
            problems(&r)
                .iter()
                .any(|m| m.contains("请填写表二“行政事业性收费")),
            "{p:?}"
        );
    }

    #[test]
    fn the_text_fills_in_figures_and_keeps_merged_headings() {
        let md = markdown(&balanced());
        assert!(md.contains("全年新收申请10件"));
        assert!(md.contains("<th scope=\"colgroup\" colspan=\"5\">法人或其他组织</th>"));
        assert!(md.contains("<tr><th scope=\"row\">（七）总计</th><td>7</td><td>2</td>"));
        let html = crate::content::markdown::render(&md);
        assert!(html.contains("colspan=\"5\""), "{html}");
        assert!(html.contains("<h2>三、收到和处理政府信息公开申请情况</h2>"));
        assert!(html.contains("<td>10</td>"));
        assert!(html.contains("<h2>四、政府信息公开行政复议、行政诉讼情况</h2>"));
        assert_eq!(request_rows().len(), 25);
        assert_eq!(csv_rows(&balanced()).len(), 6 + 4 + 25 * 7 + 15);
    }
}
