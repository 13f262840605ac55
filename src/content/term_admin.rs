//! The catalogue's vocabularies kept in the app (`POST /staff/catalogue`):
//! an administrator renames, orders, retires and restores the terms of one
//! list — the 主题分类 or a kind's 子类别 — and adds new ones on one form.
//! A term is never deleted (items are filed under it); a retired one is no
//! longer offered for filing. The list, its audit entry and the page
//! cache's version commit together; every app server then reads it again
//! with the site settings.

use crate::account::db::audit::{self, Actor};
use crate::account::extract::{Admin, Staff};
use crate::content::taxonomy::{term_slug_problem, Term, TermList, TERM_LABEL_MAX};
use crate::error::FieldError;
use crate::server::forms::{Posted, Refusal};
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{extract::State, response::Response};
use std::collections::HashMap;

/// Blank rows offered for new terms.
pub const NEW_ROWS: usize = 3;
/// The most terms a list holds.
pub const MAX_TERMS: usize = 60;

/// The boxes of an existing term's row: name, order, retired. Each list's
/// boxes carry its key, so that every list's form can share one page.
pub fn names(list: TermList, slug: &str) -> [String; 3] {
    let key = list.key();
    [
        format!("{key}-label-{slug}"),
        format!("{key}-order-{slug}"),
        format!("{key}-retired-{slug}"),
    ]
}

/// The boxes of new row `i` (from 1): name, address word.
pub fn new_names(list: TermList, i: usize) -> [String; 2] {
    let key = list.key();
    [format!("{key}-new{i}-label"), format!("{key}-new{i}-slug")]
}

fn label_problem(label: &str) -> Option<String> {
    if label.is_empty() {
        Some("请填写名称".to_owned())
    } else if label.chars().any(char::is_control) {
        Some("名称只能是一行文字".to_owned())
    } else if label.chars().count() > TERM_LABEL_MAX {
        Some(format!("名称最多{TERM_LABEL_MAX}个字"))
    } else {
        None
    }
}

