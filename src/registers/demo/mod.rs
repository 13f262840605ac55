//! Demo rows for every register, in the bureau's own field: publication,
//! printing, distribution, radio, film and television in Fujian. Parties and
//! numbers are invented; credit codes and identity-card numbers carry valid
//! check digits so masking and validation behave as on real data.

mod budgets;
mod powers;
mod rows;

use super::db::{upsert, withdraw};
use super::schema::{credit_check_char, Register};
use super::validate::{check, format_money};
use crate::account::db::audit::Actor;
use crate::server::db::Db;
use budgets::budget_lines;
use rows::{
    inspection_item_rows, inspection_rows, licence_rows, penalty_rows, power_rows,
    procurement_rows, project_rows,
};
use std::collections::BTreeMap;

pub(super) const BUREAU: &str = "福建省新闻出版广电局";
pub(super) const CITIES: &[(&str, &str)] = &[
    ("福州市", "350100"),
    ("厦门市", "350200"),
    ("莆田市", "350300"),
    ("三明市", "350400"),
    ("泉州市", "350500"),
    ("漳州市", "350600"),
    ("南平市", "350700"),
    ("龙岩市", "350800"),
    ("宁德市", "350900"),
];

/// A valid 统一社会信用代码 for demo party `n`.
pub fn credit_code(n: usize) -> String {
    const BODY: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    let region = CITIES[n % CITIES.len()].1;
    let mut s = format!("91{region}MA");
    let mut x = n as u64 * 2_654_435_761 + 12_345;
    for _ in 0..7 {
        s.push(BODY[(x % 31) as usize] as char);
        x /= 31;
        x += 7;
    }
    let check = credit_check_char(&s).unwrap_or('0');
    s.push(check);
    s
}

/// A valid identity-card number for demo person `n` (never a real one: the
/// sequence part is 9xx, reserved in demo data).
pub fn id_card(n: usize) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let first = format!(
        "{}{}{:02}{:02}9{:02}",
        &CITIES[n % CITIES.len()].1[..4],
        format!("{:02}", 2 + n % 5) + &format!("{}", 1960 + n % 40),
        1 + n % 12,
        1 + n % 28,
        n % 100
    );
    let sum: u32 = first
        .bytes()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    format!("{first}{}", CHECK[(sum % 11) as usize] as char)
}

pub(super) const SHOPS: &[&str] = &[
    "海峡书城有限公司",
    "新华书店连锁有限公司",
    "闽江图书发行有限公司",
    "鹭岛印务有限公司",
    "八闽彩印包装有限公司",
    "武夷音像制作有限公司",
    "清源文化传媒有限公司",
    "侨乡影视制作有限公司",
    "红土地电影放映有限公司",
    "东海广播电视器材有限公司",
    "三坊七巷书局有限公司",
    "土楼数码印刷有限公司",
    "闽南出版物配送有限公司",
    "湄洲湾文化传播有限公司",
    "太姥山影业有限公司",
    "宁德书香图书有限公司",
    "沙溪印刷厂",
    "九龙江广告印刷有限公司",
    "榕城电子出版物有限公司",
    "鼓浪屿影视文化有限公司",
];

pub(super) const PEOPLE: &[&str] = &[
    "陈建华",
    "林秀英",
    "黄志强",
    "郑丽娟",
    "吴国平",
    "王美玲",
    "欧阳文斌",
];

pub(super) fn party(n: usize) -> (String, String, String) {
    let (city, _) = CITIES[n % CITIES.len()];
    let name = format!("{}{}", city.trim_end_matches('市'), SHOPS[n % SHOPS.len()]);
    (name, "法人及非法人组织".to_owned(), credit_code(n))
}

pub(super) fn date(year: i32, n: usize) -> String {
    format!("{year}-{:02}-{:02}", 1 + n % 12, 1 + (n * 7) % 28)
}

