//! Inbounds: the ones stored for a panel and how many clients each takes.

use kernel::{CountLimit, InboundId, PanelId, UserId};
use members::{AuditAction, AuditTarget, NewAuditEntry};
use serde_json::json;

use super::PlacementService;
use crate::{Inbound, InventoryError};

impl PlacementService {
    /// Audit action of changing an inbound's client limit.
    pub const INBOUND_CAPACITY: AuditAction = AuditAction::new("inbound.capacity");

    /// The inbounds stored for a panel.
    pub async fn inbounds_of_panel(&self, id: PanelId) -> Result<Vec<Inbound>, InventoryError> {
        Ok(self.placement.inbounds_of_panel(id).await?)
    }

    /// Sets how many clients an inbound takes; at the limit it is Full and skipped for sales.
    pub async fn set_inbound_capacity(
        &self,
        id: InboundId,
        max_clients: CountLimit,
    ) -> Result<Inbound, InventoryError> {
        Ok(self.placement.set_inbound_capacity(id, max_clients, None).await?)
    }

    /// Sets how many clients an inbound may hold for an admin; the limit and its audit entry
    /// `inbound.capacity {max_clients}` (`null`: no limit) are written in one transaction.
    pub async fn set_inbound_capacity_as(
        &self,
        actor: UserId,
        inbound: InboundId,
        max_clients: CountLimit,
    ) -> Result<Inbound, InventoryError> {
        self.admin_check(actor, &Self::INBOUND_CAPACITY).await?;
        let audit = NewAuditEntry::by(
            actor,
            Self::INBOUND_CAPACITY,
            AuditTarget::new("inbound", inbound),
            json!({ "max_clients": max_clients.amount() }),
            self.clock.now(),
        );
        Ok(self
            .placement
            .set_inbound_capacity(inbound, max_clients, Some(&audit))
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use kernel::{InboundId, UserId};
    use members::AccessError;

    use crate::fixtures::*;
    use crate::{InventoryError, MockPanelDriver, MockRepo};

    #[tokio::test]
    async fn a_plain_user_sets_no_inbound_limit() {
        let mut repo = MockRepo::new();
        repo.expect_set_inbound_capacity().never();
        let s = placement_service(repo, MockPanelDriver::new()).with_admin(authorizer(false), audit_log("x", 0));
        let refused = s
            .set_inbound_capacity_as(UserId::new(5), InboundId::new(1), count(5))
            .await;
        assert!(matches!(
            refused,
            Err(InventoryError::Access(AccessError::Forbidden { .. }))
        ));
    }

    #[tokio::test]
    async fn an_inbound_limit_set_by_an_admin_is_written_with_its_audit_entry() {
        let mut repo = MockRepo::new();
        repo.expect_set_inbound_capacity()
            .withf(|_, _, audit| {
                audit.is_some_and(|a| {
                    a.action.as_str() == "inbound.capacity" && a.detail == serde_json::json!({ "max_clients": 10 })
                })
            })
            .times(1)
            .returning(|_, max, _| {
                Ok(crate::Inbound {
                    max_clients: max,
                    ..inbound(1, 1, 0, 0, crate::InboundStatus::Active)
                })
            });
        // The entry goes through the repository's transaction, not the separate audit log.
        let s = placement_service(repo, MockPanelDriver::new())
            .with_admin(authorizer(true), audit_log("inbound.capacity", 0));
        let saved = s
            .set_inbound_capacity_as(UserId::new(5), InboundId::new(1), count(10))
            .await
            .unwrap();
        assert_eq!(saved.max_clients, count(10));
    }
}
