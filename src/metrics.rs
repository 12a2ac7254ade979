//! What `GET /metrics` reports, in the Prometheus text format, written by hand (no metrics
//! library): updates handled and how long they took, errors logged, outbox backlog and
//! deliveries, Telegram's 429 answers, when each background job last ran, broadcast progress.

mod broadcasts;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use frankenstein::updates::Update;
use notify::{DeliveryOutcome, Notifier, OutboxEntry};
use telegram::{BotApi, UpdateHandler};

/// Upper bounds (seconds) of the update-latency histogram buckets.
const BUCKETS: [f64; 11] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

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

/// One job's record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JobStats {
    /// Runs that succeeded.
    pub succeeded: u64,
    /// Runs that failed (error or panic).
    pub failed: u64,
    /// Ticks skipped because another instance holds the lease.
    pub skipped: u64,
    /// Whether this instance held the lease at its last tick.
    pub leader: bool,
    /// Unix seconds of the last run, if any.
    pub last_run: Option<f64>,
    /// Unix seconds of the last successful run, if any.
    pub last_success: Option<f64>,
    /// How long the last run took.
    pub last_duration: Duration,
}

/// How one job tick went, for [`Metrics::record_job`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobTick {
    /// Ran and succeeded in `Duration`.
    Succeeded(Duration),
    /// Ran and failed after `Duration`.
    Failed(Duration),
    /// Another instance holds the lease.
    NotLeader,
}

/// Counters shared by the update handler, the jobs and the HTTP server. Cheap to share
/// (`Arc`).
#[derive(Debug)]
pub struct Metrics {
    started: Instant,
    updates: AtomicU64,
    update_micros: AtomicU64,
    buckets: [AtomicU64; BUCKETS.len()],
    jobs: Mutex<BTreeMap<&'static str, JobStats>>,
    outbox: OutboxCounts,
    telegram: OnceLock<BotApi>,
    broadcasts: broadcasts::BroadcastCounters,
}

/// Outbox delivery attempts by outcome, counted by [`CountingNotifier`].
#[derive(Debug, Default)]
struct OutboxCounts {
    sent: AtomicU64,
    failed: AtomicU64,
    retried: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Self {
        Self {
            started: Instant::now(),
            updates: AtomicU64::new(0),
            update_micros: AtomicU64::new(0),
            buckets: std::array::from_fn(|_| AtomicU64::new(0)),
            jobs: Mutex::new(BTreeMap::new()),
            outbox: OutboxCounts::default(),
            telegram: OnceLock::new(),
            broadcasts: broadcasts::BroadcastCounters::default(),
        }
    }
}

/// Values read at scrape time from elsewhere (the database, the dispatcher).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gauges {
    /// Whether the database answered a ping.
    pub database_up: bool,
    /// Notices waiting in the outbox, when the database could count them.
    pub outbox_pending: Option<u64>,
    /// Chats with a worker in the dispatcher.
    pub active_chats: usize,
}

