//! What a request and each handling step must hold, with the message for
//! every field that falls short (all at once, beside their boxes).

use super::types::{ApplicantKind, Delivery, FeeMethod, Outcome, ORG_TYPES};
use crate::error::FieldError;
use std::collections::HashMap;

/// A request as checked, ready to store (the identity proof is checked
/// apart, by its bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub kind: ApplicantKind,
    pub org_type: String,
    pub name: String,
    pub id_number: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub description: String,
    pub doc_ref: String,
    pub purpose: String,
    pub delivery: Delivery,
}

const MAX_NAME: usize = 60;
const MAX_DESCRIPTION: usize = 2000;
const MAX_SHORT: usize = 100;
const MAX_PURPOSE: usize = 500;
const MAX_TEXT: usize = 3000;

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn get(values: &HashMap<String, String>, k: &str) -> String {
    values
        .get(k)
        .map(|v| v.trim().to_owned())
        .unwrap_or_default()
}

fn too_long(errors: &mut Vec<FieldError>, field: &str, label: &str, v: &str, max: usize) {
    if chars(v) > max {
        errors.push(FieldError::new(field, format!("{label}不能超过 {max} 字")));
    }
}

fn valid_email(s: &str) -> bool {
    crate::ui::format::plausible_email(s) && crate::consult::validate::contact_ok(s)
}

/// Checks the request form's `values`.
pub fn check_request(values: &HashMap<String, String>) -> Result<Asked, Vec<FieldError>> {
    let mut errors = Vec::new();
    let kind = get(values, "applicant_kind").parse::<ApplicantKind>().ok();
    if kind.is_none() {
        errors.push(FieldError::new(
            "applicant_kind",
            "请选择申请人类型：自然人或法人或其他组织",
        ));
    }
    let org_type = get(values, "org_type");
    if kind == Some(ApplicantKind::Org) && !ORG_TYPES.contains(&org_type.as_str()) {
        errors.push(FieldError::new("org_type", "请选择单位类型"));
    }
    let name = get(values, "name");
    if name.is_empty() {
        errors.push(FieldError::new(
            "name",
            if kind == Some(ApplicantKind::Org) {
                "请填写单位名称"
            } else {
                "请填写姓名"
            },
        ));
    }
    too_long(&mut errors, "name", "名称", &name, MAX_NAME);
    let id_number = get(values, "id_number").to_ascii_uppercase();
    match kind {
        Some(ApplicantKind::Person) if !crate::registers::mask::valid_id_card(&id_number) => {
            errors.push(FieldError::new(
                "id_number",
                if id_number.is_empty() {
                    "请填写身份证号码"
                } else if id_number.len() == 18 {
                    "身份证号码的校验位不对，请逐位核对"
                } else {
                    "身份证号码应为 18 位，最后一位可以是 X"
                },
            ));
        }
        Some(ApplicantKind::Org) if !crate::registers::schema::valid_credit_code(&id_number) => {
            errors.push(FieldError::new(
                "id_number",
                if id_number.is_empty() {
                    "请填写统一社会信用代码"
                } else if id_number.len() == 18 {
                    "统一社会信用代码的校验位不对，请对照营业执照核对每一位"
                } else {
                    "统一社会信用代码应为 18 位数字或大写字母"
                },
            ));
        }
        _ => {}
    }
    let phone = get(values, "phone");
    if phone.is_empty() {
        errors.push(FieldError::new("phone", "请填写联系电话，以便联系您"));
    } else if phone.contains('@') || !crate::consult::validate::contact_ok(&phone) {
        errors.push(FieldError::new(
            "phone",
            "联系电话应为 11 位手机号或带区号的固定电话（如 0591-87654321）",
        ));
    }
    let delivery = get(values, "delivery").parse::<Delivery>().ok();
    if delivery.is_none() {
        errors.push(FieldError::new("delivery", "请选择获取信息的方式"));
    }
    let email = get(values, "email");
    if email.is_empty() && delivery == Some(Delivery::Email) {
        errors.push(FieldError::new(
            "email",
            "选择电子邮件获取的，请填写电子邮箱",
        ));
    } else if !email.is_empty() && !valid_email(&email) {
        errors.push(FieldError::new(
            "email",
            "电子邮箱格式不对，应如 zhang@example.cn",
        ));
    }
    let address = get(values, "address");
    if address.is_empty() && delivery == Some(Delivery::Post) {
        errors.push(FieldError::new("address", "选择邮寄的，请填写邮寄地址"));
    }
    too_long(&mut errors, "address", "邮寄地址", &address, MAX_SHORT);
    let description = get(values, "description");
    if chars(&description) < 5 {
        errors.push(FieldError::new(
            "description",
            "请写明所需政府信息的名称、文号或者便于查找的其他特征描述（至少 5 个字）",
        ));
    }
    too_long(
        &mut errors,
        "description",
        "所需信息的描述",
        &description,
        MAX_DESCRIPTION,
    );
    let doc_ref = get(values, "doc_ref");
    too_long(&mut errors, "doc_ref", "文号或索引号", &doc_ref, MAX_SHORT);
    let purpose = get(values, "purpose");
    too_long(&mut errors, "purpose", "用途", &purpose, MAX_PURPOSE);
    match (kind, delivery) {
        (Some(kind), Some(delivery)) if errors.is_empty() => Ok(Asked {
            kind,
            org_type: if kind == ApplicantKind::Org {
                org_type
            } else {
                String::new()
            },
            name,
            id_number,
            phone,
            email,
            address,
            description,
            doc_ref,
            purpose,
            delivery,
        }),
        _ => Err(errors),
    }
}

