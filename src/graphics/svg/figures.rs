//! Key figures (two to a row) and comparisons (two columns).

use super::*;

pub(super) fn key_figures(out: &mut String, figures: &[KeyFigure]) -> f64 {
    let gap = 10.0;
    let col_w = (WIDTH - 2.0 * PAD - gap) / 2.0;
    let mut y = PAD;
    for (row, pair) in figures.chunks(2).enumerate() {
        let cells: Vec<(Vec<String>, Option<String>)> = pair
            .iter()
            .map(|f| (wrap(&f.caption, col_w - 20.0, 13.0), change_text(f.change)))
            .collect();
        let row_h = cells
            .iter()
            .map(|(c, ch)| 58.0 + c.len() as f64 * 18.0 + if ch.is_some() { 20.0 } else { 0.0 })
            .fold(0.0, f64::max);
        for (col, (f, (caption, change))) in pair.iter().zip(cells).enumerate() {
            let i = row * 2 + col;
            let x = PAD + col as f64 * (col_w + gap);
            stop_open(
                out,
                i,
                &format!("{} {}{}", f.caption.trim(), number(f.value), f.unit.trim()),
            );
            let _ = write!(
                out,
                "<rect class=\"app-graphic__box\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{col_w:.1}\" height=\"{row_h:.1}\" rx=\"6\" fill=\"{SURFACE}\"/>\
                 <rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"5\" height=\"{row_h:.1}\" fill=\"{}\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" fill=\"{TEXT}\"><tspan font-size=\"28\" font-weight=\"bold\">{}</tspan><tspan font-size=\"14\" dx=\"4\">{}</tspan></text>",
                colour(i),
                x + 14.0,
                y + 38.0,
                esc(&number(f.value)),
                esc(f.unit.trim())
            );
            let ty = text_lines(
                out,
                &caption,
                x + 14.0,
                y + 60.0,
                13.0,
                MUTED,
                "normal",
                18.0,
            );
            if let Some(c) = change {
                let arrow = match f.change {
                    Some(v) if v > 0.0 => "▲ ",
                    Some(v) if v < 0.0 => "▼ ",
                    _ => "",
                };
                let _ = write!(
                    out,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" fill=\"{BRAND}\">{}</text>",
                    x + 14.0,
                    ty,
                    esc(&format!("{arrow}{c}"))
                );
            }
            out.push_str("</g>");
        }
        y += row_h + gap;
    }
    y - gap
}

pub(super) fn comparison(
    out: &mut String,
    before: &str,
    after: &str,
    rows: &[ComparisonRow],
) -> f64 {
    let gap = 8.0;
    let col_w = (WIDTH - 2.0 * PAD - gap) / 2.0;
    let right_x = PAD + col_w + gap;
    let _ = write!(
        out,
        "<rect x=\"{PAD}\" y=\"{PAD}\" width=\"{col_w:.1}\" height=\"30\" fill=\"{MUTED}\"/>\
         <rect x=\"{right_x:.1}\" y=\"{PAD}\" width=\"{col_w:.1}\" height=\"30\" fill=\"{BRAND}\"/>\
         <text x=\"{:.1}\" y=\"{}\" font-size=\"15\" font-weight=\"bold\" fill=\"#fff\" text-anchor=\"middle\">{}</text>\
         <text x=\"{:.1}\" y=\"{}\" font-size=\"15\" font-weight=\"bold\" fill=\"#fff\" text-anchor=\"middle\">{}</text>",
        PAD + col_w / 2.0,
        PAD + 20.0,
        esc(before.trim()),
        right_x + col_w / 2.0,
        PAD + 20.0,
        esc(after.trim())
    );
    let mut y = PAD + 40.0;
    for (i, r) in rows.iter().enumerate() {
        let left = wrap(or_dash(&r.before), col_w - 16.0, 13.0);
        let right = wrap(or_dash(&r.after), col_w - 16.0, 13.0);
        let h = left.len().max(right.len()) as f64 * 18.0 + 12.0;
        stop_open(
            out,
            i,
            &format!(
                "{}：{}为{}，{}为{}",
                r.point.trim(),
                before.trim(),
                or_dash(&r.before),
                after.trim(),
                or_dash(&r.after)
            ),
        );
        let _ = write!(
            out,
            "<text x=\"{PAD}\" y=\"{:.1}\" font-size=\"14\" font-weight=\"bold\" fill=\"{TEXT}\">{}</text>\
             <rect class=\"app-graphic__box\" x=\"{PAD}\" y=\"{:.1}\" width=\"{col_w:.1}\" height=\"{h:.1}\" fill=\"{SURFACE}\"/>\
             <rect class=\"app-graphic__box\" x=\"{right_x:.1}\" y=\"{:.1}\" width=\"{col_w:.1}\" height=\"{h:.1}\" fill=\"#e8f0f8\"/>",
            y + 14.0,
            esc(r.point.trim()),
            y + 22.0,
            y + 22.0
        );
        text_lines(out, &left, PAD + 8.0, y + 40.0, 13.0, TEXT, "normal", 18.0);
        text_lines(
            out,
            &right,
            right_x + 8.0,
            y + 40.0,
            13.0,
            TEXT,
            "normal",
            18.0,
        );
        out.push_str("</g>");
        y += 22.0 + h + 10.0;
    }
    y - 10.0
}
