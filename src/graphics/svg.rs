//! Drawing a spec as SVG on the server: 360 units wide (a phone held
//! upright), everything laid out top to bottom so nothing needs a wider
//! screen. The markup stands alone — colours and fonts are attributes, not
//! page CSS — so the same SVG is inlined in pages, downloaded, and drawn to
//! PNG. Each step, milestone, figure, category or row is a "stop"
//! (`data-stop`) the reader can step through; chart marks carry their exact
//! values in a tip that page CSS shows on hover, tap or focus.

use super::types::{
    number, Body, Chart, ChartKind, ComparisonRow, FlowStep, KeyFigure, Milestone, Spec,
};
use std::fmt::Write;

pub const WIDTH: f64 = 360.0;
const PAD: f64 = 16.0;
const FONT: &str =
    "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif";
const TEXT: &str = "#1b1b1b";
const MUTED: &str = "#505a5f";
const BRAND: &str = "#0b4a8b";
const ACCENT: &str = "#b3131b";
const SURFACE: &str = "#f3f5f7";
const BORDER: &str = "#b1b4b6";

/// Colours in order; each is paired with a name and a value in a legend or
/// label, so colour is never the only cue.
pub const PALETTE: &[&str] = &[
    "#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#28a197", "#b58840", "#6f72af",
];

fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// Escapes text for SVG content and attributes.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn char_width(c: char, size: f64) -> f64 {
    if c.is_ascii() {
        size * 0.56
    } else {
        size
    }
}