/// A reply as checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub outcome: &'static Outcome,
    pub reason: String,
    pub basis: String,
    pub other_agency: String,
    pub public_location: String,
    pub fee_method: FeeMethod,
    pub fee_pages: u32,
}

/// Checks the reply form: every outcome explains itself; a refusal names
/// its legal basis; information already public says where; a page fee
/// needs the page count.
pub fn check_reply(values: &HashMap<String, String>) -> Result<Reply, Vec<FieldError>> {
    let mut errors = Vec::new();
    let outcome = Outcome::by_slug(&get(values, "outcome"));
    if outcome.is_none() {
        errors.push(FieldError::new("outcome", "请选择办理结果"));
    }
    let reason = get(values, "reason");
    if chars(&reason) < 5 {
        errors.push(FieldError::new(
            "reason",
            match outcome.map(|o| o.provides) {
                Some(true) => "请写明提供信息的方式、途径和时间（至少 5 个字）",
                _ => "请写明理由（至少 5 个字），申请人会在答复书中看到",
            },
        ));
    }
    too_long(&mut errors, "reason", "答复说明", &reason, MAX_TEXT);
    let basis = get(values, "basis");
    if basis.is_empty() && outcome.is_some_and(|o| o.needs_basis) {
        errors.push(FieldError::new("basis", "请写明所依据的法律条款"));
    }
    too_long(&mut errors, "basis", "法律依据", &basis, MAX_SHORT * 3);
    let other_agency = get(values, "other_agency");
    too_long(
        &mut errors,
        "other_agency",
        "负责公开的机关",
        &other_agency,
        MAX_SHORT,
    );
    let already = get(values, "already_public") == "yes";
    let public_location = get(values, "public_location");
    if already && public_location.is_empty() {
        errors.push(FieldError::new(
            "public_location",
            "已主动公开的，请写明获取途径（如网址或公开栏位置）",
        ));
    }
    too_long(
        &mut errors,
        "public_location",
        "获取途径",
        &public_location,
        MAX_SHORT * 3,
    );
    let fee_method = FeeMethod::from_slug(&get(values, "fee_method"));
    if fee_method.is_none() {
        errors.push(FieldError::new("fee_method", "请选择是否收取信息处理费"));
    }
    let pages_raw = get(values, "fee_pages");
    let fee_pages = if fee_method == Some(FeeMethod::ByPages) {
        match pages_raw.parse::<u32>() {
            Ok(p) if (1..=100_000).contains(&p) => p,
            _ => {
                errors.push(FieldError::new(
                    "fee_pages",
                    "按量计收的，请填写提供信息的页数（正整数）",
                ));
                0
            }
        }
    } else {
        0
    };
    match (outcome, fee_method) {
        (Some(outcome), Some(fee_method)) if errors.is_empty() => Ok(Reply {
            outcome,
            reason,
            basis,
            other_agency: if outcome.names_agency {
                other_agency
            } else {
                String::new()
            },
            public_location: if outcome.provides && already {
                public_location
            } else {
                String::new()
            },
            fee_method: if outcome.provides {
                fee_method
            } else {
                FeeMethod::None
            },
            fee_pages,
        }),
        _ => Err(errors),
    }
}

