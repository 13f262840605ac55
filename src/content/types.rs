//! Shared content types; they compile for the browser too.

use super::taxonomy::{Disclosure, Validity};
use serde::{Deserialize, Serialize};

/// Where an item (or a topic) stands for the public: a draft never
/// published, published, or withdrawn (撤回) with a public notice. Only
/// `Published` can be public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicationStatus {
    Draft,
    Published,
    Withdrawn,
}

impl PublicationStatus {
    pub const ALL: [PublicationStatus; 3] = [
        PublicationStatus::Draft,
        PublicationStatus::Published,
        PublicationStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PublicationStatus::Draft => "draft",
            PublicationStatus::Published => "published",
            PublicationStatus::Withdrawn => "withdrawn",
        }
    }

    /// How staff pages describe it.
    pub fn label(self) -> &'static str {
        match self {
            PublicationStatus::Draft => "尚未发布",
            PublicationStatus::Published => "已发布",
            PublicationStatus::Withdrawn => "已撤回",
        }
    }
}

impl std::str::FromStr for PublicationStatus {
    type Err = crate::error::UnknownValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PublicationStatus::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| crate::error::UnknownValue {
                kind: "publication status",
                value: s.to_owned(),
            })
    }
}

#[cfg(feature = "ssr")]
crate::text_column!(PublicationStatus);

/// The kinds of published content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContentKind {
    /// 工作动态
    News,
    /// 通知公告
    Notice,
    /// 政策文件
    Policy,
    /// 政策解读
    Interpretation,
    /// 新闻发布
    Release,
    /// 回应关切
    Response,
    /// 机构概况 (条例第二十条第（二）项): functions, departments, leaders,
    /// affiliated units, address, hours and phones.
    Organisation,
    /// 规划计划 (第（三）项): development plans, annual work plans and
    /// their 执行情况 / 总结.
    Plan,
    /// 统计信息 (第（四）项): bulletins and tables (Markdown tables, each
    /// downloadable as CSV).
    Statistics,
    /// 应急管理 (第（十二）项): 突发事件应急预案, warnings and their handling.
    Emergency,
    /// 人事信息 (第（十四）项): 公务员招考 notices and results, 人事任免.
    Personnel,
    /// 建议提案办理: replies to NPC deputies' suggestions and CPPCC proposals.
    Proposal,
    /// 意见征集: a draft decision put to the public (see `comments`).
    Consultation,
    /// 政府信息公开工作年度报告 (see `reports`).
    AnnualReport,
}

impl ContentKind {
    pub const ALL: [ContentKind; 14] = [
        ContentKind::News,
        ContentKind::Notice,
        ContentKind::Policy,
        ContentKind::Interpretation,
        ContentKind::Release,
        ContentKind::Response,
        ContentKind::Organisation,
        ContentKind::Plan,
        ContentKind::Statistics,
        ContentKind::Emergency,
        ContentKind::Personnel,
        ContentKind::Proposal,
        ContentKind::Consultation,
        ContentKind::AnnualReport,
    ];

    /// The stable name stored in the database and used in URLs.
    pub fn slug(self) -> &'static str {
        match self {
            ContentKind::News => "news",
            ContentKind::Notice => "notice",
            ContentKind::Policy => "policy",
            ContentKind::Interpretation => "interpretation",
            ContentKind::Release => "release",
            ContentKind::Response => "response",
            ContentKind::Organisation => "organisation",
            ContentKind::Plan => "plans",
            ContentKind::Statistics => "statistics",
            ContentKind::Emergency => "emergency",
            ContentKind::Personnel => "personnel",
            ContentKind::Proposal => "proposals",
            ContentKind::Consultation => "consultation",
            ContentKind::AnnualReport => "annual-reports",
        }
    }

    /// The name citizens see.
    pub fn label(self) -> &'static str {
        match self {
            ContentKind::News => "工作动态",
            ContentKind::Notice => "通知公告",
            ContentKind::Policy => "政策文件",
            ContentKind::Interpretation => "政策解读",
            ContentKind::Release => "新闻发布",
            ContentKind::Response => "回应关切",
            ContentKind::Organisation => "机构概况",
            ContentKind::Plan => "规划计划",
            ContentKind::Statistics => "统计信息",
            ContentKind::Emergency => "应急管理",
            ContentKind::Personnel => "人事信息",
            ContentKind::Proposal => "建议提案办理",
            ContentKind::Consultation => "意见征集",
            ContentKind::AnnualReport => "政府信息公开年报",
        }
    }

    pub fn from_slug(slug: &str) -> Option<ContentKind> {
        ContentKind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// Whether its list opens with a count per year and 子类别 (the
    /// replies to deputies' suggestions and members' proposals are
    /// reported by year).
    pub fn tallied_by_year(self) -> bool {
        self == ContentKind::Proposal
    }
}

