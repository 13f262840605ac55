//! Demo consultations, dated back from the day the demo is loaded: one
//! open with comments (some shown, one that came by letter), one closed
//! with a shorter period awaiting its feedback (past the bureau's 30 days,
//! so the workbench flags it), and one answered, with its feedback report
//! and the decision document it led to.

use super::db::{self, NewComment, Terms};
use super::report;
use super::rules;
use super::types::{Channel, Decision};
use crate::clock::Calendar;
use crate::content::db::{beijing_date, insert_article, Approval, NewArticle};
use crate::content::types::ContentKind;
use crate::server::db::Db;
use crate::ui::format::unix_at;
use chrono::{Days, NaiveDate, NaiveTime};

const CONTACT_EMAIL: &str = "yjzj@xwcbgdj.fujian.example.gov.cn";
const CONTACT_ADDRESS: &str = "福州市鼓楼区东大路88号 福建省新闻出版广电局政策法规处（邮编350001）";

const CHECK_DRAFT: &str = "## 第一章 总则\n\n\
第一条 为规范出版物发行单位年度核验工作，促进出版物市场健康有序发展，根据《出版管理条例》《出版物市场管理规定》，制定本办法。\n\n\
第二条 本办法适用于本省行政区域内取得《出版物经营许可证》的出版物发行单位。\n\n\
## 第二章 核验内容和程序\n\n\
第三条 年度核验的内容包括：经营资质是否持续符合条件、经营场所是否与许可一致、从业人员培训情况、守法经营情况。\n\n\
第四条 出版物发行单位应当于每年3月31日前，通过网上办事大厅提交年度核验材料；材料齐全的，发证机关应当在10个工作日内完成核验。\n\n\
第五条 核验不合格的，发证机关应当书面告知理由，并责令限期整改。\n\n\
## 第三章 附则\n\n\
第六条 本办法自发布之日起施行。\n";

const CHECK_EXPLANATION: &str = "### 一、起草背景\n\n\
《出版物市场管理规定》施行以来，我省出版物发行单位数量持续增长，年度核验仍以纸质材料为主，\
企业往返多次。为落实“放管服”改革要求，我局起草了本办法。\n\n\
### 二、主要内容\n\n\
办法共三章六条，明确了核验内容、网上提交材料的时限和核验不合格的处理。\n";

const CREDIT_DRAFT: &str = "## 第一章 总则\n\n\
第一条 为加强广播电视节目制作经营机构信用管理，根据国家有关规定，制定本办法。\n\n\
第二条 信用信息包括基础信息、良好信息和失信信息。\n\n\
## 第二章 信用评价\n\n\
第三条 信用评价结果分为A、B、C、D四级，每年评价一次。\n\n\
第四条 评价结果为D级的机构，列为重点监管对象。\n";

const BOOKSTORE_DRAFT: &str = "## 第一章 总则\n\n\
第一条 为支持实体书店发展，规范扶持资金管理，制定本办法。\n\n\
第二条 扶持资金用于实体书店的房租补贴、阅读活动和数字化改造。\n\n\
## 第二章 申报和审核\n\n\
第三条 申报单位应当在本省连续经营满两年。\n\n\
第四条 扶持资金实行公示制度，公示期不少于5个工作日。\n\n\
## 第三章 附则\n\n\
第五条 本办法自发布之日起施行。\n";

struct Said {
    part: &'static str,
    body: &'static str,
    name: &'static str,
    contact: &'static str,
    channel: Channel,
    days_in: u64,
    shown: bool,
}

const fn said(
    part: &'static str,
    body: &'static str,
    name: &'static str,
    channel: Channel,
    days_in: u64,
) -> Said {
    Said {
        part,
        body,
        name,
        contact: "13800001111",
        channel,
        days_in,
        shown: false,
    }
}

fn day(d: NaiveDate, n: u64) -> NaiveDate {
    d - Days::new(n)
}

