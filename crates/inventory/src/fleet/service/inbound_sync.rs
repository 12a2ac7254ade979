//! Reading a panel's inbounds into MoonVPN.

use std::collections::{HashMap, HashSet};

use kernel::{CountLimit, PanelId};
use tracing::info;

use super::FleetService;
use crate::{
    Inbound, InboundRefresh, InboundStatus, InboundSync, InventoryError, NewInbound, RemoteInbound, SyncReport,
};

impl FleetService {
    /// Reads every inbound of a panel and stores what it says: new ones are added, known ones
    /// updated (spec, client count, Active/Full/Disabled), ones gone from the panel are
    /// marked Disabled. Nothing is deleted: sold accounts keep pointing at their inbound.
    pub async fn sync_inbounds(&self, panel: PanelId) -> Result<SyncReport, InventoryError> {
        let panel = self.fleet.panel(panel).await?;
        let remote = self.driver.list_inbounds(&panel.connection()).await?;
        self.store_inbounds(panel.id, &remote).await
    }

    /// Stores what a panel said about its inbounds (see [`FleetService::sync_inbounds`]).
    pub(super) async fn store_inbounds(
        &self,
        panel: PanelId,
        remote: &[RemoteInbound],
    ) -> Result<SyncReport, InventoryError> {
        let stored = self.placement.inbounds_of_panel(panel).await?;
        let sync = plan_sync(&stored, remote);
        let report = SyncReport {
            added: sync.added.len(),
            refreshed: sync.refreshed.len(),
            vanished: sync.vanished.len(),
        };
        self.fleet.apply_inbound_sync(panel, &sync, self.clock.now()).await?;
        info!(%panel, ?report, "inbounds synced");
        Ok(report)
    }
}

/// What to change so the stored inbounds match what the panel reported.
fn plan_sync(stored: &[Inbound], remote: &[RemoteInbound]) -> InboundSync {
    let by_remote_id: HashMap<i64, &Inbound> = stored.iter().map(|i| (i.remote_id, i)).collect();
    let mut seen = HashSet::new();
    let mut sync = InboundSync::default();
    for r in remote {
        if !seen.insert(r.remote_id) {
            continue;
        }
        let known = by_remote_id.get(&r.remote_id);
        let max_clients = known.map_or(CountLimit::Unlimited, |i| i.max_clients);
        let status = if r.enabled {
            InboundStatus::for_load(r.client_count, max_clients)
        } else {
            InboundStatus::Disabled
        };
        match known {
            Some(i) => sync.refreshed.push(InboundRefresh {
                id: i.id,
                spec: r.spec.clone(),
                client_count: r.client_count,
                status,
            }),
            None => sync.added.push(NewInbound {
                remote_id: r.remote_id,
                spec: r.spec.clone(),
                client_count: r.client_count,
                status,
            }),
        }
    }
    sync.vanished = stored
        .iter()
        .filter(|i| !seen.contains(&i.remote_id) && i.status != InboundStatus::Disabled)
        .map(|i| i.id)
        .collect();
    sync
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::*;
    use crate::{MockPanelDriver, MockRepo, PanelError};
    use kernel::InboundId;

    #[test]
    fn an_inbound_gone_from_the_panel_is_disabled_not_deleted() {
        let stored = [
            inbound(1, 1, 3, 0, InboundStatus::Active),
            inbound(2, 1, 3, 0, InboundStatus::Full),
        ];
        let sync = plan_sync(&stored, &[remote(101, 4, true)]);
        assert_eq!(sync.vanished, vec![InboundId::new(2)]);
        assert_eq!(sync.refreshed.len(), 1);
        assert!(sync.added.is_empty());
    }

    #[test]
    fn an_inbound_already_disabled_and_still_gone_is_left_alone() {
        let stored = [inbound(1, 1, 3, 0, InboundStatus::Disabled)];
        assert_eq!(plan_sync(&stored, &[]), InboundSync::default());
    }

    #[test]
    fn new_inbounds_are_added_with_unlimited_capacity_and_known_ones_keep_their_limit() {
        let stored = [inbound(1, 1, 0, 10, InboundStatus::Active)];
        let sync = plan_sync(&stored, &[remote(101, 10, true), remote(7, 500, true)]);
        assert_eq!(sync.refreshed[0].status, InboundStatus::Full);
        assert_eq!(sync.refreshed[0].client_count, 10);
        assert_eq!(sync.added[0].remote_id, 7);
        assert_eq!(sync.added[0].status, InboundStatus::Active);
    }

    #[test]
    fn an_inbound_disabled_on_the_panel_is_disabled_here_and_back_when_enabled() {
        let stored = [inbound(1, 1, 3, 0, InboundStatus::Disabled)];
        let off = plan_sync(&stored, &[remote(101, 3, false)]);
        assert_eq!(off.refreshed[0].status, InboundStatus::Disabled);
        let on = plan_sync(&stored, &[remote(101, 3, true)]);
        assert_eq!(on.refreshed[0].status, InboundStatus::Active);
    }

    #[test]
    fn a_remote_id_listed_twice_is_taken_once() {
        let sync = plan_sync(&[], &[remote(5, 1, true), remote(5, 2, true)]);
        assert_eq!(sync.added.len(), 1);
        assert_eq!(sync.added[0].client_count, 1);
    }

    #[tokio::test]
    async fn a_sync_stores_the_plan_and_reports_it() {
        let mut repo = MockRepo::new();
        repo.expect_panel().returning(|_| Ok(panel(1, 1, true)));
        repo.expect_inbounds_of_panel()
            .returning(|_| Ok(vec![inbound(1, 1, 0, 0, InboundStatus::Active)]));
        repo.expect_apply_inbound_sync()
            .withf(|p, s, at| p.get() == 1 && s.vanished == vec![InboundId::new(1)] && s.added.len() == 1 && *at == NOW)
            .times(1)
            .returning(|_, _, _| Ok(()));
        let mut driver = MockPanelDriver::new();
        driver
            .expect_list_inbounds()
            .returning(|_| Ok(vec![remote(9, 0, true)]));

        let report = fleet_service(repo, driver)
            .sync_inbounds(PanelId::new(1))
            .await
            .unwrap();

        assert_eq!(
            report,
            SyncReport {
                added: 1,
                refreshed: 0,
                vanished: 1
            }
        );
    }

    #[tokio::test]
    async fn an_unreachable_panel_changes_nothing() {
        let mut repo = MockRepo::new();
        repo.expect_panel().returning(|_| Ok(panel(1, 1, true)));
        repo.expect_apply_inbound_sync().never();
        let mut driver = MockPanelDriver::new();
        driver.expect_list_inbounds().returning(|_| Err(PanelError::Timeout));

        let err = fleet_service(repo, driver)
            .sync_inbounds(PanelId::new(1))
            .await
            .unwrap_err();

        assert!(err.is_retryable());
    }
}
