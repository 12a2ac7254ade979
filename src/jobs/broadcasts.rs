//! Sends running broadcast campaigns through [`notify::broadcast::BroadcastWorker`]. Under the
//! job lease like every job, so two instances never send the same campaign at once (and each
//! recipient is claimed with a conditional UPDATE besides). A run lasts about
//! [`BroadcastJob::BUDGET`], shorter than the shutdown grace, so a restart stops between two
//! messages and the next run resumes exactly there.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use notify::broadcast::BroadcastWorker;

use super::Job;
use crate::metrics::Metrics;

/// Sends broadcasts, a slice at a time.
pub struct BroadcastJob {
    worker: BroadcastWorker,
    metrics: Arc<Metrics>,
}

impl BroadcastJob {
    /// How long one run sends before it returns (within the 2 s shutdown grace).
    pub const BUDGET: Duration = Duration::from_millis(1500);

    /// The job over `worker`, counting what it sends in `metrics`.
    pub fn new(worker: BroadcastWorker, metrics: Arc<Metrics>) -> Self {
        Self { worker, metrics }
    }
}

#[async_trait]
impl Job for BroadcastJob {
    fn name(&self) -> &'static str {
        "broadcasts"
    }

    fn interval(&self) -> Duration {
        Duration::from_secs(1)
    }

    async fn run(&self) -> anyhow::Result<String> {
        let run = self.worker.run_once(Self::BUDGET).await?;
        self.metrics.record_broadcast(&run);
        Ok(if run.finished.is_empty() {
            String::new()
        } else {
            let ids: Vec<String> = run.finished.iter().map(ToString::to_string).collect();
            format!("broadcast(s) finished: {}", ids.join(", "))
        })
    }
}
