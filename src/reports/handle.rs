//! Staff saving a year's report (编辑) — the tables counted from the data
//! at that moment, with the narrative and the entered figures — as a
//! revision of the report item, saved or sent for review through the
//! normal workflow; and anyone downloading a published report's tables.

use super::rules;
use super::types::AnnualReport;
use crate::account::extract::{Editor, Staff};
use crate::content::editorial::db::{self as editorial, AttachmentChanges, SaveAction};
use crate::content::editorial::types::ArticleForm;
use crate::content::types::ContentKind;
use crate::error::FieldError;
use crate::server::forms::{Posted, Refusal};
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};
use std::collections::HashMap;

/// Longest narrative part, in characters.
const NARRATIVE_MAX: usize = 20_000;

fn value(values: &HashMap<String, String>, key: &str) -> String {
    values
        .get(key)
        .map(|v| v.replace("\r\n", "\n"))
        .unwrap_or_default()
}

/// `POST /staff/annual-reports/{year}`: `overview_md`,
/// `fees_wan`, `problems_md`, `other_md`, and `action` = `save` (a draft)
/// or `submit` (sent for review once every check holds). Editors only.
pub async fn save_report(
    State(state): State<AppState>,
    Path(year): Path<String>,
    staff: Staff<Editor>,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    let user = staff.0;
    let today = state.today();
    let lines = super::api::lines(&state.db, today).await?;
    let Some((line, item)) = year
        .parse::<i32>()
        .ok()
        .and_then(|y| lines.into_iter().find(|(l, _)| l.year == y))
    else {
        return Err(Refusal::plain(
            StatusCode::NOT_FOUND,
            "没有这一年度的报告。",
        ));
    };
    let submit = match value(&values, "action").as_str() {
        "save" => false,
        "submit" => true,
        _ => {
            return Err(Refusal::plain(
                StatusCode::BAD_REQUEST,
                "不明白要做什么，请返回页面重新选择。",
            ))
        }
    };
    let mut report: AnnualReport = super::db::count(&state.db, line.year).await?;
    report.proactive.fees_wan = value(&values, "fees_wan").trim().to_owned();
    report.overview_md = value(&values, "overview_md");
    report.problems_md = value(&values, "problems_md");
    report.other_md = value(&values, "other_md");
    let mut errors: Vec<FieldError> = Vec::new();
    for (field, label) in [
        ("overview_md", "总体情况"),
        ("problems_md", "存在的主要问题及改进情况"),
        ("other_md", "其他需要报告的事项"),
    ] {
        if value(&values, field).chars().count() > NARRATIVE_MAX {
            errors.push(FieldError::new(
                field,
                format!("“{label}”不能超过{NARRATIVE_MAX}个字"),
            ));
        }
    }
    // An entered figure in the wrong form is refused even for a draft; a
    // blank one only when sending for review.
    for (field, message) in rules::entered_problems(&report) {
        let blank = report.proactive.fees_wan.is_empty();
        if submit || !blank {
            errors.push(FieldError::new(field, message));
        }
    }
    if !errors.is_empty() {
        return Err(Refusal::fields(errors, values));
    }
    let site = state.site();
    let org = if site.organiser.is_empty() {
        "本机关"
    } else {
        site.organiser.as_str()
    };
    let mut form = match &item {
        Some(i) => i.item.working_form(),
        None => ArticleForm {
            kind: ContentKind::AnnualReport.slug().to_owned(),
            title: rules::title(org, line.year),
            summary: format!(
                "根据《中华人民共和国政府信息公开条例》第五十条，{org}编制本报告，报告{}年政府信息公开工作情况。",
                line.year
            ),
            publisher: if site.publisher.is_empty() {
                org.to_owned()
            } else {
                site.publisher.clone()
            },
            topic: "general".to_owned(),
            validity: "valid".to_owned(),
            disclosure: "active".to_owned(),
            ..ArticleForm::default()
        },
    };
    form.report_json = serde_json::to_string(&report)
        .map_err(|_| Refusal::from(crate::error::AppError::Internal))?;
    form.body_md = rules::markdown(&report);
    form.written_on = today.format("%Y-%m-%d").to_string();
    form.note = if submit {
        "年度报告送审".to_owned()
    } else {
        "保存年度报告".to_owned()
    };
    let problems = form.validate();
    if !problems.is_empty() {
        return Err(Refusal::fields(problems, values));
    }
    editorial::save(
        &state.db,
        &user,
        item.as_ref().map(|i| i.item.id),
        &form,
        &AttachmentChanges::default(),
        if submit {
            SaveAction::Submit
        } else {
            SaveAction::Save
        },
        now(),
    )
    .await
    .map_err(|e| Refusal::of(e, values.clone()))?;
    Ok(see_other(&format!(
        "/staff/annual-reports/{}?notice={}",
        line.year,
        if submit {
            "annual_submitted"
        } else {
            "annual_saved"
        }
    )))
}

/// `GET /articles/{id}/report.csv`: a published annual report's tables as
/// CSV (表, 项目, 列, 数值), from the published revision. Anyone.
pub async fn tables_csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, Refusal> {
    let missing = || Refusal::plain(StatusCode::NOT_FOUND, "没有这份年度报告。");
    let id: i64 = id.parse().map_err(|_| missing())?;
    let item = editorial::staff_article(&state.db, id)
        .await?
        .filter(|a| {
            a.live.kind == ContentKind::AnnualReport.slug()
                && a.status == crate::content::types::PublicationStatus::Published
        })
        .ok_or_else(missing)?;
    let report: AnnualReport =
        serde_json::from_str(&item.live.report_json).map_err(|_| missing())?;
    let failed = || Refusal::plain(StatusCode::INTERNAL_SERVER_ERROR, "导出失败，请稍后再试。");
    let mut w = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    w.write_record(["表", "项目", "列", "数值"])
        .map_err(|_| failed())?;
    for row in rules::csv_rows(&report) {
        w.write_record(&row).map_err(|_| failed())?;
    }
    let data = w.into_inner().map_err(|_| failed())?;
    Ok(crate::server::render::file_download(
        &format!("{}年政府信息公开工作年度报告-表格.csv", report.year),
        "text/csv; charset=utf-8",
        data,
        "public, max-age=300",
    ))
}
