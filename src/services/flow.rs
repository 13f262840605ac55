//! The handling flow drawn as SVG on the server: steps top to bottom (a
//! phone's portrait screen), each with who acts and its time limit, and the
//! ways out of the flow (补正, 不予受理 …) to the side. The page lists the
//! same steps as text beside it.

use super::types::Step;
use leptos::prelude::*;

const WIDTH: f64 = 340.0;
const MAIN_X: f64 = 6.0;
const MAIN_W: f64 = 206.0;
const SIDE_X: f64 = 230.0;
const SIDE_W: f64 = 104.0;
const LINE: f64 = 18.0;
const GAP: f64 = 26.0;

/// `text` in lines at most `width` CJK characters wide (a CJK character is
/// one em; digits, Latin letters and spaces about half of one).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = if c.is_ascii() { 0.55 } else { 1.0 };
        if used + w > width.max(1) as f64 && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            used = 0.0;
        }
        line.push(c);
        used += w;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// How a step's time limit reads.
pub fn days_text(days: u32) -> String {
    if days == 0 {
        "即时办理".to_owned()
    } else {
        format!("{days} 个工作日")
    }
}

struct Placed {
    y: f64,
    height: f64,
    name: Vec<String>,
    detail: Vec<String>,
    side: Vec<String>,
}

fn layout(steps: &[Step]) -> (Vec<Placed>, f64) {
    let mut y = 4.0;
    let placed = steps
        .iter()
        .map(|s| {
            let name = wrap(&format!("{}", s.name), 12);
            let detail = wrap(&format!("{} · {}", s.actor, days_text(s.days)), 14);
            let side = s.branch.as_deref().map(|b| wrap(b, 7)).unwrap_or_default();
            let lines = (name.len() + detail.len()).max(side.len()) as f64;
            let height = lines * LINE + 14.0;
            let p = Placed {
                y,
                height,
                name,
                detail,
                side,
            };
            y += height + GAP;
            p
        })
        .collect();
    (placed, (y - GAP + 4.0).max(10.0))
}

/// The flow of `steps`, titled `title`.
#[component]
pub fn FlowChart(#[prop(into)] title: String, steps: Vec<Step>) -> impl IntoView {
    let (placed, height) = layout(&steps);
    let desc = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut t = format!(
                "第{}步 {}，{}，{}",
                i + 1,
                s.name,
                s.actor,
                days_text(s.days)
            );
            if let Some(b) = &s.branch {
                t.push_str(&format!("（{b}）"));
            }
            t
        })
        .collect::<Vec<_>>()
        .join("；");
    let count = placed.len();
    let boxes = placed
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let mid = p.y + p.height / 2.0;
            let text_y = p.y + 20.0;
            let name = p
                .name
                .iter()
                .enumerate()
                .map(|(l, line)| {
                    view! {
                        <text class="app-flow__name" x=format!("{:.1}", MAIN_X + 12.0) y=format!("{:.1}", text_y + l as f64 * LINE)>{line.clone()}</text>
                    }
                })
                .collect_view();
            let detail_top = text_y + p.name.len() as f64 * LINE;
            let detail = p
                .detail
                .iter()
                .enumerate()
                .map(|(l, line)| {
                    view! {
                        <text class="app-flow__detail" x=format!("{:.1}", MAIN_X + 12.0) y=format!("{:.1}", detail_top + l as f64 * LINE)>{line.clone()}</text>
                    }
                })
                .collect_view();
            let side = (!p.side.is_empty()).then(|| {
                let top = mid - (p.side.len() as f64 * LINE + 10.0) / 2.0;
                view! {
                    <g class="app-flow__branch">
                        <line x1=format!("{:.1}", MAIN_X + MAIN_W) y1=format!("{mid:.1}") x2=format!("{:.1}", SIDE_X - 2.0) y2=format!("{mid:.1}") class="app-flow__arrow app-flow__arrow--side" marker-end="url(#app-flow-head)" />
                        <rect x=format!("{SIDE_X:.1}") y=format!("{top:.1}") width=format!("{SIDE_W:.1}") height=format!("{:.1}", p.side.len() as f64 * LINE + 10.0) rx="4" class="app-flow__side" />
                        {p.side.iter().enumerate().map(|(l, line)| view! {
                            <text class="app-flow__side-text" x=format!("{:.1}", SIDE_X + 6.0) y=format!("{:.1}", top + 18.0 + l as f64 * LINE)>{line.clone()}</text>
                        }).collect_view()}
                    </g>
                }
            });
            let arrow = (i + 1 < count).then(|| {
                let y1 = p.y + p.height;
                view! {
                    <line x1=format!("{:.1}", MAIN_X + MAIN_W / 2.0) y1=format!("{y1:.1}") x2=format!("{:.1}", MAIN_X + MAIN_W / 2.0) y2=format!("{:.1}", y1 + GAP - 3.0) class="app-flow__arrow" marker-end="url(#app-flow-head)" />
                }
            });
            view! {
                <g class="app-flow__step">
                    <rect x=format!("{MAIN_X:.1}") y=format!("{:.1}", p.y) width=format!("{MAIN_W:.1}") height=format!("{:.1}", p.height) rx="6" class="app-flow__box" />
                    <text class="app-flow__number" x=format!("{:.1}", MAIN_X + MAIN_W - 10.0) y=format!("{:.1}", p.y + 20.0) text-anchor="end">{(i + 1).to_string()}</text>
                    {name}
                    {detail}
                </g>
                {side}
                {arrow}
            }
        })
        .collect_view();
    view! {
        <figure class="app-flow">
            <figcaption class="app-flow__title">{title.clone()}</figcaption>
            <svg class="app-flow__svg" viewBox=format!("0 0 {WIDTH} {height:.1}") role="img" aria-label=format!("{title}：{desc}") xmlns="http://www.w3.org/2000/svg">
                <defs>
                    <marker id="app-flow-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="app-flow__head" />
                    </marker>
                </defs>
                {boxes}
            </svg>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_wrap_and_boxes_grow() {
        assert_eq!(wrap("一二三四五", 2), ["一二", "三四", "五"]);
        assert_eq!(wrap("窗口 · 1 个工作日", 7), ["窗口 · 1 个", "工作日"]);
        let steps = vec![
            Step {
                name: "受理".into(),
                actor: "窗口".into(),
                needs: String::new(),
                days: 0,
                branch: Some("材料不齐全：一次性告知补正".into()),
            },
            Step {
                name: "审查申请材料并组织实地核查现场情况".into(),
                actor: "出版发行处".into(),
                needs: String::new(),
                days: 8,
                branch: None,
            },
        ];
        let (placed, height) = layout(&steps);
        assert_eq!(placed[0].side.len(), 2);
        assert_eq!(placed[1].name.len(), 2);
        assert!(placed[1].y > placed[0].y + placed[0].height);
        assert!(height >= placed[1].y + placed[1].height);
        assert_eq!(days_text(0), "即时办理");
        assert_eq!(days_text(8), "8 个工作日");
    }
}
