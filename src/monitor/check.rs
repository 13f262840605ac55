//! The checks, each against the 19号 checklist's rule, reading every
//! domain through its owner. Run daily by the scheduler (the first app
//! server to claim the day) and whenever staff ask.

use super::types::{Finding, Severity};
use crate::content::types::ContentKind;
use crate::error::AppError;
use crate::server::state::AppState;
use chrono::{Datelike, Days, Months, NaiveDate};

fn finding(rule: &str, severity: Severity, what: String, link: String, fix: &str) -> Finding {
    Finding {
        rule: rule.to_owned(),
        severity,
        what,
        link,
        fix: fix.to_owned(),
    }
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Columns the checklist wants updated within a period: 动态、要闻类 two
/// weeks, 通知公告、政策文件类 six months.
fn freshness(today: NaiveDate) -> [(ContentKind, NaiveDate, &'static str); 4] {
    let two_weeks = today - Days::new(14);
    let six_months = today - Months::new(6);
    [
        (ContentKind::News, two_weeks, "2周"),
        (ContentKind::Release, two_weeks, "2周"),
        (ContentKind::Notice, six_months, "6个月"),
        (ContentKind::Policy, six_months, "6个月"),
    ]
}

/// Blank columns beyond which the checklist fails the site.
const BLANK_COLUMNS_VETO: usize = 5;

async fn columns(
    state: &AppState,
    today: NaiveDate,
    out: &mut Vec<Finding>,
) -> Result<(), AppError> {
    let db = &state.db;
    match crate::content::db::latest(db, None, 1, 0).await?.first() {
        None => out.push(finding(
            "home_stale",
            Severity::Veto,
            "首页没有任何信息".to_owned(),
            "/".to_owned(),
            "发布工作动态、通知公告等信息；首页显示最新发布的信息。",
        )),
        Some(a) if date(&a.published_on).is_some_and(|d| d < today - Days::new(14)) => {
            out.push(finding(
                "home_stale",
                Severity::Veto,
                format!(
                    "首页2周内没有更新（最近一条信息发布于{}）",
                    crate::ui::format::date_zh(&a.published_on)
                ),
                "/".to_owned(),
                "发布工作动态、通知公告等信息；首页显示最新发布的信息。",
            ))
        }
        Some(_) => {}
    }
    for (kind, since, period) in freshness(today) {
        if let Some(a) = crate::content::db::latest(db, Some(kind), 1, 0)
            .await?
            .first()
        {
            if date(&a.published_on).is_some_and(|d| d < since) {
                out.push(finding(
                    "column_stale",
                    Severity::Veto,
                    format!(
                        "栏目“{}”超过{period}没有更新（最近一条发布于{}）",
                        kind.label(),
                        crate::ui::format::date_zh(&a.published_on)
                    ),
                    format!("/disclosure/{}", kind.slug()),
                    "发布该栏目的新信息；确实没有新信息的栏目，应与其他栏目合并。",
                ));
            }
        }
    }
    let catalogue = crate::content::db::catalogue(db).await?;
    let blank: Vec<ContentKind> = catalogue
        .nodes
        .iter()
        .filter(|n| n.count == 0)
        .map(|n| n.kind)
        .collect();
    for kind in &blank {
        out.push(finding(
            "column_blank",
            Severity::Problem,
            format!("空白栏目：“{}”没有任何信息", kind.label()),
            format!("/disclosure/{}", kind.slug()),
            "发布该栏目的信息。",
        ));
    }
    if blank.len() > BLANK_COLUMNS_VETO {
        out.push(finding(
            "column_blank",
            Severity::Veto,
            format!("空白栏目有{}个，超过{BLANK_COLUMNS_VETO}个", blank.len()),
            "/disclosure".to_owned(),
            "为空白栏目发布信息。",
        ));
    }
    Ok(())
}

async fn interaction(
    state: &AppState,
    today: NaiveDate,
    out: &mut Vec<Finding>,
) -> Result<(), AppError> {
    let three_months = today - Months::new(3);
    for q in crate::consult::db::queue(&state.db, false, &state.calendar(), today).await? {
        let c = &q.consultation;
        let link = format!("/staff/consult/{}", c.number);
        if date(&c.asked_on).is_some_and(|d| d <= three_months) {
            out.push(finding(
                "consult_unanswered",
                Severity::Veto,
                format!(
                    "网上咨询{}（{}提出）超过3个月未答复",
                    c.number,
                    crate::ui::format::date_zh(&c.asked_on)
                ),
                link,
                "答复该咨询。",
            ));
        } else if let Some(days) = c.days_left.filter(|d| *d < 0) {
            out.push(finding(
                "consult_overdue",
                Severity::Problem,
                format!("网上咨询{}已超过答复期限{}个工作日", c.number, -days),
                link,
                "答复该咨询。",
            ));
        }
    }
    Ok(())
}

async fn guides(state: &AppState, out: &mut Vec<Finding>) -> Result<(), AppError> {
    for summary in crate::services::db::list(&state.db).await? {
        let Some(s) = crate::services::db::get(&state.db, &summary.code).await? else {
            continue;
        };
        let missing: Vec<&str> = [
            ("事项名称", s.name.trim().is_empty()),
            ("设定依据", s.legal_basis.trim().is_empty()),
            ("申请条件", s.conditions.is_empty()),
            ("办理材料", s.materials.is_empty()),
            ("办理地点", s.place.trim().is_empty()),
            ("办理时间", s.hours.trim().is_empty()),
            ("联系电话", s.enquiry_phone.trim().is_empty()),
            ("办理流程", s.steps.is_empty()),
        ]
        .into_iter()
        .filter(|(_, gap)| *gap)
        .map(|(name, _)| name)
        .collect();
        if !missing.is_empty() {
            out.push(finding(
                "guide_incomplete",
                Severity::Problem,
                format!("办事指南“{}”缺少：{}", s.name, missing.join("、")),
                format!("/staff/services/{}", s.code),
                "在事项管理中补全办事指南的要素，送审发布。",
            ));
        }
    }
    Ok(())
}

async fn timeliness(
    state: &AppState,
    today: NaiveDate,
    out: &mut Vec<Finding>,
) -> Result<(), AppError> {
    for a in
        crate::content::db::awaiting_interpretation(&state.db, &state.calendar(), today).await?
    {
        if a.days_left < 0 {
            out.push(finding(
                "interpretation_overdue",
                Severity::Problem,
                format!(
                    "《{}》的解读材料逾期{}个工作日未发布",
                    a.document.title, -a.days_left
                ),
                format!("/articles/{}", a.document.id),
                "发布解读材料并关联该文件（文件公开后3个工作日内）。",
            ));
        }
    }
    // 条例第二十六条: made (or changed) information public within 20 working days.
    let (calendar, now) = (state.calendar(), state.now());
    for p in crate::content::editorial::db::publication_due(&state.db, &calendar, today).await? {
        if p.days_left < 0 {
            out.push(finding(
                "publication_overdue",
                Severity::Problem,
                format!(
                    "《{}》（{}，{}）生成于{}，已超过20个工作日未公开（逾期{}个工作日）",
                    p.title,
                    p.kind.label(),
                    p.state.label(),
                    crate::ui::format::date_zh(&p.made_on),
                    -p.days_left
                ),
                format!("/articles/{}/edit", p.article_id),
                "完成保密审查并发布；确属不予公开或依申请公开的，在稿件中改选公开属性并写明理由。",
            ));
        }
    }
    // 回应关切: a public concern past its clock with no response linked.
    for c in crate::concerns::db::open(&state.db).await? {
        for d in c.dues(&calendar, now) {
            if d.light == Some(crate::clock::Light::Red) {
                out.push(finding(
                    "concern_overdue",
                    Severity::Problem,
                    format!(
                        "舆情 {}（{}，{}）：{}{}",
                        c.id,
                        c.level.label(),
                        c.outlet,
                        d.what,
                        d.state
                    ),
                    format!("/staff/concerns/{}", c.id),
                    "发布回应并在舆情回应中关联；经研判不予回应的，记录理由。",
                ));
            }
        }
    }
    // 互动交流: a letter unanswered past three months is a veto item.
    for l in crate::mailbox::db::open(&state.db).await? {
        if l.stale(today) {
            out.push(finding(
                "letter_stale",
                Severity::Veto,
                format!(
                    "来信 {}《{}》自{}收到，超过{}个月未办结",
                    l.number,
                    l.subject,
                    crate::ui::format::date_zh(&l.received_on.to_string()),
                    crate::mailbox::types::STALE_MONTHS
                ),
                format!("/staff/mailbox/{}", l.number),
                "尽快答复来信人，或依规定不予受理、合并办理、移交执法。",
            ));
        }
    }
    let year = today.year() - 1;
    for (line, _) in crate::reports::api::lines(&state.db, today).await? {
        if line.year == year && line.late {
            out.push(finding(
                "annual_report_late",
                Severity::Problem,
                format!(
                    "{year}年政府信息公开工作年度报告未在{}前公布",
                    crate::ui::format::date_zh(&line.due_on)
                ),
                format!("/staff/annual-reports/{year}"),
                "编制年度报告，送审发布。",
            ));
        }
    }
    Ok(())
}

async fn links(state: &AppState, out: &mut Vec<Finding>) -> Result<(), AppError> {
    for b in crate::content::db::links::broken(&state.db).await? {
        out.push(finding(
            "broken_link",
            Severity::Problem,
            format!("《{}》中的链接 {} 打不开", b.title, b.target),
            format!("/articles/{}/edit", b.article_id),
            "修改或删除该链接，送审发布。",
        ));
    }
    Ok(())
}

/// Every finding as of the app's today, vetoes first.
pub async fn run(state: &AppState) -> Result<Vec<Finding>, AppError> {
    let today = state.today();
    let mut out = Vec::new();
    columns(state, today, &mut out).await?;
    interaction(state, today, &mut out).await?;
    guides(state, &mut out).await?;
    timeliness(state, today, &mut out).await?;
    links(state, &mut out).await?;
    out.sort_by_key(|f| f.severity != Severity::Veto);
    Ok(out)
}

/// The scheduler's daily check: the first app server to claim today runs
/// it. Returns whether this one did.
pub async fn daily(state: &AppState) -> Result<bool, AppError> {
    let day = state.today().format("%Y-%m-%d").to_string();
    if !super::db::claim(&state.db, &day).await? {
        return Ok(false);
    }
    let findings = run(state).await?;
    super::db::store(&state.db, &day, crate::ui::format::now(), &findings).await?;
    Ok(true)
}
