//! 局长信箱 and 投诉举报: citizens write to the bureau or report illegal
//! publications, piracy, unlicensed broadcasting and 扫黄打非 tips (reports
//! may be anonymous), with files; each letter gets a 信件编号 and a 查询码.
//! Handlers assign, transfer, answer, merge duplicates, refuse with a
//! reason, and hand reports to enforcement with the outcome recorded, on a
//! working-day clock the bureau sets (15 by default); the writer sees each
//! step and is notified. Letters the writer allowed are published masked,
//! and monthly statistics per channel are public; a letter open past three
//! months is a veto item on the self-check.

pub mod db;
pub mod demo;
pub mod handle;
pub mod pages;
pub mod staff;
pub mod types;
