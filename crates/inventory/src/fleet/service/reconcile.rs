//! Reconciliation: clients on a panel MoonVPN does not know, and accounts the panel lost.

use std::collections::{HashMap, HashSet};

use kernel::{ByteLimit, PanelId};
use tracing::{info, warn};

use super::FleetService;
use super::usage_sync::by_email;
use crate::{
    AccountStatus, ClientAccount, ClientLimits, ClientUsage, Inbound, InventoryError, LostAccount, PanelClient,
    PanelConnection, ReconcileReport, RepairFailure, UnknownClient,
};

impl FleetService {
    /// Compares a panel with the accounts sold on it: clients there that no account owns
    /// (`unknown`, left alone) and accounts whose client is gone (`lost`). With `repair`, each
    /// lost account is created again on its inbound with its key, subscription id, what is
    /// left of its traffic, its expiry and IP limit, so the user's link works again.
    pub async fn reconcile(&self, id: PanelId, repair: bool) -> Result<ReconcileReport, InventoryError> {
        let panel = self.fleet.panel(id).await?;
        let conn = panel.connection();
        let snapshot = self.driver.snapshot(&conn).await?;
        let accounts = self.accounts.accounts_of_panel(id).await?;
        let (unknown, lost) = compare(&accounts, &snapshot.clients);
        let mut report = ReconcileReport {
            panel: id,
            unknown,
            lost: lost.iter().map(|a| lost_entry(a)).collect(),
            repaired: Vec::new(),
            failed: Vec::new(),
        };
        info!(panel = %id, unknown = report.unknown.len(), lost = report.lost.len(), "panel reconciled");
        if !repair || lost.is_empty() {
            return Ok(report);
        }
        let inbounds: HashMap<_, Inbound> = self
            .placement
            .inbounds_of_panel(id)
            .await?
            .into_iter()
            .map(|i| (i.id, i))
            .collect();
        let live_remote: HashSet<i64> = snapshot.inbounds.iter().map(|i| i.remote_id).collect();
        for account in lost {
            let outcome = match inbounds.get(&account.inbound) {
                Some(inbound) if live_remote.contains(&inbound.remote_id) => {
                    self.recreate(&conn, inbound.remote_id, account).await
                }
                _ => Err(format!(
                    "its inbound {} is gone from the panel; move the account to another location",
                    account.inbound
                )),
            };
            match outcome {
                Ok(()) => report.repaired.push(account.id),
                Err(reason) => {
                    warn!(account = %account.id, %reason, "lost account not repaired");
                    report.failed.push(RepairFailure {
                        account: account.id,
                        reason,
                    });
                }
            }
        }
        Ok(report)
    }

    /// Creates a lost account's client again; the error is for the admin.
    async fn recreate(
        &self,
        conn: &PanelConnection,
        inbound_remote_id: i64,
        account: &ClientAccount,
    ) -> Result<(), String> {
        let ip_limit = self
            .accounts
            .account_ip_limit(account.id)
            .await
            .map_err(|e| e.to_string())?;
        let exhausted = account.is_exhausted(self.clock.now());
        // A new client starts at zero: give it what is left, so the user gets no more than
        // was paid for (the next sync stores the panel's numbers).
        let total_bytes = account
            .remaining_bytes()
            .and_then(ByteLimit::upto)
            .unwrap_or(account.traffic_limit_bytes);
        let client = PanelClient {
            email: account.email.clone(),
            key: account.client_uuid.clone(),
            sub_id: account.sub_id.clone(),
            limits: ClientLimits {
                total_bytes,
                expires_at: account.expires_at,
                ip_limit,
            },
            enabled: account.status == AccountStatus::Active && !exhausted,
            telegram_id: None,
        };
        self.driver
            .add_client(conn, inbound_remote_id, &client)
            .await
            .map_err(|e| e.to_string())?;
        info!(account = %account.id, client = %account.name, "lost account created again");
        Ok(())
    }
}

/// Clients nobody owns, and live accounts with no client, by comparing emails
/// case-insensitively. Moved-away accounts still own their email (their old client may be
/// waiting for removal) but are never lost.
fn compare<'a>(accounts: &'a [ClientAccount], clients: &[ClientUsage]) -> (Vec<UnknownClient>, Vec<&'a ClientAccount>) {
    let known: HashSet<String> = accounts.iter().map(|a| a.email.as_str().to_ascii_lowercase()).collect();
    let mut unknown: Vec<UnknownClient> = clients
        .iter()
        .filter(|c| !known.contains(&c.email.to_ascii_lowercase()))
        .map(|c| UnknownClient {
            inbound_remote_id: c.inbound_remote_id,
            email: c.email.clone(),
        })
        .collect();
    unknown.sort_by(|a, b| (a.inbound_remote_id, &a.email).cmp(&(b.inbound_remote_id, &b.email)));
    unknown.dedup();
    let on_panel = by_email(clients);
    let lost = accounts
        .iter()
        .filter(|a| a.status != AccountStatus::Switched)
        .filter(|a| !on_panel.contains_key(&a.email.as_str().to_ascii_lowercase()))
        .collect();
    (unknown, lost)
}

