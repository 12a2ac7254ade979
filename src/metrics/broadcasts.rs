//! Broadcast progress on `/metrics`: messages by outcome and the campaigns running, as the
//! broadcast job on this instance saw them.

use notify::broadcast::BroadcastRun;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ResultLabels {
    result: &'static str,
}

/// The broadcast job's metrics.
#[derive(Debug, Default)]
pub(super) struct BroadcastMetrics {
    messages: Family<ResultLabels, Counter>,
    running: Gauge,
}

impl BroadcastMetrics {
    pub(super) fn register(registry: &mut Registry) -> Self {
        let m = Self::default();
        for result in ["sent", "failed", "blocked", "left"] {
            let _ = m.messages.get_or_create(&ResultLabels { result });
        }
        registry.register(
            "broadcast_messages",
            "Broadcast messages tried by this instance, by outcome (blocked: the user blocked the bot; left: account deleted)",
            m.messages.clone(),
        );
        registry.register(
            "broadcasts_running",
            "Broadcast campaigns running at the broadcast job's last run on this instance",
            m.running.clone(),
        );
        m
    }

    /// Adds one run's outcomes; the running gauge takes the run's count.
    pub(super) fn record(&self, run: &BroadcastRun) {
        for (result, n) in [
            ("sent", run.sent),
            ("failed", run.failed),
            ("blocked", run.blocked),
            ("left", run.left),
        ] {
            self.messages.get_or_create(&ResultLabels { result }).inc_by(n);
        }
        let running = run.running.saturating_sub(run.finished.len());
        self.running.set(i64::try_from(running).unwrap_or(i64::MAX));
    }
}
