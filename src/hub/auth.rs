//! Point tokens (design.md §5): 256 random bits shown once, stored as a BLAKE2s-256 hash, compared
//! in constant time. A fast hash is enough: the token is random, not a password to guess.

use blake2::{Blake2s256, Digest};
use subtle::ConstantTimeEq;

/// Every token starts with this, so a leaked one is easy to recognise in logs and files.
pub const PREFIX: &str = "ocop_";

/// A new random token: [`PREFIX`] and 64 hex digits (256 bits).
pub fn new_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0_u8; 32];
    getrandom::fill(&mut bytes)?;
    let mut token = String::with_capacity(PREFIX.len() + 64);
    token.push_str(PREFIX);
    for b in bytes {
        token.push_str(&format!("{b:02x}"));
    }
    Ok(token)
}

/// The stored form of a token.
pub fn hash(token: &str) -> [u8; 32] {
    Blake2s256::digest(token.as_bytes()).into()
}

/// Whether `token` hashes to `stored`, in time independent of where they differ.
pub fn matches(token: &str, stored: &[u8]) -> bool {
    hash(token).as_slice().ct_eq(stored).into()
}

/// The token of an `Authorization: Bearer …` header value, if it is one.
pub fn bearer(header: &str) -> Option<&str> {
    let (scheme, token) = header.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_match_only_their_hash() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), PREFIX.len() + 64);
        assert!(matches(&a, &hash(&a)));
        assert!(!matches(&b, &hash(&a)));
        assert!(!matches(&a, &hash(&a)[..31]));
    }

    #[test]
    fn bearer_header() {
        assert_eq!(bearer("Bearer abc"), Some("abc"));
        assert_eq!(bearer("bearer  abc "), Some("abc"));
        assert_eq!(bearer("Basic abc"), None);
        assert_eq!(bearer("Bearer "), None);
    }
}
