//! Staff's side of 意见征集 (编辑): the consultations with their counts and
//! late feedback, and one consultation's comments — answered alone or
//! grouped, shown on the public page, entered when they came by letter or
//! e-mail — with the feedback report generated from the answers. Every
//! form posts to the consultation's own address, so a refused one comes
//! back on this page with its entries.

use super::{period, StageTag};
use crate::comments::api::{get_consultation_work, list_consultation_work};
use crate::comments::types::{Channel, Decision, StaffConsultation, StaffLine};
use crate::error::FieldError;
use crate::server::forms::{notice, Submitted};
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{
    error_page::loaded,
    format::date_zh,
    forms::{error_for, ErrorSummary, Notice, Radios, Select, TextArea, TextInput},
    layout::PageMeta,
};
use leptos::prelude::*;

#[component]
fn LineTable(items: Vec<StaffLine>) -> impl IntoView {
    view! {
        <div class="app-table-wrap">
            <table class="app-table app-table--cards">
                <caption class="app-visually-hidden">"意见征集"</caption>
                <thead><tr>
                    <th scope="col">"征集"</th>
                    <th scope="col">"状态"</th>
                    <th scope="col">"截止日期"</th>
                    <th scope="col">"意见"</th>
                    <th scope="col">"未答复"</th>
                </tr></thead>
                <tbody>
                    {items.into_iter().map(|l| view! {
                        <tr>
                            <th scope="row" data-label="征集"><a href=format!("/staff/consultations/{}", l.id)>{l.title.clone()}</a></th>
                            <td data-label="状态">
                                {match l.stage {
                                    Some(stage) if l.live => view! { <StageTag stage /> }.into_any(),
                                    _ => view! { <span class="app-tag">"尚未发布"</span> }.into_any(),
                                }}
                                {l.feedback_late.map(|d| view! { " "<strong class="app-tag app-tag--overdue">{format!("截止已{d}天，尚未反馈")}</strong> })}
                            </td>
                            <td data-label="截止日期">{if l.closes_on.is_empty() { "—".to_owned() } else { date_zh(&l.closes_on) }}</td>
                            <td data-label="意见">{l.total}</td>
                            <td data-label="未答复">{l.unanswered}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The workbench's line: consultations closed for longer than the bureau's
/// limit without a feedback report.
#[component]
pub fn LateFeedback(items: Vec<StaffLine>) -> impl IntoView {
    let late: Vec<StaffLine> = items
        .into_iter()
        .filter(|l| l.feedback_late.is_some())
        .collect();
    (!late.is_empty()).then(|| {
        view! {
            <section class="app-panel" aria-labelledby="late-feedback">
                <h2 class="app-panel__title" id="late-feedback">"意见征集逾期未反馈"</h2>
                <LineTable items=late />
            </section>
        }
    })
}

/// `/staff/consultations`: every consultation with its counts.
#[component]
pub fn StaffConsultationsPage() -> impl IntoView {
    view! {
        <PageMeta title="意见征集管理" description="意见征集的意见处理和采纳情况反馈。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="意见征集" />
        <h1 class="app-page-title">"意见征集"</h1>
        <ul class="app-actions">
            <li><a class="app-button app-button--secondary" href="/disclosure/consultation/new">"新建意见征集"</a></li>
        </ul>
        <p class="app-hint">"新建的征集和每次修改都经保密审查后发布；发布后才开始接受意见。征集结束、每条意见都答复后，在这里生成意见采纳情况反馈并送审。"</p>
        {loaded(list_consultation_work, |items| {
            let unanswered: i64 = items.iter().map(|l| l.unanswered).sum();
            let late = items.iter().filter(|l| l.feedback_late.is_some()).count();
            view! {
                <p class="app-meta-line" role="status">{format!("共 {} 项；未答复的意见 {unanswered} 条；逾期未反馈 {late} 项", items.len())}</p>
                {if items.is_empty() {
                    view! { <p class="app-empty">"还没有意见征集。"</p> }.into_any()
                } else {
                    view! { <LineTable items /> }.into_any()
                }}
            }
            .into_any()
        })}
    }
}

/// `/staff/consultations/{id}`: one consultation's comments and feedback.
#[component]
pub fn StaffConsultationPage() -> impl IntoView {
    let id = crate::ui::url::id_param("id");
    let submitted = use_context::<Submitted>();
    loaded(
        move || async move {
            match id {
                Some(id) => get_consultation_work(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
        move |c| view! { <Work c submitted=submitted.clone() /> }.into_any(),
    )
}

#[component]
fn Work(c: StaffConsultation, submitted: Option<Submitted>) -> impl IntoView {
    let errors: Vec<FieldError> = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let message = submitted.as_ref().and_then(|s| s.message.clone());
    let value = |k: &str| submitted.as_ref().map(|s| s.value(k)).unwrap_or_default();
    let e = |f: &str| error_for(&errors, f);
    let title = if errors.is_empty() && message.is_none() {
        format!("意见征集：{}", c.title)
    } else {
        format!("错误：意见征集：{}", c.title)
    };
    let action = format!("/staff/consultations/{}", c.id);
    let unanswered = c.comments.iter().filter(|m| m.answer.is_none()).count();
    let decisions = Decision::ALL
        .iter()
        .map(|d| (d.as_str().to_owned(), d.label().to_owned()))
        .collect::<Vec<_>>();
    let channels = Channel::ALL
        .iter()
        .filter(|ch| **ch != Channel::Online)
        .map(|ch| (ch.as_str().to_owned(), ch.label().to_owned()))
        .collect::<Vec<_>>();
    let parts = std::iter::once((String::new(), "总体意见（不针对具体条款）".to_owned()))
        .chain(c.parts.iter().map(|p| (p.clone(), p.clone())))
        .collect::<Vec<_>>();
    let report_html = c
        .report_preview
        .as_deref()
        .map(crate::content::markdown::render);
    view! {
        <PageMeta title=title description="意见征集的意见处理。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff"), ("意见征集", "/staff/consultations")]) current=c.title.clone() />
        <h1 class="app-page-title">{c.title.clone()}</h1>
        {notice().map(|n| view! { <Notice text=n /> })}
        {message.map(|m| view! { <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true><p>{m}</p></div> })}
        <ErrorSummary errors=errors.clone() />
        <p class="app-meta-line">
            {if c.live {
                format!("征集期：{}", period(&c.opened_on, &c.closes_on))
            } else {
                "尚未发布：审核通过并发布后开始征集。".to_owned()
            }}
            {c.stage.filter(|_| c.live).map(|stage| view! { " "<StageTag stage /> })}
        </p>
        <ul class="app-actions">
            {c.live.then(|| view! { <li><a href=format!("/consultations/{}", c.id)>"查看公开页面"</a></li> })}
            <li><a href=format!("/articles/{}/edit", c.id)>"修改征集稿和征集设置"</a></li>
            <li><a href=format!("/staff/consultations/{}/comments.csv", c.id)>"导出全部意见（CSV）"</a></li>
        </ul>
        {c.pending_review.then(|| view! { <p class="app-hint">"这项征集有一份稿件正在审核或等待发布。"</p> })}

        <h2 class="app-section-title">{format!("收到的意见（{}条，未答复{unanswered}条）", c.comments.len())}</h2>
        {if c.comments.is_empty() {
            view! { <p class="app-empty">"还没有收到意见。"</p> }.into_any()
        } else {
            view! {
                <form class="app-form" method="post" action=action.clone()>
                    <fieldset class="app-fieldset" id="c">
                        <legend class="app-fieldset__legend">"勾选意见（内容相同或相近的可以一起勾选，合并答复）"</legend>
                        {e("c").map(|m| view! { <p class="app-field__error"><span class="app-visually-hidden">"错误："</span>{m}</p> })}
                        <ol class="app-comments">
                            {c.comments.iter().enumerate().map(|(i, m)| {
                                let id = format!("c-{}", m.id);
                                let who = if m.name.is_empty() { "匿名".to_owned() } else { m.name.clone() };
                                let contact = if m.contact.is_empty() { "未留联系方式".to_owned() } else { m.contact.clone() };
                                let entered = if m.entered_by.is_empty() { String::new() } else { format!(" · {}录入", m.entered_by) };
                                view! {
                                    <li class="app-comments__item">
                                        <div class="app-field app-field--checkbox">
                                            <input type="checkbox" id=id.clone() name="c" value=m.id.to_string() />
                                            <label for=id>{format!("意见{}：{} · {}", i + 1, who, contact)}</label>
                                        </div>
                                        <p class="app-comments__meta">
                                            {format!("{} · {}{}", m.channel.short(), date_zh(&m.received_on), entered)}
                                            {(!m.part.is_empty()).then(|| format!(" · 针对：{}", m.part))}
                                            {(c.comments_public && m.shown).then(|| view! { " "<span class="app-tag app-tag--light">"已公开"</span> })}
                                        </p>
                                        <p class="app-comments__text">{m.body.clone()}</p>
                                        <p class="app-comments__answer">{match &m.answer {
                                            Some((_, d, r)) if r.is_empty() => format!("答复：{}", d.label()),
                                            Some((_, d, r)) => format!("答复：{}。理由：{r}", d.label()),
                                            None => "尚未答复".to_owned(),
                                        }}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    </fieldset>
                    <Radios name="decision" legend="处理结果" options=decisions selected=value("decision") error=e("decision") />
                    <TextArea name="reason" label="理由" value=value("reason") error=e("reason") rows=3 hint="部分采纳、未采纳和不属于本次征集范围的，须说明理由；理由在反馈报告中公开" />
                    <div class="app-form__actions">
                        <button type="submit" class="app-button" name="action" value="answer">"答复所选意见"</button>
                        {c.comments_public.then(|| view! {
                            <button type="submit" class="app-button app-button--secondary" name="action" value="show">"公开所选意见"</button>
                            <button type="submit" class="app-button app-button--secondary" name="action" value="hide">"撤下所选意见"</button>
                        })}
                    </div>
                    {c.comments_public.then(|| view! { <p class="app-hint">"公开的意见隐去姓名（只留姓氏）、身份证号和电话等个人信息；联系方式从不公开。"</p> })}
                </form>
            }.into_any()
        }}

        <h2 class="app-section-title">"录入其他方式收到的意见"</h2>
        <form class="app-form" method="post" action=action.clone()>
            <input type="hidden" name="action" value="enter" />
            <Select name="channel" label="提出方式" options=channels selected=value("channel") error=e("channel") />
            <TextInput name="received_on" label="收到日期" value=value("received_on") error=e("received_on") kind="date" hint="信函以邮戳日期为准" />
            <Select name="part" label="意见针对的部分" options=parts selected=value("part") error=e("part") />
            <TextArea name="body" label="意见内容" value=value("body") error=e("body") rows=6 />
            <TextInput name="name" label="姓名或单位名称" value=value("name") error=e("name") hint="不署名的可以不填" />
            <TextInput name="contact" label="联系方式" value=value("contact") error=e("contact") hint="手机号码、电话号码或电子邮箱，可以不填" />
            <div class="app-form__actions">
                <button type="submit" class="app-button app-button--secondary">"录入意见"</button>
            </div>
        </form>

        <h2 class="app-section-title">"意见采纳情况反馈"</h2>
        {match (report_html, c.report_blocked.clone()) {
            (Some(html), _) => view! {
                <p class="app-hint">"以下是根据意见答复生成的反馈报告。送审后，审核通过即在征集页面公开；答复如再有修改，须重新生成。"</p>
                <div class="app-prose app-feedback app-panel" inner_html=html></div>
                <form class="app-form" method="post" action=action.clone()>
                    <input type="hidden" name="action" value="report" />
                    <button type="submit" class="app-button">"生成反馈报告并送审"</button>
                </form>
            }.into_any(),
            (None, why) => view! { <p class="app-hint">{why.unwrap_or_default()}</p> }.into_any(),
        }}
    }
}
