//! Staff pages of 图解: the list, and the structured editor — rows of steps,
//! milestones, figures or points (add, move up, remove), a chart's values
//! in a grid, and a preview beside it (live with JavaScript; the 预览 button
//! without).

use super::editor::EditorState;
use crate::error::FieldError;
use crate::graphics::api::{get_graphic_draft, list_all_graphics};
use crate::graphics::form::{columns, grid, rows};
use crate::graphics::island::LivePreview;
use crate::graphics::types::{kind_label, review_state_label, Body, ChartKind, Draft, Spec};
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{
    error_page::{awaited, error_view, loaded},
    forms::{error_for, ErrorSummary, Notice, Select, TextArea, TextInput},
    layout::PageMeta,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const KINDS: &[&str] = &["flow", "timeline", "figures", "chart", "comparison"];

/// `/staff/graphics`: every graphic, and a new one of each kind.
#[component]
pub fn StaffGraphicsPage() -> impl IntoView {
    view! {
        <PageMeta title="图解管理" description="新建和编辑图解。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="图解" />
        <h1 class="app-page-title">"图解"</h1>
        <p class="app-page-lede">"图解附在解读等稿件上。每次保存都送交保密审查，审核通过后随稿件公开。"</p>
        <ul class="app-actions">
            {KINDS.iter().map(|k| view! {
                <li><a class="app-button app-button--secondary" href=format!("/staff/graphics/new?kind={k}")>{format!("新建{}", kind_label(k))}</a></li>
            }).collect_view()}
        </ul>
        {loaded(
            list_all_graphics,
            move |list| view! {
                        <div class="app-table-wrap">
                            <table class="app-table app-table--cards">
                                <caption class="app-visually-hidden">"全部图解"</caption>
                                <thead><tr><th scope="col">"标题"</th><th scope="col">"类型"</th><th scope="col">"所附稿件"</th><th scope="col">"审核状态"</th></tr></thead>
                                <tbody>
                                    {list.into_iter().map(|g| view! {
                                        <tr>
                                            <th scope="row" data-label="标题"><a href=format!("/staff/graphics/{}/edit", g.id)>{g.title}</a></th>
                                            <td data-label="类型">{kind_label(&g.kind)}</td>
                                            <td data-label="所附稿件">{match g.article {
                                                Some((id, title)) => view! { <a href=format!("/articles/{id}")>{title}</a> }.into_any(),
                                                None => "—".into_any(),
                                            }}</td>
                                            <td data-label="审核状态">{review_state_label(&g.review_state, g.live)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
        )}
    }
}

/// `/staff/graphics/new?kind=…&article=…` and `/staff/graphics/{id}/edit`.
#[component]
pub fn GraphicEditorPage() -> impl IntoView {
    let id = crate::ui::url::id_param("id");
    let q = use_query_map();
    let kind = q.with_untracked(|m| m.get("kind")).unwrap_or_default();
    let article = q.with_untracked(|m| m.get("article")).unwrap_or_default();
    let saved = q.with_untracked(|m| m.get("saved")).is_some();
    let posted = use_context::<EditorState>();
    view! {
        {awaited({
                let posted = posted.clone();
                async move {
                    let (draft, errors, preview, raw) = match posted {
                        Some(p) => (Draft { id, spec: p.spec, article: p.article }, p.errors, p.preview, p.raw),
                        None => match get_graphic_draft(id, kind.clone(), article.clone()).await {
                            Ok(d) => (d, Vec::new(), id.is_some(), Default::default()),
                            Err(e) => return error_view(e),
                        },
                    };
                    view! { <Editor draft errors preview saved raw /> }.into_any()
                }
            })}
    }
}

fn field_class(errors: &[FieldError], name: &str) -> &'static str {
    if error_for(errors, name).is_some() {
        "app-field app-field--error"
    } else {
        "app-field"
    }
}

/// One cell input of a row or grid, labelled (visually hidden in the grid).
#[component]
fn Cell(
    name: String,
    label: String,
    value: String,
    errors: Vec<FieldError>,
    #[prop(optional)] hidden_label: bool,
    #[prop(optional)] wide: bool,
) -> impl IntoView {
    let error = error_for(&errors, &name);
    view! {
        <div class=field_class(&errors, &name)>
            <label class=if hidden_label { "app-visually-hidden" } else { "app-field__label" } for=name.clone()>{label}</label>
            {error.clone().map(|e| view! { <p class="app-field__error" id=format!("{name}-error")><span class="app-visually-hidden">"错误："</span>{e}</p> })}
            {if wide {
                view! { <textarea class="app-field__textarea" id=name.clone() name=name.clone() rows="2">{value}</textarea> }.into_any()
            } else {
                view! { <input class="app-field__input" id=name.clone() name=name.clone() type="text" value=value aria-invalid=error.is_some().then_some("true") /> }.into_any()
            }}
        </div>
    }
}

/// The row buttons: move up, remove.
#[component]
fn RowButtons(i: usize, what: String) -> impl IntoView {
    view! {
        <div class="app-graphic-editor__row-actions">
            {(i > 0).then(|| view! { <button type="submit" name="action" value=format!("up-{i}") class="app-button app-button--secondary">{format!("上移{what}")}</button> })}
            <button type="submit" name="action" value=format!("remove-{i}") class="app-button app-button--secondary">{format!("删除{what}")}</button>
        </div>
    }
}

#[component]
fn Editor(
    draft: Draft,
    errors: Vec<FieldError>,
    preview: bool,
    saved: bool,
    raw: std::collections::HashMap<String, String>,
) -> impl IntoView {
    let Draft { id, spec, article } = draft;
    let kind = spec.body.slug();
    let action = id.map_or_else(
        || "/staff/graphics/new".to_owned(),
        |id| format!("/staff/graphics/{id}"),
    );
    let title = format!(
        "{}{}{}",
        if errors.is_empty() { "" } else { "错误：" },
        if id.is_some() { "编辑" } else { "新建" },
        kind_label(kind)
    );
    let svg = if preview && errors.is_empty() {
        crate::graphics::svg::render(&spec, "preview")
    } else {
        String::new()
    };
    let problems: Vec<String> = errors.iter().map(|e| e.message.clone()).collect();
    view! {
        <PageMeta title=title.clone() description="图解编辑器。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff"), ("图解", "/staff/graphics")]) current={title.trim_start_matches("错误：").to_owned()} />
        <h1 class="app-page-title">{title.trim_start_matches("错误：").to_owned()}</h1>
        {saved.then(|| view! { <Notice text="已保存并送交保密审查。审核通过后，图解随所附稿件公开；审核前公开的仍是上次审核通过的版本。" /> })}
        <ErrorSummary errors=errors.clone() />
        <LivePreview svg problems>
            <form class="app-form" method="post" action=action>
                <input type="hidden" name="kind" value=kind />
                <TextInput name="article" label="所附稿件编号" value=article error=error_for(&errors, "article") hint="稿件页面地址 /articles/ 后的数字；图解随稿件一起审核、发布" />
                <TextInput name="title" label="图解标题" value=spec.title.clone() error=error_for(&errors, "title") />
                <TextArea name="note" label="说明（可选）" value=spec.note.clone() error=error_for(&errors, "note") hint="数据来源、依据等，显示在图下方" rows=2 />
                <KindFields spec=spec.clone() errors=errors.clone() raw />
                <div class="app-form__actions">
                    <button type="submit" name="action" value="preview" class="app-button app-button--secondary">"预览"</button>
                    <button type="submit" name="action" value="save" class="app-button">"保存"</button>
                </div>
            </form>
        </LivePreview>
    }
}

/// The kind's own fields.
#[component]
fn KindFields(
    spec: Spec,
    errors: Vec<FieldError>,
    raw: std::collections::HashMap<String, String>,
) -> impl IntoView {
    // What the cell held as typed, else the spec's value.
    let val = move |name: &str, value: String| raw.get(name).cloned().unwrap_or(value);
    match &spec.body {
        Body::Chart(c) => {
            let (categories, series) = grid(c);
            let kinds = ChartKind::ALL
                .iter()
                .map(|k| {
                    let slug = serde_json::to_value(k)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    (slug, k.label().to_owned())
                })
                .collect::<Vec<_>>();
            let current = serde_json::to_value(c.chart)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            view! {
                <Select name="chart" label="图表类型" options=kinds selected=current error=error_for(&errors, "chart") />
                <TextInput name="unit" label="单位" value=c.unit.clone() error=error_for(&errors, "unit") hint="如 万元、件、%" />
                <fieldset class="app-graphic-editor__grid">
                    <legend class="app-field__label">"数据（每行一个类别，每列一个数据系列）"</legend>
                    {error_for(&errors, "series").map(|e| view! { <p class="app-field__error" id="series">{e}</p> })}
                    <div class="app-table-wrap">
                        <table class="app-table">
                            <thead><tr>
                                <th scope="col">"类别"</th>
                                {series.iter().enumerate().map(|(s, (name, _))| view! {
                                    <th scope="col">
                                        <Cell name=format!("series-{s}-name") label=format!("第 {} 个数据系列的名称", s + 1) value=name.clone() errors=errors.clone() hidden_label=true />
                                        {(series.len() > 1).then(|| view! { <button type="submit" name="action" value=format!("remove-series-{s}") class="app-button app-button--secondary">"删除此列"</button> })}
                                    </th>
                                }).collect_view()}
                                <th scope="col"><span class="app-visually-hidden">"操作"</span></th>
                            </tr></thead>
                            <tbody>
                                {categories.iter().enumerate().map(|(i, cat)| view! {
                                    <tr>
                                        <td><Cell name=format!("categories-{i}") label=format!("第 {} 个类别", i + 1) value=cat.clone() errors=errors.clone() hidden_label=true /></td>
                                        {series.iter().enumerate().map(|(s, (name, cells))| view! {
                                            <td><Cell name=format!("series-{s}-{i}") label=format!("{}·{}", if name.is_empty() { format!("第 {} 列", s + 1) } else { name.clone() }, if cat.is_empty() { format!("第 {} 行", i + 1) } else { cat.clone() }) value=val(&format!("series-{s}-{i}"), cells.get(i).cloned().unwrap_or_default()) errors=errors.clone() hidden_label=true /></td>
                                        }).collect_view()}
                                        <td><RowButtons i what="此行".to_owned() /></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <div class="app-graphic-editor__row-actions">
                        <button type="submit" name="action" value="add" class="app-button app-button--secondary">"添加一行（类别）"</button>
                        <button type="submit" name="action" value="add-series" class="app-button app-button--secondary">"添加一列（数据系列）"</button>
                    </div>
                </fieldset>
            }.into_any()
        }
        body => {
            let slug = body.slug();
            let (prefix, cols) = columns(slug);
            let what = match slug {
                "timeline" => "节点",
                "figures" => "数字",
                "comparison" => "要点",
                _ => "步骤",
            };
            let titles = match body {
                Body::Comparison { before, after, .. } => Some((before.clone(), after.clone())),
                _ => None,
            };
            view! {
                {titles.map(|(before, after)| view! {
                    <TextInput name="before" label="左栏标题" value=before error=error_for(&errors, "before") hint="如 原政策、改革前" />
                    <TextInput name="after" label="右栏标题" value=after error=error_for(&errors, "after") hint="如 新政策、改革后" />
                })}
                {error_for(&errors, prefix).map(|e| view! { <p class="app-field__error" id=prefix>{e}</p> })}
                {rows(&spec).into_iter().enumerate().map(|(i, row)| view! {
                    <fieldset class="app-graphic-editor__row">
                        <legend class="app-field__label">{format!("第 {} 个{what}", i + 1)}</legend>
                        {cols.iter().zip(row).map(|((key, label), value)| view! {
                            <Cell name=format!("{prefix}-{i}-{key}") label=(*label).to_owned() value=val(&format!("{prefix}-{i}-{key}"), value) errors=errors.clone() wide=matches!(*key, "needs" | "detail" | "before" | "after") />
                        }).collect_view()}
                        <RowButtons i what=String::new() />
                    </fieldset>
                }).collect_view()}
                <button type="submit" name="action" value="add" class="app-button app-button--secondary">{format!("添加{what}")}</button>
            }.into_any()
        }
    }
}
