//! 图解: interactive policy-explainer graphics. A graphic is a versioned
//! spec (data) of one of five kinds — process flow, timeline, key figures,
//! chart, comparison — validated field by field, drawn as standalone SVG on
//! the server (readable and printable with JavaScript off, with a text
//! alternative and its data table), stepped through and explored in the
//! browser by a small island, and exported as SVG and as a PNG share image
//! with the page's QR code.

pub mod types;
pub mod validate;

pub mod api;
pub mod island;

#[cfg(feature = "ssr")]
pub mod build;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod editor;
#[cfg(feature = "ssr")]
pub mod editor_page;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod form;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod review;
#[cfg(feature = "ssr")]
pub mod svg;
