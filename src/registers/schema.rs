//! What each register holds: its fields, and which of them the generic
//! columns (reference, title, type, status, date, amount, party, public-until)
//! are drawn from. Rows store their fields as a map; the generic columns are
//! copied out on save so every register filters, sorts and pages on indexes.

use super::mask::Mask;

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

const fn f(key: &'static str, label: &'static str, kind: Kind) -> Field {
    Field {
        key,
        label,
        kind,
        required: false,
        in_table: false,
        mask: Mask::Numbers,
        stage: false,
    }
}

impl Field {
    const fn req(mut self) -> Self {
        self.required = true;
        self
    }
    const fn col(mut self) -> Self {
        self.in_table = true;
        self
    }
    const fn mask(mut self, m: Mask) -> Self {
        self.mask = m;
        self
    }
    const fn stage(mut self) -> Self {
        self.stage = true;
        self
    }
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

pub const PARTY_KINDS: &[&str] = &["法人及非法人组织", "个体工商户", "自然人"];
pub const NATURAL_PERSON: &str = "自然人";
pub const POWER_TYPES: &[&str] = &[
    "行政许可",
    "行政处罚",
    "行政强制",
    "行政征收",
    "行政给付",
    "行政检查",
    "行政确认",
    "行政奖励",
    "其他",
];
/// The kinds of change a power-list item's history records.
pub const POWER_CHANGES: &[&str] = &["新增", "取消", "下放", "实施机关变更", "调整"];
pub const PROJECT_STAGES: &[&str] = &["审批", "核准", "备案", "实施", "竣工"];
pub const PROCUREMENT_STAGES: &[&str] = &["采购公告", "开标", "中标公告", "合同签订", "履约完成"];
pub const BUDGET_SYSTEMS: &[&str] = &["功能分类", "经济分类", "三公经费", "说明"];
pub const COERCION_KINDS: &[&str] = &[
    "查封场所、设施或者财物",
    "扣押财物",
    "冻结存款、汇款",
    "加处罚款或者滞纳金",
    "代履行",
    "其他",
];

const POWER: &[Field] = &[
    f("code", "事项编码", Kind::Text).req().col(),
    f("name", "事项名称", Kind::Text).req().col(),
    f("type", "权力类型", Kind::Choice(POWER_TYPES)).req().col(),
    f("basis", "设定依据", Kind::LongText).req(),
    f("body", "实施主体", Kind::Text).req().col(),
    f(
        "status",
        "状态",
        Kind::Choice(&["实施中", "已取消", "已下放"]),
    )
    .req()
    .col(),
    f("updated", "调整日期", Kind::Date).col(),
];

const LICENCE: &[Field] = &[
    f("doc_name", "行政许可决定文书名称", Kind::Text).req(),
    f("doc_no", "行政许可决定文书号", Kind::Text).req().col(),
    f(
        "category",
        "许可类别",
        Kind::Choice(&["普通", "特许", "认可", "核准", "登记", "其他"]),
    )
    .req()
    .col(),
    f("cert_name", "许可证书名称", Kind::Text),
    f("cert_no", "许可证书编号", Kind::Text),
    f("content", "许可内容", Kind::LongText).req().col(),
    f("decided", "许可决定日期", Kind::Date).req().col(),
    f("valid_from", "有效期自", Kind::Date),
    f("valid_to", "有效期至", Kind::Date),
    f("authority", "许可机关", Kind::Text).req(),
    f(
        "status",
        "当前状态",
        Kind::Choice(&["有效", "已注销", "已撤销", "已过期"]),
    )
    .req()
    .col(),
    f("party", "行政相对人名称", Kind::Text)
        .req()
        .col()
        .mask(Mask::PartyName),
    f("party_kind", "行政相对人类别", Kind::Choice(PARTY_KINDS)).req(),
    f("credit_code", "统一社会信用代码", Kind::Code).mask(Mask::PartyCode),
];

const PENALTY: &[Field] = &[
    f("doc_no", "行政处罚决定书文号", Kind::Text).req().col(),
    f("case_name", "案件名称", Kind::Text).req(),
    f("party", "行政相对人名称", Kind::Text)
        .req()
        .col()
        .mask(Mask::PartyName),
    f("party_kind", "行政相对人类别", Kind::Choice(PARTY_KINDS)).req(),
    f("credit_code", "统一社会信用代码", Kind::Code).mask(Mask::PartyCode),
    f("violation", "违法行为类型", Kind::Text).req().col(),
    f("facts", "主要违法事实", Kind::LongText).req(),
    f("basis", "处罚依据", Kind::LongText).req(),
    f(
        "category",
        "处罚类别",
        Kind::Choice(&[
            "警告",
            "通报批评",
            "罚款",
            "没收违法所得",
            "没收非法财物",
            "暂扣许可证件",
            "吊销许可证件",
            "责令停产停业",
            "其他",
        ]),
    )
    .req()
    .col(),
    f("content", "处罚内容", Kind::LongText).req(),
    f("amount", "罚没金额（元）", Kind::Money).col(),
    f("decided", "处罚决定日期", Kind::Date).req().col(),
    f("public_until", "公示截止期", Kind::Date).req(),
    f("authority", "处罚机关", Kind::Text).req(),
    f("serious", "严重失信", Kind::Flag),
    f("address", "相对人住所", Kind::Text).mask(Mask::Address),
];

const PROCUREMENT: &[Field] = &[
    f("code", "项目编号", Kind::Text).req().col(),
    f("name", "项目名称", Kind::Text).req().col(),
    f("budget", "预算金额（元）", Kind::Money).req().col(),
    f(
        "method",
        "采购方式",
        Kind::Choice(&[
            "公开招标",
            "邀请招标",
            "竞争性谈判",
            "竞争性磋商",
            "单一来源",
            "询价",
        ]),
    )
    .req()
    .col(),
    f("stage", "当前阶段", Kind::Choice(PROCUREMENT_STAGES))
        .req()
        .col(),
    f("noticed", "采购公告日期", Kind::Date).req().stage(),
    f("notice", "采购公告", Kind::LongText),
    f("documents", "采购文件", Kind::Text),
    f("opened", "开标日期", Kind::Date).stage(),
    f("awarded", "中标（成交）公告日期", Kind::Date).stage(),
    f("supplier", "中标（成交）供应商", Kind::Text).col(),
    f("award_amount", "中标（成交）金额（元）", Kind::Money),
    f("contracted", "合同签订日期", Kind::Date).stage(),
    f("contract", "合同名称及编号", Kind::Text),
];

const PROJECT: &[Field] = &[
    f("code", "项目代码", Kind::Text).req(),
    f("name", "项目名称", Kind::Text).req().col(),
    f("owner", "项目单位", Kind::Text).req().col(),
    f("stage", "当前阶段", Kind::Choice(PROJECT_STAGES))
        .req()
        .col(),
    f("approved", "审批日期", Kind::Date).stage(),
    f("ratified", "核准日期", Kind::Date).stage(),
    f("filed", "备案日期", Kind::Date).stage(),
    f("started", "开工日期", Kind::Date).stage(),
    f("completed", "竣工日期", Kind::Date).stage(),
    f("planned", "计划总投资（元）", Kind::Money).req().col(),
    f("invested", "累计完成投资（元）", Kind::Money),
    f("progress", "形象进度（%）", Kind::Percent).req().col(),
    f("scope", "建设内容", Kind::LongText).req(),
];

const INSPECTION_ITEM: &[Field] = &[
    f("code", "事项编码", Kind::Text).req().col(),
    f("name", "抽查事项", Kind::Text).req().col(),
    f("basis", "抽查依据", Kind::LongText).req(),
    f("subject", "抽查对象", Kind::Text).req().col(),
    f("content", "抽查内容", Kind::LongText).req(),
    f(
        "method",
        "抽查方式",
        Kind::Choice(&["现场检查", "书面检查", "网络监测", "抽样检测"]),
    )
    .req()
    .col(),
];

const INSPECTION: &[Field] = &[
    f("code", "检查编号", Kind::Text).req().col(),
    f("item", "抽查事项", Kind::Text).req().col(),
    f("date", "检查日期", Kind::Date).req().col(),
    f("party", "检查对象", Kind::Text)
        .req()
        .col()
        .mask(Mask::PartyName),
    f("party_kind", "检查对象类别", Kind::Choice(PARTY_KINDS)).req(),
    f("credit_code", "统一社会信用代码", Kind::Code).mask(Mask::PartyCode),
    f(
        "result",
        "检查结果",
        Kind::Choice(&[
            "未发现问题",
            "发现问题已责令整改",
            "发现问题已立案查处",
            "未找到检查对象",
        ]),
    )
    .req()
    .col(),
    f("handling", "处理情况", Kind::LongText),
];

const BUDGET: &[Field] = &[
    f("year", "年度", Kind::Year).req().col(),
    f("kind", "类型", Kind::Choice(&["预算", "决算"]))
        .req()
        .col(),
    f("system", "分类", Kind::Choice(BUDGET_SYSTEMS))
        .req()
        .col(),
    f("code", "科目编码", Kind::Text).req().col(),
    f("name", "科目名称", Kind::Text).req().col(),
    f("amount", "金额（元）", Kind::Money).col(),
    f("note", "说明", Kind::LongText),
];

const COERCION: &[Field] = &[
    f("doc_no", "行政强制决定书文号", Kind::Text).req().col(),
    f("case_name", "案件名称", Kind::Text).req(),
    f("party", "当事人名称", Kind::Text)
        .req()
        .col()
        .mask(Mask::PartyName),
    f("party_kind", "当事人类别", Kind::Choice(PARTY_KINDS)).req(),
    f("credit_code", "统一社会信用代码", Kind::Code).mask(Mask::PartyCode),
    f("category", "强制措施类别", Kind::Choice(COERCION_KINDS))
        .req()
        .col(),
    f("basis", "强制依据", Kind::LongText).req(),
    f("content", "强制内容", Kind::LongText).req(),
    f("decided", "决定日期", Kind::Date).req().col(),
    f(
        "status",
        "执行情况",
        Kind::Choice(&["执行中", "已解除", "已执行完毕"]),
    )
    .req()
    .col(),
    f("authority", "实施机关", Kind::Text).req(),
];

const LEVY: &[Field] = &[
    f("code", "征收编号", Kind::Text).req().col(),
    f("item", "征收项目", Kind::Text).req().col(),
    f("party", "缴纳人名称", Kind::Text)
        .req()
        .col()
        .mask(Mask::PartyName),
    f("party_kind", "缴纳人类别", Kind::Choice(PARTY_KINDS)).req(),
    f("credit_code", "统一社会信用代码", Kind::Code).mask(Mask::PartyCode),
    f("basis", "征收依据", Kind::LongText).req(),
    f("period", "所属期间", Kind::Text),
    f("amount", "征收金额（元）", Kind::Money).req().col(),
    f("decided", "征收日期", Kind::Date).req().col(),
    f("authority", "征收机关", Kind::Text).req(),
];

const BENEFIT: &[Field] = &[
    f("code", "给付编号", Kind::Text).req().col(),
    f(
        "item",
        "给付事项",
        Kind::Choice(&[
            "农村电影公益放映补贴",
            "出版资助",
            "广播电视公共服务补助",
            "其他",
        ]),
    )
    .req()
    .col(),
    f("party", "给付对象", Kind::Text)
        .req()
        .col()
        .mask(Mask::PartyName),
    f("party_kind", "给付对象类别", Kind::Choice(PARTY_KINDS)).req(),
    f("credit_code", "统一社会信用代码", Kind::Code).mask(Mask::PartyCode),
    f("content", "给付内容", Kind::LongText).req(),
    f("basis", "给付依据", Kind::LongText).req(),
    f("amount", "给付金额（元）", Kind::Money).col(),
    f("decided", "给付日期", Kind::Date).req().col(),
    f("authority", "给付机关", Kind::Text).req(),
];

const CONFIRMATION: &[Field] = &[
    f("doc_no", "确认文书号", Kind::Text).req().col(),
    f(
        "category",
        "确认类别",
        Kind::Choice(&["著作权登记", "出版物鉴定", "资质认定", "其他"]),
    )
    .req()
    .col(),
    f("content", "确认事项", Kind::Text).req().col(),
    f("party", "申请人名称", Kind::Text)
        .req()
        .col()
        .mask(Mask::PartyName),
    f("party_kind", "申请人类别", Kind::Choice(PARTY_KINDS)).req(),
    f("credit_code", "统一社会信用代码", Kind::Code).mask(Mask::PartyCode),
    f("result", "确认结果", Kind::LongText).req(),
    f("decided", "确认日期", Kind::Date).req().col(),
    f("authority", "确认机关", Kind::Text).req(),
];

const REWARD: &[Field] = &[
    f("doc_no", "奖励决定文号", Kind::Text).req().col(),
    f("name", "奖励名称", Kind::Text).req().col(),
    f(
        "category",
        "奖励方式",
        Kind::Choice(&["通报表扬", "颁发奖金", "授予荣誉称号", "其他"]),
    )
    .req()
    .col(),
    f("party", "受奖励对象", Kind::Text)
        .req()
        .col()
        .mask(Mask::PartyName),
    f("party_kind", "受奖励对象类别", Kind::Choice(PARTY_KINDS)).req(),
    f("credit_code", "统一社会信用代码", Kind::Code).mask(Mask::PartyCode),
    f("reason", "奖励事由", Kind::LongText).req(),
    f("amount", "奖金（元）", Kind::Money),
    f("decided", "奖励日期", Kind::Date).req().col(),
    f("authority", "奖励机关", Kind::Text).req(),
];

const LAW_CHECK: &[Field] = &[
    f("code", "检查编号", Kind::Text).req().col(),
    f("name", "检查事项", Kind::Text).req().col(),
    f(
        "category",
        "检查类型",
        Kind::Choice(&["日常检查", "专项检查", "联合检查", "举报核查"]),
    )
    .req()
    .col(),
    f("date", "检查日期", Kind::Date).req().col(),
    f("party", "检查对象", Kind::Text)
        .req()
        .col()
        .mask(Mask::PartyName),
    f("party_kind", "检查对象类别", Kind::Choice(PARTY_KINDS)).req(),
    f("credit_code", "统一社会信用代码", Kind::Code).mask(Mask::PartyCode),
    f(
        "result",
        "检查结果",
        Kind::Choice(&["未发现问题", "责令整改", "立案查处", "移送有关部门"]),
    )
    .req()
    .col(),
    f("handling", "处理情况", Kind::LongText),
    f("authority", "检查机关", Kind::Text).req(),
];

const FEE: &[Field] = &[
    f("code", "收费项目编码", Kind::Text).req().col(),
    f("name", "收费项目", Kind::Text).req().col(),
    f("basis", "收费依据", Kind::LongText).req(),
    f("standard", "收费标准", Kind::Text).req().col(),
    f("payer", "缴费对象", Kind::Text).req().col(),
    f(
        "status",
        "执行状态",
        Kind::Choice(&["正在执行", "已停征", "已取消"]),
    )
    .req()
    .col(),
    f("updated", "公布或调整日期", Kind::Date).req().col(),
];

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
