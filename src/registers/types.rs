//! Shared register types: what the server functions take and return.

use serde::{Deserialize, Serialize};

/// A register table's view, exactly as its URL carries it (validated by the server).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegisterQuery {
    /// The register's slug.
    pub register: String,
    pub q: Option<String>,
    pub year: Option<String>,
    pub category: Option<String>,
    pub status: Option<String>,
    /// A field key the register may sort by.
    pub sort: Option<String>,
    /// `asc` or `desc`.
    pub dir: Option<String>,
    pub page: Option<String>,
}

impl RegisterQuery {
    /// The filters and sort as URL pairs (page left out).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        [
            ("q", &self.q),
            ("year", &self.year),
            ("category", &self.category),
            ("status", &self.status),
            ("sort", &self.sort),
            ("dir", &self.dir),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.clone().filter(|v| !v.is_empty()).map(|v| (k, v)))
        .collect()
    }
}

/// One row as the public sees it: its fields masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicRow {
    pub id: i64,
    /// Field key → public value.
    pub fields: Vec<(String, String)>,
    /// Keys of masked fields (依法隐去).
    pub masked: Vec<String>,
    /// Why staff still see a row the public no longer does (公示期满, 已撤销).
    pub hidden: Option<String>,
}

impl PublicRow {
    pub fn get(&self, key: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn is_masked(&self, key: &str) -> bool {
        self.masked.iter().any(|k| k == key)
    }
}

/// One page of a register table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterPage {
    pub rows: Vec<PublicRow>,
    pub total: i64,
    /// More rows match than `total` says (a free-text count stops there).
    pub more: bool,
    pub page: u32,
    pub pages: u32,
    pub years: Vec<i32>,
    /// The sort in effect: field key and whether descending.
    pub sort: String,
    pub desc: bool,
}

/// A dated entry on a row's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TimelineEntry {
    pub date: String,
    pub stage: String,
    pub note: String,
    pub document: String,
}

/// A row page: the public row, its timeline, and for staff the originals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowPage {
    pub register: String,
    pub row: PublicRow,
    pub timeline: Vec<TimelineEntry>,
    pub updated_at: i64,
    /// The party's credit page, when the party is an organisation.
    pub credit_code: Option<String>,
}

/// What staff see besides the public row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRow {
    pub original: Vec<(String, String)>,
    pub version: i64,
    pub withdrawn: Option<String>,
}

/// A party found by the credit search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub code: String,
    pub name: String,
    pub records: i64,
}

/// A party's credit page: its public records since 2015.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditReport {
    pub code: String,
    pub name: String,
    pub licences: Vec<PublicRow>,
    pub penalties: Vec<PublicRow>,
    pub inspections: Vec<PublicRow>,
    pub serious: Vec<PublicRow>,
}

/// Budget figures for the charts and tables of `/budgets`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLine {
    pub id: i64,
    pub year: i32,
    /// 预算 or 决算.
    pub kind: String,
    pub system: String,
    pub code: String,
    pub name: String,
    /// Fen.
    pub amount: i64,
    pub note: String,
}
