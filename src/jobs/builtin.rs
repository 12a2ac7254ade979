//! The jobs `moonvpn run` schedules. Each one calls a single use case; the rules live in the
//! domain crates.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use inventory::InventoryService;
use notify::{AlertService, OutboxDispatcher};
use orders::{OrderService, RecoveryBounds, RecoveryReport};

use super::Job;

/// Delivers due outbox notices over Telegram.
pub struct OutboxJob {
    dispatcher: OutboxDispatcher,
}

impl OutboxJob {
    /// Notices delivered per tick at most (Telegram allows about 30 messages a second).
    pub const BATCH: u64 = 100;

    /// How long one notice may take (a slow Telegram call plus a 429 wait) before the run
    /// moves on to the next; well inside [`notify::OutboxDispatcher::HOLD`], so nobody else
    /// sends it meanwhile.
    pub const PER_NOTICE: Duration = Duration::from_secs(90);

    /// The job over `dispatcher`.
    pub fn new(dispatcher: OutboxDispatcher) -> Self {
        Self { dispatcher }
    }
}

#[async_trait]
impl Job for OutboxJob {
    fn name(&self) -> &'static str {
        "outbox"
    }

    fn interval(&self) -> Duration {
        Duration::from_secs(2)
    }

    async fn run(&self) -> anyhow::Result<String> {
        let run = self.dispatcher.run_once(Self::BATCH, Self::PER_NOTICE).await?;
        Ok(match (run.delivered, run.late) {
            (0, 0) => String::new(),
            (d, 0) => format!("{d} notice(s) delivered"),
            (d, l) => format!("{d} notice(s) delivered, {l} too slow (tried again later)"),
        })
    }
}

/// Resumes or refunds orders left half-way (crash, panel outage) and expires unpaid ones after
/// their TTL. Stuck orders run side by side, each under its own deadline, so a hung panel holds
/// up only its own orders; an order whose runs keep missing their deadline is refunded by the
/// saga after its bounded attempts, with a notice to the admins.
pub struct OrderRecoveryJob {
    orders: Arc<OrderService>,
    bounds: RecoveryBounds,
}

impl OrderRecoveryJob {
    /// The job over `orders` with the default bounds.
    pub fn new(orders: Arc<OrderService>) -> Self {
        Self::with_bounds(orders, RecoveryBounds::default())
    }

    /// The job over `orders` with `bounds`.
    pub fn with_bounds(orders: Arc<OrderService>, bounds: RecoveryBounds) -> Self {
        Self { orders, bounds }
    }

    /// One pass within the job's bounds ([`OrderService::recover_stuck`]).
    pub async fn recover(&self) -> anyhow::Result<RecoveryReport> {
        Ok(self.orders.recover_stuck(self.bounds).await?)
    }
}

#[async_trait]
impl Job for OrderRecoveryJob {
    fn name(&self) -> &'static str {
        "order-recovery"
    }

    fn interval(&self) -> Duration {
        Duration::from_secs(60)
    }

    async fn run(&self) -> anyhow::Result<String> {
        let r = self.recover().await?;
        if r.still_stuck > 0 {
            anyhow::bail!(
                "{} paid order(s) still stuck ({} delivered, {} refunded, {} expired)",
                r.still_stuck,
                r.fulfilled,
                r.refunded,
                r.expired
            );
        }
        Ok(if r.fulfilled + r.refunded + r.expired == 0 {
            String::new()
        } else {
            format!(
                "orders recovered: {} delivered, {} refunded, {} unpaid expired",
                r.fulfilled, r.refunded, r.expired
            )
        })
    }
}

/// Reads every panel's inbounds and every account's traffic and expiry; a panel whose sync
/// starts failing is reported to the admins once (not while it is reported down).
pub struct PanelSyncJob {
    inventory: Arc<InventoryService>,
    alerts: AlertService,
}

impl PanelSyncJob {
    /// The job over `inventory`, alerting through `alerts`.
    pub fn new(inventory: Arc<InventoryService>, alerts: AlertService) -> Self {
        Self { inventory, alerts }
    }
}

