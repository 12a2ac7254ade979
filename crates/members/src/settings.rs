//! Stored settings: the `setting` table's keys and the port that reads and writes it. The
//! shop settings a superadmin changes at run time (`shop_settings.rs`) are kept here.

use async_trait::async_trait;
use kernel::StorageError;

use crate::NewAuditEntry;

/// Why text is not a setting key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a setting key (1 to 64 of a-z, 0-9, '_' and '.')")]
pub struct SettingKeyError(pub String);

/// A setting's name: lowercase ASCII letters, digits, `_` and `.`, up to 64 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SettingKey(String);

impl SettingKey {
    /// The longest key.
    pub const MAX_LEN: usize = 64;

    /// Checks a key.
    pub fn new(raw: &str) -> Result<Self, SettingKeyError> {
        let ok = !raw.is_empty()
            && raw.len() <= Self::MAX_LEN
            && raw
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.');
        if !ok {
            return Err(SettingKeyError(raw.to_owned()));
        }
        Ok(Self(raw.to_owned()))
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SettingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Storage of settings (`setting` table: key UNIQUE, value text).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait SettingsRepo: Send + Sync {
    /// The stored text of a setting.
    async fn get(&self, key: &SettingKey) -> Result<Option<String>, StorageError>;

    /// Inserts or replaces a setting and writes `audit`, in one transaction.
    async fn put(&self, key: &SettingKey, value: String, audit: NewAuditEntry) -> Result<(), StorageError>;

    /// Every stored setting, by key.
    async fn all(&self) -> Result<Vec<(SettingKey, String)>, StorageError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setting_keys_are_checked() {
        assert!(SettingKey::new("support.contact").is_ok());
        for bad in ["", "Shop", "a b", "x/y", &"a".repeat(65)] {
            assert!(SettingKey::new(bad).is_err(), "{bad:?} must be refused");
        }
    }
}
