//! Guides as a spreadsheet (CSV), the way bureaus keep their 事项清单: one
//! row per service, the lists in multi-line cells — 受理条件 one per line,
//! 申请材料 and 办理流程 one per line with their parts split by `|` — and
//! the application form, which is no table, as the JSON the portal's own
//! export uses. Reading refuses a file it cannot carry whole, naming the
//! row and column.

use super::types::{Audience, FormField, Material, Service, Step};

/// The columns, in order (the header row).
pub const COLUMNS: [&str; 20] = [
    "事项编码",
    "事项名称",
    "事项类型",
    "主题",
    "服务对象",
    "设定依据",
    "实施机关",
    "受理条件",
    "申请材料",
    "办理流程",
    "法定办结时限",
    "承诺办结时限",
    "收费标准",
    "办理地点",
    "办理时间",
    "咨询电话",
    "投诉电话",
    "到现场次数",
    "网上申请",
    "申请表",
];

fn audience_text(a: Audience) -> &'static str {
    a.label()
}

fn material_line(m: &Material) -> String {
    format!(
        "{} | {} | {} | {} | {} | {}",
        m.name,
        m.form,
        m.copies,
        if m.required { "必需" } else { "非必需" },
        m.note,
        m.field.as_deref().unwrap_or("")
    )
}

fn step_line(s: &Step) -> String {
    format!(
        "{} | {} | {} | {} | {}",
        s.name,
        s.actor,
        s.days,
        s.needs,
        s.branch.as_deref().unwrap_or("")
    )
}

