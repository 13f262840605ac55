//! 图解 pages: the list, one graphic, and the figure every page embeds.

use crate::graphics::api::{get_graphic, list_graphics};
use crate::graphics::island::GraphicViewer;
use crate::graphics::types::{kind_label, GraphicView, Spec};
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{
    error_page::{awaited, error_view, loaded},
    layout::PageMeta,
};
use leptos::prelude::*;

/// A stored graphic with its controls, caption, data table and downloads.
#[component]
pub fn GraphicFigure(g: GraphicView, #[prop(default = 2)] level: u8) -> impl IntoView {
    let id = g.id;
    let links = vec![
        (
            format!("/graphics/{id}/share.png"),
            "下载图片（PNG，适合微信分享）".to_owned(),
        ),
        (
            format!("/graphics/{id}/graphic.svg"),
            "下载矢量图（SVG）".to_owned(),
        ),
    ];
    view! { <Figure spec=g.spec dom_id=format!("graphic-{id}") links level page=format!("/graphics/{id}") /> }
}

/// Any graphic, drawn here on the server, with its controls (an island),
/// caption, data table and `links` (downloads, as (href, text)); `page` is
/// its own page, if it has one.
#[component]
pub fn Figure(
    spec: Spec,
    dom_id: String,
    #[prop(default = Vec::new())] links: Vec<(String, String)>,
    #[prop(default = 2)] level: u8,
    #[prop(optional)] page: Option<String>,
) -> impl IntoView {
    let svg = crate::graphics::svg::render(&spec, &dom_id);
    let (head, rows) = spec.table();
    let labels = spec.stop_labels();
    let series = spec.series_names();
    let title = spec.title.trim().to_owned();
    // Level 0: the page's own heading already names it.
    let heading = match level {
        2 => Some(view! { <h2 class="app-graphic__title">{title.clone()}</h2> }.into_any()),
        3 => Some(view! { <h3 class="app-graphic__title">{title.clone()}</h3> }.into_any()),
        _ => None,
    };
    // The caption is the figure's last child (HTML allows it only first or
    // last); the data table and the downloads follow the figure.
    view! {
        <div class="app-graphic" id=dom_id.clone()>
            {heading}
            <figure class="app-graphic__figure">
                <GraphicViewer labels series>
                    <div class="app-graphic__frame" inner_html=svg></div>
                </GraphicViewer>
                <figcaption class="app-graphic__caption">
                    {format!("{}（{}）", title, spec.body.label())}
                </figcaption>
            </figure>
            <details class="app-details app-graphic__data">
                <summary>"查看数据表"</summary>
                <div class="app-table-wrap">
                    <table class="app-table">
                        <caption class="app-visually-hidden">{format!("{title}的数据")}</caption>
                        <thead><tr>{head.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                        <tbody>
                            {rows.into_iter().map(|row| {
                                let mut cells = row.into_iter();
                                let first = cells.next().unwrap_or_default();
                                view! {
                                    <tr>
                                        <th scope="row">{first}</th>
                                        {cells.map(|c| view! { <td>{if c.is_empty() { "—".to_owned() } else { c }}</td> }).collect_view()}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
            {(!links.is_empty() || page.is_some()).then(|| view! {
                <ul class="app-graphic__downloads">
                    {links.into_iter().map(|(href, text)| view! { <li><a href=href download=true>{text}</a></li> }).collect_view()}
                    {page.map(|p| view! { <li><a href=p>"单独查看"</a></li> })}
                </ul>
            })}
        </div>
    }
}

/// `/graphics`: every public graphic.
#[component]
pub fn GraphicsPage() -> impl IntoView {
    view! {
        <PageMeta title="图解" description="用流程图、时间轴、关键数字、图表和对比图解读政策和数据。" />
        <Breadcrumbs trail=trail(&[("首页", "/")]) current="图解" />
        <h1 class="app-page-title">"图解"</h1>
        <p class="app-page-lede">"用流程图、时间轴、关键数字、图表和对比图解读政策和数据。每张图都可逐项查看、查看数据表，并可下载图片分享。"</p>
        {awaited(async move {
                match list_graphics().await {
                    Ok(list) if list.is_empty() => view! { <p class="app-empty">"暂无图解。"</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="app-list">
                            {list.into_iter().map(|g| view! {
                                <li class="app-list__item">
                                    <a class="app-list__link" href=format!("/graphics/{}", g.id)>{g.title}</a>
                                    <span class="app-list__meta"><span class="app-tag">{kind_label(&g.kind)}</span></span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => error_view(e),
                }
            })}
    }
}

/// `/graphics/{id}`: one graphic, and the item it explains.
#[component]
pub fn GraphicPage() -> impl IntoView {
    let id = crate::ui::url::id_param("id").unwrap_or(0);
    view! {
        {loaded(
            move || get_graphic(id),
            move |g| {
                        let title = g.spec.title.trim().to_owned();
                        let article = g.article_id;
                        view! {
                            <PageMeta title=title.clone() description=crate::graphics::types::kind_label(g.spec.body.slug()) />
                            <Breadcrumbs trail=trail(&[("首页", "/"), ("图解", "/graphics")]) current={title.clone()} />
                            <h1 class="app-page-title">{title}</h1>
                            <GraphicFigure g level=0 />
                            {article.map(|a| view! { <p><a href=format!("/articles/{a}")>"查看所属解读全文"</a></p> })}
                        }.into_any()
                    },
        )}
    }
}
