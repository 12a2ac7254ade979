//! The audit log: who did what to what, and when. Every admin action writes one entry,
//! in the same storage transaction as the change it describes.

use std::borrow::Cow;

use async_trait::async_trait;
use kernel::{AuditEntryId, BankCardId, Page, PageRequest, ReceiptId, StorageError, UserId};
use time::OffsetDateTime;

use crate::SettingKey;

/// What was done, as a dotted name chosen by the code (`receipt.approve`, `member.block`).
/// Never built from user input.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AuditAction(Cow<'static, str>);

impl AuditAction {
    /// An action named in code.
    pub const fn new(name: &'static str) -> Self {
        Self(Cow::Borrowed(name))
    }

    /// An action read back from storage.
    pub fn from_stored(name: String) -> Self {
        Self(Cow::Owned(name))
    }

    /// The action's name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for AuditAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What an action was done to, as `<kind>:<id>` (`user:42`, `receipt:7`, `setting:shop.name`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AuditTarget(String);

impl AuditTarget {
    /// Any kind of target; `kind` is a short lowercase word chosen by the code.
    pub fn new(kind: &str, id: impl std::fmt::Display) -> Self {
        Self(format!("{kind}:{id}"))
    }

    /// A user.
    pub fn user(id: UserId) -> Self {
        Self::new("user", id)
    }

    /// A receipt.
    pub fn receipt(id: ReceiptId) -> Self {
        Self::new("receipt", id)
    }

    /// A bank card.
    pub fn bank_card(id: BankCardId) -> Self {
        Self::new("bank_card", id)
    }

    /// A setting.
    pub fn setting(key: &SettingKey) -> Self {
        Self::new("setting", key.as_str())
    }

    /// A target read back from storage.
    pub fn from_stored(text: String) -> Self {
        Self(text)
    }

    /// The target as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for AuditTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An audit entry about to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEntry {
    /// Who acted; `None` for the system itself (background jobs).
    pub actor: Option<UserId>,
    /// What they did.
    pub action: AuditAction,
    /// What they did it to.
    pub target: AuditTarget,
    /// Details worth keeping (old and new values, reasons), as JSON.
    pub detail: serde_json::Value,
    /// When.
    pub at: OffsetDateTime,
}

impl NewAuditEntry {
    /// An entry for an action by `actor`.
    pub fn by(
        actor: UserId,
        action: AuditAction,
        target: AuditTarget,
        detail: serde_json::Value,
        at: OffsetDateTime,
    ) -> Self {
        Self {
            actor: Some(actor),
            action,
            target,
            detail,
            at,
        }
    }
}

/// A stored audit entry.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    /// Its id.
    pub id: AuditEntryId,
    /// Who acted; `None` for the system.
    pub actor: Option<UserId>,
    /// What they did.
    pub action: AuditAction,
    /// What they did it to.
    pub target: AuditTarget,
    /// Details, as JSON.
    pub detail: serde_json::Value,
    /// When.
    pub at: OffsetDateTime,
}

/// Why text is not an action filter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an action (like member.block) or a family of actions (like member.)")]
pub struct AuditActionFilterError(pub String);

/// Which actions to list: one action (`member.block`) or, ending in a dot, every action of a
/// family (`member.`). 1 to 64 of `a-z`, `0-9`, `_` and `.`; a family has no `_`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AuditActionFilter(String);

impl AuditActionFilter {
    /// Checks a filter typed by an admin.
    pub fn parse(raw: &str) -> Result<Self, AuditActionFilterError> {
        let raw = raw.trim();
        let chars_ok = raw
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.');
        let family_ok = !raw.ends_with('.') || !raw.contains('_');
        if raw.is_empty() || raw.len() > 64 || raw.starts_with('.') || !chars_ok || !family_ok {
            return Err(AuditActionFilterError(raw.to_owned()));
        }
        Ok(Self(raw.to_owned()))
    }

    /// Whether it names a family (`member.`) rather than one action.
    pub fn is_family(&self) -> bool {
        self.0.ends_with('.')
    }

    /// Whether `action` passes the filter.
    pub fn matches(&self, action: &AuditAction) -> bool {
        if self.is_family() {
            action.as_str().starts_with(&self.0)
        } else {
            action.as_str() == self.0
        }
    }

    /// The filter as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for AuditActionFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which entries to list; `None` fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// Only entries by this actor.
    pub actor: Option<UserId>,
    /// Only entries about this target.
    pub target: Option<AuditTarget>,
    /// Only entries of this action or family of actions.
    pub action: Option<AuditActionFilter>,
    /// Only entries at or after this time.
    pub since: Option<OffsetDateTime>,
    /// Only entries before this time.
    pub until: Option<OffsetDateTime>,
}

/// Storage of the audit log, for writers outside a repository transaction and for readers.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait AuditLog: Send + Sync {
    /// Appends an entry.
    async fn record(&self, entry: NewAuditEntry) -> Result<AuditEntryId, StorageError>;

    /// Entries matching `query`, newest first.
    async fn list(&self, query: AuditQuery, page: PageRequest) -> Result<Page<AuditEntry>, StorageError>;

    /// Every action the log holds at least one entry of, in name order.
    async fn actions(&self) -> Result<Vec<AuditAction>, StorageError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_filters_name_one_action_or_a_family() {
        let family = AuditActionFilter::parse("member.").unwrap();
        assert!(family.is_family());
        assert!(family.matches(&AuditAction::new("member.block")));
        assert!(!family.matches(&AuditAction::new("members.block")));
        let one = AuditActionFilter::parse(" panel.restart_xray ").unwrap();
        assert!(one.matches(&AuditAction::new("panel.restart_xray")));
        assert!(!one.matches(&AuditAction::new("panel.restart_xray2")));
        for bad in ["", ".", "Member.", "a b", "x%", "re_x.", &"a".repeat(65)] {
            assert!(AuditActionFilter::parse(bad).is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn targets_name_their_kind_and_id() {
        assert_eq!(AuditTarget::receipt(ReceiptId::new(7)).as_str(), "receipt:7");
        assert_eq!(AuditTarget::user(UserId::new(42)).to_string(), "user:42");
        let key = SettingKey::new("shop.name").unwrap();
        assert_eq!(AuditTarget::setting(&key).as_str(), "setting:shop.name");
    }
}
