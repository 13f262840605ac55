//! 信息公开 over HTTP, on both databases: the catalogue, category lists with
//! filters and cursor pages, item pages with metadata, interpretations under
//! the working-day clock, special topics, feeds, sitemap and attachments.
#![cfg(feature = "ssr")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed test is a panic"
)]

use crate::common::{spawn_app, Engine, TestApp};
use gongkai::content::db::{self, insert_article, NewArticle, Status};
use gongkai::content::taxonomy::Disclosure;
use gongkai::content::types::ContentKind;

on_both_engines!(
    catalogue_category_document_interpretation_and_back,
    repealed_documents_say_so_and_link_their_replacement,
    filters_live_in_the_url_and_bad_ones_are_explained,
    cursor_pages_visit_every_item_once,
    only_actively_disclosed_published_items_are_public,
    index_numbers_are_never_reused,
    interpretation_deadlines_follow_the_calendar,
    feeds_sitemap_and_robots,
    attachments_download_only_when_public,
    special_topics_and_text_pages,
    the_generator_fills_the_catalogue,
    administrators_keep_the_catalogue_terms,
);

/// The first `/articles/{id}` link after `marker` in `html`.
fn link_after(html: &str, marker: &str) -> String {
    let (_, rest) = html
        .split_once(marker)
        .unwrap_or_else(|| panic!("{marker} not found"));
    let id = rest
        .split("href=\"/articles/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("no link after {marker}"));
    format!("/articles/{id}")
}

async fn id_of(app: &TestApp, title: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM articles WHERE title = $1")
        .bind(title)
        .fetch_one(app.db.pool())
        .await
        .expect("item");
    id
}

async fn catalogue_category_document_interpretation_and_back(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (status, catalogue) = app.page("/disclosure").await;
    assert_eq!(status, 200);
    assert!(catalogue.contains("信息公开目录"));
    assert!(catalogue.contains("href=\"/disclosure/policy\""));
    assert!(catalogue.contains("规范性文件"));
    assert!(catalogue.contains("href=\"/disclosure/guide\""));
    assert!(catalogue.contains("href=\"/disclosure/rules\""));
    // Eight policy documents in the demo: the plan, six more and the
    // measure adopted after a consultation.
    assert!(
        catalogue.contains("政策文件</a><span class=\"app-tree__count\">（8）"),
        "{catalogue}"
    );

    let (status, category) = app.page("/disclosure/policy").await;
    assert_eq!(status, 200);
    assert!(category.contains("共 8 条"));
    let plan = link_after(&category, "app-list");
    let (_, plan_page) = app
        .page(&format!(
            "/articles/{}",
            id_of(&app, gongkai::demo::PLAN_TITLE).await
        ))
        .await;
    assert!(plan_page.contains("FJ08200-0101-2016-"), "索引号");
    assert!(plan_page.contains("闽新广办〔2016〕45号"));
    assert!(plan_page.contains("成文日期"));
    assert!(plan_page.contains("主动公开"));
    assert!(plan_page.contains("2016年政务公开工作任务分解表.csv"));
    assert!(plan_page.contains("相关解读"));
    assert!(plan_page.contains("按时（文件公开后第2个工作日）"));
    assert!(plan_page.contains("逾期2个工作日"));
    let _ = plan;

    let interpretation = link_after(&plan_page, "相关解读");
    let (status, interpretation_page) = app.page(&interpretation).await;
    assert_eq!(status, 200);
    assert!(interpretation_page.contains("相关文件"));
    assert!(interpretation_page.contains(gongkai::demo::PLAN_TITLE));
    let back = link_after(&interpretation_page, "相关文件");
    assert_eq!(
        back,
        format!("/articles/{}", id_of(&app, gongkai::demo::PLAN_TITLE).await)
    );
}

async fn repealed_documents_say_so_and_link_their_replacement(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let old = id_of(&app, "福建省出版物发行单位年度核验办法").await;
    let new = id_of(&app, "福建省出版物发行单位年度核验办法（2019年修订）").await;
    let (status, page) = app.page(&format!("/articles/{old}")).await;
    assert_eq!(status, 200);
    let banner = page
        .split("app-banner ")
        .nth(1)
        .and_then(|s| s.split("</div>").next())
        .expect("a banner");
    assert!(banner.contains("本文件已废止"));
    assert!(banner.contains(&format!("href=\"/articles/{new}\"")));
    let top = page.find("app-banner").expect("banner");
    let title = page.find("app-article__title").expect("title");
    assert!(top < title, "the banner comes before the document");
    let (_, new_page) = app.page(&format!("/articles/{new}")).await;
    assert!(!new_page.contains("app-banner--warning"));
    // The expired film notice says so without a replacement.
    let expired = id_of(&app, "关于进一步加强农村公益电影放映工作的通知").await;
    let (_, page) = app.page(&format!("/articles/{expired}")).await;
    assert!(page.contains("本文件已失效"));
}

async fn filters_live_in_the_url_and_bad_ones_are_explained(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (status, page) = app.page("/disclosure/policy?year=2016").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("共 2 条"),
        "the plan and the 2016 verification measure"
    );
    assert!(page.contains("<option value=\"2016\" selected"));
    let (_, page) = app.page("/disclosure/policy?validity=repealed").await;
    assert!(page.contains("共 1 条"));
    assert!(page.contains("福建省出版物发行单位年度核验办法</a>"));
    let (_, page) = app
        .page("/disclosure/policy?sub=normative&topic=online_av")
        .await;
    assert!(page.contains("共 1 条"));
    assert!(page.contains("内容审核工作规范"));
    let (_, page) = app.page("/disclosure/interpretation?sub=graphic").await;
    assert!(page.contains("共 1 条"));

    // Nonsense is refused with a message beside the field, the entry kept.
    let (status, page) = app.page("/disclosure/policy?year=20x6&topic=weather").await;
    assert_eq!(status, 400);
    assert!(page.contains("<title>错误：政策文件"));
    assert!(page.contains("app-error-summary"));
    assert!(page.contains("年份应为四位数字"));
    assert!(page.contains("请选择列表中的主题分类"));
    assert!(
        page.contains("<option value=\"20x6\" selected"),
        "the entry is kept"
    );
    assert_eq!(app.page("/disclosure/weather").await.0, 404);
    assert_eq!(app.page("/disclosure/news?before=garbage").await.0, 404);
}

