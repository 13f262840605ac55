//! Charts drawn as SVG on the server from the register's own figures.
//! Each mark is focusable and carries its exact value, shown on hover, tap
//! or keyboard focus by CSS alone (no script needed); every chart has a
//! text alternative and its numbers in a table beside it.

use crate::registers::validate::money_zh;
use leptos::prelude::*;

/// Colours in order; each pairs with a label and value in the legend, so
/// colour is never the only cue.
const PALETTE: &[&str] = &[
    "#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#28a197", "#b58840", "#6f72af",
    "#912b88", "#505a5f",
];

fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// 万元 with one decimal, for chart labels.
pub fn wan(fen: i64) -> String {
    format!("{:.1}万元", fen as f64 / 1_000_000.0)
}

/// One bar: a label and one or more stacked parts (name, fen).
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub parts: Vec<(String, i64)>,
}

/// Horizontal bars (stacked when a bar has several parts): reads well on a
/// narrow phone screen, labels on the left, totals on the right.
#[component]
pub fn BarChart(
    #[prop(into)] title: String,
    bars: Vec<Bar>,
    #[prop(default = Vec::new())] legend: Vec<String>,
) -> impl IntoView {
    const ROW: f64 = 34.0;
    const LABEL_W: f64 = 120.0;
    const BAR_W: f64 = 150.0;
    const WIDTH: f64 = 340.0;
    let max = bars
        .iter()
        .map(|b| b.parts.iter().map(|(_, v)| *v).sum::<i64>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let height = ROW * bars.len() as f64 + 8.0;
    let desc = bars
        .iter()
        .map(|b| {
            let total: i64 = b.parts.iter().map(|(_, v)| v).sum();
            format!("{}：{}", b.label, wan(total))
        })
        .collect::<Vec<_>>()
        .join("；");
    view! {
        <figure class="app-chart">
            <figcaption class="app-chart__title">{title.clone()}</figcaption>
            {(!legend.is_empty()).then(|| view! {
                <ul class="app-chart__legend">
                    {legend.iter().enumerate().map(|(i, name)| view! {
                        <li><span class="app-chart__swatch" style=format!("background:{}", colour(i))></span>{name.clone()}</li>
                    }).collect_view()}
                </ul>
            })}
            <svg class="app-chart__svg" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=format!("{title}。{desc}") xmlns="http://www.w3.org/2000/svg">
                {bars.into_iter().enumerate().map(|(row, bar)| {
                    let y = row as f64 * ROW + 4.0;
                    let total: i64 = bar.parts.iter().map(|(_, v)| v).sum();
                    let mut x = LABEL_W;
                    let segments = bar.parts.iter().enumerate().map(|(i, (name, v))| {
                        let w = (*v as f64 / max * BAR_W).max(if *v > 0 { 1.0 } else { 0.0 });
                        let seg_x = x;
                        x += w;
                        let tip = format!("{} {}：{} 元", bar.label, name, money_zh(*v));
                        view! {
                            <g class="app-chart__mark" tabindex="0">
                                <title>{tip.clone()}</title>
                                <rect x=format!("{seg_x:.1}") y=format!("{y:.1}") width=format!("{w:.1}") height="20" fill=colour(i) />
                                <text class="app-chart__tip" x=format!("{:.1}", LABEL_W) y=format!("{:.1}", y + 31.0)>{tip}</text>
                            </g>
                        }
                    }).collect_view();
                    view! {
                        <g>
                            <text class="app-chart__label" x=format!("{:.1}", LABEL_W - 6.0) y=format!("{:.1}", y + 15.0) text-anchor="end">{bar.label.clone()}</text>
                            {segments}
                            <text class="app-chart__value" x=format!("{:.1}", x + 4.0) y=format!("{:.1}", y + 15.0)>{wan(total)}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
        </figure>
    }
}

/// A donut of shares, with the legend listing each share's value and percent.
#[component]
pub fn DonutChart(#[prop(into)] title: String, slices: Vec<(String, i64)>) -> impl IntoView {
    let total: i64 = slices.iter().map(|(_, v)| *v).sum::<i64>().max(1);
    let (cx, cy, r) = (100.0_f64, 100.0_f64, 80.0_f64);
    let mut angle = -std::f64::consts::FRAC_PI_2;
    let desc = slices
        .iter()
        .map(|(name, v)| format!("{name} {:.1}%", *v as f64 * 100.0 / total as f64))
        .collect::<Vec<_>>()
        .join("；");
    let arcs = slices
        .iter()
        .enumerate()
        .map(|(i, (name, v))| {
            let share = *v as f64 / total as f64;
            let sweep = share * std::f64::consts::TAU;
            let (a0, a1) = (angle, angle + sweep.min(std::f64::consts::TAU - 0.0001));
            angle += sweep;
            let (x0, y0) = (cx + r * a0.cos(), cy + r * a0.sin());
            let (x1, y1) = (cx + r * a1.cos(), cy + r * a1.sin());
            let large = if sweep > std::f64::consts::PI { 1 } else { 0 };
            let d = format!("M {cx:.1} {cy:.1} L {x0:.2} {y0:.2} A {r} {r} 0 {large} 1 {x1:.2} {y1:.2} Z");
            let tip = format!("{name}：{} 元（{:.1}%）", money_zh(*v), share * 100.0);
            view! {
                <g class="app-chart__mark" tabindex="0">
                    <title>{tip.clone()}</title>
                    <path d=d fill=colour(i) stroke="#fff" stroke-width="1" />
                    <text class="app-chart__tip app-chart__tip--centre" x="100" y="196" text-anchor="middle">{tip}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="app-chart app-chart--donut">
            <figcaption class="app-chart__title">{title.clone()}</figcaption>
            <svg class="app-chart__svg app-chart__svg--donut" viewBox="0 0 200 200" role="img" aria-label=format!("{title}。{desc}") xmlns="http://www.w3.org/2000/svg">
                {arcs}
                <circle cx="100" cy="100" r="44" fill="#fff" />
                <text class="app-chart__centre" x="100" y="96" text-anchor="middle">"合计"</text>
                <text class="app-chart__centre" x="100" y="114" text-anchor="middle">{wan(total)}</text>
            </svg>
            <ul class="app-chart__legend app-chart__legend--list">
                {slices.iter().enumerate().map(|(i, (name, v))| view! {
                    <li>
                        <span class="app-chart__swatch" style=format!("background:{}", colour(i))></span>
                        {format!("{name}　{}（{:.1}%）", wan(*v), *v as f64 * 100.0 / total as f64)}
                    </li>
                }).collect_view()}
            </ul>
        </figure>
    }
}
