//! 政府信息公开工作年度报告 (《政府信息公开条例》第四十九、五十条; template
//! 国办公开办函〔2021〕30号). A report is a catalogue item of kind
//! 政府信息公开年报: staff write its narrative on the report's own page, the
//! portal counts its tables from its own data (the catalogue, the licence
//! and penalty registers, the service hall, the requests and their
//! appeals), and the balance checks must hold before it goes to review and
//! again when it is published. The tables, entered figures and narrative
//! are a field of the reviewed revision, so what is published is what was
//! reviewed.

pub mod types;

pub mod api;
pub mod rules;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod handle;
#[cfg(feature = "ssr")]
pub mod pages;
