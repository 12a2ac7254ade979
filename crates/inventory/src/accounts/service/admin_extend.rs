//! An admin extends a user's service (days and/or GB) from the bot or the CLI: the panel
//! first, then the store (new limits, the owner's notice and the audit entry in one
//! transaction). Role checked (a refusal is audited by the [`members::Authorizer`]).

use kernel::{ClientAccountId, UserId};
use members::{AuditAction, AuditTarget, NewAuditEntry};
use notify::{NewNotice, Notice};
use serde_json::json;

use super::AccountService;
use crate::{AccountStatus, ClientAccount, ExtendedLimits, Extension, InventoryError};

/// Attempts when a renewal or another extension changes the service in between.
const TRIES: usize = 3;

impl AccountService {
    /// Audit action of extending a service.
    pub const EXTEND: AuditAction = AuditAction::new("account.extend");

    /// Adds `extension`'s days and gigabytes to the service (see [`Extension::apply_to`]): the
    /// client is updated on its panel first, and only once the panel took it are the new
    /// limits stored, with the owner's notice saying what was added and the audit entry
    /// `account.extend`. A panel that fails or lost the client leaves the store unchanged.
    /// When the service changes meanwhile (a renewal), it is read again and extended on top.
    pub async fn extend_as(
        &self,
        actor: UserId,
        id: ClientAccountId,
        extension: Extension,
    ) -> Result<ClientAccount, InventoryError> {
        self.admin_check(actor, &Self::EXTEND).await?;
        for _ in 0..TRIES {
            let account = self.accounts.account(id).await?;
            let now = self.clock.now();
            let limits = extension.apply_to(&account, now)?;
            self.push_extension(&account, &limits).await?;
            let notice = NewNotice::to_user(
                account.user,
                Notice::ServiceExtended {
                    account: id,
                    name: account.name.to_string(),
                    days: extension.days(),
                    gb: extension.gb(),
                    expires_at: limits.expires_at,
                    traffic_limit_bytes: limits.traffic_limit_bytes,
                },
            );
            let detail = json!({
                "days": extension.days(),
                "gb": extension.gb(),
                "limit_before": account.traffic_limit_bytes.amount(),
                "limit_after": limits.traffic_limit_bytes.amount(),
                "expires_before": account.expires_at.map(|at| at.unix_timestamp()),
                "expires_after": limits.expires_at.map(|at| at.unix_timestamp()),
                "email": account.email.as_str(),
            });
            let audit = NewAuditEntry::by(actor, Self::EXTEND, AuditTarget::new("account", id), detail, now);
            if let Some(stored) = self
                .accounts
                .extend_account(&account, &limits, &notice, &audit, now)
                .await?
            {
                tracing::info!(account = %id, days = extension.days(), gb = extension.gb(), "service extended");
                return Ok(stored);
            }
            tracing::info!(account = %id, "the service changed while it was extended; extending on top");
        }
        Err(InventoryError::Storage(kernel::StorageError::Conflict(format!(
            "service {id} kept changing while it was extended; try again"
        ))))
    }

