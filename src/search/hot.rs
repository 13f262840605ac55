//! Hot words (热词): what people searched for in the last 30 days, minus stop
//! words and a staff-kept blocklist, after the words staff pin. The query log
//! keeps the normalised words and the time only — no address, no session,
//! and never a query that looks like personal data.

use super::segment::normalise;
use crate::server::db::Db;

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

/// Records a search.
pub async fn log(db: &Db, q: &str, now: i64) -> Result<(), sqlx::Error> {
    let Some(n) = normalise_query(q) else {
        return Ok(());
    };
    sqlx::query("INSERT INTO search_queries (q, at) VALUES ($1, $2)")
        .bind(n)
        .bind(now)
        .execute(db.pool())
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

/// Pinned words first, then the most searched words of the window.
pub async fn compute(db: &Db, now: i64) -> Result<Vec<String>, sqlx::Error> {
    let (pinned, blocked) = lists(db).await?;
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT q, COUNT(*) AS n FROM search_queries WHERE at >= $1 GROUP BY q ORDER BY n DESC, q LIMIT 50",
    )
    .bind(now - WINDOW_DAYS * 86_400)
    .fetch_all(db.pool())
    .await?;
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
pub async fn set_word(db: &Db, word: &str, list: &str) -> Result<(), sqlx::Error> {
    let (next,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(position), 0) + 1 FROM search_words")
        .fetch_one(db.pool())
        .await?;
    sqlx::query(
        "INSERT INTO search_words (word, list, position) VALUES ($1, $2, $3) \
         ON CONFLICT (word) DO UPDATE SET list = excluded.list, position = excluded.position",
    )
    .bind(word)
    .bind(list)
    .bind(next)
    .execute(db.pool())
    .await?;
    Ok(())
}

pub async fn remove_word(db: &Db, word: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM search_words WHERE word = $1")
        .bind(word)
        .execute(db.pool())
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
