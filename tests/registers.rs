//! Registers over HTTP, on both databases: tables filtered, sorted and paged
//! through the URL; masking on every public channel; exports that parse and
//! match the tables; the change list; penalties leaving the table when their
//! 公示期 ends; staff editing in place, withdrawal and CSV import; credit
//! search; budget charts.
#![cfg(feature = "ssr")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed test is a panic"
)]

use crate::common::{spawn_app, Engine, TestApp};
use gongkai::account::types::Role;
use gongkai::registers::schema::Register;

on_both_engines!(
    tables_filter_sort_and_page_through_the_url,
    bad_table_urls_get_clear_messages,
    expired_and_withdrawn_penalties_leave_the_public_table,
    natural_persons_are_masked_on_every_channel,
    every_export_parses_and_matches_its_table,
    changes_list_inserts_updates_withdrawals_and_expiries,
    staff_edit_in_place_and_keep_entries_on_error,
    csv_import_checks_first_and_imports_all_or_nothing,
    credit_search_validates_codes_and_reports,
    budgets_are_charted_from_the_register,
    free_text_finds_what_a_scan_finds_in_table_order,
);

fn enc(s: &str) -> String {
    gongkai::ui::url::encode(s)
}

/// "共 N 条" on a table page.
fn total(page: &str) -> i64 {
    page.split("共 ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no total in page"))
}

/// The text of each table row's cell for `label`, in order.
fn column(page: &str, label: &str) -> Vec<String> {
    page.split(&format!("data-label=\"{label}\""))
        .skip(1)
        .map(|s| {
            let s = s.split_once('>').map_or("", |(_, rest)| rest);
            let cell = s.split("</td>").next().unwrap_or_default();
            // Strip tags.
            let mut out = String::new();
            let mut in_tag = false;
            for c in cell.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => out.push(c),
                    _ => {}
                }
            }
            out
        })
        .collect()
}

async fn row_id(app: &TestApp, register: Register, ref_no: &str) -> i64 {
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM register_rows WHERE register = $1 AND ref_no = $2")
            .bind(register.slug())
            .bind(ref_no)
            .fetch_one(app.db.pool())
            .await
            .expect("row");
    id
}

fn money(s: &str) -> f64 {
    s.trim_end_matches(gongkai::registers::mask::MARK)
        .replace(',', "")
        .trim()
        .parse()
        .unwrap_or(0.0)
}

