use crate::account::pages::guard;
use crate::account::types::Role;
use crate::content::editorial::api::get_editor;
use crate::content::editorial::editor::BodyEditor;
use crate::content::editorial::forms::EditorState;
use crate::content::editorial::types::{ArticleForm, EditorData, RevisionState};
use crate::content::taxonomy::{ContentKind, Disclosure, TermList, Validity};
use crate::error::{AppError, FieldError};
use crate::server::forms::notice;
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{
    error_page::{awaited, error_view},
    forms::{error_for, ErrorSummary, Notice, Select, TextArea, TextInput},
    layout::{site, PageMeta},
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/articles/{id}/edit`: the item's own page turned into its editor.
#[component]
pub fn EditorPage() -> impl IntoView {
    if let Err(view) = guard(Role::Editor) {
        return view;
    }
    let id = crate::ui::url::id_param("id");
    let posted = use_context::<EditorState>();
    view! {
        {awaited(async move {
                    let Some(id) = id else { return error_view(AppError::NotFound) };
                    match get_editor(id).await {
                        Ok(data) if data.form.kind == ContentKind::AnnualReport.slug() => {
                            // A report is made on its own page, from the data.
                            let year = crate::reports::rules::parse(&data.form).year;
                            let to = format!("/staff/annual-reports/{year}");
                            crate::server::context::redirect(&to);
                            view! { <p><a href=to>"编辑年度报告"</a></p> }.into_any()
                        }
                        Ok(data) => {
                            let (form, errors, preview) = match posted {
                                Some(p) => (p.form, p.errors, p.preview),
                                None => (data.form.clone(), Vec::new(), false),
                            };
                            view! { <EditorView id=Some(id) form errors preview data=Some(data) /> }.into_any()
                        }
                        Err(e) => error_view(e),
                    }
                })}
    }
    .into_any()
}

/// `/disclosure/{kind}/new`: a new item of one kind.
#[component]
pub fn NewItemPage() -> impl IntoView {
    if let Err(view) = guard(Role::Editor) {
        return view;
    }
    let kind = use_params_map()
        .with_untracked(|p| p.get("kind"))
        .and_then(|k| ContentKind::from_slug(&k));
    let Some(kind) = kind else {
        return error_view(AppError::NotFound);
    };
    if kind == ContentKind::AnnualReport {
        crate::server::context::redirect("/staff/annual-reports");
        return view! { <p><a href="/staff/annual-reports">"编制年度报告"</a></p> }.into_any();
    }
    let (form, errors, preview) = match use_context::<EditorState>() {
        Some(p) => (p.form, p.errors, p.preview),
        None => {
            let site = site();
            let publisher = if site.publisher.is_empty() {
                &site.organiser
            } else {
                &site.publisher
            };
            (ArticleForm::new(kind, publisher), Vec::new(), false)
        }
    };
    view! { <EditorView id=None form errors preview data=None /> }.into_any()
}

/// What a Word import could not carry into the open revision, for the
/// editor and the reviewer to check against the original.
#[component]
pub(super) fn ImportNotes(notes: Vec<String>) -> impl IntoView {
    (!notes.is_empty()).then(|| {
        view! {
            <div class="app-banner app-banner--warning" role="note">
                <p class="app-banner__title">"从 Word 导入时未能原样保留的内容"</p>
                <ul class="app-banner__list">
                    {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// The 从 Word 导入 form: a form of its own above the editor, so that Enter
/// in the editor's fields never imports.
#[component]
fn ImportForm(
    action: String,
    kind: &'static str,
    replaces: bool,
    error: Option<String>,
) -> impl IntoView {
    let hint = if replaces {
        "导入后标题、发文字号、成文日期、发布机构和主题分类按文档填写，正文将替换为文档内容（原内容可在历史版本中找到），图片作为附件放在原位置，并保存为草稿。WPS 文档请先另存为 .docx；不超过20MB。"
    } else {
        "导入后标题、发文字号、成文日期、发布机构和主题分类按文档填写，图片作为附件放在原位置，并保存为草稿，请核对后送审。WPS 文档请先另存为 .docx；不超过20MB。"
    };
    let (described, field_class) = if error.is_some() {
        ("docx-hint docx-error", "app-field app-field--error")
    } else {
        ("docx-hint", "app-field")
    };
    view! {
        <form class="app-form app-import" method="post" action=action enctype="multipart/form-data">
            <input type="hidden" name="kind" value=kind />
            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">"从 Word/WPS 文档导入"</legend>
                <div class=field_class>
                    <label class="app-field__label" for="docx">"选择文档（.docx）"</label>
                    <p class="app-field__hint" id="docx-hint">{hint}</p>
                    {error.map(|m| view! { <p class="app-field__error" id="docx-error"><span class="app-visually-hidden">"错误："</span>{m}</p> })}
                    <input class="app-field__file" type="file" id="docx" name="docx" aria-describedby=described
                        accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" />
                </div>
                <div class="app-field app-field--checkbox">
                    <input type="checkbox" id="keep_original" name="keep_original" value="1" checked=true />
                    <label for="keep_original">"同时把原文件作为附件保留"</label>
                </div>
                <button type="submit" class="app-button app-button--secondary" name="action" value="import">"导入文档"</button>
            </fieldset>
        </form>
    }
}

fn options<T: Copy>(
    all: &[T],
    slug: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (slug(*v).to_owned(), label(*v).to_owned()))
        .collect()
}

#[component]
fn EditorView(
    id: Option<i64>,
    form: ArticleForm,
    errors: Vec<FieldError>,
    preview: bool,
    data: Option<EditorData>,
) -> impl IntoView {
    let kind = form.content_kind().unwrap_or(ContentKind::News);
    if !errors.is_empty() {
        crate::server::context::set_status(400);
    }
    let heading = match id {
        Some(_) => format!(
            "编辑：{}",
            if form.title.is_empty() {
                "（无标题）"
            } else {
                &form.title
            }
        ),
        None => format!("新建{}", kind.label()),
    };
    let page_title = if errors.is_empty() {
        heading.clone()
    } else {
        format!("错误：{heading}")
    };
    let action = match id {
        Some(id) => format!("/articles/{id}/edit"),
        None => format!("/disclosure/{}/new", kind.slug()),
    };
    let e = |field: &str| error_for(&errors, field);
    let state_line = data.as_ref().map(|d| {
        let live = d.status.label();
        let pending = d
            .pending_state
            .map(RevisionState::label)
            .unwrap_or("无待处理稿件");
        format!("公开状态：{live}；稿件状态：{pending}")
    });
    let returned = data.as_ref().and_then(|d| d.last_review.clone());
    let attachments = data
        .as_ref()
        .map(|d| d.attachments.clone())
        .unwrap_or_default();
    let import_notes = data
        .as_ref()
        .map(|d| d.import_notes.clone())
        .unwrap_or_default();
    let preview_html = crate::content::markdown::render(&form.body_md);
    // The terms in use, and an item's own if retired since (it may stay;
    // a new item's defaults are no claim).
    let site = crate::ui::layout::site();
    let own = |slug: &str| {
        if id.is_some() {
            slug.to_owned()
        } else {
            String::new()
        }
    };
    let subtypes = site
        .terms
        .offered(TermList::Subtype(kind), &own(&form.subtype));
    let subjects = site.terms.offered(TermList::Subject, &own(&form.topic));
    view! {
        <PageMeta title=page_title description="编辑信息" />
        <Breadcrumbs
            trail=trail(&[("工作台", "/staff")])
                .into_iter()
                .chain(id.map(|id| ("信息页面".to_owned(), format!("/articles/{id}"))))
                .collect()
            current=if id.is_some() { "编辑" } else { "新建" }
        />
        <h1 class="app-page-title">{heading}</h1>
        {notice().map(|n| view! { <Notice text=n /> })}
        {state_line.map(|s| view! { <p class="app-page-lede">{s}</p> })}
        {returned.map(|r| view! {
            <div class="app-banner app-banner--warning" role="note">
                <p class="app-banner__title">"稿件已被退回"</p>
                <p class="app-banner__text">{format!("{}（{}）：{}", r.reviewer_name, r.at, r.opinion)}</p>
            </div>
        })}
        <ImportNotes notes=import_notes />
        <ErrorSummary errors=errors.clone() />
        <ImportForm action=action.clone() kind=kind.slug() replaces=id.is_some() error=e("docx") />
        <form class="app-form app-form--editor" method="post" action=action enctype="multipart/form-data">
            <input type="hidden" name="kind" value=kind.slug() />
            <TextInput name="title" label="标题" value=form.title.clone() error=e("title") />
            {(!subtypes.is_empty()).then(|| view! {
                <Select name="subtype" label="子类别" options=subtypes.clone() selected=form.subtype.clone() error=e("subtype") />
            })}
            <TextArea name="summary" label="内容概述" value=form.summary.clone() error=e("summary") rows=3 hint="一两句话说明这条信息的主要内容" />
            <BodyEditor value=form.body_md.clone() error=e("body_md") preview_html=preview_html.clone() article_id=id />
            {preview.then(|| view! {
                <section class="app-panel app-editor__static-preview" aria-labelledby="static-preview">
                    <h2 class="app-panel__title" id="static-preview">"预览（未保存）"</h2>
                    <div class="app-prose" inner_html=preview_html.clone()></div>
                </section>
            })}
            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">"目录信息"</legend>
                <TextInput name="publisher" label="发布机构" value=form.publisher.clone() error=e("publisher") />
                {(kind == ContentKind::Policy).then(|| view! {
                    <TextInput name="doc_no" label="发文字号" value=form.doc_no.clone() error=e("doc_no") hint="如 闽新广规〔2019〕1号" />
                })}
                <TextInput name="written_on" label=if kind == ContentKind::Policy { "成文日期" } else { "生成日期" } value=form.written_on.clone() error=e("written_on") kind="date" />
                <Select name="topic" label="主题分类" options=subjects selected=form.topic.clone() error=e("topic") />
                {(kind == ContentKind::Policy).then(|| view! {
                    <Select name="validity" label="有效性" options=options(&Validity::ALL, Validity::slug, Validity::label) selected=form.validity.clone() error=e("validity") />
                    <TextInput name="replaced_by" label="替代本文件的文件（信息编号）" value=form.replaced_by.clone() error=e("replaced_by") hint="文件已修改或废止时，填写新文件的信息编号（见其网址 /articles/编号）" />
                    <div class="app-field app-field--checkbox">
                        <input type="checkbox" id="needs_interpretation" name="needs_interpretation" value="1" checked=form.needs_interpretation />
                        <label for="needs_interpretation">"需要发布解读（文件公开后3个工作日内）"</label>
                    </div>
                })}
                {(kind != ContentKind::Policy).then(|| view! { <input type="hidden" name="validity" value=form.validity.clone() /> })}
                {(kind == ContentKind::Interpretation).then(|| view! {
                    <TextInput name="explains" label="所解读的文件（信息编号）" value=form.explains.clone() error=e("explains") hint="多个编号用逗号或空格分隔" />
                })}
                {(kind == ContentKind::Response).then(|| view! {
                    <TextInput name="concern_on" label="关切发生日期" value=form.concern_on.clone() error=e("concern_on") kind="date" />
                })}
                <Select name="disclosure" label="公开属性" options=options(&Disclosure::ALL, Disclosure::slug, Disclosure::label) selected=form.disclosure.clone() error=e("disclosure") />
                <TextArea name="withheld_reason" label="不公开的法律依据或理由" value=form.withheld_reason.clone() error=e("withheld_reason") rows=2 hint="依申请公开或不予公开时必填" />
            </fieldset>
            {(kind == ContentKind::Consultation).then(|| view! { <ConsultationFields form=form.clone() errors=errors.clone() /> })}
            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">"附件"</legend>
                {(!attachments.is_empty()).then(|| view! {
                    <ul class="app-attachments__list">
                        {attachments.into_iter().map(|a| {
                            let id = format!("remove-{}", a.info.id);
                            let state = if a.removing { "（发布后删除）" } else if !a.live { "（发布后公开）" } else { "" };
                            view! {
                                <li class="app-field--checkbox">
                                    <input type="checkbox" id=id.clone() name="remove_attachment" value=a.info.id.to_string() checked=a.removing />
                                    <label for=id>{format!("删除 {}（{}，{}）{state}", a.info.name, a.info.type_label(), a.info.size_label())}</label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
                <div class=if e("files").is_some() { "app-field app-field--error" } else { "app-field" }>
                    <label class="app-field__label" for="files">"上传附件"</label>
                    <p class="app-field__hint" id="files-hint">"PDF、Word、Excel、PowerPoint 或图片，单个不超过20MB；类型按文件内容识别"</p>
                    {e("files").map(|m| view! { <p class="app-field__error" id="files-error"><span class="app-visually-hidden">"错误："</span>{m}</p> })}
                    <input class="app-field__file" type="file" id="files" name="files" multiple=true aria-describedby="files-hint"
                        accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.jpg,.jpeg,.png,.gif,.webp" />
                </div>
            </fieldset>
            <TextInput name="note" label="修改说明" value=form.note.clone() error=e("note") hint="简要说明本次修改，便于审核和追溯" />
            <div class="app-form__actions">
                <button type="submit" class="app-button" name="action" value="save">"保存草稿"</button>
                <button type="submit" class="app-button" name="action" value="submit">"送审"</button>
                <button type="submit" class="app-button app-button--secondary" name="action" value="preview">"预览"</button>
                {id.map(|id| view! {
                    <a href=format!("/articles/{id}/history")>"历史版本"</a>
                    <a href=format!("/articles/{id}/word?draft=1")>"下载草稿（Word）"</a>
                })}
            </div>
        </form>
    }
}

/// 意见征集's own fields: the period, a shorter period's reason, the 起草说明,
/// the ways to comment, and (once generated from the answers on the
/// consultation's staff page) the feedback report, shown but never typed.
#[component]
fn ConsultationFields(form: ArticleForm, errors: Vec<FieldError>) -> impl IntoView {
    let e = |field: &str| error_for(&errors, field);
    let feedback = (!form.feedback_md.is_empty()).then(|| {
        let html = crate::content::markdown::render(&form.feedback_md);
        view! {
            <input type="hidden" name="feedback_md" value=form.feedback_md.clone() />
            <section class="app-panel" aria-labelledby="feedback-preview">
                <h2 class="app-panel__title" id="feedback-preview">"意见采纳情况反馈（由意见答复生成，随本稿审核发布）"</h2>
                <div class="app-prose" inner_html=html></div>
            </section>
        }
    });
    view! {
        <fieldset class="app-fieldset">
            <legend class="app-fieldset__legend">"征求意见"</legend>
            <TextInput name="closes_on" label="征集截止日期" value=form.closes_on.clone() error=e("closes_on") kind="date" hint="当日24时截止；自发布之日起一般不少于30日" />
            <TextArea name="short_reason" label="征集期限少于30日的理由" value=form.short_reason.clone() error=e("short_reason") rows=2 hint="少于30日时必填，理由将向公众公开" />
            <TextArea name="explanation_md" label="起草说明" value=form.explanation_md.clone() error=e("explanation_md") rows=8 hint="起草的背景、依据和主要内容；格式与正文相同" />
            <TextInput name="comment_address" label="信函地址" value=form.comment_address.clone() error=e("comment_address") hint="接收书面意见的地址和邮编；不填则只接受网上和电子邮件意见" />
            <TextInput name="comment_email" label="电子邮箱" value=form.comment_email.clone() error=e("comment_email") kind="email" />
            <div class="app-field app-field--checkbox">
                <input type="checkbox" id="anonymous_ok" name="anonymous_ok" value="1" checked=form.anonymous_ok />
                <label for="anonymous_ok">"允许不署名提出意见"</label>
            </div>
            <div class="app-field app-field--checkbox">
                <input type="checkbox" id="comments_public" name="comments_public" value="1" checked=form.comments_public />
                <label for="comments_public">"收到的意见经审核后在征集页面逐条公开（不勾选则只在意见采纳情况反馈中公开）"</label>
            </div>
            <TextInput name="decision_doc" label="最终决定文件（信息编号）" value=form.decision_doc.clone() error=e("decision_doc") hint="决策作出后填写正式发布的文件的信息编号，两个页面互相链接" />
            {feedback}
        </fieldset>
    }
}
