//! The demo data set: a provincial press, publication, radio, film and TV
//! bureau with its 2016 disclosure plan and a decade of documents,
//! interpretations, news and notices. Loaded only into an empty database, and
//! only when asked (`GONGKAI_DEMO=1`).

mod catalogue;
mod columns;
mod news;
mod plan;

use crate::content::db::{
    add_attachment, add_topic_item, create_topic, insert_article, link_interpretation,
    save_static_page, set_validity, Approval, NewArticle, NewAttachment, NewTopic,
};
use crate::content::types::{ContentKind, TopicSection};
use crate::server::db::Db;
use crate::site::SiteSettings;
use crate::ui::format::{now, unix_at};
use chrono::{Datelike, NaiveDate, NaiveTime};
use std::collections::HashMap;

pub use plan::plan_markdown;

/// The bureau's name, as the header shows it.
pub const BUREAU: &str = "福建省新闻出版广电局";
/// The seed plan's title.
pub const PLAN_TITLE: &str = "福建省新闻出版广电局2016年政务公开工作实施方案";

/// The demo's staff accounts: (username, display name, roles). For the demo
/// only; a production database starts with none.
pub const DEMO_USERS: &[(&str, &str, &[crate::account::types::Role])] = {
    use crate::account::types::Role::*;
    &[
        ("bianji", "李编辑", &[Editor]),
        ("shenhe", "王审核", &[Reviewer]),
        ("zonghe", "陈综合", &[Editor, Reviewer]),
        ("banjian", "张办件", &[Handler]),
        ("guanli", "赵管理", &[Admin]),
    ]
};

/// The demo's about page.
const ABOUT: &str = "本网站是福建省新闻出版广电局的政府信息公开平台，依照《中华人民共和国政府信息公开条例》\
主动公开本局的机构职能、政策文件、政策解读、行政许可和行政处罚结果等信息，并提供网上办事和咨询服务。\n\n\
网站内容经保密审查后发布。如发现信息有误，请通过“联系我们”页面告知。";

/// The demo's contact page.
const CONTACT: &str = "## 政府信息公开工作机构\n\n福建省新闻出版广电局办公室\n\n\
- 办公地址：福州市鼓楼区（演示地址）\n- 邮政编码：350001\n- 联系电话：0591-87000000（演示号码）\n\
- 办公时间：工作日上午8:00—12:00，下午14:30—17:30\n\n依申请公开政府信息，请按《政府信息公开指南》提出。";

/// The demo's privacy statement.
const PRIVACY: &str =
    "## 我们收集哪些信息\n\n您在网上申请、咨询和评价时填写的姓名、证件号码、联系方式和上传的材料，\
仅用于办理您的事项，只有经授权的工作人员可以查看，每次查看都记入审计日志。\n\n\
## 哪些信息会公开\n\n同意公开的咨询及答复在公开前自动隐去身份证号、手机号、银行卡号和个人姓名。\n\n\
## Cookie\n\n本网站只在您选择“长辈版”或工作人员登录时使用必要的 Cookie，不使用第三方统计或广告。";

/// The demo accounts' password (README lists it).
pub const DEMO_PASSWORD: &str = "Gongkai-Demo-2026";

