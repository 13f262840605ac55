//! Test harness: the real router on port 0 over a fresh, migrated database —
//! a SQLite file in a temp folder, or a new database on the PostgreSQL server.

#![allow(dead_code)]

use gongkai::server::{config::Settings, db::Db, leptos_options, router::router, state::AppState};
use std::sync::atomic::{AtomicU32, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub state: AppState,
    pub client: reqwest::Client,
    _dir: Option<tempfile::TempDir>,
}

/// The PostgreSQL server to make test databases on.
pub fn pg_admin_url() -> String {
    std::env::var("GONGKAI_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A fresh, migrated, empty database.
pub async fn fresh_db(engine: Engine) -> (Db, Option<tempfile::TempDir>) {
    let (url, dir) = fresh_db_url(engine).await;
    let db = Db::connect(&url).await.expect("open the test database");
    db.migrate().await.expect("migrate");
    (db, dir)
}

/// The URL of a new, empty database (not yet migrated), and the folder
/// that holds it on SQLite.
pub async fn fresh_db_url(engine: Engine) -> (String, Option<tempfile::TempDir>) {
    match engine {
        Engine::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}/test.db", dir.path().display());
            (url, Some(dir))
        }
        Engine::Postgres => {
            let admin_url = pg_admin_url();
            let name = format!(
                "gk_test_{}_{}_{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::SeqCst),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.subsec_nanos())
                    .unwrap_or(0)
            );
            let admin = Db::connect(&admin_url).await.expect(
                "PostgreSQL must be running at 127.0.0.1:5432 (.ci/run starts it; see README)",
            );
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(admin.pool())
                .await
                .expect("create test database");
            admin.pool().close().await;
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b)
                .unwrap_or(&admin_url);
            (format!("{base}/{name}"), None)
        }
    }
}

/// Starts the real router on port 0; `demo` loads the demo data first.
pub async fn spawn_app(engine: Engine, demo: bool) -> TestApp {
    spawn_app_with(engine, demo, |_| {}).await
}

/// [`spawn_app`] with settings changed by `configure`.
pub async fn spawn_app_with(
    engine: Engine,
    demo: bool,
    configure: impl FnOnce(&mut Settings),
) -> TestApp {
    let (db, dir) = fresh_db(engine).await;
    if demo {
        gongkai::demo::load_if_empty(&db).await.expect("demo data");
    }
    let mut settings = Settings::for_tests("unused://");
    configure(&mut settings);
    let options = leptos_options(&settings);
    let state = AppState::new(settings, options, db.clone())
        .await
        .expect("state");
    serve(state, db, dir).await
}

/// The real router over `db` as it is (not emptied, not migrated again).
pub async fn spawn_on(db: Db) -> TestApp {
    let settings = Settings::for_tests("unused://");
    let options = leptos_options(&settings);
    let state = AppState::new(settings, options, db.clone())
        .await
        .expect("state");
    serve(state, db, None).await
}

async fn serve(state: AppState, db: Db, dir: Option<tempfile::TempDir>) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = router(state.clone());
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .expect("serve");
    });
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    TestApp {
        base: format!("http://{addr}"),
        db,
        state,
        client,
        _dir: dir,
    }
}

/// Another app server over `app`'s database (as several servers share one
/// PostgreSQL), following the content version as `serve` does.
pub async fn second_server(app: &TestApp) -> TestApp {
    let settings = Settings::for_tests("unused://");
    let options = leptos_options(&settings);
    let state = AppState::new(settings, options, app.db.clone())
        .await
        .expect("state");
    gongkai::server::cache::watch(state.clone());
    serve(state, app.db.clone(), None).await
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    /// GET and return status and body.
    pub async fn page(&self, path: &str) -> (u16, String) {
        let res = self.get(path).await;
        let status = res.status().as_u16();
        (status, res.text().await.expect("body"))
    }
}

/// Runs each named `async fn(Engine)` once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::common::Engine::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name($crate::common::Engine::Postgres).await
                }
            }
        )*
    };
}

/// A 1×1 PNG.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0,
    1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0x0D, 0x49, 0x44, 0x41, 0x54,
    0x78, 0x9C, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0D, 0x0A, 0x2D, 0xB4, 0, 0, 0, 0, 0x49, 0x45, 0x4E,
    0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// The password test accounts get.
pub const TEST_PASSWORD: &str = "Ceshi-Mima-2026";

impl TestApp {
    /// Creates an account with `roles` (password [`TEST_PASSWORD`]).
    pub async fn create_user(
        &self,
        username: &str,
        roles: &[gongkai::account::types::Role],
    ) -> i64 {
        let hash = gongkai::account::password::hash(TEST_PASSWORD).expect("hash");
        let mut conn = self.db.pool().acquire().await.expect("conn");
        gongkai::account::db::create_user(
            &mut conn,
            username,
            &format!("测试{username}"),
            &hash,
            roles,
            1_700_000_000,
        )
        .await
        .expect("create user")
        .expect("new username")
    }

