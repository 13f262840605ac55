//! Flows and timelines: stops one under another.

use super::*;

pub(super) fn flow(out: &mut String, steps: &[FlowStep]) -> f64 {
    let mut y = PAD;
    let inner = WIDTH - 2.0 * PAD - 56.0;
    for (i, s) in steps.iter().enumerate() {
        let name = wrap(&s.name, inner, 16.0);
        let meta: Vec<&str> = [s.actor.trim(), s.limit.trim()]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect();
        let meta = wrap(&meta.join(" · "), inner, 13.0);
        let needs = wrap(&s.needs, inner, 13.0);
        let box_h =
            14.0 + name.len() as f64 * 21.0 + (meta.len() + needs.len()) as f64 * 18.0 + 6.0;
        stop_open(out, i, &format!("第{}步 {}", i + 1, s.name.trim()));
        let _ = write!(
            out,
            "<rect class=\"app-graphic__box\" x=\"{PAD}\" y=\"{y:.1}\" width=\"{}\" height=\"{box_h:.1}\" rx=\"6\" fill=\"{SURFACE}\" stroke=\"{BRAND}\" stroke-width=\"2\"/>\
             <circle cx=\"{}\" cy=\"{:.1}\" r=\"14\" fill=\"{BRAND}\"/>\
             <text x=\"{}\" y=\"{:.1}\" font-size=\"14\" font-weight=\"bold\" fill=\"#fff\" text-anchor=\"middle\">{}</text>",
            WIDTH - 2.0 * PAD,
            PAD + 24.0,
            y + 24.0,
            PAD + 24.0,
            y + 29.0,
            i + 1
        );
        let x = PAD + 48.0;
        let mut ty = text_lines(out, &name, x, y + 28.0, 16.0, TEXT, "bold", 21.0);
        ty = text_lines(out, &meta, x, ty, 13.0, BRAND, "normal", 18.0);
        text_lines(out, &needs, x, ty, 13.0, MUTED, "normal", 18.0);
        out.push_str("</g>");
        y += box_h;
        if !s.branch.trim().is_empty() {
            let lines = wrap(&format!("↳ {}", s.branch.trim()), inner + 20.0, 13.0);
            y += 6.0;
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{y:.1}\" width=\"{}\" height=\"{:.1}\" rx=\"4\" fill=\"#fff\" stroke=\"{ACCENT}\" stroke-dasharray=\"4 3\"/>",
                PAD + 24.0,
                WIDTH - 2.0 * PAD - 24.0,
                lines.len() as f64 * 18.0 + 10.0
            );
            text_lines(
                out,
                &lines,
                PAD + 34.0,
                y + 18.0,
                13.0,
                ACCENT,
                "normal",
                18.0,
            );
            y += lines.len() as f64 * 18.0 + 10.0;
        }
        if i + 1 < steps.len() {
            let cx = WIDTH / 2.0;
            let _ = write!(
                out,
                "<path d=\"M{cx} {:.1}v14\" stroke=\"{BRAND}\" stroke-width=\"2\"/><path d=\"M{} {:.1}l6 8l6 -8z\" fill=\"{BRAND}\"/>",
                y + 2.0,
                cx - 6.0,
                y + 14.0
            );
            y += 26.0;
        }
    }
    y
}

pub(super) fn timeline(out: &mut String, milestones: &[Milestone]) -> f64 {
    let line_x = PAD + 10.0;
    let x = PAD + 30.0;
    let inner = WIDTH - x - PAD;
    let mut y = PAD;
    let top = y;
    let mut marks = String::new();
    for (i, m) in milestones.iter().enumerate() {
        let title = wrap(&m.title, inner, 15.0);
        let detail = wrap(&m.detail, inner, 13.0);
        stop_open(
            &mut marks,
            i,
            &format!("{} {}", m.date.trim(), m.title.trim()),
        );
        let _ = write!(
            marks,
            "<circle cx=\"{line_x}\" cy=\"{:.1}\" r=\"7\" fill=\"#fff\" stroke=\"{BRAND}\" stroke-width=\"3\"/>\
             <text x=\"{x}\" y=\"{:.1}\" font-size=\"13\" font-weight=\"bold\" fill=\"{BRAND}\">{}</text>",
            y + 8.0,
            y + 12.0,
            esc(&date_zh(m.date.trim()))
        );
        let mut ty = text_lines(&mut marks, &title, x, y + 32.0, 15.0, TEXT, "bold", 20.0);
        ty = text_lines(&mut marks, &detail, x, ty, 13.0, MUTED, "normal", 18.0);
        marks.push_str("</g>");
        y = ty + 10.0;
    }
    let _ = write!(
        out,
        "<path d=\"M{line_x} {top:.1}V{:.1}\" stroke=\"{BORDER}\" stroke-width=\"2\"/>{marks}",
        y - 14.0
    );
    y
}

/// 2016-07-15 → 2016年7月15日; 2016-07 → 2016年7月; 2016 → 2016年.
fn date_zh(d: &str) -> String {
    let parts: Vec<&str> = d.split('-').collect();
    let n = |s: &str| s.trim_start_matches('0').to_owned();
    match parts.as_slice() {
        [y] => format!("{y}年"),
        [y, m] => format!("{y}年{}月", n(m)),
        [y, m, dd] => format!("{y}年{}月{}日", n(m), n(dd)),
        _ => d.to_owned(),
    }
}
