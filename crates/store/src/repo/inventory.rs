//! Repositories of the inventory area: `impl InventoryRepo for Store`, plus the account steps
//! the order saga runs inside its own fulfilment transaction
//! ([`insert_client_account`], [`insert_client_account_for_order`], [`renew_client_limits`]).

mod accounts;
mod convert;
mod extend;
mod inbounds;
mod locations;
mod panel_state;
mod panels;
mod transfers;
mod usage;

use async_trait::async_trait;
use inventory::{
    AccountCounts, AccountStatus, AccountTransfer, ApiGeneration, CertPin, ClientAccount, ExtendedLimits, HealthCheck,
    Inbound, InboundSync, InventoryRepo, Location, NewClientAccount, NewLocation, NewPanel, NewTransfer, Panel,
    Provisioned, UsageUpdate,
};
use kernel::{ClientAccountId, CountLimit, InboundId, LocationId, PanelId, StorageError, TransferId, UserId};
use time::OffsetDateTime;

#[allow(
    unused_imports,
    reason = "for the order saga, to record which order created an account"
)]
pub(crate) use accounts::insert_client_account_for_order;
pub(crate) use accounts::{insert_client_account, renew_client_limits};
pub use usage::USAGE_BATCH;

use crate::Store;
use crate::error::db_err;

#[async_trait]
impl InventoryRepo for Store {
    async fn add_location(&self, location: &NewLocation) -> Result<Location, StorageError> {
        locations::add(self.db(), location, OffsetDateTime::now_utc()).await
    }

    async fn locations(&self) -> Result<Vec<Location>, StorageError> {
        locations::all(self.read()).await
    }

    async fn location(&self, id: LocationId) -> Result<Location, StorageError> {
        locations::find(self.read(), id).await?.try_into()
    }

    async fn set_location_active(&self, id: LocationId, active: bool) -> Result<Location, StorageError> {
        locations::set_active(self.db(), id, active, OffsetDateTime::now_utc()).await
    }

    async fn next_client_number(&self, location: LocationId) -> Result<u32, StorageError> {
        crate::tx::retry_on_conflict(|| locations::next_number(self.db(), location)).await
    }

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

    async fn inbounds_of_panel(&self, panel: PanelId) -> Result<Vec<Inbound>, StorageError> {
        inbounds::of_panel(self.db(), panel).await
    }

    async fn inbound(&self, id: InboundId) -> Result<Inbound, StorageError> {
        inbounds::find(self.read(), id).await?.try_into()
    }

    async fn apply_inbound_sync(
        &self,
        panel: PanelId,
        sync: &InboundSync,
        at: OffsetDateTime,
    ) -> Result<(), StorageError> {
        crate::tx::retry_on_conflict(|| inbounds::apply_sync(self.db(), panel, sync, at)).await
    }

    async fn sellable_inbounds(&self, location: LocationId) -> Result<Vec<Inbound>, StorageError> {
        inbounds::sellable(self.read(), location).await
    }

    async fn reserve_slot(&self, inbound: InboundId) -> Result<bool, StorageError> {
        crate::tx::retry_on_conflict(|| inbounds::reserve(self.db(), inbound)).await
    }

    async fn release_slot(&self, inbound: InboundId) -> Result<(), StorageError> {
        crate::tx::retry_on_conflict(|| inbounds::release(self.db(), inbound)).await
    }

    async fn set_inbound_capacity<'a>(
        &self,
        inbound: InboundId,
        max_clients: CountLimit,
        audit: Option<&'a members::NewAuditEntry>,
    ) -> Result<Inbound, StorageError> {
        inbounds::set_capacity(self.db(), inbound, max_clients, audit).await
    }

    async fn set_inbound_on_sale(
        &self,
        inbound: InboundId,
        on_sale: bool,
        audit: &members::NewAuditEntry,
    ) -> Result<Inbound, StorageError> {
        inbounds::set_on_sale(self.db(), inbound, on_sale, audit).await
    }

    async fn insert_account(&self, account: &NewClientAccount) -> Result<ClientAccount, StorageError> {
        let txn = crate::tx::begin(self.db()).await?;
        let stored = insert_client_account(&txn, account).await?;
        txn.commit().await.map_err(db_err)?;
        Ok(stored)
    }

    async fn account(&self, id: ClientAccountId) -> Result<ClientAccount, StorageError> {
        accounts::find(self.read(), id).await?.try_into()
    }

    async fn extend_account(
        &self,
        snapshot: &ClientAccount,
        limits: &ExtendedLimits,
        notice: &notify::NewNotice,
        audit: &members::NewAuditEntry,
        at: OffsetDateTime,
    ) -> Result<Option<ClientAccount>, StorageError> {
        extend::extend(self.db(), snapshot, limits, notice, audit, at).await
    }

    async fn accounts_of(&self, user: UserId) -> Result<Vec<ClientAccount>, StorageError> {
        accounts::of_user(self.read(), user).await
    }

    async fn account_ip_limit(&self, id: ClientAccountId) -> Result<CountLimit, StorageError> {
        convert::ip_limit(&accounts::find(self.db(), id).await?)
    }

    async fn record_usage(
        &self,
        id: ClientAccountId,
        used_bytes: u64,
        status: AccountStatus,
        at: OffsetDateTime,
    ) -> Result<ClientAccount, StorageError> {
        accounts::record_usage(self.db(), id, used_bytes, status, at).await
    }

    async fn set_account_status(
        &self,
        id: ClientAccountId,
        status: AccountStatus,
        at: OffsetDateTime,
    ) -> Result<ClientAccount, StorageError> {
        accounts::set_status(self.db(), id, status, at).await
    }

    async fn replace_account_key(
        &self,
        id: ClientAccountId,
        client_uuid: &str,
        links: &Provisioned,
        at: OffsetDateTime,
    ) -> Result<ClientAccount, StorageError> {
        accounts::replace_key(self.db(), id, client_uuid, links, at).await
    }

    async fn complete_transfer(
        &self,
        transfer: &NewTransfer,
    ) -> Result<(AccountTransfer, ClientAccount), StorageError> {
        transfers::complete(self.db(), transfer).await
    }

    async fn pending_old_client_removals(
        &self,
        limit: u64,
    ) -> Result<Vec<(TransferId, ClientAccountId)>, StorageError> {
        transfers::pending_removals(self.db(), limit).await
    }

    async fn mark_old_client_removed(&self, id: TransferId, at: OffsetDateTime) -> Result<(), StorageError> {
        transfers::mark_removed(self.db(), id, at).await
    }

    async fn update_panel(&self, panel: &Panel, at: OffsetDateTime) -> Result<Panel, StorageError> {
        panels::update(self, panel, at).await
    }

    async fn delete_panel(&self, id: PanelId) -> Result<(), StorageError> {
        panels::delete(self, id).await
    }

    async fn panel_account_counts(&self, id: PanelId) -> Result<AccountCounts, StorageError> {
        usage::counts_on(self.db(), id).await
    }

    async fn accounts_of_panel(&self, id: PanelId) -> Result<Vec<ClientAccount>, StorageError> {
        usage::accounts_of_panel(self.db(), id).await
    }

    async fn record_usages(&self, updates: &[UsageUpdate], at: OffsetDateTime) -> Result<(), StorageError> {
        usage::record(self.db(), updates, at).await
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
}
