//! The guide editor's forms read into a guide: one part at a time (基本信息,
//! 申请材料, 办理流程, 申请表), each a plain POST that works without
//! JavaScript. Lists come as numbered rows (`m0_name`, `s2_days`,
//! `f1_kind`…) with an order box and a remove box; a row left blank is
//! skipped, so the page can offer empty rows to fill in.

use super::types::{Audience, FieldKind, FormField, Material, Service, Step, THEMES};
use super::validate::{check, Problem};
use crate::error::FieldError;
use std::collections::HashMap;

/// The parts of a guide, each edited on its own page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Basics,
    Materials,
    Steps,
    Form,
}

impl Part {
    pub const ALL: [Part; 4] = [Part::Basics, Part::Materials, Part::Steps, Part::Form];

    pub fn slug(self) -> &'static str {
        match self {
            Part::Basics => "basics",
            Part::Materials => "materials",
            Part::Steps => "steps",
            Part::Form => "form",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Part::Basics => "基本信息",
            Part::Materials => "申请材料",
            Part::Steps => "办理流程",
            Part::Form => "申请表",
        }
    }

    pub fn from_slug(s: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.slug() == s)
    }

    /// The row prefix of a list part.
    fn prefix(self) -> &'static str {
        match self {
            Part::Basics => "",
            Part::Materials => "m",
            Part::Steps => "s",
            Part::Form => "f",
        }
    }

    /// The name `validate::check` gives this part's rows.
    fn list_name(self) -> &'static str {
        match self {
            Part::Basics => "",
            Part::Materials => "materials",
            Part::Steps => "steps",
            Part::Form => "fields",
        }
    }

    /// Whether this part differs between two guides.
    pub fn differs(self, a: &Service, b: &Service) -> bool {
        match self {
            Part::Basics => {
                let strip = |s: &Service| Service {
                    materials: vec![],
                    steps: vec![],
                    fields: vec![],
                    ..s.clone()
                };
                strip(a) != strip(b)
            }
            Part::Materials => a.materials != b.materials,
            Part::Steps => a.steps != b.steps,
            Part::Form => a.fields != b.fields,
        }
    }
}

/// The forms materials take.
pub const MATERIAL_FORMS: [&str; 4] = ["原件", "复印件", "原件及复印件", "电子文件"];

/// The kinds of service the hall lists (a datalist: others may be typed).
pub const KINDS: [&str; 5] = [
    "行政许可",
    "公共服务",
    "行政确认",
    "行政备案",
    "其他行政权力",
];

/// The checks a text field may have beyond its pattern: (value, label).
pub const CHECKS: [(&str, &str); 2] = [("", "无"), ("credit_code", "统一社会信用代码（校验位）")];

/// Longest one-line entry and longest text.
const LINE_MAX: usize = 200;
const TEXT_MAX: usize = 2000;
/// Most rows a list may have.
pub const ROWS_MAX: usize = 60;

type Values = HashMap<String, String>;

fn get<'a>(v: &'a Values, k: &str) -> &'a str {
    v.get(k).map_or("", |s| s.trim())
}

fn ticked(v: &Values, k: &str) -> bool {
    !get(v, k).is_empty()
}

fn line(v: &Values, key: &str, label: &str, errors: &mut Vec<FieldError>) -> String {
    let s = get(v, key);
    if s.contains('\n') || s.chars().count() > LINE_MAX {
        errors.push(FieldError::new(
            key,
            format!("{label}须为一行，不超过{LINE_MAX}个字"),
        ));
    }
    s.to_owned()
}

fn text(v: &Values, key: &str, label: &str, errors: &mut Vec<FieldError>) -> String {
    let s = get(v, key).replace("\r\n", "\n");
    if s.chars().count() > TEXT_MAX {
        errors.push(FieldError::new(
            key,
            format!("{label}不能超过{TEXT_MAX}个字"),
        ));
    }
    s
}

fn number(v: &Values, key: &str, label: &str, max: u32, errors: &mut Vec<FieldError>) -> u32 {
    let s = get(v, key);
    if s.is_empty() {
        return 0;
    }
    match s.parse::<u32>() {
        Ok(n) if n <= max => n,
        _ => {
            errors.push(FieldError::new(
                key,
                format!("{label}须为 0 到 {max} 之间的整数"),
            ));
            0
        }
    }
}

