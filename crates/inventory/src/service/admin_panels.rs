//! Panel changes an admin makes, from the bot or the CLI: connect, edit, remove, repair,
//! inbound capacity. Each checks the actor's role (a refusal is audited by the
//! [`members::Authorizer`]) and writes what it did to the audit log, secrets never included.

use kernel::{CountLimit, InboundId, PanelId, UserId};
use members::{AuditAction, AuditTarget, NewAuditEntry};
use serde_json::json;

use super::InventoryService;
use crate::{
    ApiGeneration, ConnectedPanel, Inbound, InventoryError, Location, Panel, PanelChanges, PanelPlacement,
    PanelRemoval, PanelRequest, ReconcileReport,
};

impl InventoryService {
    /// Audit action of connecting a panel.
    pub const ADD_PANEL: AuditAction = AuditAction::new("panel.add");
    /// Audit action of editing a panel.
    pub const EDIT_PANEL: AuditAction = AuditAction::new("panel.edit");
    /// Audit action of removing (or taking off sale) a panel.
    pub const REMOVE_PANEL: AuditAction = AuditAction::new("panel.remove");
    /// Audit action of re-creating lost clients on a panel.
    pub const REPAIR_PANEL: AuditAction = AuditAction::new("panel.repair");
    /// Audit action of changing an inbound's client limit.
    pub const INBOUND_CAPACITY: AuditAction = AuditAction::new("inbound.capacity");

    /// The location named `name`, compared without case.
    pub async fn location_named(&self, name: &str) -> Result<Option<Location>, InventoryError> {
        let wanted = name.trim().to_lowercase();
        Ok(self
            .repo
            .locations()
            .await?
            .into_iter()
            .find(|l| l.name.as_str().to_lowercase() == wanted))
    }

    /// Connects a panel for an admin (audited). A new location is created only after the
    /// panel accepted the login, so a wrong password leaves nothing behind.
    pub async fn add_panel_as(&self, actor: UserId, request: &PanelRequest) -> Result<ConnectedPanel, InventoryError> {
        let ports = self.admin_check(actor, &Self::ADD_PANEL).await?;
        let location = match &request.placement {
            PanelPlacement::Existing(id) => self.repo.location(*id).await?.id,
            PanelPlacement::New(new) => {
                self.check_panel(&request.connection(), request.generation).await?;
                self.add_location(new).await?.id
            }
        };
        let connected = self.connect_panel(&request.at(location), request.generation).await?;
        let p = &connected.panel;
        let detail = json!({
            "url": p.url.as_str(),
            "name": p.name.as_str(),
            "location": p.location.get(),
            "allow_self_signed": p.allow_insecure_tls,
            "api_token": p.api_token.is_some(),
            "two_factor": p.two_factor_secret.is_some(),
            "generation": connected.generation.as_str(),
        });
        self.audited(ports, actor, Self::ADD_PANEL, AuditTarget::new("panel", p.id), detail)
            .await;
        Ok(connected)
    }

    /// Edits a panel for an admin (audited): `changes`, and with `generation` a new pin
    /// (`Some(None)` goes back to detection). Nothing to change is an error.
    pub async fn edit_panel_as(
        &self,
        actor: UserId,
        id: PanelId,
        changes: &PanelChanges,
        generation: Option<Option<ApiGeneration>>,
    ) -> Result<Panel, InventoryError> {
        let ports = self.admin_check(actor, &Self::EDIT_PANEL).await?;
        if *changes == PanelChanges::default() && generation.is_none() {
            return Err(InventoryError::NothingToChange);
        }
        let mut detail = changes.audit_detail();
        if let Some(pin) = generation {
            self.pin_panel_generation(id, pin).await?;
            detail["generation_pin"] = json!(pin.map_or("auto", |g| g.as_str()));
        }
        let saved = if *changes == PanelChanges::default() {
            self.repo.panel(id).await?
        } else {
            self.edit_panel(id, changes).await?
        };
        if let Some(pin) = &saved.tls_pin {
            detail["tls_pin"] = json!(pin.to_string());
        }
        self.audited(ports, actor, Self::EDIT_PANEL, AuditTarget::new("panel", id), detail)
            .await;
        Ok(saved)
    }

    /// Removes a panel for an admin (audited); see [`InventoryService::remove_panel`].
    pub async fn remove_panel_as(
        &self,
        actor: UserId,
        id: PanelId,
        force: bool,
    ) -> Result<PanelRemoval, InventoryError> {
        let ports = self.admin_check(actor, &Self::REMOVE_PANEL).await?;
        let removal = self.remove_panel(id, force).await?;
        let (outcome, live_accounts) = match removal {
            PanelRemoval::Deleted => ("deleted", 0),
            PanelRemoval::Disabled { live_accounts } => ("disabled", live_accounts),
        };
        let detail = json!({ "force": force, "outcome": outcome, "live_accounts": live_accounts });
        self.audited(ports, actor, Self::REMOVE_PANEL, AuditTarget::new("panel", id), detail)
            .await;
        Ok(removal)
    }

