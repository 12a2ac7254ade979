//! The scheduled bot↔panel reconciliation: compares every panel with the accounts sold on it
//! (the same use case as `moonvpn panel reconcile`, without `--repair`) and tells the admins
//! about any drift in one notice per run; nothing when there is none. Repairing stays a
//! deliberate admin action.

use std::sync::Arc;
use std::time::Duration;

use inventory::FleetService;
use notify::{AlertService, PanelDrift};

use super::{Every, JobReport, every};

/// What one reconciliation found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DriftReport {
    /// Panels looked at.
    pub panels: usize,
    /// Panels whose clients and accounts disagree.
    pub drifted: usize,
    /// Panels that could not be read (the health check's alert reports them).
    pub unreadable: usize,
}

impl JobReport for DriftReport {
    fn summary(&self) -> String {
        format!(
            "{} panel(s) reconciled: {} with drift, {} could not be read",
            self.panels, self.drifted, self.unreadable
        )
    }
}

/// `reconcile`, every `interval` (`jobs.reconcile_hours`, a day by default): reconciles every
/// panel and reports drift to the admins through `alerts`.
pub fn reconcile(fleet: Arc<FleetService>, alerts: AlertService, interval: Duration) -> Every<DriftReport> {
    every("reconcile", interval, move || {
        let (fleet, alerts) = (fleet.clone(), alerts.clone());
        async move {
            let panels = fleet.panels().await?;
            let mut drift = Vec::new();
            let mut unreadable = 0;
            for panel in &panels {
                match fleet.reconcile(panel.id, false).await {
                    Ok(report) => drift.push(PanelDrift {
                        panel: panel.id,
                        name: panel.name.to_string(),
                        unknown: u32::try_from(report.unknown.len()).unwrap_or(u32::MAX),
                        lost: u32::try_from(report.lost.len()).unwrap_or(u32::MAX),
                    }),
                    Err(e) => {
                        tracing::warn!(panel = %panel.id, error = %e, "cannot reconcile a panel");
                        unreadable += 1;
                    }
                }
            }
            let drifted = drift.iter().filter(|d| d.is_drift()).count();
            alerts.drift_found(drift).await?;
            Ok(DriftReport {
                panels: panels.len(),
                drifted,
                unreadable,
            })
        }
    })
}
