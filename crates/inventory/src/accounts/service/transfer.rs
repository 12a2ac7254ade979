//! Moving an account to another location, keeping what is left of it.

use kernel::{ByteLimit, ClientAccountId, LocationId, TelegramId};
use tracing::{info, warn};

use super::AccountService;
use crate::{
    AccountStatus, ClientAccount, ClientLimits, InventoryError, NewClientAccount, NewTransfer, PanelError,
    TransferOutcome,
};

impl AccountService {
    /// Moves an active account to `to_location`: a new client with the remaining traffic and
    /// the same expiry is created there, the move is recorded (old account Switched, new one
    /// Active, transfer row), then the old client is removed from its panel. If the old panel
    /// is unreachable (often why users move), the usage last read is used and the old client
    /// is left for [`AccountService::finish_switches`]; once it is removed the transfer is
    /// marked so nothing retries it. If anything fails before the
    /// move is recorded, the new client is removed again and nothing changes.
    pub async fn transfer(
        &self,
        id: ClientAccountId,
        to_location: LocationId,
        telegram_id: TelegramId,
    ) -> Result<TransferOutcome, InventoryError> {
        let mut account = self.accounts.account(id).await?;
        if account.status != AccountStatus::Active {
            return Err(InventoryError::AccountNotActive { status: account.status });
        }
        if account.location == to_location {
            return Err(InventoryError::SameLocation);
        }
        let (old_inbound, old_panel) = self.inbound_and_panel(account.inbound).await?;
        let old_conn = old_panel.connection();
        account.traffic_used_bytes = self.latest_usage(&account, &old_conn).await;
        let now = self.clock.now();
        if account.is_exhausted(now) {
            return Err(InventoryError::AccountNotActive {
                status: AccountStatus::Expired,
            });
        }
        let limits = ClientLimits {
            total_bytes: match account.remaining_bytes() {
                None => ByteLimit::Unlimited,
                Some(left) => ByteLimit::upto(left).ok_or(InventoryError::AccountNotActive {
                    status: AccountStatus::Expired,
                })?,
            },
            expires_at: account.expires_at,
            ip_limit: self.accounts.account_ip_limit(id).await?,
        };

        let allocation = self.allocator.allocate(to_location).await?;
        let recorded = match self.provision(&allocation, &limits, telegram_id).await {
            Ok(provisioned) => {
                let new_transfer = NewTransfer {
                    from_account: id,
                    to_account: NewClientAccount {
                        user: account.user,
                        allocation: allocation.clone(),
                        limits,
                        provisioned,
                        created_at: now,
                    },
                };
                self.accounts
                    .complete_transfer(&new_transfer)
                    .await
                    .map_err(InventoryError::from)
            }
            Err(e) => Err(e),
        };
        let (transfer, new_account) = match recorded {
            Ok(recorded) => recorded,
            Err(e) => {
                if let Err(undo) = self.release(&allocation).await {
                    warn!(client = %allocation.name, error = %undo, "could not undo a failed transfer");
                }
                return Err(e);
            }
        };

        let old_client_removed = match self
            .driver
            .delete_client(&old_conn, old_inbound.remote_id, &account.email)
            .await
        {
            Ok(()) | Err(PanelError::NotFound) => {
                self.mark_old_client_removed(transfer.id).await;
                true
            }
            Err(e) => {
                warn!(account = %id, error = %e, "old client left on its panel after transfer");
                false
            }
        };
        info!(from = %id, to = %new_account.id, location = %to_location, "account transferred");
        Ok(TransferOutcome {
            transfer,
            account: new_account,
            old_client_removed,
        })
    }

