//! `/staff/monitor`: the latest self-check's findings, each with where to
//! fix it; and the workbench's line for every member of staff while a
//! veto finding stands.

use crate::monitor::api::get_monitor;
use crate::monitor::types::{Finding, MonitorView, Severity};
use crate::server::forms::notice;
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{error_page::loaded, forms::Notice, layout::PageMeta};
use leptos::prelude::*;

#[component]
fn FindingList(items: Vec<Finding>) -> impl IntoView {
    view! {
        <ul class="app-findings">
            {items.into_iter().map(|f| {
                let class = if f.severity == Severity::Veto { "app-tag app-tag--overdue" } else { "app-tag" };
                view! {
                    <li class="app-findings__item">
                        <span class=class>{f.severity.label()}</span>" "
                        <a href=f.link.clone()>{f.what.clone()}</a>
                        <p class="app-findings__fix">{format!("处理：{}", f.fix)}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// `/staff/monitor`: every finding of the latest check. Editors only.
#[component]
pub fn MonitorPage() -> impl IntoView {
    view! {
        <PageMeta title="网站自查" description="对照《政府网站与政务新媒体检查指标》每日自查。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="网站自查" />
        <h1 class="app-page-title">"网站自查"</h1>
        {notice().map(|n| view! { <Notice text=n /> })}
        <p class="app-hint">"每天自动对照《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）检查一次：栏目更新、空白栏目、网上咨询答复、办事指南要素、政策解读和年度报告的时限、站内链接。处理后可点“立即检查”确认。结果也以 JSON 提供给监测人员：/api/staff/get_monitor。"</p>
        <form class="app-form" method="post" action="/staff/monitor">
            <button type="submit" class="app-button app-button--secondary">"立即检查"</button>
        </form>
        {loaded(get_monitor, |m: MonitorView| {
            let vetoes = m.vetoes();
            let total = m.findings.len();
            view! {
                <p class="app-meta-line" role="status">
                    {match &m.checked_at {
                        Some(at) => format!("最近一次检查：{at}。发现问题{total}项，其中单项否决{vetoes}项。"),
                        None => "还没有检查过。".to_owned(),
                    }}
                </p>
                {(m.checked_at.is_some() && total == 0).then(|| view! { <p>"没有发现问题。"</p> })}
                {(total > 0).then(|| view! { <FindingList items=m.findings.clone() /> })}
            }
            .into_any()
        })}
    }
}

/// The workbench's line while the latest check found a veto: shown to
/// every member of staff (`editor`: the viewer may open the findings page).
#[component]
pub fn Vetoes(items: Vec<Finding>, editor: bool) -> impl IntoView {
    let vetoes: Vec<Finding> = items
        .into_iter()
        .filter(|f| f.severity == Severity::Veto)
        .collect();
    (!vetoes.is_empty()).then(|| {
        view! {
            <div class="app-banner app-banner--warning" role="note">
                <p class="app-banner__title">{format!("网站自查发现{}项单项否决问题", vetoes.len())}</p>
                <FindingList items=vetoes />
                <p class="app-banner__text">
                    {if editor {
                        view! { <a href="/staff/monitor">"查看全部自查结果"</a> }.into_any()
                    } else {
                        "请相关岗位及时处理；全部自查结果由网站编辑查看。".into_any()
                    }}
                </p>
            </div>
        }
    })
}
