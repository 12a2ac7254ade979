//! The scheduled bot↔panel reconciliation: compares every panel with the accounts sold on it
//! (the same use case as `moonvpn panel reconcile`, without `--repair`) and tells the admins
//! about any drift in one notice per run; nothing when there is none. Repairing stays a
//! deliberate admin action.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use inventory::InventoryService;
use notify::{AlertService, PanelDrift};

use super::Job;

/// Reconciles every panel and reports drift to the admins.
pub struct ReconcileJob {
    inventory: Arc<InventoryService>,
    alerts: AlertService,
    interval: Duration,
}

impl ReconcileJob {
    /// The job over `inventory`, reporting through `alerts`, every `interval`
    /// (`jobs.reconcile_hours`, a day by default).
    pub fn new(inventory: Arc<InventoryService>, alerts: AlertService, interval: Duration) -> Self {
        Self {
            inventory,
            alerts,
            interval,
        }
    }
}

#[async_trait]
impl Job for ReconcileJob {
    fn name(&self) -> &'static str {
        "reconcile"
    }

    fn interval(&self) -> Duration {
        self.interval
    }

    async fn run(&self) -> anyhow::Result<String> {
        let panels = self.inventory.panels().await?;
        let mut drift = Vec::new();
        let mut unreadable = 0;
        for panel in &panels {
            match self.inventory.reconcile(panel.id, false).await {
                Ok(report) => drift.push(PanelDrift {
                    panel: panel.id,
                    name: panel.name.to_string(),
                    unknown: u32::try_from(report.unknown.len()).unwrap_or(u32::MAX),
                    lost: u32::try_from(report.lost.len()).unwrap_or(u32::MAX),
                }),
                // A panel that cannot be read is reported by the health check's alert.
                Err(e) => {
                    tracing::warn!(panel = %panel.id, error = %e, "cannot reconcile a panel");
                    unreadable += 1;
                }
            }
        }
        let drifted = drift.iter().filter(|d| d.is_drift()).count();
        self.alerts.drift_found(drift).await?;
        Ok(format!(
            "{} panel(s) reconciled: {drifted} with drift, {unreadable} could not be read",
            panels.len()
        ))
    }
}
