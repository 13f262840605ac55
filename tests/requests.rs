//! 依申请公开 over HTTP, on both databases: asking (after a look at what is
//! public; bad entries kept), the applicant's lookup, each outcome's
//! required fields, the clock with 补正, an extension and a third-party
//! stop, a request going red, the reply and its files reaching the
//! applicant, appeals, audit entries, the rate limit, and nothing about a
//! request in any public channel.
#![cfg(feature = "ssr")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed test is a panic"
)]

use crate::common::{spawn_app, spawn_app_with, Engine, TestApp, PNG};
use gongkai::account::types::Role;
use reqwest::multipart::{Form, Part};

on_both_engines!(
    a_request_is_asked_answered_and_its_files_reach_the_applicant,
    bad_requests_are_refused_with_entries_kept,
    each_outcome_requires_what_the_law_requires,
    the_clock_restarts_after_a_correction_stops_and_extends_once,
    a_request_goes_red_and_shows_on_the_dashboard,
    appeals_are_recorded_for_the_annual_report,
    asking_is_limited_per_client,
    nothing_about_a_request_reaches_a_public_channel,
    a_calendar_change_lists_the_requests_it_moves,
    released_information_becomes_a_draft_item_through_review,
    track_sends_a_request_number_to_its_own_page,
);

const ID_CARD: &str = "350102199001011238";
const WANTED: &str = "2025年出版物经营许可证核发名单（测试申请）";

fn form(fields: &[(&str, &str)], proof: Option<&[u8]>) -> Form {
    let mut f = Form::new();
    for (k, v) in fields {
        f = f.text((*k).to_owned(), (*v).to_owned());
    }
    if let Some(bytes) = proof {
        f = f.part("proof", Part::bytes(bytes.to_vec()).file_name("身份证.png"));
    }
    f
}

fn person<'a>(name: &'a str, description: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("applicant_kind", "person"),
        ("name", name),
        ("id_number", ID_CARD),
        ("phone", "13912345678"),
        ("email", "shenqing@example.cn"),
        ("delivery", "online"),
        ("description", description),
        ("purpose", "了解情况"),
    ]
}

async fn post(app: &TestApp, path: &str, cookie: Option<&str>, f: Form) -> (u16, String) {
    let mut req = app.client.post(app.url(path)).multipart(f);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let res = req.send().await.expect("post");
    let status = res.status().as_u16();
    match res.headers().get("location") {
        Some(l) => (status, l.to_str().unwrap_or_default().to_owned()),
        None => (status, res.text().await.unwrap_or_default()),
    }
}

fn param(location: &str, key: &str) -> String {
    location
        .split(['?', '&'])
        .find_map(|p| p.strip_prefix(&format!("{key}=")))
        .unwrap_or_default()
        .to_owned()
}

/// Asks; returns (number, code, lookup address).
pub(crate) async fn ask(app: &TestApp, name: &str, description: &str) -> (String, String, String) {
    let (status, location) = post(
        app,
        "/disclosure/request",
        None,
        form(&person(name, description), Some(PNG)),
    )
    .await;
    assert_eq!(status, 303, "{location}");
    let (number, code) = (param(&location, "number"), param(&location, "code"));
    assert!(number.starts_with("YS"), "{number}");
    (number, code, location)
}

/// A handler's step on request `number`.
pub(crate) async fn act(
    app: &TestApp,
    cookie: &str,
    number: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    post(
        app,
        &format!("/staff/requests/{number}"),
        Some(cookie),
        form(fields, None),
    )
    .await
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(app.db.pool())
        .await
        .expect("audit");
    n
}

