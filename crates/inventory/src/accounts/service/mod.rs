//! [`AccountService`]: the client account use cases, one file per group.

use std::sync::Arc;

use kernel::{Clock, InboundId, UserId};
use members::{AuditAction, AuditTarget};

pub use switch_cleanup::SwitchCleanupReport;

use crate::admin::AdminPorts;
use crate::{AccountRepo, FleetRepo, Inbound, InventoryError, Panel, PanelDriver, PlacementRepo, PlacementService};

mod admin_accounts;
mod admin_extend;
mod lookup;
mod provisioning;
mod rekey;
mod switch_cleanup;
mod transfer;

/// Client accounts: provisioning them on a panel (the order saga's `Provisioner`), their
/// usage, a fresh key ("rekey"), a move to another location (transfer) and the removal of the
/// old client afterwards, and an admin's extension or traffic reset. Shared by the bot, the
/// CLI, the jobs and the order saga.
///
/// Besides its own [`AccountRepo`] it holds the [`PlacementRepo`] and [`FleetRepo`] to read the
/// inbound and panel an account lives on (and give a slot back), and a [`PlacementService`] to
/// place the new client of a transfer.
pub struct AccountService {
    accounts: Arc<dyn AccountRepo>,
    placement: Arc<dyn PlacementRepo>,
    fleet: Arc<dyn FleetRepo>,
    allocator: Arc<PlacementService>,
    driver: Arc<dyn PanelDriver>,
    clock: Arc<dyn Clock>,
    admin: Option<AdminPorts>,
}

impl AccountService {
    /// Wires the service; `allocator` places new clients (it shares the same stores).
    pub fn new(
        accounts: Arc<dyn AccountRepo>,
        placement: Arc<dyn PlacementRepo>,
        fleet: Arc<dyn FleetRepo>,
        allocator: Arc<PlacementService>,
        driver: Arc<dyn PanelDriver>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            accounts,
            placement,
            fleet,
            allocator,
            driver,
            clock,
            admin: None,
        }
    }

    /// Lets admins change accounts ([`AccountService::extend_as`] and
    /// [`AccountService::reset_traffic_as`]): roles are checked by `access`, actions written to
    /// `audit`. Without it those use cases refuse.
    #[must_use]
    pub fn with_admin(mut self, access: Arc<dyn members::Authorizer>, audit: Arc<dyn members::AuditLog>) -> Self {
        self.admin = Some(AdminPorts { access, audit });
        self
    }

    /// The placement service that picks where new clients go.
    pub fn allocator(&self) -> &PlacementService {
        &self.allocator
    }

    async fn admin_check(&self, actor: UserId, attempt: &AuditAction) -> Result<&AdminPorts, InventoryError> {
        AdminPorts::check(self.admin.as_ref(), actor, attempt).await
    }

    async fn audited(
        &self,
        ports: &AdminPorts,
        actor: UserId,
        action: AuditAction,
        target: AuditTarget,
        detail: serde_json::Value,
    ) {
        ports.record(actor, action, target, detail, self.clock.now()).await;
    }

    /// An inbound and the panel it lives on.
    async fn inbound_and_panel(&self, inbound: InboundId) -> Result<(Inbound, Panel), InventoryError> {
        let inbound = self.placement.inbound(inbound).await?;
        let panel = self.fleet.panel(inbound.panel).await?;
        Ok((inbound, panel))
    }
}
