//! Hot words (热词): what many different people searched for in the last 30
//! days, minus stop words and a staff-kept blocklist, after the words staff
//! pin. A word counts only once [`MIN_CLIENTS`] distinct clients searched
//! it, so nobody alone (nor a script from one address) can put a word, a
//! person's name say, on the public list; and by default a new word shows
//! only once an administrator approved it ([`Mode`]). The query log keeps
//! the normalised words, the time and a keyed hash of the client (never the
//! address, nor anything that would let the hash be reversed without the
//! key) — and never a query that looks like personal data.

use crate::search::segment::normalise;
use crate::server::db::Db;
use sqlx::AnyConnection;

/// Distinct clients that must have searched a word before it can be hot.
pub const MIN_CLIENTS: i64 = 10;

/// How new words enter the public list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A word searched by enough clients shows once an administrator
    /// approved it (the default).
    Approve,
    /// A word searched by enough clients shows by itself.
    Auto,
    /// Only the pinned words show.
    PinnedOnly,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Approve, Mode::Auto, Mode::PinnedOnly];

    pub fn slug(self) -> &'static str {
        match self {
            Mode::Approve => "approve",
            Mode::Auto => "auto",
            Mode::PinnedOnly => "pinned",
        }
    }

    pub fn from_slug(s: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.slug() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Mode::Approve => "新词经管理员批准后显示（推荐）",
            Mode::Auto => "多人搜索的词自动显示",
            Mode::PinnedOnly => "只显示置顶词",
        }
    }
}

const MODE_KEY: &str = "hot_words_mode";
const KEY_KEY: &str = "hot_words_client_key";

/// How new words enter the list now.
pub async fn mode(db: &Db) -> Result<Mode, sqlx::Error> {
    Ok(crate::site::db::get(db, MODE_KEY)
        .await?
        .and_then(|v| Mode::from_slug(&v))
        .unwrap_or(Mode::Approve))
}

/// Sets how new words enter the list.
pub async fn set_mode(conn: &mut AnyConnection, mode: Mode) -> Result<(), sqlx::Error> {
    crate::site::db::put(conn, MODE_KEY, mode.slug()).await
}

/// The key the client hashes are made with: random, made once, kept in
/// the database so every app server hashes alike.
pub async fn client_key(db: &Db) -> Result<Vec<u8>, sqlx::Error> {
    let fresh = crate::server::secret::random_hex(32);
    let key = crate::site::db::get_or_put(db, KEY_KEY, &fresh).await?;
    Ok(key.into_bytes())
}

/// A client (its address) as the log keeps it: HMAC-SHA256 under `key`,
/// shortened.
pub fn client_hash(key: &[u8], client: &str) -> String {
    use hmac::{Hmac, Mac};
    let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(key) else {
        return String::new();
    };
    mac.update(client.as_bytes());
    crate::server::secret::hex(&mac.finalize().into_bytes()[..12])
}

/// Days of the log that count.
pub const WINDOW_DAYS: i64 = 30;
/// Hot words shown.
pub const SHOWN: usize = 8;

const STOP_WORDS: &[&str] = &[
    "的", "了", "和", "是", "在", "与", "及", "等", "我", "你", "他", "她", "它", "我们", "这",
    "那", "有", "也", "就", "都", "吗", "呢", "啊", "怎么", "什么", "如何", "哪里", "a", "an",
    "the", "of", "and", "or", "in", "on", "to", "is",
];

/// The query as the log keeps it, or None when it should not be kept (empty,
/// too long, a stop word, or shaped like a phone, ID or e-mail).
pub fn normalise_query(q: &str) -> Option<String> {
    let n = normalise(q)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if n.is_empty() || n.chars().count() > 30 || STOP_WORDS.contains(&n.as_str()) {
        return None;
    }
    if !n.chars().any(char::is_alphanumeric) || n.contains('@') {
        return None;
    }
    // A run of 7+ digits may be a phone, ID or bank number: never logged.
    let mut run = 0;
    for c in n.chars() {
        run = if c.is_ascii_digit() || c == 'x' {
            run + 1
        } else {
            0
        };
        if run >= 7 {
            return None;
        }
    }
    Some(n)
}

/// Searches on their way to the query log, written in bulk about once a
/// second ([`LogBuffer::flush`]), so a search costs no write of its own and
/// a search page can come from the page cache. (A crash loses at most the
/// last second of the log: searches are counted, not submitted.)
#[derive(Debug, Default)]
pub struct LogBuffer {
    pending: std::sync::Mutex<Vec<(String, String, i64)>>,
}

/// Searches held at most between two flushes; a flood beyond it is not counted.
const MAX_PENDING: usize = 100_000;

impl LogBuffer {
    /// Counts a search by the client hashed as `client` ([`client_hash`]),
    /// unless the query is not one the log keeps ([`normalise_query`]).
    pub fn push(&self, q: &str, client: &str, now: i64) {
        let Some(n) = normalise_query(q) else {
            return;
        };
        let mut pending = match self.pending.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if pending.len() < MAX_PENDING {
            pending.push((n, client.to_owned(), now));
        }
    }

