//! [`payments::OrderPayer`] over the orders service: a provider payment made from the
//! checkout's "balance short" screen pays its order through the same saga as the buyer's
//! "Pay" button (debit keyed by the order, so a repeat debits once), then delivers it; the
//! saga's own notices tell the buyer the outcome.

use std::sync::Arc;

use async_trait::async_trait;
use kernel::{OrderId, StorageError, UserId};
use orders::{OrderError, OrderService};
use payments::{OrderPayer, OrderPayment};

/// Pays orders for the payments service.
pub(crate) struct SagaOrderPayer(pub(crate) Arc<OrderService>);

#[async_trait]
impl OrderPayer for SagaOrderPayer {
    async fn pay_order(&self, user: UserId, order: OrderId) -> Result<OrderPayment, StorageError> {
        match self.0.pay(user, order).await {
            Ok(paid) => {
                // Paid: a delivery that fails now is the recovery job's (the order stays paid).
                if let Err(e) = self.0.deliver(paid.id).await {
                    tracing::warn!(%order, error = %e, "the order paid by a payment is not delivered yet");
                }
                Ok(OrderPayment::Paid)
            }
            Err(OrderError::Storage(e)) => Err(e),
            Err(refused) => {
                tracing::info!(%order, reason = %refused, "the order a payment was for cannot be paid");
                let tracking = match self.0.order(user, order).await {
                    Ok(o) => Some(o.tracking.as_str().to_owned()),
                    Err(_) => None,
                };
                Ok(OrderPayment::NotPayable { tracking })
            }
        }
    }
}
