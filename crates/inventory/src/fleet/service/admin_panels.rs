//! Panel changes an admin makes, from the bot or the CLI: connect, edit, remove, repair,
//! and reconcile. Each checks the actor's role (a refusal is audited by the
//! [`members::Authorizer`]) and writes what it did to the audit log, secrets never included.

use kernel::{PanelId, UserId};
use members::{AuditAction, AuditTarget};
use serde_json::json;
use tracing::info;

use super::FleetService;
use crate::{
    ApiGeneration, ConnectedPanel, InventoryError, Panel, PanelChanges, PanelPlacement, PanelRemoval, PanelRequest,
    ReconcileReport,
};

impl FleetService {
    /// Audit action of connecting a panel.
    pub const ADD_PANEL: AuditAction = AuditAction::new("panel.add");
    /// Audit action of editing a panel.
    pub const EDIT_PANEL: AuditAction = AuditAction::new("panel.edit");
    /// Audit action of removing (or taking off sale) a panel.
    pub const REMOVE_PANEL: AuditAction = AuditAction::new("panel.remove");
    /// Audit action of re-creating lost clients on a panel.
    pub const REPAIR_PANEL: AuditAction = AuditAction::new("panel.repair");

    /// Connects a panel for an admin (audited). A new location is created only after the
    /// panel accepted the login, so a wrong password leaves nothing behind.
    pub async fn add_panel_as(&self, actor: UserId, request: &PanelRequest) -> Result<ConnectedPanel, InventoryError> {
        let ports = self.admin_check(actor, &Self::ADD_PANEL).await?;
        let location = match &request.placement {
            PanelPlacement::Existing(id) => self.placement.location(*id).await?.id,
            PanelPlacement::New(new) => {
                self.check_panel(&request.connection(), request.generation).await?;
                let added = self.placement.add_location(new).await?;
                info!(location = %added.id, prefix = %added.prefix, "location added");
                added.id
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
            self.fleet.panel(id).await?
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

    /// Removes a panel for an admin (audited); see [`FleetService::remove_panel`].
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
}

#[cfg(test)]
mod tests {
    use kernel::{PanelId, UserId};
    use members::AccessError;

    use crate::fixtures::*;
    use crate::{InventoryError, MockPanelDriver, MockRepo, PanelChanges, PanelError, PanelPlacement, PanelRequest};

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
        let mut repo = MockRepo::new();
        repo.expect_add_location().never();
        repo.expect_add_panel().never();
        repo.expect_set_inbound_capacity().never();
        repo.expect_delete_panel().never();
        let s = fleet_service(repo, driver).with_admin(authorizer(false), audit_log("panel.add", 0));
        let user = UserId::new(5);
        let new_place = PanelPlacement::New(new_location("France", "FR"));
        let refusals = [
            s.add_panel_as(user, &request(new_place)).await.err(),
            s.remove_panel_as(user, PanelId::new(1), true).await.err(),
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
        let mut repo = MockRepo::new();
        repo.expect_add_location().never();
        repo.expect_add_panel().never();
        let s = fleet_service(repo, driver).with_admin(authorizer(true), audit_log("panel.add", 0));
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
        let mut repo = MockRepo::new();
        repo.expect_update_panel().never();
        let s = fleet_service(repo, MockPanelDriver::new()).with_admin(authorizer(true), audit_log("panel.edit", 0));
        let refused = s
            .edit_panel_as(UserId::new(5), PanelId::new(1), &PanelChanges::default(), None)
            .await;
        assert!(matches!(refused, Err(InventoryError::NothingToChange)));
    }
}
