//! What the orders use cases need from outside: storage of plans, codes, orders and test
//! claims, and a narrow view of inventory for provisioning.

use async_trait::async_trait;
use inventory::{Allocation, ClientAccount, ClientLimits, Provisioned};
use kernel::{
    ClientAccountId, DiscountCodeId, LocationId, Money, OrderId, Page, PageRequest, PlanId, StorageError, TelegramId,
    TrackingCode, UserId,
};
use members::NewAuditEntry;
use time::OffsetDateTime;

use crate::{
    Discount, DiscountCode, DiscountStatus, DiscountTerms, DiscountUseRecord, NewDiscount, NewOrder, NewPlan, Order,
    OrderChange, OrderStatus, Plan,
};

/// Plans on file.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait PlanRepo: Send + Sync {
    /// Stores a new plan with its locations and writes `audit`, in one transaction.
    async fn insert_plan(&self, plan: &NewPlan, audit: Option<NewAuditEntry>) -> Result<Plan, StorageError>;
    /// Replaces a plan's definition and locations and writes `audit`, in one transaction;
    /// `NotFound` if it does not exist.
    async fn update_plan(&self, plan: &Plan, audit: Option<NewAuditEntry>) -> Result<(), StorageError>;
    /// One plan.
    async fn plan(&self, id: PlanId) -> Result<Option<Plan>, StorageError>;
    /// Every plan (`active_only`: only those on sale), by id.
    async fn plans(&self, active_only: bool) -> Result<Vec<Plan>, StorageError>;
    /// Active plans sold at `location`, by id.
    async fn plans_at(&self, location: LocationId) -> Result<Vec<Plan>, StorageError>;
}

/// Discount codes on file.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait DiscountRepo: Send + Sync {
    /// Stores a new code and writes `audit`, in one transaction; `Conflict` if the code exists.
    async fn insert_discount(
        &self,
        discount: &NewDiscount,
        audit: Option<NewAuditEntry>,
    ) -> Result<Discount, StorageError>;
    /// One code by id.
    async fn discount(&self, id: DiscountCodeId) -> Result<Option<Discount>, StorageError>;
    /// One code by what buyers type.
    async fn discount_by_code(&self, code: &DiscountCode) -> Result<Option<Discount>, StorageError>;
    /// Switches a code on or off and writes `audit`, in one transaction; `NotFound` if it does
    /// not exist.
    async fn set_discount_status(
        &self,
        id: DiscountCodeId,
        status: DiscountStatus,
        audit: Option<NewAuditEntry>,
    ) -> Result<(), StorageError>;
    /// Replaces a code's rules (its uses so far stay) and writes `audit`, in one transaction;
    /// `NotFound` if it does not exist.
    async fn update_discount(
        &self,
        id: DiscountCodeId,
        terms: &DiscountTerms,
        audit: NewAuditEntry,
    ) -> Result<(), StorageError>;
    /// Codes, newest first.
    async fn discounts(&self, page: PageRequest) -> Result<Page<Discount>, StorageError>;
    /// How many recorded uses of `code` `buyer` holds (paid orders not refunded).
    async fn uses_by(&self, code: DiscountCodeId, buyer: UserId) -> Result<u32, StorageError>;
    /// The recorded uses of `code`, newest first.
    async fn uses(&self, code: DiscountCodeId, page: PageRequest) -> Result<Page<DiscountUseRecord>, StorageError>;
}

/// Free test-plan claims (one per user and test plan, enforced by a UNIQUE index).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait TestAccountRepo: Send + Sync {
    /// Whether `user` already claimed (and still holds) the test plan `plan`.
    async fn has_claimed_test(&self, user: UserId, plan: PlanId) -> Result<bool, StorageError>;
}

