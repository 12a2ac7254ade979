//! Locations: adding them, listing them, putting them on or off sale.

use kernel::LocationId;
use tracing::info;

use super::PlacementService;
use crate::{InventoryError, Location, NewLocation};

impl PlacementService {
    /// Adds a location (on sale at once). `AlreadyExists` if its name or prefix is taken.
    pub async fn add_location(&self, location: &NewLocation) -> Result<Location, InventoryError> {
        let added = self.placement.add_location(location).await?;
        info!(location = %added.id, prefix = %added.prefix, "location added");
        Ok(added)
    }

    /// Every location, by name.
    pub async fn locations(&self) -> Result<Vec<Location>, InventoryError> {
        Ok(self.placement.locations().await?)
    }

    /// The locations users may buy in.
    pub async fn locations_on_sale(&self) -> Result<Vec<Location>, InventoryError> {
        let mut all = self.placement.locations().await?;
        all.retain(|l| l.active);
        Ok(all)
    }

    /// Takes a location off sale (existing accounts keep working).
    pub async fn deactivate_location(&self, id: LocationId) -> Result<Location, InventoryError> {
        Ok(self.placement.set_location_active(id, false).await?)
    }

    /// Puts a location back on sale.
    pub async fn activate_location(&self, id: LocationId) -> Result<Location, InventoryError> {
        Ok(self.placement.set_location_active(id, true).await?)
    }

    /// One location (on sale or not).
    pub async fn location(&self, id: LocationId) -> Result<Location, InventoryError> {
        Ok(self.placement.location(id).await?)
    }

    /// The location named `name`, compared without case.
    pub async fn location_named(&self, name: &str) -> Result<Option<Location>, InventoryError> {
        let wanted = name.trim().to_lowercase();
        Ok(self
            .placement
            .locations()
            .await?
            .into_iter()
            .find(|l| l.name.as_str().to_lowercase() == wanted))
    }
}

#[cfg(test)]
mod tests {
    use crate::fixtures::*;
    use crate::{InventoryError, MockPanelDriver, MockRepo};
    use kernel::StorageError;

    #[tokio::test]
    async fn a_taken_prefix_is_reported_as_already_existing() {
        let mut repo = MockRepo::new();
        repo.expect_add_location()
            .returning(|_| Err(StorageError::Conflict("location prefix FR".into())));

        let err = placement_service(repo, MockPanelDriver::new())
            .add_location(&new_location("France", "FR"))
            .await
            .unwrap_err();

        assert!(matches!(err, InventoryError::AlreadyExists(_)));
    }

    #[tokio::test]
    async fn inactive_locations_are_not_offered_for_sale() {
        let mut repo = MockRepo::new();
        repo.expect_locations()
            .returning(|| Ok(vec![location(1, "FR", true), location(2, "DE", false)]));

        let on_sale = placement_service(repo, MockPanelDriver::new())
            .locations_on_sale()
            .await
            .unwrap();

        assert_eq!(on_sale.len(), 1);
        assert_eq!(on_sale[0].prefix.as_str(), "FR");
    }
}
