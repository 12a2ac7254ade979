//! Each background job's runs on `/metrics`: ticks by result, whether this instance holds
//! the job's lease, and when it last ran and succeeded.

use std::sync::atomic::AtomicU64;
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;

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

/// How one job tick went, for [`super::Metrics::record_job`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobTick {
    /// Ran and succeeded in `Duration`.
    Succeeded(Duration),
    /// Ran and failed after `Duration`.
    Failed(Duration),
    /// Another instance holds the lease.
    NotLeader,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct JobLabels {
    job: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RunLabels {
    job: &'static str,
    result: &'static str,
}

type SecondsGauge = Gauge<f64, AtomicU64>;

/// The job families, registered once.
#[derive(Debug, Default)]
pub(super) struct JobMetrics {
    runs: Family<RunLabels, Counter>,
    leader: Family<JobLabels, Gauge>,
    last_run: Family<JobLabels, SecondsGauge>,
    last_success: Family<JobLabels, SecondsGauge>,
    last_duration: Family<JobLabels, SecondsGauge>,
}

const OK: &str = "ok";
const ERROR: &str = "error";
const NOT_LEADER: &str = "not_leader";

impl JobMetrics {
    pub(super) fn register(registry: &mut Registry) -> Self {
        let m = Self::default();
        registry.register(
            "job_runs",
            "Job ticks by result (not_leader: another instance holds the lease)",
            m.runs.clone(),
        );
        registry.register(
            "job_leader",
            "1 when this instance held the job's lease at its last tick",
            m.leader.clone(),
        );
        registry.register(
            "job_last_run_timestamp_seconds",
            "Unix time of the job's last run on this instance",
            m.last_run.clone(),
        );
        registry.register(
            "job_last_success_timestamp_seconds",
            "Unix time of the job's last successful run on this instance",
            m.last_success.clone(),
        );
        registry.register(
            "job_last_duration_seconds",
            "How long the job's last run took",
            m.last_duration.clone(),
        );
        m
    }

    pub(super) fn record(&self, job: &'static str, tick: JobTick) {
        let labels = JobLabels { job };
        for result in [OK, ERROR, NOT_LEADER] {
            let _ = self.runs.get_or_create(&RunLabels { job, result });
        }
        let now = unix_seconds();
        let ran = |result, took: Duration| {
            self.runs.get_or_create(&RunLabels { job, result }).inc();
            self.leader.get_or_create(&labels).set(1);
            self.last_run.get_or_create(&labels).set(now);
            self.last_duration.get_or_create(&labels).set(took.as_secs_f64());
        };
        match tick {
            JobTick::Succeeded(took) => {
                ran(OK, took);
                self.last_success.get_or_create(&labels).set(now);
            }
            JobTick::Failed(took) => ran(ERROR, took),
            JobTick::NotLeader => {
                self.runs
                    .get_or_create(&RunLabels {
                        job,
                        result: NOT_LEADER,
                    })
                    .inc();
                self.leader.get_or_create(&labels).set(0);
            }
        }
    }

    pub(super) fn stats(&self, job: &'static str) -> Option<JobStats> {
        let labels = JobLabels { job };
        let leader = self.leader.get(&labels)?.get() == 1;
        let runs = |result| self.runs.get(&RunLabels { job, result }).map_or(0, |c| c.get());
        let seconds = |family: &Family<JobLabels, SecondsGauge>| family.get(&labels).map(|g| g.get());
        Some(JobStats {
            succeeded: runs(OK),
            failed: runs(ERROR),
            skipped: runs(NOT_LEADER),
            leader,
            last_run: seconds(&self.last_run),
            last_success: seconds(&self.last_success),
            last_duration: seconds(&self.last_duration).map_or(Duration::ZERO, Duration::from_secs_f64),
        })
    }
}

fn unix_seconds() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}
