//! Demo consultations: questions people really ask a press and publication
//! bureau, most answered and published (some as their service's FAQ), two
//! still waiting (one close to its limit). Dates are counted back from the
//! day the demo is loaded, so the queue always looks alive.

use super::db::{self, Answer};
use super::validate::Question;
use crate::server::db::Db;
use chrono::{Days, NaiveDate};

struct Demo {
    service: &'static str,
    topic: &'static str,
    question: &'static str,
    asker: &'static str,
    /// Days before today it was asked.
    asked: u64,
    /// Days after asking it was answered, with the answer and whether it is
    /// an FAQ; None: still waiting.
    answer: Option<(u64, &'static str, bool)>,
    allow_public: bool,
}

const DEPARTMENT: &str = "行政审批处";

fn demos() -> Vec<Demo> {
    vec![
        Demo {
            service: "350000-XW-XK-001",
            topic: "只在网上做图书批发需要办许可证吗？",
            question: "我们公司准备只通过电商平台向书店批发图书，不开实体门店，是否也需要办理出版物经营许可证？",
            asker: "林女士",
            asked: 60,
            answer: Some((2, "需要。根据《出版物市场管理规定》，通过互联网等信息网络从事出版物发行业务的单位和个体工商户，应当依法取得出版物经营许可证。\n从事批发业务的，请通过本平台“出版物批发单位设立、变更审批”事项在线申请，提交营业执照、经营场所使用证明等材料。取得许可证后 15 日内，还应向出版主管部门备案网络平台信息。", true)),
            allow_public: true,
        },
        Demo {
            service: "350000-XW-XK-001",
            topic: "出版物经营许可证变更地址怎么办理？",
            question: "公司仓库和办公地搬到了新地址，许可证上的经营场所需要变更，要准备哪些材料？可以网上办吗？",
            asker: "陈先生",
            asked: 45,
            answer: Some((3, "可以网上办理。请在“出版物批发单位设立、变更审批”事项中选择变更，上传新的经营场所使用证明和变更后的营业执照，原许可证原件在领取新证时交回。材料齐全的，我们在承诺时限内办结。", true)),
            allow_public: true,
        },
        Demo {
            service: "350000-XW-XK-002",
            topic: "新办出版物印刷企业需要什么条件？",
            question: "我们想新办一家出版物印刷企业，对厂房面积和设备有没有具体要求？",
            asker: "某包装公司",
            asked: 30,
            answer: Some((4, "从事出版物印刷经营活动，应当有企业名称、章程，确定的业务范围，适应业务需要的生产经营场所和必要的资金、设备等生产经营条件，以及有关法律、行政法规规定的其他条件。\n具体设备和场所要求请见本事项办事指南的“受理条件”，也可拨打咨询电话了解。", true)),
            allow_public: true,
        },
        Demo {
            service: "",
            topic: "如何申请公开政府信息？",
            question: "我想了解本局 2025 年的行政处罚情况，应该通过什么途径申请？",
            asker: "王先生",
            asked: 20,
            answer: Some((2, "行政处罚决定已在本网站“行政处罚”公示栏目主动公开，可按年份和关键词查找。\n如需申请公开其他政府信息，请参照“政府信息公开指南”提出申请。", false)),
            allow_public: true,
        },
        Demo {
            service: "350000-XW-XK-003",
            topic: "节目制作经营许可证有效期多久？",
            question: "广播电视节目制作经营许可证的有效期是几年？到期前多久需要申请换证？",
            asker: "某影视文化公司",
            asked: 12,
            answer: Some((5, "广播电视节目制作经营许可证有效期为 2 年。持证机构应在有效期届满前 30 日内，通过本平台提出换证申请。", true)),
            allow_public: true,
        },
        Demo {
            service: "350000-XW-XK-001",
            topic: "个人可以办理出版物零售吗？",
            question: "我是个体工商户，想在小区门口卖书报，需要准备什么？",
            asker: "黄先生",
            asked: 8,
            answer: Some((1, "可以。个体工商户从事出版物零售业务，由所在地县级人民政府出版行政主管部门审批，请携带营业执照和经营场所证明到县级部门办理。", false)),
            allow_public: false,
        },
        Demo {
            service: "350000-XW-XK-004",
            topic: "电影放映单位设立需要多少个放映厅？",
            question: "我们计划在县城开设一家影院，设立电影放映单位对放映厅数量和座位数有没有最低要求？",
            asker: "郑先生",
            asked: 6,
            answer: None,
            allow_public: true,
        },
        Demo {
            service: "350000-XW-XK-005",
            topic: "卫星电视接收设施安装咨询",
            question: "我们酒店想安装卫星电视地面接收设施，请问需要先办理什么手续？",
            asker: "某酒店",
            asked: 1,
            answer: None,
            allow_public: true,
        },
    ]
}

/// Loads the demo questions, counting back from `today`.
pub async fn load(db: &Db, today: NaiveDate, now: i64) -> Result<(), sqlx::Error> {
    let calendar = crate::clock::db::load(db).await?;
    let codes: Vec<String> = crate::services::db::list(db)
        .await?
        .into_iter()
        .map(|s| s.code)
        .collect();
    for d in demos() {
        let service = if codes.iter().any(|c| c == d.service) {
            d.service
        } else {
            ""
        };
        let asked_on = today.checked_sub_days(Days::new(d.asked)).unwrap_or(today);
        let asked_at = now - i64::try_from(d.asked).unwrap_or(0) * 86_400;
        let q = Question {
            service_code: service.to_owned(),
            topic: d.topic.to_owned(),
            question: d.question.to_owned(),
            asker: d.asker.to_owned(),
            contact: "13800000000".to_owned(),
            allow_public: d.allow_public,
        };
        let asked = db::ask(db, &calendar, &q, asked_on, asked_at).await?;
        let Some((after, text, faq)) = d.answer else {
            continue;
        };
        let answered_on = asked_on
            .checked_add_days(Days::new(after))
            .unwrap_or(asked_on);
        let answered_at = asked_at + i64::try_from(after).unwrap_or(0) * 86_400;
        let public_topic = super::validate::for_public(d.topic, d.asker);
        let public_question = super::validate::for_public(d.question, d.asker);
        let answer = Answer {
            text,
            department: DEPARTMENT,
            publish: d.allow_public,
            faq,
            by: "演示数据",
            public_topic: &public_topic,
            public_question: &public_question,
        };
        let mut tx = db.begin_write().await?;
        db::answer(&mut tx, asked.id, &answer, answered_on, answered_at).await?;
        tx.commit().await?;
    }
    super::db::search::index_all(db).await?;
    Ok(())
}
