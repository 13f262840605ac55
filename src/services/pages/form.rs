use super::Crumbs;
use crate::services::api::get_service;
use crate::services::types::{FieldKind, FormField, ServiceGuide};
use crate::ui::{error_page::loaded, layout::PageMeta};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/services/{code}/form`: the application form on paper, drawn from the
/// same fields the online form asks; `?sample=1` fills it in as an example.
#[component]
pub fn PrintableFormPage() -> impl IntoView {
    let code = crate::ui::url::route_param("code");
    let sample = use_query_map()
        .with_untracked(|q| q.get("sample"))
        .as_deref()
        == Some("1");
    view! {
        {loaded(
            move || get_service(code.clone()),
            move |guide| view! { <Printable guide sample /> }.into_any(),
        )}
    }
}

/// Fields grouped by their form step, in order of first appearance.
fn by_step(fields: Vec<FormField>) -> Vec<(String, Vec<FormField>)> {
    let mut groups: Vec<(String, Vec<FormField>)> = Vec::new();
    for f in fields {
        match groups.iter_mut().find(|(s, _)| *s == f.step) {
            Some((_, list)) => list.push(f),
            None => groups.push((f.step.clone(), vec![f])),
        }
    }
    groups
}

#[component]
fn Printable(guide: ServiceGuide, sample: bool) -> impl IntoView {
    let s = guide.service;
    let what = if sample { "填写示例" } else { "申请表" };
    let title = format!("{}{what}", s.name);
    // Files are the materials, listed below as a checklist.
    let fields: Vec<FormField> = s
        .fields
        .into_iter()
        .filter(|f| f.kind != FieldKind::File)
        .collect();
    view! {
        <PageMeta title=title.clone() description=format!("{}的{what}，可打印后填写。", s.name) />
        <Crumbs service=(s.code.clone(), s.name.clone()) current=what />
        <article class="app-paper-form">
            <h1 class="app-page-title">{title}</h1>
            <p class="app-hint">
                {if sample {
                    "以下为虚构的示例内容，供对照填写，请勿直接提交。".to_owned()
                } else {
                    format!("请用黑色钢笔或签字笔填写，内容须真实。带 * 的为必填项。事项编码：{}", s.code)
                }}
            </p>
            {by_step(fields).into_iter().map(|(step, list)| view! {
                <table class="app-table app-paper-form__table">
                    <caption class="app-paper-form__caption">{if step.is_empty() { "申请信息".to_owned() } else { step }}</caption>
                    <tbody>
                        {list.into_iter().map(|f| {
                            let value = if sample {
                                f.example.clone()
                            } else if f.kind == FieldKind::Choice {
                                f.options.iter().map(|o| format!("□ {o}")).collect::<Vec<_>>().join("　")
                            } else {
                                String::new()
                            };
                            view! {
                                <tr>
                                    <th scope="row" class="app-paper-form__label">{f.label.clone()}{f.required.then_some(" *")}</th>
                                    <td class="app-paper-form__blank">
                                        {value}
                                        {(!sample && !f.hint.is_empty()).then(|| view! { <span class="app-paper-form__hint">{f.hint.clone()}</span> })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }).collect_view()}
            <h2 class="app-section-title">"随表提交的材料"</h2>
            <ul class="app-paper-form__checklist">
                {s.materials.into_iter().map(|m| view! {
                    <li>{format!("{} {}（{}，{} 份{}）", if sample { "☑" } else { "□" }, m.name, m.form, m.copies, if m.required { "" } else { "，视情况提交" })}</li>
                }).collect_view()}
            </ul>
            <p class="app-paper-form__sign">
                "申请人（签字或盖章）：" <span class="app-paper-form__line">{if sample { "（签字）" } else { "" }}</span>
                "　日期：" <span class="app-paper-form__line">{if sample { "2026年11月27日" } else { "" }}</span>
            </p>
            <p class="app-actions app-paper-form__back"><a href=format!("/services/{}", s.code)>"返回办事指南"</a></p>
        </article>
    }
}
