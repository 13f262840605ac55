//! Machine-readable outputs of the content domain: RSS feeds, the sitemap,
//! robots.txt, and attachment downloads. Only public items appear.

use crate::content::db::{self, attachment_for_download};
use crate::content::types::{ArticleSummary, ContentKind};
use crate::server::{context::origin, state::AppState};
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use chrono::{NaiveDate, NaiveTime, TimeZone};
use std::fmt::Write;

/// Items in a feed.
const FEED_SIZE: i64 = 50;
/// Article URLs in one sitemap file (the protocol allows 50,000).
const SITEMAP_CHUNK: i64 = 40_000;

fn xml(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body,
    )
        .into_response()
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        "<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>未找到</title>\
         <h1>未找到</h1><p>您访问的内容不存在或已撤回。</p><p><a href=\"/\">返回首页</a></p></html>",
    )
        .into_response()
}

fn failed(e: sqlx::Error) -> Response {
    tracing::error!(error = %e, "feed query failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "系统暂时无法处理您的请求，请稍后再试",
    )
        .into_response()
}

/// RFC 2822 date of a Beijing calendar date at 09:00, as RSS wants it.
fn rfc2822(date: &str) -> String {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .and_then(|d| {
            crate::ui::format::beijing()
                .from_local_datetime(&d.and_time(NaiveTime::MIN))
                .single()
        })
        .map(|t| t.to_rfc2822())
        .unwrap_or_default()
}

fn channel(
    state: &AppState,
    origin: &str,
    title: &str,
    link: &str,
    items: Vec<ArticleSummary>,
) -> String {
    let site = state.site();
    let mut channel = rss::Channel::default();
    channel.set_title(format!("{title} - {}", site.name));
    channel.set_link(format!("{origin}{link}"));
    channel.set_description(site.description.clone());
    channel.set_language("zh-cn".to_owned());
    if let Some(first) = items.first() {
        channel.set_last_build_date(rfc2822(&first.published_on));
    }
    channel.set_items(
        items
            .into_iter()
            .map(|a| {
                let url = format!("{origin}/articles/{}", a.id);
                let mut item = rss::Item::default();
                item.set_title(a.title);
                item.set_link(url.clone());
                let mut guid = rss::Guid::default();
                guid.set_value(url);
                guid.set_permalink(true);
                item.set_guid(guid);
                item.set_pub_date(rfc2822(&a.published_on));
                if !a.summary.is_empty() {
                    item.set_description(a.summary);
                }
                let mut category = rss::Category::default();
                category.set_name(a.kind.label());
                item.set_categories(vec![category]);
                item
            })
            .collect::<Vec<_>>(),
    );
    channel.to_string()
}

/// `GET /feed.xml`: the newest public items of every kind.
pub async fn feed_all(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match db::latest(&state.db, None, FEED_SIZE, 0).await {
        Ok(items) => {
            let origin = origin(&headers, &state.settings);
            xml(channel(&state, &origin, "最新信息", "/disclosure", items))
        }
        Err(e) => failed(e),
    }
}

/// `GET /feed/{kind}.xml`: the newest public items of one kind.
pub async fn feed_kind(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Response {
    let Some(kind) = file.strip_suffix(".xml").and_then(ContentKind::from_slug) else {
        return not_found();
    };
    match db::latest(&state.db, Some(kind), FEED_SIZE, 0).await {
        Ok(items) => {
            let origin = origin(&headers, &state.settings);
            xml(channel(
                &state,
                &origin,
                kind.label(),
                &format!("/disclosure/{}", kind.slug()),
                items,
            ))
        }
        Err(e) => failed(e),
    }
}

/// `GET /robots.txt`.
pub async fn robots(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let origin = origin(&headers, &state.settings);
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /staff\nDisallow: /prefs/\n\nSitemap: {origin}/sitemap.xml\n"
        ),
    )
        .into_response()
}

