//! Creating, renewing and removing clients on their panel (the panel side of the order saga).

use kernel::TelegramId;
use tracing::{info, warn};

use super::AccountService;
use crate::{
    AccountStatus, Allocation, ClientAccount, ClientLimits, InventoryError, PanelClient, PanelError, Provisioned,
};

impl AccountService {
    /// Creates the allocated client on its panel and returns its links. Idempotent: if the
    /// panel already has a client with this email and key (an earlier try whose answer was
    /// lost), it is updated to `limits` instead of failing. A client with this email but
    /// another key is somebody else's: it is left untouched and
    /// [`InventoryError::ForeignClient`] is returned.
    pub async fn provision(
        &self,
        allocation: &Allocation,
        limits: &ClientLimits,
        telegram_id: TelegramId,
    ) -> Result<Provisioned, InventoryError> {
        let (inbound, panel) = self.inbound_and_panel(allocation.inbound).await?;
        let conn = panel.connection();
        let client = PanelClient {
            email: allocation.email.clone(),
            key: allocation.client_uuid.clone(),
            sub_id: allocation.sub_id.clone(),
            limits: *limits,
            enabled: true,
            telegram_id: Some(telegram_id),
        };
        let inbound_remote_id = match self.driver.get_client(&conn, &allocation.email).await? {
            Some(found) if found.client.key != allocation.client_uuid => {
                warn!(client = %allocation.name, inbound = found.inbound_remote_id,
                    "the panel holds another client under this name; leaving it untouched");
                return Err(InventoryError::ForeignClient(allocation.email.clone()));
            }
            Some(found) => {
                self.driver
                    .update_client(&conn, found.inbound_remote_id, &client)
                    .await?;
                found.inbound_remote_id
            }
            None => {
                self.driver.add_client(&conn, inbound.remote_id, &client).await?;
                inbound.remote_id
            }
        };
        let links = self
            .driver
            .client_links(&conn, inbound_remote_id, &allocation.email)
            .await?;
        info!(client = %allocation.name, inbound = %inbound.id, "client provisioned");
        Ok(links)
    }