/// The indexes of the rows posted for a list part, in the order given by
/// their order boxes (then as posted), without removed or blank rows.
fn rows(v: &Values, part: Part, blank: impl Fn(&str) -> bool) -> Vec<usize> {
    let p = part.prefix();
    let mut found: Vec<(i64, usize)> = (0..ROWS_MAX + 10)
        .filter(|i| v.keys().any(|k| k.starts_with(&format!("{p}{i}_"))))
        .filter(|i| !ticked(v, &format!("{p}{i}_delete")))
        .filter(|i| !blank(&format!("{p}{i}_")))
        .map(|i| {
            let order = get(v, &format!("{p}{i}_order"))
                .parse::<i64>()
                .unwrap_or(i64::MAX);
            (order, i)
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, i)| i).collect()
}

/// Reads part `part` of the form into `base` (the guide being edited).
/// Returns the guide with that part replaced, or every error, each named
/// by its box. Checks across parts (a step total over the promised limit,
/// a material naming a file field that is gone…) are left to the review
/// (`open_problems`).
pub fn read(part: Part, base: &Service, v: &Values) -> Result<Service, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut guide = base.clone();
    // Where each row of the list ended up (position → posted row).
    let mut placed: Vec<usize> = Vec::new();
    match part {
        Part::Basics => {
            guide.name = line(v, "name", "事项名称", &mut errors);
            guide.kind = line(v, "kind", "事项类型", &mut errors);
            guide.theme = get(v, "theme").to_owned();
            guide.audience = Audience::from_slug(get(v, "audience")).unwrap_or_else(|| {
                errors.push(FieldError::new("audience", "请选择服务对象"));
                Audience::Both
            });
            guide.legal_basis = text(v, "legal_basis", "设定依据", &mut errors);
            guide.body = line(v, "body", "实施机关", &mut errors);
            guide.conditions = text(v, "conditions", "受理条件", &mut errors)
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            guide.legal_days = number(v, "legal_days", "法定办结时限", 365, &mut errors);
            guide.promised_days = number(v, "promised_days", "承诺办结时限", 365, &mut errors);
            guide.fees = text(v, "fees", "收费标准", &mut errors);
            guide.place = line(v, "place", "办理地点", &mut errors);
            guide.hours = line(v, "hours", "办理时间", &mut errors);
            guide.enquiry_phone = line(v, "enquiry_phone", "咨询电话", &mut errors);
            guide.complaint_phone = line(v, "complaint_phone", "投诉电话", &mut errors);
            guide.visits = number(v, "visits", "到现场次数", 10, &mut errors);
            guide.online = ticked(v, "online");
            if guide.conditions.is_empty() {
                errors.push(FieldError::new("conditions", "请至少写一条受理条件"));
            }
            if guide.fees.is_empty() {
                errors.push(FieldError::new(
                    "fees",
                    "请写明收费标准；不收费的写“不收费”",
                ));
            }
        }
        Part::Materials => {
            placed = rows(v, part, |p| {
                get(v, &format!("{p}name")).is_empty() && get(v, &format!("{p}note")).is_empty()
            });
            guide.materials = placed
                .iter()
                .map(|i| {
                    let k = |f: &str| format!("m{i}_{f}");
                    let form = get(v, &k("form"));
                    if !MATERIAL_FORMS.contains(&form) {
                        errors.push(FieldError::new(&k("form"), "请选择材料形式"));
                    }
                    let field = get(v, &k("field"));
                    Material {
                        name: line(v, &k("name"), "材料名称", &mut errors),
                        form: form.to_owned(),
                        copies: number(v, &k("copies"), "份数", 99, &mut errors),
                        required: ticked(v, &k("required")),
                        note: text(v, &k("note"), "说明", &mut errors),
                        field: (!field.is_empty()).then(|| field.to_owned()),
                    }
                })
                .collect();
        }
        Part::Steps => {
            placed = rows(v, part, |p| {
                get(v, &format!("{p}name")).is_empty() && get(v, &format!("{p}actor")).is_empty()
            });
            guide.steps = placed
                .iter()
                .map(|i| {
                    let k = |f: &str| format!("s{i}_{f}");
                    let branch = line(v, &k("branch"), "分支", &mut errors);
                    Step {
                        name: line(v, &k("name"), "环节名称", &mut errors),
                        actor: line(v, &k("actor"), "办理人", &mut errors),
                        needs: line(v, &k("needs"), "所需或产出", &mut errors),
                        days: number(v, &k("days"), "环节时限", 365, &mut errors),
                        branch: (!branch.is_empty()).then_some(branch),
                    }
                })
                .collect();
        }
        Part::Form => {
            placed = rows(v, part, |p| {
                get(v, &format!("{p}label")).is_empty() && get(v, &format!("{p}key")).is_empty()
            });
            let mut used: Vec<String> = placed
                .iter()
                .map(|i| get(v, &format!("f{i}_key")).to_owned())
                .collect();
            guide.fields = placed
                .iter()
                .enumerate()
                .map(|(n, i)| {
                    let k = |f: &str| format!("f{i}_{f}");
                    let kind = match get(v, &k("kind")) {
                        "text" => FieldKind::Text,
                        "number" => FieldKind::Number,
                        "date" => FieldKind::Date,
                        "choice" => FieldKind::Choice,
                        "file" => FieldKind::File,
                        _ => {
                            errors.push(FieldError::new(&k("kind"), "请选择填写方式"));
                            FieldKind::Text
                        }
                    };
                    // A key left empty is made up, so staff need not invent one.
                    let mut key = get(v, &k("key")).to_owned();
                    if key.is_empty() {
                        let mut m = n + 1;
                        while used.contains(&format!("field_{m}")) {
                            m += 1;
                        }
                        key = format!("field_{m}");
                        used[n] = key.clone();
                    }
                    let check = get(v, &k("check"));
                    let pattern = line(v, &k("pattern"), "格式规则", &mut errors);
                    let pattern_hint = line(v, &k("pattern_hint"), "格式说明", &mut errors);
                    FormField {
                        key,
                        label: line(v, &k("label"), "名称", &mut errors),
                        kind,
                        required: ticked(v, &k("required")),
                        pattern: (!pattern.is_empty()).then_some(pattern),
                        pattern_hint: (!pattern_hint.is_empty()).then_some(pattern_hint),
                        check: (!check.is_empty()).then(|| check.to_owned()),
                        options: text(v, &k("options"), "选项", &mut errors)
                            .lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty())
                            .map(str::to_owned)
                            .collect(),
                        hint: line(v, &k("hint"), "填写提示", &mut errors),
                        step: line(v, &k("step"), "所在步骤", &mut errors),
                        example: line(v, &k("example"), "示例", &mut errors),
                    }
                })
                .collect();
        }
    }
    if part != Part::Basics && placed.len() > ROWS_MAX {
        errors.push(FieldError::new(
            &format!("{}0_name", part.prefix()),
            format!("最多{ROWS_MAX}行"),
        ));
    }
    // The guide's own checks, for what belongs to this part, beside the
    // box (or row) they are about.
    for Problem { field, message } in check(&guide) {
        if let Some(box_name) = box_of(part, &field, &placed) {
            if !errors.iter().any(|e| e.field == box_name) {
                errors.push(FieldError::new(&box_name, message));
            }
        }
    }
    if errors.is_empty() {
        Ok(guide)
    } else {
        Err(errors)
    }
}

