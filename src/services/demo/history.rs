//! A few months of past cases, so the hall's figures (办件量, 按时办结率,
//! 满意度) and electronic supervision have something to show: most cases
//! ended on time and were rated well; a few ran late; one poor rating was
//! followed up and one still waits; two cases are open, one of them red.
//! Dates count back from the day the demo is loaded.

use crate::server::db::Db;
use crate::services::types::{grade_label, Service};
use chrono::{Days, NaiveDate};
use sqlx::AnyConnection;

const APPLICANTS: &[&str] = &[
    "福州海峡图书发行有限公司",
    "厦门鹭岛印务有限公司",
    "泉州刺桐影视文化传媒有限公司",
    "漳州芗江书店有限公司",
    "莆田湄洲湾文化发展有限公司",
    "三明闽中影城有限公司",
    "南平武夷文化传播有限公司",
];

/// Grades given, in turn.
const GRADES: &[u8] = &[5, 5, 4, 5, 3, 5, 4, 5];

struct Past<'a> {
    service: &'a Service,
    applicant: &'a str,
    submitted: NaiveDate,
    /// None: still open, with this status.
    finished: Option<NaiveDate>,
    status: &'a str,
    rating: Option<(u8, &'a str, Option<&'a str>)>,
}

fn day(today: NaiveDate, back: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(back)).unwrap_or(today)
}

fn at(d: NaiveDate) -> i64 {
    crate::ui::format::unix_at(
        d,
        chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default(),
    )
}

async fn event(
    tx: &mut AnyConnection,
    id: i64,
    on: NaiveDate,
    action: &str,
    actor: &str,
    note: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO application_events (application_id, at, on_date, action, actor, note) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(at(on))
    .bind(on.to_string())
    .bind(action)
    .bind(actor)
    .bind(note)
    .execute(tx)
    .await?;
    Ok(())
}

async fn store(tx: &mut AnyConnection, p: &Past<'_>, seq: usize) -> Result<(), sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO applications (service_code, token, status, answers, applicant, created_at, \
         updated_at, submitted_at, submitted_on, finished_on, query_code) \
         VALUES ($1, $2, $3, '{}', $4, $5, $5, $5, $6, $7, $8) RETURNING id",
    )
    .bind(&p.service.code)
    .bind(format!("demo-history-{seq}"))
    .bind(p.status)
    .bind(p.applicant)
    .bind(at(p.submitted))
    .bind(p.submitted.to_string())
    .bind(p.finished.map(|d| d.to_string()))
    .bind(format!("{:06}", 100_000 + seq * 7919 % 900_000))
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("UPDATE applications SET number = $1 WHERE id = $2")
        .bind(format!("XW{}{id:06}", p.submitted.format("%Y%m%d")))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    event(
        tx,
        id,
        p.submitted,
        "提交申请",
        "申请人",
        "网上提交，等待窗口受理",
    )
    .await?;
    let handler = "张办件";
    if p.status != "submitted" {
        event(tx, id, p.submitted, "受理", handler, "材料齐全，予以受理").await?;
    }
    let Some(finished) = p.finished else {
        return Ok(());
    };
    event(tx, id, finished, "准予许可", handler, "符合条件，准予许可").await?;
    event(tx, id, finished, "办结", handler, "证书已送达").await?;
    let Some((score, comment, follow_up)) = p.rating else {
        return Ok(());
    };
    let rated = finished.checked_add_days(Days::new(1)).unwrap_or(finished);
    sqlx::query(
        "INSERT INTO case_ratings (application_id, service_code, score, comment, rated_at, rated_on, \
         follow_up, followed_on, followed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(&p.service.code)
    .bind(i64::from(score))
    .bind(comment)
    .bind(at(rated))
    .bind(rated.to_string())
    .bind(follow_up.unwrap_or_default())
    .bind(follow_up.map(|_| rated.checked_add_days(Days::new(6)).unwrap_or(rated).to_string()))
    .bind(if follow_up.is_some() { handler } else { "" })
    .execute(&mut *tx)
    .await?;
    event(tx, id, rated, "评价", "申请人", grade_label(score)).await
}

/// Loads the past cases of `services`, counting back from `today`.
pub async fn load(db: &Db, services: &[Service], today: NaiveDate) -> Result<(), sqlx::Error> {
    let mut cases = Vec::new();
    for (i, s) in services.iter().enumerate() {
        let n = 3 + (i * 3) % 5;
        for k in 0..n {
            let submitted = day(today, (16 + 11 * k + 2 * i) as u64);
            // Calendar days never hold more working days than their count,
            // so finishing after `promised_days` calendar days is on time;
            // three times that and more is late.
            let late = i % 2 == 0 && k + 1 == n;
            let took = u64::from(if late {
                s.promised_days * 3 + 10
            } else {
                s.promised_days * 6 / 10 + 1
            });
            let finished = submitted
                .checked_add_days(Days::new(took))
                .unwrap_or(submitted)
                .min(day(today, 2));
            let rating = match (i, k) {
                (0, 1) => Some((
                    2,
                    "窗口要求补交的材料前后说法不一，多跑了一次。",
                    Some("已回访申请人并致歉；窗口已统一一次性告知清单，杜绝多次补交。"),
                )),
                (1, 0) => Some((1, "网上提交后三天才受理，进度查询看不到原因。", None)),
                _ if (i + k) % 4 == 3 => None,
                _ => Some((GRADES[(i + k) % GRADES.len()], "", None)),
            };
            cases.push(Past {
                service: s,
                applicant: APPLICANTS[(i + k) % APPLICANTS.len()],
                submitted,
                finished: Some(finished),
                status: "done",
                rating,
            });
        }
    }
    if let Some(s) = services.first() {
        cases.push(Past {
            service: s,
            applicant: APPLICANTS[0],
            submitted: day(today, 1),
            finished: None,
            status: "submitted",
            rating: None,
        });
    }
    if let Some(s) = services.get(1) {
        cases.push(Past {
            service: s,
            applicant: APPLICANTS[1],
            submitted: day(today, u64::from(s.promised_days) * 2 + 14),
            finished: None,
            status: "accepted",
            rating: None,
        });
    }
    let mut tx = db.begin_write().await?;
    for (seq, p) in cases.iter().enumerate() {
        store(&mut tx, p, seq).await?;
    }
    tx.commit().await
}
