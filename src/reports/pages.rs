//! Staff's side of the annual report (编辑): the years with where each
//! report stands, and one year's report — the checks, the narrative and
//! the entered figures, the figures to quote and the text as it would be
//! published. The form posts to the year's own address, so a refused one
//! comes back here with its entries.

use crate::error::{AppError, FieldError};
use crate::reports::api::{get_annual_report_work, list_annual_reports};
use crate::reports::types::{ReportLine, ReportWork};
use crate::server::forms::{notice, Submitted};
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{
    error_page::loaded,
    format::date_zh,
    forms::{error_for, ErrorSummary, Notice, TextArea, TextInput},
    layout::PageMeta,
};
use leptos::prelude::*;

fn state_tag(line: &ReportLine) -> impl IntoView {
    let class = if line.published {
        "app-tag app-tag--light"
    } else if line.late {
        "app-tag app-tag--overdue"
    } else {
        "app-tag"
    };
    view! { <span class=class>{line.state.clone()}</span> }
}

/// `/staff/annual-reports`: each year and where its report stands.
#[component]
pub fn StaffAnnualReportsPage() -> impl IntoView {
    view! {
        <PageMeta title="政府信息公开工作年度报告" description="编制、核对和送审政府信息公开工作年度报告。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="年度报告" />
        <h1 class="app-page-title">"政府信息公开工作年度报告"</h1>
        <p class="app-hint">"每年1月31日前公布上一年度的报告（《政府信息公开条例》第四十九条）。表二至表四由本网站的数据自动统计；总体情况等文字部分和个别需填写的数字由您编写，核对全部通过后送审，审核通过即在“政府信息公开年报”栏目公开。"</p>
        {loaded(list_annual_reports, |lines| view! {
            <div class="app-table-wrap">
                <table class="app-table app-table--cards">
                    <caption class="app-visually-hidden">"各年度报告"</caption>
                    <thead><tr>
                        <th scope="col">"年度"</th>
                        <th scope="col">"状态"</th>
                        <th scope="col">"公布期限"</th>
                    </tr></thead>
                    <tbody>
                        {lines.into_iter().map(|l| view! {
                            <tr>
                                <th scope="row" data-label="年度"><a href=format!("/staff/annual-reports/{}", l.year)>{format!("{}年度报告", l.year)}</a></th>
                                <td data-label="状态">{state_tag(&l)}</td>
                                <td data-label="公布期限">{date_zh(&l.due_on)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }.into_any())}
    }
}

/// The workbench's line from January on: last year's report, until it is
/// published (red once past 1月31日).
#[component]
pub fn ReportDue(lines: Vec<ReportLine>, today: String) -> impl IntoView {
    let month = today.get(5..7).unwrap_or("");
    let line = lines
        .into_iter()
        .find(|l| today.get(..4).and_then(|y| y.parse::<i32>().ok()) == Some(l.year + 1))
        .filter(|l| !l.published && (month == "01" || l.late));
    line.map(|l| {
        let (class, text) = if l.late {
            (
                "app-banner app-banner--warning",
                format!("{}年政府信息公开工作年度报告应于{}前公布，已逾期。", l.year, date_zh(&l.due_on)),
            )
        } else {
            (
                "app-banner",
                format!("{}年政府信息公开工作年度报告应于{}前公布（目前：{}）。", l.year, date_zh(&l.due_on), l.state),
            )
        };
        view! {
            <div class=class role="note">
                <p class="app-banner__text">{text}" "<a href=format!("/staff/annual-reports/{}", l.year)>"编制年度报告"</a></p>
            </div>
        }
    })
}

/// `/staff/annual-reports/{year}`: one year's report.
#[component]
pub fn StaffAnnualReportPage() -> impl IntoView {
    let year = leptos_router::hooks::use_params_map()
        .with_untracked(|p| p.get("year"))
        .and_then(|y| y.parse::<i32>().ok());
    let submitted = use_context::<Submitted>();
    loaded(
        move || async move {
            match year {
                Some(year) => get_annual_report_work(year).await,
                None => Err(AppError::NotFound),
            }
        },
        move |w| view! { <Work w submitted=submitted.clone() /> }.into_any(),
    )
}

#[component]
fn Work(w: ReportWork, submitted: Option<Submitted>) -> impl IntoView {
    let errors: Vec<FieldError> = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let message = submitted.as_ref().and_then(|s| s.message.clone());
    let e = |f: &str| error_for(&errors, f);
    // A refused form comes back with what was typed; otherwise the saved text.
    let value = |k: &str, saved: &str| match &submitted {
        Some(s) => s.value(k),
        None => saved.to_owned(),
    };
    let year = w.line.year;
    let heading = format!("{year}年政府信息公开工作年度报告");
    let title = if errors.is_empty() && message.is_none() {
        heading.clone()
    } else {
        format!("错误：{heading}")
    };
    let r = &w.report;
    view! {
        <PageMeta title=title description="编制、核对和送审政府信息公开工作年度报告。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff"), ("年度报告", "/staff/annual-reports")]) current=heading.clone() />
        <h1 class="app-page-title">{heading.clone()}</h1>
        {notice().map(|n| view! { <Notice text=n /> })}
        {message.map(|m| view! { <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true><p>{m}</p></div> })}
        <ErrorSummary errors=errors.clone() />
        <p class="app-meta-line">
            "状态："{state_tag(&w.line)}" · 应于"{date_zh(&w.line.due_on)}"前公布"
        </p>
        {w.line.article_id.map(|id| view! {
            <ul class="app-actions">
                {w.line.published.then(|| view! { <li><a href=format!("/articles/{id}")>"查看公开的报告"</a></li> })}
                <li><a href=format!("/articles/{id}/history")>"修改记录"</a></li>
            </ul>
        })}
        {w.in_review.then(|| view! { <p class="app-hint">"这份报告有一份稿件正在审核或等待发布。再次保存会撤回它。"</p> })}

        <section class="app-panel" aria-labelledby="checks">
            <h2 class="app-panel__title" id="checks">"核对"</h2>
            {if w.problems.is_empty() {
                view! { <p>"各项核对均已通过：每列“本年新收 + 上年结转 = 办理结果总计 + 结转下年度”，各项之和等于总计，文字中的数字与表格一致，没有空项。"</p> }.into_any()
            } else {
                view! {
                    <p>{format!("以下{}项核对未通过，解决后才能送审：", w.problems.len())}</p>
                    <ul class="app-report-problems">
                        {w.problems.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}
                    </ul>
                    <p class="app-hint">"表格中的数字来自本网站的记录：数字不平衡时，请到相应的依申请公开件或行政复议、诉讼记录中更正。"</p>
                }.into_any()
            }}
        </section>

        <form class="app-form" method="post" action=format!("/staff/annual-reports/{year}")>
            <TextArea name="overview_md" label="一、总体情况" value=value("overview_md", &r.overview_md) error=e("overview_md") rows=10
                hint="概述主动公开、依申请公开、政府信息管理、平台建设和监督保障情况。引用数字时写数字名称，如 {{本年新收申请}}，发布时换成表格中的数字，文字与表格就不会不一致。" />
            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">"二、主动公开政府信息情况：需填写的数字"</legend>
                <p class="app-hint">"规章、规范性文件、行政许可、行政处罚和行政强制由本网站统计（行政强制按“公示信息·行政强制”中决定日期在本年的记录计数）；本年收费金额本网站没有记录，请填写（没有则填0）。"</p>
                <TextInput name="fees_wan" label="行政事业性收费：本年收费金额（万元）" value=value("fees_wan", &r.proactive.fees_wan) error=e("fees_wan") inputmode="decimal" />
            </fieldset>
            <TextArea name="problems_md" label="五、存在的主要问题及改进情况" value=value("problems_md", &r.problems_md) error=e("problems_md") rows=6 />
            <TextArea name="other_md" label="六、其他需要报告的事项" value=value("other_md", &r.other_md) error=e("other_md") rows=4
                hint="包括收取信息处理费的情况（见下方“信息处理费元”），以及落实上年度年报发现问题的整改情况等。" />
            <div class="app-form__actions">
                <button type="submit" class="app-button" name="action" value="submit">"保存并送审"</button>
                <button type="submit" class="app-button app-button--secondary" name="action" value="save">"保存草稿"</button>
            </div>
        </form>

        <section class="app-panel" aria-labelledby="figures">
            <h2 class="app-panel__title" id="figures">"可引用的数字"</h2>
            <p class="app-hint">"在文字中写“数字名称”一栏的内容（连同两对大括号），发布时换成右边的数字。"</p>
            <div class="app-table-wrap">
                <table class="app-table app-table--cards">
                    <caption class="app-visually-hidden">"可引用的数字"</caption>
                    <thead><tr><th scope="col">"数字名称"</th><th scope="col">"当前数值"</th></tr></thead>
                    <tbody>
                        {w.figures.iter().map(|(k, v)| view! {
                            <tr>
                                <th scope="row" data-label="数字名称"><code>{format!("{{{{{k}}}}}")}</code></th>
                                <td data-label="当前数值">{v.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>

        <h2 class="app-section-title">"预览（按当前数据和已保存的文字生成）"</h2>
        <div class="app-prose app-prose--report app-panel" inner_html=w.preview_html.clone()></div>
    }
}
