//! Client accounts: provisioning, usage, rekey, transfer (location switch) and its cleanup,
//! an admin's extension and traffic reset.

mod repo;
mod service;

pub use repo::AccountRepo;
#[cfg(any(test, feature = "mock"))]
pub use repo::MockAccountRepo;
pub use service::{AccountService, SwitchCleanupReport};
