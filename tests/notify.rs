//! Notices over real channels, on both databases: a real SMTP server
//! (Debian's aiosmtpd, started here) and a local HTTP stub for the SMS
//! gateway. Each event sends exactly one notice per channel with its text;
//! an SMS never carries the query code; a failing channel is retried, then
//! marked failed, and the event stands; two senders never send one notice
//! twice; a rolled-back event sends nothing; administrators edit the wording.

use crate::common::{spawn_app_with, Engine, TestApp};
use gongkai::account::types::Role;
use gongkai::notify::channel::Senders;
use gongkai::notify::send::round;
use gongkai::server::config::Settings;
use std::io::BufRead;
use std::sync::{Arc, Mutex};

on_both_engines!(
    each_event_sends_one_notice_with_its_text,
    a_failing_channel_is_retried_then_marked_failed,
    two_senders_never_send_one_notice_twice,
    a_rolled_back_event_sends_nothing,
    administrators_edit_the_wording,
    the_digest_lists_exactly_what_turns_yellow_or_red,
    a_major_concern_tells_editors_and_reviewers_at_once,
    each_step_on_a_letter_tells_its_writer,
);

/// aiosmtpd, listening on a free port, writing what it accepts to a file.
struct SmtpSink {
    child: std::process::Child,
    port: u16,
    out: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl SmtpSink {
    fn start() -> SmtpSink {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("mail.jsonl");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut child = std::process::Command::new("/usr/bin/python3")
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/support/smtp_sink.py"
            ))
            .arg(port.to_string())
            .arg(&out)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3-aiosmtpd (.ci/setup installs it)");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the SMTP sink starts");
        assert_eq!(line.trim(), "ready", "aiosmtpd did not start");
        SmtpSink {
            child,
            port,
            out,
            _dir: dir,
        }
    }

    fn messages(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(&self.out)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The SMS gateway stub: records each request; answers 503 while `busy`.
#[derive(Clone, Default)]
struct SmsStub {
    got: Arc<Mutex<Vec<String>>>,
    busy: Arc<std::sync::atomic::AtomicBool>,
}

impl SmsStub {
    async fn start() -> (SmsStub, String) {
        use axum::extract::{RawQuery, State};
        let stub = SmsStub::default();
        let app = axum::Router::new()
            .route(
                "/send",
                axum::routing::post(
                    |State(s): State<SmsStub>, RawQuery(q): RawQuery| async move {
                        if s.busy.load(std::sync::atomic::Ordering::SeqCst) {
                            return (axum::http::StatusCode::SERVICE_UNAVAILABLE, "busy");
                        }
                        s.got.lock().expect("lock").push(q.unwrap_or_default());
                        (axum::http::StatusCode::OK, "{\"result\":\"OK\"}")
                    },
                ),
            )
            .with_state(stub.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        (stub, format!("http://{addr}"))
    }

    /// Each text sent, as (mobile, text).
    fn texts(&self) -> Vec<(String, String)> {
        self.got
            .lock()
            .expect("lock")
            .iter()
            .map(|q| {
                let pairs: std::collections::HashMap<String, String> =
                    form_urlencoded::parse(q.as_bytes()).into_owned().collect();
                assert_eq!(pairs.get("key").map(String::as_str), Some("k-123"));
                (
                    pairs.get("mobile").cloned().unwrap_or_default(),
                    pairs.get("text").cloned().unwrap_or_default(),
                )
            })
            .collect()
    }
}

fn configure(s: &mut Settings, smtp_port: u16, sms_base: &str) {
    // Plain http: the test client keeps the session cookie (over https it is Secure).
    s.public_url = Some("http://gdj.example.gov.cn".to_owned());
    s.allowed_hosts = vec!["127.0.0.1".to_owned()];
    s.smtp_host = Some("127.0.0.1".to_owned());
    s.smtp_port = Some(smtp_port);
    s.smtp_tls = "none".to_owned();
    s.smtp_from = Some("福建省新闻出版广电局 <noreply@example.gov.cn>".to_owned());
    s.sms_url = Some(format!(
        "{sms_base}/send?mobile={{mobile}}&text={{text}}&key={{key}}"
    ));
    s.sms_key = Some(gongkai::server::config::Secret("k-123".to_owned()));
    s.sms_ok = Some("OK".to_owned());
}

struct Setup {
    app: TestApp,
    smtp: SmtpSink,
    sms: SmsStub,
    senders: Senders,
}

async fn setup(engine: Engine, demo: bool) -> Setup {
    let smtp = SmtpSink::start();
    let (sms, base) = SmsStub::start().await;
    let port = smtp.port;
    let app = spawn_app_with(engine, demo, |s| configure(s, port, &base)).await;
    let senders = Senders::from_settings(&app.state.settings).expect("channels");
    Setup {
        app,
        smtp,
        sms,
        senders,
    }
}

impl Setup {
    /// One sender round now; how many were sent.
    async fn send(&self) -> usize {
        round(
            &self.app.db,
            &self.senders,
            "test-worker",
            gongkai::ui::format::now(),
        )
        .await
        .expect("round")
    }

    async fn notices(&self, subject: &str) -> Vec<(String, String, String, String)> {
        sqlx::query_as(
            "SELECT event, channel, recipient, status FROM notices WHERE subject = $1 ORDER BY id",
        )
        .bind(subject)
        .fetch_all(self.app.db.pool())
        .await
        .expect("notices")
    }
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql)
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    n
}

async fn each_event_sends_one_notice_with_its_text(engine: Engine) {
    let t = setup(engine, true).await;
    let app = &t.app;

    // An application: submitted → one SMS to the phone it gave, with the
    // number and a link, never the query code.
    let path = crate::services::start(app).await;
    let receipt = crate::services::complete(app, &path).await;
    let number = crate::services::receipt_value(&receipt, "受理编号");
    let code = crate::services::receipt_value(&receipt, "查询码");
    assert_eq!(
        t.notices(&number).await,
        vec![(
            "case.submitted".to_owned(),
            "sms".to_owned(),
            "13905910000".to_owned(),
            "pending".to_owned()
        )]
    );
    assert_eq!(t.send().await, 1);
    assert_eq!(t.send().await, 0, "sent once");
    let texts = t.sms.texts();
    assert_eq!(texts.len(), 1);
    let (mobile, text) = &texts[0];
    assert_eq!(mobile, "13905910000");
    assert!(text.starts_with("【福建省新闻出版广电局】"), "{text}");
    assert!(text.contains(&number), "{text}");
    assert!(
        text.contains(&format!("http://gdj.example.gov.cn/track?number={number}")),
        "{text}"
    );
    assert!(!text.contains(&code), "no query code in an SMS: {text}");

    // Each handling step: one notice each, with what to correct.
    let handler = app.staff("banjian-n", &[Role::Handler]).await;
    let case = format!("/staff/cases/{number}");
    let res = app
        .post_form(
            &case,
            &handler,
            &[
                ("action", "correct"),
                ("opinion", "请补交加盖公章的租赁合同"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(t.send().await, 1);
    let texts = t.sms.texts();
    assert!(texts[1].1.contains("需要补正"), "{:?}", texts[1]);
    // The 补正 notice's delivery shows on the tracking page and the staff case.
    let (_, tracked) = app
        .page(&format!("/track?number={number}&code={code}"))
        .await;
    assert!(tracked.contains("通知记录"), "{tracked}");
    assert!(tracked.contains("一次性告知补正：短信"), "{tracked}");
    assert!(tracked.contains("发至 139****0000"), "{tracked}");
    assert!(tracked.contains("已发送 "), "{tracked}");
    assert!(!tracked.contains("13905910000"), "the number is masked");
    let (_, staff_case) = app.page_as(&case, &handler).await;
    assert!(staff_case.contains("一次性告知补正：短信"), "{staff_case}");
    // The link in a notice opens the lookup with the number filled in, no error.
    let (status, link) = app.page(&format!("/track?number={number}")).await;
    assert_eq!(status, 200);
    assert!(link.contains(&format!("value=\"{number}\"")), "{link}");
    assert!(!link.contains("错误"), "{link}");

    // Resubmitted (no notice: the applicant did it), accepted, granted, closed.
    let files: &[(&str, &str, &[u8])] = &[("premises", "盖章合同.pdf", b"%PDF-1.4\n%%EOF\n")];
    let (status, _) = crate::services::post_step(app, &path, 3, "next", &[], files).await;
    assert_eq!(status, 303);
    let res = app
        .client
        .post(app.url(&format!("{path}/submit")))
        .send()
        .await
        .expect("resubmit");
    assert_eq!(res.status(), 303);
    for fields in [
        vec![("action", "accept"), ("opinion", "")],
        vec![
            ("action", "grant"),
            ("opinion", ""),
            ("cert_no", "新出发闽字第T0001号"),
        ],
        vec![("action", "close"), ("opinion", "")],
    ] {
        let res = app.post_form(&case, &handler, &fields).await;
        assert_eq!(res.status(), 303, "{fields:?}");
    }
    assert_eq!(t.send().await, 3);
    let events: Vec<String> = t.notices(&number).await.into_iter().map(|n| n.0).collect();
    assert_eq!(
        events,
        [
            "case.submitted",
            "case.correction",
            "case.accepted",
            "case.granted",
            "case.done"
        ]
    );
    assert!(t
        .notices(&number)
        .await
        .iter()
        .all(|n| n.1 == "sms" && n.3 == "sent"));
    let texts = t.sms.texts();
    assert!(texts[3].1.contains("准予许可"), "{:?}", texts[3]);
    assert!(texts[4].1.contains("办结"), "{:?}", texts[4]);
    assert!(
        t.smtp.messages().is_empty(),
        "the form gave no e-mail address"
    );

    // A consultation answered: one e-mail to the address the asker gave,
    // with the answer and the query code (e-mail may carry it).
    let res = app
        .client
        .post(app.url("/consult/ask"))
        .form(&[
            ("service", "350000-XW-XK-001"),
            ("topic", "换证材料"),
            ("question", "批发许可证到期后换证需要重新提交哪些材料？"),
            ("asker", "测试咨询人"),
            ("contact", "zixun@example.cn"),
            ("allow_public", "no"),
        ])
        .send()
        .await
        .expect("ask");
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let param = |k: &str| {
        location
            .split(['?', '&'])
            .find_map(|p| p.strip_prefix(&format!("{k}=")))
            .unwrap_or_default()
            .to_owned()
    };
    let (q_number, q_code) = (param("number"), param("code"));
    assert!(
        t.notices(&q_number).await.is_empty(),
        "asking sends nothing yet"
    );
    let res = app
        .post_form(
            &format!("/staff/consult/{q_number}"),
            &handler,
            &[
                ("answer", "请提交换证申请表和原许可证正副本。"),
                ("department", "行政审批处"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(t.send().await, 1);
    let mail = t.smtp.messages();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0]["to"], serde_json::json!(["zixun@example.cn"]));
    assert_eq!(mail[0]["from"], "noreply@example.gov.cn");
    assert_eq!(
        mail[0]["subject"],
        format!("您的咨询已答复：换证材料（咨询编号 {q_number}）")
    );
    let body = mail[0]["body"].as_str().unwrap_or_default();
    assert!(
        body.contains("请提交换证申请表和原许可证正副本。"),
        "{body}"
    );
    assert!(body.contains(&q_code), "{body}");
    assert!(body.contains(&format!(
        "http://gdj.example.gov.cn/consult/lookup?number={q_number}"
    )));
    let (_, looked) = app
        .page(&format!("/consult/lookup?number={q_number}&code={q_code}"))
        .await;
    assert!(looked.contains("咨询已答复：电子邮件"), "{looked}");
    assert!(looked.contains("z***@example.cn"), "{looked}");

    // A disclosure request: received and told to correct, each by SMS and e-mail.
    let (r_number, r_code, _) =
        crate::requests::ask(app, "王五", "2025年出版物经营许可证核发名单").await;
    let (status, page) = crate::requests::act(
        app,
        &handler,
        &r_number,
        &[
            ("action", "correct"),
            ("correction", "请写明所需名单的年份和地区。"),
        ],
    )
    .await;
    assert_eq!(status, 303, "{page}");
    assert_eq!(t.send().await, 4);
    let kinds: Vec<(String, String)> = t
        .notices(&r_number)
        .await
        .into_iter()
        .map(|n| (n.0, n.1))
        .collect();
    assert_eq!(kinds.len(), 4);
    assert!(kinds.iter().all(|(e, _)| e == "request.step"));
    let mail = t.smtp.messages();
    assert_eq!(mail.len(), 3);
    let told = mail[2]["body"].as_str().unwrap_or_default();
    assert!(told.contains("请写明所需名单的年份和地区。"), "{told}");
    assert!(told.contains(&r_code), "e-mail carries the code: {told}");
    let sms = t.sms.texts();
    assert_eq!(sms.len(), 7);
    assert!(sms[5..]
        .iter()
        .all(|(m, text)| m == "13912345678" && !text.contains(&r_code)));
    let (_, looked) = app
        .page(&format!(
            "/disclosure/request/lookup?number={r_number}&code={r_code}"
        ))
        .await;
    assert!(looked.contains("依申请公开办理进展：短信"), "{looked}");

    // Every attempt is on record.
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM notice_attempts WHERE ok = 1").await,
        count(app, "SELECT COUNT(*) FROM notices").await
    );
}

async fn a_failing_channel_is_retried_then_marked_failed(engine: Engine) {
    use gongkai::notify::send::{backoff, MAX_ATTEMPTS};
    let t = setup(engine, true).await;
    let app = &t.app;
    let handler = app.staff("banjian-f", &[Role::Handler]).await;
    // Two questions: one to a mailbox the server keeps refusing for now
    // (451), one it refuses for good (550).
    let mut numbers = Vec::new();
    for contact in ["busy@example.cn", "refuse@example.cn"] {
        let (number, _) = app
            .ask_question("退信测试", "测试邮件通道失败时的重试。", contact)
            .await;
        let res = app
            .post_form(
                &format!("/staff/consult/{number}"),
                &handler,
                &[("answer", "答复内容。"), ("department", "办公室")],
            )
            .await;
        // The event stands whatever becomes of its notice.
        assert_eq!(res.status(), 303);
        numbers.push(number);
    }
    let status = |n: &str| {
        let n = n.to_owned();
        async move {
            let (s, a): (String, i64) =
                sqlx::query_as("SELECT status, attempts FROM notices WHERE subject = $1")
                    .bind(&n)
                    .fetch_one(app.db.pool())
                    .await
                    .expect("notice");
            (s, a)
        }
    };
    let mut now = gongkai::ui::format::now();
    assert_eq!(
        round(&app.db, &t.senders, "w", now).await.expect("round"),
        0
    );
    assert_eq!(status(&numbers[0]).await, ("pending".to_owned(), 1));
    assert_eq!(
        status(&numbers[1]).await,
        ("failed".to_owned(), 1),
        "550 is not retried"
    );
    // Not due again before its pause.
    assert_eq!(
        round(&app.db, &t.senders, "w", now + 30)
            .await
            .expect("round"),
        0
    );
    assert_eq!(status(&numbers[0]).await.1, 1);
    for attempt in 1..MAX_ATTEMPTS {
        now += backoff(attempt) + 1;
        round(&app.db, &t.senders, "w", now).await.expect("round");
        assert_eq!(status(&numbers[0]).await.1, attempt + 1);
    }
    assert_eq!(
        status(&numbers[0]).await,
        ("failed".to_owned(), MAX_ATTEMPTS)
    );
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM notice_attempts WHERE ok = 0").await,
        MAX_ATTEMPTS + 1
    );
    let (error,): (String,) = sqlx::query_as("SELECT last_error FROM notices WHERE subject = $1")
        .bind(&numbers[0])
        .fetch_one(app.db.pool())
        .await
        .expect("error");
    assert!(error.contains("451"), "{error}");
    // The answers stand.
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM consultations WHERE answered_on IS NOT NULL AND topic = '退信测试'").await,
        2
    );

    // An SMS gateway that is down is retried too.
    t.sms.busy.store(true, std::sync::atomic::Ordering::SeqCst);
    let path = crate::services::start(app).await;
    let receipt = crate::services::complete(app, &path).await;
    let number = crate::services::receipt_value(&receipt, "受理编号");
    let now = gongkai::ui::format::now();
    assert_eq!(
        round(&app.db, &t.senders, "w", now).await.expect("round"),
        0
    );
    assert_eq!(status(&number).await, ("pending".to_owned(), 1));
    t.sms.busy.store(false, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(
        round(&app.db, &t.senders, "w", now + 61)
            .await
            .expect("round"),
        1
    );
    assert_eq!(status(&number).await, ("sent".to_owned(), 2));

    // Administrators see the failed ones and send one again.
    let admin = app.staff("guanli-f", &[Role::Admin]).await;
    assert_eq!(app.get_as("/staff/notices", &handler).await.status(), 403);
    let (code, page) = app.page_as("/staff/notices?failed=1", &admin).await;
    assert_eq!(code, 200);
    assert!(page.contains("发送失败的通知"), "{page}");
    assert!(page.contains(&numbers[0]) && page.contains(&numbers[1]));
    assert!(page.contains("451"), "the last error is shown: {page}");
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM notices WHERE subject = $1")
        .bind(&numbers[0])
        .fetch_one(app.db.pool())
        .await
        .expect("id");
    let res = app
        .post_form(&format!("/staff/notices/retry/{id}"), &admin, &[])
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(status(&numbers[0]).await, ("pending".to_owned(), 0));
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'notice.retried'"
        )
        .await,
        1
    );
    let res = app
        .post_form(&format!("/staff/notices/retry/{id}"), &admin, &[])
        .await;
    assert_eq!(res.status(), 409, "only a failed notice is sent again");
}

async fn two_senders_never_send_one_notice_twice(engine: Engine) {
    use gongkai::notify::db::{enqueue, Notice};
    use gongkai::notify::{templates::Vars, types::Event, Outbox, Subject};
    let t = setup(engine, false).await;
    let app = &t.app;
    let outbox = Outbox::of(&app.state);
    let mut tx = app.db.begin_write().await.expect("tx");
    let now = gongkai::ui::format::now();
    for i in 0..40 {
        let mobile = format!("139{i:08}");
        let written = enqueue(
            &mut tx,
            &outbox,
            Notice {
                subject: Subject::Case,
                number: &format!("XW{i:06}"),
                event: Event::CaseAccepted,
                contacts: &[mobile.as_str()],
                vars: Vars::default(),
            },
            now,
        )
        .await
        .expect("enqueue");
        assert_eq!(written, 1);
    }
    tx.commit().await.expect("commit");
    // Two app servers' senders, each with its own channels, at once.
    let other = Senders::from_settings(&app.state.settings).expect("channels");
    let (mut a, mut b) = (0, 0);
    for _ in 0..10 {
        let (x, y) = tokio::join!(
            round(&app.db, &t.senders, "server-a", now),
            round(&app.db, &other, "server-b", now)
        );
        a += x.expect("a");
        b += y.expect("b");
    }
    assert_eq!(a + b, 40);
    let mut mobiles: Vec<String> = t.sms.texts().into_iter().map(|(m, _)| m).collect();
    assert_eq!(mobiles.len(), 40, "each notice reached the gateway once");
    mobiles.sort();
    mobiles.dedup();
    assert_eq!(mobiles.len(), 40);
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM notices WHERE status = 'sent'").await,
        40
    );
    assert_eq!(count(app, "SELECT COUNT(*) FROM notice_attempts").await, 40);
    // A claim held by a live lease is not taken; an expired one is.
    let mut tx = app.db.begin_write().await.expect("tx");
    enqueue(
        &mut tx,
        &outbox,
        Notice {
            subject: Subject::Case,
            number: "XW-LEASE",
            event: Event::CaseAccepted,
            contacts: &["13800000000"],
            vars: Vars::default(),
        },
        now,
    )
    .await
    .expect("enqueue");
    tx.commit().await.expect("commit");
    let claimed = gongkai::notify::db::claim(&app.db, "crashed", now, now + 60, 10)
        .await
        .expect("claim");
    assert_eq!(claimed.len(), 1);
    assert_eq!(
        round(&app.db, &t.senders, "server-a", now + 30)
            .await
            .expect("round"),
        0
    );
    assert_eq!(
        round(&app.db, &t.senders, "server-a", now + 61)
            .await
            .expect("round"),
        1
    );
}

