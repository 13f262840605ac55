//! The fields of every register, and the fixed vocabularies their choice
//! fields offer.

use super::{Field, Kind};
use crate::registers::mask::Mask;

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

pub(super) const POWER: &[Field] = &[
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

pub(super) const LICENCE: &[Field] = &[
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

pub(super) const PENALTY: &[Field] = &[
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

pub(super) const PROCUREMENT: &[Field] = &[
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

pub(super) const PROJECT: &[Field] = &[
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

pub(super) const INSPECTION_ITEM: &[Field] = &[
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

pub(super) const INSPECTION: &[Field] = &[
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

pub(super) const BUDGET: &[Field] = &[
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

pub(super) const COERCION: &[Field] = &[
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

pub(super) const LEVY: &[Field] = &[
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

pub(super) const BENEFIT: &[Field] = &[
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

pub(super) const CONFIRMATION: &[Field] = &[
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

pub(super) const REWARD: &[Field] = &[
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

pub(super) const LAW_CHECK: &[Field] = &[
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

pub(super) const FEE: &[Field] = &[
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