    /// Compensation for an allocation whose order will not complete: removes the client from
    /// the panel if it is there (`Ok` if it is not) and gives its slot back when it was.
    pub async fn release(&self, allocation: &Allocation) -> Result<(), InventoryError> {
        let (inbound, panel) = self.inbound_and_panel(allocation.inbound).await?;
        match self
            .driver
            .delete_client(&panel.connection(), inbound.remote_id, &allocation.email)
            .await
        {
            Ok(()) => {
                self.placement.release_slot(inbound.id).await?;
                info!(client = %allocation.name, "client released");
                Ok(())
            }
            Err(PanelError::NotFound) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Renewal: pushes new limits for an existing account to its panel and enables it again.
    /// A client missing from the panel is created again (the user paid for it). Storing the
    /// new limits is the caller's step (same transaction as the payment).
    pub async fn apply_limits(&self, account: &ClientAccount, limits: &ClientLimits) -> Result<(), InventoryError> {
        if account.status == AccountStatus::Switched {
            return Err(InventoryError::AccountNotActive { status: account.status });
        }
        let (inbound, panel) = self.inbound_and_panel(account.inbound).await?;
        let conn = panel.connection();
        let found = self.driver.get_client(&conn, &account.email).await?;
        let mut client = PanelClient {
            email: account.email.clone(),
            key: account.client_uuid.clone(),
            sub_id: account.sub_id.clone(),
            limits: *limits,
            enabled: true,
            telegram_id: None,
        };
        match found {
            Some(found) => {
                client.telegram_id = found.client.telegram_id;
                self.driver
                    .update_client(&conn, found.inbound_remote_id, &client)
                    .await?;
            }
            None => {
                self.driver.add_client(&conn, inbound.remote_id, &client).await?;
            }
        }
        info!(account = %account.id, "limits applied");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::fixtures::*;
    use crate::{AccountStatus, InboundStatus, InventoryError, MockPanelDriver, MockRepo, PanelError, RemoteClient};
    use mockall::predicate::eq;
    use time::macros::datetime;

    fn repo() -> MockRepo {
        let mut repo = MockRepo::new();
        repo.expect_inbound()
            .returning(|id| Ok(inbound(id.get(), 1, 0, 0, InboundStatus::Active)));
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo
    }

    #[tokio::test]
    async fn a_new_client_is_added_to_the_allocated_inbound_with_its_limits() {
        let a = allocation(3, 1, "FR", 1001);
        let expires = datetime!(2026-04-01 0:00 UTC);
        let mut driver = MockPanelDriver::new();
        driver.expect_get_client().returning(|_, _| Ok(None));
        driver
            .expect_add_client()
            .withf(move |_, remote_id, c| {
                *remote_id == 103
                    && c.email.as_str() == "FR-MoonVPN-1001"
                    && c.limits == limits(50_000, Some(expires))
                    && c.enabled
                    && c.telegram_id == Some(tg())
            })
            .times(1)
            .returning(|_, _, _| Ok(()));
        driver.expect_update_client().never();
        driver
            .expect_client_links()
            .returning(|_, _, _| Ok(links("FR-MoonVPN-1001")));

        let got = account_service(repo(), driver)
            .provision(&a, &limits(50_000, Some(expires)), tg())
            .await
            .unwrap();

        assert_eq!(got, links("FR-MoonVPN-1001"));
    }

    #[tokio::test]
    async fn provisioning_again_updates_the_client_the_panel_already_has() {
        let a = allocation(3, 1, "FR", 1001);
        let mut driver = MockPanelDriver::new();
        driver.expect_get_client().returning(|_, _| {
            let a = allocation(3, 1, "FR", 1001);
            Ok(Some(RemoteClient {
                inbound_remote_id: 103,
                client: crate::PanelClient {
                    email: a.email,
                    key: a.client_uuid,
                    sub_id: a.sub_id,
                    limits: limits(1, None),
                    enabled: true,
                    telegram_id: None,
                },
            }))
        });
        driver.expect_add_client().never();
        driver
            .expect_update_client()
            .withf(|_, remote_id, c| *remote_id == 103 && c.limits.total_bytes == bytes(50_000))
            .times(1)
            .returning(|_, _, _| Ok(()));
        driver
            .expect_client_links()
            .returning(|_, _, _| Ok(links("FR-MoonVPN-1001")));

        let got = account_service(repo(), driver)
            .provision(&a, &limits(50_000, None), tg())
            .await
            .unwrap();

        assert_eq!(got.config_url, links("FR-MoonVPN-1001").config_url);
    }

    #[tokio::test]
    async fn a_client_with_our_name_but_another_key_is_refused_and_left_untouched() {
        let a = allocation(3, 1, "FR", 1001);
        let mut driver = MockPanelDriver::new();
        driver.expect_get_client().returning(|_, _| {
            let a = allocation(3, 1, "FR", 1001);
            Ok(Some(RemoteClient {
                inbound_remote_id: 103,
                client: crate::PanelClient {
                    email: a.email,
                    key: "somebody-elses-uuid".into(),
                    sub_id: a.sub_id,
                    limits: limits(1, None),
                    enabled: true,
                    telegram_id: None,
                },
            }))
        });
        driver.expect_update_client().never();
        driver.expect_add_client().never();
        driver.expect_delete_client().never();
        driver.expect_client_links().never();

        let err = account_service(repo(), driver)
            .provision(&a, &limits(50_000, None), tg())
            .await
            .unwrap_err();

        assert!(matches!(&err, InventoryError::ForeignClient(email) if email.as_str() == "FR-MoonVPN-1001"));
        assert!(!err.is_retryable());
    }

    #[tokio::test]
    async fn a_panel_outage_during_provisioning_is_retryable() {
        let mut driver = MockPanelDriver::new();
        driver.expect_get_client().returning(|_, _| Err(PanelError::Timeout));

        let err = account_service(repo(), driver)
            .provision(&allocation(3, 1, "FR", 1001), &limits(0, None), tg())
            .await
            .unwrap_err();

        assert!(err.is_retryable());
    }

    #[tokio::test]
    async fn release_removes_the_client_and_gives_the_slot_back() {
        let mut repo = repo();
        repo.expect_release_slot()
            .with(eq(kernel::InboundId::new(3)))
            .times(1)
            .returning(|_| Ok(()));
        let mut driver = MockPanelDriver::new();
        driver
            .expect_delete_client()
            .withf(|_, remote_id, email| *remote_id == 103 && email.as_str() == "FR-MoonVPN-1001")
            .times(1)
            .returning(|_, _, _| Ok(()));

        account_service(repo, driver)
            .release(&allocation(3, 1, "FR", 1001))
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn release_of_a_client_the_panel_never_got_succeeds() {
        let mut repo = repo();
        repo.expect_release_slot().never();
        let mut driver = MockPanelDriver::new();
        driver
            .expect_delete_client()
            .returning(|_, _, _| Err(PanelError::NotFound));

        account_service(repo, driver)
            .release(&allocation(3, 1, "FR", 1001))
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn release_while_the_panel_is_down_fails_retryably() {
        let mut driver = MockPanelDriver::new();
        driver
            .expect_delete_client()
            .returning(|_, _, _| Err(PanelError::Unreachable));

        let err = account_service(repo(), driver)
            .release(&allocation(3, 1, "FR", 1001))
            .await
            .unwrap_err();

        assert!(err.is_retryable());
    }

    #[tokio::test]
    async fn renewal_pushes_the_new_limits_enabled_and_keeps_the_telegram_id() {
        let account = account(5, 3, 1, AccountStatus::Expired);
        let email = account.email.clone();
        let mut driver = MockPanelDriver::new();
        driver.expect_get_client().returning(move |_, _| {
            Ok(Some(RemoteClient {
                inbound_remote_id: 103,
                client: crate::PanelClient {
                    email: email.clone(),
                    key: "k".into(),
                    sub_id: "s".into(),
                    limits: limits(1, None),
                    enabled: false,
                    telegram_id: Some(tg()),
                },
            }))
        });
        driver
            .expect_update_client()
            .withf(|_, remote_id, c| {
                *remote_id == 103
                    && c.enabled
                    && c.limits.total_bytes == bytes(99)
                    && c.telegram_id == Some(tg())
                    && c.key == "0b1c2d3e-0000-4000-8000-000000000002"
            })
            .times(1)
            .returning(|_, _, _| Ok(()));

        account_service(repo(), driver)
            .apply_limits(&account, &limits(99, None))
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn renewal_of_a_client_missing_on_the_panel_creates_it_again() {
        let mut driver = MockPanelDriver::new();
        driver.expect_get_client().returning(|_, _| Ok(None));
        driver
            .expect_add_client()
            .withf(|_, remote_id, c| *remote_id == 103 && c.limits.total_bytes == bytes(99))
            .times(1)
            .returning(|_, _, _| Ok(()));

        account_service(repo(), driver)
            .apply_limits(&account(5, 3, 1, AccountStatus::Active), &limits(99, None))
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_switched_account_cannot_be_renewed() {
        let err = account_service(MockRepo::new(), MockPanelDriver::new())
            .apply_limits(&account(5, 3, 1, AccountStatus::Switched), &limits(99, None))
            .await
            .unwrap_err();

        assert!(matches!(err, InventoryError::AccountNotActive { .. }));
    }
}
