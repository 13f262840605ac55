//! 意见征集 pages: the list of consultations (open, awaiting feedback,
//! answered), one consultation with its draft, terms, comment form,
//! comments and feedback report; and staff's pages (`staff`).

mod staff;

pub use staff::{LateFeedback, StaffConsultationPage, StaffConsultationsPage};

use crate::comments::api::{get_consultation, list_public_consultations};
use crate::comments::types::{ConsultationSummary, ConsultationView, Stage, COMMENT_MAX};
use crate::server::forms::{notice, Submitted};
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{
    error_page::loaded,
    format::date_zh,
    forms::{error_for, ErrorSummary, Notice, Select, TextArea, TextInput},
    layout::PageMeta,
};
use leptos::prelude::*;

/// 2026年11月1日至2026年11月30日
pub(crate) fn period(opened_on: &str, closes_on: &str) -> String {
    format!("{}至{}", date_zh(opened_on), date_zh(closes_on))
}

/// The stage as a tag (the words carry it; the colour only repeats them).
#[component]
pub(crate) fn StageTag(stage: Stage) -> impl IntoView {
    let class = match stage {
        Stage::Open { days_left } if days_left <= 3 => "app-tag app-tag--warning",
        Stage::Open { .. } => "app-tag app-tag--light",
        Stage::AwaitingFeedback => "app-tag",
        Stage::Answered => "app-tag app-tag--light",
    };
    view! { <span class=class>{stage.label()}</span> }
}

