//! `/staff/services/{code}/edit/{part}`: one part of a guide to edit —
//! 基本信息 as the form kit's fields, and the list parts (申请材料, 办理流程,
//! 申请表) as numbered rows of boxes with blank rows to fill in. Plain
//! forms: they work without JavaScript. 事项管理 staff and 管理员.

use super::editor::{crumbs, param, service_staff};
use crate::error::AppError;
use crate::server::forms::{submitted, Submitted};
use crate::services::db::editing::Editing;
use crate::services::editor::{may_edit, working_copy};
use crate::services::guide_form::{Part, CHECKS, KINDS, MATERIAL_FORMS};
use crate::services::types::{Audience, FieldKind, Service, THEMES};
use crate::ui::error_page::{error_view, loaded};
use crate::ui::forms::{error_for, row_box, ErrorSummary, Select, TextArea, TextInput, Widget};
use crate::ui::layout::PageMeta;
use leptos::prelude::*;

/// `/staff/services/{code}/edit/{part}`: one part of the guide to edit.
#[component]
pub fn ServicePartPage() -> impl IntoView {
    let user = match service_staff() {
        Ok(user) => user,
        Err(view) => return view,
    };
    if !may_edit(&user) {
        return error_view(AppError::Forbidden);
    }
    let code = param("code");
    let Some(part) = Part::from_slug(&param("part")) else {
        return error_view(AppError::NotFound);
    };
    loaded(
        move || async move {
            let db = crate::server::context::db()?;
            crate::services::db::editing::editing(&db, &code)
                .await?
                .ok_or(AppError::NotFound)
        },
        move |e: Editing| match working_copy(&e) {
            Some(work) => part_view(part, work),
            None => error_view(AppError::NotFound),
        },
    )
    .into_any()
}

fn part_view(part: Part, work: &Service) -> AnyView {
    let sub = submitted();
    let errors = sub.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let code = work.code.clone();
    let heading = format!("修改{}", part.label());
    let title = if errors.is_empty() {
        format!("{heading}：{}", work.name)
    } else {
        format!("错误：{heading}：{}", work.name)
    };
    let lede = match part {
        Part::Basics => "事项的基本要素。保存后送审，审核通过后公众才能看到。",
        Part::Materials => "申请人需提交的材料。空行不保存；每次保存后会再给出空行，可继续添加。序号决定顺序；勾选“删除此项”即删除。",
        Part::Steps => "办理流程的环节，依次办理。各环节时限合计不能超过承诺办结时限。",
        Part::Form => "网上申请表的填写项。填写“所在步骤”相同的项在同一页填写（适合手机）。修改只对之后开始的申请生效，已开始的申请沿用原来的表。",
    };
    let fields = match part {
        Part::Basics => basics_fields(work, &sub, &errors).into_any(),
        _ => rows_view(part, work, &sub, &errors).into_any(),
    };
    view! {
        <PageMeta title=title description="修改办事指南。" />
        {crumbs(&code, &work.name, part.label())}
        <h1 class="app-page-title">{heading}</h1>
        <p class="app-page-lede">{lede}</p>
        <ErrorSummary errors=errors.clone() />
        <form class="app-form" method="post" action=format!("/staff/services/{code}/edit/{}", part.slug()) novalidate=true>
            {fields}
            <div class="app-form__actions">
                <button type="submit" class="app-button">"保存并送审"</button>
                <a href=format!("/staff/services/{code}")>"返回，不保存"</a>
            </div>
        </form>
    }
    .into_any()
}

fn options(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
        .collect()
}