/// A short text a step needs (its field `field`, label `label`).
pub fn required_text(
    values: &HashMap<String, String>,
    field: &str,
    message: &str,
    max: usize,
) -> Result<String, FieldError> {
    let v = get(values, field);
    if chars(&v) < 2 {
        Err(FieldError::new(field, message))
    } else if chars(&v) > max {
        Err(FieldError::new(field, format!("不能超过 {max} 字")))
    } else {
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn fields<T>(r: Result<T, Vec<FieldError>>) -> Vec<String> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_request_names_every_missing_or_wrong_field() {
        assert_eq!(
            fields(check_request(&form(&[]))),
            vec!["applicant_kind", "name", "phone", "delivery", "description"]
        );
        assert_eq!(
            fields(check_request(&form(&[
                ("applicant_kind", "org"),
                ("name", "某出版社"),
                ("id_number", "91350102MA2XY01234"),
                ("phone", "13800138000"),
                ("delivery", "post"),
                ("description", "2025年出版物发行单位名单"),
            ]))),
            vec!["org_type", "id_number", "address"]
        );
        assert_eq!(
            fields(check_request(&form(&[
                ("applicant_kind", "person"),
                ("name", "张三"),
                ("id_number", "350102199001011234"),
                ("phone", "zhang@example.cn"),
                ("delivery", "email"),
                ("description", "2025年出版物发行单位名单"),
            ]))),
            vec!["id_number", "phone", "email"]
        );
        let ok = check_request(&form(&[
            ("applicant_kind", "org"),
            ("org_type", "法律服务机构"),
            ("name", "某律师事务所"),
            ("id_number", "91350102ma2xy01232"),
            ("phone", "0591-87654321"),
            ("delivery", "online"),
            ("description", " 2025年出版物发行单位名单 "),
        ]));
        assert_eq!(
            ok.map(|a| (a.id_number, a.description, a.org_type)),
            Ok((
                "91350102MA2XY01232".to_owned(),
                "2025年出版物发行单位名单".to_owned(),
                "法律服务机构".to_owned()
            ))
        );
    }

    #[test]
    fn each_outcome_asks_what_the_law_asks() {
        assert_eq!(fields(check_reply(&form(&[]))), vec!["outcome", "reason"]);
        assert_eq!(
            fields(check_reply(&form(&[("fee_method", "both")]))),
            vec!["outcome", "reason", "fee_method"]
        );
        // A refusal names its basis.
        assert_eq!(
            fields(check_reply(&form(&[
                ("outcome", "deny-4"),
                ("reason", "涉及第三方商业秘密，第三方不同意公开。"),
                ("fee_method", ""),
            ]))),
            vec!["basis"]
        );
        // Already public: where.
        assert_eq!(
            fields(check_reply(&form(&[
                ("outcome", "open"),
                ("reason", "已在本网站主动公开。"),
                ("already_public", "yes"),
                ("fee_method", ""),
            ]))),
            vec!["public_location"]
        );
        // A page fee needs the pages.
        assert_eq!(
            fields(check_reply(&form(&[
                ("outcome", "open"),
                ("reason", "通过电子邮件提供。"),
                ("fee_method", "pages"),
                ("fee_pages", "三十"),
            ]))),
            vec!["fee_pages"]
        );
        // Not held: the agency is kept; no fee on a refusal.
        let r = check_reply(&form(&[
            ("outcome", "unable-1"),
            ("reason", "经检索，本机关未制作或获取该信息。"),
            ("basis", "条例第三十六条"),
            ("other_agency", "某县文化和旅游局"),
            ("fee_method", "count"),
        ]))
        .expect("valid");
        assert_eq!(r.other_agency, "某县文化和旅游局");
        assert_eq!(r.fee_method, FeeMethod::None);
    }
}
