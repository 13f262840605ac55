//! The 舆情 log on both databases: a 重大 concern's hour clocks (red past
//! 5 hours, the conference's 24), an ordinary one's working-day clock,
//! the response linked from what the portal published (its page then
//! shows when the concern arose and how long the answer took, cached or
//! not), the decision not to respond, the dashboard and digest lines,
//! who may do what, bad input refused with the entries kept, and every
//! step in the audit log.

use crate::common::{
    approve, article_form, spawn_app, submit_form, submit_new_of, Engine, TestApp,
};
use gongkai::account::types::Role;
use gongkai::notify::digest::Queue;
use gongkai::ui::format::{datetime_zh, local_input as local, parse_local};

on_both_engines!(
    a_major_concern_runs_on_hours_and_its_response_shows_both_times,
    an_ordinary_concern_runs_on_working_days_and_can_be_declined,
);

const SUMMARY: &str = "网民反映某影院放映未取得公映许可的影片，张三15012345678称已投诉多次。";

async fn record(app: &TestApp, cookie: &str, level: &str, noticed: &str) -> i64 {
    let res = app
        .post_form(
            "/staff/concerns",
            cookie,
            &[
                ("level", level),
                ("outlet", "本地论坛"),
                ("source_url", "https://bbs.example.cn/t/42"),
                ("noticed", noticed),
                ("summary", SUMMARY),
                ("department", "电影处"),
            ],
        )
        .await;
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
    assert!(location.ends_with("?notice=concern_recorded"), "{location}");
    location
        .trim_start_matches("/staff/concerns/")
        .split('?')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id")
}

async fn link(
    app: &TestApp,
    cookie: &str,
    id: i64,
    article: i64,
    conference: bool,
) -> reqwest::Response {
    app.post_form(
        &format!("/staff/concerns/{id}"),
        cookie,
        &[
            ("action", "link"),
            ("article", &article.to_string()),
            ("conference", if conference { "yes" } else { "" }),
        ],
    )
    .await
}

/// A press conference (新闻发布, 子类别 新闻发布会) published through review.
async fn conference(app: &TestApp, editor: &str, reviewer: &str, title: &str) -> i64 {
    let form = article_form(title, "发布会实录。", "submit").text("subtype", "conference");
    let id = submit_form(app, editor, "release", form).await;
    assert_eq!(approve(app, reviewer, id).await.status(), 303);
    id
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(app.db.pool())
        .await
        .expect("audit");
    n
}

