//! The structured editor's form, both ways: a spec as flat form fields
//! (`steps-2-name`, `series-1-4`…, the same ids validation names) and form
//! fields back into a spec, with the row actions (add, move up, remove) the
//! editor's buttons post. Shared with the browser's live preview.

use super::types::{
    Body, Chart, ChartKind, ComparisonRow, FlowStep, KeyFigure, Milestone, Series, Spec,
    SPEC_VERSION,
};
use crate::error::FieldError;
use std::collections::HashMap;

/// The editable columns of each kind's rows: (prefix, [(key, label)]).
pub fn columns(kind: &str) -> (&'static str, &'static [(&'static str, &'static str)]) {
    match kind {
        "timeline" => (
            "milestones",
            &[("date", "日期"), ("title", "节点"), ("detail", "说明")],
        ),
        "figures" => (
            "figures",
            &[
                ("value", "数值"),
                ("unit", "单位"),
                ("caption", "说明"),
                ("change", "增减（%）"),
            ],
        ),
        "comparison" => (
            "rows",
            &[("point", "要点"), ("before", "左栏"), ("after", "右栏")],
        ),
        _ => (
            "steps",
            &[
                ("name", "步骤名称"),
                ("actor", "办理主体"),
                ("needs", "所需材料"),
                ("limit", "时限"),
                ("branch", "分支"),
            ],
        ),
    }
}

/// A new, empty spec of `kind` (a row or two to fill in).
pub fn blank(kind: &str) -> Spec {
    let body = match kind {
        "timeline" => Body::Timeline {
            milestones: vec![
                Milestone {
                    date: String::new(),
                    title: String::new(),
                    detail: String::new()
                };
                2
            ],
        },
        "figures" => Body::Figures {
            figures: vec![
                KeyFigure {
                    value: 0.0,
                    unit: String::new(),
                    caption: String::new(),
                    change: None
                };
                2
            ],
        },
        "chart" => Body::Chart(Chart {
            chart: ChartKind::Bar,
            unit: String::new(),
            categories: vec![String::new(); 3],
            series: vec![Series {
                name: String::new(),
                values: vec![0.0; 3],
            }],
        }),
        "comparison" => Body::Comparison {
            before: "原政策".to_owned(),
            after: "新政策".to_owned(),
            rows: vec![
                ComparisonRow {
                    point: String::new(),
                    before: String::new(),
                    after: String::new()
                };
                2
            ],
        },
        _ => Body::Flow {
            steps: vec![
                FlowStep {
                    name: String::new(),
                    actor: String::new(),
                    needs: String::new(),
                    limit: String::new(),
                    branch: String::new()
                };
                2
            ],
        },
    };
    Spec {
        version: SPEC_VERSION,
        title: String::new(),
        note: String::new(),
        body,
    }
}