#[component]
fn SummaryList(items: Vec<ConsultationSummary>, empty: &'static str) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="app-list__empty">{empty}</p> }.into_any();
    }
    view! {
        <ul class="app-list">
            {items.into_iter().map(|c| view! {
                <li class="app-list__item app-list__item--stacked">
                    <a class="app-list__link" href=format!("/consultations/{}", c.id)>{c.title.clone()}</a>
                    <span class="app-list__meta">
                        {format!("征集期：{}", period(&c.opened_on, &c.closes_on))}
                        " "<StageTag stage=c.stage />
                        {c.feedback_on.as_ref().map(|d| format!(" 反馈日期：{}", date_zh(d)))}
                    </span>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// `/consultations`: every published consultation, by where it stands.
#[component]
pub fn ConsultationsPage() -> impl IntoView {
    view! {
        <PageMeta title="意见征集" description="重大决策草案公开征求意见，及意见采纳情况的反馈。" />
        <Breadcrumbs trail=trail(&[("首页", "/")]) current="意见征集" />
        <h1 class="app-page-title">"意见征集"</h1>
        <p class="app-page-lede">"涉及公众利益的重大决策，在作出前向社会公开征求意见。征集结束后，我们对每条意见逐条研究，并公开意见采纳情况和理由。"</p>
        <p><a href="/feed/consultation.xml">"订阅（RSS）"</a>" · "<a href="/disclosure/consultation">"在信息公开目录中查看"</a></p>
        {loaded(list_public_consultations, |items| {
            let (open, rest): (Vec<_>, Vec<_>) = items.into_iter().partition(|c| c.stage.is_open());
            let (waiting, answered): (Vec<_>, Vec<_>) =
                rest.into_iter().partition(|c| c.stage == Stage::AwaitingFeedback);
            view! {
                <section aria-labelledby="open-title">
                    <h2 class="app-section-title" id="open-title">{format!("正在征集（{}项）", open.len())}</h2>
                    <SummaryList items=open empty="目前没有正在征集意见的草案。" />
                </section>
                <section aria-labelledby="waiting-title">
                    <h2 class="app-section-title" id="waiting-title">{format!("征集已结束，正在研究处理（{}项）", waiting.len())}</h2>
                    <SummaryList items=waiting empty="没有等待反馈的征集。" />
                </section>
                <section aria-labelledby="answered-title">
                    <h2 class="app-section-title" id="answered-title">{format!("已反馈意见采纳情况（{}项）", answered.len())}</h2>
                    <SummaryList items=answered empty="暂无已反馈的征集。" />
                </section>
            }
            .into_any()
        })}
    }
}

/// `/consultations/{id}`: one consultation.
#[component]
pub fn ConsultationPage() -> impl IntoView {
    let id = crate::ui::url::id_param("id");
    let submitted = use_context::<Submitted>();
    loaded(
        move || async move {
            match id {
                Some(id) => get_consultation(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
        move |c| view! { <Consultation c submitted=submitted.clone() /> }.into_any(),
    )
}

#[component]
fn Consultation(c: ConsultationView, submitted: Option<Submitted>) -> impl IntoView {
    let s = c.summary.clone();
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let message = submitted.as_ref().and_then(|s| s.message.clone());
    let title = if errors.is_empty() && message.is_none() {
        s.title.clone()
    } else {
        format!("错误：{}", s.title)
    };
    let description = if s.summary.is_empty() {
        format!(
            "公开征求意见，征集期：{}。",
            period(&s.opened_on, &s.closes_on)
        )
    } else {
        s.summary.clone()
    };
    let status = match s.stage {
        Stage::Open { days_left } => format!(
            "正在征求意见：截至{}24时，{}。",
            date_zh(&s.closes_on),
            if days_left == 1 {
                "今天截止".to_owned()
            } else {
                format!("还剩{days_left}天")
            }
        ),
        Stage::AwaitingFeedback => format!(
            "意见征集已于{}结束，我们正在逐条研究收到的意见，研究后将在本页反馈采纳情况。",
            date_zh(&s.closes_on)
        ),
        Stage::Answered => format!(
            "意见征集已于{}结束，意见采纳情况已于{}反馈，见本页下方。",
            date_zh(&s.closes_on),
            s.feedback_on.as_deref().map(date_zh).unwrap_or_default()
        ),
    };
    let open = s.stage.is_open();
    let staff_link = crate::content::pages::staff_edit_link(
        format!("/staff/consultations/{}", s.id),
        "管理意见",
    );
    view! {
        <PageMeta title=title description=description />
        <Breadcrumbs trail=trail(&[("首页", "/"), ("意见征集", "/consultations")]) current=s.title.clone() />
        {staff_link}
        <article class="app-article">
            <h1 class="app-article__title">{s.title.clone()}</h1>
            <div class=if open { "app-banner app-banner--ok" } else { "app-banner" } role="note">
                <p class="app-banner__title">{s.stage.label()}</p>
                <p class="app-banner__text">{status}</p>
            </div>
            {message.map(|m| view! { <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true><p>{m}</p></div> })}
            {notice().map(|n| view! { <Notice text=n /> })}
            <dl class="app-meta">
                {c.index_no.clone().map(|n| view! { <div class="app-meta__row"><dt class="app-meta__key">"索引号"</dt><dd class="app-meta__value">{n}</dd></div> })}
                <div class="app-meta__row"><dt class="app-meta__key">"发布机构"</dt><dd class="app-meta__value">{c.publisher.clone()}</dd></div>
                <div class="app-meta__row"><dt class="app-meta__key">"征集期"</dt><dd class="app-meta__value">{format!("{}（共{}日）", period(&s.opened_on, &s.closes_on), c.period_days)}</dd></div>
                {(!c.short_reason.is_empty()).then(|| view! {
                    <div class="app-meta__row"><dt class="app-meta__key">"征集期少于30日的理由"</dt><dd class="app-meta__value">{c.short_reason.clone()}</dd></div>
                })}
                <div class="app-meta__row"><dt class="app-meta__key">"信息类别"</dt><dd class="app-meta__value">"意见征集"</dd></div>
            </dl>
            {(!s.summary.is_empty()).then(|| view! {
                <div class="app-article__summary">
                    <h2 class="app-article__summary-title">"内容概述"</h2>
                    <p>{s.summary.clone()}</p>
                </div>
            })}
            <h2 class="app-section-title">"征求意见稿"</h2>
            <div class="app-article__body app-prose" inner_html=c.body_html.clone()></div>
            <crate::content::pages::Attachments items=c.attachments.clone() />
            {(!c.explanation_html.is_empty()).then(|| view! {
                <section aria-labelledby="explanation-title">
                    <h2 class="app-section-title" id="explanation-title">"起草说明"</h2>
                    <div class="app-prose" inner_html=c.explanation_html.clone()></div>
                </section>
            })}
        </article>
        {c.decision.clone().map(|d| view! {
            <section class="app-panel" aria-labelledby="decision-title">
                <h2 class="app-panel__title" id="decision-title">"最终决定"</h2>
                <p>"征求意见后正式发布的文件："<a href=format!("/articles/{}", d.id)>{d.title}</a></p>
            </section>
        })}
        {c.feedback_html.clone().map(|html| view! {
            <section class="app-panel" aria-labelledby="feedback-title">
                <h2 class="app-panel__title" id="feedback-title">"意见采纳情况反馈"</h2>
                <div class="app-prose app-feedback" inner_html=html></div>
            </section>
        })}
        {(!open).then(|| submitted.as_ref().map(|s| s.value("body")).filter(|b| !b.is_empty())).flatten().map(|body| view! {
            <section class="app-panel" aria-labelledby="late-title">
                <h2 class="app-panel__title" id="late-title">"您填写的意见（未能提交）"</h2>
                <p class="app-comments__text">{body}</p>
                <p class="app-hint">"征集已经结束。如有需要，您可以复制保存以上内容。"</p>
            </section>
        })}
        {open.then(|| view! { <Ways c=c.clone() /> })}
        {open.then(|| view! { <CommentForm c=c.clone() errors=errors.clone() submitted=submitted.clone() /> })}
        {(c.comments_public && c.feedback_html.is_none()).then(|| view! { <ShownComments c=c.clone() /> })}
    }
}

/// How to comment: here, by letter, by e-mail.
#[component]
fn Ways(c: ConsultationView) -> impl IntoView {
    view! {
        <section class="app-panel" aria-labelledby="ways-title">
            <h2 class="app-panel__title" id="ways-title">"提出意见的方式"</h2>
            <ul class="app-list">
                <li class="app-list__item">"网上提交：填写本页下方的表单。"</li>
                {(!c.comment_email.is_empty()).then(|| view! {
                    <li class="app-list__item">"电子邮件：发送至 "<a href=format!("mailto:{}", c.comment_email)>{c.comment_email.clone()}</a>"，请在邮件主题中注明“意见征集”。"</li>
                })}
                {(!c.comment_address.is_empty()).then(|| view! {
                    <li class="app-list__item">{format!("信函：寄至 {}，请在信封上注明“意见征集”（以邮戳日期为准）。", c.comment_address)}</li>
                })}
            </ul>
        </section>
    }
}

#[component]
fn CommentForm(
    c: ConsultationView,
    errors: Vec<crate::error::FieldError>,
    submitted: Option<Submitted>,
) -> impl IntoView {
    let value = |k: &str| submitted.as_ref().map(|s| s.value(k)).unwrap_or_default();
    let e = |f: &str| error_for(&errors, f);
    let parts = std::iter::once((String::new(), "总体意见（不针对具体条款）".to_owned()))
        .chain(c.parts.iter().map(|p| (p.clone(), p.clone())))
        .collect::<Vec<_>>();
    let name_hint = if c.anonymous_ok {
        "可以不填（匿名）。意见公开时只显示姓氏"
    } else {
        "必填。意见公开时只显示姓氏"
    };
    let shown = if c.comments_public {
        "您的意见经审核后在本页公开（姓名只显示姓氏，身份证号、电话等个人信息隐去），并在征集结束后逐条反馈采纳情况。"
    } else {
        "您的意见在征集结束后与采纳情况一并公开（姓名只显示姓氏，身份证号、电话等个人信息隐去）。"
    };
    view! {
        <section class="app-panel" id="comment-form" aria-labelledby="comment-title">
            <h2 class="app-panel__title" id="comment-title">"提出意见"</h2>
            <p class="app-hint">{shown}" 联系方式不会公开，仅用于就您的意见与您沟通。"</p>
            <ErrorSummary errors=errors.clone() />
            <form class="app-form" method="post" action=format!("/consultations/{}", c.summary.id)>
                <Select name="part" label="意见针对的部分" options=parts selected=value("part") error=e("part") />
                <TextArea name="body" label="意见和建议" value=value("body") error=e("body") rows=8 hint="请写明修改建议和理由；3000字以内" />
                <TextInput name="name" label="姓名或单位名称" value=value("name") error=e("name") hint=name_hint autocomplete="name" />
                <TextInput name="contact" label="联系方式（不公开）" value=value("contact") error=e("contact") hint="手机号码、电话号码或电子邮箱，可以不填" kind="text" />
                <div class="app-form__actions">
                    <button type="submit" class="app-button">"提交意见"</button>
                </div>
            </form>
            <p class="app-hint">{format!("每条意见不超过{COMMENT_MAX}字。")}</p>
        </section>
    }
}

#[component]
fn ShownComments(c: ConsultationView) -> impl IntoView {
    view! {
        <section class="app-panel" aria-labelledby="shown-title">
            <h2 class="app-panel__title" id="shown-title">{format!("已公开的意见（{}条）", c.comments.len())}</h2>
            {if c.comments.is_empty() {
                view! { <p class="app-list__empty">"暂无公开的意见。意见经审核后在这里公开。"</p> }.into_any()
            } else {
                view! {
                    <ol class="app-comments">
                        {c.comments.into_iter().map(|m| view! {
                            <li class="app-comments__item">
                                <p class="app-comments__meta">
                                    {format!("{} · {} · {}", m.writer, date_zh(&m.received_on), m.channel.short())}
                                    {(!m.part.is_empty()).then(|| format!(" · 针对：{}", m.part))}
                                </p>
                                <p class="app-comments__text">{m.body}</p>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}
