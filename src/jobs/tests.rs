//! The runner on a paused tokio clock with a mocked lease.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use kernel::{FixedClock, MockJobLease, StorageError};
use time::macros::datetime;

use super::*;

/// What the probe's step did: its run number, and whether it found a problem.
#[derive(Debug, PartialEq, Eq)]
struct ProbeRun {
    n: u32,
    problem: bool,
}

impl JobReport for ProbeRun {
    fn summary(&self) -> String {
        format!("run {}", self.n)
    }

    fn problem(&self) -> Option<String> {
        self.problem.then(|| format!("run {} found a problem", self.n))
    }
}

/// Counts its runs; reports a problem, fails or panics on the runs asked.
struct Probe {
    runs: Arc<AtomicU32>,
    problem_on: Vec<u32>,
    fail_on: Vec<u32>,
    panic_on: Vec<u32>,
    takes: Duration,
}

impl Probe {
    fn new() -> (Self, Arc<AtomicU32>) {
        let runs = Arc::new(AtomicU32::new(0));
        (
            Self {
                runs: runs.clone(),
                problem_on: Vec::new(),
                fail_on: Vec::new(),
                panic_on: Vec::new(),
                takes: Duration::ZERO,
            },
            runs,
        )
    }

    /// The probe as a job: `every("probe", 10 s, step)`.
    fn every(self) -> Every<ProbeRun> {
        let Probe {
            runs,
            problem_on,
            fail_on,
            panic_on,
            takes,
        } = self;
        let plan = Arc::new((problem_on, fail_on, panic_on));
        every("probe", Duration::from_secs(10), move || {
            let (runs, plan) = (runs.clone(), plan.clone());
            async move {
                let n = runs.fetch_add(1, Ordering::SeqCst) + 1;
                tokio::time::sleep(takes).await;
                let (problem_on, fail_on, panic_on) = &*plan;
                assert!(!panic_on.contains(&n), "probe panics on run {n}");
                if fail_on.contains(&n) {
                    anyhow::bail!("run {n} failed");
                }
                Ok(ProbeRun {
                    n,
                    problem: problem_on.contains(&n),
                })
            }
        })
    }

    fn job(self) -> Arc<dyn Job> {
        Arc::new(self.every())
    }
}

fn runner(lease: MockJobLease, metrics: Arc<Metrics>) -> JobRunner {
    JobRunner::new(
        Arc::new(lease),
        Arc::new(FixedClock::new(datetime!(2026-11-21 12:00 UTC))),
        "host:1:abc".to_owned(),
        metrics,
    )
}

/// A lease this instance always gets.
fn granted() -> MockJobLease {
    let mut lease = MockJobLease::new();
    lease.expect_try_acquire().returning(|_, _, _, _| Ok(true));
    lease.expect_release().returning(|_, _| Ok(()));
    lease
}

