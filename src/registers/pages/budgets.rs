use super::Crumbs;
use crate::graphics::build::money_chart;
use crate::graphics::pages::Figure;
use crate::graphics::types::ChartKind;
use crate::registers::api::list_budget_lines;
use crate::registers::types::BudgetLine;
use crate::registers::validate::money_zh;
use crate::ui::{error_page::loaded, forms::Select, layout::PageMeta};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The three items of 三公经费, by their codes in the register.
const SANGONG: &[(&str, &str)] = &[
    ("1", "因公出国（境）费"),
    ("2", "公务用车购置及运行费"),
    ("3", "公务接待费"),
];

/// `/budgets`: department budgets and final accounts, charted and tabled.
#[component]
pub fn BudgetsPage() -> impl IntoView {
    let q = use_query_map();
    let year = q
        .with_untracked(|m| m.get("year"))
        .and_then(|y| y.parse::<i32>().ok());
    let kind = q
        .with_untracked(|m| m.get("kind"))
        .filter(|k| k == "预算" || k == "决算")
        .unwrap_or_else(|| "预算".to_owned());
    view! {
        {loaded(
            list_budget_lines,
            move |lines| view! { <Budgets lines year kind=kind.clone() /> }.into_any(),
        )}
    }
}

/// One series of amounts by category, as a chart of `kind`.
fn shares(title: &str, kind: ChartKind, rows: Vec<(String, i64)>) -> crate::graphics::types::Spec {
    let (categories, fen): (Vec<String>, Vec<i64>) = rows.into_iter().unzip();
    money_chart(title, "", kind, categories, vec![("金额".to_owned(), fen)])
}

#[component]
fn Budgets(lines: Vec<BudgetLine>, year: Option<i32>, kind: String) -> impl IntoView {
    let mut years: Vec<i32> = lines.iter().map(|l| l.year).collect();
    years.sort_unstable();
    years.dedup();
    let latest = years.last().copied().unwrap_or(0);
    let year = year.filter(|y| years.contains(y)).unwrap_or(latest);
    let of = |system: &str| -> Vec<BudgetLine> {
        lines
            .iter()
            .filter(|l| l.year == year && l.kind == kind && l.system == system)
            .cloned()
            .collect()
    };
    let (functional, economic, notes) = (of("功能分类"), of("经济分类"), of("说明"));
    // 三公经费 across the years, for the kind chosen.
    let sangong: Vec<(i32, Vec<i64>)> = years
        .iter()
        .map(|y| {
            let values = SANGONG
                .iter()
                .map(|(code, _)| {
                    lines
                        .iter()
                        .find(|l| {
                            l.year == *y
                                && l.kind == kind
                                && l.system == "三公经费"
                                && l.code == *code
                        })
                        .map_or(0, |l| l.amount)
                })
                .collect();
            (*y, values)
        })
        .filter(|(_, v): &(i32, Vec<i64>)| v.iter().any(|x| *x > 0))
        .collect();
    let sangong_chart = (!sangong.is_empty()).then(|| {
        money_chart(
            &format!("历年“三公”经费{kind}"),
            "数据来源：本局部门预算、决算公开。",
            ChartKind::StackedBar,
            sangong.iter().map(|(y, _)| format!("{y}年")).collect(),
            SANGONG
                .iter()
                .enumerate()
                .map(|(i, (_, n))| ((*n).to_owned(), sangong.iter().map(|(_, v)| v[i]).collect()))
                .collect(),
        )
    });
    let top = |rows: &[BudgetLine], digits: usize| -> Vec<(String, i64)> {
        rows.iter()
            .filter(|l| l.code.len() == digits)
            .map(|l| (format!("{} {}", l.code, l.name), l.amount))
            .collect()
    };
    let year_options: Vec<(String, String)> = years
        .iter()
        .rev()
        .map(|y| (y.to_string(), format!("{y}年")))
        .collect();
    let kind_options = vec![
        ("预算".to_owned(), "部门预算".to_owned()),
        ("决算".to_owned(), "部门决算".to_owned()),
    ];
    let title = format!("{year}年部门{kind}");
    view! {
        <PageMeta title="财政预算决算" description="部门预算、决算和“三公”经费，按功能分类和经济分类公开。" />
        <Crumbs current="财政预算决算" />
        <h1 class="app-page-title">"财政预算决算"</h1>
        <p class="app-page-lede">"部门预算、决算按支出功能分类（到项）和经济分类（到款）公开，并公开“三公”经费。数据也可在"<a href="/registers/budgets">"预算决算明细表"</a>"中筛选和下载。"</p>
        <form class="app-filters" method="get" action="/budgets" aria-label="选择年度">
            <Select name="year" label="年度" options=year_options selected=year.to_string() />
            <Select name="kind" label="类型" options=kind_options selected=kind.clone() />
            <div class="app-filters__actions"><button type="submit" class="app-button">"查看"</button></div>
        </form>
        <section aria-labelledby="sangong-title">
            <h2 class="app-section-title" id="sangong-title">{format!("“三公”经费{kind}")}</h2>
            {match sangong_chart {
                None => view! { <p class="app-empty">"暂无数据"</p> }.into_any(),
                Some(spec) => view! {
                    <Figure spec dom_id="sangong-chart".to_owned() level=0 />
                    <details class="app-disclosure">
                        <summary>"查看历年金额和增减"</summary>
                        <SangongTable rows=sangong.clone() />
                    </details>
                }.into_any(),
            }}
        </section>
        <Breakdown
            id="functional"
            title=title.clone()
            class="功能分类"
            chart=shares(&format!("{title}支出功能分类（类）"), ChartKind::Donut, top(&functional, 3))
            depth="到项"
            rows=functional
        />
        <Breakdown
            id="economic"
            title=title.clone()
            class="经济分类"
            chart=shares(&format!("{title}支出经济分类（类）"), ChartKind::Bar, top(&economic, 3))
            depth="到款"
            rows=economic
        />
        {(!notes.is_empty()).then(|| view! {
            <section aria-labelledby="notes-title">
                <h2 class="app-section-title" id="notes-title">{format!("{title}说明")}</h2>
                {notes.into_iter().map(|n| view! {
                    <h3 class="app-subsection-title">{n.name}</h3>
                    {n.note.split('\n').filter(|p| !p.trim().is_empty()).map(|p| view! { <p class="app-prose">{p.to_owned()}</p> }).collect_view()}
                }).collect_view()}
            </section>
        })}
    }
}

