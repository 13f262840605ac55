use super::{Breadcrumbs, RelatedList};
use crate::content::{
    api::get_article,
    taxonomy::Validity,
    types::{Article, ContentKind, InterpretationState},
};
use crate::error::AppError;
use crate::ui::{
    error_page::{awaited, error_view},
    format::date_zh,
    layout::PageMeta,
};
use leptos::prelude::*;

/// `/articles/{id}`: one published item with its catalogue metadata.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let id = crate::ui::url::id_param("id");
    view! {
        {awaited(async move {
                let article = match id {
                    Some(id) => get_article(id).await,
                    None => Err(AppError::NotFound),
                };
                let article = match article {
                    Ok(a) => a,
                    Err(e) => return error_view(e),
                };
                if article.kind == ContentKind::Consultation {
                    // A consultation's page has its period, the comment form
                    // and the feedback.
                    let to = format!("/consultations/{}", article.id);
                    crate::server::context::redirect(&to);
                    return view! { <p><a href=to>"查看意见征集"</a></p> }.into_any();
                }
                let graphics = crate::graphics::api::list_article_graphics(article.id).await;
                let consultation = crate::comments::api::get_decision_consultation(article.id).await;
                match (graphics, consultation) {
                    (Ok(graphics), Ok(consultation)) => {
                        view! { <ArticleView article graphics consultation /> }.into_any()
                    }
                    (Err(e), _) | (_, Err(e)) => error_view(e),
                }
            })}
    }
}

#[component]
fn ValidityBanner(
    validity: Validity,
    replaced_by: Option<crate::content::types::ArticleLink>,
) -> impl IntoView {
    (validity != Validity::Valid).then(|| {
        let verb = match validity {
            Validity::Amended => "修改",
            _ => "废止",
        };
        view! {
            <div class="app-banner app-banner--warning" role="note">
                <p class="app-banner__title">
                    {format!("本文件{}", validity.label())}
                </p>
                {match replaced_by {
                    Some(link) => {
                        view! {
                            <p class="app-banner__text">
                                {format!("本文件已被《{}》{}，请以新文件为准：", link.title, verb)}
                                <a href=format!("/articles/{}", link.id)>{format!("查看《{}》", link.title)}</a>
                            </p>
                        }
                            .into_any()
                    }
                    None => {
                        view! { <p class="app-banner__text">"本文件仅供查阅，不再作为执行依据。"</p> }.into_any()
                    }
                }}
            </div>
        }
    })
}

/// A row of the metadata table, left out when empty.
fn meta_row(label: &'static str, value: String) -> impl IntoView {
    (!value.is_empty()).then(|| {
        view! {
            <div class="app-meta__row">
                <dt class="app-meta__key">{label}</dt>
                <dd class="app-meta__value">{value}</dd>
            </div>
        }
    })
}