#[async_trait]
impl Job for PanelSyncJob {
    fn name(&self) -> &'static str {
        "panel-sync"
    }

    fn interval(&self) -> Duration {
        Duration::from_secs(5 * 60)
    }

    async fn run(&self) -> anyhow::Result<String> {
        let panels = self.inventory.panels().await?;
        let ids: Vec<_> = panels.iter().map(|p| p.id).collect();
        let results = if ids.is_empty() {
            Vec::new()
        } else {
            self.inventory.sync_panels(&ids).await?
        };
        let mut failed = Vec::new();
        let mut accounts = 0;
        for ((panel, result), named) in results.iter().zip(&panels) {
            let error = match result {
                Ok(report) => {
                    accounts += report.usage.accounts;
                    None
                }
                Err(e) => {
                    failed.push(format!("panel {panel}: {e}"));
                    Some(e.to_string())
                }
            };
            if let Err(e) = self
                .alerts
                .panel_synced(*panel, named.name.as_str(), error.as_deref())
                .await
            {
                tracing::warn!(panel = %panel, error = %e, "cannot record the panel's sync alert");
            }
        }
        if !failed.is_empty() {
            anyhow::bail!(
                "{} of {} panel(s) could not be synced: {}",
                failed.len(),
                results.len(),
                failed.join("; ")
            );
        }
        Ok(format!("{} panel(s) synced, {accounts} account(s) read", results.len()))
    }
}

/// Checks every panel's login, xray, load and latency, so sales skip a panel that is down;
/// tells the admins once when a panel goes down and once when it is back.
pub struct HealthCheckJob {
    inventory: Arc<InventoryService>,
    alerts: AlertService,
}

impl HealthCheckJob {
    /// The job over `inventory`, alerting through `alerts`.
    pub fn new(inventory: Arc<InventoryService>, alerts: AlertService) -> Self {
        Self { inventory, alerts }
    }
}

#[async_trait]
impl Job for HealthCheckJob {
    fn name(&self) -> &'static str {
        "health-check"
    }

    fn interval(&self) -> Duration {
        Duration::from_secs(60)
    }

    async fn run(&self) -> anyhow::Result<String> {
        let checks = self.inventory.check_all_health().await?;
        let down = checks.iter().filter(|(_, c)| !c.is_up()).count();
        for (panel, check) in &checks {
            let problem = check.problem();
            if let Err(e) = self
                .alerts
                .panel_checked(panel.id, panel.name.as_str(), problem.as_deref())
                .await
            {
                tracing::warn!(panel = %panel.id, error = %e, "cannot record the panel's health alert");
            }
        }
        // A panel that is down is a result (stored, and sales skip it), not a job failure.
        Ok(if checks.is_empty() {
            String::new()
        } else {
            format!("{} panel(s) checked, {down} down", checks.len())
        })
    }
}

/// Removes old clients that location switches left on panels that were down at the time.
pub struct SwitchCleanupJob {
    inventory: Arc<InventoryService>,
}

impl SwitchCleanupJob {
    /// Transfers looked at per tick at most.
    pub const BATCH: u64 = 200;

    /// The job over `inventory`.
    pub fn new(inventory: Arc<InventoryService>) -> Self {
        Self { inventory }
    }
}

#[async_trait]
impl Job for SwitchCleanupJob {
    fn name(&self) -> &'static str {
        "switch-cleanup"
    }

    fn interval(&self) -> Duration {
        Duration::from_secs(5 * 60)
    }

    async fn run(&self) -> anyhow::Result<String> {
        let r = self.inventory.finish_switches(Self::BATCH).await?;
        // A panel still down is a result (the removal waits for the next tick), not a failure.
        Ok(if r.removed + r.still_pending == 0 {
            String::new()
        } else {
            format!(
                "{} old client(s) removed after a switch, {} still pending",
                r.removed, r.still_pending
            )
        })
    }
}

/// Every job `moonvpn run` schedules, built from the wired services, the notifier and the bot
/// (whose review posts the receipt jobs keep current); the reconciliation runs every
/// `reconcile_interval` (`jobs.reconcile_hours`).
pub fn standard_jobs(
    services: &crate::wiring::Services,
    outbox: OutboxDispatcher,
    reconcile_interval: Duration,
    bot: &telegram::Bot,
) -> Vec<Arc<dyn Job>> {
    let alerts = AlertService::new(Arc::new(services.store.clone()), services.clock.clone());
    vec![
        Arc::new(OutboxJob::new(outbox)),
        Arc::new(OrderRecoveryJob::new(services.orders.clone())),
        Arc::new(super::ReceiptExpiryJob::new(services.receipts.clone()).with_bot(bot.clone())),
        Arc::new(super::ReceiptOrderJob::new(bot.clone())),
        Arc::new(PanelSyncJob::new(services.inventory.clone(), alerts.clone())),
        Arc::new(HealthCheckJob::new(services.inventory.clone(), alerts.clone())),
        Arc::new(super::ReconcileJob::new(
            services.inventory.clone(),
            alerts,
            reconcile_interval,
        )),
        Arc::new(SwitchCleanupJob::new(services.inventory.clone())),
        Arc::new(super::PaymentReconcileJob::new(services.payments.clone())),
        Arc::new(super::ReminderJob::new(notify::ReminderService::new(
            Arc::new(services.store.clone()),
            services.clock.clone(),
        ))),
    ]
}
