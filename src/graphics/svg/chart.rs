//! Charts: horizontal bars (grouped or stacked), lines, pies and donuts.

use super::*;

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

pub(super) fn chart(out: &mut String, c: &Chart) -> f64 {
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
