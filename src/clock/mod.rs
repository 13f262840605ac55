//! The statutory clock: working days by the Chinese calendar.
//!
//! Weekends are off, statutory holidays are off, and the make-up working days
//! (调休) that the State Council announces each year are on. The exceptions are
//! data (table `calendar_days`, seeded from the State Council's notices for
//! 2016–2026 and editable by staff), never code. Every deadline in the portal
//! is reckoned here, and each reckoning keeps its working — the days it
//! skipped and why — so it can be explained to a citizen.
//!
//! The day a period starts from is not counted (期间开始之日不计算在内): three
//! working days from a Friday publication end on the Wednesday after.

mod calendar;
pub mod holiday;
mod light;
mod reckon;

pub use calendar::{Calendar, DayOverride, OverrideKind};
pub use holiday::{Holiday, HolidayInput};
pub use light::{parse_light, parse_range, Light, LightBounds, YELLOW_DAYS};
pub use reckon::{Clock, ClockError, Reckoning, SkippedDay};

#[cfg(feature = "ssr")]
pub mod admin;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod pages;

#[cfg(test)]
mod tests;
