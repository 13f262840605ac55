//! What each register holds: its fields, and which of them the generic
//! columns (reference, title, type, status, date, amount, party, public-until)
//! are drawn from. Rows store their fields as a map; the generic columns are
//! copied out on save so every register filters, sorts and pages on indexes.

mod fields;

use super::mask::Mask;
use fields::*;
pub use fields::{
    BUDGET_SYSTEMS, COERCION_KINDS, NATURAL_PERSON, PARTY_KINDS, POWER_CHANGES, POWER_TYPES,
    PROCUREMENT_STAGES, PROJECT_STAGES,
};

/// A register a citizen can browse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Register {
    Power,
    Licence,
    Penalty,
    Procurement,
    Project,
    InspectionItem,
    Inspection,
    Budget,
    /// 行政强制 decisions (查封、扣押…): counted into the annual report's table 二.
    Coercion,
    /// 行政征收.
    Levy,
    /// 行政给付 (subsidies paid out).
    Benefit,
    /// 行政确认 (registrations, appraisals).
    Confirmation,
    /// 行政奖励.
    Reward,
    /// 执法检查 outside the random inspections (日常、专项、联合检查).
    LawCheck,
    /// 行政事业性收费 (the fee list, 条例第二十条第（八）项).
    Fee,
}

/// What a field holds, and so how it is entered, checked and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    LongText,
    /// `YYYY-MM-DD`.
    Date,
    /// Yuan, up to two decimals; stored in fen in the amount column.
    Money,
    /// 0–100.
    Percent,
    Year,
    Choice(&'static [&'static str]),
    /// A 统一社会信用代码 (check digit validated) or, for a natural person,
    /// an identity-card number.
    Code,
    /// 是 / 否.
    Flag,
}

/// One field of a register.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// Shown as a column of the table (the row page shows every field).
    pub in_table: bool,
    pub mask: Mask,
    /// A stage date: shown on the row's timeline.
    pub stage: bool,
}

/// Which fields feed the generic columns.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    /// Fields whose values, joined by `/`, make the row's unique reference.
    pub key: &'static [&'static str],
    pub title: &'static str,
    pub category: Option<&'static str>,
    pub status: Option<&'static str>,
    /// The date rows sort by and years filter on.
    pub date: Option<&'static str>,
    /// A year field, for registers without a date (budgets).
    pub year: Option<&'static str>,
    pub amount: Option<&'static str>,
    pub party: Option<&'static str>,
    /// 自然人 / 法人及非法人组织 / 个体工商户.
    pub party_kind: Option<&'static str>,
    pub code: Option<&'static str>,
    /// After this date the row leaves the public table.
    pub public_until: Option<&'static str>,
    /// 是 marks a serious violation (严重失信).
    pub serious: Option<&'static str>,
}

const NONE: Columns = Columns {
    key: &[],
    title: "",
    category: None,
    status: None,
    date: None,
    year: None,
    amount: None,
    party: None,
    party_kind: None,
    code: None,
    public_until: None,
    serious: None,
};

