//! Staff over HTTP, on both databases: signing in, lockout, sessions, role
//! checks on every server function, request forgery, the editorial workflow
//! from draft to publication, scheduling, withdrawal, attachments,
//! revisions, re-review, and the audit log's hash chain.
#![cfg(feature = "ssr")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed test is a panic"
)]

use crate::common::{
    approve, article_form, post_multipart, spawn_app, submit_new, Engine, TestApp, TEST_PASSWORD,
};

use gongkai::account::types::Role;
use gongkai::server::router::staff_functions;
use reqwest::multipart::{Form, Part};

on_both_engines!(
    signing_in_and_out,
    five_failures_lock_the_account_for_fifteen_minutes,
    sessions_end_when_idle_or_old,
    every_server_function_is_public_or_guarded,
    cross_site_and_anonymous_writes_are_refused,
    draft_review_publish_and_edit_again,
    authors_cannot_approve_their_own_work,
    a_stale_approval_is_refused,
    returned_drafts_carry_the_reviewers_comments,
    scheduled_items_publish_on_time,
    withdrawn_items_say_why,
    attachments_are_checked_by_their_bytes,
    bad_entries_are_explained_and_kept,
    revisions_can_be_compared,
    withheld_items_are_reviewed_again,
    the_audit_chain_detects_tampering,
    password_changes_follow_the_policy,
    nothing_public_lacks_an_approved_review,
    the_cli_manages_accounts,
    administrators_keep_the_holiday_calendar,
    administrators_keep_the_site_settings,
    a_calendar_change_lists_the_cases_and_questions_it_moves,
    administrators_keep_the_accounts,
    the_first_sign_in_page_explains_the_first_account,
    a_backup_restores_the_whole_site,
    a_new_portal_shows_only_what_it_has,
    staff_keep_the_topics,
    staff_keep_the_text_pages,
    administrators_export_the_service_guides,
);

/// The editor's form, as multipart, for `kind`.
async fn audit_actions(app: &TestApp) -> Vec<String> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT action FROM audit_log ORDER BY seq")
        .fetch_all(app.db.pool())
        .await
        .expect("audit");
    rows.into_iter().map(|(a,)| a).collect()
}

