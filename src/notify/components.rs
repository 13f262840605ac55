//! The list of notices sent about one case, question or request, as its
//! recipient (on the lookup page) and its handler (on the staff page) see it.

use super::types::{NoticeStatus, SentNotice};
use leptos::prelude::*;

/// `notices` under a heading; says so when none were sent, and why that
/// may be (no channel on, or no contact a channel reaches).
#[component]
pub fn NoticeList(notices: Vec<SentNotice>, #[prop(optional)] staff: bool) -> impl IntoView {
    let empty = if staff {
        "尚未发送通知（门户未开通短信和邮件通知，或申请人未留下手机号码、电子邮箱）。"
    } else {
        "尚未向您发送短信或邮件通知。办理进度以本页为准。"
    };
    view! {
        <section class="app-notices" aria-labelledby="notices-title">
            <h2 id="notices-title" class="app-section-title">"通知记录"</h2>
            {if notices.is_empty() {
                view! { <p class="app-list__empty">{empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="app-list">
                        {notices.into_iter().map(|n| {
                            let when = match (n.status, &n.sent) {
                                (NoticeStatus::Sent, Some(at)) => format!("已发送 {at}"),
                                (status, _) => format!("{}（{} 生成）", status.label(), n.created),
                            };
                            view! {
                                <li class="app-list__item">
                                    <span>{format!("{}：{}", n.event.label(), n.channel.label())}</span>
                                    <span class="app-list__meta">
                                        <span>{format!("发至 {}", n.to)}</span>
                                        <span class=if n.status == NoticeStatus::Failed { "app-tag app-tag--warning" } else { "app-tag app-tag--light" }>{when}</span>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The dashboard's list of what turns yellow or red today in the signed-in
/// member of staff's queues (the morning digest's list).
#[component]
pub fn DueToday(lines: Vec<super::digest::DueLine>) -> impl IntoView {
    use super::digest::{rest_by_queue, DASHBOARD_LINES};
    // A day when many fall due at once lists the first ones (red first,
    // soonest due) and counts the rest by queue, linking each queue.
    let rest = rest_by_queue(&lines, DASHBOARD_LINES);
    let total = lines.len();
    let lines: Vec<_> = lines.into_iter().take(DASHBOARD_LINES).collect();
    let rest = (!rest.is_empty()).then(|| {
        view! {
            <p class="app-hint">
                {format!("共 {total} 项，以上是最先到期的 {DASHBOARD_LINES} 项；另有")}
                {rest.into_iter().enumerate().map(|(i, (queue, n))| view! {
                    {(i > 0).then_some("、")}
                    {match queue.page() {
                        Some(href) => view! { <a href=href>{queue.label()}</a> }.into_any(),
                        None => view! { <span>{queue.label()}</span> }.into_any(),
                    }}
                    {format!(" {n} 项")}
                }).collect_view()}
                "，请在各队列中按红灯、黄灯筛选查看。"
            </p>
        }
    });
    view! {
        <section class="app-panel" aria-labelledby="due-today">
            <h2 class="app-panel__title" id="due-today">"今日转为黄灯、红灯的事项"</h2>
            {if lines.is_empty() {
                view! { <p class="app-list__empty">"今天没有转为黄灯或红灯的事项。"</p> }.into_any()
            } else {
                view! {
                    <ul class="app-list">
                        {lines.into_iter().map(|l| view! {
                            <li class="app-list__item">
                                <a class="app-list__link" href=l.link.clone()>{format!("{}：{}", l.queue.label(), l.what)}</a>
                                <span class="app-list__meta">
                                    <span class=if l.red { "app-tag app-tag--warning" } else { "app-tag" }>
                                        {if l.red { "红灯：今日起超期" } else { "黄灯：剩余 2 个工作日" }}
                                    </span>
                                    <span>{format!("期限 {}", crate::ui::format::date_zh(&l.due_on))}</span>
                                </span>
                            </li>
                        }).collect_view()}
                    </ul>
                    {rest}
                }.into_any()
            }}
        </section>
    }
}
