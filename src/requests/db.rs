//! Storing requests, their files, steps and appeals. The 申请编号 comes from
//! the row's id in the transaction that stores the request with its proof,
//! so a number is only ever shown for a request kept. Nothing here is read
//! by any public channel: no search index, feed, sitemap or export.

use super::rules;
use super::types::{Appeal, RequestEvent, RequestFile, StaffRequest, Status};
use super::validate::Asked;
use crate::account::db::audit::{self, Actor};
use crate::clock::Calendar;
use crate::server::db::Db;
use chrono::NaiveDate;
use sqlx::AnyConnection;

/// What the applicant needs to follow the request up.
#[derive(Debug, Clone)]
pub struct Submitted {
    pub id: i64,
    pub number: String,
    pub query_code: String,
}

/// A file as received: name, checked type, bytes.
pub struct NewFile<'a> {
    pub name: &'a str,
    pub mime: &'a str,
    pub bytes: &'a [u8],
}

/// Stores a request received on `today` with its identity proof and the
/// first event (whose notice `notice` makes from the number); returns its
/// number and query code.
pub async fn submit(
    db: &Db,
    outbox: Option<&crate::notify::Outbox>,
    a: &Asked,
    proof: &NewFile<'_>,
    today: NaiveDate,
    now: i64,
    notice: impl Fn(&str) -> String,
) -> Result<Submitted, sqlx::Error> {
    let query_code = crate::server::secret::query_code();
    let mut tx = db.begin_write().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO disclosure_requests (query_code, applicant_kind, org_type, name, id_number, \
         phone, email, address, description, doc_ref, purpose, delivery, received_at, received_on, \
         status, clock_from) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $14) RETURNING id",
    )
    .bind(&query_code)
    .bind(a.kind.as_str())
    .bind(&a.org_type)
    .bind(&a.name)
    .bind(&a.id_number)
    .bind(&a.phone)
    .bind(&a.email)
    .bind(&a.address)
    .bind(&a.description)
    .bind(&a.doc_ref)
    .bind(&a.purpose)
    .bind(a.delivery.as_str())
    .bind(now)
    .bind(today.to_string())
    .bind(Status::Handling.as_str())
    .fetch_one(&mut *tx)
    .await?;
    let number = format!("YS{}{id:06}", today.format("%Y%m%d"));
    sqlx::query("UPDATE disclosure_requests SET number = $1 WHERE id = $2")
        .bind(&number)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    add_file(&mut tx, id, "proof", proof, now).await?;
    add_event(
        &mut tx,
        outbox,
        id,
        &Step {
            on: today,
            action: "收到申请",
            actor: "申请人",
            note: "通过网站在线提交",
            notice: &notice(&number),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Submitted {
        id,
        number,
        query_code,
    })
}

