//! A register URL's query, checked: each bad value is named so the page can
//! say what to change, and only known columns ever reach the SQL.

use super::schema::Register;
use super::types::RegisterQuery;

/// The sort a query asks for, or the register's default: (field key, descending).
pub fn sort_of(register: Register, q: &RegisterQuery) -> (&'static str, bool) {
    let (default_key, default_desc) = register.default_sort();
    let key = q
        .sort
        .as_deref()
        .and_then(|s| register.sortable().into_iter().find(|(k, _)| *k == s))
        .map_or(default_key, |(k, _)| k);
    let desc = match q.dir.as_deref() {
        Some("asc") => false,
        Some("desc") => true,
        _ if key == default_key => default_desc,
        _ => false,
    };
    (key, desc)
}

#[cfg(feature = "ssr")]
pub fn view_of(
    q: &RegisterQuery,
    include_hidden: bool,
) -> Result<(Register, super::db::View, u32), crate::error::AppError> {
    use crate::error::{AppError, FieldError};
    let register = Register::from_slug(&q.register).ok_or(AppError::NotFound)?;
    let mut errors = Vec::new();
    let mut err = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };
    let year = match q.year.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(y) => match y.parse::<i32>() {
            Ok(y) if (1990..=2100).contains(&y) => Some(y),
            _ => {
                err("year", "年份应为四位数字，如 2016".to_owned());
                None
            }
        },
    };
    let c = register.columns();
    let (category_label, status_label) = register.filter_labels();
    let pick = |value: &Option<String>, key: Option<&str>| -> Result<Option<String>, ()> {
        match value.as_deref().filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(v) if register.choices(key).contains(&v) => Ok(Some(v.to_owned())),
            Some(_) => Err(()),
        }
    };
    let category = pick(&q.category, c.category).unwrap_or_else(|()| {
        err(
            "category",
            format!("没有这种{category_label}，请从列表中选择"),
        );
        None
    });
    let status = pick(&q.status, c.status).unwrap_or_else(|()| {
        err("status", format!("没有这种{status_label}，请从列表中选择"));
        None
    });
    let text =
        q.q.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
    if text.as_ref().is_some_and(|t| t.chars().count() > 50) {
        err("q", "关键词不能超过 50 个字".to_owned());
    }
    if let Some(s) = q.sort.as_deref().filter(|s| !s.is_empty()) {
        if !register.sortable().iter().any(|(k, _)| *k == s) {
            err("sort", "无法按该列排序".to_owned());
        }
    }
    let page = match q.page.as_deref().filter(|s| !s.is_empty()) {
        None => 1,
        Some(p) => match p.parse::<u32>() {
            Ok(p) if p >= 1 => p,
            _ => {
                err("page", "页码应为正整数".to_owned());
                1
            }
        },
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (key, desc) = sort_of(register, q);
    let column = register
        .sortable()
        .into_iter()
        .find(|(k, _)| *k == key)
        .map_or("id", |(_, c)| c);
    Ok((
        register,
        super::db::View {
            q: text,
            year,
            category,
            status,
            column,
            desc,
            include_hidden,
        },
        page,
    ))
}
