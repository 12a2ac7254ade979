//! The domain's decisions about an order as typed changes (hyperswitch's update enums are the
//! model). Each [`OrderChange`] names the status the order moves from (the store's guard: a
//! conditional `UPDATE … WHERE status = <from>`), the status it moves to (checked against
//! [`OrderStatus::check`]) and everything that moves with it: the wallet debit or refund, the
//! discount use (with the buyer's limit), the free-test claim, what is delivered, and whom to tell. A change can only be
//! built here, by [`Order::pay`], [`Order::fulfil`], [`Order::fail`], [`Order::give_up`] and
//! [`Order::expire`]; the store applies it in one transaction and cannot write a status of its
//! own choosing.

use inventory::{ClientAccount, ClientLimits, NewClientAccount};
use kernel::{DiscountCodeId, IdempotencyKey, Money, OrderId, PlanId, UserId};
use members::NewAuditEntry;
use time::OffsetDateTime;

use crate::{Discount, DiscountUse, IllegalTransition, Order, OrderKind, OrderStatus};

/// A wallet movement an order step makes, exactly once under its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    /// Whose wallet.
    pub user: UserId,
    /// How much (never zero: a free order moves no money).
    pub amount: Money,
    /// `order:<id>:debit` or `order:<id>:refund`.
    pub key: IdempotencyKey,
    /// The ledger note.
    pub note: String,
}

/// A free-test claim (one per user and test plan, enforced by a unique index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestClaim {
    /// The claimant.
    pub user: UserId,
    /// The test plan.
    pub plan: PlanId,
}

/// What paying moves besides the status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    /// The debit (none for a free order).
    pub debit: Option<Charge>,
    /// The use of the discount code recorded (only while the code is active, under its
    /// limit and under the buyer's limit).
    pub discount_use: Option<DiscountUse>,
    /// The free-test claim recorded.
    pub test_claim: Option<TestClaim>,
    /// Whether the admins get the "new order paid" alert (a paid order, not a free test).
    pub alert_admins: bool,
}

/// What a fulfilment delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivered {
    /// A new client account, stored with the order's move.
    Account(NewClientAccount),
    /// A renewal: the account's new limits, stored only if the account still holds the
    /// snapshot they were computed from (otherwise nothing changes: it was renewed meanwhile).
    Renewal {
        /// The account as it was read.
        snapshot: ClientAccount,
        /// Its limits after the renewal.
        limits: ClientLimits,
    },
}

/// What giving a paid order up undoes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refund {
    /// The money back (none for a free order).
    pub credit: Option<Charge>,
    /// The amount the buyer is told came back (zero for a free order).
    pub amount: Money,
    /// The discount code whose use is given back (its count, and the order's recorded use).
    pub discount_return: Option<DiscountCodeId>,
    /// Whether the free-test claim is freed (a test never delivered can be claimed again).
    pub free_test_claim: bool,
}

/// Why and how an order is given up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Why, for the buyer and support.
    pub reason: String,
    /// For a paid order: what goes back (and the buyer is told); none for a pending one.
    pub refund: Option<Refund>,
    /// Whether the admins get a "needs attention" notice.
    pub tell_admins: bool,
}

/// The effect of a decided step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderEffect {
    /// `Pending → Paid`.
    Pay(Payment),
    /// `Paid → Fulfilled`; the buyer is told, and warned when the balance left is below what the
    /// order cost.
    Fulfil(Delivered),
    /// `Pending → Failed` or `Paid → Failed` (with its refund).
    Fail(Failure),
    /// `Pending → Expired`; nothing else moves.
    Expire,
}

/// A transition the domain decided, with everything that moves with it. Built only by the
/// [`Order`] methods here; the store applies it under its `from` guard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderChange {
    order: OrderId,
    buyer: UserId,
    tracking: String,
    amount: Money,
    kind: OrderKind,
    from: OrderStatus,
    to: OrderStatus,
    at: OffsetDateTime,
    effect: OrderEffect,
    audit: Option<NewAuditEntry>,
}

impl OrderChange {
    /// The order.
    pub fn order(&self) -> OrderId {
        self.order
    }
    /// The buyer (whom notices go to).
    pub fn buyer(&self) -> UserId {
        self.buyer
    }
    /// The order's tracking code, for notices.
    pub fn tracking(&self) -> &str {
        &self.tracking
    }
    /// What the order costs.
    pub fn amount(&self) -> Money {
        self.amount
    }
    /// Purchase or renewal.
    pub fn kind(&self) -> OrderKind {
        self.kind
    }
    /// The status the order must still have (the guard).
    pub fn from(&self) -> OrderStatus {
        self.from
    }
    /// The status it gets.
    pub fn to(&self) -> OrderStatus {
        self.to
    }
    /// When.
    pub fn at(&self) -> OffsetDateTime {
        self.at
    }
    /// What moves with it.
    pub fn effect(&self) -> &OrderEffect {
        &self.effect
    }
    /// The audit entry written in the change's transaction (an admin's decision, such as a
    /// superadmin's refund); none for the saga's own steps.
    pub fn audit(&self) -> Option<&NewAuditEntry> {
        self.audit.as_ref()
    }