async fn a_major_concern_runs_on_hours_and_its_response_shows_both_times(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let editor = app.staff("bianji-q", &[Role::Editor]).await;
    let reviewer = app.staff("shenhe-q", &[Role::Reviewer]).await;
    let handler = app.staff("banjian-q", &[Role::Handler]).await;
    let now = app.state.now();
    // Noticed six hours ago: the five hours to authoritative information are up.
    let noticed = local(now - 6 * 3600);
    let noticed_at = parse_local(&noticed).expect("time");
    let id = record(&app, &editor, "2", &noticed).await;

    let (status, page) = app.page_as(&format!("/staff/concerns/{id}"), &editor).await;
    assert_eq!(status, 200);
    for text in [
        "重大（Ⅱ级）",
        "本地论坛",
        SUMMARY,
        "发布权威信息",
        &format!("{}前", datetime_zh(noticed_at + 5 * 3600)),
        "红灯：已超时1小时",
        "举行新闻发布会",
        &format!("{}前", datetime_zh(noticed_at + 24 * 3600)),
        "app-urgency--green\">还剩1",
    ] {
        assert!(page.contains(text), "{text}: {page}");
    }
    // On the dashboard of editors and reviewers, with the digest's red line.
    let (_, dash) = app.page_as("/staff", &reviewer).await;
    assert!(dash.contains("待回应的舆情（1条）"), "{dash}");
    let lines = gongkai::notify::digest::lines(&app.state, app.state.today())
        .await
        .expect("lines");
    let ours: Vec<_> = lines
        .iter()
        .filter(|l| l.queue == Queue::Concerns)
        .collect();
    assert_eq!(ours.len(), 1, "{ours:?}");
    assert!(
        ours[0].red && ours[0].what.contains("发布权威信息"),
        "{ours:?}"
    );
    let (_, dash) = app.page_as("/staff", &editor).await;
    assert!(
        dash.contains(&format!("舆情 {id}（重大（Ⅱ级），本地论坛）：发布权威信息")),
        "{dash}"
    );
    // The self-check raises it too.
    let overdue = |findings: Vec<gongkai::monitor::types::Finding>| {
        findings
            .into_iter()
            .filter(|f| f.rule == "concern_overdue")
            .map(|f| (f.what, f.link))
            .collect::<Vec<_>>()
    };
    let found = overdue(
        gongkai::monitor::check::run(&app.state)
            .await
            .expect("check"),
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].0.contains("发布权威信息已超时1小时"), "{found:?}");
    assert_eq!(found[0].1, format!("/staff/concerns/{id}"));

    // Only editors and reviewers; never the public.
    assert_eq!(app.get_as("/staff/concerns", &handler).await.status(), 403);
    assert_eq!(link(&app, &handler, id, 1, false).await.status(), 403);
    let (_, anonymous) = app.page("/staff/concerns").await;
    assert!(!anonymous.contains("本地论坛"));
    let (_, search) = app.page("/search?q=公映许可").await;
    assert!(!search.contains("本地论坛"), "the log is not searchable");

    // A response not yet published cannot answer it; once approved it can.
    let response = submit_new_of(
        &app,
        &editor,
        "response",
        "关于网民反映影院放映无证影片问题的回应",
        "经查，该影院已停业整顿。",
    )
    .await;
    let res = link(&app, &editor, id, response, true).await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.unwrap_or_default();
    assert!(body.contains("只能关联本网站已发布的回应关切"), "{body}");
    assert_eq!(approve(&app, &reviewer, response).await.status(), 303);
    // Its page is in the cache before the link …
    let article = format!("/articles/{response}");
    let (_, before) = app.page(&article).await;
    assert!(!before.contains("关切发生于"));
    let (_, page) = app.page_as(&format!("/staff/concerns/{id}"), &editor).await;
    assert!(
        page.contains("关于网民反映影院放映无证影片问题的回应"),
        "offered: {page}"
    );
    assert_eq!(link(&app, &editor, id, response, false).await.status(), 303);

    // … and shows the times after it, to the minute; nothing else of the log.
    let (_, after) = app.page(&article).await;
    let published_at: (i64,) = sqlx::query_as("SELECT published_at FROM articles WHERE id = $1")
        .bind(response)
        .fetch_one(app.db.pool())
        .await
        .expect("published");
    let took = gongkai::concerns::types::span_zh(published_at.0 - noticed_at);
    assert!(took.starts_with('6'), "{took}");
    let timing = format!(
        "关切发生于{}，本回应于{}发布，用时{took}。",
        datetime_zh(noticed_at),
        datetime_zh(published_at.0)
    );
    assert!(after.contains(&timing), "{timing}: {after}");
    for private in ["本地论坛", "电影处", "15012345678", "bbs.example.cn"] {
        assert!(!after.contains(private), "{private}");
    }

    assert!(overdue(
        gongkai::monitor::check::run(&app.state)
            .await
            .expect("check")
    )
    .is_empty());
    // The first clock stopped, late; the conference is still due.
    let (_, page) = app.page_as(&format!("/staff/concerns/{id}"), &editor).await;
    assert!(page.contains("（超过时限）"), "{page}");
    assert!(!page.contains("红灯"), "{page}");
    assert!(page.contains("待回应"), "{page}");
    let (_, dash) = app.page_as("/staff", &reviewer).await;
    assert!(dash.contains("待回应的舆情（1条）"), "{dash}");

    // A press conference (filed as one) stops the second: answered.
    let held = conference(&app, &editor, &reviewer, "舆情处置情况新闻发布会").await;
    assert_eq!(link(&app, &editor, id, held, false).await.status(), 303);
    let (_, page) = app.page_as(&format!("/staff/concerns/{id}"), &editor).await;
    for text in ["已回应", "app-tag\">新闻发布会", "舆情处置情况新闻发布会"] {
        assert!(page.contains(text), "{text}: {page}");
    }
    let (_, dash) = app.page_as("/staff", &reviewer).await;
    assert!(!dash.contains("待回应的舆情"), "{dash}");

    // Twice is refused; a reviewer cannot decline what was answered.
    let res = link(&app, &editor, id, response, false).await;
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .unwrap_or_default()
        .contains("已经关联过了"));
    let res = app
        .post_form(
            &format!("/staff/concerns/{id}"),
            &reviewer,
            &[("action", "decline"), ("reason", "不需要")],
        )
        .await;
    assert_eq!(res.status(), 409);
    assert_eq!(audit_count(&app, "concern.recorded").await, 1);
    assert_eq!(audit_count(&app, "concern.answered").await, 2);
    assert_eq!(audit_count(&app, "concern.declined").await, 0);
}

