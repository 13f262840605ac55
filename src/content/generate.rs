//! Synthetic content for scale tests: `gongkai generate --count N`.
//!
//! Items are spread over 2016–2026 and every kind and topic, with Chinese
//! titles and bodies of about 3 KB built from the bureau's vocabulary, and
//! stored in multi-row INSERTs inside large transactions: 100,000 items take
//! well under a minute on SQLite.

use crate::clock::Calendar;
use crate::content::db::{beijing_date, reserve_index_nos, INTERPRETATION_LIMIT};
use crate::content::markdown::render;
use crate::content::taxonomy::{ContentKind, TermList};
use crate::server::db::{Db, SqlBuilder};
use crate::ui::format::unix_at;
use chrono::{Datelike, NaiveDate, NaiveTime};
use std::collections::HashMap;

/// A small deterministic generator (xorshift64*): the same count gives the
/// same items, so benchmarks are repeatable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// The kinds the bench's synthetic catalogue is made of: the everyday
/// lists (consultations and annual reports need more than a body).
const GENERATED_KINDS: [ContentKind; 6] = [
    ContentKind::News,
    ContentKind::Notice,
    ContentKind::Policy,
    ContentKind::Interpretation,
    ContentKind::Release,
    ContentKind::Response,
];

const SUBJECTS: &[&str] = &[
    "出版物发行单位",
    "印刷企业",
    "广播电视播出机构",
    "农村公益电影放映",
    "网络视听节目服务单位",
    "版权社会服务",
    "全民阅读活动",
    "应急广播体系",
    "有线电视网络",
    "实体书店",
    "作品登记",
    "出版物市场",
];
const ACTIONS: &[&str] = &[
    "年度核验",
    "专项检查",
    "安全播出保障",
    "规范管理",
    "质量提升",
    "监督抽查",
    "信用管理",
    "扶持政策",
    "培训工作",
    "数据统计",
    "许可审批",
    "宣传活动",
];
const PLACES: &[&str] = &[
    "福州", "厦门", "泉州", "漳州", "莆田", "三明", "南平", "龙岩", "宁德", "平潭",
];
const SENTENCES: &[&str] = &[
    "为深入贯彻落实有关工作部署，进一步规范行业秩序，提升公共服务水平，现就有关事项作出安排。",
    "各地要高度重视，加强组织领导，明确责任分工，确保各项工作任务按时保质完成。",
    "要坚持问题导向，聚焦群众反映强烈的突出问题，建立健全长效工作机制。",
    "要加强政务公开，及时向社会公布工作进展和结果，主动接受社会监督。",
    "要优化政务服务，推行网上办理，减少办事材料，压缩办理时限，提高群众满意度。",
    "要加强监督检查，对发现的问题督促整改到位，对违法违规行为依法依规严肃处理。",
    "要做好宣传解读，通过门户网站、政务新媒体等渠道解读政策，回应社会关切。",
    "各单位要认真总结工作经验，形成可复制可推广的做法，并于年底前报送工作总结。",
];