async fn a_rolled_back_event_sends_nothing(engine: Engine) {
    use gongkai::notify::db::{enqueue, Notice};
    use gongkai::notify::{templates::Vars, types::Event, Outbox, Subject};
    let t = setup(engine, false).await;
    let app = &t.app;
    let outbox = Outbox::of(&app.state);
    let now = gongkai::ui::format::now();
    let mut tx = app.db.begin_write().await.expect("tx");
    enqueue(
        &mut tx,
        &outbox,
        Notice {
            subject: Subject::Case,
            number: "XW-ROLLBACK",
            event: Event::CaseGranted,
            contacts: &["13800000001", "rollback@example.cn"],
            vars: Vars::default(),
        },
        now,
    )
    .await
    .expect("enqueue");
    tx.rollback().await.expect("rollback");
    assert_eq!(count(app, "SELECT COUNT(*) FROM notices").await, 0);
    assert_eq!(t.send().await, 0);
    assert!(t.sms.texts().is_empty() && t.smtp.messages().is_empty());

    // With no channel configured, an event writes no notice at all.
    let plain = crate::common::spawn_app(engine, true).await;
    let path = crate::services::start(&plain).await;
    let receipt = crate::services::complete(&plain, &path).await;
    let number = crate::services::receipt_value(&receipt, "受理编号");
    assert_eq!(count(&plain, "SELECT COUNT(*) FROM notices").await, 0);
    let code = crate::services::receipt_value(&receipt, "查询码");
    let (_, tracked) = plain
        .page(&format!("/track?number={number}&code={code}"))
        .await;
    assert!(tracked.contains("尚未向您发送短信或邮件通知"), "{tracked}");
}

