//! What the receipts area needs from storage.

use async_trait::async_trait;
use kernel::{BankCardId, IdempotencyKey, Page, PageRequest, ReceiptId, StorageError, TrackingCode, UserId};
use members::NewAuditEntry;
use notify::NewNotice;
use time::OffsetDateTime;

use crate::{BankCard, BankCardUpdate, CardLoad, NewBankCard, NewReceipt, Receipt, ReceiptStatus, RejectReason};

/// An admin's approval, carried out by [`ReceiptRepo::approve`].
#[derive(Debug, Clone, PartialEq)]
pub struct ApproveReceipt {
    /// The receipt.
    pub receipt: ReceiptId,
    /// The approving admin.
    pub admin: UserId,
    /// Now; the receipt must not have expired by then.
    pub at: OffsetDateTime,
    /// The key of the wallet credit (`receipt:<id>:approve`).
    pub key: IdempotencyKey,
    /// Notices to write with the approval.
    pub notices: Vec<NewNotice>,
    /// The audit entry to write with the approval.
    pub audit: NewAuditEntry,
}

/// An admin's rejection, carried out by [`ReceiptRepo::reject`].
#[derive(Debug, Clone, PartialEq)]
pub struct RejectReceipt {
    /// The receipt.
    pub receipt: ReceiptId,
    /// The rejecting admin.
    pub admin: UserId,
    /// Now; the receipt must not have expired by then.
    pub at: OffsetDateTime,
    /// Why, for the payer.
    pub reason: RejectReason,
    /// Notices to write with the rejection.
    pub notices: Vec<NewNotice>,
    /// The audit entry to write with the rejection.
    pub audit: NewAuditEntry,
}

/// The expiry of one overdue receipt, carried out by [`ReceiptRepo::expire`].
#[derive(Debug, Clone, PartialEq)]
pub struct ExpireReceipt {
    /// The receipt.
    pub receipt: ReceiptId,
    /// Now; the receipt's deadline must have passed by then.
    pub at: OffsetDateTime,
    /// Notices to write with the expiry.
    pub notices: Vec<NewNotice>,
}

/// What a conditional status change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionOutcome {
    /// The change was made; the receipt as it is now.
    Applied(Receipt),
    /// The receipt was not in a state that allowed it (decided by someone else, or its
    /// deadline was on the wrong side of `at`); nothing changed. The receipt as it is now.
    Refused(Receipt),
    /// No such receipt.
    NotFound,
}

/// Which receipts to list; `None` fields match everything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReceiptQuery {
    /// Only this status.
    pub status: Option<ReceiptStatus>,
    /// Only this payer's.
    pub user: Option<UserId>,
    /// Only receipts for this card.
    pub card: Option<BankCardId>,
}

/// Storage of receipts.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait ReceiptRepo: Send + Sync {
    /// Stores a pending receipt and, in the same transaction, writes
    /// `Notice::ReceiptSubmitted { receipt, tracking, amount }` for the admins.
    /// A tracking code already taken is `Conflict` (the caller retries with a new code).
    async fn submit(&self, receipt: &NewReceipt) -> Result<Receipt, StorageError>;

    /// The receipt with this id.
    async fn get(&self, id: ReceiptId) -> Result<Option<Receipt>, StorageError>;

    /// The receipt with this tracking code.
    async fn find_by_tracking(&self, code: &TrackingCode) -> Result<Option<Receipt>, StorageError>;

    /// Receipts matching `query`, newest first.
    async fn list(&self, query: ReceiptQuery, page: PageRequest) -> Result<Page<Receipt>, StorageError>;

    /// In ONE transaction, exactly once however many callers race: changes the receipt from
    /// pending to approved only if it is still pending and `expires_at > at`; credits the
    /// payer's wallet with the receipt's amount (ledger kind deposit, key `key`); writes
    /// `notices` and `audit`. Otherwise changes nothing and returns `Refused`.
    async fn approve(&self, command: &ApproveReceipt) -> Result<DecisionOutcome, StorageError>;

    /// In ONE transaction: pending → rejected (with the reason) only if still pending and
    /// `expires_at > at`, plus `notices` and `audit`; otherwise `Refused`.
    async fn reject(&self, command: &RejectReceipt) -> Result<DecisionOutcome, StorageError>;

    /// Up to `limit` pending receipts whose deadline is at or before `now`, oldest first.
    async fn due_for_expiry(&self, now: OffsetDateTime, limit: u64) -> Result<Vec<Receipt>, StorageError>;

    /// In ONE transaction: pending → expired only if still pending and `expires_at <= at`,
    /// plus `notices`; otherwise `Refused`.
    async fn expire(&self, command: &ExpireReceipt) -> Result<DecisionOutcome, StorageError>;

    /// For every card with receipts: how many are pending and how many were submitted at or
    /// after `since`.
    async fn card_loads(&self, since: OffsetDateTime) -> Result<Vec<CardLoad>, StorageError>;
}

/// Storage of bank cards. The number is stored encrypted.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait BankCardRepo: Send + Sync {
    /// Stores a new active card (current if `current`, clearing the flag elsewhere) and writes
    /// `audit` with its target set to the new card's id, in one transaction.
    async fn add(
        &self,
        card: &NewBankCard,
        current: bool,
        at: OffsetDateTime,
        audit: NewAuditEntry,
    ) -> Result<BankCard, StorageError>;

    /// The card with this id.
    async fn get(&self, id: BankCardId) -> Result<Option<BankCard>, StorageError>;

    /// Every card, active or not, by id.
    async fn list(&self) -> Result<Vec<BankCard>, StorageError>;

    /// Applies one change and writes `audit`, in one transaction (`MakeCurrent` also clears
    /// the flag on every other card); `NotFound` if there is no such card.
    async fn update(
        &self,
        id: BankCardId,
        update: &BankCardUpdate,
        audit: NewAuditEntry,
    ) -> Result<BankCard, StorageError>;
}
