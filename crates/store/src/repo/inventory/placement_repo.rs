//! `impl PlacementRepo for Store`: locations, inbounds, slots and client numbers.

use async_trait::async_trait;
use inventory::{Inbound, Location, NewLocation, PlacementRepo};
use kernel::{CountLimit, InboundId, LocationId, PanelId, StorageError};
use time::OffsetDateTime;

use super::{inbounds, locations};
use crate::Store;

#[async_trait]
impl PlacementRepo for Store {
    async fn add_location(&self, location: &NewLocation) -> Result<Location, StorageError> {
        let added = locations::add(self.db(), location, OffsetDateTime::now_utc()).await?;
        self.catalog_changed();
        Ok(added)
    }

    async fn locations(&self) -> Result<Vec<Location>, StorageError> {
        Ok(self.catalog().await?.locations())
    }

    async fn location(&self, id: LocationId) -> Result<Location, StorageError> {
        if let Some(location) = self.catalog().await?.location(id) {
            return Ok(location.clone());
        }
        // Added since the catalog was read (by another process): the database knows.
        locations::find(self.read(), id).await?.try_into()
    }

    async fn set_location_active(&self, id: LocationId, active: bool) -> Result<Location, StorageError> {
        let changed = locations::set_active(self.db(), id, active, OffsetDateTime::now_utc()).await;
        self.catalog_changed();
        changed
    }

    async fn next_client_number(&self, location: LocationId) -> Result<u32, StorageError> {
        crate::tx::retry_on_conflict(|| locations::next_number(self.db(), location)).await
    }

    async fn inbounds_of_panel(&self, panel: PanelId) -> Result<Vec<Inbound>, StorageError> {
        inbounds::of_panel(self.db(), panel).await
    }

    async fn inbound(&self, id: InboundId) -> Result<Inbound, StorageError> {
        inbounds::find(self.read(), id).await?.try_into()
    }

    async fn sellable_inbounds(&self, location: LocationId) -> Result<Vec<Inbound>, StorageError> {
        inbounds::sellable(self.read(), location).await
    }

    async fn reserve_slot(&self, inbound: InboundId) -> Result<bool, StorageError> {
        crate::tx::retry_on_conflict(|| inbounds::reserve(self.db(), inbound)).await
    }

    async fn release_slot(&self, inbound: InboundId) -> Result<(), StorageError> {
        crate::tx::retry_on_conflict(|| inbounds::release(self.db(), inbound)).await
    }

    async fn set_inbound_capacity<'a>(
        &self,
        inbound: InboundId,
        max_clients: CountLimit,
        audit: Option<&'a members::NewAuditEntry>,
    ) -> Result<Inbound, StorageError> {
        inbounds::set_capacity(self.db(), inbound, max_clients, audit).await
    }

    async fn set_inbound_on_sale(
        &self,
        inbound: InboundId,
        on_sale: bool,
        audit: &members::NewAuditEntry,
    ) -> Result<Inbound, StorageError> {
        inbounds::set_on_sale(self.db(), inbound, on_sale, audit).await
    }
}
