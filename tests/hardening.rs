//! What probing the running portal found, kept closed, on both databases:
//! hostile input on every public route and form (a Chinese 4xx, never a
//! 5xx, the server healthy after), unknown hosts, query-code guessing per
//! number, parallel password guessing, case work in the audit chain with
//! names only on the public timeline, a natural person's licence masked,
//! hot words that need many searchers and an administrator, CSV exports
//! that cannot carry formulas.
#![cfg(feature = "ssr")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed test is a panic"
)]

use crate::common::{spawn_app, spawn_app_with, Engine, TestApp, TEST_PASSWORD};
use gongkai::account::types::Role;

on_both_engines!(
    hostile_input_gets_a_chinese_4xx_and_the_server_stays_healthy,
    unknown_hosts_are_refused,
    query_codes_are_guarded_per_number,
    parallel_wrong_passwords_check_at_most_five,
    sign_ins_are_throttled_per_address,
    a_new_sign_in_ends_the_old_session,
    case_work_is_audited_and_timelines_show_names_only,
    a_natural_persons_licence_is_masked,
    hot_words_need_many_searchers_and_approval,
    csv_exports_neutralise_formulas,
    a_unique_violation_is_a_conflict_not_a_failure,
);

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Path segments an attacker tries where an id, a code or a slug goes.
const SEGMENTS: &[&str] = &[
    "%00",
    "a%00b",
    "%FF%FE",
    "%E6%94",
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "..%5C..%5Cwindows",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "'%20OR%201%3D1--",
    "99999999999999999999999999",
    "-1",
    "0",
    "%1B%5B31m",
];

/// Query values tried on every filter and search.
const VALUES: &[&str] = &[
    "%00",
    "a%00b",
    "%FF",
    "%C0%AF",
    "%0B",
    "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "'%3B%20DROP%20TABLE%20articles%3B--",
    "%25%25%25_",
    "-99999999999999999999",
    "99999999999999999999",
    "1e309",
];

/// Values that are never valid anywhere: the answer must be a 4xx.
fn always_bad(v: &str) -> bool {
    ["%00", "%FF", "%C0", "%0B", "%E6%94", "%1B"]
        .iter()
        .any(|b| v.contains(b))
}

async fn expect_refused_or_fine(app: &TestApp, res: reqwest::Response, what: &str, bad: bool) {
    let status = res.status().as_u16();
    let body = res.text().await.unwrap_or_default();
    assert!(status < 500, "{what}: {status} {body:.300}");
    if bad {
        assert!(
            (400..500).contains(&status),
            "{what}: {status}, expected 4xx"
        );
    }
    if (400..500).contains(&status) {
        assert!(
            has_chinese(&body),
            "{what}: {status} answered without Chinese: {body:.300}"
        );
    }
    let _ = app;
}

