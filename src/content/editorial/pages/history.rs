use super::review::ComparisonView;
use crate::account::pages::guard;
use crate::account::types::Role;
use crate::content::editorial::api::get_history;
use crate::error::AppError;
use crate::ui::crumbs::Breadcrumbs;
use crate::ui::{
    error_page::{awaited, error_view},
    layout::PageMeta,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/articles/{id}/history?a=&b=`: every revision, and any two compared.
#[component]
pub fn HistoryPage() -> impl IntoView {
    if let Err(view) = guard(Role::Editor) {
        return view;
    }
    let id = crate::ui::url::id_param("id");
    let q = use_query_map();
    let a = q
        .with_untracked(|m| m.get("a"))
        .and_then(|s| s.parse::<i64>().ok());
    let b = q
        .with_untracked(|m| m.get("b"))
        .and_then(|s| s.parse::<i64>().ok());
    view! {
        {awaited(async move {
                let Some(id) = id else { return error_view(AppError::NotFound) };
                match get_history(id, a, b).await {
                    Ok(h) => {
                        let newest = h.revisions.first().map(|r| r.id);
                        let second = h.revisions.get(1).map(|r| r.id);
                        let (sel_a, sel_b) = (a.or(second), b.or(newest));
                        view! {
                            <PageMeta title=format!("历史版本：{}", h.title) description="信息的历史版本" />
                            <Breadcrumbs
                                trail=vec![
                                    ("工作台".to_owned(), "/staff".to_owned()),
                                    ("编辑".to_owned(), format!("/articles/{id}/edit")),
                                ]
                                current="历史版本"
                            />
                            <h1 class="app-page-title">{format!("历史版本：{}", h.title)}</h1>
                            <form method="get" action=format!("/articles/{id}/history")>
                                <table class="app-table">
                                    <caption class="app-table__caption">"每次保存都是一个版本。选择两个版本进行对比。"</caption>
                                    <thead>
                                        <tr><th scope="col">"版本"</th><th scope="col">"状态"</th><th scope="col">"作者"</th><th scope="col">"保存时间"</th><th scope="col">"说明"</th><th scope="col">"对比"</th></tr>
                                    </thead>
                                    <tbody>
                                        {h.revisions.iter().map(|r| {
                                            let (ia, ib) = (format!("a-{}", r.id), format!("b-{}", r.id));
                                            view! {
                                                <tr>
                                                    <td>{r.id.to_string()}</td>
                                                    <td>{r.state.label()}</td>
                                                    <td>{r.author_name.clone()}</td>
                                                    <td>{r.saved.clone()}</td>
                                                    <td>{r.note.clone()}</td>
                                                    <td class="app-table__choices">
                                                        <input type="radio" name="a" id=ia.clone() value=r.id.to_string() checked=sel_a == Some(r.id) />
                                                        <label for=ia>"旧"</label>
                                                        <input type="radio" name="b" id=ib.clone() value=r.id.to_string() checked=sel_b == Some(r.id) />
                                                        <label for=ib>"新"</label>
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                <button type="submit" class="app-button app-button--secondary">"对比所选版本"</button>
                            </form>
                            {h.comparison.map(|c| view! { <ComparisonView comparison=c /> })}
                        }
                        .into_any()
                    }
                    Err(e) => error_view(e),
                }
            })}
    }
    .into_any()
}
