//! One owner per table: every table's SQL lives in its owning domain's data
//! module (`src/<domain>/db.rs` or `src/<domain>/db/`, or a sub-domain's, as
//! `src/content/editorial/db/`); other code calls
//! that module's functions. Read from the source itself, so a query written
//! in a page, a handler or another domain fails here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed test is a panic"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Which domain owns each table.
const OWNERS: &[(&str, &[&str])] = &[
    ("account", &["users", "sessions", "audit_log", "audit_head"]),
    ("clock", &["calendar_days"]),
    (
        "content",
        &[
            "articles",
            "revisions",
            "reviews",
            "attachments",
            "interpretation_links",
            "index_codes",
            "index_serials",
            "topics",
            "topic_items",
            "topic_reviews",
            "static_pages",
            "static_page_reviews",
            "catalogue_terms",
        ],
    ),
    (
        "registers",
        &[
            "register_rows",
            "register_events",
            "register_changes",
            "register_grams",
        ],
    ),
    (
        "services",
        &[
            "services",
            "service_forms",
            "service_reviews",
            "applications",
            "application_files",
            "application_events",
            "case_ratings",
        ],
    ),
    ("consult", &["consultations"]),
    (
        "notify",
        &[
            "notices",
            "notice_attempts",
            "notice_templates",
            "notice_digests",
        ],
    ),
    (
        "requests",
        &[
            "disclosure_requests",
            "disclosure_request_files",
            "disclosure_request_events",
            "disclosure_request_appeals",
        ],
    ),
    (
        "comments",
        &[
            "consultation_terms",
            "consultation_answers",
            "consultation_comments",
        ],
    ),
    ("monitor", &["monitor_runs"]),
    ("alerts", &["alerts"]),
    ("concerns", &["concerns", "concern_responses"]),
    ("mailbox", &["letters", "letter_files", "letter_steps"]),
    ("archive", &["archive_exports", "archive_parts"]),
    ("graphics", &["graphics", "graphic_reviews"]),
    (
        "search",
        &[
            "search_docs",
            "search_meta",
            "search_queries",
            "search_words",
            "search_approved",
        ],
    ),
    ("site", &["site_settings"]),
    // The rate limiter is one store on the server floor.
    ("server/limit.rs", &["rate_hits"]),
    // The content version the page cache follows; writers call its `bump`.
    ("server/cache.rs", &["content_version"]),
];

/// Reads another domain's table may make, each for a reason; never a write.
const READ_JOINS: &[(&str, &str, &str)] = &[
    // A graphic is public only while the item it belongs to is; staff lists
    // name that item.
    ("graphics", "articles", "a graphic is public with its item"),
    ("graphics", "users", "the author's name on the review page"),
    (
        "consult",
        "services",
        "the service a question is about, by name",
    ),
];

/// Seed tools write their own domain's tables directly: demo data and the
/// synthetic load for scale tests.
fn is_seed_tool(path: &str) -> bool {
    path.contains("/demo/") || path.ends_with("/demo.rs") || path.ends_with("/generate.rs")
}

fn domain_of(path: &str) -> &str {
    path.trim_start_matches("src/")
        .split('/')
        .next()
        .unwrap_or("")
}

fn is_data_module(path: &str, owner: &str) -> bool {
    if owner.ends_with(".rs") {
        return path == format!("src/{owner}");
    }
    // The domain's `db` module, or a sub-domain's (content's editorial/db/).
    path.starts_with(&format!("src/{owner}/"))
        && (path.ends_with("/db.rs") || path.contains("/db/"))
}

/// Every place `text` (file `path`) names a known table in SQL, and whether
/// it writes to it there.
fn uses<'a>(text: &str, tables: &BTreeSet<&'a str>) -> Vec<(&'a str, bool)> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for pair in words.windows(2) {
        let (keyword, name) = (pair[0], pair[1]);
        let Some(table) = tables.get(name) else {
            continue;
        };
        let write = matches!(keyword, "INTO" | "UPDATE" | "TABLE");
        if write || matches!(keyword, "FROM" | "JOIN") {
            out.push((*table, write));
        }
    }
    // `DELETE FROM t` reads as FROM: mark it a write.
    for pair in words.windows(3) {
        if pair[0] == "DELETE" && pair[1] == "FROM" {
            if let Some(table) = tables.get(pair[2]) {
                out.push((*table, true));
            }
        }
    }
    out
}

