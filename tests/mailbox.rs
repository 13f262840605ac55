//! 局长信箱 and 投诉举报 on both databases: a letter's round trip (written
//! with a file, followed by number and code, read by a handler with the
//! file read audited, assigned, transferred, answered and published masked),
//! a report's (anonymous, handed to enforcement with its outcome), merging
//! and refusing, bad input refused with the entries kept, the public
//! statistics equal to the letters, and a letter open past three months
//! raised by the self-check.

use crate::common::{spawn_app, Engine, TestApp, PNG};
use gongkai::account::types::Role;
use reqwest::multipart::{Form, Part};

on_both_engines!(
    a_letter_round_trip_publishes_it_masked_and_counts_it,
    reports_merges_refusals_and_the_three_month_veto,
);

const ID_CARD: &str = "350102199001011238";
const MOBILE: &str = "13812345678";

fn form(fields: &[(&str, &str)], files: &[(&str, &[u8])]) -> Form {
    let mut f = Form::new();
    for (k, v) in fields {
        f = f.text((*k).to_owned(), (*v).to_owned());
    }
    for (name, bytes) in files {
        f = f.part(
            "file",
            Part::bytes(bytes.to_vec()).file_name((*name).to_owned()),
        );
    }
    f
}

async fn post(app: &TestApp, f: Form) -> reqwest::Response {
    app.client
        .post(app.url("/mailbox/write"))
        .multipart(f)
        .send()
        .await
        .expect("post")
}

/// Writes a letter; returns its number and query code.
async fn write(
    app: &TestApp,
    fields: &[(&str, &str)],
    files: &[(&str, &[u8])],
) -> (String, String) {
    let res = post(app, form(fields, files)).await;
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
    let query = location
        .strip_prefix("/mailbox/lookup?")
        .expect("the lookup");
    let pairs: std::collections::HashMap<String, String> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    (pairs["number"].clone(), pairs["code"].clone())
}

fn director(subject: &str, body: &str) -> Vec<(&'static str, String)> {
    vec![
        ("channel", "director".to_owned()),
        ("subject", subject.to_owned()),
        ("body", body.to_owned()),
        ("writer", "王小明".to_owned()),
        ("contact", MOBILE.to_owned()),
        ("allow_public", "yes".to_owned()),
    ]
}

fn pairs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

async fn lookup(app: &TestApp, number: &str, code: &str) -> String {
    let (status, html) = app
        .page(&format!("/mailbox/lookup?number={number}&code={code}"))
        .await;
    assert_eq!(status, 200, "{html}");
    html
}

async fn step(app: &TestApp, cookie: &str, number: &str, fields: &[(&str, &str)]) -> (u16, String) {
    let res = app
        .post_form(&format!("/staff/mailbox/{number}"), cookie, fields)
        .await;
    let status = res.status().as_u16();
    (status, res.text().await.unwrap_or_default())
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(app.db.pool())
        .await
        .expect("audit");
    n
}

/// The public statistics row of `channel`'s current month, as the cells'
/// texts (收到, 办结, 按期办结率, 平均用时, 超过3个月未办结).
async fn figures(app: &TestApp, channel: &str) -> Vec<String> {
    let (status, html) = app.page("/mailbox").await;
    assert_eq!(status, 200);
    let table = html
        .split(&format!("{channel}每月办理情况"))
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .unwrap_or_else(|| panic!("no table for {channel}: {html}"))
        .to_owned();
    let row = table
        .split("<tbody>")
        .nth(1)
        .and_then(|b| b.split("</tr>").next())
        .expect("a row")
        .to_owned();
    row.split("<td")
        .skip(1)
        .map(|c| {
            let text = c.split('>').nth(1).unwrap_or_default();
            text.split('<').next().unwrap_or_default().to_owned()
        })
        .collect()
}

