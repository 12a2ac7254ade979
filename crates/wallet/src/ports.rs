//! What the wallet needs from storage.

use async_trait::async_trait;
use kernel::{IdempotencyKey, Money, Page, PageRequest, StorageError, TrackingCode, UserId};
use members::NewAuditEntry;
use notify::NewNotice;
use time::OffsetDateTime;

use crate::{LedgerEntry, Movement, MovementOutcome, Recent, WalletError};

/// Storage of balances and the ledger.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait WalletRepo: Send + Sync {
    /// In ONE transaction: moves the balance (a debit only if the balance covers it), appends
    /// the ledger row under `tracking`, writes `notices` to the outbox and `audit` (an admin's
    /// action) to the audit log.
    /// The same key again returns `Replayed` with the first entry and changes nothing (no
    /// notices either); the key reused for a different movement is `KeyReused`; a short
    /// balance is `InsufficientFunds`; a tracking code already taken (or a racing writer of the
    /// same key) is `Storage(Conflict)`, after which the caller retries with a fresh code.
    async fn apply(
        &self,
        movement: &Movement,
        tracking: &TrackingCode,
        at: OffsetDateTime,
        notices: &[NewNotice],
        audit: Option<NewAuditEntry>,
    ) -> Result<MovementOutcome, WalletError>;

    /// The current balance; `UnknownUser` if there is no such user.
    async fn balance(&self, user: UserId) -> Result<Money, WalletError>;

    /// The user's balance, newest `count` ledger rows and whether there are more, in one
    /// read (no count of every row, no separate balance read).
    async fn recent(&self, user: UserId, count: u64) -> Result<Recent, StorageError>;

    /// Ledger rows of a user, newest first.
    async fn history(&self, user: UserId, page: PageRequest) -> Result<Page<LedgerEntry>, StorageError>;

    /// The entry made under `key`, if any.
    async fn find_by_key(&self, key: &IdempotencyKey) -> Result<Option<LedgerEntry>, StorageError>;

    /// The entry with this tracking code, if any.
    async fn find_by_tracking(&self, code: &TrackingCode) -> Result<Option<LedgerEntry>, StorageError>;
}