/// Loads the demo data when the database holds no content yet; returns
/// whether it did.
pub async fn load_if_empty(db: &Db) -> Result<bool, sqlx::Error> {
    if crate::content::db::count_all(db).await? > 0 {
        return Ok(false);
    }
    let now = now();
    site_settings().save(db).await?;
    let mut conn = db.pool().acquire().await?;
    crate::content::db::set_code(&mut conn, "org", "FJ08200").await?;
    drop(conn);
    let mut tx = db.begin_write().await?;
    for word in ["政务公开", "政策解读", "出版物经营许可", "年度核验"] {
        crate::search::db::hot::set_word(&mut tx, word, "pinned").await?;
    }
    tx.commit().await?;
    let calendar = crate::clock::db::load(db).await?;

    // One hash serves every demo account (same demo password, fresh salt not needed).
    let hash = tokio::task::spawn_blocking(|| crate::account::password::hash(DEMO_PASSWORD))
        .await
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    let mut tx = db.begin_write().await?;
    let (mut reviewer, mut editor) = (None, None);
    for (username, name, roles) in DEMO_USERS {
        let id =
            crate::account::db::create_user(&mut tx, username, name, &hash, roles, now).await?;
        match *username {
            "shenhe" => reviewer = id,
            "bianji" => editor = id,
            _ => {}
        }
    }
    let approval = Approval {
        reviewer_id: reviewer,
        reviewer_name: "王审核".to_owned(),
        opinion: "经保密审查，同意公开。".to_owned(),
    };
    tx.commit().await?;
    for (slug, title, body) in [
        ("guide", "政府信息公开指南", catalogue::GUIDE),
        ("rules", "政府信息公开制度", catalogue::RULES),
        ("about", "关于本网站", ABOUT),
        ("contact", "联系我们", CONTACT),
        ("privacy", "隐私声明", PRIVACY),
    ] {
        save_static_page(db, slug, title, body, &approval, now).await?;
    }
    let mut tx = db.begin_write().await?;
    let mut ids: HashMap<&str, i64> = HashMap::new();

    let plan = NewArticle {
        subtype: "other".to_owned(),
        summary: "根据闽政办〔2016〕83号文件精神，部署2016年加大信息主动公开、加强政策解读回应、\
                  强化公开能力建设三方面工作。"
            .to_owned(),
        doc_no: "闽新广办〔2016〕45号".to_owned(),
        written_on: "2016-07-12".to_owned(),
        needs_interpretation: true,
        approval: Some(approval.clone()),
        ..NewArticle::published(
            ContentKind::Policy,
            PLAN_TITLE,
            &plan_markdown(include_str!("implementation-plan-2016.txt")),
            "福建省新闻出版广电局办公室",
            at(2016, 7, 15, 10),
        )
    };
    let plan_id = insert_article(&mut tx, &plan, now, &calendar).await?;
    ids.insert("plan", plan_id);
    add_attachment(
        &mut tx,
        plan_id,
        &NewAttachment {
            name: "2016年政务公开工作任务分解表.csv".to_owned(),
            mime: "text/csv".to_owned(),
            data: task_table(),
        },
        now,
    )
    .await?;

    for item in news::ITEMS {
        let (y, m, d) = item.date;
        let new = NewArticle {
            summary: item.summary.to_owned(),
            topic: item.topic.to_owned(),
            ..NewArticle::published(
                item.kind,
                item.title,
                item.body,
                item.publisher,
                at(y, m, d, 9),
            )
        };
        let id = insert_article(&mut tx, &new, now, &calendar).await?;
        ids.insert(item.title, id);
    }

    for item in catalogue::ITEMS.iter().chain(columns::ITEMS) {
        let (y, m, d) = item.date;
        // `{{key}}` in a body: the address of an item loaded before it.
        let mut body = item.body.to_owned();
        for (key, id) in &ids {
            body = body.replace(&format!("{{{{{key}}}}}"), &format!("/articles/{id}"));
        }
        let mut new = NewArticle::published(
            item.kind,
            item.title,
            &body,
            item.publisher,
            at(y, m, d, 10),
        );
        if !item.subtype.is_empty() {
            new.subtype = item.subtype.to_owned();
        }
        new.summary = item.summary.to_owned();
        new.doc_no = item.doc_no.to_owned();
        new.written_on = item.written_on.to_owned();
        new.topic = item.topic.to_owned();
        new.needs_interpretation = item.needs_interpretation;
        new.concern_on = item.concern_on.map(str::to_owned);
        new.approval = Some(approval.clone());
        let id = insert_article(&mut tx, &new, now, &calendar).await?;
        ids.insert(item.key, id);
        if let Some((old, validity)) = item.supersedes {
            if let Some(old_id) = ids.get(old) {
                set_validity(&mut tx, *old_id, validity, Some(id), now).await?;
            }
        }
        for doc in item.explains {
            if let Some(doc_id) = ids.get(doc) {
                link_interpretation(&mut tx, *doc_id, id, &calendar).await?;
            }
        }
    }
    if let Some(id) = ids.get("film-2018") {
        set_validity(
            &mut tx,
            *id,
            crate::content::taxonomy::Validity::Expired,
            None,
            now,
        )
        .await?;
    }

    // A draft made six weeks ago and not yet published: red on the
    // editor's dashboard (条例第二十六条, 20 working days).
    let made = crate::content::db::beijing_date(now) - chrono::Days::new(42);
    let late = NewArticle {
        subtype: "tables".to_owned(),
        summary: "前三季度各设区市电影放映场次和票房。".to_owned(),
        written_on: made.format("%Y-%m-%d").to_string(),
        topic: "film".to_owned(),
        ..NewArticle::published(
            ContentKind::Statistics,
            &format!("{}年前三季度全省电影放映统计", made.year()),
            "| 设区市 | 放映场次（万场） |\n|---|---:|\n| 福州 | 68.2 |\n| 厦门 | 55.4 |",
            "电影处",
            now,
        )
    };
    crate::content::db::insert_draft(&mut tx, &late, (editor, "李编辑"), now).await?;

    crate::concerns::demo::load(&mut tx, &ids, now).await?;

    let topic = create_topic(
        &mut tx,
        &NewTopic {
            slug: "zwgk-2016".to_owned(),
            title: "2016年政务公开工作".to_owned(),
            summary: "集中展示2016年政务公开工作的部署文件、政策解读、图解和工作进展。".to_owned(),
            body_md: "2016年，我局按照闽政办〔2016〕83号文件要求，从加大信息主动公开力度、加强政策解读回应、\
                      强化公开能力建设三个方面推进政务公开工作。本专题汇集相关文件、解读和进展。"
                .to_owned(),
            published_at: at(2016, 7, 15, 12),
            approval: approval.clone(),
        },
        now,
    )
    .await?;
    let members: [(&str, TopicSection); 6] = [
        ("plan", TopicSection::Documents),
        ("plan-text", TopicSection::Interpretations),
        ("plan-graphic", TopicSection::Graphics),
        ("plan-release", TopicSection::Progress),
        (
            "我局政务服务事项实现“一趟不用跑”全覆盖",
            TopicSection::Progress,
        ),
        (
            "我局发布2024年度政府信息公开工作年度报告",
            TopicSection::Progress,
        ),
    ];
    for (position, (key, section)) in members.into_iter().enumerate() {
        if let Some(id) = ids.get(key) {
            add_topic_item(&mut tx, topic, *id, section, position as i64).await?;
        }
    }
    tx.commit().await?;
    crate::registers::demo::load(db, now).await?;
    crate::services::demo::load(db, now).await?;
    crate::consult::demo::load(db, crate::content::db::beijing_date(now), now).await?;
    crate::mailbox::demo::load(db, &calendar, crate::content::db::beijing_date(now), now).await?;
    crate::requests::demo::load(db, crate::content::db::beijing_date(now), now, BUREAU).await?;
    crate::comments::demo::load(db, &approval, &calendar, BUREAU, now).await?;
    crate::reports::demo::load(db, &approval, &calendar, BUREAU, now).await?;
    let reviewer = (
        reviewer.unwrap_or_default(),
        approval.reviewer_name.as_str(),
    );
    crate::graphics::demo::load(
        db,
        (
            ids.get("plan-graphic").copied(),
            ids.get("stats-2025").copied(),
        ),
        reviewer,
        now,
    )
    .await?;
    // An app server already running drops what it drew from the empty database.
    let mut conn = db.pool().acquire().await?;
    crate::server::cache::bump(&mut conn).await?;
    Ok(true)
}

