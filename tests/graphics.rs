//! 图解 over HTTP, on both databases: the demo's graphics on their pages
//! and on the plan's 图解 item, drawn as SVG with a text alternative and a
//! data table; the downloads (SVG, and a PNG share image of the stated size
//! with a CJK font); graphics of an item that is not public stay hidden.
#![cfg(feature = "ssr")]

mod common;

use common::{spawn_app, Engine, TestApp};

on_both_engines!(
    the_demo_graphics_are_shown_with_text_and_data,
    graphics_download_as_svg_and_as_a_share_png,
    a_graphic_of_an_item_not_public_is_not_shown,
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
    assert_eq!(all.len(), 5, "{all:?}");
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
