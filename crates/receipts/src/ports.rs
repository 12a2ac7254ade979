//! What the receipts area needs from storage.

use std::collections::BTreeSet;

use async_trait::async_trait;
use kernel::{BankCardId, Money, Page, PageRequest, ReceiptId, StorageError, TrackingCode, UserId};
use members::NewAuditEntry;
use notify::NewNotice;
use time::OffsetDateTime;

use crate::{
    BankCard, BankCardUpdate, CardLoad, NewBankCard, NewReceipt, PhotoFileId, Receipt, ReceiptFlags, ReceiptProof,
    ReceiptStatus, ReceiptTransition,
};

/// A payer's proof for a request, stored by [`ReceiptRepo::attach_proof`].
#[derive(Debug, Clone, PartialEq)]
pub struct AttachProof {
    /// The request.
    pub receipt: ReceiptId,
    /// The status it must still have (pending, or expired for a late proof).
    pub expected: ReceiptStatus,
    /// The whole proof (earlier parts merged in).
    pub proof: ReceiptProof,
    /// The photo's `file_unique_id`.
    pub photo_unique: Option<PhotoFileId>,
    /// The receipt's flags after this proof.
    pub flags: ReceiptFlags,
    /// Now.
    pub at: OffsetDateTime,
    /// Notices to write with it.
    pub notices: Vec<NewNotice>,
}

/// What a conditional change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionOutcome {
    /// The change was made; the receipt as it is now.
    Applied(Receipt),
    /// The receipt was not in the state the change needs (decided by someone else, or its
    /// deadline was on the wrong side); nothing changed. The receipt as it is now, read after
    /// the winner committed.
    Refused(Receipt),
    /// The ledger refused the money effect (a reversal the balance no longer covers);
    /// nothing changed. The reason, for the superadmin.
    MoneyRefused(String),
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
    /// Only receipts whose amount to transfer is exactly this.
    pub amount: Option<Money>,
    /// Only receipts paying an order.
    pub for_orders: bool,
    /// Only receipts decided at or after this.
    pub decided_since: Option<OffsetDateTime>,
}

/// Storage of receipts.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait ReceiptRepo: Send + Sync {
    /// Stores an open (pending) request. A tracking code or an amount already used by an
    /// open request is `Conflict` (the caller retries with fresh ones).
    async fn open(&self, receipt: &NewReceipt) -> Result<Receipt, StorageError>;

    /// The amounts to transfer of every open request.
    async fn open_amounts(&self) -> Result<BTreeSet<Money>, StorageError>;

    /// In ONE transaction, only if the receipt still has `expected` status: stores the proof,
    /// the photo's unique id and the flags, and writes the notices; otherwise `Refused`.
    async fn attach_proof(&self, command: &AttachProof) -> Result<DecisionOutcome, StorageError>;

    /// Whether a receipt other than `except` has a photo with this `file_unique_id`.
    async fn photo_used_elsewhere(&self, unique: &PhotoFileId, except: ReceiptId) -> Result<bool, StorageError>;

    /// The receipt with this id.
    async fn get(&self, id: ReceiptId) -> Result<Option<Receipt>, StorageError>;

    /// The receipt with this tracking code.
    async fn find_by_tracking(&self, code: &TrackingCode) -> Result<Option<Receipt>, StorageError>;

    /// Receipts matching `query`, newest first.
    async fn list(&self, query: ReceiptQuery, page: PageRequest) -> Result<Page<Receipt>, StorageError>;

    /// Applies a transition in ONE transaction, exactly once however many callers race:
    /// `UPDATE … WHERE id AND status = from AND <deadline guard>`; when that changed the row,
    /// the money effect (deposit or reversal under its key; a reversal the balance cannot
    /// cover is `MoneyRefused` and nothing changes), the notices and the audit entry. Otherwise
    /// changes nothing and returns `Refused` with the receipt as the winner left it.
    async fn apply(&self, transition: &ReceiptTransition) -> Result<DecisionOutcome, StorageError>;

    /// Replaces the receipt's flags and writes `audit`, in one transaction.
    async fn set_flags(
        &self,
        id: ReceiptId,
        flags: &ReceiptFlags,
        audit: NewAuditEntry,
    ) -> Result<DecisionOutcome, StorageError>;

    /// Writes an audit entry on its own (a refused attempt).
    async fn record_audit(&self, entry: NewAuditEntry) -> Result<(), StorageError>;

    /// Up to `limit` pending receipts whose deadline is at or before `now`, oldest first.
    async fn due_for_expiry(&self, now: OffsetDateTime, limit: u64) -> Result<Vec<Receipt>, StorageError>;

    /// For every card with receipts: the amounts of its pending receipts plus the credited
    /// amounts of its approved ones, submitted at or after `day_since` and `month_since`.
    async fn card_loads(
        &self,
        day_since: OffsetDateTime,
        month_since: OffsetDateTime,
    ) -> Result<Vec<CardLoad>, StorageError>;
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

    /// Deletes a card that no receipt refers to and writes `audit`, in one transaction;
    /// `NotFound` if there is no such card, `Conflict` if receipts refer to it.
    async fn remove(&self, id: BankCardId, audit: NewAuditEntry) -> Result<(), StorageError>;
}
