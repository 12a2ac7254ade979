//! Queues service reminders (expiry 3 days / 1 day / expired, traffic 80% / 100%) through
//! [`notify::ReminderService`]; the outbox job delivers them. Under the job lease like every
//! job, and the store records each reminder once per service, threshold and term, so even two
//! instances running it at once send each reminder once.

use std::time::Duration;

use async_trait::async_trait;
use notify::ReminderService;

use super::Job;

/// Looks at every service and queues the reminders that are due.
pub struct ReminderJob {
    reminders: ReminderService,
}

impl ReminderJob {
    /// The job over `reminders`.
    pub fn new(reminders: ReminderService) -> Self {
        Self { reminders }
    }
}

#[async_trait]
impl Job for ReminderJob {
    fn name(&self) -> &'static str {
        "reminders"
    }

    fn interval(&self) -> Duration {
        Duration::from_secs(300)
    }

    async fn run(&self) -> anyhow::Result<String> {
        let queued = self.reminders.run_once().await?;
        Ok(if queued == 0 {
            String::new()
        } else {
            format!("{queued} reminder(s) queued")
        })
    }
}
