//! 两馆报送 on both databases: a package started from the staff page holds
//! every item made public in the period — its page, metadata and
//! attachments — and nothing that is not public, marks withdrawn items,
//! and verifies against its own SHA-256 manifests and the record; the
//! package is one snapshot whatever is written meanwhile; the next export
//! starts where the last stopped; the command line writes the same package
//! to a file; and only editors may export or download.
#![cfg(feature = "ssr")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed test is a panic"
)]

use crate::common::{approve, article_form, post_multipart, spawn_app, Engine, TestApp};
use gongkai::account::types::Role;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

on_both_engines!(
    a_package_holds_what_was_public_and_verifies,
    a_package_is_one_snapshot,
    the_next_export_starts_where_the_last_stopped,
    exports_are_for_editors_only,
);

const PDF: &[u8] = b"%PDF-1.4\n% archive test\n%%EOF\n";

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Publishes a notice (with a PDF when `with_file`); returns its id.
async fn publish(app: &TestApp, editor: &str, reviewer: &str, title: &str, with_file: bool) -> i64 {
    let mut form = article_form(title, &format!("{title}的正文"), "submit");
    if with_file {
        form = form.part(
            "files",
            reqwest::multipart::Part::bytes(PDF.to_vec()).file_name("附件:一.pdf"),
        );
    }
    let res = post_multipart(app, "/disclosure/notice/new", editor, form).await;
    assert_eq!(
        res.status(),
        303,
        "{}",
        res.text().await.unwrap_or_default()
    );
    let id: i64 = res.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/articles/")
        .split('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let res = approve(app, reviewer, id).await;
    assert_eq!(res.status(), 303);
    id
}

fn today(app: &TestApp) -> String {
    app.state.today().format("%Y-%m-%d").to_string()
}

/// Starts an export from the staff page and waits for it; returns its
/// record as the JSON shows it.
async fn export(app: &TestApp, editor: &str, from: &str, to: &str) -> serde_json::Value {
    let res = app
        .post_form("/staff/archive", editor, &[("from", from), ("to", to)])
        .await;
    assert_eq!(
        res.status(),
        303,
        "{}",
        res.text().await.unwrap_or_default()
    );
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("/staff/archive?notice=archive_started#export-"),
        "{location}"
    );
    let id: i64 = location.rsplit('-').next().unwrap().parse().unwrap();
    for _ in 0..300 {
        let view: serde_json::Value = app
            .get_as("/api/staff/get_archive", editor)
            .await
            .json()
            .await
            .unwrap();
        let line = view["exports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .cloned()
            .expect("the export is listed");
        match line["status"].as_str().unwrap() {
            "running" => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
            "done" => return line,
            other => panic!("export {other}: {line}"),
        }
    }
    panic!("the export did not finish");
}

struct Package {
    files: BTreeMap<String, Vec<u8>>,
}

impl Package {
    fn read(bytes: &[u8]) -> Package {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a ZIP");
        let mut files = BTreeMap::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            files.insert(f.name().to_owned(), data);
        }
        Package { files }
    }

    /// The one top folder every file sits in.
    fn root(&self) -> String {
        let roots: BTreeSet<&str> = self
            .files
            .keys()
            .map(|k| k.split('/').next().unwrap())
            .collect();
        assert_eq!(roots.len(), 1, "{roots:?}");
        roots.into_iter().next().unwrap().to_owned()
    }

    fn text(&self, path: &str) -> String {
        let root = self.root();
        String::from_utf8(
            self.files
                .get(&format!("{root}/{path}"))
                .unwrap_or_else(|| panic!("{path} is in the package"))
                .clone(),
        )
        .unwrap()
    }

    fn has(&self, path: &str) -> bool {
        self.files.contains_key(&format!("{}/{path}", self.root()))
    }

    /// Checks both manifests and the payload's size and count; returns
    /// the SHA-256 of manifest-sha256.txt.
    fn verify(&self) -> String {
        let root = self.root();
        let manifest = self.text("manifest-sha256.txt");
        let mut listed = BTreeSet::new();
        for line in manifest.lines() {
            let (hash, path) = line.split_once("  ").expect("hash  path");
            assert_eq!(hex(&self.files[&format!("{root}/{path}")]), hash, "{path}");
            listed.insert(path.to_owned());
        }
        let payload: BTreeSet<String> = self
            .files
            .keys()
            .filter_map(|k| k.strip_prefix(&format!("{root}/")))
            .filter(|k| k.starts_with("data/"))
            .map(str::to_owned)
            .collect();
        assert_eq!(
            listed, payload,
            "every payload file is in the manifest, and only those"
        );
        let octets: usize = payload
            .iter()
            .map(|p| self.files[&format!("{root}/{p}")].len())
            .sum();
        assert!(
            self.text("bag-info.txt")
                .contains(&format!("Payload-Oxum: {octets}.{}", payload.len())),
            "{}",
            self.text("bag-info.txt")
        );
        for line in self.text("tagmanifest-sha256.txt").lines() {
            let (hash, path) = line.split_once("  ").unwrap();
            assert_eq!(hex(&self.files[&format!("{root}/{path}")]), hash, "{path}");
        }
        assert!(self.text("bagit.txt").starts_with("BagIt-Version: 1.0"));
        hex(manifest.as_bytes())
    }

    /// The item ids catalogue.json lists, with their state.
    fn catalogue(&self) -> BTreeMap<i64, String> {
        let json: serde_json::Value =
            serde_json::from_str(&self.text("data/catalogue.json")).unwrap();
        json["信息"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["编号"].as_i64().unwrap(),
                    r["状态"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }
}

async fn download(app: &TestApp, cookie: &str, line: &serde_json::Value) -> Vec<u8> {
    let res = app
        .get_as(
            &format!("/staff/archive/{}/package.zip", line["id"]),
            cookie,
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/zip");
    assert!(res.headers().get("content-encoding").is_none());
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains(".zip"));
    let bytes = res.bytes().await.unwrap().to_vec();
    assert_eq!(bytes.len() as i64, line["bytes"].as_i64().unwrap());
    assert_eq!(
        hex(&bytes),
        line["sha256"].as_str().unwrap(),
        "the package's SHA-256 is on record"
    );
    bytes
}

async fn public_ids(app: &TestApp) -> BTreeSet<i64> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM articles WHERE status = 'published' AND disclosure = 'active'",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}

async fn a_package_holds_what_was_public_and_verifies(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let editor = app.staff("guidang", &[Role::Editor]).await;
    let reviewer = app.staff("guidang-shenhe", &[Role::Reviewer]).await;
    let with_file = publish(&app, &editor, &reviewer, "报送测试：带附件的通知", true).await;
    let withdrawn = publish(&app, &editor, &reviewer, "报送测试：后来撤回的通知", false).await;
    let res = app
        .post_form(
            &format!("/articles/{withdrawn}/withdraw"),
            &reviewer,
            &[("reason", "内容需要更正")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let on_request = publish(
        &app,
        &editor,
        &reviewer,
        "报送测试：依申请公开的信息",
        false,
    )
    .await;
    sqlx::query("UPDATE articles SET disclosure = 'on_request' WHERE id = $1")
        .bind(on_request)
        .execute(app.db.pool())
        .await
        .unwrap();
    // Sent for review, never approved: not public.
    let res = post_multipart(
        &app,
        "/disclosure/notice/new",
        &editor,
        article_form("报送测试：还在审核的通知", "草稿正文", "submit"),
    )
    .await;
    assert_eq!(res.status(), 303);

    let line = export(&app, &editor, "2000-01-01", &today(&app)).await;
    let package = Package::read(&download(&app, &editor, &line).await);
    assert_eq!(
        package.root(),
        format!("gongkai-archive-2000-01-01-{}", today(&app))
    );
    assert_eq!(package.verify(), line["manifest_sha256"].as_str().unwrap());

    // Every public item, the withdrawn one marked, nothing else.
    let catalogue = package.catalogue();
    let mut expected: BTreeMap<i64, String> = public_ids(&app)
        .await
        .into_iter()
        .map(|id| (id, "已发布".to_owned()))
        .collect();
    expected.insert(withdrawn, "已撤回".to_owned());
    assert_eq!(catalogue, expected);
    assert!(
        expected.len() > 20,
        "the demo's items are in: {}",
        expected.len()
    );
    assert_eq!(line["items"].as_i64().unwrap(), expected.len() as i64);
    assert_eq!(line["withdrawn"], 1);
    for id in expected.keys() {
        let folder = format!("data/items/{id:06}");
        for file in ["item.html", "metadata.xml", "metadata.json"] {
            assert!(package.has(&format!("{folder}/{file}")), "{folder}/{file}");
        }
    }
    let index = package.text("data/index.html");
    let xml = package.text("data/catalogue.xml");
    for secret in [
        "报送测试：依申请公开的信息",
        "报送测试：还在审核的通知",
        "草稿正文",
    ] {
        assert!(
            !package
                .files
                .values()
                .any(|f| String::from_utf8_lossy(f).contains(secret)),
            "{secret} is not in the package"
        );
    }

    // The item with its attachment: page, metadata and the file itself.
    let folder = format!("data/items/{with_file:06}");
    let page = package.text(&format!("{folder}/item.html"));
    assert!(page.contains("<h1>报送测试：带附件的通知</h1>"), "{page}");
    assert!(page.contains("报送测试：带附件的通知的正文"));
    let meta: serde_json::Value =
        serde_json::from_str(&package.text(&format!("{folder}/metadata.json"))).unwrap();
    assert_eq!(meta["公开属性"], "主动公开");
    assert_eq!(meta["发布机构"], "办公室");
    assert_eq!(meta["信息类别"], "通知公告");
    assert!(
        meta["索引号"].as_str().unwrap().contains("-0202-"),
        "{meta}"
    );
    let file = &meta["附件"][0];
    let path = file["路径"].as_str().unwrap();
    assert!(
        path.starts_with(&format!("items/{with_file:06}/attachments/")),
        "{path}"
    );
    assert!(path.ends_with("附件_一.pdf"), "{path}");
    assert_eq!(
        package.files[&format!("{}/data/{path}", package.root())],
        PDF
    );
    assert_eq!(file["SHA-256"], hex(PDF));
    let local = path.rsplit_once("/attachments/").unwrap().1;
    assert!(
        page.contains(&format!("href=\"attachments/{local}\"")),
        "{page}"
    );
    // Its Word version, for the paper file and 两馆, reads back as the item.
    let word = format!("items/{with_file:06}/item.docx");
    assert_eq!(meta["Word版本"], word.as_str());
    assert!(page.contains("<a href=\"item.docx\">"), "{page}");
    let back =
        gongkai::content::docx::import(&package.files[&format!("{}/data/{word}", package.root())])
            .unwrap();
    assert_eq!(back.fields.title.as_deref(), Some("报送测试：带附件的通知"));
    assert!(
        back.body_md.contains("报送测试：带附件的通知的正文"),
        "{}",
        back.body_md
    );
    let meta_xml = package.text(&format!("{folder}/metadata.xml"));
    assert!(
        meta_xml.contains(&format!("<Word版本 路径=\"{word}\"/>")),
        "{meta_xml}"
    );
    assert!(
        meta_xml.contains("<名称>报送测试：带附件的通知</名称>"),
        "{meta_xml}"
    );
    assert!(index.contains(&format!("items/{with_file:06}/item.html")));
    assert!(xml.contains("<政府信息目录>"));

    // The withdrawn one: its record and the withdrawal, not its body.
    let folder = format!("data/items/{withdrawn:06}");
    let page = package.text(&format!("{folder}/item.html"));
    assert!(page.contains("撤回原因：内容需要更正"), "{page}");
    assert!(!page.contains("后来撤回的通知的正文"));
    assert!(package
        .text(&format!("{folder}/metadata.xml"))
        .contains("<状态>已撤回</状态>"));
    assert!(index.contains("已撤回（"));

    // The staff page shows the record and the download.
    let (status, page) = app.page_as("/staff/archive", &editor).await;
    assert_eq!(status, 200);
    assert!(page.contains(line["sha256"].as_str().unwrap()), "{page}");
    assert!(page.contains(&format!("/staff/archive/{}/package.zip", line["id"])));
    // …and the audit log the export.
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'archive.exported'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(n, 1);
}

async fn a_package_is_one_snapshot(engine: Engine) {
    use gongkai::archive::db::Starter;
    use gongkai::archive::job::{self, Context, Output, Period};
    let app = spawn_app(engine, true).await;
    let editor = app.staff("guidang", &[Role::Editor]).await;
    let reviewer = app.staff("guidang-shenhe", &[Role::Reviewer]).await;
    let kept = publish(&app, &editor, &reviewer, "快照测试：原来的标题", false).await;
    let today = app.state.today();
    let period = Period::parse("2000-01-01", &today.format("%Y-%m-%d").to_string(), today).unwrap();
    let actor = gongkai::account::db::audit::Actor::system("测试");
    let id = job::begin(
        &app.db,
        period,
        &Starter::Cli,
        &actor,
        gongkai::ui::format::now(),
    )
    .await
    .unwrap();
    let mut snapshot = app.db.begin_snapshot().await.unwrap();
    let (before,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM articles")
        .fetch_one(&mut *snapshot)
        .await
        .unwrap();
    assert!(before > 0);
    // Written after the snapshot: a new item, a changed title, a withdrawal.
    let later = publish(&app, &editor, &reviewer, "快照测试：之后发布的通知", false).await;
    sqlx::query("UPDATE articles SET title = '快照测试：改过的标题' WHERE id = $1")
        .bind(kept)
        .execute(app.db.pool())
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("package.zip");
    let file = std::fs::File::create(&path).unwrap();
    let cx = Context {
        site: "测试网站".into(),
        origin: String::new(),
        by: "测试".into(),
    };
    let mut seen = Vec::new();
    let totals = job::run_on(
        &app.db,
        snapshot,
        id,
        period,
        &cx,
        Output::File(file),
        |done, total| {
            seen.push((done, total));
        },
    )
    .await
    .unwrap();
    assert_eq!(seen.last().map(|(d, t)| d == t), Some(true), "{seen:?}");
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(hex(&bytes), totals.sha256);
    let package = Package::read(&bytes);
    assert_eq!(package.verify(), totals.manifest_sha256);
    let catalogue = package.catalogue();
    assert!(catalogue.contains_key(&kept));
    assert!(
        !catalogue.contains_key(&later),
        "written after the snapshot"
    );
    let page = package.text(&format!("data/items/{kept:06}/item.html"));
    assert!(page.contains("快照测试：原来的标题"), "{page}");
    assert!(!page.contains("改过的标题"));
}

async fn the_next_export_starts_where_the_last_stopped(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let editor = app.staff("guidang", &[Role::Editor]).await;
    let today = app.state.today();
    let year_start = format!("{}-01-01", today.format("%Y"));
    let view: serde_json::Value = app
        .get_as("/api/staff/get_archive", &editor)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        view["next_from"],
        year_start.as_str(),
        "no export yet: from the first of the year"
    );

    // Refused periods keep what was typed and say why.
    for (from, to, message) in [
        (
            "2026-13-01",
            "2026-12-31",
            "请按 2026-01-01 的格式填写起始日期",
        ),
        ("2026-02-01", "2026-01-31", "截止日期不能早于起始日期"),
        ("2020-01-01", "2999-01-01", "截止日期不能晚于今天"),
    ] {
        let res = app
            .post_form("/staff/archive", &editor, &[("from", from), ("to", to)])
            .await;
        assert_eq!(res.status(), 400, "{from} {to}");
        let page = res.text().await.unwrap();
        assert!(page.contains(message), "{message}: {page}");
        assert!(page.contains("<title>错误：两馆报送"), "{page}");
        assert!(page.contains(&format!("value=\"{from}\"")), "entries kept");
    }

    let first_to = today.pred_opt().unwrap().pred_opt().unwrap();
    let line = export(
        &app,
        &editor,
        "2010-01-01",
        &first_to.format("%Y-%m-%d").to_string(),
    )
    .await;
    assert!(line["items"].as_i64().unwrap() > 0);
    let view: serde_json::Value = app
        .get_as("/api/staff/get_archive", &editor)
        .await
        .json()
        .await
        .unwrap();
    let next = first_to.succ_opt().unwrap().format("%Y-%m-%d").to_string();
    assert_eq!(view["next_from"], next.as_str());
    let (_, page) = app.page_as("/staff/archive", &editor).await;
    assert!(
        page.contains(&format!("value=\"{next}\"")),
        "the form starts there"
    );

    // The command line records its export too and writes the file.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("next.zip");
    let told = gongkai::archive::job::export_to_file(&app.db, None, None, None, Some(out.clone()))
        .await
        .unwrap();
    assert!(told.contains("导出包 SHA-256"), "{told}");
    let bytes = std::fs::read(&out).unwrap();
    let package = Package::read(&bytes);
    assert!(package
        .root()
        .starts_with(&format!("gongkai-archive-{next}-")));
    package.verify();
    let view: serde_json::Value = app
        .get_as("/api/staff/get_archive", &editor)
        .await
        .json()
        .await
        .unwrap();
    let cli = &view["exports"][0];
    assert_eq!(cli["by"], "命令行");
    assert_eq!(cli["sha256"].as_str().unwrap(), hex(&bytes));
    assert_eq!(
        cli["kept"], false,
        "a file on the operator's disk, not in the portal"
    );
    // An existing file is never overwritten.
    assert!(
        gongkai::archive::job::export_to_file(&app.db, None, None, None, Some(out.clone()))
            .await
            .is_err()
    );
    assert_eq!(std::fs::read(&out).unwrap(), bytes);
}

async fn exports_are_for_editors_only(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let editor = app.staff("guidang", &[Role::Editor]).await;
    let handler = app.staff("guidang-banjian", &[Role::Handler]).await;
    let line = export(&app, &editor, "2000-01-01", &today(&app)).await;
    let zip = format!("/staff/archive/{}/package.zip", line["id"]);
    for path in ["/staff/archive", zip.as_str(), "/api/staff/get_archive"] {
        assert_eq!(app.get_as(path, &handler).await.status(), 403, "{path}");
        let anonymous = app.get(path).await.status();
        assert!(anonymous == 401 || anonymous == 303, "{path}: {anonymous}");
    }
    let res = app
        .post_form(
            "/staff/archive",
            &handler,
            &[("from", "2000-01-01"), ("to", "2000-12-31")],
        )
        .await;
    assert_eq!(res.status(), 403);
    assert_eq!(
        app.get_as("/staff/archive/999/package.zip", &editor)
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get_as("/staff/archive/x/package.zip", &editor)
            .await
            .status(),
        404
    );
}
