//! The one shape of every built-in job: [`every`]`(name, interval, step)`, where `step` does one
//! round of work, bounded per item by the use case it calls, and returns a typed report of what
//! it did ([`JobReport`]). The report's summary goes to the log; a problem in it makes the run
//! count as failed on `/metrics` (the job runs again at the next tick).

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use async_trait::async_trait;

use super::Job;

/// What one step of a job did.
pub trait JobReport: Send + 'static {
    /// One line for the log; empty when the step had nothing to do.
    fn summary(&self) -> String;

    /// What an operator should look at; when present the run is logged as an error and
    /// counted as failed.
    fn problem(&self) -> Option<String> {
        None
    }
}

type Step<R> = Box<dyn Fn() -> Pin<Box<dyn Future<Output = anyhow::Result<R>> + Send>> + Send + Sync>;

/// A job built by [`every`]: its name (the lease's name and the `job` label on `/metrics`),
/// its interval and its step.
pub struct Every<R> {
    name: &'static str,
    interval: Duration,
    step: Step<R>,
}

/// The job `name` that runs `step` every `interval`, under the job's lease
/// ([`super::JobRunner`]).
pub fn every<R, F, Fut>(name: &'static str, interval: Duration, step: F) -> Every<R>
where
    R: JobReport,
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = anyhow::Result<R>> + Send + 'static,
{
    Every {
        name,
        interval,
        step: Box::new(move || Box::pin(step())),
    }
}

impl<R: JobReport> Every<R> {
    /// Runs one step now and returns its report (what a tick does, without the lease).
    pub async fn step(&self) -> anyhow::Result<R> {
        (self.step)().await
    }
}

impl<R> std::fmt::Debug for Every<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Every")
            .field("name", &self.name)
            .field("interval", &self.interval)
            .finish_non_exhaustive()
    }
}

#[async_trait]
impl<R: JobReport> Job for Every<R> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn interval(&self) -> Duration {
        self.interval
    }

    async fn run(&self) -> anyhow::Result<String> {
        let report = self.step().await?;
        match report.problem() {
            Some(problem) => Err(anyhow::anyhow!(problem)),
            None => Ok(report.summary()),
        }
    }
}
