//! Sends running broadcast campaigns through [`notify::broadcast::BroadcastWorker`]. Under the
//! job lease like every job, so two instances never send the same campaign at once (and each
//! recipient is claimed with a conditional UPDATE besides). A run lasts about
//! [`BROADCAST_BUDGET`], shorter than the shutdown grace, so a restart stops between two
//! messages and the next run resumes exactly there.

use std::sync::Arc;
use std::time::Duration;

use notify::broadcast::{BroadcastRun, BroadcastWorker};

use super::{Every, JobReport, every};
use crate::metrics::Metrics;

/// How long one broadcast run sends before it returns (within the 2 s shutdown grace).
pub const BROADCAST_BUDGET: Duration = Duration::from_millis(1500);

/// `broadcasts`, every second: sends broadcasts a slice at a time, counting what it sends in
/// `metrics`.
pub fn broadcasts(worker: BroadcastWorker, metrics: Arc<Metrics>) -> Every<BroadcastRun> {
    let worker = Arc::new(worker);
    every("broadcasts", Duration::from_secs(1), move || {
        let (worker, metrics) = (worker.clone(), metrics.clone());
        async move {
            let run = worker.run_once(BROADCAST_BUDGET).await?;
            metrics.record_broadcast(&run);
            Ok(run)
        }
    })
}

impl JobReport for BroadcastRun {
    fn summary(&self) -> String {
        if self.finished.is_empty() {
            String::new()
        } else {
            let ids: Vec<String> = self.finished.iter().map(ToString::to_string).collect();
            format!("broadcast(s) finished: {}", ids.join(", "))
        }
    }
}
