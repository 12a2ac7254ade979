//! Delivering a paid order: one run at a time per order (a lease on the order's row), allocate
//! → provision → fulfil, or give the order up with its refund first and release the panel
//! client only when that move was this run's. Every move is an [`crate::OrderChange`] the
//! order decided, applied by the store under a guard on the status it moves from.

use inventory::{Allocation, ClientLimits, NewClientAccount};
use kernel::{ClientAccountId, OrderId};
use time::Duration;

use crate::service::write_error;
use crate::{
    Delivered, IllegalTransition, Order, OrderChange, OrderError, OrderKind, OrderService, OrderStatus,
    OrderWriteError, ProvisionError, renewed_limits,
};

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

/// Times a renewal re-reads its account after another renewal of it got there first.
const RENEWAL_TRIES: u32 = 5;

impl OrderService {
    /// Delivers a paid order, resuming from its last recorded step, holding its delivery for
    /// [`crate::SagaPolicy::delivery_lease`]. See [`OrderService::deliver_within`].
    pub async fn deliver(&self, id: OrderId) -> Result<Delivery, OrderError> {
        self.deliver_within(id, self.policy.delivery_lease).await
    }

    /// Delivers a paid order, resuming from its last recorded step. Only one run delivers an
    /// order at a time: this one takes the order's delivery until `now + lease` (the caller's
    /// deadline), and a run that cannot take it answers with what is recorded
    /// ([`Delivery::InProgress`] while the holder works). A purchase allocates a client
    /// identity (stored on the order before the panel is called), provisions it and stores the
    /// account; a renewal applies the new limits. When the panel refuses, or keeps failing
    /// after [`crate::SagaPolicy::provision_attempts`], the order is refunded first and a purchase's
    /// client is released only once the refund is recorded, so a client some other run
    /// delivered is never removed. After [`crate::SagaPolicy::delivery_attempts`] runs the order is
    /// refunded and the admins are told. Storage trouble leaves the order paid for the
    /// recovery job.
    #[tracing::instrument(skip(self))]
    pub async fn deliver_within(&self, id: OrderId, lease: Duration) -> Result<Delivery, OrderError> {
        let owner = delivery_owner();
        let now = self.clock.now();
        let claim = self
            .orders
            .claim_delivery(id, &owner, now, now + lease)
            .await?
            .ok_or(OrderError::OrderNotFound(id))?;
        let Some(attempt) = claim.attempt else {
            return recorded(claim.order);
        };
        let result = self.deliver_claimed(claim.order, attempt).await;
        // The move that closed an order let go of its delivery already.
        let closed = matches!(&result, Ok(delivery) if delivery.order().status.is_final());
        if !closed && let Err(e) = self.orders.release_delivery(id, &owner).await {
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
        let given_up = self.apply(order.give_up(&reason, self.clock.now())).await;
        if let (Ok(failed), Some(allocation)) = (&given_up, &order.allocation)
            && failed.status == OrderStatus::Failed
        {
            self.release(order.id, allocation).await;
        }
        self.settled(order.id, given_up).await
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
                let allocation = account.allocation.clone();
                let done = self.apply(order.fulfil(Delivered::Account(account), now)).await;
                if let Err(OrderWriteError::WrongStatus {
                    current: OrderStatus::Failed,
                }) = &done
                {
                    // Refunded by another run meanwhile: nobody holds this client.
                    self.release(order.id, &allocation).await;
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
            let renewed = Delivered::Renewal {
                snapshot: account,
                limits,
            };
            match self.apply(order.fulfil(renewed, now)).await {
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
            self.apply(order.give_up(&cause.message, now)).await
        } else {
            self.apply(order.fail(&cause.message, now)).await
        };
        if let (Ok(done), Some(allocation)) = (&failed, allocation)
            && done.status == OrderStatus::Failed
            && !cause.foreign
        {
            self.release(order.id, allocation).await;
        }
        self.settled(order.id, failed).await
    }

    /// Applies a change decided from the order as this run read it. A move the order could no
    /// longer make reads as "moved meanwhile", which [`OrderService::settled`] answers with what
    /// the winner recorded.
    pub(crate) async fn apply(&self, change: Result<OrderChange, IllegalTransition>) -> Result<Order, OrderWriteError> {
        match change {
            Ok(change) => self.orders.apply(&change).await,
            Err(illegal) => Err(OrderWriteError::WrongStatus { current: illegal.from }),
        }
    }

    /// Removes a client no order holds from its panel (retried; logged when it stays).
    pub(crate) async fn release(&self, order: OrderId, allocation: &Allocation) {
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