async fn hostile_input_gets_a_chinese_4xx_and_the_server_stays_healthy(engine: Engine) {
    let app = spawn_app(engine, true).await;
    // Every route with a path parameter.
    let templates = [
        "/articles/{}",
        "/articles/{}/edit",
        "/disclosure/{}",
        "/registers/{}",
        "/registers/licences/{}",
        "/credit/{}",
        "/api/open/{}",
        "/services/{}",
        "/services/{}/form",
        "/services/{}/flow/flow.svg",
        "/consult/{}",
        "/graphics/{}",
        "/graphics/{}/share.png",
        "/topics/{}",
        "/feed/{}",
        "/sitemap/{}",
        "/attachments/{}",
        "/staff/cases/{}",
        "/consultations/{}",
        "/staff/consultations/{}",
        "/staff/consultations/{}/comments.csv",
    ];
    for t in templates {
        for seg in SEGMENTS {
            let path = t.replace("{}", seg);
            let res = app.get(&path).await;
            expect_refused_or_fine(&app, res, &path, always_bad(seg)).await;
        }
    }
    // Every filter, search and lookup, each value in each parameter, and
    // the parameters repeated.
    let queries = [
        "/search?q={}",
        "/search?q=%E5%87%BA%E7%89%88&kind={}&year={}&page={}&sort={}",
        "/disclosure/policy?year={}&topic={}&validity={}&before={}&after={}&subtype={}",
        "/registers/penalties?q={}&page={}&year={}",
        "/registers/licences?q={}&status={}",
        "/credit?q={}",
        "/services?theme={}&who={}&q={}",
        "/consult?q={}&service={}&page={}",
        "/track?number={}&code={}",
        "/consult/lookup?number={}&code={}",
        "/disclosure/request?q={}&full={}",
        "/disclosure/request/lookup?number={}&code={}",
        "/disclosure/request/files/{}?number={}&code={}",
        "/api/lookup_request?number={}&code={}",
        "/api/find_public_matches?words={}",
        "/api/track_application?number={}&code={}",
        "/api/lookup_question?number={}&code={}",
        "/api/get_graphic?id={}",
        "/api/search_suggest?q={}",
        "/articles?before={}&after={}",
    ];
    for t in queries {
        for v in VALUES {
            let path = t.replace("{}", v);
            let res = app.get(&path).await;
            expect_refused_or_fine(&app, res, &path, always_bad(v)).await;
        }
    }
    let long = "政".repeat(2_500);
    for path in [
        format!("/search?q={long}"),
        format!("/registers/penalties?q={long}"),
        format!("/consult?q={long}"),
        format!("/track?number={long}&code={long}"),
    ] {
        let res = app.get(&path).await;
        expect_refused_or_fine(&app, res, "a 7.5 KB query", false).await;
    }
    let res = app.get("/search?q=a&q=b&q=c&page=1&page=2").await;
    expect_refused_or_fine(&app, res, "repeated parameters", false).await;

    // Forms: control characters, broken UTF-8, wrong or missing content
    // types, empty and oversized bodies.
    let forms = [
        "/staff/login",
        "/consult/ask",
        "/disclosure/request",
        "/disclosure/request/lookup?number=YS1&code=1",
        "/prefs/elder",
        "/services/350000-XW-XK-001/apply",
        "/track?number=XW1&code=1",
        "/consultations/1",
    ];
    let bodies: &[(&str, &[u8], bool)] = &[
        ("application/x-www-form-urlencoded", b"username=%00&password=%00", true),
        ("application/x-www-form-urlencoded", b"topic=a%00b&question=x", true),
        ("application/x-www-form-urlencoded", b"asker=%FF%FE&x=1", true),
        ("application/x-www-form-urlencoded", b"on=\xff\xfe", true),
        ("application/x-www-form-urlencoded", b"", false),
        ("application/x-www-form-urlencoded", b"a=1&a=2&a=3", false),
        ("text/plain", b"username=x", false),
        ("application/json", b"{\"username\":\"\\u0000\"}", false),
        ("application/xml", b"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", false),
    ];
    for path in forms {
        for (ctype, body, bad) in bodies {
            let res = app
                .client
                .post(app.url(path))
                .header("content-type", *ctype)
                .body(body.to_vec())
                .send()
                .await
                .expect("post");
            expect_refused_or_fine(&app, res, &format!("POST {path} {ctype}"), *bad).await;
        }
        let res = app.client.post(app.url(path)).send().await.expect("post");
        expect_refused_or_fine(&app, res, &format!("POST {path} without a body"), false).await;
    }
    // An oversized form is refused from its declared length, before a byte
    // of it is read: the client sends the head only and reads the answer
    // (sending the body too would race the server closing the connection).
    let head = oversized_post(&app, "/consult/ask", 6 * 1024 * 1024).await;
    assert!(
        head.starts_with("HTTP/1.1 413"),
        "an oversized form: {head}"
    );
    assert!(
        head.to_ascii_lowercase()
            .contains("\r\nconnection: close\r\n"),
        "an unread body closes the connection, and the answer says so: {head}"
    );
    assert!(has_chinese(&head));
    // A multipart form with a NUL in a text field and in a file name.
    let res = app
        .client
        .post(app.url("/services/350000-XW-XK-001/apply"))
        .send()
        .await
        .expect("start");
    let draft = res.headers()["location"]
        .to_str()
        .unwrap_or_default()
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned();
    for form in [
        reqwest::multipart::Form::new()
            .text("action", "next")
            .text("org_name", "福州\u{0}公司"),
        reqwest::multipart::Form::new().text("action", "next").part(
            "licence_copy",
            reqwest::multipart::Part::bytes(b"%PDF-1.4".to_vec()).file_name("a\u{0}.pdf"),
        ),
    ] {
        let res = app
            .client
            .post(app.url(&format!("{draft}?step=1")))
            .multipart(form)
            .send()
            .await
            .expect("post");
        expect_refused_or_fine(&app, res, "multipart with a NUL", true).await;
    }
    // The requests PostgreSQL answered 500 to before: a path with a NUL names
    // nothing (404), a query or form value with one is bad input (400).
    for path in [
        "/services/%00",
        "/consult/%00",
        "/topics/%00",
        "/articles/1%00",
    ] {
        assert_eq!(app.get(path).await.status(), 404, "{path}");
    }
    for path in [
        "/registers/penalties?q=%00",
        "/registers/penalties?q=a%00b",
        "/consult?q=%00",
        "/track?number=%00&code=%00",
        "/consult/lookup?number=%00&code=%00",
        "/disclosure/request/lookup?number=%00&code=%00",
        "/credit?q=a%00b",
        "/search?q=%00",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 400, "{path}");
        assert!(res
            .text()
            .await
            .unwrap_or_default()
            .contains("无法识别的字符"));
    }
    // The staff sign-in form on PostgreSQL answered 500 to NULs before.
    let res = app
        .client
        .post(app.url("/staff/login"))
        .form(&[("username", "\u{0}"), ("password", "\u{0}")])
        .send()
        .await
        .expect("login");
    assert_eq!(res.status(), 400);
    // The search log never saw a control character.
    app.state
        .search_log
        .flush(&app.db)
        .await
        .expect("flush the search log");
    let logged: Vec<(String,)> = sqlx::query_as("SELECT q FROM search_queries")
        .fetch_all(app.db.pool())
        .await
        .expect("log");
    assert!(logged
        .iter()
        .all(|(q,)| gongkai::server::input::clean_text(q)));
    assert_eq!(app.get("/healthz").await.status(), 200, "still healthy");
    assert_eq!(app.page("/").await.0, 200);
}

