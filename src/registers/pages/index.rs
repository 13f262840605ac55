use super::Crumbs;
use crate::registers::api::list_registers;
use crate::registers::schema::Register;
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{error_page::loaded, layout::PageMeta};
use leptos::prelude::*;

/// Whether a register with `n` public rows is listed: the public sees only
/// registers with rows (a new portal's empty ones are left out); staff see
/// every one, since they are the ones to fill it.
fn listed(slug: &str, n: i64) -> bool {
    n > 0
        || crate::account::auth::current_user().is_some()
        || (slug == Register::Fee.slug() && !crate::ui::layout::site().fees_none_on.is_empty())
}

/// `/registers`: every register with its count, the credit search and budgets.
#[component]
pub fn RegistersPage() -> impl IntoView {
    view! {
        <PageMeta title="公示信息" description="权力清单、双公示、其他行政权力运行结果、行政事业性收费、政府采购、重大建设项目、双随机抽查、企业信用和财政预算决算。" />
        {loaded(
            list_registers,
            move |counts| view! {
                        <Breadcrumbs trail=trail(&[("首页", "/")]) current="公示信息" />
                        <h1 class="app-page-title">"公示信息"</h1>
                        <p class="app-page-lede">"每张表都可以筛选、排序、分享链接和下载。自然人的个人信息依法隐去。"</p>
                        <ul class="app-card-list">
                            {counts.into_iter().filter(|(slug, n)| listed(slug, *n)).filter_map(|(slug, n)| Register::from_slug(&slug).map(|r| (r, n))).map(|(r, n)| view! {
                                <li class="app-card-list__item">
                                    <a class="app-card-list__link" href=format!("/registers/{}", r.slug())>{r.label()}</a>
                                    <span class="app-card-list__count">{format!("{n} 条")}</span>
                                    <p class="app-card-list__text">{r.description()}</p>
                                </li>
                            }).collect_view()}
                            <li class="app-card-list__item">
                                <a class="app-card-list__link" href="/credit">"企业信用信息"</a>
                                <p class="app-card-list__text">"按单位名称或统一社会信用代码查询许可、处罚、抽查结果和严重失信记录。"</p>
                            </li>
                            <li class="app-card-list__item">
                                <a class="app-card-list__link" href="/budgets">"财政预算决算图表"</a>
                                <p class="app-card-list__text">"历年“三公”经费和支出分类图表。"</p>
                            </li>
                            <li class="app-card-list__item">
                                <a class="app-card-list__link" href="/data">"数据开放"</a>
                                <p class="app-card-list__text">"全部公示数据的 CSV 和 JSON 下载，以及变更记录接口。"</p>
                            </li>
                        </ul>
                    }.into_any(),
        )}
    }
}

/// `/data`: every open-data file, its fields, and the change list.
#[component]
pub fn OpenDataPage() -> impl IntoView {
    view! {
        <PageMeta title="数据开放" description="公示信息的 CSV 与 JSON 数据下载及变更接口。" />
        {loaded(
            list_registers,
            move |counts| view! {
                        <Crumbs current="数据开放" />
                        <h1 class="app-page-title">"数据开放"</h1>
                        <p class="app-page-lede">
                            "以下数据可自由下载和使用。CSV 为 UTF-8 编码（带 BOM，可直接用 Excel 打开），JSON 附字段说明；"
                            "记录编号长期不变。在公示表中筛选后，“下载当前结果”得到的文件与筛选一致；接口同样接受 "
                            <code>"q"</code>"、"<code>"year"</code>"、"<code>"category"</code>"、"<code>"status"</code>" 参数。"
                            "依法隐去的内容在文件中同样隐去并注明。"
                        </p>
                        <div class="app-table-wrap">
                            <table class="app-table app-table--cards">
                                <caption class="app-visually-hidden">"可下载的数据"</caption>
                                <thead><tr><th scope="col">"数据"</th><th scope="col">"记录数"</th><th scope="col">"下载"</th><th scope="col">"字段"</th></tr></thead>
                                <tbody>
                                    {counts.into_iter().filter(|(slug, n)| listed(slug, *n)).filter_map(|(slug, n)| Register::from_slug(&slug).map(|r| (r, n))).map(|(r, n)| {
                                        let slug = r.slug();
                                        let fields = r.fields().iter().map(|f| format!("{}（{}）", f.label, f.key)).collect::<Vec<_>>().join("、");
                                        view! {
                                            <tr>
                                                <th scope="row" data-label="数据"><a href=format!("/registers/{slug}")>{r.label()}</a></th>
                                                <td data-label="记录数">{n.to_string()}</td>
                                                <td data-label="下载">
                                                    <a href=format!("/api/open/{slug}.csv") download=format!("{slug}.csv")>{format!("{}.csv", slug)}</a>
                                                    " · "
                                                    <a href=format!("/api/open/{slug}.json")>{format!("{}.json", slug)}</a>
                                                </td>
                                                <td data-label="字段" class="app-table__cell--small">{fields}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <h2 class="app-section-title">"变更记录"</h2>
                        <p class="app-prose">
                            <a href="/api/open/changes.json">"/api/open/changes.json"</a>
                            "列出指定时间以来的新增（insert）、修改（update）、撤销（withdraw）和公示期满（expire）的记录。参数 "
                            <code>"since"</code>"：日期（如 2026-01-01）、带时区的日期时间或 Unix 秒数，默认最近 7 天；每次最多 1000 条，更多时按返回的 "
                            <code>"next"</code>" 地址继续获取。"
                        </p>
                    }.into_any(),
        )}
    }
}
