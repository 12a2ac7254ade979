//! The purchase and renewal saga: create (priced, discount checked) → pay (one atomic debit)
//! → allocate → provision → fulfil, or compensate with a refund. Every step is recorded on the
//! order, so [`OrderService::deliver`] can resume an order from wherever it stopped.

use std::sync::Arc;

use inventory::{Allocation, ClientLimits, NewClientAccount};
use kernel::{
    ClientAccountId, Clock, LocationId, OrderId, Page, PageRequest, PlanId, StorageError, TelegramId, TrackingCode,
    TrackingKind, UserId,
};
use time::{Duration, OffsetDateTime};

use crate::{
    DiscountCode, DiscountRefusal, DiscountRepo, NewOrder, Order, OrderError, OrderKind, OrderRepo, OrderStatus,
    OrderWriteError, PayError, Plan, PlanRepo, Pricing, ProvisionError, Provisioner, Quote, Selection, TestAccountRepo,
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
    /// The account's traffic total after renewing (0 = unlimited).
    pub total_bytes: u64,
    /// The account's expiry after renewing (`None` = never).
    pub expires_at: Option<OffsetDateTime>,
}

/// How a paid order ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// Delivered; the order names the account.
    Fulfilled(Order),
    /// Could not be delivered; the money went back to the wallet.
    Refunded(Order),
    /// Another run is delivering it right now; the order as recorded (paid). The buyer gets a
    /// notice when that run ends.
    InProgress(Order),
}

impl Delivery {
    /// The order, however it ended.
    pub fn order(&self) -> &Order {
        match self {
            Self::Fulfilled(o) | Self::Refunded(o) | Self::InProgress(o) => o,
        }
    }
}

/// Buying and renewing.
pub struct OrderService {
    plans: Arc<dyn PlanRepo>,
    discounts: Arc<dyn DiscountRepo>,
    orders: Arc<dyn OrderRepo>,
    tests: Arc<dyn TestAccountRepo>,
    provisioner: Arc<dyn Provisioner>,
    clock: Arc<dyn Clock>,
    policy: SagaPolicy,
}

/// Tracking-code collisions tolerated before giving up on creating an order.
const TRACKING_TRIES: usize = 3;

