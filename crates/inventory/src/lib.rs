//! MoonVPN's inventory: locations ("France", prefix `FR`), the 3x-ui panels there, their
//! inbounds with full specs and capacity, and the client accounts sold on them
//! (`FR-MoonVPN-1001`), including moves to another location.
//!
//! Two ports: [`InventoryRepo`] (storage) and [`PanelDriver`] (a 3x-ui panel). The use cases
//! live on [`InventoryService`]. With the `mock` feature, `MockInventoryRepo` and
//! `MockPanelDriver` are exported for other crates' tests.
#![forbid(unsafe_code)]

mod account;
mod cert_pin;
mod client_name;
mod display_name;
mod driver;
mod error;
mod extension;
mod health;
mod inbound;
mod location;
mod location_prefix;
mod panel;
mod panel_admin;
mod panel_url;
mod parse_error;
mod protocol;
mod reconcile;
mod repo;
mod service;
mod snapshot;
mod status;
mod transfer;
mod usage;

pub use account::{Allocation, ClientAccount, ClientLimits, NewClientAccount, Provisioned};
pub use cert_pin::CertPin;
pub use client_name::{ClientEmail, ClientName};
pub use display_name::DisplayName;
pub use driver::{
    ApiGeneration, ClientTraffic, PanelClient, PanelDriver, PanelError, PanelHealth, RemoteClient, ServerStatus,
    XrayState,
};
pub use error::InventoryError;
pub use extension::{ExtendedLimits, Extension, ExtensionError};
pub use health::{HealthCheck, PanelChecked};
pub use inbound::{Inbound, InboundRefresh, InboundSpec, InboundSync, NewInbound, RemoteInbound, SyncReport};
pub use location::{Location, NewLocation};
pub use location_prefix::LocationPrefix;
pub use panel::{NewPanel, Panel, PanelConnection};
pub use panel_admin::{
    AccountCounts, ConnectedPanel, PanelChanges, PanelOverview, PanelPlacement, PanelRemoval, PanelRequest,
};
pub use panel_url::PanelUrl;
pub use parse_error::ParseError;
pub use protocol::Protocol;
pub use reconcile::{LostAccount, ReconcileReport, RepairFailure, UnknownClient};
pub use repo::InventoryRepo;
pub use service::{InventoryService, SwitchCleanupReport};
pub use snapshot::{ClientUsage, PanelExpiry, PanelSnapshot};
pub use status::{AccountStatus, InboundStatus};
pub use transfer::{AccountTransfer, NewTransfer, TransferOutcome};
pub use usage::{PanelSyncReport, UsageReport, UsageUpdate};

#[cfg(any(test, feature = "mock"))]
pub use driver::MockPanelDriver;
#[cfg(any(test, feature = "mock"))]
pub use repo::MockInventoryRepo;
