//! The rendered-page cache: public pages served as fast as static files,
//! and never stale.
//!
//! An anonymous GET of a public page (HTML, feeds, sitemaps) is rendered
//! once and kept with its Brotli and gzip bodies, so a hit neither renders
//! nor compresses. Each entry carries the [`Stamp`] it was drawn at: the
//! content version (the `content_version` row, raised by every write that
//! can change public output in that write's own transaction — see [`bump`]),
//! this server's local generation (raised when its in-memory copies of the
//! site settings, calendar or hot words change) and the Beijing date. An
//! entry is served only while the server's stamp is still the one it was
//! drawn at; the stamp is taken *before* rendering, so a page rendered while
//! a write commits is at worst thrown away, never served stale.
//!
//! A server reads the version after each of its own writes (every
//! non-GET request) and twice a second ([`watch`]), so a write on another
//! app server is seen within a second. Signed-in staff, posts, private
//! pages and anything with a cookie of its own never come from the cache or
//! go into it.

use crate::server::db::Db;
use crate::server::state::AppState;
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::Response,
};
use chrono::NaiveDate;
use sqlx::AnyConnection;
use std::io::Write;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Raises the content version: call it in the transaction of every write
/// that can change what the public sees (`account::db::audit::record` does
/// for every staff write but sign-ins and drafts).
pub async fn bump(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE content_version SET version = version + 1 WHERE id = 1")
        .execute(conn)
        .await?;
    Ok(())
}

/// The content version as committed.
pub async fn read_version(db: &Db) -> Result<i64, sqlx::Error> {
    let (v,): (i64,) = sqlx::query_as("SELECT version FROM content_version WHERE id = 1")
        .fetch_one(db.pool())
        .await?;
    Ok(v)
}

/// What a cached page was drawn at; it is served only while this holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    version: i64,
    local: u64,
    day: NaiveDate,
    /// The emergency notice shown (0: none): a notice starting or ending
    /// changes every page at that moment, with no write to say so.
    alert: i64,
}

struct Entry {
    stamp: Stamp,
    headers: HeaderMap,
    etag: HeaderValue,
    identity: Bytes,
    br: Bytes,
    gzip: Bytes,
}

#[derive(Clone)]
struct Weigher;

impl quick_cache::Weighter<String, Arc<Entry>> for Weigher {
    fn weight(&self, key: &String, entry: &Arc<Entry>) -> u64 {
        // Bodies, key, and about what the headers take.
        (key.len() + entry.identity.len() + entry.br.len() + entry.gzip.len() + 512) as u64
    }
}

/// The cache of one app server, with its counters.
pub struct PageCache {
    entries: Option<quick_cache::sync::Cache<String, Arc<Entry>, Weigher>>,
    version: AtomicI64,
    local: AtomicU64,
    hits: AtomicU64,
    misses: AtomicU64,
    not_modified: AtomicU64,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("version", &self.version)
            .field("local", &self.local)
            .finish_non_exhaustive()
    }
}

impl PageCache {
    /// A cache holding at most `megabytes` of pages (0: none), at `version`.
    pub fn new(megabytes: u32, version: i64) -> PageCache {
        let bytes = u64::from(megabytes) * 1024 * 1024;
        PageCache {
            entries: (bytes > 0)
                .then(|| quick_cache::sync::Cache::with_weighter(1024, bytes, Weigher)),
            version: AtomicI64::new(version),
            local: AtomicU64::new(0),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
            not_modified: AtomicU64::new(0),
        }
    }

    /// The content version this server has seen.
    pub fn version(&self) -> i64 {
        self.version.load(Ordering::Acquire)
    }

    /// The stamp a page drawn now on `day`, showing emergency notice
    /// `alert` (0: none), gets.
    pub fn stamp(&self, day: NaiveDate, alert: i64) -> Stamp {
        Stamp {
            version: self.version.load(Ordering::Acquire),
            local: self.local.load(Ordering::Acquire),
            day,
            alert,
        }
    }

    /// This server's in-memory copy of something pages show has changed.
    pub fn local_changed(&self) {
        self.local.fetch_add(1, Ordering::AcqRel);
    }

    /// Hits, misses and size, for `/healthz`.
    pub fn figures(&self) -> serde_json::Value {
        let (entries, bytes, capacity) = self
            .entries
            .as_ref()
            .map_or((0, 0, 0), |c| (c.len(), c.weight(), c.capacity()));
        serde_json::json!({
            "enabled": self.entries.is_some(),
            "version": self.version.load(Ordering::Acquire),
            "hits": self.hits.load(Ordering::Relaxed),
            "not_modified": self.not_modified.load(Ordering::Relaxed),
            "misses": self.misses.load(Ordering::Relaxed),
            "entries": entries,
            "bytes": bytes,
            "capacity_bytes": capacity,
        })
    }
}