    /// Compares a panel with what was sold on it for an admin; with `repair`, lost clients
    /// are created again and that is audited.
    pub async fn reconcile_as(
        &self,
        actor: UserId,
        id: PanelId,
        repair: bool,
    ) -> Result<ReconcileReport, InventoryError> {
        let attempt = if repair { Self::REPAIR_PANEL } else { Self::VIEW_PANELS };
        let ports = self.admin_check(actor, &attempt).await?;
        let report = self.reconcile(id, repair).await?;
        if repair {
            let detail = json!({
                "lost": report.lost.len(),
                "repaired": report.repaired.iter().map(|a| a.get()).collect::<Vec<_>>(),
                "failed": report.failed.iter().map(|f| f.account.get()).collect::<Vec<_>>(),
            });
            self.audited(ports, actor, Self::REPAIR_PANEL, AuditTarget::new("panel", id), detail)
                .await;
        }
        Ok(report)
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
            .repo
            .set_inbound_capacity(inbound, max_clients, Some(&audit))
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use kernel::{InboundId, PanelId, UserId};
    use members::AccessError;

    use super::super::fixtures::*;
    use crate::{
        InventoryError, MockInventoryRepo, MockPanelDriver, PanelChanges, PanelError, PanelPlacement, PanelRequest,
    };

    fn request(placement: PanelPlacement) -> PanelRequest {
        let p = new_panel(1);
        PanelRequest {
            name: p.name,
            url: p.url,
            username: p.username,
            password: p.password,
            api_token: None,
            two_factor_secret: None,
            allow_insecure_tls: false,
            placement,
            generation: None,
        }
    }

    #[tokio::test]
    async fn a_plain_user_changes_no_panel_and_nothing_is_called() {
        let mut driver = MockPanelDriver::new();
        driver.expect_detect_generation().never();
        driver.expect_server_status().never();
        let mut repo = MockInventoryRepo::new();
        repo.expect_add_location().never();
        repo.expect_add_panel().never();
        repo.expect_set_inbound_capacity().never();
        repo.expect_delete_panel().never();
        let s = service(repo, driver).with_admin(authorizer(false), audit_log("panel.add", 0));
        let user = UserId::new(5);
        let new_place = PanelPlacement::New(new_location("France", "FR"));
        let refusals = [
            s.add_panel_as(user, &request(new_place)).await.err(),
            s.remove_panel_as(user, PanelId::new(1), true).await.err(),
            s.set_inbound_capacity_as(user, InboundId::new(1), count(5)).await.err(),
            s.reconcile_as(user, PanelId::new(1), true).await.err(),
        ];
        for refused in refusals {
            assert!(matches!(
                refused,
                Some(InventoryError::Access(AccessError::Forbidden { .. }))
            ));
        }
    }

    #[tokio::test]
    async fn a_wrong_password_creates_no_location_and_no_audit_row() {
        let mut driver = MockPanelDriver::new();
        driver.expect_pin_generation().returning(|_, _| ());
        driver
            .expect_detect_generation()
            .returning(|_| Err(PanelError::LoginRefused));
        let mut repo = MockInventoryRepo::new();
        repo.expect_add_location().never();
        repo.expect_add_panel().never();
        let s = service(repo, driver).with_admin(authorizer(true), audit_log("panel.add", 0));
        let refused = s
            .add_panel_as(
                UserId::new(5),
                &request(PanelPlacement::New(new_location("France", "FR"))),
            )
            .await;
        assert!(matches!(refused, Err(InventoryError::Panel(PanelError::LoginRefused))));
    }

    #[tokio::test]
    async fn an_edit_that_changes_nothing_is_refused_before_anything_is_written() {
        let mut repo = MockInventoryRepo::new();
        repo.expect_update_panel().never();
        let s = service(repo, MockPanelDriver::new()).with_admin(authorizer(true), audit_log("panel.edit", 0));
        let refused = s
            .edit_panel_as(UserId::new(5), PanelId::new(1), &PanelChanges::default(), None)
            .await;
        assert!(matches!(refused, Err(InventoryError::NothingToChange)));
    }

    #[tokio::test]
    async fn an_inbound_limit_set_by_an_admin_is_written_with_its_audit_entry() {
        let mut repo = MockInventoryRepo::new();
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
        let s = service(repo, MockPanelDriver::new()).with_admin(authorizer(true), audit_log("inbound.capacity", 0));
        let saved = s
            .set_inbound_capacity_as(UserId::new(5), InboundId::new(1), count(10))
            .await
            .unwrap();
        assert_eq!(saved.max_clients, count(10));
    }
}