async fn tables_filter_sort_and_page_through_the_url(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (status, page) = app.page("/registers").await;
    assert_eq!(status, 200);
    for r in Register::ALL {
        assert!(
            page.contains(&format!("/registers/{}", r.slug())),
            "{} listed",
            r.slug()
        );
    }

    // Licences: every row by default, newest first, 20 a page.
    let (status, page) = app.page("/registers/licences").await;
    assert_eq!(status, 200);
    let all = total(&page);
    assert_eq!(all, 30);
    let dates = column(&page, "许可决定日期");
    assert_eq!(dates.len(), 20);
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    assert!(page.contains("aria-sort=\"descending\""));

    // Sort ascending by date, page 2: the rest, oldest last-but-…
    let (status, page2) = app
        .page("/registers/licences?sort=decided&dir=asc&page=2")
        .await;
    assert_eq!(status, 200);
    let dates2 = column(&page2, "许可决定日期");
    assert_eq!(dates2.len(), 10);
    assert!(
        dates2.windows(2).all(|w| w[0] <= w[1]),
        "ascending: {dates2:?}"
    );
    assert!(page2.contains("aria-current=\"page\""));
    assert!(
        page2.contains("sort=decided&amp;dir=asc&amp;page=1")
            || page2.contains("sort=decided&amp;dir=asc\""),
        "links keep the sort"
    );

    // Filters combine, and the download links carry them.
    let (_, page) = app
        .page(&format!(
            "/registers/licences?year=2020&status={}",
            enc("有效")
        ))
        .await;
    let n = total(&page);
    assert!(n >= 1 && n < all);
    assert!(column(&page, "许可决定日期")
        .iter()
        .all(|d| d.starts_with("2020")));
    assert!(column(&page, "当前状态").iter().all(|s| s == "有效"));
    assert!(
        page.contains("/api/open/licences.csv?year=2020&amp;status="),
        "export keeps the filters"
    );

    // Free text matches names, numbers and codes.
    let (_, page) = app
        .page(&format!("/registers/licences?q={}", enc("海峡书城")))
        .await;
    assert!(total(&page) >= 1);
    assert!(column(&page, "行政相对人名称")
        .iter()
        .all(|p| p.contains("海峡书城")));

    // Money sorts numerically.
    let (_, page) = app
        .page("/registers/procurement?sort=budget&dir=desc")
        .await;
    let budgets: Vec<f64> = column(&page, "预算金额（元）")
        .iter()
        .map(|s| money(s))
        .collect();
    assert!(budgets.len() >= 10);
    assert!(budgets.windows(2).all(|w| w[0] >= w[1]), "{budgets:?}");

    // Row pages show every field and the timeline.
    let id = row_id(&app, Register::Power, "XK-35-008").await;
    let (status, page) = app.page(&format!("/registers/power/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("电影放映单位设立审批"));
    assert!(
        page.contains("调整情况") && page.contains("下放"),
        "history shown"
    );
    let (status, _) = app.page(&format!("/registers/licences/{id}")).await;
    assert_eq!(status, 404, "a row under another register's address");
}

async fn bad_table_urls_get_clear_messages(engine: Engine) {
    let app = spawn_app(engine, true).await;
    for (path, message) in [
        ("/registers/penalties?year=20x6", "年份应为四位数字"),
        (
            "/registers/penalties?category=%E6%8B%98%E7%95%99",
            "没有这种处罚类别",
        ),
        ("/registers/penalties?sort=facts", "无法按该列排序"),
        ("/registers/penalties?page=-1", "页码应为正整数"),
    ] {
        let (status, page) = app.page(path).await;
        assert_eq!(status, 400, "{path}");
        assert!(page.contains(message), "{path}: {message}");
        assert!(page.contains("<title>错误："), "{path}");
    }
    let (status, _) = app.page("/registers/penalties?page=999").await;
    assert_eq!(status, 404);
    let (status, _) = app.page("/registers/nothing").await;
    assert_eq!(status, 404);
    let res = app.get("/api/open/penalties.csv?year=abc").await;
    assert_eq!(res.status().as_u16(), 400);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["fields"][0]["field"], "year");
}

async fn expired_and_withdrawn_penalties_leave_the_public_table(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let expired = "闽新广罚〔2016〕2号"; // decided 2016, public until 2019
    let (_, page) = app
        .page(&format!("/registers/penalties?q={}", enc(expired)))
        .await;
    assert_eq!(total(&page), 0, "expired: gone from the public table");
    let id = row_id(&app, Register::Penalty, expired).await;
    let (status, page) = app.page(&format!("/registers/penalties/{id}")).await;
    assert_eq!(status, 410);
    assert!(page.contains("公示期已于"));

    let editor = app.staff("reg_editor", &[Role::Editor]).await;
    let (_, page) = app
        .page_as(&format!("/registers/penalties?q={}", enc(expired)), &editor)
        .await;
    assert_eq!(total(&page), 1, "staff still see it");
    assert!(page.contains("公示期满"));

    // The revoked decision: withdrawn with its reason.
    let revoked = row_id(&app, Register::Penalty, "闽新广罚〔2021〕7号").await;
    let (status, page) = app.page(&format!("/registers/penalties/{revoked}")).await;
    assert_eq!(status, 410);
    assert!(page.contains("经行政复议"));

    // The public count is what the table says.
    let (_, page) = app.page("/registers/penalties").await;
    let (public,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM register_rows WHERE register = 'penalties' AND withdrawn_at IS NULL AND public_until >= $1",
    )
    .bind(app.state.today().to_string())
    .fetch_one(app.db.pool())
    .await
    .expect("count");
    assert_eq!(total(&page), public);
    assert!((5..26).contains(&public));
}

async fn natural_persons_are_masked_on_every_channel(engine: Engine) {
    let app = spawn_app(engine, true).await;
    // 黄志强 (a natural person) has a public penalty and an inspection record.
    let name = "黄志强";
    let id_card = gongkai::registers::demo::id_card(9);
    let channels = [
        format!("/registers/penalties?q={}", enc("黄**")),
        "/registers/penalties".to_owned(),
        "/registers/inspections?page=1".to_owned(),
        "/api/open/penalties.csv".to_owned(),
        "/api/open/penalties.json".to_owned(),
        "/api/open/inspections.json".to_owned(),
        format!("/search?q={}", enc("销售非法出版物")),
    ];
    let mut seen_mask = false;
    for path in &channels {
        let (status, body) = app.page(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(!body.contains(name), "{path} shows the full name");
        assert!(!body.contains(&id_card), "{path} shows the identity card");
        assert!(!body.contains("15012355677"), "{path} shows the phone");
        seen_mask |= body.contains("黄**");
    }
    assert!(seen_mask, "the masked name appears");
    let (_, csv) = app.page("/api/open/penalties.csv").await;
    assert!(csv.contains("（依法隐去）"), "exports mark masked values");

    let (ref_no,): (String,) = sqlx::query_as(
        "SELECT ref_no FROM register_rows WHERE register = 'penalties' AND party = '黄**'",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("row");
    let id = row_id(&app, Register::Penalty, &ref_no).await;
    let (status, page) = app.page(&format!("/registers/penalties/{id}")).await;
    assert_eq!(status, 200);
    assert!(!page.contains(name) && !page.contains(&id_card));
    assert!(page.contains("依法隐去"));
    assert!(
        page.contains("福州市鼓楼区") || page.contains("******"),
        "address cut"
    );

    // Staff see the original beside the masked form.
    let editor = app.staff("reg_editor", &[Role::Editor]).await;
    let (_, page) = app
        .page_as(&format!("/registers/penalties/{id}"), &editor)
        .await;
    assert!(page.contains("原文与公开内容对照"));
    assert!(page.contains(name) && page.contains(&id_card));
    // Organisations keep their names and codes.
    let (_, page) = app.page("/registers/licences").await;
    assert!(page.contains("有限公司"));
}

async fn every_export_parses_and_matches_its_table(engine: Engine) {
    let app = spawn_app(engine, true).await;
    for r in Register::ALL {
        let slug = r.slug();
        let (_, page) = app.page(&format!("/registers/{slug}")).await;
        let n = total(&page);
        assert!(n > 0, "{slug} has rows");

        let res = app.get(&format!("/api/open/{slug}.csv")).await;
        assert_eq!(res.status().as_u16(), 200);
        assert!(res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv"));
        let bytes = res.bytes().await.expect("csv");
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "{slug}: BOM");
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let header = reader.headers().expect("header").clone();
        assert_eq!(&header[0], "记录编号");
        assert_eq!(header.len(), r.fields().len() + 2);
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
        assert_eq!(rows.len() as i64, n, "{slug}: CSV rows = table total");
        let ids: std::collections::HashSet<&str> = rows.iter().map(|r| r.get(0).unwrap()).collect();
        assert_eq!(ids.len(), rows.len(), "{slug}: ids unique");

        let json: serde_json::Value = app
            .get(&format!("/api/open/{slug}.json"))
            .await
            .json()
            .await
            .expect("json");
        let list = json["rows"].as_array().expect("rows");
        assert_eq!(list.len() as i64, n, "{slug}: JSON rows = table total");
        assert_eq!(json["fields"].as_array().unwrap().len(), r.fields().len());
        for row in list {
            assert!(row["id"].as_i64().is_some() && row["url"].as_str().unwrap().contains(slug));
        }
        // Ids are stable: the same export twice gives the same ids.
        let again: serde_json::Value = app
            .get(&format!("/api/open/{slug}.json"))
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(json["rows"], again["rows"]);
    }
    // Filters apply to exports as to the table.
    let (_, page) = app.page("/registers/licences?year=2020").await;
    let json: serde_json::Value = app
        .get("/api/open/licences.json?year=2020")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(json["rows"].as_array().unwrap().len() as i64, total(&page));
    let (status, page) = app.page("/data").await;
    assert_eq!(status, 200);
    for r in Register::ALL {
        assert!(page.contains(&format!("/api/open/{}.csv", r.slug())));
    }
    assert!(page.contains("/api/open/changes.json"));
}

async fn changes_list_inserts_updates_withdrawals_and_expiries(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let editor = app.staff("reg_editor", &[Role::Editor]).await;
    let before = gongkai::ui::format::now() - 1;
    let id = row_id(&app, Register::Power, "XK-35-001").await;
    let (_, page) = app
        .page_as(&format!("/registers/power/{id}"), &editor)
        .await;
    let version = page
        .split("name=\"version\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("version")
        .to_owned();
    let res = app
        .post_form(
            &format!("/registers/power/{id}"),
            &editor,
            &[
                ("version", &version),
                ("code", "XK-35-001"),
                ("name", "出版物批发单位设立、变更审批"),
                ("type", "行政许可"),
                ("basis", "《出版管理条例》第三十五条"),
                ("body", "福建省新闻出版广电局"),
                ("status", "实施中"),
                ("updated", "2026-11-01"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let res = app
        .post_form(
            &format!("/registers/power/{id}/withdraw"),
            &editor,
            &[("reason", "事项已整合")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    // Every change since, following `next` while a page is full (the demo's
    // rows, loaded a moment before, fill more than one).
    let mut actions: Vec<(String, i64)> = Vec::new();
    let mut path = Some(format!("/api/open/changes.json?since={before}"));
    while let Some(p) = path.take() {
        let json: serde_json::Value = app.get(&p).await.json().await.expect("json");
        actions.extend(json["changes"].as_array().unwrap().iter().map(|c| {
            (
                c["action"].as_str().unwrap().to_owned(),
                c["id"].as_i64().unwrap(),
            )
        }));
        path = json["next"]
            .as_str()
            .and_then(|n| n.find("/api/").map(|at| n[at..].to_owned()));
    }
    let actions: Vec<(&str, i64)> = actions.iter().map(|(a, id)| (a.as_str(), *id)).collect();
    assert!(actions.contains(&("update", id)), "{actions:?}");
    assert!(actions.contains(&("withdraw", id)), "{actions:?}");
    // Expiries since 2019 include the 2016 penalty that ended then.
    let json: serde_json::Value = app
        .get("/api/open/changes.json?since=2019-01-01")
        .await
        .json()
        .await
        .expect("json");
    let expired = row_id(&app, Register::Penalty, "闽新广罚〔2016〕2号").await;
    assert!(json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["action"] == "expire" && c["id"] == expired));
    let res = app.get("/api/open/changes.json?since=yesterday").await;
    assert_eq!(res.status().as_u16(), 400);
}

async fn staff_edit_in_place_and_keep_entries_on_error(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let id = row_id(&app, Register::Project, "2016-350000-87-01-100000").await;
    // Anonymous: to the sign-in page; no edit form shown.
    let res = app
        .client
        .post(app.url(&format!("/registers/projects/{id}")))
        .form(&[("name", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    assert!(res.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/staff/login"));
    let (_, page) = app.page(&format!("/registers/projects/{id}")).await;
    assert!(!page.contains("编辑此记录"));
    let reviewer = app.staff("reg_reviewer", &[Role::Reviewer]).await;
    let res = app
        .post_form(
            &format!("/registers/projects/{id}"),
            &reviewer,
            &[("name", "x")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);

    let editor = app.staff("reg_editor", &[Role::Editor]).await;
    let mut form = vec![
        ("code", "2016-350000-87-01-100000"),
        ("name", "福建广播电视中心4K超高清制播系统（二期）"),
        ("owner", "福建省广播影视集团"),
        ("stage", "实施"),
        ("approved", "2016-02-08"),
        ("started", "2017-04-22"),
        ("planned", "50,000,000"),
        ("invested", "3000万"),
        ("progress", "120"),
        ("scope", "二期工程"),
    ];
    let res = app
        .post_form(&format!("/registers/projects/{id}"), &editor, &form)
        .await;
    assert_eq!(res.status().as_u16(), 400);
    let page = res.text().await.unwrap();
    assert!(page.contains("<title>错误："));
    assert!(page.contains("累计完成投资（元）应为不小于 0 的金额"));
    assert!(page.contains("形象进度（%）应为 0 到 100 之间的整数"));
    assert!(page.contains("（二期）"), "entries kept");
    assert!(page.contains("value=\"3000万\""), "the bad entry kept");

    form[7] = ("invested", "30000000");
    form[8] = ("progress", "70");
    let res = app
        .post_form(&format!("/registers/projects/{id}"), &editor, &form)
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, page) = app.page(&format!("/registers/projects/{id}")).await;
    assert!(page.contains("（二期）") && page.contains("70%"));
    let bar = page
        .split("<progress")
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .unwrap_or_default();
    assert!(
        bar.contains("app-progress__bar") && bar.contains("value=\"70\""),
        "a progress element, drawn without an inline style (the CSP blocks those): {bar}"
    );
    assert!(!page.contains("style="), "no inline style on the page");

    // A new row with a reference already used is refused.
    let res = app
        .post_form("/registers/projects/new", &editor, &form)
        .await;
    assert_eq!(res.status().as_u16(), 400);
    assert!(res.text().await.unwrap().contains("已有相同项目代码的记录"));
    // A timeline entry.
    let res = app
        .post_form(
            &format!("/registers/projects/{id}/events"),
            &editor,
            &[
                ("event_date", "2026-06-30"),
                ("event_stage", "实施"),
                ("event_note", "二期设备安装完成"),
                ("event_document", ""),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, page) = app.page(&format!("/registers/projects/{id}")).await;
    assert!(page.contains("二期设备安装完成") && page.contains("2026年6月30日"));
    // Audited.
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE target = $1")
        .bind(format!("register:{id}"))
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(n >= 3, "insert, update and event audited: {n}");
}

async fn import(
    app: &TestApp,
    cookie: &str,
    register: &str,
    mode: &str,
    body: &str,
) -> (u16, String) {
    let form = reqwest::multipart::Form::new()
        .text("mode", mode.to_owned())
        .part(
            "file",
            reqwest::multipart::Part::bytes(body.as_bytes().to_vec()).file_name("import.csv"),
        );
    let res = app
        .client
        .post(app.url(&format!("/registers/{register}/import")))
        .header("cookie", cookie)
        .multipart(form)
        .send()
        .await
        .expect("post");
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

async fn csv_import_checks_first_and_imports_all_or_nothing(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let editor = app.staff("reg_editor", &[Role::Editor]).await;
    let count = |app: &TestApp| {
        let pool = app.db.pool().clone();
        async move {
            let (n,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM register_rows WHERE register = 'inspection-items'",
            )
            .fetch_one(&pool)
            .await
            .unwrap();
            n
        }
    };
    let before = count(&app).await;
    let header = "事项编码,抽查事项,抽查依据,抽查对象,抽查内容,抽查方式\n";
    let bad = format!(
        "{header}SSJ-35-101,网络出版服务单位检查,《网络出版服务管理规定》,网络出版服务单位,出版内容,网络监测\n\
         SSJ-35-102,印刷企业年度核验,《印刷业管理条例》,,核验材料,飞行检查\n"
    );
    let (status, page) = import(&app, &editor, "inspection-items", "import", &bad).await;
    assert_eq!(status, 400);
    assert!(page.contains("第 3 行"), "line named");
    assert!(
        page.contains("抽查对象") && page.contains("抽查方式只能是"),
        "columns and problems named"
    );
    assert!(page.contains("未导入任何数据"));
    assert_eq!(count(&app).await, before, "nothing imported");

    let good = format!(
        "\u{feff}{header}SSJ-35-101,网络出版服务单位检查,《网络出版服务管理规定》,网络出版服务单位,出版内容,网络监测\n\
         SSJ-35-001,出版物发行单位经营活动检查（修订）,《出版物市场管理规定》第二十九条,出版物发行单位,经营范围,现场检查\n"
    );
    let (status, page) = import(&app, &editor, "inspection-items", "check", &good).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("检查通过") && page.contains("新增 1 条、更新 1 条"),
        "dry run reports"
    );
    assert_eq!(count(&app).await, before, "a dry run writes nothing");
    let (status, page) = import(&app, &editor, "inspection-items", "import", &good).await;
    assert_eq!(status, 200);
    assert!(page.contains("导入完成"));
    assert_eq!(count(&app).await, before + 1);
    let (_, page) = app
        .page(&format!("/registers/inspection-items?q={}", enc("修订")))
        .await;
    assert_eq!(total(&page), 1, "the update applied");
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'register.import'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(n, 1);
    let (status, page) = import(&app, &editor, "inspection-items", "check", "").await;
    assert_eq!(status, 400);
    assert!(page.contains("请选择要导入的 CSV 文件"));
}

async fn credit_search_validates_codes_and_reports(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let code = gongkai::registers::demo::credit_code(0);
    let wrong = format!(
        "{}{}",
        &code[..17],
        if code.ends_with('0') { '1' } else { '0' }
    );
    let (status, page) = app.page(&format!("/credit?q={wrong}")).await;
    assert_eq!(status, 400);
    assert!(page.contains("校验位不正确"));
    assert!(page.contains(&format!("value=\"{wrong}\"")), "entry kept");
    let (status, page) = app.page("/credit?q=x").await;
    assert_eq!(status, 400);
    assert!(page.contains("至少两个字"));

    let (status, page) = app.page(&format!("/credit?q={}", enc("书城"))).await;
    assert_eq!(status, 200);
    assert!(page.contains("/credit/"));
    // A code that matches goes straight to the report.
    let res = app.get(&format!("/credit?q={code}")).await;
    assert!(
        matches!(res.status().as_u16(), 302 | 303 | 307),
        "redirect to the report"
    );
    let (status, page) = app.page(&format!("/credit/{code}")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("行政许可（")
            && page.contains("行政处罚（")
            && page.contains("双随机抽查结果（")
    );
    assert!(page.contains(&code));
    let (status, _) = app.page(&format!("/credit/{wrong}")).await;
    assert_eq!(status, 404);
}

async fn budgets_are_charted_from_the_register(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (status, page) = app.page("/budgets?year=2016&kind=%E9%A2%84%E7%AE%97").await;
    assert_eq!(status, 200);
    assert!(
        page.matches("<svg").count() >= 3,
        "three charts besides icons"
    );
    assert!(page.contains("2016年部门预算：支出功能分类"));
    assert!(page.contains("因公出国（境）费"));
    assert!(page.contains("比上年增减"));
    assert!(page.contains("2016年部门预算情况说明"));
    // The chart's values are the register's figures.
    let (amount,): (i64,) = sqlx::query_as(
        "SELECT amount FROM register_rows WHERE register = 'budgets' AND ref_no = '2016/预算/三公经费/1'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let shown = gongkai::graphics::types::number(amount as f64 / 100.0);
    assert!(
        page.contains(&format!("2016年 因公出国（境）费：{shown}元")),
        "tooltip carries {shown}"
    );
    let (status, page) = app
        .page("/registers/budgets?year=2026&category=%E4%B8%89%E5%85%AC%E7%BB%8F%E8%B4%B9")
        .await;
    assert_eq!(status, 200);
    assert_eq!(total(&page), 3);
}

/// Every licence row as (id, decided_on, search_text, public), for a scan
/// in the test to compare the table's free-text filter with.
async fn scanned(db: &gongkai::server::db::Db, today: &str) -> Vec<(i64, String, String, bool)> {
    let rows: Vec<(i64, String, String, Option<i64>, String)> = sqlx::query_as(
        "SELECT id, decided_on, search_text, withdrawn_at, public_until FROM register_rows WHERE register = 'licences'",
    )
    .fetch_all(db.pool())
    .await
    .expect("rows");
    rows.into_iter()
        .map(|(id, d, t, w, until)| {
            let public = w.is_none() && (until.is_empty() || until.as_str() >= today);
            (id, d, t, public)
        })
        .collect()
}

async fn free_text_finds_what_a_scan_finds_in_table_order(engine: Engine) {
    use gongkai::registers::db::{self as rdb, View};
    let (db, _dir) = crate::common::fresh_db(engine).await;
    let today = "2026-12-01";
    let actor = gongkai::account::db::audit::Actor::system("测试");
    gongkai::registers::generate::generate(&db, 300, |_| {})
        .await
        .expect("generate");
    // Rows whose text holds every pair of a query but not the query itself
    // (甲乙 and 乙丙 apart), the query itself, and a letter case to fold.
    let (template,): (String,) = sqlx::query_as(
        "SELECT fields FROM register_rows WHERE register = 'licences' ORDER BY id LIMIT 1",
    )
    .fetch_one(db.pool())
    .await
    .expect("a licence");
    let template: gongkai::registers::validate::Fields =
        serde_json::from_str(&template).expect("fields");
    let mut made = Vec::new();
    for (n, party) in [
        "甲乙某乙丙书店",
        "甲乙丙书店",
        "ABC图书有限公司",
        "福州甲乙书店",
    ]
    .into_iter()
    .enumerate()
    {
        let mut f = template.clone();
        f.insert("doc_no".to_owned(), format!("测试许〔2026〕{n}号"));
        f.insert("party".to_owned(), party.to_owned());
        let id = rdb::save(
            &db,
            Register::Licence,
            None,
            None,
            &f,
            &actor,
            1_700_000_000,
        )
        .await
        .expect("save");
        made.push(id);
    }
    // One matching row withdrawn: gone from the public table, not from staff's.
    rdb::withdraw(&db, made[3], "测试撤销", &actor, 1_700_000_001)
        .await
        .expect("withdraw");

    let queries = [
        "福州",
        "福",
        "州",
        "甲乙丙",
        "甲乙",
        "甲",
        "乙丙书",
        "书店",
        "abc",
        "ABC图",
        "91350",
        "有限公司 ",
        "许〔2026〕1",
        "量子引力",
        "丙",
    ];
    let check = |label: &str, expected: &[i64], got: &[i64], total: i64, cap: i64, size: usize| {
        let n = expected.len() as i64;
        assert_eq!(total, n.min(cap + 1), "{label}: total");
        assert_eq!(got, &expected[..expected.len().min(size)], "{label}: page");
    };
    for (cap, size) in [(rdb::TEXT_COUNT_CAP, 10_000_u32), (3, 2)] {
        for staff in [false, true] {
            let rows = scanned(&db, today).await;
            for q in queries {
                let mut v = View::all(Register::Licence);
                v.q = Some(q.to_owned());
                v.include_hidden = staff;
                let needle = q.to_lowercase();
                let mut expected: Vec<&(i64, String, String, bool)> = rows
                    .iter()
                    .filter(|r| (staff || r.3) && r.2.contains(&needle))
                    .collect();
                // The table's order: newest decision first, then newest id.
                expected.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
                let expected: Vec<i64> = expected.iter().map(|r| r.0).collect();
                let (page, total) =
                    rdb::list_capped(&db, Register::Licence, &v, today, 1, size, cap)
                        .await
                        .expect("list");
                let got: Vec<i64> = page.iter().map(|r| r.id).collect();
                check(
                    &format!("{q} (cap {cap}, staff {staff})"),
                    &expected,
                    &got,
                    total,
                    cap,
                    size as usize,
                );
                if cap == 3 && expected.len() > 2 {
                    let (page2, _) =
                        rdb::list_capped(&db, Register::Licence, &v, today, 2, size, cap)
                            .await
                            .expect("page 2");
                    let got2: Vec<i64> = page2.iter().map(|r| r.id).collect();
                    let end = expected.len().min(4);
                    assert_eq!(got2, &expected[2..end], "{q}: page 2");
                }
            }
        }
    }
    // Exactly: the rows with every pair but not the words are not found.
    let mut v = View::all(Register::Licence);
    v.q = Some("甲乙丙".to_owned());
    let (page, total) = rdb::list(&db, Register::Licence, &v, today, 1, 20)
        .await
        .expect("list");
    assert_eq!((total, page.len(), page[0].id), (1, 1, made[1]));

    // An edit moves the row from its old words to its new ones.
    let mut f = template.clone();
    f.insert("doc_no".to_owned(), "测试许〔2026〕1号".to_owned());
    f.insert("party".to_owned(), "丁戊己书店".to_owned());
    rdb::save(
        &db,
        Register::Licence,
        Some(made[1]),
        None,
        &f,
        &actor,
        1_700_000_002,
    )
    .await
    .expect("edit");
    for (q, n) in [("甲乙丙", 0), ("丁戊己", 1), ("戊", 1)] {
        v.q = Some(q.to_owned());
        let (_, total) = rdb::list(&db, Register::Licence, &v, today, 1, 20)
            .await
            .expect("list");
        assert_eq!(total, n, "{q} after the edit");
    }

    // A database from before the index (SQLite): its rows are indexed on the
    // next start, and found as before.
    if engine == Engine::Sqlite {
        sqlx::query("DELETE FROM register_grams")
            .execute(db.pool())
            .await
            .expect("empty the index");
        v.q = Some("丁戊己".to_owned());
        let (_, total) = rdb::list(&db, Register::Licence, &v, today, 1, 20)
            .await
            .expect("list");
        assert_eq!(total, 0, "the index is what finds rows");
        let built = rdb::grams::build_if_missing(&db).await.expect("build");
        assert_eq!(built, 604);
        assert_eq!(rdb::grams::build_if_missing(&db).await.expect("again"), 0);
        let (_, total) = rdb::list(&db, Register::Licence, &v, today, 1, 20)
            .await
            .expect("list");
        assert_eq!(total, 1);
    }
}
