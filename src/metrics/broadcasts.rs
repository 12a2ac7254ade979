//! Broadcast progress on `/metrics`: messages by outcome and the campaigns running, as the
//! broadcast job on this instance saw them.

use std::sync::atomic::{AtomicU64, Ordering};

use notify::broadcast::BroadcastRun;

use super::labelled;

/// Counters of the broadcast job.
#[derive(Debug, Default)]
pub struct BroadcastCounters {
    sent: AtomicU64,
    failed: AtomicU64,
    blocked: AtomicU64,
    left: AtomicU64,
    running: AtomicU64,
}

impl BroadcastCounters {
    /// Adds one run's outcomes; the running gauge takes the run's count.
    pub fn record(&self, run: &BroadcastRun) {
        self.sent.fetch_add(run.sent, Ordering::Relaxed);
        self.failed.fetch_add(run.failed, Ordering::Relaxed);
        self.blocked.fetch_add(run.blocked, Ordering::Relaxed);
        self.left.fetch_add(run.left, Ordering::Relaxed);
        let running = (run.running as u64).saturating_sub(run.finished.len() as u64);
        self.running.store(running, Ordering::Relaxed);
    }

    /// The Prometheus lines.
    pub fn render(&self, out: &mut String) {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed) as f64;
        labelled(
            out,
            "moonvpn_broadcast_messages_total",
            "counter",
            "Broadcast messages tried by this instance, by outcome (blocked: the user blocked the bot; left: account deleted).",
            &[
                ("result=\"sent\"".to_owned(), get(&self.sent)),
                ("result=\"failed\"".to_owned(), get(&self.failed)),
                ("result=\"blocked\"".to_owned(), get(&self.blocked)),
                ("result=\"left\"".to_owned(), get(&self.left)),
            ],
        );
        labelled(
            out,
            "moonvpn_broadcasts_running",
            "gauge",
            "Broadcast campaigns running at the broadcast job's last run on this instance.",
            &[(String::new(), get(&self.running))],
        );
    }
}
