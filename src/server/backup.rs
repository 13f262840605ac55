//! `gongkai backup PATH` and `gongkai restore PATH`: a consistent copy of
//! the whole portal (every upload lives in the database, so the database is
//! the site) and putting one back.
//!
//! - SQLite: `VACUUM INTO` writes a consistent, compacted copy while the
//!   portal keeps serving. A restore checks the copy (integrity, a schema
//!   this build knows), then replaces the database file in one rename. It
//!   refuses while a portal has the database open: `serve` holds a shared
//!   lock on `<database>.lock` for as long as it runs.
//! - PostgreSQL: `pg_dump` writes a plain SQL dump (no owners or grants, so
//!   it loads into another cluster); a restore runs it with `psql` in one
//!   transaction after emptying the `public` schema, so a failed restore
//!   leaves the database as it was. Stop the app servers first.
//!
//! After a restore the next start applies any migrations newer than the copy.

use crate::server::db::{Backend, Db};
use sqlx::{any::AnyConnectOptions, ConnectOptions, Connection};
use std::path::{Path, PathBuf};
use std::str::FromStr;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The file a `sqlite:` URL names, or None for an in-memory database.
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split_once('?').map_or(rest, |(p, _)| p);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// The lock file beside a SQLite database.
fn lock_path(db_file: &Path) -> PathBuf {
    let mut name = db_file.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Held by a serving portal for as long as it runs: a restore cannot
/// replace the database under it. Several portals may hold it at once.
pub struct InUse(#[expect(dead_code, reason = "held for its lock")] std::fs::File);

/// Marks the SQLite database of `url` as in use (nothing for PostgreSQL or
/// an in-memory database).
pub fn mark_in_use(url: &str) -> Result<Option<InUse>> {
    let Some(file) = sqlite_file(url) else {
        return Ok(None);
    };
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(&file))?;
    lock.lock_shared()?;
    Ok(Some(InUse(lock)))
}

/// Writes a consistent copy of the database to `dest`, which must not
/// exist yet. Returns its size in bytes.
pub async fn backup(db: &Db, url: &str, dest: &Path) -> Result<u64> {
    if dest.exists() {
        return Err(format!(
            "{} 已存在：请指定一个新文件，备份不会覆盖已有文件",
            dest.display()
        )
        .into());
    }
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            return Err(format!("目录 {} 不存在", dir.display()).into());
        }
    }
    match db.backend() {
        Backend::Sqlite => {
            let target = dest.to_str().ok_or("备份文件的路径须为 UTF-8 文本")?;
            sqlx::query("VACUUM INTO $1")
                .bind(target)
                .execute(db.pool())
                .await?;
            // The copy must open and check clean before it is called a backup.
            check_sqlite_copy(dest).await?;
        }
        Backend::Postgres => {
            let out = std::process::Command::new("pg_dump")
                .args(["--format=plain", "--no-owner", "--no-privileges", "--file"])
                .arg(dest)
                .arg(url)
                .output()
                .map_err(|e| format!("无法运行 pg_dump（{e}）：请安装 PostgreSQL 客户端（Debian：postgresql-client）"))?;
            if !out.status.success() {
                let _ = std::fs::remove_file(dest);
                return Err(format!(
                    "pg_dump 失败：{}",
                    String::from_utf8_lossy(&out.stderr).trim()
                )
                .into());
            }
        }
    }
    Ok(std::fs::metadata(dest)?.len())
}

/// The newest migration this build knows.
fn known_schema() -> i64 {
    crate::server::db::latest_migration()
}

/// Opens a SQLite copy read-only and checks it: intact, and made by a
/// Gongkai whose schema this build knows. Returns the copy's schema version.
async fn check_sqlite_copy(path: &Path) -> Result<i64> {
    let url = format!("sqlite://{}?mode=ro", path.display());
    let mut conn = AnyConnectOptions::from_str(&url)?.connect().await?;
    let (check,): (String,) = sqlx::query_as("PRAGMA quick_check")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| format!("{} 不是可用的 SQLite 数据库（{e}）", path.display()))?;
    if check != "ok" {
        return Err(format!("{} 已损坏：{check}", path.display()).into());
    }
    let version: (Option<i64>,) = sqlx::query_as("SELECT MAX(version) FROM _sqlx_migrations")
        .fetch_one(&mut conn)
        .await
        .map_err(|_| format!("{} 不是本门户的数据库备份", path.display()))?;
    conn.close().await?;
    let version = version.0.unwrap_or(0);
    if version > known_schema() {
        return Err(format!(
            "备份来自更新的版本（数据库结构第 {version} 版，本程序只认识到第 {} 版）：请用新版本恢复",
            known_schema()
        )
        .into());
    }
    Ok(version)
}

/// Puts the backup at `src` in place of the database of `url`. Nothing
/// may have the database open (see the module's header).
pub async fn restore(url: &str, src: &Path) -> Result<()> {
    if !src.is_file() {
        return Err(format!("备份文件 {} 不存在", src.display()).into());
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return restore_postgres(url, src);
    }
    let target = sqlite_file(url).ok_or("内存数据库无法恢复")?;
    check_sqlite_copy(src).await?;
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(&target))?;
    if lock.try_lock().is_err() {
        return Err("门户正在使用这个数据库：请先停止门户，再恢复".into());
    }
    // Copy beside the target, flush it, then swap it in with one rename,
    // so a crash leaves either the old database or the whole new one.
    let mut staging = target.as_os_str().to_owned();
    staging.push(".restoring");
    let staging = PathBuf::from(staging);
    std::fs::copy(src, &staging)?;
    std::fs::File::open(&staging)?.sync_all()?;
    std::fs::rename(&staging, &target)?;
    // The old database's journal would be read as the new one's.
    for suffix in ["-wal", "-shm"] {
        let mut side = target.as_os_str().to_owned();
        side.push(suffix);
        match std::fs::remove_file(PathBuf::from(side)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)?.sync_all()?;
    }
    drop(lock);
    Ok(())
}

fn restore_postgres(url: &str, src: &Path) -> Result<()> {
    let out = std::process::Command::new("psql")
        .args([
            "--no-psqlrc",
            "--quiet",
            "--single-transaction",
            "--set",
            "ON_ERROR_STOP=1",
        ])
        .args([
            "--command",
            "DROP SCHEMA public CASCADE; CREATE SCHEMA public;",
        ])
        .arg("--file")
        .arg(src)
        .arg(url)
        .output()
        .map_err(|e| {
            format!("无法运行 psql（{e}）：请安装 PostgreSQL 客户端（Debian：postgresql-client）")
        })?;
    if !out.status.success() {
        return Err(format!(
            "恢复失败，数据库未作改动：{}",
            String::from_utf8_lossy(&out.stderr).trim()
        )
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sqlite_urls_name_a_file() {
        assert_eq!(
            sqlite_file("sqlite://data/gongkai.db?mode=rwc"),
            Some(PathBuf::from("data/gongkai.db"))
        );
        assert_eq!(
            sqlite_file("sqlite:/tmp/x.db"),
            Some(PathBuf::from("/tmp/x.db"))
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(
            sqlite_file("postgres://postgres@127.0.0.1:5432/gongkai"),
            None
        );
        assert!(mark_in_use("postgres://postgres@127.0.0.1:5432/gongkai")
            .expect("nothing to lock")
            .is_none());
    }
}