/// `text` broken into lines no wider than `width` at font `size`.
pub fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.trim().split('\n') {
        let mut line = String::new();
        let mut w = 0.0;
        for c in para.chars() {
            let cw = char_width(c, size);
            if w + cw > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                w = 0.0;
            }
            line.push(c);
            w += cw;
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

/// `lines` as `<text>` from (x, y), `gap` apart; returns the y after them.
fn text_lines(
    out: &mut String,
    lines: &[String],
    x: f64,
    y: f64,
    size: f64,
    fill: &str,
    weight: &str,
    gap: f64,
) -> f64 {
    let mut y = y;
    for l in lines {
        let _ = write!(
            out,
            "<text x=\"{x}\" y=\"{y:.1}\" font-size=\"{size}\" fill=\"{fill}\" font-weight=\"{weight}\">{}</text>",
            esc(l)
        );
        y += gap;
    }
    y
}

/// A tip with the exact value, hidden until page CSS shows it (hover, tap,
/// focus). Placed above (x, y), kept inside the graphic.
fn tip(out: &mut String, text: &str, x: f64, y: f64) {
    let w = text.chars().map(|c| char_width(c, 13.0)).sum::<f64>() + 16.0;
    let w = w.min(WIDTH - 8.0);
    let left = (x - w / 2.0).clamp(4.0, WIDTH - w - 4.0);
    let top = (y - 30.0).max(2.0);
    let _ = write!(
        out,
        "<g class=\"app-graphic__tip\" visibility=\"hidden\" pointer-events=\"none\">\
         <rect x=\"{left:.1}\" y=\"{top:.1}\" width=\"{w:.1}\" height=\"24\" rx=\"3\" fill=\"{TEXT}\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" fill=\"#fff\" text-anchor=\"middle\">{}</text></g>",
        left + w / 2.0,
        top + 16.5,
        esc(text)
    );
}

/// The graphic's text alternative: everything it shows, in words.
pub fn describe(spec: &Spec) -> String {
    let body = match &spec.body {
        Body::Flow { steps } => format!(
            "共 {} 步：{}",
            steps.len(),
            steps
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let mut t = format!("第{}步 {}", i + 1, s.name.trim());
                    let extra: Vec<&str> = [s.actor.trim(), s.limit.trim(), s.needs.trim()]
                        .into_iter()
                        .filter(|x| !x.is_empty())
                        .collect();
                    if !extra.is_empty() {
                        let _ = write!(t, "（{}）", extra.join("，"));
                    }
                    if !s.branch.trim().is_empty() {
                        let _ = write!(t, "，分支：{}", s.branch.trim());
                    }
                    t
                })
                .collect::<Vec<_>>()
                .join("；")
        ),
        Body::Timeline { milestones } => milestones
            .iter()
            .map(|m| {
                format!(
                    "{} {}{}",
                    m.date.trim(),
                    m.title.trim(),
                    if m.detail.trim().is_empty() {
                        String::new()
                    } else {
                        format!("：{}", m.detail.trim())
                    }
                )
            })
            .collect::<Vec<_>>()
            .join("；"),
        Body::Figures { figures } => figures
            .iter()
            .map(|f| {
                format!(
                    "{}：{}{}{}",
                    f.caption.trim(),
                    number(f.value),
                    f.unit.trim(),
                    change_text(f.change)
                        .map(|c| format!("，{c}"))
                        .unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("；"),
        Body::Chart(c) => c
            .series
            .iter()
            .map(|s| {
                format!(
                    "{}：{}",
                    s.name.trim(),
                    c.categories
                        .iter()
                        .zip(&s.values)
                        .map(|(cat, v)| format!("{} {}{}", cat.trim(), number(*v), c.unit.trim()))
                        .collect::<Vec<_>>()
                        .join("，")
                )
            })
            .collect::<Vec<_>>()
            .join("；"),
        Body::Comparison {
            before,
            after,
            rows,
        } => rows
            .iter()
            .map(|r| {
                format!(
                    "{}：{}为{}，{}为{}",
                    r.point.trim(),
                    before.trim(),
                    or_dash(&r.before),
                    after.trim(),
                    or_dash(&r.after)
                )
            })
            .collect::<Vec<_>>()
            .join("；"),
    };
    format!("{}（{}）。{}", spec.title.trim(), spec.body.label(), body)
}

fn or_dash(s: &str) -> &str {
    if s.trim().is_empty() {
        "—"
    } else {
        s.trim()
    }
}

/// A change in percent, in words with an arrow (never colour alone).
pub fn change_text(change: Option<f64>) -> Option<String> {
    change.map(|c| {
        if c > 0.0 {
            format!("比上期增长 {}%", number(c))
        } else if c < 0.0 {
            format!("比上期下降 {}%", number(-c))
        } else {
            "与上期持平".to_owned()
        }
    })
}

/// The graphic's marks and its height, in the 360-unit-wide frame.
pub fn draw(spec: &Spec) -> (String, f64) {
    let mut body = String::new();
    let height = match &spec.body {
        Body::Flow { steps } => flow(&mut body, steps),
        Body::Timeline { milestones } => timeline(&mut body, milestones),
        Body::Figures { figures } => key_figures(&mut body, figures),
        Body::Chart(c) => chart(&mut body, c),
        Body::Comparison {
            before,
            after,
            rows,
        } => comparison(&mut body, before, after, rows),
    };
    let mut h = height;
    if !spec.note.trim().is_empty() {
        h = text_lines(
            &mut body,
            &wrap(&spec.note, WIDTH - 2.0 * PAD, 12.0),
            PAD,
            h + 14.0,
            12.0,
            MUTED,
            "normal",
            17.0,
        );
    }
    (body, (h + 8.0).ceil())
}

/// The whole graphic as standalone SVG; `id` makes its title and
/// description ids unique on a page.
pub fn render(spec: &Spec, id: &str) -> String {
    let (body, h) = draw(spec);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"app-graphic__svg\" viewBox=\"0 0 {WIDTH} {h}\" \
         width=\"{WIDTH}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         font-family=\"{FONT}\" data-kind=\"{}\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>\
         <rect width=\"{WIDTH}\" height=\"{h}\" fill=\"#fff\"/>{body}</svg>",
        spec.body.slug(),
        esc(spec.title.trim()),
        esc(&describe(spec)),
    )
}

/// A share card: the title above the graphic, the site's name and the
/// page's QR code below, all in the 360-unit frame (drawn 3× for a
/// 1080-pixel-wide PNG, the width WeChat shows sharply). Returns the SVG
/// and its height in units.
pub fn share_card(spec: &Spec, site: &str, qr: Option<(String, usize)>) -> (String, f64) {
    let mut head = String::new();
    let title = wrap(spec.title.trim(), WIDTH - 2.0 * PAD, 19.0);
    let top = text_lines(&mut head, &title, PAD, PAD + 20.0, 19.0, TEXT, "bold", 26.0);
    let (body, h) = draw(spec);
    let foot_y = top + h + 6.0;
    let qr_size = 84.0;
    let mut foot = format!(
        "<path d=\"M{PAD} {foot_y:.1}H{}\" stroke=\"{BORDER}\"/>\
         <text x=\"{PAD}\" y=\"{:.1}\" font-size=\"14\" font-weight=\"bold\" fill=\"{BRAND}\">{}</text>\
         <text x=\"{PAD}\" y=\"{:.1}\" font-size=\"12\" fill=\"{MUTED}\">扫描右侧二维码查看原文和数据</text>",
        WIDTH - PAD,
        foot_y + 30.0,
        esc(site),
        foot_y + 50.0
    );
    if let Some((path, modules)) = qr {
        let scale = qr_size / modules as f64;
        let _ = write!(
            foot,
            "<g transform=\"translate({:.1} {:.1}) scale({scale:.4})\"><rect width=\"{modules}\" height=\"{modules}\" fill=\"#fff\"/>\
             <path d=\"{path}\" fill=\"#000\" shape-rendering=\"crispEdges\"/></g>",
            WIDTH - PAD - qr_size,
            foot_y + 8.0
        );
    }
    let total = (foot_y + qr_size + 16.0).ceil();
    (
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {total}\" width=\"{WIDTH}\" height=\"{total}\" font-family=\"{FONT}\">\
             <rect width=\"{WIDTH}\" height=\"{total}\" fill=\"#fff\"/>{head}<g transform=\"translate(0 {top:.1})\">{body}</g>{foot}</svg>"
        ),
        total,
    )
}

