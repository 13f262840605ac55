//! Random secrets and comparing them: private links, session tokens, query
//! codes and keys all come from the operating system's generator, and a
//! secret a user types is compared in constant time.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use subtle::ConstantTimeEq;

/// Lower-case hexadecimal of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `n` random bytes, as hexadecimal (2n characters).
pub fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// Six digits, the first not zero (read aloud over the phone, typed on a keypad).
pub fn query_code() -> String {
    format!("{}", 100_000 + OsRng.next_u32() % 900_000)
}

/// Whether `given` is the code kept, compared in constant time so the
/// answer's timing tells nothing about the code.
pub fn code_matches(kept: Option<&str>, given: &str) -> bool {
    kept.is_some_and(|c| bool::from(c.as_bytes().ct_eq(given.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_and_compare_exactly() {
        for _ in 0..100 {
            let c = query_code();
            assert_eq!(c.len(), 6);
            assert!(c.bytes().all(|b| b.is_ascii_digit()) && !c.starts_with('0'));
        }
        assert!(code_matches(Some("123456"), "123456"));
        assert!(!code_matches(Some("123456"), "123457"));
        assert!(!code_matches(Some("123456"), "12345"));
        assert!(!code_matches(None, "123456"));
        assert_eq!(random_hex(16).len(), 32);
        assert_ne!(random_hex(16), random_hex(16));
        assert_eq!(hex(&[0, 255, 16]), "00ff10");
    }
}
