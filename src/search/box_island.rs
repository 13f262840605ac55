//! The search box in every page's header. Without JavaScript it is a GET
//! form to /search; after hydration it suggests titles and hot words while
//! typing (ARIA combobox: arrows move, Enter chooses, Escape closes).

use crate::search::types::Suggestion;
use leptos::html;
use leptos::prelude::*;

#[island]
pub fn SearchBox(
    /// The current query (kept in the box on the results page).
    value: String,
) -> impl IntoView {
    let (items, set_items) = signal(Vec::<Suggestion>::new());
    let (open, set_open) = signal(false);
    let (active, set_active) = signal(None::<usize>);
    let typed = StoredValue::new(0u64);
    let form_ref = NodeRef::<html::Form>::new();
    let input_ref = NodeRef::<html::Input>::new();

    let fetch = move |text: String| {
        typed.update_value(|n| *n += 1);
        let mine = typed.get_value();
        set_timeout(
            move || {
                if typed.get_value() != mine {
                    return;
                }
                leptos::task::spawn_local(async move {
                    if let Ok(found) = crate::search::api::search_suggest(text).await {
                        if typed.get_value() == mine {
                            set_open.set(!found.is_empty());
                            set_items.set(found);
                            set_active.set(None);
                        }
                    }
                });
            },
            std::time::Duration::from_millis(200),
        );
    };
    let choose = move |i: usize| {
        let Some(s) = items.with_untracked(|v| v.get(i).cloned()) else {
            return;
        };
        set_open.set(false);
        match s.url {
            Some(url) => {
                if let Some(w) = window().location().set_href(&url).err() {
                    leptos::logging::warn!("{w:?}");
                }
            }
            None => {
                if let Some(input) = input_ref.get_untracked() {
                    input.set_value(&s.text);
                }
                if let Some(form) = form_ref.get_untracked() {
                    let _ = form.request_submit();
                }
            }
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = items.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                set_open.set(true);
                set_active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                set_active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Enter" => {
                if let (true, Some(i)) = (open.get_untracked(), active.get_untracked()) {
                    ev.prevent_default();
                    choose(i);
                }
            }
            "Escape" if open.get_untracked() => {
                // Close the list; only a second Escape clears the field (the browser's own behaviour).
                ev.prevent_default();
                set_open.set(false);
                set_active.set(None);
            }
            _ => {}
        }
    };
    view! {
        <form class="app-search" method="get" action="/search" role="search" aria-label="全站搜索" node_ref=form_ref>
            <label class="app-visually-hidden" for="site-search">"搜索本站"</label>
            <div class="app-search__field">
                <input
                    id="site-search"
                    class="app-search__input"
                    type="search"
                    name="q"
                    value=value
                    placeholder="搜索政策、办事、信息"
                    autocomplete="off"
                    role="combobox"
                    aria-autocomplete="list"
                    aria-controls="site-search-list"
                    aria-expanded=move || open.get().to_string()
                    aria-activedescendant=move || active.get().map(|i| format!("site-search-option-{i}"))
                    node_ref=input_ref
                    on:input=move |ev| fetch(event_target_value(&ev))
                    on:focus=move |ev| {
                        if event_target_value(&ev).is_empty() {
                            fetch(String::new());
                        }
                    }
                    on:blur=move |_| {
                        // Forget any suggestion still on its way: it must not reopen the list.
                        typed.update_value(|n| *n += 1);
                        set_open.set(false);
                    }
                    on:keydown=on_keydown
                />
                <ul id="site-search-list" class="app-search__list" role="listbox" aria-label="搜索建议" hidden=move || !open.get()>
                    {move || {
                        items
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, s)| {
                                let hot = s.url.is_none();
                                view! {
                                    <li
                                        id=format!("site-search-option-{i}")
                                        class="app-search__option"
                                        role="option"
                                        aria-selected=move || (active.get() == Some(i)).to_string()
                                        on:mousedown=move |ev| {
                                            ev.prevent_default();
                                            choose(i);
                                        }
                                    >
                                        {hot.then(|| view! { <span class="app-search__hot">"热词"</span> })}
                                        {s.text}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
            <button type="submit" class="app-search__button">"搜索"</button>
        </form>
    }
}
