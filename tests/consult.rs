//! Online consultation over HTTP, on both databases: asking (bad entries
//! kept), the asker's lookup by number and code, staff answering within the
//! clock, publication only when the asker allowed it, the contact never
//! public, FAQ on the guide, Q&A in the site search, and the rate limit.
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
    a_question_is_asked_answered_and_published,
    a_question_not_allowed_public_stays_private,
    bad_questions_are_refused_with_entries_kept,
    the_public_answers_filter_and_the_demo_has_some,
    asking_is_limited_per_client,
    personal_data_in_a_published_question_is_masked,
);

const SERVICE: &str = "350000-XW-XK-001";
const CONTACT: &str = "13912345678";

/// Asks; returns (status, location or body).
async fn ask(app: &TestApp, fields: &[(&str, &str)]) -> (u16, String) {
    let res = app
        .client
        .post(app.url("/consult/ask"))
        .form(fields)
        .send()
        .await
        .expect("ask");
    let status = res.status().as_u16();
    match res.headers().get("location") {
        Some(l) => (status, l.to_str().unwrap_or_default().to_owned()),
        None => (status, res.text().await.unwrap_or_default()),
    }
}

fn question<'a>(topic: &'a str, allow: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("service", SERVICE),
        ("topic", topic),
        ("question", "批发许可证到期后换证需要重新提交哪些材料？"),
        ("asker", "测试咨询人"),
        ("contact", CONTACT),
        ("allow_public", allow),
    ]
}

/// The query value `key` of a location.
fn param(location: &str, key: &str) -> String {
    location
        .split(['?', '&'])
        .find_map(|p| p.strip_prefix(&format!("{key}=")))
        .unwrap_or_default()
        .to_owned()
}

async fn a_question_is_asked_answered_and_published(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (status, location) = ask(&app, &question("批发许可证换证材料", "yes")).await;
    assert_eq!(status, 303, "{location}");
    let (number, code) = (param(&location, "number"), param(&location, "code"));
    assert!(number.starts_with("ZX"), "{number}");
    assert_eq!(code.len(), 6);

    // The asker sees it waiting, with the day it is due.
    let (status, page) = app.page(&location).await;
    assert_eq!(status, 200);
    assert!(page.contains("咨询已提交"));
    assert!(page.contains("待答复（剩余 5 个工作日）"));
    assert!(page.contains("答复期限"));
    // A wrong code answers like an unknown number.
    let (status, wrong) = app
        .page(&format!("/consult/lookup?number={number}&code=000000"))
        .await;
    assert_eq!(status, 400);
    assert!(wrong.contains("咨询编号或查询码不正确"));
    assert!(!wrong.contains("批发许可证换证材料"));
    // Not public before it is answered.
    assert_eq!(app.page(&format!("/consult/{number}")).await.0, 404);

    // Staff see it in their queue and on the dashboard, with the contact.
    let staff = app.staff("zixun", &[Role::Handler]).await;
    assert_ne!(app.get("/staff/consult").await.status(), 200);
    let (status, queue) = app.page_as("/staff/consult", &staff).await;
    assert_eq!(status, 200);
    let row = queue
        .split("<tr>")
        .find(|r| r.contains(&number))
        .unwrap_or_default();
    assert!(row.contains("剩余 5 个工作日"), "{row}");
    let (_, dashboard) = app.page_as("/staff", &staff).await;
    assert!(dashboard.contains(&number));
    let page_path = format!("/staff/consult/{number}");
    let (_, detail) = app.page_as(&page_path, &staff).await;
    assert!(detail.contains(CONTACT));

    // An empty answer is refused; then answered, published, listed as FAQ.
    let res = app
        .post_form(&page_path, &staff, &[("answer", ""), ("department", "")])
        .await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.unwrap_or_default();
    assert!(body.contains("请填写答复内容"));
    assert!(body.contains("请填写答复部门"));
    let answer = [
        (
            "answer",
            "换证时提交申请书、营业执照和原许可证即可，可全程网上办理。",
        ),
        ("department", "行政审批处"),
        ("publish", "yes"),
        ("faq", "yes"),
    ];
    let res = app.post_form(&page_path, &staff, &answer).await;
    assert_eq!(res.status(), 303);
    let res = app.post_form(&page_path, &staff, &answer).await;
    assert_eq!(res.status(), 400, "answered once only");

    // The asker reads the answer.
    let (_, page) = app
        .page(&format!("/consult/lookup?number={number}&code={code}"))
        .await;
    assert!(page.contains("已答复"));
    assert!(page.contains("可全程网上办理"));

    // The public Q&A: 受理日期, 答复日期, 答复部门, 答复内容, never the contact or name.
    let (status, public) = app.page(&format!("/consult/{number}")).await;
    assert_eq!(status, 200);
    for label in [
        "受理日期",
        "答复日期",
        "答复部门",
        "行政审批处",
        "可全程网上办理",
    ] {
        assert!(public.contains(label), "public Q&A lacks {label}");
    }
    for page in [
        public,
        app.page("/consult").await.1,
        app.page(&format!("/services/{SERVICE}")).await.1,
    ] {
        assert!(!page.contains(CONTACT));
        assert!(!page.contains("测试咨询人"));
    }
    let (_, list) = app.page("/consult").await;
    assert!(list.contains("批发许可证换证材料"));
    // The guide lists it among its FAQ.
    let (_, guide) = app.page(&format!("/services/{SERVICE}")).await;
    let faq = guide.split("id=\"faq\"").nth(1).unwrap_or_default();
    assert!(faq.contains("批发许可证换证材料"));
    // The site search finds it.
    let (_, found) = app
        .page(&format!("/search?q={}&kind=consult", encode("换证")))
        .await;
    assert!(
        found.contains(&format!("/consult/{number}")),
        "found by search"
    );
    let (_, sitemap) = app.page("/sitemap/0.xml").await;
    assert!(
        sitemap.contains(&format!("/consult/{number}")),
        "in the sitemap"
    );
}