async fn cursor_pages_visit_every_item_once(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let calendar = app.state.calendar();
    let mut conn = app.db.pool().acquire().await.expect("conn");
    // 45 items, some sharing a timestamp, so the id must break ties.
    for i in 0..45 {
        let new = NewArticle::published(
            ContentKind::News,
            &format!("动态{i:02}"),
            "正文",
            "办公室",
            1_600_000_000 + i / 3,
        );
        insert_article(&mut conn, &new, 1_600_000_000, &calendar)
            .await
            .expect("insert");
    }
    drop(conn);
    let mut seen = Vec::new();
    let mut path = "/disclosure/news".to_owned();
    let mut pages = Vec::new();
    loop {
        let (status, page) = app.page(&path).await;
        assert_eq!(status, 200, "{path}");
        assert!(page.contains("共 45 条"));
        for title in page.split("class=\"app-list__link\">").skip(1) {
            seen.push(title.split('<').next().unwrap_or_default().to_owned());
        }
        pages.push(path.clone());
        match page
            .split("rel=\"next\"")
            .next()
            .and_then(|s| s.rsplit("href=\"").next())
        {
            Some(href) if page.contains("rel=\"next\"") => {
                path = href
                    .split('"')
                    .next()
                    .unwrap_or_default()
                    .replace("&amp;", "&");
            }
            _ => break,
        }
    }
    assert_eq!(pages.len(), 3);
    let expected: Vec<String> = (0..45).rev().map(|i| format!("动态{i:02}")).collect();
    assert_eq!(seen, expected, "newest first, each exactly once");
    // Back from the last page to the second.
    let (_, last) = app.page(&pages[2]).await;
    let prev = last
        .split("rel=\"prev\"")
        .next()
        .and_then(|s| s.rsplit("href=\"").next())
        .expect("prev");
    let (_, second) = app
        .page(
            &prev
                .split('"')
                .next()
                .unwrap_or_default()
                .replace("&amp;", "&"),
        )
        .await;
    assert!(
        second.contains(">动态24<") && second.contains(">动态05<") && !second.contains(">动态04<")
    );
}

