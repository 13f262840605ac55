//! Demo concerns: two the bureau answered, each linked to the demo
//! 回应关切 item that answered it, so those pages show when the concern
//! arose and how long the answer took, to the minute. None is left open
//! (an open one would turn red on every demo dashboard as time passes).

use crate::ui::format::unix_at;
use chrono::{NaiveDate, NaiveTime};
use sqlx::AnyConnection;

/// (the demo item's key, level, outlet, noticed: y, m, d, h, min, summary, department)
type DemoConcern = (
    &'static str,
    &'static str,
    &'static str,
    (i32, u32, u32, u32, u32),
    &'static str,
    &'static str,
);

const CONCERNS: [DemoConcern; 2] = [
    (
        "response-cable",
        "3",
        "微信朋友圈、本地论坛",
        (2022, 3, 1, 16, 20),
        "网传“有线电视将于近期全面停播”，多个本地论坛转发，有线电视营业厅咨询量明显上升。",
        "广播电视管理处",
    ),
    (
        "response-textbooks",
        "3",
        "家长微信群、12345热线转办",
        (2024, 8, 26, 9, 30),
        "多名家长反映学校统一征订教辅材料、要求限期缴费，询问是否属于强制征订。",
        "出版管理处",
    ),
];

/// Inserts the demo concerns answered by the items in `ids` (key → id),
/// in the demo loader's transaction.
pub async fn load(
    conn: &mut AnyConnection,
    ids: &std::collections::HashMap<&str, i64>,
    now: i64,
) -> Result<(), sqlx::Error> {
    for (key, level, outlet, (y, m, d, h, min), summary, department) in CONCERNS {
        let Some(article) = ids.get(key) else {
            continue;
        };
        let noticed_at = unix_at(
            NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default(),
            NaiveTime::from_hms_opt(h, min, 0).unwrap_or_default(),
        );
        let Some(item) = crate::content::db::answer_in(&mut *conn, *article).await? else {
            continue;
        };
        let published_at = item.published_at;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO concerns (level, outlet, source_url, noticed_at, summary, department, \
             limit_days, status, info_at, closed_at, closed_by, created_by, created_at) \
             VALUES ($1, $2, '', $3, $4, $5, $6, 'answered', $7, $7, '李编辑（bianji）', \
             '李编辑（bianji）', $3) RETURNING id",
        )
        .bind(level)
        .bind(outlet)
        .bind(noticed_at)
        .bind(summary)
        .bind(department)
        .bind(super::types::DEFAULT_DAYS)
        .bind(published_at)
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO concern_responses (concern_id, article_id, conference, published_at, \
             linked_by, linked_at) VALUES ($1, $2, 0, $3, '李编辑（bianji）', $4)",
        )
        .bind(id)
        .bind(article)
        .bind(published_at)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