async fn administrators_edit_the_wording(engine: Engine) {
    let t = setup(engine, true).await;
    let app = &t.app;
    let admin = app.staff("guanli-t", &[Role::Admin]).await;
    let editor = app.staff("bianji-t", &[Role::Editor]).await;
    let path = "/staff/notices/case.submitted/sms";
    assert_eq!(app.get_as(path, &editor).await.status(), 403);
    let res = app
        .post_form(path, &editor, &[("action", "save"), ("body", "x")])
        .await;
    assert_eq!(res.status(), 403);
    let (status, page) = app.page_as(path, &admin).await;
    assert_eq!(status, 200);
    assert!(page.contains("通知模板：申请已提交（短信）"), "{page}");
    assert!(page.contains("{链接}"));

    // An SMS may not carry the query code: refused, with the entry kept.
    let typed = "【测试局】申请{编号}已收到，查询码{查询码}";
    let res = app
        .post_form(path, &admin, &[("action", "save"), ("body", typed)])
        .await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.unwrap_or_default();
    assert!(page.contains("短信不得包含查询码"), "{page}");
    assert!(
        page.contains("申请{编号}已收到，查询码{查询码}"),
        "entry kept: {page}"
    );
    let res = app
        .post_form(
            path,
            &admin,
            &[("action", "save"), ("body", "【测试局】{未知}")],
        )
        .await;
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .unwrap_or_default()
        .contains("没有“{未知}”这个占位符"));

    // Saved: the next notice uses it; audited.
    let res = app
        .post_form(
            path,
            &admin,
            &[
                ("action", "save"),
                ("body", "【测试局】申请{编号}已收到：{链接}"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let start = crate::services::start(app).await;
    let receipt = crate::services::complete(app, &start).await;
    let number = crate::services::receipt_value(&receipt, "受理编号");
    assert_eq!(t.send().await, 1);
    assert_eq!(
        t.sms.texts()[0].1,
        format!("【测试局】申请{number}已收到：http://gdj.example.gov.cn/track?number={number}")
    );
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'notice.template_saved'"
        )
        .await,
        1
    );
    let (_, list) = app.page_as("/staff/notices", &admin).await;
    assert!(list.contains("已修改"), "{list}");
    assert!(list.contains("已开通"), "{list}");

    // Back to the built-in wording.
    let res = app.post_form(path, &admin, &[("action", "reset")]).await;
    assert_eq!(res.status(), 303);
    let start = crate::services::start(app).await;
    crate::services::complete(app, &start).await;
    assert_eq!(t.send().await, 1);
    assert!(t.sms.texts()[1].1.starts_with("【福建省新闻出版广电局】"));
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'notice.template_reset'"
        )
        .await,
        1
    );
}

