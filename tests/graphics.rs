//! 图解 over HTTP, on both databases: the demo's graphics on their pages
//! and on the plan's 图解 item, drawn as SVG with a text alternative and a
//! data table; the downloads (SVG, and a PNG share image of the stated size
//! with a CJK font); graphics of an item that is not public stay hidden.
#![cfg(feature = "ssr")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed test is a panic"
)]

use crate::common::{spawn_app, Engine, TestApp};
use gongkai::account::types::Role;

on_both_engines!(
    the_demo_graphics_are_shown_with_text_and_data,
    graphics_download_as_svg_and_as_a_share_png,
    a_graphic_of_an_item_not_public_is_not_shown,
    staff_build_a_graphic_in_the_structured_editor,
    a_major_project_shows_its_progress_as_a_timeline,
);

/// (id, title, article) of every stored graphic, in order.
async fn graphics(app: &TestApp) -> Vec<(i64, String, Option<i64>)> {
    sqlx::query_as("SELECT id, title, article_id FROM graphics ORDER BY id")
        .fetch_all(app.db.pool())
        .await
        .expect("graphics")
}

async fn the_demo_graphics_are_shown_with_text_and_data(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let all = graphics(&app).await;
    assert_eq!(all.len(), 6, "{all:?}");
    let (status, list) = app.page("/graphics").await;
    assert_eq!(status, 200);
    for (id, title, _) in &all {
        assert!(
            list.contains(&format!("/graphics/{id}\"")),
            "{title} listed"
        );
    }

    // The plan's 图解 item shows its two graphics, each readable without script.
    let article = all[0]
        .2
        .expect("the plan's graphics belong to its 图解 item");
    let (status, page) = app.page(&format!("/articles/{article}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("一图读懂2016年政务公开工作实施方案"));
    assert!(page.contains("三个方面的主要任务"));
    assert!(page.contains("<svg"));
    assert!(page.contains("role=\"img\""));
    // The text alternative says what the graphic shows.
    assert!(page.contains("第1步 一、加大信息主动公开力度"));
    assert!(page.contains("查看数据表"));
    assert!(page.contains("下载图片（PNG，适合微信分享）"));

    // The 三公 chart's numbers come from the budget register.
    let (sangong, _, _) = all
        .iter()
        .find(|(_, t, _)| t.contains("三公"))
        .cloned()
        .expect("三公 chart");
    let (status, page) = app.page(&format!("/graphics/{sangong}")).await;
    assert_eq!(status, 200);
    let fen = gongkai::registers::db::budget_lines(&app.db)
        .await
        .expect("budget lines")
        .into_iter()
        .find(|l| l.year == 2016 && l.kind == "预算" && l.system == "三公经费" && l.code == "3")
        .map(|l| l.amount)
        .expect("the 2016 budget for 公务接待费");
    let wan = gongkai::graphics::types::number((fen as f64 / 1_000_000.0 * 10.0).round() / 10.0);
    assert!(
        page.contains(&format!("2016年 公务接待费：{wan}万元")),
        "the tip shows {wan}"
    );
    // Each bar carries its exact value in a tip, and the table has the figures.
    assert!(page.contains("app-graphic__tip"));
    assert!(page.contains("<th scope=\"row\">2016年</th>"));
    assert_eq!(app.page("/graphics/999999").await.0, 404);
}

/// The width and height in a PNG's header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

async fn graphics_download_as_svg_and_as_a_share_png(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (id, title, _) = graphics(&app).await.remove(1);

    let res = app.get(&format!("/graphics/{id}/graphic.svg")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/svg+xml");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap_or_default()
        .starts_with("attachment"));
    let svg = res.text().await.expect("svg");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains(&title));

    let res = app.get(&format!("/graphics/{id}/share.png")).await;
    if !gongkai::graphics::export::can_draw_png() {
        // A machine without a CJK font says so rather than drawing boxes.
        assert_eq!(res.status(), 503);
        return;
    }
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/png");
    let bytes = res.bytes().await.expect("png");
    let (w, h) = png_size(&bytes);
    assert_eq!(w, 1080, "WeChat-sized width");
    let stored = gongkai::graphics::db::public_one(&app.db, id)
        .await
        .expect("read")
        .expect("public");
    let site = gongkai::site::SiteSettings::load(&app.db)
        .await
        .expect("site")
        .name;
    let (_, units) = gongkai::graphics::svg::share_card(&stored.spec, &site, None);
    assert_eq!(h, (units * 3.0) as u32, "the stated height");
    // Text was drawn with a real font: the image is far from blank.
    assert!(bytes.len() > 20_000, "{} bytes", bytes.len());

    assert_eq!(
        app.get(&format!("/graphics/{id}/share.gif")).await.status(),
        404
    );
    assert_eq!(app.get("/graphics/x/share.png").await.status(), 404);
}

async fn a_graphic_of_an_item_not_public_is_not_shown(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (id, _, article) = graphics(&app).await.remove(0);
    let article = article.expect("belongs to an item");
    sqlx::query("UPDATE articles SET disclosure = 'withheld' WHERE id = $1")
        .bind(article)
        .execute(app.db.pool())
        .await
        .expect("withhold");
    assert_eq!(app.page(&format!("/graphics/{id}")).await.0, 404);
    assert_eq!(
        app.get(&format!("/graphics/{id}/graphic.svg"))
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get(&format!("/graphics/{id}/share.png")).await.status(),
        404
    );
    assert!(!app
        .page("/graphics")
        .await
        .1
        .contains(&format!("/graphics/{id}\"")));
}

async fn staff_build_a_graphic_in_the_structured_editor(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let editor = app.staff("tujie", &[Role::Editor]).await;
    let handler = app.staff("tujie2", &[Role::Handler]).await;
    assert_ne!(app.get("/staff/graphics/new?kind=flow").await.status(), 200);
    assert_eq!(
        app.post_form("/staff/graphics/new", &handler, &[("kind", "flow")])
            .await
            .status(),
        403
    );
    let (status, page) = app.page_as("/staff/graphics/new?kind=flow", &editor).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("name=\"steps-1-name\""),
        "a blank flow has two steps"
    );

    // A row button adds a step and keeps what was typed.
    let res = app
        .post_form(
            "/staff/graphics/new",
            &editor,
            &[
                ("kind", "flow"),
                ("title", "年度核验流程"),
                ("steps-0-name", "提交材料"),
                ("steps-1-name", "审核"),
                ("action", "add"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap_or_default();
    assert!(page.contains("name=\"steps-2-name\""));
    assert!(page.contains("value=\"年度核验流程\""));

    // 预览 without JavaScript draws a valid spec even before its item is chosen.
    let res = app
        .post_form(
            "/staff/graphics/new",
            &editor,
            &[
                ("kind", "flow"),
                ("title", "年度核验流程"),
                ("steps-0-name", "提交材料"),
                ("action", "preview"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(res
        .text()
        .await
        .unwrap_or_default()
        .contains("aria-labelledby=\"preview-title preview-desc\""));

    // Saving an invalid spec names each field; the entries are kept.
    let article: (i64,) = sqlx::query_as("SELECT MIN(id) FROM articles WHERE status = 'published'")
        .fetch_one(app.db.pool())
        .await
        .expect("an item");
    let article = article.0.to_string();
    let res = app
        .post_form(
            "/staff/graphics/new",
            &editor,
            &[
                ("kind", "chart"),
                ("chart", "bar"),
                ("title", ""),
                ("article", "999999"),
                ("categories-0", "2025年"),
                ("categories-1", "2026年"),
                ("series-0-name", "办件量"),
                ("series-0-0", "120"),
                ("series-0-1", "一百"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.unwrap_or_default();
    for (field, message) in [
        ("series-0-1", "应为数字"),
        ("title", "请填写图解标题"),
        ("article", "没有编号为 999999 的稿件"),
    ] {
        assert!(
            page.contains(&format!("href=\"#{field}\"")),
            "the summary links {field}"
        );
        assert!(page.contains(message), "{message}");
    }
    assert!(page.contains("value=\"一百\""), "the bad entry is kept");

    // A valid one is saved, audited and shown with its item.
    let fields = [
        ("kind", "chart"),
        ("chart", "line"),
        ("title", "近两年办件量"),
        ("unit", "件"),
        ("article", article.as_str()),
        ("categories-0", "2025年"),
        ("categories-1", "2026年"),
        ("series-0-name", "办件量"),
        ("series-0-0", "120"),
        ("series-0-1", "156"),
        ("action", "save"),
    ];
    let res = app.post_form("/staff/graphics/new", &editor, &fields).await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    assert!(location.ends_with("/edit?saved=1"), "{location}");
    // Saved and sent to 保密审查: on a published item it stays hidden until
    // a reviewer approves exactly the version they saw.
    let gid: i64 = location
        .trim_start_matches("/staff/graphics/")
        .split('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("graphic id");
    let (_, page) = app.page(&format!("/articles/{article}")).await;
    assert!(!page.contains("近两年办件量"), "not public before review");
    assert_eq!(app.page(&format!("/graphics/{gid}")).await.0, 404);
    assert!(!app.page("/graphics").await.1.contains("近两年办件量"));
    let reviewer = app.staff("tushen", &[Role::Reviewer]).await;
    let (_, dashboard) = app.page_as("/staff", &reviewer).await;
    assert!(dashboard.contains(&format!("/staff/graphics/{gid}/review")));
    let (status, review) = app
        .page_as(&format!("/staff/graphics/{gid}/review"), &reviewer)
        .await;
    assert_eq!(status, 200);
    assert!(
        review.contains("2026年 办件量：156件"),
        "the reviewer sees it drawn"
    );
    let version = hidden_value(&review, "version");
    // Changed after the reviewer opened it: that approval is refused.
    let mut changed = fields.to_vec();
    changed[9] = ("series-0-1", "157");
    let res = app
        .post_form(&format!("/staff/graphics/{gid}"), &editor, &changed)
        .await;
    assert_eq!(res.status(), 303);
    let approve = |version: String| {
        let reviewer = reviewer.clone();
        let app = &app;
        async move {
            app.post_form(
                &format!("/staff/graphics/{gid}/review"),
                &reviewer,
                &[
                    ("decision", "approve"),
                    ("opinion", "经保密审查，同意公开"),
                    ("version", version.as_str()),
                ],
            )
            .await
        }
    };
    let res = approve(version).await;
    assert_eq!(res.status(), 409);
    assert!(res
        .text()
        .await
        .unwrap_or_default()
        .contains("不是最新的版本"));
    assert!(!app
        .page(&format!("/articles/{article}"))
        .await
        .1
        .contains("近两年办件量"));
    // The author cannot approve their own graphic.
    let both = app.staff("tujie3", &[Role::Editor, Role::Reviewer]).await;
    let res = app
        .post_form(&format!("/staff/graphics/{gid}"), &both, &changed)
        .await;
    assert_eq!(res.status(), 303);
    let (_, own) = app
        .page_as(&format!("/staff/graphics/{gid}/review"), &both)
        .await;
    assert!(own.contains("不能审核自己的作品"));
    let res = app
        .post_form(
            &format!("/staff/graphics/{gid}/review"),
            &both,
            &[
                ("decision", "approve"),
                ("opinion", "同意"),
                ("version", hidden_value_or_empty(&own, "version").as_str()),
            ],
        )
        .await;
    assert_ne!(res.status(), 303);
    let (_, review) = app
        .page_as(&format!("/staff/graphics/{gid}/review"), &reviewer)
        .await;
    let res = approve(hidden_value(&review, "version")).await;
    assert_eq!(res.status(), 303);
    let (_, page) = app.page(&format!("/articles/{article}")).await;
    assert!(page.contains("近两年办件量"));
    assert!(page.contains("2026年 办件量：157件"));
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM graphic_reviews WHERE graphic_id = $1 AND decision = 'approved'",
    )
    .bind(gid)
    .fetch_one(app.db.pool())
    .await
    .expect("reviews");
    assert_eq!(n, 1, "the approval is on record");
    let (_, audit): (i64, String) = sqlx::query_as(
        "SELECT seq, action FROM audit_log WHERE action = 'graphic.save' ORDER BY seq DESC LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap_or((0, String::new()));
    assert_eq!(audit, "graphic.save");

    // The live preview draws the fields, or names the problems.
    let preview = |pairs: &[(&str, &str)]| {
        let body = serde_json::to_string(
            &pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<Vec<_>>(),
        )
        .unwrap_or_default();
        app.client
            .post(app.url("/api/staff/preview_graphic"))
            .header("cookie", editor.clone())
            .form(&[("fields", body)])
            .send()
    };
    let res = preview(&[
        ("kind", "timeline"),
        ("title", "进程"),
        ("milestones-0-date", "2016-07"),
        ("milestones-0-title", "印发"),
    ])
    .await
    .expect("preview");
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap_or_default().contains("2016年7月"));
    let res = preview(&[
        ("kind", "timeline"),
        ("title", "进程"),
        ("milestones-0-date", "七月"),
        ("milestones-0-title", "印发"),
    ])
    .await
    .expect("preview");
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap_or_default().contains("日期应写成"));
}

async fn a_major_project_shows_its_progress_as_a_timeline(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (id, stage): (i64, String) = sqlx::query_as(
        "SELECT r.id, e.stage FROM register_rows r JOIN register_events e ON e.row_id = r.id \
         WHERE r.register = 'projects' ORDER BY r.id, e.id LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("a demo project with records");
    let (status, page) = app.page(&format!("/registers/projects/{id}")).await;
    assert_eq!(status, 200);
    let svg = page
        .split("<svg ")
        .find(|s| s.contains("data-kind=\"timeline\""))
        .expect("a timeline graphic");
    assert!(svg.contains(&stage), "the timeline shows {stage}");
    assert!(page.contains("项目进程"));
    assert!(page.contains("查看数据表"));
}

/// The value of the hidden input `name` in `page`.
fn hidden_value(page: &str, name: &str) -> String {
    let v = hidden_value_or_empty(page, name);
    assert!(!v.is_empty(), "a hidden {name} in the page");
    v
}

fn hidden_value_or_empty(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    page.split(&marker)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_owned()
}
