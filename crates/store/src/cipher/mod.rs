//! Encryption at rest for panel passwords, API tokens, two-factor secrets and card numbers.
//!
//! Stored values are `v2:<base64(nonce ‖ ciphertext)>`: ChaCha20-Poly1305 under a key derived
//! from `security.secret_key` with HKDF ([`KeyPurpose::SecretsAtRest`]), a fresh random nonce
//! each time, and associated data naming the table, the column and the row id — a value
//! copied into another row or column does not decrypt. Values written by older versions
//! (`v1:`, key `SHA-256(label ‖ secret)`, no associated data) are still read; every write and
//! `moonvpn secrets rotate` store the `v2:` form.

mod rotate;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use kernel::{DerivedKey, KeyPurpose, Secret, StorageError};
use sha2::{Digest, Sha256};

pub use rotate::{RotationReport, rotate_secrets};

const V1: &str = "v1:";
const V2: &str = "v2:";
const NONCE_BYTES: usize = 12;

/// A database column that holds an encrypted secret; part of each value's associated data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecretColumn {
    table: &'static str,
    column: &'static str,
}

impl SecretColumn {
    /// `panel.password_enc`.
    pub const PANEL_PASSWORD: Self = Self::new("panel", "password_enc");
    /// `panel.api_token_enc`.
    pub const PANEL_API_TOKEN: Self = Self::new("panel", "api_token_enc");
    /// `panel.two_factor_secret_enc`.
    pub const PANEL_TWO_FACTOR: Self = Self::new("panel", "two_factor_secret_enc");
    /// `bank_card.number_enc`.
    pub const CARD_NUMBER: Self = Self::new("bank_card", "number_enc");

    const fn new(table: &'static str, column: &'static str) -> Self {
        Self { table, column }
    }

    fn associated_data(self, row: i64) -> Vec<u8> {
        format!("moonvpn/v2|{}|{}|{row}", self.table, self.column).into_bytes()
    }
}

/// Seals and opens secrets stored in the database. Cheap to clone; `Debug` prints no key.
#[derive(Clone)]
pub struct Cipher {
    aead: ChaCha20Poly1305,
    legacy: ChaCha20Poly1305,
    check: [u8; 32],
}

impl std::fmt::Debug for Cipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cipher(***)")
    }
}

impl Cipher {
    /// Derives the keys from the configured secret.
    pub fn new(secret_key: &Secret) -> Self {
        let key = DerivedKey::derive(secret_key, KeyPurpose::SecretsAtRest);
        let legacy = Sha256::new()
            .chain_update(b"moonvpn-at-rest-v1:")
            .chain_update(secret_key.expose())
            .finalize();
        let check = Sha256::new()
            .chain_update(b"moonvpn/backup-key-check/v1:")
            .chain_update(key.bytes())
            .finalize();
        Self {
            aead: ChaCha20Poly1305::new(Key::from_slice(key.bytes())),
            legacy: ChaCha20Poly1305::new(Key::from_slice(&legacy)),
            check: check.into(),
        }
    }

