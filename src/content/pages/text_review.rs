//! The review panel the texts staff keep outside articles share (topics,
//! text pages): the text waiting, as the public will see it, and — for a
//! reviewer who did not write it — the form that approves or returns it.

use crate::server::forms::submitted;
use crate::ui::forms::{error_for, TextArea};
use leptos::prelude::*;

/// The text waiting for review.
pub struct Waiting<'a> {
    pub title: &'a str,
    /// A topic's summary (text pages have none).
    pub summary: Option<&'a str>,
    pub body_md: &'a str,
    /// The text's fingerprint, which the form sends back.
    pub seen: String,
    /// Whether the signed-in user wrote it.
    pub own: bool,
}

/// The panel for `waiting`, whose forms post to `action`.
pub fn review_panel(waiting: Waiting<'_>, reviewer: bool, action: &str) -> impl IntoView {
    let sub = submitted();
    let errors = sub.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let form = (reviewer && !waiting.own).then(|| {
        let opinion = sub.as_ref().map(|s| s.value("opinion")).unwrap_or_default();
        view! {
            <form class="app-form" method="post" action=action.to_owned()>
                <input type="hidden" name="seen" value=waiting.seen.clone() />
                <TextArea name="opinion" label="审核意见" value=opinion rows=3 hint="如 经保密审查，同意公开" error=error_for(&errors, "opinion") />
                <div class="app-form__actions">
                    <button type="submit" class="app-button" name="action" value="approve">"同意发布"</button>
                    <button type="submit" class="app-button app-button--secondary" name="action" value="return">"退回修改"</button>
                </div>
            </form>
        }
    });
    view! {
        <section class="app-panel" aria-labelledby="pending-title">
            <h2 class="app-panel__title" id="pending-title">"待审核的内容（公众将看到的样子）"</h2>
            <h3>{waiting.title.to_owned()}</h3>
            {waiting.summary.map(|s| view! { <p>{s.to_owned()}</p> })}
            <div class="app-prose" inner_html=crate::content::markdown::render(waiting.body_md)></div>
            {(reviewer && waiting.own).then(|| view! { <p>"这是你撰写的内容，需由其他审核人员审核。"</p> })}
            {form}
        </section>
    }
}
