//! What 《政府信息公开条例》第二十条 makes public, on both databases: the
//! new catalogue columns (机构概况, 规划计划, 统计信息, 应急管理, 人事信息,
//! 建议提案办理) listed, filtered, searchable, in the sitemap, with 索引号
//! and statistics tables as CSV; the other power results and the fee list
//! as registers, masked and in the open data, 行政强制 counted into the
//! annual report's table 二; empty columns left out of what the public sees;
//! and the 20-working-day clock of 第二十六条 on the dashboard, the digest
//! and the self-check.

use crate::common::{approve, post_multipart, spawn_app, Engine, TestApp};
use chrono::Datelike;
use gongkai::account::types::Role;

on_both_engines!(
    the_new_columns_are_listed_filtered_searchable_and_downloadable,
    other_power_results_are_masked_registers_counted_in_the_report,
    a_new_portal_shows_only_columns_with_content,
    the_publication_clock_runs_from_the_day_an_item_is_made,
);

/// The id of the first `/articles/{id}` link after `title` on `page`.
fn id_before(page: &str, title: &str) -> i64 {
    let at = page
        .find(title)
        .unwrap_or_else(|| panic!("{title} on {page}"));
    page[..at]
        .rsplit("/articles/")
        .next()
        .and_then(|s| s.split('"').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("a link to {title}"))
}