    /// Signs in through the form; returns the session cookie (`gk_session=…`) or the refusal's status.
    pub async fn login(&self, username: &str, password: &str) -> Result<String, u16> {
        let res = self
            .client
            .post(self.url("/staff/login"))
            .form(&[
                ("username", username),
                ("password", password),
                ("next", "/staff"),
            ])
            .send()
            .await
            .expect("login");
        if res.status() != 303 {
            return Err(res.status().as_u16());
        }
        let cookie = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("gk_session="))
            .expect("a session cookie");
        Ok(cookie.split(';').next().unwrap_or_default().to_owned())
    }

    /// Signs in to an account an administrator made (or reset) with
    /// password `given`, and replaces it with `own` as the portal asks
    /// first; returns the session cookie that follows.
    pub async fn first_sign_in(&self, username: &str, given: &str, own: &str) -> String {
        let first = self.login(username, given).await.expect("signs in");
        let res = self
            .post_form(
                "/staff/password",
                &first,
                &[("current", given), ("new", own), ("confirm", own)],
            )
            .await;
        assert_eq!(res.status(), 303, "password changed");
        res.headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("gk_session="))
            .and_then(|v| v.split(';').next())
            .expect("a new session")
            .to_owned()
    }

    /// A user with `roles`, signed in; returns the cookie.
    pub async fn staff(&self, username: &str, roles: &[gongkai::account::types::Role]) -> String {
        self.create_user(username, roles).await;
        self.login(username, TEST_PASSWORD)
            .await
            .expect("signed in")
    }

    /// GET as a signed-in user.
    pub async fn get_as(&self, path: &str, cookie: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("cookie", cookie)
            .send()
            .await
            .expect("request")
    }

    /// GET a page as a signed-in user: status and body.
    pub async fn page_as(&self, path: &str, cookie: &str) -> (u16, String) {
        let res = self.get_as(path, cookie).await;
        let status = res.status().as_u16();
        (status, res.text().await.expect("body"))
    }

    /// Asks a question about no service through the public form (not to be
    /// published), contacted at `contact`; returns its number and query code.
    pub async fn ask_question(
        &self,
        topic: &str,
        question: &str,
        contact: &str,
    ) -> (String, String) {
        let res = self
            .client
            .post(self.url("/consult/ask"))
            .form(&[
                ("service", ""),
                ("topic", topic),
                ("question", question),
                ("asker", "测试"),
                ("contact", contact),
                ("allow_public", "no"),
            ])
            .send()
            .await
            .expect("ask");
        assert_eq!(res.status(), 303, "asked");
        let location = res.headers()["location"]
            .to_str()
            .expect("location")
            .to_owned();
        let param = |key: &str| {
            location
                .split(['?', '&'])
                .find_map(|p| p.strip_prefix(&format!("{key}=")))
                .unwrap_or_default()
                .to_owned()
        };
        (param("number"), param("code"))
    }

    /// The revision of item `id` waiting for review (what the review form names).
    pub async fn pending_revision(&self, id: i64) -> String {
        let (rev,): (Option<i64>,) =
            sqlx::query_as("SELECT pending_revision_id FROM articles WHERE id = $1")
                .bind(id)
                .fetch_one(self.db.pool())
                .await
                .expect("article");
        rev.map(|r| r.to_string()).unwrap_or_default()
    }

    /// POST a urlencoded form as a signed-in user.
    pub async fn post_form(
        &self,
        path: &str,
        cookie: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("cookie", cookie)
            .form(form)
            .send()
            .await
            .expect("request")
    }
}

/// The editor's form for a notice titled `title`, posted with `action`.
pub fn article_form(title: &str, body: &str, action: &str) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new()
        .text("kind", "notice")
        .text("title", title.to_owned())
        .text("summary", "摘要")
        .text("body_md", body.to_owned())
        .text("publisher", "办公室")
        .text("topic", "general")
        .text("validity", "valid")
        .text("disclosure", "active")
        .text("note", "测试")
        .text("action", action.to_owned())
}

/// POST a multipart form as a signed-in user.
pub async fn post_multipart(
    app: &TestApp,
    path: &str,
    cookie: &str,
    form: reqwest::multipart::Form,
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("cookie", cookie)
        .multipart(form)
        .send()
        .await
        .expect("post")
}

/// Creates a notice through the editor and submits it; returns its id.
pub async fn submit_new(app: &TestApp, cookie: &str, title: &str, body: &str) -> i64 {
    submit_new_of(app, cookie, "notice", title, body).await
}

/// Creates an item of kind `kind` (its slug) through the editor and
/// submits it; returns its id.
pub async fn submit_new_of(
    app: &TestApp,
    cookie: &str,
    kind: &str,
    title: &str,
    body: &str,
) -> i64 {
    submit_form(app, cookie, kind, article_form(title, body, "submit")).await
}

/// Posts `form` (an [`article_form`] with `submit`, perhaps with more
/// fields) as a new item of kind `kind`; returns its id.
pub async fn submit_form(
    app: &TestApp,
    cookie: &str,
    kind: &str,
    form: reqwest::multipart::Form,
) -> i64 {
    let res = post_multipart(app, &format!("/disclosure/{kind}/new"), cookie, form).await;
    assert_eq!(
        res.status(),
        303,
        "{}",
        res.text().await.unwrap_or_default()
    );
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(location.ends_with("/edit?notice=submitted"), "{location}");
    location
        .trim_start_matches("/articles/")
        .split('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id")
}

/// Approves item `id`'s pending revision for publication now.
pub async fn approve(app: &TestApp, cookie: &str, id: i64) -> reqwest::Response {
    app.post_form(
        &format!("/articles/{id}/review"),
        cookie,
        &[
            ("revision", &app.pending_revision(id).await),
            ("decision", "approve"),
            ("opinion", "经保密审查，同意公开"),
            ("disclosure", "active"),
            ("publish", "now"),
        ],
    )
    .await
}
