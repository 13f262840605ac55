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
    // The buttons stay focusable at either end (aria-disabled, not
    // disabled), so a keyboard user's focus never drops out of the graphic.
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
                <button type="button" class="app-button app-button--secondary" on:click=move |_| go(-1) aria-disabled=move || (current.get() == Some(0)).then_some("true")>
                    "上一步"
                </button>
                <p class="app-graphic__status" aria-live="polite">{status}</p>
                <button type="button" class="app-button app-button--secondary" on:click=move |_| go(1) aria-disabled=move || (current.get() == stops.checked_sub(1)).then_some("true")>
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

/// The editor's live preview: as staff type, the form's fields go to the
/// server (after a pause) and come back drawn, or as the list of problems.
/// Without JavaScript the 预览 button does the same with a full post.
#[island]
pub fn LivePreview(
    /// The graphic as last drawn on the server (empty when it has problems).
    svg: String,
    /// The problems found with it.
    problems: Vec<String>,
    children: Children,
) -> impl IntoView {
    let (svg, set_svg) = signal(svg);
    let (problems, set_problems) = signal(problems);
    let typed = StoredValue::new(0u64);
    let form = NodeRef::<leptos::html::Div>::new();
    let changed = move |_: leptos::ev::Event| {
        typed.update_value(|n| *n += 1);
        let mine = typed.get_value();
        set_timeout(
            move || {
                if typed.get_value() != mine {
                    return;
                }
                let Some(el) = form.get_untracked() else {
                    return;
                };
                let Ok(fields) = serde_json::to_string(&dom::fields(&el)) else {
                    return;
                };
                leptos::task::spawn_local(async move {
                    match crate::graphics::api::preview_graphic(fields).await {
                        Ok(drawn) => {
                            set_svg.set(drawn);
                            set_problems.set(Vec::new());
                        }
                        Err(crate::error::AppError::Validation(errors)) => {
                            set_problems.set(errors.into_iter().map(|e| e.message).collect())
                        }
                        Err(e) => set_problems.set(vec![e.to_string()]),
                    }
                });
            },
            std::time::Duration::from_millis(500),
        );
    };
    view! {
        <div class="app-graphic-editor">
            <div class="app-graphic-editor__form" node_ref=form on:input=changed on:change=changed>
                {children()}
            </div>
            <section class="app-graphic-editor__preview" aria-labelledby="graphic-preview-title">
                <h2 id="graphic-preview-title" class="app-section-title">"预览"</h2>
                <div class="app-graphic__frame" inner_html=move || svg.get()></div>
                <ul class="app-graphic-editor__problems" aria-live="polite">
                    {move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ul>
            </section>
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

    /// Every named field of the editor's form, as (name, value).
    pub fn fields(root: &web_sys::HtmlDivElement) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let Ok(list) = root.query_selector_all("input[name], textarea[name], select[name]") else {
            return out;
        };
        for i in 0..list.length() {
            let Some(node) = list.item(i) else { continue };
            let pair = if let Some(el) = node.dyn_ref::<web_sys::HtmlInputElement>() {
                (el.type_() != "submit").then(|| (el.name(), el.value()))
            } else if let Some(el) = node.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                Some((el.name(), el.value()))
            } else {
                node.dyn_ref::<web_sys::HtmlSelectElement>()
                    .map(|el| (el.name(), el.value()))
            };
            out.extend(pair);
        }
        out
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

    pub fn fields(_: &leptos::web_sys::HtmlDivElement) -> Vec<(String, String)> {
        Vec::new()
    }
}