fn lost_entry(account: &ClientAccount) -> LostAccount {
    LostAccount {
        account: account.id,
        email: account.email.clone(),
        inbound: account.inbound,
        status: account.status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::*;
    use crate::{ClientTraffic, MockPanelDriver, MockRepo, PanelError, PanelExpiry, PanelSnapshot};
    use kernel::ClientAccountId;

    fn client(email: &str, inbound_remote_id: i64) -> ClientUsage {
        ClientUsage {
            inbound_remote_id,
            email: email.into(),
            enabled: true,
            traffic: ClientTraffic { up: 0, down: 0 },
            total_bytes: bytes(0),
            expiry: PanelExpiry::Never,
        }
    }

    #[test]
    fn strangers_on_the_panel_and_accounts_it_lost_are_told_apart() {
        let accounts = [
            account(1, 3, 1, AccountStatus::Active),
            account(2, 3, 1, AccountStatus::Expired),
            account(3, 3, 1, AccountStatus::Switched),
        ];
        let clients = [
            client("fr-moonvpn-1001", 103),
            client("FR-MoonVPN-1003", 103),
            client("someone@else", 104),
        ];

        let (unknown, lost) = compare(&accounts, &clients);

        assert_eq!(
            unknown,
            vec![UnknownClient {
                inbound_remote_id: 104,
                email: "someone@else".into()
            }]
        );
        assert_eq!(lost.iter().map(|a| a.id.get()).collect::<Vec<_>>(), vec![2]);
    }

    fn repo_with(accounts: Vec<ClientAccount>) -> MockRepo {
        let mut repo = MockRepo::new();
        repo.expect_panel().returning(|id| Ok(panel(id.get(), 1, true)));
        repo.expect_accounts_of_panel().returning(move |_| Ok(accounts.clone()));
        repo.expect_inbounds_of_panel().returning(|_| {
            Ok(vec![
                inbound(3, 1, 0, 0, crate::InboundStatus::Active),
                inbound(4, 1, 0, 0, crate::InboundStatus::Disabled),
            ])
        });
        repo.expect_account_ip_limit().returning(|_| Ok(count(2)));
        repo
    }

    fn panel_with(clients: Vec<ClientUsage>) -> MockPanelDriver {
        let mut driver = MockPanelDriver::new();
        driver.expect_snapshot().returning(move |_| {
            Ok(PanelSnapshot {
                inbounds: vec![remote(103, 1, true)],
                clients: clients.clone(),
            })
        });
        driver
    }

    #[tokio::test]
    async fn without_repair_nothing_is_written_to_the_panel() {
        let mut driver = panel_with(vec![client("stranger", 103)]);
        driver.expect_add_client().never();

        let report = fleet_service(repo_with(vec![account(1, 3, 1, AccountStatus::Active)]), driver)
            .reconcile(kernel::PanelId::new(1), false)
            .await
            .unwrap();

        assert_eq!(report.unknown.len(), 1);
        assert_eq!(report.lost[0].account, ClientAccountId::new(1));
        assert!(report.repaired.is_empty());
    }

    #[tokio::test]
    async fn repair_creates_a_lost_client_again_with_what_is_left_of_it() {
        let mut driver = panel_with(Vec::new());
        driver
            .expect_add_client()
            .withf(|_, remote_id, c| {
                *remote_id == 103
                    && c.email.as_str() == "FR-MoonVPN-1001"
                    && c.key == "0b1c2d3e-0000-4000-8000-000000000002"
                    && c.sub_id == "aaaabbbbccccdddd"
                    && c.limits.total_bytes == bytes(9_000)
                    && c.limits.ip_limit == count(2)
                    && c.enabled
            })
            .times(1)
            .returning(|_, _, _| Ok(()));

        let report = fleet_service(repo_with(vec![account(1, 3, 1, AccountStatus::Active)]), driver)
            .reconcile(kernel::PanelId::new(1), true)
            .await
            .unwrap();

        assert_eq!(report.repaired, vec![ClientAccountId::new(1)]);
        assert!(report.failed.is_empty());
    }

    #[tokio::test]
    async fn an_account_whose_inbound_is_gone_or_refused_is_reported_not_repaired() {
        let mut driver = panel_with(Vec::new());
        driver
            .expect_add_client()
            .returning(|_, _, _| Err(PanelError::Rejected("Duplicate email".into())));

        let report = fleet_service(
            repo_with(vec![
                account(1, 3, 1, AccountStatus::Active),
                account(2, 4, 1, AccountStatus::Disabled),
            ]),
            driver,
        )
        .reconcile(kernel::PanelId::new(1), true)
        .await
        .unwrap();

        assert!(report.repaired.is_empty());
        assert_eq!(report.failed.len(), 2);
        assert!(report.failed[0].reason.contains("Duplicate email"));
        assert!(report.failed[1].reason.contains("gone from the panel"));
    }

    #[tokio::test]
    async fn an_expired_lost_account_comes_back_turned_off() {
        let mut expired = account(1, 3, 1, AccountStatus::Expired);
        expired.traffic_used_bytes = 10_000;
        let mut driver = panel_with(Vec::new());
        driver
            .expect_add_client()
            .withf(|_, _, c| !c.enabled && c.limits.total_bytes == bytes(10_000))
            .times(1)
            .returning(|_, _, _| Ok(()));

        fleet_service(repo_with(vec![expired]), driver)
            .reconcile(kernel::PanelId::new(1), true)
            .await
            .unwrap();
    }
}
