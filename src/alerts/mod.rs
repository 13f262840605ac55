//! 紧急公告: in a major emergency (重大突发事件) one short notice at the
//! top of every page, on every app server and in every cached page, from
//! its start to its end. An administrator drafts it, a reviewer other
//! than the author approves it (nothing becomes public without a review),
//! either can take it down at once; the history stays on `/staff/alerts`.

pub mod components;
pub mod db;
pub mod handle;
pub mod pages;
pub mod types;
