//! The service hall over HTTP, on both databases: the catalogue by theme,
//! applicant and words; each guide whole; the paper form; bad filters
//! answered in Chinese with the entries kept; services in the site search.
#![cfg(feature = "ssr")]

mod common;

use common::{spawn_app, Engine, TestApp};
use gongkai::ui::url::encode;

on_both_engines!(
    the_catalogue_filters_by_theme_applicant_and_words,
    a_guide_shows_everything_an_applicant_needs,
    the_paper_form_follows_the_online_fields,
    bad_filters_are_refused_with_entries_kept,
    services_are_found_by_the_site_search,
);

/// The service names a catalogue page lists.
async fn names(app: &TestApp, path: &str) -> Vec<String> {
    let (status, page) = app.page(path).await;
    assert_eq!(status, 200, "{path}");
    page.split("class=\"app-services__name\"><a href=\"")
        .skip(1)
        .map(|s| {
            s.split("\">")
                .nth(1)
                .and_then(|s| s.split("</a>").next())
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

async fn the_catalogue_filters_by_theme_applicant_and_words(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let all = names(&app, "/services").await;
    let demo = gongkai::services::demo::services();
    assert_eq!(all.len(), demo.len());
    assert!(all.iter().any(|n| n.contains("出版物经营许可")));

    let tv = names(&app, &format!("/services?theme={}", encode("广播电视"))).await;
    let expected: Vec<&str> = demo
        .iter()
        .filter(|s| s.theme == "广播电视")
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(tv, expected);
    let (_, page) = app.page("/services").await;
    assert!(page.contains("广播电视（2）"), "theme counts");

    // 个人: the copyright registration serves people; licences do not.
    let people = names(&app, "/services?audience=person").await;
    assert_eq!(people, ["作品著作权登记"]);
    assert_eq!(
        names(&app, "/services?audience=org").await.len(),
        demo.len()
    );

    // Two-character words, a code, nothing.
    let print = names(&app, &format!("/services?q={}", encode("印刷"))).await;
    assert_eq!(print.len(), 1);
    assert!(print[0].contains("印刷经营许可"));
    assert_eq!(
        names(&app, "/services?q=350000-XW-XK-004").await,
        ["电影放映单位设立审批"]
    );
    let (status, page) = app
        .page(&format!("/services?q={}", encode("量子引力")))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("没有找到符合条件的事项"));
    assert!(page.contains("kind=service"), "offers the site search");
}

async fn a_guide_shows_everything_an_applicant_needs(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let s = &gongkai::services::demo::services()[0];
    let (status, page) = app.page(&format!("/services/{}", s.code)).await;
    assert_eq!(status, 200);
    for want in [
        s.name.as_str(),
        s.code.as_str(),
        "设定依据",
        "《出版管理条例》第三十五条",
        "实施机关",
        "法定办结时限",
        "20 个工作日",
        "承诺办结时限",
        "10 个工作日",
        "如今天受理：",
        "收费标准",
        "不收费",
        "到现场次数",
        "受理条件",
        "申请材料",
        "经营场所使用证明",
        "办理流程",
        "办理地点",
        "咨询电话",
        "tel:059187654321",
        "投诉电话",
    ] {
        assert!(page.contains(want), "guide lacks {want}");
    }
    // The flow: a graphic with a text alternative naming every step, and the steps as text.
    let svg = page
        .split("<svg ")
        .find(|s| s.contains("class=\"app-flow__svg\""))
        .expect("a flow graphic");
    let label = svg
        .split("aria-label=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default();
    for st in &s.steps {
        assert!(label.contains(&st.name), "flow label lacks {}", st.name);
        assert!(page.contains(&format!("<strong>{}</strong>", st.name)));
    }
    assert!(label.contains("材料不齐"), "branches are described");

    let (status, _) = app.page("/services/350000-NO-SUCH").await;
    assert_eq!(status, 404);
}

async fn the_paper_form_follows_the_online_fields(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let s = &gongkai::services::demo::services()[0];
    let (status, blank) = app.page(&format!("/services/{}/form", s.code)).await;
    assert_eq!(status, 200);
    let (status, sample) = app
        .page(&format!("/services/{}/form?sample=1", s.code))
        .await;
    assert_eq!(status, 200);
    for f in &s.fields {
        if f.kind == gongkai::services::types::FieldKind::File {
            continue;
        }
        assert!(blank.contains(&f.label), "blank form lacks {}", f.label);
        if !f.example.is_empty() {
            assert!(sample.contains(&f.example), "sample lacks {}", f.example);
        }
    }
    for m in &s.materials {
        assert!(blank.contains(&format!("□ {}", m.name)), "{}", m.name);
        assert!(sample.contains(&format!("☑ {}", m.name)), "{}", m.name);
    }
    assert!(sample.contains("虚构的示例"));
    assert!(
        !blank.contains("福州示例图书发行有限公司"),
        "the blank form is blank"
    );
    let (status, _) = app.page("/services/350000-NO-SUCH/form").await;
    assert_eq!(status, 404);
}

async fn bad_filters_are_refused_with_entries_kept(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let cases = [
        (
            format!("/services?theme={}&q={}", encode("体育"), encode("许可")),
            "没有“体育”这个主题",
            "value=\"许可\"",
        ),
        (
            format!("/services?audience=robot&q={}", encode("印刷")),
            "服务对象只能是个人或法人",
            "value=\"印刷\"",
        ),
        (
            format!("/services?q={}", encode(&"出".repeat(60))),
            "搜索词不能超过 50 个字",
            "value=\"出出出",
        ),
    ];
    for (path, message, kept) in cases {
        let (status, page) = app.page(&path).await;
        assert_eq!(status, 400, "{path}");
        assert!(page.contains(message), "{path}: {message}");
        assert!(page.contains(kept), "{path}: entries kept");
        assert!(page.contains("app-error-summary"), "{path}");
    }
}

async fn services_are_found_by_the_site_search(engine: Engine) {
    let app = spawn_app(engine, true).await;
    let (status, page) = app
        .page(&format!("/search?q={}&kind=service", encode("出版物")))
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains("/services/350000-XW-XK-001"),
        "the service is found"
    );
    let (_, page) = app
        .page(&format!("/search?q={}&kind=service", encode("著作权登记")))
        .await;
    assert!(page.contains("/services/350000-XW-GG-006"));
}
