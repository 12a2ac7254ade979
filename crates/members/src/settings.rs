//! Shop settings: a typed key/value store that admins change at run time.
//!
//! Each setting is a type implementing [`Setting`] in the crate that uses it, so the key,
//! the value type and the default live together:
//!
//! ```
//! use moonvpn_members::Setting;
//! struct ReceiptTtlMinutes;
//! impl Setting for ReceiptTtlMinutes {
//!     const KEY: &'static str = "receipts.ttl_minutes";
//!     type Value = u32;
//!     fn default_value() -> u32 { 30 }
//! }
//! ```

use std::str::FromStr;
use std::sync::Arc;

use async_trait::async_trait;
use kernel::{Clock, StorageError, UserId};

use crate::{AuditAction, AuditTarget, Authorizer, MemberError, NewAuditEntry, Role};

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

/// A typed setting: its key, value type and default.
pub trait Setting {
    /// The key it is stored under (see [`SettingKey`] for the allowed characters).
    const KEY: &'static str;
    /// The value's type; stored as its `Display` text and read back with `FromStr`.
    type Value: FromStr + std::fmt::Display + Send;
    /// The value when none is stored (or the stored one no longer parses).
    fn default_value() -> Self::Value;
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

/// Reads and changes settings; changes are admin-only and audited.
pub struct Settings {
    repo: Arc<dyn SettingsRepo>,
    access: Arc<dyn Authorizer>,
    clock: Arc<dyn Clock>,
}

impl Settings {
    /// The action written to the audit log on a change (in the `settings.` family, with
    /// `settings.set` of the shop settings).
    pub const CHANGED: AuditAction = AuditAction::new("settings.change");

    /// Wires the service.
    pub fn new(repo: Arc<dyn SettingsRepo>, access: Arc<dyn Authorizer>, clock: Arc<dyn Clock>) -> Self {
        Self { repo, access, clock }
    }

    fn key<S: Setting>() -> Result<SettingKey, MemberError> {
        SettingKey::new(S::KEY).map_err(|e| MemberError::BadSetting {
            key: S::KEY.to_owned(),
            reason: e.to_string(),
        })
    }

    /// The setting's value, or its default when unset. A stored value that no longer parses
    /// is logged and replaced by the default, so one bad row never stops the bot.
    pub async fn get<S: Setting>(&self) -> Result<S::Value, MemberError> {
        let key = Self::key::<S>()?;
        let Some(text) = self.repo.get(&key).await? else {
            return Ok(S::default_value());
        };
        match text.parse() {
            Ok(value) => Ok(value),
            Err(_) => {
                tracing::warn!(key = %key, "stored setting does not parse; using the default");
                Ok(S::default_value())
            }
        }
    }

    /// Changes a setting (admins only); writes the audit log with the old and new text.
    pub async fn set<S: Setting>(&self, actor: UserId, value: S::Value) -> Result<(), MemberError> {
        self.access.require(actor, Role::Admin).await?;
        let key = Self::key::<S>()?;
        let old = self.repo.get(&key).await?;
        let new = value.to_string();
        let audit = NewAuditEntry::by(
            actor,
            Self::CHANGED,
            AuditTarget::setting(&key),
            serde_json::json!({ "from": old, "to": new }),
            self.clock.now(),
        );
        self.repo.put(&key, new, audit).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AccessError, MockAuthorizer};
    use kernel::FixedClock;
    use time::macros::datetime;

    struct Ttl;
    impl Setting for Ttl {
        const KEY: &'static str = "receipts.ttl_minutes";
        type Value = u32;
        fn default_value() -> u32 {
            30
        }
    }

    struct Broken;
    impl Setting for Broken {
        const KEY: &'static str = "Not A Key";
        type Value = u32;
        fn default_value() -> u32 {
            0
        }
    }

    fn settings(repo: MockSettingsRepo, access: MockAuthorizer) -> Settings {
        Settings::new(
            Arc::new(repo),
            Arc::new(access),
            Arc::new(FixedClock::new(datetime!(2026-11-21 10:00 UTC))),
        )
    }

    #[test]
    fn setting_keys_are_checked() {
        assert!(SettingKey::new("shop.support_username").is_ok());
        for bad in ["", "Shop", "a b", "x/y", &"a".repeat(65)] {
            assert!(SettingKey::new(bad).is_err(), "{bad:?} must be refused");
        }
    }

    #[tokio::test]
    async fn an_unset_setting_reads_as_its_default() {
        let mut repo = MockSettingsRepo::new();
        repo.expect_get().returning(|_| Ok(None));
        let s = settings(repo, MockAuthorizer::new());
        assert_eq!(s.get::<Ttl>().await.unwrap(), 30);
    }

    #[tokio::test]
    async fn a_stored_setting_is_read_back_typed() {
        let mut repo = MockSettingsRepo::new();
        repo.expect_get()
            .withf(|k| k.as_str() == "receipts.ttl_minutes")
            .returning(|_| Ok(Some("45".into())));
        let s = settings(repo, MockAuthorizer::new());
        assert_eq!(s.get::<Ttl>().await.unwrap(), 45);
    }

    #[tokio::test]
    async fn a_stored_value_that_no_longer_parses_falls_back_to_the_default() {
        let mut repo = MockSettingsRepo::new();
        repo.expect_get().returning(|_| Ok(Some("soon".into())));
        let s = settings(repo, MockAuthorizer::new());
        assert_eq!(s.get::<Ttl>().await.unwrap(), 30);
    }

    #[tokio::test]
    async fn a_setting_with_a_malformed_key_is_reported() {
        let s = settings(MockSettingsRepo::new(), MockAuthorizer::new());
        assert!(matches!(s.get::<Broken>().await, Err(MemberError::BadSetting { .. })));
    }

    #[tokio::test]
    async fn admins_change_settings_and_the_change_is_audited() {
        let mut access = MockAuthorizer::new();
        access
            .expect_require()
            .withf(|a, r| *a == UserId::new(1) && *r == Role::Admin)
            .returning(|_, _| Ok(crate::service_tests::user(1, 100, Role::Admin)));
        let mut repo = MockSettingsRepo::new();
        repo.expect_get().returning(|_| Ok(Some("30".into())));
        repo.expect_put()
            .withf(|k, v, audit| {
                k.as_str() == "receipts.ttl_minutes"
                    && v == "60"
                    && audit.actor == Some(UserId::new(1))
                    && audit.action == Settings::CHANGED
                    && audit.target.as_str() == "setting:receipts.ttl_minutes"
                    && audit.detail == serde_json::json!({"from": "30", "to": "60"})
            })
            .times(1)
            .returning(|_, _, _| Ok(()));
        settings(repo, access).set::<Ttl>(UserId::new(1), 60).await.unwrap();
    }

    #[tokio::test]
    async fn non_admins_cannot_change_settings() {
        let mut access = MockAuthorizer::new();
        access
            .expect_require()
            .returning(|_, _| Err(AccessError::Forbidden { needed: Role::Admin }));
        let s = settings(MockSettingsRepo::new(), access);
        assert!(matches!(
            s.set::<Ttl>(UserId::new(2), 1).await,
            Err(MemberError::Forbidden { needed: Role::Admin })
        ));
    }
}
