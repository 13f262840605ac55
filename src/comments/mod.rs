//! 意见征集: drafts of major decisions put to the public (重大决策预公开;
//! 《重大行政决策程序暂行条例》2019). A consultation is a catalogue item of
//! kind 意见征集 — its draft, attachments and 索引号 are the item's, and its
//! terms (the period, a shorter period's reason, the 起草说明, the ways to
//! comment, whether comments are shown one by one) are fields of the same
//! reviewed revision, made live when it is published. Anyone comments while
//! it is open; staff enter comments that came by letter or e-mail, answer
//! each (采纳 / 部分采纳 / 未采纳 / 不属于本次征集范围, with a reason), and the
//! feedback report is generated from those answers and published through
//! the same review.

pub mod types;

pub mod api;
pub mod rules;

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
pub mod report;