fn urlset(origin: &str, paths: impl IntoIterator<Item = (String, Option<String>)>) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, lastmod) in paths {
        let _ = write!(
            out,
            "<url><loc>{origin}{}</loc>",
            crate::ui::escape::markup(&path)
        );
        if let Some(d) = lastmod {
            let _ = write!(out, "<lastmod>{d}</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// The public pages that are not items.
async fn section_paths(state: &AppState) -> Result<Vec<(String, Option<String>)>, sqlx::Error> {
    let mut paths: Vec<(String, Option<String>)> = [
        "/",
        "/disclosure",
        "/disclosure/guide",
        "/disclosure/rules",
        "/disclosure/request",
        "/disclosure/interpretations",
        "/topics",
        "/services",
        "/consult",
        "/mailbox",
        "/consultations",
        "/registers",
    ]
    .into_iter()
    .map(|p| (p.to_owned(), None))
    .collect();
    paths.extend(
        ContentKind::ALL
            .into_iter()
            .map(|k| (format!("/disclosure/{}", k.slug()), None)),
    );
    for topic in db::list_topics(&state.db).await? {
        paths.push((format!("/topics/{}", topic.slug), Some(topic.published_on)));
    }
    for service in crate::services::db::list(&state.db).await? {
        paths.push((format!("/services/{}", service.code), None));
    }
    for (number, answered_on) in crate::consult::db::public_numbers(&state.db).await? {
        paths.push((format!("/consult/{number}"), Some(answered_on)));
    }
    for (number, answered_on) in crate::mailbox::db::public_numbers(&state.db).await? {
        paths.push((format!("/mailbox/{number}"), Some(answered_on)));
    }
    Ok(paths)
}

async fn article_paths(
    state: &AppState,
    chunk: i64,
) -> Result<Vec<(String, Option<String>)>, sqlx::Error> {
    let rows = db::public_ids_between(
        &state.db,
        (chunk - 1) * SITEMAP_CHUNK,
        chunk * SITEMAP_CHUNK,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, updated)| {
            (
                format!("/articles/{id}"),
                Some(crate::ui::format::iso_date(updated)),
            )
        })
        .collect())
}

/// `GET /sitemap.xml`: every public URL; past one file's worth of items, an
/// index of `/sitemap/{n}.xml` files.
pub async fn sitemap(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let origin = origin(&headers, &state.settings);
    let chunks = match db::max_public_id(&state.db).await {
        Ok(max) => (max + SITEMAP_CHUNK - 1) / SITEMAP_CHUNK,
        Err(e) => return failed(e),
    };
    if chunks <= 1 {
        let mut paths = match section_paths(&state).await {
            Ok(p) => p,
            Err(e) => return failed(e),
        };
        match article_paths(&state, 1).await {
            Ok(p) => paths.extend(p),
            Err(e) => return failed(e),
        }
        return xml(urlset(&origin, paths));
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let _ = writeln!(out, "<sitemap><loc>{origin}/sitemap/0.xml</loc></sitemap>");
    for n in 1..=chunks {
        let _ = writeln!(
            out,
            "<sitemap><loc>{origin}/sitemap/{n}.xml</loc></sitemap>"
        );
    }
    out.push_str("</sitemapindex>\n");
    xml(out)
}

/// `GET /sitemap/{n}.xml`: part `n` of a sitemap index (0: the sections).
pub async fn sitemap_part(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Response {
    let Some(n) = file
        .strip_suffix(".xml")
        .and_then(|n| n.parse::<i64>().ok())
        .filter(|n| (0..100_000).contains(n))
    else {
        return not_found();
    };
    let origin = origin(&headers, &state.settings);
    let paths = if n == 0 {
        section_paths(&state).await
    } else {
        article_paths(&state, n).await
    };
    match paths {
        Ok(paths) => xml(urlset(&origin, paths)),
        Err(e) => failed(e),
    }
}

/// `GET /attachments/{id}`: the file, if its item is public; to editors
/// and reviewers also a draft's (images an import placed in a body show in
/// the preview), never kept by a shared cache.
pub async fn download(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: axum::extract::Request,
) -> Response {
    let Some(id) = id.parse::<i64>().ok().filter(|id| *id > 0) else {
        return not_found();
    };
    match attachment_for_download(&state.db, id).await {
        Ok(Some(file)) => {
            return crate::server::render::file_download(
                &file.name,
                &file.mime,
                file.data,
                "public, max-age=86400",
            )
        }
        Ok(None) => {}
        Err(e) => return failed(e),
    }
    let staff = crate::account::auth::user_in(req.extensions()).is_some_and(|u| {
        u.has(crate::account::types::Role::Editor) || u.has(crate::account::types::Role::Reviewer)
    });
    if !staff {
        return not_found();
    }
    match crate::content::db::attachment_for_staff(&state.db, id).await {
        Ok(Some(file)) => crate::server::render::file_download(
            &file.name,
            &file.mime,
            file.data,
            "private, no-store",
        ),
        Ok(None) => not_found(),
        Err(e) => failed(e),
    }
}
