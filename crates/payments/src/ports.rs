//! What the payments area needs from storage.

use async_trait::async_trait;
use kernel::{Page, PageRequest, StorageError, TelegramId, UserId};
use time::OffsetDateTime;

use crate::{NewPayment, Payment, PaymentId, PaymentStatus, PaymentTransition, Provider};

/// What applying a transition did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettleOutcome {
    /// The row changed (and the wallet was credited for a settlement): the payment now.
    Applied(Payment),
    /// Someone else moved it first; nothing changed: the payment as the winner left it.
    Refused(Payment),
    /// No such payment.
    NotFound,
    /// A refund's debit is larger than the wallet holds now; nothing changed.
    BalanceTooLow(kernel::Money),
}

/// Which payments to list; `None` fields match everything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PaymentQuery {
    /// Only this status.
    pub status: Option<PaymentStatus>,
    /// Only this provider.
    pub provider: Option<Provider>,
    /// Only this payer's.
    pub user: Option<UserId>,
}

/// Storage of gateway payments.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait PaymentRepo: Send + Sync {
    /// Stores a new payment with status `created`.
    async fn create(&self, payment: &NewPayment) -> Result<Payment, StorageError>;

    /// Records what the provider answered at creation (its id and the pay link). A provider
    /// id another payment of the same provider already holds is `Conflict`.
    async fn set_checkout(
        &self,
        id: PaymentId,
        provider_ref: Option<String>,
        pay_url: &str,
    ) -> Result<Payment, StorageError>;

    /// The payment with this id.
    async fn get(&self, id: PaymentId) -> Result<Option<Payment>, StorageError>;

    /// The payment a provider knows by `provider_ref`.
    async fn find_by_ref(&self, provider: Provider, provider_ref: &str) -> Result<Option<Payment>, StorageError>;

    /// Payments matching `query`, newest first.
    async fn list(&self, query: PaymentQuery, page: PageRequest) -> Result<Page<Payment>, StorageError>;

    /// Up to `limit` payments still `created` and created at or before `before`, oldest first.
    async fn open_before(&self, before: OffsetDateTime, limit: u64) -> Result<Vec<Payment>, StorageError>;

    /// Applies a transition in ONE transaction, exactly once however many callers race:
    /// `UPDATE … WHERE id AND status = from`; when that changed the row, the credit under its
    /// key and the notices. Otherwise changes nothing and returns `Refused` with the payment
    /// as the winner left it.
    async fn apply(&self, transition: &PaymentTransition) -> Result<SettleOutcome, StorageError>;
}

/// Who to give a payment back to at a provider that pays Telegram users (Stars).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait PayerDirectory: Send + Sync {
    /// The Telegram id of `user`, if they exist.
    async fn telegram_id(&self, user: UserId) -> Result<Option<TelegramId>, StorageError>;
}
