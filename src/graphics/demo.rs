//! Demo 图解: the 2016 plan itself (its three parts and their tasks, and
//! its key numbers) on the plan's 图解 interpretation; a 三公经费 chart
//! built from the budget register's own figures; and two services' handling
//! flows built from their guides. Each is checked like a staff member's.

use super::types::{Body, Chart, ChartKind, FlowStep, KeyFigure, Series, Spec, SPEC_VERSION};
use super::validate::check;
use crate::server::db::Db;

fn spec(title: &str, note: &str, body: Body) -> Spec {
    Spec {
        version: SPEC_VERSION,
        title: title.to_owned(),
        note: note.to_owned(),
        body,
    }
}

/// The plan's three parts, each with its tasks, in the plan's order.
pub fn plan_parts() -> Spec {
    let part = |name: &str, needs: &str| FlowStep {
        name: name.to_owned(),
        actor: "各处室、直属单位".to_owned(),
        needs: needs.to_owned(),
        limit: "2016年内".to_owned(),
        branch: String::new(),
    };
    let mut steps = vec![
        part(
            "一、加大信息主动公开力度",
            "（一）行政审批事项公开：权力清单、审批流程、行政处罚信息；（二）新闻出版广播影视政策公开：决策预公开、重大建设项目；（三）政务服务公开：网上办事大厅，在线咨询、网上办理、电子监察",
        ),
        part(
            "二、加强政策解读回应",
            "（一）做好发布解读：新闻发布会、在线访谈，图解图示同步解读；（二）回应社会关切：舆情收集研判回应；（三）加强媒体运用：门户网站、微信公众号",
        ),
        part(
            "三、强化公开能力建设",
            "（一）制度化标准化：信息公开目录、保密审查、不公开信息定期评审；（二）信息化集中化：门户网站第一平台、全文检索、手机版",
        ),
    ];
    steps[1].limit = "文件公开后3个工作日内发布解读".to_owned();
    spec(
        "2016年政务公开工作实施方案：三个方面的主要任务",
        "依据《福建省新闻出版广电局2016年政务公开工作实施方案》整理。",
        Body::Flow { steps },
    )
}

/// The plan's numbers at a glance.
pub fn plan_figures() -> Spec {
    let f = |value: f64, unit: &str, caption: &str| KeyFigure {
        value,
        unit: unit.to_owned(),
        caption: caption.to_owned(),
        change: None,
    };
    spec(
        "一图读懂2016年政务公开工作实施方案",
        "依据《福建省新闻出版广电局2016年政务公开工作实施方案》整理。",
        Body::Figures {
            figures: vec![
                f(3.0, "个方面", "主动公开、解读回应、能力建设"),
                f(8.0, "项重点任务", "各方面下分项落实"),
                f(3.0, "个工作日", "文件公开后发布解读材料的时限"),
                f(2.0, "馆", "定期向档案馆、图书馆报送政府信息"),
            ],
        },
    )
}

/// The 2025 statistics bulletin's headline numbers, on the bulletin.
pub fn statistics_figures() -> Spec {
    let f = |value: f64, unit: &str, caption: &str, change: Option<f64>| KeyFigure {
        value,
        unit: unit.to_owned(),
        caption: caption.to_owned(),
        change,
    };
    spec(
        "一图读懂2025年全省新闻出版广播影视统计公报",
        "数据来源：《2025年福建省新闻出版广播影视统计公报》。",
        Body::Figures {
            figures: vec![
                f(6820.0, "种", "出版图书", Some(3.2)),
                f(612.0, "家", "电影院", Some(2.5)),
                f(21.6, "亿元", "电影票房", Some(4.8)),
                f(99.9, "%", "广播电视人口综合覆盖率", None),
            ],
        },
    )
}

/// 三公经费 by year (预算, 万元), stacked by item, from the register.
pub async fn sangong(db: &Db) -> Result<Option<Spec>, sqlx::Error> {
    const ITEMS: &[(&str, &str)] = &[
        ("1", "因公出国（境）费"),
        ("2", "公务用车购置及运行费"),
        ("3", "公务接待费"),
    ];
    let lines = crate::registers::db::budget_lines(db).await?;
    let mut years: Vec<i32> = lines
        .iter()
        .filter(|l| l.system == "三公经费" && l.kind == "预算")
        .map(|l| l.year)
        .collect();
    years.sort_unstable();
    years.dedup();
    if years.is_empty() {
        return Ok(None);
    }
    let series = ITEMS
        .iter()
        .map(|(code, name)| Series {
            name: (*name).to_owned(),
            values: years
                .iter()
                .map(|y| {
                    lines
                        .iter()
                        .find(|l| {
                            l.year == *y
                                && l.kind == "预算"
                                && l.system == "三公经费"
                                && l.code == *code
                        })
                        .map_or(0.0, |l| {
                            (l.amount as f64 / 1_000_000.0 * 10.0).round() / 10.0
                        })
                })
                .collect(),
        })
        .collect();
    Ok(Some(spec(
        "历年“三公”经费预算",
        "数据来源：本局部门预算公开（财政预算决算栏目）。",
        Body::Chart(Chart {
            chart: ChartKind::StackedBar,
            unit: "万元".to_owned(),
            categories: years.iter().map(|y| format!("{y}年")).collect(),
            series,
        }),
    )))
}

/// Loads the demo graphics, each approved by the demo's reviewer (`reviewer`:
/// id and name) with a review record, as staff would; `plan_graphic` is the
/// plan's 图解 item, `bulletin` the statistics bulletin.
pub async fn load(
    db: &Db,
    (plan_graphic, bulletin): (Option<i64>, Option<i64>),
    reviewer: (i64, &str),
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut specs: Vec<(Spec, Option<i64>)> = vec![
        (plan_figures(), plan_graphic),
        (plan_parts(), plan_graphic),
        (statistics_figures(), bulletin),
    ];
    if let Some(s) = sangong(db).await? {
        specs.push((s, None));
    }
    for s in crate::services::demo::services().iter().take(2) {
        specs.push((super::build::service_flow(s), None));
    }
    let mut tx = db.begin_write().await?;
    for (position, (spec, article)) in specs.iter().enumerate() {
        let problems = check(spec);
        if !problems.is_empty() {
            return Err(sqlx::Error::Protocol(format!(
                "demo graphic “{}”: {problems:?}",
                spec.title
            )));
        }
        let id = super::db::insert(&mut tx, spec, *article, position as i64, None, now).await?;
        let version = super::db::fingerprint(&serde_json::to_string(spec).unwrap_or_default());
        let approved = super::db::review(
            &mut tx,
            id,
            reviewer,
            super::db::Verdict::Approve,
            "经保密审查，同意公开。",
            &version,
            now,
        )
        .await;
        if let Err(e) = approved {
            return Err(sqlx::Error::Protocol(format!("demo graphic review: {e:?}")));
        }
    }
    tx.commit().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_graphics_pass_their_own_checks() {
        for s in [plan_parts(), plan_figures(), statistics_figures()] {
            assert_eq!(check(&s), vec![], "{}", s.title);
        }
        for service in crate::services::demo::services() {
            let s = crate::graphics::build::service_flow(&service);
            assert_eq!(check(&s), vec![], "{}", s.title);
        }
    }
}
