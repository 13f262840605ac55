//! 从 Word 导入 on both databases: a 公文 posted from the editor's import
//! form becomes a draft with its fields, headings, merged table and image
//! in place (the image an attachment only staff see until publication),
//! the original kept if asked, what could not be carried shown to the
//! editor and the reviewer, all in the audit log; once approved the public
//! page shows the image, and the item downloads as Word and reads back.
//! What is not a .docx is refused with the item as it was. HTML pasted
//! into the editor (Word's clipboard) comes back in the body format.

use crate::common::{approve, post_multipart, spawn_app, Engine, TestApp};
use gongkai::account::types::Role;
use gongkai::content::docx::sample;
use reqwest::multipart::{Form, Part};

on_both_engines!(
    a_word_document_becomes_a_draft_then_a_page,
    what_is_not_a_word_document_is_refused_and_nothing_changes,
    pasted_html_becomes_the_body_format,
);

fn import_form(kind: &str, name: &str, bytes: Vec<u8>, keep: bool) -> Form {
    let form = Form::new()
        .text("kind", kind.to_owned())
        .text("action", "import")
        .part("docx", Part::bytes(bytes).file_name(name.to_owned()));
    if keep {
        form.text("keep_original", "1")
    } else {
        form
    }
}

/// The id in a `/articles/{id}/edit?notice=…` location.
fn id_in(location: &str) -> i64 {
    location
        .trim_start_matches("/articles/")
        .split('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("an item's address")
}

/// The open revision's snapshot, posted back as the editor form would with `action`.
async fn resubmit(app: &TestApp, cookie: &str, id: i64, action: &str) -> reqwest::Response {
    let (snapshot,): (String,) = sqlx::query_as(
        "SELECT r.snapshot FROM revisions r JOIN articles a ON a.pending_revision_id = r.id WHERE a.id = $1",
    )
    .bind(id)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let fields: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&snapshot).unwrap();
    let mut form = Form::new().text("action", action.to_owned());
    for (k, v) in fields {
        match v {
            serde_json::Value::String(s) => form = form.text(k, s),
            serde_json::Value::Bool(true) => form = form.text(k, "1"),
            _ => {}
        }
    }
    post_multipart(app, &format!("/articles/{id}/edit"), cookie, form).await
}

