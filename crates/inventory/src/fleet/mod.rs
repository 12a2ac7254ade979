//! The panel fleet: panels, their health, TLS and API-generation pins, sync, reconcile and the
//! admin's panel operations.

mod repo;
mod service;

pub use repo::FleetRepo;
#[cfg(any(test, feature = "mock"))]
pub use repo::MockFleetRepo;
pub use service::FleetService;