/// Why applying an order change (or another order write) did nothing.
#[derive(Debug, thiserror::Error)]
pub enum OrderWriteError {
    /// No such order.
    #[error("order not found")]
    NotFound,
    /// The order is no longer in the status the change moves it from (someone else moved it
    /// meanwhile); nothing changed.
    #[error("the order is {current}")]
    WrongStatus {
        /// Its status now.
        current: OrderStatus,
    },
    /// A renewal's account no longer holds the limits the renewal was computed from (another
    /// renewal of it was stored meanwhile); nothing changed: read it again and renew on top.
    #[error("the account changed meanwhile")]
    Stale,
    /// The wallet holds less than the amount; nothing changed.
    #[error("insufficient funds")]
    InsufficientFunds {
        /// The amount to pay.
        needed: Money,
        /// The wallet's balance.
        balance: Money,
    },
    /// The discount code was disabled or used up meanwhile; nothing changed.
    #[error("the discount code can no longer be used")]
    DiscountUnavailable,
    /// The buyer has used the discount code as often as one buyer may (another payment of
    /// theirs took the last use meanwhile); nothing changed.
    #[error("the buyer has used the discount code {limit} times already")]
    DiscountUsedByBuyer {
        /// Uses one buyer may make.
        limit: u32,
    },
    /// The user already holds a claim on this test plan; nothing changed.
    #[error("the free test was already claimed")]
    TestAlreadyClaimed,
    /// Storage failed; nothing changed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Orders on file. A status moves only by [`OrderRepo::apply`] with a change the domain
/// decided, guarded by the status it moves from, so two racing callers cannot both move it.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait OrderRepo: Send + Sync {
    /// Stores a pending order; `Conflict` if the tracking code is taken (retry with another).
    async fn insert_order(&self, order: &NewOrder) -> Result<Order, StorageError>;
    /// One order.
    async fn order(&self, id: OrderId) -> Result<Option<Order>, StorageError>;
    /// One order by its tracking code.
    async fn order_by_tracking(&self, tracking: &TrackingCode) -> Result<Option<Order>, StorageError>;
    /// A user's orders, newest first.
    async fn orders_of(&self, user: UserId, page: PageRequest) -> Result<Page<Order>, StorageError>;
    /// Applies a change the domain decided ([`OrderChange`]) in ONE transaction: the
    /// conditional `UPDATE … SET status = <to> WHERE id AND status = <from>`, and only when that
    /// moved the row, everything the change carries (debit or refund under its key, discount
    /// use, test claim, the delivered account or renewed limits, notices). When the order was
    /// no longer `from`, nothing changes and the answer is [`OrderWriteError::WrongStatus`]
    /// with its status now; any other refusal also leaves everything as it was.
    async fn apply(&self, change: &OrderChange) -> Result<Order, OrderWriteError>;
    /// Stores the panel identity reserved for a paid purchase. If one is stored already, keeps
    /// it; the returned order holds the allocation to use.
    async fn record_allocation(
        &self,
        id: OrderId,
        allocation: &Allocation,
        at: OffsetDateTime,
    ) -> Result<Order, OrderWriteError>;
    /// Takes the delivery of the paid order `id` for `owner` until `until`, when nobody holds it
    /// or its holder's deadline is not after `now`, and counts one delivery attempt. Returns
    /// the order as it stands with the attempt's number when `owner` now holds it (no attempt
    /// when another run holds it or the order is not paid); `None` when there is no such order.
    async fn claim_delivery(
        &self,
        id: OrderId,
        owner: &str,
        now: OffsetDateTime,
        until: OffsetDateTime,
    ) -> Result<Option<DeliveryClaim>, StorageError>;
    /// Gives `owner`'s hold on the delivery of `id` up (nothing when it does not hold it). An
    /// order that closes (fulfilled, failed, expired) is held by nobody from then on.
    async fn release_delivery(&self, id: OrderId, owner: &str) -> Result<(), StorageError>;
    /// Up to `limit` orders in `status` that entered it before `before` (pending: created,
    /// paid: paid), oldest first.
    async fn stale(&self, status: OrderStatus, before: OffsetDateTime, limit: u64) -> Result<Vec<Order>, StorageError>;
}

/// What taking an order's delivery found ([`OrderRepo::claim_delivery`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryClaim {
    /// The order as it stands (with this run's attempt counted when it took the delivery).
    pub order: Order,
    /// The attempt's number when this run now holds the delivery; `None` when another run
    /// holds it or the order is not paid.
    pub attempt: Option<u32>,
}

/// A provisioning failure, classified by whether trying again may help.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ProvisionError {
    /// What went wrong, for logs and the failure reason.
    pub message: String,
    /// Whether the same call may succeed later (panel briefly down).
    pub retryable: bool,
    /// The panel holds somebody else's client under the order's name: the saga leaves it
    /// untouched, refunds the order and tells the admins.
    pub foreign: bool,
}

impl ProvisionError {
    /// A failure that retrying will not fix.
    pub fn permanent(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            retryable: false,
            foreign: false,
        }
    }

    /// The panel already holds a client with the allocated name but another key.
    pub fn foreign(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            retryable: false,
            foreign: true,
        }
    }

    /// A failure that may pass.
    pub fn transient(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            retryable: true,
            foreign: false,
        }
    }
}

/// The part of inventory the purchase saga uses. Implemented for
/// [`inventory::AccountService`]; every call is idempotent for the same allocation.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait Provisioner: Send + Sync {
    /// Whether `location` can take a new client now (asked before a purchase is ordered).
    async fn has_room(&self, location: LocationId) -> Result<bool, ProvisionError>;
    /// Reserves an inbound and a deterministic client identity in `location`.
    async fn allocate(&self, location: LocationId) -> Result<Allocation, ProvisionError>;
    /// Creates (or finds) the client on its panel.
    async fn provision(
        &self,
        allocation: &Allocation,
        limits: &ClientLimits,
        telegram: TelegramId,
    ) -> Result<Provisioned, ProvisionError>;
    /// Removes the client from its panel if it is there.
    async fn release(&self, allocation: &Allocation) -> Result<(), ProvisionError>;
    /// Sets a client's traffic and expiry on its panel.
    async fn apply_limits(&self, account: &ClientAccount, limits: &ClientLimits) -> Result<(), ProvisionError>;
    /// One client account.
    async fn account(&self, id: ClientAccountId) -> Result<Option<ClientAccount>, ProvisionError>;
}
