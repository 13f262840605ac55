//! 长辈版 (the elder-friendly view): larger text and high contrast.
//!
//! The choice lives in a cookie so the server renders every later page right
//! from the first byte (no flash of the small text). Without JavaScript the
//! switch is a form that posts to `/prefs/elder`; after hydration the island
//! flips the page at once and writes the cookie itself.

use leptos::prelude::*;

/// The cookie's name.
pub const COOKIE: &str = "gk_elder";
/// The class on `<html>` that the stylesheet keys the larger, high-contrast look on.
pub const HTML_CLASS: &str = "app-elder";

/// The switch in the header.
#[island]
pub fn ElderToggle(
    /// Whether the page was rendered in the elder-friendly view.
    on: bool,
    /// Where the no-JavaScript form returns to.
    return_to: String,
    /// The switch's words (a site setting), e.g. 长辈版.
    label: String,
) -> impl IntoView {
    let (on, set_on) = signal(on);
    // Effects run only in the browser: the attribute tells tests (and CSS, if
    // it ever needs to) that the switch is live.
    let (live, set_live) = signal(false);
    Effect::new(move |_| set_live.set(true));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let next = !on.get_untracked();
        set_on.set(next);
        apply(next);
    };
    view! {
        <form
            class="app-elder-switch"
            method="post"
            action="/prefs/elder"
            on:submit=submit
            data-live=move || live.get().then_some("true")
        >
            <input type="hidden" name="on" value=move || if on.get() { "0" } else { "1" } />
            <input type="hidden" name="return_to" value=return_to />
            <button type="submit" class="app-elder-switch__button" aria-pressed=move || on.get().to_string()>
                {move || if on.get() { format!("退出{label}") } else { label.clone() }}
            </button>
        </form>
    }
}

/// Flips the page's look and remembers the choice for a year.
#[cfg(feature = "hydrate")]
fn apply(on: bool) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.class_list().toggle_with_force(HTML_CLASS, on);
    }
    if let Ok(html) = document.dyn_into::<web_sys::HtmlDocument>() {
        let value = if on { "1" } else { "0" };
        let _ = html.set_cookie(&format!(
            "{COOKIE}={value}; Path=/; Max-Age=31536000; SameSite=Lax"
        ));
    }
}

#[cfg(not(feature = "hydrate"))]
fn apply(_on: bool) {}
