//! Shadowsocks 2022 user keys: `2022-blake3-*` methods need a base64 key of exactly the
//! cipher's size, while MoonVPN hands out UUIDs. A key that does not fit is turned into
//! one that does, the same way every time.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

/// The key size in bytes a method needs, or `None` when any password will do.
fn key_size(method: &str) -> Option<usize> {
    match method {
        "2022-blake3-aes-128-gcm" => Some(16),
        m if m.starts_with("2022-blake3-") => Some(32),
        _ => None,
    }
}

/// The per-user key to write for `method`: `key` itself when it fits, else base64 of the
/// first bytes of its SHA-256.
pub(crate) fn user_key(method: &str, key: &str) -> String {
    let Some(size) = key_size(method) else {
        return key.to_owned();
    };
    if STANDARD.decode(key).is_ok_and(|bytes| bytes.len() == size) {
        return key.to_owned();
    }
    STANDARD.encode(&Sha256::digest(key.as_bytes())[..size])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_methods_take_the_key_as_is() {
        assert_eq!(user_key("aes-256-gcm", "0b1c-uuid"), "0b1c-uuid");
    }

    #[test]
    fn a_uuid_becomes_a_stable_key_of_the_ciphers_size() {
        let k = user_key("2022-blake3-aes-256-gcm", "0b1c-uuid");
        assert_eq!(STANDARD.decode(&k).unwrap().len(), 32);
        assert_eq!(k, user_key("2022-blake3-aes-256-gcm", "0b1c-uuid"));
        let k16 = user_key("2022-blake3-aes-128-gcm", "0b1c-uuid");
        assert_eq!(STANDARD.decode(&k16).unwrap().len(), 16);
    }

    #[test]
    fn a_key_that_already_fits_is_kept() {
        let fitting = STANDARD.encode([7u8; 16]);
        assert_eq!(user_key("2022-blake3-aes-128-gcm", &fitting), fitting);
    }
}
