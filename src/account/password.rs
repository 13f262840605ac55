//! Passwords: the policy new ones must meet, and argon2id hashing with
//! OWASP's parameters (19 MiB of memory, two passes, one lane).

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};
use std::sync::OnceLock;

/// Shortest allowed password, in characters.
pub const MIN_LENGTH: usize = 8;

#[expect(
    clippy::expect_used,
    reason = "constant parameters within argon2's limits"
)]
fn hasher() -> Argon2<'static> {
    // 19 MiB, t = 2, p = 1: OWASP's recommended minimum for argon2id.
    let params = Params::new(19 * 1024, 2, 1, None).expect("constant parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn common() -> &'static std::collections::HashSet<String> {
    static LIST: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("common-passwords.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect()
    })
}

/// Why a new password is refused, in Chinese; None when it is acceptable.
pub fn problem(password: &str, username: &str) -> Option<&'static str> {
    if password.chars().count() < MIN_LENGTH {
        return Some("密码至少需要8个字符");
    }
    if password.chars().count() > 128 {
        return Some("密码不能超过128个字符");
    }
    let lower = password.to_lowercase();
    if common().contains(&lower) {
        return Some("这个密码太常见，很容易被猜中，请换一个");
    }
    if !username.is_empty() && lower.contains(&username.to_lowercase()) {
        return Some("密码不能包含用户名");
    }
    if password
        .chars()
        .all(|c| c == password.chars().next().unwrap_or(' '))
    {
        return Some("密码不能由同一个字符重复组成");
    }
    None
}

/// A PHC-format argon2id hash of `password` with a fresh salt.
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Whether `password` matches `stored` (a PHC string). Takes about as long
/// for any input, so it is also used against a dummy hash for unknown users.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Hashes checked at once: each takes 19 MiB and a core for a fraction of a
/// second, so a burst of sign-ins waits its turn instead of exhausting the
/// server. As many as the machine has cores.
fn verifying() -> &'static tokio::sync::Semaphore {
    static PERMITS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    PERMITS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
        tokio::sync::Semaphore::new(cores)
    })
}

/// [`verify`] off the async threads, at most [`verifying`]'s permits at a
/// time. False when it could not run.
pub async fn verify_limited(password: &str, stored: &str) -> bool {
    let Ok(_permit) = verifying().acquire().await else {
        return false;
    };
    let (password, stored) = (password.to_owned(), stored.to_owned());
    tokio::task::spawn_blocking(move || verify(&password, &stored))
        .await
        .unwrap_or(false)
}

/// A valid hash of a random string, verified against when the user does not
/// exist so that the answer takes the same time.
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash("no such user, no such password").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters() {
        let h = hash("Gongkai-2026-test").expect("hash");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("Gongkai-2026-test", &h));
        assert!(!verify("gongkai-2026-test", &h));
        assert!(!verify("x", "not a hash"));
        assert_ne!(hash("Gongkai-2026-test").expect("hash"), h, "salted");
    }

    #[test]
    fn weak_passwords_are_refused() {
        assert!(problem("short", "u").is_some());
        assert!(problem("12345678", "u").is_some());
        assert!(
            problem("PassWord123", "u").is_some(),
            "case does not matter"
        );
        assert!(problem("woaini1314", "u").is_some());
        assert!(problem("zhangsan-2026", "zhangsan").is_some());
        assert!(problem("aaaaaaaaaa", "u").is_some());
        assert_eq!(problem("长城永不倒-2026", "u"), None);
        assert_eq!(problem("Gongkai-Demo-2026", "bianji"), None);
    }
}
