//! Graphics built from the portal's own data rather than authored: a
//! service's handling flow from its guide's steps, a project's progress
//! from its register records, budget charts from the budget register.

use super::types::{Body, FlowStep, Spec, SPEC_VERSION};
use crate::services::types::{days_text, Service};

/// A service's handling flow, from its guide.
pub fn service_flow(s: &Service) -> Spec {
    Spec {
        version: SPEC_VERSION,
        title: format!("{}办理流程", s.name),
        note: format!(
            "承诺办结时限 {} 个工作日（法定 {} 个）。",
            s.promised_days, s.legal_days
        ),
        body: Body::Flow {
            steps: s
                .steps
                .iter()
                .map(|st| FlowStep {
                    name: st.name.clone(),
                    actor: st.actor.clone(),
                    needs: st.needs.clone(),
                    limit: days_text(st.days),
                    branch: st.branch.clone().unwrap_or_default(),
                })
                .collect(),
        },
    }
}

/// A project's progress timeline, from its register row's records (dated
/// stages with notes and the documents they rest on).
pub fn project_timeline(name: &str, entries: &[crate::registers::types::TimelineEntry]) -> Spec {
    use super::types::Milestone;
    Spec {
        version: SPEC_VERSION,
        title: format!("{name}项目进程"),
        note: String::new(),
        body: Body::Timeline {
            milestones: entries
                .iter()
                .map(|e| Milestone {
                    date: e.date.clone(),
                    title: e.stage.clone(),
                    detail: [
                        e.note.trim().to_owned(),
                        if e.document.trim().is_empty() {
                            String::new()
                        } else {
                            format!("依据：{}", e.document.trim())
                        },
                    ]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("；"),
                })
                .collect(),
        },
    }
}

/// Yuan from fen, for chart values (exact to the fen).
fn yuan(fen: i64) -> f64 {
    fen as f64 / 100.0
}

/// A chart in 元 of `categories` with one series per (name, fen per category).
pub fn money_chart(
    title: &str,
    note: &str,
    chart: super::types::ChartKind,
    categories: Vec<String>,
    series: Vec<(String, Vec<i64>)>,
) -> Spec {
    use super::types::{Chart, Series};
    Spec {
        version: SPEC_VERSION,
        title: title.to_owned(),
        note: note.to_owned(),
        body: Body::Chart(Chart {
            chart,
            unit: "元".to_owned(),
            categories,
            series: series
                .into_iter()
                .map(|(name, values)| Series {
                    name,
                    values: values.into_iter().map(yuan).collect(),
                })
                .collect(),
        }),
    }
}
