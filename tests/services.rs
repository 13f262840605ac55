//! The service hall over HTTP, on both databases: the catalogue by theme,
//! applicant and words; each guide whole; the paper form; bad filters
//! answered in Chinese with the entries kept; services in the site search.
#![cfg(feature = "ssr")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed test is a panic"
)]

use crate::common::{spawn_app, spawn_app_with, Engine, TestApp};
use gongkai::account::types::Role;
use gongkai::ui::url::encode;

on_both_engines!(
    the_catalogue_filters_by_theme_applicant_and_words,
    a_guide_shows_everything_an_applicant_needs,
    the_paper_form_follows_the_online_fields,
    bad_filters_are_refused_with_entries_kept,
    services_are_found_by_the_site_search,
    an_application_goes_from_draft_to_receipt_and_tracking,
    a_draft_is_saved_and_resumed_by_its_link,
    fifty_simultaneous_submissions_get_distinct_numbers,
    public_submissions_are_limited_per_client,
    a_case_is_corrected_granted_and_appears_in_the_licence_register,
    a_finished_case_is_rated_and_a_poor_rating_followed_up,
    staff_write_a_service_and_its_form_through_review,
    a_changed_form_never_breaks_an_application_in_progress,
    a_retired_service_leaves_the_hall_and_its_cases_stay,
    a_changed_promise_moves_no_open_case,
    guides_are_imported_from_json_and_csv_through_review,
);

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
const CODE: &str = "350000-XW-XK-001";

/// Starts a draft; returns its path.
pub(crate) async fn start(app: &TestApp) -> String {
    let res = app
        .client
        .post(format!("{}/services/{CODE}/apply", app.base))
        .send()
        .await
        .expect("start");
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    location.split('?').next().unwrap_or_default().to_owned()
}

/// Posts step `step` of the draft at `path`; returns (status, location or body).
pub(crate) async fn post_step(
    app: &TestApp,
    path: &str,
    step: usize,
    action: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
) -> (u16, String) {
    let mut form = reqwest::multipart::Form::new().text("action", action.to_owned());
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for (k, name, bytes) in files {
        form = form.part(
            k.to_string(),
            reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string()),
        );
    }
    let res = app
        .client
        .post(format!("{}{path}?step={step}", app.base))
        .multipart(form)
        .send()
        .await
        .expect("post");
    let status = res.status().as_u16();
    let out = match res.headers().get("location") {
        Some(l) => l.to_str().unwrap_or_default().to_owned(),
        None => res.text().await.unwrap_or_default(),
    };
    (status, out)
}

const ORG: &[(&str, &str)] = &[
    ("org_name", "福州测试图书有限公司"),
    ("credit_code", "91350102MA2XY01232"),
    ("legal_rep", "林测试"),
    ("address", "福州市鼓楼区测试路 1 号"),
    ("contact", "陈测试"),
    ("phone", "13905910000"),
];
const BUSINESS: &[(&str, &str)] = &[
    ("scope", "以上全部"),
    ("capital", "500"),
    ("area", "120"),
    ("planned_open", ""),
];

/// Fills every step of a draft, up to its review.
async fn fill(app: &TestApp, path: &str) {
    for (step, fields) in [(1, ORG), (2, BUSINESS)] {
        let (status, body) = post_step(app, path, step, "next", fields, &[]).await;
        assert_eq!(status, 303, "step {step}: {body}");
    }
    let files: &[(&str, &str, &[u8])] = &[
        ("licence_copy", "执照.pdf", PDF),
        ("premises", "租赁合同.png", PNG),
    ];
    let (status, location) = post_step(app, path, 3, "next", &[], files).await;
    assert_eq!(
        (status, location.as_str()),
        (303, format!("{path}?step=review").as_str())
    );
}

/// Fills every step of a draft and submits it; returns the receipt page.
pub(crate) async fn complete(app: &TestApp, path: &str) -> String {
    fill(app, path).await;
    let res = app
        .client
        .post(format!("{}{path}/submit", app.base))
        .send()
        .await
        .expect("submit");
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        format!("{path}/receipt").as_str()
    );
    let (status, receipt) = app.page(&format!("{path}/receipt")).await;
    assert_eq!(status, 200);
    receipt
}

/// The text of the receipt's value after `label`.
pub(crate) fn receipt_value(page: &str, label: &str) -> String {
    page.split(&format!("{label}</dt>"))
        .nth(1)
        .and_then(|s| s.split('>').nth(1))
        .and_then(|s| s.split('<').next())
        .unwrap_or_default()
        .to_owned()
}

