//! The purchase and renewal saga: create (priced, discount checked) → pay (one atomic debit)
//! → allocate → provision → fulfil, or compensate with a refund. Every step is recorded on the
//! order, so [`OrderService::deliver`] can resume an order from wherever it stopped; every move
//! is an [`crate::OrderChange`] the order decided. Delivery itself is in `delivery.rs`.

use std::sync::Arc;

use kernel::{
    ClientAccountId, Clock, LocationId, OrderId, Page, PageRequest, PlanId, StorageError, TelegramId, TrackingCode,
    TrackingKind, UserId,
};
use time::{Duration, OffsetDateTime};

use crate::{
    CodedOrder, Delivery, DiscountCode, DiscountRefusal, DiscountRepo, NewOrder, Order, OrderError, OrderKind,
    OrderRepo, OrderStatus, OrderWriteError, Plan, PlanRepo, Pricing, Provisioner, Quote, Selection, TestAccountRepo,
    renewed_limits,
};

/// Knobs of the saga.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SagaPolicy {
    /// Tries of each panel call before giving up on a retryable failure (at least 1).
    pub provision_attempts: u32,
    /// How long a pending order may wait for payment before it expires.
    pub pending_ttl: Duration,
    /// How long one run holds an order's delivery (its deadline): while it holds it no other
    /// run (checkout, recovery job, another instance) delivers that order; past it another
    /// run may take over.
    pub delivery_lease: Duration,
    /// Runs that may take an order's delivery; the run after the last one refunds the order
    /// and tells the admins instead of calling the panel again.
    pub delivery_attempts: u32,
}

impl Default for SagaPolicy {
    fn default() -> Self {
        Self {
            provision_attempts: 3,
            pending_ttl: Duration::minutes(30),
            delivery_lease: Duration::minutes(3),
            delivery_attempts: 5,
        }
    }
}

/// A buyer's request for a new account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseRequest {
    /// The buyer.
    pub user: UserId,
    /// The buyer's Telegram id.
    pub telegram_id: TelegramId,
    /// The plan.
    pub plan: PlanId,
    /// Where the account should live.
    pub location: LocationId,
    /// Volume and days, for a dynamic plan.
    pub selection: Option<Selection>,
    /// A discount code, if the buyer typed one.
    pub code: Option<DiscountCode>,
}

/// A buyer's request to renew one of their accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenewRequest {
    /// The buyer.
    pub user: UserId,
    /// The buyer's Telegram id.
    pub telegram_id: TelegramId,
    /// The account to renew.
    pub account: ClientAccountId,
    /// The plan to renew with.
    pub plan: PlanId,
    /// Volume and days, for a dynamic plan.
    pub selection: Option<Selection>,
    /// A discount code, if the buyer typed one.
    pub code: Option<DiscountCode>,
}

/// What an order would deliver and cost, before it is created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Priced {
    /// Traffic, days and the plan price.
    pub quote: Quote,
    /// Price, discount, amount to pay.
    pub pricing: Pricing,
}

/// What a renewal would do, shown before any money moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenewalPreview {
    /// What it costs.
    pub priced: Priced,
    /// The account's traffic total after renewing.
    pub total_bytes: kernel::ByteLimit,
    /// The account's expiry after renewing (`None` = never).
    pub expires_at: Option<OffsetDateTime>,
}

/// Buying and renewing.
pub struct OrderService {
    pub(crate) plans: Arc<dyn PlanRepo>,
    pub(crate) discounts: Arc<dyn DiscountRepo>,
    pub(crate) orders: Arc<dyn OrderRepo>,
    pub(crate) tests: Arc<dyn TestAccountRepo>,
    pub(crate) provisioner: Arc<dyn Provisioner>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) policy: SagaPolicy,
    pub(crate) admin: Option<Arc<crate::order_override::AdminPorts>>,
}

/// Tracking-code collisions tolerated before giving up on creating an order.
const TRACKING_TRIES: usize = 3;

