//! A 图解 graphic is data, not a picture: a versioned spec of one of five
//! kinds, drawn as SVG on the server and exported as share images. Shared
//! with the browser (the editor's live preview sends specs back and forth).
//!
//! The JSON form (schema version 1):
//! `{"version":1,"title":"…","note":"…","kind":"flow","steps":[…]}` with the
//! kind's own fields beside `kind` — see each kind's type.

use serde::{Deserialize, Serialize};

/// The schema version this code writes and reads.
pub const SPEC_VERSION: u32 = 1;

/// A whole graphic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spec {
    pub version: u32,
    pub title: String,
    /// A line under the graphic: where the figures come from, what it explains.
    #[serde(default)]
    pub note: String,
    #[serde(flatten)]
    pub body: Body,
}

/// The five kinds of graphic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Body {
    /// A process: steps in order, each with who acts, what is needed, the
    /// time limit, and a way out (branch).
    Flow { steps: Vec<FlowStep> },
    /// Dated milestones.
    Timeline { milestones: Vec<Milestone> },
    /// Big numbers with captions and change.
    Figures { figures: Vec<KeyFigure> },
    /// A chart from a table of numbers.
    Chart(Chart),
    /// Before / after, or old / new policy, point by point.
    Comparison {
        before: String,
        after: String,
        rows: Vec<ComparisonRow>,
    },
}

