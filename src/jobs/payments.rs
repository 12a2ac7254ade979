//! Reconciles gateway payments: those still open after [`PENDING_FOR`] are asked about at
//! their provider and settled or failed; those older than [`EXPIRE_AFTER`] that nobody
//! confirmed are expired (a late payment still credits). What each run did is logged and
//! listed by `moonvpn payment list`.

use std::sync::Arc;
use std::time::Duration;

use payments::{PaymentService, ReconcileReport};

use super::{Every, JobReport, every};

/// A payment is asked about once it has been open this long.
pub const PENDING_FOR: time::Duration = time::Duration::minutes(10);
/// A payment nobody confirmed within this is expired.
pub const EXPIRE_AFTER: time::Duration = time::Duration::hours(24);
/// Payments looked at per tick at most.
pub const BATCH: u64 = 100;

/// `payment-reconcile`, every 5 minutes.
pub fn payment_reconcile(payments: Arc<PaymentService>) -> Every<ReconcileReport> {
    every("payment-reconcile", Duration::from_secs(5 * 60), move || {
        let payments = payments.clone();
        async move {
            let report = payments.reconcile(PENDING_FOR, EXPIRE_AFTER, BATCH).await?;
            for (payment, error) in &report.errors {
                tracing::warn!(%payment, %error, "a payment's provider could not be asked; tried again next run");
            }
            Ok(report)
        }
    })
}

impl JobReport for ReconcileReport {
    fn summary(&self) -> String {
        let mut parts = Vec::new();
        for (what, ids) in [
            ("settled", &self.settled),
            ("failed", &self.failed),
            ("expired", &self.expired),
        ] {
            if !ids.is_empty() {
                let list: Vec<String> = ids.iter().map(ToString::to_string).collect();
                parts.push(format!("{} payment(s) {what}: {}", ids.len(), list.join(", ")));
            }
        }
        if !self.errors.is_empty() {
            parts.push(format!("{} not reachable", self.errors.len()));
        }
        parts.join("; ")
    }
}
