//! What a graphic spec must hold. Every problem names its field (the
//! editor's element id, e.g. `steps-2-name`) and says in Chinese what to do.

use super::types::{Body, Chart, ChartKind, Spec, SPEC_VERSION};
use crate::error::FieldError;

fn len(s: &str) -> usize {
    s.trim().chars().count()
}

struct Problems(Vec<FieldError>);

impl Problems {
    fn add(&mut self, field: String, message: String) {
        self.0.push(FieldError { field, message });
    }

    /// `what` must be filled in and at most `max` characters.
    fn text(&mut self, field: String, value: &str, what: &str, max: usize, required: bool) {
        if required && value.trim().is_empty() {
            self.add(field, format!("请填写{what}"));
        } else if len(value) > max {
            self.add(field, format!("{what}不能超过 {max} 字"));
        }
    }

    /// The text fields of row `i` of `list` (ids `{list}-{i}-{key}`), each
    /// (key, value, what, max, required); `whose` names the row, e.g. 第 2 步的.
    fn row_texts(
        &mut self,
        list: &str,
        i: usize,
        whose: &str,
        fields: &[(&str, &str, &str, usize, bool)],
    ) {
        for (key, value, what, max, required) in fields {
            let what = format!("{whose}{what}");
            self.text(format!("{list}-{i}-{key}"), value, &what, *max, *required);
        }
    }

    fn count(&mut self, field: &str, n: usize, what: &str, min: usize, max: usize) {
        if n < min {
            self.add(field.to_owned(), format!("至少需要 {min} 个{what}"));
        } else if n > max {
            self.add(
                field.to_owned(),
                format!("{what}不能超过 {max} 个，请拆分成几张图"),
            );
        }
    }
}

/// Whether `d` is YYYY, YYYY-MM or YYYY-MM-DD, a real date.
pub fn date_ok(d: &str) -> bool {
    let parts: Vec<&str> = d.split('-').collect();
    let num = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => num(y, 4),
        [y, m] => num(y, 4) && num(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, dd] => {
            num(y, 4)
                && num(m, 2)
                && num(dd, 2)
                && chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok()
        }
        _ => false,
    }
}

/// Every problem with `spec`; empty when it can be drawn and published.
pub fn check(spec: &Spec) -> Vec<FieldError> {
    let mut p = Problems(Vec::new());
    if spec.version != SPEC_VERSION {
        p.add(
            "version".into(),
            format!("图解格式版本应为 {SPEC_VERSION}，收到的是 {}", spec.version),
        );
    }
    p.text("title".into(), &spec.title, "图解标题", 60, true);
    p.text("note".into(), &spec.note, "说明", 200, false);
    match &spec.body {
        Body::Flow { steps } => {
            p.count("steps", steps.len(), "步骤", 1, 20);
            for (i, s) in steps.iter().enumerate() {
                let whose = format!("第 {} 步的", i + 1);
                p.row_texts(
                    "steps",
                    i,
                    &whose,
                    &[
                        ("name", &s.name, "名称", 20, true),
                        ("actor", &s.actor, "办理主体", 20, false),
                        ("needs", &s.needs, "所需材料", 120, false),
                        ("limit", &s.limit, "时限", 20, false),
                        ("branch", &s.branch, "分支", 40, false),
                    ],
                );
            }
        }
        Body::Timeline { milestones } => {
            p.count("milestones", milestones.len(), "时间节点", 1, 30);
            let mut last = String::new();
            for (i, m) in milestones.iter().enumerate() {
                let f = |k: &str| format!("milestones-{i}-{k}");
                let n = i + 1;
                if !date_ok(m.date.trim()) {
                    p.add(
                        f("date"),
                        format!("第 {n} 个节点的日期应写成 2016、2016-07 或 2016-07-15"),
                    );
                } else if m.date.trim() < last.as_str() {
                    p.add(
                        f("date"),
                        format!("第 {n} 个节点的日期早于上一个，请按时间先后排列"),
                    );
                } else {
                    last = m.date.trim().to_owned();
                }
                p.row_texts(
                    "milestones",
                    i,
                    &format!("第 {n} 个节点的"),
                    &[
                        ("title", &m.title, "标题", 30, true),
                        ("detail", &m.detail, "说明", 120, false),
                    ],
                );
            }
        }
        Body::Figures { figures } => {
            p.count("figures", figures.len(), "数字", 1, 8);
            for (i, k) in figures.iter().enumerate() {
                let f = |s: &str| format!("figures-{i}-{s}");
                let n = i + 1;
                if !k.value.is_finite() {
                    p.add(f("value"), format!("第 {n} 个数字不是有效的数"));
                }
                p.row_texts(
                    "figures",
                    i,
                    &format!("第 {n} 个数字的"),
                    &[
                        ("unit", &k.unit, "单位", 8, false),
                        ("caption", &k.caption, "说明", 30, true),
                    ],
                );
                if k.change.is_some_and(|c| !c.is_finite()) {
                    p.add(f("change"), format!("第 {n} 个数字的增减幅度不是有效的数"));
                }
            }
        }
        Body::Chart(c) => chart(&mut p, c),
        Body::Comparison {
            before,
            after,
            rows,
        } => {
            p.text(
                "before".into(),
                before,
                "对比左栏的标题（如“原政策”）",
                12,
                true,
            );
            p.text(
                "after".into(),
                after,
                "对比右栏的标题（如“新政策”）",
                12,
                true,
            );
            p.count("rows", rows.len(), "对比要点", 1, 20);
            for (i, r) in rows.iter().enumerate() {
                let f = |k: &str| format!("rows-{i}-{k}");
                let n = i + 1;
                p.text(f("point"), &r.point, &format!("第 {n} 个要点"), 20, true);
                p.row_texts(
                    "rows",
                    i,
                    &format!("第 {n} 个要点的"),
                    &[
                        ("before", &r.before, "左栏内容", 80, false),
                        ("after", &r.after, "右栏内容", 80, false),
                    ],
                );
                if r.before.trim().is_empty() && r.after.trim().is_empty() {
                    p.add(f("after"), format!("第 {n} 个要点的两栏不能都为空"));
                }
            }
        }
    }
    p.0
}

