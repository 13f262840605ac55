use super::{Crumbs, KeyFigures};
use crate::consult::pages::QaItem;
use crate::graphics::pages::Figure;
use crate::services::api::get_service;
use crate::services::types::{days_text, Service, ServiceGuide};
use crate::ui::{error_page::loaded, layout::PageMeta};
use leptos::prelude::*;

/// `/services/{code}`: the whole 办事指南 of one service.
#[component]
pub fn GuidePage() -> impl IntoView {
    let code = crate::ui::url::route_param("code");
    view! {
        {loaded(
            move || get_service(code.clone()),
            move |guide| view! { <Guide guide /> }.into_any(),
        )}
    }
}

fn tel(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .filter(char::is_ascii_digit)
        .collect();
    format!("tel:{digits}")
}

/// A phone number as link text: its hyphens and spaces do not break, so
/// the number never splits across lines on a narrow phone.
fn phone_text(phone: &str) -> String {
    phone.replace('-', "\u{2011}").replace(' ', "\u{a0}")
}

#[component]
fn Row(label: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="app-fields__row">
            <dt class="app-fields__label">{label}</dt>
            <dd class="app-fields__value">{children()}</dd>
        </div>
    }
}

#[component]
fn Guide(guide: ServiceGuide) -> impl IntoView {
    let ServiceGuide {
        service: s,
        due_if_today,
        figures,
        faq,
    } = guide;
    let sections = guide_sections(&s, due_if_today, false);
    let Service {
        code,
        name,
        kind,
        theme,
        audience,
        online,
        ..
    } = s;
    let ask = format!("/consult/ask?service={code}");
    let all_answers = format!("/consult?service={code}");
    let description = format!("{name}的办事指南：受理条件、申请材料、办理流程、时限和收费。");
    view! {
        <PageMeta title=format!("{name} 办事指南") description />
        <Crumbs current=name.clone() />
        <h1 class="app-page-title">{name.clone()}</h1>
        {crate::account::auth::current_user()
            .filter(|u| crate::services::editor::may_edit(u) || u.has(crate::account::types::Role::Reviewer))
            .map(|u| view! {
                <nav aria-label="工作人员操作"><ul class="app-actions">
                    {crate::services::editor::may_edit(&u).then(|| view! {
                        <li><a class="app-button app-button--secondary" href=format!("/staff/services/{code}/edit/basics")>"修改办事指南"</a></li>
                    })}
                    <li><a href=format!("/staff/services/{code}")>"事项管理"</a></li>
                </ul></nav>
            })}
        <p class="app-services__meta">
            <span>{kind}</span>
            <span>{format!("{theme}类")}</span>
            <span>{format!("面向{}", audience.label())}</span>
            <span>{format!("事项编码 {code}")}</span>
        </p>
        {online.then(|| view! {
            <p class="app-actions">
                <a class="app-button" href=format!("/services/{code}/apply")>"在线申请"</a>
                " "
                <a class="app-button app-button--secondary" href="/track">"办件查询"</a>
            </p>
        })}
        <nav class="app-guide__contents" aria-label="本页内容">
            <ul class="app-guide__contents-list">
                <li><a href="#basics">"基本信息"</a></li>
                <li><a href="#conditions">"受理条件"</a></li>
                <li><a href="#materials">"申请材料"</a></li>
                <li><a href="#flow">"办理流程"</a></li>
                <li><a href="#contact">"地点和咨询"</a></li>
                <li><a href="#faq">"常见问题"</a></li>
                <li><a href="#figures">"办件情况"</a></li>
            </ul>
        </nav>

        {sections}

        <h2 id="faq" class="app-section-title">"常见问题"</h2>
        {if faq.is_empty() {
            view! { <p>"暂无常见问题。"<a href=ask.clone()>"我要咨询"</a></p> }.into_any()
        } else {
            view! {
                <div class="app-qa-list">
                    {faq.into_iter().map(|qa| view! { <QaItem qa level=3 /> }).collect_view()}
                </div>
                <p><a href=all_answers.clone()>"查看本事项全部公开答复"</a></p>
            }.into_any()
        }}

        <h2 id="figures" class="app-section-title">"办件情况"</h2>
        <KeyFigures f=figures />
    }
}

