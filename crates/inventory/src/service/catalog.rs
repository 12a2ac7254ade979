//! Admin use cases: locations, panels and inbound capacity.

use kernel::{CountLimit, InboundId, LocationId, PanelId};
use tracing::{info, warn};

use super::InventoryService;
use crate::{Inbound, InventoryError, Location, NewLocation, NewPanel, Panel};

impl InventoryService {
    /// Adds a location (on sale at once). `AlreadyExists` if its name or prefix is taken.
    pub async fn add_location(&self, location: &NewLocation) -> Result<Location, InventoryError> {
        let added = self.repo.add_location(location).await?;
        info!(location = %added.id, prefix = %added.prefix, "location added");
        Ok(added)
    }

    /// Every location, by name.
    pub async fn locations(&self) -> Result<Vec<Location>, InventoryError> {
        Ok(self.repo.locations().await?)
    }

    /// The locations users may buy in.
    pub async fn locations_on_sale(&self) -> Result<Vec<Location>, InventoryError> {
        let mut all = self.repo.locations().await?;
        all.retain(|l| l.active);
        Ok(all)
    }

    /// Takes a location off sale (existing accounts keep working).
    pub async fn deactivate_location(&self, id: LocationId) -> Result<Location, InventoryError> {
        Ok(self.repo.set_location_active(id, false).await?)
    }

    /// Puts a location back on sale.
    pub async fn activate_location(&self, id: LocationId) -> Result<Location, InventoryError> {
        Ok(self.repo.set_location_active(id, true).await?)
    }

    /// Adds a panel after checking that it answers and accepts the credentials; on any
    /// failure nothing is stored and the error says what to fix.
    pub async fn add_panel(&self, panel: &NewPanel) -> Result<Panel, InventoryError> {
        self.repo.location(panel.location).await?;
        let conn = self.first_connection(panel).await?;
        if let Err(e) = self.driver.health(&conn).await {
            warn!(url = %panel.url, error = %e, "panel refused on add");
            return Err(e.into());
        }
        let added = self.repo.add_panel(panel, self.clock.now()).await?;
        let added = self.keep_pin(added, &conn).await?;
        info!(panel = %added.id, url = %added.url, "panel added");
        Ok(added)
    }

    /// Every panel, by name.
    pub async fn panels(&self) -> Result<Vec<Panel>, InventoryError> {
        Ok(self.repo.panels().await?)
    }

    /// Stops selling on a panel (its accounts keep working).
    pub async fn deactivate_panel(&self, id: PanelId) -> Result<Panel, InventoryError> {
        Ok(self.repo.set_panel_active(id, false).await?)
    }

    /// Sells on a panel again.
    pub async fn activate_panel(&self, id: PanelId) -> Result<Panel, InventoryError> {
        Ok(self.repo.set_panel_active(id, true).await?)
    }

    /// The inbounds stored for a panel.
    pub async fn inbounds_of_panel(&self, id: PanelId) -> Result<Vec<Inbound>, InventoryError> {
        Ok(self.repo.inbounds_of_panel(id).await?)
    }

    /// Sets how many clients an inbound takes; at the limit it is Full and skipped for sales.
    pub async fn set_inbound_capacity(
        &self,
        id: InboundId,
        max_clients: CountLimit,
    ) -> Result<Inbound, InventoryError> {
        Ok(self.repo.set_inbound_capacity(id, max_clients, None).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use crate::{InventoryError, MockInventoryRepo, MockPanelDriver, PanelError, PanelHealth};
    use kernel::StorageError;

    #[tokio::test]
    async fn a_panel_with_bad_credentials_is_refused_and_nothing_is_stored() {
        let mut repo = MockInventoryRepo::new();
        repo.expect_location().returning(|_| Ok(location(1, "FR", true)));
        repo.expect_add_panel().never();
        let mut driver = MockPanelDriver::new();
        driver.expect_health().returning(|_| Err(PanelError::LoginRefused));

        let err = service(repo, driver).add_panel(&new_panel(1)).await.unwrap_err();

        assert!(matches!(err, InventoryError::Panel(PanelError::LoginRefused)));
        assert!(err.to_string().contains("username, password"));
    }

    #[tokio::test]
    async fn an_unreachable_panel_is_refused_with_a_retryable_error() {
        let mut repo = MockInventoryRepo::new();
        repo.expect_location().returning(|_| Ok(location(1, "FR", true)));
        repo.expect_add_panel().never();
        let mut driver = MockPanelDriver::new();
        driver.expect_health().returning(|_| Err(PanelError::Unreachable));

        let err = service(repo, driver).add_panel(&new_panel(1)).await.unwrap_err();

        assert!(err.is_retryable());
    }

    #[tokio::test]
    async fn a_panel_that_accepts_the_login_is_stored() {
        let mut repo = MockInventoryRepo::new();
        repo.expect_location().returning(|_| Ok(location(1, "FR", true)));
        repo.expect_add_panel().times(1).returning(|_, _| Ok(panel(7, 1, true)));
        let mut driver = MockPanelDriver::new();
        driver.expect_health().returning(|_| {
            Ok(PanelHealth {
                xray_running: true,
                version: None,
            })
        });

        let added = service(repo, driver).add_panel(&new_panel(1)).await.unwrap();

        assert_eq!(added.id.get(), 7);
    }

    #[tokio::test]
    async fn a_panel_for_an_unknown_location_is_refused_before_any_login() {
        let mut repo = MockInventoryRepo::new();
        repo.expect_location()
            .returning(|_| Err(StorageError::NotFound("location 9".into())));
        let mut driver = MockPanelDriver::new();
        driver.expect_health().never();

        let err = service(repo, driver).add_panel(&new_panel(9)).await.unwrap_err();

        assert!(matches!(err, InventoryError::NotFound(_)));
    }

    #[tokio::test]
    async fn a_taken_prefix_is_reported_as_already_existing() {
        let mut repo = MockInventoryRepo::new();
        repo.expect_add_location()
            .returning(|_| Err(StorageError::Conflict("location prefix FR".into())));

        let err = service(repo, MockPanelDriver::new())
            .add_location(&new_location("France", "FR"))
            .await
            .unwrap_err();

        assert!(matches!(err, InventoryError::AlreadyExists(_)));
    }

    #[tokio::test]
    async fn inactive_locations_are_not_offered_for_sale() {
        let mut repo = MockInventoryRepo::new();
        repo.expect_locations()
            .returning(|| Ok(vec![location(1, "FR", true), location(2, "DE", false)]));

        let on_sale = service(repo, MockPanelDriver::new()).locations_on_sale().await.unwrap();

        assert_eq!(on_sale.len(), 1);
        assert_eq!(on_sale[0].prefix.as_str(), "FR");
    }
}