/// The guides as CSV (UTF-8 with a byte-order mark, so spreadsheet
/// programs read the Chinese right).
pub fn to_csv(guides: &[Service]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    w.write_record(COLUMNS)?;
    for s in guides {
        let lines = |v: Vec<String>| v.join("\n");
        w.write_record([
            s.code.clone(),
            s.name.clone(),
            s.kind.clone(),
            s.theme.clone(),
            audience_text(s.audience).to_owned(),
            s.legal_basis.clone(),
            s.body.clone(),
            lines(s.conditions.clone()),
            lines(s.materials.iter().map(material_line).collect()),
            lines(s.steps.iter().map(step_line).collect()),
            s.legal_days.to_string(),
            s.promised_days.to_string(),
            s.fees.clone(),
            s.place.clone(),
            s.hours.clone(),
            s.enquiry_phone.clone(),
            s.complaint_phone.clone(),
            s.visits.to_string(),
            if s.online { "是" } else { "否" }.to_owned(),
            if s.fields.is_empty() {
                String::new()
            } else {
                serde_json::to_string(&s.fields).unwrap_or_default()
            },
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

fn parts(line: &str) -> Vec<String> {
    line.split(['|', '｜'])
        .map(|p| p.trim().to_owned())
        .collect()
}

fn number(cell: &str, what: &str) -> Result<u32, String> {
    cell.trim()
        .parse::<u32>()
        .map_err(|_| format!("{what}须为整数，却是“{}”", cell.trim()))
}

fn lines(cell: &str) -> impl Iterator<Item = &str> {
    cell.lines().map(str::trim).filter(|l| !l.is_empty())
}

fn material(line: &str) -> Result<Material, String> {
    let p = parts(line);
    if p.len() < 4 {
        return Err(format!(
            "申请材料“{line}”应写成 名称 | 形式 | 份数 | 必需或非必需 | 说明 | 上传项"
        ));
    }
    let at = |i: usize| p.get(i).cloned().unwrap_or_default();
    Ok(Material {
        name: at(0),
        form: at(1),
        copies: number(&at(2), "材料份数")?,
        required: at(3) != "非必需",
        note: at(4),
        field: Some(at(5)).filter(|f| !f.is_empty()),
    })
}

fn step(line: &str) -> Result<Step, String> {
    let p = parts(line);
    if p.len() < 3 {
        return Err(format!(
            "办理流程“{line}”应写成 环节 | 办理人 | 时限 | 所需 | 分支"
        ));
    }
    let at = |i: usize| p.get(i).cloned().unwrap_or_default();
    Ok(Step {
        name: at(0),
        actor: at(1),
        days: number(&at(2), "环节时限")?,
        needs: at(3),
        branch: Some(at(4)).filter(|b| !b.is_empty()),
    })
}

/// Reads guides from CSV in [`COLUMNS`]' layout. Errors say which row
/// (as the spreadsheet numbers it, the header being row 1) and what.
pub fn from_csv(bytes: &[u8]) -> Result<Vec<Service>, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| "CSV 文件须为 UTF-8 编码（用表格软件另存为“CSV UTF-8”）".to_owned())?;
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|_| "无法读取 CSV 的表头".to_owned())?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    if header != COLUMNS {
        return Err(format!("CSV 的表头须依次为：{}", COLUMNS.join("，")));
    }
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        let record = record.map_err(|_| format!("第{row}行的列数与表头不一致"))?;
        let cell = |c: usize| record.get(c).unwrap_or("").trim().to_owned();
        let fail = |e: String| format!("第{row}行：{e}");
        let audience = match cell(4).as_str() {
            "个人" => Audience::Person,
            "法人" => Audience::Org,
            "个人和法人" | "" => Audience::Both,
            other => {
                return Err(fail(format!(
                    "服务对象须为 个人、法人 或 个人和法人，却是“{other}”"
                )))
            }
        };
        let fields: Vec<FormField> = if cell(19).is_empty() {
            vec![]
        } else {
            serde_json::from_str(&cell(19))
                .map_err(|_| fail("申请表一列须为本系统导出的申请表（JSON）".to_owned()))?
        };
        out.push(Service {
            code: cell(0),
            name: cell(1),
            kind: cell(2),
            theme: cell(3),
            audience,
            legal_basis: cell(5),
            body: cell(6),
            conditions: lines(&cell(7)).map(str::to_owned).collect(),
            materials: lines(&cell(8))
                .map(material)
                .collect::<Result<_, _>>()
                .map_err(fail)?,
            steps: lines(&cell(9))
                .map(step)
                .collect::<Result<_, _>>()
                .map_err(fail)?,
            legal_days: number(&cell(10), "法定办结时限").map_err(fail)?,
            promised_days: number(&cell(11), "承诺办结时限").map_err(fail)?,
            fees: cell(12),
            place: cell(13),
            hours: cell(14),
            enquiry_phone: cell(15),
            complaint_phone: cell(16),
            visits: number(&cell(17), "到现场次数").map_err(fail)?,
            online: match cell(18).as_str() {
                "是" => true,
                "否" | "" => false,
                other => return Err(fail(format!("网上申请一列须为 是 或 否，却是“{other}”"))),
            },
            fields,
        });
    }
    if out.is_empty() {
        return Err("CSV 文件中没有事项".to_owned());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_catalogue_survives_a_round_trip_through_csv() {
        let guides = crate::services::demo::services();
        let bytes = to_csv(&guides).expect("write");
        assert_eq!(from_csv(&bytes).expect("read"), guides);
    }

    #[test]
    fn a_bad_cell_is_named_by_its_row() {
        let guides = crate::services::demo::services();
        let text = String::from_utf8(to_csv(&guides[..1]).expect("write")).expect("utf8");
        let broken = text
            .replacen(",否,", ",也许,", 1)
            .replacen(",是,", ",也许,", 1);
        let err = from_csv(broken.as_bytes()).expect_err("refused");
        assert!(err.starts_with("第2行：网上申请"), "{err}");
        let err = from_csv("编码,名称\nA,B\n".as_bytes()).expect_err("header");
        assert!(err.contains("表头"), "{err}");
        assert!(from_csv(&[0xff, 0xfe]).is_err());
    }
}
