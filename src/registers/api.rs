//! Server functions for reading registers. Anyone may call the public ones:
//! they return only the masked copy of rows that are public. Staff with the
//! editor role also see rows the public no longer does, marked why.

use crate::error::AppError;
use crate::registers::types::{
    BudgetLine, CreditReport, Party, RegisterPage, RegisterQuery, RowPage, StaffRow,
};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Rows a register page shows.
pub const PAGE_SIZE: u32 = 20;

/// This domain's staff server functions and the role each requires (the
/// router checks it before reading arguments; see `server::router`).
pub const STAFF_FUNCTIONS: &[(&str, crate::account::types::Role)] = &[(
    "staff/get_register_original",
    crate::account::types::Role::Editor,
)];

/// One page of a register, filtered and sorted as the query says. Anyone
/// may call it.
#[server(endpoint = "list_register", input = GetUrl)]
pub async fn list_register(query: RegisterQuery) -> Result<RegisterPage, AppError> {
    use crate::registers::{db, query::view_of};
    let state = crate::server::context::state()?;
    let (register, view, page) = view_of(&query, staff_sees_all())?;
    let today = state.today().to_string();
    let (rows, counted) = db::list(&state.db, register, &view, &today, page, PAGE_SIZE).await?;
    let more = view.q.is_some() && counted > db::TEXT_COUNT_CAP;
    let total = if more { db::TEXT_COUNT_CAP } else { counted };
    let pages = crate::ui::pagination::page_count(total, PAGE_SIZE);
    if page > pages {
        return Err(AppError::NotFound);
    }
    let years = db::years(&state.db, register).await?;
    let (sort, desc) = crate::registers::query::sort_of(register, &query);
    Ok(RegisterPage {
        rows,
        total,
        more,
        page,
        pages,
        years,
        sort: sort.to_owned(),
        desc,
    })
}

#[cfg(feature = "ssr")]
fn staff_sees_all() -> bool {
    crate::account::auth::current_user().is_some_and(|u| u.has(crate::account::types::Role::Editor))
}

/// One row with its timeline. Anyone may call it; a withdrawn row answers
/// with its reason, one past its 公示期 as expired (staff still see both).
#[server(endpoint = "get_register_row", input = GetUrl)]
pub async fn get_register_row(register: String, id: i64) -> Result<RowPage, AppError> {
    use crate::registers::schema::Register;
    let state = crate::server::context::state()?;
    let register = Register::from_slug(&register).ok_or(AppError::NotFound)?;
    let row = crate::registers::db::get(&state.db, id)
        .await?
        .filter(|r| r.register == register.slug())
        .ok_or(AppError::NotFound)?;
    let today = state.today().to_string();
    let public = row.public(&today).ok_or(AppError::NotFound)?;
    if !staff_sees_all() {
        if let Some(at) = row.withdrawn_at {
            return Err(AppError::Withdrawn {
                title: row.title.clone(),
                reason: row.withdraw_reason.clone().unwrap_or_default(),
                on: crate::ui::format::date_zh(&crate::ui::format::iso_date(at)),
            });
        }
        if public.hidden.is_some() {
            return Err(AppError::Expired {
                title: row.title.clone(),
                until: crate::ui::format::date_zh(&row.public_until),
            });
        }
    }
    let mut timeline: Vec<crate::registers::types::TimelineEntry> = register
        .fields()
        .iter()
        .filter(|f| f.stage)
        .filter_map(|f| {
            let date = public.get(f.key);
            (!date.is_empty()).then(|| crate::registers::types::TimelineEntry {
                date: date.to_owned(),
                stage: f.label.trim_end_matches("日期").to_owned(),
                note: String::new(),
                document: String::new(),
            })
        })
        .collect();
    timeline.extend(crate::registers::db::events(&state.db, id).await?);
    timeline.sort_by(|a, b| a.date.cmp(&b.date));
    Ok(RowPage {
        register: register.slug().to_owned(),
        credit_code: (!row.credit_code.is_empty()).then(|| row.credit_code.clone()),
        row: public,
        timeline,
        updated_at: row.updated_at,
    })
}

