//! Keys derived from `security.secret_key` with HKDF-SHA256 (RFC 5869), one per purpose, so
//! that what one purpose reveals (a button tag, a webhook route) never helps an attacker
//! against another (the secrets encrypted at rest).

use hkdf::Hkdf;
use sha2_hkdf::Sha256;

use crate::Secret;

/// Fixed HKDF salt: a domain separator for everything MoonVPN derives.
const SALT: &[u8] = b"moonvpn/hkdf-salt/v2";

/// What a derived key is for. Each purpose gets an unrelated key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPurpose {
    /// The AEAD key of secrets stored in the database (panel passwords, card numbers).
    SecretsAtRest,
    /// The HMAC key of the tags on inline-keyboard buttons.
    ButtonTags,
    /// The key that turns the bot token into the unguessable webhook route.
    WebhookPath,
    /// The HMAC key of Telegram Stars invoice payloads (tamper-evident payment ids).
    StarsPayload,
}

impl KeyPurpose {
    fn info(self) -> &'static [u8] {
        match self {
            Self::SecretsAtRest => b"moonvpn/secrets-at-rest/v2",
            Self::ButtonTags => b"moonvpn/button-tags/v2",
            Self::WebhookPath => b"moonvpn/webhook-path/v2",
            Self::StarsPayload => b"moonvpn/stars-payload/v1",
        }
    }
}

/// A 256-bit key derived for one [`KeyPurpose`]. `Debug` never prints it.
#[derive(Clone, PartialEq, Eq)]
pub struct DerivedKey([u8; 32]);

impl DerivedKey {
    /// Derives the key for `purpose` from `secret` (HKDF-SHA256, fixed salt, the purpose as
    /// the info string).
    pub fn derive(secret: &Secret, purpose: KeyPurpose) -> Self {
        let hkdf = Hkdf::<Sha256>::new(Some(SALT), secret.expose().as_bytes());
        let mut key = [0u8; 32];
        // 32 bytes is far below HKDF-SHA256's limit of 255 × 32, so this cannot fail.
        if hkdf.expand(purpose.info(), &mut key).is_err() {
            unreachable!("HKDF-SHA256 yields 32 bytes");
        }
        Self(key)
    }

    /// The key bytes; only for keying a cipher or a MAC.
    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for DerivedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DerivedKey(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_purpose_gets_its_own_key_and_the_same_secret_the_same_keys() {
        let secret = Secret::new("k".repeat(32));
        let keys = [
            KeyPurpose::SecretsAtRest,
            KeyPurpose::ButtonTags,
            KeyPurpose::WebhookPath,
        ]
        .map(|p| DerivedKey::derive(&secret, p));
        assert_ne!(keys[0], keys[1]);
        assert_ne!(keys[0], keys[2]);
        assert_ne!(keys[1], keys[2]);
        assert_eq!(keys[0], DerivedKey::derive(&secret, KeyPurpose::SecretsAtRest));
        assert_ne!(
            keys[0],
            DerivedKey::derive(&Secret::new("j".repeat(32)), KeyPurpose::SecretsAtRest)
        );
        assert_eq!(format!("{:?}", keys[0]), "DerivedKey(***)");
    }

    #[test]
    fn derivation_matches_a_fixed_vector() {
        // Pins the derivation: changing it would make every stored secret unreadable.
        let key = DerivedKey::derive(
            &Secret::new("0123456789abcdef0123456789abcdef"),
            KeyPurpose::SecretsAtRest,
        );
        let hex: String = key.bytes().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "824ea99035d53868e561abef9da044a0178283117c0716bdcd8f17d70eef81dd");
    }
}
