//! Drawing a spec as SVG on the server: 360 units wide (a phone held
//! upright), everything laid out top to bottom so nothing needs a wider
//! screen. The markup stands alone — colours and fonts are attributes, not
//! page CSS — so the same SVG is inlined in pages, downloaded, and drawn to
//! PNG. Each step, milestone, figure, category or row is a "stop"
//! (`data-stop`) the reader can step through; chart marks carry their exact
//! values in a tip that page CSS shows on hover, tap or focus.

mod chart;
mod figures;
mod steps;

use chart::chart;
use figures::{comparison, key_figures};
use steps::{flow, timeline};

use super::types::{
    number, Body, Chart, ChartKind, ComparisonRow, FlowStep, KeyFigure, Milestone, Spec,
};
use std::fmt::Write;

pub const WIDTH: f64 = 360.0;
pub(super) const PAD: f64 = 16.0;
pub(super) const FONT: &str =
    "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif";
pub(super) const TEXT: &str = "#1b1b1b";
pub(super) const MUTED: &str = "#505a5f";
pub(super) const BRAND: &str = "#0b4a8b";
pub(super) const ACCENT: &str = "#b3131b";
pub(super) const SURFACE: &str = "#f3f5f7";
pub(super) const BORDER: &str = "#b1b4b6";

/// Colours in order; each is paired with a name and a value in a legend or
/// label, so colour is never the only cue.
pub const PALETTE: &[&str] = &[
    "#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#28a197", "#b58840", "#6f72af",
];

pub(super) fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// Escapes text for SVG content and attributes.
pub fn esc(s: &str) -> std::borrow::Cow<'_, str> {
    crate::ui::escape::markup(s)
}

pub(super) fn char_width(c: char, size: f64) -> f64 {
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
#[expect(
    clippy::too_many_arguments,
    reason = "an SVG text run's position and style, each at its call site"
)]
pub(super) fn text_lines(
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
pub(super) fn tip(out: &mut String, text: &str, x: f64, y: f64) {
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

pub(super) fn or_dash(s: &str) -> &str {
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

pub(super) fn stop_open(out: &mut String, i: usize, label: &str) {
    let _ = write!(
        out,
        "<g class=\"app-graphic__stop\" data-stop=\"{i}\" tabindex=\"0\" aria-label=\"{}\">",
        esc(label)
    );
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
