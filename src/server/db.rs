//! The database handle: one pool over SQLite or PostgreSQL, chosen by URL.
//!
//! Queries are written once, for sqlx's `Any` driver, in the SQL that both
//! engines share (`$1` parameters, `RETURNING`, no engine-only functions).
//! The few places where the engines differ live here, side by side:
//! migrations' DDL tokens, and how a write transaction begins.

use sqlx::{
    any::{AnyConnectOptions, AnyPoolOptions},
    migrate::{Migration, MigrationSource, MigrationType, Migrator},
    Any, AnyPool, ConnectOptions, Executor, Transaction,
};
use std::{borrow::Cow, path::Path, str::FromStr, time::Duration};

/// Which engine a pool talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The engine behind a connection.
    pub fn of(conn: &sqlx::AnyConnection) -> Backend {
        if conn.backend_name().eq_ignore_ascii_case("postgresql") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A cloneable handle on the pool.
#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

/// The migrations, in order. `migrations_are_all_listed` keeps this in step
/// with the folder.
/// Where an engine needs its own DDL (full-text search), a migration has one
/// file per engine, side by side: `NNNN_name.sqlite.sql` and `NNNN_name.postgres.sql`.
enum Sql {
    Portable(&'static str),
    PerEngine {
        sqlite: &'static str,
        postgres: &'static str,
    },
}

const MIGRATIONS: &[(i64, &str, Sql)] = &[
    (
        1,
        "init",
        Sql::Portable(include_str!("../../migrations/0001_init.sql")),
    ),
    (
        2,
        "calendar",
        Sql::Portable(include_str!("../../migrations/0002_calendar.sql")),
    ),
    (
        3,
        "staff",
        Sql::Portable(include_str!("../../migrations/0003_staff.sql")),
    ),
    (
        4,
        "search",
        Sql::PerEngine {
            sqlite: include_str!("../../migrations/0004_search.sqlite.sql"),
            postgres: include_str!("../../migrations/0004_search.postgres.sql"),
        },
    ),
    (
        5,
        "registers",
        Sql::Portable(include_str!("../../migrations/0005_registers.sql")),
    ),
    (
        6,
        "search_meta",
        Sql::PerEngine {
            sqlite: include_str!("../../migrations/0006_search_meta.sqlite.sql"),
            postgres: include_str!("../../migrations/0006_search_meta.postgres.sql"),
        },
    ),
    (
        7,
        "services",
        Sql::Portable(include_str!("../../migrations/0007_services.sql")),
    ),
    (
        8,
        "applications",
        Sql::Portable(include_str!("../../migrations/0008_applications.sql")),
    ),
    (
        9,
        "rate_limits",
        Sql::Portable(include_str!("../../migrations/0009_rate_limits.sql")),
    ),
    (
        10,
        "case_handling",
        Sql::Portable(include_str!("../../migrations/0010_case_handling.sql")),
    ),
    (
        11,
        "feedback_consult",
        Sql::Portable(include_str!("../../migrations/0011_feedback_consult.sql")),
    ),
    (
        12,
        "graphics",
        Sql::Portable(include_str!("../../migrations/0012_graphics.sql")),
    ),
    (
        13,
        "hardening",
        Sql::Portable(include_str!("../../migrations/0013_hardening.sql")),
    ),
    (
        14,
        "page_cache",
        Sql::Portable(include_str!("../../migrations/0014_page_cache.sql")),
    ),
    (
        15,
        "search_estimate",
        Sql::PerEngine {
            sqlite: include_str!("../../migrations/0015_search_estimate.sqlite.sql"),
            postgres: include_str!("../../migrations/0015_search_estimate.postgres.sql"),
        },
    ),
    (
        16,
        "register_grams",
        Sql::PerEngine {
            sqlite: include_str!("../../migrations/0016_register_grams.sqlite.sql"),
            postgres: include_str!("../../migrations/0016_register_grams.postgres.sql"),
        },
    ),
    (
        17,
        "accounts",
        Sql::Portable(include_str!("../../migrations/0017_accounts.sql")),
    ),
    (
        18,
        "topic_editing",
        Sql::Portable(include_str!("../../migrations/0018_topic_editing.sql")),
    ),
    (
        19,
        "page_editing",
        Sql::Portable(include_str!("../../migrations/0019_page_editing.sql")),
    ),
    (
        20,
        "service_editing",
        Sql::Portable(include_str!("../../migrations/0020_service_editing.sql")),
    ),
    (
        21,
        "catalogue_terms",
        Sql::Portable(include_str!("../../migrations/0021_catalogue_terms.sql")),
    ),
    (
        22,
        "case_promise",
        Sql::Portable(include_str!("../../migrations/0022_case_promise.sql")),
    ),
    (
        23,
        "must_change_password",
        Sql::Portable(include_str!(
            "../../migrations/0023_must_change_password.sql"
        )),
    ),
    (
        24,
        "disclosure_requests",
        Sql::Portable(include_str!(
            "../../migrations/0024_disclosure_requests.sql"
        )),
    ),
    (
        25,
        "consultations",
        Sql::Portable(include_str!("../../migrations/0025_consultations.sql")),
    ),
    (
        26,
        "annual_reports",
        Sql::Portable(include_str!("../../migrations/0026_annual_reports.sql")),
    ),
    (
        27,
        "monitor",
        Sql::Portable(include_str!("../../migrations/0027_monitor.sql")),
    ),
    (
        28,
        "archive",
        Sql::Portable(include_str!("../../migrations/0028_archive.sql")),
    ),
    (
        29,
        "import_notes",
        Sql::Portable(include_str!("../../migrations/0029_import_notes.sql")),
    ),
    (
        30,
        "notices",
        Sql::Portable(include_str!("../../migrations/0030_notices.sql")),
    ),
    (
        31,
        "queue_dues",
        Sql::Portable(include_str!("../../migrations/0031_queue_dues.sql")),
    ),
    (
        32,
        "waiting_questions",
        Sql::Portable(include_str!("../../migrations/0032_waiting_questions.sql")),
    ),
    (
        33,
        "alerts",
        Sql::Portable(include_str!("../../migrations/0033_alerts.sql")),
    ),
    (
        34,
        "concerns",
        Sql::Portable(include_str!("../../migrations/0034_concerns.sql")),
    ),
    (
        35,
        "mailbox",
        Sql::Portable(include_str!("../../migrations/0035_mailbox.sql")),
    ),
    (
        36,
        "disclosure_columns",
        Sql::Portable(include_str!("../../migrations/0036_disclosure_columns.sql")),
    ),
];

/// The newest migration this build applies (a backup made by a newer
/// build cannot be restored by this one).
pub fn latest_migration() -> i64 {
    MIGRATIONS.last().map_or(0, |(version, _, _)| *version)
}

impl Db {
    /// Opens a pool for `url`, creating a SQLite file (and its folder) when missing.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            return Err(sqlx::Error::Configuration(
                format!("DATABASE_URL must start with sqlite:// or postgres://, got {url:?}")
                    .into(),
            ));
        };
        let url = match backend {
            Backend::Sqlite => sqlite_url(url)?,
            Backend::Postgres => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url)?
            .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_millis(500));
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(5))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers go on while one writer writes; the busy
                        // timeout makes a second writer wait instead of failing.
                        // Memory-mapped reads share the OS page cache between the
                        // pool's connections instead of copying pages into each
                        // connection's small private cache: index scans run faster.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                             PRAGMA mmap_size = 268435456;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Db { pool, backend })
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies every migration not yet applied. On PostgreSQL an advisory lock
    /// keeps several app servers starting at once from racing.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        let migrator = Migrator::new(Templated(self.backend)).await?;
        migrator.run(&self.pool).await
    }

    /// Begins a transaction that will write. On SQLite it takes the write lock
    /// at once (`BEGIN IMMEDIATE`): a deferred transaction that upgrades later
    /// fails with SQLITE_BUSY straight away, ignoring the busy timeout.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// Begins a read-only transaction that sees one snapshot of the
    /// database however long it runs, while writers go on: on PostgreSQL
    /// REPEATABLE READ; on SQLite (WAL) any read transaction does, from its
    /// first read.
    pub async fn begin_snapshot(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN DEFERRED").await,
            Backend::Postgres => {
                self.pool
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await
            }
        }
    }

    /// A cheap round trip, for health checks.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }
}

