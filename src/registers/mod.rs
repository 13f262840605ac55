//! Public registers (公示信息): the power list, 双公示 licences and
//! penalties, procurement, major projects, 双随机 inspections, enterprise
//! credit and budgets — tables a citizen can sort, filter, share and
//! download, kept by staff in place, every public output masked.

pub mod mask;
pub mod query;
pub mod schema;
pub mod types;
pub mod validate;

pub mod api;

#[cfg(feature = "ssr")]
pub mod csv_io;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod forms;
#[cfg(feature = "ssr")]
pub mod generate;
#[cfg(feature = "ssr")]
pub mod open;
#[cfg(feature = "ssr")]
pub mod pages;
