//! Chinese full-text search across the portal, with hot words and suggestions.
//!
//! One index table (`search_docs`) holds every public thing, segmented into
//! words by jieba in Rust; SQLite searches it with FTS5, PostgreSQL with a
//! tsvector and a GIN index — the two DDL variants sit side by side in
//! migrations/0004_search.*.sql, and the query text per engine in `db::query`.

pub mod api;
pub mod box_island;
pub mod types;

#[cfg(feature = "ssr")]
pub mod admin;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod highlight;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod segment;
