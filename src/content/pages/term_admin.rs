//! `/staff/catalogue` (目录分类): the catalogue's vocabularies — the 主题分类
//! and each kind's 子类别 — one plain form per list: rename, order, retire
//! or restore each term, add new ones. Administrators only.

use crate::account::types::Role;
use crate::content::taxonomy::{Term, TermList, Terms};
use crate::content::term_admin::{names, new_names, NEW_ROWS};
use crate::error::{AppError, FieldError};
use crate::server::forms::{notice, submitted, Submitted};
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::error_page::loaded;
use crate::ui::forms::{error_for, row_box, ErrorSummary, Notice, Widget};
use crate::ui::layout::PageMeta;
use leptos::prelude::*;
use std::collections::HashMap;

/// `/staff/catalogue`: every list as a form.
#[component]
pub fn CatalogueTermsPage() -> impl IntoView {
    if let Err(view) = crate::account::pages::guard(Role::Admin) {
        return view;
    }
    loaded(
        || async {
            let db = crate::server::context::db()?;
            let terms = crate::content::db::terms::all(&db).await?;
            let mut usage = Vec::new();
            for list in TermList::all() {
                usage.push((list, crate::content::db::terms::usage(&db, list).await?));
            }
            Ok::<_, AppError>((terms, usage))
        },
        |(terms, usage)| page_view(&terms, &usage),
    )
    .into_any()
}

fn page_view(terms: &Terms, usage: &[(TermList, HashMap<String, i64>)]) -> AnyView {
    let sub = submitted();
    // A refused form belongs to one list; the others show what is stored.
    let refused = sub
        .as_ref()
        .and_then(|s| TermList::from_key(&s.value("list")));
    let title = if refused.is_some() {
        "错误：目录分类"
    } else {
        "目录分类"
    };
    let forms = usage
        .iter()
        .map(|(list, used)| {
            let mine = (refused == Some(*list)).then_some(sub.as_ref()).flatten();
            list_form(*list, terms.of(*list), used, mine)
        })
        .collect_view();
    let contents = TermList::all()
        .map(|list| view! { <li><a href=format!("#{}", list.key())>{list.label()}</a></li> })
        .collect_view();
    view! {
        <PageMeta title=title description="信息公开目录的主题分类和各类信息的子类别。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="目录分类" />
        <h1 class="app-page-title">"目录分类"</h1>
        <p class="app-page-lede">"编辑信息时从这里选择主题分类和子类别，公众可按它们浏览和筛选信息公开目录。已用过的分类不能删除，可以停用：停用后不再供新建信息选择，已归入的信息仍显示原名称。每张表单独保存，保存后立即生效，并记入审计日志。"</p>
        {notice().map(|n| view! { <Notice text=n /> })}
        <nav aria-label="本页目录">
            <ul class="app-link-list">{contents}</ul>
        </nav>
        {forms}
    }
    .into_any()
}

/// One list's form; `sub` is its refused submission, if it was refused.
fn list_form(
    list: TermList,
    terms: &[Term],
    used: &HashMap<String, i64>,
    sub: Option<&Submitted>,
) -> impl IntoView {
    let errors = sub.map(|s| s.errors.clone()).unwrap_or_default();
    let value = |name: &str, stored: String| match sub {
        Some(s) => s.value(name),
        None => stored,
    };
    let heading_id = format!("{}-title", list.key());
    let lede = match list {
        TermList::Subject => "每条信息归入一个主题分类。至少保留一个在用的主题分类。".to_owned(),
        TermList::Subtype(kind) => format!(
            "{}可再分子类别；没有在用的子类别时，编辑{}不需选择子类别。",
            kind.label(),
            kind.label()
        ),
    };
    let rows = terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let [label, order, retired] = names(list, &t.slug);
            let count = used.get(&t.slug).copied().unwrap_or(0);
            let legend = format!(
                "第{}项：{}{}",
                i + 1,
                t.label,
                if t.retired { "（已停用）" } else { "" }
            );
            let retired_value = value(&retired, if t.retired { "1" } else { "" }.to_owned());
            view! {
                <fieldset class="app-fieldset app-editor__row">
                    <legend class="app-fieldset__legend">{legend}</legend>
                    <p class="app-field__hint">{format!("网址标识 {}；已用于{count}条信息", t.slug)}</p>
                    {row_box(label.clone(), "名称", &Widget::Input("text"), value(&label, t.label.clone()), error_for(&errors, &label))}
                    {row_box(order.clone(), "排序", &Widget::Numeric, value(&order, (i + 1).to_string()), error_for(&errors, &order))}
                    {row_box(retired.clone(), "停用（不再供新建信息选择；已归入的信息不变）", &Widget::Check, retired_value, error_for(&errors, &retired))}
                </fieldset>
            }
        })
        .collect_view();
    let blank = (1..=NEW_ROWS)
        .map(|i| new_row(list, i, sub, &errors))
        .collect_view();
    view! {
        <section class="app-panel" id=list.key() aria-labelledby=heading_id.clone()>
            <h2 class="app-panel__title" id=heading_id.clone()>{list.label()}</h2>
            <p>{lede}</p>
            <ErrorSummary errors=errors.clone() />
            <form class="app-form" method="post" action="/staff/catalogue">
                <input type="hidden" name="list" value=list.key() />
                {rows}
                {blank}
                <div class="app-form__actions">
                    <button type="submit" class="app-button">{format!("保存{}", list.label())}</button>
                </div>
            </form>
        </section>
    }
}

/// Blank row `i` for a new term (kept as typed when the form is refused).
fn new_row(
    list: TermList,
    i: usize,
    sub: Option<&Submitted>,
    errors: &[FieldError],
) -> impl IntoView {
    let [label, slug] = new_names(list, i);
    let value = |name: &str| sub.map(|s| s.value(name)).unwrap_or_default();
    view! {
        <fieldset class="app-fieldset app-editor__row">
            <legend class="app-fieldset__legend">{format!("新增第{i}项（可不填）")}</legend>
            {row_box(label.clone(), "名称", &Widget::Input("text"), value(&label), error_for(errors, &label))}
            {row_box(slug.clone(), "网址标识（可不填，小写字母、数字和下划线，如 radio）", &Widget::Input("text"), value(&slug), error_for(errors, &slug))}
        </fieldset>
    }
}
