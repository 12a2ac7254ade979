//! Admin alerts about panels: down / back up, sync failed, and the daily reconciliation's
//! drift. A panel outage is ONE alert, not one per order or per check: the store remembers
//! each panel's alerted state, and an alert is queued only when that state changes, by one
//! conditional update and the outbox insert in one transaction (two instances checking at
//! once still send it once). A failed sync is not reported while the panel is already
//! reported down (the outage explains it).

use std::sync::Arc;

use async_trait::async_trait;
use kernel::{Clock, PanelId, PanelProblem, StorageError};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::{NewNotice, Notice, NotifyError};

/// A change of a panel's alerted state, applied by the store only from the state it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelAlert {
    /// Not reported down → reported down (clears a reported sync failure: the outage covers it).
    Down,
    /// Reported down → up.
    Up,
    /// Neither reported down nor a reported sync failure → sync failure reported.
    SyncFailed,
    /// Sync failure reported → cleared (nothing is sent).
    SyncOk,
}

/// One panel's drift found by a reconciliation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelDrift {
    /// The panel.
    pub panel: PanelId,
    /// What admins call it.
    pub name: String,
    /// Clients on the panel no MoonVPN account owns.
    pub unknown: u32,
    /// MoonVPN accounts whose client the panel lost.
    pub lost: u32,
}

impl PanelDrift {
    /// Whether anything differs.
    pub fn is_drift(&self) -> bool {
        self.unknown + self.lost > 0
    }
}

/// Storage of the panels' alerted state.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait AlertRepo: Send + Sync {
    /// Applies `change` to `panel`'s alerted state with a conditional update (a panel never
    /// seen counts as up with syncs working) and, only when the state changed, queues `notice`
    /// in the same transaction. Returns whether it changed.
    async fn transition(
        &self,
        panel: PanelId,
        change: PanelAlert,
        notice: Option<NewNotice>,
        at: OffsetDateTime,
    ) -> Result<bool, StorageError>;
    /// Queues `notice` on its own.
    async fn enqueue(&self, notice: NewNotice, at: OffsetDateTime) -> Result<(), StorageError>;
}

/// The admin-alert use cases the health-check, sync and reconcile jobs call.
#[derive(Clone)]
pub struct AlertService {
    repo: Arc<dyn AlertRepo>,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for AlertService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AlertService").finish_non_exhaustive()
    }
}

impl AlertService {
    /// The use cases on `repo`, reading the time from `clock`.
    pub fn new(repo: Arc<dyn AlertRepo>, clock: Arc<dyn Clock>) -> Self {
        Self { repo, clock }
    }

    /// After a health check of `panel`: `problem` is why it is down, `None` when it is up.
    /// Queues "panel down" or "back up" only when that differs from what admins were last
    /// told; returns whether an alert was queued.
    pub async fn panel_checked(
        &self,
        panel: PanelId,
        name: &str,
        problem: Option<PanelProblem>,
    ) -> Result<bool, NotifyError> {
        let (change, notice) = match problem {
            Some(problem) => (
                PanelAlert::Down,
                Notice::PanelDown {
                    panel,
                    name: name.to_owned(),
                    problem,
                },
            ),
            None => (
                PanelAlert::Up,
                Notice::PanelUp {
                    panel,
                    name: name.to_owned(),
                },
            ),
        };
        let queued = self
            .repo
            .transition(panel, change, Some(NewNotice::to_admins(notice)), self.clock.now())
            .await?;
        Ok(queued)
    }

