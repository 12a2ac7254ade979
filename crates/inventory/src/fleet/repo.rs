//! The `FleetRepo` port: storage of panels, their health checks, TLS and API-generation pins,
//! and the inbounds a panel sync writes.

use async_trait::async_trait;
use kernel::{PanelId, StorageError};
use time::OffsetDateTime;

use crate::{ApiGeneration, CertPin, HealthCheck, InboundSync, NewPanel, Panel};

/// Storage of the panel fleet. `NotFound` for an unknown id, `Conflict` when a uniqueness rule
/// (panel URL, inbound per panel) refuses a write.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait FleetRepo: Send + Sync {
    /// Stores a panel (credentials encrypted at rest), active.
    async fn add_panel(&self, panel: &NewPanel, at: OffsetDateTime) -> Result<Panel, StorageError>;

    /// Every panel, by name, credentials decrypted.
    async fn panels(&self) -> Result<Vec<Panel>, StorageError>;

    /// One panel, credentials decrypted.
    async fn panel(&self, id: PanelId) -> Result<Panel, StorageError>;

    /// Pins a panel to the fingerprint of its self-signed certificate (`None` unpins it).
    async fn set_panel_tls_pin(&self, id: PanelId, pin: Option<CertPin>) -> Result<Panel, StorageError>;

    /// Uses a panel for new sales or stops doing so.
    async fn set_panel_active(&self, id: PanelId, active: bool) -> Result<Panel, StorageError>;

    /// Stores an edited panel (every field but `id`, `active` and `created_at`; credentials
    /// encrypted). `Conflict` if another panel has its URL.
    async fn update_panel(&self, panel: &Panel, at: OffsetDateTime) -> Result<Panel, StorageError>;

    /// Deletes a panel with its inbounds, health and pin, in one transaction. `Conflict` (and
    /// nothing deleted) if any client account was ever sold on it.
    async fn delete_panel(&self, id: PanelId) -> Result<(), StorageError>;

    /// Stores a panel's latest health check, replacing the previous one.
    async fn record_health(&self, check: &HealthCheck) -> Result<(), StorageError>;

    /// A panel's latest health check, if it was ever checked.
    async fn last_health(&self, panel: PanelId) -> Result<Option<HealthCheck>, StorageError>;

    /// The latest health check of every panel that has one.
    async fn health_checks(&self) -> Result<Vec<HealthCheck>, StorageError>;

    /// Pins (or with `None` unpins) the 3x-ui API generation used for a panel.
    async fn set_panel_generation(&self, id: PanelId, generation: Option<ApiGeneration>) -> Result<(), StorageError>;

    /// Every pinned generation.
    async fn panel_generations(&self) -> Result<Vec<(PanelId, ApiGeneration)>, StorageError>;

    /// Applies one sync of a panel's inbounds in one transaction.
    async fn apply_inbound_sync(
        &self,
        panel: PanelId,
        sync: &InboundSync,
        at: OffsetDateTime,
    ) -> Result<(), StorageError>;
}