impl Metrics {
    /// Fresh counters.
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// Records one handled update and how long it took.
    pub fn record_update(&self, took: Duration) {
        self.updates.fetch_add(1, Ordering::Relaxed);
        let micros = u64::try_from(took.as_micros()).unwrap_or(u64::MAX);
        self.update_micros.fetch_add(micros, Ordering::Relaxed);
        let seconds = took.as_secs_f64();
        for (bound, bucket) in BUCKETS.iter().zip(&self.buckets) {
            if seconds <= *bound {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// Records how one outbox delivery attempt ended.
    pub fn record_delivery(&self, outcome: &DeliveryOutcome) {
        let counter = match outcome {
            DeliveryOutcome::Delivered => &self.outbox.sent,
            DeliveryOutcome::RecipientGone => &self.outbox.failed,
            DeliveryOutcome::RetryAfter(_) => &self.outbox.retried,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Reports the flood limiter of `api` (messages sent, 429 answers) at each scrape; the
    /// first client given wins (every clone shares one limiter).
    pub fn watch_telegram(&self, api: &BotApi) {
        let _ = self.telegram.set(api.clone());
    }

    /// Updates handled so far.
    pub fn updates_handled(&self) -> u64 {
        self.updates.load(Ordering::Relaxed)
    }

    /// Records one tick of `job`.
    pub fn record_job(&self, job: &'static str, tick: JobTick) {
        let now = unix_seconds();
        let mut jobs = self.jobs.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let stats = jobs.entry(job).or_default();
        match tick {
            JobTick::Succeeded(took) => {
                stats.succeeded += 1;
                stats.leader = true;
                stats.last_run = Some(now);
                stats.last_success = Some(now);
                stats.last_duration = took;
            }
            JobTick::Failed(took) => {
                stats.failed += 1;
                stats.leader = true;
                stats.last_run = Some(now);
                stats.last_duration = took;
            }
            JobTick::NotLeader => {
                stats.skipped += 1;
                stats.leader = false;
            }
        }
    }

    /// Records what one run of the broadcast job did.
    pub fn record_broadcast(&self, run: &notify::broadcast::BroadcastRun) {
        self.broadcasts.record(run);
    }

    /// A copy of one job's record.
    pub fn job(&self, job: &str) -> Option<JobStats> {
        let jobs = self.jobs.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        jobs.get(job).cloned()
    }

    /// The Prometheus text exposition of every metric.
    pub fn render(&self, gauges: Gauges) -> String {
        let mut out = String::new();
        let updates = self.updates.load(Ordering::Relaxed);
        let sum = self.update_micros.load(Ordering::Relaxed) as f64 / 1e6;
        metric(
            &mut out,
            "moonvpn_up",
            "gauge",
            "1 while the process runs.",
            &[("", 1.0)],
        );
        metric(
            &mut out,
            "moonvpn_uptime_seconds",
            "gauge",
            "Seconds since the process started.",
            &[("", self.started.elapsed().as_secs_f64())],
        );
        metric(
            &mut out,
            "moonvpn_database_up",
            "gauge",
            "1 when the database answered a ping at this scrape.",
            &[("", f64::from(u8::from(gauges.database_up)))],
        );
        metric(
            &mut out,
            "moonvpn_updates_handled_total",
            "counter",
            "Telegram updates the bot finished handling.",
            &[("", updates as f64)],
        );
        let _ = writeln!(
            out,
            "# HELP moonvpn_update_duration_seconds Time from taking an update off its chat queue to the bot's answer."
        );
        let _ = writeln!(out, "# TYPE moonvpn_update_duration_seconds histogram");
        for (bound, bucket) in BUCKETS.iter().zip(&self.buckets) {
            let _ = writeln!(
                out,
                "moonvpn_update_duration_seconds_bucket{{le=\"{bound}\"}} {}",
                bucket.load(Ordering::Relaxed)
            );
        }
        let _ = writeln!(out, "moonvpn_update_duration_seconds_bucket{{le=\"+Inf\"}} {updates}");
        let _ = writeln!(out, "moonvpn_update_duration_seconds_sum {sum}");
        let _ = writeln!(out, "moonvpn_update_duration_seconds_count {updates}");
        metric(
            &mut out,
            "moonvpn_errors_total",
            "counter",
            "Error-level log events (failed deliveries, crashed handlers, failing jobs, ...).",
            &[("", logged_errors() as f64)],
        );
        metric(
            &mut out,
            "moonvpn_active_chats",
            "gauge",
            "Chats with a worker in the dispatcher right now.",
            &[("", gauges.active_chats as f64)],
        );
        if let Some(pending) = gauges.outbox_pending {
            metric(
                &mut out,
                "moonvpn_outbox_pending",
                "gauge",
                "Notices waiting to be delivered.",
                &[("", pending as f64)],
            );
        }
        self.render_outbox(&mut out);
        self.render_jobs(&mut out);
        self.broadcasts.render(&mut out);
        out
    }

    fn render_outbox(&self, out: &mut String) {
        let count = |c: &AtomicU64| c.load(Ordering::Relaxed) as f64;
        metric(
            out,
            "moonvpn_outbox_sent_total",
            "counter",
            "Notices delivered by the outbox.",
            &[("", count(&self.outbox.sent))],
        );
        metric(
            out,
            "moonvpn_outbox_failed_total",
            "counter",
            "Notices given up on (the recipient blocked the bot, or Telegram refused them).",
            &[("", count(&self.outbox.failed))],
        );
        metric(
            out,
            "moonvpn_outbox_retried_total",
            "counter",
            "Delivery attempts that failed for a passing reason (429, network) and are tried again.",
            &[("", count(&self.outbox.retried))],
        );
        if let Some(api) = self.telegram.get() {
            let stats = api.limiter().stats();
            metric(
                out,
                "moonvpn_telegram_messages_total",
                "counter",
                "Messages and edits sent to the Bot API (each took a slot of the flood limiter).",
                &[("", stats.admitted as f64)],
            );
            metric(
                out,
                "moonvpn_telegram_rate_limited_total",
                "counter",
                "429 Too Many Requests answers from Telegram despite the flood limiter.",
                &[("", stats.rate_limited as f64)],
            );
            metric(
                out,
                "moonvpn_telegram_bulk_waiting",
                "gauge",
                "Bulk sends (notices, broadcasts) waiting for a slot right now.",
                &[("", stats.bulk_waiting as f64)],
            );
        }
    }

    fn render_jobs(&self, out: &mut String) {
        let jobs = self
            .jobs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        let series = |f: &dyn Fn(&JobStats) -> Option<f64>| -> Vec<(String, f64)> {
            jobs.iter()
                .filter_map(|(name, s)| f(s).map(|v| (format!("job=\"{name}\""), v)))
                .collect()
        };
        let runs: Vec<(String, f64)> = jobs
            .iter()
            .flat_map(|(name, s)| {
                [
                    (format!("job=\"{name}\",result=\"ok\""), s.succeeded as f64),
                    (format!("job=\"{name}\",result=\"error\""), s.failed as f64),
                    (format!("job=\"{name}\",result=\"not_leader\""), s.skipped as f64),
                ]
            })
            .collect();
        labelled(
            out,
            "moonvpn_job_runs_total",
            "counter",
            "Job ticks by result (not_leader: another instance holds the lease).",
            &runs,
        );
        labelled(
            out,
            "moonvpn_job_leader",
            "gauge",
            "1 when this instance held the job's lease at its last tick.",
            &series(&|s| Some(f64::from(u8::from(s.leader)))),
        );
        labelled(
            out,
            "moonvpn_job_last_run_timestamp_seconds",
            "gauge",
            "Unix time of the job's last run on this instance.",
            &series(&|s| s.last_run),
        );
        labelled(
            out,
            "moonvpn_job_last_success_timestamp_seconds",
            "gauge",
            "Unix time of the job's last successful run on this instance.",
            &series(&|s| s.last_success),
        );
        labelled(
            out,
            "moonvpn_job_last_duration_seconds",
            "gauge",
            "How long the job's last run took.",
            &series(&|s| s.last_run.map(|_| s.last_duration.as_secs_f64())),
        );
    }
}

fn metric(out: &mut String, name: &str, kind: &str, help: &str, values: &[(&str, f64)]) {
    let values: Vec<(String, f64)> = values.iter().map(|(l, v)| ((*l).to_owned(), *v)).collect();
    labelled(out, name, kind, help, &values);
}

fn labelled(out: &mut String, name: &str, kind: &str, help: &str, values: &[(String, f64)]) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
    for (labels, value) in values {
        if labels.is_empty() {
            let _ = writeln!(out, "{name} {value}");
        } else {
            let _ = writeln!(out, "{name}{{{labels}}} {value}");
        }
    }
}

fn unix_seconds() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// Wraps the outbox's notifier so every delivery attempt is counted by outcome.
pub struct CountingNotifier {
    inner: Arc<dyn Notifier>,
    metrics: Arc<Metrics>,
}

impl CountingNotifier {
    /// Counts what `inner` delivers into `metrics`.
    pub fn new(inner: Arc<dyn Notifier>, metrics: Arc<Metrics>) -> Self {
        Self { inner, metrics }
    }
}

#[async_trait]
impl Notifier for CountingNotifier {
    async fn deliver(&self, entry: &OutboxEntry) -> DeliveryOutcome {
        let outcome = self.inner.deliver(entry).await;
        self.metrics.record_delivery(&outcome);
        outcome
    }
}

/// Wraps the bot so every handled update is counted and timed.
pub struct CountingHandler {
    inner: Arc<dyn UpdateHandler>,
    metrics: Arc<Metrics>,
}

impl CountingHandler {
    /// Counts what `inner` handles into `metrics`.
    pub fn new(inner: Arc<dyn UpdateHandler>, metrics: Arc<Metrics>) -> Self {
        Self { inner, metrics }
    }
}

#[async_trait]
impl UpdateHandler for CountingHandler {
    async fn handle(&self, update: Update) {
        let started = Instant::now();
        self.inner.handle(update).await;
        self.metrics.record_update(started.elapsed());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exposition_counts_updates_into_histogram_buckets() {
        let metrics = Metrics::default();
        metrics.record_update(Duration::from_millis(3));
        metrics.record_update(Duration::from_millis(300));
        let text = metrics.render(Gauges {
            database_up: true,
            outbox_pending: Some(4),
            active_chats: 2,
        });
        assert!(text.contains("moonvpn_updates_handled_total 2\n"), "{text}");
        assert!(
            text.contains("moonvpn_update_duration_seconds_bucket{le=\"0.005\"} 1\n"),
            "{text}"
        );
        assert!(
            text.contains("moonvpn_update_duration_seconds_bucket{le=\"0.5\"} 2\n"),
            "{text}"
        );
        assert!(
            text.contains("moonvpn_update_duration_seconds_bucket{le=\"+Inf\"} 2\n"),
            "{text}"
        );
        assert!(text.contains("moonvpn_outbox_pending 4\n"), "{text}");
        assert!(text.contains("moonvpn_database_up 1\n"), "{text}");
    }

    #[test]
    fn job_ticks_show_up_per_job_with_their_last_run() {
        let metrics = Metrics::default();
        metrics.record_job("outbox", JobTick::Succeeded(Duration::from_millis(5)));
        metrics.record_job("outbox", JobTick::Failed(Duration::from_millis(5)));
        metrics.record_job("panel-sync", JobTick::NotLeader);
        let text = metrics.render(Gauges::default());
        assert!(
            text.contains("moonvpn_job_runs_total{job=\"outbox\",result=\"ok\"} 1\n"),
            "{text}"
        );
        assert!(
            text.contains("moonvpn_job_runs_total{job=\"outbox\",result=\"error\"} 1\n"),
            "{text}"
        );
        assert!(text.contains("moonvpn_job_leader{job=\"panel-sync\"} 0\n"), "{text}");
        assert!(
            text.contains("moonvpn_job_last_run_timestamp_seconds{job=\"outbox\"} "),
            "{text}"
        );
        assert!(
            !text.contains("moonvpn_job_last_run_timestamp_seconds{job=\"panel-sync\"}"),
            "{text}"
        );
        assert!(
            !text.contains("moonvpn_outbox_pending"),
            "no figure when the database could not count"
        );
    }
}
