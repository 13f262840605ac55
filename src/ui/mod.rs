//! Page furniture shared by every domain: layout, navigation, footer, QR code,
//! the 长辈版 switch, error pages and formatting.

pub mod elder;
pub mod escape;
pub mod format;
pub mod forms;

#[cfg(feature = "ssr")]
pub mod crumbs;
#[cfg(feature = "ssr")]
pub mod error_page;
#[cfg(feature = "ssr")]
pub mod hydration;
#[cfg(feature = "ssr")]
pub mod layout;
#[cfg(feature = "ssr")]
pub mod navigation;
#[cfg(feature = "ssr")]
pub mod pagination;
#[cfg(feature = "ssr")]
pub mod qr;
#[cfg(feature = "ssr")]
pub mod url;
