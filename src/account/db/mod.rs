//! Accounts and sessions. Password hashes and session tokens stay in this
//! module's row types, which are never serialised.

pub mod audit;

use crate::account::types::{Role, StaffUser};
use crate::server::db::Db;
use crate::server::secret::{hex, random_hex};
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

/// An account as stored, secret included.
#[derive(sqlx::FromRow)]
pub struct UserRecord {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub roles: String,
    pub failed_logins: i64,
    pub locked_until: Option<i64>,
    /// When an administrator disabled the account; None while it is in use.
    pub disabled_at: Option<i64>,
    /// 1 while the password is one an administrator set.
    pub must_change_password: i64,
    /// Where the morning digest goes (empty: nowhere).
    pub email: String,
}

impl UserRecord {
    pub fn to_user(&self) -> StaffUser {
        StaffUser {
            id: self.id,
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            roles: parse_roles(&self.roles),
        }
    }
}

impl UserRecord {
    /// The account as the accounts pages show it, its lock judged at `now`.
    pub fn to_account(&self, now: i64) -> crate::account::types::Account {
        use crate::account::types::{Account, AccountStatus};
        let status = if self.disabled_at.is_some() {
            AccountStatus::Disabled
        } else if self.locked_until.is_some_and(|t| t > now) {
            AccountStatus::Locked
        } else {
            AccountStatus::Enabled
        };
        Account {
            id: self.id,
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            roles: parse_roles(&self.roles),
            status,
            email: self.email.clone(),
        }
    }
}

pub fn parse_roles(s: &str) -> Vec<Role> {
    s.split(',').filter_map(Role::parse).collect()
}

pub fn roles_text(roles: &[Role]) -> String {
    roles.iter().map(|r| r.slug()).collect::<Vec<_>>().join(",")
}

const USER_COLUMNS: &str =
    "id, username, display_name, password_hash, roles, failed_logins, locked_until, disabled_at, \
     must_change_password, email";

/// Creates an account; `Ok(None)` when the username is taken.
pub async fn create_user(
    conn: &mut AnyConnection,
    username: &str,
    display_name: &str,
    password_hash: &str,
    roles: &[Role],
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    // ON CONFLICT rather than a look first: two creations at once cannot
    // both pass, and a PostgreSQL transaction is not aborted by the refusal.
    let id: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO users (username, display_name, password_hash, roles, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (username) DO NOTHING RETURNING id",
    )
    .bind(username)
    .bind(display_name)
    .bind(password_hash)
    .bind(roles_text(roles))
    .bind(now)
    .fetch_optional(conn)
    .await?;
    Ok(id.map(|(id,)| id))
}

pub async fn find_by_username(db: &Db, username: &str) -> Result<Option<UserRecord>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE username = $1"
    ))
    .bind(username)
    .fetch_optional(db.pool())
    .await
}

pub async fn find_by_id(db: &Db, id: i64) -> Result<Option<UserRecord>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await
}

/// Every account, by username.
pub async fn list_users(db: &Db) -> Result<Vec<UserRecord>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users ORDER BY username"
    ))
    .fetch_all(db.pool())
    .await
}

/// An account as stored, read inside a write transaction (so a check made
/// on it holds until the transaction commits).
pub async fn find_by_id_in(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<UserRecord>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// How many enabled accounts hold the administrator role, counted inside
/// the caller's write transaction.
pub async fn enabled_admins_in(conn: &mut AnyConnection) -> Result<i64, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT roles FROM users WHERE disabled_at IS NULL")
        .fetch_all(conn)
        .await?;
    let admins = rows
        .iter()
        .filter(|(roles,)| parse_roles(roles).contains(&Role::Admin))
        .count();
    Ok(i64::try_from(admins).unwrap_or(i64::MAX))
}

/// Whether any account exists (the sign-in page explains how to create the
/// first one when none does).
pub async fn any_user(db: &Db) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM users LIMIT 1")
        .fetch_optional(db.pool())
        .await?;
    Ok(row.is_some())
}

/// Sets an account's display name, roles and digest address.
pub async fn update_user(
    conn: &mut AnyConnection,
    id: i64,
    display_name: &str,
    roles: &[Role],
    email: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET display_name = $1, roles = $2, updated_at = $3, email = $5 WHERE id = $4",
    )
    .bind(display_name)
    .bind(roles_text(roles))
    .bind(now)
    .bind(id)
    .bind(email)
    .execute(conn)
    .await?;
    Ok(())
}