fn basics_fields(
    work: &Service,
    sub: &Option<Submitted>,
    errors: &[crate::error::FieldError],
) -> impl IntoView {
    let value = |key: &str, stored: String| match sub {
        Some(s) => s.value(key),
        None => stored,
    };
    let e = |k: &str| error_for(errors, k);
    let mut kinds: Vec<(String, String)> = KINDS
        .iter()
        .map(|k| ((*k).to_owned(), (*k).to_owned()))
        .collect();
    if !KINDS.contains(&work.kind.as_str()) && !work.kind.is_empty() {
        kinds.push((work.kind.clone(), work.kind.clone()));
    }
    let themes: Vec<(String, String)> = THEMES
        .iter()
        .map(|t| ((*t).to_owned(), (*t).to_owned()))
        .collect();
    let audiences = [Audience::Person, Audience::Org, Audience::Both]
        .into_iter()
        .map(|a| (a.slug().to_owned(), a.label().to_owned()))
        .collect();
    let online = match sub {
        Some(s) => !s.value("online").is_empty(),
        None => work.online,
    };
    view! {
        <TextInput name="name" label="事项名称" value=value("name", work.name.clone()) error=e("name") />
        <Select name="kind" label="事项类型" options=kinds selected=value("kind", work.kind.clone()) error=e("kind") />
        <Select name="theme" label="主题" options=themes selected=value("theme", work.theme.clone()) error=e("theme") />
        <Select name="audience" label="服务对象" options=audiences selected=value("audience", work.audience.slug().to_owned()) error=e("audience") />
        <TextArea name="legal_basis" label="设定依据" value=value("legal_basis", work.legal_basis.clone()) rows=3 hint="法律法规的名称和条款" error=e("legal_basis") />
        <TextInput name="body" label="实施机关" value=value("body", work.body.clone()) error=e("body") />
        <TextArea name="conditions" label="受理条件" value=value("conditions", work.conditions.join("\n")) rows=5 hint="每行一条" error=e("conditions") />
        <TextInput name="legal_days" label="法定办结时限（工作日）" inputmode="numeric" value=value("legal_days", work.legal_days.to_string()) error=e("legal_days") />
        <TextInput name="promised_days" label="承诺办结时限（工作日）" inputmode="numeric" value=value("promised_days", work.promised_days.to_string()) hint="不超过法定时限" error=e("promised_days") />
        <TextArea name="fees" label="收费标准" value=value("fees", work.fees.clone()) rows=2 hint="不收费的写“不收费”" error=e("fees") />
        <TextInput name="place" label="办理地点" value=value("place", work.place.clone()) error=e("place") />
        <TextInput name="hours" label="办理时间" value=value("hours", work.hours.clone()) error=e("hours") />
        <TextInput name="enquiry_phone" label="咨询电话" value=value("enquiry_phone", work.enquiry_phone.clone()) error=e("enquiry_phone") />
        <TextInput name="complaint_phone" label="投诉电话" value=value("complaint_phone", work.complaint_phone.clone()) error=e("complaint_phone") />
        <TextInput name="visits" label="到现场次数" inputmode="numeric" value=value("visits", work.visits.to_string()) hint="全程网办填 0" error=e("visits") />
        <div class="app-field app-field--checkbox">
            <input type="checkbox" id="online" name="online" value="1" checked=online />
            <label for="online">"可网上申请（须有申请表）"</label>
        </div>
    }
}

/// A list part's boxes: (name suffix, label, widget).
fn row_spec(part: Part, work: &Service) -> Vec<(&'static str, &'static str, Widget)> {
    match part {
        Part::Basics => vec![],
        Part::Materials => {
            let uploads = std::iter::once((String::new(), "不在网上上传".to_owned()))
                .chain(
                    work.fields
                        .iter()
                        .filter(|f| f.kind == FieldKind::File)
                        .map(|f| (f.key.clone(), format!("申请表的“{}”", f.label))),
                )
                .collect();
            vec![
                ("name", "材料名称", Widget::Input("text")),
                (
                    "form",
                    "形式",
                    Widget::Select(
                        MATERIAL_FORMS
                            .iter()
                            .map(|f| ((*f).to_owned(), (*f).to_owned()))
                            .collect(),
                    ),
                ),
                ("copies", "份数", Widget::Numeric),
                ("required", "必需提交", Widget::Check),
                ("note", "说明（可不填）", Widget::Input("text")),
                ("field", "网上上传到", Widget::Select(uploads)),
                ("order", "序号", Widget::Numeric),
                ("delete", "删除此项", Widget::Check),
            ]
        }
        Part::Steps => vec![
            ("name", "环节名称", Widget::Input("text")),
            ("actor", "办理人（岗位）", Widget::Input("text")),
            ("needs", "所需或产出（可不填）", Widget::Input("text")),
            ("days", "时限（工作日，0 为即时办理）", Widget::Numeric),
            (
                "branch",
                "分支（可不填，如 材料不齐：一次性告知补正）",
                Widget::Input("text"),
            ),
            ("order", "序号", Widget::Numeric),
            ("delete", "删除此环节", Widget::Check),
        ],
        Part::Form => vec![
            ("label", "名称", Widget::Input("text")),
            (
                "kind",
                "填写方式",
                Widget::Select(
                    [
                        FieldKind::Text,
                        FieldKind::Number,
                        FieldKind::Date,
                        FieldKind::Choice,
                        FieldKind::File,
                    ]
                    .into_iter()
                    .map(|k| (kind_slug(k).to_owned(), k.label().to_owned()))
                    .collect(),
                ),
            ),
            ("required", "必填", Widget::Check),
            (
                "step",
                "所在步骤（如 申请单位、上传材料）",
                Widget::Input("text"),
            ),
            ("hint", "填写提示（可不填）", Widget::Input("text")),
            ("options", "选项（“选择”方式用，每行一个）", Widget::Area),
            (
                "pattern",
                "格式规则（正则表达式，可不填）",
                Widget::Input("text"),
            ),
            (
                "pattern_hint",
                "格式说明（如 11位手机号码）",
                Widget::Input("text"),
            ),
            ("check", "校验", Widget::Select(options(&CHECKS))),
            (
                "example",
                "示例（打印的填写示例用，可不填）",
                Widget::Input("text"),
            ),
            ("key", "键名（可不填，自动生成）", Widget::Input("text")),
            ("order", "序号", Widget::Numeric),
            ("delete", "删除此项", Widget::Check),
        ],
    }
}

