//! What an admin does to one user's service from the bot or the CLI: reset its traffic on the
//! panel. Role checked (a refusal is audited by the [`members::Authorizer`]), the change
//! audited.

use kernel::{ClientAccountId, UserId};
use members::{AuditAction, AuditTarget};
use serde_json::json;

use super::AccountService;
use crate::{AccountStatus, ClientAccount, InventoryError};

impl AccountService {
    /// Audit action of resetting a service's traffic.
    pub const RESET_TRAFFIC: AuditAction = AuditAction::new("account.reset_traffic");

    /// Sets the service's used traffic back to zero on its panel (a client cut off for traffic
    /// connects again), then reads it back: an expired-by-traffic service with time left is
    /// active again. A service moved to another location is refused.
    pub async fn reset_traffic_as(&self, actor: UserId, id: ClientAccountId) -> Result<ClientAccount, InventoryError> {
        let ports = self.admin_check(actor, &Self::RESET_TRAFFIC).await?;
        let account = self.accounts.account(id).await?;
        if account.status == AccountStatus::Switched {
            return Err(InventoryError::AccountNotActive { status: account.status });
        }
        let (inbound, panel) = self.inbound_and_panel(account.inbound).await?;
        self.driver
            .reset_client_traffic(&panel.connection(), inbound.remote_id, &account.email)
            .await?;
        let detail = json!({ "used_before": account.traffic_used_bytes, "email": account.email.as_str() });
        self.audited(
            ports,
            actor,
            Self::RESET_TRAFFIC,
            AuditTarget::new("account", id),
            detail,
        )
        .await;
        self.refresh_usage(id).await
    }
}

#[cfg(test)]
mod tests {
    use kernel::{ClientAccountId, UserId};
    use members::AccessError;

    use crate::fixtures::*;
    use crate::{AccountStatus, InventoryError, MockPanelDriver, MockRepo};

    #[tokio::test]
    async fn a_plain_user_resets_nothing() {
        let mut driver = MockPanelDriver::new();
        driver.expect_reset_client_traffic().never();
        let s = account_service(MockRepo::new(), driver).with_admin(authorizer(false), audit_log("x", 0));
        let refused = s.reset_traffic_as(UserId::new(5), ClientAccountId::new(1)).await;
        assert!(matches!(
            refused,
            Err(InventoryError::Access(AccessError::Forbidden { .. }))
        ));
    }

    #[tokio::test]
    async fn a_moved_service_is_refused_before_the_panel_is_called() {
        let mut repo = MockRepo::new();
        repo.expect_account()
            .returning(|id| Ok(account(id.get(), 1, 1, AccountStatus::Switched)));
        let mut driver = MockPanelDriver::new();
        driver.expect_reset_client_traffic().never();
        let s = account_service(repo, driver).with_admin(authorizer(true), audit_log("account.reset_traffic", 0));
        let refused = s.reset_traffic_as(UserId::new(5), ClientAccountId::new(1)).await;
        assert!(matches!(refused, Err(InventoryError::AccountNotActive { .. })));
    }
}