/// Inserts `count` published items; returns how many were stored.
pub async fn generate(
    db: &Db,
    count: u64,
    calendar: &Calendar,
    progress: impl Fn(u64),
) -> Result<u64, sqlx::Error> {
    const BATCH: usize = 200;
    const PER_TX: u64 = 5_000;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ count);
    let start = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or_default();
    let span_days = 11 * 365;
    let now = crate::ui::format::now();
    let terms = crate::content::db::terms::all(db).await?;
    let in_use = |list| -> Vec<String> {
        terms
            .offered(list, "")
            .into_iter()
            .map(|(slug, _)| slug)
            .collect()
    };
    let subjects = in_use(TermList::Subject);
    let subtypes: HashMap<ContentKind, Vec<String>> = ContentKind::ALL
        .into_iter()
        .map(|k| (k, in_use(TermList::Subtype(k))))
        .collect();
    let mut done = 0;
    while done < count {
        let in_tx = PER_TX.min(count - done);
        let mut items = Vec::with_capacity(in_tx as usize);
        for _ in 0..in_tx {
            let date = start + chrono::Days::new(rng.below(span_days));
            let at = unix_at(
                date,
                NaiveTime::from_hms_opt(8 + rng.below(10) as u32, rng.below(60) as u32, 0)
                    .unwrap_or_default(),
            );
            // Consultations need their terms and annual reports their
            // figures: the bench makes neither.
            let kind = *rng.pick(&GENERATED_KINDS);
            items.push((
                kind,
                at,
                synthetic(
                    &mut rng,
                    kind,
                    date,
                    &subjects,
                    subtypes.get(&kind).map(Vec::as_slice).unwrap_or_default(),
                ),
            ));
        }
        let mut tx = db.begin_write().await?;
        // 索引号 in bulk: one reservation per kind and year.
        let mut wanted: HashMap<(ContentKind, i32), i64> = HashMap::new();
        for (kind, at, _) in &items {
            *wanted.entry((*kind, beijing_date(*at).year())).or_default() += 1;
        }
        let mut numbers: HashMap<(ContentKind, i32), std::vec::IntoIter<String>> = HashMap::new();
        for ((kind, year), n) in wanted {
            numbers.insert(
                (kind, year),
                reserve_index_nos(&mut tx, kind, year, n).await?.into_iter(),
            );
        }
        for chunk in items.chunks(BATCH) {
            let mut q = SqlBuilder::new(
                "INSERT INTO articles (kind, subtype, title, summary, body_md, body_html, publisher, index_no, \
                 doc_no, written_on, topic, validity, disclosure, status, needs_interpretation, interpretation_due, \
                 published_at, created_at, updated_at) VALUES ",
            );
            for (i, (kind, at, s)) in chunk.iter().enumerate() {
                let date = beijing_date(*at);
                let index_no = numbers
                    .get_mut(&(*kind, date.year()))
                    .and_then(Iterator::next)
                    .unwrap_or_default();
                let due = s
                    .needs_interpretation
                    .then(|| {
                        calendar
                            .add_working_days(date, INTERPRETATION_LIMIT as u32)
                            .ok()
                    })
                    .flatten()
                    .map(|r| r.due.format("%Y-%m-%d").to_string());
                if i > 0 {
                    q.push(", ");
                }
                q.push("(")
                    .bind_text(kind.slug())
                    .push(", ")
                    .bind_text(s.subtype.clone());
                q.push(", ")
                    .bind_text(s.title.clone())
                    .push(", ")
                    .bind_text(s.summary.clone());
                q.push(", ")
                    .bind_text(s.body_md.clone())
                    .push(", ")
                    .bind_text(render(&s.body_md));
                q.push(", ")
                    .bind_text(s.publisher)
                    .push(", ")
                    .bind_text(index_no);
                q.push(", ")
                    .bind_text(s.doc_no.clone())
                    .push(", ")
                    .bind_text(s.written_on.clone());
                q.push(", ")
                    .bind_text(s.topic.as_str())
                    .push(", 'valid', 'active', 'published', ");
                q.bind_int(i64::from(s.needs_interpretation)).push(", ");
                match due {
                    Some(d) => q.bind_text(d),
                    None => q.push("NULL"),
                };
                q.push(", ")
                    .bind_int(*at)
                    .push(", ")
                    .bind_int(now)
                    .push(", ")
                    .bind_int(now)
                    .push(")");
            }
            q.push(" RETURNING id");
            let ids: Vec<(i64,)> = q.query_as().fetch_all(&mut *tx).await?;
            // Nothing is public without a review record: the generator signs for its own output.
            let mut reviews = SqlBuilder::new(
                "INSERT INTO reviews (article_id, reviewer_name, decision, opinion, disclosure, created_at) VALUES ",
            );
            for (i, (id,)) in ids.iter().enumerate() {
                if i > 0 {
                    reviews.push(", ");
                }
                reviews
                    .push("(")
                    .bind_int(*id)
                    .push(", '规模测试生成器', 'approved', '合成的测试数据', 'active', ")
                    .bind_int(now)
                    .push(")");
            }
            sqlx::query_with(reviews.sql(), reviews.arguments())
                .execute(&mut *tx)
                .await?;
            // Published means searchable: indexed in the same transaction.
            let ids: Vec<i64> = ids.into_iter().map(|(id,)| id).collect();
            crate::content::db::search::sync_articles(&mut tx, db.backend(), &ids).await?;
        }
        // Other app servers drop pages drawn without these rows.
        crate::server::cache::bump(&mut tx).await?;
        tx.commit().await?;
        done += in_tx;
        progress(done);
    }
    // Fresh statistics, or the planners guess badly on the new rows.
    match db.backend() {
        crate::server::db::Backend::Postgres => {
            sqlx::query("VACUUM ANALYZE articles")
                .execute(db.pool())
                .await?;
        }
        crate::server::db::Backend::Sqlite => {
            sqlx::query("ANALYZE").execute(db.pool()).await?;
        }
    }
    Ok(done)
}