async fn the_new_columns_are_listed_filtered_searchable_and_downloadable(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (status, tree) = app.page("/disclosure").await;
    assert_eq!(status, 200);
    for (slug, label) in [
        ("organisation", "机构概况"),
        ("plans", "规划计划"),
        ("statistics", "统计信息"),
        ("emergency", "应急管理"),
        ("personnel", "人事信息"),
        ("proposals", "建议提案办理"),
    ] {
        assert!(
            tree.contains(&format!("href=\"/disclosure/{slug}\""))
                && tree.contains(&format!(">{label}</a>")),
            "{label} in the catalogue: {tree}"
        );
        let (status, list) = app.page(&format!("/disclosure/{slug}")).await;
        assert_eq!(status, 200, "{slug}");
        assert!(list.contains("/articles/"), "{slug} lists items");
    }
    assert!(tree.contains("/disclosure/organisation?sub=leaders"));
    assert!(tree.contains("领导信息"));

    // Filtered by 子类别: the tables, not the bulletin.
    let (_, tables) = app.page("/disclosure/statistics?sub=tables").await;
    assert!(tables.contains("2025年各设区市电影放映统计"));
    assert!(!tables.contains("2025年福建省新闻出版广播影视统计公报"));

    // A statistics item: its 索引号 carries the column's code, its tables
    // read on the page and come as CSV.
    let id = id_before(&tables, "2025年各设区市电影放映统计");
    let (status, page) = app.page(&format!("/articles/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("-0303-2026-"), "索引号 of 统计信息: {page}");
    assert!(page.contains("<table>") && page.contains("52,300"));
    assert!(page.contains(&format!("href=\"/articles/{id}/tables.csv\"")));
    let res = app.get(&format!("/articles/{id}/tables.csv")).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = res.text().await.unwrap();
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert_eq!(lines.next(), Some("设区市,影院（家）,票房（万元）"));
    assert_eq!(lines.next(), Some("福州,132,\"52,300\""));
    assert!(csv.contains("合计,612,\"208,000\""));
    // An item without a table, an unknown one and a draft have none.
    let (_, orgs) = app.page("/disclosure/organisation?sub=functions").await;
    let plain = id_before(&orgs, "福建省新闻出版广电局主要职责");
    assert_eq!(
        app.get(&format!("/articles/{plain}/tables.csv"))
            .await
            .status(),
        404
    );
    let (_, page) = app.page(&format!("/articles/{plain}")).await;
    assert!(!page.contains("tables.csv"));
    assert_eq!(app.get("/articles/999999/tables.csv").await.status(), 404);
    assert_eq!(app.get("/articles/x/tables.csv").await.status(), 404);

    // The bulletin comes with its 图解.
    let (_, statistics) = app.page("/disclosure/statistics").await;
    let bulletin = id_before(&statistics, "2025年福建省新闻出版广播影视统计公报");
    let (_, page) = app.page(&format!("/articles/{bulletin}")).await;
    assert!(
        page.contains("一图读懂2025年全省新闻出版广播影视统计公报"),
        "{page}"
    );
    assert!(page.contains("电影票房"));

    // A work plan leads to its 执行情况.
    let (_, plans) = app.page("/disclosure/plans").await;
    let progress = id_before(&plans, "2025年工作要点执行情况");
    let plan = id_before(&plans, "2025年全省新闻出版广电工作要点");
    let (_, page) = app.page(&format!("/articles/{plan}")).await;
    assert!(
        page.contains(&format!("href=\"/articles/{progress}\"")),
        "{page}"
    );

    // 建议提案办理: a count per year and kind before the list.
    let (_, proposals) = app.page("/disclosure/proposals").await;
    assert!(proposals.contains("各年度办理数量（件）"), "{proposals}");
    let row = proposals
        .split("?year=2025\">2025年</a></th>")
        .nth(1)
        .and_then(|s| s.split("</tr>").next())
        .expect("2025's row");
    assert!(
        row.contains("data-label=\"人大代表建议\">2</td>")
            && row.contains("data-label=\"政协委员提案\">1</td>")
            && row.contains("data-label=\"合计\">3</td>"),
        "{row}"
    );
    let (_, in_2024) = app.page("/disclosure/proposals?year=2024").await;
    assert!(in_2024.contains("第20240526号提案"));
    assert!(!in_2024.contains("第1062号建议"));

    // A feed per column.
    let feed = app.get("/feed/statistics.xml").await.text().await.unwrap();
    assert!(
        feed.contains("2025年福建省新闻出版广播影视统计公报"),
        "{feed}"
    );
    assert!(feed.contains("<title>统计信息"), "{feed}");

    // Searchable, and in the sitemap.
    let (_, found) = app.page("/search?q=应急预案&kind=emergency").await;
    assert!(
        found.contains("福建省广播电视安全播出突发事件<mark>应急预案</mark>"),
        "{found}"
    );
    assert!(
        found.contains("<span class=\"app-tag\">应急管理</span>"),
        "{found}"
    );
    assert!(!found.contains("双随机抽查事项"), "the kind filter holds");
    let (_, people) = app.page("/disclosure/personnel?sub=recruitment").await;
    let result = id_before(&people, "2026年度考试录用公务员拟录用人员公示");
    let (_, found) = app.page("/search?q=拟录用人员").await;
    assert!(
        found.contains(&format!("href=\"/articles/{result}\"")),
        "{found}"
    );
    let sitemap = app.get("/sitemap.xml").await.text().await.unwrap();
    assert!(
        sitemap.contains("/disclosure/statistics") && sitemap.contains("/disclosure/proposals")
    );
    assert!(sitemap.contains(&format!("/articles/{id}<")));

    // Staff add to a column in the app: through review, then public with
    // the column's 索引号.
    let editor = app.staff("lanmu", &[Role::Editor]).await;
    let reviewer = app.staff("lanmu-shenhe", &[Role::Reviewer]).await;
    let (status, form) = app.page_as("/disclosure/organisation/new", &editor).await;
    assert_eq!(status, 200);
    assert!(form.contains("领导信息") && form.contains("直属单位"));
    let new_id = save(
        &app,
        &editor,
        "/disclosure/organisation/new",
        item_form(
            ("organisation", "leaders"),
            "局领导分工调整",
            "| 姓名 | 职务 |\n|---|---|\n| 林振华 | 局长 |\n",
            &app.state.today().to_string(),
            "submit",
        ),
    )
    .await;
    let (_, leaders) = app.page("/disclosure/organisation?sub=leaders").await;
    assert!(
        !leaders.contains("局领导分工调整"),
        "not public before review"
    );
    assert_eq!(approve(&app, &reviewer, new_id).await.status(), 303);
    let (_, leaders) = app.page("/disclosure/organisation?sub=leaders").await;
    assert!(leaders.contains("局领导分工调整"));
    let (_, page) = app.page(&format!("/articles/{new_id}")).await;
    assert!(page.contains(&format!("-0301-{}-", app.state.today().year())));
}

async fn other_power_results_are_masked_registers_counted_in_the_report(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (_, index) = app.page("/registers").await;
    for (slug, label) in [
        ("coercion", "行政强制"),
        ("levies", "行政征收"),
        ("benefits", "行政给付"),
        ("confirmations", "行政确认"),
        ("rewards", "行政奖励"),
        ("law-checks", "执法检查"),
        ("fees", "行政事业性收费"),
    ] {
        assert!(
            index.contains(&format!("href=\"/registers/{slug}\""))
                && index.contains(&format!(">{label}</a>")),
            "{label}: {index}"
        );
    }

    // Listed, filtered and searched like every register.
    let (status, table) = app.page("/registers/coercion").await;
    assert_eq!(status, 200);
    assert!(table.contains("共 12 条"), "{table}");
    let (_, seized) = app
        .page("/registers/coercion?category=查封场所、设施或者财物")
        .await;
    assert!(seized.contains("共 3 条"), "{seized}");
    let (_, found) = app.page("/registers/coercion?q=盗版").await;
    assert!(found.contains("涉嫌盗版") || found.contains("盗版"));
    assert!(!found.contains("共 12 条"));

    // A natural person is masked in the table, on the row and in the
    // open data; organisations are not.
    let person = "吴国平";
    let (_, all) = app.page("/registers/coercion?q=扣押接收设施").await;
    assert!(!all.contains(person));
    let csv = app
        .get("/api/open/coercion.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(!csv.contains(person), "masked in the CSV");
    assert!(csv.contains("有限公司"));
    let (_, rewards) = app.page("/registers/rewards").await;
    for name in ["陈建华", "林秀英", "黄志强", "郑丽娟", "王美玲"] {
        assert!(!rewards.contains(name), "{name} masked among the rewarded");
    }
    let json: serde_json::Value = app
        .get("/api/open/rewards.json")
        .await
        .json()
        .await
        .unwrap();
    assert!(json["rows"].as_array().unwrap().len() >= 10);
    assert!(!json.to_string().contains("林秀英"));

    // Table 二's 行政强制 is the register's decisions of the year, and a
    // decision entered in the app counts at once.
    let year = app.state.today().year() - 1;
    let (in_register,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM register_rows WHERE register = 'coercion' AND withdrawn_at IS NULL \
         AND decided_on >= $1 AND decided_on <= $2",
    )
    .bind(format!("{year}-01-01"))
    .bind(format!("{year}-12-31"))
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let counted = gongkai::reports::db::count(&app.db, year).await.unwrap();
    assert_eq!(counted.proactive.enforcement, in_register.to_string());
    let editor = app.staff("qiangzhi", &[Role::Editor]).await;
    let decided = format!("{year}-06-30");
    let res = app
        .post_form(
            "/registers/coercion/new",
            &editor,
            &[
                ("doc_no", "闽新广强〔测试〕1号"),
                ("case_name", "某书店涉嫌销售盗版图书案"),
                ("party", "张三丰"),
                ("party_kind", "自然人"),
                ("credit_code", ""),
                ("category", "扣押财物"),
                ("basis", "《中华人民共和国行政强制法》第九条"),
                ("content", "扣押涉嫌盗版图书200册，张三丰签收"),
                ("decided", decided.as_str()),
                ("status", "执行中"),
                ("authority", "福建省新闻出版广电局"),
            ],
        )
        .await;
    assert_eq!(
        res.status(),
        303,
        "{}",
        res.text().await.unwrap_or_default()
    );
    let counted = gongkai::reports::db::count(&app.db, year).await.unwrap();
    assert_eq!(counted.proactive.enforcement, (in_register + 1).to_string());
    let (_, staff_report) = app
        .page_as(&format!("/staff/annual-reports/{year}"), &editor)
        .await;
    assert!(
        staff_report.contains(&format!("<td>{}</td>", in_register + 1)),
        "table 二 on the report page shows the count"
    );
    assert!(
        !staff_report.contains("name=\"enforcement\""),
        "no longer typed in"
    );
    // Masked where it is public, the name in its text too.
    let (_, found) = app.page("/registers/coercion?q=某书店涉嫌").await;
    assert!(found.contains("共 1 条"), "{found}");
    assert!(!found.contains("张三丰"));
    let changes: serde_json::Value = app
        .get("/api/open/changes.json")
        .await
        .json()
        .await
        .unwrap();
    assert!(
        changes.to_string().contains("coercion"),
        "in the change feed: {changes}"
    );

    // A fee on the fee list with its basis, standard and payer.
    let (_, fees) = app.page("/registers/fees").await;
    assert!(fees.contains("国家电影事业发展专项资金"));
    assert!(fees.contains("按电影票房收入的5%计征"));
    assert!(fees.contains("经营性电影放映单位"));
}

async fn a_new_portal_shows_only_columns_with_content(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let (_, tree) = app.page("/disclosure").await;
    assert!(
        !tree.contains("href=\"/disclosure/organisation\""),
        "{tree}"
    );
    assert!(!tree.contains("href=\"/disclosure/policy\""));
    let (_, registers) = app.page("/registers").await;
    assert!(!registers.contains("href=\"/registers/coercion\""));
    assert!(!registers.contains("href=\"/registers/licences\""));
    // Staff see every column and register, to fill them.
    let editor = app.staff("xinzhan", &[Role::Editor]).await;
    let (_, tree) = app.page_as("/disclosure", &editor).await;
    assert!(tree.contains("href=\"/disclosure/organisation\""));
    let (_, registers) = app.page_as("/registers", &editor).await;
    assert!(registers.contains("href=\"/registers/coercion\""));
    assert!(registers.contains("href=\"/registers/fees\""));
    // Each still answers when asked for directly.
    assert_eq!(app.page("/disclosure/organisation").await.0, 200);
    assert_eq!(app.page("/registers/fees").await.0, 200);

    // A bureau that charges nothing says so, dated; a wrong date is refused
    // with the entries kept.
    let admin = app.staff("xinzhan-guanli", &[Role::Admin]).await;
    let mut form = vec![
        ("name", "福建省新闻出版广电局"),
        ("description", "政府信息公开。"),
        ("fees_none_on", "2026-13-01"),
        ("org_code", "FJ08200"),
    ];
    let res = app.post_form("/staff/settings", &admin, &form).await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.unwrap();
    assert!(body.contains("核实日期应为有效日期"), "{body}");
    assert!(body.contains("value=\"2026-13-01\""));
    form[2].1 = "2026-12-01";
    let res = app.post_form("/staff/settings", &admin, &form).await;
    assert_eq!(res.status(), 303);
    let (_, fees) = app.page("/registers/fees").await;
    assert!(
        fees.contains("经核实，截至2026年12月1日，本机关没有正在执行的行政事业性收费项目。"),
        "{fees}"
    );
    let (_, registers) = app.page("/registers").await;
    assert!(registers.contains("href=\"/registers/fees\""));
    assert!(!registers.contains("href=\"/registers/coercion\""));
}

/// The editor's form for an item of `kind` and 子类别, made on `made_on`;
/// `action` is `save` (a draft) or `submit` (for review).
fn item_form(
    (kind, subtype): (&str, &str),
    title: &str,
    body: &str,
    made_on: &str,
    action: &str,
) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new()
        .text("kind", kind.to_owned())
        .text("subtype", subtype.to_owned())
        .text("title", title.to_owned())
        .text("body_md", body.to_owned())
        .text("publisher", "办公室")
        .text("written_on", made_on.to_owned())
        .text("topic", "general")
        .text("validity", "valid")
        .text("disclosure", "active")
        .text("action", action.to_owned())
}

/// Posts the editor's `form` to `path` as `cookie`; the item's id.
async fn save(app: &TestApp, cookie: &str, path: &str, form: reqwest::multipart::Form) -> i64 {
    let res = post_multipart(app, path, cookie, form).await;
    assert_eq!(
        res.status(),
        303,
        "{}",
        res.text().await.unwrap_or_default()
    );
    id_of(&res)
}

/// Saves a draft of `kind` made on `made_on` as `cookie`; returns its id.
async fn draft(app: &TestApp, cookie: &str, kind: (&str, &str), title: &str, made_on: &str) -> i64 {
    let path = format!("/disclosure/{}/new", kind.0);
    save(
        app,
        cookie,
        &path,
        item_form(kind, title, "正文", made_on, "save"),
    )
    .await
}

/// The item a save redirected to (`/articles/{id}/…`).
fn id_of(res: &reqwest::Response) -> i64 {
    res.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/articles/")
        .split(['/', '?'])
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id")
}

async fn the_publication_clock_runs_from_the_day_an_item_is_made(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let editor = app.staff("shixian", &[Role::Editor]).await;
    let reviewer = app.staff("shixian-shenhe", &[Role::Reviewer]).await;
    let today = app.state.today();
    let calendar = app.state.calendar();
    let long_ago = (today - chrono::Days::new(60)).to_string();
    let late = draft(
        &app,
        &editor,
        ("plans", "annual"),
        "逾期未公开的年度计划",
        &long_ago,
    )
    .await;
    let fresh = draft(
        &app,
        &editor,
        ("statistics", "tables"),
        "刚形成的统计数据",
        &today.to_string(),
    )
    .await;
    // Due 20 working days after it was made, on the statutory calendar.
    let due = calendar
        .add_working_days(today - chrono::Days::new(60), 20)
        .unwrap()
        .due;
    let listed = gongkai::content::editorial::db::publication_due(&app.db, &calendar, today)
        .await
        .unwrap();
    let item = listed
        .iter()
        .find(|p| p.article_id == late)
        .expect("listed");
    assert_eq!(item.due, due.to_string());
    assert!(item.days_left < 0);
    let young = listed
        .iter()
        .find(|p| p.article_id == fresh)
        .expect("listed");
    assert_eq!(young.days_left, 20);

    // The dashboard shows the late one in red, in words; not the fresh one.
    let (_, desk) = app.page_as("/staff", &editor).await;
    assert!(desk.contains("临近公开时限的信息"), "{desk}");
    let panel = desk
        .split("id=\"publication-due\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap();
    assert!(panel.contains("逾期未公开的年度计划") && panel.contains("红灯：已超期"));
    assert!(!panel.contains("刚形成的统计数据"));
    // The self-check names it.
    let res = app.post_form("/staff/monitor", &editor, &[]).await;
    assert_eq!(res.status(), 303);
    let (_, monitor) = app.page_as("/staff/monitor", &editor).await;
    assert!(
        monitor.contains("《逾期未公开的年度计划》（规划计划，草稿）")
            && monitor.contains("已超过20个工作日未公开"),
        "{monitor}"
    );
    assert!(!monitor.contains("刚形成的统计数据"));

    // Eighteen working days on, the fresh one turns yellow in the digest.
    let mut day = today;
    let mut moved = 0;
    while moved < 18 {
        day = day.succ_opt().unwrap();
        if calendar.is_working_day(day) {
            moved += 1;
        }
    }
    let lines = gongkai::notify::digest::lines(&app.state, day)
        .await
        .unwrap();
    let line = lines
        .iter()
        .find(|l| l.what.contains("刚形成的统计数据"))
        .expect("in the digest");
    assert!(!line.red);
    assert_eq!(line.queue.label(), "主动公开时限");
    assert_eq!(line.link, format!("/articles/{fresh}/edit"));

    // Published: off the clock.
    save(
        &app,
        &editor,
        &format!("/articles/{late}/edit"),
        item_form(
            ("plans", "annual"),
            "逾期未公开的年度计划",
            "正文",
            &long_ago,
            "submit",
        ),
    )
    .await;
    assert_eq!(approve(&app, &reviewer, late).await.status(), 303);
    let listed = gongkai::content::editorial::db::publication_due(&app.db, &calendar, today)
        .await
        .unwrap();
    assert!(listed.iter().all(|p| p.article_id != late));
    let (_, desk) = app.page_as("/staff", &editor).await;
    assert!(!desk.contains("逾期未公开的年度计划"));
}
