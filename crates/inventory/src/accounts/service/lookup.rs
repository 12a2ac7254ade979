//! Reading accounts, their usage, and turning them on and off.

use kernel::{ClientAccountId, UserId};
use tracing::info;

use super::AccountService;
use crate::{AccountStatus, ClientAccount, InventoryError};

impl AccountService {
    /// One client account.
    pub async fn account(&self, id: ClientAccountId) -> Result<ClientAccount, InventoryError> {
        Ok(self.accounts.account(id).await?)
    }

    /// A user's accounts, newest first.
    pub async fn accounts_of(&self, user: UserId) -> Result<Vec<ClientAccount>, InventoryError> {
        Ok(self.accounts.accounts_of(user).await?)
    }

    /// Reads an account's traffic from its panel and stores it: an account out of traffic or
    /// time becomes Expired, one with some left (after a renewal) Active again. Switched and
    /// Disabled accounts keep their status. `ClientMissing` if the panel lost the client.
    pub async fn refresh_usage(&self, id: ClientAccountId) -> Result<ClientAccount, InventoryError> {
        let mut account = self.accounts.account(id).await?;
        if account.status == AccountStatus::Switched {
            return Ok(account);
        }
        let (_, panel) = self.inbound_and_panel(account.inbound).await?;
        let traffic = self
            .driver
            .client_traffic(&panel.connection(), &account.email)
            .await?
            .ok_or_else(|| InventoryError::ClientMissing(account.email.clone()))?;
        account.traffic_used_bytes = traffic.used();
        let status = match account.status {
            AccountStatus::Disabled => AccountStatus::Disabled,
            _ if account.is_exhausted(self.clock.now()) => AccountStatus::Expired,
            _ => AccountStatus::Active,
        };
        Ok(self
            .accounts
            .record_usage(id, account.traffic_used_bytes, status, self.clock.now())
            .await?)
    }

    /// An admin turns an account off (Disabled) or back on (Active, or Expired if it has
    /// nothing left), on the panel first, then here.
    pub async fn set_account_enabled(
        &self,
        id: ClientAccountId,
        enabled: bool,
    ) -> Result<ClientAccount, InventoryError> {
        let account = self.accounts.account(id).await?;
        if account.status == AccountStatus::Switched {
            return Err(InventoryError::AccountNotActive { status: account.status });
        }
        let (inbound, panel) = self.inbound_and_panel(account.inbound).await?;
        self.driver
            .set_client_enabled(&panel.connection(), inbound.remote_id, &account.email, enabled)
            .await?;
        let now = self.clock.now();
        let status = match (enabled, account.is_exhausted(now)) {
            (false, _) => AccountStatus::Disabled,
            (true, true) => AccountStatus::Expired,
            (true, false) => AccountStatus::Active,
        };
        info!(account = %id, %status, "account status set by admin");
        Ok(self.accounts.set_account_status(id, status, now).await?)
    }
}

#[cfg(test)]
mod tests {
    use crate::fixtures::*;
    use crate::{AccountStatus, ClientTraffic, InboundStatus, InventoryError, MockPanelDriver, MockRepo};
    use kernel::ClientAccountId;

    fn repo_with(status: AccountStatus) -> MockRepo {
        let mut repo = MockRepo::new();
        repo.expect_account()
            .returning(move |id| Ok(account(id.get(), 3, 1, status)));
        repo.expect_inbound()
            .returning(|id| Ok(inbound(id.get(), 1, 0, 0, InboundStatus::Active)));
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo
    }

    #[tokio::test]
    async fn an_account_out_of_traffic_becomes_expired() {
        let mut repo = repo_with(AccountStatus::Active);
        repo.expect_record_usage()
            .withf(|_, used, status, _| *used == 10_500 && *status == AccountStatus::Expired)
            .times(1)
            .returning(|id, used, status, _| {
                let mut a = account(id.get(), 3, 1, status);
                a.traffic_used_bytes = used;
                Ok(a)
            });
        let mut driver = MockPanelDriver::new();
        driver
            .expect_client_traffic()
            .returning(|_, _| Ok(Some(ClientTraffic { up: 500, down: 10_000 })));

        let a = account_service(repo, driver)
            .refresh_usage(ClientAccountId::new(5))
            .await
            .unwrap();

        assert_eq!(a.status, AccountStatus::Expired);
    }

    #[tokio::test]
    async fn a_renewed_account_with_traffic_left_is_active_again() {
        let mut repo = repo_with(AccountStatus::Expired);
        repo.expect_record_usage()
            .withf(|_, used, status, _| *used == 300 && *status == AccountStatus::Active)
            .times(1)
            .returning(|id, _, status, _| Ok(account(id.get(), 3, 1, status)));
        let mut driver = MockPanelDriver::new();
        driver
            .expect_client_traffic()
            .returning(|_, _| Ok(Some(ClientTraffic { up: 100, down: 200 })));

        account_service(repo, driver)
            .refresh_usage(ClientAccountId::new(5))
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_client_lost_by_the_panel_is_reported() {
        let mut driver = MockPanelDriver::new();
        driver.expect_client_traffic().returning(|_, _| Ok(None));

        let err = account_service(repo_with(AccountStatus::Active), driver)
            .refresh_usage(ClientAccountId::new(5))
            .await
            .unwrap_err();

        assert!(matches!(err, InventoryError::ClientMissing(_)));
    }

    #[tokio::test]
    async fn disabling_an_account_turns_it_off_on_the_panel_then_here() {
        let mut repo = repo_with(AccountStatus::Active);
        repo.expect_set_account_status()
            .withf(|_, status, _| *status == AccountStatus::Disabled)
            .times(1)
            .returning(|id, status, _| Ok(account(id.get(), 3, 1, status)));
        let mut driver = MockPanelDriver::new();
        driver
            .expect_set_client_enabled()
            .withf(|_, remote_id, _, enabled| *remote_id == 103 && !enabled)
            .times(1)
            .returning(|_, _, _, _| Ok(()));

        let a = account_service(repo, driver)
            .set_account_enabled(ClientAccountId::new(5), false)
            .await
            .unwrap();

        assert_eq!(a.status, AccountStatus::Disabled);
    }
}
