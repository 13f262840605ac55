//! `/staff/services` (事项管理): every service with its status and any
//! change waiting for review, the form for a new one, importing guides
//! from a file, and the catalogue as a file to take to another portal.
//! 事项管理 staff, 管理员 and reviewers.

use super::editor::service_staff;
use crate::error::AppError;
use crate::server::forms::{notice, submitted};
use crate::services::editor::may_edit;
use crate::services::types::{ServiceAdminRow, ServiceStatus};
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::error_page::loaded;
use crate::ui::forms::{error_for, ErrorSummary, Notice, TextInput};
use crate::ui::layout::PageMeta;
use leptos::prelude::*;

#[component]
pub fn ServicesAdminPage() -> impl IntoView {
    let user = match service_staff() {
        Ok(user) => user,
        Err(view) => return view,
    };
    let editor = may_edit(&user);
    let sub = submitted();
    let errors = sub.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let message = sub.as_ref().and_then(|s| s.message.clone());
    let title = if errors.is_empty() && message.is_none() {
        "事项管理"
    } else {
        "错误：事项管理"
    };
    let value = |k: &str| sub.as_ref().map(|s| s.value(k)).unwrap_or_default();
    let new_form = editor.then(|| {
        view! {
            <form class="app-form" method="post" action="/staff/services" id="new">
                <h2>"新建事项"</h2>
                <ErrorSummary errors=errors.clone() />
                <TextInput name="code" label="事项编码" value=value("code") hint="字母、数字和短横线，如 FJ-XW-010；创建后不能修改，是办事指南的网址" error=error_for(&errors, "code") />
                <TextInput name="name" label="事项名称" value=value("name") error=error_for(&errors, "name") />
                <div class="app-form__actions">
                    <button type="submit" class="app-button">"新建，然后填写办事指南"</button>
                </div>
            </form>
            <form class="app-form" method="post" action="/staff/services/import" enctype="multipart/form-data" id="import">
                <h2>"导入办事指南"</h2>
                <div class=if error_for(&errors, "file").is_some() { "app-field app-field--error" } else { "app-field" }>
                    <label class="app-field__label" for="file">"办事指南文件"</label>
                    <p class="app-field__hint" id="file-hint">"本系统导出的 JSON 文件（gongkai.guides/1），或按导出格式填写的 CSV 表格。导入的每个办事指南都送审，审核通过后才对公众显示；编码相同的事项作为修改送审。"</p>
                    {error_for(&errors, "file").map(|e| view! { <p class="app-field__error" id="file-error"><span class="app-visually-hidden">"错误："</span>{e}</p> })}
                    <input class="app-field__input" type="file" id="file" name="file" accept=".json,.csv,application/json,text/csv" aria-describedby="file-hint" />
                </div>
                <div class="app-form__actions">
                    <button type="submit" class="app-button app-button--secondary">"导入并送审"</button>
                </div>
            </form>
        }
    });
    view! {
        <PageMeta title=title description="办事事项和办事指南的新建、修改、审核、停办、导入和导出。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="事项管理" />
        <h1 class="app-page-title">"事项管理"</h1>
        <p class="app-page-lede">"办事大厅中的全部事项。办事指南和申请表的修改经审核人员审核后才对公众显示；停办的事项离开办事大厅，已提交的办件照常办理。"</p>
        {notice().map(|n| view! { <Notice text=n /> })}
        {message.map(|m| view! { <div class="app-banner app-banner--warning" role="alert"><p class="app-banner__text">{m}</p></div> })}
        {loaded(
            || async {
                let db = crate::server::context::db()?;
                Ok::<_, AppError>(crate::services::db::editing::staff_list(&db).await?)
            },
            |services: Vec<ServiceAdminRow>| {
                if services.is_empty() {
                    return view! { <p class="app-list__empty">"办事大厅还没有事项。"</p> }.into_any();
                }
                let published = services.iter().filter(|s| s.status == ServiceStatus::Published).count();
                view! {
                    {(published > 0).then(|| view! {
                        <p><a class="app-button app-button--secondary" href="/staff/services/export.json" download>{format!("导出办事大厅全部{published}个事项的办事指南（JSON）")}</a>" "<a href="/staff/services/export.csv" download>"导出为表格（CSV）"</a></p>
                    })}
                    <div class="app-table-wrap">
                        <table class="app-table app-table--cards">
                            <caption class="app-visually-hidden">"办事事项"</caption>
                            <thead><tr>
                                <th scope="col">"事项"</th>
                                <th scope="col">"类别"</th>
                                <th scope="col">"承诺时限"</th>
                                <th scope="col">"状态"</th>
                            </tr></thead>
                            <tbody>
                                {services.into_iter().map(|s| {
                                    let waiting = match (s.pending, s.returned) {
                                        (true, true) => "，修改被退回",
                                        (true, false) => "，有修改待审核",
                                        _ => "",
                                    };
                                    view! {
                                        <tr>
                                            <th scope="row" data-label="事项"><a href=format!("/staff/services/{}", s.code)>{s.name.clone()}</a><br /><span class="app-hint">{s.code.clone()}</span></th>
                                            <td data-label="类别">{s.kind.clone()}</td>
                                            <td data-label="承诺时限">{format!("{}个工作日", s.promised_days)}</td>
                                            <td data-label="状态">{s.status.label()}{waiting}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            },
        )}
        {new_form}
    }
    .into_any()
}