/// A row's original (unmasked) fields, for the staff view beside the public
/// one. Editors only.
#[server(endpoint = "staff/get_register_original", input = GetUrl)]
pub async fn get_register_original(id: i64) -> Result<StaffRow, AppError> {
    crate::account::auth::require(crate::account::types::Role::Editor)?;
    let db = crate::server::context::db()?;
    let row = crate::registers::db::get(&db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let register = row.register().ok_or(AppError::NotFound)?;
    let original = row.original();
    Ok(StaffRow {
        original: register
            .fields()
            .iter()
            .map(|f| {
                (
                    f.key.to_owned(),
                    original.get(f.key).cloned().unwrap_or_default(),
                )
            })
            .collect(),
        version: row.version,
        withdrawn: row.withdraw_reason.clone(),
    })
}

/// Organisations by name or 统一社会信用代码 (an 18-character entry must pass
/// its check digit). Anyone may call it.
#[server(endpoint = "find_parties", input = GetUrl)]
pub async fn find_parties(q: String) -> Result<Vec<Party>, AppError> {
    let state = crate::server::context::state()?;
    let q = q.trim();
    if q.chars().count() < 2 {
        return Err(AppError::field(
            "q",
            "请输入至少两个字的名称，或 18 位统一社会信用代码",
        ));
    }
    if q.chars().count() > 60 {
        return Err(AppError::field("q", "名称不能超过 60 个字"));
    }
    if q.len() == 18
        && q.is_ascii()
        && !crate::registers::schema::valid_credit_code(&q.to_ascii_uppercase())
    {
        return Err(AppError::field(
            "q",
            "该统一社会信用代码的校验位不正确，请核对后重新输入",
        ));
    }
    Ok(crate::registers::db::parties(&state.db, q, &state.today().to_string()).await?)
}

/// An organisation's licences, public penalties, inspection results and
/// serious-violation flags since January 2015. Anyone may call it.
#[server(endpoint = "get_credit_report", input = GetUrl)]
pub async fn get_credit_report(code: String) -> Result<CreditReport, AppError> {
    use crate::registers::schema::Register;
    let state = crate::server::context::state()?;
    let code = code.trim().to_ascii_uppercase();
    if !crate::registers::schema::valid_credit_code(&code) {
        return Err(AppError::NotFound);
    }
    let rows =
        crate::registers::db::party_rows(&state.db, &code, &state.today().to_string()).await?;
    if rows.is_empty() {
        return Err(AppError::NotFound);
    }
    let name = rows
        .iter()
        .map(|(r, row, _)| row.get(r.columns().party.unwrap_or("")).to_owned())
        .find(|n| !n.is_empty())
        .unwrap_or_default();
    let mut report = CreditReport {
        code,
        name,
        licences: Vec::new(),
        penalties: Vec::new(),
        inspections: Vec::new(),
        serious: Vec::new(),
    };
    for (register, row, serious) in rows {
        if serious {
            report.serious.push(row.clone());
        }
        match register {
            Register::Licence => report.licences.push(row),
            Register::Penalty => report.penalties.push(row),
            Register::Inspection => report.inspections.push(row),
            _ => {}
        }
    }
    Ok(report)
}

/// Every public budget line (预算, 决算, 三公经费, 说明). Anyone may call it.
#[server(endpoint = "list_budget_lines", input = GetUrl)]
pub async fn list_budget_lines() -> Result<Vec<BudgetLine>, AppError> {
    let db = crate::server::context::db()?;
    Ok(crate::registers::db::budget_lines(&db).await?)
}

/// Each register with its count of public rows, as (slug, count). Anyone may call it.
#[server(endpoint = "list_registers", input = GetUrl)]
pub async fn list_registers() -> Result<Vec<(String, i64)>, AppError> {
    let state = crate::server::context::state()?;
    let counts = crate::registers::db::counts(&state.db, &state.today().to_string()).await?;
    Ok(counts
        .into_iter()
        .map(|(r, n)| (r.slug().to_owned(), n))
        .collect())
}