/// A value bound to a dynamically built query.
#[derive(Debug, Clone)]
pub enum Arg {
    Int(i64),
    Text(String),
}

/// Builds SQL whose conditions depend on the request, numbering `$n`
/// placeholders as it goes (sqlx's own builder writes `?` for the Any driver,
/// which PostgreSQL does not understand).
#[derive(Debug, Clone, Default)]
pub struct SqlBuilder {
    text: String,
    args: Vec<Arg>,
}

impl SqlBuilder {
    pub fn new(sql: &str) -> Self {
        SqlBuilder {
            text: sql.to_owned(),
            args: Vec::new(),
        }
    }

    /// Appends literal SQL.
    pub fn push(&mut self, sql: &str) -> &mut Self {
        self.text.push_str(sql);
        self
    }

    /// Appends a placeholder for `arg`.
    pub fn bind(&mut self, arg: Arg) -> &mut Self {
        self.args.push(arg);
        self.text.push('$');
        self.text.push_str(&self.args.len().to_string());
        self
    }

    pub fn bind_int(&mut self, value: i64) -> &mut Self {
        self.bind(Arg::Int(value))
    }

    pub fn bind_text(&mut self, value: impl Into<String>) -> &mut Self {
        self.bind(Arg::Text(value.into()))
    }