    /// After a sync of `panel`: `error` when it failed. A failure is alerted once (until a
    /// sync succeeds again), and not while the panel is reported down; returns whether an
    /// alert was queued.
    pub async fn panel_synced(&self, panel: PanelId, name: &str, error: Option<&str>) -> Result<bool, NotifyError> {
        let now = self.clock.now();
        let queued = match error {
            Some(error) => {
                let notice = Notice::PanelSyncFailed {
                    panel,
                    name: name.to_owned(),
                    error: error.to_owned(),
                };
                self.repo
                    .transition(panel, PanelAlert::SyncFailed, Some(NewNotice::to_admins(notice)), now)
                    .await?
            }
            None => {
                self.repo.transition(panel, PanelAlert::SyncOk, None, now).await?;
                false
            }
        };
        Ok(queued)
    }

    /// After a reconciliation run: one notice listing every panel with drift, nothing when
    /// there is none. Returns whether a notice was queued.
    pub async fn drift_found(&self, drift: Vec<PanelDrift>) -> Result<bool, NotifyError> {
        let panels: Vec<PanelDrift> = drift.into_iter().filter(PanelDrift::is_drift).collect();
        if panels.is_empty() {
            return Ok(false);
        }
        self.repo
            .enqueue(
                NewNotice::to_admins(Notice::ReconcileDrift { panels }),
                self.clock.now(),
            )
            .await?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kernel::FixedClock;
    use mockall::predicate::{always, eq};
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-06 12:00 UTC);

    fn service(repo: MockAlertRepo) -> AlertService {
        AlertService::new(Arc::new(repo), Arc::new(FixedClock::new(NOW)))
    }

    #[tokio::test]
    async fn a_down_panel_asks_for_the_down_transition_with_its_alert() {
        let mut repo = MockAlertRepo::new();
        let expected = NewNotice::to_admins(Notice::PanelDown {
            panel: PanelId::new(2),
            name: "Paris".into(),
            problem: PanelProblem::Unreachable,
        });
        repo.expect_transition()
            .with(eq(PanelId::new(2)), eq(PanelAlert::Down), eq(Some(expected)), eq(NOW))
            .times(1)
            .returning(|_, _, _, _| Ok(true));
        let queued = service(repo)
            .panel_checked(PanelId::new(2), "Paris", Some(PanelProblem::Unreachable))
            .await
            .unwrap();
        assert!(queued);
    }

    #[tokio::test]
    async fn an_answering_panel_asks_for_the_up_transition() {
        let mut repo = MockAlertRepo::new();
        repo.expect_transition()
            .withf(|_, change, notice, _| {
                *change == PanelAlert::Up && matches!(notice, Some(n) if matches!(n.notice, Notice::PanelUp { .. }))
            })
            .times(1)
            .returning(|_, _, _, _| Ok(false));
        let queued = service(repo)
            .panel_checked(PanelId::new(2), "Paris", None)
            .await
            .unwrap();
        assert!(!queued, "nothing changed: nothing queued");
    }

    #[tokio::test]
    async fn a_successful_sync_clears_a_reported_failure_silently() {
        let mut repo = MockAlertRepo::new();
        repo.expect_transition()
            .with(eq(PanelId::new(2)), eq(PanelAlert::SyncOk), eq(None), always())
            .times(1)
            .returning(|_, _, _, _| Ok(true));
        assert!(
            !service(repo)
                .panel_synced(PanelId::new(2), "Paris", None)
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn drift_is_one_notice_per_run_and_none_without_drift() {
        let mut repo = MockAlertRepo::new();
        repo.expect_enqueue()
            .withf(|n, _| matches!(&n.notice, Notice::ReconcileDrift { panels } if panels.len() == 1))
            .times(1)
            .returning(|_, _| Ok(()));
        let alerts = service(repo);
        let clean = PanelDrift {
            panel: PanelId::new(1),
            name: "Berlin".into(),
            unknown: 0,
            lost: 0,
        };
        let drifted = PanelDrift {
            panel: PanelId::new(2),
            name: "Paris".into(),
            unknown: 1,
            lost: 2,
        };
        assert!(!alerts.drift_found(vec![clean.clone()]).await.unwrap());
        assert!(alerts.drift_found(vec![clean, drifted]).await.unwrap());
    }
}
