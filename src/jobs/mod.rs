//! Background jobs: each runs on a fixed interval, and only while this instance holds the
//! job's lease in the database ([`kernel::JobLease`]), so several instances sharing one
//! PostgreSQL run every job exactly once between them. Every built-in job has one shape,
//! [`every`]`(name, interval, step)`, whose step returns a typed report ([`JobReport`]).
//!
//! Each tick takes (or renews) the lease for at least three intervals, then runs the job in
//! its own task. A run is not cut by time: each job bounds its own items (one order, one
//! notice), and the runner renews the lease every interval while the run lasts, stopping the
//! run only if another instance took the lease over. A job error or panic is logged and
//! counted, and the job runs again at the next tick: a job never stops the process. On
//! shutdown the runner stops ticking, lets a running job finish (bounded), and gives its
//! leases up so another instance takes over at once.

mod backup;
mod broadcasts;
mod builtin;
mod every;
mod panels;
pub mod payments;
mod receipts;
mod reconcile;
mod reminders;

use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use kernel::{Clock, JobLease};
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use backup::{BackupReport, BackupSender, backup};
pub use broadcasts::{BROADCAST_BUDGET, broadcasts};
pub use builtin::{
    OUTBOX_BATCH, OUTBOX_PER_NOTICE, SWITCH_BATCH, order_recovery, outbox, standard_jobs, switch_cleanup,
};
pub use every::{Every, JobReport, every};
pub use orders::RecoveryBounds;
pub use panels::{HealthReport, PanelSyncReport, health_check, panel_sync};
pub use payments::payment_reconcile;
pub use receipts::{OrdersContinued, ReceiptsExpired, receipt_expiry, receipt_orders};
pub use reconcile::{DriftReport, reconcile};
pub use reminders::{RemindersQueued, reminders};

use crate::metrics::{JobTick, Metrics};

/// Shortest lease: even a job ticking every 2 s keeps its lease for this long, so a slow
/// database round trip never hands it to another instance mid-run.
pub const MIN_LEASE: Duration = Duration::from_secs(30);

/// A periodic piece of work, as the runner sees it (built-in jobs are [`Every`]).
#[async_trait]
pub trait Job: Send + Sync + 'static {
    /// Stable name: the lease's name and the `job` label on `/metrics`.
    fn name(&self) -> &'static str;
    /// Time between the starts of two runs.
    fn interval(&self) -> Duration;
    /// Does one round of work; the text summarises it for the log.
    async fn run(&self) -> anyhow::Result<String>;
}

/// How long a job's lease lasts: three intervals, at least [`MIN_LEASE`].
pub fn lease_ttl(interval: Duration) -> Duration {
    (interval * 3).max(MIN_LEASE)
}

/// Who holds leases: `hostname:pid:random`, unique per process even across restarts.
pub fn holder_id() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "moonvpn".to_owned());
    let random: u32 = rand::random();
    format!("{host}:{}:{random:08x}", std::process::id())
}

/// Runs jobs under their leases.
#[derive(Clone)]
pub struct JobRunner {
    lease: Arc<dyn JobLease>,
    clock: Arc<dyn Clock>,
    holder: String,
    metrics: Arc<Metrics>,
}

impl std::fmt::Debug for JobRunner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobRunner")
            .field("holder", &self.holder)
            .finish_non_exhaustive()
    }
}

/// The running jobs; [`RunningJobs::stop`] ends them.
#[derive(Debug)]
pub struct RunningJobs {
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl RunningJobs {
    /// Stops ticking, waits up to `grace` for running jobs to finish (then abandons them) and
    /// releases the leases. Returns whether every job finished in time.
    pub async fn stop(self, grace: Duration) -> bool {
        let _ = self.stop.send(true);
        let deadline = tokio::time::Instant::now() + grace;
        let mut clean = true;
        for mut task in self.tasks {
            if tokio::time::timeout_at(deadline, &mut task).await.is_err() {
                task.abort();
                clean = false;
            }
        }
        clean
    }
}

impl JobRunner {
    /// A runner taking leases as `holder`, recording ticks in `metrics`.
    pub fn new(lease: Arc<dyn JobLease>, clock: Arc<dyn Clock>, holder: String, metrics: Arc<Metrics>) -> Self {
        Self {
            lease,
            clock,
            holder,
            metrics,
        }
    }