impl Register {
    pub const ALL: [Register; 15] = [
        Register::Power,
        Register::Licence,
        Register::Penalty,
        Register::Procurement,
        Register::Project,
        Register::InspectionItem,
        Register::Inspection,
        Register::Budget,
        Register::Coercion,
        Register::Levy,
        Register::Benefit,
        Register::Confirmation,
        Register::Reward,
        Register::LawCheck,
        Register::Fee,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Register::Power => "power",
            Register::Licence => "licences",
            Register::Penalty => "penalties",
            Register::Procurement => "procurement",
            Register::Project => "projects",
            Register::InspectionItem => "inspection-items",
            Register::Inspection => "inspections",
            Register::Budget => "budgets",
            Register::Coercion => "coercion",
            Register::Levy => "levies",
            Register::Benefit => "benefits",
            Register::Confirmation => "confirmations",
            Register::Reward => "rewards",
            Register::LawCheck => "law-checks",
            Register::Fee => "fees",
        }
    }

    pub fn from_slug(s: &str) -> Option<Register> {
        Register::ALL.into_iter().find(|r| r.slug() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Register::Power => "权力清单",
            Register::Licence => "行政许可",
            Register::Penalty => "行政处罚",
            Register::Procurement => "政府采购",
            Register::Project => "重大建设项目",
            Register::InspectionItem => "双随机抽查事项",
            Register::Inspection => "双随机抽查结果",
            Register::Budget => "预算决算",
            Register::Coercion => "行政强制",
            Register::Levy => "行政征收",
            Register::Benefit => "行政给付",
            Register::Confirmation => "行政确认",
            Register::Reward => "行政奖励",
            Register::LawCheck => "执法检查",
            Register::Fee => "行政事业性收费",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Register::Power => "本机关依法行使的行政职权事项，及其取消、下放和实施机关变更情况。",
            Register::Licence => "行政许可决定（双公示），含许可内容、有效期和当前状态。",
            Register::Penalty => "行政处罚决定（双公示），公示期满后自动停止公示。",
            Register::Procurement => "政府采购项目的预算、采购方式、开标、中标和合同信息。",
            Register::Project => "重大建设项目的审批、核准、备案、实施和竣工情况及投资进度。",
            Register::InspectionItem => "“双随机、一公开”随机抽查事项清单。",
            Register::Inspection => "“双随机、一公开”抽查检查结果及处理情况。",
            Register::Budget => "部门预算、决算（功能分类、经济分类）和“三公”经费。",
            Register::Coercion => "查封、扣押等行政强制措施的决定及执行、解除情况。",
            Register::Levy => "依法征收的项目、缴纳人和金额。",
            Register::Benefit => "农村电影公益放映补贴、出版资助等行政给付的对象和金额。",
            Register::Confirmation => "著作权登记、出版物鉴定等行政确认的结果。",
            Register::Reward => "对举报“扫黄打非”有功人员等的表扬和奖励。",
            Register::LawCheck => "日常检查、专项检查、联合检查和举报核查的结果及处理情况。",
            Register::Fee => "本机关实施的行政事业性收费项目、依据、标准和缴费对象。",
        }
    }

    pub fn fields(self) -> &'static [Field] {
        match self {
            Register::Power => POWER,
            Register::Licence => LICENCE,
            Register::Penalty => PENALTY,
            Register::Procurement => PROCUREMENT,
            Register::Project => PROJECT,
            Register::InspectionItem => INSPECTION_ITEM,
            Register::Inspection => INSPECTION,
            Register::Budget => BUDGET,
            Register::Coercion => COERCION,
            Register::Levy => LEVY,
            Register::Benefit => BENEFIT,
            Register::Confirmation => CONFIRMATION,
            Register::Reward => REWARD,
            Register::LawCheck => LAW_CHECK,
            Register::Fee => FEE,
        }
    }

    pub fn field(self, key: &str) -> Option<&'static Field> {
        self.fields().iter().find(|f| f.key == key)
    }

    pub fn columns(self) -> Columns {
        match self {
            Register::Power => Columns {
                key: &["code"],
                title: "name",
                category: Some("type"),
                status: Some("status"),
                date: Some("updated"),
                ..NONE
            },
            Register::Licence => Columns {
                key: &["doc_no"],
                title: "content",
                category: Some("category"),
                status: Some("status"),
                date: Some("decided"),
                party: Some("party"),
                party_kind: Some("party_kind"),
                code: Some("credit_code"),
                ..NONE
            },
            Register::Penalty => Columns {
                key: &["doc_no"],
                title: "case_name",
                category: Some("category"),
                date: Some("decided"),
                amount: Some("amount"),
                party: Some("party"),
                party_kind: Some("party_kind"),
                code: Some("credit_code"),
                public_until: Some("public_until"),
                serious: Some("serious"),
                ..NONE
            },
            Register::Procurement => Columns {
                key: &["code"],
                title: "name",
                category: Some("method"),
                status: Some("stage"),
                date: Some("noticed"),
                amount: Some("budget"),
                ..NONE
            },
            Register::Project => Columns {
                key: &["code"],
                title: "name",
                status: Some("stage"),
                amount: Some("planned"),
                party: Some("owner"),
                ..NONE
            },
            Register::InspectionItem => Columns {
                key: &["code"],
                title: "name",
                category: Some("method"),
                ..NONE
            },
            Register::Inspection => Columns {
                key: &["code"],
                title: "item",
                status: Some("result"),
                date: Some("date"),
                party: Some("party"),
                party_kind: Some("party_kind"),
                code: Some("credit_code"),
                ..NONE
            },
            Register::Budget => Columns {
                key: &["year", "kind", "system", "code"],
                title: "name",
                category: Some("system"),
                status: Some("kind"),
                year: Some("year"),
                amount: Some("amount"),
                ..NONE
            },
            Register::Coercion => Columns {
                key: &["doc_no"],
                title: "case_name",
                category: Some("category"),
                status: Some("status"),
                date: Some("decided"),
                party: Some("party"),
                party_kind: Some("party_kind"),
                code: Some("credit_code"),
                ..NONE
            },
            Register::Levy => Columns {
                key: &["code"],
                title: "item",
                date: Some("decided"),
                amount: Some("amount"),
                party: Some("party"),
                party_kind: Some("party_kind"),
                code: Some("credit_code"),
                ..NONE
            },
            Register::Benefit => Columns {
                key: &["code"],
                title: "content",
                category: Some("item"),
                date: Some("decided"),
                amount: Some("amount"),
                party: Some("party"),
                party_kind: Some("party_kind"),
                code: Some("credit_code"),
                ..NONE
            },
            Register::Confirmation => Columns {
                key: &["doc_no"],
                title: "content",
                category: Some("category"),
                date: Some("decided"),
                party: Some("party"),
                party_kind: Some("party_kind"),
                code: Some("credit_code"),
                ..NONE
            },
            Register::Reward => Columns {
                key: &["doc_no"],
                title: "name",
                category: Some("category"),
                date: Some("decided"),
                amount: Some("amount"),
                party: Some("party"),
                party_kind: Some("party_kind"),
                code: Some("credit_code"),
                ..NONE
            },
            Register::LawCheck => Columns {
                key: &["code"],
                title: "name",
                category: Some("category"),
                status: Some("result"),
                date: Some("date"),
                party: Some("party"),
                party_kind: Some("party_kind"),
                code: Some("credit_code"),
                ..NONE
            },
            Register::Fee => Columns {
                key: &["code"],
                title: "name",
                status: Some("status"),
                date: Some("updated"),
                ..NONE
            },
        }
    }

    /// The labels the type and status filters carry in this register.
    pub fn filter_labels(self) -> (&'static str, &'static str) {
        let c = self.columns();
        let label = |k: Option<&str>| k.and_then(|k| self.field(k)).map_or("", |f| f.label);
        (label(c.category), label(c.status))
    }

    /// The choices of a choice field behind a generic column.
    pub fn choices(self, key: Option<&str>) -> &'static [&'static str] {
        match key.and_then(|k| self.field(k)).map(|f| f.kind) {
            Some(Kind::Choice(c)) => c,
            _ => &[],
        }
    }

    /// Which fields the table may sort by, as (field key, generic column).
    pub fn sortable(self) -> Vec<(&'static str, &'static str)> {
        let c = self.columns();
        let mut out = Vec::new();
        if c.key.len() == 1 {
            out.push((c.key[0], "ref_no"));
        }
        out.push((c.title, "title"));
        if let Some(d) = c.date {
            out.push((d, "decided_on"));
        }
        if let Some(y) = c.year {
            out.push((y, "year"));
        }
        if let Some(a) = c.amount {
            out.push((a, "amount"));
        }
        if let Some(p) = c.party {
            out.push((p, "party"));
        }
        out
    }

    /// The sort used when the URL names none: newest first where rows have a date.
    pub fn default_sort(self) -> (&'static str, bool) {
        let c = self.columns();
        match (c.date, c.year) {
            (Some(d), _) => (d, true),
            (None, Some(y)) => (y, true),
            _ => (c.key[0], false),
        }
    }

    /// Whether this register's rows may name natural persons.
    pub fn has_parties(self) -> bool {
        self.columns().party_kind.is_some()
    }
}