    /// Writes what is pending in one transaction; returns how many.
    pub async fn flush(&self, db: &Db) -> Result<usize, sqlx::Error> {
        let taken = {
            let mut pending = match self.pending.lock() {
                Ok(guard) => guard,
                Err(poisoned) => poisoned.into_inner(),
            };
            std::mem::take(&mut *pending)
        };
        if taken.is_empty() {
            return Ok(0);
        }
        let mut tx = db.begin_write().await?;
        for chunk in taken.chunks(300) {
            let mut q = crate::server::db::SqlBuilder::new(
                "INSERT INTO search_queries (q, at, client) VALUES ",
            );
            for (i, (text, client, at)) in chunk.iter().enumerate() {
                if i > 0 {
                    q.push(", ");
                }
                q.push("(")
                    .bind_text(text.clone())
                    .push(", ")
                    .bind_int(*at)
                    .push(", ")
                    .bind_text(client.clone())
                    .push(")");
            }
            sqlx::query_with(q.sql(), q.arguments())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(taken.len())
    }
}

/// The words searched by at least [`MIN_CLIENTS`] distinct clients in the
/// window, most clients first, with their counts.
async fn popular(db: &Db, now: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT q, COUNT(DISTINCT client) AS n FROM search_queries WHERE at >= $1 \
         GROUP BY q HAVING COUNT(DISTINCT client) >= $2 ORDER BY n DESC, q LIMIT 50",
    )
    .bind(now - WINDOW_DAYS * 86_400)
    .bind(MIN_CLIENTS)
    .fetch_all(db.pool())
    .await
}

async fn approved(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT word FROM search_approved ORDER BY word")
        .fetch_all(db.pool())
        .await?;
    Ok(rows.into_iter().map(|(w,)| w).collect())
}

/// Popular words not yet on any list (waiting for an administrator when
/// new words need approval), with how many clients searched each.
pub async fn candidates(db: &Db, now: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let (pinned, blocked) = lists(db).await?;
    let approved = approved(db).await?;
    Ok(popular(db, now)
        .await?
        .into_iter()
        .filter(|(w, _)| {
            !pinned.contains(w)
                && !approved.contains(w)
                && !blocked.iter().any(|b| w.contains(b.as_str()))
                && !STOP_WORDS.contains(&w.as_str())
        })
        .collect())
}

/// The words administrators approved (shown while popular).
pub async fn approved_words(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    approved(db).await
}

/// Lets `word` into the list (when new words need approval).
pub async fn approve(conn: &mut AnyConnection, word: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO search_approved (word, approved_at) VALUES ($1, $2) ON CONFLICT (word) DO NOTHING",
    )
    .bind(word)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The staff lists: (pinned in order, blocked).
pub async fn lists(db: &Db) -> Result<(Vec<String>, Vec<String>), sqlx::Error> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT word, list FROM search_words ORDER BY position, word")
            .fetch_all(db.pool())
            .await?;
    let pinned = rows
        .iter()
        .filter(|(_, l)| l == "pinned")
        .map(|(w, _)| w.clone())
        .collect();
    let blocked = rows
        .iter()
        .filter(|(_, l)| l == "blocked")
        .map(|(w, _)| w.clone())
        .collect();
    Ok((pinned, blocked))
}

/// Pinned words first, then the words most clients searched in the window
/// (as [`mode`] lets them in).
pub async fn compute(db: &Db, now: i64) -> Result<Vec<String>, sqlx::Error> {
    let (pinned, blocked) = lists(db).await?;
    let rows = match mode(db).await? {
        Mode::PinnedOnly => Vec::new(),
        Mode::Auto => popular(db, now).await?,
        Mode::Approve => {
            let approved = approved(db).await?;
            popular(db, now)
                .await?
                .into_iter()
                .filter(|(w, _)| approved.contains(w))
                .collect()
        }
    };
    let is_blocked = |w: &str| blocked.iter().any(|b| w.contains(b.as_str()));
    let mut out: Vec<String> = pinned.into_iter().filter(|w| !is_blocked(w)).collect();
    for (q, _) in rows {
        if out.len() >= SHOWN {
            break;
        }
        if !is_blocked(&q) && !out.contains(&q) && !STOP_WORDS.contains(&q.as_str()) {
            out.push(q);
        }
    }
    out.truncate(SHOWN);
    Ok(out)
}

/// Adds a word to a staff list (`pinned` or `blocked`), or moves it there.
pub async fn set_word(conn: &mut AnyConnection, word: &str, list: &str) -> Result<(), sqlx::Error> {
    let (next,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(position), 0) + 1 FROM search_words")
        .fetch_one(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO search_words (word, list, position) VALUES ($1, $2, $3) \
         ON CONFLICT (word) DO UPDATE SET list = excluded.list, position = excluded.position",
    )
    .bind(word)
    .bind(list)
    .bind(next)
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes a word off every staff list (pinned, blocked, approved).
pub async fn remove_word(conn: &mut AnyConnection, word: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM search_words WHERE word = $1")
        .bind(word)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM search_approved WHERE word = $1")
        .bind(word)
        .execute(conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::normalise_query;

    #[test]
    fn personal_data_and_noise_are_never_logged() {
        assert_eq!(
            normalise_query("  政务　公开 "),
            Some("政务 公开".to_owned())
        );
        assert_eq!(normalise_query("ＩＳＢＮ"), Some("isbn".to_owned()));
        assert_eq!(normalise_query("13812345678"), None);
        assert_eq!(normalise_query("350102199001011234"), None);
        assert_eq!(normalise_query("35010219900101123X"), None);
        assert_eq!(normalise_query("someone@example.cn"), None);
        assert_eq!(normalise_query("的"), None);
        assert_eq!(normalise_query("，。"), None);
        assert_eq!(normalise_query("2016年"), Some("2016年".to_owned()));
    }
}