async fn only_actively_disclosed_published_items_are_public(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let calendar = app.state.calendar();
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let mut on_request = NewArticle::published(
        ContentKind::Policy,
        "依申请公开的文件",
        "正文",
        "办公室",
        1_600_000_000,
    );
    on_request.disclosure = Disclosure::OnRequest;
    let hidden = insert_article(&mut conn, &on_request, 1_600_000_000, &calendar)
        .await
        .expect("insert");
    let mut draft = NewArticle::published(
        ContentKind::Policy,
        "尚未发布的草稿",
        "正文",
        "办公室",
        1_600_000_001,
    );
    draft.status = Status::Draft;
    let draft_id = insert_article(&mut conn, &draft, 1_600_000_000, &calendar)
        .await
        .expect("insert");
    let public = insert_article(
        &mut conn,
        &NewArticle::published(
            ContentKind::Policy,
            "主动公开的文件",
            "正文",
            "办公室",
            1_600_000_002,
        ),
        1_600_000_000,
        &calendar,
    )
    .await
    .expect("insert");
    drop(conn);
    for id in [hidden, draft_id] {
        assert_eq!(app.page(&format!("/articles/{id}")).await.0, 404);
    }
    assert_eq!(app.page(&format!("/articles/{public}")).await.0, 200);
    for path in [
        "/disclosure/policy",
        "/feed.xml",
        "/sitemap.xml",
        "/disclosure",
        "/",
    ] {
        let (_, body) = app.page(path).await;
        assert!(
            !body.contains("依申请公开的文件") && !body.contains("尚未发布的草稿"),
            "{path}"
        );
        assert!(
            !body.contains(&format!("/articles/{hidden}<"))
                && !body.contains(&format!("/articles/{hidden}\"")),
            "{path}"
        );
    }
    let (_, list) = app.page("/disclosure/policy").await;
    assert!(list.contains("主动公开的文件") && list.contains("共 1 条"));
}

async fn index_numbers_are_never_reused(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let calendar = app.state.calendar();
    let mut conn = app.db.pool().acquire().await.expect("conn");
    let at = 1_468_548_000; // 2016-07-15
    let a = insert_article(
        &mut conn,
        &NewArticle::published(ContentKind::Notice, "甲", "正文", "办公室", at),
        at,
        &calendar,
    )
    .await
    .expect("insert");
    let b = insert_article(
        &mut conn,
        &NewArticle::published(ContentKind::Notice, "乙", "正文", "办公室", at),
        at,
        &calendar,
    )
    .await
    .expect("insert");
    let number = |id: i64| {
        let pool = app.db.pool().clone();
        async move {
            let (n,): (Option<String>,) =
                sqlx::query_as("SELECT index_no FROM articles WHERE id = $1")
                    .bind(id)
                    .fetch_one(&pool)
                    .await
                    .expect("row");
            n.expect("a number")
        }
    };
    assert_eq!(number(a).await, "000000000-0202-2016-00001");
    assert_eq!(number(b).await, "000000000-0202-2016-00002");
    sqlx::query("DELETE FROM articles WHERE id = $1")
        .bind(b)
        .execute(&mut *conn)
        .await
        .expect("delete");
    let c = insert_article(
        &mut conn,
        &NewArticle::published(ContentKind::Notice, "丙", "正文", "办公室", at),
        at,
        &calendar,
    )
    .await
    .expect("insert");
    assert_eq!(
        number(c).await,
        "000000000-0202-2016-00003",
        "00002 is not handed out again"
    );
    let d = insert_article(
        &mut conn,
        &NewArticle::published(ContentKind::Policy, "丁", "正文", "办公室", at),
        at,
        &calendar,
    )
    .await
    .expect("insert");
    assert_eq!(
        number(d).await,
        "000000000-0101-2016-00001",
        "each category counts on its own"
    );
}