impl OrderService {
    /// Wires the service.
    pub fn new(
        plans: Arc<dyn PlanRepo>,
        discounts: Arc<dyn DiscountRepo>,
        orders: Arc<dyn OrderRepo>,
        tests: Arc<dyn TestAccountRepo>,
        provisioner: Arc<dyn Provisioner>,
        clock: Arc<dyn Clock>,
        policy: SagaPolicy,
    ) -> Self {
        Self {
            plans,
            discounts,
            orders,
            tests,
            provisioner,
            clock,
            policy,
            admin: None,
        }
    }

    /// What buying `request` would cost, without creating anything.
    pub async fn price(&self, request: &PurchaseRequest) -> Result<Priced, OrderError> {
        let plan = self.plan_on_sale(request.plan, request.location).await?;
        self.price_plan(&plan, request.selection, request.code.as_ref(), request.user)
            .await
    }

    /// Creates a pending order for a new account: checks the plan is on sale at the location,
    /// prices the selection, applies the discount code, and refuses a second free test claim
    /// and a location with no room ([`OrderError::SoldOut`]).
    #[tracing::instrument(skip(self), fields(user = %request.user, plan = %request.plan))]
    pub async fn create_order(&self, request: &PurchaseRequest) -> Result<Order, OrderError> {
        let plan = self.plan_on_sale(request.plan, request.location).await?;
        if plan.is_test && self.tests.has_claimed_test(request.user, plan.id).await? {
            return Err(OrderError::TestAlreadyClaimed);
        }
        self.ensure_room(request.location).await?;
        let priced = self
            .price_plan(&plan, request.selection, request.code.as_ref(), request.user)
            .await?;
        self.insert(NewOrderParts {
            user: request.user,
            telegram_id: request.telegram_id,
            plan: &plan,
            location: request.location,
            kind: OrderKind::Purchase,
            priced,
        })
        .await
    }

    /// What renewing would cost and leave on the account, before any money moves.
    pub async fn preview_renewal(&self, request: &RenewRequest) -> Result<RenewalPreview, OrderError> {
        let (plan, account) = self.renewal_target(request).await?;
        let priced = self
            .price_plan(&plan, request.selection, request.code.as_ref(), request.user)
            .await?;
        let limits = renewed_limits(&account, &priced.quote, plan.renewal, plan.ip_limit, self.clock.now());
        Ok(RenewalPreview {
            priced,
            total_bytes: limits.total_bytes,
            expires_at: limits.expires_at,
        })
    }

    /// Creates a pending renewal order for one of the buyer's accounts, with a plan sold at
    /// the account's location.
    #[tracing::instrument(skip(self), fields(user = %request.user, account = %request.account))]
    pub async fn create_renewal(&self, request: &RenewRequest) -> Result<Order, OrderError> {
        let (plan, account) = self.renewal_target(request).await?;
        let priced = self
            .price_plan(&plan, request.selection, request.code.as_ref(), request.user)
            .await?;
        self.insert(NewOrderParts {
            user: request.user,
            telegram_id: request.telegram_id,
            plan: &plan,
            location: account.location,
            kind: OrderKind::Renew {
                account: account.id,
                rule: plan.renewal,
            },
            priced,
        })
        .await
    }

    /// Pays a pending order from the buyer's wallet in one step (debit, discount use, test
    /// claim, `Pending → Paid`). Paying an order that is already paid or fulfilled returns it
    /// unchanged: a double click debits once. A short balance changes nothing.
    #[tracing::instrument(skip(self))]
    pub async fn pay(&self, user: UserId, id: OrderId) -> Result<Order, OrderError> {
        let order = self.own_order(user, id).await?;
        self.pay_read(user, order).await
    }

