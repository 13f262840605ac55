//! `/search` and the hot-word lists.

use crate::error::AppError;
use crate::search::api::search;
use crate::search::types::{kinds, SearchQuery};
use crate::ui::pagination::PageLinks;
use crate::ui::{
    error_page::{awaited, error_view},
    format::date_zh,
    forms::{error_for, ErrorSummary, Select},
    layout::PageMeta,
    url::query,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Hot words as links to their searches.
#[component]
pub fn HotWords(words: Vec<String>, #[prop(optional)] label: &'static str) -> impl IntoView {
    (!words.is_empty()).then(|| {
        view! {
            <p class="app-hotwords">
                <span class="app-hotwords__label">{if label.is_empty() { "热词：" } else { label }}</span>
                {words
                    .into_iter()
                    .map(|w| {
                        let href = format!("/search{}", query(&[("q", &w)]));
                        view! { <a class="app-hotwords__word" href=href>{w}</a> }
                    })
                    .collect_view()}
            </p>
        }
    })
}

/// `/search?q=…&kind=…&year=…&sort=…&page=…`
#[component]
pub fn SearchPage() -> impl IntoView {
    let map = use_query_map();
    let get = |k: &str| map.with_untracked(|m| m.get(k)).filter(|v| !v.is_empty());
    let sq = SearchQuery {
        q: get("q").unwrap_or_default(),
        kind: get("kind"),
        year: get("year"),
        sort: get("sort"),
        page: get("page").and_then(|p| p.parse().ok()),
    };
    view! {
        {awaited(async move {
                    let result = search(sq.clone()).await;
                    let (results, errors) = match result {
                        Ok(r) => (Some(r), Vec::new()),
                        Err(AppError::Validation(e)) => {
                            crate::server::context::set_status(400);
                            (None, e)
                        }
                        Err(e) => return error_view(e),
                    };
                    let q = sq.q.trim().to_owned();
                    let title = if q.is_empty() { "搜索".to_owned() } else { format!("搜索：{q}") };
                    let page_title = if errors.is_empty() { title.clone() } else { format!("错误：{title}") };
                    let kinds: Vec<(String, String)> = std::iter::once((String::new(), "全部".to_owned()))
                        .chain(kinds().map(|(k, l)| (k.to_owned(), l.to_owned())))
                        .collect();
                    let this_year = crate::server::context::state().map(|s| chrono::Datelike::year(&s.today())).unwrap_or(2026);
                    let years: Vec<(String, String)> = std::iter::once((String::new(), "全部".to_owned()))
                        .chain((2016..=this_year).rev().map(|y| (y.to_string(), format!("{y}年"))))
                        .collect();
                    let sorts = vec![("".to_owned(), "按相关度".to_owned()), ("date".to_owned(), "按日期".to_owned())];
                    let link = {
                        let sq = sq.clone();
                        move |page: u32| {
                            let page = page.to_string();
                            format!("/search{}", query(&[
                                ("q", &sq.q),
                                ("kind", sq.kind.as_deref().unwrap_or_default()),
                                ("year", sq.year.as_deref().unwrap_or_default()),
                                ("sort", sq.sort.as_deref().unwrap_or_default()),
                                ("page", if page == "1" { "" } else { &page }),
                            ]))
                        }
                    };
                    view! {
                        <PageMeta title=page_title description="搜索本站的政策文件、解读、新闻和通知。" />
                        <h1 class="app-page-title">{title}</h1>
                        <ErrorSummary errors=errors.clone() />
                        <form class="app-filters" method="get" action="/search">
                            <div class="app-field">
                                <label class="app-field__label" for="search-q">"搜索词"</label>
                                <input class="app-field__input" id="search-q" type="search" name="q" value=sq.q.clone() />
                            </div>
                            <Select name="kind" label="类别" options=kinds selected=sq.kind.clone().unwrap_or_default() error=error_for(&errors, "kind") />
                            <Select name="year" label="年份" options=years selected=sq.year.clone().unwrap_or_default() error=error_for(&errors, "year") />
                            <Select name="sort" label="排序" options=sorts selected=sq.sort.clone().unwrap_or_default() />
                            <div class="app-filters__actions"><button type="submit" class="app-button">"搜索"</button></div>
                        </form>
                        {results.map(|r| {
                            if q.is_empty() {
                                view! {
                                    <p class="app-page-lede">"请输入要搜索的词语，例如政策名称、文号或事项名称。"</p>
                                    <HotWords words=r.hot.clone() label="大家都在搜：" />
                                }.into_any()
                            } else if r.total == 0 {
                                view! {
                                    <p class="app-page-lede" role="status">{format!("没有找到与“{q}”相关的信息。")}</p>
                                    <p>"建议：检查错别字，换一个更常用的词，或减少筛选条件。"</p>
                                    <HotWords words=r.hot.clone() label="试试这些热词：" />
                                }.into_any()
                            } else {
                                let (page, pages) = (r.page, r.pages);
                                view! {
                                    <p class="app-page-lede" role="status">{format!("找到 {} 条结果", crate::search::types::count_zh(r.total, r.approximate))}</p>
                                    <ol class="app-results" start=((page - 1) * crate::search::api::PER_PAGE + 1).to_string()>
                                        {r.hits.into_iter().map(|h| view! {
                                            <li class="app-results__item">
                                                <a class="app-results__title" href=h.url.clone() inner_html=h.title_html></a>
                                                <p class="app-results__snippet" inner_html=h.snippet_html></p>
                                                <p class="app-results__meta">
                                                    <span class="app-tag">{h.kind}</span>
                                                    <time datetime=h.published_on.clone()>{date_zh(&h.published_on)}</time>
                                                </p>
                                            </li>
                                        }).collect_view()}
                                    </ol>
                                    <PageLinks page pages href=std::sync::Arc::new(link) />
                                }.into_any()
                            }
                        })}
                    }
                    .into_any()
                })}
    }
}

/// `/staff/search`: the words staff pin as hot, and the words never shown.
/// Administrators only.
#[component]
pub fn HotWordsAdminPage() -> impl IntoView {
    use crate::account::types::Role;
    if let Err(view) = crate::account::pages::guard(Role::Admin) {
        return view;
    }
    let sub = crate::server::forms::submitted().unwrap_or_default();
    let errors = sub.errors.clone();
    view! {
        <PageMeta title="热词管理" description="搜索热词管理" />
        <h1 class="app-page-title">"热词管理"</h1>
        <p class="app-page-lede">{format!("热词来自近30天的搜索：一个词只有被至少{}个不同的访问者搜索过才会进入候选（只保存访问者的加密摘要，不保存地址）。置顶词总是排在前面，屏蔽词及包含屏蔽词的搜索不会显示。", crate::search::db::hot::MIN_CLIENTS)}</p>
        <ErrorSummary errors=errors />
        {awaited(async move {
                use crate::search::db::hot::{self, Mode};
                let Ok(state) = crate::server::context::state() else { return error_view(AppError::Internal) };
                let now = crate::ui::format::now();
                let loaded = async {
                    Ok::<_, sqlx::Error>((
                        hot::lists(&state.db).await?,
                        hot::mode(&state.db).await?,
                        hot::candidates(&state.db, now).await?,
                        hot::approved_words(&state.db).await?,
                    ))
                };
                let ((pinned, blocked), mode, candidates, approved) = match loaded.await {
                    Ok(l) => l,
                    Err(e) => return error_view(AppError::from(e)),
                };
                let list = |title: &'static str, words: Vec<String>| view! {
                    <section class="app-panel" aria-label=title>
                        <h2 class="app-panel__title">{title}</h2>
                        {if words.is_empty() { view! { <p class="app-list__empty">"暂无"</p> }.into_any() } else { view! {
                            <ul class="app-list">
                                {words.into_iter().map(|w| view! {
                                    <li class="app-list__item">
                                        <span>{w.clone()}</span>
                                        <form method="post" action="/staff/search">
                                            <input type="hidden" name="word" value=w.clone() />
                                            <button type="submit" class="app-button app-button--secondary" name="action" value="remove">{format!("移除“{w}”")}</button>
                                        </form>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any() }}
                    </section>
                };
                view! {
                    <p>{format!("当前显示的热词：{}", state.hot_words().join("、"))}</p>
                    <form class="app-form" method="post" action="/staff/search">
                        <fieldset class="app-fieldset">
                            <legend class="app-fieldset__legend">"新词的显示方式"</legend>
                            {Mode::ALL.into_iter().map(|m| {
                                let id = format!("mode-{}", m.slug());
                                view! {
                                    <div class="app-field--checkbox">
                                        <input type="radio" id=id.clone() name="mode" value=m.slug() checked=m == mode />
                                        <label for=id>{m.label()}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </fieldset>
                        <button type="submit" class="app-button app-button--secondary" name="action" value="mode">"保存显示方式"</button>
                    </form>
                    <section class="app-panel" aria-labelledby="candidates">
                        <h2 class="app-panel__title" id="candidates">"待批准的新词"</h2>
                        {if candidates.is_empty() { view! { <p class="app-list__empty">"暂无"</p> }.into_any() } else { view! {
                            <ul class="app-list">
                                {candidates.into_iter().map(|(w, n)| view! {
                                    <li class="app-list__item">
                                        <span>{format!("{w}（{n}个访问者）")}</span>
                                        <form method="post" action="/staff/search">
                                            <input type="hidden" name="word" value=w.clone() />
                                            <button type="submit" class="app-button app-button--secondary" name="action" value="approve">{format!("批准“{w}”")}</button>
                                            <button type="submit" class="app-button app-button--warning" name="action" value="block">{format!("屏蔽“{w}”")}</button>
                                        </form>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any() }}
                    </section>
                    {list("置顶词", pinned)}
                    {list("已批准的词", approved)}
                    {list("屏蔽词", blocked)}
                    <form class="app-form" method="post" action="/staff/search">
                        <crate::ui::forms::TextInput name="word" label="词语" value=sub.value("word") error=error_for(&sub.errors, "word") />
                        <div class="app-form__actions">
                            <button type="submit" class="app-button" name="action" value="pin">"置顶"</button>
                            <button type="submit" class="app-button app-button--warning" name="action" value="block">"屏蔽"</button>
                        </div>
                    </form>
                }.into_any()
            })}
    }
    .into_any()
}

/// Counts each search page answered with results' first page, whether it
/// was drawn or came from the page cache, for the hot words: the query, the
/// time and the client's keyed hash go to the query log's buffer.
#[cfg(feature = "ssr")]
pub async fn count_searches(
    axum::extract::State(state): axum::extract::State<crate::server::state::AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let counted = (req.method() == axum::http::Method::GET && req.uri().path() == "/search")
        .then(|| {
            let uri = req.uri();
            let q = crate::ui::url::query_value(uri, "q")?;
            let page = crate::ui::url::query_value(uri, "page");
            let first = page.as_deref().is_none_or(|p| p.is_empty() || p == "1");
            (first && !q.trim().is_empty()).then(|| {
                let client =
                    crate::server::limit::client_of(&state, req.headers(), req.extensions());
                (
                    q,
                    crate::search::db::hot::client_hash(&state.search_key, &client),
                )
            })
        })
        .flatten();
    let res = next.run(req).await;
    if let Some((q, client)) = counted {
        if res.status().is_success() {
            state.search_log.push(&q, &client, crate::ui::format::now());
        }
    }
    res
}
