//! Register writes: insert or update, the staff form's save, imports,
//! withdrawal and timeline entries — each with its change-list entry, its
//! audit entry and the search index kept in step, in one transaction.

use crate::account::db::audit::{self, Actor};
use crate::error::{AppError, FieldError};
use crate::registers::schema::Register;
use crate::registers::types::TimelineEntry;
use crate::registers::validate::Derived;
use crate::registers::validate::{derive, Fields};
use crate::server::db::{Backend, Db, SqlBuilder};
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, Row};

/// A row's derived columns as stored, bound in the order that both the
/// insert and the update list them ($1 to $14).
struct Stored<'a> {
    d: &'a Derived,
    json: String,
    public_json: String,
    masked: String,
}

impl<'a> Stored<'a> {
    fn of(fields: &Fields, d: &'a Derived) -> Self {
        Stored {
            d,
            json: serde_json::to_string(fields).unwrap_or_default(),
            public_json: serde_json::to_string(&d.public_fields).unwrap_or_default(),
            masked: d.masked.join(","),
        }
    }

    fn bind<'q>(&'q self, q: Query<'q, Any, AnyArguments<'q>>) -> Query<'q, Any, AnyArguments<'q>> {
        let d = self.d;
        q.bind(&d.title)
            .bind(&d.category)
            .bind(&d.status)
            .bind(&d.decided_on)
            .bind(d.year)
            .bind(d.amount)
            .bind(&d.party)
            .bind(&d.credit_code)
            .bind(&d.public_until)
            .bind(i64::from(d.serious))
            .bind(&self.json)
            .bind(&self.public_json)
            .bind(&self.masked)
            .bind(&d.search_text)
    }
}

async fn record_change(
    conn: &mut AnyConnection,
    register: Register,
    id: i64,
    action: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO register_changes (register, row_id, action, at) VALUES ($1, $2, $3, $4)",
    )
    .bind(register.slug())
    .bind(id)
    .bind(action)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

fn duplicate(register: Register) -> AppError {
    let c = register.columns();
    let labels: Vec<&str> = c
        .key
        .iter()
        .filter_map(|k| register.field(k))
        .map(|f| f.label)
        .collect();
    AppError::Validation(vec![FieldError {
        field: c.key[0].to_owned(),
        message: format!("已有相同{}的记录，请核对", labels.join("、")),
    }])
}

/// Inserts a row, or updates the row with the same reference. Returns the
/// id and whether it was new. Runs in the caller's transaction.
pub async fn upsert(
    conn: &mut AnyConnection,
    backend: Backend,
    register: Register,
    fields: &Fields,
    actor: &Actor,
    now: i64,
) -> Result<(i64, bool), sqlx::Error> {
    let d = derive(register, fields);
    let existing: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM register_rows WHERE register = $1 AND ref_no = $2")
            .bind(register.slug())
            .bind(&d.ref_no)
            .fetch_optional(&mut *conn)
            .await?;
    let stored = Stored::of(fields, &d);
    let (id, new) = match existing {
        Some((id,)) => {
            stored
                .bind(sqlx::query(
                    "UPDATE register_rows SET title = $1, category = $2, status = $3, decided_on = $4, year = $5, \
                     amount = $6, party = $7, credit_code = $8, public_until = $9, serious = $10, fields = $11, \
                     public_fields = $12, masked = $13, search_text = $14, version = version + 1, updated_at = $15 \
                     WHERE id = $16",
                ))
                .bind(now)
                .bind(id)
                .execute(&mut *conn)
                .await?;
            (id, false)
        }
        None => {
            let row = stored
                .bind(sqlx::query(
                    "INSERT INTO register_rows (title, category, status, decided_on, year, amount, party, \
                     credit_code, public_until, serious, fields, public_fields, masked, search_text, \
                     created_at, updated_at, register, ref_no) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
                     $10, $11, $12, $13, $14, $15, $15, $16, $17) RETURNING id",
                ))
                .bind(now)
                .bind(register.slug())
                .bind(&d.ref_no)
                .fetch_one(&mut *conn)
                .await?;
            (row.try_get::<i64, _>(0)?, true)
        }
    };
    record_change(
        conn,
        register,
        id,
        if new { "insert" } else { "update" },
        now,
    )
    .await?;
    audit::record(
        conn,
        actor,
        if new {
            "register.insert"
        } else {
            "register.update"
        },
        &format!("register:{id}"),
        serde_json::json!({ "register": register.slug(), "ref_no": d.ref_no }),
        now,
    )
    .await?;
    crate::registers::db::search::sync(conn, backend, id).await?;
    crate::registers::db::grams::sync_rows(conn, backend, &[id]).await?;
    Ok((id, new))
}

