//! The `AccountRepo` port: storage of client accounts, their usage, keys, extensions and
//! transfers (location switches).

use async_trait::async_trait;
use kernel::{ClientAccountId, CountLimit, PanelId, StorageError, TransferId, UserId};
use time::OffsetDateTime;

use crate::{
    AccountCounts, AccountStatus, AccountTransfer, ClientAccount, ExtendedLimits, NewClientAccount, NewTransfer,
    Provisioned, UsageUpdate,
};

/// Storage of client accounts. `NotFound` for an unknown id, `Conflict` when a uniqueness rule
/// (client name or email) refuses a write.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait AccountRepo: Send + Sync {
    /// Stores a client account (Active). `Conflict` if its name or email exists.
    async fn insert_account(&self, account: &NewClientAccount) -> Result<ClientAccount, StorageError>;

    /// One client account.
    async fn account(&self, id: ClientAccountId) -> Result<ClientAccount, StorageError>;

    /// A user's accounts, newest first.
    async fn accounts_of(&self, user: UserId) -> Result<Vec<ClientAccount>, StorageError>;

    /// The simultaneous-IP limit an account was sold with.
    async fn account_ip_limit(&self, id: ClientAccountId) -> Result<CountLimit, StorageError>;

    /// An admin's extension, in one transaction: stores `limits` (traffic limit, expiry,
    /// status) on the account only while it still holds the traffic limit and expiry of
    /// `snapshot` (what they were computed from), with the owner's notice and the audit entry.
    /// `Ok(None)` and nothing written when the account changed meanwhile.
    async fn extend_account(
        &self,
        snapshot: &ClientAccount,
        limits: &ExtendedLimits,
        notice: &notify::NewNotice,
        audit: &members::NewAuditEntry,
        at: OffsetDateTime,
    ) -> Result<Option<ClientAccount>, StorageError>;

    /// Records traffic read from the panel and the resulting status.
    async fn record_usage(
        &self,
        id: ClientAccountId,
        used_bytes: u64,
        status: AccountStatus,
        at: OffsetDateTime,
    ) -> Result<ClientAccount, StorageError>;

    /// Sets an account's status.
    async fn set_account_status(
        &self,
        id: ClientAccountId,
        status: AccountStatus,
        at: OffsetDateTime,
    ) -> Result<ClientAccount, StorageError>;

    /// Stores an account's new client key and the links the panel gives for it ("new link").
    async fn replace_account_key(
        &self,
        id: ClientAccountId,
        client_uuid: &str,
        links: &Provisioned,
        at: OffsetDateTime,
    ) -> Result<ClientAccount, StorageError>;

    /// Records a transfer (see [`NewTransfer`]) in one transaction and returns the transfer row
    /// and the new account. `Conflict` if the old account is no longer Active (someone moved
    /// it first).
    async fn complete_transfer(&self, transfer: &NewTransfer)
    -> Result<(AccountTransfer, ClientAccount), StorageError>;

    /// Transfers whose old client may still be on its old panel (its removal was never
    /// recorded), oldest first, at most `limit`: each transfer with the moved (Switched)
    /// account.
    async fn pending_old_client_removals(&self, limit: u64)
    -> Result<Vec<(TransferId, ClientAccountId)>, StorageError>;

    /// Records that a transfer's old client is gone from its panel. Marking again keeps the
    /// first time; `NotFound` for an unknown transfer.
    async fn mark_old_client_removed(&self, id: TransferId, at: OffsetDateTime) -> Result<(), StorageError>;

    /// Stores usage read from panels, in batches (one transaction per few hundred accounts).
    /// Unknown ids are skipped.
    async fn record_usages(&self, updates: &[UsageUpdate], at: OffsetDateTime) -> Result<(), StorageError>;

    /// Every account on a panel's inbounds, whatever its status.
    async fn accounts_of_panel(&self, id: PanelId) -> Result<Vec<ClientAccount>, StorageError>;

    /// How many accounts were sold on a panel's inbounds.
    async fn panel_account_counts(&self, id: PanelId) -> Result<AccountCounts, StorageError>;
}
