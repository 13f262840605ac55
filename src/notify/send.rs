//! The sender: each app server runs one, claiming due notices with a
//! lease, sending each on its channel, and recording the result. A failed
//! try is retried with growing pauses, then the notice is marked failed
//! for administrators to see (and send again); the event it tells of is
//! never held up. A server that dies mid-send leaves its lease to run
//! out, and another server then sends the notice.

use super::channel::{SendError, Senders};
use super::db::{self, Outcome};
use super::types::Channel;
use crate::server::db::Db;

/// How long a claim holds: longer than a try may take (two timeouts).
pub const LEASE_SECS: i64 = 60;
/// Tries before a notice is given up.
pub const MAX_ATTEMPTS: i64 = 5;
/// Notices one round claims.
const BATCH: i64 = 20;

/// The pause after try `n` (1-based) failed: 1 min, 5 min, 30 min, 2 h.
pub fn backoff(attempt: i64) -> i64 {
    match attempt {
        ..=1 => 60,
        2 => 300,
        3 => 1800,
        _ => 7200,
    }
}

/// A name for this sender, unique among app servers (host, process, random).
pub fn worker_name() -> String {
    let host = std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_owned())
        .unwrap_or_default();
    format!(
        "{}-{}-{}",
        if host.is_empty() { "gongkai" } else { &host },
        std::process::id(),
        crate::server::secret::random_hex(4)
    )
}

/// One round: claims what is due at `now` and sends it. Returns how many
/// were sent.
pub async fn round(
    db: &Db,
    senders: &Senders,
    worker: &str,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let claimed = db::claim(db, worker, now, now + LEASE_SECS, BATCH).await?;
    let mut sent = 0;
    for c in claimed {
        let result = match Channel::parse(&c.channel) {
            Some(channel) => senders.send(channel, &c.recipient, &c.title, &c.body).await,
            None => Err(SendError::Permanent(format!("未知的通道“{}”", c.channel))),
        };
        let finished = crate::ui::format::now().max(now);
        let outcome = match &result {
            Ok(()) => {
                sent += 1;
                Outcome::Sent
            }
            Err(SendError::Retry(e)) if c.attempts < MAX_ATTEMPTS => Outcome::Retry {
                error: e,
                next_at: finished + backoff(c.attempts),
            },
            Err(e) => Outcome::Failed { error: e.message() },
        };
        if let Err(e) = &result {
            tracing::warn!(
                notice = c.id,
                attempt = c.attempts,
                error = e.message(),
                "a notice was not sent"
            );
        }
        db::finish(db, c.id, worker, outcome, finished).await?;
    }
    Ok(sent)
}

/// Runs rounds every few seconds for as long as the server runs.
pub fn spawn(db: Db, senders: Senders) {
    if !senders.any() {
        return;
    }
    let worker = worker_name();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
        loop {
            tick.tick().await;
            loop {
                match round(&db, &senders, &worker, crate::ui::format::now()).await {
                    // A full batch: more may be waiting.
                    Ok(n) if n as i64 >= BATCH => continue,
                    Ok(_) => break,
                    Err(e) => {
                        tracing::error!(error = %e, "the notice sender could not reach the database");
                        break;
                    }
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_grow() {
        let p: Vec<i64> = (1..=5).map(backoff).collect();
        assert_eq!(p, vec![60, 300, 1800, 7200, 7200]);
    }
}
