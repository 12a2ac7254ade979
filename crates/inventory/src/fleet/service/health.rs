//! Health checks: latency, xray state and load of each panel, stored for sales to skip a
//! panel that is down (failover).

use std::time::Instant;

use kernel::{PanelId, PanelProblem};
use tracing::{info, warn};

use super::FleetService;
use super::join::join_all;
use crate::{HealthCheck, InventoryError, Panel, PanelChecked, PanelError};

impl FleetService {
    /// Checks one panel (login, xray state, CPU and memory, latency) and stores the result.
    /// A panel that fails the check is a result, not an error: `Err` only for an unknown
    /// panel or storage trouble.
    pub async fn check_health(&self, id: PanelId) -> Result<HealthCheck, InventoryError> {
        let panel = self.fleet.panel(id).await?;
        Ok(self.check_and_record(&panel).await?.0)
    }

    /// Checks every panel at the same time and stores the results, in panel order.
    pub async fn check_all_health(&self) -> Result<Vec<(Panel, HealthCheck)>, InventoryError> {
        Ok(self
            .check_all_panels()
            .await?
            .into_iter()
            .map(|c| (c.panel, c.check))
            .collect())
    }

    /// [`Self::check_all_health`], each panel with why it is down by kind (for the admins'
    /// alert, which every admin reads in their own language).
    pub async fn check_all_panels(&self) -> Result<Vec<PanelChecked>, InventoryError> {
        let panels = self.fleet.panels().await?;
        let checks = join_all(panels.iter().map(|p| self.check_and_record(p)).collect()).await;
        panels
            .into_iter()
            .zip(checks)
            .map(|(panel, checked)| checked.map(|(check, problem)| PanelChecked { panel, check, problem }))
            .collect()
    }

    /// Asks the panel for its server status and times the answer.
    pub(super) async fn probe(&self, panel: &Panel) -> HealthCheck {
        self.probe_with_error(panel).await.0
    }

    /// [`Self::probe`], with the driver's error when the panel could not be read.
    async fn probe_with_error(&self, panel: &Panel) -> (HealthCheck, Option<PanelError>) {
        let started = Instant::now();
        let (result, error) = match self.driver.server_status(&panel.connection()).await {
            Ok(status) => (Ok(status), None),
            Err(e) => (Err(e.to_string()), Some(e)),
        };
        let check = HealthCheck {
            panel: panel.id,
            checked_at: self.clock.now(),
            latency_ms: u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX),
            result,
        };
        (check, error)
    }

    /// Checks `panel`, stores the check and returns it with why the panel is down, by kind.
    async fn check_and_record(&self, panel: &Panel) -> Result<(HealthCheck, Option<PanelProblem>), InventoryError> {
        let (check, error) = match self.pinned(panel.clone()).await {
            Ok(panel) => self.probe_with_error(&panel).await,
            Err(InventoryError::Panel(e)) => (
                HealthCheck {
                    panel: panel.id,
                    checked_at: self.clock.now(),
                    latency_ms: 0,
                    result: Err(e.to_string()),
                },
                Some(e),
            ),
            Err(e) => return Err(e),
        };
        match check.problem() {
            None => info!(panel = %panel.id, latency_ms = check.latency_ms, "panel is up"),
            Some(problem) => warn!(panel = %panel.id, %problem, "panel is down"),
        }
        self.fleet.record_health(&check).await?;
        let problem = check.problem_kind(error.as_ref());
        Ok((check, problem))
    }
}

#[cfg(test)]
mod tests {
    use crate::fixtures::*;
    use crate::{InventoryError, MockPanelDriver, MockRepo, PanelError, ServerStatus, XrayState};
    use kernel::PanelId;

    fn status(xray: XrayState) -> ServerStatus {
        ServerStatus {
            xray,
            xray_version: Some("25.10.31".into()),
            cpu_percent: 12.5,
            memory_used: 512,
            memory_total: 2048,
            uptime: std::time::Duration::from_secs(3600),
        }
    }

    #[tokio::test]
    async fn a_healthy_panel_is_stored_as_up_with_its_load() {
        let mut repo = MockRepo::new();
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo.expect_record_health()
            .withf(|c| c.panel == PanelId::new(4) && c.is_up() && c.checked_at == NOW)
            .times(1)
            .returning(|_| Ok(()));
        let mut driver = MockPanelDriver::new();
        driver
            .expect_server_status()
            .returning(|_| Ok(status(XrayState::Running)));

        let check = fleet_service(repo, driver).check_health(PanelId::new(4)).await.unwrap();

        assert_eq!(check.result.unwrap().memory_total, 2048);
    }

    #[tokio::test]
    async fn a_panel_that_refuses_the_login_is_stored_as_down_with_the_reason() {
        let mut repo = MockRepo::new();
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo.expect_record_health()
            .withf(|c| !c.is_up() && c.problem().unwrap().contains("refused the login"))
            .times(1)
            .returning(|_| Ok(()));
        let mut driver = MockPanelDriver::new();
        driver
            .expect_server_status()
            .returning(|_| Err(PanelError::LoginRefused));

        let check = fleet_service(repo, driver).check_health(PanelId::new(4)).await.unwrap();

        assert!(!check.is_up());
    }

    #[tokio::test]
    async fn every_panel_is_checked_and_a_down_one_does_not_stop_the_others() {
        let mut repo = MockRepo::new();
        repo.expect_panels()
            .returning(|| Ok(vec![panel(1, 1, true), panel(2, 1, false)]));
        repo.expect_record_health().times(2).returning(|_| Ok(()));
        let mut driver = MockPanelDriver::new();
        driver
            .expect_server_status()
            .withf(|c| c.url.as_str() == "https://panel1.example.com")
            .returning(|_| Err(PanelError::Unreachable));
        driver
            .expect_server_status()
            .returning(|_| Ok(status(XrayState::Stopped)));

        let checks = fleet_service(repo, driver).check_all_panels().await.unwrap();

        assert_eq!(checks.len(), 2);
        assert!(checks[0].check.problem().unwrap().contains("cannot be reached"));
        assert_eq!(checks[0].problem, Some(kernel::PanelProblem::Unreachable));
        assert_eq!(checks[1].check.problem().as_deref(), Some("xray is stopped"));
        assert_eq!(checks[1].problem, Some(kernel::PanelProblem::XrayStopped));
    }

    #[tokio::test]
    async fn checking_an_unknown_panel_is_not_found() {
        let mut repo = MockRepo::new();
        repo.expect_panel()
            .returning(|_| Err(kernel::StorageError::NotFound("panel 9".into())));

        let err = fleet_service(repo, MockPanelDriver::new())
            .check_health(PanelId::new(9))
            .await
            .unwrap_err();

        assert!(matches!(err, InventoryError::NotFound(_)));
    }
}
