//! The editor's body field with live preview: the one part of the editor
//! that needs the browser. Without JavaScript it is a plain textarea and a
//! preview of the last submitted text (the 预览 button); after hydration it
//! previews as you type (side by side from 900 px, tabs on phones), warns
//! before leaving with unsaved changes, autosaves the draft, and turns what
//! is pasted from Word, WPS or a web page into the body format.

use crate::content::editorial::format::Format;
use leptos::prelude::*;

/// Seconds between autosaves of a changed draft.
pub const AUTOSAVE_SECONDS: u64 = 30;

#[island]
pub fn BodyEditor(
    /// The Markdown body as entered.
    value: String,
    /// A validation message for the body.
    error: Option<String>,
    /// The body rendered on the server.
    preview_html: String,
    /// The item's id; None for an item not yet saved (it autosaves after its first save).
    article_id: Option<i64>,
) -> impl IntoView {
    let (preview, set_preview) = signal(preview_html);
    let (tab, set_tab) = signal("source");
    let (live, set_live) = signal(false);
    let (status, set_status) = signal(String::new());
    let typed = StoredValue::new(0u64);
    Effect::new(move |_| {
        set_live.set(true);
        browser::watch_form(article_id, set_status);
    });
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        typed.update_value(|n| *n += 1);
        let mine = typed.get_value();
        set_timeout(
            move || {
                if typed.get_value() == mine {
                    leptos::task::spawn_local(async move {
                        match crate::content::editorial::api::preview_markdown(text).await {
                            Ok(html) => set_preview.set(html),
                            Err(e) => set_status.set(format!("预览失败：{e}")),
                        }
                    });
                }
            },
            std::time::Duration::from_millis(400),
        );
    };
    let has_error = error.is_some();
    view! {
        <div class="app-editor" data-live=move || live.get().then_some("true") data-tab=move || tab.get()>
            <div class="app-editor__tabs" role="tablist" aria-label="正文编辑与预览">
                <button type="button" role="tab" class="app-editor__tab" aria-selected=move || (tab.get() == "source").to_string() on:click=move |_| set_tab.set("source")>
                    "编辑"
                </button>
                <button type="button" role="tab" class="app-editor__tab" aria-selected=move || (tab.get() == "preview").to_string() on:click=move |_| set_tab.set("preview")>
                    "预览"
                </button>
            </div>
            <div class="app-editor__panes">
                <div class=if has_error { "app-field app-field--error app-editor__source" } else { "app-field app-editor__source" }>
                    <label class="app-field__label" for="body_md">"正文"</label>
                    <p class="app-field__hint" id="body_md-hint">"可用上方按钮设置格式；从 Word/WPS 或网页粘贴时保留标题、加粗、列表和表格；也可从 Word/WPS 导入。格式写法：## 二级标题、**加粗**、| 表格 |、![图片说明](地址)"</p>
                    {error.map(|e| view! {
                        <p class="app-field__error" id="body_md-error"><span class="app-visually-hidden">"错误："</span>{e}</p>
                    })}
                    // Works only with JavaScript: hidden until hydrated.
                    <div class="app-editor__toolbar" role="group" aria-label="正文格式" hidden=move || !live.get()>
                        {Format::ALL.iter().map(|f| {
                            let f = *f;
                            view! {
                                <button type="button" class="app-editor__tool" title=f.description() on:click=move |_| browser::format(f)>
                                    {f.label()}
                                </button>
                            }
                        }).collect_view()}
                    </div>
                    <textarea
                        class="app-field__textarea app-editor__textarea"
                        id="body_md"
                        name="body_md"
                        rows="18"
                        aria-describedby=if has_error { "body_md-hint body_md-error" } else { "body_md-hint" }
                        on:input=on_input
                        on:paste=move |ev| browser::paste(ev, set_status)
                    >
                        {value}
                    </textarea>
                </div>
                <section class="app-editor__preview" aria-labelledby="preview-title">
                    <h2 class="app-editor__preview-title" id="preview-title">"预览"</h2>
                    <div class="app-prose" aria-live="polite" inner_html=move || preview.get()></div>
                </section>
            </div>
            <p class="app-editor__status" role="status">{move || status.get()}</p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use crate::content::editorial::types::ArticleForm;
    use leptos::prelude::*;
    use std::{cell::Cell, rc::Rc};
    use wasm_bindgen::{closure::Closure, JsCast};

    const FIELDS: &[&str] = &[
        "kind",
        "subtype",
        "title",
        "summary",
        "body_md",
        "publisher",
        "doc_no",
        "written_on",
        "topic",
        "validity",
        "replaced_by",
        "disclosure",
        "withheld_reason",
        "concern_on",
        "explains",
        "closes_on",
        "short_reason",
        "explanation_md",
        "comment_address",
        "comment_email",
        "decision_doc",
        "feedback_md",
        "note",
    ];

    /// A toolbar button: formats the body's selection, keeps the cursor in
    /// the body, and tells the preview and the autosave (an input event).
    pub fn format(format: super::Format) {
        let Some(area) = body_area() else {
            return;
        };
        let text = area.value();
        let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
        let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
        let (out, a, b) = crate::content::editorial::format::apply(format, &text, start, end);
        area.set_value(&out);
        let _ = area.focus();
        let _ = area.set_selection_range(a as u32, b as u32);
        changed(&area);
    }

    /// A paste that carries HTML (Word, WPS, a web page) is converted on
    /// the server and put in place of the selection; plain text pastes as
    /// the browser does. If the conversion fails, the plain text goes in.
    pub fn paste(ev: web_sys::ClipboardEvent, set_status: WriteSignal<String>) {
        let Some(data) = ev.clipboard_data() else {
            return;
        };
        let html = data.get_data("text/html").unwrap_or_default();
        if html.trim().is_empty() {
            return;
        }
        let Some(area) = body_area() else { return };
        ev.prevent_default();
        let plain = data.get_data("text/plain").unwrap_or_default();
        let before = area.value();
        let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
        let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
        let html = fragment(&html);
        if html.len() > crate::content::editorial::types::PASTE_MAX_BYTES {
            // Too much to convert: the plain text goes in.
            set_status.set(
                "粘贴的内容过大，已按纯文本粘贴；保留格式请分几次粘贴，或改用“从 Word/WPS 导入”。"
                    .into(),
            );
            put(&area, start, end, &plain, false);
            return;
        }
        set_status.set("正在转换粘贴的内容……".into());
        leptos::task::spawn_local(async move {
            let (text, converted, message) =
                match crate::content::editorial::api::paste_html(html).await {
                    Ok(p) if !p.body_md.trim().is_empty() => {
                        let mut message = String::from(
                        "已粘贴，标题、加粗、列表、表格和链接已转换为正文格式，请在预览中核对。",
                    );
                        for note in &p.notes {
                            message.push(' ');
                            message.push_str(note);
                        }
                        (p.body_md, true, message)
                    }
                    Ok(_) => (
                        plain,
                        false,
                        "粘贴的内容没有可转换的格式，已按纯文本粘贴。".into(),
                    ),
                    Err(e) => (
                        plain,
                        false,
                        format!("未能转换粘贴内容的格式（{e}），已按纯文本粘贴。"),
                    ),
                };
            // Typing since the paste moved the cursor: insert where it is now.
            let (start, end) = if area.value() == before {
                (start, end)
            } else {
                (
                    area.selection_start().ok().flatten().unwrap_or(0) as usize,
                    area.selection_end().ok().flatten().unwrap_or(0) as usize,
                )
            };
            put(&area, start, end, &text, converted);
            set_status.set(message);
        });
    }

    /// Puts what a paste became in place of `start..end`: converted body
    /// text as blocks, plain text as it is; the cursor after it.
    fn put(
        area: &web_sys::HtmlTextAreaElement,
        start: usize,
        end: usize,
        text: &str,
        converted: bool,
    ) {
        use crate::content::editorial::format::{paste, paste_plain};
        let place = if converted { paste } else { paste_plain };
        let (out, cursor) = place(&area.value(), start, end, text);
        area.set_value(&out);
        let _ = area.focus();
        let _ = area.set_selection_range(cursor as u32, cursor as u32);
        changed(area);
    }

    /// Word's clipboard HTML without its head (styles run to tens of KB):
    /// the part between its fragment markers, when it has them; and no
    /// character the server refuses in a form.
    fn fragment(html: &str) -> String {
        let start = html
            .find("<!--StartFragment-->")
            .map(|i| i + "<!--StartFragment-->".len());
        let end = html.find("<!--EndFragment-->");
        let part = match (start, end) {
            (Some(s), Some(e)) if s <= e => &html[s..e],
            _ => html,
        };
        part.chars()
            .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
            .collect()
    }

    fn body_area() -> Option<web_sys::HtmlTextAreaElement> {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("body_md"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    }

    /// Tells the preview and the autosave that the body changed.
    fn changed(area: &web_sys::HtmlTextAreaElement) {
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        if let Ok(ev) = web_sys::Event::new_with_event_init_dict("input", &init) {
            let _ = area.dispatch_event(&ev);
        }
    }

    fn form_snapshot(form: &web_sys::HtmlFormElement) -> Option<ArticleForm> {
        let data = web_sys::FormData::new_with_form(form).ok()?;
        let get = |k: &str| data.get(k).as_string().unwrap_or_default();
        let mut map = serde_json::Map::new();
        for f in FIELDS {
            map.insert((*f).to_owned(), serde_json::Value::String(get(f)));
        }
        for flag in ["needs_interpretation", "anonymous_ok", "comments_public"] {
            map.insert(flag.into(), serde_json::Value::Bool(data.has(flag)));
        }
        serde_json::from_value(serde_json::Value::Object(map)).ok()
    }

    /// Marks the form dirty on input, clean on submit; warns before leaving
    /// with unsaved changes; autosaves an existing item's draft.
    pub fn watch_form(article_id: Option<i64>, set_status: WriteSignal<String>) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(form) = document
            .get_element_by_id("body_md")
            .and_then(|t| t.closest("form").ok().flatten())
            .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        let dirty = Rc::new(Cell::new(false));
        let on_input = {
            let dirty = dirty.clone();
            Closure::<dyn Fn()>::new(move || dirty.set(true))
        };
        let on_submit = {
            let dirty = dirty.clone();
            Closure::<dyn Fn()>::new(move || dirty.set(false))
        };
        let _ = form.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
        let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        on_input.forget();
        on_submit.forget();
        let on_leave = {
            let dirty = dirty.clone();
            Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(
                move |ev: web_sys::BeforeUnloadEvent| {
                    if dirty.get() {
                        ev.prevent_default();
                        ev.set_return_value("您有尚未保存的修改，确定要离开吗？");
                    }
                },
            )
        };
        if let Some(window) = web_sys::window() {
            let _ = window.add_event_listener_with_callback(
                "beforeunload",
                on_leave.as_ref().unchecked_ref(),
            );
        }
        on_leave.forget();
        let Some(id) = article_id else { return };
        let saving = Rc::new(Cell::new(false));
        set_interval(
            move || {
                if !dirty.get() || saving.get() {
                    return;
                }
                let Some(snapshot) = form_snapshot(&form) else {
                    return;
                };
                saving.set(true);
                dirty.set(false);
                let (dirty, saving) = (dirty.clone(), saving.clone());
                leptos::task::spawn_local(async move {
                    match crate::content::editorial::api::autosave_article(id, snapshot).await {
                        Ok(message) => set_status.set(message),
                        Err(e) => {
                            dirty.set(true);
                            set_status.set(format!("自动保存未成功：{e}"));
                        }
                    }
                    saving.set(false);
                });
            },
            std::time::Duration::from_secs(super::AUTOSAVE_SECONDS),
        );
    }
}

#[cfg(not(feature = "hydrate"))]
mod browser {
    use leptos::prelude::WriteSignal;

    pub fn watch_form(_article_id: Option<i64>, _set_status: WriteSignal<String>) {}

    pub fn format(_format: super::Format) {}

    pub fn paste(_ev: leptos::ev::ClipboardEvent, _set_status: WriteSignal<String>) {}
}