struct Synthetic {
    subtype: String,
    title: String,
    summary: String,
    body_md: String,
    publisher: &'static str,
    doc_no: String,
    written_on: String,
    topic: String,
    needs_interpretation: bool,
}

fn synthetic(
    rng: &mut Rng,
    kind: ContentKind,
    date: NaiveDate,
    subjects: &[String],
    subtypes: &[String],
) -> Synthetic {
    let subject = rng.pick(SUBJECTS);
    let action = rng.pick(ACTIONS);
    let place = rng.pick(PLACES);
    let year = date.year();
    let title = match kind {
        ContentKind::News => format!("{place}市开展{year}年{subject}{action}"),
        ContentKind::Notice => format!("关于做好{year}年度{subject}{action}的通知"),
        ContentKind::Policy => format!(
            "福建省{subject}{action}管理办法（第{}号）",
            rng.below(900) + 100
        ),
        ContentKind::Interpretation => format!("解读：{subject}{action}有关规定"),
        ContentKind::Release => format!("{year}年{subject}{action}新闻发布会"),
        ContentKind::Response => format!("关于{place}{subject}{action}问题的回应"),
        ContentKind::Organisation => format!("{subject}处主要职责"),
        ContentKind::Plan => format!("{year}年{subject}{action}工作计划"),
        ContentKind::Statistics => format!("{year}年{place}{subject}统计数据"),
        ContentKind::Emergency => format!("{place}{subject}突发事件应急预案"),
        ContentKind::Personnel => format!("{year}年{subject}处干部任免通知"),
        ContentKind::Proposal => format!("关于{subject}{action}建议的答复"),
        ContentKind::Consultation => {
            format!("关于{subject}{action}办法（征求意见稿）公开征求意见的公告")
        }
        ContentKind::AnnualReport => format!("{year}年政府信息公开工作年度报告"),
    };
    let mut body = String::with_capacity(3200);
    while body.len() < 3000 {
        body.push_str(&format!("{place}{subject}{action}。"));
        for _ in 0..3 {
            body.push_str(rng.pick::<&str>(SENTENCES));
        }
        body.push_str("\n\n");
    }
    let subtype = subtypes
        .get(rng.below(subtypes.len().max(1) as u64) as usize)
        .cloned();
    let is_doc = kind == ContentKind::Policy;
    Synthetic {
        subtype: subtype.unwrap_or_default(),
        summary: format!("{place}{subject}{action}的有关情况。"),
        title,
        body_md: body,
        publisher: "福建省新闻出版广电局办公室",
        doc_no: if is_doc {
            format!("闽新广〔{year}〕{}号", rng.below(200) + 1)
        } else {
            String::new()
        },
        written_on: if is_doc {
            date.format("%Y-%m-%d").to_string()
        } else {
            String::new()
        },
        topic: subjects
            .get(rng.below(subjects.len().max(1) as u64) as usize)
            .cloned()
            .unwrap_or_else(|| "general".to_owned()),
        needs_interpretation: is_doc && rng.below(4) == 0,
    }
}
