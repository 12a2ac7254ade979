//! Finishing location switches whose old panel was down: the old client is removed later.

use std::collections::HashSet;

use kernel::{ClientAccountId, PanelId, TransferId};
use tracing::{info, warn};

use super::AccountService;
use crate::{AccountStatus, InventoryError, PanelError};

/// What one round of [`AccountService::finish_switches`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SwitchCleanupReport {
    /// Old clients removed from their panels (or found already gone); their transfers are done.
    pub removed: u64,
    /// Transfers whose old client could not be removed this time (panel still down, or
    /// another error that was logged); they are tried again next round.
    pub still_pending: u64,
}

impl AccountService {
    /// Removes the old clients that transfers left on panels that were down at the time, at
    /// most `limit` transfers (oldest first). Each removal that succeeds (or finds the client
    /// gone) marks its transfer done; one that fails leaves it pending for a later round, and
    /// once a panel fails as unreachable its other clients are left for later too. Only
    /// failing to read the pending list is an error.
    pub async fn finish_switches(&self, limit: u64) -> Result<SwitchCleanupReport, InventoryError> {
        let pending = self.accounts.pending_old_client_removals(limit).await?;
        let mut report = SwitchCleanupReport::default();
        let mut down = HashSet::new();
        for (transfer, account) in pending {
            match self.finish_switch(transfer, account, &mut down).await {
                Ok(true) => report.removed += 1,
                Ok(false) => report.still_pending += 1,
                Err(e) => {
                    warn!(transfer = %transfer, account = %account, error = %e, "old client not removed yet");
                    report.still_pending += 1;
                }
            }
        }
        if report.removed > 0 {
            info!(
                removed = report.removed,
                still_pending = report.still_pending,
                "switches finished"
            );
        }
        Ok(report)
    }

    /// Marks a transfer's old client as removed; a failure only means the removal is tried
    /// (and found done) again later.
    pub(super) async fn mark_old_client_removed(&self, transfer: TransferId) {
        if let Err(e) = self.accounts.mark_old_client_removed(transfer, self.clock.now()).await {
            warn!(transfer = %transfer, error = %e, "could not record the old client's removal");
        }
    }

    /// `Ok(true)` when the old client is gone and the transfer marked, `Ok(false)` when its
    /// panel is (or was found this round to be) unreachable.
    async fn finish_switch(
        &self,
        transfer: TransferId,
        id: ClientAccountId,
        down: &mut HashSet<PanelId>,
    ) -> Result<bool, InventoryError> {
        let account = self.accounts.account(id).await?;
        if account.status != AccountStatus::Switched {
            return Err(InventoryError::AccountNotActive { status: account.status });
        }
        let (inbound, panel) = self.inbound_and_panel(account.inbound).await?;
        if down.contains(&panel.id) {
            return Ok(false);
        }
        match self
            .driver
            .delete_client(&panel.connection(), inbound.remote_id, &account.email)
            .await
        {
            Ok(()) | Err(PanelError::NotFound) => {
                self.accounts
                    .mark_old_client_removed(transfer, self.clock.now())
                    .await?;
                Ok(true)
            }
            Err(e) if e.is_retryable() => {
                warn!(transfer = %transfer, panel = %panel.id, error = %e, "old panel still unreachable");
                down.insert(panel.id);
                Ok(false)
            }
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SwitchCleanupReport;
    use crate::fixtures::*;
    use crate::{AccountStatus, InboundStatus, MockPanelDriver, MockRepo, PanelError};
    use kernel::{ClientAccountId, StorageError, TransferId};

    /// Switched accounts 5 and 7 on inbound 3 (panel 1), and 9 on inbound 4 (panel 2), left by
    /// transfers 1, 2 and 3.
    fn repo() -> MockRepo {
        let mut repo = MockRepo::new();
        repo.expect_pending_old_client_removals().returning(|_| {
            Ok(vec![
                (TransferId::new(1), ClientAccountId::new(5)),
                (TransferId::new(2), ClientAccountId::new(7)),
                (TransferId::new(3), ClientAccountId::new(9)),
            ])
        });
        repo.expect_account().returning(|id| {
            let inbound = if id.get() == 9 { 4 } else { 3 };
            Ok(account(id.get(), inbound, 1, AccountStatus::Switched))
        });
        repo.expect_inbound().returning(|id| {
            let panel = id.get() - 2;
            Ok(inbound(id.get(), panel, 4, 0, InboundStatus::Active))
        });
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo
    }

    fn on_panel(panel: i64) -> impl Fn(&crate::PanelConnection) -> bool {
        move |c| c.url.as_str() == format!("https://panel{panel}.example.com")
    }

    #[tokio::test]
    async fn removed_old_clients_mark_their_transfers_done() {
        let mut repo = repo();
        repo.expect_mark_old_client_removed()
            .withf(|_, at| *at == NOW)
            .times(3)
            .returning(|_, _| Ok(()));
        let mut driver = MockPanelDriver::new();
        driver.expect_delete_client().times(3).returning(|_, _, _| Ok(()));

        let report = account_service(repo, driver).finish_switches(100).await.unwrap();

        assert_eq!(
            report,
            SwitchCleanupReport {
                removed: 3,
                still_pending: 0
            }
        );
    }

    #[tokio::test]
    async fn an_old_client_already_gone_marks_its_transfer_done() {
        let mut repo = repo();
        repo.expect_mark_old_client_removed().times(3).returning(|_, _| Ok(()));
        let mut driver = MockPanelDriver::new();
        driver
            .expect_delete_client()
            .returning(|_, _, _| Err(PanelError::NotFound));

        let report = account_service(repo, driver).finish_switches(100).await.unwrap();

        assert_eq!(report.removed, 3);
    }

    #[tokio::test]
    async fn a_panel_still_down_keeps_its_transfers_pending_and_the_others_are_finished() {
        let mut repo = repo();
        repo.expect_mark_old_client_removed()
            .withf(|id, _| *id == TransferId::new(3))
            .times(1)
            .returning(|_, _| Ok(()));
        let mut driver = MockPanelDriver::new();
        driver
            .expect_delete_client()
            .withf(|c, _, _| on_panel(1)(c))
            .times(1)
            .returning(|_, _, _| Err(PanelError::Unreachable));
        driver
            .expect_delete_client()
            .withf(|c, _, _| on_panel(2)(c))
            .times(1)
            .returning(|_, _, _| Ok(()));

        let report = account_service(repo, driver).finish_switches(100).await.unwrap();

        assert_eq!(
            report,
            SwitchCleanupReport {
                removed: 1,
                still_pending: 2
            },
            "the down panel is asked once, its second client waits for the next round"
        );
    }

    #[tokio::test]
    async fn a_removal_that_cannot_be_recorded_stays_pending() {
        let mut repo = repo();
        repo.expect_mark_old_client_removed()
            .returning(|_, _| Err(StorageError::Unavailable("db down".into())));
        let mut driver = MockPanelDriver::new();
        driver.expect_delete_client().returning(|_, _, _| Ok(()));

        let report = account_service(repo, driver).finish_switches(100).await.unwrap();

        assert_eq!(report.still_pending, 3);
    }

    #[tokio::test]
    async fn the_batch_size_is_passed_on_and_nothing_pending_is_a_quiet_round() {
        let mut repo = MockRepo::new();
        repo.expect_pending_old_client_removals()
            .withf(|limit| *limit == 25)
            .times(1)
            .returning(|_| Ok(vec![]));

        let report = account_service(repo, MockPanelDriver::new())
            .finish_switches(25)
            .await
            .unwrap();

        assert_eq!(report, SwitchCleanupReport::default());
    }
}
