//! The `InventoryRepo` port: storage of locations, panels, inbounds, accounts and transfers.

use async_trait::async_trait;
use kernel::{ClientAccountId, CountLimit, InboundId, LocationId, PanelId, StorageError, TransferId, UserId};
use time::OffsetDateTime;

use crate::{
    AccountCounts, AccountStatus, AccountTransfer, ApiGeneration, CertPin, ClientAccount, ExtendedLimits, HealthCheck,
    Inbound, InboundSync, Location, NewClientAccount, NewLocation, NewPanel, NewTransfer, Panel, Provisioned,
    UsageUpdate,
};

/// Storage of the inventory. `NotFound` for an unknown id, `Conflict` when a uniqueness rule
/// (location name or prefix, inbound per panel, client name or email) refuses a write.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait InventoryRepo: Send + Sync {
    /// Stores a new, active location whose client numbers start at 1001.
    async fn add_location(&self, location: &NewLocation) -> Result<Location, StorageError>;

    /// Every location, by name.
    async fn locations(&self) -> Result<Vec<Location>, StorageError>;

    /// One location.
    async fn location(&self, id: LocationId) -> Result<Location, StorageError>;

    /// Puts a location on or off sale.
    async fn set_location_active(&self, id: LocationId, active: bool) -> Result<Location, StorageError>;

    /// Hands out the location's next client number and advances it, atomically: two callers
    /// never get the same number and a number is never handed out again.
    async fn next_client_number(&self, location: LocationId) -> Result<u32, StorageError>;

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

    /// Every inbound stored for a panel.
    async fn inbounds_of_panel(&self, panel: PanelId) -> Result<Vec<Inbound>, StorageError>;

    /// One inbound.
    async fn inbound(&self, id: InboundId) -> Result<Inbound, StorageError>;

    /// Applies one sync of a panel's inbounds in one transaction.
    async fn apply_inbound_sync(
        &self,
        panel: PanelId,
        sync: &InboundSync,
        at: OffsetDateTime,
    ) -> Result<(), StorageError>;

    /// Inbounds that may take a new client in a location: status Active and on sale, on an
    /// active panel of that location.
    async fn sellable_inbounds(&self, location: LocationId) -> Result<Vec<Inbound>, StorageError>;

    /// Takes one client slot on an inbound, atomically: `false` (nothing changed) unless it is
    /// Active, on sale and below `max_clients`; the inbound becomes Full when this fills it.
    async fn reserve_slot(&self, inbound: InboundId) -> Result<bool, StorageError>;

    /// Gives a client slot back (never below zero); a Full inbound below its limit becomes
    /// Active again.
    async fn release_slot(&self, inbound: InboundId) -> Result<(), StorageError>;

    /// Sets an inbound's client limit and its Active/Full status to match, with
    /// the admin's `audit` entry (when given) in the same transaction.
    async fn set_inbound_capacity<'a>(
        &self,
        inbound: InboundId,
        max_clients: CountLimit,
        audit: Option<&'a members::NewAuditEntry>,
    ) -> Result<Inbound, StorageError>;

    /// Puts an inbound on or off sale and writes `audit`, in one transaction.
    async fn set_inbound_on_sale(
        &self,
        inbound: InboundId,
        on_sale: bool,
        audit: &members::NewAuditEntry,
    ) -> Result<Inbound, StorageError>;

    /// Stores a client account (Active). `Conflict` if its name or email exists.
    async fn insert_account(&self, account: &NewClientAccount) -> Result<ClientAccount, StorageError>;

    /// One client account.
    async fn account(&self, id: ClientAccountId) -> Result<ClientAccount, StorageError>;

    /// A user's accounts, newest first.
    async fn accounts_of(&self, user: UserId) -> Result<Vec<ClientAccount>, StorageError>;

    /// The simultaneous-IP limit an account was sold with.
    async fn account_ip_limit(&self, id: ClientAccountId) -> Result<CountLimit, StorageError>;

    /// An admin's extension, in one transaction: stores `limits` (traffic limit, expiry,
    /// status) on the account only while it still holds the traffic limit and expiry of
    /// `snapshot` (what they were computed from), with the owner's notice and the audit entry.
    /// `Ok(None)` and nothing written when the account changed meanwhile.
    async fn extend_account(
        &self,
        snapshot: &ClientAccount,
        limits: &ExtendedLimits,
        notice: &notify::NewNotice,
        audit: &members::NewAuditEntry,
        at: OffsetDateTime,
    ) -> Result<Option<ClientAccount>, StorageError>;

    /// Records traffic read from the panel and the resulting status.
    async fn record_usage(
        &self,
        id: ClientAccountId,
        used_bytes: u64,
        status: AccountStatus,
        at: OffsetDateTime,
    ) -> Result<ClientAccount, StorageError>;

    /// Sets an account's status.
    async fn set_account_status(
        &self,
        id: ClientAccountId,
        status: AccountStatus,
        at: OffsetDateTime,
    ) -> Result<ClientAccount, StorageError>;

    /// Stores an account's new client key and the links the panel gives for it ("new link").
    async fn replace_account_key(
        &self,
        id: ClientAccountId,
        client_uuid: &str,
        links: &Provisioned,
        at: OffsetDateTime,
    ) -> Result<ClientAccount, StorageError>;

    /// Records a transfer (see [`NewTransfer`]) in one transaction and returns the transfer row
    /// and the new account. `Conflict` if the old account is no longer Active (someone moved
    /// it first).
    async fn complete_transfer(&self, transfer: &NewTransfer)
    -> Result<(AccountTransfer, ClientAccount), StorageError>;

    /// Transfers whose old client may still be on its old panel (its removal was never
    /// recorded), oldest first, at most `limit`: each transfer with the moved (Switched)
    /// account.
    async fn pending_old_client_removals(&self, limit: u64)
    -> Result<Vec<(TransferId, ClientAccountId)>, StorageError>;

    /// Records that a transfer's old client is gone from its panel. Marking again keeps the
    /// first time; `NotFound` for an unknown transfer.
    async fn mark_old_client_removed(&self, id: TransferId, at: OffsetDateTime) -> Result<(), StorageError>;

    /// Stores an edited panel (every field but `id`, `active` and `created_at`; credentials
    /// encrypted). `Conflict` if another panel has its URL.
    async fn update_panel(&self, panel: &Panel, at: OffsetDateTime) -> Result<Panel, StorageError>;

    /// Deletes a panel with its inbounds, health and pin, in one transaction. `Conflict` (and
    /// nothing deleted) if any client account was ever sold on it.
    async fn delete_panel(&self, id: PanelId) -> Result<(), StorageError>;

    /// How many accounts were sold on a panel's inbounds.
    async fn panel_account_counts(&self, id: PanelId) -> Result<AccountCounts, StorageError>;

    /// Every account on a panel's inbounds, whatever its status.
    async fn accounts_of_panel(&self, id: PanelId) -> Result<Vec<ClientAccount>, StorageError>;

    /// Stores usage read from panels, in batches (one transaction per few hundred accounts).
    /// Unknown ids are skipped.
    async fn record_usages(&self, updates: &[UsageUpdate], at: OffsetDateTime) -> Result<(), StorageError>;

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
}
