//! 自查: the portal checks itself against the 19号 checklist
//! (国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》) every day — columns
//! left without updates, blank columns, questions unanswered, incomplete
//! service guides, late interpretations and annual reports, links that lead
//! nowhere — and lists each finding with where to fix it. A veto finding
//! shows on every staff member's workbench until a check finds it fixed.

pub mod types;

pub mod api;

#[cfg(feature = "ssr")]
pub mod check;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod handle;
#[cfg(feature = "ssr")]
pub mod pages;