    /// Encloses the SQL so far (`SELECT COUNT(*) FROM (` … `) AS c`); its
    /// placeholders keep their numbers.
    pub fn wrap(&mut self, before: &str, after: &str) -> &mut Self {
        self.text = format!("{before}{}{after}", self.text);
        self
    }

    pub fn sql(&self) -> &str {
        &self.text
    }

    /// Appends ` AND` the condition that `due_column` (a `YYYY-MM-DD` due
    /// date) is in `light` under `bounds`.
    pub fn push_light(
        &mut self,
        due_column: &str,
        light: crate::clock::Light,
        bounds: crate::clock::LightBounds,
    ) -> &mut Self {
        use crate::clock::Light;
        let (red_before, yellow_until) = (
            bounds.red_before.to_string(),
            bounds.yellow_until.to_string(),
        );
        match light {
            Light::Red => self
                .push(&format!(" AND {due_column} < "))
                .bind_text(red_before),
            Light::Yellow => self
                .push(&format!(" AND {due_column} >= "))
                .bind_text(red_before)
                .push(&format!(" AND {due_column} <= "))
                .bind_text(yellow_until),
            Light::Green => self
                .push(&format!(" AND {due_column} > "))
                .bind_text(yellow_until),
        }
    }

    /// Appends `, red, yellow`: two sums counting the rows (where `open`, an
    /// SQL condition, holds) whose `due_column` is red, and yellow.
    pub fn push_light_counts(
        &mut self,
        due_column: &str,
        open: &str,
        bounds: crate::clock::LightBounds,
    ) -> &mut Self {
        let (red_before, yellow_until) = (
            bounds.red_before.to_string(),
            bounds.yellow_until.to_string(),
        );
        self.push(&format!(
            ", COALESCE(SUM(CASE WHEN {open} AND {due_column} < "
        ))
        .bind_text(red_before.clone())
        .push(&format!(
            " THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN {open} AND {due_column} >= "
        ))
        .bind_text(red_before)
        .push(&format!(" AND {due_column} <= "))
        .bind_text(yellow_until)
        .push(" THEN 1 ELSE 0 END), 0)")
    }

    /// The placeholder of the argument bound last (`$3`), to use it again.
    pub fn last_placeholder(&self) -> String {
        format!("${}", self.args.len())
    }

    /// The arguments, for `sqlx::query_with`.
    pub fn arguments(&self) -> sqlx::any::AnyArguments<'_> {
        use sqlx::Arguments;
        let mut args = sqlx::any::AnyArguments::default();
        for arg in &self.args {
            // Adding an i64 or &str to Any's arguments cannot fail.
            let _ = match arg {
                Arg::Int(v) => args.add(*v),
                Arg::Text(v) => args.add(v.as_str()),
            };
        }
        args
    }

    /// The query, with every argument bound.
    pub fn query_as<'q, T>(
        &'q self,
    ) -> sqlx::query::QueryAs<'q, Any, T, sqlx::any::AnyArguments<'q>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        let mut q = sqlx::query_as(&self.text);
        for arg in &self.args {
            q = match arg {
                Arg::Int(v) => q.bind(*v),
                Arg::Text(v) => q.bind(v.as_str()),
            };
        }
        q
    }
}

/// Makes sure a SQLite URL creates its file, and that the file's folder exists.
fn sqlite_url(url: &str) -> Result<String, sqlx::Error> {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path != ":memory:" && !path.is_empty() {
        if let Some(dir) = Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).map_err(|e| {
                sqlx::Error::Configuration(format!("cannot create {}: {e}", dir.display()).into())
            })?;
        }
    }
    let query = if query.contains("mode=") {
        query.to_owned()
    } else if query.is_empty() {
        "mode=rwc".to_owned()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok(format!("sqlite://{path}?{query}"))
}

