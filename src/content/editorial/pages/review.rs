use crate::account::pages::guard;
use crate::account::types::Role;
use crate::content::editorial::api::get_review;
use crate::content::editorial::types::{Comparison, ReviewData, RevisionState};
use crate::content::taxonomy::Disclosure;
use crate::error::AppError;
use crate::server::forms::{notice, submitted};
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{
    error_page::loaded,
    forms::{error_for, ErrorSummary, Notice, Select, TextArea},
    layout::PageMeta,
};
use leptos::prelude::*;

/// `/articles/{id}/review`: 保密审查 of the submitted revision.
#[component]
pub fn ReviewPage() -> impl IntoView {
    if let Err(view) = guard(Role::Reviewer) {
        return view;
    }
    let id = crate::ui::url::id_param("id");
    loaded(
        move || review_of(id),
        |data| view! { <ReviewView data /> }.into_any(),
    )
    .into_any()
}

/// The review data of item `id` (None: no such item), for the review and
/// re-review pages.
pub(super) async fn review_of(id: Option<i64>) -> Result<ReviewData, AppError> {
    get_review(id.ok_or(AppError::NotFound)?).await
}

/// Two versions side by side (stacked on phones).
#[component]
pub fn ComparisonView(comparison: Comparison) -> impl IntoView {
    view! {
        <section class="app-compare" aria-labelledby="compare-title">
            <h2 class="app-panel__title" id="compare-title">{format!("对比：{} → {}", comparison.before_label, comparison.after_label)}</h2>
            {if comparison.fields.is_empty() {
                view! { <p>"目录信息没有变化。"</p> }.into_any()
            } else {
                view! {
                    <table class="app-table">
                        <caption class="app-table__caption">"目录信息的变化"</caption>
                        <thead><tr><th scope="col">"项目"</th><th scope="col">{comparison.before_label.clone()}</th><th scope="col">{comparison.after_label.clone()}</th></tr></thead>
                        <tbody>
                            {comparison.fields.into_iter().map(|(label, before, after)| view! {
                                <tr><th scope="row">{label}</th><td><del>{before}</del></td><td><ins>{after}</ins></td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <h3 class="app-compare__title">"正文的变化"</h3>
            <div class="app-diff" role="table" aria-label="正文逐行对比">
                <div class="app-diff__row app-diff__row--head" role="row">
                    <span role="columnheader">{comparison.before_label}</span>
                    <span role="columnheader">{comparison.after_label}</span>
                </div>
                {comparison.body.into_iter().map(|row| {
                    let class = format!("app-diff__row app-diff__row--{}", row.kind);
                    let (mark_before, mark_after) = match row.kind.as_str() {
                        "removed" => ("删除：", ""),
                        "added" => ("", "新增："),
                        _ => ("", ""),
                    };
                    view! {
                        <div class=class role="row">
                            <span class="app-diff__cell" role="cell"><span class="app-visually-hidden">{mark_before}</span>{row.before}</span>
                            <span class="app-diff__cell" role="cell"><span class="app-visually-hidden">{mark_after}</span>{row.after}</span>
                        </div>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn ReviewView(data: ReviewData) -> impl IntoView {
    let sub = submitted().unwrap_or_default();
    let errors = sub.errors.clone();
    let message = sub.message.clone();
    let title = format!("审核：{}", data.form.title);
    let can_review = data.state == Some(RevisionState::Submitted) && !data.own_work;
    let disclosure_default = if sub.values.is_empty() {
        data.form.disclosure.clone()
    } else {
        sub.value("disclosure")
    };
    let publish_later = sub.value("publish") == "later";
    let page_title = if errors.is_empty() && message.is_none() {
        title.clone()
    } else {
        format!("错误：{title}")
    };
    view! {
        <PageMeta title=page_title description="保密审查" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="审核" />
        <h1 class="app-page-title">{title}</h1>
        {notice().map(|n| view! { <Notice text=n /> })}
        <p class="app-page-lede">
            {format!(
                "稿件状态：{}；作者：{}{}",
                data.state.map(RevisionState::label).unwrap_or("无待审稿件"),
                if data.author_name.is_empty() { "—" } else { &data.author_name },
                data.scheduled.as_ref().map(|s| format!("；定于{s}发布")).unwrap_or_default(),
            )}
        </p>
        {message.map(|m| view! { <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true><p>{m}</p></div> })}
        <ErrorSummary errors=errors.clone() />
        <super::editor::ImportNotes notes=data.import_notes.clone() />
        {data.comparison.clone().map(|c| view! { <ComparisonView comparison=c /> })}
        <section class="app-panel" aria-labelledby="draft-title">
            <h2 class="app-panel__title" id="draft-title">"稿件全文"</h2>
            <h3>{data.form.title.clone()}</h3>
            <p class="app-page-lede">{format!("公开属性（作者所选）：{}", Disclosure::from_slug(&data.form.disclosure).map(Disclosure::label).unwrap_or("—"))}</p>
            <div class="app-prose" inner_html=data.preview_html.clone()></div>
        </section>
        {(!data.attachments.is_empty()).then(|| view! {
            <section class="app-panel" aria-labelledby="files-title">
                <h2 class="app-panel__title" id="files-title">"附件"</h2>
                <ul>
                    {data.attachments.iter().map(|a| {
                        let mark = if a.removing { "（将删除）" } else if !a.live { "（新增）" } else { "" };
                        view! { <li>{format!("{}（{}，{}）{mark}", a.info.name, a.info.type_label(), a.info.size_label())}</li> }
                    }).collect_view()}
                </ul>
            </section>
        })}
        {if can_review {
            view! {
                <form class="app-form" method="post" action=format!("/articles/{}/review", data.id)>
                    <input type="hidden" name="revision" value=data.revision_id.map(|r| r.to_string()).unwrap_or_default() />
                    <TextArea name="opinion" label="审核意见" value=sub.value("opinion") error=error_for(&errors, "opinion") rows=3 hint="保密审查的结论与理由；退回时写明需要修改的内容" />
                    <Select
                        name="disclosure"
                        label="确认公开属性"
                        options=Disclosure::ALL.iter().map(|d| (d.slug().to_owned(), d.label().to_owned())).collect()
                        selected=disclosure_default
                        error=error_for(&errors, "disclosure")
                    />
                    <fieldset class="app-fieldset">
                        <legend class="app-fieldset__legend">"发布方式"</legend>
                        <div class="app-field--checkbox">
                            <input type="radio" id="publish-now" name="publish" value="now" checked=!publish_later />
                            <label for="publish-now">"审核通过后立即发布"</label>
                        </div>
                        <div class="app-field--checkbox">
                            <input type="radio" id="publish-later" name="publish" value="later" checked=publish_later />
                            <label for="publish-later">"定时发布"</label>
                        </div>
                        <div class=if error_for(&errors, "publish_at").is_some() { "app-field app-field--error" } else { "app-field" }>
                            <label class="app-field__label" for="publish_at">"发布时间（北京时间）"</label>
                            {error_for(&errors, "publish_at").map(|m| view! { <p class="app-field__error"><span class="app-visually-hidden">"错误："</span>{m}</p> })}
                            <input class="app-field__input" type="datetime-local" id="publish_at" name="publish_at" value=sub.value("publish_at") />
                        </div>
                    </fieldset>
                    <div class="app-form__actions">
                        <button type="submit" class="app-button" name="decision" value="approve">"同意发布"</button>
                        <button type="submit" class="app-button app-button--warning" name="decision" value="return">"退回修改"</button>
                    </div>
                </form>
            }.into_any()
        } else if data.own_work && data.state == Some(RevisionState::Submitted) {
            view! { <p class="app-note">"这是您撰写的稿件。为保证保密审查的独立性，不能审核自己撰写的稿件，请由其他审核人员审核。"</p> }.into_any()
        } else {
            view! { <p class="app-note">"当前没有等待审核的稿件。"</p> }.into_any()
        }}
        {(!data.reviews.is_empty()).then(|| view! {
            <section class="app-panel" aria-labelledby="reviews-title">
                <h2 class="app-panel__title" id="reviews-title">"审核记录"</h2>
                <ul class="app-list">
                    {data.reviews.iter().map(|r| view! {
                        <li class="app-list__item app-list__item--stacked">
                            <strong>{format!("{} · {}", r.decision_label(), r.reviewer_name)}</strong>
                            <span class="app-list__meta">{format!("{} · 公开属性：{}", r.at, Disclosure::from_slug(&r.disclosure).map(Disclosure::label).unwrap_or("—"))}</span>
                            <p class="app-list__note">{r.opinion.clone()}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}
