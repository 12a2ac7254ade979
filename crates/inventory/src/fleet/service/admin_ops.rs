//! Panel operations an admin starts from the bot or the CLI: the panel list and a live
//! health view, sync now, restart Xray. Each checks the actor's role through the members
//! [`members::Authorizer`] (a refusal is audited as `access.denied` there) and writes what it did to
//! the audit log.

use kernel::{PanelId, UserId};
use members::{AuditAction, AuditTarget};

use super::FleetService;
use crate::{HealthCheck, InventoryError, PanelOverview, PanelSyncReport};

impl FleetService {
    /// Audit action of viewing the panels (only refusals are recorded).
    pub const VIEW_PANELS: AuditAction = AuditAction::new("panel.view");
    /// Audit action of an admin's "sync now".
    pub const SYNC_NOW: AuditAction = AuditAction::new("panel.sync");
    /// Audit action of restarting Xray on a panel.
    pub const RESTART_XRAY: AuditAction = AuditAction::new("panel.restart_xray");

    /// Every panel with its last health, inbounds and accounts (admins only).
    pub async fn panels_for_admin(&self, actor: UserId) -> Result<Vec<PanelOverview>, InventoryError> {
        self.admin_check(actor, &Self::VIEW_PANELS).await?;
        self.panel_overviews().await
    }

    /// One panel checked live now (reachable, latency, Xray state, load) with its overview
    /// (admins only).
    pub async fn panel_for_admin(
        &self,
        actor: UserId,
        id: PanelId,
    ) -> Result<(PanelOverview, HealthCheck), InventoryError> {
        self.admin_check(actor, &Self::VIEW_PANELS).await?;
        let health = self.check_health(id).await?;
        let overview = self
            .panel_overviews()
            .await?
            .into_iter()
            .find(|o| o.panel.id == id)
            .ok_or_else(|| InventoryError::NotFound(format!("panel {id}")))?;
        Ok((overview, health))
    }

    /// Reads the panel's inbounds and usage now (admins only; audited).
    pub async fn sync_now(&self, actor: UserId, id: PanelId) -> Result<PanelSyncReport, InventoryError> {
        let ports = self.admin_check(actor, &Self::SYNC_NOW).await?;
        let result = self.sync_panel(id).await;
        let detail = match &result {
            Ok(report) => serde_json::json!({ "ok": true, "clients_read": report.clients_read }),
            Err(e) => serde_json::json!({ "ok": false, "error": e.to_string() }),
        };
        self.audited(ports, actor, Self::SYNC_NOW, AuditTarget::new("panel", id), detail)
            .await;
        result
    }

    /// Restarts Xray on the panel, then checks its health again (admins only; audited, the
    /// failure too).
    pub async fn restart_xray(&self, actor: UserId, id: PanelId) -> Result<HealthCheck, InventoryError> {
        let ports = self.admin_check(actor, &Self::RESTART_XRAY).await?;
        let panel = self.fleet.panel(id).await?;
        let restarted = self.driver.restart_xray(&panel.connection()).await;
        let detail = match &restarted {
            Ok(()) => serde_json::json!({ "ok": true }),
            Err(e) => serde_json::json!({ "ok": false, "error": e.to_string() }),
        };
        self.audited(ports, actor, Self::RESTART_XRAY, AuditTarget::new("panel", id), detail)
            .await;
        restarted?;
        self.check_health(id).await
    }
}

#[cfg(test)]
mod tests {
    use kernel::{PanelId, UserId};
    use members::AccessError;

    use crate::fixtures::*;
    use crate::{InventoryError, MockPanelDriver, MockRepo};

    fn admin_ports(
        allowed: bool,
        audits: usize,
    ) -> (
        std::sync::Arc<members::MockAuthorizer>,
        std::sync::Arc<members::MockAuditLog>,
    ) {
        (authorizer(allowed), audit_log("panel.restart_xray", audits))
    }

    fn healthy_status() -> crate::ServerStatus {
        crate::ServerStatus {
            xray: crate::XrayState::Running,
            xray_version: None,
            cpu_percent: 5.0,
            memory_used: 512,
            memory_total: 2048,
            uptime: std::time::Duration::from_secs(60),
        }
    }

    #[tokio::test]
    async fn a_plain_user_cannot_restart_xray_and_the_panel_is_not_called() {
        let mut driver = MockPanelDriver::new();
        driver.expect_restart_xray().never();
        let (access, audit) = admin_ports(false, 0);
        let s = fleet_service(MockRepo::new(), driver).with_admin(access, audit);
        let refused = s.restart_xray(UserId::new(5), PanelId::new(1)).await;
        assert!(matches!(
            refused,
            Err(InventoryError::Access(AccessError::Forbidden { .. }))
        ));
    }

    #[tokio::test]
    async fn an_admin_restarts_xray_and_it_is_audited() {
        let mut repo = MockRepo::new();
        repo.expect_panel().returning(|_| Ok(panel(1, 1, true)));
        repo.expect_record_health().returning(|_| Ok(()));
        let mut driver = MockPanelDriver::new();
        driver.expect_restart_xray().times(1).returning(|_| Ok(()));
        driver.expect_server_status().returning(|_| Ok(healthy_status()));
        let (access, audit) = admin_ports(true, 1);
        let s = fleet_service(repo, driver).with_admin(access, audit);
        let health = s.restart_xray(UserId::new(5), PanelId::new(1)).await.unwrap();
        assert!(health.is_up());
    }

    #[tokio::test]
    async fn without_the_admin_ports_panel_operations_are_refused() {
        let s = fleet_service(MockRepo::new(), MockPanelDriver::new());
        assert!(matches!(
            s.restart_xray(UserId::new(5), PanelId::new(1)).await,
            Err(InventoryError::Access(_))
        ));
    }
}