/// The migration files with their few engine-specific tokens filled in:
/// `{{ID}}` an auto-assigned 64-bit key that is never reused,
/// `{{BLOB}}` a byte string.
#[derive(Debug)]
struct Templated(Backend);

impl Templated {
    fn fill(&self, sql: &str) -> String {
        let (id, blob) = match self.0 {
            Backend::Sqlite => ("INTEGER PRIMARY KEY AUTOINCREMENT", "BLOB"),
            Backend::Postgres => (
                "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
                "BYTEA",
            ),
        };
        sql.replace("{{ID}}", id).replace("{{BLOB}}", blob)
    }
}

impl MigrationSource<'static> for Templated {
    fn resolve(
        self,
    ) -> std::pin::Pin<
        Box<
            dyn std::future::Future<Output = Result<Vec<Migration>, sqlx::error::BoxDynError>>
                + Send,
        >,
    > {
        let migrations = MIGRATIONS
            .iter()
            .map(|(version, name, sql)| {
                let sql = match (sql, self.0) {
                    (Sql::Portable(s), _) => s,
                    (Sql::PerEngine { sqlite, .. }, Backend::Sqlite) => sqlite,
                    (Sql::PerEngine { postgres, .. }, Backend::Postgres) => postgres,
                };
                Migration::new(
                    *version,
                    Cow::Borrowed(*name),
                    MigrationType::Simple,
                    Cow::Owned(self.fill(sql)),
                    false,
                )
            })
            .collect();
        Box::pin(async move { Ok(migrations) })
    }
}

/// Stores an enum as its text on either engine: the enum's `as_str` is
/// written, and its `FromStr` reads it back (a value it does not know is a
/// decoding error, not a silent default).
#[macro_export]
macro_rules! text_column {
    ($t:ty) => {
        impl sqlx::Type<sqlx::Any> for $t {
            fn type_info() -> sqlx::any::AnyTypeInfo {
                <String as sqlx::Type<sqlx::Any>>::type_info()
            }

            fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
                <String as sqlx::Type<sqlx::Any>>::compatible(ty)
            }
        }

        impl<'r> sqlx::Decode<'r, sqlx::Any> for $t {
            fn decode(value: sqlx::any::AnyValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <String as sqlx::Decode<'r, sqlx::Any>>::decode(value)?;
                Ok(text.parse::<$t>()?)
            }
        }

        impl<'q> sqlx::Encode<'q, sqlx::Any> for $t {
            fn encode_by_ref(
                &self,
                buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<'q, sqlx::Any>>::encode(self.as_str(), buf)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_all_listed() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .expect("migrations folder")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        files.sort();
        let mut listed: Vec<String> = MIGRATIONS
            .iter()
            .flat_map(|(v, name, sql)| match sql {
                Sql::Portable(_) => vec![format!("{v:04}_{name}.sql")],
                Sql::PerEngine { .. } => vec![
                    format!("{v:04}_{name}.postgres.sql"),
                    format!("{v:04}_{name}.sqlite.sql"),
                ],
            })
            .collect();
        listed.sort();
        assert_eq!(files, listed);
    }

    #[test]
    fn sqlite_urls_create_their_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("nested/db.sqlite");
        let url = sqlite_url(&format!("sqlite://{}", path.display())).expect("url");
        assert!(url.ends_with("?mode=rwc"));
        assert!(path.parent().expect("parent").exists());
        assert_eq!(
            sqlite_url("sqlite::memory:").expect("url"),
            "sqlite://:memory:?mode=rwc"
        );
    }

    #[test]
    fn builder_numbers_placeholders() {
        let mut b = SqlBuilder::new("SELECT 1 WHERE a = ");
        b.bind_int(1).push(" AND b = ").bind_text("x");
        assert_eq!(b.sql(), "SELECT 1 WHERE a = $1 AND b = $2");
    }

    #[test]
    fn templates_differ_per_engine() {
        let sql = "CREATE TABLE t (id {{ID}}, b {{BLOB}})";
        assert!(Templated(Backend::Sqlite)
            .fill(sql)
            .contains("AUTOINCREMENT"));
        assert!(Templated(Backend::Postgres).fill(sql).contains("IDENTITY"));
    }
}
