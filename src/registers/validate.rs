//! Checking a row as entered (by a form or a CSV line) and working out what
//! is stored: the normalised fields, the generic columns and the masked
//! public copy.

use super::mask::{self, Mask};
use super::schema::{valid_credit_code, Kind, Register, NATURAL_PERSON};
use crate::error::FieldError;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// A row's fields by key, normalised.
pub type Fields = BTreeMap<String, String>;

/// Longest value of a one-line field, and of a long text field, in characters.
const MAX_TEXT: usize = 200;
const MAX_LONG: usize = 5_000;

/// `2016-05-03`, `2016/5/3`, `2016.5.3` or `2016年5月3日` → a date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim().trim_end_matches('日');
    let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月']).collect();
    if parts.len() != 3 {
        return None;
    }
    let y = parts[0].parse().ok()?;
    let m = parts[1].parse().ok()?;
    let d = parts[2].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d).filter(|d| (1949..=2100).contains(&d.year()))
}

/// Yuan as entered (`12,345.6`, `12345元`) → fen.
pub fn parse_money(s: &str) -> Option<i64> {
    let s: String = s
        .trim()
        .trim_end_matches('元')
        .chars()
        .filter(|c| *c != ',' && *c != '，')
        .collect();
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || whole.len() > 13 {
        return None;
    }
    if frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let yuan: i64 = whole.parse().ok()?;
    let fen: i64 = format!("{frac:0<2}").parse().ok()?;
    Some(yuan * 100 + fen)
}

