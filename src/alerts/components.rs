//! The emergency notice at the top of every page.

use super::types::{Alert, Level};
use leptos::prelude::*;

/// `alert` above the page's header: plain HTML (seen without JavaScript
/// and in print), its grade in words, and `role="alert"` so a screen
/// reader announces it.
#[component]
pub fn AlertBanner(alert: Alert) -> impl IntoView {
    let modifier = match alert.level {
        Level::One => "app-alert app-alert--1",
        Level::Two => "app-alert app-alert--2",
        Level::Three => "app-alert app-alert--3",
        Level::Four => "app-alert app-alert--4",
    };
    let link = (!alert.link.is_empty()).then(|| {
        view! { <a class="app-alert__link" href=alert.link.clone()>"查看详情"</a> }
    });
    view! {
        <section class=modifier aria-label="紧急公告">
            <div class="app-alert__inner app-width" role="alert">
                <p class="app-alert__level">{format!("紧急公告 · {}", alert.level.label())}</p>
                <p class="app-alert__title">{alert.title.clone()}</p>
                <p class="app-alert__body">{alert.body.clone()}</p>
                <p class="app-alert__meta">
                    {format!("发布于 {}", crate::ui::format::datetime_zh(alert.reviewed_at.unwrap_or(alert.starts_at).max(alert.starts_at)))}
                    {link}
                </p>
            </div>
        </section>
    }
}
