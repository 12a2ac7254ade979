//! Encryption at rest for panel passwords, API tokens and card numbers.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use kernel::{Secret, StorageError};
use sha2::{Digest, Sha256};

const PREFIX: &str = "v1:";

/// ChaCha20-Poly1305 with a key derived from `security.secret_key`. Ciphertexts are
/// `v1:<base64(nonce ‖ ciphertext)>`; a fresh random nonce every time.
#[derive(Clone)]
pub struct Cipher {
    aead: ChaCha20Poly1305,
}

impl std::fmt::Debug for Cipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cipher(***)")
    }
}

impl Cipher {
    /// Derives the key from the configured secret.
    pub fn new(secret_key: &Secret) -> Self {
        let digest = Sha256::new()
            .chain_update(b"moonvpn-at-rest-v1:")
            .chain_update(secret_key.expose())
            .finalize();
        Self {
            aead: ChaCha20Poly1305::new(Key::from_slice(&digest)),
        }
    }

    /// Encrypts `plain` for storage.
    pub fn encrypt(&self, plain: &str) -> String {
        let nonce_bytes: [u8; 12] = rand::random();
        let sealed = self
            .aead
            .encrypt(Nonce::from_slice(&nonce_bytes), plain.as_bytes())
            .unwrap_or_default();
        let mut blob = nonce_bytes.to_vec();
        blob.extend_from_slice(&sealed);
        format!("{PREFIX}{}", STANDARD.encode(blob))
    }

    /// Decrypts a stored value; a wrong key or tampered value is an error, never garbage.
    pub fn decrypt(&self, stored: &str) -> Result<Secret, StorageError> {
        let bad = |why: &str| StorageError::Other(format!("encrypted value unreadable: {why}"));
        let body = stored.strip_prefix(PREFIX).ok_or_else(|| bad("unknown format"))?;
        let blob = STANDARD.decode(body).map_err(|_| bad("not base64"))?;
        if blob.len() < 12 {
            return Err(bad("too short"));
        }
        let (nonce, sealed) = blob.split_at(12);
        let plain = self
            .aead
            .decrypt(Nonce::from_slice(nonce), sealed)
            .map_err(|_| bad("wrong security.secret_key or tampered data"))?;
        String::from_utf8(plain).map(Secret::new).map_err(|_| bad("not UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encrypted_values_round_trip_and_hide_the_plaintext() {
        let c = Cipher::new(&Secret::new("k".repeat(32)));
        let stored = c.encrypt("panel-pass");
        assert!(!stored.contains("panel-pass"));
        assert_ne!(stored, c.encrypt("panel-pass"), "fresh nonce each time");
        assert_eq!(c.decrypt(&stored).unwrap().expose(), "panel-pass");
    }

    #[test]
    fn a_wrong_key_or_tampering_is_an_error() {
        let stored = Cipher::new(&Secret::new("a".repeat(32))).encrypt("x");
        assert!(Cipher::new(&Secret::new("b".repeat(32))).decrypt(&stored).is_err());
        let mut tampered = stored.clone();
        tampered.pop();
        tampered.push(if stored.ends_with('A') { 'B' } else { 'A' });
        assert!(Cipher::new(&Secret::new("a".repeat(32))).decrypt(&tampered).is_err());
        assert!(Cipher::new(&Secret::new("a".repeat(32))).decrypt("plain").is_err());
    }
}