async fn interpretation_deadlines_follow_the_calendar(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let calendar = app.state.calendar();
    let mut conn = app.db.pool().acquire().await.expect("conn");
    // Published on Friday 30 September 2016, the eve of National Day.
    let at = 1_475_200_800; // 2016-09-30 10:00 Beijing
    let mut doc =
        NewArticle::published(ContentKind::Policy, "节前发布的文件", "正文", "办公室", at);
    doc.needs_interpretation = true;
    let doc_id = insert_article(&mut conn, &doc, at, &calendar)
        .await
        .expect("insert");
    let (due,): (Option<String>,) =
        sqlx::query_as("SELECT interpretation_due FROM articles WHERE id = $1")
            .bind(doc_id)
            .fetch_one(&mut *conn)
            .await
            .expect("row");
    assert_eq!(
        due.as_deref(),
        Some("2016-10-10"),
        "three working days: the worked weekend and Monday"
    );

    // The staff dashboard's server function lists it with the clock's working.
    let editor = app
        .staff("bianji", &[gongkai::account::types::Role::Editor])
        .await;
    assert_eq!(
        app.get("/api/list_awaiting_interpretation").await.status(),
        401,
        "staff only"
    );
    let res = app
        .get_as("/api/list_awaiting_interpretation", &editor)
        .await;
    assert_eq!(res.status(), 200);
    let awaiting: serde_json::Value = res.json().await.expect("json");
    let first = &awaiting[0];
    assert_eq!(first["document"]["title"], "节前发布的文件");
    assert_eq!(first["due"], "2016-10-10");
    assert!(
        first["days_left"].as_i64().expect("days") < 0,
        "long overdue by now"
    );
    assert!(first["working"]
        .as_str()
        .expect("working")
        .contains("国庆节假期"));
    let (_, page) = app.page(&format!("/articles/{doc_id}")).await;
    assert!(page.contains("本文件的解读材料应于2016年10月10日前发布"));

    // The calendar changes (an invented extra day off): the open due date moves.
    gongkai::clock::db::set_day(
        &app.db,
        chrono::NaiveDate::from_ymd_opt(2016, 10, 10).expect("date"),
        Some(&gongkai::clock::DayOverride {
            kind: gongkai::clock::OverrideKind::Off,
            name: "测试".into(),
        }),
    )
    .await
    .expect("set day");
    app.state.reload_calendar().await.expect("reload");
    let mut tx = app.db.begin_write().await.expect("begin");
    let moved = db::recompute_interpretation_dues(&mut tx, &app.state.calendar())
        .await
        .expect("recompute");
    tx.commit().await.expect("commit");
    assert_eq!(moved.len(), 1);
    assert_ne!(
        moved[0].1.as_deref(),
        Some(moved[0].2.as_str()),
        "before and after differ"
    );
    let (due,): (Option<String>,) =
        sqlx::query_as("SELECT interpretation_due FROM articles WHERE id = $1")
            .bind(doc_id)
            .fetch_one(&mut *conn)
            .await
            .expect("row");
    assert_eq!(due.as_deref(), Some("2016-10-11"));

    // An interpretation on Wednesday 12 October is 4 working days later: late by one.
    let interp = insert_article(
        &mut conn,
        &NewArticle::published(
            ContentKind::Interpretation,
            "节前文件的解读",
            "正文",
            "办公室",
            1_476_237_600,
        ),
        at,
        &app.state.calendar(),
    )
    .await
    .expect("insert");
    db::link_interpretation(&mut conn, doc_id, interp, &app.state.calendar())
        .await
        .expect("link");
    drop(conn);
    let (_, page) = app.page(&format!("/articles/{doc_id}")).await;
    assert!(page.contains("逾期1个工作日"), "timeliness recorded");
    let (_, overview) = app.page("/disclosure/interpretations").await;
    assert!(
        overview.contains("节前发布的文件")
            && overview.contains("已发布解读")
            && overview.contains("逾期1个工作日")
    );
    let res = app
        .get_as("/api/list_awaiting_interpretation", &editor)
        .await;
    let awaiting: serde_json::Value = res.json().await.expect("json");
    assert_eq!(
        awaiting.as_array().map(Vec::len),
        Some(0),
        "no longer awaited"
    );
}

