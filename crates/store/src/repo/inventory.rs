//! Repositories of the inventory area: `impl FleetRepo`, `impl PlacementRepo` and
//! `impl AccountRepo for Store` (one file each), plus the account steps
//! the order saga runs inside its own fulfilment transaction
//! ([`insert_client_account`], [`insert_client_account_for_order`], [`renew_client_limits`]).

mod account_repo;
mod accounts;
mod convert;
mod extend;
mod fleet_repo;
mod inbounds;
pub(crate) mod locations;
mod panel_state;
mod panels;
mod placement_repo;
mod transfers;
mod usage;

#[allow(
    unused_imports,
    reason = "for the order saga, to record which order created an account"
)]
pub(crate) use accounts::insert_client_account_for_order;
pub(crate) use accounts::{insert_client_account, renew_client_limits};
pub use usage::USAGE_BATCH;
