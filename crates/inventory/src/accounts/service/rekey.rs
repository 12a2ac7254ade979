//! "New link": giving an account a fresh client key, so a leaked config stops working.

use kernel::ClientAccountId;
use tracing::{info, warn};

use super::AccountService;
use crate::identity;
use crate::{AccountStatus, ClientAccount, InventoryError};

impl AccountService {
    /// Gives an account a fresh key (UUID for vless/vmess, password for trojan/shadowsocks) on
    /// its panel, keeping its name, traffic, expiry and subscription id, and stores the new key
    /// and links. The old config link stops working at once. Only accounts the user still
    /// holds can be rekeyed: a Switched (moved) or Disabled (turned off by an admin) account is
    /// refused with `AccountNotActive`; a client the panel lost is `ClientMissing`. If storing
    /// fails after the panel changed, calling again rekeys once more and stores that key.
    pub async fn rekey(&self, id: ClientAccountId) -> Result<ClientAccount, InventoryError> {
        let account = self.accounts.account(id).await?;
        if matches!(account.status, AccountStatus::Switched | AccountStatus::Disabled) {
            return Err(InventoryError::AccountNotActive { status: account.status });
        }
        let (_, panel) = self.inbound_and_panel(account.inbound).await?;
        let conn = panel.connection();
        let found = self
            .driver
            .get_client(&conn, &account.email)
            .await?
            .ok_or_else(|| InventoryError::ClientMissing(account.email.clone()))?;
        let mut client = found.client;
        client.key = identity::client_key();
        self.driver
            .update_client(&conn, found.inbound_remote_id, &client)
            .await?;
        let links = self
            .driver
            .client_links(&conn, found.inbound_remote_id, &account.email)
            .await?;
        let stored = self
            .accounts
            .replace_account_key(id, &client.key, &links, self.clock.now())
            .await
            .inspect_err(|e| warn!(account = %id, error = %e, "panel has a new key that was not stored"))?;
        info!(account = %id, "client rekeyed");
        Ok(stored)
    }
}

#[cfg(test)]
mod tests {
    use crate::fixtures::*;
    use crate::{
        AccountStatus, InboundStatus, InventoryError, MockPanelDriver, MockRepo, PanelClient, PanelError, Provisioned,
        RemoteClient,
    };
    use kernel::{ClientAccountId, StorageError};

    const OLD_KEY: &str = "0b1c2d3e-0000-4000-8000-000000000002";

    fn repo(status: AccountStatus) -> MockRepo {
        let mut repo = MockRepo::new();
        repo.expect_account()
            .returning(move |id| Ok(account(id.get(), 3, 1, status)));
        repo.expect_inbound()
            .returning(|id| Ok(inbound(id.get(), 1, 0, 0, InboundStatus::Active)));
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo
    }

    fn on_panel() -> RemoteClient {
        let a = account(5, 3, 1, AccountStatus::Active);
        RemoteClient {
            inbound_remote_id: 103,
            client: PanelClient {
                email: a.email,
                key: OLD_KEY.into(),
                sub_id: a.sub_id,
                limits: limits(10_000, a.expires_at),
                enabled: true,
                telegram_id: Some(tg()),
            },
        }
    }

    fn new_links() -> Provisioned {
        Provisioned {
            config_url: "vless://new@host:443#FR-MoonVPN-1005".into(),
            subscription_url: Some("https://sub.example.com/sub/aaaabbbbccccdddd".into()),
        }
    }

    #[tokio::test]
    async fn a_new_link_changes_only_the_key_on_the_panel_and_stores_the_new_link() {
        let mut repo = repo(AccountStatus::Active);
        repo.expect_replace_account_key()
            .withf(|id, key, links, _| {
                *id == ClientAccountId::new(5) && key.len() == 36 && key != OLD_KEY && links.config_url.contains("new@")
            })
            .times(1)
            .returning(|id, key, links, _| {
                let mut a = account(id.get(), 3, 1, AccountStatus::Active);
                a.client_uuid = key.to_owned();
                a.config_url = links.config_url.clone();
                Ok(a)
            });
        let mut driver = MockPanelDriver::new();
        driver.expect_get_client().returning(|_, _| Ok(Some(on_panel())));
        driver
            .expect_update_client()
            .withf(|_, remote_id, client| {
                let before = on_panel().client;
                *remote_id == 103
                    && client.key != OLD_KEY
                    && client.email == before.email
                    && client.sub_id == before.sub_id
                    && client.limits == before.limits
                    && client.enabled
                    && client.telegram_id == before.telegram_id
            })
            .times(1)
            .returning(|_, _, _| Ok(()));
        driver
            .expect_client_links()
            .withf(|_, remote_id, _| *remote_id == 103)
            .returning(|_, _, _| Ok(new_links()));

        let a = account_service(repo, driver)
            .rekey(ClientAccountId::new(5))
            .await
            .unwrap();

        assert_ne!(a.client_uuid, OLD_KEY);
        assert!(a.config_url.contains("new@"));
    }

    #[tokio::test]
    async fn a_moved_or_disabled_account_gets_no_new_link() {
        for status in [AccountStatus::Switched, AccountStatus::Disabled] {
            let mut driver = MockPanelDriver::new();
            driver.expect_update_client().never();
            let err = account_service(repo(status), driver)
                .rekey(ClientAccountId::new(5))
                .await
                .unwrap_err();
            assert!(matches!(err, InventoryError::AccountNotActive { .. }), "{status}");
        }
    }

    #[tokio::test]
    async fn a_client_the_panel_lost_is_reported_and_nothing_is_stored() {
        let mut repo = repo(AccountStatus::Active);
        repo.expect_replace_account_key().never();
        let mut driver = MockPanelDriver::new();
        driver.expect_get_client().returning(|_, _| Ok(None));

        let err = account_service(repo, driver)
            .rekey(ClientAccountId::new(5))
            .await
            .unwrap_err();

        assert!(matches!(err, InventoryError::ClientMissing(_)));
    }

    #[tokio::test]
    async fn a_panel_that_is_down_leaves_the_old_link_in_place() {
        let mut repo = repo(AccountStatus::Active);
        repo.expect_replace_account_key().never();
        let mut driver = MockPanelDriver::new();
        driver.expect_get_client().returning(|_, _| Ok(Some(on_panel())));
        driver
            .expect_update_client()
            .returning(|_, _, _| Err(PanelError::Unreachable));

        let err = account_service(repo, driver)
            .rekey(ClientAccountId::new(5))
            .await
            .unwrap_err();

        assert!(err.is_retryable());
    }

    #[tokio::test]
    async fn a_lost_store_write_is_reported() {
        let mut repo = repo(AccountStatus::Expired);
        repo.expect_replace_account_key()
            .returning(|_, _, _, _| Err(StorageError::Unavailable("db down".into())));
        let mut driver = MockPanelDriver::new();
        driver.expect_get_client().returning(|_, _| Ok(Some(on_panel())));
        driver.expect_update_client().returning(|_, _, _| Ok(()));
        driver.expect_client_links().returning(|_, _, _| Ok(new_links()));

        let err = account_service(repo, driver)
            .rekey(ClientAccountId::new(5))
            .await
            .unwrap_err();

        assert!(matches!(err, InventoryError::Storage(StorageError::Unavailable(_))));
    }
}
