//! Demo requests: a year of them across every outcome the annual report
//! counts — some extended, some corrected, one with a third party, one
//! taken to 行政复议 — and a few still open (one close to its limit, one
//! overdue, one waiting for a correction, one stopped for a third party).
//! Dates are counted back from the day the demo is loaded.

use super::db::{self, Change, NewFile, Step};
use super::rules::{self, LetterFacts, Stop};
use super::types::{
    Appeal, ApplicantKind, Delivery, FeeMethod, Outcome, Status, ORG_TYPES, OUTCOMES,
};
use super::validate::Asked;
use crate::registers::demo::{credit_code, id_card};
use crate::server::db::Db;
use chrono::{Days, NaiveDate};

/// A 1×1 PNG: the demo's identity proofs and released files.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0,
    1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0x0D, 0x49, 0x44, 0x41, 0x54,
    0x78, 0x9C, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0D, 0x0A, 0x2D, 0xB4, 0, 0, 0, 0, 0x49, 0x45, 0x4E,
    0x44, 0xAE, 0x42, 0x60, 0x82,
];

const WANTS: &[&str] = &[
    "2025年出版物经营许可证核发名单",
    "本局2025年行政处罚案件的处罚决定书",
    "2024年度全省电影放映场次统计",
    "某印刷企业设立审批的申请材料",
    "本局2025年部门预算中“三公”经费明细",
    "2016年全省新闻出版广电系统政务公开实施方案的起草说明",
    "某县有线电视网络整合的会议纪要",
    "2025年广播电视节目制作经营许可证年检结果",
    "卫星电视接收设施安装许可的审批流程内部规定",
    "对某音像店的执法检查笔录",
];

fn asked(n: usize) -> Asked {
    let org = n % 3 == 1;
    Asked {
        kind: if org {
            ApplicantKind::Org
        } else {
            ApplicantKind::Person
        },
        org_type: if org {
            ORG_TYPES[n % ORG_TYPES.len()].to_owned()
        } else {
            String::new()
        },
        name: if org {
            format!(
                "福建某{}有限公司",
                ["文化传媒", "律师事务", "印务", "图书发行"][n % 4]
            )
        } else {
            format!("{}某", ["林", "陈", "黄", "张", "王", "郑"][n % 6])
        },
        id_number: if org { credit_code(n) } else { id_card(n) },
        phone: format!("1380000{:04}", n),
        email: if n.is_multiple_of(2) {
            format!("demo{n}@example.cn")
        } else {
            String::new()
        },
        address: String::new(),
        description: WANTS[n % WANTS.len()].to_owned(),
        doc_ref: String::new(),
        purpose: String::new(),
        delivery: if n.is_multiple_of(2) {
            Delivery::Email
        } else {
            Delivery::Online
        },
    }
}

fn day_before(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

fn day_after(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days)).unwrap_or(d)
}

