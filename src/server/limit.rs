//! Rate limits on public submissions, per client, counted in the database
//! so they hold across several app servers. A client is its address (from
//! the connection, or from the header a reverse proxy sets), kept only as a
//! hash and only for the window counted.

use crate::server::state::AppState;
use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use std::net::SocketAddr;

/// What a limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Starting or submitting an application.
    Submit,
    /// Saving a step of a form, or looking a case up.
    Step,
    /// A staff sign-in attempt (whatever the account): a bureau may sit
    /// behind one address, so ten times the submissions, like steps.
    SignIn,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Submit => "submit",
            Kind::Step => "step",
            Kind::SignIn => "signin",
        }
    }
}

const WINDOW: i64 = 3600;

/// The client a request comes from.
pub fn client(state: &AppState, parts: &Parts) -> String {
    client_of(state, &parts.headers, &parts.extensions)
}

/// The client a request with these headers and extensions comes from.
pub fn client_of(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    extensions: &axum::http::Extensions,
) -> String {
    if let Some(header) = &state.settings.client_ip_header {
        if let Some(v) = headers.get(header.as_str()).and_then(|v| v.to_str().ok()) {
            // A proxy may append: the first address is the client's.
            return v.split(',').next().unwrap_or_default().trim().to_owned();
        }
    }
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

fn bucket(kind: Kind, client: &str) -> String {
    bucket_named(kind.name(), client)
}

fn bucket_named(name: &str, key: &str) -> String {
    // FNV-1a: enough to keep the address itself out of the table.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{name}:{h:016x}")
}

/// Wrong 查询码 for one 受理编号 or 咨询编号 within the hour after which that
/// number answers "not found" to everyone, right code or not: a guesser
/// spread over many addresses (every IPv6 address is a new client) gets no
/// further than one.
pub const WRONG_CODES_PER_NUMBER: i64 = 5;

fn number_bucket(scope: &str, number: &str) -> String {
    bucket_named(&format!("code-{scope}"), number)
}

/// Whether lookups of `number` (`scope`: "case" or "consult") are closed
/// after too many wrong codes in the last hour.
pub async fn number_closed(
    db: &crate::server::db::Db,
    scope: &str,
    number: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM rate_hits WHERE bucket = $1 AND at > $2")
            .bind(number_bucket(scope, number))
            .bind(now - WINDOW)
            .fetch_one(db.pool())
            .await?;
    Ok(count >= WRONG_CODES_PER_NUMBER)
}

/// Counts a wrong code given for `number`.
pub async fn count_wrong_code(
    db: &crate::server::db::Db,
    scope: &str,
    number: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    hit(db, &number_bucket(scope, number), i64::MAX, now).await?;
    Ok(())
}

/// Counts one submission of `kind` by `client`; false when over the limit
/// (then nothing is counted).
pub async fn allow(
    state: &AppState,
    kind: Kind,
    client: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let per_hour = i64::from(state.settings.submissions_per_hour);
    let limit = match kind {
        Kind::Submit => per_hour,
        Kind::Step | Kind::SignIn => per_hour * 10,
    };
    hit(&state.db, &bucket(kind, client), limit, now).await
}

/// Counts a hit in `bucket` unless it already holds `limit` within the
/// window (then false, nothing counted); hits past the window are dropped.
async fn hit(
    db: &crate::server::db::Db,
    bucket: &str,
    limit: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM rate_hits WHERE bucket = $1 AND at <= $2")
        .bind(bucket)
        .bind(now - WINDOW)
        .execute(&mut *tx)
        .await?;
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM rate_hits WHERE bucket = $1")
        .bind(bucket)
        .fetch_one(&mut *tx)
        .await?;
    if count >= limit {
        tx.commit().await?;
        return Ok(false);
    }
    sqlx::query("INSERT INTO rate_hits (bucket, at) VALUES ($1, $2)")
        .bind(bucket)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

/// Counts a public submission of `kind` by the request's client; the
/// answer to send instead when over the limit (or the count failed).
pub async fn within(
    state: &AppState,
    parts: &Parts,
    kind: Kind,
) -> Result<(), axum::response::Response> {
    let who = client(state, parts);
    match allow(state, kind, &who, crate::ui::format::now()).await {
        Ok(true) => Ok(()),
        Ok(false) => Err(too_many()),
        Err(e) => {
            tracing::error!(error = %e, "rate limit not counted");
            Err(crate::server::render::plain_error(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "系统暂时无法处理，请稍后再试。已保存的内容不会丢失。",
            ))
        }
    }
}

/// The answer when a client is over the limit.
pub fn too_many() -> axum::response::Response {
    crate::server::render::plain_error(
        axum::http::StatusCode::TOO_MANY_REQUESTS,
        "提交过于频繁，请一小时后再试。已保存的内容不会丢失；如需帮助请拨打咨询电话。",
    )
}

/// A lookup by number and 查询码 (a question's, a letter's): `scope` names
/// its wrong-code counter, `noun` the number as the form calls it (咨询编号,
/// 信件编号). Built by [`Lookup::open`], which refuses an empty field, a
/// client over its hourly lookups and a number closed after wrong codes;
/// [`Lookup::check`] then compares the code kept with the code given.
pub struct Lookup {
    pub number: String,
    code: String,
    scope: &'static str,
    noun: &'static str,
    now: i64,
}

impl Lookup {
    /// The typed `number` (trimmed, upper case) and `code`, when the
    /// request may look anything up now; `parts` is the request's, when
    /// there is one (a server function called during rendering).
    pub async fn open(
        state: &AppState,
        parts: Option<&Parts>,
        (scope, noun): (&'static str, &'static str),
        number: &str,
        code: &str,
    ) -> Result<Lookup, crate::error::AppError> {
        use crate::error::{AppError, FieldError};
        let lookup = Lookup {
            number: number.trim().to_uppercase(),
            code: code.trim().to_owned(),
            scope,
            noun,
            now: state.now(),
        };
        let mut errors = Vec::new();
        if lookup.number.is_empty() {
            errors.push(FieldError::new("number", format!("请填写{noun}")));
        }
        if lookup.code.is_empty() {
            errors.push(FieldError::new("code", "请填写查询码"));
        }
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        if let Some(parts) = parts {
            if !allow(state, Kind::Step, &client(state, parts), lookup.now).await? {
                return Err(AppError::field("number", "查询过于频繁，请一小时后再试"));
            }
        }
        if number_closed(&state.db, scope, &lookup.number, lookup.now).await? {
            return Err(lookup.wrong());
        }
        Ok(lookup)
    }

    /// The answer to an unknown number and to a wrong code alike.
    pub fn wrong(&self) -> crate::error::AppError {
        crate::error::AppError::field(
            "number",
            format!("{}或查询码不正确，请核对后重新输入", self.noun),
        )
    }

    /// What was `found` under the number, when the code given is its
    /// (`code_of`); nothing found and a wrong code answer alike, and a
    /// wrong code is counted against the number.
    pub async fn check<T>(
        &self,
        state: &AppState,
        found: Option<T>,
        code_of: impl Fn(&T) -> &str,
    ) -> Result<T, crate::error::AppError> {
        let Some(found) = found else {
            return Err(self.wrong());
        };
        if !crate::server::secret::code_matches(Some(code_of(&found)), &self.code) {
            count_wrong_code(&state.db, self.scope, &self.number, self.now).await?;
            return Err(self.wrong());
        }
        Ok(found)
    }
}