    /// The lease holder name of this instance.
    pub fn holder(&self) -> &str {
        &self.holder
    }

    /// Starts every job on its own task.
    pub fn start(&self, jobs: Vec<Arc<dyn Job>>) -> RunningJobs {
        let (stop, stopped) = watch::channel(false);
        let tasks = jobs
            .into_iter()
            .map(|job| {
                let runner = self.clone();
                let stopped = stopped.clone();
                tokio::spawn(async move { runner.run_loop(job, stopped).await })
            })
            .collect();
        RunningJobs { stop, tasks }
    }

    async fn run_loop(&self, job: Arc<dyn Job>, mut stopped: watch::Receiver<bool>) {
        let name = job.name();
        let mut ticks = tokio::time::interval(job.interval());
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut held = false;
        tracing::info!(job = name, every_secs = job.interval().as_secs_f64(), "job scheduled");
        loop {
            tokio::select! {
                biased;
                _ = stopped.changed() => break,
                _ = ticks.tick() => {}
            }
            if *stopped.borrow() {
                break;
            }
            held = self.tick(&job, held).await;
        }
        if held && let Err(e) = self.lease.release(name, &self.holder).await {
            tracing::warn!(job = name, error = %e, "could not give the job's lease up; it runs out by itself");
        }
        tracing::debug!(job = name, "job stopped");
    }

    /// One tick: take or renew the lease, run the job if held. Returns whether the lease is
    /// held afterwards.
    async fn tick(&self, job: &Arc<dyn Job>, held_before: bool) -> bool {
        let name = job.name();
        let ttl = time::Duration::try_from(lease_ttl(job.interval())).unwrap_or(time::Duration::MINUTE);
        let held = match self.lease.try_acquire(name, &self.holder, self.clock.now(), ttl).await {
            Ok(held) => held,
            Err(e) => {
                tracing::warn!(job = name, error = %e, "cannot take the job's lease; trying again next tick");
                return held_before;
            }
        };
        if !held {
            if held_before {
                tracing::info!(job = name, "another instance took over this job");
            }
            self.metrics.record_job(name, JobTick::NotLeader);
            return false;
        }
        if !held_before {
            tracing::info!(job = name, holder = %self.holder, "this instance runs the job");
        }
        let started = Instant::now();
        let running = job.clone();
        let mut task = tokio::spawn(async move { running.run().await });
        let mut renew = tokio::time::interval_at(tokio::time::Instant::now() + job.interval(), job.interval());
        let outcome = loop {
            tokio::select! {
                finished = &mut task => break match finished {
                    Ok(Ok(summary)) => Ok(summary),
                    Ok(Err(e)) => Err(format!("{e:#}")),
                    Err(join) => Err(format!("the job crashed: {join}")),
                },
                _ = renew.tick() => {
                    // A long run is not cut (its steps bound each item); it keeps its lease
                    // renewed, and stops only if another instance took the lease over.
                    match self.lease.try_acquire(name, &self.holder, self.clock.now(), ttl).await {
                        Ok(true) => {}
                        Ok(false) => {
                            task.abort();
                            break Err("another instance took the job's lease over; this run was stopped".to_owned());
                        }
                        Err(e) => tracing::warn!(job = name, error = %e, "cannot renew the job's lease during a run"),
                    }
                }
            }
        };
        let took = started.elapsed();
        match outcome {
            Ok(summary) => {
                if summary.is_empty() {
                    tracing::debug!(job = name, took_ms = took.as_millis(), "job ran");
                } else {
                    tracing::info!(job = name, took_ms = took.as_millis(), "{summary}");
                }
                self.metrics.record_job(name, JobTick::Succeeded(took));
            }
            Err(error) => {
                tracing::error!(job = name, %error, "job failed; it runs again at the next tick");
                self.metrics.record_job(name, JobTick::Failed(took));
            }
        }
        true
    }
}

#[cfg(test)]
mod tests;
