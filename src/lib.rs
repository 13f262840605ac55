//! Gongkai (公开): a government information-disclosure portal.
//!
//! Pages render on the server only; the few interactive parts are Leptos
//! islands that hydrate in the browser. Everything under `cfg(feature = "ssr")`
//! never reaches the WebAssembly bundle, which keeps it small.
#![recursion_limit = "256"]

pub mod account;
#[cfg(feature = "ssr")]
pub mod alerts;
pub mod archive;
pub mod clock;
pub mod comments;
#[cfg(feature = "ssr")]
pub mod concerns;
pub mod consult;
pub mod content;
pub mod error;
pub mod graphics;
#[cfg(feature = "ssr")]
pub mod mailbox;
pub mod monitor;
pub mod notify;
pub mod registers;
pub mod reports;
pub mod requests;
pub mod search;
pub mod services;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod app;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod site;
#[cfg(feature = "ssr")]
pub mod workbench;

/// Browser entry point: hydrate the islands found in the server's HTML.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