    /// [`OrderService::pay`] for an order the caller has just read (the Pay screen shows it
    /// first), so it is not read again. How recent the read is does not matter for money:
    /// the payment is guarded by the status it moves from, and an order paid meanwhile is
    /// answered as it is now.
    async fn pay_read(&self, user: UserId, order: Order) -> Result<Order, OrderError> {
        if order.user != user {
            return Err(OrderError::NotYours);
        }
        let id = order.id;
        match order.status {
            OrderStatus::Paid | OrderStatus::Fulfilled => return Ok(order),
            OrderStatus::Pending => {}
            other => return Err(OrderError::illegal(other, OrderStatus::Paid)),
        }
        let now = self.clock.now();
        if now - order.created_at > self.policy.pending_ttl {
            return match self.orders.apply(&order.expire(now)?).await {
                Ok(_) => Err(OrderError::OrderExpired),
                Err(OrderWriteError::WrongStatus { current }) if current.holds_money() => {
                    self.own_order(user, id).await
                }
                Err(e) => Err(write_error(id, OrderStatus::Expired, e)),
            };
        }
        let discount = match order.pricing.discount_code {
            Some(code) => {
                let discount = self.discounts.discount(code).await?.ok_or(DiscountRefusal::NotFound)?;
                discount.check_usable(now)?;
                discount.check_buyer(self.discounts.uses_by(code, order.user).await?)?;
                Some(discount)
            }
            None => None,
        };
        match self.orders.apply(&order.pay(now, discount.as_ref())?).await {
            Ok(paid) => Ok(paid),
            // A double click: the other click paid it; debited once, answered the same.
            Err(OrderWriteError::WrongStatus { current }) if current.holds_money() => self.own_order(user, id).await,
            Err(e) => Err(write_error(id, OrderStatus::Paid, e)),
        }
    }

    /// Pays, then delivers: what the buyer's "Pay" button does.
    pub async fn checkout(&self, user: UserId, id: OrderId) -> Result<Delivery, OrderError> {
        let order = self.pay(user, id).await?;
        self.deliver(order.id).await
    }

    /// [`OrderService::checkout`] of an order the caller has just read (see
    /// [`OrderService::pay`]): the buyer's own order, as the screen with the Pay button found it.
    pub async fn checkout_order(&self, user: UserId, order: Order) -> Result<Delivery, OrderError> {
        let order = self.pay_read(user, order).await?;
        self.deliver(order.id).await
    }

    /// Until when an unpaid order can still be paid (after that it expires): its creation
    /// plus [`SagaPolicy::pending_ttl`]. A card payment for it must be decided by then.
    pub fn payable_until(&self, order: &Order) -> time::OffsetDateTime {
        order.created_at + self.policy.pending_ttl
    }

    /// One of the buyer's orders.
    pub async fn order(&self, user: UserId, id: OrderId) -> Result<Order, OrderError> {
        self.own_order(user, id).await
    }

    /// An order by tracking code (support look-up; no ownership check).
    pub async fn order_by_tracking(&self, tracking: &TrackingCode) -> Result<Option<Order>, OrderError> {
        Ok(self.orders.order_by_tracking(tracking).await?)
    }

    /// The buyer's orders, newest first.
    pub async fn orders_of(&self, user: UserId, page: PageRequest) -> Result<Page<Order>, OrderError> {
        Ok(self.orders.orders_of(user, page).await?)
    }

    /// Expires pending orders created more than [`SagaPolicy::pending_ttl`] ago (up to
    /// `limit`); returns how many expired.
    #[tracing::instrument(skip(self))]
    pub async fn expire_unpaid(&self, limit: u64) -> Result<u32, OrderError> {
        let now = self.clock.now();
        let mut expired = 0;
        for order in self
            .orders
            .stale(OrderStatus::Pending, now - self.policy.pending_ttl, limit)
            .await?
        {
            match self.apply(order.expire(now)).await {
                Ok(_) => expired += 1,
                Err(OrderWriteError::Storage(e)) => return Err(e.into()),
                // Paid or given up meanwhile: nothing to expire.
                Err(_) => {}
            }
        }
        Ok(expired)
    }

    /// Paid orders whose payment is older than `older_than`, oldest first (up to `limit`): what
    /// the recovery job resumes, each with its own deadline ([`OrderService::deliver_within`]).
    pub async fn stuck_orders(&self, older_than: Duration, limit: u64) -> Result<Vec<Order>, OrderError> {
        let cutoff = self.clock.now() - older_than;
        Ok(self.orders.stale(OrderStatus::Paid, cutoff, limit).await?)
    }