/// Saves a row from the staff form: a new one (`id` None) or an edit of `id`
/// at `version` (refused if someone saved in between).
pub async fn save(
    db: &Db,
    register: Register,
    id: Option<i64>,
    version: Option<i64>,
    fields: &Fields,
    actor: &Actor,
    now: i64,
) -> Result<i64, AppError> {
    let d = derive(register, fields);
    let mut tx = db.begin_write().await?;
    let same_ref: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM register_rows WHERE register = $1 AND ref_no = $2")
            .bind(register.slug())
            .bind(&d.ref_no)
            .fetch_optional(&mut *tx)
            .await?;
    match (id, same_ref) {
        (None, Some(_)) => return Err(duplicate(register)),
        (Some(id), Some((other,))) if other != id => return Err(duplicate(register)),
        _ => {}
    }
    if let Some(id) = id {
        let current: Option<(i64, String, Option<i64>)> = sqlx::query_as(
            "SELECT version, register, withdrawn_at FROM register_rows WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((current, slug, withdrawn)) = current else {
            return Err(AppError::NotFound);
        };
        if slug != register.slug() {
            return Err(AppError::NotFound);
        }
        if withdrawn.is_some() {
            return Err(AppError::Conflict("该记录已撤销，不能再修改".to_owned()));
        }
        if version.is_some_and(|v| v != current) {
            return Err(AppError::Conflict(
                "该记录在您编辑期间已被他人修改，请刷新页面后重新编辑".to_owned(),
            ));
        }
        // The reference may change on edit: update it in place first.
        sqlx::query("UPDATE register_rows SET ref_no = $1 WHERE id = $2")
            .bind(&d.ref_no)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    let (id, _) = upsert(&mut tx, db.backend(), register, fields, actor, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Imports rows all or nothing; returns (inserted, updated).
pub async fn import(
    db: &Db,
    register: Register,
    rows: &[Fields],
    actor: &Actor,
    now: i64,
) -> Result<(usize, usize), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let (mut inserted, mut updated) = (0, 0);
    for fields in rows {
        if upsert(&mut tx, db.backend(), register, fields, actor, now)
            .await?
            .1
        {
            inserted += 1;
        } else {
            updated += 1;
        }
    }
    audit::record(
        &mut tx,
        actor,
        "register.import",
        &format!("register:{}", register.slug()),
        serde_json::json!({ "inserted": inserted, "updated": updated }),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((inserted, updated))
}

/// Withdraws (撤销) a row with a public reason.
pub async fn withdraw(
    db: &Db,
    id: i64,
    reason: &str,
    actor: &Actor,
    now: i64,
) -> Result<(), AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::field("reason", "请填写撤销原因，它将向公众公开"));
    }
    if reason.chars().count() > 500 {
        return Err(AppError::field("reason", "撤销原因不能超过 500 个字"));
    }
    let mut tx = db.begin_write().await?;
    let row: Option<(String, Option<i64>)> =
        sqlx::query_as("SELECT register, withdrawn_at FROM register_rows WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((slug, withdrawn)) = row else {
        return Err(AppError::NotFound);
    };
    let register = Register::from_slug(&slug).ok_or(AppError::NotFound)?;
    if withdrawn.is_some() {
        return Err(AppError::Conflict("该记录已经撤销".to_owned()));
    }
    sqlx::query(
        "UPDATE register_rows SET withdrawn_at = $1, withdraw_reason = $2, version = version + 1, updated_at = $1 WHERE id = $3",
    )
    .bind(now)
    .bind(reason)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    record_change(&mut tx, register, id, "withdraw", now).await?;
    audit::record(
        &mut tx,
        actor,
        "register.withdraw",
        &format!("register:{id}"),
        serde_json::json!({ "register": slug, "reason": reason }),
        now,
    )
    .await?;
    crate::registers::db::search::sync(&mut tx, db.backend(), id).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds an entry to a row's history.
pub async fn add_event(
    db: &Db,
    id: i64,
    entry: &TimelineEntry,
    actor: &Actor,
    now: i64,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let row: Option<(String,)> = sqlx::query_as("SELECT register FROM register_rows WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some((slug,)) = row else {
        return Err(AppError::NotFound);
    };
    let register = Register::from_slug(&slug).ok_or(AppError::NotFound)?;
    sqlx::query(
        "INSERT INTO register_events (row_id, on_date, stage, note, document, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(&entry.date)
    .bind(&entry.stage)
    .bind(&entry.note)
    .bind(&entry.document)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE register_rows SET version = version + 1, updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    record_change(&mut tx, register, id, "update", now).await?;
    audit::record(
        &mut tx,
        actor,
        "register.event",
        &format!("register:{id}"),
        serde_json::json!({ "date": entry.date, "stage": entry.stage, "note": entry.note }),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
/// How many of `rows` would update an existing row (the rest are new).
pub async fn existing_refs(
    db: &Db,
    register: Register,
    rows: &[Fields],
) -> Result<usize, sqlx::Error> {
    let mut n = 0;
    for chunk in rows.chunks(200) {
        let mut q = SqlBuilder::new("SELECT COUNT(*) FROM register_rows WHERE register = ");
        q.bind_text(register.slug()).push(" AND ref_no IN (");
        for (i, fields) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.bind_text(derive(register, fields).ref_no);
        }
        q.push(")");
        let (count,): (i64,) = q.query_as().fetch_one(db.pool()).await?;
        n += count as usize;
    }
    Ok(n)
}