/// The list a posted form asks for, in its new order, or every problem at
/// once (each beside its box). `current` is the list as stored.
pub fn read(
    list: TermList,
    current: &[Term],
    values: &HashMap<String, String>,
) -> Result<Vec<Term>, Vec<FieldError>> {
    let value = |k: &str| values.get(k).map(|v| v.trim()).unwrap_or_default();
    let mut errors = Vec::new();
    // (order, place in the form, subject); where two share a number, the
    // one whose number was changed goes first (it was moved there).
    let mut rows: Vec<(u32, usize, Term)> = Vec::new();
    let mut moved: Vec<usize> = Vec::new();
    for (i, s) in current.iter().enumerate() {
        let [label_box, order_box, retired_box] = names(list, &s.slug);
        let label = value(&label_box);
        if let Some(p) = label_problem(label) {
            errors.push(FieldError::new(&label_box, format!("第{}行：{p}", i + 1)));
        }
        let order = match value(&order_box) {
            "" => u32::try_from(i + 1).unwrap_or(u32::MAX),
            text => match text.parse::<u32>() {
                Ok(n) if (1..=999).contains(&n) => {
                    if usize::try_from(n).ok() != Some(i + 1) {
                        moved.push(i);
                    }
                    n
                }
                _ => {
                    errors.push(FieldError::new(
                        &order_box,
                        format!("第{}行：排序填1到999的整数", i + 1),
                    ));
                    0
                }
            },
        };
        rows.push((
            order,
            i,
            Term {
                slug: s.slug.clone(),
                label: label.to_owned(),
                retired: !value(&retired_box).is_empty(),
            },
        ));
    }
    let mut taken: Vec<String> = current.iter().map(|s| s.slug.clone()).collect();
    for i in 1..=NEW_ROWS {
        let [label_box, slug_box] = new_names(list, i);
        let (label, slug) = (value(&label_box), value(&slug_box));
        if label.is_empty() && slug.is_empty() {
            continue;
        }
        if let Some(p) = label_problem(label) {
            errors.push(FieldError::new(&label_box, format!("新增第{i}行：{p}")));
        }
        let slug = if slug.is_empty() {
            // A word nobody has used in this list: subject9, policy3, …
            (taken.len() + 1..)
                .map(|n| format!("{}{n}", list.key()))
                .find(|s| !taken.contains(s))
                .unwrap_or_default()
        } else if let Some(p) = term_slug_problem(slug) {
            errors.push(FieldError::new(&slug_box, format!("新增第{i}行：{p}")));
            continue;
        } else if taken.iter().any(|t| t == slug) {
            errors.push(FieldError::new(
                &slug_box,
                format!("新增第{i}行：网址标识“{slug}”已被使用，请换一个"),
            ));
            continue;
        } else {
            slug.to_owned()
        };
        taken.push(slug.clone());
        rows.push((
            u32::MAX,
            current.len() + i,
            Term {
                slug,
                label: label.to_owned(),
                retired: false,
            },
        ));
    }
    // Two subjects of one name could not be told apart in a list.
    let mut seen: HashMap<&str, ()> = HashMap::new();
    for (_, place, s) in &rows {
        if s.label.is_empty() {
            continue;
        }
        if seen.insert(s.label.as_str(), ()).is_some() {
            let field = match current.get(*place) {
                Some(c) => names(list, &c.slug)[0].clone(),
                None => new_names(list, place - current.len())[0].clone(),
            };
            errors.push(FieldError::new(
                &field,
                format!("名称“{}”与本表另一项重复", s.label),
            ));
        }
    }
    if rows.len() > MAX_TERMS {
        errors.push(FieldError::new(
            &new_names(list, 1)[0],
            format!("每张表最多{MAX_TERMS}项"),
        ));
    }
    // Every item needs a subject; a kind may do without 子类别.
    if errors.is_empty() && list == TermList::Subject && rows.iter().all(|(_, _, s)| s.retired) {
        let field = current
            .first()
            .map(|s| names(list, &s.slug)[2].clone())
            .unwrap_or_else(|| new_names(list, 1)[0].clone());
        errors.push(FieldError::new(
            &field,
            "至少保留一个在用的主题分类，编辑新建信息时要从中选择",
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    rows.sort_by_key(|(order, place, _)| (*order, !moved.contains(place), *place));
    Ok(rows.into_iter().map(|(_, _, s)| s).collect())
}

/// What changed between two lists, for the audit entry; empty if nothing.
pub fn changes(before: &[Term], after: &[Term]) -> serde_json::Map<String, serde_json::Value> {
    let mut out = serde_json::Map::new();
    let mut list = |key: &str, items: Vec<String>| {
        if !items.is_empty() {
            out.insert(key.to_owned(), serde_json::json!(items));
        }
    };
    let find = |slug: &str| before.iter().find(|b| b.slug == slug);
    list(
        "added",
        after
            .iter()
            .filter(|a| find(&a.slug).is_none())
            .map(|a| format!("{}（{}）", a.label, a.slug))
            .collect(),
    );
    list(
        "renamed",
        after
            .iter()
            .filter_map(|a| {
                let b = find(&a.slug)?;
                (b.label != a.label).then(|| format!("{} → {}", b.label, a.label))
            })
            .collect(),
    );
    list(
        "retired",
        after
            .iter()
            .filter(|a| a.retired && find(&a.slug).is_some_and(|b| !b.retired))
            .map(|a| a.label.clone())
            .collect(),
    );
    list(
        "restored",
        after
            .iter()
            .filter(|a| !a.retired && find(&a.slug).is_some_and(|b| b.retired))
            .map(|a| a.label.clone())
            .collect(),
    );
    let order = |l: &[Term]| l.iter().map(|s| s.slug.clone()).collect::<Vec<_>>();
    let kept: Vec<String> = order(after)
        .into_iter()
        .filter(|s| find(s).is_some())
        .collect();
    if kept != order(before) {
        out.insert(
            "order".to_owned(),
            serde_json::json!(after.iter().map(|s| s.label.clone()).collect::<Vec<_>>()),
        );
    }
    out
}

/// `POST /staff/catalogue`: saves one whole list (named by the form's
/// `list`). Administrators only.
pub async fn save_terms(
    State(state): State<AppState>,
    user: Staff<Admin>,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    let list = values
        .get("list")
        .and_then(|k| TermList::from_key(k))
        .ok_or_else(|| Refusal::from(crate::error::AppError::NotFound))?;
    let back = format!("/staff/catalogue?notice={{}}#{}", list.key());
    let mut tx = state.db.begin_write().await?;
    let before = crate::content::db::terms::all_in(&mut tx).await?;
    let before = before.of(list);
    let after =
        read(list, before, &values).map_err(|errors| Refusal::fields(errors, values.clone()))?;
    let mut detail = changes(before, &after);
    if detail.is_empty() {
        return Ok(see_other(&back.replace("{}", "terms_unchanged")));
    }
    detail.insert("list".to_owned(), serde_json::json!(list.key()));
    let at = now();
    crate::content::db::terms::save_in(&mut tx, list, &after, at).await?;
    audit::record(
        &mut tx,
        &Actor::staff(&user),
        "catalogue_terms_saved",
        &list.label(),
        serde_json::Value::Object(detail),
        at,
    )
    .await?;
    tx.commit().await?;
    state
        .reload_site()
        .await
        .map_err(crate::error::AppError::from)?;
    Ok(see_other(&back.replace("{}", "terms_saved")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Vec<Term> {
        [
            ("general", "综合政务"),
            ("film", "电影"),
            ("copyright", "版权"),
        ]
        .into_iter()
        .map(|(slug, label)| Term {
            slug: slug.to_owned(),
            label: label.to_owned(),
            retired: false,
        })
        .collect()
    }

    const L: TermList = TermList::Subject;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        let mut values: HashMap<String, String> = list()
            .iter()
            .map(|s| (names(L, &s.slug)[0].clone(), s.label.clone()))
            .collect();
        for (k, v) in pairs {
            values.insert((*k).to_owned(), (*v).to_owned());
        }
        values
    }

    fn fields(pairs: &[(&str, &str)]) -> Vec<String> {
        read(L, &list(), &form(pairs))
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn the_list_is_renamed_ordered_retired_and_extended() {
        let out = read(
            L,
            &list(),
            &form(&[
                ("subject-label-film", " 电影管理 "),
                ("subject-order-copyright", "1"),
                ("subject-retired-general", "1"),
                ("subject-new1-label", "网络视听"),
                ("subject-new1-slug", "online_av"),
                ("subject-new2-label", "印刷"),
            ]),
        )
        .expect("valid");
        let slugs: Vec<&str> = out.iter().map(|s| s.slug.as_str()).collect();
        assert_eq!(
            slugs,
            ["copyright", "general", "film", "online_av", "subject5"]
        );
        assert_eq!(out[2].label, "电影管理");
        assert!(out[1].retired && !out[0].retired);
        let detail = changes(&list(), &out);
        for key in ["added", "renamed", "retired", "order"] {
            assert!(detail.contains_key(key), "{key}: {detail:?}");
        }
        assert!(changes(&list(), &list()).is_empty());
    }

    #[test]
    fn every_problem_is_named_beside_its_box() {
        assert_eq!(
            fields(&[("subject-label-film", "")]),
            ["subject-label-film"]
        );
        assert_eq!(
            fields(&[("subject-label-film", "综合政务")]),
            ["subject-label-film"]
        );
        assert_eq!(
            fields(&[("subject-label-film", "电\u{0}影")]),
            ["subject-label-film"]
        );
        assert_eq!(
            fields(&[("subject-label-film", &"影".repeat(13))]),
            ["subject-label-film"]
        );
        assert_eq!(
            fields(&[("subject-order-film", "第二")]),
            ["subject-order-film"]
        );
        assert_eq!(
            fields(&[("subject-new1-label", "电影")]),
            ["subject-new1-label"]
        );
        assert_eq!(
            fields(&[
                ("subject-new2-label", "胶片"),
                ("subject-new2-slug", "film")
            ]),
            ["subject-new2-slug"]
        );
        assert_eq!(
            fields(&[
                ("subject-new1-label", "广播"),
                ("subject-new1-slug", "Radio")
            ]),
            ["subject-new1-slug"]
        );
        assert_eq!(
            fields(&[
                ("subject-retired-general", "1"),
                ("subject-retired-film", "1"),
                ("subject-retired-copyright", "1")
            ]),
            ["subject-retired-general"]
        );
        // A kind may be left without 子类别.
        let kind = TermList::Subtype(crate::content::types::ContentKind::Policy);
        let values: HashMap<String, String> = list()
            .iter()
            .flat_map(|s| {
                let [label, _, retired] = names(kind, &s.slug);
                [(label, s.label.clone()), (retired, "1".to_owned())]
            })
            .collect();
        assert!(read(kind, &list(), &values).is_ok_and(|l| l.iter().all(|t| t.retired)));
    }
}
