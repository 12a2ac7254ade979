//! `impl FleetRepo for Store`: panels, their health and pins, and a sync's inbounds.

use async_trait::async_trait;
use inventory::{ApiGeneration, CertPin, FleetRepo, HealthCheck, InboundSync, NewPanel, Panel};
use kernel::{PanelId, StorageError};
use time::OffsetDateTime;

use super::{inbounds, panel_state, panels};
use crate::Store;

#[async_trait]
impl FleetRepo for Store {
    async fn add_panel(&self, panel: &NewPanel, at: OffsetDateTime) -> Result<Panel, StorageError> {
        panels::add(self, panel, at).await
    }

    async fn panels(&self) -> Result<Vec<Panel>, StorageError> {
        panels::all(self).await
    }

    async fn panel(&self, id: PanelId) -> Result<Panel, StorageError> {
        panels::get(self, id).await
    }

    async fn set_panel_tls_pin(&self, id: PanelId, pin: Option<CertPin>) -> Result<Panel, StorageError> {
        panels::set_tls_pin(self, id, pin).await
    }

    async fn set_panel_active(&self, id: PanelId, active: bool) -> Result<Panel, StorageError> {
        panels::set_active(self, id, active, OffsetDateTime::now_utc()).await
    }

    async fn update_panel(&self, panel: &Panel, at: OffsetDateTime) -> Result<Panel, StorageError> {
        panels::update(self, panel, at).await
    }

    async fn delete_panel(&self, id: PanelId) -> Result<(), StorageError> {
        panels::delete(self, id).await
    }

    async fn record_health(&self, check: &HealthCheck) -> Result<(), StorageError> {
        panel_state::record_health(self.db(), check).await
    }

    async fn last_health(&self, panel: PanelId) -> Result<Option<HealthCheck>, StorageError> {
        panel_state::last_health(self.db(), panel).await
    }

    async fn health_checks(&self) -> Result<Vec<HealthCheck>, StorageError> {
        panel_state::health_checks(self.db()).await
    }

    async fn set_panel_generation(&self, id: PanelId, generation: Option<ApiGeneration>) -> Result<(), StorageError> {
        let at = crate::time_ms::to_ms(OffsetDateTime::now_utc());
        panel_state::set_generation(self.db(), id, generation, at).await
    }

    async fn panel_generations(&self) -> Result<Vec<(PanelId, ApiGeneration)>, StorageError> {
        panel_state::generations(self.db()).await
    }

    async fn apply_inbound_sync(
        &self,
        panel: PanelId,
        sync: &InboundSync,
        at: OffsetDateTime,
    ) -> Result<(), StorageError> {
        crate::tx::retry_on_conflict(|| inbounds::apply_sync(self.db(), panel, sync, at)).await
    }
}