    /// The same change with `entry` written in its transaction.
    pub(crate) fn with_audit(mut self, entry: NewAuditEntry) -> Self {
        self.audit = Some(entry);
        self
    }
}

impl Order {
    fn change(
        &self,
        to: OrderStatus,
        at: OffsetDateTime,
        effect: OrderEffect,
    ) -> Result<OrderChange, IllegalTransition> {
        self.status.check(to)?;
        Ok(OrderChange {
            order: self.id,
            buyer: self.user,
            tracking: self.tracking.as_str().to_owned(),
            amount: self.amount(),
            kind: self.kind,
            from: self.status,
            to,
            at,
            effect,
            audit: None,
        })
    }

    fn charge(&self, step: &str, note: String) -> Result<Option<Charge>, IllegalTransition> {
        if self.amount().is_zero() {
            return Ok(None);
        }
        // An order id always makes a valid key; refuse the move rather than panic if not.
        let key = IdempotencyKey::for_step("order", self.id, step).map_err(|_| IllegalTransition {
            from: self.status,
            to: self.status,
        })?;
        Ok(Some(Charge {
            user: self.user,
            amount: self.amount(),
            key,
            note,
        }))
    }

    /// Pays a pending order: debit `order:<id>:debit`, one use of its discount code `code`
    /// (as read now: its per-buyer limit goes with the use), the test claim of a free test,
    /// and the admins' alert for a paid order.
    pub fn pay(&self, at: OffsetDateTime, code: Option<&Discount>) -> Result<OrderChange, IllegalTransition> {
        self.status.check(OrderStatus::Paid)?;
        let debit = self.charge("debit", format!("order {}", self.tracking))?;
        let discount_use = self.pricing.discount_code.map(|id| DiscountUse {
            code: id,
            buyer: self.user,
            amount: self.pricing.discount,
            per_user_limit: code.filter(|d| d.id == id).and_then(|d| d.terms.per_user_limit()),
        });
        let payment = Payment {
            alert_admins: debit.is_some() && !self.is_test,
            debit,
            discount_use,
            test_claim: self.is_test.then_some(TestClaim {
                user: self.user,
                plan: self.plan,
            }),
        };
        self.change(OrderStatus::Paid, at, OrderEffect::Pay(payment))
    }

    /// Delivers a paid order.
    pub fn fulfil(&self, delivered: Delivered, at: OffsetDateTime) -> Result<OrderChange, IllegalTransition> {
        self.change(OrderStatus::Fulfilled, at, OrderEffect::Fulfil(delivered))
    }

    /// Gives an order up for `reason`; a paid one is refunded (money, discount use, test claim).
    pub fn fail(&self, reason: &str, at: OffsetDateTime) -> Result<OrderChange, IllegalTransition> {
        self.failure(reason, at, false)
    }

    /// Like [`Order::fail`], and the admins are told (delivery given up after its bounded
    /// attempts, or a foreign client on the panel).
    pub fn give_up(&self, reason: &str, at: OffsetDateTime) -> Result<OrderChange, IllegalTransition> {
        self.failure(reason, at, true)
    }

    fn failure(&self, reason: &str, at: OffsetDateTime, tell_admins: bool) -> Result<OrderChange, IllegalTransition> {
        self.status.check(OrderStatus::Failed)?;
        let refund = if self.status == OrderStatus::Paid {
            Some(Refund {
                credit: self.charge("refund", format!("order {}: {reason}", self.tracking))?,
                amount: self.amount(),
                discount_return: self.pricing.discount_code,
                free_test_claim: self.is_test,
            })
        } else {
            None
        };
        let failure = Failure {
            reason: reason.to_owned(),
            refund,
            tell_admins,
        };
        self.change(OrderStatus::Failed, at, OrderEffect::Fail(failure))
    }

    /// Expires a pending order nobody paid.
    pub fn expire(&self, at: OffsetDateTime) -> Result<OrderChange, IllegalTransition> {
        self.change(OrderStatus::Expired, at, OrderEffect::Expire)
    }
}
