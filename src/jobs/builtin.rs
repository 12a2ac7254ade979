//! The jobs `moonvpn run` schedules, each `every(name, interval, step)` calling a single use
//! case; the rules live in the domain crates. Each step bounds its own items (one notice, one
//! order), never the whole run.

use std::sync::Arc;
use std::time::Duration;

use inventory::{AccountService, SwitchCleanupReport};
use notify::{AlertService, OutboxDispatcher, OutboxRun};
use orders::{OrderService, RecoveryBounds, RecoveryReport};

use super::{Every, Job, JobReport, every};

/// Outbox notices delivered per tick at most (Telegram allows about 30 messages a second).
pub const OUTBOX_BATCH: u64 = 100;

/// How long one notice may take (a slow Telegram call plus a 429 wait) before the outbox run
/// moves on to the next; well inside [`notify::OutboxDispatcher::HOLD`], so nobody else sends
/// it meanwhile.
pub const OUTBOX_PER_NOTICE: Duration = Duration::from_secs(90);

/// Old-client transfers looked at per switch-cleanup tick at most.
pub const SWITCH_BATCH: u64 = 200;

/// `outbox`, every 2 s: delivers due outbox notices over Telegram.
pub fn outbox(dispatcher: OutboxDispatcher) -> Every<OutboxRun> {
    every("outbox", Duration::from_secs(2), move || {
        let dispatcher = dispatcher.clone();
        async move { Ok(dispatcher.run_once(OUTBOX_BATCH, OUTBOX_PER_NOTICE).await?) }
    })
}

impl JobReport for OutboxRun {
    fn summary(&self) -> String {
        match (self.delivered, self.late) {
            (0, 0) => String::new(),
            (d, 0) => format!("{d} notice(s) delivered"),
            (d, l) => format!("{d} notice(s) delivered, {l} too slow (tried again later)"),
        }
    }
}

/// `order-recovery`, every minute: resumes or refunds orders left half-way (crash, panel
/// outage) and expires unpaid ones after their TTL. Stuck orders run side by side, each under
/// its own deadline (`bounds`), so a hung panel holds up only its own orders; an order whose
/// runs keep missing their deadline is refunded by the saga after its bounded attempts, with a
/// notice to the admins.
pub fn order_recovery(orders: Arc<OrderService>, bounds: RecoveryBounds) -> Every<RecoveryReport> {
    every("order-recovery", Duration::from_secs(60), move || {
        let orders = orders.clone();
        async move { Ok(orders.recover_stuck(bounds).await?) }
    })
}

impl JobReport for RecoveryReport {
    fn summary(&self) -> String {
        if self.fulfilled + self.refunded + self.expired == 0 {
            String::new()
        } else {
            format!(
                "orders recovered: {} delivered, {} refunded, {} unpaid expired",
                self.fulfilled, self.refunded, self.expired
            )
        }
    }

    fn problem(&self) -> Option<String> {
        (self.still_stuck > 0).then(|| {
            format!(
                "{} paid order(s) still stuck ({} delivered, {} refunded, {} expired)",
                self.still_stuck, self.fulfilled, self.refunded, self.expired
            )
        })
    }
}

/// `switch-cleanup`, every 5 minutes: removes old clients that location switches left on
/// panels that were down at the time.
pub fn switch_cleanup(accounts: Arc<AccountService>) -> Every<SwitchCleanupReport> {
    every("switch-cleanup", Duration::from_secs(5 * 60), move || {
        let accounts = accounts.clone();
        async move { Ok(accounts.finish_switches(SWITCH_BATCH).await?) }
    })
}

impl JobReport for SwitchCleanupReport {
    // A panel still down is a result (the removal waits for the next tick), not a failure.
    fn summary(&self) -> String {
        if self.removed + self.still_pending == 0 {
            String::new()
        } else {
            format!(
                "{} old client(s) removed after a switch, {} still pending",
                self.removed, self.still_pending
            )
        }
    }
}

/// Every job `moonvpn run` schedules, built from the wired services, the notifier and the bot
/// (whose review posts the receipt jobs keep current); the reconciliation runs every
/// `reconcile_interval` (`jobs.reconcile_hours`).
pub fn standard_jobs(
    services: &crate::wiring::Services,
    dispatcher: OutboxDispatcher,
    reconcile_interval: Duration,
    bot: &telegram::Bot,
) -> Vec<Arc<dyn Job>> {
    let alerts = AlertService::new(Arc::new(services.store.clone()), services.clock.clone());
    vec![
        Arc::new(outbox(dispatcher)),
        Arc::new(order_recovery(services.orders.clone(), RecoveryBounds::default())),
        Arc::new(super::receipt_expiry(services.receipts.clone(), Some(bot.clone()))),
        Arc::new(super::receipt_orders(bot.clone())),
        Arc::new(super::panel_sync(services.fleet.clone(), alerts.clone())),
        Arc::new(super::health_check(services.fleet.clone(), alerts.clone())),
        Arc::new(super::reconcile(services.fleet.clone(), alerts, reconcile_interval)),
        Arc::new(switch_cleanup(services.accounts.clone())),
        Arc::new(super::payment_reconcile(services.payments.clone())),
        Arc::new(super::reminders(notify::ReminderService::new(
            Arc::new(services.store.clone()),
            services.clock.clone(),
        ))),
    ]
}
