//! QR codes as inline SVG, drawn on the server.
//!
//! The qrcode crate encodes; the drawing is ours because its SVG renderer
//! writes one path command per module (about 10 KB for a URL), while joining
//! each row's dark runs into one rectangle, in module units, takes a fraction.

use qrcode::{Color, EcLevel, QrCode};
use std::fmt::Write;

/// Quiet zone around the code, in modules (the standard asks for 4).
const QUIET: usize = 4;

/// An SVG QR code for `text`, named `label` for assistive technology. Empty if
/// the text is too long to encode, which a page can do without.
pub fn svg(text: &str, label: &str) -> String {
    let Some((path, size)) = path(text) else {
        return String::new();
    };
    let label = crate::ui::escape::markup(label);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{label}\" class=\"app-qr__code\" \
         viewBox=\"0 0 {size} {size}\" width=\"132\" height=\"132\" shape-rendering=\"crispEdges\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    )
}

/// The dark modules of `text`'s QR code as one SVG path, in module units
/// with the quiet zone included, and the code's size in modules; None if
/// the text is too long to encode.
pub fn path(text: &str) -> Option<(String, usize)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET;
    let mut path = String::with_capacity(width * width / 2);
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                let _ = write!(
                    path,
                    "M{} {}h{}v1h-{}z",
                    start + QUIET,
                    y + QUIET,
                    x - start,
                    x - start
                );
            } else {
                x += 1;
            }
        }
    }
    Some((path, size))
}

#[cfg(test)]
mod tests {
    use super::svg;

    #[test]
    fn draws_a_compact_named_svg() {
        let out = svg("http://127.0.0.1:3000/articles/1?x=1", "本页二维码");
        assert!(out.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"本页二维码\""
        ));
        assert!(
            out.contains("<path fill=\"#000\" d=\"M4 4h7v1h-7z"),
            "finder pattern's top row: {out}"
        );
        assert!(out.len() < 6000, "{} bytes", out.len());
    }

    #[test]
    fn refuses_what_does_not_fit() {
        assert_eq!(svg(&"x".repeat(5000), "q"), "");
    }
}