/// Keeps a file with request `id` (`role`: `proof` or `reply`).
pub async fn add_file(
    conn: &mut AnyConnection,
    id: i64,
    role: &str,
    f: &NewFile<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO disclosure_request_files (request_id, role, file_name, content_type, size, \
         data, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(role)
    .bind(f.name)
    .bind(f.mime)
    .bind(f.bytes.len() as i64)
    .bind(f.bytes)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// One step on a request, and the notice sent to the applicant with it.
pub struct Step<'a> {
    pub on: NaiveDate,
    pub action: &'a str,
    pub actor: &'a str,
    pub note: &'a str,
    pub notice: &'a str,
}

/// Records step `s` on request `id`; with an `outbox`, its notice (when it
/// has one) is also written for the applicant's phone and e-mail, in the
/// same transaction. (The demo data's history passes none.)
pub async fn add_event(
    conn: &mut AnyConnection,
    outbox: Option<&crate::notify::Outbox>,
    id: i64,
    s: &Step<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    if let Some(outbox) = outbox.filter(|o| o.any() && !s.notice.is_empty()) {
        let contact: Option<(String, String, String, String)> = sqlx::query_as(
            "SELECT number, query_code, phone, email FROM disclosure_requests WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
        if let Some((number, code, phone, email)) = contact {
            crate::notify::db::enqueue(
                &mut *conn,
                outbox,
                crate::notify::db::Notice {
                    subject: crate::notify::Subject::Request,
                    number: &number,
                    event: crate::notify::types::Event::RequestStep,
                    contacts: &[phone.as_str(), email.as_str()],
                    vars: crate::notify::templates::Vars {
                        code: Some(code),
                        matter: s.action.to_owned(),
                        date: crate::ui::format::date_zh(&s.on.to_string()),
                        notice: s.notice.to_owned(),
                        ..Default::default()
                    },
                },
                now,
            )
            .await?;
        }
    }
    sqlx::query(
        "INSERT INTO disclosure_request_events (request_id, at, on_date, action, actor, note, notice) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(now)
    .bind(s.on.to_string())
    .bind(s.action)
    .bind(s.actor)
    .bind(s.note)
    .bind(s.notice)
    .execute(conn)
    .await?;
    Ok(())
}

/// A stored request, with what only staff and its applicant may see.
#[derive(sqlx::FromRow)]
pub struct Stored {
    pub id: i64,
    pub number: String,
    pub query_code: String,
    pub applicant_kind: String,
    pub org_type: String,
    pub name: String,
    pub id_number: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub description: String,
    pub doc_ref: String,
    pub purpose: String,
    pub delivery: String,
    pub received_on: String,
    pub status: String,
    pub clock_from: String,
    pub stops: String,
    pub extension_days: i64,
    pub correction: String,
    pub correction_asked_on: Option<String>,
    pub correction_due_on: Option<String>,
    pub corrected_on: Option<String>,
    pub supplement: String,
    pub outcome: Option<String>,
    pub fee_yuan: i64,
    pub letter: String,
    pub replied_on: Option<String>,
    pub replied_by: String,
    pub article_id: Option<i64>,
}

const COLUMNS: &str = "id, number, query_code, applicant_kind, org_type, name, id_number, phone, \
     email, address, description, doc_ref, purpose, delivery, received_on, status, clock_from, \
     stops, extension_days, correction, correction_asked_on, correction_due_on, corrected_on, \
     supplement, outcome, fee_yuan, letter, replied_on, replied_by, article_id";

/// The request numbered `number`.
pub async fn by_number(db: &Db, number: &str) -> Result<Option<Stored>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM disclosure_requests WHERE number = $1"
    ))
    .bind(number)
    .fetch_optional(db.pool())
    .await
}

/// The request numbered `number`, inside the caller's transaction.
pub async fn by_number_in(
    conn: &mut AnyConnection,
    number: &str,
) -> Result<Option<Stored>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM disclosure_requests WHERE number = $1"
    ))
    .bind(number)
    .fetch_optional(conn)
    .await
}

/// Every request (`all`) or the open ones, newest first.
pub async fn list(db: &Db, all: bool) -> Result<Vec<Stored>, sqlx::Error> {
    let filter = if all {
        ""
    } else {
        " WHERE status <> 'replied'"
    };
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM disclosure_requests{filter} ORDER BY received_at DESC, id DESC"
    ))
    .fetch_all(db.pool())
    .await
}

/// The files of request `id` in `role`.
pub async fn files(db: &Db, id: i64, role: &str) -> Result<Vec<RequestFile>, sqlx::Error> {
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT id, file_name, size FROM disclosure_request_files WHERE request_id = $1 AND role = $2 \
         ORDER BY id",
    )
    .bind(id)
    .bind(role)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, file_name, size)| RequestFile {
            id,
            file_name,
            size,
        })
        .collect())
}

/// The steps of request `id`, in order.
pub async fn events(db: &Db, id: i64) -> Result<Vec<RequestEvent>, sqlx::Error> {
    let rows: Vec<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT on_date, action, actor, note, notice FROM disclosure_request_events \
         WHERE request_id = $1 ORDER BY at, id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(on_date, action, actor, note, notice)| RequestEvent {
            on_date,
            action,
            actor,
            note,
            notice,
        })
        .collect())
}

/// The appeals over request `id`.
pub async fn appeals(db: &Db, id: i64) -> Result<Vec<Appeal>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT id, kind, filed_on, result, note FROM disclosure_request_appeals \
         WHERE request_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, filed_on, result, note)| Appeal {
            id,
            kind,
            filed_on,
            result,
            note,
        })
        .collect())
}

