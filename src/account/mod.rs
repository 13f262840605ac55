//! Who works here, and what they did: staff accounts and roles, passwords,
//! sessions and signing in, the page guards, the hash-chained audit log and
//! the account CLI. A floor below every domain: it imports none of them.

pub mod api;
pub mod types;

#[cfg(feature = "ssr")]
pub mod admin;
#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod cli;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod extract;
#[cfg(feature = "ssr")]
pub mod forms;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod review;
