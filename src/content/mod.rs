//! Published content: news, notices, policy documents and the rest, each
//! shown on its own page at `/articles/{id}`.

pub mod api;
pub mod editorial;
pub mod taxonomy;
pub mod types;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod docx;
#[cfg(feature = "ssr")]
pub mod feeds;
#[cfg(feature = "ssr")]
pub mod generate;
#[cfg(feature = "ssr")]
pub mod markdown;
#[cfg(feature = "ssr")]
pub mod page_admin;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod tables;
#[cfg(feature = "ssr")]
pub mod term_admin;
#[cfg(feature = "ssr")]
pub mod topic_admin;
