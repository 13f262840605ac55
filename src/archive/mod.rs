//! 两馆报送: a package of everything made public in a period — each item's
//! page as published, its catalogue metadata as XML and JSON, its
//! attachments and 图解, an index page and a SHA-256 manifest, in BagIt
//! form inside a ZIP — for the archives (档案馆) and the public library
//! (图书馆) the seed asks the bureau to send its information to. Built from
//! one consistent snapshot, written as a stream, from the staff page or
//! `gongkai archive export`, and recorded so the next export starts where
//! the last one stopped.

pub mod types;

pub mod api;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod handle;
#[cfg(feature = "ssr")]
pub mod job;
#[cfg(feature = "ssr")]
pub mod package;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod render;