/// GB 32100-2015 check of an 18-character 统一社会信用代码.
pub fn valid_credit_code(code: &str) -> bool {
    credit_check_char(code.get(..17).unwrap_or(""))
        .is_some_and(|c| code.len() == 18 && code.as_bytes()[17].to_ascii_uppercase() == c as u8)
}

/// The check character for the first 17 characters of a credit code.
pub fn credit_check_char(first17: &str) -> Option<char> {
    const CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [usize; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (c, w) in first17.chars().zip(WEIGHTS) {
        sum += CHARS.find(c.to_ascii_uppercase())? * w;
    }
    let check = (31 - sum % 31) % 31;
    CHARS.chars().nth(check)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_codes_are_checked() {
        // A real code's check digit, worked out by GB 32100's rule.
        let code = format!(
            "91350100MA2XN5QY3{}",
            credit_check_char("91350100MA2XN5QY3").unwrap()
        );
        assert!(valid_credit_code(&code));
        let wrong = format!(
            "{}{}",
            &code[..17],
            if code.ends_with('0') { '1' } else { '0' }
        );
        assert!(!valid_credit_code(&wrong));
        assert!(!valid_credit_code("91350100MA2XN5QY3"));
        assert!(
            !valid_credit_code("91350100MA2XN5QYIO"),
            "I and O are not used"
        );
        assert_eq!(credit_check_char("91110000600037341"), Some('L'));
    }

    #[test]
    fn every_register_is_consistent() {
        for r in Register::ALL {
            let c = r.columns();
            let keys: Vec<&str> = r.fields().iter().map(|f| f.key).collect();
            for k in c.key.iter().chain([&c.title]).chain(
                [
                    c.category,
                    c.status,
                    c.date,
                    c.year,
                    c.amount,
                    c.party,
                    c.party_kind,
                    c.code,
                    c.public_until,
                    c.serious,
                ]
                .iter()
                .flatten(),
            ) {
                assert!(keys.contains(k), "{} names a missing field {k}", r.slug());
            }
            assert!(!c.key.is_empty());
            assert_eq!(Register::from_slug(r.slug()), Some(r));
            let mut unique = keys.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), keys.len(), "{} repeats a key", r.slug());
        }
    }
}
