//! Pagination (分页): numbered pages for lists that know their length,
//! 上一页 / 下一页 for lists read by cursor.

use leptos::prelude::*;

/// How many pages of `size` items `total` items fill (at least one).
pub fn page_count(total: i64, size: u32) -> u32 {
    let size = i64::from(size.max(1));
    u32::try_from((total.max(0) + size - 1) / size)
        .unwrap_or(u32::MAX)
        .max(1)
}

/// Builds the links of [`PageLinks`] for a list at `path` filtered by the
/// query `pairs` (kept on every page, empty ones too so the form refills).
pub fn query_href(
    path: &'static str,
    pairs: Vec<(&'static str, String)>,
) -> std::sync::Arc<dyn Fn(u32) -> String + Send + Sync> {
    std::sync::Arc::new(move |page: u32| {
        let mut href = format!("{path}?");
        for (name, value) in &pairs {
            href.push_str(name);
            href.push('=');
            href.push_str(&crate::ui::url::encode(value));
            href.push('&');
        }
        href.push_str(&format!("page={page}"));
        href
    })
}

/// Numbered pages: 上一页, the first page, two either side of this one,
/// the last page, 下一页. `href` builds each link (keeping the view's filters).
#[component]
pub fn PageLinks(
    page: u32,
    pages: u32,
    href: std::sync::Arc<dyn Fn(u32) -> String + Send + Sync>,
) -> impl IntoView {
    let first = page.saturating_sub(2).max(1);
    let last = (page + 2).min(pages);
    (pages > 1).then(move || {
        let h = href.clone();
        view! {
            <nav class="app-pagination" aria-label="分页">
                <ul class="app-pagination__list">
                    {(page > 1).then(|| view! {
                        <li class="app-pagination__item">
                            <a class="app-pagination__link" href=h(page - 1) rel="prev">"上一页"</a>
                        </li>
                    })}
                    {(first > 1).then(|| view! {
                        <li class="app-pagination__item">
                            <a class="app-pagination__link" href=h(1) aria-label="第1页">"1"</a>
                        </li>
                    })}
                    {(first..=last)
                        .map(|p| {
                            let current = p == page;
                            view! {
                                <li class="app-pagination__item">
                                    <a
                                        class="app-pagination__link"
                                        href=h(p)
                                        aria-current=current.then_some("page")
                                        aria-label=format!("第{p}页")
                                    >
                                        {p.to_string()}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                    {(last < pages).then(|| view! {
                        <li class="app-pagination__item">
                            <a class="app-pagination__link" href=h(pages) aria-label=format!("第{pages}页（末页）")>{pages.to_string()}</a>
                        </li>
                    })}
                    {(page < pages).then(|| view! {
                        <li class="app-pagination__item">
                            <a class="app-pagination__link" href=h(page + 1) rel="next">"下一页"</a>
                        </li>
                    })}
                </ul>
            </nav>
        }
    })
}

/// 上一页 / 下一页 by cursor.
#[component]
pub fn CursorLinks(
    prev: Option<String>,
    next: Option<String>,
    /// Where the reader is, between the two links (e.g. 第 2 / 5 页).
    #[prop(optional)]
    position: Option<String>,
) -> impl IntoView {
    (prev.is_some() || next.is_some()).then(|| {
        view! {
            <nav class="app-pagination" aria-label="分页">
                <ul class="app-pagination__list">
                    {prev.map(|href| view! {
                        <li class="app-pagination__item">
                            <a class="app-pagination__link" href=href rel="prev">"上一页"</a>
                        </li>
                    })}
                    {position.map(|p| view! {
                        <li class="app-pagination__item">
                            <span class="app-pagination__link" aria-current="page">{p}</span>
                        </li>
                    })}
                    {next.map(|href| view! {
                        <li class="app-pagination__item">
                            <a class="app-pagination__link" href=href rel="next">"下一页"</a>
                        </li>
                    })}
                </ul>
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn pages_round_up_and_never_fall_to_none() {
        use super::page_count;
        assert_eq!(page_count(0, 50), 1);
        assert_eq!(page_count(50, 50), 1);
        assert_eq!(page_count(51, 50), 2);
        assert_eq!(page_count(10_000, 50), 200);
        assert_eq!(page_count(-3, 20), 1);
    }
}