/// What happens to one demo request.
#[derive(Default)]
struct Plan {
    received: u64,
    correction: Option<u64>,
    extension: Option<u64>,
    third_party: Option<(u64, Option<u64>)>,
    reply: Option<(u64, &'static str)>,
    appeal: Option<(&'static str, &'static str)>,
}

fn plans() -> Vec<Plan> {
    // One replied request per outcome, spread over the last year.
    let mut out: Vec<Plan> = OUTCOMES
        .iter()
        .enumerate()
        .map(|(i, o)| Plan {
            received: 350 - 15 * i as u64,
            reply: Some((12, o.slug)),
            ..Plan::default()
        })
        .collect();
    // Corrected, then answered.
    out[0].correction = Some(3);
    out[12].correction = Some(2);
    // Extended.
    out[1].extension = Some(18);
    out[1].reply = Some((35, "partial"));
    out[6].extension = Some(15);
    out[6].reply = Some((33, "deny-5"));
    // A third party consulted, then refused to protect it — and taken to
    // 行政复议.
    out[5].third_party = Some((4, Some(16)));
    out[5].reply = Some((26, "deny-4"));
    out[5].appeal = Some(("review", "upheld"));
    out[2].appeal = Some(("suit", "pending"));
    // More of the common outcomes.
    for (received, slug) in [(40, "open"), (30, "open"), (25, "unable-1")] {
        out.push(Plan {
            received,
            reply: Some((8, slug)),
            ..Plan::default()
        });
    }
    // Open ones: close to the limit, overdue, waiting for a correction,
    // stopped for a third party, new.
    out.push(Plan {
        received: 26,
        ..Plan::default()
    });
    out.push(Plan {
        received: 34,
        ..Plan::default()
    });
    out.push(Plan {
        received: 5,
        correction: Some(2),
        ..Plan::default()
    });
    out.push(Plan {
        received: 10,
        third_party: Some((3, None)),
        ..Plan::default()
    });
    out.push(Plan {
        received: 1,
        ..Plan::default()
    });
    out
}

/// Loads the demo requests, counting back from `today`.
pub async fn load(db: &Db, today: NaiveDate, now: i64, bureau: &str) -> Result<(), sqlx::Error> {
    let proof = NewFile {
        name: "身份证明.png",
        mime: "image/png",
        bytes: PNG,
    };
    for (n, plan) in plans().into_iter().enumerate() {
        let received = day_before(today, plan.received);
        let at = now - i64::try_from(plan.received).unwrap_or(0) * 86_400;
        let a = asked(n);
        let s = db::submit(db, None, &a, &proof, received, at, |number| {
            format!("您的政府信息公开申请已收到，申请编号 {number}。")
        })
        .await?;
        let mut status = Status::Handling;
        let mut stops_json = "[]".to_owned();
        let mut tx = db.begin_write().await?;
        let step = |on: NaiveDate, action: &'static str, notice: String| (on, action, notice);
        let mut steps = Vec::new();
        if let Some(after) = plan.correction {
            let on = day_after(received, after);
            let due_on = day_after(on, 21);
            let text = "请写明所需信息的年份和文件名称";
            db::change(
                &mut tx,
                s.id,
                status,
                &stops_json,
                &Change::AskCorrection { text, on, due_on },
            )
            .await?;
            status = Status::Correction;
            steps.push(step(on, "一次性告知补正", format!("请补正：{text}。")));
            let corrected = day_after(on, 4);
            if corrected <= today && plan.received > 10 {
                db::change(
                    &mut tx,
                    s.id,
                    status,
                    &stops_json,
                    &Change::Corrected {
                        on: corrected,
                        supplement: "所需信息为2025年度的文件",
                    },
                )
                .await?;
                status = Status::Handling;
                steps.push(step(
                    corrected,
                    "收到补正",
                    "已收到您的补正，答复期限重新计算。".to_owned(),
                ));
            }
        }
        if let Some(after) = plan.extension {
            db::change(
                &mut tx,
                s.id,
                status,
                &stops_json,
                &Change::Extend { days: 20 },
            )
            .await?;
            steps.push(step(
                day_after(received, after),
                "延长答复期限",
                "因需要调取档案核对，经本机关负责人同意，答复期限延长 20 个工作日。".to_owned(),
            ));
        }
        if let Some((from, to)) = plan.third_party {
            let stop = Stop {
                kind: "third_party".to_owned(),
                from: day_after(received, from).to_string(),
                to: to.map(|t| day_after(received, t).to_string()),
                note: "书面征求某印务公司意见".to_owned(),
            };
            let json = serde_json::to_string(&[stop]).unwrap_or_else(|_| "[]".to_owned());
            db::change(
                &mut tx,
                s.id,
                status,
                &stops_json,
                &Change::Stops { json: &json },
            )
            .await?;
            stops_json = json;
            steps.push(step(
                day_after(received, from),
                "暂停计时",
                "本机关已书面征求第三方意见，征求意见所需时间不计算在答复期限内。".to_owned(),
            ));
            if let Some(to) = to {
                steps.push(step(
                    day_after(received, to),
                    "恢复计时",
                    "征求意见已结束，答复期限继续计算。".to_owned(),
                ));
            }
        }
        if let Some((after, slug)) = plan.reply {
            let replied = day_after(received, after);
            let outcome: &Outcome = Outcome::by_slug(slug).unwrap_or(&OUTCOMES[0]);
            let reason = if outcome.provides {
                "现将该信息以电子文档形式提供给您，请在查询页面下载。"
            } else {
                "经审查，该信息属于上述情形。"
            };
            let letter = rules::letter(&LetterFacts {
                bureau,
                number: &s.number,
                applicant: &a.name,
                received_on: &received.to_string(),
                description: &a.description,
                outcome,
                reason,
                basis: outcome.basis,
                other_agency: if outcome.names_agency {
                    "某县文化和旅游局"
                } else {
                    ""
                },
                public_location: "",
                fee: (FeeMethod::None, 0),
                files: usize::from(outcome.provides),
                replied_on: replied,
            });
            db::change(
                &mut tx,
                s.id,
                status,
                &stops_json,
                &Change::Reply {
                    outcome: outcome.slug,
                    reason,
                    basis: outcome.basis,
                    other_agency: "",
                    public_location: "",
                    fee_method: "",
                    fee_pages: 0,
                    fee_yuan: 0,
                    letter: &letter,
                    on: replied,
                    by: "演示数据",
                },
            )
            .await?;
            if outcome.provides {
                let file = NewFile {
                    name: "所申请的信息.png",
                    mime: "image/png",
                    bytes: PNG,
                };
                db::add_file(&mut tx, s.id, "reply", &file, at).await?;
            }
            steps.push(step(
                replied,
                "作出答复",
                format!("本机关已作出答复（{}），请查看答复书。", outcome.label()),
            ));
            if let Some((kind, result)) = plan.appeal {
                let a = Appeal {
                    id: 0,
                    kind: kind.to_owned(),
                    filed_on: day_after(replied, 20).min(today).to_string(),
                    result: result.to_owned(),
                    note: String::new(),
                };
                db::add_appeal(&mut tx, s.id, &a, "演示数据", at).await?;
            }
        }
        for (i, (on, action, notice)) in steps.into_iter().enumerate() {
            let at = at + 86_400 + i64::try_from(i).unwrap_or(0);
            let s2 = Step {
                on,
                action,
                actor: "演示数据",
                note: action,
                notice: &notice,
            };
            db::add_event(&mut tx, None, s.id, &s2, at).await?;
        }
        tx.commit().await?;
    }
    Ok(())
}
