//! The editorial workflow of articles: the editor (page, island and posts),
//! saving revisions, 保密审查 review, scheduled publication, withdrawal,
//! periodic re-review of withheld items, history and comparison.
//! Publishing an article happens in `db::publish`.

pub mod api;
pub mod editor;
pub mod format;
pub mod types;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod forms;
#[cfg(feature = "ssr")]
pub mod pages;