async fn a_request_is_asked_answered_and_its_files_reach_the_applicant(engine: Engine) {
    let app = spawn_app(engine, true).await;
    // First a look at what is public: the demo's plan is found.
    let (status, page) = app.page("/disclosure/request").await;
    assert_eq!(status, 200);
    assert!(page.contains("您想获取什么信息？"), "{page}");
    let (status, page) = app
        .page("/disclosure/request?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80")
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("以下信息已经公开"), "{page}");
    assert!(page.contains("提交申请"));

    let (number, code, location) = ask(&app, "申请测试人", WANTED).await;
    let (status, page) = app.page(&location).await;
    assert_eq!(status, 200);
    assert!(page.contains("申请已提交"), "{page}");
    assert!(page.contains("办理中（剩余 20 个工作日）"), "{page}");
    assert!(page.contains("您的政府信息公开申请已收到"), "{page}");
    assert!(page.contains("计算过程"));
    assert!(
        !page.contains(ID_CARD),
        "the lookup never shows the ID number"
    );
    // A wrong code answers like an unknown number.
    let (status, page) = app
        .page(&format!(
            "/disclosure/request/lookup?number={number}&code=000000"
        ))
        .await;
    assert_eq!(status, 400);
    assert!(page.contains("申请编号或查询码不正确"));

    let handler = app.staff("yishenqing", &[Role::Handler]).await;
    let (status, page) = app.page_as("/staff/requests", &handler).await;
    assert_eq!(status, 200);
    assert!(page.contains(&number), "{page}");
    let (status, page) = app
        .page_as(&format!("/staff/requests/{number}"), &handler)
        .await;
    assert_eq!(status, 200);
    assert!(page.contains(ID_CARD), "staff see the identity");
    assert!(page.contains("作出答复"));
    // Opening the proof is audited.
    let proof = page
        .split(&format!("/staff/requests/{number}/files/"))
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("proof link")
        .to_owned();
    let res = app
        .get_as(&format!("/staff/requests/{number}/files/{proof}"), &handler)
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.expect("bytes").as_ref(), PNG);
    assert_eq!(audit_count(&app, "request.file_read").await, 1);
    // A visitor gets nothing.
    assert_ne!(
        app.get(&format!("/staff/requests/{number}/files/{proof}"))
            .await
            .status(),
        200
    );

    // The reply, with a file.
    let f = form(
        &[
            ("action", "reply"),
            ("outcome", "open"),
            ("reason", "现将该名单以电子文档形式提供给您。"),
            ("fee_method", "pages"),
            ("fee_pages", "35"),
        ],
        None,
    )
    .part("file", Part::bytes(PNG.to_vec()).file_name("名单.png"));
    let (status, location) = post(
        &app,
        &format!("/staff/requests/{number}"),
        Some(&handler),
        f,
    )
    .await;
    assert_eq!(status, 303, "{location}");
    assert_eq!(audit_count(&app, "request.reply").await, 1);

    let lookup = format!("/disclosure/request/lookup?number={number}&code={code}");
    let (_, page) = app.page(&lookup).await;
    assert!(page.contains("已答复（予以公开）"), "{page}");
    assert!(page.contains("政府信息公开申请答复书"));
    assert!(page.contains("申请测试人："));
    assert!(page.contains("行政复议"));
    assert!(page.contains("名单.png"));
    // 35 pages by the page scale: 5 pages at 10 元.
    assert!(page.contains("按量计收信息处理费 50 元"), "{page}");
    let file = page
        .split("/disclosure/request/files/")
        .nth(1)
        .and_then(|s| s.split('?').next())
        .expect("file link")
        .to_owned();
    let res = app
        .get(&format!(
            "/disclosure/request/files/{file}?number={number}&code={code}"
        ))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    assert_eq!(res.bytes().await.expect("bytes").as_ref(), PNG);
    // Never with a wrong code, and never the proof.
    let res = app
        .get(&format!(
            "/disclosure/request/files/{file}?number={number}&code=000000"
        ))
        .await;
    assert_eq!(res.status(), 404);
    let res = app
        .get(&format!(
            "/disclosure/request/files/{proof}?number={number}&code={code}"
        ))
        .await;
    assert_eq!(res.status(), 404);
    // Answered once only.
    let (status, page) = act(
        &app,
        &handler,
        &number,
        &[
            ("action", "reply"),
            ("outcome", "open"),
            ("reason", "再次答复。。。"),
        ],
    )
    .await;
    assert_eq!(status, 409, "{page}");
}

