//! The `PlacementRepo` port: storage of locations, their client numbers, inbounds (sale,
//! capacity) and client slots.

use async_trait::async_trait;
use kernel::{CountLimit, InboundId, LocationId, PanelId, StorageError};

use crate::{Inbound, Location, NewLocation};

/// Storage of where clients may be placed. `NotFound` for an unknown id, `Conflict` when a
/// uniqueness rule (location name or prefix) refuses a write.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait PlacementRepo: Send + Sync {
    /// Stores a new, active location whose client numbers start at 1001.
    async fn add_location(&self, location: &NewLocation) -> Result<Location, StorageError>;

    /// Every location, by name.
    async fn locations(&self) -> Result<Vec<Location>, StorageError>;

    /// One location.
    async fn location(&self, id: LocationId) -> Result<Location, StorageError>;

    /// Puts a location on or off sale.
    async fn set_location_active(&self, id: LocationId, active: bool) -> Result<Location, StorageError>;

    /// Hands out the location's next client number and advances it, atomically: two callers
    /// never get the same number and a number is never handed out again.
    async fn next_client_number(&self, location: LocationId) -> Result<u32, StorageError>;

    /// Every inbound stored for a panel.
    async fn inbounds_of_panel(&self, panel: PanelId) -> Result<Vec<Inbound>, StorageError>;

    /// One inbound.
    async fn inbound(&self, id: InboundId) -> Result<Inbound, StorageError>;

    /// Inbounds that may take a new client in a location: status Active and on sale, on an
    /// active panel of that location.
    async fn sellable_inbounds(&self, location: LocationId) -> Result<Vec<Inbound>, StorageError>;

    /// Takes one client slot on an inbound, atomically: `false` (nothing changed) unless it is
    /// Active, on sale and below `max_clients`; the inbound becomes Full when this fills it.
    async fn reserve_slot(&self, inbound: InboundId) -> Result<bool, StorageError>;

    /// Gives a client slot back (never below zero); a Full inbound below its limit becomes
    /// Active again.
    async fn release_slot(&self, inbound: InboundId) -> Result<(), StorageError>;

    /// Sets an inbound's client limit and its Active/Full status to match, with
    /// the admin's `audit` entry (when given) in the same transaction.
    async fn set_inbound_capacity<'a>(
        &self,
        inbound: InboundId,
        max_clients: CountLimit,
        audit: Option<&'a members::NewAuditEntry>,
    ) -> Result<Inbound, StorageError>;

    /// Puts an inbound on or off sale and writes `audit`, in one transaction.
    async fn set_inbound_on_sale(
        &self,
        inbound: InboundId,
        on_sale: bool,
        audit: &members::NewAuditEntry,
    ) -> Result<Inbound, StorageError>;
}
