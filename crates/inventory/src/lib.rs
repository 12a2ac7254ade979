//! MoonVPN's inventory: locations ("France", prefix `FR`), the 3x-ui panels there, their
//! inbounds with full specs and capacity, and the client accounts sold on them
//! (`FR-MoonVPN-1001`), including moves to another location.
//!
//! Three subdomains, each with its own storage port and its own service:
//!
//! - **fleet** ([`FleetRepo`], [`FleetService`]): panels, health, TLS and API-generation
//!   pins, sync, reconcile, restarting Xray, the admin's panel operations and overviews.
//! - **placement** ([`PlacementRepo`], [`PlacementService`]): locations, inbounds (on sale or
//!   not, capacity), slots, client numbers and allocation.
//! - **accounts** ([`AccountRepo`], [`AccountService`]): provisioning, usage, rekey (a fresh
//!   client key), transfer to another location and its cleanup, an admin's extension and
//!   traffic reset.
//!
//! A 3x-ui panel is reached through the [`PanelDriver`] port. With the `mock` feature,
//! `MockFleetRepo`, `MockPlacementRepo`, `MockAccountRepo` and `MockPanelDriver` are exported
//! for other crates' tests.
#![forbid(unsafe_code)]

mod account;
mod account_transfer;
mod accounts;
mod admin;
mod cert_pin;
mod client_name;
mod display_name;
mod driver;
mod error;
mod extension;
#[cfg(test)]
mod fixtures;
mod fleet;
mod health_check;
mod identity;
mod inbound;
mod location;
mod location_prefix;
mod panel;
mod panel_changes;
mod panel_url;
mod parse_error;
mod placement;
mod protocol;
mod reconcile_report;
mod snapshot;
mod status;
mod usage_report;

pub use account::{Allocation, ClientAccount, ClientLimits, NewClientAccount, Provisioned};
pub use account_transfer::{AccountTransfer, NewTransfer, TransferOutcome};
pub use accounts::{AccountRepo, AccountService, SwitchCleanupReport};
pub use cert_pin::CertPin;
pub use client_name::{ClientEmail, ClientName};
pub use display_name::DisplayName;
pub use driver::{
    ApiGeneration, ClientTraffic, PanelClient, PanelDriver, PanelError, PanelHealth, RemoteClient, ServerStatus,
    XrayState,
};
pub use error::InventoryError;
pub use extension::{ExtendedLimits, Extension, ExtensionError};
pub use fleet::{FleetRepo, FleetService};
pub use health_check::{HealthCheck, PanelChecked};
pub use inbound::{Inbound, InboundRefresh, InboundSpec, InboundSync, NewInbound, RemoteInbound, SyncReport};
pub use location::{Location, NewLocation};
pub use location_prefix::LocationPrefix;
pub use panel::{NewPanel, Panel, PanelConnection};
pub use panel_changes::{
    AccountCounts, ConnectedPanel, PanelChanges, PanelOverview, PanelPlacement, PanelRemoval, PanelRequest,
};
pub use panel_url::PanelUrl;
pub use parse_error::ParseError;
pub use placement::{PlacementRepo, PlacementService};
pub use protocol::Protocol;
pub use reconcile_report::{LostAccount, ReconcileReport, RepairFailure, UnknownClient};
pub use snapshot::{ClientUsage, PanelExpiry, PanelSnapshot};
pub use status::{AccountStatus, InboundStatus};
pub use usage_report::{PanelSyncReport, UsageReport, UsageUpdate};

#[cfg(any(test, feature = "mock"))]
pub use accounts::MockAccountRepo;
#[cfg(any(test, feature = "mock"))]
pub use driver::MockPanelDriver;
#[cfg(test)]
use fixtures::MockRepo;
#[cfg(any(test, feature = "mock"))]
pub use fleet::MockFleetRepo;
#[cfg(any(test, feature = "mock"))]
pub use placement::MockPlacementRepo;
