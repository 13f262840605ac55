use super::Breadcrumbs;
use crate::content::api::get_catalogue;
use crate::ui::{error_page::loaded, layout::PageMeta};
use leptos::prelude::*;

/// `/disclosure`: the catalogue tree with counts, the guide and the rules.
/// The public sees only the kinds that hold something (a column the bureau
/// has not filled yet is left out); staff see every kind, to fill it.
#[component]
pub fn CataloguePage() -> impl IntoView {
    let staff = crate::account::auth::current_user().is_some();
    view! {
        <PageMeta title="政府信息公开" description="政府信息公开目录、公开指南和公开制度。" />
        {loaded(
            get_catalogue,
            move |catalogue| {
                        view! {
                            <Breadcrumbs current="信息公开目录" />
                            <h1 class="app-page-title">"政府信息公开"</h1>
                            <p class="app-page-lede">
                                {format!("主动公开信息共 {} 条。", catalogue.total)}
                            </p>
                            <div class="app-catalogue">
                                <nav class="app-catalogue__tree" aria-labelledby="catalogue-title">
                                    <h2 id="catalogue-title" class="app-catalogue__title">"信息公开目录"</h2>
                                    <ul class="app-tree">
                                        {catalogue
                                            .nodes
                                            .into_iter()
                                            .filter(|node| staff || node.count > 0)
                                            .map(|node| {
                                                let kind = node.kind;
                                                view! {
                                                    <li class="app-tree__item">
                                                        <a class="app-tree__link" href=format!("/disclosure/{}", kind.slug())>
                                                            {kind.label()}
                                                        </a>
                                                        <span class="app-tree__count">{format!("（{}）", node.count)}</span>
                                                        <p class="app-tree__description">{kind.description()}</p>
                                                        {(!node.subtypes.is_empty())
                                                            .then(|| {
                                                                view! {
                                                                    <ul class="app-tree__children">
                                                                        {node
                                                                            .subtypes
                                                                            .into_iter()
                                                                            .map(|(slug, label, count)| {
                                                                                view! {
                                                                                    <li class="app-tree__item">
                                                                                        <a
                                                                                            class="app-tree__link"
                                                                                            href=format!("/disclosure/{}?sub={}", kind.slug(), slug)
                                                                                        >
                                                                                            {label}
                                                                                        </a>
                                                                                        <span class="app-tree__count">{format!("（{count}）")}</span>
                                                                                    </li>
                                                                                }
                                                                            })
                                                                            .collect_view()}
                                                                    </ul>
                                                                }
                                                            })}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                        <li class="app-tree__item">
                                            <a class="app-tree__link" href="/topics">"专题专栏"</a>
                                            <span class="app-tree__count">{format!("（{}）", catalogue.topics)}</span>
                                        </li>
                                    </ul>
                                </nav>
                                <aside class="app-catalogue__side" aria-label="公开指南与制度">
                                    <ul class="app-link-list">
                                        <li><a href="/disclosure/guide">"政府信息公开指南"</a></li>
                                        <li><a href="/disclosure/rules">"政府信息公开制度"</a></li>
                                        <li><a href="/disclosure/request">"依申请公开"</a></li>
                                        <li><a href="/disclosure/interpretations">"政策文件解读情况"</a></li>
                                        <li><a href="/feed.xml">"订阅（RSS）"</a></li>
                                    </ul>
                                </aside>
                            </div>
                        }
                            .into_any()
                    },
        )}
    }
}