async fn a_word_document_becomes_a_draft_then_a_page(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    let res = post_multipart(
        &app,
        "/disclosure/policy/new",
        &editor,
        import_form("policy", "报送通知.docx", sample::notice_with_image(), true),
    )
    .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.ends_with("/edit?notice=imported_notes"),
        "{location}"
    );
    let id = id_in(&location);

    // The editor shows the fields read, the body, and what was not carried.
    let (status, page) = app.page_as(&location, &editor).await;
    assert_eq!(status, 200);
    assert!(page.contains("已从 Word 文档导入并保存为草稿"), "{page}");
    assert!(
        page.contains("value=\"关于报送政务公开工作进展情况的通知\""),
        "{page}"
    );
    assert!(page.contains("value=\"闽新广〔2016〕15号\""), "{page}");
    assert!(page.contains("value=\"2016-06-01\""), "{page}");
    assert!(page.contains("value=\"福建省新闻出版广电局\""), "{page}");
    assert!(page.contains("从 Word 导入时未能原样保留的内容"), "{page}");
    assert!(page.contains("批注不会导入"), "{page}");
    // 主题词 with no matching 主题分类 on this portal: named, not guessed.
    assert!(
        page.contains("主题词“政务公开 通知”没有对应的主题分类"),
        "{page}"
    );
    assert!(page.contains("## 一、报送事项"), "{page}");
    assert!(page.contains("colspan=\"2\""), "{page}");

    // The image is a staged attachment, placed where it was.
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT id, name, mime, live FROM attachments WHERE article_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let (image, original) = (&rows[0], &rows[1]);
    assert_eq!(
        (image.1.as_str(), image.2.as_str(), image.3),
        ("报送通知-图1.png", "image/png", 0)
    );
    assert_eq!(original.1, "报送通知.docx");
    assert!(
        page.contains(&format!("![图1](/attachments/{})", image.0)),
        "{page}"
    );
    // Editors and reviewers see it (never cached); the public does not.
    let res = app
        .get_as(&format!("/attachments/{}", image.0), &reviewer)
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "private, no-store");
    assert_eq!(res.bytes().await.unwrap().as_ref(), sample::PIXEL_PNG);
    assert_eq!(
        app.get(&format!("/attachments/{}", image.0)).await.status(),
        404
    );
    assert_eq!(app.get(&format!("/articles/{id}")).await.status(), 404);

    // One save, audited with what the import could not carry.
    let audit: Vec<(String, String)> =
        sqlx::query_as("SELECT action, detail FROM audit_log WHERE target LIKE $1 ORDER BY seq")
            .bind(format!("信息 {id}%"))
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    let actions: Vec<&str> = audit.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        actions,
        ["attachment_added", "article_saved", "attachment_added"],
        "{audit:?}"
    );
    assert!(audit[1].1.contains("批注"), "{}", audit[1].1);

    // Sent for review as it stands, the reviewer sees the same warnings.
    let res = resubmit(&app, &editor, id, "submit").await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let (_, review) = app
        .page_as(&format!("/articles/{id}/review"), &reviewer)
        .await;
    assert!(
        review.contains("从 Word 导入时未能原样保留的内容"),
        "{review}"
    );
    assert!(review.contains("批注不会导入"), "{review}");
    assert!(
        review.contains(&format!("src=\"/attachments/{}\"", image.0)),
        "{review}"
    );

    // Published, the page shows the image and anyone may fetch it.
    assert_eq!(approve(&app, &reviewer, id).await.status(), 303);
    let (status, public) = app.page(&format!("/articles/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        public.contains(&format!("src=\"/attachments/{}\"", image.0)),
        "{public}"
    );
    assert!(public.contains("<h2"), "{public}");
    // The merged table's headers keep their scope through the sanitiser.
    assert!(public.contains("<th scope=\"col\">事项</th>"), "{public}");
    let res = app.get(&format!("/attachments/{}", image.0)).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "public, max-age=86400");
    // Downloaded as Word (for the paper file), it reads back as it was.
    let res = app.get_as(&format!("/articles/{id}/word"), &reviewer).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "private, no-store");
    let back = gongkai::content::docx::import(&res.bytes().await.unwrap()).unwrap();
    assert_eq!(
        back.fields.title.as_deref(),
        Some("关于报送政务公开工作进展情况的通知")
    );
    assert_eq!(back.fields.doc_no.as_deref(), Some("闽新广〔2016〕15号"));
    assert!(
        back.body_md.lines().any(|l| l == "## 一、报送事项"),
        "{}",
        back.body_md
    );
    assert!(back.body_md.contains("colspan=\"2\""), "{}", back.body_md);
    assert_eq!(back.images.len(), 1);
    assert_eq!(back.images[0].bytes, sample::PIXEL_PNG);
    assert_eq!(app.get(&format!("/articles/{id}/word")).await.status(), 404);
    // The warnings went with the draft.
    let (_, edit) = app.page_as(&format!("/articles/{id}/edit"), &editor).await;
    assert!(!edit.contains("从 Word 导入时未能原样保留的内容"), "{edit}");
}

async fn what_is_not_a_word_document_is_refused_and_nothing_changes(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let count = |app: &TestApp| {
        let pool = app.db.pool().clone();
        async move {
            let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM articles")
                .fetch_one(&pool)
                .await
                .unwrap();
            n
        }
    };
    let before = count(&app).await;
    for (name, bytes, message) in [
        (
            "方案.pdf",
            b"%PDF-1.4\n%%EOF\n".to_vec(),
            "这不是 Word 文档（.docx）",
        ),
        ("空.docx", Vec::new(), "请选择要导入的 Word 文档（.docx）"),
    ] {
        let res = post_multipart(
            &app,
            "/disclosure/notice/new",
            &editor,
            import_form("notice", name, bytes, true),
        )
        .await;
        assert_eq!(res.status(), 400);
        let page = res.text().await.unwrap();
        assert!(page.contains(message), "{message} in {page}");
        assert!(
            page.contains("href=\"#docx\""),
            "the summary links the field: {page}"
        );
    }
    assert_eq!(count(&app).await, before);

    // An item's draft is kept as it was when a later import fails.
    let res = post_multipart(
        &app,
        "/disclosure/notice/new",
        &editor,
        crate::common::article_form("原来的标题", "原来的正文", "save"),
    )
    .await;
    let id = id_in(res.headers()["location"].to_str().unwrap());
    let res = post_multipart(
        &app,
        &format!("/articles/{id}/edit"),
        &editor,
        import_form("notice", "坏.docx", b"PK\x03\x04broken".to_vec(), true),
    )
    .await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.unwrap();
    assert!(page.contains("无法导入"), "{page}");
    assert!(page.contains("原来的正文"), "{page}");
    let (_, edit) = app.page_as(&format!("/articles/{id}/edit"), &editor).await;
    assert!(edit.contains("value=\"原来的标题\""), "{edit}");

    // Signed out, nothing is read.
    let res = post_multipart(
        &app,
        "/disclosure/notice/new",
        "",
        import_form("notice", "a.docx", sample::gongwen(), false),
    )
    .await;
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/staff/login"),
        "{:?}",
        res.headers()
    );
    assert_eq!(count(&app).await, before + 1);
}

