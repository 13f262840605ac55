//! The pieces demo guides are built from: the bureau's window, and
//! materials, steps and form fields with the defaults most of them share.

use crate::services::types::{FieldKind, FormField, Material, Step};

pub(super) const PLACE: &str =
    "福州市鼓楼区东大路2号 福建省新闻出版广电局政务服务窗口（省行政服务中心三楼 C 区）";
pub(super) const HOURS: &str = "周一至周五（法定节假日除外）上午 8:30—12:00，下午 14:30—17:30";
pub(super) const ENQUIRY: &str = "0591-87654321";
pub(super) const COMPLAINT: &str = "0591-87654300（省局机关纪委）";

pub(super) fn material(
    name: &str,
    form: &str,
    required: bool,
    note: &str,
    field: Option<&str>,
) -> Material {
    Material {
        name: name.to_owned(),
        form: form.to_owned(),
        copies: 1,
        required,
        note: note.to_owned(),
        field: field.map(str::to_owned),
    }
}

pub(super) fn step(name: &str, actor: &str, needs: &str, days: u32, branch: Option<&str>) -> Step {
    Step {
        name: name.to_owned(),
        actor: actor.to_owned(),
        needs: needs.to_owned(),
        days,
        branch: branch.map(str::to_owned),
    }
}

pub(super) fn field(
    key: &str,
    label: &str,
    kind: FieldKind,
    step: &str,
    example: &str,
) -> FormField {
    FormField {
        key: key.to_owned(),
        label: label.to_owned(),
        kind,
        required: true,
        pattern: None,
        pattern_hint: None,
        check: None,
        options: Vec::new(),
        hint: String::new(),
        step: step.to_owned(),
        example: example.to_owned(),
    }
}

pub(super) fn optional(mut f: FormField) -> FormField {
    f.required = false;
    f
}

pub(super) fn hint(mut f: FormField, hint: &str) -> FormField {
    f.hint = hint.to_owned();
    f
}

pub(super) fn choice(mut f: FormField, options: &[&str]) -> FormField {
    f.kind = FieldKind::Choice;
    f.options = options.iter().map(|o| (*o).to_owned()).collect();
    f
}

/// The applicant organisation's fields every licence asks.
pub(super) fn org_fields(example_name: &str) -> Vec<FormField> {
    let mut credit = field(
        "credit_code",
        "统一社会信用代码",
        FieldKind::Text,
        "申请单位",
        "91350102MA2XY01232",
    );
    credit.pattern = Some("[0-9A-HJ-NPQRTUWXY]{18}".to_owned());
    credit.pattern_hint = Some("18 位数字或大写字母（不含 I、O、Z、S、V）".to_owned());
    credit.check = Some("credit_code".to_owned());
    let mut phone = field(
        "phone",
        "联系电话",
        FieldKind::Text,
        "申请单位",
        "13905912345",
    );
    phone.pattern = Some(r"1\d{10}|0\d{2,3}-?\d{7,8}".to_owned());
    phone.pattern_hint = Some("11 位手机号码，或带区号的固定电话".to_owned());
    vec![
        field(
            "org_name",
            "单位名称",
            FieldKind::Text,
            "申请单位",
            example_name,
        ),
        credit,
        field(
            "legal_rep",
            "法定代表人",
            FieldKind::Text,
            "申请单位",
            "林某某",
        ),
        field(
            "address",
            "住所（经营场所）",
            FieldKind::Text,
            "申请单位",
            "福州市仓山区示例路 8 号",
        ),
        field("contact", "联系人", FieldKind::Text, "申请单位", "陈某某"),
        phone,
    ]
}

pub(super) fn files(list: &[(&str, &str)]) -> Vec<FormField> {
    list.iter()
        .map(|(key, label)| {
            hint(
                field(key, label, FieldKind::File, "上传材料", "示例.pdf"),
                "PDF、JPEG 或 PNG，单个不超过 10 MB",
            )
        })
        .collect()
}

pub(super) fn licence_steps(
    review: &str,
    office: &str,
    review_days: u32,
    site_visit: bool,
) -> Vec<Step> {
    let mut steps = vec![
        step("提交申请", "申请人", "网上或窗口提交申请表和材料", 0, None),
        step(
            "受理",
            "政务服务窗口",
            "核对材料是否齐全、符合法定形式",
            1,
            Some("材料不齐：一次性告知补正；不属本机关职权：不予受理"),
        ),
    ];
    if site_visit {
        steps.push(step(
            "实地核查",
            office,
            "两名以上工作人员核查经营场所和设备",
            review_days / 2,
            None,
        ));
    }
    steps.push(step(
        review,
        office,
        "审查申请是否符合法定条件",
        review_days - if site_visit { review_days / 2 } else { 0 },
        Some("不符合条件：不予许可并书面说明理由"),
    ));
    steps.push(step(
        "决定",
        "分管局领导",
        "作出准予或不予许可决定",
        2,
        None,
    ));
    steps.push(step(
        "送达办结",
        "政务服务窗口",
        "制发许可证，窗口领取或免费邮寄",
        1,
        None,
    ));
    steps
}