/// The guide's sections from 基本信息 to 办理地点和咨询, as the public
/// sees them; `preview` (a guide waiting for review) leaves out what only
/// a published guide has (the flow's downloads, asking about it online).
pub fn guide_sections(s: &Service, due_if_today: Option<String>, preview: bool) -> impl IntoView {
    let flow = crate::graphics::build::service_flow(s);
    let Service {
        code,
        name,
        legal_basis,
        body,
        conditions,
        materials,
        steps,
        legal_days,
        promised_days,
        fees,
        place,
        hours,
        enquiry_phone,
        complaint_phone,
        visits,
        ..
    } = s.clone();
    let visits = if visits == 0 {
        "0 次（零跑动）".to_owned()
    } else {
        format!("{visits} 次")
    };
    let ask_here = format!("/consult/ask?service={code}");
    let flow_links = if preview {
        vec![]
    } else {
        vec![
            (
                format!("/services/{code}/flow/share.png"),
                "下载流程图（PNG，适合微信分享）".to_owned(),
            ),
            (
                format!("/services/{code}/flow/graphic.svg"),
                "下载矢量图（SVG）".to_owned(),
            ),
        ]
    };
    view! {
        <h2 id="basics" class="app-section-title">"基本信息"</h2>
        <dl class="app-fields">
            <Row label="设定依据">{legal_basis}</Row>
            <Row label="实施机关">{body}</Row>
            <Row label="法定办结时限">{format!("{legal_days} 个工作日")}</Row>
            <Row label="承诺办结时限">
                {format!("{promised_days} 个工作日")}
                {due_if_today.map(|d| view! { <p class="app-hint">{format!("如今天受理：{d}")}</p> })}
            </Row>
            <Row label="收费标准">{fees}</Row>
            <Row label="到现场次数">{visits}</Row>
        </dl>

        <h2 id="conditions" class="app-section-title">"受理条件"</h2>
        <ol class="app-guide__conditions">
            {conditions.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
        </ol>

        <h2 id="materials" class="app-section-title">"申请材料"</h2>
        {(!preview).then(|| view! {
            <p class="app-actions">
                <a class="app-button app-button--secondary" href=format!("/services/{code}/form")>"空白申请表（可打印）"</a>
                " "
                <a class="app-button app-button--secondary" href=format!("/services/{code}/form?sample=1")>"填写示例"</a>
            </p>
        })}
        <div class="app-table-wrap">
            <table class="app-table app-table--cards">
                <caption class="app-visually-hidden">{format!("{name}申请材料")}</caption>
                <thead><tr>
                    <th scope="col">"序号"</th>
                    <th scope="col">"材料名称"</th>
                    <th scope="col">"形式"</th>
                    <th scope="col">"份数"</th>
                    <th scope="col">"是否必需"</th>
                    <th scope="col">"说明"</th>
                </tr></thead>
                <tbody>
                    {materials.into_iter().enumerate().map(|(i, m)| view! {
                        <tr>
                            <td data-label="序号">{(i + 1).to_string()}</td>
                            <th scope="row" data-label="材料名称">{m.name}</th>
                            <td data-label="形式">{m.form}</td>
                            <td data-label="份数">{m.copies.to_string()}</td>
                            <td data-label="是否必需">{if m.required { "必需" } else { "视情况提交" }}</td>
                            <td data-label="说明" class="app-table__cell--small">{if m.note.is_empty() { "—".to_owned() } else { m.note }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>

        <h2 id="flow" class="app-section-title">"办理流程"</h2>
        <div class="app-guide__flow">
            <Figure
                spec=flow
                dom_id="flow-graphic".to_owned()
                level=0
                links=flow_links
            />
            <ol class="app-guide__steps">
                {steps.into_iter().map(|st| view! {
                    <li class="app-guide__step">
                        <strong>{st.name}</strong>
                        {format!("：{}，{}", st.actor, days_text(st.days))}
                        {(!st.needs.is_empty()).then(|| view! { <span class="app-guide__needs">{format!("。{}", st.needs)}</span> })}
                        {st.branch.map(|b| view! { <span class="app-guide__branch">{format!("（{b}）")}</span> })}
                    </li>
                }).collect_view()}
            </ol>
        </div>

        <h2 id="contact" class="app-section-title">"办理地点和咨询"</h2>
        <dl class="app-fields">
            <Row label="办理地点">{place}</Row>
            <Row label="办理时间">{hours}</Row>
            <Row label="咨询电话"><a href=tel(&enquiry_phone)>{phone_text(&enquiry_phone)}</a></Row>
            <Row label="投诉电话"><a href=tel(&complaint_phone)>{phone_text(&complaint_phone)}</a></Row>
            {(!preview).then(|| view! { <Row label="网上咨询"><a href=ask_here>"就本事项网上咨询"</a></Row> })}
        </dl>

    }
}
