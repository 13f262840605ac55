//! What a question and an answer must hold, with the message for each
//! field that falls short.

use crate::error::FieldError;
use std::collections::HashMap;

/// A question as checked, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub service_code: String,
    pub topic: String,
    pub question: String,
    pub asker: String,
    pub contact: String,
    pub allow_public: bool,
}

const MAX_TOPIC: usize = 50;
const MAX_QUESTION: usize = 1000;
const MAX_NAME: usize = 30;
const MAX_ANSWER: usize = 3000;

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// A mobile (11 digits from 1), a landline (area code, optional hyphen) or
/// an e-mail address.
pub fn contact_ok(s: &str) -> bool {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let mobile = s.len() == 11 && digits(s) && s.starts_with('1');
    let landline = {
        let (area, number) = s.split_once('-').unwrap_or(("", s));
        let whole: String = s.chars().filter(|c| *c != '-').collect();
        s.starts_with('0')
            && digits(&whole)
            && (10..=12).contains(&whole.len())
            && (area.is_empty() || (3..=4).contains(&area.len()) && (7..=8).contains(&number.len()))
    };
    let email = s.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty()
            && host.contains('.')
            && !host.starts_with('.')
            && !host.ends_with('.')
            && !s.contains(char::is_whitespace)
            && s.len() <= 100
    });
    mobile || landline || email
}

/// Checks the ask form's `values` against the services that exist
/// (`codes`).
pub fn check_question(
    values: &HashMap<String, String>,
    codes: &[String],
) -> Result<Question, Vec<FieldError>> {
    let get = |k: &str| {
        values
            .get(k)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let q = Question {
        service_code: get("service"),
        topic: get("topic"),
        question: get("question"),
        asker: get("asker"),
        contact: get("contact"),
        allow_public: get("allow_public") == "yes",
    };
    let mut errors = Vec::new();
    if !q.service_code.is_empty() && !codes.contains(&q.service_code) {
        errors.push(FieldError::new("service", "请从列表中选择所涉事项"));
    }
    if q.topic.is_empty() {
        errors.push(FieldError::new("topic", "请填写咨询主题"));
    } else if chars(&q.topic) > MAX_TOPIC {
        errors.push(FieldError::new(
            "topic",
            format!("咨询主题不能超过 {MAX_TOPIC} 字"),
        ));
    }
    if chars(&q.question) < 5 {
        errors.push(FieldError::new("question", "请把问题写清楚（至少 5 个字）"));
    } else if chars(&q.question) > MAX_QUESTION {
        errors.push(FieldError::new(
            "question",
            format!("咨询内容不能超过 {MAX_QUESTION} 字"),
        ));
    }
    if q.asker.is_empty() {
        errors.push(FieldError::new("asker", "请填写姓名或单位名称"));
    } else if chars(&q.asker) > MAX_NAME {
        errors.push(FieldError::new(
            "asker",
            format!("姓名不能超过 {MAX_NAME} 字"),
        ));
    }
    if q.contact.is_empty() {
        errors.push(FieldError::new("contact", "请填写联系方式，以便答复您"));
    } else if !contact_ok(&q.contact) {
        errors.push(FieldError::new(
            "contact",
            "联系方式应为 11 位手机号、带区号的固定电话（如 0591-87654321）或电子邮箱",
        ));
    }
    if errors.is_empty() {
        Ok(q)
    } else {
        Err(errors)
    }
}

/// An answer as checked: its text and the answering department.
pub fn check_answer(answer: &str, department: &str) -> Result<(String, String), Vec<FieldError>> {
    let (answer, department) = (answer.trim(), department.trim());
    let mut errors = Vec::new();
    if answer.is_empty() {
        errors.push(FieldError::new("answer", "请填写答复内容"));
    } else if chars(answer) > MAX_ANSWER {
        errors.push(FieldError::new(
            "answer",
            format!("答复内容不能超过 {MAX_ANSWER} 字"),
        ));
    }
    if department.is_empty() {
        errors.push(FieldError::new("department", "请填写答复部门"));
    } else if chars(department) > MAX_NAME {
        errors.push(FieldError::new(
            "department",
            format!("答复部门不能超过 {MAX_NAME} 字"),
        ));
    }
    if errors.is_empty() {
        Ok((answer.to_owned(), department.to_owned()))
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_are_phones_or_mail() {
        for ok in [
            "13800138000",
            "0591-87654321",
            "059187654321",
            "010-6543210",
            "zhang@example.cn",
        ] {
            assert!(contact_ok(ok), "{ok}");
        }
        for bad in [
            "12345",
            "2380013800",
            "138001380001",
            "0591-123",
            "a@b",
            "@example.cn",
            "zhang @x.cn",
            "电话",
        ] {
            assert!(!contact_ok(bad), "{bad}");
        }
    }

    #[test]
    fn a_question_names_each_missing_or_wrong_field() {
        let codes = vec!["XK-001".to_owned()];
        let form = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect::<HashMap<_, _>>()
        };
        let fields = |r: Result<Question, Vec<FieldError>>| {
            r.err()
                .unwrap_or_default()
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(check_question(&form(&[]), &codes)),
            vec!["topic", "question", "asker", "contact"]
        );
        assert_eq!(
            fields(check_question(
                &form(&[
                    ("service", "NOPE"),
                    ("topic", "问"),
                    ("question", "办理需要多久？"),
                    ("asker", "张三"),
                    ("contact", "123")
                ]),
                &codes
            )),
            vec!["service", "contact"]
        );
        let ok = check_question(
            &form(&[
                ("service", "XK-001"),
                ("topic", " 办理时限 "),
                ("question", "网上申请后多久能办好？"),
                ("asker", "张三"),
                ("contact", "13800138000"),
                ("allow_public", "yes"),
            ]),
            &codes,
        );
        assert_eq!(
            ok.map(|q| (q.topic, q.allow_public)),
            Ok(("办理时限".to_owned(), true))
        );
    }

    #[test]
    fn an_answer_needs_text_and_a_department() {
        assert!(check_answer(" 可以。 ", "行政审批处").is_ok());
        assert_eq!(check_answer("", "").map_err(|e| e.len()), Err(2));
    }
}

/// What an asker wrote, fit for the public: identity-card, mobile and bank
/// card numbers masked, and the asker's own name wherever it appears
/// (`asker`). Applied to the handler's edited text too, so nothing typed
/// slips through by an oversight.
#[cfg(feature = "ssr")]
pub fn for_public(text: &str, asker: &str) -> String {
    use crate::registers::mask::{mask_value, Mask};
    let asker = asker.trim();
    let person = (asker.chars().count() >= 2).then_some(asker);
    mask_value(text.trim(), Mask::Numbers, person).0
}

#[cfg(all(test, feature = "ssr"))]
mod public_tests {
    use super::for_public;

    #[test]
    fn what_the_public_sees_is_masked() {
        let q = "我是张伟，身份证350102199001011238，手机13812345678，银行卡6222021001112223331，张伟的申请进度？";
        let m = for_public(q, "张伟");
        assert!(!m.contains("350102199001011238"), "{m}");
        assert!(!m.contains("13812345678"), "{m}");
        assert!(!m.contains("张伟"), "{m}");
        assert!(m.contains("张*"), "{m}");
        assert!(m.contains("申请进度"), "{m}");
        // Not personal: left alone.
        assert_eq!(
            for_public("出版物经营许可证年检", "李"),
            "出版物经营许可证年检"
        );
    }
}