/// One line of a list: enough to choose what to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub kind: ContentKind,
    pub subtype: String,
    pub title: String,
    pub summary: String,
    /// Publication date in Beijing time, `YYYY-MM-DD`.
    pub published_on: String,
    pub validity: Validity,
    /// 发文字号 (documents only; empty otherwise).
    pub doc_no: String,
}

/// A link to another item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleLink {
    pub id: i64,
    pub title: String,
}

/// A downloadable file attached to an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AttachmentInfo {
    pub id: i64,
    pub name: String,
    pub mime: String,
    pub size: i64,
}

impl AttachmentInfo {
    /// The file type as a citizen would name it.
    pub fn type_label(&self) -> &'static str {
        match self.mime.as_str() {
            "application/pdf" => "PDF",
            "application/msword"
            | "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "Word",
            "application/vnd.ms-excel"
            | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "Excel",
            "text/csv" => "CSV",
            "image/png" => "PNG 图片",
            "image/jpeg" => "JPEG 图片",
            "image/svg+xml" => "SVG 图片",
            _ => "文件",
        }
    }

    /// The size in KB or MB.
    pub fn size_label(&self) -> String {
        crate::ui::format::file_size(self.size)
    }
}

/// How promptly an interpretation followed its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeliness {
    /// Working days from the document's publication to the interpretation's.
    pub lag_days: i64,
    /// The limit, in working days (3).
    pub limit: i64,
}

impl Timeliness {
    pub fn on_time(&self) -> bool {
        self.lag_days <= self.limit
    }

    /// 按时（第2个工作日） or 逾期2个工作日.
    pub fn label(&self) -> String {
        if self.on_time() {
            if self.lag_days <= 0 {
                "按时（与文件同日发布）".to_owned()
            } else {
                format!("按时（文件公开后第{}个工作日）", self.lag_days)
            }
        } else {
            format!("逾期{}个工作日", self.lag_days - self.limit)
        }
    }
}

/// An item related to the one shown: an interpretation of a document, or the
/// document an interpretation explains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedItem {
    pub item: ArticleSummary,
    pub timeliness: Option<Timeliness>,
}

/// Where a document needing interpretation stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum InterpretationState {
    /// Awaited: due on this date, with so many working days left (negative: overdue).
    Awaiting { due: String, days_left: i64 },
    /// At least one interpretation is published.
    Interpreted,
}

/// A whole published item with its catalogue metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: i64,
    pub kind: ContentKind,
    pub subtype: String,
    pub title: String,
    /// 内容概述
    pub summary: String,
    /// Sanitised HTML, rendered from the Markdown body when it was saved.
    pub body_html: String,
    /// 发布机构
    pub publisher: String,
    /// Publication date in Beijing time, `YYYY-MM-DD`.
    pub published_on: String,
    /// 索引号
    pub index_no: Option<String>,
    /// 发文字号
    pub doc_no: String,
    /// 生成日期 / 成文日期, `YYYY-MM-DD` or empty.
    pub written_on: String,
    /// The name of its 主题分类.
    pub topic: String,
    pub validity: Validity,
    /// What amended or repealed this document.
    pub replaced_by: Option<ArticleLink>,
    pub disclosure: Disclosure,
    pub attachments: Vec<AttachmentInfo>,
    /// 相关解读 on a document, 相关文件 on an interpretation.
    pub related: Vec<RelatedItem>,
    /// Special topics this item belongs to.
    pub topics: Vec<TopicLink>,
    /// A response to a public concern: when the concern arose and how long
    /// the response took.
    pub concern: Option<ConcernTiming>,
    /// For a document that needs an interpretation.
    pub interpretation: Option<InterpretationState>,
}

/// When the concern an item answers arose and how long the answer took,
/// in words: to the minute for a concern from the 舆情 log, to the day
/// for the 关切发生日期 an editor entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernTiming {
    /// 2026年12月7日 09:30, or 2026年12月7日.
    pub arose: String,
    /// When this item was published, in the same precision.
    pub published: String,
    /// 3小时20分钟, 2个工作日 …
    pub took: String,
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticlePage {
    pub items: Vec<ArticleSummary>,
    /// 1-based.
    pub page: u32,
    pub pages: u32,
    pub total: i64,
}

/// What the home page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeData {
    pub news: Vec<ArticleSummary>,
    pub policies: Vec<ArticleSummary>,
    pub notices: Vec<ArticleSummary>,
    pub interpretations: Vec<ArticleSummary>,
    pub topics: Vec<TopicSummary>,
}

