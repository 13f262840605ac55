//! The annual report's shape (政府信息公开工作年度报告, template
//! 国办公开办函〔2021〕30号): its three tables as the portal counts them,
//! the two figures staff enter, and the narrative parts staff write. Stored
//! as a field of the report item's revision, so what is reviewed is what is
//! published. Compiles for the browser too.

use serde::{Deserialize, Serialize};

/// Table 三's columns: 自然人, the five kinds of organisation, 总计.
pub const COLUMNS: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];
/// The 总计 column of table 三.
pub const TOTAL_COLUMN: usize = 6;

/// Table 三's rows before the outcomes.
pub const ROW_NEW: usize = 0;
pub const ROW_CARRIED_IN: usize = 1;
/// The first outcome row (予以公开); the outcomes follow in the order of
/// `requests::types::OUTCOMES`, then 总计 and 结转下年度.
pub const ROW_FIRST_OUTCOME: usize = 2;

/// Table 四's groups (行政复议, 未经复议直接起诉, 复议后起诉) and the
/// columns of each: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
pub const APPEAL_COLUMNS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/// Table 二 (第二十条第（一）、（五）、（六）、（八）项).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Proactive {
    /// 规章: 本年制发件数, 本年废止件数, 现行有效件数.
    pub rules: [i64; 3],
    /// 行政规范性文件: the same three.
    pub normative: [i64; 3],
    /// 行政许可: 本年处理决定数量 (licences granted and refused).
    pub licences: i64,
    /// 行政处罚: 本年处理决定数量.
    pub penalties: i64,
    /// 行政强制: 本年处理决定数量, entered by staff (empty: not entered).
    pub enforcement: String,
    /// 行政事业性收费: 本年收费金额 in 万元, entered by staff.
    pub fees_wan: String,
}

/// A whole annual report: the tables counted from the portal's data when it
/// was drafted, the entered figures and the narrative (Markdown, in which
/// `{{名称}}` stands for one of the report's figures).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnnualReport {
    pub year: i32,
    pub proactive: Proactive,
    /// Table 三: one row per line of the template, each with the seven
    /// columns of `COLUMNS`.
    pub requests: Vec<[i64; 7]>,
    /// Table 四: per group (行政复议, 未经复议直接起诉, 复议后起诉), the five
    /// columns of `APPEAL_COLUMNS`.
    pub appeals: [[i64; 5]; 3],
    /// Items made public on the portal in the year (all kinds).
    pub published_items: i64,
    /// 信息处理费 collected on requests replied to in the year, in 元.
    pub fees_yuan: i64,
    /// 一、总体情况.
    pub overview_md: String,
    /// 五、存在的主要问题及改进情况.
    pub problems_md: String,
    /// 六、其他需要报告的事项.
    pub other_md: String,
}

/// A year on the staff list: whether its report exists and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLine {
    pub year: i32,
    /// The report item, once drafted.
    pub article_id: Option<i64>,
    /// 未编制, 草稿, 送审中, 已审核, 已发布 ….
    pub state: String,
    pub published: bool,
    /// The last day to publish it (1月31日 of the next year).
    pub due_on: String,
    /// Past the due day and not published.
    pub late: bool,
}

/// One year's report for its staff page: the tables as the data stand now,
/// the narrative as last saved, and what the checks find.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportWork {
    pub line: ReportLine,
    /// Tables counted now, with the saved narrative and entered figures.
    pub report: AnnualReport,
    /// The figures staff may quote, as (名称, value).
    pub figures: Vec<(String, String)>,
    /// Every check that fails, in Chinese.
    pub problems: Vec<String>,
    /// A revision is with a reviewer (or approved and waiting).
    pub in_review: bool,
    /// The report's generated text (Markdown with HTML tables) rendered.
    pub preview_html: String,
}