fn chart(p: &mut Problems, c: &Chart) {
    p.text("unit".into(), &c.unit, "单位", 8, false);
    p.count("categories", c.categories.len(), "类别", 1, 24);
    for (i, name) in c.categories.iter().enumerate() {
        let n = i + 1;
        p.text(
            format!("categories-{i}"),
            name,
            &format!("第 {n} 个类别的名称"),
            16,
            true,
        );
        if c.categories[..i].iter().any(|o| o.trim() == name.trim()) && !name.trim().is_empty() {
            p.add(
                format!("categories-{i}"),
                format!("类别“{}”重复了", name.trim()),
            );
        }
    }
    if c.chart.is_round() {
        if c.series.len() != 1 {
            p.add(
                "series".into(),
                format!(
                    "{}只能有 1 个数据系列，现在有 {} 个",
                    c.chart.label(),
                    c.series.len()
                ),
            );
        }
    } else {
        p.count("series", c.series.len(), "数据系列", 1, 8);
    }
    for (s, series) in c.series.iter().enumerate() {
        p.text(
            format!("series-{s}-name"),
            &series.name,
            &format!("第 {} 个数据系列的名称", s + 1),
            16,
            true,
        );
        if series.values.len() != c.categories.len() {
            p.add(
                format!("series-{s}-values"),
                format!(
                    "数据系列“{}”有 {} 个数值，应有 {} 个（每个类别一个）",
                    series.name.trim(),
                    series.values.len(),
                    c.categories.len()
                ),
            );
        }
        for (i, v) in series.values.iter().enumerate() {
            let field = format!("series-{s}-{i}");
            let cat = c.categories.get(i).map_or("", |c| c.trim());
            if !v.is_finite() {
                p.add(
                    field,
                    format!("“{}”的“{cat}”不是有效的数", series.name.trim()),
                );
            } else if *v < 0.0
                && matches!(
                    c.chart,
                    ChartKind::StackedBar | ChartKind::Pie | ChartKind::Donut
                )
            {
                p.add(
                    field,
                    format!(
                        "{}不能有负数：“{}”的“{cat}”为 {v}",
                        c.chart.label(),
                        series.name.trim()
                    ),
                );
            }
        }
        if c.chart.is_round() && series.values.iter().all(|v| *v <= 0.0) {
            p.add(
                format!("series-{s}-values"),
                "饼图和环形图的数值合计须大于 0".to_owned(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphics::types::*;

    fn spec(body: Body) -> Spec {
        Spec {
            version: SPEC_VERSION,
            title: "测试".into(),
            note: String::new(),
            body,
        }
    }

    fn fields(s: &Spec) -> Vec<String> {
        check(s).into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn dates_are_years_months_or_days() {
        for ok in ["2016", "2016-07", "2016-07-15", "2024-02-29"] {
            assert!(date_ok(ok), "{ok}");
        }
        for bad in ["16", "2016-7", "2016-13", "2023-02-29", "2016/07/15", ""] {
            assert!(!date_ok(bad), "{bad}");
        }
    }

    #[test]
    fn each_problem_names_its_field() {
        let mut s = spec(Body::Flow {
            steps: vec![FlowStep {
                name: " ".into(),
                actor: "窗口".into(),
                needs: String::new(),
                limit: String::new(),
                branch: String::new(),
            }],
        });
        s.title.clear();
        s.version = 2;
        assert_eq!(fields(&s), vec!["version", "title", "steps-0-name"]);
        let messages: Vec<String> = check(&s).into_iter().map(|e| e.message).collect();
        assert!(
            messages.contains(&"请填写第 1 步的名称".to_owned()),
            "{messages:?}"
        );

        let s = spec(Body::Timeline {
            milestones: vec![
                Milestone {
                    date: "2016-07".into(),
                    title: "印发".into(),
                    detail: String::new(),
                },
                Milestone {
                    date: "2016-05".into(),
                    title: "起草".into(),
                    detail: String::new(),
                },
                Milestone {
                    date: "2016-7".into(),
                    title: String::new(),
                    detail: String::new(),
                },
            ],
        });
        assert_eq!(
            fields(&s),
            vec![
                "milestones-1-date",
                "milestones-2-date",
                "milestones-2-title"
            ]
        );

        let s = spec(Body::Chart(Chart {
            chart: ChartKind::Pie,
            unit: "万元".into(),
            categories: vec!["公务接待".into(), "公务接待".into()],
            series: vec![
                Series {
                    name: "2016".into(),
                    values: vec![1.0, -2.0],
                },
                Series {
                    name: "2017".into(),
                    values: vec![1.0],
                },
            ],
        }));
        assert_eq!(
            fields(&s),
            vec!["categories-1", "series", "series-0-1", "series-1-values"]
        );
        let s = spec(Body::Comparison {
            before: "原政策".into(),
            after: String::new(),
            rows: vec![ComparisonRow {
                point: "时限".into(),
                before: String::new(),
                after: String::new(),
            }],
        });
        assert_eq!(fields(&s), vec!["after", "rows-0-after"]);
        let s = spec(Body::Figures { figures: vec![] });
        assert_eq!(check(&s)[0].message, "至少需要 1 个数字");
    }
}
