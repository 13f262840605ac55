//! The demo data set: a provincial press, publication, radio, film and TV
//! bureau with its 2016 disclosure plan and a decade of news. Loaded only into
//! an empty database, and only when asked (`GONGKAI_DEMO=1`).

mod news;
mod plan;

use crate::content::db::{insert_article, NewArticle};
use crate::content::types::ContentKind;
use crate::server::db::Db;
use crate::site::SiteSettings;
use crate::ui::format::{now, unix_at};
use chrono::{NaiveDate, NaiveTime};

pub use plan::plan_markdown;

/// The bureau's name, as the header shows it.
pub const BUREAU: &str = "福建省新闻出版广电局";
/// The seed plan's title.
pub const PLAN_TITLE: &str = "福建省新闻出版广电局2016年政务公开工作实施方案";

/// Loads the demo data when the database holds no content yet; returns
/// whether it did.
pub async fn load_if_empty(db: &Db) -> Result<bool, sqlx::Error> {
    if crate::content::db::count(db).await? > 0 {
        return Ok(false);
    }
    let site = SiteSettings {
        name: BUREAU.to_owned(),
        description: "福建省新闻出版广电局政府信息公开、政策解读、网上办事与互动交流平台。"
            .to_owned(),
        organiser: BUREAU.to_owned(),
        address: "福建省福州市鼓楼区（演示数据）".to_owned(),
        postcode: "350001".to_owned(),
        phone: "0591-87000000（演示数据）".to_owned(),
        email: "zwgk@example.cn".to_owned(),
        icp: "闽ICP备00000000号（演示数据）".to_owned(),
        site_code: "3500000000（演示数据）".to_owned(),
    };
    site.save(db).await?;

    let now = now();
    let mut tx = db.begin_write().await?;
    let plan = NewArticle {
        kind: ContentKind::Policy,
        title: PLAN_TITLE.to_owned(),
        summary: "根据闽政办〔2016〕83号文件精神，部署2016年加大信息主动公开、加强政策解读回应、\
                  强化公开能力建设三方面工作。"
            .to_owned(),
        body_md: plan_markdown(include_str!("implementation-plan-2016.txt")),
        publisher: "福建省新闻出版广电局办公室".to_owned(),
        published_at: at(2016, 7, 15, 10),
    };
    insert_article(&mut *tx, &plan, now).await?;
    for item in news::ITEMS {
        let (y, m, d) = item.date;
        let new = NewArticle {
            kind: item.kind,
            title: item.title.to_owned(),
            summary: item.summary.to_owned(),
            body_md: item.body.to_owned(),
            publisher: item.publisher.to_owned(),
            published_at: at(y, m, d, 9),
        };
        insert_article(&mut *tx, &new, now).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// A Beijing-time moment on a fixed demo date.
fn at(y: i32, m: u32, d: u32, hour: u32) -> i64 {
    let date = NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let time = NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default();
    unix_at(date, time)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_dates_are_valid() {
        for item in news::ITEMS {
            let (y, m, d) = item.date;
            assert!(NaiveDate::from_ymd_opt(y, m, d).is_some(), "{}", item.title);
            assert!((2016..=2026).contains(&y));
        }
        assert!(
            news::ITEMS
                .iter()
                .filter(|i| i.kind == ContentKind::News)
                .count()
                >= 12
        );
    }

    #[test]
    fn the_seed_copy_matches_the_shared_original() {
        let shared = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/seed/implementation-plan-2016.txt"
        );
        if let Ok(original) = std::fs::read_to_string(shared) {
            assert_eq!(original, include_str!("implementation-plan-2016.txt"));
        }
    }
}
