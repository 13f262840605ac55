use super::{Crumbs, Value};
use crate::error::AppError;
use crate::registers::api::{find_parties, get_credit_report};
use crate::registers::schema::Register;
use crate::registers::types::PublicRow;
use crate::ui::{
    error_page::{awaited, error_view, loaded},
    forms::{error_for, ErrorSummary, TextInput},
    layout::PageMeta,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/credit`: find an organisation by name or 统一社会信用代码.
#[component]
pub fn CreditSearchPage() -> impl IntoView {
    let q = use_query_map()
        .with_untracked(|m| m.get("q"))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    view! {
        {awaited(async move {
                let Some(text) = q.clone() else {
                    return view! { <SearchForm value=String::new() error=None /> }.into_any();
                };
                match find_parties(text.clone()).await {
                    Ok(parties) => {
                        // One exact match by code: go straight to it.
                        if parties.len() == 1 && parties[0].code.eq_ignore_ascii_case(&text) {
                            crate::server::context::redirect(&format!("/credit/{}", parties[0].code));
                        }
                        let n = parties.len();
                        view! {
                            <SearchForm value=text.clone() error=None />
                            <p class="app-page-lede" role="status">{if n == 0 { format!("没有找到与“{text}”相关的单位。") } else { format!("找到 {n} 个单位") }}</p>
                            <ul class="app-result-list">
                                {parties.into_iter().map(|p| view! {
                                    <li class="app-result-list__item">
                                        <a href=format!("/credit/{}", p.code)>{p.name.clone()}</a>
                                        <span class="app-result-list__meta">{format!("统一社会信用代码 {} · {} 条记录", p.code, p.records)}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                    Err(AppError::Validation(errors)) => {
                        crate::server::context::set_status(400);
                        view! { <SearchForm value=text.clone() error=error_for(&errors, "q") /> }.into_any()
                    }
                    Err(e) => error_view(e),
                }
            })}
    }
}

#[component]
fn SearchForm(value: String, error: Option<String>) -> impl IntoView {
    let errors: Vec<crate::error::FieldError> = error
        .clone()
        .map(|m| {
            vec![crate::error::FieldError {
                field: "q".into(),
                message: m,
            }]
        })
        .unwrap_or_default();
    let title = if errors.is_empty() {
        "企业信用信息"
    } else {
        "错误：企业信用信息"
    };
    view! {
        <PageMeta title=title description="按单位名称或统一社会信用代码查询行政许可、行政处罚、抽查检查结果和严重失信记录。" />
        <Crumbs current="企业信用信息" />
        <h1 class="app-page-title">"企业信用信息"</h1>
        <p class="app-page-lede">"查询 2015 年 1 月以来本局作出的行政许可、公示期内的行政处罚、双随机抽查结果和严重失信记录。"</p>
        <ErrorSummary errors />
        <form class="app-filters" method="get" action="/credit" role="search" aria-label="查询企业信用信息">
            <TextInput name="q" label="单位名称或统一社会信用代码" value error hint="如：海峡书城，或 18 位统一社会信用代码" />
            <div class="app-filters__actions"><button type="submit" class="app-button">"查询"</button></div>
        </form>
    }
}

/// `/credit/{code}`: one organisation's record since 2015.
#[component]
pub fn CreditReportPage() -> impl IntoView {
    let code = crate::ui::url::route_param("code");
    view! {
        {loaded(
            move || get_credit_report(code.clone()),
            move |r| {
                        let serious = !r.serious.is_empty();
                        view! {
                            <PageMeta title=format!("{} - 企业信用信息", r.name) description=format!("{}的行政许可、行政处罚和抽查检查记录", r.name) />
                            <Crumbs current=r.name.clone() />
                            <h1 class="app-page-title">{r.name.clone()}</h1>
                            <p class="app-page-lede">{format!("统一社会信用代码：{}", r.code)}</p>
                            {if serious {
                                view! {
                                    <div class="app-banner app-banner--warning" role="note">
                                        <p class="app-banner__title">{format!("有 {} 条严重失信记录", r.serious.len())}</p>
                                    </div>
                                }.into_any()
                            } else {
                                view! { <p class="app-banner app-banner--ok">"公示期内无严重失信记录"</p> }.into_any()
                            }}
                            <Section register=Register::Licence rows=r.licences />
                            <Section register=Register::Penalty rows=r.penalties />
                            <Section register=Register::Inspection rows=r.inspections />
                            <p class="app-hint">"仅列出 2015 年 1 月以来、仍在公示期内的记录。"</p>
                        }.into_any()
                    },
        )}
    }
}

#[component]
fn Section(register: Register, rows: Vec<PublicRow>) -> impl IntoView {
    let slug = register.slug();
    let id = format!("credit-{slug}");
    let columns: Vec<&'static crate::registers::schema::Field> = register
        .fields()
        .iter()
        .filter(|f| f.in_table && Some(f.key) != register.columns().party)
        .collect();
    view! {
        <section class="app-credit-section" aria-labelledby=id.clone()>
            <h2 class="app-section-title" id=id.clone()>{format!("{}（{}）", register.label(), rows.len())}</h2>
            {if rows.is_empty() {
                view! { <p class="app-empty">"无记录"</p> }.into_any()
            } else {
                view! {
                    <div class="app-table-wrap">
                        <table class="app-table app-table--cards">
                            <thead><tr>{columns.iter().map(|f| view! { <th scope="col">{f.label}</th> }).collect_view()}</tr></thead>
                            <tbody>
                                {rows.into_iter().map(|row| {
                                    let href = format!("/registers/{slug}/{}", row.id);
                                    view! {
                                        <tr>
                                            {columns.iter().enumerate().map(|(i, f)| view! {
                                                <td data-label=f.label>
                                                    {if i == 0 {
                                                        view! { <a href=href.clone()><Value field=*f row=row.clone() /></a> }.into_any()
                                                    } else {
                                                        view! { <Value field=*f row=row.clone() /> }.into_any()
                                                    }}
                                                </td>
                                            }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
