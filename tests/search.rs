//! Search over HTTP, on both databases: relevance on real queries, Chinese
//! and mixed text, highlighting, filters, sorting, hot words with a blocked
//! word, a private query log, and an index that follows publication.
#![cfg(feature = "ssr")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed test is a panic"
)]

use crate::common::{fresh_db, spawn_app, spawn_app_with, Engine, TestApp};
use gongkai::account::types::Role;

on_both_engines!(
    real_queries_find_the_right_things_first,
    matches_are_highlighted_and_filters_apply,
    zero_results_suggest_hot_words,
    hot_words_come_from_the_log_minus_blocked_words,
    the_query_log_keeps_no_personal_data,
    the_index_follows_publication_and_withdrawal,
    suggestions_offer_titles_and_hot_words,
    a_reindex_rebuilds_everything,
    a_word_in_most_documents_puts_titles_first_then_the_newest,
    generated_items_and_rows_are_searchable_as_written,
);

/// The titles of the results, in order (marks removed).
async fn titles(app: &TestApp, path: &str) -> Vec<String> {
    let (status, page) = app.page(path).await;
    assert_eq!(status, 200, "{path}");
    page.split("class=\"app-results__title\">")
        .skip(1)
        .map(|s| {
            s.split("</a>")
                .next()
                .unwrap_or_default()
                .replace("<mark>", "")
                .replace("</mark>", "")
        })
        .collect()
}

fn q(text: &str) -> String {
    format!("/search?q={}", gongkai::ui::url::encode(text))
}

async fn real_queries_find_the_right_things_first(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let plan = gongkai::demo::PLAN_TITLE;
    let found = titles(&app, &q("政务公开")).await;
    assert!(
        found[..5].contains(&plan.to_owned()),
        "the plan itself near the top: {found:?}"
    );
    assert!(
        found[..5].iter().all(|t| t.contains("政务公开")),
        "title matches first: {found:?}"
    );
    assert!(
        found.iter().any(|t| t.contains("解读")),
        "its interpretations too: {found:?}"
    );

    // Title matches (penalties, power-list items) fill the first page; the
    // plan, which only mentions the words, follows them.
    let mut found = titles(&app, &q("行政处罚")).await;
    found.extend(titles(&app, &format!("{}&page=2", q("行政处罚"))).await);
    assert!(
        found.contains(&plan.to_owned()),
        "body text counts: {found:?}"
    );

    let found = titles(&app, &q("出版物经营许可")).await;
    assert!(
        found.iter().any(|t| t.contains("年度核验办法")),
        "{found:?}"
    );

    let found = titles(&app, &q("解读")).await;
    assert!(found.len() >= 5);
    assert!(
        found[..3].iter().all(|t| t.contains("解读")),
        "titles weigh more: {found:?}"
    );

    for two in ["政务", "许可", "版权"] {
        assert!(!titles(&app, &q(two)).await.is_empty(), "{two}");
    }

    let found = titles(&app, &q("2016年")).await;
    assert!(found.contains(&plan.to_owned()), "{found:?}");

    let found = titles(&app, &q("闽政办〔2016〕83号")).await;
    assert!(found.contains(&plan.to_owned()), "{found:?}");
    assert!(
        found.iter().all(|t| t.contains("2016")),
        "only what cites it: {found:?}"
    );

    let found = titles(&app, &q("闽广规〔2021〕3号")).await;
    assert_eq!(
        found.first().map(String::as_str),
        Some("福建省网络视听节目服务单位内容审核工作规范（试行）")
    );
}