/// Lets the paused clock run `secs` seconds of ticks.
async fn run_for(secs: u64) {
    for _ in 0..secs {
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

#[tokio::test(start_paused = true)]
async fn a_job_runs_once_per_interval_while_it_holds_its_lease() {
    let (job, runs) = Probe::new();
    let running = runner(granted(), Metrics::new()).start(vec![job.job()]);

    run_for(35).await;

    assert_eq!(runs.load(Ordering::SeqCst), 4, "at 0, 10, 20 and 30 s");
    assert!(running.stop(Duration::from_secs(1)).await);
}

#[tokio::test(start_paused = true)]
async fn a_job_does_not_run_while_another_instance_holds_the_lease() {
    let mut lease = MockJobLease::new();
    lease.expect_try_acquire().returning(|_, _, _, _| Ok(false));
    lease.expect_release().never();
    let metrics = Metrics::new();
    let (job, runs) = Probe::new();
    let running = runner(lease, metrics.clone()).start(vec![job.job()]);

    run_for(25).await;
    running.stop(Duration::from_secs(1)).await;

    assert_eq!(runs.load(Ordering::SeqCst), 0);
    let stats = metrics.job("probe").unwrap();
    assert_eq!(stats.skipped, 3);
    assert!(!stats.leader);
}

#[tokio::test(start_paused = true)]
async fn the_lease_is_taken_for_at_least_three_intervals_as_this_instance() {
    let mut lease = MockJobLease::new();
    lease
        .expect_try_acquire()
        .withf(|job, holder, _, ttl| job == "probe" && holder == "host:1:abc" && *ttl >= time::Duration::seconds(30))
        .times(2)
        .returning(|_, _, _, _| Ok(true));
    lease.expect_release().returning(|_, _| Ok(()));
    let (job, _) = Probe::new();
    let running = runner(lease, Metrics::new()).start(vec![job.job()]);

    run_for(15).await;
    running.stop(Duration::from_secs(1)).await;
}

#[tokio::test]
async fn a_step_reports_what_it_did_and_a_reported_problem_fails_the_run() {
    let (mut probe, _) = Probe::new();
    probe.problem_on = vec![2];
    probe.fail_on = vec![3];
    let job = probe.every();
    assert_eq!((job.name(), job.interval()), ("probe", Duration::from_secs(10)));
    assert_eq!(job.step().await.unwrap(), ProbeRun { n: 1, problem: false });
    let problem = job.run().await.unwrap_err().to_string();
    assert_eq!(problem, "run 2 found a problem");
    assert_eq!(job.run().await.unwrap_err().to_string(), "run 3 failed");
    assert_eq!(job.run().await.unwrap(), "run 4", "the summary is what the log shows");
}

#[tokio::test(start_paused = true)]
async fn a_failing_job_is_logged_and_runs_again_next_tick() {
    let metrics = Metrics::new();
    let (mut job, runs) = Probe::new();
    job.problem_on = vec![1];
    job.fail_on = vec![2];
    let running = runner(granted(), metrics.clone()).start(vec![job.job()]);

    run_for(25).await;
    running.stop(Duration::from_secs(1)).await;

    assert_eq!(runs.load(Ordering::SeqCst), 3);
    let stats = metrics.job("probe").unwrap();
    assert_eq!((stats.failed, stats.succeeded), (2, 1));
    assert!(stats.last_success.is_some());
}

#[tokio::test(start_paused = true)]
async fn a_panicking_job_does_not_stop_the_runner() {
    let metrics = Metrics::new();
    let (mut job, runs) = Probe::new();
    job.panic_on = vec![1];
    let running = runner(granted(), metrics.clone()).start(vec![job.job()]);

    run_for(15).await;
    running.stop(Duration::from_secs(1)).await;

    assert_eq!(runs.load(Ordering::SeqCst), 2);
    let stats = metrics.job("probe").unwrap();
    assert_eq!((stats.failed, stats.succeeded), (1, 1));
}

#[tokio::test(start_paused = true)]
async fn a_lease_storage_error_skips_the_tick_without_running_the_job() {
    let calls = Arc::new(AtomicU32::new(0));
    let seen = calls.clone();
    let mut lease = MockJobLease::new();
    lease.expect_try_acquire().returning(move |_, _, _, _| {
        if seen.fetch_add(1, Ordering::SeqCst) == 0 {
            Err(StorageError::Unavailable("database restarting".into()))
        } else {
            Ok(true)
        }
    });
    lease.expect_release().returning(|_, _| Ok(()));
    let (job, runs) = Probe::new();
    let running = runner(lease, Metrics::new()).start(vec![job.job()]);

    run_for(15).await;
    running.stop(Duration::from_secs(1)).await;

    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert_eq!(runs.load(Ordering::SeqCst), 1, "only the second tick ran it");
}

#[tokio::test(start_paused = true)]
async fn stopping_gives_the_lease_up_so_another_instance_takes_over_at_once() {
    let mut lease = MockJobLease::new();
    lease.expect_try_acquire().returning(|_, _, _, _| Ok(true));
    lease
        .expect_release()
        .withf(|job, holder| job == "probe" && holder == "host:1:abc")
        .times(1)
        .returning(|_, _| Ok(()));
    let (job, _) = Probe::new();
    let running = runner(lease, Metrics::new()).start(vec![job.job()]);

    run_for(5).await;
    assert!(running.stop(Duration::from_secs(1)).await);
}

#[tokio::test(start_paused = true)]
async fn a_long_run_is_not_cut_and_keeps_its_lease_renewed() {
    let metrics = Metrics::new();
    let renewals = Arc::new(AtomicU32::new(0));
    let seen = renewals.clone();
    let mut lease = MockJobLease::new();
    lease.expect_try_acquire().returning(move |_, _, _, _| {
        seen.fetch_add(1, Ordering::SeqCst);
        Ok(true)
    });
    lease.expect_release().returning(|_, _| Ok(()));
    let (mut job, runs) = Probe::new();
    job.takes = Duration::from_secs(45);
    let running = runner(lease, metrics.clone()).start(vec![job.job()]);

    run_for(50).await;

    let stats = metrics.job("probe").unwrap();
    assert_eq!((stats.failed, stats.succeeded), (0, 1), "the 45 s run finished");
    assert!(
        renewals.load(Ordering::SeqCst) >= 5,
        "the lease was renewed while it ran"
    );
    assert_eq!(runs.load(Ordering::SeqCst), 2, "and the next tick started again");
    running.stop(Duration::from_secs(1)).await;
}

#[tokio::test(start_paused = true)]
async fn a_run_whose_lease_another_instance_took_is_stopped_and_counted_as_failed() {
    let metrics = Metrics::new();
    let calls = Arc::new(AtomicU32::new(0));
    let seen = calls.clone();
    let mut lease = MockJobLease::new();
    lease
        .expect_try_acquire()
        .returning(move |_, _, _, _| Ok(seen.fetch_add(1, Ordering::SeqCst) < 2));
    lease.expect_release().returning(|_, _| Ok(()));
    let (mut job, runs) = Probe::new();
    job.takes = Duration::from_secs(3600);
    let running = runner(lease, metrics.clone()).start(vec![job.job()]);

    run_for(35).await;

    let stats = metrics.job("probe").unwrap();
    assert_eq!(stats.failed, 1);
    assert_eq!(
        runs.load(Ordering::SeqCst),
        1,
        "no other run while another instance holds it"
    );
    running.stop(Duration::from_secs(1)).await;
}

#[test]
fn leases_last_three_intervals_but_never_less_than_thirty_seconds() {
    assert_eq!(lease_ttl(Duration::from_secs(2)), Duration::from_secs(30));
    assert_eq!(lease_ttl(Duration::from_secs(300)), Duration::from_secs(900));
}

#[test]
fn holder_ids_differ_between_runners_of_one_process() {
    let (a, b) = (holder_id(), holder_id());
    assert_ne!(a, b);
    assert!(a.contains(&format!(":{}:", std::process::id())), "{a}");
}