async fn feeds_sitemap_and_robots(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let res = app.get("/feed.xml").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .expect("type")
        .starts_with("application/xml"));
    let channel =
        rss::Channel::read_from(&res.bytes().await.expect("body")[..]).expect("the feed parses");
    assert!(channel.items().len() >= 30);
    // Newest first (the demo's consultations are dated back from today).
    let dates: Vec<_> = channel
        .items()
        .iter()
        .map(|i| {
            chrono::DateTime::parse_from_rfc2822(i.pub_date().expect("date")).expect("RFC 2822")
        })
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert!(channel
        .items()
        .iter()
        .any(|i| i.title() == Some("关于做好2026年度版权社会服务工作的通知")));
    let newest = &channel.items()[0];
    assert!(newest.link().expect("link").starts_with(&app.base));

    let policy = rss::Channel::read_from(
        &app.get("/feed/policy.xml")
            .await
            .bytes()
            .await
            .expect("body")[..],
    )
    .expect("parses");
    assert!(policy
        .items()
        .iter()
        .all(|i| i.categories()[0].name() == "政策文件"));
    assert_eq!(app.get("/feed/weather.xml").await.status(), 404);

    let (status, sitemap) = app.page("/sitemap.xml").await;
    assert_eq!(status, 200);
    assert!(sitemap.contains(&format!("<loc>{}/disclosure/policy</loc>", app.base)));
    assert!(sitemap.contains(&format!("<loc>{}/topics/zwgk-2016</loc>", app.base)));
    assert!(sitemap.contains(&format!(
        "<loc>{}/services/350000-XW-XK-001</loc>",
        app.base
    )));
    let count = sitemap.matches("/articles/").count();
    let public = db::count_public(&app.db).await.expect("count");
    assert_eq!(count as i64, public, "every public item, once");

    let (_, robots) = app.page("/robots.txt").await;
    assert!(robots.contains(&format!("Sitemap: {}/sitemap.xml", app.base)));
    assert!(robots.contains("Disallow: /staff"));
}