/// What is wrong with file `path`'s SQL, one line a fault.
fn faults(path: &str, text: &str) -> Vec<String> {
    let owner_of: BTreeMap<&str, &str> = OWNERS
        .iter()
        .flat_map(|(owner, tables)| tables.iter().map(move |t| (*t, *owner)))
        .collect();
    let tables: BTreeSet<&str> = owner_of.keys().copied().collect();
    let mut out = BTreeSet::new();
    for (table, write) in uses(text, &tables) {
        let owner = owner_of[table];
        let domain = domain_of(path);
        let own_domain = owner.trim_end_matches(".rs").split('/').next() == Some(domain);
        if is_data_module(path, owner) || (own_domain && is_seed_tool(path)) {
            continue;
        }
        let declared = READ_JOINS
            .iter()
            .any(|(reader, t, _)| *t == table && is_data_module(path, reader));
        if declared && !write {
            continue;
        }
        out.insert(format!(
            "{path}: {} `{table}`, which {owner} owns",
            if write { "writes" } else { "reads" }
        ));
    }
    out.into_iter().collect()
}

fn rust_files(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn every_table_is_queried_only_by_its_owner() {
    let root = env!("CARGO_MANIFEST_DIR");
    std::env::set_current_dir(root).unwrap();
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut all = Vec::new();
    let mut seen = BTreeSet::new();
    let tables: BTreeSet<&str> = OWNERS.iter().flat_map(|(_, t)| t.iter().copied()).collect();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        seen.extend(uses(&text, &tables).into_iter().map(|(t, _)| t));
        all.extend(faults(path, &text));
    }
    assert!(all.is_empty(), "SQL outside its owner:\n{}", all.join("\n"));
    // Every table the migrations create has an owner, and is queried.
    let mut created = BTreeSet::new();
    for entry in std::fs::read_dir("migrations").unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let words: Vec<&str> = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .collect();
        for w in words.windows(3) {
            if w[0] == "CREATE" && w[1] == "TABLE" {
                let name = if w[2] == "IF" { None } else { Some(w[2]) };
                created.extend(name.map(str::to_owned));
            }
        }
    }
    let unowned: Vec<&String> = created
        .iter()
        .filter(|t| !tables.contains(t.as_str()))
        .collect();
    assert!(unowned.is_empty(), "tables without an owner: {unowned:?}");
    let unused: Vec<&&str> = tables.iter().filter(|t| !seen.contains(**t)).collect();
    assert!(unused.is_empty(), "owned tables never queried: {unused:?}");
}

#[test]
fn the_check_catches_a_query_in_the_wrong_place() {
    // A page reading its own domain's table.
    assert_eq!(
        faults(
            "src/content/pages/article.rs",
            r#"sqlx::query("SELECT title FROM articles WHERE id = $1")"#
        ),
        vec!["src/content/pages/article.rs: reads `articles`, which content owns"]
    );
    // Another domain writing to it, even where it may read.
    assert_eq!(
        faults(
            "src/graphics/db.rs",
            "DELETE FROM articles WHERE id = $1; SELECT a.title FROM graphics g JOIN articles a"
        ),
        vec!["src/graphics/db.rs: writes `articles`, which content owns"]
    );
    // The owner's data module, and a declared read, pass.
    assert!(faults("src/content/db/mod.rs", "UPDATE articles SET title = $1").is_empty());
    assert!(faults(
        "src/consult/db/mod.rs",
        "LEFT JOIN services s ON s.code = c.service_code"
    )
    .is_empty());
    assert!(faults("src/server/limit.rs", "INSERT INTO rate_hits").is_empty());
    assert!(!faults("src/server/router.rs", "INSERT INTO rate_hits").is_empty());
}