/// Reads the content version; when it moved, first reloads what this
/// server keeps in memory (settings, calendar, hot words), then lets the
/// cache know — so no page is drawn from old copies at the new version.
pub async fn sync(state: &AppState) -> Result<(), sqlx::Error> {
    let now = read_version(&state.db).await?;
    if now != state.cache.version.load(Ordering::Acquire) {
        state.reload_site().await?;
        state.reload_calendar().await?;
        state.reload_hot_words().await?;
        state.reload_alerts().await?;
        state.cache.version.store(now, Ordering::Release);
    }
    Ok(())
}

/// Follows the content version twice a second, for writes made on other
/// app servers.
pub fn watch(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_millis(500));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = sync(&state).await {
                tracing::warn!(error = %e, "could not read the content version");
            }
        }
    })
}

/// The session cookie's name: a request carrying it is staff's.
const SESSION_COOKIE: &str = "gk_session";

/// Paths that are never cached, whatever they answer. (A search page is
/// cached: it is counted for the hot words outside the cache, by
/// `search::pages::count_searches`.)
const NEVER: &[&str] = &[
    "/staff",
    "/api/",
    "/pkg/",
    "/healthz",
    "/prefs/",
    "/attachments/",
];

fn cacheable_request(req: &Request) -> bool {
    let path = req.uri().path();
    req.method() == Method::GET
        && !NEVER.iter().any(|p| path.starts_with(p))
        && !req.headers().contains_key(header::AUTHORIZATION)
        && crate::server::http::cookie(req.headers(), SESSION_COOKIE).is_none()
}

/// What changes a page's bytes besides the data: the host and scheme it is
/// reached by (links and QR codes), the path and query, and 长辈版.
fn key_of(req: &Request) -> String {
    let h = req.headers();
    let text = |name: header::HeaderName| h.get(name).and_then(|v| v.to_str().ok());
    let https = h
        .get("x-forwarded-proto")
        .is_some_and(|v| v.as_bytes() == b"https");
    let elder = crate::server::http::cookie(h, crate::ui::elder::COOKIE) == Some("1");
    format!(
        "{}|{}|{}|{}",
        text(header::HOST).unwrap_or(""),
        u8::from(https),
        u8::from(elder),
        req.uri().path_and_query().map_or("/", |p| p.as_str())
    )
}

const CACHEABLE_TYPES: &[&str] = &[
    "text/html",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "text/plain",
];

fn cacheable_response(res: &Response) -> bool {
    let h = res.headers();
    let cache_control = h
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let content_type = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    res.status() == StatusCode::OK
        && !h.contains_key(header::SET_COOKIE)
        && !h.contains_key(header::CONTENT_ENCODING)
        && !cache_control.contains("no-store")
        && !cache_control.contains("private")
        && CACHEABLE_TYPES.iter().any(|t| content_type.starts_with(t))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// The best encoding `Accept-Encoding` allows (one with `q=0` is refused).
    fn accepted(headers: &HeaderMap) -> Encoding {
        let Some(list) = headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
        else {
            return Encoding::Identity;
        };
        let allows = |name: &str| {
            list.split(',').any(|item| {
                let mut parts = item.split(';');
                let coding = parts.next().unwrap_or("").trim();
                let refused = parts.any(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.trim().parse::<f32>().ok())
                        .is_some_and(|q| q <= 0.0)
                });
                coding.eq_ignore_ascii_case(name) && !refused
            })
        };
        if allows("br") {
            Encoding::Brotli
        } else if allows("gzip") {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }
}

const VARY: HeaderValue = HeaderValue::from_static("accept-encoding, cookie");
/// Browsers keep a page but ask again each time (answered 304 while it holds).
const REVALIDATE: HeaderValue = HeaderValue::from_static("no-cache");

fn if_none_match(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|list| {
            let etag = etag.to_str().unwrap_or("");
            let bare = etag.trim_start_matches("W/");
            list.split(',').any(|t| {
                let t = t.trim();
                t == "*" || t.trim_start_matches("W/") == bare
            })
        })
}

impl Entry {
    fn answer(&self, request: &HeaderMap) -> (Response, bool) {
        if if_none_match(request, &self.etag) {
            let mut res = Response::new(Body::empty());
            *res.status_mut() = StatusCode::NOT_MODIFIED;
            let h = res.headers_mut();
            h.insert(header::ETAG, self.etag.clone());
            h.insert(header::VARY, VARY);
            h.insert(header::CACHE_CONTROL, REVALIDATE);
            return (res, true);
        }
        let (body, coding) = match Encoding::accepted(request) {
            Encoding::Brotli => (self.br.clone(), Some("br")),
            Encoding::Gzip => (self.gzip.clone(), Some("gzip")),
            Encoding::Identity => (self.identity.clone(), None),
        };
        let length = body.len();
        let mut res = Response::new(Body::from(body));
        let h = res.headers_mut();
        h.clone_from(&self.headers);
        if let Some(coding) = coding {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
        (res, false)
    }
}

fn brotli(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() / 4);
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        w.write_all(bytes)?;
        w.flush()?;
    }
    Ok(out)
}

fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut w = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::best(),
    );
    w.write_all(bytes)?;
    w.finish()
}

/// The largest page body kept (larger ones pass through).
const MAX_ENTRY_BYTES: usize = 4 * 1024 * 1024;

/// The middleware: a hit answers from the cache (304 when the browser's
/// copy is current); a miss renders, and stores what may be stored. Every
/// other method is passed on, and the version read again after it, so this
/// server's own writes show at once.
pub async fn serve_cached(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(entries) = state.cache.entries.as_ref() else {
        return next.run(req).await;
    };
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        let res = next.run(req).await;
        if let Err(e) = sync(&state).await {
            tracing::warn!(error = %e, "could not read the content version after a write");
        }
        return res;
    }
    if !cacheable_request(&req) {
        return next.run(req).await;
    }
    let key = key_of(&req);
    let stamp = state
        .cache
        .stamp(state.today(), state.alert().map_or(0, |a| a.id));
    if let Some(entry) = entries.get(&key).filter(|e| e.stamp == stamp) {
        let (res, not_modified) = entry.answer(req.headers());
        let counter = if not_modified {
            &state.cache.not_modified
        } else {
            &state.cache.hits
        };
        counter.fetch_add(1, Ordering::Relaxed);
        return res;
    }
    state.cache.misses.fetch_add(1, Ordering::Relaxed);
    let request_headers = req.headers().clone();
    let res = next.run(req).await;
    if !cacheable_response(&res) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let identity = match axum::body::to_bytes(body, MAX_ENTRY_BYTES).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "a page too large or broken to cache");
            return crate::server::render::plain_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "页面生成出错，请稍后再试。",
            );
        }
    };
    let (Ok(br), Ok(gz)) = (brotli(&identity), gzip(&identity)) else {
        return Response::from_parts(parts, Body::from(identity));
    };
    let digest = <sha2::Sha256 as sha2::Digest>::digest(&identity);
    let etag = format!("W/\"{}\"", crate::server::secret::hex(&digest[..12]));
    let Ok(etag) = HeaderValue::from_str(&etag) else {
        return Response::from_parts(parts, Body::from(identity));
    };
    parts.headers.insert(header::VARY, VARY);
    parts.headers.insert(header::CACHE_CONTROL, REVALIDATE);
    parts.headers.insert(header::ETAG, etag.clone());
    parts.headers.remove(header::CONTENT_LENGTH);
    let entry = Arc::new(Entry {
        stamp,
        headers: parts.headers,
        etag,
        identity,
        br: Bytes::from(br),
        gzip: Bytes::from(gz),
    });
    let answer = entry.answer(&request_headers).0;
    entries.insert(key, entry);
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn the_best_accepted_encoding_is_chosen() {
        let enc = |v: &str| Encoding::accepted(&headers(&[("accept-encoding", v)]));
        assert_eq!(enc("gzip, deflate, br"), Encoding::Brotli);
        assert_eq!(enc("gzip"), Encoding::Gzip);
        assert_eq!(enc("br;q=0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(enc("identity"), Encoding::Identity);
        assert_eq!(Encoding::accepted(&HeaderMap::new()), Encoding::Identity);
    }

    #[test]
    fn etags_match_weakly_and_by_star() {
        let etag = HeaderValue::from_static("W/\"abc\"");
        assert!(if_none_match(
            &headers(&[("if-none-match", "W/\"abc\"")]),
            &etag
        ));
        assert!(if_none_match(
            &headers(&[("if-none-match", "\"x\", \"abc\"")]),
            &etag
        ));
        assert!(if_none_match(&headers(&[("if-none-match", "*")]), &etag));
        assert!(!if_none_match(
            &headers(&[("if-none-match", "W/\"abd\"")]),
            &etag
        ));
        assert!(!if_none_match(&HeaderMap::new(), &etag));
    }

    #[test]
    fn compressed_bodies_decode_to_the_page() {
        use std::io::Read;
        let page = "<!DOCTYPE html><p>政务公开</p>".repeat(100);
        let mut out = String::new();
        brotli::Decompressor::new(&brotli(page.as_bytes()).unwrap()[..], 4096)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, page);
        out.clear();
        flate2::read::GzDecoder::new(&gzip(page.as_bytes()).unwrap()[..])
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, page);
    }
}