async fn attachments_download_only_when_public(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM attachments")
        .fetch_one(app.db.pool())
        .await
        .expect("attachment");
    let res = app.get(&format!("/attachments/{id}")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv");
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .expect("disposition")
        .to_owned();
    assert!(disposition.starts_with("attachment;"));
    assert!(disposition.contains("filename*=UTF-8''2016"));
    assert!(res.headers()["content-security-policy"]
        .to_str()
        .expect("csp")
        .contains("sandbox"));
    let bytes = res.bytes().await.expect("body");
    assert!(
        bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        "UTF-8 with a byte-order mark"
    );
    assert!(String::from_utf8_lossy(&bytes).contains("政策文件解读"));

    sqlx::query("UPDATE articles SET status = 'draft' WHERE id = (SELECT article_id FROM attachments WHERE id = $1)")
        .bind(id)
        .execute(app.db.pool())
        .await
        .expect("unpublish");
    assert_eq!(app.get(&format!("/attachments/{id}")).await.status(), 404);
    assert_eq!(app.get("/attachments/abc").await.status(), 404);
}

async fn special_topics_and_text_pages(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (status, list) = app.page("/topics").await;
    assert_eq!(status, 200);
    assert!(list.contains("href=\"/topics/zwgk-2016\""));
    let (status, topic) = app.page("/topics/zwgk-2016").await;
    assert_eq!(status, 200);
    for section in ["政策文件", "政策解读", "图解", "工作进展"] {
        assert!(topic.contains(&format!(">{section}</h2>")), "{section}");
    }
    assert!(topic.contains(gongkai::demo::PLAN_TITLE));
    assert_eq!(app.page("/topics/nope").await.0, 404);
    let (status, guide) = app.page("/disclosure/guide").await;
    assert_eq!(status, 200);
    assert!(guide.contains("<h1 class=\"app-page-title\">政府信息公开指南</h1>"));
    assert!(guide.contains("20个工作日"));
    let (status, rules) = app.page("/disclosure/rules").await;
    assert_eq!(status, 200);
    assert!(rules.contains("保密审查"));
    // A response shows how long it took: to the minute when it answered
    // a concern in the 舆情 log, to the day from the date an editor entered.
    let id = id_of(&app, "关于网传“有线电视将全面停播”的回应").await;
    let (_, page) = app.page(&format!("/articles/{id}")).await;
    assert!(page
        .contains("关切发生于2022年3月1日 16:20，本回应于2022年3月2日 10:00发布，用时1个工作日。"));
    assert!(!page.contains("微信朋友圈"), "nothing else of the log");
    let id = id_of(&app, "关于农村地区电视信号接收问题的回应").await;
    let (_, page) = app.page(&format!("/articles/{id}")).await;
    assert!(page.contains("关切发生于2019年11月5日，本回应于2019年11月7日发布，用时2个工作日。"));
}

async fn the_generator_fills_the_catalogue(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let n = gongkai::content::generate::generate(&app.db, 1_200, &app.state.calendar(), |_| {})
        .await
        .expect("generate");
    assert_eq!(n, 1_200);
    assert_eq!(db::count_public(&app.db).await.expect("count"), 1_200);
    let (distinct,): (i64,) = sqlx::query_as("SELECT COUNT(DISTINCT index_no) FROM articles")
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    assert_eq!(distinct, 1_200, "every item has its own 索引号");
    let (status, page) = app.page("/disclosure/news?year=2020").await;
    assert_eq!(status, 200);
    assert!(page.contains("rel=\"next\""));
}

/// The boxes of list `key`'s form as stored now, with `changes` applied.
async fn terms_form(app: &TestApp, key: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    use gongkai::content::taxonomy::TermList;
    use gongkai::content::term_admin::names;
    let list = TermList::from_key(key).expect("list");
    let terms = db::terms::all(&app.db).await.expect("terms");
    let mut form = vec![("list".to_owned(), key.to_owned())];
    for (i, t) in terms.of(list).iter().enumerate() {
        let [label, order, retired] = names(list, &t.slug);
        form.push((label, t.label.clone()));
        form.push((order, (i + 1).to_string()));
        if t.retired {
            form.push((retired, "1".to_owned()));
        }
    }
    for (k, v) in changes {
        form.retain(|(name, _)| name != k);
        if !v.is_empty() || !k.contains("-retired-") {
            form.push(((*k).to_owned(), (*v).to_owned()));
        }
    }
    form
}

/// An item of `kind` filed under `topic` and `subtype`, through the editor
/// (`id`: edit that item); the editor's answer.
async fn file_item(
    app: &TestApp,
    cookie: &str,
    kind: &str,
    id: Option<i64>,
    topic: &str,
    subtype: &str,
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("kind", kind.to_owned())
        .text("subtype", subtype.to_owned())
        .text("title", format!("归类测试{kind}{topic}{subtype}"))
        .text("body_md", "正文")
        .text("publisher", "办公室")
        .text("topic", topic.to_owned())
        .text("validity", "valid")
        .text("disclosure", "active")
        .text("action", "submit");
    let path = match id {
        Some(id) => format!("/articles/{id}/edit"),
        None => format!("/disclosure/{kind}/new"),
    };
    crate::common::post_multipart(app, &path, cookie, form).await
}

fn id_in(res: &reqwest::Response) -> i64 {
    res.headers()["location"]
        .to_str()
        .expect("location")
        .trim_start_matches("/articles/")
        .split('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id")
}

/// 主题分类 and 子类别 kept by administrators in the app: renamed, retired,
/// added; the editor offers what is in use, items keep what they were
/// filed under, the public catalogue and filters follow; audited.
async fn administrators_keep_the_catalogue_terms(engine: Engine) {
    use gongkai::account::types::Role;
    let app = spawn_app(engine, false).await;
    let admin = app.staff("guanli", &[Role::Admin]).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    let (status, page) = app.page_as("/staff/catalogue", &admin).await;
    assert_eq!(status, 200);
    assert!(page.contains("主题分类") && page.contains("政策文件的子类别"));
    assert!(page.contains("value=\"网络视听\""));
    assert!(app
        .page_as("/staff", &admin)
        .await
        .1
        .contains("/staff/catalogue"));
    assert_eq!(app.page_as("/staff/catalogue", &editor).await.0, 403);
    let pairs = |form: &[(String, String)]| -> Vec<(String, String)> { form.to_vec() };
    let post = |cookie: String, form: Vec<(String, String)>| {
        let app = &app;
        async move {
            let refs: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.post_form("/staff/catalogue", &cookie, &refs).await
        }
    };
    // An item filed under 电影 before that subject is retired.
    let res = file_item(&app, &editor, "notice", None, "film", "").await;
    assert_eq!(res.status(), 303);
    let film_item = id_in(&res);
    assert_eq!(
        crate::common::approve(&app, &reviewer, film_item)
            .await
            .status(),
        303
    );

    let good = terms_form(
        &app,
        "subject",
        &[
            ("subject-label-film", "电影管理"),
            ("subject-retired-film", "1"),
            ("subject-retired-printing", "1"),
            ("subject-new1-label", "网络出版"),
            ("subject-new1-slug", "online_pub"),
            ("subject-order-online_av", "1"),
        ],
    )
    .await;
    assert_eq!(post(editor.clone(), pairs(&good)).await.status(), 403);
    // Every problem at once, beside its box, entries kept.
    let mut bad = good.clone();
    for (k, v) in &mut bad {
        match k.as_str() {
            "subject-label-copyright" => v.clear(),
            "subject-new1-slug" => *v = "Online Pub".to_owned(),
            "subject-label-general" => *v = "电影管理".to_owned(),
            _ => {}
        }
    }
    let res = post(admin.clone(), bad).await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.expect("body");
    assert!(body.contains("<title>错误：目录分类"), "title says so");
    assert!(body.contains("请填写名称") && body.contains("网址标识用小写字母"));
    assert!(body.contains("与本表另一项重复"));
    assert!(body.contains("value=\"Online Pub\"") && body.contains("value=\"网络出版\""));
    assert!(
        body.contains("href=\"#subject-label-copyright\""),
        "the summary links the box"
    );
    let unknown = vec![("list".to_owned(), "poem".to_owned())];
    assert_eq!(post(admin.clone(), unknown).await.status(), 404);
    // Every subject retired: refused (new items need one).
    let all_retired: Vec<(String, String)> = {
        let terms = db::terms::all(&app.db).await.expect("terms");
        let slugs: Vec<String> = terms
            .of(gongkai::content::taxonomy::TermList::Subject)
            .iter()
            .map(|t| format!("subject-retired-{}", t.slug))
            .collect();
        let changes: Vec<(&str, &str)> = slugs.iter().map(|s| (s.as_str(), "1")).collect();
        terms_form(&app, "subject", &changes).await
    };
    let res = post(admin.clone(), all_retired).await;
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .expect("body")
        .contains("至少保留一个在用的主题分类"));

    let res = post(admin.clone(), pairs(&good)).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/staff/catalogue?notice=terms_saved#subject"
    );
    let terms = db::terms::all(&app.db).await.expect("terms");
    let subjects = terms.of(gongkai::content::taxonomy::TermList::Subject);
    assert_eq!(subjects[0].slug, "online_av", "moved first");
    assert_eq!(subjects.last().map(|t| t.slug.as_str()), Some("online_pub"));
    // Saving the same again changes and records nothing.
    let again = terms_form(&app, "subject", &[]).await;
    let res = post(admin.clone(), again).await;
    assert_eq!(
        res.headers()["location"],
        "/staff/catalogue?notice=terms_unchanged#subject"
    );
    let (n, detail): (i64, String) = sqlx::query_as(
        "SELECT COUNT(*), MAX(detail) FROM audit_log WHERE action = 'catalogue_terms_saved'",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("audit");
    assert_eq!(n, 1);
    assert!(
        detail.contains("电影 → 电影管理") && detail.contains("网络出版（online_pub）"),
        "{detail}"
    );

    // The editor offers the subjects in use only.
    let (_, new_item) = app.page_as("/disclosure/notice/new", &editor).await;
    assert!(new_item.contains(">网络出版</option>") && !new_item.contains(">印刷</option>"));
    assert!(!new_item.contains(">电影管理</option>"));
    let res = file_item(&app, &editor, "notice", None, "printing", "").await;
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .expect("body")
        .contains("主题分类“印刷”已停用"));
    let res = file_item(&app, &editor, "notice", None, "nonesuch", "").await;
    assert_eq!(res.status(), 400);
    // The item filed under 电影 keeps it when edited, and shows the new name.
    let (_, edit) = app
        .page_as(&format!("/articles/{film_item}/edit"), &editor)
        .await;
    assert!(
        edit.contains(">电影管理</option>"),
        "its own subject is still offered"
    );
    let res = file_item(&app, &editor, "notice", Some(film_item), "film", "").await;
    assert_eq!(
        res.status(),
        303,
        "{}",
        res.text().await.unwrap_or_default()
    );
    let (_, shown) = app.page(&format!("/articles/{film_item}")).await;
    assert!(shown.contains("电影管理"));
    // A new item under the new subject, found by its filter.
    let res = file_item(&app, &editor, "notice", None, "online_pub", "").await;
    assert_eq!(res.status(), 303);
    let id = id_in(&res);
    assert_eq!(
        crate::common::approve(&app, &reviewer, id).await.status(),
        303
    );
    let (status, list) = app.page("/disclosure/notice?topic=online_pub").await;
    assert_eq!(status, 200);
    assert!(list.contains("共 1 条") && list.contains(&format!("/articles/{id}")));
    assert!(list.contains(">网络出版</option>") && !list.contains(">印刷</option>"));
    assert_eq!(app.page("/disclosure/notice?topic=nonesuch").await.0, 400);

    // 子类别: news gains one; the editor then asks for it.
    let news = terms_form(
        &app,
        "news",
        &[("news-new1-label", "基层动态"), ("news-new1-slug", "local")],
    )
    .await;
    assert_eq!(post(admin.clone(), news).await.status(), 303);
    let (_, new_news) = app.page_as("/disclosure/news/new", &editor).await;
    assert!(new_news.contains("name=\"subtype\"") && new_news.contains(">基层动态</option>"));
    let res = file_item(&app, &editor, "news", None, "general", "").await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.expect("body").contains("请选择子类别"));
    let res = file_item(&app, &editor, "news", None, "general", "local").await;
    assert_eq!(res.status(), 303);
    let id = id_in(&res);
    assert_eq!(
        crate::common::approve(&app, &reviewer, id).await.status(),
        303
    );
    let (_, shown) = app.page(&format!("/articles/{id}")).await;
    assert!(shown.contains("基层动态"));
    let (_, tree) = app.page("/disclosure").await;
    assert!(tree.contains("/disclosure/news?sub=local"));
    // Without 子类别 in use, 政策文件 needs none.
    let slugs = ["normative", "other"].map(|s| format!("policy-retired-{s}"));
    let changes: Vec<(&str, &str)> = slugs.iter().map(|s| (s.as_str(), "1")).collect();
    let policy = terms_form(&app, "policy", &changes).await;
    assert_eq!(post(admin.clone(), policy).await.status(), 303);
    let (_, new_policy) = app.page_as("/disclosure/policy/new", &editor).await;
    assert!(!new_policy.contains("name=\"subtype\""));
    let res = file_item(&app, &editor, "policy", None, "general", "").await;
    assert_eq!(
        res.status(),
        303,
        "{}",
        res.text().await.unwrap_or_default()
    );
}
