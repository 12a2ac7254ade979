//! Traffic and expiry of every account of a panel, from one read of the panel.

use std::collections::HashMap;

use kernel::PanelId;
use time::OffsetDateTime;
use tracing::info;

use super::FleetService;
use crate::{
    AccountStatus, ClientAccount, ClientUsage, InventoryError, PanelExpiry, PanelSnapshot, UsageReport, UsageUpdate,
};

impl FleetService {
    /// Reads every client of a panel once and stores, for each account sold there, the
    /// traffic used, the limit and the expiry the panel enforces. An account out of traffic or
    /// time becomes Expired; one the panel turned off (by hand) Disabled; one working again
    /// (renewed) Active. Moved-away accounts are left alone; accounts the panel lost are
    /// counted as `missing` (see [`FleetService::reconcile`]). Only changed accounts are
    /// written, in batches.
    pub async fn sync_usage(&self, panel: PanelId) -> Result<UsageReport, InventoryError> {
        let panel = self.fleet.panel(panel).await?;
        let snapshot = self.driver.snapshot(&panel.connection()).await?;
        self.store_usage(panel.id, &snapshot).await
    }

    /// Stores what a panel's snapshot says about the accounts sold on it.
    pub(super) async fn store_usage(
        &self,
        panel: PanelId,
        snapshot: &PanelSnapshot,
    ) -> Result<UsageReport, InventoryError> {
        let accounts = self.accounts.accounts_of_panel(panel).await?;
        let now = self.clock.now();
        let (updates, report) = plan_usage(&accounts, &snapshot.clients, now);
        if !updates.is_empty() {
            self.accounts.record_usages(&updates, now).await?;
        }
        info!(%panel, ?report, "usage synced");
        Ok(report)
    }
}

/// Clients by lower-cased email (3x-ui compares emails case-insensitively); the first one
/// wins when an email is on several inbounds.
pub(super) fn by_email(clients: &[ClientUsage]) -> HashMap<String, &ClientUsage> {
    let mut map = HashMap::with_capacity(clients.len());
    for c in clients {
        map.entry(c.email.to_ascii_lowercase()).or_insert(c);
    }
    map
}

/// The status an account has once its panel's view is known.
fn status_after(account: &ClientAccount, client: &ClientUsage, now: OffsetDateTime) -> AccountStatus {
    if account.is_exhausted(now) {
        AccountStatus::Expired
    } else if client.enabled {
        AccountStatus::Active
    } else if account.status == AccountStatus::Expired {
        AccountStatus::Expired
    } else {
        AccountStatus::Disabled
    }
}