/// Times a renewal re-reads its account after another renewal of it got there first.
const RENEWAL_TRIES: u32 = 5;

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
        }
    }

    /// What buying `request` would cost, without creating anything.
    pub async fn price(&self, request: &PurchaseRequest) -> Result<Priced, OrderError> {
        let plan = self.plan_on_sale(request.plan, request.location).await?;
        self.price_plan(&plan, request.selection, request.code.as_ref()).await
    }

    /// Creates a pending order for a new account: checks the plan is on sale at the location,
    /// prices the selection, applies the discount code, and refuses a second free test claim.
    #[tracing::instrument(skip(self), fields(user = %request.user, plan = %request.plan))]
    pub async fn create_order(&self, request: &PurchaseRequest) -> Result<Order, OrderError> {
        let plan = self.plan_on_sale(request.plan, request.location).await?;
        if plan.is_test && self.tests.has_claimed_test(request.user, plan.id).await? {
            return Err(OrderError::TestAlreadyClaimed);
        }
        let priced = self.price_plan(&plan, request.selection, request.code.as_ref()).await?;
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
        let priced = self.price_plan(&plan, request.selection, request.code.as_ref()).await?;
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
        let priced = self.price_plan(&plan, request.selection, request.code.as_ref()).await?;
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
        match order.status {
            OrderStatus::Paid | OrderStatus::Fulfilled => return Ok(order),
            OrderStatus::Pending => {}
            other => return Err(OrderError::illegal(other, OrderStatus::Paid)),
        }
        let now = self.clock.now();
        if now - order.created_at > self.policy.pending_ttl {
            return match self.orders.expire(id, now).await {
                Ok(_) => Err(OrderError::OrderExpired),
                Err(OrderWriteError::WrongStatus { current }) if current.holds_money() => {
                    self.own_order(user, id).await
                }
                Err(e) => Err(write_error(id, OrderStatus::Expired, e)),
            };
        }
        if let Some(code) = order.pricing.discount_code {
            let discount = self.discounts.discount(code).await?.ok_or(DiscountRefusal::NotFound)?;
            discount.check_usable(now)?;
        }
        self.orders.pay(id, now).await.map_err(|e| match e {
            PayError::NotFound => OrderError::OrderNotFound(id),
            PayError::WrongStatus { current } => OrderError::illegal(current, OrderStatus::Paid),
            PayError::InsufficientFunds { needed, balance } => OrderError::InsufficientFunds { needed, balance },
            PayError::DiscountUnavailable => DiscountRefusal::UsageLimitReached.into(),
            PayError::TestAlreadyClaimed => OrderError::TestAlreadyClaimed,
            PayError::Storage(e) => e.into(),
        })
    }

    /// Pays, then delivers: what the buyer's "Pay" button does.
    pub async fn checkout(&self, user: UserId, id: OrderId) -> Result<Delivery, OrderError> {
        let order = self.pay(user, id).await?;
        self.deliver(order.id).await
    }

    /// Delivers a paid order, resuming from its last recorded step, holding its delivery for
    /// [`SagaPolicy::delivery_lease`]. See [`OrderService::deliver_within`].
    pub async fn deliver(&self, id: OrderId) -> Result<Delivery, OrderError> {
        self.deliver_within(id, self.policy.delivery_lease).await
    }

    /// Delivers a paid order, resuming from its last recorded step. Only one run delivers an
    /// order at a time: this one takes the order's delivery until `now + lease` (the caller's
    /// deadline), and a run that cannot take it answers with what is recorded
    /// ([`Delivery::InProgress`] while the holder works). A purchase allocates a client
    /// identity (stored on the order before the panel is called), provisions it and stores the
    /// account; a renewal applies the new limits. When the panel refuses, or keeps failing
    /// after [`SagaPolicy::provision_attempts`], the order is refunded first and a purchase's
    /// client is released only once the refund is recorded, so a client some other run
    /// delivered is never removed. After [`SagaPolicy::delivery_attempts`] runs the order is
    /// refunded and the admins are told. Storage trouble leaves the order paid for the
    /// recovery job.
    #[tracing::instrument(skip(self))]
    pub async fn deliver_within(&self, id: OrderId, lease: Duration) -> Result<Delivery, OrderError> {
        let owner = delivery_owner();
        let now = self.clock.now();
        let claimed = self.orders.claim_delivery(id, &owner, now, now + lease).await?;
        let order = self.orders.order(id).await?.ok_or(OrderError::OrderNotFound(id))?;
        let Some(attempt) = claimed else {
            return recorded(order);
        };
        let result = self.deliver_claimed(order, attempt).await;
        if let Err(e) = self.orders.release_delivery(id, &owner).await {
            tracing::warn!(order = %id, error = %e, "could not hand the delivery back; it runs out by itself");
        }
        result
    }

    async fn deliver_claimed(&self, order: Order, attempt: u32) -> Result<Delivery, OrderError> {
        if order.status != OrderStatus::Paid {
            return recorded(order);
        }
        if attempt > self.policy.delivery_attempts.max(1) {
            return self.give_up(order, attempt - 1).await;
        }
        match order.kind {
            OrderKind::Purchase => self.deliver_purchase(order).await,
            OrderKind::Renew { account, rule } => self.deliver_renewal(order, account, rule).await,
        }
    }

    /// Refunds an order whose delivery runs all ran out, tells the admins, then removes the
    /// client an earlier run may have left on its panel.
    async fn give_up(&self, order: Order, runs: u32) -> Result<Delivery, OrderError> {
        tracing::error!(order = %order.id, runs, "delivery never finished; refunding");
        let reason = format!("the server did not finish setting it up after {runs} tries");
        let given_up = self.orders.give_up(order.id, &reason, self.clock.now()).await;
        if let (Ok(failed), Some(allocation)) = (&given_up, &order.allocation)
            && failed.status == OrderStatus::Failed
        {
            self.release(order.id, allocation).await;
        }
        self.settled(order.id, given_up).await
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
            match self.orders.expire(order.id, now).await {
                Ok(_) => expired += 1,
                Err(OrderWriteError::WrongStatus { .. } | OrderWriteError::NotFound | OrderWriteError::Stale) => {}
                Err(OrderWriteError::Storage(e)) => return Err(e.into()),
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

    async fn deliver_purchase(&self, order: Order) -> Result<Delivery, OrderError> {
        let now = self.clock.now();
        let limits = ClientLimits {
            total_bytes: order.quote.volume_bytes,
            expires_at: Some(order.paid_at.unwrap_or(now) + Duration::days(i64::from(order.quote.duration_days))),
            ip_limit: order.ip_limit,
        };
        let provisioner = &*self.provisioner;
        let allocation = match order.allocation.clone() {
            Some(a) => a,
            None => match self.retry(|| provisioner.allocate(order.location)).await {
                Ok(a) => match self.orders.record_allocation(order.id, &a, now).await {
                    Ok(stored) => stored.allocation.unwrap_or(a),
                    Err(lost) => return self.settled(order.id, Err(lost)).await,
                },
                Err(e) => return self.compensate(&order, None, &e).await,
            },
        };
        let provisioned = self
            .retry(|| provisioner.provision(&allocation, &limits, order.telegram_id))
            .await;
        match provisioned {
            Ok(provisioned) => {
                let account = NewClientAccount {
                    user: order.user,
                    allocation,
                    limits,
                    provisioned,
                    created_at: now,
                };
                let done = self.orders.fulfil_purchase(order.id, &account, now).await;
                if let Err(OrderWriteError::WrongStatus {
                    current: OrderStatus::Failed,
                }) = &done
                {
                    // Refunded by another run meanwhile: nobody holds this client.
                    self.release(order.id, &account.allocation).await;
                }
                self.settled(order.id, done).await
            }
            Err(e) => self.compensate(&order, Some(&allocation), &e).await,
        }
    }

    /// Renews from a fresh read of the account, and stores the new limits only if the account
    /// still holds what they were computed from; when another renewal of the same account got
    /// there first, reads it again and renews on top (renewals of one account serialize and
    /// add up).
    async fn deliver_renewal(
        &self,
        order: Order,
        account_id: ClientAccountId,
        rule: crate::RenewalRule,
    ) -> Result<Delivery, OrderError> {
        let provisioner = &*self.provisioner;
        let mut tries = 0;
        loop {
            tries += 1;
            let now = self.clock.now();
            let account = match self.retry(|| provisioner.account(account_id)).await {
                Ok(Some(a)) => a,
                Ok(None) => {
                    let gone = ProvisionError::permanent(format!("account {account_id} no longer exists"));
                    return self.compensate(&order, None, &gone).await;
                }
                Err(e) => return self.compensate(&order, None, &e).await,
            };
            let base = order.paid_at.unwrap_or(now);
            let limits = renewed_limits(&account, &order.quote, rule, order.ip_limit, base);
            if let Err(e) = self.retry(|| provisioner.apply_limits(&account, &limits)).await {
                return self.compensate(&order, None, &e).await;
            }
            match self.orders.fulfil_renewal(order.id, &account, &limits, now).await {
                Err(OrderWriteError::Stale) if tries < RENEWAL_TRIES => {
                    tracing::info!(order = %order.id, account = %account_id, "the account was renewed meanwhile; renewing on top");
                }
                done => return self.settled(order.id, done).await,
            }
        }
    }

    /// Refunds the order (`Paid → Failed`), then, only if that move was this run's, releases
    /// what the panel may hold for a purchase: an order somebody else fulfilled meanwhile keeps
    /// its client. A foreign client (somebody else's, under our name) is never touched; the
    /// admins are told instead.
    async fn compensate(
        &self,
        order: &Order,
        allocation: Option<&Allocation>,
        cause: &ProvisionError,
    ) -> Result<Delivery, OrderError> {
        tracing::warn!(order = %order.id, error = %cause, "delivery failed; refunding");
        let now = self.clock.now();
        let failed = if cause.foreign {
            self.orders.give_up(order.id, &cause.message, now).await
        } else {
            self.orders.fail(order.id, &cause.message, now).await
        };
        if let (Ok(done), Some(allocation)) = (&failed, allocation)
            && done.status == OrderStatus::Failed
            && !cause.foreign
        {
            self.release(order.id, allocation).await;
        }
        self.settled(order.id, failed).await
    }

    /// Removes a client no order holds from its panel (retried; logged when it stays).
    async fn release(&self, order: OrderId, allocation: &Allocation) {
        let provisioner = &*self.provisioner;
        if let Err(e) = self.retry(|| provisioner.release(allocation)).await {
            tracing::error!(%order, email = %allocation.email, error = %e,
                "could not release the client on its panel; remove it by hand");
        }
    }

    /// Turns the result of a final write into a delivery; a lost race is answered with
    /// whatever the winner recorded.
    async fn settled(&self, id: OrderId, written: Result<Order, OrderWriteError>) -> Result<Delivery, OrderError> {
        let order = match written {
            Ok(order) => order,
            Err(OrderWriteError::WrongStatus { .. }) => {
                self.orders.order(id).await?.ok_or(OrderError::OrderNotFound(id))?
            }
            Err(e) => return Err(write_error(id, OrderStatus::Fulfilled, e)),
        };
        match order.status {
            OrderStatus::Fulfilled => Ok(Delivery::Fulfilled(order)),
            OrderStatus::Failed => Ok(Delivery::Refunded(order)),
            other => Err(OrderError::illegal(other, OrderStatus::Fulfilled)),
        }
    }

    async fn retry<T, F>(&self, mut call: impl FnMut() -> F) -> Result<T, ProvisionError>
    where
        F: Future<Output = Result<T, ProvisionError>>,
    {
        let attempts = self.policy.provision_attempts.max(1);
        let mut attempt = 1;
        loop {
            match call().await {
                Err(e) if e.retryable && attempt < attempts => {
                    tracing::info!(attempt, error = %e, "panel call failed; trying again");
                    attempt += 1;
                }
                other => return other,
            }
        }
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
                let off = discount.apply(plan.id, plan.is_test, quote.price, self.clock.now())?;
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

    async fn own_order(&self, user: UserId, id: OrderId) -> Result<Order, OrderError> {
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

/// A fresh id for one delivery run (the holder of the order's delivery while it works).
fn delivery_owner() -> String {
    format!("run-{:016x}", rand::random::<u64>())
}

/// How an order stands for a run that does not deliver it now.
fn recorded(order: Order) -> Result<Delivery, OrderError> {
    match order.status {
        OrderStatus::Paid => Ok(Delivery::InProgress(order)),
        OrderStatus::Fulfilled => Ok(Delivery::Fulfilled(order)),
        OrderStatus::Failed if order.paid_at.is_some() => Ok(Delivery::Refunded(order)),
        other => Err(OrderError::illegal(other, OrderStatus::Fulfilled)),
    }
}

fn write_error(id: OrderId, to: OrderStatus, e: OrderWriteError) -> OrderError {
    match e {
        OrderWriteError::NotFound => OrderError::OrderNotFound(id),
        OrderWriteError::WrongStatus { current } => OrderError::illegal(current, to),
        OrderWriteError::Stale => StorageError::Conflict(format!("order {id}: the account kept changing")).into(),
        OrderWriteError::Storage(e) => e.into(),
    }
}