async fn an_ordinary_concern_runs_on_working_days_and_can_be_declined(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji-r", &[Role::Editor]).await;
    let reviewer = app.staff("shenhe-r", &[Role::Reviewer]).await;
    let now = app.state.now();

    // Bad entries: each refused in Chinese, the entries kept, nothing stored.
    let res = app
        .post_form(
            "/staff/concerns",
            &editor,
            &[
                ("level", "7"),
                ("outlet", "微博"),
                ("source_url", "ftp://x"),
                ("noticed", &local(now + 3600)),
                ("summary", ""),
                ("department", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.unwrap_or_default();
    for text in [
        "<title>错误：舆情回应",
        "请选择舆情级别",
        "原文链接须以 https://",
        "发现时间不能晚于现在",
        "请填写舆情摘要",
        "请填写责任部门",
        "value=\"微博\"",
        "ftp://x",
    ] {
        assert!(page.contains(text), "{text}: {page}");
    }
    let res = app
        .post_form(
            "/staff/concerns",
            &editor,
            &[("level", "4"), ("outlet", "微博"), ("summary", "a\u{0}b")],
        )
        .await;
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .unwrap_or_default()
        .contains("无法识别的字符"));
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM concerns")
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    assert_eq!(n, 0);

    // 一般: two working days on the statutory calendar.
    let id = record(&app, &editor, "4", &local(now - 60)).await;
    let today = app.state.today();
    let due = app
        .state
        .calendar()
        .add_working_days(today, 2)
        .expect("due")
        .due;
    let (_, page) = app.page_as(&format!("/staff/concerns/{id}"), &editor).await;
    for text in [
        "作出回应".to_owned(),
        format!("{}前", gongkai::ui::format::date_zh(&due.to_string())),
        "黄灯：还剩2个工作日".to_owned(),
    ] {
        assert!(page.contains(&text), "{text}: {page}");
    }
    assert!(!page.contains("举行新闻发布会"));
    let lines = gongkai::notify::digest::lines(&app.state, today)
        .await
        .expect("lines");
    assert!(
        lines
            .iter()
            .any(|l| l.queue == Queue::Concerns && !l.red && l.due_on == due.to_string()),
        "{lines:?}"
    );

    // Judged again (研判): refused entries kept; raised to 重大 it runs on
    // hours from when it was noticed, and back.
    let judge = |level: &'static str, department: &'static str| {
        let (app, editor) = (&app, editor.clone());
        async move {
            app.post_form(
                &format!("/staff/concerns/{id}"),
                &editor,
                &[
                    ("action", "judge"),
                    ("level", level),
                    ("summary", "网民反映影院放映无证影片，转发量上升。"),
                    ("department", department),
                ],
            )
            .await
        }
    };
    let res = judge("2", "").await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.unwrap_or_default();
    assert!(page.contains("请填写责任部门"), "{page}");
    assert!(page.contains("转发量上升"), "entries kept: {page}");
    assert_eq!(judge("2", "电影处").await.status(), 303);
    let (_, page) = app.page_as(&format!("/staff/concerns/{id}"), &editor).await;
    for text in [
        "重大（Ⅱ级）",
        "发布权威信息",
        "举行新闻发布会",
        "转发量上升",
    ] {
        assert!(page.contains(text), "{text}: {page}");
    }
    assert_eq!(judge("4", "电影处").await.status(), 303);
    assert_eq!(audit_count(&app, "concern.judged").await, 2);

    // Declining is a reviewer's decision, with a reason kept on refusal.
    let decline = |who: String, reason: &'static str| {
        let app = &app;
        async move {
            app.post_form(
                &format!("/staff/concerns/{id}"),
                &who,
                &[("action", "decline"), ("reason", reason)],
            )
            .await
        }
    };
    assert_eq!(decline(editor.clone(), "属个人诉求").await.status(), 403);
    let res = decline(reviewer.clone(), "  ").await;
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .unwrap_or_default()
        .contains("请填写不予回应的理由"));
    assert_eq!(
        decline(reviewer.clone(), "经研判属个人诉求，已转信访渠道办理")
            .await
            .status(),
        303
    );
    let (_, page) = app.page_as(&format!("/staff/concerns/{id}"), &editor).await;
    for text in [
        "不予回应",
        "理由：经研判属个人诉求，已转信访渠道办理",
        "未计时（已结束）",
    ] {
        assert!(page.contains(text), "{text}: {page}");
    }
    assert!(
        !page.contains("name=\"article\""),
        "nothing to link once declined"
    );
    let lines = gongkai::notify::digest::lines(&app.state, today)
        .await
        .expect("lines");
    assert!(!lines.iter().any(|l| l.queue == Queue::Concerns));
    assert_eq!(decline(reviewer.clone(), "再次").await.status(), 409);
    assert_eq!(audit_count(&app, "concern.declined").await, 1);

    // A response to an ordinary concern counts working days.
    let other = record(&app, &editor, "3", &local(now - 60)).await;
    let response = submit_new_of(
        &app,
        &editor,
        "response",
        "关于影院检查情况的回应",
        "正文。",
    )
    .await;
    assert_eq!(approve(&app, &reviewer, response).await.status(), 303);
    assert_eq!(
        link(&app, &editor, other, response, false).await.status(),
        303
    );
    let (_, article) = app.page(&format!("/articles/{response}")).await;
    assert!(article.contains("用时不到1个工作日。"), "{article}");
    // 重大 with its information out but no conference yet; judged 较大,
    // the response it has is all it needs.
    let lowered = record(&app, &editor, "2", &local(now - 60)).await;
    assert_eq!(
        link(&app, &editor, lowered, response, false).await.status(),
        303
    );
    let (_, page) = app
        .page_as(&format!("/staff/concerns/{lowered}"), &editor)
        .await;
    assert!(page.contains("待回应"), "{page}");
    let res = app
        .post_form(
            &format!("/staff/concerns/{lowered}"),
            &editor,
            &[
                ("action", "judge"),
                ("level", "3"),
                ("summary", SUMMARY),
                ("department", "电影处"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, page) = app.page_as("/staff/concerns", &editor).await;
    assert!(page.contains("没有待回应的舆情"), "{page}");
    assert!(page.contains(&format!("舆情 {other}")) && page.contains(&format!("舆情 {id}")));
}
