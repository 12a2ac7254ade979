//! [`InventoryService`]: the inventory use cases, one file per group.

use std::sync::Arc;

use kernel::{Clock, InboundId, ShopName};

pub use switch_cleanup::SwitchCleanupReport;

use crate::{Inbound, InventoryError, InventoryRepo, Panel, PanelDriver};

mod accounts;
mod admin_accounts;
mod admin_extend;
mod admin_ops;
mod admin_panels;
mod allocation;
mod catalog;
mod fleet;
mod health;
mod identity;
mod inbound_sale;
mod join;
mod panel_admin;
mod pinning;
mod provisioning;
mod reconcile;
mod rotation;
mod switch_cleanup;
mod sync;
mod transfer;
mod usage;

#[cfg(test)]
pub(crate) mod fixtures;

/// The inventory use cases, shared by the bot, the CLI and the order saga.
pub struct InventoryService {
    repo: Arc<dyn InventoryRepo>,
    driver: Arc<dyn PanelDriver>,
    clock: Arc<dyn Clock>,
    admin: Option<admin_ops::AdminPorts>,
    shop: ShopName,
}

impl InventoryService {
    /// Wires the service.
    pub fn new(repo: Arc<dyn InventoryRepo>, driver: Arc<dyn PanelDriver>, clock: Arc<dyn Clock>) -> Self {
        Self {
            repo,
            driver,
            clock,
            admin: None,
            shop: ShopName::default(),
        }
    }

    /// Names new clients after `shop` (`FR-<brand>-1001`) instead of `MoonVPN`. Clients
    /// made under an earlier name keep theirs.
    #[must_use]
    pub fn with_shop_name(mut self, shop: ShopName) -> Self {
        self.shop = shop;
        self
    }

    /// Lets admins operate panels ([`InventoryService::restart_xray`] and friends): roles are
    /// checked by `access`, actions written to `audit`. Without it those use cases refuse.
    pub fn with_admin(mut self, access: Arc<dyn members::Authorizer>, audit: Arc<dyn members::AuditLog>) -> Self {
        self.admin = Some(admin_ops::AdminPorts { access, audit });
        self
    }

    /// An inbound and the panel it lives on.
    async fn placement(&self, inbound: InboundId) -> Result<(Inbound, Panel), InventoryError> {
        let inbound = self.repo.inbound(inbound).await?;
        let panel = self.repo.panel(inbound.panel).await?;
        Ok((inbound, panel))
    }
}
