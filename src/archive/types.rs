//! What the staff see of the 两馆 exports. Compiles for the browser too.

use serde::{Deserialize, Serialize};

/// Where an export stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportStatus {
    Running,
    Done,
    Failed,
}

impl ExportStatus {
    pub fn slug(self) -> &'static str {
        match self {
            ExportStatus::Running => "running",
            ExportStatus::Done => "done",
            ExportStatus::Failed => "failed",
        }
    }

    pub fn from_slug(slug: &str) -> Option<ExportStatus> {
        [
            ExportStatus::Running,
            ExportStatus::Done,
            ExportStatus::Failed,
        ]
        .into_iter()
        .find(|s| s.slug() == slug)
    }

    pub fn label(self) -> &'static str {
        match self {
            ExportStatus::Running => "正在导出",
            ExportStatus::Done => "已完成",
            ExportStatus::Failed => "未完成",
        }
    }
}

/// One export as the staff page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportLine {
    pub id: i64,
    /// The period, Beijing dates, both included.
    pub from: String,
    pub to: String,
    pub status: ExportStatus,
    /// 工作人员 (their name) or 命令行.
    pub by: String,
    /// Beijing time, `YYYY-MM-DD HH:MM`.
    pub started: String,
    pub finished: Option<String>,
    /// Items written so far, of how many.
    pub done: i64,
    pub total: i64,
    pub items: i64,
    pub withdrawn: i64,
    pub attachments: i64,
    pub bytes: i64,
    pub sha256: String,
    pub manifest_sha256: String,
    /// Why it did not finish.
    pub error: String,
    /// The package can still be downloaded from the portal.
    pub kept: bool,
}

impl ExportLine {
    /// The package's file name.
    pub fn file_name(&self) -> String {
        file_name(&self.from, &self.to)
    }
}

/// The exports, newest first, and the period the next one should cover by
/// default: from the day after the last finished one ended, to yesterday.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveView {
    pub exports: Vec<ExportLine>,
    pub next_from: String,
    pub next_to: String,
}

/// The package's file name (and its top folder) for a period.
pub fn file_name(from: &str, to: &str) -> String {
    format!("gongkai-archive-{from}-{to}.zip")
}