/// Fen → `12345.60`.
pub fn format_money(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// Fen → `1,234,567.00 元` style grouping, for reading.
pub fn money_zh(fen: i64) -> String {
    let whole = (fen / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped}.{:02}", fen % 100)
}

fn error(key: &str, message: String) -> FieldError {
    FieldError {
        field: key.to_owned(),
        message,
    }
}

/// Checks every field of `raw` against the register, normalising dates,
/// amounts and codes. Unknown keys are ignored.
pub fn check(
    register: Register,
    raw: &BTreeMap<String, String>,
) -> Result<Fields, Vec<FieldError>> {
    let mut out = Fields::new();
    let mut errors = Vec::new();
    for field in register.fields() {
        let value = raw.get(field.key).map(|v| v.trim()).unwrap_or("");
        let label = field.label;
        if value.is_empty() {
            if field.required {
                errors.push(error(field.key, format!("请填写{label}")));
            }
            out.insert(field.key.to_owned(), String::new());
            continue;
        }
        let normalised = match field.kind {
            Kind::Text | Kind::LongText => {
                let max = if field.kind == Kind::Text {
                    MAX_TEXT
                } else {
                    MAX_LONG
                };
                let n = value.chars().count();
                if n > max {
                    Err(format!("{label}不能超过 {max} 个字（现有 {n} 个）"))
                } else if value
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
                {
                    Err(format!("{label}含有无法显示的字符"))
                } else {
                    Ok(value.replace("\r\n", "\n"))
                }
            }
            Kind::Date => parse_date(value)
                .map(|d| d.format("%Y-%m-%d").to_string())
                .ok_or_else(|| format!("{label}不是有效的日期，请按 2016-05-03 的格式填写")),
            Kind::Money => parse_money(value)
                .map(format_money)
                .ok_or_else(|| format!("{label}应为不小于 0 的金额，最多两位小数，如 12000.50")),
            Kind::Percent => match value.trim_end_matches('%').parse::<u8>() {
                Ok(p) if p <= 100 => Ok(p.to_string()),
                _ => Err(format!("{label}应为 0 到 100 之间的整数")),
            },
            Kind::Year => match value.trim_end_matches('年').parse::<i32>() {
                Ok(y) if (2000..=2100).contains(&y) => Ok(y.to_string()),
                _ => Err(format!("{label}应为四位年份，如 2016")),
            },
            Kind::Choice(choices) => {
                if choices.contains(&value) {
                    Ok(value.to_owned())
                } else {
                    Err(format!("{label}只能是：{}", choices.join("、")))
                }
            }
            Kind::Flag => match value {
                "是" | "1" | "true" => Ok("是".to_owned()),
                "否" | "0" | "false" => Ok("否".to_owned()),
                _ => Err(format!("{label}只能填“是”或“否”")),
            },
            Kind::Code => {
                let v = value.to_ascii_uppercase();
                if valid_credit_code(&v) || mask::valid_id_card(&v) {
                    Ok(v)
                } else if v.len() == 18 {
                    Err(format!("{label}校验位不正确，请核对"))
                } else {
                    Err(format!(
                        "{label}应为 18 位统一社会信用代码（自然人填写身份证号码）"
                    ))
                }
            }
        };
        match normalised {
            Ok(v) => {
                out.insert(field.key.to_owned(), v);
            }
            Err(m) => {
                errors.push(error(field.key, m));
                out.insert(field.key.to_owned(), value.to_owned());
            }
        }
    }
    // Rules across fields.
    let c = register.columns();
    if let (Some(code), Some(kind)) = (c.code, c.party_kind) {
        let code_v = out.get(code).cloned().unwrap_or_default();
        let person = out.get(kind).is_some_and(|k| k == NATURAL_PERSON);
        if !code_v.is_empty()
            && !person
            && !valid_credit_code(&code_v)
            && errors.iter().all(|e| e.field != code)
        {
            errors.push(error(
                code,
                "法人、非法人组织和个体工商户应填写统一社会信用代码".to_owned(),
            ));
        }
        if !person && code_v.is_empty() && errors.iter().all(|e| e.field != code) {
            errors.push(error(
                code,
                "法人、非法人组织和个体工商户应填写统一社会信用代码".to_owned(),
            ));
        }
    }
    if register == Register::Licence {
        if let (Some(from), Some(to)) = (out.get("valid_from"), out.get("valid_to")) {
            if !from.is_empty() && !to.is_empty() && to < from {
                errors.push(error("valid_to", "有效期至不能早于有效期自".to_owned()));
            }
        }
    }
    if let (Some(d), Some(u)) = (c.date, c.public_until) {
        let (dv, uv) = (
            out.get(d).cloned().unwrap_or_default(),
            out.get(u).cloned().unwrap_or_default(),
        );
        if !dv.is_empty() && !uv.is_empty() && uv < dv {
            errors.push(error(u, "公示截止期不能早于决定日期".to_owned()));
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// What a checked row stores besides its fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    pub ref_no: String,
    pub title: String,
    pub category: String,
    pub status: String,
    pub decided_on: String,
    pub year: i64,
    pub amount: i64,
    pub party: String,
    pub credit_code: String,
    pub public_until: String,
    pub serious: bool,
    pub public_fields: Fields,
    /// Keys of the fields whose public value differs from the original.
    pub masked: Vec<String>,
    pub search_text: String,
}

/// Works out the generic columns and the masked copy of checked fields.
pub fn derive(register: Register, fields: &Fields) -> Derived {
    let c = register.columns();
    let get = |k: Option<&str>| k.and_then(|k| fields.get(k)).cloned().unwrap_or_default();
    let person_name = c
        .party_kind
        .filter(|k| fields.get(*k).is_some_and(|v| v == NATURAL_PERSON))
        .and(c.party)
        .and_then(|p| fields.get(p))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    let mut public_fields = Fields::new();
    let mut masked = Vec::new();
    for field in register.fields() {
        let value = fields.get(field.key).cloned().unwrap_or_default();
        let (public, changed) = mask::mask_value(&value, field.mask, person_name.as_deref());
        if changed {
            masked.push(field.key.to_owned());
        }
        public_fields.insert(field.key.to_owned(), public);
    }
    let pub_get = |k: Option<&str>| {
        k.and_then(|k| public_fields.get(k))
            .cloned()
            .unwrap_or_default()
    };
    let ref_no = c
        .key
        .iter()
        .map(|k| fields.get(*k).map(String::as_str).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("/");
    let decided_on = get(c.date);
    let year = c
        .year
        .and_then(|k| fields.get(k))
        .and_then(|y| y.parse().ok())
        .or_else(|| decided_on.get(..4).and_then(|y| y.parse().ok()))
        .unwrap_or(0);
    let amount = parse_money(&get(c.amount)).unwrap_or(0);
    // A person's identity-card number never reaches the indexed column.
    let credit_code = if person_name.is_some() {
        String::new()
    } else {
        get(c.code)
    };
    let title = pub_get(Some(c.title));
    let party = pub_get(c.party);
    let search_text = [
        ref_no.as_str(),
        &title,
        &party,
        &credit_code,
        &pub_get(c.category),
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" ")
    .to_lowercase();
    Derived {
        ref_no,
        title,
        category: get(c.category),
        status: get(c.status),
        decided_on,
        year,
        amount,
        party,
        credit_code,
        public_until: get(c.public_until),
        serious: get(c.serious) == "是",
        public_fields,
        masked,
        search_text,
    }
}

/// A field's public value as shown: money grouped, percent marked.
pub fn display(kind: Kind, value: &str) -> String {
    match kind {
        Kind::Money if !value.is_empty() => parse_money(value)
            .map(money_zh)
            .unwrap_or_else(|| value.to_owned()),
        Kind::Percent if !value.is_empty() => format!("{value}%"),
        Kind::Year if !value.is_empty() => format!("{value}年"),
        _ => value.to_owned(),
    }
}

/// Whether a field of `kind` is masked at all for this kind of mask.
pub fn may_mask(mask: Mask) -> bool {
    !matches!(mask, Mask::Numbers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn penalty(party: &str, kind: &str, code: &str) -> BTreeMap<String, String> {
        raw(&[
            ("doc_no", "闽新广罚〔2024〕12号"),
            ("case_name", "销售非法出版物案"),
            ("party", party),
            ("party_kind", kind),
            ("credit_code", code),
            ("violation", "出版物市场"),
            (
                "facts",
                &format!("{party}在店内销售非法出版物，联系电话13812345678。"),
            ),
            ("basis", "《出版管理条例》第六十一条"),
            ("category", "罚款"),
            ("content", "罚款人民币5,000元"),
            ("amount", "5,000"),
            ("decided", "2024年3月5日"),
            ("public_until", "2027-03-05"),
            ("authority", "福建省新闻出版广电局"),
            ("address", "福州市鼓楼区五四路88号"),
        ])
    }

    #[test]
    fn dates_and_money_normalise() {
        assert_eq!(
            parse_date("2016/5/3").map(|d| d.to_string()),
            Some("2016-05-03".into())
        );
        assert_eq!(
            parse_date("2016年5月3日").map(|d| d.to_string()),
            Some("2016-05-03".into())
        );
        assert_eq!(parse_date("2016-02-30"), None);
        assert_eq!(parse_money("12,345.6"), Some(1_234_560));
        assert_eq!(parse_money("12000元"), Some(1_200_000));
        assert_eq!(parse_money("-3"), None);
        assert_eq!(parse_money("1.234"), None);
        assert_eq!(money_zh(123_456_789), "1,234,567.89");
    }

    #[test]
    fn a_natural_persons_penalty_is_masked_everywhere() {
        let fields = check(
            Register::Penalty,
            &penalty("陈建华", "自然人", "11010519491231002X"),
        )
        .unwrap();
        assert_eq!(fields["decided"], "2024-03-05");
        assert_eq!(fields["amount"], "5000.00");
        let d = derive(Register::Penalty, &fields);
        assert_eq!(d.party, "陈**");
        assert_eq!(d.public_fields["party"], "陈**");
        assert!(!d.public_fields["facts"].contains("陈建华"));
        assert!(!d.public_fields["facts"].contains("13812345678"));
        assert_eq!(d.public_fields["address"], "福州市鼓楼区******");
        assert!(!d.public_fields["credit_code"].contains("1949"));
        assert_eq!(d.credit_code, "", "a person's number is not indexed");
        assert!(!d.search_text.contains("陈建华"));
        for k in ["party", "facts", "address", "credit_code"] {
            assert!(d.masked.contains(&k.to_owned()), "{k} marked masked");
        }
        assert_eq!(d.amount, 500_000);
        assert_eq!(d.year, 2024);
    }

    #[test]
    fn a_companys_penalty_keeps_its_name_and_code() {
        let code = format!(
            "91350100MA2XN5QY3{}",
            super::super::schema::credit_check_char("91350100MA2XN5QY3").unwrap()
        );
        let fields = check(
            Register::Penalty,
            &penalty("福州海峡书城有限公司", "法人及非法人组织", &code),
        )
        .unwrap();
        let d = derive(Register::Penalty, &fields);
        assert_eq!(d.party, "福州海峡书城有限公司");
        assert_eq!(d.credit_code, code);
        assert_eq!(d.public_fields["address"], "福州市鼓楼区五四路88号");
        assert_eq!(
            d.masked,
            vec!["facts".to_owned()],
            "only the phone in the facts"
        );
    }

    #[test]
    fn bad_rows_name_each_field() {
        let mut r = penalty(
            "福州海峡书城有限公司",
            "法人及非法人组织",
            "91350100MA2XN5QY30",
        );
        r.insert("amount".into(), "五千".into());
        r.insert("decided".into(), "2024-13-01".into());
        r.insert("category".into(), "拘留".into());
        r.remove("case_name");
        let errors = check(Register::Penalty, &r).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        for f in ["case_name", "credit_code", "category", "amount", "decided"] {
            assert!(fields.contains(&f), "{f} in {fields:?}");
        }
        let code_error = errors.iter().find(|e| e.field == "credit_code").unwrap();
        assert!(
            code_error.message.contains("校验位"),
            "{}",
            code_error.message
        );
    }

    #[test]
    fn budgets_key_on_year_kind_system_and_code() {
        let fields = check(
            Register::Budget,
            &raw(&[
                ("year", "2016"),
                ("kind", "预算"),
                ("system", "功能分类"),
                ("code", "2070801"),
                ("name", "行政运行"),
                ("amount", "1234.5"),
            ]),
        )
        .unwrap();
        let d = derive(Register::Budget, &fields);
        assert_eq!(d.ref_no, "2016/预算/功能分类/2070801");
        assert_eq!(d.year, 2016);
        assert_eq!(d.amount, 123_450);
    }
}