async fn matches_are_highlighted_and_filters_apply(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (_, page) = app.page(&q("政务公开")).await;
    assert!(page.contains("<mark>政务公开</mark>"));
    assert!(page.contains("class=\"app-results__snippet\""));
    assert!(page.contains("找到 "));

    let found = titles(&app, &format!("{}&kind=interpretation", q("政务公开"))).await;
    assert!(
        !found.is_empty()
            && found
                .iter()
                .all(|t| t.contains("解读") || t.starts_with("图解")),
        "{found:?}"
    );
    let (_, page) = app
        .page(&format!("{}&kind=interpretation", q("政务公开")))
        .await;
    assert!(
        page.matches("app-tag\">政策解读<").count() >= 1 && !page.contains("app-tag\">工作动态<")
    );

    let (_, page) = app.page(&format!("{}&year=2019", q("核验"))).await;
    assert!(page.contains("2019年"));
    assert!(!page.contains("datetime=\"2016"), "only 2019");

    // Among documents (register rows without a date of their own are dated when published here).
    let by_date = titles(&app, &format!("{}&sort=date&kind=policy", q("版权"))).await;
    assert_eq!(
        by_date.first().map(String::as_str),
        Some("关于做好2026年度版权社会服务工作的通知"),
        "{by_date:?}"
    );

    let (status, page) = app.page(&format!("{}&year=20x6", q("版权"))).await;
    assert_eq!(status, 400);
    assert!(page.contains("年份应为四位数字") && page.contains("value=\"版权\""));
}

async fn zero_results_suggest_hot_words(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (status, page) = app.page(&q("量子引力")).await;
    assert_eq!(status, 200);
    assert!(page.contains("没有找到与“量子引力”相关的信息"));
    assert!(page.contains("试试这些热词"));
    assert!(
        page.contains("href=\"/search?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80\""),
        "a pinned hot word links to its search"
    );
}