    /// A one-way fingerprint of the key (hex SHA-256 of the derived key): a backup records it
    /// so a restore under another `security.secret_key` is refused before any secret in it
    /// becomes unreadable. It reveals nothing about the key.
    pub fn key_check(&self) -> String {
        self.check.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Encrypts `plain` for `column` of row `row`. A failure is an error, never an empty or
    /// partial value.
    pub fn encrypt(&self, column: SecretColumn, row: i64, plain: &str) -> Result<String, StorageError> {
        let nonce: [u8; NONCE_BYTES] = rand::random();
        let aad = column.associated_data(row);
        let sealed = self
            .aead
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad: &aad,
                },
            )
            .map_err(|_| StorageError::Other(format!("cannot encrypt {}.{}", column.table, column.column)))?;
        let mut blob = nonce.to_vec();
        blob.extend_from_slice(&sealed);
        Ok(format!("{V2}{}", STANDARD.encode(blob)))
    }

    /// Decrypts the value stored in `column` of row `row`. A wrong key, a tampered value or a
    /// value moved from another row or column is an error, never garbage.
    pub fn decrypt(&self, column: SecretColumn, row: i64, stored: &str) -> Result<Secret, StorageError> {
        let bad = |why: &str| {
            StorageError::Other(format!(
                "encrypted value in {}.{} of row {row} unreadable: {why}",
                column.table, column.column
            ))
        };
        let (aead, body, aad) = if let Some(body) = stored.strip_prefix(V2) {
            (&self.aead, body, column.associated_data(row))
        } else if let Some(body) = stored.strip_prefix(V1) {
            (&self.legacy, body, Vec::new())
        } else {
            return Err(bad("unknown format"));
        };
        let blob = STANDARD.decode(body).map_err(|_| bad("not base64"))?;
        if blob.len() < NONCE_BYTES {
            return Err(bad("too short"));
        }
        let (nonce, sealed) = blob.split_at(NONCE_BYTES);
        let plain = aead
            .decrypt(Nonce::from_slice(nonce), Payload { msg: sealed, aad: &aad })
            .map_err(|_| bad("wrong security.secret_key, tampered data or a value from another row"))?;
        String::from_utf8(plain).map(Secret::new).map_err(|_| bad("not UTF-8"))
    }

    /// Whether `stored` is in the old `v1:` format (rewritten by `moonvpn secrets rotate`).
    pub fn is_legacy(stored: &str) -> bool {
        stored.starts_with(V1)
    }

    /// Encrypts in the old `v1:` format; only for testing the upgrade path.
    #[doc(hidden)]
    pub fn encrypt_legacy_for_tests(&self, plain: &str) -> String {
        let nonce: [u8; NONCE_BYTES] = rand::random();
        let sealed = self
            .legacy
            .encrypt(Nonce::from_slice(&nonce), plain.as_bytes())
            .unwrap_or_default();
        let mut blob = nonce.to_vec();
        blob.extend_from_slice(&sealed);
        format!("{V1}{}", STANDARD.encode(blob))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWORD: SecretColumn = SecretColumn::PANEL_PASSWORD;

    fn cipher(fill: char) -> Cipher {
        Cipher::new(&Secret::new(fill.to_string().repeat(32)))
    }

    #[test]
    fn encrypted_values_round_trip_and_hide_the_plaintext() {
        let c = cipher('k');
        let stored = c.encrypt(PASSWORD, 7, "panel-pass").unwrap();
        assert!(stored.starts_with("v2:"));
        assert!(!stored.contains("panel-pass"));
        assert_ne!(
            stored,
            c.encrypt(PASSWORD, 7, "panel-pass").unwrap(),
            "fresh nonce each time"
        );
        assert_eq!(c.decrypt(PASSWORD, 7, &stored).unwrap().expose(), "panel-pass");
    }

    #[test]
    fn a_wrong_key_or_tampering_is_an_error() {
        let stored = cipher('a').encrypt(PASSWORD, 1, "x").unwrap();
        assert!(cipher('b').decrypt(PASSWORD, 1, &stored).is_err());
        let mut tampered = stored.clone();
        tampered.pop();
        tampered.push(if stored.ends_with('A') { 'B' } else { 'A' });
        assert!(cipher('a').decrypt(PASSWORD, 1, &tampered).is_err());
        assert!(cipher('a').decrypt(PASSWORD, 1, "plain").is_err());
        assert!(cipher('a').decrypt(PASSWORD, 1, "v2:").is_err());
    }

    #[test]
    fn a_value_swapped_into_another_row_or_column_does_not_decrypt() {
        let c = cipher('a');
        let panel_one = c.encrypt(PASSWORD, 1, "one's password").unwrap();
        let err = c.decrypt(PASSWORD, 2, &panel_one).unwrap_err();
        assert!(err.to_string().contains("panel.password_enc of row 2"), "{err}");
        assert!(c.decrypt(SecretColumn::PANEL_API_TOKEN, 1, &panel_one).is_err());
        assert!(c.decrypt(SecretColumn::CARD_NUMBER, 1, &panel_one).is_err());
        assert!(!err.to_string().contains("one's password"));
    }

    #[test]
    fn values_from_before_the_key_derivation_change_are_still_read() {
        let c = cipher('a');
        let old = c.encrypt_legacy_for_tests("legacy-pass");
        assert!(Cipher::is_legacy(&old));
        assert_eq!(c.decrypt(PASSWORD, 9, &old).unwrap().expose(), "legacy-pass");
        assert!(cipher('b').decrypt(PASSWORD, 9, &old).is_err());
        assert!(!Cipher::is_legacy(&c.encrypt(PASSWORD, 9, "x").unwrap()));
    }
}