fn stop_open(out: &mut String, i: usize, label: &str) {
    let _ = write!(
        out,
        "<g class=\"app-graphic__stop\" data-stop=\"{i}\" tabindex=\"0\" aria-label=\"{}\">",
        esc(label)
    );
}

fn flow(out: &mut String, steps: &[FlowStep]) -> f64 {
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

fn timeline(out: &mut String, milestones: &[Milestone]) -> f64 {
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

fn key_figures(out: &mut String, figures: &[KeyFigure]) -> f64 {
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

fn legend(out: &mut String, names: &[String], y: f64) -> f64 {
    let mut x = PAD;
    let mut y = y;
    for (i, name) in names.iter().enumerate() {
        let w = 18.0 + name.chars().map(|c| char_width(c, 13.0)).sum::<f64>() + 14.0;
        if x + w > WIDTH - PAD && x > PAD {
            x = PAD;
            y += 20.0;
        }
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"12\" height=\"12\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"{y:.1}\" font-size=\"13\" fill=\"{TEXT}\">{}</text>",
            y - 10.5,
            colour(i),
            x + 17.0,
            esc(name.trim())
        );
        x += w;
    }
    y + 14.0
}

fn chart(out: &mut String, c: &Chart) -> f64 {
    let unit = c.unit.trim();
    let value = |v: f64| format!("{}{unit}", number(v));
    // A category's name with every series' value, for assistive technology.
    let said = |i: usize| {
        let values = c
            .series
            .iter()
            .map(|s| {
                format!(
                    "{} {}",
                    s.name.trim(),
                    value(s.values.get(i).copied().unwrap_or(0.0))
                )
            })
            .collect::<Vec<_>>()
            .join("，");
        format!("{}：{values}", c.categories.get(i).map_or("", |x| x.trim()))
    };
    match c.chart {
        ChartKind::Bar | ChartKind::StackedBar => {
            let stacked = c.chart == ChartKind::StackedBar;
            let names: Vec<String> = c.series.iter().map(|s| s.name.clone()).collect();
            let mut y = if c.series.len() > 1 {
                legend(out, &names, PAD + 10.0) + 4.0
            } else {
                PAD
            };
            let label_w = 96.0;
            let value_w = 74.0;
            let bar_w = WIDTH - 2.0 * PAD - label_w - value_w;
            let totals: Vec<f64> = (0..c.categories.len())
                .map(|i| {
                    c.series
                        .iter()
                        .map(|s| s.values.get(i).copied().unwrap_or(0.0).max(0.0))
                        .sum()
                })
                .collect();
            let max = if stacked {
                totals.iter().copied().fold(0.0, f64::max)
            } else {
                c.series
                    .iter()
                    .flat_map(|s| s.values.iter().copied())
                    .fold(0.0, f64::max)
            }
            .max(f64::MIN_POSITIVE);
            let thick = if stacked || c.series.len() == 1 {
                20.0
            } else {
                16.0
            };
            for (i, cat) in c.categories.iter().enumerate() {
                let rows = if stacked { 1 } else { c.series.len() };
                let row_h = thick * rows as f64 + 14.0;
                stop_open(out, i, &said(i));
                let label = wrap(cat, label_w - 8.0, 13.0);
                let shown = &label[..label.len().min(2)];
                // Centred on the bar(s): the baseline sits a third of the size below the middle.
                let mid = y + 7.0 + thick * rows as f64 / 2.0;
                text_lines(
                    out,
                    shown,
                    PAD,
                    mid + 4.5 - (shown.len() as f64 - 1.0) * 8.0,
                    13.0,
                    TEXT,
                    "normal",
                    16.0,
                );
                let mut x = PAD + label_w;
                for (s, series) in c.series.iter().enumerate() {
                    let v = series.values.get(i).copied().unwrap_or(0.0);
                    let w = (v.max(0.0) / max * bar_w).max(if v > 0.0 { 1.0 } else { 0.0 });
                    let by = if stacked {
                        y + 7.0
                    } else {
                        y + 7.0 + s as f64 * thick
                    };
                    let bx = if stacked { x } else { PAD + label_w };
                    let _ = write!(
                        out,
                        "<g class=\"app-graphic__mark\" data-series=\"{s}\"><rect x=\"{bx:.1}\" y=\"{by:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{}\"/>",
                        thick - 2.0,
                        colour(s)
                    );
                    tip(
                        out,
                        &format!("{} {}：{}", cat.trim(), series.name.trim(), value(v)),
                        bx + w / 2.0,
                        by,
                    );
                    out.push_str("</g>");
                    if !stacked {
                        let _ = write!(
                            out,
                            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"{TEXT}\">{}</text>",
                            bx + w + 4.0,
                            by + thick / 2.0 + 3.0,
                            esc(&value(v))
                        );
                    }
                    x += w;
                }
                if stacked {
                    let _ = write!(
                        out,
                        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"{TEXT}\">{}</text>",
                        x + 4.0,
                        y + 7.0 + thick / 2.0 + 3.0,
                        esc(&value(totals[i]))
                    );
                }
                out.push_str("</g>");
                y += row_h;
            }
            y
        }
        ChartKind::Line => {
            let names: Vec<String> = c.series.iter().map(|s| s.name.clone()).collect();
            let top = legend(out, &names, PAD + 10.0) + 12.0;
            let (left, right, plot_h) = (PAD + 40.0, WIDTH - PAD, 200.0);
            // Points sit inside the axis, so the first and last labels fit.
            let (first, last) = (left + 22.0, right - 22.0);
            let all: Vec<f64> = c
                .series
                .iter()
                .flat_map(|s| s.values.iter().copied())
                .collect();
            let hi = all.iter().copied().fold(0.0, f64::max);
            let lo = all.iter().copied().fold(0.0, f64::min);
            let span = (hi - lo).max(f64::MIN_POSITIVE);
            let n = c.categories.len().max(1);
            let step = if n > 1 {
                (last - first) / (n - 1) as f64
            } else {
                0.0
            };
            let px = |i: usize| {
                if n > 1 {
                    first + i as f64 * step
                } else {
                    (left + right) / 2.0
                }
            };
            let py = |v: f64| top + plot_h - (v - lo) / span * plot_h;
            // Axis and three gridlines with their values.
            for k in 0..=2 {
                let v = lo + span * k as f64 / 2.0;
                let gy = py(v);
                let _ = write!(
                    out,
                    "<path d=\"M{left} {gy:.1}H{right}\" stroke=\"{BORDER}\" stroke-width=\"1\"/>\
                     <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"{MUTED}\" text-anchor=\"end\">{}</text>",
                    left - 4.0,
                    gy + 4.0,
                    esc(&number(v))
                );
            }
            for (s, series) in c.series.iter().enumerate() {
                let points: Vec<String> = series
                    .values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| format!("{:.1},{:.1}", px(i), py(*v)))
                    .collect();
                let _ = write!(
                    out,
                    "<polyline class=\"app-graphic__line\" data-series=\"{s}\" points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"/>",
                    points.join(" "),
                    colour(s)
                );
            }
            // Labels every few categories so they never collide on a phone.
            let every = (n as f64 / 6.0).ceil().max(1.0) as usize;
            for (i, cat) in c.categories.iter().enumerate() {
                stop_open(out, i, &said(i));
                for (s, series) in c.series.iter().enumerate() {
                    let v = series.values.get(i).copied().unwrap_or(0.0);
                    let _ = write!(
                        out,
                        "<g class=\"app-graphic__mark\" data-series=\"{s}\"><circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"5\" fill=\"#fff\" stroke=\"{}\" stroke-width=\"2.5\"/>",
                        px(i),
                        py(v),
                        colour(s)
                    );
                    tip(
                        out,
                        &format!("{} {}：{}", cat.trim(), series.name.trim(), value(v)),
                        px(i),
                        py(v),
                    );
                    out.push_str("</g>");
                }
                if i % every == 0 || i + 1 == n {
                    let _ = write!(
                        out,
                        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"{TEXT}\" text-anchor=\"middle\">{}</text>",
                        px(i),
                        top + plot_h + 18.0,
                        esc(cat.trim())
                    );
                }
                out.push_str("</g>");
            }
            top + plot_h + 26.0
        }
        ChartKind::Pie | ChartKind::Donut => {
            let series = c.series.first();
            let values: Vec<f64> = series
                .map(|s| s.values.iter().map(|v| v.max(0.0)).collect())
                .unwrap_or_default();
            let total: f64 = values.iter().sum::<f64>().max(f64::MIN_POSITIVE);
            let (cx, cy, r) = (WIDTH / 2.0, PAD + 110.0, 100.0);
            let inner = if c.chart == ChartKind::Donut {
                56.0
            } else {
                0.0
            };
            let mut angle = -std::f64::consts::FRAC_PI_2;
            let mut y = cy + r + 24.0;
            for (i, (cat, v)) in c.categories.iter().zip(&values).enumerate() {
                let share = v / total;
                let sweep = share * std::f64::consts::TAU;
                let end = angle + sweep;
                let large = if sweep > std::f64::consts::PI { 1 } else { 0 };
                let p = |a: f64, rr: f64| (cx + rr * a.cos(), cy + rr * a.sin());
                let (x0, y0) = p(angle, r);
                let (x1, y1) = p(end, r);
                let d = if share >= 0.9999 {
                    format!(
                        "M{cx} {:.1}a{r} {r} 0 1 1 0 {:.1}a{r} {r} 0 1 1 0 -{:.1}z",
                        cy - r,
                        2.0 * r,
                        2.0 * r
                    )
                } else if inner > 0.0 {
                    let (x2, y2) = p(end, inner);
                    let (x3, y3) = p(angle, inner);
                    format!(
                        "M{x0:.1} {y0:.1}A{r} {r} 0 {large} 1 {x1:.1} {y1:.1}L{x2:.1} {y2:.1}A{inner} {inner} 0 {large} 0 {x3:.1} {y3:.1}z"
                    )
                } else {
                    format!("M{cx} {cy}L{x0:.1} {y0:.1}A{r} {r} 0 {large} 1 {x1:.1} {y1:.1}z")
                };
                let label = format!(
                    "{}：{}（{}%）",
                    cat.trim(),
                    value(*v),
                    number(share * 100.0)
                );
                stop_open(out, i, &label);
                let (tx, ty) = p(angle + sweep / 2.0, (r + inner) / 2.0);
                let _ = write!(
                    out,
                    "<g class=\"app-graphic__mark\" data-series=\"0\"><path d=\"{d}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"2\"/>",
                    colour(i)
                );
                tip(out, &label, tx, ty);
                out.push_str("</g>");
                // The legend row names the colour with its value and share.
                let _ = write!(
                    out,
                    "<rect x=\"{PAD}\" y=\"{:.1}\" width=\"12\" height=\"12\" fill=\"{}\"/>\
                     <text x=\"{:.1}\" y=\"{y:.1}\" font-size=\"13\" fill=\"{TEXT}\">{}</text></g>",
                    y - 10.5,
                    colour(i),
                    PAD + 18.0,
                    esc(&label)
                );
                y += 20.0;
                angle = end;
            }
            if inner > 0.0 {
                let _ = write!(
                    out,
                    "<text x=\"{cx}\" y=\"{:.1}\" font-size=\"12\" fill=\"{MUTED}\" text-anchor=\"middle\">合计</text>\
                     <text x=\"{cx}\" y=\"{:.1}\" font-size=\"15\" font-weight=\"bold\" fill=\"{TEXT}\" text-anchor=\"middle\">{}</text>",
                    cy - 4.0,
                    cy + 16.0,
                    esc(&value(values.iter().sum()))
                );
            }
            y - 6.0
        }
    }
}

fn comparison(out: &mut String, before: &str, after: &str, rows: &[ComparisonRow]) -> f64 {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphics::types::*;

    #[test]
    fn long_chinese_lines_wrap_to_the_width() {
        let lines = wrap("行政审批事项公开政策公开政务服务公开", 100.0, 14.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= 7), "{lines:?}");
        assert_eq!(wrap("", 100.0, 14.0), Vec::<String>::new());
    }

    fn spec(title: &str, body: Body) -> Spec {
        Spec {
            version: 1,
            title: title.into(),
            note: "演示数据".into(),
            body,
        }
    }

    fn chart(kind: ChartKind, series: usize) -> Spec {
        let names = ["预算", "决算", "调整"];
        spec(
            kind.label(),
            Body::Chart(Chart {
                chart: kind,
                unit: "万元".into(),
                categories: vec!["2016年".into(), "2017年".into(), "2018年".into()],
                series: (0..series)
                    .map(|s| Series {
                        name: names[s].into(),
                        values: vec![120.5 + s as f64 * 10.0, 98.0, 101.25],
                    })
                    .collect(),
            }),
        )
    }

    /// One spec of every kind (and every kind of chart), drawn: any change
    /// to the drawing shows up as a reviewed snapshot diff.
    #[test]
    fn every_kind_draws_as_before() {
        let flow = spec(
            "出版物经营许可办理流程",
            Body::Flow {
                steps: vec![
                    FlowStep {
                        name: "提交申请".into(),
                        actor: "申请人".into(),
                        needs: "申请书、营业执照".into(),
                        limit: "当场".into(),
                        branch: String::new(),
                    },
                    FlowStep {
                        name: "受理".into(),
                        actor: "窗口".into(),
                        needs: String::new(),
                        limit: "5个工作日".into(),
                        branch: "材料不齐：一次性告知补正".into(),
                    },
                    FlowStep {
                        name: "决定".into(),
                        actor: "行政审批处".into(),
                        needs: String::new(),
                        limit: "20个工作日".into(),
                        branch: String::new(),
                    },
                ],
            },
        );
        let timeline = spec(
            "实施方案的进程",
            Body::Timeline {
                milestones: vec![
                    Milestone {
                        date: "2016-05".into(),
                        title: "省政府印发任务分解表".into(),
                        detail: "闽政办〔2016〕83号".into(),
                    },
                    Milestone {
                        date: "2016-07-15".into(),
                        title: "印发实施方案".into(),
                        detail: String::new(),
                    },
                    Milestone {
                        date: "2016".into(),
                        title: "全年落实".into(),
                        detail: "各处室按分工推进".into(),
                    },
                ],
            },
        );
        let figures = spec(
            "一图读懂",
            Body::Figures {
                figures: vec![
                    KeyFigure {
                        value: 3.0,
                        unit: "个方面".into(),
                        caption: "主动公开、解读回应、能力建设".into(),
                        change: None,
                    },
                    KeyFigure {
                        value: 1280.5,
                        unit: "万元".into(),
                        caption: "三公经费".into(),
                        change: Some(-18.0),
                    },
                    KeyFigure {
                        value: 96.0,
                        unit: "%".into(),
                        caption: "按时办结率".into(),
                        change: Some(2.5),
                    },
                ],
            },
        );
        let comparison = spec(
            "新旧办法对比",
            Body::Comparison {
                before: "原办法".into(),
                after: "新办法".into(),
                rows: vec![
                    ComparisonRow {
                        point: "办理时限".into(),
                        before: "20个工作日".into(),
                        after: "10个工作日".into(),
                    },
                    ComparisonRow {
                        point: "提交方式".into(),
                        before: "窗口提交纸质材料".into(),
                        after: String::new(),
                    },
                ],
            },
        );
        insta::assert_snapshot!("flow", render(&flow, "g"));
        insta::assert_snapshot!("timeline", render(&timeline, "g"));
        insta::assert_snapshot!("figures", render(&figures, "g"));
        insta::assert_snapshot!("comparison", render(&comparison, "g"));
        insta::assert_snapshot!("bar", render(&chart(ChartKind::Bar, 2), "g"));
        insta::assert_snapshot!("stacked_bar", render(&chart(ChartKind::StackedBar, 3), "g"));
        insta::assert_snapshot!("line", render(&chart(ChartKind::Line, 2), "g"));
        insta::assert_snapshot!("pie", render(&chart(ChartKind::Pie, 1), "g"));
        insta::assert_snapshot!("donut", render(&chart(ChartKind::Donut, 1), "g"));
        // Every drawing is well-formed XML the PNG renderer accepts.
        for s in [
            flow,
            timeline,
            figures,
            comparison,
            chart(ChartKind::Line, 2),
            chart(ChartKind::Donut, 1),
        ] {
            let svg = render(&s, "g");
            assert!(
                resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).is_ok(),
                "{}",
                s.title
            );
            assert_eq!(
                svg.matches("class=\"app-graphic__stop\"").count(),
                s.body.stops(),
                "{}",
                s.title
            );
        }
    }

    #[test]
    fn text_is_escaped() {
        let spec = Spec {
            version: 1,
            title: "A<B & \"C\"".into(),
            note: String::new(),
            body: Body::Figures {
                figures: vec![KeyFigure {
                    value: 3.0,
                    unit: "<件>".into(),
                    caption: "x".into(),
                    change: None,
                }],
            },
        };
        let svg = render(&spec, "g1");
        assert!(svg.contains("A&lt;B &amp; &quot;C&quot;"));
        assert!(!svg.contains("<件>"));
    }
}