async fn hot_words_come_from_the_log_minus_blocked_words(engine: Engine) {
    let app = spawn_app_with(engine, false, |s| {
        s.client_ip_header = Some("x-real-ip".to_owned());
    })
    .await;
    // Each word from that many different clients (a word needs ten).
    for (word, clients) in [
        ("版权登记", 12),
        ("盗版举报", 11),
        ("农家书屋", 10),
        ("的", 12),
    ] {
        for c in 0..clients {
            app.client
                .get(app.url(&q(word)))
                .header("x-real-ip", format!("198.51.100.{c}"))
                .send()
                .await
                .expect("search");
        }
    }
    // New words show by themselves in this mode (the default waits for approval).
    let mut tx = app.db.begin_write().await.expect("tx");
    gongkai::search::db::hot::set_mode(&mut tx, gongkai::search::db::hot::Mode::Auto)
        .await
        .expect("mode");
    tx.commit().await.expect("commit");
    // Paging through results does not count again.
    app.page(&format!("{}&page=2", q("农家书屋"))).await;
    app.state
        .search_log
        .flush(&app.db)
        .await
        .expect("flush the search log");
    app.state.reload_hot_words().await.expect("hot");
    let (logged,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM search_queries")
        .fetch_one(app.db.pool())
        .await
        .expect("log");
    assert_eq!(
        logged, 33,
        "each search logged once, page two and stop words not at all"
    );
    assert_eq!(
        app.state.hot_words().as_slice(),
        ["版权登记", "盗版举报", "农家书屋"]
    );

    let admin = app.staff("guanli", &[Role::Admin]).await;
    let res = app
        .post_form(
            "/staff/search",
            &admin,
            &[("word", "盗版"), ("action", "block")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = app
        .post_form(
            "/staff/search",
            &admin,
            &[("word", "政务公开"), ("action", "pin")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        app.state.hot_words().as_slice(),
        ["政务公开", "版权登记", "农家书屋"],
        "pinned first, blocked gone"
    );
    let (_, home) = app.page("/").await;
    assert!(
        home.contains("热门搜索") && home.contains(">版权登记</a>") && !home.contains("盗版举报")
    );
    let res = app
        .post_form("/staff/search", &admin, &[("word", ""), ("action", "pin")])
        .await;
    assert_eq!(res.status(), 400);
    let editor = app.staff("bianji", &[Role::Editor]).await;
    assert_eq!(
        app.post_form(
            "/staff/search",
            &editor,
            &[("word", "x"), ("action", "pin")]
        )
        .await
        .status(),
        403
    );
}

async fn the_query_log_keeps_no_personal_data(engine: Engine) {
    let app = spawn_app(engine, false).await;
    for text in [
        "13812345678",
        "350102199001011234",
        "zhang@example.cn",
        "政务公开",
    ] {
        app.page(&q(text)).await;
    }
    app.state
        .search_log
        .flush(&app.db)
        .await
        .expect("flush the search log");
    let rows: Vec<(String,)> = sqlx::query_as("SELECT q FROM search_queries")
        .fetch_all(app.db.pool())
        .await
        .expect("log");
    assert_eq!(rows, vec![("政务公开".to_owned(),)]);
    let columns: Vec<(String,)> = match engine {
        Engine::Sqlite => sqlx::query_as("SELECT name FROM pragma_table_info('search_queries') ORDER BY cid").fetch_all(app.db.pool()).await,
        Engine::Postgres => sqlx::query_as("SELECT column_name::text FROM information_schema.columns WHERE table_name = 'search_queries' ORDER BY ordinal_position").fetch_all(app.db.pool()).await,
    }
    .expect("columns");
    let names: Vec<&str> = columns.iter().map(|(c,)| c.as_str()).collect();
    assert_eq!(
        names,
        ["id", "q", "at", "client"],
        "no address, agent or session: the client only as a keyed hash"
    );
    let (client,): (String,) = sqlx::query_as("SELECT client FROM search_queries")
        .fetch_one(app.db.pool())
        .await
        .expect("client");
    assert_eq!(client.len(), 24, "an HMAC, shortened");
    assert!(!client.contains("127.0.0.1"));
}

async fn the_index_follows_publication_and_withdrawal(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    let form = reqwest::multipart::Form::new()
        .text("kind", "notice")
        .text("title", "关于开展暑期校外培训机构教辅专项检查的通知")
        .text("body_md", "检查重点为违规征订教辅材料。")
        .text("publisher", "办公室")
        .text("topic", "publishing")
        .text("validity", "valid")
        .text("disclosure", "active")
        .text("action", "submit");
    let res = app
        .client
        .post(app.url("/disclosure/notice/new"))
        .header("cookie", &editor)
        .multipart(form)
        .send()
        .await
        .expect("post");
    let id: i64 = res.headers()["location"]
        .to_str()
        .expect("l")
        .trim_start_matches("/articles/")
        .split('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    assert!(
        titles(&app, &q("教辅")).await.is_empty(),
        "a draft is not searchable"
    );
    app.post_form(
        &format!("/articles/{id}/review"),
        &reviewer,
        &[
            ("revision", &app.pending_revision(id).await),
            ("decision", "approve"),
            ("opinion", "同意"),
            ("disclosure", "active"),
            ("publish", "now"),
        ],
    )
    .await;
    let started = std::time::Instant::now();
    let found = titles(&app, &q("教辅")).await;
    assert_eq!(found, ["关于开展暑期校外培训机构教辅专项检查的通知"]);
    assert!(
        started.elapsed().as_secs() < 2,
        "searchable within 2 seconds"
    );
    app.post_form(
        &format!("/articles/{id}/withdraw"),
        &reviewer,
        &[("reason", "重复发布")],
    )
    .await;
    assert!(
        titles(&app, &q("教辅")).await.is_empty(),
        "a withdrawn item disappears at once"
    );
}

async fn suggestions_offer_titles_and_hot_words(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let res = app
        .get(&format!(
            "/api/search_suggest?q={}",
            gongkai::ui::url::encode("实施方案")
        ))
        .await;
    assert_eq!(res.status(), 200);
    let items: serde_json::Value = res.json().await.expect("json");
    let first = &items[0];
    assert!(first["text"].as_str().expect("text").contains("实施方案"));
    assert!(first["url"]
        .as_str()
        .expect("url")
        .starts_with("/articles/"));
    let res = app.get("/api/search_suggest?q=").await;
    let hot: serde_json::Value = res.json().await.expect("json");
    assert_eq!(hot[0]["text"], "政务公开");
    assert!(hot[0]["url"].is_null());
}

async fn a_reindex_rebuilds_everything(engine: Engine) {
    let app = spawn_app(engine, true).await;
    sqlx::query("DELETE FROM search_docs")
        .execute(app.db.pool())
        .await
        .expect("clear");
    assert!(titles(&app, &q("政务公开")).await.is_empty());
    let n = gongkai::search::db::index::reindex(&app.db, |_, _| {})
        .await
        .expect("reindex");
    // As the server's once-a-second look at the content version would.
    gongkai::server::cache::sync(&app.state)
        .await
        .expect("version");
    let public = gongkai::content::db::count_public(&app.db)
        .await
        .expect("count");
    let (registers,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM register_rows WHERE withdrawn_at IS NULL AND (public_until = '' OR public_until >= $1) \
         AND NOT (register = 'budgets' AND category <> '说明')",
    )
    .bind(app.state.today().to_string())
    .fetch_one(app.db.pool())
    .await
    .expect("registers");
    assert!(registers > 100);
    let services = gongkai::services::demo::services().len() as i64;
    let (answers,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM consultations WHERE public = 1")
        .fetch_one(app.db.pool())
        .await
        .expect("answers");
    assert!(answers > 0);
    assert_eq!(
        n as i64,
        public + 1 + registers + services + answers,
        "every public item, the topic, every public register row, every service and every published answer"
    );
    assert!(!titles(&app, &q("政务公开")).await.is_empty());
    let found = titles(&app, &format!("{}&kind=topic", q("政务公开"))).await;
    assert_eq!(found, ["2016年政务公开工作"]);
    let found = titles(&app, &format!("{}&kind=service", q("著作权登记"))).await;
    assert_eq!(found, ["作品著作权登记"]);
    if engine == Engine::Postgres {
        // The word indexes a reindex drops while it writes are back.
        let (indexes,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'search_meta' \
             AND indexname IN ('search_meta_tsv', 'search_meta_title_tsv')",
        )
        .fetch_one(app.db.pool())
        .await
        .expect("indexes");
        assert_eq!(indexes, 2);
    }
}

/// Past the number of matches that are all ranked, title matches come first,
/// then the others newest first; pages neither repeat nor skip, and the
/// count, the filters and newest-first order hold as they do below it.
async fn a_word_in_most_documents_puts_titles_first_then_the_newest(engine: Engine) {
    use gongkai::search::db::index::{upsert_many, SearchDoc};
    use gongkai::search::db::query::{run_within, Limits, Search};
    let (db, _dir) = fresh_db(engine).await;
    let day = 86_400;
    let docs: Vec<SearchDoc> = (0..14)
        .map(|i| SearchDoc {
            source: "test",
            source_id: i,
            kind: if i % 2 == 0 { "news" } else { "policy" }.to_owned(),
            title: if i % 5 == 0 {
                format!("档案管理办法第{i}号")
            } else {
                format!("第{i}号通知")
            },
            body: format!("关于档案工作的说明，编号{i}。"),
            url: format!("/t/{i}"),
            // Document 13 is the newest, 0 the oldest.
            published_at: 1_700_000_000 + i * day,
        })
        .collect();
    let mut tx = db.begin_write().await.expect("begin");
    upsert_many(&mut tx, db.backend(), &docs)
        .await
        .expect("index");
    tx.commit().await.expect("commit");
    // Planner statistics, so PostgreSQL's density-based choices and its
    // estimates are taken as on a real index.
    gongkai::search::db::index::analyse(&db)
        .await
        .expect("analyse");
    let now = 1_700_000_000 + 20 * day;
    let ranking = |rank_all| Limits {
        rank_all,
        ..Limits::default()
    };
    let search = |page, by_date, kind: Option<&str>| Search {
        tokens: vec!["档案".to_owned()],
        kind: kind.map(str::to_owned),
        year: None,
        by_date,
        page,
        per_page: 4,
    };
    let urls = |rows: Vec<gongkai::search::db::query::Row>| -> Vec<String> {
        rows.into_iter().map(|r| r.url).collect()
    };
    let mut seen = Vec::new();
    for page in 1..=4 {
        let (rows, total) = run_within(&db, &search(page, false, None), now, ranking(5))
            .await
            .expect("search");
        assert_eq!((total.n, total.approximate), (14, false));
        seen.extend(urls(rows));
    }
    // Titles 10, 5, 0 (newest first among equal titles), then 13, 12, 11, 9 …
    let expected: Vec<String> = [10, 5, 0, 13, 12, 11, 9, 8, 7, 6, 4, 3, 2, 1]
        .iter()
        .map(|i| format!("/t/{i}"))
        .collect();
    assert_eq!(
        seen, expected,
        "titles first, then newest first, no repeats"
    );

    // Below the threshold the same titles lead, by rank.
    let (rows, _) = run_within(&db, &search(1, false, None), now, ranking(100))
        .await
        .expect("search");
    let top = urls(rows);
    assert_eq!(top[..3].len(), 3);
    assert!(
        top[..3]
            .iter()
            .all(|u| ["/t/10", "/t/5", "/t/0"].contains(&u.as_str())),
        "{top:?}"
    );

    // Newest first and a kind filter, past the threshold.
    let (rows, total) = run_within(&db, &search(2, true, Some("news")), now, ranking(5))
        .await
        .expect("search");
    assert_eq!(total.n, 7);
    assert_eq!(urls(rows), ["/t/4", "/t/2", "/t/0"]);
    let (rows, total) = run_within(&db, &search(1, false, Some("policy")), now, ranking(3))
        .await
        .expect("search");
    assert_eq!(total.n, 7);
    assert_eq!(urls(rows), ["/t/5", "/t/13", "/t/11", "/t/9"]);

    // Past the counting limit PostgreSQL estimates the total (SQLite counts
    // from its index, always exactly); the pages are the same either way,
    // titles first and no repeats, newest first with a filter.
    let estimating = Limits {
        rank_all: 3,
        count_all: 3,
    };
    let mut seen = Vec::new();
    for page in 1..=4 {
        let (rows, total) = run_within(&db, &search(page, false, None), now, estimating)
            .await
            .expect("search");
        match engine {
            Engine::Postgres if page < 4 => {
                assert!(total.approximate && total.n > 3, "{total:?}");
            }
            // SQLite always counts; a short last page is counted too.
            _ => assert_eq!((total.n, total.approximate), (14, false)),
        }
        seen.extend(urls(rows));
    }
    assert_eq!(seen, expected, "the same pages when estimating");
    let (rows, _) = run_within(&db, &search(2, true, Some("news")), now, estimating)
        .await
        .expect("search");
    assert_eq!(urls(rows), ["/t/4", "/t/2", "/t/0"]);

    // Words each in many documents but never together: whatever the
    // planner guessed, a page that comes up short is counted exactly.
    let apart = Search {
        tokens: vec!["通知".to_owned(), "管理办法".to_owned()],
        ..search(1, false, None)
    };
    let always_estimate = Limits {
        rank_all: 3,
        count_all: 0,
    };
    let (rows, total) = run_within(&db, &apart, now, always_estimate)
        .await
        .expect("search");
    assert!(rows.is_empty());
    assert_eq!((total.n, total.approximate), (0, false));
}

/// The scale-test generators index what they write: a reindex afterwards
/// finds nothing missing.
async fn generated_items_and_rows_are_searchable_as_written(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let calendar = app.state.calendar();
    gongkai::content::generate::generate(&app.db, 120, &calendar, |_| {})
        .await
        .unwrap();
    gongkai::registers::generate::generate(&app.db, 60, |_| {})
        .await
        .unwrap();
    let docs = |app: &TestApp| {
        let pool = app.db.pool().clone();
        async move {
            let rows: Vec<(String, i64)> = sqlx::query_as(
                "SELECT source, COUNT(*) FROM search_docs GROUP BY source ORDER BY source",
            )
            .fetch_all(&pool)
            .await
            .unwrap();
            rows
        }
    };
    let written = docs(&app).await;
    assert!(
        written.iter().any(|(s, n)| s == "article" && *n == 120),
        "{written:?}"
    );
    assert!(
        written.iter().any(|(s, n)| s == "register" && *n > 0),
        "{written:?}"
    );
    gongkai::search::db::index::reindex(&app.db, |_, _| {})
        .await
        .unwrap();
    assert_eq!(docs(&app).await, written, "the reindex found nothing new");
}