/// The box a problem of `check` is about, when it belongs to `part`.
fn box_of(part: Part, field: &str, placed: &[usize]) -> Option<String> {
    match part {
        Part::Basics => [
            "name",
            "kind",
            "theme",
            "legal_basis",
            "body",
            "place",
            "hours",
            "enquiry_phone",
            "complaint_phone",
            "legal_days",
            "promised_days",
        ]
        .contains(&field)
        .then(|| field.to_owned()),
        _ => {
            let n: usize = field
                .strip_prefix(part.list_name())?
                .strip_prefix('[')?
                .strip_suffix(']')?
                .parse()
                .ok()?;
            let row = placed.get(n.checked_sub(1)?)?;
            let first = match part {
                Part::Form => "label",
                _ => "name",
            };
            Some(format!("{}{row}_{first}", part.prefix()))
        }
    }
}

/// What still stops `guide` from being published, in words (empty when
/// a reviewer may approve it).
pub fn open_problems(guide: &Service) -> Vec<String> {
    check(guide).into_iter().map(|p| p.message).collect()
}

/// A new service's first guide: its code and name, the rest to be written.
pub fn skeleton(code: &str, name: &str, body: &str) -> Service {
    Service {
        code: code.to_owned(),
        name: name.to_owned(),
        kind: KINDS[0].to_owned(),
        theme: THEMES[0].to_owned(),
        audience: Audience::Both,
        legal_basis: String::new(),
        body: body.to_owned(),
        conditions: vec![],
        materials: vec![],
        steps: vec![],
        fields: vec![],
        legal_days: 0,
        promised_days: 0,
        fees: String::new(),
        place: String::new(),
        hours: String::new(),
        enquiry_phone: String::new(),
        complaint_phone: String::new(),
        visits: 0,
        online: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> Values {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn base() -> Service {
        crate::services::demo::services()
            .into_iter()
            .next()
            .expect("a demo guide")
    }

    #[test]
    fn rows_come_in_their_order_without_blank_or_removed_ones() {
        let v = values(&[
            ("s0_name", "受理"),
            ("s0_actor", "窗口"),
            ("s0_days", "1"),
            ("s0_order", "2"),
            ("s1_name", "审查"),
            ("s1_actor", "处室"),
            ("s1_days", "2"),
            ("s1_order", "1"),
            ("s2_name", "作废"),
            ("s2_actor", "某人"),
            ("s2_delete", "1"),
            ("s3_name", ""),
            ("s3_actor", ""),
            ("s3_days", ""),
        ]);
        let g = read(Part::Steps, &base(), &v).expect("read");
        let names: Vec<&str> = g.steps.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["审查", "受理"]);
        assert_eq!(g.materials, base().materials, "other parts stay");
    }

    #[test]
    fn a_bad_row_is_named_by_its_box() {
        let v = values(&[("s0_name", "受理"), ("s0_actor", ""), ("s0_days", "七")]);
        let errors = read(Part::Steps, &base(), &v).expect_err("refused");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"s0_days"), "{fields:?}");
        assert!(fields.contains(&"s0_name"), "the missing actor: {fields:?}");
    }

    #[test]
    fn form_fields_get_keys_and_checked_patterns() {
        let v = values(&[
            ("f0_label", "单位名称"),
            ("f0_kind", "text"),
            ("f0_required", "1"),
            ("f1_label", "经营范围"),
            ("f1_kind", "choice"),
            ("f1_options", "批发\n零售\n"),
            ("f2_label", "坏规则"),
            ("f2_kind", "text"),
            ("f2_pattern", "(["),
        ]);
        let mut b = base();
        b.materials.clear();
        let errors = read(Part::Form, &b, &v).expect_err("bad pattern");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "f2_label");
        let mut v = v;
        v.insert("f2_delete".into(), "1".into());
        let g = read(Part::Form, &b, &v).expect("read");
        assert_eq!(g.fields.len(), 2);
        assert_eq!(g.fields[0].key, "field_1");
        assert!(g.fields[0].required);
        assert_eq!(g.fields[1].options, ["批发", "零售"]);
    }

    #[test]
    fn basics_are_checked_box_by_box() {
        let v = values(&[
            ("name", "新事项"),
            ("kind", "行政许可"),
            ("theme", "电视"),
            ("audience", "org"),
            ("legal_basis", "《条例》"),
            ("body", "省局"),
            ("conditions", "条件一\n\n条件二"),
            ("legal_days", "20"),
            ("promised_days", "30"),
            ("fees", "不收费"),
            ("place", "大厅"),
            ("hours", "工作日"),
            ("enquiry_phone", "0591-1"),
            ("complaint_phone", "0591-2"),
        ]);
        let errors = read(Part::Basics, &base(), &v).expect_err("refused");
        let mut fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["promised_days", "theme"]);
    }
}