async fn unknown_hosts_are_refused(engine: Engine) {
    let app = spawn_app(engine, true).await;
    for path in ["/sitemap.xml", "/feed.xml", "/", "/articles/1"] {
        let res = app
            .client
            .get(app.url(path))
            .header("host", "evil.example")
            .send()
            .await
            .expect("get");
        assert_eq!(res.status(), 400, "{path} for evil.example");
        let body = res.text().await.unwrap_or_default();
        assert!(!body.contains("evil.example") && has_chinese(&body));
    }
    // The health check answers load balancers whatever they call the host.
    let res = app
        .client
        .get(app.url("/healthz"))
        .header("host", "10.0.0.5:3000")
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 200);
    // localhost and the listen address are fine without settings.
    let (status, sitemap) = app.page("/sitemap.xml").await;
    assert_eq!(status, 200);
    assert!(sitemap.contains("http://127.0.0.1:"));

    // With a public URL: only its host (and the allowed ones), and HSTS over HTTPS.
    let app = spawn_app_with(engine, false, |s| {
        s.public_url = Some("https://gdj.example.gov.cn".to_owned());
        s.allowed_hosts = vec!["127.0.0.1".to_owned()];
    })
    .await;
    let res = app
        .client
        .get(app.url("/"))
        .header("host", "gdj.example.gov.cn")
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["strict-transport-security"],
        "max-age=31536000"
    );
    let res = app
        .client
        .get(app.url("/"))
        .header("host", "localhost")
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 400, "localhost is not named");
}