/// Disables an account (`Some(now)`), ending every session of it, or
/// enables it again (`None`).
pub async fn set_disabled(
    conn: &mut AnyConnection,
    id: i64,
    disabled_at: Option<i64>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET disabled_at = $1, failed_logins = 0, locked_until = NULL, updated_at = $2 WHERE id = $3")
        .bind(disabled_at)
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if disabled_at.is_some() {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(id)
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// Replaces a password, clears any lock, and ends every session of the
/// account. The password counts as the owner's own (see
/// [`require_password_change`] for one an administrator set).
pub async fn set_password(
    conn: &mut AnyConnection,
    id: i64,
    hash: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = NULL, \
                 must_change_password = 0, updated_at = $2 WHERE id = $3",
    )
    .bind(hash)
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Marks account `id`'s password as one an administrator set: until its
/// owner changes it, signing in leads only to the password page.
pub async fn require_password_change(conn: &mut AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET must_change_password = 1 WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Reserves a sign-in attempt on account `id` before its password is
/// checked, so parallel attempts cannot all be evaluated before a lock
/// takes hold: each attempt counts as a failure until it succeeds
/// ([`clear_failures`]). The attempt that makes `max_failures` locks the
/// account until `now + lock_seconds` at once; a lock that has run out
/// starts the count again. Returns the attempt's number in the row, or None
/// when the account is locked (nothing is counted then).
pub async fn reserve_attempt(
    conn: &mut AnyConnection,
    id: i64,
    now: i64,
    max_failures: i64,
    lock_seconds: i64,
) -> Result<Option<i64>, sqlx::Error> {
    // One statement: the row lock (PostgreSQL) or the write lock (SQLite)
    // orders concurrent attempts, and each sees the count the one before left.
    let row: Option<(i64,)> = sqlx::query_as(
        "UPDATE users SET \
           failed_logins = CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END, \
           locked_until = CASE WHEN (CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END) >= $3 \
                               THEN $4 ELSE NULL END \
         WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2) \
         RETURNING failed_logins",
    )
    .bind(id)
    .bind(now)
    .bind(max_failures)
    .bind(now + lock_seconds)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(n,)| n))
}

pub async fn clear_failures(conn: &mut AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Starts a session with a fresh random token (never one the browser sent
/// before signing in) and returns the token for the cookie.
pub async fn create_session(
    conn: &mut AnyConnection,
    user_id: i64,
    now: i64,
) -> Result<String, sqlx::Error> {
    let token = random_hex(32);
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen) VALUES ($1, $2, $3, $3)",
    )
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(token)
}

/// What a session cookie leads to.
pub enum SessionLookup {
    Valid {
        user: StaffUser,
        last_seen: i64,
        /// The password is one an administrator set: it must be changed first.
        must_change: bool,
    },
    /// Unknown, or past its idle or absolute limit (now deleted).
    Invalid,
}

/// The user behind a token, if the session is alive: used within `idle`
/// seconds and started within `absolute` seconds.
pub async fn session_user(
    db: &Db,
    token: &str,
    now: i64,
    idle: i64,
    absolute: i64,
) -> Result<SessionLookup, sqlx::Error> {
    let hash = token_hash(token);
    let row: Option<(i64, i64, i64)> =
        sqlx::query_as("SELECT user_id, created_at, last_seen FROM sessions WHERE token_hash = $1")
            .bind(&hash)
            .fetch_optional(db.pool())
            .await?;
    let Some((user_id, created_at, last_seen)) = row else {
        return Ok(SessionLookup::Invalid);
    };
    if now - last_seen > idle || now - created_at > absolute {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(&hash)
            .execute(db.pool())
            .await?;
        return Ok(SessionLookup::Invalid);
    }
    match find_by_id(db, user_id).await? {
        // Disabling deletes the sessions; this holds even for one that
        // raced the disabling.
        Some(record) if record.disabled_at.is_some() => Ok(SessionLookup::Invalid),
        Some(record) => Ok(SessionLookup::Valid {
            user: record.to_user(),
            last_seen,
            must_change: record.must_change_password != 0,
        }),
        None => Ok(SessionLookup::Invalid),
    }
}

/// Marks a session as just used.
pub async fn touch_session(db: &Db, token: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET last_seen = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(token_hash(token))
        .execute(db.pool())
        .await?;
    Ok(())
}

pub async fn delete_session(db: &Db, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(db.pool())
        .await?;
    Ok(())
}
