//! Placement: locations, inbounds (sale, capacity), slots, client numbers and allocation.

mod repo;
mod service;

#[cfg(any(test, feature = "mock"))]
pub use repo::MockPlacementRepo;
pub use repo::PlacementRepo;
pub use service::PlacementService;