    /// Removes the panel client of a Switched account (cleanup after a transfer whose old
    /// panel was down). `Ok` if it is already gone.
    pub async fn remove_switched_client(&self, id: ClientAccountId) -> Result<(), InventoryError> {
        let account = self.accounts.account(id).await?;
        if account.status != AccountStatus::Switched {
            return Err(InventoryError::AccountNotActive { status: account.status });
        }
        let (inbound, panel) = self.inbound_and_panel(account.inbound).await?;
        match self
            .driver
            .delete_client(&panel.connection(), inbound.remote_id, &account.email)
            .await
        {
            Ok(()) | Err(PanelError::NotFound) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Traffic used so far: the panel's figure when it answers, never less than the stored one.
    async fn latest_usage(&self, account: &ClientAccount, conn: &crate::PanelConnection) -> u64 {
        match self.driver.client_traffic(conn, &account.email).await {
            Ok(Some(traffic)) => traffic.used().max(account.traffic_used_bytes),
            Ok(None) => account.traffic_used_bytes,
            Err(e) => {
                warn!(account = %account.id, error = %e, "old panel unreadable; using stored usage");
                account.traffic_used_bytes
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::fixtures::*;
    use crate::{
        AccountStatus, AccountTransfer, ClientTraffic, InboundStatus, InventoryError, MockPanelDriver, MockRepo,
        PanelConnection, PanelError,
    };
    use kernel::{ClientAccountId, LocationId, StorageError, TransferId};
    use time::macros::datetime;

    const OLD_PANEL: &str = "https://panel1.example.com";
    const NEW_PANEL: &str = "https://panel2.example.com";

    fn on(panel: &'static str) -> impl Fn(&PanelConnection) -> bool {
        move |c| c.url.as_str() == panel
    }

    /// Account 5 lives on inbound 3 (panel 1, France); Germany (location 2) has inbound 8 on
    /// panel 2.
    fn repo(status: AccountStatus) -> MockRepo {
        let mut repo = MockRepo::new();
        repo.expect_account()
            .returning(move |id| Ok(account(id.get(), 3, 1, status)));
        repo.expect_inbound().returning(|id| {
            let panel = if id.get() == 3 { 1 } else { 2 };
            Ok(inbound(id.get(), panel, 4, 0, InboundStatus::Active))
        });
        repo.expect_panel().returning(|id| Ok(panel(id.get(), id.get(), true)));
        repo.expect_last_health().returning(|_| Ok(None));
        repo.expect_location().returning(|_| Ok(location(2, "DE", true)));
        repo.expect_sellable_inbounds()
            .returning(|_| Ok(vec![inbound(8, 2, 4, 0, InboundStatus::Active)]));
        repo.expect_reserve_slot().returning(|_| Ok(true));
        repo.expect_next_client_number().returning(|_| Ok(1001));
        repo.expect_account_ip_limit().returning(|_| Ok(count(2)));
        repo
    }

    fn recorded(t: &crate::NewTransfer) -> (AccountTransfer, crate::ClientAccount) {
        let new = &t.to_account;
        let mut account = account(6, 8, 2, AccountStatus::Active);
        account.name = new.allocation.name.clone();
        account.traffic_limit_bytes = new.limits.total_bytes;
        account.traffic_used_bytes = 0;
        let transfer = AccountTransfer {
            id: TransferId::new(1),
            user: new.user,
            from_account: t.from_account,
            to_account: account.id,
            from_location: LocationId::new(1),
            to_location: new.allocation.location,
            carried_bytes: new.limits.total_bytes,
            expires_at: new.limits.expires_at,
            created_at: new.created_at,
        };
        (transfer, account)
    }

    fn new_panel_accepts(driver: &mut MockPanelDriver) {
        driver.expect_health().returning(|_| Ok(healthy()));
        driver
            .expect_get_client()
            .withf(|c, _| on(NEW_PANEL)(c))
            .returning(|_, _| Ok(None));
        driver
            .expect_client_links()
            .returning(|_, _, _| Ok(links("DE-MoonVPN-1001")));
    }

    #[tokio::test]
    async fn a_transfer_keeps_the_remaining_volume_and_time() {
        let mut repo = repo(AccountStatus::Active);
        repo.expect_complete_transfer()
            .withf(|t| {
                t.from_account == ClientAccountId::new(5)
                    && t.to_account.allocation.name.as_str() == "DE-MoonVPN-1001"
                    && t.to_account.limits.total_bytes == bytes(6_000)
                    && t.to_account.limits.expires_at == Some(datetime!(2026-04-01 0:00 UTC))
                    && t.to_account.limits.ip_limit == count(2)
                    && t.to_account.created_at == NOW
            })
            .times(1)
            .returning(|t| Ok(recorded(t)));
        repo.expect_mark_old_client_removed()
            .withf(|id, at| *id == TransferId::new(1) && *at == NOW)
            .times(1)
            .returning(|_, _| Ok(()));
        let mut driver = MockPanelDriver::new();
        new_panel_accepts(&mut driver);
        driver
            .expect_client_traffic()
            .withf(|c, _| on(OLD_PANEL)(c))
            .returning(|_, _| Ok(Some(ClientTraffic { up: 1_000, down: 3_000 })));
        driver
            .expect_add_client()
            .withf(|c, remote_id, client| {
                on(NEW_PANEL)(c)
                    && *remote_id == 108
                    && client.limits.total_bytes == bytes(6_000)
                    && client.limits.expires_at == Some(datetime!(2026-04-01 0:00 UTC))
            })
            .times(1)
            .returning(|_, _, _| Ok(()));
        driver
            .expect_delete_client()
            .withf(|c, remote_id, email| on(OLD_PANEL)(c) && *remote_id == 103 && email.as_str() == "FR-MoonVPN-1005")
            .times(1)
            .returning(|_, _, _| Ok(()));

        let outcome = account_service(repo, driver)
            .transfer(ClientAccountId::new(5), LocationId::new(2), tg())
            .await
            .unwrap();

        assert!(outcome.old_client_removed);
        assert_eq!(outcome.transfer.carried_bytes, bytes(6_000));
        assert_eq!(outcome.account.name.as_str(), "DE-MoonVPN-1001");
    }

    #[tokio::test]
    async fn with_the_old_panel_down_the_stored_usage_is_carried_and_the_old_client_left_for_later() {
        let mut repo = repo(AccountStatus::Active);
        repo.expect_complete_transfer()
            .withf(|t| t.to_account.limits.total_bytes == bytes(9_000))
            .times(1)
            .returning(|t| Ok(recorded(t)));
        repo.expect_mark_old_client_removed().never();
        let mut driver = MockPanelDriver::new();
        new_panel_accepts(&mut driver);
        driver
            .expect_client_traffic()
            .returning(|_, _| Err(PanelError::Unreachable));
        driver.expect_add_client().returning(|_, _, _| Ok(()));
        driver
            .expect_delete_client()
            .returning(|_, _, _| Err(PanelError::Unreachable));

        let outcome = account_service(repo, driver)
            .transfer(ClientAccountId::new(5), LocationId::new(2), tg())
            .await
            .unwrap();

        assert!(
            !outcome.old_client_removed,
            "the transfer stays pending for the cleanup job"
        );
    }

    #[tokio::test]
    async fn when_the_new_panel_refuses_the_client_nothing_is_recorded() {
        let mut repo = repo(AccountStatus::Active);
        repo.expect_complete_transfer().never();
        let mut driver = MockPanelDriver::new();
        new_panel_accepts(&mut driver);
        driver
            .expect_client_traffic()
            .returning(|_, _| Ok(Some(ClientTraffic { up: 0, down: 0 })));
        driver
            .expect_add_client()
            .returning(|_, _, _| Err(PanelError::Rejected("Duplicate email".into())));
        driver
            .expect_delete_client()
            .withf(|c, _, email| on(NEW_PANEL)(c) && email.as_str() == "DE-MoonVPN-1001")
            .times(1)
            .returning(|_, _, _| Err(PanelError::NotFound));

        let err = account_service(repo, driver)
            .transfer(ClientAccountId::new(5), LocationId::new(2), tg())
            .await
            .unwrap_err();

        assert!(matches!(err, InventoryError::Panel(PanelError::Rejected(_))));
    }

    #[tokio::test]
    async fn a_transfer_raced_by_another_removes_its_new_client_again() {
        let mut repo = repo(AccountStatus::Active);
        repo.expect_complete_transfer()
            .returning(|_| Err(StorageError::Conflict("account 5 is no longer active".into())));
        repo.expect_release_slot().times(1).returning(|_| Ok(()));
        let mut driver = MockPanelDriver::new();
        new_panel_accepts(&mut driver);
        driver
            .expect_client_traffic()
            .returning(|_, _| Ok(Some(ClientTraffic { up: 0, down: 0 })));
        driver.expect_add_client().returning(|_, _, _| Ok(()));
        driver
            .expect_delete_client()
            .withf(|c, remote_id, _| on(NEW_PANEL)(c) && *remote_id == 108)
            .times(1)
            .returning(|_, _, _| Ok(()));

        let err = account_service(repo, driver)
            .transfer(ClientAccountId::new(5), LocationId::new(2), tg())
            .await
            .unwrap_err();

        assert!(matches!(err, InventoryError::AlreadyExists(_)));
    }

    #[tokio::test]
    async fn an_account_out_of_traffic_cannot_be_moved() {
        let mut repo = repo(AccountStatus::Active);
        repo.expect_reserve_slot().never();
        let mut driver = MockPanelDriver::new();
        driver
            .expect_client_traffic()
            .returning(|_, _| Ok(Some(ClientTraffic { up: 0, down: 10_000 })));

        let err = account_service(repo, driver)
            .transfer(ClientAccountId::new(5), LocationId::new(2), tg())
            .await
            .unwrap_err();

        assert!(matches!(
            err,
            InventoryError::AccountNotActive {
                status: AccountStatus::Expired
            }
        ));
    }

    #[tokio::test]
    async fn moving_to_the_same_location_or_moving_a_switched_account_is_refused() {
        let svc = account_service(repo(AccountStatus::Active), MockPanelDriver::new());
        let err = svc
            .transfer(ClientAccountId::new(5), LocationId::new(1), tg())
            .await
            .unwrap_err();
        assert!(matches!(err, InventoryError::SameLocation));

        let svc = account_service(repo(AccountStatus::Switched), MockPanelDriver::new());
        let err = svc
            .transfer(ClientAccountId::new(5), LocationId::new(2), tg())
            .await
            .unwrap_err();
        assert!(matches!(err, InventoryError::AccountNotActive { .. }));
    }

    #[tokio::test]
    async fn the_old_client_of_a_switched_account_can_be_removed_later() {
        let mut driver = MockPanelDriver::new();
        driver
            .expect_delete_client()
            .withf(|c, remote_id, _| on(OLD_PANEL)(c) && *remote_id == 103)
            .times(1)
            .returning(|_, _, _| Err(PanelError::NotFound));

        account_service(repo(AccountStatus::Switched), driver)
            .remove_switched_client(ClientAccountId::new(5))
            .await
            .unwrap();
    }
}
