//! Adding panels, listing them, and taking them off sale or back on.

use kernel::PanelId;
use tracing::{info, warn};

use super::FleetService;
use crate::{InventoryError, NewPanel, Panel};

impl FleetService {
    /// Adds a panel after checking that it answers and accepts the credentials; on any
    /// failure nothing is stored and the error says what to fix.
    pub async fn add_panel(&self, panel: &NewPanel) -> Result<Panel, InventoryError> {
        self.placement.location(panel.location).await?;
        let conn = self.first_connection(panel).await?;
        if let Err(e) = self.driver.health(&conn).await {
            warn!(url = %panel.url, error = %e, "panel refused on add");
            return Err(e.into());
        }
        let added = self.fleet.add_panel(panel, self.clock.now()).await?;
        let added = self.keep_pin(added, &conn).await?;
        info!(panel = %added.id, url = %added.url, "panel added");
        Ok(added)
    }

    /// Every panel, by name.
    pub async fn panels(&self) -> Result<Vec<Panel>, InventoryError> {
        Ok(self.fleet.panels().await?)
    }

    /// Stops selling on a panel (its accounts keep working).
    pub async fn deactivate_panel(&self, id: PanelId) -> Result<Panel, InventoryError> {
        Ok(self.fleet.set_panel_active(id, false).await?)
    }

    /// Sells on a panel again.
    pub async fn activate_panel(&self, id: PanelId) -> Result<Panel, InventoryError> {
        Ok(self.fleet.set_panel_active(id, true).await?)
    }
}

#[cfg(test)]
mod tests {
    use crate::fixtures::*;
    use crate::{InventoryError, MockPanelDriver, MockRepo, PanelError, PanelHealth};
    use kernel::StorageError;

    #[tokio::test]
    async fn a_panel_with_bad_credentials_is_refused_and_nothing_is_stored() {
        let mut repo = MockRepo::new();
        repo.expect_location().returning(|_| Ok(location(1, "FR", true)));
        repo.expect_add_panel().never();
        let mut driver = MockPanelDriver::new();
        driver.expect_health().returning(|_| Err(PanelError::LoginRefused));

        let err = fleet_service(repo, driver).add_panel(&new_panel(1)).await.unwrap_err();

        assert!(matches!(err, InventoryError::Panel(PanelError::LoginRefused)));
        assert!(err.to_string().contains("username, password"));
    }

    #[tokio::test]
    async fn an_unreachable_panel_is_refused_with_a_retryable_error() {
        let mut repo = MockRepo::new();
        repo.expect_location().returning(|_| Ok(location(1, "FR", true)));
        repo.expect_add_panel().never();
        let mut driver = MockPanelDriver::new();
        driver.expect_health().returning(|_| Err(PanelError::Unreachable));

        let err = fleet_service(repo, driver).add_panel(&new_panel(1)).await.unwrap_err();

        assert!(err.is_retryable());
    }

    #[tokio::test]
    async fn a_panel_that_accepts_the_login_is_stored() {
        let mut repo = MockRepo::new();
        repo.expect_location().returning(|_| Ok(location(1, "FR", true)));
        repo.expect_add_panel().times(1).returning(|_, _| Ok(panel(7, 1, true)));
        let mut driver = MockPanelDriver::new();
        driver.expect_health().returning(|_| {
            Ok(PanelHealth {
                xray_running: true,
                version: None,
            })
        });

        let added = fleet_service(repo, driver).add_panel(&new_panel(1)).await.unwrap();

        assert_eq!(added.id.get(), 7);
    }

    #[tokio::test]
    async fn a_panel_for_an_unknown_location_is_refused_before_any_login() {
        let mut repo = MockRepo::new();
        repo.expect_location()
            .returning(|_| Err(StorageError::NotFound("location 9".into())));
        let mut driver = MockPanelDriver::new();
        driver.expect_health().never();

        let err = fleet_service(repo, driver).add_panel(&new_panel(9)).await.unwrap_err();

        assert!(matches!(err, InventoryError::NotFound(_)));
    }
}
