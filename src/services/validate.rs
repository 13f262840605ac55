//! Checking a guide before it is saved: a guide the hall cannot show or
//! an application form it cannot check is refused, naming the field.

use super::types::{FieldKind, Service};

/// One problem with a guide: which part, and what is wrong, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: String,
    pub message: String,
}

fn problem(field: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem {
        field: field.into(),
        message: message.into(),
    }
}

/// Every problem with `s`; empty when it may be saved.
pub fn check(s: &Service) -> Vec<Problem> {
    let mut out = Vec::new();
    let code_ok = !s.code.is_empty()
        && s.code.len() <= 40
        && s.code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !code_ok {
        out.push(problem(
            "code",
            "事项编码只能由字母、数字和短横线组成，最长 40 位",
        ));
    }
    for (key, label, value) in [
        ("name", "事项名称", &s.name),
        ("kind", "事项类型", &s.kind),
        ("legal_basis", "设定依据", &s.legal_basis),
        ("body", "实施机关", &s.body),
        ("place", "办理地点", &s.place),
        ("hours", "办理时间", &s.hours),
        ("enquiry_phone", "咨询电话", &s.enquiry_phone),
        ("complaint_phone", "投诉电话", &s.complaint_phone),
    ] {
        if value.trim().is_empty() {
            out.push(problem(key, format!("请填写{label}")));
        }
    }
    if !super::types::THEMES.contains(&s.theme.as_str()) {
        out.push(problem(
            "theme",
            format!("主题须为{}之一", super::types::THEMES.join("、")),
        ));
    }
    if s.legal_days == 0 {
        out.push(problem("legal_days", "法定办结时限至少 1 个工作日"));
    }
    if s.promised_days == 0 || s.promised_days > s.legal_days {
        out.push(problem(
            "promised_days",
            "承诺办结时限须在 1 个工作日到法定时限之间",
        ));
    }
    if s.online && s.fields.is_empty() {
        out.push(problem("fields", "可网上申请的事项须有申请表"));
    }
    if s.steps.is_empty() {
        out.push(problem("steps", "办理流程至少一步"));
    }
    let step_days: u32 = s.steps.iter().map(|st| st.days).sum();
    if step_days > s.promised_days {
        out.push(problem(
            "steps",
            format!(
                "各环节时限合计 {step_days} 个工作日，超过承诺时限 {} 个工作日",
                s.promised_days
            ),
        ));
    }
    for (i, st) in s.steps.iter().enumerate() {
        if st.name.trim().is_empty() || st.actor.trim().is_empty() {
            out.push(problem(
                format!("steps[{}]", i + 1),
                format!("第 {} 步须写明环节名称和办理人", i + 1),
            ));
        }
    }
    let mut keys = std::collections::HashSet::new();
    for (i, f) in s.fields.iter().enumerate() {
        let at = format!("fields[{}]", i + 1);
        let key_ok = !f.key.is_empty()
            && f.key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !key_ok {
            out.push(problem(
                &at,
                format!("第 {} 个表单项的键名只能用小写字母、数字和下划线", i + 1),
            ));
        } else if !keys.insert(f.key.as_str()) {
            out.push(problem(&at, format!("表单项键名 {} 重复", f.key)));
        }
        if f.label.trim().is_empty() {
            out.push(problem(&at, format!("第 {} 个表单项缺少名称", i + 1)));
        }
        if f.kind == FieldKind::Choice && f.options.len() < 2 {
            out.push(problem(&at, format!("选择项“{}”至少要有两个选项", f.label)));
        }
        if f.check.as_deref().is_some_and(|c| c != "credit_code") {
            out.push(problem(
                &at,
                format!("表单项“{}”的校验方式无法识别", f.label),
            ));
        }
        if let Some(p) = &f.pattern {
            if regex::Regex::new(&format!("^(?:{p})$")).is_err() {
                out.push(problem(
                    &at,
                    format!("表单项“{}”的格式规则无法识别", f.label),
                ));
            }
        }
    }
    for (i, m) in s.materials.iter().enumerate() {
        let at = format!("materials[{}]", i + 1);
        if m.name.trim().is_empty() || m.copies == 0 {
            out.push(problem(&at, format!("第 {} 项材料须写明名称和份数", i + 1)));
        }
        if let Some(key) = &m.field {
            let is_file = s
                .fields
                .iter()
                .any(|f| &f.key == key && f.kind == FieldKind::File);
            if !is_file {
                out.push(problem(
                    &at,
                    format!("材料“{}”对应的上传项 {key} 不存在", m.name),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::types::{Audience, FormField, Material, Step};

    fn guide() -> Service {
        Service {
            code: "FJ-XW-001".into(),
            name: "出版物经营许可".into(),
            kind: "行政许可".into(),
            theme: "发行".into(),
            audience: Audience::Org,
            legal_basis: "《出版管理条例》".into(),
            body: "省局".into(),
            conditions: vec!["有名称".into()],
            materials: vec![Material {
                name: "营业执照".into(),
                form: "复印件".into(),
                copies: 1,
                required: true,
                note: String::new(),
                field: Some("licence".into()),
            }],
            steps: vec![Step {
                name: "受理".into(),
                actor: "窗口".into(),
                needs: String::new(),
                days: 1,
                branch: None,
            }],
            fields: vec![FormField {
                key: "licence".into(),
                label: "营业执照".into(),
                kind: FieldKind::File,
                required: true,
                pattern: None,
                pattern_hint: None,
                check: None,
                options: vec![],
                hint: String::new(),
                step: String::new(),
                example: String::new(),
            }],
            legal_days: 20,
            promised_days: 10,
            fees: "不收费".into(),
            place: "大厅".into(),
            hours: "工作日".into(),
            enquiry_phone: "0591-1".into(),
            complaint_phone: "0591-2".into(),
            visits: 0,
            online: true,
        }
    }

    #[test]
    fn a_whole_guide_passes() {
        assert_eq!(check(&guide()), vec![]);
    }

    #[test]
    fn each_problem_names_its_field() {
        let mut g = guide();
        g.code = "福建 1".into();
        g.promised_days = 30;
        g.steps[0].days = 40;
        g.materials[0].field = Some("missing".into());
        g.fields[0].pattern = Some("([".into());
        g.fields.push(g.fields[0].clone());
        let fields: Vec<String> = check(&g).into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "code",
                "promised_days",
                "steps",
                "fields[1]",
                "fields[2]",
                "fields[2]",
                "materials[1]"
            ]
        );
    }
}
