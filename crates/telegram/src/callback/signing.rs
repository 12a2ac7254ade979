//! The callback tag: HMAC-SHA256 over `<chat>|<body>`, truncated to 48 bits, base64url.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use kernel::{DerivedKey, KeyPurpose, Secret};
use sha2::{Digest, Sha256};
use telegram_state::ChatKey;

const BLOCK: usize = 64;
const TAG_BYTES: usize = 6;

/// The key callback tags are made with, derived from `security.secret_key`.
#[derive(Clone, PartialEq, Eq)]
pub struct CallbackKey([u8; 32]);

impl std::fmt::Debug for CallbackKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CallbackKey(***)")
    }
}

impl CallbackKey {
    /// Derives the callback key from the app's secret key (a separate key per purpose, so
    /// a tag never helps an attacker against the database encryption).
    /// The key comes from HKDF ([`KeyPurpose::ButtonTags`]), unrelated to the key of the
    /// secrets at rest.
    pub fn derive(secret: &Secret) -> Self {
        Self(*DerivedKey::derive(secret, KeyPurpose::ButtonTags).bytes())
    }

    /// The tag of `body` for `chat`.
    pub fn tag(&self, chat: ChatKey, body: &str) -> String {
        let mac = hmac_sha256(&self.0, format!("{chat}|{body}").as_bytes());
        URL_SAFE_NO_PAD.encode(&mac[..TAG_BYTES])
    }

    /// Whether `tag` is the tag of `body` for `chat` (compared in constant time).
    pub fn verify(&self, chat: ChatKey, body: &str, tag: &str) -> bool {
        constant_time_eq(self.tag(chat, body).as_bytes(), tag.as_bytes())
    }
}

/// HMAC-SHA256 (RFC 2104).
pub(crate) fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.map(|b| b ^ byte);
    let mut inner = Sha256::new();
    inner.update(pad(0x36));
    inner.update(message);
    let mut outer = Sha256::new();
    outer.update(pad(0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// Compares two byte strings without stopping at the first difference.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn hmac_matches_the_rfc_4231_test_vectors() {
        assert_eq!(
            hex(&hmac_sha256(&[0x0b; 20], b"Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(
            hex(&hmac_sha256(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn equal_bytes_compare_equal_and_others_do_not() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
