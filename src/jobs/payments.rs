//! Reconciles gateway payments: those still open after [`PaymentReconcileJob::PENDING_FOR`]
//! are asked about at their provider and settled or failed; those older than
//! [`PaymentReconcileJob::EXPIRE_AFTER`] that nobody confirmed are expired (a late payment
//! still credits). What each run did is logged and listed by `moonvpn payment list`.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use payments::PaymentService;

use super::Job;

/// The reconciliation job.
pub struct PaymentReconcileJob {
    payments: Arc<PaymentService>,
}

impl PaymentReconcileJob {
    /// A payment is asked about once it has been open this long.
    pub const PENDING_FOR: time::Duration = time::Duration::minutes(10);
    /// A payment nobody confirmed within this is expired.
    pub const EXPIRE_AFTER: time::Duration = time::Duration::hours(24);
    /// Payments looked at per tick at most.
    pub const BATCH: u64 = 100;

    /// The job over `payments`.
    pub fn new(payments: Arc<PaymentService>) -> Self {
        Self { payments }
    }
}

#[async_trait]
impl Job for PaymentReconcileJob {
    fn name(&self) -> &'static str {
        "payment-reconcile"
    }

    fn interval(&self) -> Duration {
        Duration::from_secs(5 * 60)
    }

    async fn run(&self) -> anyhow::Result<String> {
        let report = self
            .payments
            .reconcile(Self::PENDING_FOR, Self::EXPIRE_AFTER, Self::BATCH)
            .await?;
        for (payment, error) in &report.errors {
            tracing::warn!(%payment, %error, "a payment's provider could not be asked; tried again next run");
        }
        let mut parts = Vec::new();
        for (what, ids) in [
            ("settled", &report.settled),
            ("failed", &report.failed),
            ("expired", &report.expired),
        ] {
            if !ids.is_empty() {
                let list: Vec<String> = ids.iter().map(ToString::to_string).collect();
                parts.push(format!("{} payment(s) {what}: {}", ids.len(), list.join(", ")));
            }
        }
        if !report.errors.is_empty() {
            parts.push(format!("{} not reachable", report.errors.len()));
        }
        Ok(parts.join("; "))
    }
}