/// The request as its handler sees it.
pub async fn staff_view(
    db: &Db,
    s: &Stored,
    calendar: &Calendar,
    today: NaiveDate,
) -> Result<StaffRequest, sqlx::Error> {
    let view = s.view(
        calendar,
        today,
        files(db, s.id, "reply").await?,
        events(db, s.id).await?,
    );
    Ok(StaffRequest {
        view,
        id_number: s.id_number.clone(),
        phone: s.phone.clone(),
        email: s.email.clone(),
        address: s.address.clone(),
        proof: files(db, s.id, "proof").await?,
        appeals: appeals(db, s.id).await?,
        correction_by: s
            .correction_may_be_asked(calendar, today)
            .then(|| rules::correction_by(&s.received_on, calendar))
            .flatten()
            .map(|d| d.to_string()),
        actions: s.actions(calendar, today),
        replied_by: s.replied_by.clone(),
        outcome_slug: s.outcome.clone().unwrap_or_default(),
        article_id: s.article_id,
        can_publish: false,
    })
}

/// A change of a request's state, applied only if it is still in the
/// status it was read in (two handlers never both act on one state).
pub enum Change<'a> {
    AskCorrection {
        text: &'a str,
        on: NaiveDate,
        due_on: NaiveDate,
    },
    Corrected {
        on: NaiveDate,
        supplement: &'a str,
    },
    Extend {
        days: u32,
    },
    Stops {
        json: &'a str,
    },
    Reply {
        outcome: &'a str,
        reason: &'a str,
        basis: &'a str,
        other_agency: &'a str,
        public_location: &'a str,
        fee_method: &'a str,
        fee_pages: u32,
        fee_yuan: i64,
        letter: &'a str,
        on: NaiveDate,
        by: &'a str,
    },
}

/// Applies `change` to request `id` read in `status` with `stops` as read;
/// false when it changed meanwhile.
pub async fn change(
    conn: &mut AnyConnection,
    id: i64,
    status: Status,
    stops: &str,
    change: &Change<'_>,
) -> Result<bool, sqlx::Error> {
    let guard = " WHERE id = $1 AND status = $2 AND stops = $3";
    let sql = match change {
        Change::AskCorrection { .. } => format!(
            "UPDATE disclosure_requests SET status = 'correction', correction = $4, \
             correction_asked_on = $5, correction_due_on = $6{guard} AND correction_asked_on IS NULL"
        ),
        Change::Corrected { .. } => format!(
            "UPDATE disclosure_requests SET status = 'handling', corrected_on = $4, clock_from = $4, \
             supplement = $5{guard}"
        ),
        Change::Extend { .. } => format!(
            "UPDATE disclosure_requests SET extension_days = $4{guard} AND extension_days = 0"
        ),
        Change::Stops { .. } => format!("UPDATE disclosure_requests SET stops = $4{guard}"),
        Change::Reply { .. } => format!(
            "UPDATE disclosure_requests SET status = 'replied', outcome = $4, reason = $5, basis = $6, \
             other_agency = $7, public_location = $8, fee_method = $9, fee_pages = $10, fee_yuan = $11, \
             letter = $12, replied_on = $13, replied_by = $14{guard}"
        ),
    };
    let q = sqlx::query(&sql).bind(id).bind(status.as_str()).bind(stops);
    let q = match change {
        Change::AskCorrection { text, on, due_on } => {
            q.bind(*text).bind(on.to_string()).bind(due_on.to_string())
        }
        Change::Corrected { on, supplement } => q.bind(on.to_string()).bind(*supplement),
        Change::Extend { days } => q.bind(i64::from(*days)),
        Change::Stops { json } => q.bind(*json),
        Change::Reply {
            outcome,
            reason,
            basis,
            other_agency,
            public_location,
            fee_method,
            fee_pages,
            fee_yuan,
            letter,
            on,
            by,
        } => q
            .bind(*outcome)
            .bind(*reason)
            .bind(*basis)
            .bind(*other_agency)
            .bind(*public_location)
            .bind(*fee_method)
            .bind(i64::from(*fee_pages))
            .bind(*fee_yuan)
            .bind(*letter)
            .bind(on.to_string())
            .bind(*by),
    };
    Ok(q.execute(conn).await?.rows_affected() > 0)
}

/// How many requests the applicant with `id_number` made in the natural
/// month of `received_on`, up to and including request `id` (按件计收).
pub async fn nth_in_month(
    conn: &mut AnyConnection,
    id_number: &str,
    received_on: &str,
    id: i64,
) -> Result<u32, sqlx::Error> {
    let month = received_on.get(..7).unwrap_or(received_on);
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM disclosure_requests WHERE id_number = $1 AND received_on >= $2 \
         AND received_on <= $3 AND id <= $4",
    )
    .bind(id_number)
    .bind(format!("{month}-01"))
    .bind(format!("{month}-31"))
    .bind(id)
    .fetch_one(conn)
    .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Records a 行政复议 or 行政诉讼 over request `id`.
