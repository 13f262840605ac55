//! CSV both ways: reading a staff import (every problem reported by line,
//! column and what is wrong) and writing the public export (UTF-8 with a
//! BOM, so Excel opens Chinese text right).

use super::mask::MARK;
use super::schema::Register;
use super::types::PublicRow;
use super::validate::{check, Fields};
use std::collections::{BTreeMap, HashMap};

/// Largest import file.
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;
/// Most rows one import may hold.
pub const MAX_IMPORT_ROWS: usize = 20_000;

/// One problem in an import file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line of the file (the header is line 1).
    pub line: usize,
    pub column: String,
    pub message: String,
}

/// Reads an import file. Either every row is good (returned checked, in
/// file order) or the problems are; nothing is half-read.
pub fn read_import(register: Register, bytes: &[u8]) -> Result<Vec<Fields>, Vec<Problem>> {
    let whole = |message: &str| {
        vec![Problem {
            line: 0,
            column: String::new(),
            message: message.to_owned(),
        }]
    };
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(whole("文件超过 10 MB，请分批导入"));
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(whole(
            "文件不是 UTF-8 编码。请在 Excel 中选择“另存为 → CSV UTF-8（逗号分隔）”后重新上传",
        ));
    };
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(whole("文件是空的"));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(_) => return Err(whole("无法读取表头，请确认文件是逗号分隔的 CSV")),
    };
    let mut problems = Vec::new();
    let mut columns: Vec<Option<&'static str>> = Vec::new();
    for h in headers.iter() {
        let h = h.trim();
        let field = register
            .fields()
            .iter()
            .find(|f| f.label == h || f.key == h);
        if field.is_none() && !h.is_empty() && h != "记录编号" {
            problems.push(Problem {
                line: 1,
                column: h.to_owned(),
                message: format!("未知的列。{}的列为：{}", register.label(), labels(register)),
            });
        }
        if let Some(f) = field {
            if columns.contains(&Some(f.key)) {
                problems.push(Problem {
                    line: 1,
                    column: h.to_owned(),
                    message: "该列重复出现".to_owned(),
                });
            }
        }
        columns.push(field.map(|f| f.key));
    }
    for f in register.fields().iter().filter(|f| f.required) {
        if !columns.contains(&Some(f.key)) {
            problems.push(Problem {
                line: 1,
                column: f.label.to_owned(),
                message: "缺少必填的列".to_owned(),
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut rows = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(_) => {
                problems.push(Problem {
                    line,
                    column: String::new(),
                    message: "这一行的格式有误（引号未闭合？）".to_owned(),
                });
                continue;
            }
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rows.len() + problems.len() >= MAX_IMPORT_ROWS {
            return Err(whole("一次最多导入 20000 行，请分批导入"));
        }
        if record.len() > columns.len() {
            problems.push(Problem {
                line,
                column: String::new(),
                message: format!("这一行有 {} 列，比表头多", record.len()),
            });
            continue;
        }
        let raw: BTreeMap<String, String> = columns
            .iter()
            .zip(record.iter())
            .filter_map(|(k, v)| k.map(|k| (k.to_owned(), v.to_owned())))
            .collect();
        // Duplicates are found on the key as entered, even in rows with other problems.
        let key = register
            .columns()
            .key
            .iter()
            .map(|k| raw.get(*k).map_or("", |v| v.trim()))
            .collect::<Vec<_>>()
            .join("/");
        if let Some(first) = seen.insert(key, line) {
            problems.push(Problem {
                line,
                column: register
                    .field(register.columns().key[0])
                    .map_or("", |f| f.label)
                    .to_owned(),
                message: format!("与第 {first} 行重复"),
            });
        }
        match check(register, &raw) {
            Ok(fields) => rows.push(fields),
            Err(errors) => problems.extend(errors.into_iter().map(|e| {
                Problem {
                    line,
                    column: register
                        .field(&e.field)
                        .map_or(e.field.clone(), |f| f.label.to_owned()),
                    message: e.message,
                }
            })),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if rows.is_empty() {
        return Err(whole("文件只有表头，没有数据行"));
    }
    Ok(rows)
}

fn labels(register: Register) -> String {
    register
        .fields()
        .iter()
        .map(|f| f.label)
        .collect::<Vec<_>>()
        .join("、")
}

/// The export's first bytes: the BOM and the header line.
pub fn export_header(register: Register) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    let mut header = vec!["记录编号"];
    header.extend(register.fields().iter().map(|f| f.label));
    header.push("详情页");
    let _ = w.write_record(&header);
    w.into_inner().unwrap_or_default()
}

/// A cell as exported: one that a spreadsheet would run as a formula (it
/// begins with = + - @, a tab or a carriage return) gets a leading
/// apostrophe, which Excel and WPS show as text (OWASP's CSV injection
/// advice). Plain numbers, negative ones included, stay numbers.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Export lines for some rows (masked values carry the mark; formulas are
/// neutralised).
pub fn export_rows(register: Register, rows: &[PublicRow], origin: &str) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        let mut record = vec![row.id.to_string()];
        for f in register.fields() {
            let v = row.get(f.key);
            let v = neutralise(v);
            record.push(if row.is_masked(f.key) {
                format!("{v}（{MARK}）")
            } else {
                v.into_owned()
            });
        }
        record.push(format!("{origin}/registers/{}/{}", register.slug(), row.id));
        let _ = w.write_record(&record);
    }
    w.into_inner().unwrap_or_default()
}

/// A blank import template: the header only.
pub fn template(register: Register) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    let _ = w.write_record(register.fields().iter().map(|f| f.label));
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        assert_eq!(
            neutralise("=HYPERLINK(\"http://x\",\"y\")"),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(neutralise("+1+cmd|' /C calc'!A0"), "'+1+cmd|' /C calc'!A0");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("\t=1"), "'\t=1");
        assert_eq!(neutralise("-12.5"), "-12.5");
        assert_eq!(neutralise("福建省新闻出版广电局"), "福建省新闻出版广电局");
        assert_eq!(neutralise(""), "");
    }

    const HEADER: &str = "事项编码,事项名称,权力类型,设定依据,实施主体,状态,调整日期\n";

    #[test]
    fn a_good_file_reads_every_row() {
        let file = format!(
            "\u{feff}{HEADER}XK-001,出版物批发单位设立审批,行政许可,《出版管理条例》第三十五条,福建省新闻出版广电局,实施中,2016-05-03\n\
             XK-002,\"印刷企业设立审批，含“包装装潢”\",行政许可,《印刷业管理条例》,福建省新闻出版广电局,实施中,2016/6/1\n"
        );
        let rows = read_import(Register::Power, file.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1]["updated"], "2016-06-01");
        assert!(rows[1]["name"].contains("包装装潢"));
    }

    #[test]
    fn problems_name_line_column_and_what() {
        let file = format!(
            "{HEADER}XK-001,出版物批发单位设立审批,许可,依据,福建省新闻出版广电局,实施中,2016-05-03\n\
             XK-002,印刷企业设立审批,行政许可,依据,福建省新闻出版广电局,实施中,2016-02-30\n\
             XK-001,重复的编码,行政许可,依据,福建省新闻出版广电局,实施中,\n"
        );
        let problems = read_import(Register::Power, file.as_bytes()).unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.line == 2 && p.column == "权力类型"),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.line == 3 && p.column == "调整日期"),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.line == 4 && p.message.contains("第 2 行")),
            "{problems:?}"
        );
    }

    #[test]
    fn bad_files_are_refused_whole() {
        let gbk = [0xb3u8, 0xf6, 0xb0, 0xe6, b'\n'];
        assert!(read_import(Register::Power, &gbk).unwrap_err()[0]
            .message
            .contains("UTF-8"));
        let missing = "事项编码,事项名称\nXK-1,名称\n";
        let p = read_import(Register::Power, missing.as_bytes()).unwrap_err();
        assert!(p
            .iter()
            .any(|p| p.column == "权力类型" && p.message.contains("缺少")));
        let unknown = format!("{}备注\n", HEADER.trim_end().to_owned() + ",");
        let p = read_import(Register::Power, unknown.as_bytes()).unwrap_err();
        assert!(p.iter().any(|p| p.column == "备注"));
        assert!(
            read_import(Register::Power, HEADER.as_bytes()).unwrap_err()[0]
                .message
                .contains("没有数据行")
        );
    }

    #[test]
    fn exports_round_trip_through_a_csv_reader() {
        let row = PublicRow {
            id: 7,
            fields: vec![
                ("code".into(), "XK-1".into()),
                ("name".into(), "含,逗号\"引号\"".into()),
            ],
            masked: vec!["name".into()],
            hidden: None,
        };
        let mut bytes = export_header(Register::Power);
        bytes.extend(export_rows(
            Register::Power,
            &[row],
            "https://example.gov.cn",
        ));
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with('\u{feff}'));
        let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let rec = r.records().next().unwrap().unwrap();
        assert_eq!(&rec[0], "7");
        assert_eq!(&rec[2], "含,逗号\"引号\"（依法隐去）");
        assert_eq!(
            rec.iter().next_back(),
            Some("https://example.gov.cn/registers/power/7")
        );
    }
}
