//! `/staff/services` (事项管理): the service catalogue as staff keep it —
//! every service with its limits, and its guide as a file to take to
//! another portal. Administrators only.

use crate::account::types::Role;
use crate::error::AppError;
use crate::services::types::ServiceSummary;
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::error_page::loaded;
use crate::ui::layout::PageMeta;
use leptos::prelude::*;

#[component]
pub fn ServicesAdminPage() -> impl IntoView {
    if let Err(view) = crate::account::pages::guard(Role::Admin) {
        return view;
    }
    view! {
        <PageMeta title="事项管理" description="办事事项目录和办事指南的导出。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="事项管理" />
        <h1 class="app-page-title">"事项管理"</h1>
        <p class="app-page-lede">"办事大厅中的全部事项。每个事项的办事指南（要素、材料、流程和申请表）可导出为 JSON 文件，用于迁移到其他门户或存档。"</p>
        {loaded(
            || async {
                let db = crate::server::context::db()?;
                Ok::<_, AppError>(crate::services::db::list(&db).await?)
            },
            |services: Vec<ServiceSummary>| {
                if services.is_empty() {
                    return view! { <p class="app-list__empty">"办事大厅还没有事项。"</p> }.into_any();
                }
                view! {
                    <p><a class="app-button app-button--secondary" href="/staff/services/export.json" download>{format!("导出全部{}个事项的办事指南（JSON）", services.len())}</a></p>
                    <div class="app-table-wrap">
                        <table class="app-table app-table--cards">
                            <caption class="app-visually-hidden">"办事事项"</caption>
                            <thead><tr>
                                <th scope="col">"事项"</th>
                                <th scope="col">"类别"</th>
                                <th scope="col">"承诺时限"</th>
                                <th scope="col">"导出"</th>
                            </tr></thead>
                            <tbody>
                                {services.into_iter().map(|s| view! {
                                    <tr>
                                        <th scope="row" data-label="事项"><a href=format!("/services/{}", s.code)>{s.name.clone()}</a></th>
                                        <td data-label="类别">{s.kind.clone()}</td>
                                        <td data-label="承诺时限">{format!("{}个工作日", s.promised_days)}</td>
                                        <td data-label="导出"><a href=format!("/staff/services/{}/export.json", s.code) download>{format!("导出“{}”的办事指南", s.name)}</a></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            },
        )}
    }
    .into_any()
}