async fn an_application_goes_from_draft_to_receipt_and_tracking(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (status, page) = app.page(&format!("/services/{CODE}/apply")).await;
    assert_eq!(status, 200);
    assert!(page.contains("开始填写"));
    let path = start(&app).await;

    // Step 1 with a bad credit code: refused, the message beside it, entries kept.
    let mut bad: Vec<(&str, &str)> = ORG.to_vec();
    bad[1] = ("credit_code", "12345");
    bad[5] = ("phone", "");
    let (status, page) = post_step(&app, &path, 1, "next", &bad, &[]).await;
    assert_eq!(status, 400);
    assert!(page.contains("统一社会信用代码格式不对"), "{page}");
    assert!(page.contains("请填写联系电话"));
    assert!(
        page.contains("value=\"福州测试图书有限公司\""),
        "entries kept"
    );
    assert!(page.contains("<title>错误："));

    // A file that is not what it says: refused by its bytes; the good one is kept.
    assert_eq!(post_step(&app, &path, 1, "next", ORG, &[]).await.0, 303);
    assert_eq!(
        post_step(&app, &path, 2, "next", BUSINESS, &[]).await.0,
        303
    );
    let files: &[(&str, &str, &[u8])] = &[
        ("licence_copy", "执照.pdf", PDF),
        ("premises", "合同.pdf", b"MZ\x90\0 an exe"),
    ];
    let (status, page) = post_step(&app, &path, 3, "next", &[], files).await;
    assert_eq!(status, 400);
    assert!(page.contains("不是 PDF、JPEG 或 PNG 文件"));
    assert!(page.contains("已上传：执照.pdf"), "the good file was kept");

    // Submitting before everything is there goes back to the review.
    let res = app
        .client
        .post(format!("{}{path}/submit", app.base))
        .send()
        .await
        .expect("submit");
    assert_eq!(
        res.headers()["location"],
        format!("{path}?step=review").as_str()
    );
    let (_, review) = app.page(&format!("{path}?step=review")).await;
    assert!(review.contains("请上传经营场所使用证明"));

    let receipt = complete(&app, &path).await;
    let number = receipt_value(&receipt, "受理编号");
    let code = receipt_value(&receipt, "查询码");
    assert!(number.starts_with("XW") && number.len() == 16, "{number}");
    assert_eq!(code.len(), 6, "{code}");
    assert!(receipt.contains("已提交，待受理"));

    // Stored: the answers and both files.
    let (answers, files): (String, i64) = sqlx::query_as(
        "SELECT a.answers, (SELECT COUNT(*) FROM application_files f WHERE f.application_id = a.id) \
         FROM applications a WHERE a.number = $1",
    )
    .bind(&number)
    .fetch_one(app.db.pool())
    .await
    .expect("stored");
    assert!(answers.contains("福州测试图书有限公司"));
    assert_eq!(files, 2);

    // A submitted application no longer changes.
    let (status, location) = post_step(&app, &path, 1, "next", ORG, &[]).await;
    assert_eq!((status, location), (303, format!("{path}/receipt")));

    // Tracking: by number and code; a wrong code is told apart from nothing.
    let (status, page) = app
        .page(&format!("/track?number={number}&code={code}"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("已提交，待受理"));
    assert!(page.contains("提交申请"));
    assert!(page.contains("承诺办结日期"));
    let wrong = if code == "123456" { "654321" } else { "123456" };
    let (status, page) = app
        .page(&format!("/track?number={number}&code={wrong}"))
        .await;
    assert_eq!(status, 400);
    assert!(page.contains("受理编号或查询码不正确"));
    assert!(page.contains(&format!("value=\"{number}\"")));
    let (status, page) = app.page("/track?number=&code=").await;
    assert_eq!(status, 400);
    assert!(page.contains("请填写受理编号") && page.contains("请填写查询码"));
    let (status, _) = app
        .page("/services/350000-XW-XK-001/apply/nosuchtoken?step=1")
        .await;
    assert_eq!(status, 404);
}

async fn a_draft_is_saved_and_resumed_by_its_link(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let path = start(&app).await;
    // Half filled, with a value that would not pass yet: saved as entered.
    let (status, location) = post_step(
        &app,
        &path,
        1,
        "save",
        &[("org_name", "半途保存有限公司"), ("credit_code", "9135")],
        &[],
    )
    .await;
    assert_eq!((status, location), (303, format!("{path}?step=1&saved=1")));
    let (status, page) = app.page(&format!("{path}?step=1&saved=1")).await;
    assert_eq!(status, 200);
    assert!(page.contains("草稿已保存"));
    assert!(page.contains("value=\"半途保存有限公司\""));
    assert!(page.contains("value=\"9135\""));
    // Going on checks it.
    let (status, page) = post_step(
        &app,
        &path,
        1,
        "next",
        &[("org_name", "半途保存有限公司"), ("credit_code", "9135")],
        &[],
    )
    .await;
    assert_eq!(status, 400);
    assert!(page.contains("统一社会信用代码格式不对"));
}

async fn fifty_simultaneous_submissions_get_distinct_numbers(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let mut paths = Vec::new();
    for _ in 0..50 {
        let path = start(&app).await;
        fill(&app, &path).await;
        paths.push(path);
    }
    let submits = paths.iter().map(|path| {
        let client = app.client.clone();
        let url = format!("{}{path}/submit", app.base);
        async move {
            client
                .post(url)
                .send()
                .await
                .expect("submit")
                .status()
                .as_u16()
        }
    });
    let statuses = futures::future::join_all(submits).await;
    assert!(statuses.iter().all(|s| *s == 303), "{statuses:?}");
    let tokens: std::collections::HashSet<&str> =
        paths.iter().filter_map(|p| p.rsplit('/').next()).collect();
    let numbers: Vec<String> = sqlx::query_as::<_, (String, String)>(
        "SELECT number, token FROM applications WHERE status = 'submitted'",
    )
    .fetch_all(app.db.pool())
    .await
    .expect("numbers")
    .into_iter()
    .filter(|(_, token)| tokens.contains(token.as_str()))
    .map(|(number, _)| number)
    .collect();
    let distinct: std::collections::HashSet<_> = numbers.iter().collect();
    assert_eq!(numbers.len(), 50);
    assert_eq!(distinct.len(), 50);
}

/// The service names a catalogue page lists.
async fn names(app: &TestApp, path: &str) -> Vec<String> {
    let (status, page) = app.page(path).await;
    assert_eq!(status, 200, "{path}");
    page.split("class=\"app-services__name\"><a href=\"")
        .skip(1)
        .map(|s| {
            s.split("\">")
                .nth(1)
                .and_then(|s| s.split("</a>").next())
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

async fn the_catalogue_filters_by_theme_applicant_and_words(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let all = names(&app, "/services").await;
    let demo = gongkai::services::demo::services();
    assert_eq!(all.len(), demo.len());
    assert!(all.iter().any(|n| n.contains("出版物经营许可")));

    let tv = names(&app, &format!("/services?theme={}", encode("广播电视"))).await;
    let expected: Vec<&str> = demo
        .iter()
        .filter(|s| s.theme == "广播电视")
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(tv, expected);
    let (_, page) = app.page("/services").await;
    assert!(page.contains("广播电视（2）"), "theme counts");

    // 个人: the copyright registration serves people; licences do not.
    let people = names(&app, "/services?audience=person").await;
    assert_eq!(people, ["作品著作权登记"]);
    assert_eq!(
        names(&app, "/services?audience=org").await.len(),
        demo.len()
    );

    // Two-character words, a code, nothing.
    let print = names(&app, &format!("/services?q={}", encode("印刷"))).await;
    assert_eq!(print.len(), 1);
    assert!(print[0].contains("印刷经营许可"));
    assert_eq!(
        names(&app, "/services?q=350000-XW-XK-004").await,
        ["电影放映单位设立审批"]
    );
    let (status, page) = app
        .page(&format!("/services?q={}", encode("量子引力")))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("没有找到符合条件的事项"));
    assert!(page.contains("kind=service"), "offers the site search");
}

async fn a_guide_shows_everything_an_applicant_needs(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let s = &gongkai::services::demo::services()[0];
    let (status, page) = app.page(&format!("/services/{}", s.code)).await;
    assert_eq!(status, 200);
    for want in [
        s.name.as_str(),
        s.code.as_str(),
        "设定依据",
        "《出版管理条例》第三十五条",
        "实施机关",
        "法定办结时限",
        "20 个工作日",
        "承诺办结时限",
        "10 个工作日",
        "如今天受理：",
        "收费标准",
        "不收费",
        "到现场次数",
        "受理条件",
        "申请材料",
        "经营场所使用证明",
        "办理流程",
        "办理地点",
        "咨询电话",
        "tel:059187654321",
        "投诉电话",
    ] {
        assert!(page.contains(want), "guide lacks {want}");
    }
    // The flow: a graphic with a text alternative naming every step, and the steps as text.
    let svg = page
        .split("<svg ")
        .find(|s| s.contains("aria-labelledby=\"flow-graphic-title flow-graphic-desc\""))
        .expect("a flow graphic");
    let label = svg
        .split("<desc id=\"flow-graphic-desc\">")
        .nth(1)
        .and_then(|s| s.split("</desc>").next())
        .unwrap_or_default();
    for st in &s.steps {
        assert!(label.contains(&st.name), "flow label lacks {}", st.name);
        assert!(page.contains(&format!("<strong>{}</strong>", st.name)));
    }
    // It downloads like any graphic.
    let res = app
        .get(&format!("/services/{}/flow/graphic.svg", s.code))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/svg+xml");
    assert!(label.contains("材料不齐"), "branches are described");

    let (status, _) = app.page("/services/350000-NO-SUCH").await;
    assert_eq!(status, 404);
}

async fn the_paper_form_follows_the_online_fields(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let s = &gongkai::services::demo::services()[0];
    let (status, blank) = app.page(&format!("/services/{}/form", s.code)).await;
    assert_eq!(status, 200);
    let (status, sample) = app
        .page(&format!("/services/{}/form?sample=1", s.code))
        .await;
    assert_eq!(status, 200);
    for f in &s.fields {
        if f.kind == gongkai::services::types::FieldKind::File {
            continue;
        }
        assert!(blank.contains(&f.label), "blank form lacks {}", f.label);
        if !f.example.is_empty() {
            assert!(sample.contains(&f.example), "sample lacks {}", f.example);
        }
    }
    for m in &s.materials {
        assert!(blank.contains(&format!("□ {}", m.name)), "{}", m.name);
        assert!(sample.contains(&format!("☑ {}", m.name)), "{}", m.name);
    }
    assert!(sample.contains("虚构的示例"));
    assert!(
        !blank.contains("福州示例图书发行有限公司"),
        "the blank form is blank"
    );
    let (status, _) = app.page("/services/350000-NO-SUCH/form").await;
    assert_eq!(status, 404);
}

async fn bad_filters_are_refused_with_entries_kept(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let cases = [
        (
            format!("/services?theme={}&q={}", encode("体育"), encode("许可")),
            "没有“体育”这个主题",
            "value=\"许可\"",
        ),
        (
            format!("/services?audience=robot&q={}", encode("印刷")),
            "服务对象只能是个人或法人",
            "value=\"印刷\"",
        ),
        (
            format!("/services?q={}", encode(&"出".repeat(60))),
            "搜索词不能超过 50 个字",
            "value=\"出出出",
        ),
    ];
    for (path, message, kept) in cases {
        let (status, page) = app.page(&path).await;
        assert_eq!(status, 400, "{path}");
        assert!(page.contains(message), "{path}: {message}");
        assert!(page.contains(kept), "{path}: entries kept");
        assert!(page.contains("app-error-summary"), "{path}");
    }
}

async fn services_are_found_by_the_site_search(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (status, page) = app
        .page(&format!("/search?q={}&kind=service", encode("出版物")))
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains("/services/350000-XW-XK-001"),
        "the service is found"
    );
    let (_, page) = app
        .page(&format!("/search?q={}&kind=service", encode("著作权登记")))
        .await;
    assert!(page.contains("/services/350000-XW-GG-006"));
}

async fn public_submissions_are_limited_per_client(engine: Engine) {
    let app = spawn_app_with(engine, true, |s| {
        s.submissions_per_hour = 2;
        s.client_ip_header = Some("x-real-ip".to_owned());
    })
    .await;
    let post = |ip: &'static str| {
        app.client
            .post(format!("{}/services/{CODE}/apply", app.base))
            .header("x-real-ip", ip)
            .send()
    };
    assert_eq!(post("10.0.0.1").await.expect("post").status(), 303);
    assert_eq!(post("10.0.0.1").await.expect("post").status(), 303);
    let res = post("10.0.0.1").await.expect("post");
    assert_eq!(res.status(), 429);
    assert!(res
        .text()
        .await
        .unwrap_or_default()
        .contains("提交过于频繁"));
    // Another client is not held back.
    assert_eq!(post("10.0.0.2").await.expect("post").status(), 303);
    // The table keeps no address.
    let buckets: Vec<(String,)> = sqlx::query_as("SELECT bucket FROM rate_hits")
        .fetch_all(app.db.pool())
        .await
        .expect("buckets");
    assert!(buckets.iter().all(|(b,)| !b.contains("10.0.0")));
    // Tracking lookups count too (ten times the limit): the 21st is refused.
    for _ in 0..20 {
        let res = app
            .client
            .get(format!("{}/track?number=XW1&code=123456", app.base))
            .header("x-real-ip", "10.0.0.3")
            .send()
            .await
            .expect("track");
        assert_eq!(res.status(), 400);
        assert!(res
            .text()
            .await
            .unwrap_or_default()
            .contains("受理编号或查询码不正确"));
    }
    let (status, page) = {
        let res = app
            .client
            .get(format!("{}/track?number=XW1&code=123456", app.base))
            .header("x-real-ip", "10.0.0.3")
            .send()
            .await
            .expect("track");
        (res.status().as_u16(), res.text().await.unwrap_or_default())
    };
    assert_eq!(status, 400);
    assert!(page.contains("查询过于频繁"));
}

async fn a_case_is_corrected_granted_and_appears_in_the_licence_register(engine: Engine) {
    use gongkai::account::types::Role;
    let app = spawn_app(engine, true).await;
    let path = start(&app).await;
    let receipt = complete(&app, &path).await;
    let number = receipt_value(&receipt, "受理编号");
    let code = receipt_value(&receipt, "查询码");
    let track = format!("/track?number={number}&code={code}");

    // Only handlers see the queue.
    assert_ne!(app.get("/staff/cases").await.status(), 200);
    let editor = app.staff("bianji2", &[Role::Editor]).await;
    assert_ne!(app.get_as("/staff/cases", &editor).await.status(), 200);
    let staff = app.staff("banjian2", &[Role::Handler]).await;
    let (status, queue) = app.page_as("/staff/cases", &staff).await;
    assert_eq!(status, 200);
    assert!(queue.contains(&number));
    let case = format!("/staff/cases/{number}");
    // The uploads: for the handler, as downloads that never run as part of the site.
    let file = app
        .get_as(&format!("/staff/cases/{number}/files/licence_copy"), &staff)
        .await;
    assert_eq!(file.status(), 200);
    assert_eq!(file.headers()["content-type"], "application/pdf");
    assert!(file.headers()["content-security-policy"]
        .to_str()
        .unwrap_or_default()
        .contains("sandbox"));
    assert_eq!(file.bytes().await.expect("bytes").as_ref(), PDF);
    assert_ne!(
        app.get(&format!("/staff/cases/{number}/files/licence_copy"))
            .await
            .status(),
        200
    );
    let decide = |fields: Vec<(&'static str, &'static str)>| {
        let staff = staff.clone();
        let case = case.clone();
        let app = &app;
        async move {
            let res = app.post_form(&case, &staff, &fields).await;
            let status = res.status().as_u16();
            (status, res.text().await.unwrap_or_default())
        }
    };

    // 补正 needs what to correct; then the clock stops and the applicant is told.
    let (status, page) = decide(vec![("action", "correct"), ("opinion", "")]).await;
    assert_eq!(status, 400);
    assert!(page.contains("请写明需要补正的全部内容"));
    let (status, _) = decide(vec![
        ("action", "correct"),
        ("opinion", "经营场所使用证明须为加盖公章的租赁合同"),
    ])
    .await;
    assert_eq!(status, 303);
    let (_, tracked) = app.page(&track).await;
    assert!(tracked.contains("待补正"));
    assert!(tracked.contains("经营场所使用证明须为加盖公章的租赁合同"));
    let (_, receipt) = app.page(&format!("{path}/receipt")).await;
    assert!(receipt.contains("修改并重新提交"));

    // The applicant replaces the file and submits again; the clock runs again.
    let files: &[(&str, &str, &[u8])] = &[("premises", "盖章合同.pdf", PDF)];
    let (status, location) = post_step(&app, &path, 3, "next", &[], files).await;
    assert_eq!((status, location), (303, format!("{path}?step=review")));
    let res = app
        .client
        .post(format!("{}{path}/submit", app.base))
        .send()
        .await
        .expect("resubmit");
    assert_eq!(res.status(), 303);
    let (_, tracked) = app.page(&track).await;
    assert!(tracked.contains("已提交，待受理"));
    assert!(tracked.contains("补正后重新提交"));

    // A decision that does not fit the status is refused, with the reason.
    let (status, page) = decide(vec![
        ("action", "grant"),
        ("cert_no", "新出发闽批字第001号"),
    ])
    .await;
    assert_eq!(status, 400);
    assert!(page.contains("不能准予许可"));
    assert_eq!(
        decide(vec![("action", "accept"), ("opinion", "")]).await.0,
        303
    );
    let (status, page) = decide(vec![("action", "grant"), ("cert_no", "")]).await;
    assert_eq!(status, 400);
    assert!(page.contains("请填写许可证书编号"));
    assert_eq!(
        decide(vec![
            ("action", "grant"),
            ("cert_no", "新出发闽批字第001号")
        ])
        .await
        .0,
        303
    );

    // The licence is in the public register, by itself.
    let (id,): (i64,) = sqlx::query_as("SELECT licence_row FROM applications WHERE number = $1")
        .bind(&number)
        .fetch_one(app.db.pool())
        .await
        .expect("licence row");
    let (status, row) = app.page(&format!("/registers/licences/{id}")).await;
    assert_eq!(status, 200);
    assert!(row.contains("福州测试图书有限公司"));
    assert!(row.contains("新出发闽批字第001号"));

    assert_eq!(
        decide(vec![("action", "close"), ("opinion", "")]).await.0,
        303
    );
    let (_, tracked) = app.page(&track).await;
    assert!(tracked.contains("已办结"));
    assert!(
        tracked.contains(&format!("/registers/licences/{id}")),
        "the result is linked"
    );
    for step in ["提交申请", "一次性告知补正", "受理", "准予许可", "办结"] {
        assert!(tracked.contains(step), "timeline lacks {step}");
    }

    // A case whose clock started long ago turns red in the queue.
    let other = start(&app).await;
    let receipt = complete(&app, &other).await;
    let late = receipt_value(&receipt, "受理编号");
    sqlx::query("UPDATE applications SET submitted_on = '2026-01-05' WHERE number = $1")
        .bind(&late)
        .execute(app.db.pool())
        .await
        .expect("move the clock");
    // Written behind the portal's back: its stored due date follows as it
    // would after a calendar change.
    gongkai::services::db::queue::refresh_dues(&app.db, &app.state.calendar())
        .await
        .expect("refresh");
    let (_, queue) = app.page_as("/staff/cases", &staff).await;
    let row = queue
        .split("<tr>")
        .find(|r| r.contains(&late))
        .unwrap_or_default();
    assert!(row.contains("app-urgency--red"), "{row}");
    assert!(row.contains("超期"));
}

/// The hall's public figures for `CODE`, as (total, finished, on_time,
/// ratings, satisfied).
async fn figures(app: &TestApp) -> (u64, u64, u64, u64, u64) {
    let (status, body) = app.page("/api/list_service_figures").await;
    assert_eq!(status, 200, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).expect("json");
    let f = json["services"]
        .as_array()
        .and_then(|a| a.iter().find(|f| f["code"] == CODE))
        .cloned()
        .unwrap_or_default();
    let n = |k: &str| f[k].as_u64().unwrap_or(u64::MAX);
    (
        n("total"),
        n("finished"),
        n("on_time"),
        n("ratings"),
        n("satisfied"),
    )
}

async fn a_finished_case_is_rated_and_a_poor_rating_followed_up(engine: Engine) {
    use gongkai::account::types::Role;
    let app = spawn_app(engine, true).await;
    let before = figures(&app).await;
    let path = start(&app).await;
    let receipt = complete(&app, &path).await;
    let number = receipt_value(&receipt, "受理编号");
    let code = receipt_value(&receipt, "查询码");
    let track = format!("/track?number={number}&code={code}");
    let rate = |fields: Vec<(&'static str, &'static str)>| {
        let url = app.url(&track);
        let client = app.client.clone();
        async move {
            let res = client.post(url).form(&fields).send().await.expect("rate");
            let status = res.status().as_u16();
            let location = res
                .headers()
                .get("location")
                .map(|l| l.to_str().unwrap_or_default().to_owned());
            (status, location, res.text().await.unwrap_or_default())
        }
    };

    // Not before the case has ended.
    let (_, tracked) = app.page(&track).await;
    assert!(!tracked.contains("提交评价"));
    let (status, _, page) = rate(vec![("score", "5"), ("comment", "")]).await;
    assert_eq!(status, 400);
    assert!(page.contains("办结后才能评价"));

    let staff = app.staff("banjian3", &[Role::Handler]).await;
    let res = app
        .post_form(
            &format!("/staff/cases/{number}"),
            &staff,
            &[
                ("action", "reject"),
                ("opinion", "申请单位不在本机关管辖范围"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let after_end = figures(&app).await;
    assert_eq!(
        after_end,
        (before.0 + 1, before.1 + 1, before.2 + 1, before.3, before.4),
        "a case ended today counts as ended on time"
    );

    // A poor grade needs its reason; the entries are kept.
    let (_, tracked) = app.page(&track).await;
    assert!(tracked.contains("提交评价"));
    let (status, _, page) = rate(vec![("score", "2"), ("comment", " ")]).await;
    assert_eq!(status, 400);
    assert!(page.contains("<title>错误："));
    assert!(page.contains("请写明不满意的原因"));
    let (status, _, page) = rate(vec![("score", "9"), ("comment", "太慢了")]).await;
    assert_eq!(status, 400);
    assert!(page.contains("请选择评价等级"));
    assert!(page.contains("太慢了"));
    let (status, location, _) = rate(vec![("score", "2"), ("comment", "受理前没有电话告知")]).await;
    assert_eq!(status, 303);
    assert!(location.unwrap_or_default().contains("rated=1"));
    let (_, tracked) = app.page(&track).await;
    assert!(tracked.contains("不满意"));
    assert!(tracked.contains("受理前没有电话告知"));
    assert!(tracked.contains("前回访"));
    assert!(
        tracked.contains("评价</span>"),
        "the rating joins the timeline"
    );
    let (status, _, page) = rate(vec![("score", "5"), ("comment", "")]).await;
    assert_eq!(status, 400);
    assert!(page.contains("每件只能评价一次"));
    // Only the number and its code rate a case.
    let res = app
        .client
        .post(app.url(&format!("/track?number={number}&code=000000")))
        .form(&[("score", "5")])
        .send()
        .await
        .expect("wrong code");
    assert_eq!(res.status(), 404);
    assert_eq!(
        figures(&app).await,
        (
            after_end.0,
            after_end.1,
            after_end.2,
            after_end.3 + 1,
            after_end.4
        )
    );

    // The follow-up is tracked in supervision and answered on the case.
    assert_ne!(app.get("/staff/supervision").await.status(), 200);
    let (status, page) = app.page_as("/staff/supervision", &staff).await;
    assert_eq!(status, 200);
    let row = page
        .split("<tr>")
        .find(|r| r.contains(&number))
        .unwrap_or_default();
    assert!(row.contains("受理前没有电话告知"), "{row}");
    assert!(
        row.contains("剩余 15 个工作日") || row.contains("剩余 14 个工作日"),
        "{row}"
    );
    let case = format!("/staff/cases/{number}");
    let res = app
        .post_form(&case, &staff, &[("action", "follow_up"), ("follow_up", "")])
        .await;
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .unwrap_or_default()
        .contains("请写明回访情况和整改措施"));
    let res = app
        .post_form(
            &case,
            &staff,
            &[
                ("action", "follow_up"),
                ("follow_up", "已电话回访；受理时将短信告知申请人"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, tracked) = app.page(&track).await;
    assert!(tracked.contains("回访整改情况"));
    assert!(tracked.contains("受理时将短信告知申请人"));
    let res = app
        .post_form(
            &case,
            &staff,
            &[("action", "follow_up"), ("follow_up", "再次回访")],
        )
        .await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap_or_default().contains("已回访"));

    // The public sees the figures on the hall and on the guide.
    let (_, hall) = app.page("/services").await;
    assert!(hall.contains("按时办结率"));
    assert!(hall.contains("满意度"));
    let (_, guide) = app.page(&format!("/services/{CODE}")).await;
    assert!(guide.contains("办件情况"));
    assert!(guide.contains(&format!("{} 件", after_end.0)));
}

/// The value of the hidden field `name` on `page`.
fn hidden_value(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker).expect("the field") + marker.len();
    page[start..].split('"').next().expect("value").to_owned()
}

/// Every audit entry's action, in order.
async fn audit_actions(app: &TestApp) -> Vec<String> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT action FROM audit_log ORDER BY seq")
        .fetch_all(app.db.pool())
        .await
        .expect("audit");
    rows.into_iter().map(|(a,)| a).collect()
}

const NEW: &str = "TEST-XK-001";

const BASICS: &[(&str, &str)] = &[
    ("name", "测试出版许可"),
    ("kind", "行政许可"),
    ("theme", "出版"),
    ("audience", "org"),
    ("legal_basis", "《出版管理条例》第十二条"),
    ("body", "测试省新闻出版局"),
    ("conditions", "有符合规定的名称\n有确定的业务范围"),
    ("legal_days", "20"),
    ("promised_days", "10"),
    ("fees", "不收费"),
    ("place", "省政务服务中心 3 号窗口"),
    ("hours", "工作日 9:00-17:00"),
    ("enquiry_phone", "0591-12345678"),
    ("complaint_phone", "0591-87654321"),
    ("visits", "0"),
    ("online", "1"),
];

const FORM_V1: &[(&str, &str)] = &[
    ("f0_label", "单位名称"),
    ("f0_kind", "text"),
    ("f0_required", "1"),
    ("f0_step", "申请单位"),
    ("f0_key", "org_name"),
    ("f1_label", "营业执照"),
    ("f1_kind", "file"),
    ("f1_required", "1"),
    ("f1_step", "上传材料"),
    ("f1_key", "licence"),
    // A blank row, as the page offers, is skipped.
    ("f2_label", ""),
    ("f2_kind", "text"),
    ("f2_key", ""),
];

const MATERIALS: &[(&str, &str)] = &[
    ("m0_name", "营业执照"),
    ("m0_form", "复印件"),
    ("m0_copies", "1"),
    ("m0_required", "1"),
    ("m0_field", "licence"),
    ("m0_order", "1"),
];

const STEPS: &[(&str, &str)] = &[
    ("s0_name", "受理"),
    ("s0_actor", "窗口"),
    ("s0_days", "1"),
    ("s0_order", "1"),
    ("s1_name", "审查决定"),
    ("s1_actor", "出版处"),
    ("s1_days", "5"),
    ("s1_order", "2"),
];

/// A reviewer's decision on the guide waiting for service `code`.
async fn review(app: &TestApp, reviewer: &str, code: &str, action: &str) -> reqwest::Response {
    let (status, page) = app
        .page_as(&format!("/staff/services/{code}/review"), reviewer)
        .await;
    assert_eq!(status, 200);
    let seen = hidden_value(&page, "seen");
    app.post_form(
        &format!("/staff/services/{code}/review"),
        reviewer,
        &[
            ("action", action),
            ("seen", &seen),
            ("opinion", "经保密审查，同意公开"),
        ],
    )
    .await
}

/// Writes service NEW whole (basics, form, materials, steps) and has it
/// approved; returns (writer's, reviewer's) cookies.
async fn published_new_service(app: &TestApp) -> (String, String) {
    let writer = app.staff("shixiang", &[Role::Services]).await;
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    let res = app
        .post_form(
            "/staff/services",
            &writer,
            &[("code", NEW), ("name", "测试出版许可")],
        )
        .await;
    assert_eq!(res.status(), 303);
    for (part, form) in [
        ("basics", BASICS),
        ("form", FORM_V1),
        ("materials", MATERIALS),
        ("steps", STEPS),
    ] {
        let res = app
            .post_form(&format!("/staff/services/{NEW}/edit/{part}"), &writer, form)
            .await;
        assert_eq!(
            res.status(),
            303,
            "{part}: {}",
            res.text().await.unwrap_or_default()
        );
    }
    assert_eq!(review(app, &reviewer, NEW, "approve").await.status(), 303);
    (writer, reviewer)
}

async fn staff_write_a_service_and_its_form_through_review(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let writer = app.staff("shixiang", &[Role::Services]).await;
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    // Administrators give the 事项管理 role in the app.
    let admin = app.staff("guanli", &[Role::Admin]).await;
    let res = app
        .post_form(
            "/staff/users",
            &admin,
            &[
                ("username", "shixiang2"),
                ("role_services", "yes"),
                ("password", "Hetang-Yuese-2026"),
                ("confirm", "Hetang-Yuese-2026"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let second = app
        .first_sign_in("shixiang2", "Hetang-Yuese-2026", "Shixiang-Ziji-2026!")
        .await;
    assert_eq!(app.page_as("/staff/services", &second).await.0, 200);
    // Only 事项管理 staff and administrators write guides.
    let res = app
        .post_form(
            "/staff/services",
            &editor,
            &[("code", NEW), ("name", "无权")],
        )
        .await;
    assert_eq!(res.status(), 403);
    assert_eq!(app.page_as("/staff/services", &editor).await.0, 403);
    // A bad code is refused in Chinese with the entries kept.
    let res = app
        .post_form(
            "/staff/services",
            &writer,
            &[("code", "坏 编码"), ("name", "测试出版许可")],
        )
        .await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.expect("body");
    assert!(page.contains("事项编码用字母、数字和短横线"), "{page}");
    assert!(page.contains("value=\"测试出版许可\""));
    let res = app
        .post_form(
            "/staff/services",
            &writer,
            &[("code", NEW), ("name", "测试出版许可")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = app
        .post_form(
            "/staff/services",
            &writer,
            &[("code", NEW), ("name", "又一个")],
        )
        .await;
    assert_eq!(res.status(), 400, "a code is used once");
    // A draft is not public.
    assert_eq!(app.page(&format!("/services/{NEW}")).await.0, 404);
    assert!(!app.page("/services").await.1.contains("测试出版许可"));
    // Each part is checked box by box, the entries kept.
    let mut bad: Vec<(&str, &str)> = BASICS.to_vec();
    bad.retain(|(k, _)| *k != "promised_days");
    bad.push(("promised_days", "30"));
    let res = app
        .post_form(&format!("/staff/services/{NEW}/edit/basics"), &writer, &bad)
        .await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.expect("body");
    assert!(
        page.contains("承诺办结时限须在 1 个工作日到法定时限之间"),
        "{page}"
    );
    assert!(page.contains("省政务服务中心 3 号窗口"), "entries kept");
    let res = app
        .post_form(
            &format!("/staff/services/{NEW}/edit/steps"),
            &writer,
            &[("s0_name", "受理"), ("s0_actor", ""), ("s0_days", "一")],
        )
        .await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.expect("body");
    assert!(page.contains("环节时限须为 0 到 365 之间的整数"), "{page}");
    for (part, form) in [
        ("basics", BASICS),
        ("form", FORM_V1),
        ("materials", MATERIALS),
    ] {
        let res = app
            .post_form(&format!("/staff/services/{NEW}/edit/{part}"), &writer, form)
            .await;
        assert_eq!(res.status(), 303, "{part}");
    }
    // Without steps the guide is incomplete: the review says so and an
    // approval is refused.
    let (status, page) = app
        .page_as(&format!("/staff/services/{NEW}/review"), &reviewer)
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("办理流程至少一步"), "{page}");
    assert_eq!(review(&app, &reviewer, NEW, "approve").await.status(), 409);
    let res = app
        .post_form(&format!("/staff/services/{NEW}/edit/steps"), &writer, STEPS)
        .await;
    assert_eq!(res.status(), 303);
    // The preview shows the guide and the form as the public will see them.
    let (_, page) = app
        .page_as(&format!("/staff/services/{NEW}/review"), &reviewer)
        .await;
    for text in [
        "省政务服务中心 3 号窗口",
        "审查决定",
        "单位名称",
        "营业执照",
        "申请单位",
    ] {
        assert!(page.contains(text), "{text}");
    }
    // The writer cannot review their own guide; a stale decision is refused.
    let (_, own) = app
        .page_as(&format!("/staff/services/{NEW}/review"), &writer)
        .await;
    assert!(!own.contains("name=\"seen\""));
    let res = app
        .post_form(
            &format!("/staff/services/{NEW}/review"),
            &reviewer,
            &[("action", "approve"), ("seen", "0000"), ("opinion", "同意")],
        )
        .await;
    assert_eq!(res.status(), 409);
    assert_eq!(review(&app, &reviewer, NEW, "return").await.status(), 303);
    let (_, overview) = app
        .page_as(&format!("/staff/services/{NEW}"), &writer)
        .await;
    assert!(overview.contains("审核退回"));
    assert_eq!(app.page(&format!("/services/{NEW}")).await.0, 404);
    assert_eq!(review(&app, &reviewer, NEW, "approve").await.status(), 303);
    // Now public, in the hall, the search and the catalogue.
    let (status, page) = app.page(&format!("/services/{NEW}")).await;
    assert_eq!(status, 200);
    for text in [
        "测试出版许可",
        "有确定的业务范围",
        "审查决定",
        // On the page its hyphen does not break (U+2011).
        "0591\u{2011}12345678",
    ] {
        assert!(page.contains(text), "{text}");
    }
    assert!(
        !page.contains("修改办事指南"),
        "only staff see the edit link"
    );
    let (_, as_writer) = app.page_as(&format!("/services/{NEW}"), &writer).await;
    assert!(as_writer.contains(&format!("/staff/services/{NEW}/edit/basics")));
    assert!(app.page("/services").await.1.contains("测试出版许可"));
    let (_, found) = app
        .page(&format!("/search?q={}", encode("测试出版许可")))
        .await;
    assert!(found.contains(&format!("/services/{NEW}")));
    // The approval is on record with the guide it approved.
    let (guide,): (String,) = sqlx::query_as(
        "SELECT guide FROM service_reviews WHERE service_code = $1 AND decision = 'approved'",
    )
    .bind(NEW)
    .fetch_one(app.db.pool())
    .await
    .expect("review record");
    assert!(guide.contains("审查决定"));
    let actions = audit_actions(&app).await;
    for action in [
        "service.created",
        "service.saved",
        "service.returned",
        "service.approved",
    ] {
        assert!(actions.iter().any(|a| a == action), "{action}: {actions:?}");
    }
    // A change waits for review; the public keeps the approved guide.
    let mut changed: Vec<(&str, &str)> = BASICS.to_vec();
    changed.retain(|(k, _)| *k != "place");
    changed.push(("place", "省政务服务中心 9 号窗口"));
    let res = app
        .post_form(
            &format!("/staff/services/{NEW}/edit/basics"),
            &writer,
            &changed,
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, page) = app.page(&format!("/services/{NEW}")).await;
    assert!(page.contains("3 号窗口") && !page.contains("9 号窗口"));
    let (_, overview) = app
        .page_as(&format!("/staff/services/{NEW}"), &writer)
        .await;
    assert!(overview.contains("改动的部分：基本信息。"), "{overview}");
}

/// Starts a draft of service `code`; returns its path.
async fn start_of(app: &TestApp, code: &str) -> (u16, String) {
    let res = app
        .client
        .post(format!("{}/services/{code}/apply", app.base))
        .send()
        .await
        .expect("start");
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned();
    (status, location)
}

async fn a_changed_form_never_breaks_an_application_in_progress(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let (writer, reviewer) = published_new_service(&app).await;
    let (status, old_draft) = start_of(&app, NEW).await;
    assert_eq!(status, 303);
    // The form gains a required phone number in the first step.
    let mut v2: Vec<(&str, &str)> = FORM_V1.to_vec();
    v2.extend([
        ("f2_label", "联系电话"),
        ("f2_kind", "text"),
        ("f2_required", "1"),
        ("f2_step", "申请单位"),
        ("f2_key", "phone"),
        ("f2_order", "2"),
    ]);
    v2.retain(|(k, v)| !(k.starts_with("f2_") && v.is_empty()));
    let res = app
        .post_form(&format!("/staff/services/{NEW}/edit/form"), &writer, &v2)
        .await;
    assert_eq!(res.status(), 303);
    let (_, page) = app
        .page_as(&format!("/staff/services/{NEW}/review"), &reviewer)
        .await;
    assert!(page.contains("申请表有改动"));
    assert_eq!(review(&app, &reviewer, NEW, "approve").await.status(), 303);
    let (_, overview) = app
        .page_as(&format!("/staff/services/{NEW}"), &writer)
        .await;
    assert!(overview.contains("申请表第 2 版"), "{overview}");
    // The draft begun on version 1 goes on without the new field…
    let (status, location) = post_step(
        &app,
        &old_draft,
        1,
        "next",
        &[("org_name", "测试书店")],
        &[],
    )
    .await;
    assert_eq!(
        (status, location.ends_with("step=2")),
        (303, true),
        "{location}"
    );
    let (_, page) = app.page(&format!("{old_draft}?step=1")).await;
    assert!(!page.contains("联系电话"));
    let (status, _) = post_step(
        &app,
        &old_draft,
        2,
        "next",
        &[],
        &[("licence", "执照.pdf", PDF)],
    )
    .await;
    assert_eq!(status, 303);
    let res = app
        .client
        .post(format!("{}{old_draft}/submit", app.base))
        .send()
        .await
        .expect("submit");
    assert_eq!(res.status(), 303);
    let (_, receipt) = app.page(&format!("{old_draft}/receipt")).await;
    assert!(receipt.contains("申请已提交"), "{receipt}");
    // …while a new one asks for it.
    let (_, new_draft) = start_of(&app, NEW).await;
    let (status, page) = post_step(
        &app,
        &new_draft,
        1,
        "next",
        &[("org_name", "测试书店")],
        &[],
    )
    .await;
    assert_eq!(status, 400);
    assert!(page.contains("联系电话"), "{page}");
    let versions: Vec<(i64,)> = sqlx::query_as("SELECT form_version FROM applications ORDER BY id")
        .fetch_all(app.db.pool())
        .await
        .expect("versions");
    assert_eq!(versions, [(1,), (2,)]);
}

async fn a_retired_service_leaves_the_hall_and_its_cases_stay(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let (writer, _) = published_new_service(&app).await;
    let handler = app.staff("banjian", &[Role::Handler]).await;
    // One case submitted, one draft left unfinished.
    let (submitted, number) = submitted_v1(&app).await;
    let (_, draft) = start_of(&app, NEW).await;
    let res = app
        .post_form(
            &format!("/staff/services/{NEW}"),
            &writer,
            &[("action", "retire")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(audit_actions(&app)
        .await
        .iter()
        .any(|a| a == "service.retired"));
    // Gone from the hall, the catalogue and the search; its address says so.
    let (status, page) = app.page(&format!("/services/{NEW}")).await;
    assert_eq!(status, 410);
    assert!(page.contains("该事项已停止办理"), "{page}");
    assert!(!app.page("/services").await.1.contains("测试出版许可"));
    let (_, found) = app
        .page(&format!("/search?q={}", encode("测试出版许可")))
        .await;
    assert!(!found.contains(&format!("/services/{NEW}\"")));
    assert_eq!(start_of(&app, NEW).await.0, 404);
    let (status, page) = post_step(&app, &draft, 1, "next", &[("org_name", "测试书店")], &[]).await;
    assert_eq!(status, 410);
    assert!(page.contains("该事项已停止办理"));
    // The submitted case is still handled and tracked.
    let (status, page) = app
        .page_as(&format!("/staff/cases/{number}"), &handler)
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("测试书店"));
    let res = app
        .post_form(
            &format!("/staff/cases/{number}"),
            &handler,
            &[("action", "accept"), ("opinion", "材料齐全")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (status, receipt) = app.page(&format!("{submitted}/receipt")).await;
    assert_eq!(status, 200);
    assert!(receipt.contains("已受理"));
    // Retiring twice is refused; restoring brings it back.
    let res = app
        .post_form(
            &format!("/staff/services/{NEW}"),
            &writer,
            &[("action", "retire")],
        )
        .await;
    assert_eq!(res.status(), 409);
    let res = app
        .post_form(
            &format!("/staff/services/{NEW}"),
            &writer,
            &[("action", "restore")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(app.page(&format!("/services/{NEW}")).await.0, 200);
}

/// Fills and submits an application to the test service's version-1
/// form; its path and 受理编号.
async fn submitted_v1(app: &TestApp) -> (String, String) {
    let (_, path) = start_of(app, NEW).await;
    let (status, _) = post_step(app, &path, 1, "next", &[("org_name", "测试书店")], &[]).await;
    assert_eq!(status, 303);
    let (status, _) = post_step(app, &path, 2, "next", &[], &[("licence", "执照.pdf", PDF)]).await;
    assert_eq!(status, 303);
    let res = app
        .client
        .post(format!("{}{path}/submit", app.base))
        .send()
        .await
        .expect("submit");
    assert_eq!(res.status(), 303);
    let (number,): (String,) =
        sqlx::query_as("SELECT number FROM applications WHERE number IS NOT NULL ORDER BY id DESC")
            .fetch_one(app.db.pool())
            .await
            .expect("number");
    (path, number)
}

/// The limit each open case is held to, by number.
async fn promised_limits(app: &TestApp) -> Vec<(String, i64)> {
    let mut conn = app.db.pool().acquire().await.expect("conn");
    gongkai::services::db::cases::open_clocks_in(&mut conn)
        .await
        .expect("clocks")
        .into_iter()
        .map(|(number, _, _, days)| (number, days))
        .collect()
}

/// A guide's 承诺时限 changed through review holds new cases to the new
/// limit; a case already submitted keeps the one it was promised.
async fn a_changed_promise_moves_no_open_case(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let (writer, reviewer) = published_new_service(&app).await;
    let handler = app.staff("banjian", &[Role::Handler]).await;
    let (_, first) = submitted_v1(&app).await;
    let due = |page: &str| -> String {
        page.split("承诺办结日期")
            .nth(1)
            .and_then(|rest| rest.split("</dd>").next())
            .unwrap_or_default()
            .to_owned()
    };
    let (_, before) = app
        .page_as(&format!("/staff/cases/{first}"), &handler)
        .await;
    let mut basics = BASICS.to_vec();
    for (k, v) in &mut basics {
        if *k == "promised_days" {
            *v = "15";
        }
    }
    let res = app
        .post_form(
            &format!("/staff/services/{NEW}/edit/basics"),
            &writer,
            &basics,
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(review(&app, &reviewer, NEW, "approve").await.status(), 303);
    let (_, second) = submitted_v1(&app).await;
    assert_eq!(
        promised_limits(&app).await,
        [(first.clone(), 10), (second, 15)]
    );
    let (_, after) = app
        .page_as(&format!("/staff/cases/{first}"), &handler)
        .await;
    assert!(!due(&before).is_empty());
    assert_eq!(due(&before), due(&after), "the first case's due date stays");
}

fn original_name() -> String {
    gongkai::services::demo::services()
        .into_iter()
        .find(|s| s.code == CODE)
        .expect("demo guide")
        .name
}

async fn guides_are_imported_from_json_and_csv_through_review(engine: Engine) {
    let demo = spawn_app(engine, true).await;
    let admin = demo.staff("guanli2", &[Role::Admin]).await;
    let json = demo
        .get_as("/staff/services/export.json", &admin)
        .await
        .text()
        .await
        .expect("json");
    let res = demo.get_as("/staff/services/export.csv", &admin).await;
    assert_eq!(res.status(), 200);
    let csv = res.bytes().await.expect("csv").to_vec();
    let count = gongkai::services::demo::services().len();
    // A new portal takes the JSON: every guide waits for review.
    let app = spawn_app(engine, false).await;
    let (writer, reviewer) = (
        app.staff("shixiang", &[Role::Services]).await,
        app.staff("shenhe", &[Role::Reviewer]).await,
    );
    let upload = |name: &str, bytes: Vec<u8>| {
        reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
        )
    };
    let res = crate::common::post_multipart(
        &app,
        "/staff/services",
        &writer,
        upload("x.json", json.clone().into_bytes()),
    )
    .await;
    assert_eq!(res.status(), 303);
    assert!(!app
        .page("/services")
        .await
        .1
        .contains(&format!("/services/{CODE}\"")));
    assert_eq!(
        app.page(&format!("/services/{CODE}")).await.0,
        404,
        "not public before review"
    );
    let (_, list) = app.page_as("/staff/services", &writer).await;
    assert!(list.contains("有修改待审核"));
    let imported = audit_actions(&app)
        .await
        .iter()
        .filter(|a| *a == "service.imported")
        .count();
    assert_eq!(imported, count);
    assert_eq!(review(&app, &reviewer, CODE, "approve").await.status(), 303);
    let (status, page) = app.page(&format!("/services/{CODE}")).await;
    assert_eq!(status, 200);
    assert!(page.contains(&original_name()));
    // The CSV of the same catalogue, imported again, proposes no change
    // to the approved guide's content but is accepted as a change to review.
    let res = crate::common::post_multipart(
        &app,
        "/staff/services",
        &writer,
        upload("x.csv", csv.clone()),
    )
    .await;
    assert_eq!(res.status(), 303);
    let (pending,): (Option<String>,) =
        sqlx::query_as("SELECT pending FROM services WHERE code = $1")
            .bind(CODE)
            .fetch_one(app.db.pool())
            .await
            .expect("pending");
    let pending: gongkai::services::types::Service =
        serde_json::from_str(&pending.expect("waiting")).expect("guide");
    let original = gongkai::services::demo::services()
        .into_iter()
        .find(|s| s.code == CODE)
        .expect("demo guide");
    assert_eq!(pending, original, "CSV carries the guide whole");
    // Imported once more, the change it replaces is kept in the log.
    let res = crate::common::post_multipart(
        &app,
        "/staff/services",
        &writer,
        upload("x.csv", csv.clone()),
    )
    .await;
    assert_eq!(res.status(), 303);
    let (detail,): (String,) = sqlx::query_as(
        "SELECT detail FROM audit_log WHERE action = 'service.imported' AND target = $1 \
         ORDER BY seq DESC",
    )
    .bind(format!("事项 {CODE}"))
    .fetch_one(app.db.pool())
    .await
    .expect("audit");
    let detail: serde_json::Value = serde_json::from_str(&detail).expect("json");
    assert_eq!(detail["replaced"]["code"], CODE, "{detail}");
    // Bad files are refused whole, saying why, and nothing is imported.
    let before = audit_actions(&app).await.len();
    for (name, bytes, why) in [
        (
            "x.json",
            b"{\"format\":\"other/1\",\"exported_at\":\"\",\"source\":\"\",\"guides\":[]}".to_vec(),
            "本系统只能导入",
        ),
        ("x.json", b"{not json".to_vec(), "无法读取这个 JSON 文件"),
        ("x.csv", "编码,名称\nA,B\n".as_bytes().to_vec(), "表头"),
        (
            "x.json",
            json.replacen("\"promised_days\": ", "\"promised_days\": 9", 1)
                .into_bytes(),
            "承诺办结时限",
        ),
        (
            "x.json",
            json.replacen("出版物", "出版\\u0000物", 1).into_bytes(),
            "控制字符",
        ),
    ] {
        let res =
            crate::common::post_multipart(&app, "/staff/services", &writer, upload(name, bytes))
                .await;
        assert_eq!(res.status(), 400, "{why}");
        let page = res.text().await.expect("body");
        assert!(page.contains(why), "{why}: {page}");
    }
    assert_eq!(audit_actions(&app).await.len(), before);
    // Others may not import.
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let res = crate::common::post_multipart(
        &app,
        "/staff/services",
        &editor,
        upload("x.json", json.into_bytes()),
    )
    .await;
    assert_eq!(res.status(), 403);
}
