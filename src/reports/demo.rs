//! The demo's report for last year: counted from the demo's own requests,
//! registers and documents, with a narrative that quotes its figures, and
//! published with its review record — so /disclosure/annual-reports has a
//! report and the workbench shows where next year's stands.

use super::rules;
use crate::clock::Calendar;
use crate::content::db::{beijing_date, insert_article, Approval, NewArticle};
use crate::content::types::ContentKind;
use crate::server::db::Db;
use chrono::Datelike;

const OVERVIEW: &str = "{{年度}}年，我局认真贯彻《中华人民共和国政府信息公开条例》，按照全省政务公开工作部署，\
围绕行政许可、行政处罚、政策文件和新闻出版广播影视重点工作，扎实推进政府信息公开。\n\n\
**主动公开。** 全年通过门户网站主动公开政府信息{{主动公开信息}}条，作出行政许可决定{{行政许可决定}}件、\
行政处罚决定{{行政处罚决定}}件，均在作出决定之日起7个工作日内公示。\n\n\
**依申请公开。** 全年新收政府信息公开申请{{本年新收申请}}件，上年结转{{上年结转申请}}件；\
办结{{办理结果总计}}件，其中予以公开{{予以公开}}件、部分公开{{部分公开}}件，结转下年度继续办理{{结转下年度}}件。\n\n\
**平台建设和监督保障。** 门户网站实现政策文件、解读和图解同步发布，办事指南要素齐全，\
在线咨询和依申请公开均可在线提交、在线查询办理进度。";

const PROBLEMS: &str = "一是政策解读形式还不够丰富，图解、视频等解读占比不高。二是部分办事指南的办理流程表述不够通俗。\
下一步，我局将扩大图解解读的比例，按照“一件事一次办”要求逐项优化办事指南，并加强政务公开业务培训。";

const OTHER: &str = "本年度收取信息处理费{{信息处理费元}}元。我局上年度政府信息公开工作年度报告指出的问题均已整改。";

/// Stores and publishes last year's report (with its review record), if
/// its checks hold on the demo's data.
pub async fn load(
    db: &Db,
    approval: &Approval,
    calendar: &Calendar,
    publisher: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let today = beijing_date(now);
    let year = today.year() - 1;
    let mut report = super::db::count(db, year).await?;
    report.proactive.fees_wan = "0".to_owned();
    let year_text = year.to_string();
    report.overview_md = OVERVIEW.replace("{{年度}}", &year_text);
    report.problems_md = PROBLEMS.to_owned();
    report.other_md = OTHER.to_owned();
    let problems = rules::problems(&report);
    if !problems.is_empty() {
        tracing::warn!(?problems, "demo annual report does not add up: left out");
        return Ok(());
    }
    // Published on a working day in the January after.
    let published_on = chrono::NaiveDate::from_ymd_opt(year + 1, 1, 20).unwrap_or(today);
    let published_at = crate::ui::format::unix_at(
        published_on,
        chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default(),
    )
    .min(now);
    let mut tx = db.begin_write().await?;
    insert_article(
        &mut tx,
        &NewArticle {
            summary: format!(
                "根据《中华人民共和国政府信息公开条例》第五十条，{publisher}编制本报告，报告{year}年政府信息公开工作情况。"
            ),
            written_on: published_on.min(today).format("%Y-%m-%d").to_string(),
            approval: Some(approval.clone()),
            report_json: serde_json::to_string(&report).unwrap_or_default(),
            ..NewArticle::published(
                ContentKind::AnnualReport,
                &rules::title(publisher, year),
                &rules::markdown(&report),
                publisher,
                published_at,
            )
        },
        published_at,
        calendar,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
