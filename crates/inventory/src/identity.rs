//! Fresh random identities for new panel clients.

use rand::Rng;
use rand::distr::Alphanumeric;

/// A random (version 4) UUID in its usual text form, used as a vless/vmess id or a
/// trojan/shadowsocks password.
pub(super) fn client_key() -> String {
    let mut b: [u8; 16] = rand::rng().random();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// A random 16-character lower-case subscription id, as the 3x-ui UI makes them.
pub(super) fn sub_id() -> String {
    rand::rng()
        .sample_iter(Alphanumeric)
        .take(16)
        .map(|b| char::from(b).to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_look_like_v4_uuids_and_differ() {
        let key = client_key();
        assert_eq!(key.len(), 36);
        assert_eq!(key.as_bytes()[14], b'4');
        assert!(matches!(key.as_bytes()[19], b'8' | b'9' | b'a' | b'b'));
        assert_ne!(key, client_key());
    }

    #[test]
    fn sub_ids_are_sixteen_lowercase_alphanumerics() {
        let id = sub_id();
        assert_eq!(id.len(), 16);
        assert!(id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    }
}
