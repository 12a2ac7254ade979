//! Putting an inbound on or off sale, for an admin from the bot or the CLI. The role is checked
//! on the server (a refusal is audited `access.denied` by the [`members::Authorizer`]); the
//! change and its audit entry `inbound.sale {inbound, on_sale}` are written in one transaction.
//! Off sale, an inbound takes no new client; the accounts already on it keep working and renew.

use kernel::{InboundId, UserId};
use members::{AuditAction, AuditTarget, NewAuditEntry};
use serde_json::json;

use super::PlacementService;
use crate::{Inbound, InventoryError};

impl PlacementService {
    /// Audit action of putting an inbound on or off sale.
    pub const INBOUND_SALE: AuditAction = AuditAction::new("inbound.sale");

    /// Puts `inbound` on sale (`true`) or off sale for an admin; the change and its audit entry
    /// are stored together. `NotFound` for an unknown inbound (nothing written).
    pub async fn set_inbound_sale_as(
        &self,
        actor: UserId,
        inbound: InboundId,
        on_sale: bool,
    ) -> Result<Inbound, InventoryError> {
        self.admin_check(actor, &Self::INBOUND_SALE).await?;
        let audit = NewAuditEntry::by(
            actor,
            Self::INBOUND_SALE,
            AuditTarget::new("inbound", inbound),
            json!({ "inbound": inbound.get(), "on_sale": on_sale }),
            self.clock.now(),
        );
        let saved = self.placement.set_inbound_on_sale(inbound, on_sale, &audit).await?;
        tracing::info!(%inbound, on_sale, "inbound sale changed");
        Ok(saved)
    }
}

#[cfg(test)]
mod tests {
    use kernel::{InboundId, LocationId, StorageError, UserId};
    use members::AccessError;

    use crate::fixtures::*;
    use crate::{InboundStatus, InventoryError, MockPanelDriver, MockRepo};

    #[tokio::test]
    async fn a_plain_user_changes_no_sale_and_the_store_is_not_called() {
        let mut repo = MockRepo::new();
        repo.expect_set_inbound_on_sale().never();
        let s =
            placement_service(repo, MockPanelDriver::new()).with_admin(authorizer(false), audit_log("inbound.sale", 0));
        let refused = s.set_inbound_sale_as(UserId::new(5), InboundId::new(1), false).await;
        assert!(matches!(
            refused,
            Err(InventoryError::Access(AccessError::Forbidden { .. }))
        ));
    }

    #[tokio::test]
    async fn an_admin_takes_an_inbound_off_sale_with_its_audit_entry_in_the_same_write() {
        let mut repo = MockRepo::new();
        repo.expect_set_inbound_on_sale()
            .withf(|id, on_sale, audit| {
                *id == InboundId::new(3)
                    && !*on_sale
                    && audit.action.as_str() == "inbound.sale"
                    && audit.actor == Some(UserId::new(5))
                    && audit.detail == serde_json::json!({ "inbound": 3, "on_sale": false })
            })
            .times(1)
            .returning(|_, on_sale, _| {
                let mut saved = inbound(3, 1, 0, 0, InboundStatus::Active);
                saved.on_sale = on_sale;
                Ok(saved)
            });
        // The entry goes through the repository's transaction, not the separate audit log.
        let s =
            placement_service(repo, MockPanelDriver::new()).with_admin(authorizer(true), audit_log("inbound.sale", 0));
        let saved = s
            .set_inbound_sale_as(UserId::new(5), InboundId::new(3), false)
            .await
            .unwrap();
        assert!(!saved.on_sale);
        assert!(!saved.has_room(), "an off-sale inbound takes no new client");
    }

    #[tokio::test]
    async fn an_unknown_inbound_is_not_found() {
        let mut repo = MockRepo::new();
        repo.expect_set_inbound_on_sale()
            .returning(|id, _, _| Err(StorageError::NotFound(format!("inbound {id}"))));
        let s =
            placement_service(repo, MockPanelDriver::new()).with_admin(authorizer(true), audit_log("inbound.sale", 0));
        let missing = s.set_inbound_sale_as(UserId::new(5), InboundId::new(9), true).await;
        assert!(matches!(missing, Err(InventoryError::NotFound(_))));
    }

    #[tokio::test]
    async fn without_the_admin_ports_the_sale_cannot_be_changed() {
        let s = placement_service(MockRepo::new(), MockPanelDriver::new());
        assert!(matches!(
            s.set_inbound_sale_as(UserId::new(5), InboundId::new(1), true).await,
            Err(InventoryError::Access(_))
        ));
    }

    #[tokio::test]
    async fn a_location_whose_every_inbound_is_off_sale_has_no_capacity() {
        let mut off = inbound(1, 1, 0, 0, InboundStatus::Active);
        off.on_sale = false;
        let mut repo = MockRepo::new();
        repo.expect_location().returning(|_| Ok(location(1, "FR", true)));
        repo.expect_sellable_inbounds()
            .returning(move |_| Ok(vec![off.clone()]));
        repo.expect_reserve_slot().never();
        repo.expect_next_client_number().never();
        let err = placement_service(repo, MockPanelDriver::new())
            .allocate(LocationId::new(1))
            .await
            .unwrap_err();
        assert!(
            matches!(err, InventoryError::NoCapacity { .. }),
            "sold out, as a full location is"
        );
    }
}