fn site_settings() -> SiteSettings {
    SiteSettings {
        name: BUREAU.to_owned(),
        description: "福建省新闻出版广电局政府信息公开、政策解读、网上办事与互动交流平台。"
            .to_owned(),
        organiser: BUREAU.to_owned(),
        address: "福建省福州市鼓楼区（演示数据）".to_owned(),
        postcode: "350001".to_owned(),
        phone: "0591-87000000".to_owned(),
        email: "zwgk@example.cn".to_owned(),
        icp: "闽ICP备00000000号（演示数据）".to_owned(),
        site_code: "3500000000".to_owned(),
        footer_links: "中国政府网 https://www.gov.cn\n福建省人民政府 https://www.fujian.gov.cn"
            .to_owned(),
        ..SiteSettings::default()
    }
}

/// The plan's tasks as a table (CSV with a byte-order mark, so Excel reads it as UTF-8).
fn task_table() -> Vec<u8> {
    let rows = [
        ("序号", "工作任务", "责任处室", "完成时限"),
        ("1", "公开2016年权力清单", "行政审批处", "2016年9月"),
        ("2", "公开行政处罚案件信息", "各执法处室", "持续推进"),
        ("3", "重大决策预公开", "办公室", "持续推进"),
        ("4", "政府采购信息公开", "财务处", "持续推进"),
        (
            "5",
            "随机抽查事项清单和结果公开",
            "各业务处室",
            "2016年12月",
        ),
        (
            "6",
            "部门预决算和“三公”经费公开",
            "财务处",
            "按省财政厅要求",
        ),
        (
            "7",
            "政策文件解读（文件公开后3个工作日内）",
            "文件起草处室",
            "持续推进",
        ),
    ];
    let mut out = vec![0xEF, 0xBB, 0xBF];
    for (a, b, c, d) in rows {
        out.extend_from_slice(format!("{a},{b},{c},{d}\r\n").as_bytes());
    }
    out
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
    fn the_demo_settings_pass_the_settings_form() {
        // An administrator can save the demo's settings without first
        // mending one of them.
        let checked = SiteSettings::check(&site_settings().input());
        assert!(checked.is_ok(), "{checked:?}");
    }

    #[test]
    fn demo_dates_are_valid_and_span_the_decade() {
        let dates = news::ITEMS
            .iter()
            .map(|i| i.date)
            .chain(catalogue::ITEMS.iter().map(|i| i.date));
        for (y, m, d) in dates {
            assert!(NaiveDate::from_ymd_opt(y, m, d).is_some());
            assert!((2016..=2026).contains(&y));
        }
        assert!(
            news::ITEMS
                .iter()
                .filter(|i| i.kind == ContentKind::News)
                .count()
                >= 12
        );
        assert!(news::ITEMS.len() + catalogue::ITEMS.len() + 1 >= 30);
    }

    #[test]
    fn every_kind_and_field_topic_is_represented() {
        // Consultations come with their terms and comments (`comments::demo`),
        // the annual report with its figures (`reports::demo`).
        for kind in ContentKind::ALL
            .into_iter()
            .filter(|k| !matches!(k, ContentKind::Consultation | ContentKind::AnnualReport))
        {
            let n = news::ITEMS.iter().filter(|i| i.kind == kind).count()
                + catalogue::ITEMS
                    .iter()
                    .chain(columns::ITEMS)
                    .filter(|i| i.kind == kind)
                    .count();
            assert!(n > 0, "{kind:?} has no demo item");
        }
        for topic in [
            "distribution",
            "printing",
            "broadcasting",
            "film",
            "copyright",
            "online_av",
        ] {
            let n = news::ITEMS.iter().filter(|i| i.topic == topic).count()
                + catalogue::ITEMS.iter().filter(|i| i.topic == topic).count();
            assert!(n > 0, "{topic} has no demo item");
        }
    }

    #[test]
    fn cross_references_name_earlier_items() {
        let mut seen = vec!["plan"];
        for item in catalogue::ITEMS {
            for doc in item.explains {
                assert!(seen.contains(doc), "{} explains unknown {doc}", item.key);
            }
            if let Some((old, _)) = item.supersedes {
                assert!(seen.contains(&old));
            }
            seen.push(item.key);
        }
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