pub(super) fn fields(pairs: &[(&str, String)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

/// Loads every register's demo rows.
pub async fn load(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    let actor = Actor::system("演示数据");
    let mut tx = db.begin_write().await?;
    let backend = db.backend();
    let put = |register: Register, raw: BTreeMap<String, String>| match check(register, &raw) {
        Ok(f) => Ok(f),
        Err(errors) => Err(sqlx::Error::Protocol(format!(
            "demo row of {} is invalid: {errors:?} in {raw:?}",
            register.slug()
        ))),
    };
    for (raw, history) in power_rows() {
        let f = put(Register::Power, raw)?;
        let (id, _) = upsert(&mut tx, backend, Register::Power, &f, &actor, now).await?;
        for (date, stage, note, document) in history {
            sqlx::query("INSERT INTO register_events (row_id, on_date, stage, note, document, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(id).bind(date).bind(stage).bind(note).bind(document).bind(now)
                .execute(&mut *tx).await?;
        }
    }
    for raw in licence_rows() {
        let f = put(Register::Licence, raw)?;
        upsert(&mut tx, backend, Register::Licence, &f, &actor, now).await?;
    }
    let mut revoked = Vec::new();
    for (raw, withdraw_reason) in penalty_rows() {
        let f = put(Register::Penalty, raw)?;
        let (id, _) = upsert(&mut tx, backend, Register::Penalty, &f, &actor, now).await?;
        if let Some(r) = withdraw_reason {
            revoked.push((id, r));
        }
    }
    for raw in procurement_rows() {
        let f = put(Register::Procurement, raw)?;
        upsert(&mut tx, backend, Register::Procurement, &f, &actor, now).await?;
    }
    for (raw, milestones) in project_rows() {
        let f = put(Register::Project, raw)?;
        let (id, _) = upsert(&mut tx, backend, Register::Project, &f, &actor, now).await?;
        for (date, stage, note) in milestones {
            sqlx::query("INSERT INTO register_events (row_id, on_date, stage, note, document, created_at) VALUES ($1, $2, $3, $4, '', $5)")
                .bind(id).bind(date).bind(stage).bind(note).bind(now)
                .execute(&mut *tx).await?;
        }
    }
    for raw in inspection_item_rows() {
        let f = put(Register::InspectionItem, raw)?;
        upsert(&mut tx, backend, Register::InspectionItem, &f, &actor, now).await?;
    }
    for raw in inspection_rows() {
        let f = put(Register::Inspection, raw)?;
        upsert(&mut tx, backend, Register::Inspection, &f, &actor, now).await?;
    }
    for (register, rows) in powers::rows() {
        for raw in rows {
            let f = put(register, raw)?;
            upsert(&mut tx, backend, register, &f, &actor, now).await?;
        }
    }
    for year in 2016..=2026 {
        for kind in ["预算", "决算"] {
            if kind == "决算" && year == 2026 {
                continue;
            }
            for (system, code, name, fen) in budget_lines(year, kind) {
                let raw = fields(&[
                    ("year", year.to_string()),
                    ("kind", kind.to_owned()),
                    ("system", system.to_owned()),
                    ("code", code),
                    ("name", name),
                    ("amount", format_money(fen)),
                ]);
                let f = put(Register::Budget, raw)?;
                upsert(&mut tx, backend, Register::Budget, &f, &actor, now).await?;
            }
            let note = fields(&[
                ("year", year.to_string()),
                ("kind", kind.to_owned()),
                ("system", "说明".to_owned()),
                ("code", "0".to_owned()),
                ("name", format!("{year}年部门{kind}情况说明")),
                ("note", format!(
                    "一、部门职责：负责全省新闻出版、广播电影电视的管理工作。\n\
                     二、{year}年部门{kind}收支总体情况：收入全部为一般公共预算财政拨款，支出主要用于机关运行、广播电视公共服务和新闻出版管理。\n\
                     三、“三公”经费情况：严格执行中央八项规定精神，因公出国（境）、公务用车购置及运行和公务接待经费总额{}。\n\
                     四、名词解释：“三公”经费指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
                    if year <= 2016 { "与上年持平" } else { "较2016年明显下降" }
                )),
            ]);
            let f = put(Register::Budget, note)?;
            upsert(&mut tx, backend, Register::Budget, &f, &actor, now).await?;
        }
    }
    tx.commit().await?;
    for (id, reason) in revoked {
        withdraw(db, id, reason, &actor, now)
            .await
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_codes_and_numbers_are_valid() {
        for n in 0..200 {
            assert!(
                super::super::schema::valid_credit_code(&credit_code(n)),
                "{}",
                credit_code(n)
            );
            assert!(
                super::super::mask::valid_id_card(&id_card(n)),
                "{}",
                id_card(n)
            );
        }
    }

    #[test]
    fn every_demo_row_passes_validation() {
        let power = power_rows();
        assert!(power.len() >= 20);
        for (f, _) in power {
            check(Register::Power, &f).map_err(|e| (f, e)).unwrap();
        }
        for f in licence_rows() {
            check(Register::Licence, &f)
                .map_err(|e| (f.clone(), e))
                .unwrap();
        }
        for (f, _) in penalty_rows() {
            check(Register::Penalty, &f)
                .map_err(|e| (f.clone(), e))
                .unwrap();
        }
        for f in procurement_rows() {
            check(Register::Procurement, &f)
                .map_err(|e| (f.clone(), e))
                .unwrap();
        }
        for (f, _) in project_rows() {
            check(Register::Project, &f)
                .map_err(|e| (f.clone(), e))
                .unwrap();
        }
        for f in inspection_item_rows().into_iter().chain(inspection_rows()) {
            let r = if f.contains_key("subject") {
                Register::InspectionItem
            } else {
                Register::Inspection
            };
            check(r, &f).map_err(|e| (f.clone(), e)).unwrap();
        }
        assert!(
            licence_rows().len() >= 20
                && penalty_rows().len() >= 20
                && procurement_rows().len() >= 20
        );
        for (register, rows) in powers::rows() {
            assert!(rows.len() >= 3, "{}", register.slug());
            for f in rows {
                check(register, &f).map_err(|e| (f.clone(), e)).unwrap();
            }
        }
        assert!(
            project_rows().len() >= 20
                && inspection_item_rows().len() >= 20
                && inspection_rows().len() >= 20
        );
    }
}
