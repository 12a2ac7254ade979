//! Hashes, hex and constant-time comparison used by the signature checks.

use md5::Digest as _;

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// Lower-case hex MD5 of `text`.
pub fn md5_hex(text: &str) -> String {
    hex(&md5::Md5::digest(text.as_bytes()))
}

/// Lower-case hex SHA-256 of `text`.
pub fn sha256_hex(text: &str) -> String {
    hex(&sha2_hkdf::Sha256::digest(text.as_bytes()))
}

/// Compares two ASCII strings in time independent of where they differ, ignoring ASCII case
/// (hex signatures arrive upper- or lower-case).
pub fn eq_ignore_case_ct(a: &str, b: &str) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| {
        acc | (x.to_ascii_lowercase() ^ y.to_ascii_lowercase())
    }) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_and_compare() {
        assert_eq!(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
        assert!(eq_ignore_case_ct("ABCdef", "abcDEF"));
        assert!(!eq_ignore_case_ct("abc", "abd"));
        assert!(!eq_ignore_case_ct("abc", "abcd"));
    }
}
