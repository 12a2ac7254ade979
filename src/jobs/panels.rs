//! The panel jobs: the sync of every panel's inbounds and accounts, and the health check that
//! sales rely on to skip a panel that is down. Both tell the admins once per change of state.

use std::sync::Arc;
use std::time::Duration;

use inventory::FleetService;
use notify::AlertService;

use super::{Every, JobReport, every};

/// What one panel sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PanelSyncReport {
    /// Panels looked at.
    pub panels: usize,
    /// Accounts read from the panels that answered.
    pub accounts: usize,
    /// `panel <id>: <error>` for each panel that could not be synced.
    pub failed: Vec<String>,
}

impl JobReport for PanelSyncReport {
    fn summary(&self) -> String {
        format!("{} panel(s) synced, {} account(s) read", self.panels, self.accounts)
    }

    fn problem(&self) -> Option<String> {
        (!self.failed.is_empty()).then(|| {
            format!(
                "{} of {} panel(s) could not be synced: {}",
                self.failed.len(),
                self.panels,
                self.failed.join("; ")
            )
        })
    }
}

/// `panel-sync`, every 5 minutes: reads every panel's inbounds and every account's traffic and
/// expiry; a panel whose sync starts failing is reported to the admins once (not while it is
/// reported down).
pub fn panel_sync(fleet: Arc<FleetService>, alerts: AlertService) -> Every<PanelSyncReport> {
    every("panel-sync", Duration::from_secs(5 * 60), move || {
        let (fleet, alerts) = (fleet.clone(), alerts.clone());
        async move { sync(&fleet, &alerts).await }
    })
}

async fn sync(fleet: &FleetService, alerts: &AlertService) -> anyhow::Result<PanelSyncReport> {
    let panels = fleet.panels().await?;
    let ids: Vec<_> = panels.iter().map(|p| p.id).collect();
    let results = if ids.is_empty() {
        Vec::new()
    } else {
        fleet.sync_panels(&ids).await?
    };
    let mut report = PanelSyncReport {
        panels: results.len(),
        ..PanelSyncReport::default()
    };
    for ((panel, result), named) in results.iter().zip(&panels) {
        let error = match result {
            Ok(synced) => {
                report.accounts += synced.usage.accounts;
                None
            }
            Err(e) => {
                report.failed.push(format!("panel {panel}: {e}"));
                Some(e.to_string())
            }
        };
        if let Err(e) = alerts.panel_synced(*panel, named.name.as_str(), error.as_deref()).await {
            tracing::warn!(panel = %panel, error = %e, "cannot record the panel's sync alert");
        }
    }
    Ok(report)
}

/// What one health check found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HealthReport {
    /// Panels checked.
    pub checked: usize,
    /// Panels found down (a result, stored so sales skip them; not a job failure).
    pub down: usize,
}

impl JobReport for HealthReport {
    fn summary(&self) -> String {
        if self.checked == 0 {
            String::new()
        } else {
            format!("{} panel(s) checked, {} down", self.checked, self.down)
        }
    }
}

/// `health-check`, every minute: checks every panel's login, xray, load and latency, so sales
/// skip a panel that is down; tells the admins once when a panel goes down and once when it is
/// back.
pub fn health_check(fleet: Arc<FleetService>, alerts: AlertService) -> Every<HealthReport> {
    every("health-check", Duration::from_secs(60), move || {
        let (fleet, alerts) = (fleet.clone(), alerts.clone());
        async move {
            let checks = fleet.check_all_panels().await?;
            for checked in &checks {
                let panel = &checked.panel;
                if let Err(e) = alerts
                    .panel_checked(panel.id, panel.name.as_str(), checked.problem.clone())
                    .await
                {
                    tracing::warn!(panel = %panel.id, error = %e, "cannot record the panel's health alert");
                }
            }
            Ok(HealthReport {
                checked: checks.len(),
                down: checks.iter().filter(|c| !c.check.is_up()).count(),
            })
        }
    })
}