#[component]
fn ArticleView(
    article: Article,
    graphics: Vec<crate::graphics::types::GraphicView>,
    /// The consultation on this decision's draft.
    consultation: Option<crate::content::types::ArticleLink>,
) -> impl IntoView {
    let kind = article.kind;
    let sub_label = crate::ui::layout::site()
        .terms
        .label(
            crate::content::taxonomy::TermList::Subtype(kind),
            &article.subtype,
        )
        .unwrap_or_default()
        .to_owned();
    let written_label = if kind.is_document() {
        "成文日期"
    } else {
        "生成日期"
    };
    let related_title = match kind {
        ContentKind::Interpretation => "相关文件",
        _ => "相关解读",
    };
    let interpretation = article.interpretation.clone();
    let description = if article.summary.is_empty() {
        article.title.clone()
    } else {
        article.summary.clone()
    };
    view! {
        <PageMeta title=article.title.clone() description=description />
        <Breadcrumbs kind=kind current=article.title.clone() />
        <ValidityBanner validity=article.validity replaced_by=article.replaced_by.clone() />
        <crate::ui::layout::StaffActions id=article.id />
        <article class="app-article">
            <h1 class="app-article__title">{article.title.clone()}</h1>
            <dl class="app-meta">
                {meta_row("索引号", article.index_no.clone().unwrap_or_default())}
                {meta_row("主题分类", article.topic.clone())}
                {meta_row("发布机构", article.publisher.clone())}
                {meta_row(written_label, article.written_on.is_empty().then(String::new).unwrap_or_else(|| date_zh(&article.written_on)))}
                {meta_row("发文字号", article.doc_no.clone())}
                {meta_row("发布日期", date_zh(&article.published_on))}
                {meta_row("信息类别", if sub_label.is_empty() { kind.label().to_owned() } else { format!("{} · {}", kind.label(), sub_label) })}
                {kind.is_document().then(|| meta_row("有效性", article.validity.label().to_owned()))}
                {meta_row("公开属性", article.disclosure.label().to_owned())}
            </dl>
            {(!article.summary.is_empty())
                .then(|| {
                    view! {
                        <div class="app-article__summary">
                            <h2 class="app-article__summary-title">"内容概述"</h2>
                            <p>{article.summary.clone()}</p>
                        </div>
                    }
                })}
            {article
                .concern
                .clone()
                .map(|t| {
                    view! {
                        <p class="app-article__timing">
                            {format!("关切发生于{}，本回应于{}发布，用时{}。", t.arose, t.published, t.took)}
                        </p>
                    }
                })}
            {graphics.into_iter().map(|g| view! { <crate::graphics::pages::GraphicFigure g /> }).collect_view()}
            {if kind == ContentKind::AnnualReport {
                // The report's tables keep the template's merged headings
                // and fit a phone; they can be taken away as CSV.
                view! {
                    <div class="app-article__body app-prose app-prose--report" inner_html=article.body_html.clone()></div>
                    <p class="app-report-download"><a href=format!("/articles/{}/report.csv", article.id)>"下载本报告的表格数据（CSV）"</a></p>
                }.into_any()
            } else {
                // Any item with tables (statistics above all) offers them as CSV.
                let tables = article.body_html.contains("<table");
                view! {
                    <div class="app-article__body app-prose" inner_html=article.body_html.clone()></div>
                    {tables.then(|| view! {
                        <p class="app-report-download"><a href=format!("/articles/{}/tables.csv", article.id)>"下载本文表格数据（CSV）"</a></p>
                    })}
                }.into_any()
            }}
            <super::Attachments items=article.attachments.clone() />
        </article>
        {interpretation
            .map(|state| match state {
                InterpretationState::Awaiting { due, days_left } => {
                    let text = if days_left >= 0 {
                        format!("本文件的解读材料应于{}前发布（还剩{}个工作日）。", date_zh(&due), days_left)
                    } else {
                        format!("本文件的解读材料应于{}前发布，已逾期{}个工作日。", date_zh(&due), -days_left)
                    };
                    view! { <p class="app-note">{text}</p> }.into_any()
                }
                InterpretationState::Interpreted => ().into_any(),
            })}
        {consultation.map(|c| view! {
            <section class="app-panel" aria-labelledby="consultation-title">
                <h2 id="consultation-title" class="app-panel__title">"公开征求意见"</h2>
                <p>"本文件的草案曾向社会公开征求意见："<a href=format!("/consultations/{}", c.id)>{c.title}</a>"（含意见采纳情况反馈）。"</p>
            </section>
        })}
        {(!article.related.is_empty())
            .then(|| {
                view! {
                    <section class="app-panel" aria-labelledby="related-title">
                        <h2 id="related-title" class="app-panel__title">{related_title}</h2>
                        <RelatedList items=article.related.clone() />
                    </section>
                }
            })}
        {(!article.topics.is_empty())
            .then(|| {
                view! {
                    <section class="app-panel" aria-labelledby="topics-title">
                        <h2 id="topics-title" class="app-panel__title">"所属专题"</h2>
                        <ul class="app-list">
                            {article
                                .topics
                                .iter()
                                .map(|t| {
                                    view! {
                                        <li class="app-list__item">
                                            <a class="app-list__link" href=format!("/topics/{}", t.slug)>{t.title.clone()}</a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })}
    }
}