/// A category list's filters, as they appear in its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CategoryQuery {
    /// The kind's slug.
    pub kind: String,
    pub sub: Option<String>,
    /// The year as entered (validated by the server).
    pub year: Option<String>,
    pub validity: Option<String>,
    pub topic: Option<String>,
    /// Cursor: items older than this (`published_at.id`).
    pub before: Option<String>,
    /// Cursor: items newer than this.
    pub after: Option<String>,
}

/// One page of a category list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryPage {
    pub kind: ContentKind,
    pub items: Vec<ArticleSummary>,
    /// How many items match the filters.
    pub total: i64,
    /// Years that have items of this kind, newest first.
    pub years: Vec<i32>,
    /// For kinds counted by year (建议提案办理): each year, newest first,
    /// with its public items per 子类别 slug.
    pub tally: Vec<(i32, Vec<(String, i64)>)>,
    /// Cursor for the next (older) page.
    pub next: Option<String>,
    /// Cursor for the previous (newer) page.
    pub prev: Option<String>,
}

/// One branch of the catalogue tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueNode {
    pub kind: ContentKind,
    pub count: i64,
    /// (slug, label, count) of each sub-kind.
    pub subtypes: Vec<(String, String, i64)>,
}

/// The catalogue: every kind with its counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    pub nodes: Vec<CatalogueNode>,
    pub total: i64,
    pub topics: i64,
}

/// A document that needs an interpretation, with its interpretations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterpretedDocument {
    pub document: ArticleSummary,
    pub due: Option<String>,
    pub state: InterpretationState,
    pub interpretations: Vec<RelatedItem>,
}

/// A document still waiting for its interpretation, for the staff dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwaitingInterpretation {
    pub document: ArticleSummary,
    pub due: String,
    /// Working days left until the due date; negative when overdue.
    pub days_left: i64,
    /// The clock's working, in words.
    pub working: String,
}

/// A special topic in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub published_on: String,
    pub count: i64,
}

/// A link to a special topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicLink {
    pub slug: String,
    pub title: String,
}

/// The sections of a special topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TopicSection {
    Documents,
    Interpretations,
    Graphics,
    Progress,
}

impl TopicSection {
    pub const ALL: [TopicSection; 4] = [
        TopicSection::Documents,
        TopicSection::Interpretations,
        TopicSection::Graphics,
        TopicSection::Progress,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            TopicSection::Documents => "documents",
            TopicSection::Interpretations => "interpretations",
            TopicSection::Graphics => "graphics",
            TopicSection::Progress => "progress",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TopicSection::Documents => "政策文件",
            TopicSection::Interpretations => "政策解读",
            TopicSection::Graphics => "图解",
            TopicSection::Progress => "工作进展",
        }
    }

    pub fn from_slug(slug: &str) -> Option<TopicSection> {
        TopicSection::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// A special topic's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicPage {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body_html: String,
    pub published_on: String,
    pub sections: Vec<(TopicSection, Vec<ArticleSummary>)>,
}

/// The text pages staff write: the disclosure section's 公开指南 and
/// 公开制度, and the site's about, contact and privacy pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextPage {
    Guide,
    Rules,
    About,
    Contact,
    Privacy,
}

impl TextPage {
    pub const ALL: [TextPage; 5] = [
        TextPage::Guide,
        TextPage::Rules,
        TextPage::About,
        TextPage::Contact,
        TextPage::Privacy,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            TextPage::Guide => "guide",
            TextPage::Rules => "rules",
            TextPage::About => "about",
            TextPage::Contact => "contact",
            TextPage::Privacy => "privacy",
        }
    }

    /// The title a new page starts with.
    pub fn default_title(self) -> &'static str {
        match self {
            TextPage::Guide => "政府信息公开指南",
            TextPage::Rules => "政府信息公开制度",
            TextPage::About => "关于本网站",
            TextPage::Contact => "联系我们",
            TextPage::Privacy => "隐私声明",
        }
    }

    /// Where the public reads it.
    pub fn path(self) -> &'static str {
        match self {
            TextPage::Guide => "/disclosure/guide",
            TextPage::Rules => "/disclosure/rules",
            TextPage::About => "/about",
            TextPage::Contact => "/contact",
            TextPage::Privacy => "/privacy",
        }
    }

    pub fn from_slug(slug: &str) -> Option<TextPage> {
        TextPage::ALL.into_iter().find(|p| p.slug() == slug)
    }
}

/// A text page of the disclosure section (公开指南, 公开制度).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaticPage {
    pub slug: String,
    pub title: String,
    pub body_html: String,
    pub updated_on: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_slugs() {
        for kind in ContentKind::ALL {
            assert_eq!(ContentKind::from_slug(kind.slug()), Some(kind));
        }
        assert_eq!(ContentKind::from_slug("nonsense"), None);
    }
}
