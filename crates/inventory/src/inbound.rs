//! Inbounds: the listeners on a panel that clients are added to.

use kernel::{CountLimit, InboundId, PanelId};
use time::OffsetDateTime;

use crate::{InboundStatus, Protocol};

/// What a panel says about one inbound (its full spec); stored as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundSpec {
    /// The xray tag, e.g. `inbound-443`.
    pub tag: String,
    /// Protocol.
    pub protocol: Protocol,
    /// Listening port.
    pub port: u16,
    /// The panel's remark (label).
    pub remark: String,
    /// `settings` JSON, as text, **without its `clients` array** (drivers strip it: a busy
    /// inbound's client list runs to megabytes and is tracked through `client_count`).
    pub settings: String,
    /// `streamSettings` JSON, as text.
    pub stream_settings: String,
    /// `sniffing` JSON, as text.
    pub sniffing: String,
}

/// An inbound as a panel's `list_inbounds` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteInbound {
    /// The panel's own id for it.
    pub remote_id: i64,
    /// Whether it is enabled on the panel.
    pub enabled: bool,
    /// Its spec.
    pub spec: InboundSpec,
    /// Clients configured on it right now (ours and anyone else's).
    pub client_count: u32,
}

/// An inbound as MoonVPN keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inbound {
    /// MoonVPN's id.
    pub id: InboundId,
    /// The panel it lives on.
    pub panel: PanelId,
    /// The panel's own id for it.
    pub remote_id: i64,
    /// Its spec, as last synced.
    pub spec: InboundSpec,
    /// Most clients to sell onto it.
    pub max_clients: CountLimit,
    /// Clients on it: set from the panel at each sync, counted up and down by sales between.
    pub client_count: u32,
    /// Whether it takes new clients as the panel and its load say.
    pub status: InboundStatus,
    /// Whether the admin sells on it (default true). Sync never changes it; accounts already
    /// on an off-sale inbound keep working and renew.
    pub on_sale: bool,
    /// When it was last synced.
    pub synced_at: OffsetDateTime,
}

impl Inbound {
    /// Whether a new client may be put here: on sale, Active and below its limit.
    pub fn has_room(&self) -> bool {
        self.on_sale && self.status == InboundStatus::Active && self.max_clients.has_room(self.client_count)
    }
}

/// An inbound seen for the first time on a panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInbound {
    /// The panel's own id for it.
    pub remote_id: i64,
    /// Its spec.
    pub spec: InboundSpec,
    /// Clients on it.
    pub client_count: u32,
    /// Its status.
    pub status: InboundStatus,
}

/// New facts about a known inbound (its `max_clients` stays as the admin set it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundRefresh {
    /// Which inbound.
    pub id: InboundId,
    /// Its spec now.
    pub spec: InboundSpec,
    /// Clients on it now.
    pub client_count: u32,
    /// Its status now.
    pub status: InboundStatus,
}

/// Everything one sync of a panel changes, applied together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboundSync {
    /// Inbounds to insert.
    pub added: Vec<NewInbound>,
    /// Inbounds to update.
    pub refreshed: Vec<InboundRefresh>,
    /// Inbounds gone from the panel: set to Disabled, never deleted (sold accounts point at them).
    pub vanished: Vec<InboundId>,
}

/// What a sync did, for the admin.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Inbounds seen for the first time.
    pub added: usize,
    /// Inbounds updated.
    pub refreshed: usize,
    /// Inbounds gone from the panel and now disabled.
    pub vanished: usize,
}