async fn a_letter_round_trip_publishes_it_masked_and_counts_it(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let (status, html) = app.page("/mailbox").await;
    assert_eq!(status, 200);
    assert!(html.contains("还没有公开的来信"), "{html}");
    // Cached before the letter comes: the statistics still move.
    let body = format!(
        "我是王小明，身份证{ID_CARD}，手机{MOBILE}。建议在农家书屋公开配书目录，方便村民提前了解。"
    );
    let fields = director("建议公开农家书屋配书目录", &body);
    let (number, code) = write(&app, &pairs(&fields), &[("照片.png", PNG)]).await;
    assert!(number.starts_with("XJ"), "{number}");
    assert_eq!(
        figures(&app, "局长信箱").await,
        ["1", "0", "—", "—", "0"],
        "received, nothing closed"
    );

    // The writer follows it up; a wrong code is refused.
    let html = lookup(&app, &number, &code).await;
    for text in [
        "收到来信",
        "办理中（剩余",
        "建议公开农家书屋配书目录",
        "1 个",
    ] {
        assert!(html.contains(text), "{text}: {html}");
    }
    let (status, html) = app
        .page(&format!("/mailbox/lookup?number={number}&code=000000"))
        .await;
    assert_eq!(status, 400);
    assert!(html.contains("信件编号或查询码不正确"), "{html}");

    // Handlers only.
    let editor = app.staff("bianji-x", &[Role::Editor]).await;
    assert_eq!(app.get_as("/staff/mailbox", &editor).await.status(), 403);
    let (status, _) = step(
        &app,
        &editor,
        &number,
        &[("action", "assign"), ("department", "出版处")],
    )
    .await;
    assert_eq!(status, 403);
    let handler = app.staff("banli-x", &[Role::Handler]).await;
    let (status, html) = app.page_as("/staff/mailbox", &handler).await;
    assert_eq!(status, 200);
    assert!(html.contains(&number) && html.contains("待交办"), "{html}");
    // On the handler's dashboard too, with its time left.
    let (_, dash) = app.page_as("/staff", &handler).await;
    assert!(
        dash.contains("待办理的来信（1封）") && dash.contains(&format!("/staff/mailbox/{number}")),
        "{dash}"
    );
    assert!(!app
        .page_as("/staff", &editor)
        .await
        .1
        .contains("待办理的来信"));
    let (_, html) = app
        .page_as(&format!("/staff/mailbox/{number}"), &handler)
        .await;
    assert!(html.contains("王小明") && html.contains(MOBILE), "{html}");

    // Opening the file is audited.
    let (file,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM letter_files")
        .fetch_one(app.db.pool())
        .await
        .expect("file");
    assert!(
        html.contains(&format!("/staff/mailbox/{number}/files/{file}")),
        "{html}"
    );
    let res = app
        .get_as(&format!("/staff/mailbox/{number}/files/{file}"), &handler)
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.expect("bytes").as_ref(), PNG);
    assert_eq!(audit_count(&app, "letter.file_read").await, 1);
    assert_eq!(
        app.get_as(&format!("/staff/mailbox/{number}/files/{file}"), &editor)
            .await
            .status(),
        403
    );

    // Assigned, then transferred; the same department again is refused.
    let (status, _) = step(
        &app,
        &handler,
        &number,
        &[("action", "assign"), ("department", "出版处")],
    )
    .await;
    assert_eq!(status, 303);
    let (status, html) = step(
        &app,
        &handler,
        &number,
        &[
            ("action", "assign"),
            ("department", "出版处"),
            ("note", "请核实"),
        ],
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        html.contains("已由该部门办理") && html.contains("请核实"),
        "{html}"
    );
    let (status, _) = step(
        &app,
        &handler,
        &number,
        &[("action", "assign"), ("department", "印刷发行处")],
    )
    .await;
    assert_eq!(status, 303);
    let html = lookup(&app, &number, &code).await;
    for text in [
        "交办",
        "已交出版处办理。",
        "转办",
        "已由出版处转交印刷发行处办理。",
    ] {
        assert!(html.contains(text), "{text}: {html}");
    }

    // A reply without its text is refused with the entries kept.
    let (status, html) = step(
        &app,
        &handler,
        &number,
        &[
            ("action", "reply"),
            ("reply_department", "印刷发行处"),
            ("reply", " "),
        ],
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        html.contains("请填写答复内容") && html.contains("value=\"印刷发行处\""),
        "{html}"
    );
    // Published with the handler's text, unmasked by mistake: masked again.
    let reply = "感谢建议。各地农家书屋的配书目录将于每年一季度在本网站公开。";
    let (status, _) = step(
        &app,
        &handler,
        &number,
        &[
            ("action", "reply"),
            ("reply_department", "印刷发行处"),
            ("reply", reply),
            ("publish", "yes"),
            ("public_subject", "建议公开农家书屋配书目录"),
            ("public_body", &body),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (status, public) = app.page(&format!("/mailbox/{number}")).await;
    assert_eq!(status, 200);
    assert!(public.contains(reply) && public.contains("王*"), "{public}");
    for secret in [ID_CARD, MOBILE, "王小明"] {
        assert!(!public.contains(secret), "{secret}: {public}");
    }
    let (_, sitemap) = app.page("/sitemap/0.xml").await;
    assert!(sitemap.contains(&format!("/mailbox/{number}")), "{sitemap}");
    let (_, list) = app.page("/mailbox").await;
    assert!(
        list.contains(&format!("/mailbox/{number}")) && !list.contains(MOBILE),
        "{list}"
    );
    assert_eq!(
        figures(&app, "局长信箱").await,
        ["1", "1", "100.0%", "0.0", "0"]
    );
    let html = lookup(&app, &number, &code).await;
    assert!(
        html.contains("已答复") && html.contains(reply) && html.contains("本信及答复已公开"),
        "{html}"
    );
    // Twice is a conflict.
    let (status, _) = step(
        &app,
        &handler,
        &number,
        &[
            ("action", "reply"),
            ("reply_department", "印刷发行处"),
            ("reply", "再答复"),
        ],
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(audit_count(&app, "letter.replied").await, 1);
    assert_eq!(audit_count(&app, "letter.transferred").await, 1);
    // A letter whose writer did not allow it is never published.
    let mut private = director("不愿公开的来信", "请核查某出版社的图书质量问题，书名另附。");
    private.retain(|(k, _)| *k != "allow_public");
    let (hidden, _) = write(&app, &pairs(&private), &[]).await;
    let (status, _) = step(
        &app,
        &handler,
        &hidden,
        &[
            ("action", "reply"),
            ("reply_department", "出版处"),
            ("reply", "已核查。"),
            ("publish", "yes"),
            ("public_subject", "不愿公开的来信"),
            ("public_body", "内容"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(app.page(&format!("/mailbox/{hidden}")).await.0, 404);
}

async fn reports_merges_refusals_and_the_three_month_veto(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let handler = app.staff("banli-y", &[Role::Handler]).await;

    // Refused field by field, the entries kept (files must be chosen again).
    let res = post(
        &app,
        form(
            &[("channel", "report"), ("subject", "盗版书"), ("body", "短")],
            &[("说明.txt", b"plain text")],
        ),
    )
    .await;
    assert_eq!(res.status(), 400);
    let html = res.text().await.expect("body");
    for text in [
        "错误：投诉举报",
        "请选择举报类别",
        "请写清楚举报的事实",
        "请填写姓名或单位名称，或选择匿名举报",
        "不是 PDF、JPEG 或 PNG 文件",
        "value=\"盗版书\"",
    ] {
        assert!(html.contains(text), "{text}: {html}");
    }
    let four: Vec<(&str, &[u8])> = (0..4).map(|_| ("a.png", PNG)).collect();
    let res = post(&app, form(&[("channel", "director")], &four)).await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.expect("body").contains("附件最多 3 个"));
    let res = post(
        &app,
        form(&[("channel", "director"), ("subject", "a\u{0}b")], &[]),
    )
    .await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.expect("body").contains("无法识别的字符"));

    // An anonymous report, handed to enforcement, its outcome recorded.
    let (report, code) = write(
        &app,
        &[
            ("channel", "report"),
            ("category", "piracy"),
            ("subject", "校门口书店销售盗版教辅"),
            ("body", "某小学门口的文具书店在卖盗版教辅，印刷模糊。"),
            ("anonymous", "yes"),
            ("writer", "不该保存"),
            ("contact", "13900000000"),
        ],
        &[],
    )
    .await;
    assert!(report.starts_with("JB"), "{report}");
    let (_, html) = app
        .page_as(&format!("/staff/mailbox/{report}"), &handler)
        .await;
    assert!(
        html.contains("匿名") && !html.contains("不该保存") && !html.contains("13900000000"),
        "{html}"
    );
    let (status, html) = step(
        &app,
        &handler,
        &report,
        &[("action", "refer"), ("referral", "")],
    )
    .await;
    assert_eq!(status, 400);
    assert!(html.contains("请填写移交文号"), "{html}");
    let (status, _) = step(
        &app,
        &handler,
        &report,
        &[("action", "refer"), ("referral", "闽新广执移〔2026〕1号")],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(
        figures(&app, "投诉举报").await,
        ["1", "1", "100.0%", "0.0", "0"]
    );
    let (status, _) = step(
        &app,
        &handler,
        &report,
        &[
            ("action", "outcome"),
            ("outcome", "查获盗版教辅312册，已没收并立案调查。"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (status, _) = step(
        &app,
        &handler,
        &report,
        &[("action", "outcome"), ("outcome", "再次")],
    )
    .await;
    assert_eq!(status, 409);
    let html = lookup(&app, &report, &code).await;
    for text in [
        "已移交执法",
        "闽新广执移〔2026〕1号",
        "查处结果",
        "查获盗版教辅312册",
    ] {
        assert!(html.contains(text), "{text}: {html}");
    }
    // Never public.
    assert_eq!(app.page(&format!("/mailbox/{report}")).await.0, 404);
    assert!(!app.page("/mailbox").await.1.contains("校门口书店"));

    // A duplicate merged into the first letter gets its answer.
    let (first, _) = write(
        &app,
        &pairs(&director(
            "有线电视卡顿",
            "仓山区有线电视晚上经常卡顿，请督促运营商处理。",
        )),
        &[],
    )
    .await;
    let (dup, dup_code) = write(
        &app,
        &pairs(&director(
            "有线电视总是卡",
            "晚上七八点有线电视经常卡住，已经好几个星期。",
        )),
        &[],
    )
    .await;
    for into in [dup.as_str(), "XJ20000101000000", ""] {
        let (status, html) =
            step(&app, &handler, &dup, &[("action", "merge"), ("into", into)]).await;
        assert_eq!(status, 400, "{into}");
        assert!(html.contains("信件编号"), "{html}");
    }
    // A director's letter cannot be handed to enforcement.
    let (status, _) = step(
        &app,
        &handler,
        &dup,
        &[("action", "refer"), ("referral", "X")],
    )
    .await;
    assert_eq!(status, 409);
    let (status, _) = step(
        &app,
        &handler,
        &dup,
        &[("action", "merge"), ("into", &first.to_lowercase())],
    )
    .await;
    assert_eq!(status, 303);
    let (status, _) = step(
        &app,
        &handler,
        &first,
        &[
            ("action", "reply"),
            ("reply_department", "传媒机构管理处"),
            ("reply", "已督促运营商完成线路改造。"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let html = lookup(&app, &dup, &dup_code).await;
    for text in [
        "已合并办理",
        "合并办理",
        "传媒机构管理处答复：已督促运营商完成线路改造。",
    ] {
        assert!(html.contains(text), "{text}: {html}");
    }

    // Refused with a reason.
    let (other, other_code) = write(
        &app,
        &pairs(&director(
            "物业费太高",
            "我们小区的物业费比周边高很多，请领导过问。",
        )),
        &[],
    )
    .await;
    let (status, html) = step(
        &app,
        &handler,
        &other,
        &[("action", "reject"), ("reason", "")],
    )
    .await;
    assert_eq!(status, 400);
    assert!(html.contains("请写明不予受理的理由"), "{html}");
    let (status, _) = step(
        &app,
        &handler,
        &other,
        &[
            ("action", "reject"),
            ("reason", "物业收费不属于本局职责，请向住建部门反映。"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let html = lookup(&app, &other, &other_code).await;
    assert!(
        html.contains("不予受理") && html.contains("物业收费不属于本局职责"),
        "{html}"
    );
    assert_eq!(
        figures(&app, "局长信箱").await[..2],
        ["3".to_owned(), "3".to_owned()]
    );

    // Left open for more than three months: red, and a veto on the self-check.
    let (late, _) = write(
        &app,
        &pairs(&director(
            "农家书屋开放时间",
            "村里的农家书屋经常不开门，希望规定开放时间。",
        )),
        &[],
    )
    .await;
    app.state.shift_clock(100 * 86_400);
    let found: Vec<_> = gongkai::monitor::check::run(&app.state)
        .await
        .expect("check")
        .into_iter()
        .filter(|f| f.rule == "letter_stale")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].link, format!("/staff/mailbox/{late}"));
    assert_eq!(found[0].severity, gongkai::monitor::types::Severity::Veto);
    let (_, html) = app.page_as("/staff/mailbox", &handler).await;
    assert!(
        html.contains("红灯：超期") && html.contains("已超过3个月"),
        "{html}"
    );
    assert_eq!(figures(&app, "局长信箱").await[4], "1");
}
