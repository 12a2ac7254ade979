//! [`PlacementService`]: the placement use cases, one file per group.

use std::sync::Arc;

use kernel::{Clock, ShopName, UserId};
use members::AuditAction;

use crate::admin::AdminPorts;
use crate::{FleetRepo, InventoryError, PanelDriver, PlacementRepo};

mod allocation;
#[cfg(test)]
mod allocation_tests;
mod inbound_sale;
mod inbounds;
mod locations;
mod panel_use;

/// Where clients may go: locations, inbounds (on sale or not, capacity), and allocation (the
/// inbound and client name a new client gets). Shared by the bot, the CLI and the order saga.
///
/// Besides its own [`PlacementRepo`] it holds the [`FleetRepo`] to read panels and their last
/// health (allocation skips a panel that is off or down, and stores a failed live check).
pub struct PlacementService {
    placement: Arc<dyn PlacementRepo>,
    fleet: Arc<dyn FleetRepo>,
    driver: Arc<dyn PanelDriver>,
    clock: Arc<dyn Clock>,
    admin: Option<AdminPorts>,
    shop: ShopName,
    /// Panels that answered a live check lately (see `panel_use::UP_FOR`).
    up_marks: panel_use::UpMarks,
}

impl PlacementService {
    /// Wires the service.
    pub fn new(
        placement: Arc<dyn PlacementRepo>,
        fleet: Arc<dyn FleetRepo>,
        driver: Arc<dyn PanelDriver>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            placement,
            fleet,
            driver,
            clock,
            admin: None,
            shop: ShopName::default(),
            up_marks: panel_use::UpMarks::default(),
        }
    }

    /// Names new clients after `shop` (`FR-<brand>-1001`) instead of `MoonVPN`. Clients
    /// made under an earlier name keep theirs.
    #[must_use]
    pub fn with_shop_name(mut self, shop: ShopName) -> Self {
        self.shop = shop;
        self
    }

    /// Lets admins change inbounds ([`PlacementService::set_inbound_sale_as`] and
    /// [`PlacementService::set_inbound_capacity_as`]): roles are checked by `access`, actions
    /// written to `audit`. Without it those use cases refuse.
    #[must_use]
    pub fn with_admin(mut self, access: Arc<dyn members::Authorizer>, audit: Arc<dyn members::AuditLog>) -> Self {
        self.admin = Some(AdminPorts { access, audit });
        self
    }

    async fn admin_check(&self, actor: UserId, attempt: &AuditAction) -> Result<&AdminPorts, InventoryError> {
        AdminPorts::check(self.admin.as_ref(), actor, attempt).await
    }
}
