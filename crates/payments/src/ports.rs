//! What the payments area needs from storage.

use async_trait::async_trait;
use kernel::{OrderId, Page, PageRequest, StorageError, TelegramId, UserId};
use members::NewAuditEntry;
use notify::NewNotice;
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

    /// Up to `limit` paid payments for an order whose order step is not finished, credited
    /// at or before `before`, oldest first.
    async fn orders_to_pay(&self, before: OffsetDateTime, limit: u64) -> Result<Vec<Payment>, StorageError>;

    /// Finishes payment `id`'s order step with `notices`, in one transaction, once: `false`
    /// (nothing written) when it was already finished.
    async fn finish_order(
        &self,
        id: PaymentId,
        notices: &[NewNotice],
        at: OffsetDateTime,
    ) -> Result<bool, StorageError>;

    /// Writes `notices` and `audit` in one transaction (a reconciliation run's summary).
    async fn record(
        &self,
        notices: &[NewNotice],
        audit: Option<NewAuditEntry>,
        at: OffsetDateTime,
    ) -> Result<(), StorageError>;
}

/// What paying a payment's order from the wallet came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderPayment {
    /// Paid (or it already was); the purchase saga delivers it and tells the buyer.
    Paid,
    /// It cannot be paid any more (expired, failed, or the balance no longer covers it): the
    /// money stays in the wallet.
    NotPayable {
        /// The order's tracking code, for the buyer's notice.
        tracking: Option<String>,
    },
}

/// Pays an order from the buyer's wallet through the purchase saga (implemented over the
/// orders service by the wiring).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait OrderPayer: Send + Sync {
    /// Pays `user`'s `order` from the wallet and delivers it; an order already paid is left
    /// as it is (paying twice debits once). `Err` is a temporary failure, tried again later.
    async fn pay_order(&self, user: UserId, order: OrderId) -> Result<OrderPayment, StorageError>;
}

/// Who to give a payment back to at a provider that pays Telegram users (Stars).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait PayerDirectory: Send + Sync {
    /// The Telegram id of `user`, if they exist.
    async fn telegram_id(&self, user: UserId) -> Result<Option<TelegramId>, StorageError>;
}