async fn a_case(app: &TestApp) -> (String, String) {
    sqlx::query_as(
        "SELECT number, query_code FROM applications WHERE number IS NOT NULL AND query_code IS NOT NULL \
         ORDER BY id LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("a demo case")
}

async fn query_codes_are_guarded_per_number(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (number, code) = a_case(&app).await;
    let track = |n: &str, c: &str| format!("/track?number={n}&code={c}");
    let res = app.get(&track(&number, &code)).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let res = app.get("/services/350000-XW-XK-001/apply").await;
    assert_eq!(
        res.headers()["cache-control"],
        "no-store",
        "application pages are never cached"
    );
    // Five wrong codes, from any number of addresses…
    for wrong in ["000000", "111111", "222222", "333333", "444444"] {
        let (status, page) = app.page(&track(&number, wrong)).await;
        assert_eq!(status, 400);
        assert!(page.contains("受理编号或查询码不正确"));
    }
    // …and the number answers "not found" even to its right code, for an hour.
    let (status, page) = app.page(&track(&number, &code)).await;
    assert_eq!(status, 400);
    assert!(page.contains("受理编号或查询码不正确"));
    let res = app
        .client
        .post(app.url(&track(&number, &code)))
        .form(&[("score", "5"), ("comment", "")])
        .send()
        .await
        .expect("rate");
    assert_eq!(res.status(), 404, "rating is closed to it as well");
    // Other numbers are untouched.
    let (other, other_code): (String, String) = sqlx::query_as(
        "SELECT number, query_code FROM applications WHERE number IS NOT NULL AND number <> $1 \
         AND query_code IS NOT NULL ORDER BY id LIMIT 1",
    )
    .bind(&number)
    .fetch_one(app.db.pool())
    .await
    .expect("another case");
    assert_eq!(app.page(&track(&other, &other_code)).await.0, 200);
    // Consultations too.
    let (zx, zx_code): (String, String) =
        sqlx::query_as("SELECT number, query_code FROM consultations ORDER BY id LIMIT 1")
            .fetch_one(app.db.pool())
            .await
            .expect("a demo question");
    let lookup = |c: &str| format!("/consult/lookup?number={zx}&code={c}");
    assert_eq!(
        app.get(&lookup(&zx_code)).await.headers()["cache-control"],
        "no-store"
    );
    for wrong in ["000000", "111111", "222222", "333333", "444444"] {
        assert_eq!(app.page(&lookup(wrong)).await.0, 400);
    }
    assert_eq!(
        app.page(&lookup(&zx_code)).await.0,
        400,
        "closed for an hour"
    );
}

async fn parallel_wrong_passwords_check_at_most_five(engine: Engine) {
    let app = spawn_app(engine, false).await;
    app.create_user("shenhe", &[Role::Reviewer]).await;
    let attempts = (0..40).map(|i| {
        let app = &app;
        async move { app.login("shenhe", &format!("wrong-password-{i}")).await }
    });
    let results = futures::future::join_all(attempts).await;
    assert!(results.iter().all(|r| *r == Err(400)));
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT action, detail FROM audit_log ORDER BY seq")
            .fetch_all(app.db.pool())
            .await
            .expect("audit");
    let checked = rows
        .iter()
        .filter(|(a, d)| a == "login_failed" && d.contains("wrong password"))
        .count();
    assert_eq!(checked, 5, "exactly five passwords were checked");
    assert_eq!(rows.iter().filter(|(a, _)| a == "lockout").count(), 1);
    assert_eq!(
        rows.iter()
            .filter(|(a, d)| a == "login_failed" && d.contains("locked"))
            .count(),
        35
    );
    assert_eq!(
        app.login("shenhe", TEST_PASSWORD).await,
        Err(400),
        "locked, even with the right password"
    );
}

async fn sign_ins_are_throttled_per_address(engine: Engine) {
    let app = spawn_app_with(engine, false, |s| s.submissions_per_hour = 1).await;
    // Ten attempts an hour per address at this setting, whatever the accounts.
    for i in 0..10 {
        assert_eq!(app.login(&format!("nobody{i}"), "x").await, Err(400));
    }
    let res = app
        .client
        .post(app.url("/staff/login"))
        .form(&[("username", "nobody"), ("password", "x")])
        .send()
        .await
        .expect("login");
    assert_eq!(res.status(), 429);
    assert!(has_chinese(&res.text().await.unwrap_or_default()));
}

async fn a_new_sign_in_ends_the_old_session(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let first = app.staff("bianji", &[Role::Editor]).await;
    assert_eq!(app.get_as("/staff", &first).await.status(), 200);
    let res = app
        .client
        .post(app.url("/staff/login"))
        .header("cookie", &first)
        .form(&[
            ("username", "bianji"),
            ("password", TEST_PASSWORD),
            ("next", "/staff"),
        ])
        .send()
        .await
        .expect("login");
    assert_eq!(res.status(), 303);
    let (sessions,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions")
        .fetch_one(app.db.pool())
        .await
        .expect("sessions");
    assert_eq!(sessions, 1, "the old session ended");
    assert_ne!(
        app.get_as("/staff", &first).await.status(),
        200,
        "the old cookie no longer works"
    );
}

async fn case_work_is_audited_and_timelines_show_names_only(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let handler = app.staff("bj2", &[Role::Handler]).await;
    let (number, code): (String, String) = sqlx::query_as(
        "SELECT number, query_code FROM applications WHERE status = 'submitted' AND number IS NOT NULL \
         ORDER BY id LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("a waiting case");
    let res = app
        .post_form(
            &format!("/staff/cases/{number}"),
            &handler,
            &[("action", "accept"), ("opinion", "")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let entries: Vec<(String, String, String)> =
        sqlx::query_as("SELECT action, target, actor_name FROM audit_log ORDER BY seq")
            .fetch_all(app.db.pool())
            .await
            .expect("audit");
    assert!(entries
        .iter()
        .any(|(a, t, who)| a == "case.decision" && t.contains(&number) && who.contains("bj2")));
    // The applicant's timeline names the handler, never the username.
    let (_, page) = app
        .page(&format!("/track?number={number}&code={code}"))
        .await;
    assert!(page.contains("测试bj2"), "the handler's name");
    assert!(
        !page.contains("（bj2）") && !page.contains("banjian"),
        "no usernames"
    );
    // Reading an applicant's file is recorded too.
    let file: Option<(String, String)> = sqlx::query_as(
        "SELECT a.number, f.field FROM application_files f JOIN applications a ON a.id = f.application_id \
         ORDER BY f.id LIMIT 1",
    )
    .fetch_optional(app.db.pool())
    .await
    .expect("files");
    if let Some((n, field)) = file {
        let res = app
            .get_as(&format!("/staff/cases/{n}/files/{field}"), &handler)
            .await;
        assert_eq!(res.status(), 200);
        let (reads,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'case.file_read' AND target = $1",
        )
        .bind(format!("办件 {n}"))
        .fetch_one(app.db.pool())
        .await
        .expect("audit");
        assert_eq!(reads, 1);
    }
    gongkai::account::cli::verify_audit(&app.db)
        .await
        .expect("the chain is intact");
}

async fn a_natural_persons_licence_is_masked(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let handler = app.staff("bj3", &[Role::Handler]).await;
    let answers = serde_json::json!({
        "author": "林晓明",
        "id_number": "350102199001011238",
        "phone": "13905912345",
        "work_title": "闽江夜色",
        "work_kind": "摄影作品",
        "completed_on": "2026-05-20",
    })
    .to_string();
    let now = gongkai::ui::format::now();
    sqlx::query(
        "INSERT INTO applications (service_code, token, number, query_code, status, answers, applicant, \
         created_at, updated_at, submitted_at, submitted_on) \
         VALUES ($1, $2, $3, $4, 'submitted', $5, $6, $7, $7, $7, $8)",
    )
    .bind("350000-XW-GG-006")
    .bind("person-test-token")
    .bind("XW2099")
    .bind("123456")
    .bind(&answers)
    .bind("林晓明")
    .bind(now)
    .bind(app.state.today().to_string())
    .execute(app.db.pool())
    .await
    .expect("a natural person's application");
    for form in [
        vec![("action", "accept"), ("opinion", "")],
        vec![
            ("action", "grant"),
            ("opinion", ""),
            ("cert_no", "闽作登字-2099-F-001"),
        ],
    ] {
        let res = app.post_form("/staff/cases/XW2099", &handler, &form).await;
        assert_eq!(
            res.status(),
            303,
            "{}",
            res.text().await.unwrap_or_default()
        );
    }
    let (id, fields): (i64, String) = sqlx::query_as(
        "SELECT r.id, r.fields FROM register_rows r JOIN applications a ON a.licence_row = r.id \
         WHERE a.number = 'XW2099'",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("the licence row");
    let fields: serde_json::Value = serde_json::from_str(&fields).expect("fields");
    assert_eq!(fields["party_kind"], "自然人");
    assert_eq!(fields["party"], "林晓明", "staff keep the original");
    let (status, page) = app.page(&format!("/registers/licences/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        !page.contains("林晓明"),
        "a natural person's name is masked"
    );
    assert!(page.contains("林**"));
    assert!(!page.contains("350102199001011238"));
}

async fn hot_words_need_many_searchers_and_approval(engine: Engine) {
    let app = spawn_app_with(engine, false, |s| {
        s.client_ip_header = Some("x-real-ip".to_owned());
    })
    .await;
    let search = |word: &'static str, from: String| {
        let app = &app;
        async move {
            app.client
                .get(app.url(&format!("/search?q={}", gongkai::ui::url::encode(word))))
                .header("x-real-ip", from)
                .send()
                .await
                .expect("search")
        }
    };
    // One client, many times: never hot.
    for _ in 0..30 {
        search("王某某", "203.0.113.9".to_owned()).await;
    }
    // Ten different clients.
    for i in 0..10 {
        search("农家书屋", format!("203.0.113.{i}")).await;
    }
    app.state
        .search_log
        .flush(&app.db)
        .await
        .expect("flush the search log");
    let (clients,): (i64,) =
        sqlx::query_as("SELECT COUNT(DISTINCT client) FROM search_queries WHERE q = '农家书屋'")
            .fetch_one(app.db.pool())
            .await
            .expect("log");
    assert_eq!(clients, 10);
    let (raw,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM search_queries WHERE client LIKE '203.%'")
            .fetch_one(app.db.pool())
            .await
            .expect("log");
    assert_eq!(raw, 0, "addresses are never stored");
    app.state.reload_hot_words().await.expect("hot");
    assert!(
        app.state.hot_words().is_empty(),
        "new words wait for approval"
    );
    let admin = app.staff("guanli", &[Role::Admin]).await;
    let (_, page) = app.page_as("/staff/search", &admin).await;
    assert!(page.contains("农家书屋（10个访问者）"), "a candidate");
    assert!(
        !page.contains("王某某"),
        "one client's word is no candidate"
    );
    let res = app
        .post_form(
            "/staff/search",
            &admin,
            &[("word", "农家书屋"), ("action", "approve")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(app.state.hot_words().as_slice(), ["农家书屋"]);
    // Pinned only: the approved word goes, the pinned one shows.
    for form in [
        vec![("word", "政务公开"), ("action", "pin")],
        vec![("mode", "pinned"), ("action", "mode")],
    ] {
        let res = app.post_form("/staff/search", &admin, &form).await;
        assert_eq!(res.status(), 303);
    }
    assert_eq!(app.state.hot_words().as_slice(), ["政务公开"]);
    let (changes,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'hot_words_changed'")
            .fetch_one(app.db.pool())
            .await
            .expect("audit");
    assert_eq!(changes, 3, "every change audited");
}

async fn csv_exports_neutralise_formulas(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let res = app
        .post_form(
            "/registers/penalties/new",
            &editor,
            &[
                ("doc_no", "闽新广罚〔2099〕1号"),
                ("case_name", "=HYPERLINK(\"http://evil.example\",\"点击\")"),
                ("party", "@SUM(1+1)*cmd|' /C calc'!A0"),
                ("party_kind", "法人及非法人组织"),
                ("credit_code", "91350102MA2XY01232"),
                ("violation", "+未经许可从事出版物发行"),
                ("facts", "-1+1"),
                ("basis", "《出版管理条例》第六十一条"),
                ("category", "警告"),
                ("content", "警告"),
                ("amount", ""),
                ("decided", "2026-01-05"),
                ("public_until", "2099-01-05"),
                ("authority", "福建省新闻出版广电局"),
            ],
        )
        .await;
    let status = res.status().as_u16();
    let body = res.text().await.unwrap_or_default();
    assert_eq!(status, 303, "{body:.2000}");
    let res = app.get("/api/open/penalties.csv").await;
    assert_eq!(res.status(), 200);
    let csv = res.text().await.unwrap_or_default();
    assert!(csv.contains("'=HYPERLINK("), "{csv:.500}");
    assert!(csv.contains("'@SUM(1+1)"));
    assert!(csv.contains("'+未经许可"));
    for line in csv.lines().skip(1) {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(
                !cell.starts_with(['=', '+', '@']),
                "a live formula in the export: {line}"
            );
        }
    }
}

/// A write refused by a unique key is a conflict (409 with a Chinese
/// message) on both engines, not an internal error; and creating an account
/// whose name is taken says so without breaking the transaction it is in.
async fn a_unique_violation_is_a_conflict_not_a_failure(engine: Engine) {
    use gongkai::error::AppError;
    let app = spawn_app(engine, false).await;
    let mut tx = app.db.begin_write().await.expect("tx");
    let first = gongkai::account::db::create_user(&mut tx, "zhang", "张", "x", &[Role::Editor], 1)
        .await
        .expect("first");
    assert!(first.is_some());
    let again = gongkai::account::db::create_user(&mut tx, "zhang", "张", "x", &[Role::Editor], 1)
        .await
        .expect("a taken name is not an error");
    assert_eq!(again, None);
    // The transaction is still usable after the refused insert.
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users WHERE username = 'zhang'")
        .fetch_one(&mut *tx)
        .await
        .expect("count");
    assert_eq!(n, 1);
    tx.commit().await.expect("commit");
    let mut tx = app.db.begin_write().await.expect("tx");
    let err = sqlx::query(
        "INSERT INTO users (username, display_name, password_hash, roles, created_at, updated_at) \
         VALUES ('zhang', '张', 'x', 'editor', 1, 1)",
    )
    .execute(&mut *tx)
    .await
    .expect_err("a duplicate username");
    assert!(gongkai::error::is_unique_violation(&err), "{err}");
    let app_err = AppError::from(err);
    assert!(matches!(app_err, AppError::Conflict(_)), "{app_err:?}");
    assert_eq!(app_err.status(), 409);
    assert!(has_chinese(&app_err.to_string()));
    let other = sqlx::query("SELECT no_such_column FROM users")
        .execute(&mut *tx)
        .await
        .expect_err("a broken query");
    assert!(!gongkai::error::is_unique_violation(&other));
}

/// Sends only the head of a form post declaring `length` bytes and returns
/// the answer (head and body), without sending a byte of the body.
async fn oversized_post(app: &TestApp, path: &str, length: usize) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let authority = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(authority).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {length}\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    // The head, then as much of the body as it says there is.
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    let read_all = async {
        loop {
            let n = stream.read(&mut buf).await.unwrap();
            answer.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&answer).to_ascii_lowercase();
            let Some(end) = text.find("\r\n\r\n") else {
                assert!(n > 0, "closed before a whole head");
                continue;
            };
            let length = text[..end]
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if n == 0 || answer.len() >= end + 4 + length {
                break;
            }
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(10), read_all)
        .await
        .expect("the server answers without waiting for the body");
    String::from_utf8_lossy(&answer).into_owned()
}
