//! 依申请公开: requests for government information under the 《政府信息公开条例》
//! (2019). Anyone asks online (自然人 or 法人或其他组织), gets a 申请编号 and
//! 查询码, and follows the request on its own lookup page: status, the reply
//! clock with its working, every notice and the reply letter with its files.
//! Handlers (办件) answer within 20 working days on the statutory clock —
//! with 补正 (the clock restarts from the correction), one extension, and
//! stops for a third party or another agency — choosing one of the outcomes
//! the annual report counts. Nothing about a request is ever public.

pub mod types;

pub mod api;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod forms;
#[cfg(feature = "ssr")]
pub mod handle;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod rules;
#[cfg(feature = "ssr")]
mod steps;
#[cfg(feature = "ssr")]
pub mod validate;
#[cfg(feature = "ssr")]
mod view;