async fn a_question_not_allowed_public_stays_private(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (status, location) = ask(&app, &question("不公开的咨询", "")).await;
    assert_eq!(status, 303, "{location}");
    let number = param(&location, "number");
    let staff = app.staff("zixun2", &[Role::Handler]).await;
    let page_path = format!("/staff/consult/{number}");
    let (_, detail) = app.page_as(&page_path, &staff).await;
    assert!(detail.contains("不同意（答复不会公开）"));
    assert!(!detail.contains("name=\"publish\""), "no choice to publish");
    // Even a forged publish flag does not publish it.
    let res = app
        .post_form(
            &page_path,
            &staff,
            &[
                ("answer", "请到窗口当面咨询。"),
                ("department", "办公室"),
                ("publish", "yes"),
                ("faq", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(app.page(&format!("/consult/{number}")).await.0, 404);
    assert!(!app.page("/consult").await.1.contains("不公开的咨询"));
    let (_, found) = app.page(&format!("/search?q={}", encode("当面咨询"))).await;
    assert!(!found.contains(&number));
}

/// A form's fields, and the messages its refusal must show.
type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);

async fn bad_questions_are_refused_with_entries_kept(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let cases: &[Case] = &[
        (
            &[],
            &[
                "请填写咨询主题",
                "请把问题写清楚",
                "请填写姓名",
                "请填写联系方式",
            ],
        ),
        (
            &[
                ("topic", "换证"),
                ("question", "要多久？"),
                ("asker", "张三"),
                ("contact", "12345"),
            ],
            &["至少 5 个字", "联系方式应为"],
        ),
        (
            &[
                ("service", "NO-SUCH"),
                ("topic", "换证"),
                ("question", "换证要准备什么材料？"),
                ("asker", "张三"),
                ("contact", "zhang@example.cn"),
            ],
            &["请从列表中选择所涉事项"],
        ),
    ];
    for (fields, messages) in cases {
        let (status, page) = ask(&app, fields).await;
        assert_eq!(status, 400, "{fields:?}");
        assert!(page.contains("<title>错误：我要咨询"));
        for m in *messages {
            assert!(page.contains(m), "{fields:?}: lacks {m}");
        }
        for (_, v) in *fields {
            if !v.is_empty() && *v != "NO-SUCH" {
                assert!(page.contains(v), "{fields:?}: {v} not kept");
            }
        }
    }
    // Lookups without both parts are told what is missing.
    let (status, page) = app.page("/consult/lookup?number=&code=").await;
    assert_eq!(status, 400);
    assert!(page.contains("请填写咨询编号"));
    // An unknown service filter is refused in Chinese.
    let (status, page) = app.page("/consult?service=NO-SUCH").await;
    assert_eq!(status, 400);
    assert!(page.contains("没有这个事项"));
}

async fn the_public_answers_filter_and_the_demo_has_some(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (status, all) = app.page("/consult").await;
    assert_eq!(status, 200);
    assert!(all.contains("变更地址"));
    assert!(all.contains("如何申请公开政府信息"));
    // The demo's private question is not listed.
    assert!(!all.contains("个人可以办理出版物零售吗"));
    let (_, one) = app.page(&format!("/consult?service={SERVICE}")).await;
    assert!(one.contains("变更地址"));
    assert!(!one.contains("如何申请公开政府信息"));
    let (_, words) = app
        .page(&format!("/consult?q={}", encode("政府信息")))
        .await;
    assert!(words.contains("如何申请公开政府信息"));
    assert!(!words.contains("变更地址"));
    // The guide shows the FAQ the demo marked.
    let (_, guide) = app.page(&format!("/services/{SERVICE}")).await;
    let faq = guide.split("id=\"faq\"").nth(1).unwrap_or_default();
    assert!(faq.contains("变更地址"));
    assert!(!faq.contains("个人可以办理"));
    // Staff queue: the demo's two open questions, the older first.
    let staff = app.staff("zixun3", &[Role::Handler]).await;
    let (_, queue) = app.page_as("/staff/consult", &staff).await;
    let first = queue.find("电影放映单位设立").unwrap_or(usize::MAX);
    let second = queue.find("卫星电视接收设施").unwrap_or(0);
    assert!(first < second, "least time left first");
}

async fn asking_is_limited_per_client(engine: Engine) {
    let app = spawn_app_with(engine, true, |s| {
        s.submissions_per_hour = 2;
        s.client_ip_header = Some("x-real-ip".to_owned());
    })
    .await;
    let post = |ip: &'static str| {
        app.client
            .post(app.url("/consult/ask"))
            .header("x-real-ip", ip)
            .form(&question("限流", "yes"))
            .send()
    };
    for _ in 0..2 {
        assert_eq!(post("10.0.0.1").await.expect("ask").status(), 303);
    }
    let res = post("10.0.0.1").await.expect("ask");
    assert_eq!(res.status(), 429);
    assert!(res
        .text()
        .await
        .unwrap_or_default()
        .contains("提交过于频繁"));
    assert_eq!(post("10.0.0.2").await.expect("ask").status(), 303);
}

async fn personal_data_in_a_published_question_is_masked(engine: Engine) {
    let app = spawn_app(engine, false).await;
    gongkai::demo::load_if_empty(&app.db).await.expect("demo");
    let id_no = "350102199001011238";
    let mobile = "13812345678";
    let text =
        format!("我叫张伟明，身份证号{id_no}，手机{mobile}，张伟明的出版物经营许可证换证要多久？");
    let fields = vec![
        ("service", SERVICE),
        ("topic", "张伟明换证咨询"),
        ("question", text.as_str()),
        ("asker", "张伟明"),
        ("contact", CONTACT),
        ("allow_public", "yes"),
    ];
    let (status, location) = ask(&app, &fields).await;
    assert_eq!(status, 303, "{location}");
    let number = param(&location, "number");
    let staff = app.staff("zixun", &[Role::Handler]).await;
    let page_path = format!("/staff/consult/{number}");
    // The handler sees the original and the masked text that will be public.
    let (_, detail) = app.page_as(&page_path, &staff).await;
    assert!(detail.contains(id_no), "staff see the original");
    assert!(detail.contains("name=\"public_question\""));
    assert!(
        detail.contains("350102********1238"),
        "the suggestion is masked"
    );
    // The handler edits the public text, and slips a mobile number back in:
    // it is masked again on the way.
    let res = app
        .post_form(
            &page_path,
            &staff,
            &[
                ("answer", "一般 5 个工作日内办结。"),
                ("department", "行政审批处"),
                ("publish", "yes"),
                ("public_topic", "张*明换证咨询"),
                (
                    "public_question",
                    &format!("张*明：换证要多久？联系 {mobile}"),
                ),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (status, public) = app.page(&format!("/consult/{number}")).await;
    assert_eq!(status, 200);
    let (_, list) = app.page("/consult").await;
    let (_, found) = app
        .page(&format!("/search?q={}&kind=consult", encode("换证")))
        .await;
    let (_, by_number) = app.page(&format!("/consult?q={}", encode(mobile))).await;
    for page in [&public, &list, &found] {
        assert!(!page.contains(id_no), "no ID number in public");
        assert!(!page.contains(mobile), "no mobile in public");
        assert!(!page.contains("张伟明"), "no asker's name in public");
    }
    assert!(public.contains("138****5678"));
    assert!(
        !by_number.contains(&number),
        "the original is not searchable"
    );
    // The original stays for staff.
    let (_, detail) = app.page_as(&page_path, &staff).await;
    assert!(detail.contains(id_no));
}