impl Body {
    pub fn slug(&self) -> &'static str {
        match self {
            Body::Flow { .. } => "flow",
            Body::Timeline { .. } => "timeline",
            Body::Figures { .. } => "figures",
            Body::Chart(_) => "chart",
            Body::Comparison { .. } => "comparison",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Body::Flow { .. } => "流程图",
            Body::Timeline { .. } => "时间轴",
            Body::Figures { .. } => "关键数字",
            Body::Chart(c) => c.chart.label(),
            Body::Comparison { .. } => "对比图",
        }
    }

    /// How many steps a reader can step through (steps, milestones,
    /// figures, categories or rows).
    pub fn stops(&self) -> usize {
        match self {
            Body::Flow { steps } => steps.len(),
            Body::Timeline { milestones } => milestones.len(),
            Body::Figures { figures } => figures.len(),
            Body::Chart(c) => c.categories.len(),
            Body::Comparison { rows, .. } => rows.len(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowStep {
    pub name: String,
    /// Who acts.
    #[serde(default)]
    pub actor: String,
    /// What is needed or produced.
    #[serde(default)]
    pub needs: String,
    /// The time limit, in words (e.g. 5个工作日, 当场).
    #[serde(default)]
    pub limit: String,
    /// A way out of the flow at this step.
    #[serde(default)]
    pub branch: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    pub date: String,
    pub title: String,
    #[serde(default)]
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyFigure {
    pub value: f64,
    #[serde(default)]
    pub unit: String,
    pub caption: String,
    /// Change on the period before, in percent (negative: down).
    #[serde(default)]
    pub change: Option<f64>,
}

/// The kinds of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    Bar,
    StackedBar,
    Line,
    Pie,
    Donut,
}

impl ChartKind {
    pub const ALL: [ChartKind; 5] = [
        ChartKind::Bar,
        ChartKind::StackedBar,
        ChartKind::Line,
        ChartKind::Pie,
        ChartKind::Donut,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ChartKind::Bar => "柱状图",
            ChartKind::StackedBar => "堆叠柱状图",
            ChartKind::Line => "折线图",
            ChartKind::Pie => "饼图",
            ChartKind::Donut => "环形图",
        }
    }

    /// Pie and donut charts show one series' shares.
    pub fn is_round(self) -> bool {
        matches!(self, ChartKind::Pie | ChartKind::Donut)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    pub chart: ChartKind,
    /// The unit of every value (万元, 件, %).
    #[serde(default)]
    pub unit: String,
    /// The row labels (years, items).
    pub categories: Vec<String>,
    pub series: Vec<Series>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub name: String,
    /// One value per category.
    pub values: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparisonRow {
    pub point: String,
    pub before: String,
    pub after: String,
}

/// How a kind's slug reads.
pub fn kind_label(slug: &str) -> &'static str {
    match slug {
        "flow" => "流程图",
        "timeline" => "时间轴",
        "figures" => "关键数字",
        "chart" => "图表",
        "comparison" => "对比图",
        _ => "图解",
    }
}

/// A number as the graphic writes it: no needless decimals, thousands
/// grouped the Chinese way (12,345.6).
pub fn number(v: f64) -> String {
    let rounded = (v * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let abs = rounded.abs();
    let whole = abs.trunc() as u64;
    let frac = ((abs - abs.trunc()) * 100.0).round() as u64;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let frac = match frac {
        0 => String::new(),
        f if f % 10 == 0 => format!(".{}", f / 10),
        f => format!(".{f:02}"),
    };
    format!("{}{grouped}{frac}", if negative { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(number(12345.6), "12,345.6");
        assert_eq!(number(3.0), "3");
        assert_eq!(number(-0.25), "-0.25");
        assert_eq!(number(1_000_000.0), "1,000,000");
        assert_eq!(number(999.999), "1,000");
    }

    #[test]
    fn a_spec_reads_and_writes_its_json_form() {
        let json = r#"{"version":1,"title":"办理流程","kind":"flow","steps":[{"name":"申请","actor":"申请人"}]}"#;
        let spec: Spec = serde_json::from_str(json).expect("parses");
        assert_eq!(spec.body.slug(), "flow");
        assert_eq!(spec.body.stops(), 1);
        let back = serde_json::to_string(&spec).expect("writes");
        let again: Spec = serde_json::from_str(&back).expect("parses again");
        assert_eq!(spec, again);
    }
}

impl Spec {
    /// What each stop is called, for the reader stepping through.
    pub fn stop_labels(&self) -> Vec<String> {
        match &self.body {
            Body::Flow { steps } => steps
                .iter()
                .enumerate()
                .map(|(i, s)| format!("第{}步 {}", i + 1, s.name.trim()))
                .collect(),
            Body::Timeline { milestones } => milestones
                .iter()
                .map(|m| format!("{} {}", m.date.trim(), m.title.trim()))
                .collect(),
            Body::Figures { figures } => figures
                .iter()
                .map(|f| format!("{} {}{}", f.caption.trim(), number(f.value), f.unit.trim()))
                .collect(),
            Body::Chart(c) => c
                .categories
                .iter()
                .enumerate()
                .map(|(i, cat)| {
                    let values = c
                        .series
                        .iter()
                        .map(|s| {
                            format!(
                                "{} {}{}",
                                s.name.trim(),
                                s.values.get(i).map_or("—".to_owned(), |v| number(*v)),
                                c.unit.trim()
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("，");
                    format!("{}：{values}", cat.trim())
                })
                .collect(),
            Body::Comparison { rows, .. } => {
                rows.iter().map(|r| r.point.trim().to_owned()).collect()
            }
        }
    }

    /// The series a reader may highlight (charts with several).
    pub fn series_names(&self) -> Vec<String> {
        match &self.body {
            Body::Chart(c) if c.series.len() > 1 && !c.chart.is_round() => {
                c.series.iter().map(|s| s.name.trim().to_owned()).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The graphic's data as a table: a header row, then the rows.
    pub fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let s = |v: &[&str]| v.iter().map(|x| x.trim().to_owned()).collect::<Vec<_>>();
        match &self.body {
            Body::Flow { steps } => (
                s(&["步骤", "名称", "办理主体", "所需材料", "时限", "分支"]),
                steps
                    .iter()
                    .enumerate()
                    .map(|(i, st)| {
                        let n = (i + 1).to_string();
                        s(&[&n, &st.name, &st.actor, &st.needs, &st.limit, &st.branch])
                    })
                    .collect(),
            ),
            Body::Timeline { milestones } => (
                s(&["日期", "节点", "说明"]),
                milestones
                    .iter()
                    .map(|m| s(&[&m.date, &m.title, &m.detail]))
                    .collect(),
            ),
            Body::Figures { figures } => (
                s(&["说明", "数值", "单位", "增减（%）"]),
                figures
                    .iter()
                    .map(|f| {
                        let change = f.change.map(number).unwrap_or_default();
                        s(&[&f.caption, &number(f.value), &f.unit, &change])
                    })
                    .collect(),
            ),
            Body::Chart(c) => {
                let mut head = vec!["类别".to_owned()];
                head.extend(c.series.iter().map(|se| {
                    if c.unit.trim().is_empty() {
                        se.name.trim().to_owned()
                    } else {
                        format!("{}（{}）", se.name.trim(), c.unit.trim())
                    }
                }));
                let rows =
                    c.categories
                        .iter()
                        .enumerate()
                        .map(|(i, cat)| {
                            let mut row = vec![cat.trim().to_owned()];
                            row.extend(c.series.iter().map(|se| {
                                se.values.get(i).map(|v| number(*v)).unwrap_or_default()
                            }));
                            row
                        })
                        .collect();
                (head, rows)
            }
            Body::Comparison {
                before,
                after,
                rows,
            } => (
                s(&["要点", before, after]),
                rows.iter()
                    .map(|r| s(&[&r.point, &r.before, &r.after]))
                    .collect(),
            ),
        }
    }
}

/// A stored graphic as a page shows it (the page draws it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphicView {
    pub id: i64,
    pub spec: Spec,
    /// The item it explains, if any.
    pub article_id: Option<i64>,
}

/// A graphic in the list of all graphics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphicSummary {
    pub id: i64,
    pub title: String,
    pub kind: String,
}

/// A graphic in the staff's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffGraphic {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub article: Option<(i64, String)>,
    /// submitted, approved or returned.
    pub review_state: String,
    /// An approved version is public (with its item).
    pub live: bool,
}

/// What a graphic's review state says to staff.
pub fn review_state_label(state: &str, live: bool) -> &'static str {
    match (state, live) {
        ("submitted", false) => "待审核",
        ("submitted", true) => "修改待审核（公开的仍是上次审核通过的版本）",
        ("returned", _) => "已退回修改",
        _ => "审核通过",
    }
}

/// A graphic as its reviewer sees it: the working copy drawn, the version
/// approved last (if any) drawn beside it, and the review history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphicReview {
    pub id: i64,
    pub title: String,
    pub article: Option<(i64, String)>,
    pub author_name: String,
    pub review_state: String,
    /// The working copy's fingerprint: the form sends it back.
    pub version: String,
    /// The signed-in reviewer saved it (and so may not approve it).
    pub own_work: bool,
    pub pending_svg: String,
    /// An approved version is public (with its item).
    pub live: bool,
    /// The public version drawn, when it differs from the working copy.
    pub live_svg: Option<String>,
    /// (decision label, reviewer, when, opinion), newest first.
    pub history: Vec<(String, String, String, String)>,
}

/// What the editor starts from: a stored graphic or a blank one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// None for a new graphic.
    pub id: Option<i64>,
    pub spec: Spec,
    /// The item it belongs to, as entered (its number).
    pub article: String,
}