/// A number as the form shows it (empty for none).
fn num(v: f64) -> String {
    if v == v.trunc() && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The rows of a non-chart spec as text, in [`columns`] order.
pub fn rows(spec: &Spec) -> Vec<Vec<String>> {
    match &spec.body {
        Body::Flow { steps } => steps
            .iter()
            .map(|s| {
                vec![
                    s.name.clone(),
                    s.actor.clone(),
                    s.needs.clone(),
                    s.limit.clone(),
                    s.branch.clone(),
                ]
            })
            .collect(),
        Body::Timeline { milestones } => milestones
            .iter()
            .map(|m| vec![m.date.clone(), m.title.clone(), m.detail.clone()])
            .collect(),
        Body::Figures { figures } => figures
            .iter()
            .map(|f| {
                vec![
                    num(f.value),
                    f.unit.clone(),
                    f.caption.clone(),
                    f.change.map(num).unwrap_or_default(),
                ]
            })
            .collect(),
        Body::Comparison { rows, .. } => rows
            .iter()
            .map(|r| vec![r.point.clone(), r.before.clone(), r.after.clone()])
            .collect(),
        Body::Chart(_) => Vec::new(),
    }
}

/// A chart's grid as text: the categories, and each series' name and cells.
pub fn grid(c: &Chart) -> (Vec<String>, Vec<(String, Vec<String>)>) {
    (
        c.categories.clone(),
        c.series
            .iter()
            .map(|s| (s.name.clone(), s.values.iter().map(|v| num(*v)).collect()))
            .collect(),
    )
}

/// How many indexed rows `prefix-{i}…` the fields hold.
fn count(values: &HashMap<String, String>, prefix: &str) -> usize {
    values
        .keys()
        .filter_map(|k| {
            k.strip_prefix(prefix)?
                .strip_prefix('-')?
                .split('-')
                .next()?
                .parse::<usize>()
                .ok()
        })
        .map(|i| i + 1)
        .max()
        .unwrap_or(0)
        .min(100)
}

/// The form's fields as a spec, and the numbers that did not parse.
pub fn parse(values: &HashMap<String, String>) -> (Spec, Vec<FieldError>) {
    let get = |k: &str| {
        values
            .get(k)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut errors = Vec::new();
    let mut number = |field: String, what: String, required: bool| -> Option<f64> {
        let text = values
            .get(&field)
            .map(|v| v.trim().replace([',', '，'], ""))
            .unwrap_or_default();
        if text.is_empty() {
            if required {
                errors.push(FieldError::new(&field, format!("请填写{what}")));
            }
            return None;
        }
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            _ => {
                errors.push(FieldError::new(&field, format!("{what}应为数字，如 12.5")));
                None
            }
        }
    };
    let kind = get("kind");
    let (prefix, _) = columns(&kind);
    let n = count(values, prefix);
    let cell = |i: usize, k: &str| get(&format!("{prefix}-{i}-{k}"));
    let body = match kind.as_str() {
        "timeline" => Body::Timeline {
            milestones: (0..n)
                .map(|i| Milestone {
                    date: cell(i, "date"),
                    title: cell(i, "title"),
                    detail: cell(i, "detail"),
                })
                .collect(),
        },
        "figures" => Body::Figures {
            figures: (0..n)
                .map(|i| KeyFigure {
                    value: number(
                        format!("figures-{i}-value"),
                        format!("第 {} 个数字", i + 1),
                        true,
                    )
                    .unwrap_or(0.0),
                    unit: cell(i, "unit"),
                    caption: cell(i, "caption"),
                    change: number(
                        format!("figures-{i}-change"),
                        format!("第 {} 个数字的增减幅度", i + 1),
                        false,
                    ),
                })
                .collect(),
        },
        "comparison" => Body::Comparison {
            before: get("before"),
            after: get("after"),
            rows: (0..n)
                .map(|i| ComparisonRow {
                    point: cell(i, "point"),
                    before: cell(i, "before"),
                    after: cell(i, "after"),
                })
                .collect(),
        },
        "chart" => {
            let categories: Vec<String> = (0..count(values, "categories"))
                .map(|i| get(&format!("categories-{i}")))
                .collect();
            let series = (0..count(values, "series"))
                .map(|s| {
                    let name = get(&format!("series-{s}-name"));
                    Series {
                        values: (0..categories.len())
                            .map(|i| {
                                let what = format!("“{}”的“{}”", name, categories[i]);
                                number(format!("series-{s}-{i}"), what, true).unwrap_or(0.0)
                            })
                            .collect(),
                        name,
                    }
                })
                .collect();
            let chart = ChartKind::ALL
                .into_iter()
                .find(|k| {
                    serde_json::to_value(k)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        == Some(get("chart"))
                })
                .unwrap_or(ChartKind::Bar);
            Body::Chart(Chart {
                chart,
                unit: get("unit"),
                categories,
                series,
            })
        }
        _ => Body::Flow {
            steps: (0..n)
                .map(|i| FlowStep {
                    name: cell(i, "name"),
                    actor: cell(i, "actor"),
                    needs: cell(i, "needs"),
                    limit: cell(i, "limit"),
                    branch: cell(i, "branch"),
                })
                .collect(),
        },
    };
    (
        Spec {
            version: SPEC_VERSION,
            title: get("title"),
            note: get("note"),
            body,
        },
        errors,
    )
}

/// What a row button asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowAction {
    Add,
    Up(usize),
    Remove(usize),
    AddSeries,
    RemoveSeries(usize),
}

impl RowAction {
    pub fn parse(s: &str) -> Option<RowAction> {
        if s == "add" {
            return Some(RowAction::Add);
        }
        if s == "add-series" {
            return Some(RowAction::AddSeries);
        }
        if let Some(i) = s.strip_prefix("remove-series-") {
            return i.parse().ok().map(RowAction::RemoveSeries);
        }
        if let Some(i) = s.strip_prefix("up-") {
            return i.parse().ok().map(RowAction::Up);
        }
        s.strip_prefix("remove-")?
            .parse()
            .ok()
            .map(RowAction::Remove)
    }
}

fn act_on<T: Clone>(list: &mut Vec<T>, action: RowAction, blank: T) {
    match action {
        RowAction::Add => list.push(blank),
        RowAction::Up(i) if i > 0 && i < list.len() => list.swap(i - 1, i),
        RowAction::Remove(i) if i < list.len() && list.len() > 1 => {
            list.remove(i);
        }
        _ => {}
    }
}

