//! Syncing panels: inbounds and account usage from one read per panel, every panel at the
//! same time.

use kernel::PanelId;

use super::FleetService;
use super::join::join_all;
use crate::{InventoryError, PanelSyncReport};

impl FleetService {
    /// Reads a panel once and stores both its inbounds (see
    /// [`FleetService::sync_inbounds`]) and its accounts' usage (see
    /// [`FleetService::sync_usage`]).
    pub async fn sync_panel(&self, id: PanelId) -> Result<PanelSyncReport, InventoryError> {
        let panel = self.fleet.panel(id).await?;
        let snapshot = self.driver.snapshot(&panel.connection()).await?;
        let inbounds = self.store_inbounds(id, &snapshot.inbounds).await?;
        let usage = self.store_usage(id, &snapshot).await?;
        Ok(PanelSyncReport {
            panel: id,
            inbounds,
            usage,
            clients_read: snapshot.clients.len(),
        })
    }

    /// Syncs the given panels, or every panel when `ids` is empty, all at the same time. One
    /// panel failing does not stop the others: each gets its own result, in the order asked
    /// (every panel: by name).
    pub async fn sync_panels(
        &self,
        ids: &[PanelId],
    ) -> Result<Vec<(PanelId, Result<PanelSyncReport, InventoryError>)>, InventoryError> {
        let ids: Vec<PanelId> = if ids.is_empty() {
            self.fleet.panels().await?.into_iter().map(|p| p.id).collect()
        } else {
            ids.to_vec()
        };
        let results = join_all(ids.iter().map(|id| self.sync_panel(*id)).collect()).await;
        Ok(ids.into_iter().zip(results).collect())
    }
}

#[cfg(test)]
mod tests {
    use crate::fixtures::*;
    use crate::{AccountStatus, InboundStatus, InventoryError, MockPanelDriver, MockRepo, PanelError, PanelSnapshot};
    use kernel::PanelId;

    #[tokio::test]
    async fn one_read_per_panel_updates_inbounds_and_accounts() {
        let mut repo = MockRepo::new();
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo.expect_inbounds_of_panel()
            .returning(|_| Ok(vec![inbound(3, 1, 0, 0, InboundStatus::Active)]));
        repo.expect_apply_inbound_sync()
            .withf(|_, s, _| s.refreshed.len() == 1)
            .times(1)
            .returning(|_, _, _| Ok(()));
        repo.expect_accounts_of_panel()
            .returning(|_| Ok(vec![account(1, 3, 1, AccountStatus::Active)]));
        repo.expect_record_usages().never();
        let mut driver = MockPanelDriver::new();
        driver.expect_snapshot().times(1).returning(|_| {
            Ok(PanelSnapshot {
                inbounds: vec![remote(103, 1, true)],
                clients: Vec::new(),
            })
        });
        driver.expect_list_inbounds().never();

        let report = fleet_service(repo, driver).sync_panel(PanelId::new(1)).await.unwrap();

        assert_eq!(report.inbounds.refreshed, 1);
        assert_eq!(report.usage.missing, 1);
    }

    #[tokio::test]
    async fn every_panel_is_synced_and_a_down_one_reports_its_own_error() {
        let mut repo = MockRepo::new();
        repo.expect_panels()
            .returning(|| Ok(vec![panel(1, 1, true), panel(2, 1, true)]));
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo.expect_inbounds_of_panel().returning(|_| Ok(Vec::new()));
        repo.expect_apply_inbound_sync().returning(|_, _, _| Ok(()));
        repo.expect_accounts_of_panel().returning(|_| Ok(Vec::new()));
        let mut driver = MockPanelDriver::new();
        driver
            .expect_snapshot()
            .withf(|c| c.url.as_str() == "https://panel1.example.com")
            .returning(|_| Err(PanelError::Timeout));
        driver.expect_snapshot().returning(|_| Ok(PanelSnapshot::default()));

        let results = fleet_service(repo, driver).sync_panels(&[]).await.unwrap();

        assert_eq!(results.len(), 2);
        assert!(matches!(results[0], (id, Err(InventoryError::Panel(PanelError::Timeout))) if id == PanelId::new(1)));
        assert!(results[1].1.is_ok());
    }
}
