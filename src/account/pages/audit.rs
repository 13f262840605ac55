use super::guard;
use crate::account::api::get_audit_log;
use crate::account::db::audit::ACTIONS;
use crate::account::types::{AuditFilter, Role};
use crate::ui::{
    error_page::loaded,
    forms::{Select, TextInput},
    layout::PageMeta,
    url::query,
};
use leptos::prelude::*;

/// `/staff/audit`: the audit log, filtered, with its integrity checked.
#[component]
pub fn AuditPage() -> impl IntoView {
    if let Err(view) = guard(Role::Admin) {
        return view;
    }
    let get = crate::ui::url::query_param;
    let filter = AuditFilter {
        actor: get("actor"),
        action: get("action"),
        target: get("target"),
        before: get("before").and_then(|b| b.parse().ok()),
    };
    view! {
        <PageMeta title="审计日志" description="工作人员操作审计日志" />
        <h1 class="app-page-title">"审计日志"</h1>
        {loaded(
            {
                let filter = filter.clone();
                move || get_audit_log(filter.clone())
            },
            move |page| {
                            let older = page.older.map(|seq| {
                                let seq = seq.to_string();
                                format!("/staff/audit{}", query(&[
                                    ("actor", filter.actor.as_deref().unwrap_or_default()),
                                    ("action", filter.action.as_deref().unwrap_or_default()),
                                    ("target", filter.target.as_deref().unwrap_or_default()),
                                    ("before", &seq),
                                ]))
                            });
                            let actions: Vec<(String, String)> = std::iter::once((String::new(), "全部".to_owned()))
                                .chain(ACTIONS.iter().map(|(a, l)| ((*a).to_owned(), (*l).to_owned())))
                                .collect();
                            view! {
                                {match page.problem.clone() {
                                    None => view! { <p class="app-notice" role="status">{format!("完整性校验通过：共 {} 条记录，哈希链未被修改。", page.rows)}</p> }.into_any(),
                                    Some((seq, what)) => view! {
                                        <div class="app-banner app-banner--warning" role="alert">
                                            <p class="app-banner__title">"审计日志完整性校验失败"</p>
                                            <p class="app-banner__text">{format!("第 {seq} 条：{what}")}</p>
                                        </div>
                                    }.into_any(),
                                }}
                                <form class="app-filters" method="get" action="/staff/audit">
                                    <TextInput name="actor" label="操作人" value=filter.actor.clone().unwrap_or_default() />
                                    <Select name="action" label="操作" options=actions selected=filter.action.clone().unwrap_or_default() />
                                    <TextInput name="target" label="对象" value=filter.target.clone().unwrap_or_default() />
                                    <div class="app-filters__actions"><button type="submit" class="app-button">"筛选"</button></div>
                                </form>
                                <table class="app-table app-table--audit">
                                    <caption class="app-visually-hidden">"审计日志，最新的在前"</caption>
                                    <thead><tr><th scope="col">"序号"</th><th scope="col">"时间"</th><th scope="col">"操作人"</th><th scope="col">"操作"</th><th scope="col">"对象"</th><th scope="col">"详情"</th></tr></thead>
                                    <tbody>
                                        {page.entries.into_iter().map(|e| view! {
                                            <tr>
                                                <td>{e.seq.to_string()}</td>
                                                <td>{e.at}</td>
                                                <td>{e.actor}</td>
                                                <td>{e.action_label}</td>
                                                <td>{e.target}</td>
                                                <td><details><summary>"查看"</summary><pre class="app-pre">{e.detail}</pre></details></td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                {older.map(|href| view! { <p><a href=href rel="next">"更早的记录"</a></p> })}
                            }
                            .into_any()
                        },
        )}
    }
    .into_any()
}