    /// Writes the extended limits to the client on its panel, keeping everything else the
    /// panel holds (key, subscription, IP limit, Telegram id).
    async fn push_extension(&self, account: &ClientAccount, limits: &ExtendedLimits) -> Result<(), InventoryError> {
        let (_, panel) = self.inbound_and_panel(account.inbound).await?;
        let conn = panel.connection();
        let found = self
            .driver
            .get_client(&conn, &account.email)
            .await?
            .ok_or_else(|| InventoryError::ClientMissing(account.email.clone()))?;
        let mut client = found.client;
        client.limits.total_bytes = limits.traffic_limit_bytes;
        client.limits.expires_at = limits.expires_at;
        client.enabled = limits.status == AccountStatus::Active;
        self.driver
            .update_client(&conn, found.inbound_remote_id, &client)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use kernel::{ClientAccountId, UserId};
    use members::AccessError;
    use notify::Notice;
    use time::macros::datetime;

    use crate::fixtures::*;
    use crate::{
        AccountStatus, Extension, InboundStatus, InventoryError, MockPanelDriver, MockRepo, PanelClient, PanelError,
        RemoteClient,
    };

    fn repo_with(account_status: AccountStatus) -> MockRepo {
        let mut repo = MockRepo::new();
        repo.expect_account()
            .returning(move |id| Ok(account(id.get(), 1, 1, account_status)));
        repo.expect_inbound()
            .returning(|id| Ok(inbound(id.get(), 1, 0, 0, InboundStatus::Active)));
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo
    }

    fn on_panel() -> RemoteClient {
        let a = account(1, 1, 1, AccountStatus::Active);
        RemoteClient {
            inbound_remote_id: 101,
            client: PanelClient {
                email: a.email,
                key: a.client_uuid,
                sub_id: a.sub_id,
                limits: crate::ClientLimits {
                    total_bytes: a.traffic_limit_bytes,
                    ..limits(0, a.expires_at)
                },
                enabled: true,
                telegram_id: Some(tg()),
            },
        }
    }

    fn admin() -> (
        std::sync::Arc<members::MockAuthorizer>,
        std::sync::Arc<members::MockAuditLog>,
    ) {
        // The audit entry is written by the store with the new limits, not through the log.
        (authorizer(true), audit_log("account.extend", 0))
    }

    #[tokio::test]
    async fn a_plain_user_extends_nothing() {
        let mut driver = MockPanelDriver::new();
        driver.expect_update_client().never();
        let s = account_service(MockRepo::new(), driver).with_admin(authorizer(false), audit_log("x", 0));
        let refused = s
            .extend_as(UserId::new(5), ClientAccountId::new(1), Extension::new(5, 0).unwrap())
            .await;
        assert!(matches!(
            refused,
            Err(InventoryError::Access(AccessError::Forbidden { .. }))
        ));
    }

    #[tokio::test]
    async fn the_panel_gets_the_new_limits_then_the_store_with_the_notice_and_audit() {
        let mut repo = repo_with(AccountStatus::Active);
        repo.expect_extend_account()
            .withf(|snapshot, limits, notice, audit, _| {
                snapshot.traffic_limit_bytes == bytes(10_000)
                    && limits.expires_at == Some(datetime!(2026-04-11 0:00 UTC))
                    && limits.traffic_limit_bytes == bytes(10_000 + 2 * kernel::BYTES_PER_GB)
                    && matches!(&notice.notice, Notice::ServiceExtended { days: 10, gb: 2, .. })
                    && audit.action.as_str() == "account.extend"
                    && audit.detail["days"] == 10
            })
            .times(1)
            .returning(|snapshot, limits, _, _, _| {
                Ok(Some(crate::ClientAccount {
                    traffic_limit_bytes: limits.traffic_limit_bytes,
                    expires_at: limits.expires_at,
                    ..snapshot.clone()
                }))
            });
        let mut driver = MockPanelDriver::new();
        driver.expect_get_client().returning(|_, _| Ok(Some(on_panel())));
        driver
            .expect_update_client()
            .withf(|_, remote, c| {
                *remote == 101
                    && c.limits.expires_at == Some(datetime!(2026-04-11 0:00 UTC))
                    && c.limits.ip_limit == count(2)
                    && c.telegram_id == Some(tg())
                    && c.enabled
            })
            .times(1)
            .returning(|_, _, _| Ok(()));
        let (access, audit) = admin();
        let s = account_service(repo, driver).with_admin(access, audit);
        let done = s
            .extend_as(UserId::new(5), ClientAccountId::new(1), Extension::new(10, 2).unwrap())
            .await
            .unwrap();
        assert_eq!(done.expires_at, Some(datetime!(2026-04-11 0:00 UTC)));
    }

    #[tokio::test]
    async fn a_panel_that_fails_leaves_the_store_unchanged() {
        let mut repo = repo_with(AccountStatus::Active);
        repo.expect_extend_account().never();
        let mut driver = MockPanelDriver::new();
        driver.expect_get_client().returning(|_, _| Ok(Some(on_panel())));
        driver
            .expect_update_client()
            .returning(|_, _, _| Err(PanelError::Unreachable));
        let (access, audit) = admin();
        let s = account_service(repo, driver).with_admin(access, audit);
        let failed = s
            .extend_as(UserId::new(5), ClientAccountId::new(1), Extension::new(10, 0).unwrap())
            .await;
        assert!(matches!(failed, Err(InventoryError::Panel(PanelError::Unreachable))));
    }

    #[tokio::test]
    async fn a_client_the_panel_lost_is_reported_and_nothing_is_stored() {
        let mut repo = repo_with(AccountStatus::Active);
        repo.expect_extend_account().never();
        let mut driver = MockPanelDriver::new();
        driver.expect_get_client().returning(|_, _| Ok(None));
        driver.expect_update_client().never();
        driver.expect_add_client().never();
        let (access, audit) = admin();
        let s = account_service(repo, driver).with_admin(access, audit);
        let failed = s
            .extend_as(UserId::new(5), ClientAccountId::new(1), Extension::new(10, 0).unwrap())
            .await;
        assert!(matches!(failed, Err(InventoryError::ClientMissing(_))));
    }

    #[tokio::test]
    async fn a_moved_service_is_refused_before_the_panel_is_called() {
        let mut repo = repo_with(AccountStatus::Switched);
        repo.expect_extend_account().never();
        let mut driver = MockPanelDriver::new();
        driver.expect_get_client().never();
        let (access, audit) = admin();
        let s = account_service(repo, driver).with_admin(access, audit);
        let refused = s
            .extend_as(UserId::new(5), ClientAccountId::new(1), Extension::new(10, 0).unwrap())
            .await;
        assert!(matches!(refused, Err(InventoryError::Extension(_))));
    }

    #[tokio::test]
    async fn a_service_renewed_meanwhile_is_read_again_and_extended_on_top() {
        let mut repo = repo_with(AccountStatus::Active);
        let mut first = true;
        repo.expect_extend_account()
            .times(2)
            .returning(move |snapshot, _, _, _, _| {
                let stale = std::mem::replace(&mut first, false);
                Ok((!stale).then(|| snapshot.clone()))
            });
        let mut driver = MockPanelDriver::new();
        driver.expect_get_client().returning(|_, _| Ok(Some(on_panel())));
        driver.expect_update_client().times(2).returning(|_, _, _| Ok(()));
        let (access, audit) = admin();
        let s = account_service(repo, driver).with_admin(access, audit);
        assert!(
            s.extend_as(UserId::new(5), ClientAccountId::new(1), Extension::new(1, 0).unwrap())
                .await
                .is_ok()
        );
    }
}