fn kind_slug(k: FieldKind) -> &'static str {
    match k {
        FieldKind::Text => "text",
        FieldKind::Number => "number",
        FieldKind::Date => "date",
        FieldKind::Choice => "choice",
        FieldKind::File => "file",
    }
}

fn flag(b: bool) -> String {
    if b { "1" } else { "" }.to_owned()
}

/// The stored value of row `i`'s box `key`; a new row's defaults past the end.
fn stored(part: Part, work: &Service, i: usize, key: &str) -> String {
    let order = (i + 1).to_string();
    if key == "order" {
        return order;
    }
    match part {
        Part::Basics => String::new(),
        Part::Materials => match work.materials.get(i) {
            Some(m) => match key {
                "name" => m.name.clone(),
                "form" => m.form.clone(),
                "copies" => m.copies.to_string(),
                "required" => flag(m.required),
                "note" => m.note.clone(),
                "field" => m.field.clone().unwrap_or_default(),
                _ => String::new(),
            },
            None => match key {
                "form" => "复印件".to_owned(),
                "copies" => "1".to_owned(),
                "required" => flag(true),
                _ => String::new(),
            },
        },
        Part::Steps => match work.steps.get(i) {
            Some(s) => match key {
                "name" => s.name.clone(),
                "actor" => s.actor.clone(),
                "needs" => s.needs.clone(),
                "days" => s.days.to_string(),
                "branch" => s.branch.clone().unwrap_or_default(),
                _ => String::new(),
            },
            None => match key {
                "days" => "1".to_owned(),
                _ => String::new(),
            },
        },
        Part::Form => match work.fields.get(i) {
            Some(f) => match key {
                "label" => f.label.clone(),
                "kind" => kind_slug(f.kind).to_owned(),
                "required" => flag(f.required),
                "step" => f.step.clone(),
                "hint" => f.hint.clone(),
                "options" => f.options.join("\n"),
                "pattern" => f.pattern.clone().unwrap_or_default(),
                "pattern_hint" => f.pattern_hint.clone().unwrap_or_default(),
                "check" => f.check.clone().unwrap_or_default(),
                "example" => f.example.clone(),
                "key" => f.key.clone(),
                _ => String::new(),
            },
            None => match key {
                "kind" => "text".to_owned(),
                "required" => flag(true),
                _ => String::new(),
            },
        },
    }
}

/// How many rows the list part has now (blank rows to fill in added).
fn row_count(part: Part, work: &Service, sub: &Option<Submitted>) -> usize {
    let prefix = match part {
        Part::Materials => "m",
        Part::Steps => "s",
        _ => "f",
    };
    if let Some(s) = sub {
        // A refused form is shown again with exactly the rows it posted.
        return (0..crate::services::guide_form::ROWS_MAX + 10)
            .filter(|i| {
                s.values
                    .keys()
                    .any(|k| k.starts_with(&format!("{prefix}{i}_")))
            })
            .max()
            .map_or(1, |m| m + 1);
    }
    let (have, blank) = match part {
        Part::Materials => (work.materials.len(), 3),
        Part::Steps => (work.steps.len(), 2),
        _ => (work.fields.len(), 2),
    };
    (have + blank).min(crate::services::guide_form::ROWS_MAX)
}

fn rows_view(
    part: Part,
    work: &Service,
    sub: &Option<Submitted>,
    errors: &[crate::error::FieldError],
) -> impl IntoView {
    let prefix = match part {
        Part::Materials => "m",
        Part::Steps => "s",
        _ => "f",
    };
    let noun = match part {
        Part::Materials => "材料",
        Part::Steps => "环节",
        _ => "填写项",
    };
    let spec = row_spec(part, work);
    let n = row_count(part, work, sub);
    (0..n)
        .map(|i| {
            let legend = if sub.is_none() && i >= existing(part, work) {
                format!("新{noun}（可不填）")
            } else {
                format!("第 {} 个{noun}", i + 1)
            };
            let boxes = spec
                .iter()
                .map(|(key, label, widget)| {
                    let name = format!("{prefix}{i}_{key}");
                    let value = match sub {
                        Some(s) => s.value(&name),
                        None => stored(part, work, i, key),
                    };
                    let error = error_for(errors, &name);
                    row_box(name, label, widget, value, error)
                })
                .collect_view();
            view! {
                <fieldset class="app-fieldset app-editor__row">
                    <legend class="app-fieldset__legend">{legend}</legend>
                    {boxes}
                </fieldset>
            }
        })
        .collect_view()
}

fn existing(part: Part, work: &Service) -> usize {
    match part {
        Part::Materials => work.materials.len(),
        Part::Steps => work.steps.len(),
        _ => work.fields.len(),
    }
}
