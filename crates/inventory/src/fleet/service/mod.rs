//! [`FleetService`]: the panel use cases, one file per group.

use std::sync::Arc;

use kernel::{Clock, UserId};
use members::{AuditAction, AuditTarget};

use crate::admin::AdminPorts;
use crate::{AccountRepo, FleetRepo, InventoryError, PanelDriver, PlacementRepo};

mod admin_ops;
mod admin_panels;
mod health;
mod inbound_sync;
mod join;
mod panel_admin;
#[cfg(test)]
mod panel_admin_tests;
mod panel_sync;
mod panels;
mod pinning;
mod reconcile;
mod usage_sync;

/// The panel fleet's use cases: connecting, editing and removing panels, their health, TLS and
/// API-generation pins, syncing their inbounds and usage, reconciling them with what was sold,
/// restarting Xray. Shared by the bot, the CLI and the jobs.
///
/// Besides its own [`FleetRepo`] it holds the [`PlacementRepo`] (a panel's location must exist;
/// a sync writes its inbounds; an overview lists them) and the [`AccountRepo`] (a sync stores
/// the usage it read; reconcile and removal look at the accounts sold on a panel).
pub struct FleetService {
    fleet: Arc<dyn FleetRepo>,
    placement: Arc<dyn PlacementRepo>,
    accounts: Arc<dyn AccountRepo>,
    driver: Arc<dyn PanelDriver>,
    clock: Arc<dyn Clock>,
    admin: Option<AdminPorts>,
}

impl FleetService {
    /// Wires the service.
    pub fn new(
        fleet: Arc<dyn FleetRepo>,
        placement: Arc<dyn PlacementRepo>,
        accounts: Arc<dyn AccountRepo>,
        driver: Arc<dyn PanelDriver>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            fleet,
            placement,
            accounts,
            driver,
            clock,
            admin: None,
        }
    }

    /// Lets admins operate panels ([`FleetService::restart_xray`] and friends): roles are
    /// checked by `access`, actions written to `audit`. Without it those use cases refuse.
    #[must_use]
    pub fn with_admin(mut self, access: Arc<dyn members::Authorizer>, audit: Arc<dyn members::AuditLog>) -> Self {
        self.admin = Some(AdminPorts { access, audit });
        self
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
}