/// The dashboard's "what turns yellow or red today" panel.
fn due_today(dash: &str) -> &str {
    dash.split("id=\"due-today\"")
        .nth(1)
        .and_then(|p| p.split("</section>").next())
        .unwrap_or_default()
}

async fn the_digest_lists_exactly_what_turns_yellow_or_red(engine: Engine) {
    use gongkai::notify::digest::{run, Ran};
    let t = setup(engine, false).await;
    let app = &t.app;
    let calendar = app.state.calendar();
    // Today, moved to the next working day if it is not one.
    let mut day = app.state.today();
    while !calendar.is_working_day(day) {
        day = day.succ_opt().expect("a next day");
    }
    app.state
        .shift_clock((day - app.state.today()).num_days() * 86_400);
    assert_eq!(app.state.today(), day);

    // Five questions whose answers are due with 3, 2, 1, -1 and -2 working
    // days left today: only 2 (turns yellow) and -1 (turns red) change today.
    let mut by_left = std::collections::BTreeMap::new();
    for left in [3, 2, 1, -1, -2] {
        let (number, _) = app
            .ask_question(
                &format!("剩余{left}天"),
                "测试每日待办提醒。",
                "0591-87654321",
            )
            .await;
        let asked_on = (0..60)
            .map(|back| day - chrono::Days::new(back))
            .find(|d| {
                gongkai::consult::db::answer_clock(&d.to_string(), &calendar, day)
                    .is_some_and(|(_, l)| l == left)
            })
            .expect("a date with that much time left");
        sqlx::query("UPDATE consultations SET asked_on = $1 WHERE number = $2")
            .bind(asked_on.to_string())
            .bind(&number)
            .execute(app.db.pool())
            .await
            .expect("move the question back");
        by_left.insert(left, number);
    }
    // Moved back by hand: their stored due dates follow, as after a calendar change.
    gongkai::consult::db::queue::refresh_dues(&app.db, &calendar)
        .await
        .expect("refresh");

    // Staff: a handler with an address (set by an administrator, checked),
    // an editor with one but nothing due, a handler without one.
    let admin = app.staff("guanli-d", &[Role::Admin]).await;
    app.create_user("banli-d", &[Role::Handler]).await;
    app.create_user("bianji-d", &[Role::Editor]).await;
    app.create_user("banli-quiet", &[Role::Handler]).await;
    let id_of = |name: &'static str| async move {
        let (id,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE username = $1")
            .bind(name)
            .fetch_one(app.db.pool())
            .await
            .expect("user");
        id
    };
    let handler_id = id_of("banli-d").await;
    let handler_role = gongkai::account::admin::role_field(Role::Handler);
    let res = app
        .post_form(
            &format!("/staff/users/{handler_id}"),
            &admin,
            &[
                ("action", "save"),
                ("display_name", "办理员"),
                (handler_role.as_str(), "on"),
                ("email", "not an address"),
            ],
        )
        .await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.unwrap_or_default();
    assert!(page.contains("请填写有效的电子邮箱"), "{page}");
    assert!(page.contains("not an address"), "entry kept");
    let res = app
        .post_form(
            &format!("/staff/users/{handler_id}"),
            &admin,
            &[
                ("action", "save"),
                ("display_name", "办理员"),
                (handler_role.as_str(), "on"),
                ("email", "banli@example.gov.cn"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    sqlx::query("UPDATE users SET email = 'bianji@example.gov.cn' WHERE username = 'bianji-d'")
        .execute(app.db.pool())
        .await
        .expect("editor's address");

    // Not on a day off; once on a working day, across every app server.
    let mut day_off = day;
    while calendar.is_working_day(day_off) {
        day_off = day_off.succ_opt().expect("a next day");
    }
    let now = gongkai::ui::format::now();
    assert_eq!(
        run(&app.state, day_off, now).await.expect("run"),
        Ran::NotWorkingDay
    );
    // A second app server, configured alike, over the same database.
    let settings = (*app.state.settings).clone();
    let options = gongkai::server::leptos_options(&settings);
    let other = gongkai::server::state::AppState::new(settings, options, app.db.clone())
        .await
        .expect("a second server");
    let (a, b) = tokio::join!(run(&app.state, day, now), run(&other, day, now));
    let mut ran = [a.expect("a"), b.expect("b")];
    ran.sort_by_key(|r| format!("{r:?}"));
    assert_eq!(ran, [Ran::AlreadySent, Ran::Sent(1)]);
    assert_eq!(
        run(&app.state, day, now).await.expect("again"),
        Ran::AlreadySent
    );

    assert_eq!(t.send().await, 1);
    let mail = t.smtp.messages();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0]["to"], serde_json::json!(["banli@example.gov.cn"]));
    assert_eq!(
        mail[0]["subject"],
        format!(
            "每日待办提醒（{}）：转为红灯 1 件、黄灯 1 件",
            gongkai::ui::format::date_zh(&day.to_string())
        )
    );
    let body = mail[0]["body"].as_str().unwrap_or_default();
    let (red, yellow) = (&by_left[&-1], &by_left[&2]);
    assert!(
        body.contains(&format!("网上咨询：{red} 剩余-1天")),
        "{body}"
    );
    assert!(
        body.contains(&format!("网上咨询：{yellow} 剩余2天")),
        "{body}"
    );
    assert!(
        body.find("今日转为红灯（") < body.find("今日转为黄灯（"),
        "{body}"
    );
    assert!(
        body.contains(&format!("http://gdj.example.gov.cn/staff/consult/{red}")),
        "{body}"
    );
    for left in [3, 1, -2] {
        assert!(!body.contains(&by_left[&left]), "{left}: {body}");
    }

    // The dashboard shows the same list to each handler, nothing to an editor.
    let handler = app
        .login("banli-quiet", crate::common::TEST_PASSWORD)
        .await
        .expect("signs in");
    let (_, dash) = app.page_as("/staff", &handler).await;
    let panel = due_today(&dash);
    assert!(dash.contains("今日转为黄灯、红灯的事项"), "{dash}");
    assert!(
        panel.contains(red.as_str()) && panel.contains(yellow.as_str()),
        "{panel}"
    );
    assert!(panel.contains("红灯：今日起超期") && panel.contains("黄灯：剩余 2 个工作日"));
    for left in [3, 1, -2] {
        assert!(!panel.contains(by_left[&left].as_str()), "{left}: {panel}");
    }
    let editor = app
        .login("bianji-d", crate::common::TEST_PASSWORD)
        .await
        .expect("signs in");
    let (_, dash) = app.page_as("/staff", &editor).await;
    assert!(dash.contains("今天没有转为黄灯或红灯的事项"), "{dash}");

    // A day when many fall due: the dashboard lists the first 20 (red
    // first) and counts the rest by queue, linking the queue.
    let (asked_on, due_on): (String, String) =
        sqlx::query_as("SELECT asked_on, due_on FROM consultations WHERE number = $1")
            .bind(yellow)
            .fetch_one(app.db.pool())
            .await
            .expect("the yellow one");
    for i in 0..25 {
        sqlx::query(
            "INSERT INTO consultations (number, query_code, service_code, topic, question, asker, \
             contact, allow_public, asked_at, asked_on, due_on) \
             VALUES ($1, '000000', '', $2, '同日到期。', '测试', '', 0, $3, $4, $5)",
        )
        .bind(format!("ZX{}9{i:05}", day.format("%Y%m%d")))
        .bind(format!("同日到期{i}"))
        .bind(now)
        .bind(&asked_on)
        .bind(&due_on)
        .execute(app.db.pool())
        .await
        .expect("a question due the same day");
    }
    let (_, dash) = app.page_as("/staff", &handler).await;
    let panel = due_today(&dash);
    assert_eq!(
        panel.matches("class=\"app-list__item\"").count(),
        20,
        "{panel}"
    );
    assert!(panel.contains(red.as_str()), "red first: {panel}");
    assert!(
        panel.contains("共 27 项，以上是最先到期的 20 项"),
        "{panel}"
    );
    let rest = panel.split("以上是最先到期的").nth(1).unwrap_or_default();
    assert!(
        rest.contains("<a href=\"/staff/consult\">网上咨询</a>") && rest.contains(" 7 项"),
        "{panel}"
    );
}

/// A 重大 public concern's first clock is 5 hours: recording one e-mails
/// every editor and reviewer with an address at once (an ordinary one
/// waits for the morning digest).
async fn a_major_concern_tells_editors_and_reviewers_at_once(engine: Engine) {
    let t = setup(engine, false).await;
    let app = &t.app;
    let editor = app.staff("bianji-m", &[Role::Editor]).await;
    app.create_user("shenhe-m", &[Role::Reviewer]).await;
    app.create_user("banli-m", &[Role::Handler]).await;
    for name in ["bianji-m", "shenhe-m", "banli-m"] {
        sqlx::query("UPDATE users SET email = $1 WHERE username = $2")
            .bind(format!("{name}@example.gov.cn"))
            .bind(name)
            .execute(app.db.pool())
            .await
            .expect("address");
    }
    let noticed = gongkai::ui::format::local_input(app.state.now() - 600);
    let record = |level: &'static str| {
        let noticed = noticed.clone();
        let editor = editor.clone();
        async move {
            let res = app
                .post_form(
                    "/staff/concerns",
                    &editor,
                    &[
                        ("level", level),
                        ("outlet", "本地论坛"),
                        ("noticed", noticed.as_str()),
                        ("summary", "网民反映某印刷厂夜间违规印制非法出版物。"),
                        ("department", "印刷发行处"),
                    ],
                )
                .await;
            assert_eq!(res.status(), 303);
        }
    };
    record("3").await;
    assert_eq!(
        t.send().await,
        0,
        "an ordinary concern waits for the digest"
    );
    // Judged 重大 later: told then.
    let (id,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM concerns")
        .fetch_one(app.db.pool())
        .await
        .expect("the concern");
    let res = app
        .post_form(
            &format!("/staff/concerns/{id}"),
            &editor,
            &[
                ("action", "judge"),
                ("level", "1"),
                (
                    "summary",
                    "网民反映某印刷厂夜间违规印制非法出版物，已有多家媒体转载。",
                ),
                ("department", "印刷发行处"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(t.send().await, 2);
    let raised = t.smtp.messages();
    assert!(
        raised
            .iter()
            .all(|m| m["subject"] == "重大舆情提醒：特别重大（Ⅰ级）舆情（本地论坛）"),
        "{raised:?}"
    );
    record("2").await;
    assert_eq!(t.send().await, 2);
    let mail: Vec<_> = t.smtp.messages().into_iter().skip(2).collect();
    let mut to: Vec<String> = mail
        .iter()
        .map(|m| m["to"][0].as_str().unwrap_or_default().to_owned())
        .collect();
    to.sort();
    assert_eq!(to, ["bianji-m@example.gov.cn", "shenhe-m@example.gov.cn"]);
    assert_eq!(
        mail[0]["subject"],
        "重大舆情提醒：重大（Ⅱ级）舆情（本地论坛）"
    );
    let body = mail[0]["body"].as_str().unwrap_or_default();
    let noticed_at = gongkai::ui::format::parse_local(&noticed).expect("time");
    for text in [
        "网民反映某印刷厂夜间违规印制非法出版物。".to_owned(),
        format!(
            "发布权威信息：{}前",
            gongkai::ui::format::datetime_zh(noticed_at + 5 * 3600)
        ),
        "http://gdj.example.gov.cn/staff".to_owned(),
    ] {
        assert!(body.contains(&text), "{text}: {body}");
    }
}

async fn each_step_on_a_letter_tells_its_writer(engine: Engine) {
    let t = setup(engine, false).await;
    let app = &t.app;
    let handler = app.staff("banli-l", &[Role::Handler]).await;
    let form = reqwest::multipart::Form::new()
        .text("channel", "director")
        .text("subject", "农家书屋开放时间")
        .text("body", "村里的农家书屋经常不开门，希望规定开放时间。")
        .text("writer", "刘女士")
        .text("contact", "liu@example.cn");
    let res = app
        .client
        .post(app.url("/mailbox/write"))
        .multipart(form)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 303);
    let (number, code): (String, String) = sqlx::query_as("SELECT number, query_code FROM letters")
        .fetch_one(app.db.pool())
        .await
        .expect("the letter");
    let res = app
        .post_form(
            &format!("/staff/mailbox/{number}"),
            &handler,
            &[
                ("action", "reply"),
                ("reply_department", "公共服务处"),
                (
                    "reply",
                    "已要求各地农家书屋公示开放时间，每周开放不少于5天。",
                ),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(t.send().await, 2);
    let mail = t.smtp.messages();
    assert!(
        mail.iter().all(|m| m["to"][0] == "liu@example.cn"),
        "{mail:?}"
    );
    assert_eq!(
        mail[0]["subject"],
        format!("来信 {number}：收到来信").as_str()
    );
    assert_eq!(mail[1]["subject"], format!("来信 {number}：答复").as_str());
    let body = mail[1]["body"].as_str().unwrap_or_default();
    for text in [
        "公共服务处答复：已要求各地农家书屋公示开放时间".to_owned(),
        format!("查询码 {code}"),
        "/mailbox/lookup?number=".to_owned(),
    ] {
        assert!(body.contains(&text), "{text}: {body}");
    }
    // The writer sees what was sent on the lookup page.
    let (_, html) = app
        .page(&format!("/mailbox/lookup?number={number}&code={code}"))
        .await;
    assert!(html.contains("来信办理进展"), "{html}");
    assert_eq!(t.notices(&number).await.len(), 2);
}