/// What to store so `accounts` match the panel's `clients` at `now`.
fn plan_usage(
    accounts: &[ClientAccount],
    clients: &[ClientUsage],
    now: OffsetDateTime,
) -> (Vec<UsageUpdate>, UsageReport) {
    let on_panel = by_email(clients);
    let mut report = UsageReport::default();
    let mut updates = Vec::new();
    for account in accounts.iter().filter(|a| a.status != AccountStatus::Switched) {
        report.accounts += 1;
        let Some(client) = on_panel.get(&account.email.as_str().to_ascii_lowercase()) else {
            report.missing += 1;
            continue;
        };
        let mut seen = account.clone();
        seen.traffic_used_bytes = client.traffic.used();
        seen.traffic_limit_bytes = client.total_bytes;
        seen.expires_at = match client.expiry {
            PanelExpiry::Never => None,
            PanelExpiry::At(at) => Some(at),
            PanelExpiry::AfterFirstUse(_) => account.expires_at,
        };
        seen.status = status_after(&seen, client, now);
        let unchanged = (
            seen.traffic_used_bytes,
            seen.traffic_limit_bytes,
            seen.expires_at,
            seen.status,
        ) == (
            account.traffic_used_bytes,
            account.traffic_limit_bytes,
            account.expires_at,
            account.status,
        );
        if unchanged {
            continue;
        }
        match (account.status, seen.status) {
            (AccountStatus::Expired, AccountStatus::Expired) => {}
            (_, AccountStatus::Expired) => report.expired += 1,
            (AccountStatus::Expired, AccountStatus::Active) => report.reactivated += 1,
            _ => {}
        }
        report.changed += 1;
        updates.push(UsageUpdate {
            account: seen.id,
            used_bytes: seen.traffic_used_bytes,
            limit_bytes: seen.traffic_limit_bytes,
            expires_at: seen.expires_at,
            status: seen.status,
        });
    }
    (updates, report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::*;
    use crate::{ClientTraffic, MockPanelDriver, MockRepo, PanelError};
    use kernel::ClientAccountId;
    use time::macros::datetime;

    /// The panel's view of account `id` (see `fixtures::account`).
    fn seen(id: i64, used: u64, total: u64, expiry: PanelExpiry, enabled: bool) -> ClientUsage {
        ClientUsage {
            inbound_remote_id: 103,
            email: format!("FR-MoonVPN-{}", 1000 + id),
            enabled,
            traffic: ClientTraffic {
                up: used / 2,
                down: used - used / 2,
            },
            total_bytes: bytes(total),
            expiry,
        }
    }

    const EXPIRY: PanelExpiry = PanelExpiry::At(datetime!(2026-04-01 0:00 UTC));

    #[test]
    fn traffic_read_from_the_panel_is_stored_and_unchanged_accounts_are_not_written() {
        let accounts = [
            account(1, 3, 1, AccountStatus::Active),
            account(2, 3, 1, AccountStatus::Active),
        ];
        let clients = [
            seen(1, 4_000, 10_000, EXPIRY, true),
            seen(2, 1_000, 10_000, EXPIRY, true),
        ];

        let (updates, report) = plan_usage(&accounts, &clients, NOW);

        assert_eq!(updates.len(), 1);
        assert_eq!(updates[0].account, ClientAccountId::new(1));
        assert_eq!(updates[0].used_bytes, 4_000);
        assert_eq!(updates[0].status, AccountStatus::Active);
        assert_eq!((report.accounts, report.changed, report.expired), (2, 1, 0));
    }

    #[test]
    fn an_account_out_of_traffic_or_time_on_the_panel_becomes_expired() {
        let accounts = [
            account(1, 3, 1, AccountStatus::Active),
            account(2, 3, 1, AccountStatus::Active),
        ];
        let past = PanelExpiry::At(datetime!(2026-02-01 0:00 UTC));
        let clients = [
            seen(1, 10_000, 10_000, EXPIRY, false),
            seen(2, 1_000, 10_000, past, true),
        ];

        let (updates, report) = plan_usage(&accounts, &clients, NOW);

        assert!(updates.iter().all(|u| u.status == AccountStatus::Expired));
        assert_eq!(updates[1].expires_at, Some(datetime!(2026-02-01 0:00 UTC)));
        assert_eq!(report.expired, 2);
    }

    #[test]
    fn a_renewed_account_is_active_again_with_the_panels_new_limits() {
        let accounts = [account(1, 3, 1, AccountStatus::Expired)];
        let renewed = PanelExpiry::At(datetime!(2026-06-01 0:00 UTC));
        let clients = [seen(1, 0, 50_000, renewed, true)];

        let (updates, report) = plan_usage(&accounts, &clients, NOW);

        assert_eq!(updates[0].status, AccountStatus::Active);
        assert_eq!(updates[0].limit_bytes, bytes(50_000));
        assert_eq!(updates[0].expires_at, Some(datetime!(2026-06-01 0:00 UTC)));
        assert_eq!(report.reactivated, 1);
    }

    #[test]
    fn a_client_turned_off_in_the_panel_is_disabled_and_an_expired_one_stays_expired() {
        let accounts = [
            account(1, 3, 1, AccountStatus::Active),
            account(2, 3, 1, AccountStatus::Expired),
        ];
        let clients = [
            seen(1, 1_000, 10_000, EXPIRY, false),
            seen(2, 1_000, 10_000, EXPIRY, false),
        ];

        let (updates, _) = plan_usage(&accounts, &clients, NOW);

        assert_eq!(updates.len(), 1);
        assert_eq!(updates[0].status, AccountStatus::Disabled);
    }

    #[test]
    fn moved_accounts_are_ignored_and_lost_ones_counted_missing() {
        let accounts = [
            account(1, 3, 1, AccountStatus::Switched),
            account(2, 3, 1, AccountStatus::Active),
        ];
        let clients = [seen(1, 9_999, 10_000, EXPIRY, true)];

        let (updates, report) = plan_usage(&accounts, &clients, NOW);

        assert!(updates.is_empty());
        assert_eq!((report.accounts, report.missing), (1, 1));
    }

    #[test]
    fn emails_match_whatever_their_case_and_a_delayed_start_keeps_the_stored_expiry() {
        let accounts = [account(1, 3, 1, AccountStatus::Active)];
        let mut client = seen(
            1,
            2_000,
            10_000,
            PanelExpiry::AfterFirstUse(time::Duration::days(30)),
            true,
        );
        client.email = client.email.to_ascii_lowercase();

        let (updates, _) = plan_usage(&accounts, &[client], NOW);

        assert_eq!(updates[0].used_bytes, 2_000);
        assert_eq!(updates[0].expires_at, accounts[0].expires_at);
    }

    #[tokio::test]
    async fn a_usage_sync_reads_the_panel_once_and_writes_the_changes_in_one_call() {
        let mut repo = MockRepo::new();
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo.expect_accounts_of_panel()
            .returning(|_| Ok((1..=3).map(|id| account(id, 3, 1, AccountStatus::Active)).collect()));
        repo.expect_record_usages()
            .withf(|u, at| u.len() == 3 && *at == NOW)
            .times(1)
            .returning(|_, _| Ok(()));
        let mut driver = MockPanelDriver::new();
        driver.expect_snapshot().times(1).returning(|_| {
            Ok(PanelSnapshot {
                inbounds: vec![remote(103, 3, true)],
                clients: (1..=3).map(|id| seen(id, 5_000, 10_000, EXPIRY, true)).collect(),
            })
        });

        let report = fleet_service(repo, driver)
            .sync_usage(kernel::PanelId::new(1))
            .await
            .unwrap();

        assert_eq!(report.changed, 3);
    }

    #[tokio::test]
    async fn an_unreachable_panel_changes_no_account() {
        let mut repo = MockRepo::new();
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo.expect_record_usages().never();
        let mut driver = MockPanelDriver::new();
        driver.expect_snapshot().returning(|_| Err(PanelError::Unreachable));

        let err = fleet_service(repo, driver)
            .sync_usage(kernel::PanelId::new(1))
            .await
            .unwrap_err();

        assert!(err.is_retryable());
    }
}
