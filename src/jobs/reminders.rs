//! Queues service reminders (expiry 3 days / 1 day / expired, traffic 80% / 100%) through
//! [`notify::ReminderService`]; the outbox job delivers them. Under the job lease like every
//! job, and the store records each reminder once per service, threshold and term, so even two
//! instances running it at once send each reminder once.

use std::sync::Arc;
use std::time::Duration;

use notify::ReminderService;

use super::{Every, JobReport, every};

/// How many reminders one run queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RemindersQueued(pub usize);

impl JobReport for RemindersQueued {
    fn summary(&self) -> String {
        match self.0 {
            0 => String::new(),
            n => format!("{n} reminder(s) queued"),
        }
    }
}

/// `reminders`, every 5 minutes: looks at every service and queues the reminders that are due.
pub fn reminders(reminders: ReminderService) -> Every<RemindersQueued> {
    let reminders = Arc::new(reminders);
    every("reminders", Duration::from_secs(300), move || {
        let reminders = reminders.clone();
        async move { Ok(RemindersQueued(reminders.run_once().await?)) }
    })
}
