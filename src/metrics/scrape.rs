//! Values read at scrape time rather than counted as they happen: uptime, the database
//! ping, the outbox backlog, active chats, errors logged and the Telegram flood limiter.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Instant;

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::gauge::ConstGauge;
use telegram::BotApi;

/// Error-level log events since start, counted by [`crate::telemetry`].
static ERRORS_LOGGED: AtomicU64 = AtomicU64::new(0);

/// Counts one error-level log event.
pub fn count_logged_error() {
    ERRORS_LOGGED.fetch_add(1, Ordering::Relaxed);
}

/// Error-level log events since the process started.
pub fn logged_errors() -> u64 {
    ERRORS_LOGGED.load(Ordering::Relaxed)
}

/// Values read at scrape time from elsewhere (the database, the dispatcher).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gauges {
    /// Whether the database answered a ping.
    pub database_up: bool,
    /// Notices waiting in the outbox, when the database could count them.
    pub outbox_pending: Option<u64>,
    /// Chats with a worker in the dispatcher right now.
    pub active_chats: usize,
}

/// The collector of scrape-time values, registered once in the registry.
#[derive(Debug)]
pub(super) struct ScrapeValues {
    started: Instant,
    gauges: Mutex<Gauges>,
    telegram: OnceLock<BotApi>,
}

impl Default for ScrapeValues {
    fn default() -> Self {
        Self {
            started: Instant::now(),
            gauges: Mutex::new(Gauges::default()),
            telegram: OnceLock::new(),
        }
    }
}

impl ScrapeValues {
    /// Takes this scrape's gauges.
    pub(super) fn set(&self, gauges: Gauges) {
        *self.gauges.lock().unwrap_or_else(PoisonError::into_inner) = gauges;
    }

    /// Reports `api`'s flood limiter; the first client given wins.
    pub(super) fn watch_telegram(&self, api: &BotApi) {
        let _ = self.telegram.set(api.clone());
    }
}

fn gauge<N>(encoder: &mut DescriptorEncoder, name: &str, help: &str, value: N) -> Result<(), std::fmt::Error>
where
    ConstGauge<N>: EncodeMetric,
{
    let metric = ConstGauge::new(value);
    metric.encode(encoder.encode_descriptor(name, help, None, metric.metric_type())?)
}

fn counter(encoder: &mut DescriptorEncoder, name: &str, help: &str, value: u64) -> Result<(), std::fmt::Error> {
    let metric = ConstCounter::new(value);
    metric.encode(encoder.encode_descriptor(name, help, None, metric.metric_type())?)
}

fn as_i64(n: impl TryInto<i64>) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
}

impl Collector for ScrapeValues {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let gauges = *self.gauges.lock().unwrap_or_else(PoisonError::into_inner);
        let e = &mut encoder;
        gauge(e, "up", "1 while the process runs", 1i64)?;
        gauge(
            e,
            "uptime_seconds",
            "Seconds since the process started",
            self.started.elapsed().as_secs_f64(),
        )?;
        gauge(
            e,
            "database_up",
            "1 when the database answered a ping at this scrape",
            i64::from(gauges.database_up),
        )?;
        counter(
            e,
            "errors",
            "Error-level log events (failed deliveries, crashed handlers, failing jobs, ...)",
            logged_errors(),
        )?;
        gauge(
            e,
            "active_chats",
            "Chats with a worker in the dispatcher right now",
            as_i64(gauges.active_chats),
        )?;
        if let Some(pending) = gauges.outbox_pending {
            gauge(e, "outbox_pending", "Notices waiting to be delivered", as_i64(pending))?;
        }
        if let Some(api) = self.telegram.get() {
            let stats = api.limiter().stats();
            counter(
                e,
                "telegram_messages",
                "Messages and edits sent to the Bot API (each took a slot of the flood limiter)",
                stats.admitted,
            )?;
            counter(
                e,
                "telegram_rate_limited",
                "429 Too Many Requests answers from Telegram despite the flood limiter",
                stats.rate_limited,
            )?;
            gauge(
                e,
                "telegram_bulk_waiting",
                "Bulk sends (notices, broadcasts) waiting for a slot right now",
                as_i64(stats.bulk_waiting),
            )?;
        }
        Ok(())
    }
}
