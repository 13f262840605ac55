//! What the self-monitoring (自查, against 国办秘函〔2019〕19号) finds.
//! Compiles for the browser too.

use serde::{Deserialize, Serialize};

/// How the 19号 checklist weighs a finding: 单项否决 (the site fails the
/// inspection outright) or a deduction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Veto,
    Problem,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Veto => "单项否决",
            Severity::Problem => "扣分项",
        }
    }
}

/// One finding: which check, how it weighs, what is wrong, where, and how
/// to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The check's stable name, as `column_stale`.
    pub rule: String,
    pub severity: Severity,
    pub what: String,
    /// Where to look or fix (a path of the portal).
    pub link: String,
    pub fix: String,
}

/// The latest check: when it ran (Beijing time, `YYYY-MM-DD HH:MM`) and
/// what it found, vetoes first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitorView {
    pub checked_at: Option<String>,
    pub findings: Vec<Finding>,
}

impl MonitorView {
    pub fn vetoes(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Veto)
            .count()
    }
}
