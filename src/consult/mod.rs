//! Online consultation (网上咨询): anyone asks (topic, question, name and a
//! contact that is never shown), gets a 咨询编号 and 查询码, and staff answer
//! within 5 working days on the statutory clock. Answers the asker allowed
//! to be published become public Q&A, in the site search; those staff mark
//! as frequently asked appear on their service's guide.

pub mod types;

pub mod api;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod forms;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod validate;
