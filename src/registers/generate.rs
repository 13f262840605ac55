//! Synthetic licence and penalty rows for scale tests:
//! `gongkai generate --registers N` adds N of each. Rows go through the same
//! checks and masking as real ones, in multi-row INSERTs inside large
//! transactions, and indexed for search in the same transactions (public
//! means searchable). They are not put in the change list (they are load,
//! not news).

use super::demo::{credit_code, id_card};
use super::schema::Register;
use super::validate::{check, derive, format_money, Fields};
use crate::server::db::{Db, SqlBuilder};
use std::collections::BTreeMap;

const BATCH: usize = 50;

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

const PLACES: &[&str] = &[
    "福州", "厦门", "莆田", "三明", "泉州", "漳州", "南平", "龙岩", "宁德", "晋江", "石狮", "福清",
    "长乐", "建瓯",
];
const TRADES: &[&str] = &[
    "图书",
    "印务",
    "彩印",
    "文化传媒",
    "音像",
    "影视",
    "书店",
    "包装印刷",
    "数码印刷",
    "广告",
    "出版物发行",
    "电影放映",
];
const SURNAMES: &[&str] = &["陈", "林", "黄", "郑", "吴", "王", "张", "李", "刘", "杨"];
const GIVEN: &[&str] = &[
    "建华", "秀英", "志强", "丽娟", "国平", "美玲", "文斌", "海燕", "明辉", "雪梅",
];

fn date(rng: &mut Rng, from: i32, to: i32) -> (i32, String) {
    let year = from + rng.below((to - from + 1) as u64) as i32;
    (
        year,
        format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
    )
}

fn licence(rng: &mut Rng, n: u64) -> BTreeMap<String, String> {
    let (year, decided) = date(rng, 2015, 2026);
    let code = credit_code(n as usize + 1_000);
    let party = format!(
        "{}{}{}有限公司",
        rng.pick(PLACES),
        rng.pick(TRADES),
        n % 997
    );
    let (content, cert) = *rng.pick(&[
        ("出版物零售", "出版物经营许可证"),
        ("出版物批发", "出版物经营许可证"),
        ("包装装潢印刷品印刷", "印刷经营许可证"),
        ("广播电视节目制作、发行", "广播电视节目制作经营许可证"),
        ("电影放映", "电影放映经营许可证"),
    ]);
    let kv: [(&str, String); 14] = [
        ("doc_name", format!("准予{content}行政许可决定书")),
        ("doc_no", format!("闽新广许〔{year}〕G{n}号")),
        (
            "category",
            rng.pick(&["普通", "普通", "特许", "登记"]).to_string(),
        ),
        ("cert_name", cert.to_owned()),
        ("cert_no", format!("闽G{n:08}")),
        ("content", content.to_owned()),
        ("decided", decided.clone()),
        ("valid_from", decided),
        ("valid_to", format!("{}-12-31", year + 6)),
        ("authority", "福建省新闻出版广电局".to_owned()),
        (
            "status",
            rng.pick(&["有效", "有效", "有效", "已注销", "已过期"])
                .to_string(),
        ),
        ("party", party),
        ("party_kind", "法人及非法人组织".to_owned()),
        ("credit_code", code),
    ];
    kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

fn penalty(rng: &mut Rng, n: u64) -> BTreeMap<String, String> {
    let (year, decided) = date(rng, 2015, 2026);
    let person = rng.below(5) == 0;
    let (party, kind, code) = if person {
        (
            format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN)),
            "自然人".to_owned(),
            id_card(n as usize),
        )
    } else {
        (
            format!(
                "{}{}{}有限公司",
                rng.pick(PLACES),
                rng.pick(TRADES),
                n % 991
            ),
            "法人及非法人组织".to_owned(),
            credit_code(n as usize + 500_000),
        )
    };
    let (violation, category) = *rng.pick(&[
        ("销售非法出版物", "罚款"),
        ("未履行承印验证制度", "警告"),
        ("擅自安装卫星地面接收设施", "没收非法财物"),
        ("未经批准从事出版物发行", "没收违法所得"),
        ("印刷非法出版物", "吊销许可证件"),
    ]);
    let fine = if category == "罚款" {
        (1 + rng.below(50)) as i64 * 100_000
    } else {
        0
    };
    let kv: [(&str, String); 16] = [
        ("doc_no", format!("闽新广罚〔{year}〕G{n}号")),
        ("case_name", format!("{party}{violation}案")),
        ("party", party.clone()),
        ("party_kind", kind),
        ("credit_code", code),
        ("violation", "出版物市场".to_owned()),
        (
            "facts",
            format!("经查，{party}于{year}年{violation}，事实清楚，证据确凿。"),
        ),
        ("basis", "《出版管理条例》第六十二条".to_owned()),
        ("category", category.to_owned()),
        (
            "content",
            if fine > 0 {
                format!("罚款{}元", fine / 100)
            } else {
                category.to_owned()
            },
        ),
        (
            "amount",
            if fine > 0 {
                format_money(fine)
            } else {
                String::new()
            },
        ),
        ("decided", decided),
        ("public_until", format!("{}-12-31", year + 3)),
        ("authority", "福建省新闻出版广电局".to_owned()),
        (
            "serious",
            if rng.below(40) == 0 { "是" } else { "否" }.to_owned(),
        ),
        (
            "address",
            format!("{}市某区某路{}号", rng.pick(PLACES), 1 + rng.below(300)),
        ),
    ];
    kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