async fn signing_in_and_out(engine: Engine) {
    let app = spawn_app(engine, false).await;
    app.create_user("bianji", &[Role::Editor]).await;
    let (status, page) = app.page("/staff/login").await;
    assert_eq!(status, 200);
    assert!(page.contains("工作人员登录"));
    // The dashboard sends the anonymous to the sign-in page.
    let res = app.get("/staff").await;
    assert_eq!(res.status(), 303);
    assert!(res.headers()["location"]
        .to_str()
        .expect("location")
        .starts_with("/staff/login?next="));

    let refused = app
        .client
        .post(app.url("/staff/login"))
        .form(&[("username", "bianji"), ("password", "wrong-password")])
        .send()
        .await
        .expect("post");
    assert_eq!(refused.status(), 400);
    let body = refused.text().await.expect("body");
    assert!(body.contains("用户名或密码不正确"));
    assert!(body.contains("value=\"bianji\""), "the username is kept");
    let unknown = app
        .client
        .post(app.url("/staff/login"))
        .form(&[("username", "nobody"), ("password", "wrong-password")])
        .send()
        .await
        .expect("post");
    let unknown_body = unknown.text().await.expect("body");
    assert!(
        unknown_body.contains("用户名或密码不正确"),
        "the same message whether or not the account exists"
    );

    let res = app
        .client
        .post(app.url("/staff/login"))
        .form(&[
            ("username", "bianji"),
            ("password", TEST_PASSWORD),
            ("next", "/disclosure"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/disclosure");
    let set_cookie = res.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .to_owned();
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"));
    let cookie = set_cookie.split(';').next().expect("pair").to_owned();
    // A session id the browser sent before signing in is never kept.
    let res = app
        .client
        .post(app.url("/staff/login"))
        .header("cookie", "gk_session=attacker-chosen")
        .form(&[("username", "bianji"), ("password", TEST_PASSWORD)])
        .send()
        .await
        .expect("post");
    assert!(!res.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .contains("attacker-chosen"));

    let (status, dashboard) = app.page_as("/staff", &cookie).await;
    assert_eq!(status, 200);
    assert!(dashboard.contains("工作台") && dashboard.contains("测试bianji"));
    let res = app.get_as("/staff", &cookie).await;
    assert_eq!(res.headers()["cache-control"], "private, no-store");

    let res = app.post_form("/staff/logout", &cookie, &[]).await;
    assert_eq!(res.status(), 303);
    assert!(res.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .contains("Max-Age=0"));
    assert_eq!(
        app.get_as("/staff", &cookie).await.status(),
        303,
        "the session is gone"
    );
    let actions = audit_actions(&app).await;
    assert!(
        actions.contains(&"login".to_owned())
            && actions.contains(&"login_failed".to_owned())
            && actions.contains(&"logout".to_owned())
    );
}

async fn five_failures_lock_the_account_for_fifteen_minutes(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let id = app.create_user("shenhe", &[Role::Reviewer]).await;
    for _ in 0..5 {
        assert_eq!(app.login("shenhe", "not-the-password").await, Err(400));
    }
    assert_eq!(
        app.login("shenhe", TEST_PASSWORD).await,
        Err(400),
        "even the right password is refused while locked"
    );
    let actions = audit_actions(&app).await;
    assert_eq!(actions.iter().filter(|a| *a == "lockout").count(), 1);
    // Fifteen minutes later (the lock moved into the past) it works again.
    sqlx::query("UPDATE users SET locked_until = $1 WHERE id = $2")
        .bind(gongkai::ui::format::now() - 1)
        .bind(id)
        .execute(app.db.pool())
        .await
        .expect("expire lock");
    assert!(app.login("shenhe", TEST_PASSWORD).await.is_ok());
    let (locked_until,): (Option<i64>,) =
        sqlx::query_as("SELECT locked_until FROM users WHERE id = $1")
            .bind(id)
            .fetch_one(app.db.pool())
            .await
            .expect("user");
    assert_eq!(locked_until, None);
}

async fn sessions_end_when_idle_or_old(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let cookie = app.staff("bianji", &[Role::Editor]).await;
    assert_eq!(app.get_as("/staff", &cookie).await.status(), 200);
    let now = gongkai::ui::format::now();
    sqlx::query("UPDATE sessions SET last_seen = $1")
        .bind(now - 31 * 60)
        .execute(app.db.pool())
        .await
        .expect("idle");
    let res = app.get_as("/staff", &cookie).await;
    assert_eq!(res.status(), 303, "30 idle minutes end a session");
    assert!(res.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .contains("Max-Age=0"));

    let cookie = app.login("bianji", TEST_PASSWORD).await.expect("again");
    sqlx::query("UPDATE sessions SET created_at = $1, last_seen = $2")
        .bind(now - 8 * 3600 - 1)
        .bind(now)
        .execute(app.db.pool())
        .await
        .expect("old");
    assert_eq!(
        app.get_as("/staff", &cookie).await.status(),
        303,
        "8 hours end a session however busy"
    );
}

/// Server functions anyone may call; every other one must be in `staff_functions()`.
const PUBLIC_FUNCTIONS: &[&str] = &[
    "get_article",
    "list_articles",
    "get_home",
    "get_catalogue",
    "list_category",
    "list_interpreted_documents",
    "list_topics",
    "get_topic",
    "get_static_page",
    "search",
    "search_suggest",
    "list_register",
    "list_services",
    "get_service",
    "get_application",
    "track_application",
    "get_register_row",
    "find_parties",
    "get_credit_report",
    "list_budget_lines",
    "list_registers",
    "list_service_figures",
    "list_questions",
    "get_question",
    "lookup_question",
    "lookup_request",
    "find_public_matches",
    "list_public_consultations",
    "get_consultation",
    "get_decision_consultation",
    "get_graphic",
    "list_article_graphics",
    "list_graphics",
];

async fn every_server_function_is_public_or_guarded(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let mut cookies = Vec::new();
    for role in Role::ALL {
        cookies.push((role, app.staff(role.slug(), &[role]).await));
    }
    let registered: Vec<(&str, http::Method)> =
        leptos::server_fn::axum::server_fn_paths().collect();
    assert!(registered.len() >= PUBLIC_FUNCTIONS.len() + staff_functions().count());
    for (path, method) in registered {
        let name = path.trim_start_matches("/api/");
        if PUBLIC_FUNCTIONS.contains(&name) {
            continue;
        }
        let role = staff_functions()
            .find(|(endpoint, _)| *endpoint == name)
            .map(|(_, role)| role)
            .unwrap_or_else(|| panic!("server function {name} is neither public nor listed with its role in staff_functions()"));
        let call = |cookie: Option<&str>| {
            let mut req = if method == http::Method::GET {
                app.client.get(app.url(path))
            } else {
                app.client.post(app.url(path))
            };
            if let Some(c) = cookie {
                req = req.header("cookie", c);
            }
            req.header("content-type", "application/x-www-form-urlencoded")
                .body("")
                .send()
        };
        assert_eq!(
            call(None).await.expect("call").status(),
            401,
            "{name} anonymously"
        );
        let (wrong, cookie) = cookies
            .iter()
            .find(|(r, _)| *r != role)
            .expect("another role");
        assert_eq!(
            call(Some(cookie)).await.expect("call").status(),
            403,
            "{name} as {wrong:?}"
        );
        let (_, right) = cookies.iter().find(|(r, _)| *r == role).expect("the role");
        let status = call(Some(right)).await.expect("call").status();
        assert!(
            status != 401 && status != 403,
            "{name} as {role:?} got {status}"
        );
    }
}

async fn cross_site_and_anonymous_writes_are_refused(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let cookie = app.staff("bianji", &[Role::Editor]).await;
    let res = app
        .client
        .post(app.url("/api/staff/preview_markdown"))
        .form(&[("body_md", "# x")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 401, "anonymous");
    let res = app
        .client
        .post(app.url("/api/staff/preview_markdown"))
        .header("cookie", &cookie)
        .header("origin", "https://evil.example")
        .form(&[("body_md", "# x")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 403, "cross-site, even with a session");
    let res = app
        .client
        .post(app.url("/articles/1/withdraw"))
        .header("cookie", &cookie)
        .header("sec-fetch-site", "cross-site")
        .form(&[("reason", "伪造")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 403);
    let res = app
        .client
        .post(app.url("/api/staff/preview_markdown"))
        .header("cookie", &cookie)
        .form(&[("body_md", "## 标题")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 200);
    assert!(res.text().await.expect("body").contains("<h2>标题</h2>"));
    // A form handler refuses the anonymous too: to the sign-in page.
    let res = app
        .client
        .post(app.url("/disclosure/notice/new"))
        .multipart(article_form("匿名", "正文", "save"))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 303);
    assert!(res.headers()["location"]
        .to_str()
        .expect("location")
        .starts_with("/staff/login"));
}

async fn draft_review_publish_and_edit_again(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    let res = post_multipart(
        &app,
        "/disclosure/notice/new",
        &editor,
        article_form("关于测试的通知", "第一版正文", "save"),
    )
    .await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let id: i64 = location
        .trim_start_matches("/articles/")
        .split('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    assert_eq!(
        app.page(&format!("/articles/{id}")).await.0,
        404,
        "a draft is not public"
    );
    let (_, editor_page) = app.page_as(&location, &editor).await;
    assert!(editor_page.contains("已保存草稿") && editor_page.contains("第一版正文"));
    // Submit.
    let res = post_multipart(
        &app,
        &format!("/articles/{id}/edit"),
        &editor,
        article_form("关于测试的通知", "第一版正文", "submit"),
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, dashboard) = app.page_as("/staff", &reviewer).await;
    assert!(dashboard.contains("关于测试的通知"), "waiting for review");
    assert!(!app
        .page("/disclosure/notice")
        .await
        .1
        .contains("关于测试的通知"));
    // Approve: public at once, with a 索引号.
    let res = approve(&app, &reviewer, id).await;
    assert_eq!(res.status(), 303);
    let (status, public) = app.page(&format!("/articles/{id}")).await;
    assert_eq!(status, 200);
    assert!(public.contains("第一版正文") && public.contains("-0202-"));
    // Edit again: the public page keeps the approved text until the next approval.
    let res = post_multipart(
        &app,
        &format!("/articles/{id}/edit"),
        &editor,
        article_form("关于测试的通知", "第二版正文", "submit"),
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, public) = app.page(&format!("/articles/{id}")).await;
    assert!(public.contains("第一版正文") && !public.contains("第二版正文"));
    let (_, review_page) = app
        .page_as(&format!("/articles/{id}/review"), &reviewer)
        .await;
    assert!(review_page.contains("第二版正文") && review_page.contains("正文的变化"));
    approve(&app, &reviewer, id).await;
    let (_, public) = app.page(&format!("/articles/{id}")).await;
    assert!(public.contains("第二版正文") && !public.contains("第一版正文"));
    let (reviews,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM reviews WHERE article_id = $1 AND decision = 'approved'",
    )
    .bind(id)
    .fetch_one(app.db.pool())
    .await
    .expect("reviews");
    assert_eq!(reviews, 2, "a review record for each publication");
    let actions = audit_actions(&app).await;
    for a in [
        "article_saved",
        "article_submitted",
        "review_approved",
        "article_published",
    ] {
        assert!(actions.contains(&a.to_owned()), "{a} audited");
    }
}

async fn authors_cannot_approve_their_own_work(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let both = app.staff("zonghe", &[Role::Editor, Role::Reviewer]).await;
    let id = submit_new(&app, &both, "自己写的通知", "正文").await;
    let (_, page) = app.page_as(&format!("/articles/{id}/review"), &both).await;
    assert!(page.contains("不能审核自己撰写的稿件"));
    assert!(
        !page.contains("同意发布</button>"),
        "no approve button for the author"
    );
    let res = approve(&app, &both, id).await;
    assert_eq!(res.status(), 403);
    assert!(res
        .text()
        .await
        .expect("body")
        .contains("不能审核自己撰写的稿件"));
    assert_eq!(
        app.page(&format!("/articles/{id}")).await.0,
        404,
        "still unpublished"
    );
}

async fn a_stale_approval_is_refused(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    let id = submit_new(&app, &editor, "审核中被修改的通知", "第一版正文").await;
    // The reviewer opens the review page: the form names the revision read.
    let (_, page) = app
        .page_as(&format!("/articles/{id}/review"), &reviewer)
        .await;
    let read = app.pending_revision(id).await;
    assert!(page.contains(&format!("name=\"revision\" value=\"{read}\"")));
    // Meanwhile the author changes the text and sends it again.
    let res = post_multipart(
        &app,
        &format!("/articles/{id}/edit"),
        &editor,
        article_form("审核中被修改的通知", "第二版正文，审核人没有看过", "submit"),
    )
    .await;
    assert_eq!(res.status(), 303);
    let res = app
        .post_form(
            &format!("/articles/{id}/review"),
            &reviewer,
            &[
                ("revision", read.as_str()),
                ("decision", "approve"),
                ("opinion", "同意"),
                ("disclosure", "active"),
                ("publish", "now"),
            ],
        )
        .await;
    assert_eq!(res.status(), 409);
    let body = res.text().await.unwrap_or_default();
    assert!(body.contains("不是最新送审的版本"), "{body:.500}");
    assert_eq!(
        app.page(&format!("/articles/{id}")).await.0,
        404,
        "nothing published"
    );
    // Approving what is really waiting works.
    let res = approve(&app, &reviewer, id).await;
    assert_eq!(res.status(), 303);
    let (_, page) = app.page(&format!("/articles/{id}")).await;
    assert!(page.contains("第二版正文"));
    let (_, audit): (i64, String) = sqlx::query_as(
        "SELECT seq, detail FROM audit_log WHERE action = 'article_submitted' ORDER BY seq DESC LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("audit");
    assert!(
        audit.contains(&format!("\"revision\":{read}")),
        "the replaced revision is on record: {audit}"
    );
}

async fn returned_drafts_carry_the_reviewers_comments(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    let id = submit_new(&app, &editor, "需要修改的通知", "正文").await;
    let res = app
        .post_form(
            &format!("/articles/{id}/review"),
            &reviewer,
            &[
                ("revision", &app.pending_revision(id).await),
                ("decision", "return"),
                ("opinion", "请删去第三段的内部联系电话"),
                ("disclosure", "active"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, dashboard) = app.page_as("/staff", &editor).await;
    assert!(dashboard.contains("已退回") && dashboard.contains("请删去第三段的内部联系电话"));
    let (_, editor_page) = app.page_as(&format!("/articles/{id}/edit"), &editor).await;
    assert!(
        editor_page.contains("稿件已被退回") && editor_page.contains("请删去第三段的内部联系电话")
    );
    // An opinion is required.
    submit_new(&app, &editor, "另一条", "正文").await;
}

async fn scheduled_items_publish_on_time(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    let id = submit_new(&app, &editor, "定时发布的通知", "正文").await;
    let later = chrono::Utc::now().with_timezone(&gongkai::ui::format::beijing())
        + chrono::Duration::hours(2);
    let at = later.format("%Y-%m-%dT%H:%M").to_string();
    let res = app
        .post_form(
            &format!("/articles/{id}/review"),
            &reviewer,
            &[
                ("revision", &app.pending_revision(id).await),
                ("decision", "approve"),
                ("opinion", "同意"),
                ("disclosure", "active"),
                ("publish", "later"),
                ("publish_at", &at),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(app.page(&format!("/articles/{id}")).await.0, 404, "not yet");
    let (_, dashboard) = app.page_as("/staff", &reviewer).await;
    assert!(dashboard.contains("定时发布的通知") && dashboard.contains("定于"));
    // Nobody signed in: the scheduler publishes it when the time comes.
    let calendar = app.state.calendar();
    let n = gongkai::content::editorial::db::publish_due(
        &app.db,
        gongkai::ui::format::now(),
        &calendar,
    )
    .await
    .expect("run");
    assert_eq!(n, 0);
    let n = gongkai::content::editorial::db::publish_due(
        &app.db,
        gongkai::ui::format::now() + 3 * 3600,
        &calendar,
    )
    .await
    .expect("run");
    assert_eq!(n, 1);
    assert_eq!(app.page(&format!("/articles/{id}")).await.0, 200);
    // A time in the past is refused with a message, the entries kept.
    let id2 = submit_new(&app, &editor, "另一条定时", "正文").await;
    let res = app
        .post_form(
            &format!("/articles/{id2}/review"),
            &reviewer,
            &[
                ("revision", &app.pending_revision(id2).await),
                ("decision", "approve"),
                ("opinion", "同意"),
                ("disclosure", "active"),
                ("publish", "later"),
                ("publish_at", "2020-01-01T09:00"),
            ],
        )
        .await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.expect("body");
    assert!(body.contains("定时发布的时间应晚于现在") && body.contains("2020-01-01T09:00"));
}

async fn withdrawn_items_say_why(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    let id = submit_new(&app, &editor, "将被撤回的通知", "正文").await;
    approve(&app, &reviewer, id).await;
    let res = app
        .post_form(
            &format!("/articles/{id}/withdraw"),
            &reviewer,
            &[("reason", "")],
        )
        .await;
    assert_eq!(res.status(), 400, "a reason is required");
    let res = app
        .post_form(
            &format!("/articles/{id}/withdraw"),
            &reviewer,
            &[("reason", "通知内容已调整，另行发布")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (status, page) = app.page(&format!("/articles/{id}")).await;
    assert_eq!(status, 410);
    assert!(page.contains("撤回原因：通知内容已调整，另行发布"));
    for path in ["/disclosure/notice", "/feed.xml", "/sitemap.xml"] {
        assert!(!app.page(path).await.1.contains("将被撤回的通知"), "{path}");
    }
    let res = app
        .post_form(
            &format!("/articles/{id}/withdraw"),
            &editor,
            &[("reason", "x")],
        )
        .await;
    assert_eq!(res.status(), 403, "editors cannot withdraw");
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n".to_vec()
}

async fn attachments_are_checked_by_their_bytes(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    // A script named .pdf is refused, with the entries kept.
    let form = article_form("带附件的通知", "正文", "save").part(
        "files",
        Part::bytes(b"<script>alert(1)</script>".to_vec()).file_name("说明.pdf"),
    );
    let res = post_multipart(&app, "/disclosure/notice/new", &editor, form).await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.expect("body");
    assert!(body.contains("附件“说明.pdf”的文件类型不受支持"));
    assert!(body.contains("value=\"带附件的通知\""), "entries kept");
    // A real PDF (named .bin) is accepted as PDF, and stays private until published.
    let form = article_form("带附件的通知", "正文", "submit")
        .part("files", Part::bytes(pdf()).file_name("实施细则.bin"));
    let res = post_multipart(&app, "/disclosure/notice/new", &editor, form).await;
    assert_eq!(res.status(), 303);
    let id: i64 = res.headers()["location"]
        .to_str()
        .expect("l")
        .trim_start_matches("/articles/")
        .split('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    let (aid, mime): (i64, String) =
        sqlx::query_as("SELECT id, mime FROM attachments WHERE article_id = $1")
            .bind(id)
            .fetch_one(app.db.pool())
            .await
            .expect("file");
    assert_eq!(mime, "application/pdf");
    assert_eq!(
        app.get(&format!("/attachments/{aid}")).await.status(),
        404,
        "not before publication"
    );
    approve(&app, &reviewer, id).await;
    let res = app.get(&format!("/attachments/{aid}")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    // Too big: 21 MB.
    let form = article_form("大附件", "正文", "save").part(
        "files",
        Part::bytes(vec![0u8; 21 * 1024 * 1024]).file_name("big.pdf"),
    );
    let res = post_multipart(&app, "/disclosure/notice/new", &editor, form).await;
    assert!(
        res.status() == 400 || res.status() == 413,
        "{}",
        res.status()
    );
    assert!(res.text().await.expect("body").contains("20MB"));
}

async fn bad_entries_are_explained_and_kept(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let form = article_form("", "我写了正文", "save").text("written_on", "2016-02-30");
    let res = post_multipart(&app, "/disclosure/notice/new", &editor, form).await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.expect("body");
    assert!(body.contains("<title>错误：新建通知公告"));
    assert!(body.contains("app-error-summary"));
    assert!(body.contains("href=\"#title\"") && body.contains("请填写标题"));
    assert!(body.contains("成文日期应为有效日期"));
    assert!(body.contains("我写了正文"), "the body is kept");
    assert!(
        body.contains("value=\"2016-02-30\""),
        "the bad date is kept for correction"
    );
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM articles")
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    assert_eq!(n, 0, "nothing saved");
}

async fn revisions_can_be_compared(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let res = post_multipart(
        &app,
        "/disclosure/notice/new",
        &editor,
        article_form("版本对比", "第一行\n旧的第二行\n", "save"),
    )
    .await;
    let id: i64 = res.headers()["location"]
        .to_str()
        .expect("l")
        .trim_start_matches("/articles/")
        .split('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    post_multipart(
        &app,
        &format!("/articles/{id}/edit"),
        &editor,
        article_form("版本对比（修订）", "第一行\n新的第二行\n", "save"),
    )
    .await;
    let revisions: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM revisions WHERE article_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(app.db.pool())
            .await
            .expect("revisions");
    assert_eq!(revisions.len(), 2, "every save is a revision");
    let (status, page) = app
        .page_as(
            &format!(
                "/articles/{id}/history?a={}&b={}",
                revisions[0].0, revisions[1].0
            ),
            &editor,
        )
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("app-diff__row--removed") && page.contains("旧的第二行"));
    assert!(page.contains("app-diff__row--added") && page.contains("新的第二行"));
    assert!(page.contains("版本对比（修订）"), "changed title shown");
}

async fn withheld_items_are_reviewed_again(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    let form = article_form("内部会议纪要", "正文", "submit")
        .text("disclosure", "withheld")
        .text("withheld_reason", "属于内部事务信息（条例第十六条）");
    let form = {
        // The form above already has disclosure=active; rebuild it with the withheld value only.
        let _ = form;
        Form::new()
            .text("kind", "notice")
            .text("title", "内部会议纪要")
            .text("body_md", "正文")
            .text("publisher", "办公室")
            .text("topic", "general")
            .text("validity", "valid")
            .text("disclosure", "withheld")
            .text("withheld_reason", "属于内部事务信息（条例第十六条）")
            .text("action", "submit")
    };
    let res = post_multipart(&app, "/disclosure/notice/new", &editor, form).await;
    assert_eq!(res.status(), 303);
    let id: i64 = res.headers()["location"]
        .to_str()
        .expect("l")
        .trim_start_matches("/articles/")
        .split('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    let res = app
        .post_form(
            &format!("/articles/{id}/review"),
            &reviewer,
            &[
                ("revision", &app.pending_revision(id).await),
                ("decision", "approve"),
                ("opinion", "确认不予公开"),
                ("disclosure", "withheld"),
                ("publish", "now"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        app.page(&format!("/articles/{id}")).await.0,
        404,
        "catalogued, not public"
    );
    // Its review falls due (moved into the window): it shows on the dashboard.
    let soon = (app.state.today() + chrono::Days::new(10))
        .format("%Y-%m-%d")
        .to_string();
    sqlx::query("UPDATE articles SET next_rereview_on = $1 WHERE id = $2")
        .bind(&soon)
        .bind(id)
        .execute(app.db.pool())
        .await
        .expect("due");
    let (_, dashboard) = app.page_as("/staff", &reviewer).await;
    assert!(dashboard.contains("不公开信息定期评审") && dashboard.contains("内部会议纪要"));
    let next = (app.state.today() + chrono::Days::new(365))
        .format("%Y-%m-%d")
        .to_string();
    let res = app
        .post_form(
            &format!("/articles/{id}/rereview"),
            &reviewer,
            &[
                ("decision", "keep"),
                ("next_review_on", &next),
                ("opinion", "理由仍然成立"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (recorded,): (Option<String>,) =
        sqlx::query_as("SELECT next_rereview_on FROM articles WHERE id = $1")
            .bind(id)
            .fetch_one(app.db.pool())
            .await
            .expect("row");
    assert_eq!(recorded, Some(next));
    let res = app
        .post_form(
            &format!("/articles/{id}/rereview"),
            &reviewer,
            &[("decision", "disclose"), ("opinion", "情况变化，可以公开")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        app.page(&format!("/articles/{id}")).await.0,
        200,
        "now public"
    );
}

async fn the_audit_chain_detects_tampering(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let admin = app.staff("guanli", &[Role::Admin]).await;
    submit_new(&app, &editor, "审计测试", "正文").await;
    let v = gongkai::account::db::audit::verify(&app.db)
        .await
        .expect("verify");
    assert_eq!(v.problem, None);
    assert!(v.rows >= 2, "sign-in and submission");
    let (status, page) = app
        .page_as("/staff/audit?action=article_submitted", &admin)
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("完整性校验通过") && page.contains("审计测试"));
    assert_eq!(
        app.page_as("/staff/audit", &editor).await.0,
        403,
        "administrators only"
    );
    // Alter a row.
    sqlx::query("UPDATE audit_log SET actor_name = '别人' WHERE seq = 2")
        .execute(app.db.pool())
        .await
        .expect("tamper");
    let v = gongkai::account::db::audit::verify(&app.db)
        .await
        .expect("verify");
    assert_eq!(v.problem.as_ref().map(|p| p.0), Some(2));
    let (_, page) = app.page_as("/staff/audit", &admin).await;
    assert!(page.contains("完整性校验失败"));
    sqlx::query("UPDATE audit_log SET actor_name = (SELECT actor_name FROM audit_log WHERE seq = 1) WHERE seq = 2").execute(app.db.pool()).await.ok();
    // Delete the last row.
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    submit_new(&app, &editor, "审计测试二", "正文").await;
    sqlx::query("DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)")
        .execute(app.db.pool())
        .await
        .expect("delete");
    let v = gongkai::account::db::audit::verify(&app.db)
        .await
        .expect("verify");
    assert!(v.problem.is_some(), "a deleted last row is noticed");
    // Delete one in the middle.
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    submit_new(&app, &editor, "审计测试三", "正文").await;
    sqlx::query("DELETE FROM audit_log WHERE seq = 1")
        .execute(app.db.pool())
        .await
        .expect("delete");
    let v = gongkai::account::db::audit::verify(&app.db)
        .await
        .expect("verify");
    assert_eq!(v.problem.map(|p| p.0), Some(1));
}

async fn password_changes_follow_the_policy(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let cookie = app.staff("bianji", &[Role::Editor]).await;
    let res = app
        .post_form(
            "/staff/password",
            &cookie,
            &[
                ("current", TEST_PASSWORD),
                ("new", "password123"),
                ("confirm", "password123"),
            ],
        )
        .await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.expect("body").contains("这个密码太常见"));
    let res = app
        .post_form(
            "/staff/password",
            &cookie,
            &[
                ("current", TEST_PASSWORD),
                ("new", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert!(res.text().await.expect("body").contains("至少需要8个字符"));
    let res = app
        .post_form(
            "/staff/password",
            &cookie,
            &[
                ("current", "wrong"),
                ("new", "Xin-Mima-2026!"),
                ("confirm", "Xin-Mima-2026!"),
            ],
        )
        .await;
    assert!(res.text().await.expect("body").contains("当前密码不正确"));
    let res = app
        .post_form(
            "/staff/password",
            &cookie,
            &[
                ("current", TEST_PASSWORD),
                ("new", "Xin-Mima-2026!"),
                ("confirm", "Xin-Mima-2026!"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        app.get_as("/staff", &cookie).await.status(),
        303,
        "old sessions end with the old password"
    );
    assert_eq!(app.login("bianji", TEST_PASSWORD).await, Err(400));
    assert!(app.login("bianji", "Xin-Mima-2026!").await.is_ok());
}

async fn nothing_public_lacks_an_approved_review(engine: Engine) {
    let app = spawn_app(engine, true).await;
    gongkai::content::generate::generate(&app.db, 300, &app.state.calendar(), |_| {})
        .await
        .expect("generate");
    let (unreviewed,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM articles a WHERE a.status = 'published' AND NOT EXISTS \
         (SELECT 1 FROM reviews r WHERE r.article_id = a.id AND r.decision = 'approved')",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("count");
    assert_eq!(unreviewed, 0);
    let (unreviewed_topics,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM topics t WHERE t.status = 'published' AND NOT EXISTS \
         (SELECT 1 FROM topic_reviews r WHERE r.topic_id = t.id AND r.decision = 'approved')",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("count");
    assert_eq!(unreviewed_topics, 0);
    let (unreviewed_pages,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM static_pages p WHERE p.status = 'published' AND NOT EXISTS \
         (SELECT 1 FROM static_page_reviews r WHERE r.slug = p.slug AND r.decision = 'approved')",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("count");
    assert_eq!(unreviewed_pages, 0);
    let (unreviewed_services,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM services s WHERE s.status <> 'draft' AND NOT EXISTS \
         (SELECT 1 FROM service_reviews r WHERE r.service_code = s.code AND r.decision = 'approved')",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("count");
    assert_eq!(unreviewed_services, 0);
    // And the one path to publication refuses a revision nobody approved.
    let editor = app.staff("bianji2", &[Role::Editor]).await;
    let id = submit_new(&app, &editor, "未经审核", "正文").await;
    let (revision,): (i64,) =
        sqlx::query_as("SELECT pending_revision_id FROM articles WHERE id = $1")
            .bind(id)
            .fetch_one(app.db.pool())
            .await
            .expect("rev");
    let mut tx = app.db.begin_write().await.expect("tx");
    let err = gongkai::content::editorial::db::publish_revision(
        &mut tx,
        id,
        revision,
        &gongkai::account::db::audit::Actor::system("测试"),
        1,
        &app.state.calendar(),
    )
    .await;
    assert!(err.is_err());
    drop(tx);
    // Demo accounts exist, one per role.
    for (user, _, _) in gongkai::demo::DEMO_USERS {
        assert!(
            app.login(user, gongkai::demo::DEMO_PASSWORD).await.is_ok(),
            "{user}"
        );
    }
}

async fn the_cli_manages_accounts(engine: Engine) {
    let app = spawn_app(engine, false).await;
    use gongkai::account::cli;
    let roles = vec!["editor".to_owned(), "审核".to_owned()];
    cli::add_user(&app.db, "lisi", Some("李四"), &roles, "Hetang-Yuese-2026")
        .await
        .expect("add");
    assert!(
        cli::add_user(&app.db, "lisi", None, &roles, "Hetang-Yuese-2026")
            .await
            .is_err(),
        "taken"
    );
    assert!(
        cli::add_user(&app.db, "wangwu", None, &roles, "12345678")
            .await
            .is_err(),
        "weak password"
    );
    assert!(
        cli::add_user(
            &app.db,
            "zhaoliu",
            None,
            &["boss".to_owned()],
            "Zhao-Mima-2026"
        )
        .await
        .is_err(),
        "unknown role"
    );
    assert!(
        cli::add_user(&app.db, "sunqi", None, &roles, "Sunqi-2026-abc")
            .await
            .is_err(),
        "contains the username"
    );
    let cookie = app.login("lisi", "Hetang-Yuese-2026").await.expect("login");
    let (_, page) = app.page_as("/staff", &cookie).await;
    assert!(page.contains("编辑、审核"));
    for _ in 0..5 {
        let _ = app.login("lisi", "wrong-one").await;
    }
    cli::reset_password(&app.db, "lisi", "Qingshan-Xin-2026")
        .await
        .expect("reset");
    assert_eq!(
        app.get_as("/staff", &cookie).await.status(),
        303,
        "sessions ended"
    );
    assert!(
        app.login("lisi", "Qingshan-Xin-2026").await.is_ok(),
        "unlocked with the new password"
    );
    cli::verify_audit(&app.db)
        .await
        .expect("the chain is intact");
}

mod autosave {
    use super::*;

    async fn a_submitted_revision_is_never_replaced_by_typing(engine: Engine) {
        let app = spawn_app(engine, false).await;
        let editor = app.staff("bianji", &[Role::Editor]).await;
        let id = submit_new(&app, &editor, "已送审的通知", "送审的正文").await;
        let submitted = app.pending_revision(id).await;
        let res = app
            .post_form(
                "/api/staff/autosave_article",
                &editor,
                &[
                    ("id", id.to_string().as_str()),
                    ("form[kind]", "notice"),
                    ("form[title]", "已送审的通知"),
                    ("form[body_md]", "打字中"),
                    ("form[publisher]", "办公室"),
                    ("form[topic]", "general"),
                    ("form[validity]", "valid"),
                    ("form[disclosure]", "active"),
                ],
            )
            .await;
        assert_eq!(res.status(), 409);
        assert!(res
            .text()
            .await
            .unwrap_or_default()
            .contains("自动保存已暂停"));
        assert_eq!(
            app.pending_revision(id).await,
            submitted,
            "the revision in review is untouched"
        );
    }

    async fn drafts_autosave_without_piling_up_revisions(engine: Engine) {
        let app = spawn_app(engine, false).await;
        let editor = app.staff("bianji", &[Role::Editor]).await;
        let res = post_multipart(
            &app,
            "/disclosure/notice/new",
            &editor,
            article_form("自动保存", "第一稿", "save"),
        )
        .await;
        let id: i64 = res.headers()["location"]
            .to_str()
            .expect("l")
            .trim_start_matches("/articles/")
            .split('/')
            .next()
            .and_then(|s| s.parse().ok())
            .expect("id");
        let id_text = id.to_string();
        let save = |body: &'static str| {
            let id_text = id_text.clone();
            let editor = editor.clone();
            let app = &app;
            async move {
                app.post_form(
                    "/api/staff/autosave_article",
                    &editor,
                    &[
                        ("id", id_text.as_str()),
                        ("form[kind]", "notice"),
                        ("form[title]", "自动保存"),
                        ("form[body_md]", body),
                        ("form[publisher]", "办公室"),
                        ("form[topic]", "general"),
                        ("form[validity]", "valid"),
                        ("form[disclosure]", "active"),
                    ],
                )
                .await
            }
        };
        let res = save("打字中的第二稿").await;
        assert_eq!(
            res.status(),
            200,
            "{}",
            res.text().await.unwrap_or_default()
        );
        save("打字中的第三稿").await;
        let revisions: Vec<(String, String)> = sqlx::query_as(
            "SELECT note, snapshot FROM revisions WHERE article_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(app.db.pool())
        .await
        .expect("revisions");
        assert_eq!(revisions.len(), 2, "autosaves fold into one revision");
        assert_eq!(revisions[1].0, "自动保存");
        assert!(revisions[1].1.contains("打字中的第三稿"));
        let (_, page) = app.page_as(&format!("/articles/{id}/edit"), &editor).await;
        assert!(
            page.contains("打字中的第三稿"),
            "the editor reopens on the autosaved text"
        );
        let res = app
            .client
            .post(app.url("/api/staff/autosave_article"))
            .form(&[("id", "1")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 401);
    }

    on_both_engines!(
        drafts_autosave_without_piling_up_revisions,
        a_submitted_revision_is_never_replaced_by_typing,
    );
}

/// 2027's holidays entered in the app: checked, audited, the clock and the
/// open due dates following at once; changed and deleted again.
async fn administrators_keep_the_holiday_calendar(engine: Engine) {
    use chrono::NaiveDate;
    use gongkai::content::db::{insert_article, NewArticle};
    use gongkai::content::types::ContentKind;
    let app = spawn_app(engine, false).await;
    let admin = app.staff("guanli", &[Role::Admin]).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
    // Seen from 15 November 2026, when 2027 has not been entered.
    let today = app.state.today();
    let target = chrono::NaiveDateTime::new(d(2026, 11, 15), chrono::NaiveTime::MIN);
    let shift = (target - chrono::NaiveDateTime::new(today, chrono::NaiveTime::MIN)).num_seconds();
    app.state.shift_clock(shift);
    let (_, page) = app.page_as("/staff", &admin).await;
    assert!(
        page.contains("2027年的节假日安排尚未录入"),
        "the dashboard warns"
    );
    assert!(page.contains("/staff/calendar?year=2027"));
    assert!(
        !page.contains("日历未录入"),
        "nothing reckoned into 2027 yet"
    );
    let (status, page) = app.page_as("/staff/calendar", &admin).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("录入2027年的假期"),
        "opens on the missing year"
    );
    let (_, page) = app.page_as("/staff/calendar?year=2026", &admin).await;
    assert!(
        page.contains("国庆节") && page.contains("修改春节"),
        "2026 listed"
    );
    assert_eq!(app.page_as("/staff/calendar", &editor).await.0, 403);
    let res = app
        .post_form(
            "/staff/calendar",
            &editor,
            &[("year", "2027"), ("action", "save")],
        )
        .await;
    assert_eq!(res.status(), 403, "administrators only");

    // A document published on Monday 1 February 2027, to be interpreted
    // within three working days: Thursday the 4th while 2027 is unknown.
    let calendar = app.state.calendar();
    let at = gongkai::ui::format::unix_at(
        d(2027, 2, 1),
        chrono::NaiveTime::from_hms_opt(10, 0, 0).expect("time"),
    );
    let mut doc = NewArticle::published(ContentKind::Policy, "春节前的文件", "正文", "办公室", at);
    doc.needs_interpretation = true;
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let doc_id = insert_article(&mut conn, &doc, at, &calendar)
        .await
        .expect("insert");
    drop(conn);
    let due = || async {
        let (due,): (Option<String>,) =
            sqlx::query_as("SELECT interpretation_due FROM articles WHERE id = $1")
                .bind(doc_id)
                .fetch_one(app.db.pool())
                .await
                .expect("row");
        due
    };
    assert_eq!(due().await.as_deref(), Some("2027-02-04"));
    let (_, page) = app.page_as("/staff", &editor).await;
    assert!(
        page.contains("2027年日历未录入"),
        "a due date reckoned into the missing year is marked"
    );

    // Mistakes are explained, every one, with the entries kept.
    let res = app
        .post_form(
            "/staff/calendar",
            &admin,
            &[
                ("year", "2027"),
                ("name", "春节"),
                ("first", "2027-02-11"),
                ("last", "2027-02-03"),
                ("work", "2027-02-01 2027-0x-07"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.expect("body");
    assert!(page.contains("放假最后一天不能早于第一天"));
    assert!(page.contains("2027-02-01不是周末"));
    assert!(page.contains("“2027-0x-07”不是“年-月-日”格式的日期"));
    assert!(
        page.contains("value=\"2027-02-01 2027-0x-07\""),
        "entries kept"
    );

    let spring = [
        ("year", "2027"),
        ("name", "春节"),
        ("first", "2027-02-03"),
        ("last", "2027-02-11"),
        ("work", "2027-01-31、2027-02-20"),
        ("action", "save"),
    ];
    let res = app.post_form("/staff/calendar", &admin, &spring).await;
    assert_eq!(res.status(), 303);
    let saved = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(
        saved.starts_with("/staff/calendar?year=2027&notice=calendar_saved&moved=1&change="),
        "{saved}"
    );
    let cal = app.state.calendar();
    assert!(!cal.is_working_day(d(2027, 2, 8)), "a Monday off");
    assert!(cal.is_working_day(d(2027, 1, 31)), "a Sunday worked");
    assert!(cal.has_year(2027));
    assert_eq!(
        due().await.as_deref(),
        Some("2027-02-15"),
        "the 2nd, the holiday, the 12th, the weekend, the 15th"
    );
    let (_, page) = app.page_as(&saved, &admin).await;
    assert!(page.contains("2月3日至2月11日，共9天"));
    assert!(page.contains("1月31日、2月20日"));
    assert!(page.contains("1项期限随之改变"));
    assert!(
        page.contains("政策解读期限：春节前的文件") && page.contains("2027-02-15"),
        "what moved, and to when"
    );
    let (_, page) = app.page_as("/staff", &admin).await;
    assert!(
        !page.contains("2027年的节假日安排尚未录入"),
        "the warning goes"
    );
    let (_, page) = app.page_as("/staff", &editor).await;
    assert!(page.contains("春节前的文件"), "still awaited");
    assert!(!page.contains("日历未录入"), "but no longer marked");
    // The same name twice in one year is refused; so is a day of another holiday.
    let res = app.post_form("/staff/calendar", &admin, &spring).await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.expect("body").contains("2027年已有“春节”"));
    let res = app
        .post_form(
            "/staff/calendar",
            &admin,
            &[
                ("year", "2027"),
                ("name", "元宵"),
                ("first", "2027-02-11"),
                ("last", "2027-02-12"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .expect("body")
        .contains("2027-02-11已是2027年春节的安排"));

    // Changed: a shorter holiday; the due date comes back.
    let res = app
        .post_form(
            "/staff/calendar",
            &admin,
            &[
                ("year", "2027"),
                ("name", "春节"),
                ("replaces", "春节"),
                ("first", "2027-02-06"),
                ("last", "2027-02-11"),
                ("work", ""),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(app.state.calendar().is_working_day(d(2027, 2, 3)));
    assert!(
        !app.state.calendar().is_working_day(d(2027, 1, 31)),
        "an ordinary Sunday again"
    );
    assert_eq!(due().await.as_deref(), Some("2027-02-04"));
    // Deleted.
    let res = app
        .post_form(
            "/staff/calendar",
            &admin,
            &[("year", "2027"), ("replaces", "春节"), ("action", "delete")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(!app.state.calendar().has_year(2027));
    let res = app
        .post_form(
            "/staff/calendar",
            &admin,
            &[("year", "2027"), ("replaces", "春节"), ("action", "delete")],
        )
        .await;
    assert_eq!(res.status(), 409, "already gone");
    let actions = audit_actions(&app).await;
    assert_eq!(
        actions
            .iter()
            .filter(|a| a.starts_with("calendar."))
            .collect::<Vec<_>>(),
        [
            "calendar.holiday_saved",
            "calendar.holiday_saved",
            "calendar.holiday_deleted"
        ]
    );
}

async fn administrators_keep_the_site_settings(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let admin = app.staff("guanli", &[Role::Admin]).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    // A fresh database shows the defaults; the page is cached as anyone sees it.
    let (_, home) = app.page("/").await;
    assert!(home.contains("政务公开门户"));
    assert!(!home.contains("联系电话"), "no empty contact lines");
    let (status, page) = app.page_as("/staff/settings", &admin).await;
    assert_eq!(status, 200);
    assert!(page.contains("网站名称") && page.contains("value=\"政务公开门户\""));
    assert!(app
        .page_as("/staff", &admin)
        .await
        .1
        .contains("/staff/settings"));
    assert_eq!(app.page_as("/staff/settings", &editor).await.0, 403);
    let good = [
        ("name", "福建省新闻出版广电局政务公开"),
        ("description", "福建省新闻出版广电局的政府信息公开。"),
        ("organiser", "福建省新闻出版广电局"),
        ("address", "福州市鼓楼区某路1号"),
        ("postcode", "350001"),
        ("phone", "0591-87654321"),
        ("email", "gongkai@example.gov.cn"),
        ("icp", "闽ICP备05000001号"),
        ("site_code", "3500000001"),
        ("police_record", "闽公网安备 35010202000001号"),
        ("publisher", "福建省新闻出版广电局办公室"),
        ("elder_label", "关怀模式"),
        (
            "footer_links",
            "中国政府网 https://www.gov.cn\r\n福建省人民政府 https://www.fujian.gov.cn",
        ),
        ("org_code", "fj08200"),
    ];
    let res = app.post_form("/staff/settings", &editor, &good).await;
    assert_eq!(res.status(), 403, "administrators only");
    // Every problem at once, in Chinese, with what was typed kept.
    let mut bad = good;
    bad[0].1 = "局";
    bad[4].1 = "3500";
    bad[6].1 = "gongkai-at-example";
    bad[12].1 = "只有名称";
    bad[13].1 = "FJ-08";
    let res = app.post_form("/staff/settings", &admin, &bad).await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.expect("body");
    assert!(body.contains("页脚链接第1行有误") && body.contains("机构代码为2到20位"));
    assert!(
        body.contains("value=\"FJ-08\""),
        "the organisation code typed is kept"
    );
    assert!(body.contains("请填写网站名称"));
    assert!(body.contains("邮编应为6位数字"));
    assert!(body.contains("电子邮箱格式有误"));
    assert!(
        body.contains("value=\"gongkai-at-example\""),
        "entries kept"
    );
    assert!(
        body.contains("value=\"福州市鼓楼区某路1号\""),
        "entries kept"
    );
    let (_, home) = app.page("/").await;
    assert!(home.contains("政务公开门户"), "nothing saved");
    // Saved: every page shows it at once, the cached home page included.
    let res = app.post_form("/staff/settings", &admin, &good).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/staff/settings?notice=settings_saved"
    );
    let (_, home) = app.page("/").await;
    assert!(home.contains("福建省新闻出版广电局政务公开"));
    assert!(home.contains("0591-87654321") && home.contains("3500000001"));
    assert!(home.contains("闽公网安备 35010202000001号"));
    assert!(home.contains("href=\"https://www.fujian.gov.cn\"") && home.contains("福建省人民政府"));
    assert!(home.contains("关怀模式"), "the elder switch's words");
    let (_, new_item) = app.page_as("/disclosure/news/new", &editor).await;
    assert!(
        new_item.contains("value=\"福建省新闻出版广电局办公室\""),
        "the default publisher"
    );
    let mut conn = app.db.pool().acquire().await.expect("conn");
    assert_eq!(
        gongkai::content::db::index_code(&mut conn, "org")
            .await
            .expect("code"),
        "FJ08200"
    );
    drop(conn);
    let (_, about) = app.page("/registers").await;
    assert!(about.contains("闽ICP备05000001号"));
    let (_, page) = app
        .page_as("/staff/settings?notice=settings_saved", &admin)
        .await;
    assert!(page.contains("网站设置已保存"));
    assert!(page.contains("value=\"gongkai@example.gov.cn\""));
    assert!(page.contains("value=\"FJ08200\""));
    // Saving the same again changes nothing and records nothing.
    let res = app.post_form("/staff/settings", &admin, &good).await;
    assert_eq!(
        res.headers()["location"],
        "/staff/settings?notice=settings_unchanged"
    );
    let actions = audit_actions(&app).await;
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "site.settings_saved")
            .count(),
        1
    );
    let (detail,): (String,) =
        sqlx::query_as("SELECT detail FROM audit_log WHERE action = 'site.settings_saved'")
            .fetch_one(app.db.pool())
            .await
            .expect("audit row");
    assert!(detail.contains("\"before\":\"政务公开门户\""), "{detail}");
    // Kept across a restart: a server reading the database anew shows them.
    let stored = gongkai::site::SiteSettings::load(&app.db)
        .await
        .expect("load");
    assert_eq!(stored.phone, "0591-87654321");
}

/// The id of account `username`.
async fn account_id(app: &TestApp, username: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE username = $1")
        .bind(username)
        .fetch_one(app.db.pool())
        .await
        .expect("account");
    id
}

async fn administrators_keep_the_accounts(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let admin = app.staff("guanli", &[Role::Admin]).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let admin_id = account_id(&app, "guanli").await;
    // Only administrators see and change accounts.
    assert_eq!(app.page_as("/staff/users", &editor).await.0, 403);
    let refused = app
        .post_form("/staff/users", &editor, &[("username", "x")])
        .await;
    assert_eq!(refused.status(), 403);
    let (status, page) = app.page_as("/staff/users", &admin).await;
    assert_eq!(status, 200);
    assert!(page.contains("guanli") && page.contains("bianji") && page.contains("新增工作人员"));
    assert!(app
        .page_as("/staff", &admin)
        .await
        .1
        .contains("/staff/users"));

    // Bad entries: every error at once, entries kept, passwords not echoed.
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[
                ("username", "zhang san"),
                ("role_editor", "yes"),
                ("password", "Hetang-Yuese-2026"),
                ("confirm", "Hetang-Yuese-2026"),
            ],
            "不能含空格",
        ),
        (
            &[
                ("username", "zhangsan"),
                ("password", "Hetang-Yuese-2026"),
                ("confirm", "Hetang-Yuese-2026"),
            ],
            "请至少选择一个角色",
        ),
        (
            &[
                ("username", "zhangsan"),
                ("role_editor", "yes"),
                ("password", "12345678"),
                ("confirm", "12345678"),
            ],
            "常见",
        ),
        (
            &[
                ("username", "zhangsan"),
                ("role_editor", "yes"),
                ("password", "Hetang-Yuese-2026"),
                ("confirm", "Hetang-Yuese-2027"),
            ],
            "两次输入的密码不一致",
        ),
        (
            &[
                ("username", "bianji"),
                ("role_editor", "yes"),
                ("password", "Hetang-Yuese-2026"),
                ("confirm", "Hetang-Yuese-2026"),
            ],
            "已被使用",
        ),
    ];
    for (form, message) in cases {
        let res = app.post_form("/staff/users", &admin, form).await;
        assert_eq!(res.status(), 400, "{message}");
        let body = res.text().await.expect("body");
        assert!(body.contains(message), "{message}");
        assert!(body.contains("错误：账户管理"));
        assert!(
            !body.contains("Hetang-Yuese-2026"),
            "a password is never sent back"
        );
        let username = form
            .iter()
            .find(|(k, _)| *k == "username")
            .map(|(_, v)| *v)
            .unwrap_or_default();
        assert!(
            body.contains(&format!("value=\"{username}\"")),
            "the username is kept"
        );
    }
    // The role box stays ticked when the form comes back.
    let res = app
        .post_form(
            "/staff/users",
            &admin,
            &[
                ("username", "zhangsan"),
                ("role_reviewer", "yes"),
                ("password", "1"),
                ("confirm", "1"),
            ],
        )
        .await;
    let body = res.text().await.expect("body");
    assert!(body.contains("id=\"role_reviewer\" name=\"role_reviewer\" value=\"yes\" checked"));

    // Added: signs in with the first password and holds the roles ticked.
    let res = app
        .post_form(
            "/staff/users",
            &admin,
            &[
                ("username", "zhangsan"),
                ("display_name", "张三"),
                ("role_editor", "yes"),
                ("role_reviewer", "yes"),
                ("password", "Hetang-Yuese-2026"),
                ("confirm", "Hetang-Yuese-2026"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let id = account_id(&app, "zhangsan").await;
    assert_eq!(
        res.headers()["location"],
        format!("/staff/users/{id}?notice=user_created")
    );
    let first = app
        .login("zhangsan", "Hetang-Yuese-2026")
        .await
        .expect("signs in");
    // The administrator knows the first password: its owner replaces it
    // before anything else — staff pages lead to the password page, and
    // staff writes are refused as from a visitor.
    let res = app.get_as("/staff", &first).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/staff/password?notice=must_change"
    );
    assert_eq!(app.get_as("/staff/topics", &first).await.status(), 303);
    let (status, page) = app
        .page_as("/staff/password?notice=must_change", &first)
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("您的密码是管理员设置的"));
    let res = app
        .post_form(
            "/staff/topics",
            &first,
            &[("slug", "x-topic"), ("title", "专题"), ("summary", "简介")],
        )
        .await;
    assert_eq!(
        res.status(),
        303,
        "sent to sign in: not signed in for anything else"
    );
    let (made,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM topics WHERE slug = 'x-topic'")
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    assert_eq!(made, 0);
    let zhang = app
        .first_sign_in("zhangsan", "Hetang-Yuese-2026", "Zhang-Ziji-2026!")
        .await;
    assert!(app.page_as("/staff", &zhang).await.1.contains("编辑、审核"));
    let (_, page) = app.page_as(&format!("/staff/users/{id}"), &admin).await;
    assert!(page.contains("张三（zhangsan）") && page.contains("正常"));

    // Roles changed: at once, on the next request.
    let path = format!("/staff/users/{id}");
    let res = app
        .post_form(
            &path,
            &admin,
            &[
                ("action", "save"),
                ("display_name", "张三丰"),
                ("role_handler", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, dash) = app.page_as("/staff", &zhang).await;
    assert!(dash.contains("办件") && !dash.contains("编辑、审核"));
    let res = app
        .post_form(&path, &admin, &[("action", "save"), ("display_name", "")])
        .await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.expect("body");
    assert!(body.contains("请输入姓名") && body.contains("请至少选择一个角色"));

    // Disabled: signed out at once, cannot sign in; enabled again: can.
    let res = app.post_form(&path, &admin, &[("action", "disable")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        app.get_as("/staff", &zhang).await.status(),
        303,
        "session ended"
    );
    assert_eq!(app.login("zhangsan", "Zhang-Ziji-2026!").await, Err(400));
    assert!(app
        .page_as("/staff/users", &admin)
        .await
        .1
        .contains("已停用"));
    let res = app.post_form(&path, &admin, &[("action", "enable")]).await;
    assert_eq!(res.status(), 303);
    assert!(app.login("zhangsan", "Zhang-Ziji-2026!").await.is_ok());

    // A new password: unlocks, ends sessions, follows the policy.
    for _ in 0..5 {
        let _ = app.login("zhangsan", "wrong-one").await;
    }
    assert!(app.page_as(&path, &admin).await.1.contains("已锁定"));
    let res = app
        .post_form(
            &path,
            &admin,
            &[
                ("action", "reset"),
                ("password", "zhangsan-2026"),
                ("confirm", "zhangsan-2026"),
            ],
        )
        .await;
    assert_eq!(res.status(), 400, "contains the username");
    let res = app
        .post_form(
            &path,
            &admin,
            &[
                ("action", "reset"),
                ("password", "Qingshan-Xin-2026"),
                ("confirm", "Qingshan-Xin-2026"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let reset = app
        .login("zhangsan", "Qingshan-Xin-2026")
        .await
        .expect("signs in");
    assert_eq!(
        app.get_as("/staff", &reset).await.status(),
        303,
        "a reset password is changed first too"
    );
    let res = app
        .post_form(
            "/staff/password",
            &reset,
            &[
                ("current", "Qingshan-Xin-2026"),
                ("new", "Zhang-Zaici-2026!"),
                ("confirm", "Zhang-Zaici-2026!"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);

    // The last enabled administrator keeps the role and the account.
    let me = format!("/staff/users/{admin_id}");
    let res = app
        .post_form(
            &me,
            &admin,
            &[
                ("action", "save"),
                ("display_name", "管理员"),
                ("role_editor", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.expect("body").contains("唯一在用的管理员"));
    let res = app.post_form(&me, &admin, &[("action", "disable")]).await;
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .expect("body")
        .contains("不能停用自己的账户"));
    // With a second administrator, the first may step down.
    let res = app
        .post_form(
            &path,
            &admin,
            &[
                ("action", "save"),
                ("display_name", "张三丰"),
                ("role_admin", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = app
        .post_form(
            &me,
            &admin,
            &[
                ("action", "save"),
                ("display_name", "管理员"),
                ("role_editor", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        app.page_as("/staff/users", &admin).await.0,
        403,
        "no longer an administrator"
    );
    // And the new one cannot be disabled by anyone while it is the last.
    let zhang = app
        .login("zhangsan", "Zhang-Zaici-2026!")
        .await
        .expect("signs in");
    let res = app
        .post_form(
            &me,
            &zhang,
            &[
                ("action", "save"),
                ("display_name", "管理员"),
                ("role_admin", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = app
        .post_form(
            &path,
            &app.login("guanli", crate::common::TEST_PASSWORD)
                .await
                .expect("in"),
            &[("action", "disable")],
        )
        .await;
    assert_eq!(
        res.status(),
        303,
        "two administrators: one may disable the other"
    );
    assert_eq!(
        gongkai::account::cli::set_enabled(&app.db, "guanli", false)
            .await
            .map_err(|e| e.to_string()),
        Err("用户 guanli 是唯一在用的管理员，不能停用".to_owned())
    );
    gongkai::account::cli::set_enabled(&app.db, "zhangsan", true)
        .await
        .expect("enabled by the CLI");

    let actions = audit_actions(&app).await;
    for action in [
        "user_created",
        "user_updated",
        "user_disabled",
        "user_enabled",
        "password_reset",
    ] {
        assert!(actions.iter().any(|a| a == action), "{action} audited");
    }
    assert!(app.page_as("/", &editor).await.0 == 200);
    gongkai::account::cli::verify_audit(&app.db)
        .await
        .expect("the chain is intact");
}

async fn the_first_sign_in_page_explains_the_first_account(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let (status, page) = app.page("/staff/login").await;
    assert_eq!(status, 200);
    assert!(page.contains("尚未创建任何账户") && page.contains("gongkai user add"));
    app.create_user("guanli", &[Role::Admin]).await;
    let (_, page) = app.page("/staff/login").await;
    assert!(
        !page.contains("尚未创建任何账户"),
        "only while there is none"
    );
}

async fn usernames(db: &gongkai::server::db::Db) -> Vec<String> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT username FROM users ORDER BY username")
        .fetch_all(db.pool())
        .await
        .expect("users");
    rows.into_iter().map(|(u,)| u).collect()
}

async fn a_backup_restores_the_whole_site(engine: Engine) {
    use gongkai::account::cli;
    use gongkai::server::backup;
    use gongkai::server::db::Db;
    let (url, dir) = crate::common::fresh_db_url(engine).await;
    let files = tempfile::tempdir().expect("temp dir");
    let db = Db::connect(&url).await.expect("open");
    db.migrate().await.expect("migrate");
    let roles = ["admin".to_owned()];
    cli::add_user(&db, "lisi", Some("李四"), &roles, "Hetang-Yuese-2026")
        .await
        .expect("add");
    let copy = files.path().join(match engine {
        Engine::Sqlite => "gongkai-backup.db",
        Engine::Postgres => "gongkai-backup.sql",
    });
    let bytes = backup::backup(&db, &url, &copy).await.expect("backup");
    assert!(bytes > 0);
    // Never over an existing file.
    let again = backup::backup(&db, &url, &copy).await;
    assert!(again.expect_err("refused").to_string().contains("已存在"));
    // Work after the backup is undone by the restore.
    cli::add_user(&db, "wangwu", None, &roles, "Hetang-Yuese-2026")
        .await
        .expect("add");
    assert_eq!(usernames(&db).await, ["lisi", "wangwu"]);

    // A file that is not a backup is refused, and the database is untouched.
    let junk = files.path().join("junk");
    std::fs::write(&junk, "这不是备份 SELECT broken;").expect("write");
    assert!(backup::restore(&url, &junk).await.is_err());
    assert!(backup::restore(&url, &files.path().join("missing"))
        .await
        .is_err());
    assert_eq!(usernames(&db).await, ["lisi", "wangwu"]);
    if engine == Engine::Sqlite {
        // Not a copy made by a newer Gongkai (its schema is unknown here).
        let newer = files.path().join("newer.db");
        std::fs::copy(&copy, &newer).expect("copy");
        let other = Db::connect(&format!("sqlite://{}", newer.display()))
            .await
            .expect("open the copy");
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES (9999, 'future', TRUE, X'00', 0)",
        )
        .execute(other.pool())
        .await
        .expect("a future migration");
        other.pool().close().await;
        let refused = backup::restore(&url, &newer).await;
        assert!(refused
            .expect_err("refused")
            .to_string()
            .contains("备份来自更新的版本"));
        // Not while a portal serves from the database.
        let in_use = backup::mark_in_use(&url).expect("lock");
        let refused = backup::restore(&url, &copy).await;
        assert!(refused
            .expect_err("refused")
            .to_string()
            .contains("请先停止门户"));
        drop(in_use);
    }
    db.pool().close().await;

    backup::restore(&url, &copy).await.expect("restore");
    let db = Db::connect(&url).await.expect("open");
    db.migrate().await.expect("migrations after a restore");
    assert_eq!(usernames(&db).await, ["lisi"]);
    cli::verify_audit(&db)
        .await
        .expect("the audit chain came back whole");
    // The restored site serves and signs its staff in.
    let restored = crate::common::spawn_on(db).await;
    let res = restored
        .client
        .post(restored.url("/staff/login"))
        .form(&[("username", "lisi"), ("password", "Hetang-Yuese-2026")])
        .send()
        .await
        .expect("login");
    assert_eq!(res.status(), 303);
    drop(dir);
}

/// The main navigation of a page.
fn main_nav(page: &str) -> &str {
    let start = page.find("aria-label=\"主导航\"").expect("navigation");
    let end = page[start..].find("</nav>").expect("end of navigation");
    &page[start..start + end]
}

async fn a_new_portal_shows_only_what_it_has(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let (status, home) = app.page("/").await;
    assert_eq!(status, 200);
    assert!(home.contains("欢迎访问"), "a welcome, not empty boxes");
    assert!(!home.contains("暂无符合条件的信息"));
    let nav = main_nav(&home);
    for empty in [
        "/disclosure/news",
        "/disclosure/policy",
        "/disclosure/interpretation",
        "/graphics",
        "/topics",
        "/services",
    ] {
        assert!(
            !nav.contains(&format!("href=\"{empty}\"")),
            "{empty} is left out while empty"
        );
    }
    for always in ["/disclosure", "/registers", "/consult"] {
        assert!(
            nav.contains(&format!("href=\"{always}\"")),
            "{always} is always there"
        );
    }
    // Each section still answers when asked for directly.
    for path in [
        "/disclosure",
        "/disclosure/news",
        "/services",
        "/topics",
        "/graphics",
        "/registers",
    ] {
        assert_eq!(app.page(path).await.0, 200, "{path}");
    }
    // Staff see every section: they are the ones to fill it.
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let (_, staff_home) = app.page_as("/", &editor).await;
    assert!(main_nav(&staff_home).contains("href=\"/disclosure/news\""));
    assert!(staff_home.contains("到工作台发布第一条信息"));

    // The first news item puts the section in the navigation and on the home page.
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    let id = crate::common::submit_new_of(&app, &editor, "news", "第一条工作动态", "正文。").await;
    assert_eq!(approve(&app, &reviewer, id).await.status(), 303);
    let (_, home) = app.page("/").await;
    assert!(home.contains("第一条工作动态") && home.contains("更多工作动态"));
    assert!(!home.contains("欢迎访问"));
    assert!(main_nav(&home).contains("href=\"/disclosure/news\""));
    assert!(!main_nav(&home).contains("href=\"/disclosure/policy\""));
    assert!(
        !home.contains("暂无符合条件的信息"),
        "no empty panels beside it"
    );
}

/// The value of the hidden field `name` on a page.
fn hidden_value(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker).expect("the field") + marker.len();
    page[start..].split('"').next().expect("value").to_owned()
}

/// Publishes a news item through review; returns its id.
async fn published_news(app: &TestApp, editor: &str, reviewer: &str, title: &str) -> i64 {
    let id = crate::common::submit_new_of(app, editor, "news", title, "正文。").await;
    assert_eq!(approve(app, reviewer, id).await.status(), 303);
    id
}

async fn staff_keep_the_topics(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    let both = app.staff("zonghe", &[Role::Editor, Role::Reviewer]).await;
    let handler = app.staff("banjian", &[Role::Handler]).await;
    assert_eq!(app.page_as("/staff/topics", &handler).await.0, 403);
    let (status, page) = app.page_as("/staff/topics", &editor).await;
    assert_eq!(status, 200);
    assert!(page.contains("新建专题") && page.contains("还没有专题"));
    assert!(app
        .page_as("/staff", &editor)
        .await
        .1
        .contains("/staff/topics"));

    // Bad entries: every error at once, entries kept.
    let res = app
        .post_form(
            "/staff/topics",
            &editor,
            &[("slug", "Bad Slug"), ("title", ""), ("summary", "简介保留")],
        )
        .await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.expect("body");
    assert!(body.contains("网址名用2至50个小写字母") && body.contains("请输入专题名称"));
    assert!(body.contains("value=\"Bad Slug\"") && body.contains("简介保留"));

    let good = [
        ("slug", "zwgk-2027"),
        ("title", "2027年政务公开工作"),
        ("summary", "汇集2027年政务公开工作的文件和进展。"),
        ("body", "本专题汇集**重点工作**。"),
    ];
    let res = app.post_form("/staff/topics", &editor, &good).await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let path = location.split('?').next().expect("path").to_owned();
    assert!(path.starts_with("/staff/topics/"));
    let taken = app.post_form("/staff/topics", &editor, &good).await;
    assert_eq!(taken.status(), 400);
    assert!(taken
        .text()
        .await
        .expect("body")
        .contains("已被其他专题使用"));
    // Not public before review.
    assert_eq!(app.page("/topics/zwgk-2027").await.0, 404);
    assert!(!app.page("/topics").await.1.contains("2027年政务公开工作"));

    // Review: reviewers only, not the author, on the text they read.
    let (_, page) = app.page_as(&path, &reviewer).await;
    assert!(
        page.contains("待审核的内容") && page.contains("<strong>重点工作</strong>"),
        "previewed as the public will see it"
    );
    let seen = hidden_value(&page, "seen");
    let res = app
        .post_form(
            &path,
            &editor,
            &[("action", "approve"), ("seen", &seen), ("opinion", "同意")],
        )
        .await;
    assert_eq!(res.status(), 403, "editors do not approve");
    let res = app
        .post_form(
            &path,
            &reviewer,
            &[
                ("action", "approve"),
                ("seen", "stale"),
                ("opinion", "同意"),
            ],
        )
        .await;
    assert_eq!(res.status(), 409);
    let res = app
        .post_form(
            &path,
            &reviewer,
            &[("action", "approve"), ("seen", &seen), ("opinion", " ")],
        )
        .await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.expect("body").contains("请填写审核意见"));
    let res = app
        .post_form(
            &path,
            &reviewer,
            &[
                ("action", "approve"),
                ("seen", &seen),
                ("opinion", "经保密审查，同意公开"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (status, public) = app.page("/topics/zwgk-2027").await;
    assert_eq!(status, 200);
    assert!(public.contains("2027年政务公开工作") && public.contains("重点工作"));
    assert!(app.page("/topics").await.1.contains("2027年政务公开工作"));
    // Editors find the way to change it on the page itself; the public does not.
    assert!(!public.contains("编辑专题"));
    let (_, as_editor) = app.page_as("/topics/zwgk-2027", &editor).await;
    assert!(as_editor.contains("编辑专题") && as_editor.contains("href=\"/staff/topics/"));

    // Items: a wrong number is explained; public items show in their order.
    let res = app
        .post_form(
            &path,
            &editor,
            &[
                ("action", "add_item"),
                ("article", "99999"),
                ("section", "progress"),
            ],
        )
        .await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.expect("body");
    assert!(body.contains("请输入信息的编号或网址") && body.contains("value=\"99999\""));
    let first = published_news(&app, &editor, &reviewer, "第一项进展").await;
    let second = published_news(&app, &editor, &reviewer, "第二项进展").await;
    for id in [first, second] {
        let article = format!("/articles/{id}");
        let res = app
            .post_form(
                &path,
                &editor,
                &[
                    ("action", "add_item"),
                    ("article", &article),
                    ("section", "progress"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
    }
    let (_, public) = app.page("/topics/zwgk-2027").await;
    assert!(public.find("第一项进展") < public.find("第二项进展"));
    let res = app
        .post_form(
            &path,
            &editor,
            &[("action", "move_down"), ("article", &first.to_string())],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, public) = app.page("/topics/zwgk-2027").await;
    assert!(
        public.find("第二项进展") < public.find("第一项进展"),
        "reordered"
    );
    let res = app
        .post_form(
            &path,
            &editor,
            &[("action", "remove_item"), ("article", &second.to_string())],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(!app.page("/topics/zwgk-2027").await.1.contains("第二项进展"));

    // An edit waits for review; the public keeps the approved text.
    let edited = [
        ("action", "save"),
        ("title", "2027年政务公开重点工作"),
        ("summary", "新的简介。"),
        ("body", ""),
    ];
    assert_eq!(app.post_form(&path, &both, &edited).await.status(), 303);
    assert!(!app
        .page("/topics/zwgk-2027")
        .await
        .1
        .contains("2027年政务公开重点工作"));
    let (_, page) = app.page_as(&path, &both).await;
    assert!(page.contains("需由其他审核人员审核"));
    let seen = hidden_value(&app.page_as(&path, &reviewer).await.1, "seen");
    let res = app
        .post_form(
            &path,
            &both,
            &[("action", "approve"), ("seen", &seen), ("opinion", "同意")],
        )
        .await;
    assert_eq!(res.status(), 403, "not one's own text");
    let res = app
        .post_form(
            &path,
            &reviewer,
            &[
                ("action", "return"),
                ("seen", &seen),
                ("opinion", "简介过短"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(app.page_as(&path, &both).await.1.contains("简介过短"));
    let res = app
        .post_form(
            &path,
            &reviewer,
            &[("action", "approve"), ("seen", &seen), ("opinion", "同意")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(app
        .page("/topics/zwgk-2027")
        .await
        .1
        .contains("2027年政务公开重点工作"));

    // Retired: gone from the site; restored: back.
    assert_eq!(
        app.post_form(&path, &editor, &[("action", "retire")])
            .await
            .status(),
        403
    );
    assert_eq!(
        app.post_form(&path, &reviewer, &[("action", "retire")])
            .await
            .status(),
        303
    );
    assert_eq!(app.page("/topics/zwgk-2027").await.0, 404);
    assert!(!app
        .page("/topics")
        .await
        .1
        .contains("2027年政务公开重点工作"));
    assert_eq!(
        app.post_form(&path, &reviewer, &[("action", "restore")])
            .await
            .status(),
        303
    );
    assert_eq!(app.page("/topics/zwgk-2027").await.0, 200);

    // Nothing public lacks an approved review.
    let (unreviewed,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM topics t WHERE t.status = 'published' AND NOT EXISTS \
         (SELECT 1 FROM topic_reviews r WHERE r.topic_id = t.id AND r.decision = 'approved' AND r.title = t.title)",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("count");
    assert_eq!(unreviewed, 0);
    let actions = audit_actions(&app).await;
    for action in [
        "topic.saved",
        "topic.approved",
        "topic.returned",
        "topic.item_added",
        "topic.item_moved",
        "topic.item_removed",
        "topic.retired",
        "topic.restored",
    ] {
        assert!(actions.iter().any(|a| a == action), "{action} audited");
    }
}

async fn staff_keep_the_text_pages(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    assert_eq!(
        app.page_as(
            "/staff/pages",
            &app.staff("banjian", &[Role::Handler]).await
        )
        .await
        .0,
        403
    );
    let (status, page) = app.page_as("/staff/pages", &editor).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("政府信息公开指南") && page.contains("尚未撰写") && page.contains("/privacy")
    );
    assert_eq!(
        app.page("/disclosure/guide").await.0,
        404,
        "nothing until written and approved"
    );
    assert_eq!(app.page("/about").await.0, 404);
    assert!(
        !app.page("/").await.1.contains("href=\"/about\""),
        "no footer link to a missing page"
    );
    assert_eq!(app.page_as("/staff/pages/nonsense", &editor).await.0, 404);

    let res = app
        .post_form(
            "/staff/pages/guide",
            &editor,
            &[("action", "save"), ("title", ""), ("body_md", "")],
        )
        .await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.expect("body");
    assert!(body.contains("请输入标题") && body.contains("请输入正文"));
    // The article editor's body island, not a bare textarea.
    assert!(body.contains("role=\"tablist\"") && body.contains("name=\"body_md\""));
    let first = [
        ("action", "save"),
        ("title", "政府信息公开指南"),
        ("body_md", "## 一、主动公开\n\n本机关主动公开的信息。"),
    ];
    assert_eq!(
        app.post_form("/staff/pages/guide", &editor, &first)
            .await
            .status(),
        303
    );
    assert_eq!(
        app.page("/disclosure/guide").await.0,
        404,
        "not before review"
    );
    let (_, page) = app.page_as("/staff/pages/guide", &reviewer).await;
    assert!(
        page.contains("<h2>一、主动公开</h2>"),
        "previewed as the public will see it"
    );
    let seen = hidden_value(&page, "seen");
    assert_eq!(
        app.post_form(
            "/staff/pages/guide",
            &editor,
            &[("action", "approve"), ("seen", &seen), ("opinion", "同意")]
        )
        .await
        .status(),
        403
    );
    assert_eq!(
        app.post_form(
            "/staff/pages/guide",
            &reviewer,
            &[("action", "approve"), ("seen", "old"), ("opinion", "同意")]
        )
        .await
        .status(),
        409
    );
    assert_eq!(
        app.post_form(
            "/staff/pages/guide",
            &reviewer,
            &[
                ("action", "approve"),
                ("seen", &seen),
                ("opinion", "经保密审查，同意公开")
            ]
        )
        .await
        .status(),
        303
    );
    let (status, public) = app.page("/disclosure/guide").await;
    assert_eq!(status, 200);
    assert!(public.contains("本机关主动公开的信息"));
    assert!(!public.contains("编辑本页"));
    let (_, as_editor) = app.page_as("/disclosure/guide", &editor).await;
    assert!(as_editor.contains("href=\"/staff/pages/guide\""));

    // An edit: the public keeps the approved text until the next approval;
    // both versions stay in the page's history.
    let second = [
        ("action", "save"),
        ("title", "政府信息公开指南"),
        ("body_md", "## 一、主动公开\n\n修订后的指南。"),
    ];
    assert_eq!(
        app.post_form("/staff/pages/guide", &editor, &second)
            .await
            .status(),
        303
    );
    assert!(app
        .page("/disclosure/guide")
        .await
        .1
        .contains("本机关主动公开的信息"));
    let seen = hidden_value(
        &app.page_as("/staff/pages/guide", &reviewer).await.1,
        "seen",
    );
    assert_eq!(
        app.post_form(
            "/staff/pages/guide",
            &reviewer,
            &[
                ("action", "return"),
                ("seen", &seen),
                ("opinion", "请补充申请渠道")
            ]
        )
        .await
        .status(),
        303
    );
    assert!(app
        .page_as("/staff/pages/guide", &editor)
        .await
        .1
        .contains("请补充申请渠道"));
    assert_eq!(
        app.post_form(
            "/staff/pages/guide",
            &reviewer,
            &[("action", "approve"), ("seen", &seen), ("opinion", "同意")]
        )
        .await
        .status(),
        303
    );
    assert!(app
        .page("/disclosure/guide")
        .await
        .1
        .contains("修订后的指南"));
    let (_, history) = app.page_as("/staff/pages/guide", &editor).await;
    assert!(
        history.contains("本机关主动公开的信息") && history.contains("修订后的指南"),
        "revisions kept"
    );

    // The site's own pages are linked from every page's footer once public.
    let about = [
        ("action", "save"),
        ("title", "关于本网站"),
        ("body_md", "本网站是政府信息公开平台。"),
    ];
    assert_eq!(
        app.post_form("/staff/pages/about", &editor, &about)
            .await
            .status(),
        303
    );
    let seen = hidden_value(
        &app.page_as("/staff/pages/about", &reviewer).await.1,
        "seen",
    );
    assert_eq!(
        app.post_form(
            "/staff/pages/about",
            &reviewer,
            &[("action", "approve"), ("seen", &seen), ("opinion", "同意")]
        )
        .await
        .status(),
        303
    );
    assert_eq!(app.page("/about").await.0, 200);
    let (_, home) = app.page("/").await;
    assert!(home.contains("href=\"/about\"") && !home.contains("href=\"/privacy\""));

    let (unreviewed,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM static_pages p WHERE p.status = 'published' AND NOT EXISTS \
         (SELECT 1 FROM static_page_reviews r WHERE r.slug = p.slug AND r.decision = 'approved' AND r.body_md = p.body_md)",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("count");
    assert_eq!(unreviewed, 0);
    let actions = audit_actions(&app).await;
    for action in ["page.saved", "page.approved", "page.returned"] {
        assert!(actions.iter().any(|a| a == action), "{action} audited");
    }
}

async fn a_calendar_change_lists_the_cases_and_questions_it_moves(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let admin = app
        .login("guanli", gongkai::demo::DEMO_PASSWORD)
        .await
        .expect("admin");
    // A poor rating given today waits for its 回访.
    let (case_id, case_number): (i64, String) = sqlx::query_as(
        "SELECT id, number FROM applications WHERE finished_on IS NOT NULL AND number IS NOT NULL \
         AND id NOT IN (SELECT application_id FROM case_ratings) ORDER BY id",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("a finished case");
    gongkai::services::db::feedback::rate(
        &app.db,
        case_id,
        1,
        "等了很久",
        app.state.today(),
        gongkai::ui::format::now(),
    )
    .await
    .expect("rated");
    // Ten days off starting tomorrow push every open clock that runs past it.
    // (A holiday stays within its year: near New Year the days run to 31 December.)
    use chrono::Datelike;
    let first = app.state.today() + chrono::Duration::days(1);
    let year_end = chrono::NaiveDate::from_ymd_opt(first.year(), 12, 31).expect("date");
    let last = (first + chrono::Duration::days(9)).min(year_end);
    let year = first.year().to_string();
    let (first, last) = (
        first.format("%Y-%m-%d").to_string(),
        last.format("%Y-%m-%d").to_string(),
    );
    let res = app
        .post_form(
            "/staff/calendar",
            &admin,
            &[
                ("year", &year),
                ("name", "测试假期"),
                ("first", &first),
                ("last", &last),
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
    assert!(page.contains("随之改变的期限"), "the list is shown");
    assert!(
        page.contains("办件 ") || page.contains("咨询 "),
        "open cases or questions moved"
    );
    assert!(
        page.contains(&format!("差评回访 {case_number}")),
        "the follow-up's due date moved"
    );
    let (detail,): (String,) = sqlx::query_as(
        "SELECT detail FROM audit_log WHERE action = 'calendar.holiday_saved' ORDER BY seq DESC LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("audit");
    assert!(
        detail.contains("\"moved\":[{"),
        "recorded with the change: {detail}"
    );
}

async fn administrators_export_the_service_guides(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let admin = app
        .login("guanli", gongkai::demo::DEMO_PASSWORD)
        .await
        .expect("admin");
    let editor = app
        .login("bianji", gongkai::demo::DEMO_PASSWORD)
        .await
        .expect("editor");
    assert_eq!(app.page_as("/staff/services", &editor).await.0, 403);
    assert_eq!(
        app.get_as("/staff/services/export.json", &editor)
            .await
            .status(),
        403
    );
    assert_eq!(
        app.get("/staff/services/export.json").await.status(),
        303,
        "sign in first"
    );
    let (status, page) = app.page_as("/staff/services", &admin).await;
    assert_eq!(status, 200);
    let stored = gongkai::services::db::all(&app.db).await.expect("services");
    assert!(!stored.is_empty());
    assert!(page.contains(&format!("导出办事大厅全部{}个事项的办事指南", stored.len())));
    // The whole catalogue comes back exactly as stored, in a named format.
    let res = app.get_as("/staff/services/export.json", &admin).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"]
        .to_str()
        .expect("header")
        .contains("attachment"));
    let file: gongkai::services::export::GuideFile = res.json().await.expect("json");
    assert_eq!(file.format, gongkai::services::export::FORMAT);
    assert_eq!(file.guides, stored);
    assert!(
        file.guides
            .iter()
            .any(|g| !g.fields.is_empty() && !g.materials.is_empty()),
        "forms and materials travel with the guides"
    );
    // One guide.
    let code = &stored[0].code;
    let res = app
        .get_as(&format!("/staff/services/{code}/export.json"), &admin)
        .await;
    assert_eq!(res.status(), 200);
    let file: gongkai::services::export::GuideFile = res.json().await.expect("json");
    assert_eq!(file.guides, vec![stored[0].clone()]);
    assert_eq!(
        app.get_as("/staff/services/nonsense/export.json", &admin)
            .await
            .status(),
        404
    );
}