async fn bad_requests_are_refused_with_entries_kept(engine: Engine) {
    let app = spawn_app(engine, false).await;
    // Everything wrong at once, the entries kept.
    let (status, page) = post(
        &app,
        "/disclosure/request",
        None,
        form(
            &[
                ("applicant_kind", "org"),
                ("name", "保留的单位名称"),
                ("id_number", "91350102MA2XY01234"),
                ("phone", "123"),
                ("delivery", "post"),
                ("description", "短"),
            ],
            None,
        ),
    )
    .await;
    assert_eq!(status, 400);
    assert!(page.contains("错误：依申请公开"), "{page}");
    assert!(page.contains("保留的单位名称"));
    for message in [
        "请选择单位类型",
        "统一社会信用代码的校验位不对",
        "联系电话应为",
        "选择邮寄的，请填写邮寄地址",
        "请写明所需政府信息",
        "请上传身份证明",
    ] {
        assert!(page.contains(message), "{message}");
    }
    // A proof that is not an image or PDF, judged by its bytes.
    let (status, page) = post(
        &app,
        "/disclosure/request",
        None,
        form(&person("张三", WANTED), Some(b"MZ\x90\x00 not an image")),
    )
    .await;
    assert_eq!(status, 400);
    assert!(page.contains("不是 PDF、JPEG 或 PNG 文件"), "{page}");
    // A wrong ID card check digit.
    let mut fields = person("张三", WANTED);
    fields[2] = ("id_number", "350102199001011234");
    let (status, page) = post(&app, "/disclosure/request", None, form(&fields, Some(PNG))).await;
    assert_eq!(status, 400);
    assert!(page.contains("身份证号码的校验位不对"), "{page}");
    // Control characters are refused before anything is stored.
    let (status, _) = post(
        &app,
        "/disclosure/request",
        None,
        form(&person("张\u{0}三", WANTED), Some(PNG)),
    )
    .await;
    assert_eq!(status, 400);
    // ... and answered with the page even while a large file is still on
    // its way after the bad field (the rest is read, not cut off).
    let mut big = PNG.to_vec();
    big.resize(6 * 1024 * 1024, 0);
    let (status, page) = post(
        &app,
        "/disclosure/request",
        None,
        form(&person("张\u{0}三", WANTED), Some(&big)),
    )
    .await;
    assert_eq!(status, 400);
    assert!(page.contains("无法识别的字符"), "{page}");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM disclosure_requests")
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    assert_eq!(n, 0);
}

