//! Every integration test in one binary: each file beside this one is a
//! module, so the release profile compiles and links the tests once instead
//! of once per file (CI time). Run one file's tests with
//! `cargo test --no-default-features --features ssr --test integration archive::`.
#![cfg(feature = "ssr")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed test is a panic"
)]

#[macro_use]
mod common;

mod alerts;
mod archive;
mod cache;
mod columns;
mod comments;
mod concerns;
mod consult;
mod content;
mod graphics;
mod hardening;
mod import;
mod mailbox;
mod monitor;
mod notify;
mod ownership;
mod properties;
mod queues;
mod registers;
mod reports;
mod requests;
mod search;
mod services;
mod skeleton;
mod staff;