#[component]
fn SangongTable(rows: Vec<(i32, Vec<i64>)>) -> impl IntoView {
    let mut previous: Option<i64> = None;
    view! {
        <div class="app-table-wrap">
            <table class="app-table app-table--cards">
                <caption class="app-visually-hidden">"历年“三公”经费（元）"</caption>
                <thead>
                    <tr>
                        <th scope="col">"年度"</th>
                        {SANGONG.iter().map(|(_, n)| view! { <th scope="col" class="app-table__header--numeric">{*n}</th> }).collect_view()}
                        <th scope="col" class="app-table__header--numeric">"合计"</th>
                        <th scope="col" class="app-table__header--numeric">"比上年增减"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(y, v)| {
                        let total: i64 = v.iter().sum();
                        let change = previous.map(|p| {
                            let diff = total - p;
                            let pct = if p > 0 { format!("（{:+.1}%）", diff as f64 * 100.0 / p as f64) } else { String::new() };
                            format!("{}{}{pct}", if diff >= 0 { "+" } else { "-" }, money_zh(diff.abs()))
                        }).unwrap_or_else(|| "—".to_owned());
                        previous = Some(total);
                        view! {
                            <tr>
                                <th scope="row" data-label="年度">{format!("{y}年")}</th>
                                {v.iter().zip(SANGONG).map(|(x, (_, n))| view! { <td class="app-table__cell--numeric" data-label=*n>{money_zh(*x)}</td> }).collect_view()}
                                <td class="app-table__cell--numeric" data-label="合计">{money_zh(total)}</td>
                                <td class="app-table__cell--numeric" data-label="比上年增减">{change}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One classification of the spending (功能分类, 经济分类): its chart by
/// top-level class and the detailed table, or a note that it is not yet
/// published.
#[component]
fn Breakdown(
    id: &'static str,
    /// e.g. 2016年部门预算.
    title: String,
    class: &'static str,
    chart: crate::graphics::types::Spec,
    /// How deep the table goes: 到项, 到款.
    depth: &'static str,
    rows: Vec<BudgetLine>,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    view! {
        <section aria-labelledby=title_id.clone()>
            <h2 class="app-section-title" id=format!("{id}-title")>{format!("{title}：支出{class}")}</h2>
            {if rows.is_empty() {
                view! { <p class="app-empty">{format!("{title}尚未公开{class}数据")}</p> }.into_any()
            } else {
                view! {
                    <Figure spec=chart dom_id=format!("{id}-chart") level=0 />
                    <LineTable caption=format!("{title}支出{class}明细（{depth}）") rows />
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn LineTable(caption: String, rows: Vec<BudgetLine>) -> impl IntoView {
    let mut rows = rows;
    rows.sort_by(|a, b| a.code.cmp(&b.code));
    view! {
        <details class="app-disclosure">
            <summary>{format!("查看明细表（{} 行）", rows.len())}</summary>
            <div class="app-table-wrap">
                <table class="app-table">
                    <caption class="app-visually-hidden">{caption}</caption>
                    <thead><tr><th scope="col">"科目编码"</th><th scope="col">"科目名称"</th><th scope="col" class="app-table__header--numeric">"金额（元）"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|l| {
                            let level = match l.code.len() { 3 => 0, 5 => 1, _ => 2 };
                            view! {
                                <tr class=format!("app-table__row--level{level}")>
                                    <td>{l.code}</td>
                                    <td>{l.name}</td>
                                    <td class="app-table__cell--numeric">{money_zh(l.amount)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}
