//! The receipts' background upkeep, run by the app's jobs: requests past their deadline
//! expire (the payer is told through the outbox, and every review post is edited to show
//! it), and an approved receipt for an order whose purchase did not go on (the process
//! stopped between the credit and the payment) continues it now, exactly as the approval
//! would have: paid from the wallet, delivered, the buyer shown the service.

use orders::OrderStatus;
use receipts::{Receipt, ReceiptError};
use time::Duration;

use crate::bot::BotDeps;

/// How long after an approval the continuation leaves the order to the admin's tap (which
/// continues it at once) before taking it over.
pub const CONTINUATION_GRACE: Duration = Duration::minutes(2);

/// How far back approvals are looked at. An order older than its unpaid TTL cannot be paid
/// any more (its credit stays in the wallet), so older approvals have nothing to continue.
pub const CONTINUATION_WINDOW: Duration = Duration::days(1);

/// Expires up to `limit` requests past their deadline and edits their review posts to
/// show it. Returns the receipts expired.
pub async fn expire_due(deps: &BotDeps, limit: u64) -> Result<Vec<Receipt>, ReceiptError> {
    let expired = deps.receipts.expire_due(limit).await?;
    for receipt in &expired {
        super::review::refresh(deps, receipt.id).await;
    }
    Ok(expired)
}

/// Continues the purchase of every order (up to `limit` approvals looked at) whose card
/// receipt was approved more than [`CONTINUATION_GRACE`] ago while the order is still
/// waiting for its payment. Paying is idempotent and a delivery is held by one run at a
/// time, so a tap continuing the same order meanwhile changes nothing. Returns how many
/// orders were continued.
pub async fn continue_orders(deps: &BotDeps, limit: u64) -> Result<usize, ReceiptError> {
    let now = deps.clock.now();
    let approved = deps
        .receipts
        .approved_for_orders(now - CONTINUATION_WINDOW, limit)
        .await?;
    let mut continued = 0;
    for receipt in approved {
        let (Some(order), Some(decided)) = (receipt.order, receipt.decided_at) else {
            continue;
        };
        if now - decided < CONTINUATION_GRACE {
            continue;
        }
        match deps.orders.order(receipt.user, order).await {
            Ok(found) if found.status == OrderStatus::Pending => {}
            Ok(_) => continue,
            Err(e) => {
                tracing::warn!(receipt = %receipt.id, %order, error = %e, "cannot read the order a receipt paid for");
                continue;
            }
        }
        tracing::info!(receipt = %receipt.id, %order, "continuing a purchase its approval left unpaid");
        super::order::continue_purchase(deps, &receipt).await;
        continued += 1;
    }
    Ok(continued)
}