pub async fn add_appeal(
    conn: &mut AnyConnection,
    id: i64,
    a: &Appeal,
    by: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO disclosure_request_appeals (request_id, kind, filed_on, result, note, \
         recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(&a.kind)
    .bind(&a.filed_on)
    .bind(&a.result)
    .bind(&a.note)
    .bind(now)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(())
}

/// Sets the result of appeal `appeal` of request `id`; false when there is
/// no such appeal.
pub async fn set_appeal_result(
    conn: &mut AnyConnection,
    id: i64,
    appeal: i64,
    result: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE disclosure_request_appeals SET result = $1 WHERE id = $2 AND request_id = $3",
    )
    .bind(result)
    .bind(appeal)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Notes the catalogue item made from request `id`'s released information.
pub async fn set_article(
    conn: &mut AnyConnection,
    id: i64,
    article: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE disclosure_requests SET article_id = $1 WHERE id = $2 AND article_id IS NULL",
    )
    .bind(article)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The reply files of request `id`, bytes and all (to copy them).
pub async fn reply_files(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Vec<(String, String, Vec<u8>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT file_name, content_type, data FROM disclosure_request_files \
         WHERE request_id = $1 AND role = 'reply' ORDER BY id",
    )
    .bind(id)
    .fetch_all(conn)
    .await
}

/// A file of request `number` for its handler: the read is in the audit log
/// (a citizen's identity proof is personal data).
pub async fn read_file(
    db: &Db,
    actor: &Actor,
    number: &str,
    file: i64,
    now: i64,
) -> Result<Option<(String, String, Vec<u8>)>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let row: Option<(String, String, String, Vec<u8>)> = sqlx::query_as(
        "SELECT f.role, f.file_name, f.content_type, f.data FROM disclosure_request_files f \
         JOIN disclosure_requests r ON r.id = f.request_id WHERE r.number = $1 AND f.id = $2",
    )
    .bind(number)
    .bind(file)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((role, name, _, data)) = &row {
        audit::record(
            &mut tx,
            actor,
            "request.file_read",
            &format!("依申请公开 {number}"),
            serde_json::json!({ "role": role, "file": name, "bytes": data.len() }),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(row.map(|(_, name, mime, data)| (name, mime, data)))
}

/// A reply file of request `id`, for its applicant (never the proof).
pub async fn reply_file(
    db: &Db,
    id: i64,
    file: i64,
) -> Result<Option<(String, String, Vec<u8>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT file_name, content_type, data FROM disclosure_request_files \
         WHERE request_id = $1 AND id = $2 AND role = 'reply'",
    )
    .bind(id)
    .bind(file)
    .fetch_optional(db.pool())
    .await
}

/// Every request whose reply clock runs or is stopped, inside the caller's
/// transaction: (number, clock_from, stops, extension days) — for the
/// calendar's recompute.
pub async fn open_clocks_in(
    conn: &mut AnyConnection,
) -> Result<Vec<(String, String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT number, clock_from, stops, extension_days FROM disclosure_requests \
         WHERE status = 'handling' ORDER BY number",
    )
    .fetch_all(conn)
    .await
}

/// What the annual report counts of one request.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Counted {
    pub applicant_kind: String,
    pub org_type: String,
    pub received_on: String,
    pub replied_on: Option<String>,
    pub outcome: Option<String>,
    pub fee_yuan: i64,
}

/// Every request received on or before `until` (`YYYY-MM-DD`), as the
/// annual report counts them.
pub async fn counted_until(db: &Db, until: &str) -> Result<Vec<Counted>, sqlx::Error> {
    sqlx::query_as(
        "SELECT applicant_kind, org_type, received_on, replied_on, outcome, fee_yuan \
         FROM disclosure_requests WHERE received_on <= $1 ORDER BY id",
    )
    .bind(until)
    .fetch_all(db.pool())
    .await
}

/// The 行政复议 and 行政诉讼 filed between `from` and `to` (inclusive,
/// `YYYY-MM-DD`): (kind, result).
pub async fn appeals_filed(
    db: &Db,
    from: &str,
    to: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT kind, result FROM disclosure_request_appeals \
         WHERE filed_on >= $1 AND filed_on <= $2 ORDER BY id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(db.pool())
    .await
}
