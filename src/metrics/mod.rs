//! What `GET /metrics` reports, in the Prometheus text format, from one
//! [`prometheus_client`] registry: updates handled and how long they took, errors logged,
//! outbox backlog and deliveries, Telegram's 429 answers, each background job's runs,
//! broadcast progress, and every call to a panel with its latency and result.

mod broadcasts;
mod counting;
mod jobs;
mod panels;
mod scrape;
#[cfg(test)]
mod tests;

use std::sync::Arc;
use std::time::Duration;

use notify::DeliveryOutcome;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use telegram::BotApi;

pub use counting::{CountingHandler, CountingNotifier};
pub use jobs::{JobStats, JobTick};
pub use panels::MeteredDriver;
pub use scrape::{Gauges, count_logged_error, logged_errors};

/// Upper bounds (seconds) of the update-latency histogram buckets.
const UPDATE_BUCKETS: [f64; 11] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// Outbox delivery attempts by outcome, counted by [`CountingNotifier`].
#[derive(Debug, Default)]
struct OutboxCounters {
    sent: Counter,
    failed: Counter,
    retried: Counter,
}

impl OutboxCounters {
    fn register(registry: &mut Registry) -> Self {
        let counters = Self::default();
        registry.register("outbox_sent", "Notices delivered by the outbox", counters.sent.clone());
        registry.register(
            "outbox_failed",
            "Notices given up on (the recipient blocked the bot, or Telegram refused them)",
            counters.failed.clone(),
        );
        registry.register(
            "outbox_retried",
            "Delivery attempts that failed for a passing reason (429, network) and are tried again",
            counters.retried.clone(),
        );
        counters
    }
}

/// Every metric of this process, registered once. Cheap to share (`Arc`).
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    scrape: Arc<scrape::ScrapeValues>,
    updates: Counter,
    update_seconds: Histogram,
    outbox: OutboxCounters,
    jobs: jobs::JobMetrics,
    broadcasts: broadcasts::BroadcastMetrics,
    panels: panels::PanelMetrics,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("moonvpn");
        let scrape = Arc::new(scrape::ScrapeValues::default());
        registry.register_collector(Box::new(scrape.clone()));
        let updates = Counter::default();
        registry.register(
            "updates_handled",
            "Telegram updates the bot finished handling",
            updates.clone(),
        );
        let update_seconds = Histogram::new(UPDATE_BUCKETS);
        registry.register(
            "update_duration_seconds",
            "Time from taking an update off its chat queue to the bot's answer",
            update_seconds.clone(),
        );
        let outbox = OutboxCounters::register(&mut registry);
        let jobs = jobs::JobMetrics::register(&mut registry);
        let broadcasts = broadcasts::BroadcastMetrics::register(&mut registry);
        let panels = panels::PanelMetrics::register(&mut registry);
        Self {
            registry,
            scrape,
            updates,
            update_seconds,
            outbox,
            jobs,
            broadcasts,
            panels,
        }
    }
}

impl Metrics {
    /// Fresh metrics.
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// Records one handled update and how long it took.
    pub fn record_update(&self, took: Duration) {
        self.updates.inc();
        self.update_seconds.observe(took.as_secs_f64());
    }

    /// Records how one outbox delivery attempt ended.
    pub fn record_delivery(&self, outcome: &DeliveryOutcome) {
        let counter = match outcome {
            DeliveryOutcome::Delivered => &self.outbox.sent,
            DeliveryOutcome::RecipientGone => &self.outbox.failed,
            DeliveryOutcome::RetryAfter(_) => &self.outbox.retried,
        };
        counter.inc();
    }

    /// Reports the flood limiter of `api` (messages sent, 429 answers) at each scrape; the
    /// first client given wins (every clone shares one limiter).
    pub fn watch_telegram(&self, api: &BotApi) {
        self.scrape.watch_telegram(api);
    }

    /// Updates handled so far.
    pub fn updates_handled(&self) -> u64 {
        self.updates.get()
    }

    /// Records one tick of `job`.
    pub fn record_job(&self, job: &'static str, tick: JobTick) {
        self.jobs.record(job, tick);
    }

    /// Records what one run of the broadcast job did.
    pub fn record_broadcast(&self, run: &notify::broadcast::BroadcastRun) {
        self.broadcasts.record(run);
    }

    /// One job's record on this instance, if it ticked at least once.
    pub fn job(&self, job: &'static str) -> Option<JobStats> {
        self.jobs.stats(job)
    }

    /// Wraps `driver` so every panel call is counted and timed into these metrics.
    pub fn meter_panels(&self, driver: Arc<dyn inventory::PanelDriver>) -> MeteredDriver {
        MeteredDriver::new(driver, self.panels.clone())
    }

    /// The Prometheus text exposition (format 0.0.4) of every metric, with `gauges` read at
    /// this scrape.
    pub fn render(&self, gauges: Gauges) -> String {
        self.scrape.set(gauges);
        let mut out = String::new();
        if let Err(e) = prometheus_client::encoding::prometheus_text::encode(&mut out, &self.registry) {
            tracing::error!(error = %e, "cannot encode the metrics");
        }
        out
    }
}

/// The content type of [`Metrics::render`]'s text.
pub const CONTENT_TYPE: &str = prometheus_client::encoding::prometheus_text::CONTENT_TYPE;