async fn each_outcome_requires_what_the_law_requires(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let (number, code, _) = ask(&app, "李四", WANTED).await;
    let handler = app.staff("banli", &[Role::Handler]).await;
    // A refusal without its legal basis.
    let (status, page) = act(
        &app,
        &handler,
        &number,
        &[
            ("action", "reply"),
            ("outcome", "deny-4"),
            ("reason", "涉及第三方商业秘密，第三方不同意公开。"),
        ],
    )
    .await;
    assert_eq!(status, 400);
    assert!(page.contains("请写明所依据的法律条款"), "{page}");
    assert!(page.contains("涉及第三方商业秘密"), "the entries are kept");
    // Already public: where to find it.
    let (status, page) = act(
        &app,
        &handler,
        &number,
        &[
            ("action", "reply"),
            ("outcome", "open"),
            ("reason", "该信息已在本网站公开。"),
            ("already_public", "yes"),
        ],
    )
    .await;
    assert_eq!(status, 400);
    assert!(page.contains("请写明获取途径"), "{page}");
    // Files only go with information provided.
    let f = form(
        &[
            ("action", "reply"),
            ("outcome", "deny-1"),
            ("reason", "该信息属于国家秘密。"),
            ("basis", "条例第十四条"),
        ],
        None,
    )
    .part("file", Part::bytes(PNG.to_vec()).file_name("x.png"));
    let (status, page) = post(
        &app,
        &format!("/staff/requests/{number}"),
        Some(&handler),
        f,
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        page.contains("只有予以公开或部分公开时才随答复提供文件"),
        "{page}"
    );
    // Not held here: the agency that holds it goes into the letter.
    let (status, _) = act(
        &app,
        &handler,
        &number,
        &[
            ("action", "reply"),
            ("outcome", "unable-1"),
            ("reason", "经检索，本机关未制作或获取该信息。"),
            (
                "basis",
                "《中华人民共和国政府信息公开条例》第三十六条第（五）项",
            ),
            ("other_agency", "某县文化和旅游局"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (_, page) = app
        .page(&format!(
            "/disclosure/request/lookup?number={number}&code={code}"
        ))
        .await;
    assert!(
        page.contains("无法提供：1.本机关不掌握相关政府信息"),
        "{page}"
    );
    assert!(page.contains("负责公开该政府信息的机关为：某县文化和旅游局"));
    let (outcome, basis): (String, String) =
        sqlx::query_as("SELECT outcome, basis FROM disclosure_requests WHERE number = $1")
            .bind(&number)
            .fetch_one(app.db.pool())
            .await
            .expect("row");
    assert_eq!(outcome, "unable-1");
    assert!(basis.contains("第三十六条"));
}

/// The due date the portal shows for `number` on the staff page.
async fn due_of(app: &TestApp, cookie: &str, number: &str) -> Option<String> {
    let (_, page) = app
        .page_as(&format!("/staff/requests/{number}"), cookie)
        .await;
    page.split("答复期限</dt><dd class=\"app-fields__value\">")
        .nth(1)
        .and_then(|s| s.split(['<', '（']).next())
        .map(str::to_owned)
}

async fn the_clock_restarts_after_a_correction_stops_and_extends_once(engine: Engine) {
    use gongkai::requests::rules;
    let app = spawn_app(engine, false).await;
    let (number, code, lookup) = ask(&app, "王五", WANTED).await;
    let handler = app.staff("banli", &[Role::Handler]).await;
    let calendar = app.state.calendar();
    let today = app.state.today();
    let zh = |d: chrono::NaiveDate| gongkai::ui::format::date_zh(&d.to_string());
    let expect = |from: chrono::NaiveDate, stops: &[rules::Stop], ext: u32| {
        let c = rules::clock(&from.to_string(), stops, ext).expect("clock");
        zh(c.reckon(&calendar).expect("reckon").expect("running").due)
    };
    assert_eq!(
        due_of(&app, &handler, &number).await,
        Some(expect(today, &[], 0))
    );

    // 补正: the clock stops until the applicant corrects.
    let (status, page) = act(
        &app,
        &handler,
        &number,
        &[
            ("action", "correct"),
            ("correction", "请写明所需名单的年份和地区。"),
        ],
    )
    .await;
    assert_eq!(status, 303, "{page}");
    let (_, page) = app.page(&lookup.replace("&new=1", "")).await;
    assert!(
        page.contains("待补正（等待申请人补正，暂停计时）"),
        "{page}"
    );
    assert!(page.contains("请写明所需名单的年份和地区"));
    assert!(page.contains("无正当理由逾期不补正的，视为放弃申请"));
    // Asked once only.
    let (status, _) = act(
        &app,
        &handler,
        &number,
        &[("action", "correct"), ("correction", "再次补正")],
    )
    .await;
    assert_eq!(status, 409);
    // The applicant corrects on the lookup page; the clock restarts today.
    let res = app
        .client
        .post(app.url(&format!(
            "/disclosure/request/lookup?number={number}&code={code}"
        )))
        .form(&[("supplement", "")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .unwrap_or_default()
        .contains("请填写补正内容"));
    let res = app
        .client
        .post(app.url(&format!(
            "/disclosure/request/lookup?number={number}&code={code}"
        )))
        .form(&[("supplement", "2025年福州市的出版物批发单位名单")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 303);
    let (_, page) = app
        .page(&format!(
            "/disclosure/request/lookup?number={number}&code={code}"
        ))
        .await;
    assert!(page.contains("已收到您的补正，答复期限自"), "{page}");
    assert!(page.contains("2025年福州市的出版物批发单位名单"));

    // A third party is consulted: stopped, then resumed.
    let (status, _) = act(
        &app,
        &handler,
        &number,
        &[
            ("action", "stop"),
            ("stop_kind", "third_party"),
            ("stop_note", "书面征求某公司意见"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (_, page) = app.page_as("/staff/requests", &handler).await;
    assert!(page.contains("征求第三方意见，第三方应于"), "{page}");
    assert!(page.contains("前提出意见，暂停计时"), "{page}");
    assert_eq!(due_of(&app, &handler, &number).await, None);
    let (status, _) = act(
        &app,
        &handler,
        &number,
        &[("action", "resume"), ("resume_note", "第三方同意公开")],
    )
    .await;
    assert_eq!(status, 303);
    let stop = rules::Stop {
        kind: "third_party".into(),
        from: today.to_string(),
        to: Some(today.to_string()),
        note: String::new(),
    };
    assert_eq!(
        due_of(&app, &handler, &number).await,
        Some(expect(today, std::slice::from_ref(&stop), 0))
    );

    // One extension of at most 20 working days, with who approved it.
    let (status, page) = act(
        &app,
        &handler,
        &number,
        &[
            ("action", "extend"),
            ("days", "25"),
            ("approver", ""),
            ("extend_reason", "需要调取档案"),
        ],
    )
    .await;
    assert_eq!(status, 400);
    assert!(page.contains("延长的期限应为 1 到 20 个工作日"), "{page}");
    assert!(page.contains("请填写同意延期的负责人"));
    let (status, _) = act(
        &app,
        &handler,
        &number,
        &[
            ("action", "extend"),
            ("days", "20"),
            ("approver", "张局长"),
            ("extend_reason", "需要调取档案核对"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(
        due_of(&app, &handler, &number).await,
        Some(expect(today, std::slice::from_ref(&stop), 20))
    );
    let (_, page) = app
        .page(&format!(
            "/disclosure/request/lookup?number={number}&code={code}"
        ))
        .await;
    assert!(page.contains("答复期限延长 20 个工作日"), "{page}");
    assert!(page.contains("已延长 20 个工作日"));
    let (status, page) = act(
        &app,
        &handler,
        &number,
        &[
            ("action", "extend"),
            ("days", "5"),
            ("approver", "张局长"),
            ("extend_reason", "再延"),
        ],
    )
    .await;
    assert_eq!(status, 409);
    assert!(page.contains("答复期限只能延长一次"), "{page}");
    for action in [
        "request.correct",
        "request.stop",
        "request.resume",
        "request.extend",
    ] {
        assert_eq!(audit_count(&app, action).await, 1, "{action}");
    }
    let (detail,): (String,) =
        sqlx::query_as("SELECT detail FROM audit_log WHERE action = 'request.extend'")
            .fetch_one(app.db.pool())
            .await
            .expect("audit");
    assert!(detail.contains("张局长"), "{detail}");
}

async fn a_request_goes_red_and_shows_on_the_dashboard(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let (number, _, _) = ask(&app, "赵六", WANTED).await;
    let handler = app.staff("banli", &[Role::Handler]).await;
    let (_, page) = app.page_as("/staff", &handler).await;
    assert!(page.contains("待答复的政府信息公开申请"), "{page}");
    assert!(page.contains(&number));
    // Six weeks on, the reply is overdue.
    app.state.shift_clock(42 * 86_400);
    let (_, page) = app.page_as("/staff/requests", &handler).await;
    assert!(page.contains("app-urgency--red"), "{page}");
    assert!(page.contains("红灯：超期"), "{page}");
    // Past the 7 working days, a correction can no longer be asked.
    let (status, page) = act(
        &app,
        &handler,
        &number,
        &[("action", "correct"), ("correction", "补正内容")],
    )
    .await;
    assert_eq!(status, 409);
    assert!(page.contains("7 个工作日内"), "{page}");
}

async fn appeals_are_recorded_for_the_annual_report(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let (number, _, _) = ask(&app, "钱七", WANTED).await;
    let handler = app.staff("banli", &[Role::Handler]).await;
    let (status, _) = act(
        &app,
        &handler,
        &number,
        &[
            ("action", "reply"),
            ("outcome", "deny-6"),
            ("reason", "该信息属于讨论记录，为过程性信息。"),
            ("basis", "条例第十六条第二款"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (status, page) = act(
        &app,
        &handler,
        &number,
        &[
            ("action", "appeal"),
            ("appeal_kind", "review"),
            ("filed_on", "2099-01-01"),
            ("appeal_result", "pending"),
        ],
    )
    .await;
    assert_eq!(status, 400);
    assert!(page.contains("提起日期不能晚于今天"), "{page}");
    let today = app.state.today().to_string();
    let (status, _) = act(
        &app,
        &handler,
        &number,
        &[
            ("action", "appeal"),
            ("appeal_kind", "review"),
            ("filed_on", &today),
            ("appeal_result", "pending"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM disclosure_request_appeals")
        .fetch_one(app.db.pool())
        .await
        .expect("appeal");
    let (status, _) = act(
        &app,
        &handler,
        &number,
        &[
            ("action", "appeal_result"),
            ("appeal", &id.to_string()),
            ("appeal_result", "corrected"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (_, page) = app
        .page_as(&format!("/staff/requests/{number}"), &handler)
        .await;
    assert!(page.contains("行政复议，"), "{page}");
    assert!(page.contains("结果纠正"));
    assert_eq!(audit_count(&app, "request.appeal").await, 1);
    assert_eq!(audit_count(&app, "request.appeal_result").await, 1);
    // Not for a visitor, nor for an editor.
    let editor = app.staff("bianji2", &[Role::Editor]).await;
    let (status, _) = act(
        &app,
        &editor,
        &number,
        &[
            ("action", "appeal_result"),
            ("appeal", &id.to_string()),
            ("appeal_result", "upheld"),
        ],
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = app.page_as("/staff/requests", &editor).await;
    assert_eq!(status, 403);
}

async fn asking_is_limited_per_client(engine: Engine) {
    let app = spawn_app_with(engine, false, |s| {
        s.submissions_per_hour = 2;
        s.client_ip_header = Some("x-real-ip".to_owned());
    })
    .await;
    let send = |ip: &'static str| {
        app.client
            .post(app.url("/disclosure/request"))
            .header("x-real-ip", ip)
            .multipart(form(&person("限流测试", WANTED), Some(PNG)))
            .send()
    };
    for _ in 0..2 {
        assert_eq!(send("10.0.0.1").await.expect("ask").status(), 303);
    }
    assert_eq!(send("10.0.0.1").await.expect("ask").status(), 429);
    assert_eq!(send("10.0.0.2").await.expect("ask").status(), 303);
}

async fn nothing_about_a_request_reaches_a_public_channel(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let secret = "绝密测试词甲乙丙丁戊";
    let (number, _, _) = ask(&app, "孙八", &format!("{secret}的相关文件")).await;
    let handler = app.staff("banli", &[Role::Handler]).await;
    let f = form(
        &[
            ("action", "reply"),
            ("outcome", "open"),
            ("reason", &format!("现提供{secret}的文件。")),
        ],
        None,
    )
    .part(
        "file",
        Part::bytes(PNG.to_vec()).file_name(format!("{secret}.png")),
    );
    let (status, _) = post(
        &app,
        &format!("/staff/requests/{number}"),
        Some(&handler),
        f,
    )
    .await;
    assert_eq!(status, 303);
    let public = [
        "/".to_owned(),
        format!("/search?q={secret}"),
        "/search?q=%E5%AD%99%E5%85%AB".to_owned(),
        "/feed.xml".to_owned(),
        "/sitemap.xml".to_owned(),
        "/disclosure".to_owned(),
        "/data".to_owned(),
        "/consult".to_owned(),
        format!("/api/search_suggest?q={secret}"),
    ];
    for path in public {
        let (_, body) = app.page(&path).await;
        // A search page repeats its own words: it must find nothing.
        let body = if path.starts_with("/search") {
            assert!(body.contains("没有找到与"), "{path}");
            body.replace(secret, "").replace("孙八", "")
        } else {
            body
        };
        for leak in [secret, number.as_str(), ID_CARD, "孙八", "13912345678"] {
            assert!(!body.contains(leak), "{path} shows {leak}");
        }
    }
    // The open data files (exports) neither.
    let (_, data) = app.page("/data").await;
    let files: Vec<String> = data
        .split("href=\"/api/open/")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|f| format!("/api/open/{}", f.replace("&amp;", "&")))
        .collect();
    assert!(!files.is_empty(), "the open data page lists its files");
    for file in files {
        let (_, body) = app.page(&file).await;
        for leak in [secret, number.as_str(), ID_CARD, "孙八"] {
            assert!(!body.contains(leak), "{file} shows {leak}");
        }
    }
    let (_, sitemap) = app.page("/sitemap.xml").await;
    for part in sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .filter_map(|u| u.split_once("/sitemap/").map(|(_, f)| f.to_owned()))
    {
        let (_, body) = app.page(&format!("/sitemap/{part}")).await;
        assert!(!body.contains("/disclosure/request/lookup"), "{part}");
        assert!(!body.contains(&number), "{part}");
    }
}

async fn a_calendar_change_lists_the_requests_it_moves(engine: Engine) {
    use gongkai::requests::rules;
    let app = spawn_app(engine, false).await;
    let (number, _, _) = ask(&app, "周九", WANTED).await;
    let admin = app.staff("guanli2", &[Role::Admin]).await;
    let today = app.state.today();
    let due = rules::clock(&today.to_string(), &[], 0)
        .and_then(|c| c.reckon(&app.state.calendar()).ok().flatten())
        .expect("due")
        .due;
    // A day off declared on the due date itself moves it by a working day.
    let day = due.to_string();
    let year = day[..4].to_owned();
    let res = app
        .post_form(
            "/staff/calendar",
            &admin,
            &[
                ("year", &year),
                ("name", "临时调整"),
                ("first", &day),
                ("last", &day),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(
        res.status(),
        303,
        "{}",
        res.text().await.unwrap_or_default()
    );
    let saved = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let (_, page) = app.page_as(&saved, &admin).await;
    assert!(page.contains(&format!("依申请公开 {number}")), "{page}");
    assert!(page.contains(&day), "{page}");
}

async fn released_information_becomes_a_draft_item_through_review(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (number, _, _) = ask(&app, "吴十", WANTED).await;
    let handler = app.staff("banli", &[Role::Handler]).await;
    let both = app.staff("banli2", &[Role::Handler, Role::Editor]).await;
    let f = form(
        &[
            ("action", "reply"),
            ("outcome", "open"),
            ("reason", "现将该名单以电子文档形式提供给您。"),
        ],
        None,
    )
    .part("file", Part::bytes(PNG.to_vec()).file_name("名单.png"));
    let (status, _) = post(
        &app,
        &format!("/staff/requests/{number}"),
        Some(&handler),
        f,
    )
    .await;
    assert_eq!(status, 303);
    // A handler who is not an editor is not offered it, and is refused.
    let (_, page) = app
        .page_as(&format!("/staff/requests/{number}"), &handler)
        .await;
    assert!(!page.contains("转为主动公开"), "{page}");
    let publish = [
        ("action", "publish"),
        ("publish_kind", "notice"),
        ("publish_title", "2025年出版物经营许可证核发名单"),
    ];
    let (status, _) = act(&app, &handler, &number, &publish).await;
    assert_eq!(status, 403);
    let (_, page) = app
        .page_as(&format!("/staff/requests/{number}"), &both)
        .await;
    assert!(page.contains("转为主动公开"), "{page}");
    let (status, location) = act(&app, &both, &number, &publish).await;
    assert_eq!(status, 303, "{location}");
    let id: i64 = location
        .trim_start_matches("/articles/")
        .split('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("article id");
    // A draft: not public until reviewed, with the file attached.
    assert_eq!(app.get(&format!("/articles/{id}")).await.status(), 404);
    let (_, page) = app.page_as(&format!("/articles/{id}/edit"), &both).await;
    assert!(page.contains("2025年出版物经营许可证核发名单"), "{page}");
    assert!(page.contains("名单.png"), "{page}");
    assert_eq!(audit_count(&app, "request.publish").await, 1);
    // Once only.
    let (status, _) = act(&app, &both, &number, &publish).await;
    assert_eq!(status, 409);
}

async fn track_sends_a_request_number_to_its_own_page(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let (number, code, _) = ask(&app, "郑十一", WANTED).await;
    let res = app
        .get(&format!(
            "/track?number={}&code={code}",
            number.to_lowercase()
        ))
        .await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(
        location.starts_with("/disclosure/request/lookup?number="),
        "{location}"
    );
    let (status, page) = app.page(&location).await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("申请编号 {number}")), "{page}");
}
