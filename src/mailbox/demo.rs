//! Demo letters: what people write to a press and publication bureau and
//! report to it — answered and published, waiting (one near its limit),
//! refused, a duplicate merged, and an anonymous piracy report handed to
//! enforcement with its outcome. Dates are counted back from the day the
//! demo is loaded, so the queue always looks alive. No notice is written
//! (the outbox is off).

use super::db::{self, Act};
use super::types::{Channel, Written, DEFAULT_DAYS};
use crate::account::db::audit::Actor;
use crate::clock::Calendar;
use crate::server::db::Db;
use chrono::{Days, NaiveDate};

struct Demo {
    channel: Channel,
    category: &'static str,
    subject: &'static str,
    body: &'static str,
    writer: &'static str,
    contact: &'static str,
    allow_public: bool,
    /// Days before today it came.
    ago: u64,
    /// Steps: days after it came, and what.
    steps: Vec<(u64, Act)>,
}

fn assign(department: &str) -> Act {
    Act::Assign {
        department: department.to_owned(),
        note: String::new(),
    }
}

fn demos() -> Vec<Demo> {
    vec![
        Demo {
            channel: Channel::Director,
            category: "",
            subject: "建议农家书屋多配少儿读物",
            body: "我是南平市建阳区的一名小学老师刘晓梅，村里的农家书屋书不少，但适合孩子看的绘本和科普书很少，放学后孩子们去了也找不到想看的。建议配书时多考虑少儿读物，并定期更新。我的电话13905991234，欢迎回访。",
            writer: "刘晓梅",
            contact: "13905991234",
            allow_public: true,
            ago: 40,
            steps: vec![
                (1, assign("出版处")),
                (
                    9,
                    Act::Reply {
                        department: "出版处".to_owned(),
                        reply: "感谢您的建议。今年农家书屋出版物补充更新中，少儿读物占比已提高到不低于30%，并增加了科普绘本的品种。我们已将您反映的情况转南平市文化和旅游局，请其指导建阳区对所在村书屋的配书结构进行调整，并组织“小手拉大手”阅读活动。\n欢迎继续监督。".to_owned(),
                        publish: true,
                        public_subject: "建议农家书屋多配少儿读物".to_owned(),
                        public_body: String::new(),
                    },
                ),
            ],
        },
        Demo {
            channel: Channel::Director,
            category: "",
            subject: "有线电视频道经常卡顿",
            body: "我家住福州市仓山区，近一个月有线电视晚上经常卡顿、马赛克，打运营商客服说在排查，一直没有解决，希望广电局督促处理。",
            writer: "陈先生",
            contact: "chen@example.cn",
            allow_public: true,
            ago: 10,
            steps: vec![(1, assign("传媒机构管理处"))],
        },
        Demo {
            channel: Channel::Director,
            category: "",
            subject: "有线电视晚上卡顿的问题",
            body: "仓山区这边有线电视晚上七八点经常卡住，已经好几个星期了，请管一管。",
            writer: "林女士",
            contact: "13812340000",
            allow_public: false,
            ago: 8,
            steps: vec![(
                1,
                Act::Merge {
                    into: String::new(),
                },
            )],
        },
        Demo {
            channel: Channel::Director,
            category: "",
            subject: "小区物业费太高",
            body: "我们小区的物业费每平方米三块多，比周边小区高很多，物业服务也不好，请领导过问一下。",
            writer: "黄先生",
            contact: "13700001111",
            allow_public: false,
            ago: 20,
            steps: vec![(
                2,
                Act::Reject {
                    reason: "物业服务收费不属于本局职责。请向所在地住房和城乡建设部门或发展改革（价格）部门反映，也可拨打12345热线。".to_owned(),
                },
            )],
        },
        Demo {
            channel: Channel::Report,
            category: "piracy",
            subject: "校门口书店销售盗版教辅",
            body: "福州市晋安区某小学门口的一家文具书店在卖盗版的教辅资料，纸张很差、印刷模糊，价格只有正版的一半，很多家长在买。",
            writer: "",
            contact: "",
            allow_public: false,
            ago: 30,
            steps: vec![
                (
                    3,
                    Act::Refer {
                        referral: "闽新广执移〔2026〕18号".to_owned(),
                        note: String::new(),
                    },
                ),
                (
                    15,
                    Act::Outcome {
                        outcome: "经福州市文化市场综合执法支队现场检查，查获涉嫌盗版教辅出版物312册，已依法予以没收，并对经营者立案调查。感谢您的举报。".to_owned(),
                    },
                ),
            ],
        },
        Demo {
            channel: Channel::Report,
            category: "broadcasting",
            subject: "疑似黑广播播放药品广告",
            body: "在莆田市荔城区开车时，调频 98.6 兆赫有一个电台一直在播卖药的广告，不像正规电台，怀疑是黑广播。",
            writer: "郑先生",
            contact: "13600002222",
            allow_public: false,
            ago: 18,
            steps: vec![(2, assign("传媒机构管理处"))],
        },
    ]
}

/// Loads the demo letters.
pub async fn load(
    db: &Db,
    calendar: &Calendar,
    today: NaiveDate,
    now: i64,
) -> Result<(), sqlx::Error> {
    let outbox = crate::notify::Outbox {
        email: false,
        sms: false,
        origin: String::new(),
        site_name: String::new(),
    };
    let actor = Actor::system("办公室");
    let mut first_number = String::new();
    for d in demos() {
        let on = today.checked_sub_days(Days::new(d.ago)).unwrap_or(today);
        let at = now - i64::try_from(d.ago).unwrap_or(0) * 86_400;
        let w = Written {
            channel: d.channel,
            category: d.category.to_owned(),
            subject: d.subject.to_owned(),
            body: d.body.to_owned(),
            writer: d.writer.to_owned(),
            contact: d.contact.to_owned(),
            allow_public: d.allow_public,
        };
        let sent = db::write(db, &outbox, &w, &[], DEFAULT_DAYS, calendar, on, at).await?;
        if first_number.is_empty() && d.subject.contains("有线电视") {
            first_number.clone_from(&sent.number);
        }
        for (after, act) in d.steps {
            let act = match act {
                Act::Merge { .. } => Act::Merge {
                    into: first_number.clone(),
                },
                Act::Reply {
                    department,
                    reply,
                    publish,
                    public_subject,
                    ..
                } => Act::Reply {
                    department,
                    reply,
                    publish,
                    public_subject,
                    public_body: super::types::for_public(d.body, d.writer),
                },
                other => other,
            };
            let day = on.checked_add_days(Days::new(after)).unwrap_or(on);
            let step_at = at + i64::try_from(after).unwrap_or(0) * 86_400 + 3600;
            db::act(db, &outbox, &sent.number, &act, &actor, day, step_at).await?;
        }
    }
    Ok(())
}
