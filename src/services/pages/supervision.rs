use super::cases::FollowUpLeft;
use crate::services::api::get_supervision;
use crate::services::types::{grade_label, percent, Figures};
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{error_page::loaded, layout::PageMeta};
use leptos::prelude::*;

fn days(d: Option<f64>) -> String {
    d.map_or_else(|| "—".to_owned(), |d| format!("{d:.1}"))
}

/// The three figures the public sees: 办件量, 按时办结率, 满意度.
#[component]
pub fn KeyFigures(f: Figures) -> impl IntoView {
    view! {
        <dl class="app-key-figures">
            <div class="app-key-figures__item">
                <dt class="app-key-figures__label">"办件量"</dt>
                <dd class="app-key-figures__value">{format!("{} 件", f.total)}</dd>
            </div>
            <div class="app-key-figures__item">
                <dt class="app-key-figures__label">"按时办结率"</dt>
                <dd class="app-key-figures__value">{percent(f.on_time, f.finished)}</dd>
                <dd class="app-key-figures__note">{format!("已办结 {} 件", f.finished)}</dd>
            </div>
            <div class="app-key-figures__item">
                <dt class="app-key-figures__label">"满意度"</dt>
                <dd class="app-key-figures__value">{percent(f.satisfied, f.ratings)}</dd>
                <dd class="app-key-figures__note">{format!("{} 条评价", f.ratings)}</dd>
            </div>
        </dl>
    }
}

#[component]
fn Row(f: Figures, #[prop(optional)] total: bool) -> impl IntoView {
    let name = if total {
        view! { <th scope="row" data-label="事项"><strong>{f.name.clone()}</strong></th> }
            .into_any()
    } else {
        view! { <th scope="row" data-label="事项"><a href=format!("/services/{}", f.code)>{f.name.clone()}</a></th> }.into_any()
    };
    view! {
        <tr>
            {name}
            <td data-label="办件量" class="app-table__cell--numeric">{f.total}</td>
            <td data-label="在办" class="app-table__cell--numeric">{f.open}</td>
            <td data-label="办结" class="app-table__cell--numeric">{f.finished}</td>
            <td data-label="按时办结率" class="app-table__cell--numeric">{percent(f.on_time, f.finished)}</td>
            <td data-label="平均用时（工作日）" class="app-table__cell--numeric">{days(f.average_days)}</td>
            <td data-label="黄灯" class="app-table__cell--numeric">{f.yellow}</td>
            <td data-label="红灯" class="app-table__cell--numeric">{f.red}</td>
            <td data-label="评价数" class="app-table__cell--numeric">{f.ratings}</td>
            <td data-label="满意度" class="app-table__cell--numeric">{percent(f.satisfied, f.ratings)}</td>
            <td data-label="待回访（超期）" class="app-table__cell--numeric">{format!("{}（{}）", f.follow_ups_open, f.follow_ups_overdue)}</td>
        </tr>
    }
}

/// `/staff/supervision`: electronic supervision (电子监察) — every
/// service's volume, timeliness, lights and satisfaction, and the
/// follow-ups poor ratings need.
#[component]
pub fn SupervisionPage() -> impl IntoView {
    view! {
        <PageMeta title="电子监察" description="办件量、按时办结率、黄灯红灯和满意度。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="电子监察" />
        <h1 class="app-page-title">"电子监察"</h1>
        {loaded(
            get_supervision,
            move |s| view! {
                        <p class="app-page-lede">"黄灯：在办且剩余不超过 2 个工作日；红灯：已超过承诺时限。平均用时从提交到办结，不含补正暂停的工作日。满意度为“基本满意”及以上评价所占比例。"</p>
                        <KeyFigures f=s.overall.clone() />
                        <div class="app-table-wrap">
                            <table class="app-table app-table--cards">
                                <caption class="app-section-title">"各事项办理情况"</caption>
                                <thead><tr>
                                    <th scope="col">"事项"</th>
                                    <th scope="col">"办件量"</th>
                                    <th scope="col">"在办"</th>
                                    <th scope="col">"办结"</th>
                                    <th scope="col">"按时办结率"</th>
                                    <th scope="col">"平均用时（工作日）"</th>
                                    <th scope="col">"黄灯"</th>
                                    <th scope="col">"红灯"</th>
                                    <th scope="col">"评价数"</th>
                                    <th scope="col">"满意度"</th>
                                    <th scope="col">"待回访（超期）"</th>
                                </tr></thead>
                                <tbody>
                                    {s.services.into_iter().map(|f| view! { <Row f /> }).collect_view()}
                                </tbody>
                                <tfoot><Row f=s.overall total=true /></tfoot>
                            </table>
                        </div>
                        <h2 class="app-section-title" id="follow-ups">"差评回访"</h2>
                        {if s.follow_ups.is_empty() {
                            view! { <p class="app-empty">"没有需要回访的差评。"</p> }.into_any()
                        } else {
                            view! {
                                <div class="app-table-wrap">
                                    <table class="app-table app-table--cards">
                                        <caption class="app-visually-hidden">"差评回访（评价为不满意及以下，须在 15 个工作日内回访）"</caption>
                                        <thead><tr>
                                            <th scope="col">"受理编号"</th>
                                            <th scope="col">"事项"</th>
                                            <th scope="col">"评价"</th>
                                            <th scope="col">"评价内容"</th>
                                            <th scope="col">"评价日期"</th>
                                            <th scope="col">"回访期限"</th>
                                        </tr></thead>
                                        <tbody>
                                            {s.follow_ups.into_iter().map(|f| view! {
                                                <tr>
                                                    <th scope="row" data-label="受理编号"><a href=format!("/staff/cases/{}", f.number)>{f.number.clone()}</a></th>
                                                    <td data-label="事项">{f.service_name.clone()}</td>
                                                    <td data-label="评价">{grade_label(f.score)}</td>
                                                    <td data-label="评价内容">{f.comment.clone()}</td>
                                                    <td data-label="评价日期">{f.rated_on.clone()}</td>
                                                    <td data-label="回访期限">
                                                        {f.due_on.clone().unwrap_or_else(|| "—".to_owned())}" "
                                                        {match (f.followed_on.clone(), f.days_left) {
                                                            (Some(d), _) => view! { <span class="app-tag">{format!("已回访（{d}）")}</span> }.into_any(),
                                                            (None, Some(left)) => view! { <FollowUpLeft left /> }.into_any(),
                                                            (None, None) => ().into_any(),
                                                        }}
                                                    </td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }}
                    }.into_any(),
        )}
    }
}