/// The browser suite's document is the sample, as this build imports it.
/// `GONGKAI_WRITE_FIXTURES=1 cargo test … fixture` writes it anew.
#[test]
fn the_browser_suite_fixture_is_the_sample() {
    use gongkai::content::docx::import;
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/end2end/fixtures/notice-with-image.docx"
    );
    if std::env::var_os("GONGKAI_WRITE_FIXTURES").is_some() {
        std::fs::write(path, sample::notice_with_image()).unwrap();
    }
    let committed = import(&std::fs::read(path).unwrap()).unwrap();
    let sample = import(&sample::notice_with_image()).unwrap();
    assert_eq!(committed.body_md, sample.body_md);
    assert_eq!(committed.fields, sample.fields);
    assert_eq!(committed.warnings, sample.warnings);
    assert_eq!(committed.images.len(), sample.images.len());
}

/// Word's clipboard HTML, as the editor's paste handler sends it, comes
/// back as the body format, which previews as the public page will show
/// it; too much is refused in Chinese, and only editors may ask.
async fn pasted_html_becomes_the_body_format(engine: Engine) {
    let app = spawn_app(engine, false).await;
    let editor = app.staff("bianji", &[Role::Editor]).await;
    let word = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/end2end/fixtures/word-clipboard.html"
    ));
    let paste = |cookie: Option<String>, html: String| {
        let mut req = app
            .client
            .post(app.url("/api/staff/paste_html"))
            .form(&[("html", html)]);
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.send()
    };

    let res = paste(Some(editor.clone()), word.to_owned()).await.unwrap();
    assert_eq!(res.status(), 200);
    let pasted: serde_json::Value = res.json().await.unwrap();
    let body = pasted["body_md"].as_str().unwrap();
    assert!(
        body.starts_with("为贯彻落实《中华人民共和国政府信息公开条例》，现就"),
        "{body}"
    );
    assert!(body.contains("\n\n## 一、总体要求\n\n"), "{body}");
    assert!(body.contains("- 权力清单\n    - 行政许可"), "{body}");
    assert!(
        body.contains("<td rowspan=\"2\">出版物经营许可</td>"),
        "{body}"
    );
    assert!(
        !body.contains("mso-") && !body.contains("MsoNormal"),
        "{body}"
    );
    let notes = pasted["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].as_str().unwrap().contains("1 张图片未带入"));

    let preview = app
        .client
        .post(app.url("/api/staff/preview_markdown"))
        .header("cookie", &editor)
        .form(&[("body_md", body)])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(preview.contains("<h2>一、总体要求</h2>"), "{preview}");
    assert!(preview.contains("rowspan=\\\"2\\\""), "{preview}");

    // Too much to convert: refused in Chinese, on the body field.
    let huge = format!("<p>{}</p>", "a".repeat(1_200_000));
    let res = paste(Some(editor.clone()), huge).await.unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("粘贴的内容过大"));
    // Past the server functions' body limit: refused as too large, not
    // answered as if the network had failed.
    let huger = format!("<p>{}</p>", "a".repeat(2_500_000));
    let res = paste(Some(editor.clone()), huger).await.unwrap();
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, 400, "{text}");
    assert!(text.contains("可能过大"), "{text}");
    // A control character is refused before anything reads it.
    let res = paste(Some(editor.clone()), "<p>a\u{0}b</p>".into())
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    // Nobody signed in: 401; a reviewer without the editor role: 403.
    let res = paste(None, "<p>x</p>".into()).await.unwrap();
    assert_eq!(res.status(), 401);
    let reviewer = app.staff("shenhe", &[Role::Reviewer]).await;
    let res = paste(Some(reviewer), "<p>x</p>".into()).await.unwrap();
    assert_eq!(res.status(), 403);
}
