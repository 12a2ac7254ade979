//! Errors of the orders use cases, by what a buyer or admin can do about them.

use kernel::{ClientAccountId, DiscountCodeId, LocationId, Money, OrderId, PlanId, StorageError, UserId};
use members::{AccessError, Role};

use crate::{DiscountError, DiscountRefusal, IllegalTransition, OrderStatus, PlanError};

/// What an orders use case refused or failed with.
#[derive(Debug, thiserror::Error)]
pub enum OrderError {
    /// No such plan.
    #[error("plan {0} does not exist")]
    PlanNotFound(PlanId),
    /// The plan is off sale.
    #[error("this plan is not on sale")]
    PlanInactive,
    /// The plan is not sold at the chosen location.
    #[error("this plan is not sold at that location")]
    PlanNotSoldHere,
    /// The plan definition or the chosen volume/duration was refused.
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// The discount code was refused.
    #[error(transparent)]
    Discount(#[from] DiscountRefusal),
    /// The discount code definition was refused.
    #[error(transparent)]
    DiscountDefinition(#[from] DiscountError),
    /// A discount code with this text exists already.
    #[error("a discount code like that exists already")]
    DiscountCodeTaken,
    /// No server at the location can take a new service now; nothing was ordered.
    #[error("location {0} is sold out: no server there can take a new service now")]
    SoldOut(LocationId),
    /// The user already has their free test on this plan.
    #[error("you already used the free test of this plan")]
    TestAlreadyClaimed,
    /// Test plans give a fresh test account; they cannot renew one.
    #[error("a free test plan cannot renew an account")]
    TestPlanNotRenewable,
    /// No such order.
    #[error("order {0} does not exist")]
    OrderNotFound(OrderId),
    /// No such client account.
    #[error("account {0} does not exist")]
    AccountNotFound(ClientAccountId),
    /// The order or account belongs to someone else.
    #[error("this is not yours")]
    NotYours,
    /// The order cannot make that move.
    #[error(transparent)]
    IllegalTransition(#[from] IllegalTransition),
    /// Only a paid order can be refunded or retried by a superadmin; this one is not (or
    /// stopped being paid meanwhile). Nothing changed.
    #[error("only a paid order can be refunded or retried by hand; this one is {0}")]
    NotOverridable(OrderStatus),
    /// The order waited too long for payment and expired; order again.
    #[error("this order expired; please order again")]
    OrderExpired,
    /// The wallet holds less than the amount; top up `needed - balance`.
    #[error("insufficient funds: the order costs {needed:?}, the wallet holds {balance:?}")]
    InsufficientFunds {
        /// The amount to pay.
        needed: Money,
        /// The wallet's balance.
        balance: Money,
    },
    /// Inventory could not be reached or refused, before any money moved.
    #[error("the servers cannot be reached right now: {0}")]
    Inventory(String),
    /// No such discount code (an admin named it by id).
    #[error("discount code {0} does not exist")]
    DiscountNotFound(DiscountCodeId),
    /// A free test plan was given a price; test plans always cost nothing.
    #[error("a free test plan costs nothing; leave its price out (or 0)")]
    TestPlanPriced,
    /// The acting user does not exist.
    #[error("there is no user {0}")]
    UnknownUser(UserId),
    /// The acting user's role is too low.
    #[error("this needs the {needed} role")]
    Forbidden {
        /// The lowest role that may do it.
        needed: Role,
    },
    /// The acting user is blocked.
    #[error("this account is blocked; contact support")]
    Blocked,
    /// Storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<AccessError> for OrderError {
    fn from(e: AccessError) -> Self {
        match e {
            AccessError::UnknownUser(id) => Self::UnknownUser(id),
            AccessError::Forbidden { needed } => Self::Forbidden { needed },
            AccessError::Blocked => Self::Blocked,
            AccessError::Storage(e) => Self::Storage(e),
        }
    }
}

impl OrderError {
    /// The refusal for moving an order that is `from` to `to`.
    pub fn illegal(from: OrderStatus, to: OrderStatus) -> Self {
        Self::IllegalTransition(IllegalTransition { from, to })
    }
}