    async fn plan_on_sale(&self, id: PlanId, location: LocationId) -> Result<Plan, OrderError> {
        let plan = self.plans.plan(id).await?.ok_or(OrderError::PlanNotFound(id))?;
        if !plan.active {
            return Err(OrderError::PlanInactive);
        }
        if !plan.sold_at(location) {
            return Err(OrderError::PlanNotSoldHere);
        }
        Ok(plan)
    }

    async fn renewal_target(&self, request: &RenewRequest) -> Result<(Plan, inventory::ClientAccount), OrderError> {
        let account = self
            .provisioner
            .account(request.account)
            .await
            .map_err(|e| OrderError::Inventory(e.message))?
            .ok_or(OrderError::AccountNotFound(request.account))?;
        if account.user != request.user {
            return Err(OrderError::NotYours);
        }
        let plan = self.plan_on_sale(request.plan, account.location).await?;
        if plan.is_test {
            return Err(OrderError::TestPlanNotRenewable);
        }
        Ok((plan, account))
    }

    async fn price_plan(
        &self,
        plan: &Plan,
        selection: Option<Selection>,
        code: Option<&DiscountCode>,
        buyer: UserId,
    ) -> Result<Priced, OrderError> {
        let quote = plan.quote(selection)?;
        let pricing = match code {
            None => Pricing::full(quote.price),
            Some(code) => {
                let discount = self
                    .discounts
                    .discount_by_code(code)
                    .await?
                    .ok_or(DiscountRefusal::NotFound)?;
                let uses = self.discounts.uses_by(discount.id, buyer).await?;
                let order = CodedOrder {
                    plan: plan.id,
                    is_test: plan.is_test,
                    price: quote.price,
                };
                let off = discount.apply(order, self.clock.now(), uses)?;
                Pricing::discounted(quote.price, off, discount.id)
            }
        };
        Ok(Priced { quote, pricing })
    }

    async fn insert(&self, parts: NewOrderParts<'_>) -> Result<Order, OrderError> {
        let now = self.clock.now();
        let mut new = NewOrder {
            tracking: TrackingCode::random(TrackingKind::Order, now),
            user: parts.user,
            telegram_id: parts.telegram_id,
            plan: parts.plan.id,
            location: parts.location,
            kind: parts.kind,
            is_test: parts.plan.is_test,
            quote: parts.priced.quote,
            ip_limit: parts.plan.ip_limit,
            pricing: parts.priced.pricing,
            created_at: now,
        };
        let mut tries = 1;
        loop {
            match self.orders.insert_order(&new).await {
                Err(StorageError::Conflict(what)) if tries < TRACKING_TRIES => {
                    tracing::info!(%what, "tracking code taken; drawing another");
                    new.tracking = TrackingCode::random(TrackingKind::Order, now);
                    tries += 1;
                }
                other => return Ok(other?),
            }
        }
    }

    pub(crate) async fn own_order(&self, user: UserId, id: OrderId) -> Result<Order, OrderError> {
        let order = self.orders.order(id).await?.ok_or(OrderError::OrderNotFound(id))?;
        if order.user != user {
            return Err(OrderError::NotYours);
        }
        Ok(order)
    }
}

struct NewOrderParts<'a> {
    user: UserId,
    telegram_id: TelegramId,
    plan: &'a Plan,
    location: LocationId,
    kind: OrderKind,
    priced: Priced,
}

pub(crate) fn write_error(id: OrderId, to: OrderStatus, e: OrderWriteError) -> OrderError {
    match e {
        OrderWriteError::NotFound => OrderError::OrderNotFound(id),
        OrderWriteError::WrongStatus { current } => OrderError::illegal(current, to),
        OrderWriteError::Stale => StorageError::Conflict(format!("order {id}: the account kept changing")).into(),
        OrderWriteError::InsufficientFunds { needed, balance } => OrderError::InsufficientFunds { needed, balance },
        OrderWriteError::DiscountUnavailable => DiscountRefusal::UsageLimitReached.into(),
        OrderWriteError::DiscountUsedByBuyer { limit } => DiscountRefusal::PerUserLimitReached { limit }.into(),
        OrderWriteError::TestAlreadyClaimed => OrderError::TestAlreadyClaimed,
        OrderWriteError::Storage(e) => e.into(),
    }
}