async fn insert_batch(
    db: &Db,
    register: Register,
    rows: &[Fields],
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut q = SqlBuilder::new(
        "INSERT INTO register_rows (register, ref_no, title, category, status, decided_on, year, amount, party, \
         credit_code, public_until, serious, fields, public_fields, masked, search_text, created_at, updated_at) VALUES ",
    );
    for (i, f) in rows.iter().enumerate() {
        let d = derive(register, f);
        if i > 0 {
            q.push(", ");
        }
        q.push("(").bind_text(register.slug());
        for v in [d.ref_no, d.title, d.category, d.status, d.decided_on] {
            q.push(", ").bind_text(v);
        }
        q.push(", ").bind_int(d.year).push(", ").bind_int(d.amount);
        for v in [d.party, d.credit_code, d.public_until] {
            q.push(", ").bind_text(v);
        }
        q.push(", ").bind_int(i64::from(d.serious));
        q.push(", ")
            .bind_text(serde_json::to_string(f).unwrap_or_default());
        q.push(", ")
            .bind_text(serde_json::to_string(&d.public_fields).unwrap_or_default());
        q.push(", ").bind_text(d.masked.join(","));
        q.push(", ").bind_text(d.search_text);
        q.push(", ")
            .bind_int(now)
            .push(", ")
            .bind_int(now)
            .push(")");
    }
    q.push(" ON CONFLICT (register, ref_no) DO NOTHING RETURNING id");
    let mut tx = db.begin_write().await?;
    let ids: Vec<(i64,)> = q.query_as().fetch_all(&mut *tx).await?;
    // Public at once, so searchable at once: indexed in the same transaction.
    let ids: Vec<i64> = ids.into_iter().map(|(id,)| id).collect();
    crate::registers::db::search::sync_rows(&mut tx, db.backend(), &ids).await?;
    crate::registers::db::grams::sync_rows(&mut tx, db.backend(), &ids).await?;
    // Other app servers drop pages drawn without these rows.
    crate::server::cache::bump(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds `count` licences and `count` penalties; calls `progress(done)` as it
/// goes (done counts both). Returns how many rows it made.
pub async fn generate(db: &Db, count: u64, progress: impl Fn(u64)) -> Result<u64, sqlx::Error> {
    let now = crate::ui::format::now();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut done = 0;
    for register in [Register::Licence, Register::Penalty] {
        let mut batch = Vec::with_capacity(BATCH);
        for n in 0..count {
            let raw = if register == Register::Licence {
                licence(&mut rng, n)
            } else {
                penalty(&mut rng, n)
            };
            let fields = check(register, &raw)
                .map_err(|e| sqlx::Error::Protocol(format!("generated row is invalid: {e:?}")))?;
            batch.push(fields);
            if batch.len() == BATCH {
                insert_batch(db, register, &batch, now).await?;
                done += batch.len() as u64;
                batch.clear();
                if done % 5_000 == 0 {
                    progress(done);
                }
            }
        }
        if !batch.is_empty() {
            insert_batch(db, register, &batch, now).await?;
            done += batch.len() as u64;
        }
        progress(done);
    }
    let stats = match db.backend() {
        crate::server::db::Backend::Postgres => "VACUUM ANALYZE register_rows",
        crate::server::db::Backend::Sqlite => "ANALYZE register_rows",
    };
    sqlx::query(stats).execute(db.pool()).await?;
    Ok(done)
}
