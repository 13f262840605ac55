//! The one piece of a graphic that runs in the browser: stepping through
//! its stops (previous/next buttons, arrow keys, a swipe), tapping a mark to
//! see its exact value, and highlighting one series. The graphic itself is
//! the server's SVG, passed in as children and never re-rendered, so the
//! island stays small; without JavaScript the controls stay hidden and the
//! graphic, its text alternative and its table are all there.

use leptos::prelude::*;

/// Wraps a server-drawn graphic with its controls.
#[island]
pub fn GraphicViewer(
    /// What each stop (step, milestone, figure, category, row) is called.
    labels: Vec<String>,
    /// The chart's series, when there are several to pick from.
    series: Vec<String>,
    children: Children,
) -> impl IntoView {
    let stops = labels.len();
    let (current, set_current) = signal(None::<usize>);
    let (highlight, set_highlight) = signal(None::<usize>);
    let (live, set_live) = signal(false);
    let canvas = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| set_live.set(true));
    Effect::new(move |_| {
        let (cur, hi) = (current.get(), highlight.get());
        if let Some(el) = canvas.get() {
            dom::show(&el, cur, hi);
        }
    });
    let go = move |delta: i64| {
        if stops == 0 {
            return;
        }
        set_current.update(|c| {
            let last = stops as i64 - 1;
            let next = match *c {
                None if delta > 0 => 0,
                None => last,
                Some(i) => (i as i64 + delta).clamp(0, last),
            };
            *c = Some(next as usize);
        });
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let handled = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => {
                go(1);
                true
            }
            "ArrowLeft" | "ArrowUp" => {
                go(-1);
                true
            }
            "Home" => {
                set_current.set(Some(0));
                true
            }
            "End" => {
                set_current.set(stops.checked_sub(1));
                true
            }
            "Escape" => {
                set_current.set(None);
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    };
    let touch_x = StoredValue::new(None::<i32>);
    let on_touch_start = move |ev: leptos::ev::TouchEvent| {
        touch_x.set_value(dom::touch_x(&ev));
    };
    let on_touch_end = move |ev: leptos::ev::TouchEvent| {
        let end = dom::touch_x(&ev);
        if let (Some(a), Some(b)) = (touch_x.get_value(), end) {
            if (b - a).abs() > 40 {
                go(if b < a { 1 } else { -1 });
            }
        }
    };
    // A tap on a stop makes it the current one (and shows its values).
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some(i) = dom::stop_of(&ev) {
            set_current.set(Some(i));
        }
        if let Some(el) = canvas.get_untracked() {
            dom::tap(&el, &ev);
        }
    };
    let status = {
        let labels = labels.clone();
        move || match current.get() {
            None => format!(
                "共 {stops} 项。可点“下一步”、按方向键或左右滑动逐项查看，点按图形查看数值。"
            ),
            Some(i) => format!(
                "第 {} / {stops} 项：{}",
                i + 1,
                labels.get(i).cloned().unwrap_or_default()
            ),
        }
    };
    let many = series.len() > 1;
    view! {
        <div class="app-graphic__viewer" data-live=move || live.get().then_some("true") on:keydown=on_key>
            <div
                class="app-graphic__canvas"
                node_ref=canvas
                on:click=on_click
                on:touchstart=on_touch_start
                on:touchend=on_touch_end
            >
                {children()}
            </div>
            <div class="app-graphic__controls" hidden=move || !live.get()>
                <button type="button" class="app-button app-button--secondary" on:click=move |_| go(-1) disabled=move || current.get() == Some(0)>
                    "上一步"
                </button>
                <p class="app-graphic__status" aria-live="polite">{status}</p>
                <button type="button" class="app-button app-button--secondary" on:click=move |_| go(1) disabled=move || current.get() == stops.checked_sub(1)>
                    "下一步"
                </button>
            </div>
            {many.then(|| view! {
                <div class="app-graphic__series" role="group" aria-label="突出显示数据系列" hidden=move || !live.get()>
                    {series.into_iter().enumerate().map(|(i, name)| view! {
                        <button
                            type="button"
                            class="app-graphic__series-button"
                            aria-pressed=move || if highlight.get() == Some(i) { "true" } else { "false" }
                            on:click=move |_| set_highlight.update(|h| *h = if *h == Some(i) { None } else { Some(i) })
                        >
                            <span class="app-graphic__swatch" data-series=i.to_string()></span>
                            {name}
                        </button>
                    }).collect_view()}
                </div>
            })}
        </div>
    }
}

/// Reading and marking the server's SVG in the browser.
#[cfg(feature = "hydrate")]
mod dom {
    use wasm_bindgen::JsCast;

    /// Marks stop `cur` current (dimming the rest) and series `hi`
    /// highlighted.
    pub fn show(root: &web_sys::HtmlDivElement, cur: Option<usize>, hi: Option<usize>) {
        let Ok(stops) = root.query_selector_all(".app-graphic__stop") else {
            return;
        };
        for i in 0..stops.length() {
            let Some(el) = stops
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let here = el
                .get_attribute("data-stop")
                .and_then(|s| s.parse::<usize>().ok())
                == cur
                && cur.is_some();
            let _ = el.class_list().toggle_with_force("is-current", here);
        }
        if let Ok(Some(svg)) = root.query_selector("svg") {
            let _ = svg
                .class_list()
                .toggle_with_force("has-current", cur.is_some());
            let _ = match hi {
                Some(h) => svg.set_attribute("data-highlight", &h.to_string()),
                None => svg.remove_attribute("data-highlight"),
            };
        }
    }

    /// Where a touch began or ended, across the screen.
    pub fn touch_x(ev: &web_sys::TouchEvent) -> Option<i32> {
        ev.changed_touches().get(0).map(|t| t.client_x())
    }

    /// Shows the tip of the mark a click landed on (and hides any other).
    pub fn tap(root: &web_sys::HtmlDivElement, ev: &web_sys::MouseEvent) {
        let tapped = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest(".app-graphic__mark").ok().flatten());
        if let Ok(marks) = root.query_selector_all(".app-graphic__mark.is-tapped") {
            for i in 0..marks.length() {
                if let Some(el) = marks
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    let _ = el.class_list().remove_1("is-tapped");
                }
            }
        }
        if let Some(el) = tapped {
            let _ = el.class_list().add_1("is-tapped");
        }
    }

    /// The stop a click landed in.
    pub fn stop_of(ev: &web_sys::MouseEvent) -> Option<usize> {
        let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        target
            .closest(".app-graphic__stop")
            .ok()??
            .get_attribute("data-stop")?
            .parse()
            .ok()
    }
}

/// On the server there is nothing to mark: the page is drawn plain.
#[cfg(not(feature = "hydrate"))]
mod dom {
    pub fn show(_: &leptos::web_sys::HtmlDivElement, _: Option<usize>, _: Option<usize>) {}

    pub fn stop_of(_: &leptos::ev::MouseEvent) -> Option<usize> {
        None
    }

    pub fn touch_x(_: &leptos::ev::TouchEvent) -> Option<i32> {
        None
    }

    pub fn tap(_: &leptos::web_sys::HtmlDivElement, _: &leptos::ev::MouseEvent) {}
}
