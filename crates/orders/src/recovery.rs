//! The recovery pass: unpaid orders past their TTL expire, and paid orders left half-way
//! (crash, panel outage) are delivered side by side, each under its own deadline, so a hung
//! panel holds up only its own orders. An order whose runs keep missing their deadline is
//! refunded by the saga after [`crate::SagaPolicy::delivery_attempts`], with an admin notice.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use kernel::OrderId;
use time::Duration;

use crate::{Delivery, OrderError, OrderService};

/// How one recovery pass bounds its work.
#[derive(Debug, Clone, Copy)]
pub struct RecoveryBounds {
    /// Paid orders younger than this are left to their own checkout a little longer.
    pub grace: Duration,
    /// How long one order's delivery may take in one pass (also how long it holds the order).
    pub per_order: StdDuration,
    /// Orders delivered at the same time at most.
    pub parallel: usize,
    /// Orders looked at per status and pass at most.
    pub batch: u64,
}

impl Default for RecoveryBounds {
    fn default() -> Self {
        Self {
            grace: Duration::minutes(1),
            per_order: StdDuration::from_secs(45),
            parallel: 8,
            batch: 100,
        }
    }
}

/// What a recovery pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecoveryReport {
    /// Stale pending orders expired.
    pub expired: u32,
    /// Half-way paid orders delivered.
    pub fulfilled: u32,
    /// Half-way paid orders refunded.
    pub refunded: u32,
    /// Paid orders still stuck (storage trouble, deadline passed); the next pass tries again.
    pub still_stuck: u32,
    /// Paid orders another run was delivering.
    pub in_progress: u32,
}

impl RecoveryReport {
    /// Counts how the delivery of one stuck order ended.
    pub fn count(&mut self, order: OrderId, delivery: Result<Delivery, OrderError>) {
        match delivery {
            Ok(Delivery::Fulfilled(_)) => self.fulfilled += 1,
            Ok(Delivery::Refunded(_)) => self.refunded += 1,
            Ok(Delivery::InProgress(_)) => self.in_progress += 1,
            Err(e) => {
                tracing::warn!(%order, error = %e, "paid order still stuck");
                self.still_stuck += 1;
            }
        }
    }
}

impl OrderService {
    /// One recovery pass within `bounds`: expire unpaid orders past
    /// [`crate::SagaPolicy::pending_ttl`], then deliver the paid orders older than
    /// `bounds.grace` side by side (at most `bounds.parallel` at once), each under its own
    /// deadline; a run past its deadline counts as still stuck and the next pass tries again.
    #[tracing::instrument(skip(self))]
    pub async fn recover_stuck(self: &Arc<Self>, bounds: RecoveryBounds) -> Result<RecoveryReport, OrderError> {
        let mut report = RecoveryReport {
            expired: self.expire_unpaid(bounds.batch).await?,
            ..RecoveryReport::default()
        };
        let lease = Duration::try_from(bounds.per_order).unwrap_or(Duration::MINUTE);
        let permits = Arc::new(tokio::sync::Semaphore::new(bounds.parallel.max(1)));
        let mut runs = tokio::task::JoinSet::new();
        for order in self.stuck_orders(bounds.grace, bounds.batch).await? {
            let (orders, permits) = (Arc::clone(self), Arc::clone(&permits));
            runs.spawn(async move {
                let _permit = permits.acquire_owned().await;
                let run = tokio::time::timeout(bounds.per_order, orders.deliver_within(order.id, lease)).await;
                (order.id, run)
            });
        }
        while let Some(joined) = runs.join_next().await {
            match joined {
                Ok((id, Ok(delivery))) => report.count(id, delivery),
                Ok((id, Err(_))) => {
                    tracing::warn!(order = %id, "delivery missed its deadline; the next pass tries again");
                    report.still_stuck += 1;
                }
                Err(e) => {
                    tracing::error!(error = %e, "an order's delivery crashed");
                    report.still_stuck += 1;
                }
            }
        }
        Ok(report)
    }
}