/// Loads the demo consultations (and the decision document of the answered
/// one) as of `now`.
pub async fn load(
    db: &Db,
    approval: &Approval,
    calendar: &Calendar,
    publisher: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let today = beijing_date(now);
    let nine = |d: NaiveDate| unix_at(d, NaiveTime::from_hms_opt(9, 30, 0).unwrap_or_default());
    let mut tx = db.begin_write().await?;
    let item = |title: &str, summary: &str, body: &str, opened: NaiveDate| NewArticle {
        summary: summary.to_owned(),
        topic: "distribution".to_owned(),
        approval: Some(approval.clone()),
        ..NewArticle::published(
            ContentKind::Consultation,
            title,
            body,
            publisher,
            nine(opened),
        )
    };

    // Open: ten days in, twenty to go; comments shown one by one.
    let opened = day(today, 10);
    let open = insert_article(
        &mut tx,
        &item(
            "关于《福建省出版物发行单位年度核验办法（征求意见稿）》公开征求意见的公告",
            "为推进出版物发行单位年度核验网上办理，我局起草了《福建省出版物发行单位年度核验办法（征求意见稿）》，现向社会公开征求意见。",
            CHECK_DRAFT,
            opened,
        ),
        nine(opened),
        calendar,
    )
    .await?;
    let terms = Terms {
        article_id: open,
        opened_on: opened,
        closes_on: opened + Days::new(30),
        short_reason: String::new(),
        explanation_md: CHECK_EXPLANATION.to_owned(),
        comment_address: CONTACT_ADDRESS.to_owned(),
        comment_email: CONTACT_EMAIL.to_owned(),
        anonymous_ok: true,
        comments_public: true,
        decision_id: None,
        feedback_md: String::new(),
        feedback_on: None,
    };
    db::put_terms(&mut tx, &terms).await?;
    let open_comments = [
        Said { shown: true, ..said("第四条", "建议将提交材料的截止日期由3月31日延后至4月30日，一季度是图书销售旺季，小书店人手紧张。", "林小华", Channel::Online, 1) },
        Said { shown: true, ..said("", "支持年度核验全程网上办理，希望同时取消纸质材料的报送要求。", "", Channel::Online, 3) },
        said("第五条", "核验不合格的，建议明确整改期限的上限，例如不超过30日，避免执法尺度不一。联系电话13912345678。", "陈某某", Channel::Online, 6),
        said("第三条", "“从业人员培训情况”的具体要求不明确，建议在附件中列出培训学时和内容。", "福州某图书发行有限公司", Channel::Post, 8),
    ];
    add_all(&mut tx, open, opened, &open_comments, now).await?;

    // Closed 31 days ago after a 20-day period (with its reason); two of
    // three comments answered: the workbench flags it.
    let opened = day(today, 50);
    let closed = insert_article(
        &mut tx,
        &item(
            "关于《福建省广播电视节目制作经营机构信用管理办法（征求意见稿）》公开征求意见的公告",
            "为建立广播电视节目制作经营机构信用评价制度，现就《福建省广播电视节目制作经营机构信用管理办法（征求意见稿）》公开征求意见。",
            CREDIT_DRAFT,
            opened,
        ),
        nine(opened),
        calendar,
    )
    .await?;
    db::put_terms(
        &mut tx,
        &Terms {
            article_id: closed,
            opened_on: opened,
            closes_on: opened + Days::new(19),
            short_reason:
                "为配合全省社会信用体系建设的年度工作部署，需在年内出台，征集期限缩短为20日。"
                    .to_owned(),
            explanation_md: String::new(),
            comment_email: CONTACT_EMAIL.to_owned(),
            comment_address: String::new(),
            anonymous_ok: false,
            comments_public: false,
            decision_id: None,
            feedback_md: String::new(),
            feedback_on: None,
        },
    )
    .await?;
    let closed_comments = [
        said(
            "第三条",
            "建议评价结果分为A、B、C三级即可，四级划分过细。",
            "黄明",
            Channel::Online,
            2,
        ),
        said(
            "第四条",
            "D级机构列为重点监管对象的同时，应当允许其在一年后申请信用修复。",
            "郑华",
            Channel::Email,
            5,
        ),
        said(
            "",
            "建议评价结果向社会公开，便于委托方选择合作机构。",
            "王芳",
            Channel::Online,
            12,
        ),
    ];
    let ids = add_all(&mut tx, closed, opened, &closed_comments, now).await?;
    db::answer(
        &mut tx,
        closed,
        &ids[..1],
        Decision::NotAdopted,
        "四级划分与国家广播电视总局的信用评价指引一致，便于全国互认。",
        "政策法规处",
        now,
    )
    .await?;
    db::answer(
        &mut tx,
        closed,
        &ids[1..2],
        Decision::Adopted,
        "",
        "政策法规处",
        now,
    )
    .await?;

    // Answered: closed three months ago, its feedback report published and
    // the measure adopted.
    let opened = day(today, 120);
    let closes = opened + Days::new(29);
    let answered = insert_article(
        &mut tx,
        &item(
            "关于《福建省实体书店扶持资金管理办法（征求意见稿）》公开征求意见的公告",
            "为支持实体书店发展，现就《福建省实体书店扶持资金管理办法（征求意见稿）》公开征求意见。",
            BOOKSTORE_DRAFT,
            opened,
        ),
        nine(opened),
        calendar,
    )
    .await?;
    let answered_comments = [
        said(
            "第二条",
            "建议扶持资金也可用于书店的无障碍改造，方便老年人和残疾人购书阅读。",
            "张建国",
            Channel::Online,
            3,
        ),
        said(
            "第三条",
            "连续经营满两年的条件过严，新开的社区书店最需要扶持，建议降为一年。",
            "李敏",
            Channel::Online,
            5,
        ),
        said(
            "第三条",
            "建议将“连续经营满两年”改为“满一年”，鼓励新书店。",
            "",
            Channel::Post,
            9,
        ),
        said(
            "第四条",
            "公示期建议延长到10个工作日。",
            "吴某",
            Channel::Email,
            14,
        ),
        said(
            "",
            "希望扶持资金向县城和乡镇书店倾斜。我的身份证号是350102199001011238。",
            "周丽",
            Channel::Online,
            20,
        ),
        said(
            "",
            "建议同时出台网上书店的扶持政策。",
            "林涛",
            Channel::Online,
            22,
        ),
    ];
    let ids = add_all(&mut tx, answered, opened, &answered_comments, now).await?;
    let by = "政策法规处";
    db::answer(
        &mut tx,
        answered,
        &ids[0..1],
        Decision::Adopted,
        "",
        by,
        now,
    )
    .await?;
    db::answer(
        &mut tx,
        answered,
        &ids[1..3],
        Decision::Partly,
        "新开书店经营满一年即可申报房租补贴，其他项目仍需满两年，以保证资金使用效益。",
        by,
        now,
    )
    .await?;
    db::answer(
        &mut tx,
        answered,
        &ids[3..4],
        Decision::NotAdopted,
        "5个工作日的公示期与省级财政专项资金管理规定一致。",
        by,
        now,
    )
    .await?;
    db::answer(
        &mut tx,
        answered,
        &ids[4..5],
        Decision::Adopted,
        "",
        by,
        now,
    )
    .await?;
    db::answer(
        &mut tx,
        answered,
        &ids[5..6],
        Decision::OutOfScope,
        "网上书店不属于本办法的扶持范围，相关意见已转有关处室研究。",
        by,
        now,
    )
    .await?;
    let comments = db::comments_in(&mut tx, answered).await?;
    let feedback = report::generate(&comments, &rules::parts(BOOKSTORE_DRAFT), opened, closes)
        .unwrap_or_default();
    let decided_on = closes + Days::new(40);
    let decision = insert_article(
        &mut tx,
        &NewArticle {
            subtype: "normative".to_owned(),
            doc_no: format!("闽新广规〔{}〕2号", decided_on.format("%Y")),
            written_on: (decided_on - Days::new(3)).format("%Y-%m-%d").to_string(),
            topic: "distribution".to_owned(),
            summary: "明确实体书店扶持资金的使用范围、申报条件和公示制度。".to_owned(),
            approval: Some(approval.clone()),
            ..NewArticle::published(
                ContentKind::Policy,
                "福建省实体书店扶持资金管理办法",
                &BOOKSTORE_DRAFT
                    .replace("连续经营满两年", "连续经营满两年（申报房租补贴的，满一年）"),
                publisher,
                nine(decided_on),
            )
        },
        nine(decided_on),
        calendar,
    )
    .await?;
    db::put_terms(
        &mut tx,
        &Terms {
            article_id: answered,
            opened_on: opened,
            closes_on: closes,
            comments_public: false,
            decision_id: Some(decision),
            feedback_md: feedback,
            feedback_on: Some((closes + Days::new(21)).format("%Y-%m-%d").to_string()),
            ..terms
        },
    )
    .await?;
    tx.commit().await
}

async fn add_all(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    opened: NaiveDate,
    list: &[Said],
    now: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut ids = Vec::new();
    for s in list {
        let cid = db::add_comment(
            conn,
            id,
            &NewComment {
                part: s.part,
                body: s.body,
                name: s.name,
                contact: s.contact,
                channel: s.channel,
                received_on: opened + Days::new(s.days_in),
                entered_by: if s.channel == Channel::Online {
                    ""
                } else {
                    "政策法规处 李编辑"
                },
            },
            now,
        )
        .await?;
        if s.shown {
            db::set_shown(conn, id, &[cid], true).await?;
        }
        ids.push(cid);
    }
    Ok(ids)
}