/// Applies a row button to the spec being edited.
pub fn apply(spec: &mut Spec, action: RowAction) {
    match &mut spec.body {
        Body::Flow { steps } => act_on(
            steps,
            action,
            FlowStep {
                name: String::new(),
                actor: String::new(),
                needs: String::new(),
                limit: String::new(),
                branch: String::new(),
            },
        ),
        Body::Timeline { milestones } => act_on(
            milestones,
            action,
            Milestone {
                date: String::new(),
                title: String::new(),
                detail: String::new(),
            },
        ),
        Body::Figures { figures } => act_on(
            figures,
            action,
            KeyFigure {
                value: 0.0,
                unit: String::new(),
                caption: String::new(),
                change: None,
            },
        ),
        Body::Comparison { rows, .. } => act_on(
            rows,
            action,
            ComparisonRow {
                point: String::new(),
                before: String::new(),
                after: String::new(),
            },
        ),
        Body::Chart(c) => match action {
            RowAction::AddSeries if c.series.len() < 8 => c.series.push(Series {
                name: String::new(),
                values: vec![0.0; c.categories.len()],
            }),
            RowAction::RemoveSeries(s) if s < c.series.len() && c.series.len() > 1 => {
                c.series.remove(s);
            }
            RowAction::Add | RowAction::Up(_) | RowAction::Remove(_) => {
                // A category moves with its cells in every series.
                let mut rows: Vec<(String, Vec<f64>)> = c
                    .categories
                    .iter()
                    .enumerate()
                    .map(|(i, cat)| {
                        (
                            cat.clone(),
                            c.series
                                .iter()
                                .map(|s| s.values.get(i).copied().unwrap_or(0.0))
                                .collect(),
                        )
                    })
                    .collect();
                act_on(
                    &mut rows,
                    action,
                    (String::new(), vec![0.0; c.series.len()]),
                );
                c.categories = rows.iter().map(|(cat, _)| cat.clone()).collect();
                for (s, series) in c.series.iter_mut().enumerate() {
                    series.values = rows
                        .iter()
                        .map(|(_, v)| v.get(s).copied().unwrap_or(0.0))
                        .collect();
                }
            }
            _ => {}
        },
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

    #[test]
    fn a_flow_form_round_trips_and_rows_move() {
        let (mut spec, errors) = parse(&form(&[
            ("kind", "flow"),
            ("title", " 流程 "),
            ("steps-0-name", "申请"),
            ("steps-1-name", "受理"),
            ("steps-1-limit", "5个工作日"),
        ]));
        assert!(errors.is_empty());
        assert_eq!(spec.title, "流程");
        assert_eq!(rows(&spec)[1], vec!["受理", "", "", "5个工作日", ""]);
        apply(&mut spec, RowAction::Up(1));
        assert_eq!(rows(&spec)[0][0], "受理");
        apply(&mut spec, RowAction::Add);
        assert_eq!(spec.body.stops(), 3);
        apply(&mut spec, RowAction::Remove(0));
        assert_eq!(rows(&spec)[0][0], "申请");
    }

    #[test]
    fn a_chart_grid_parses_its_numbers_and_names_bad_cells() {
        let (spec, errors) = parse(&form(&[
            ("kind", "chart"),
            ("chart", "stacked_bar"),
            ("categories-0", "2016年"),
            ("categories-1", "2017年"),
            ("series-0-name", "公务接待费"),
            ("series-0-0", "1,234.5"),
            ("series-0-1", "十二"),
        ]));
        assert_eq!(
            errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            vec!["series-0-1"]
        );
        assert!(errors[0].message.contains("应为数字"));
        let Body::Chart(c) = &spec.body else {
            panic!("a chart");
        };
        assert_eq!(c.chart, ChartKind::StackedBar);
        assert_eq!(c.series[0].values, vec![1234.5, 0.0]);
        let mut spec = spec;
        apply(&mut spec, RowAction::Up(1));
        let Body::Chart(c) = &spec.body else {
            panic!("a chart");
        };
        assert_eq!(c.categories, vec!["2017年", "2016年"]);
        assert_eq!(c.series[0].values, vec![0.0, 1234.5]);
    }

    #[test]
    fn row_actions_parse() {
        assert_eq!(RowAction::parse("up-3"), Some(RowAction::Up(3)));
        assert_eq!(
            RowAction::parse("remove-series-1"),
            Some(RowAction::RemoveSeries(1))
        );
        assert_eq!(RowAction::parse("remove-0"), Some(RowAction::Remove(0)));
        assert_eq!(RowAction::parse("save"), None);
    }
}
