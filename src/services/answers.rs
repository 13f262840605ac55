//! Checking an applicant's answers against a service's form, field by
//! field, and the files they upload (type judged by the bytes).

use super::types::{FieldKind, FormField, UploadedFile};
use crate::error::FieldError;
use std::collections::{BTreeMap, HashMap};

/// Largest file an applicant may upload.
pub use crate::server::upload::MAX_SCAN_BYTES as MAX_FILE_BYTES;
/// Longest text answer, in characters.
const MAX_TEXT: usize = 200;

/// The name of a form step ("" is the first, unnamed one).
pub fn step_title(step: &str) -> &str {
    if step.is_empty() {
        "申请信息"
    } else {
        step
    }
}

/// The form's steps in order of first appearance.
pub fn steps(fields: &[FormField]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in fields {
        if !out.contains(&f.step) {
            out.push(f.step.clone());
        }
    }
    out
}

/// One answer, checked and tidied; the message says what is wrong.
pub fn check_value(f: &FormField, raw: &str) -> Result<String, String> {
    let v = raw.trim();
    if v.is_empty() {
        return if f.required {
            Err(match f.kind {
                FieldKind::Choice => format!("请选择{}", f.label),
                _ => format!("请填写{}", f.label),
            })
        } else {
            Ok(String::new())
        };
    }
    if v.chars().count() > MAX_TEXT {
        return Err(format!("{}不能超过 {MAX_TEXT} 个字", f.label));
    }
    match f.kind {
        FieldKind::Text | FieldKind::File => {}
        FieldKind::Number => {
            let ok = v.parse::<f64>().is_ok_and(|n| n.is_finite() && n >= 0.0);
            if !ok {
                return Err(format!("{}须为不小于 0 的数字，如 260 或 12.5", f.label));
            }
        }
        FieldKind::Date => {
            if chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_err() {
                return Err(format!("{}须为有效日期，格式如 2026-05-03", f.label));
            }
        }
        FieldKind::Choice => {
            if !f.options.iter().any(|o| o == v) {
                return Err(format!("请从列出的选项中选择{}", f.label));
            }
        }
    }
    if let Some(p) = &f.pattern {
        let matches = regex::Regex::new(&format!("^(?:{p})$")).is_ok_and(|re| re.is_match(v));
        if !matches {
            let how = f.pattern_hint.as_deref().unwrap_or("规定的格式");
            return Err(format!("{}格式不对：应为{how}", f.label));
        }
    }
    if f.check.as_deref() == Some("credit_code") && !crate::registers::schema::valid_credit_code(v)
    {
        return Err(format!("{}的校验位不对，请对照营业执照核对每一位", f.label));
    }
    Ok(v.to_owned())
}

/// The answers of one step: the tidy values, or every problem.
pub fn check_step(
    fields: &[FormField],
    step: &str,
    posted: &HashMap<String, String>,
) -> Result<BTreeMap<String, String>, Vec<FieldError>> {
    let mut values = BTreeMap::new();
    let mut errors = Vec::new();
    for f in fields
        .iter()
        .filter(|f| f.step == step && f.kind != FieldKind::File)
    {
        match check_value(f, posted.get(&f.key).map(String::as_str).unwrap_or("")) {
            Ok(v) => {
                values.insert(f.key.clone(), v);
            }
            Err(message) => errors.push(FieldError {
                field: f.key.clone(),
                message,
            }),
        }
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}

/// Everything still missing or wrong before the application can be
/// submitted, with the step each problem is in.
pub fn problems(
    fields: &[FormField],
    answers: &BTreeMap<String, String>,
    files: &[UploadedFile],
) -> Vec<(String, FieldError)> {
    let mut out = Vec::new();
    for f in fields {
        let problem = if f.kind == FieldKind::File {
            (f.required && !files.iter().any(|u| u.field == f.key))
                .then(|| format!("请上传{}", f.label))
        } else {
            check_value(f, answers.get(&f.key).map(String::as_str).unwrap_or("")).err()
        };
        if let Some(message) = problem {
            out.push((
                f.step.clone(),
                FieldError {
                    field: f.key.clone(),
                    message,
                },
            ));
        }
    }
    out
}

/// The type of an uploaded file judged by its bytes: PDF, JPEG or PNG, at
/// most [`MAX_FILE_BYTES`]; otherwise what is wrong (shared with every
/// citizen's upload: `server::upload::check_scan`).
pub use crate::server::upload::check_scan as check_file;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::demo::services;

    fn field(key: &str) -> FormField {
        services()
            .into_iter()
            .flat_map(|s| s.fields)
            .find(|f| f.key == key)
            .expect("field")
    }

    #[test]
    fn each_kind_of_answer_is_checked() {
        let credit = field("credit_code");
        assert_eq!(
            check_value(&credit, " 91350102MA2XY01232 "),
            Ok("91350102MA2XY01232".to_owned())
        );
        assert!(check_value(&credit, "91350102ma2xyz1234")
            .unwrap_err()
            .contains("18 位数字或大写字母"));
        assert!(check_value(&credit, "91350102MA2XY01234")
            .unwrap_err()
            .contains("校验位不对"));
        assert_eq!(
            check_value(&credit, ""),
            Err("请填写统一社会信用代码".to_owned())
        );
        let area = field("area");
        assert!(check_value(&area, "二百").is_err());
        assert!(check_value(&area, "-3").is_err());
        assert_eq!(check_value(&area, "12.5"), Ok("12.5".to_owned()));
        let open = field("planned_open");
        assert_eq!(check_value(&open, ""), Ok(String::new()));
        assert!(check_value(&open, "2027-02-30").is_err());
        let scope = field("scope");
        assert!(check_value(&scope, "图书零售").is_err());
        assert_eq!(check_value(&scope, "以上全部"), Ok("以上全部".to_owned()));
        assert!(check_value(&field("org_name"), &"名".repeat(201)).is_err());
    }

    #[test]
    fn files_are_judged_by_their_bytes() {
        let pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
        assert_eq!(check_file("营业执照", "a.pdf", pdf), Ok("application/pdf"));
        let png =
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
        assert_eq!(check_file("营业执照", "a.png", png), Ok("image/png"));
        assert!(check_file("营业执照", "a.pdf", b"MZ\x90\0 this is an exe")
            .unwrap_err()
            .contains("不是 PDF、JPEG 或 PNG"));
        assert!(check_file("营业执照", "a.pdf", &[]).is_err());
        let big = vec![b'%'; MAX_FILE_BYTES + 1];
        assert!(check_file("营业执照", "big.pdf", &big)
            .unwrap_err()
            .contains("超过 10 MB"));
    }

    #[test]
    fn a_form_is_missing_what_is_required() {
        let s = &services()[0];
        let problems = problems(&s.fields, &BTreeMap::new(), &[]);
        let keys: Vec<&str> = problems.iter().map(|(_, e)| e.field.as_str()).collect();
        assert!(keys.contains(&"org_name"));
        assert!(keys.contains(&"licence_copy"));
        assert!(!keys.contains(&"planned_open"), "optional");
        assert!(!keys.contains(&"staff_certs"), "optional file");
        assert_eq!(steps(&s.fields), ["申请单位", "经营信息", "上传材料"]);
    }
}
