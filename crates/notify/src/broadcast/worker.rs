//! The sending side: the broadcast job hands each running campaign's recipients to the
//! transport one by one. Each recipient is claimed right before its call (one conditional
//! UPDATE, only while the campaign is running, so a pause or cancel is honoured between two
//! messages) and settled right after it, so a restart resumes exactly where it stopped: nobody
//! gets the message twice and nobody is skipped. Only a process killed in the middle of one
//! call leaves that one recipient unsettled; after [`BroadcastWorker::HOLD`] it is counted as
//! failed, never sent again.

use std::sync::Arc;

use kernel::{CampaignId, Clock, StorageError};
use tokio::time::Instant;

use super::{BroadcastSender, Campaign, CampaignAction, CampaignRepo, CampaignStatus, RecipientState, SendOutcome};

/// What one [`BroadcastWorker::run_once`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BroadcastRun {
    /// Campaigns running when it began.
    pub running: usize,
    /// Messages delivered.
    pub sent: u64,
    /// Messages refused for good.
    pub failed: u64,
    /// Recipients found to have blocked the bot.
    pub blocked: u64,
    /// Recipients found to have deleted their account.
    pub left: u64,
    /// Campaigns that finished.
    pub finished: Vec<CampaignId>,
}

/// Sends running campaigns through a [`BroadcastSender`].
#[derive(Clone)]
pub struct BroadcastWorker {
    repo: Arc<dyn CampaignRepo>,
    sender: Arc<dyn BroadcastSender>,
    clock: Arc<dyn Clock>,
    progress_every: std::time::Duration,
}

impl std::fmt::Debug for BroadcastWorker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BroadcastWorker").finish_non_exhaustive()
    }
}

/// Recipients read per query.
const BATCH: u64 = 100;

/// Longest wait for a 429 a run makes itself (a longer one ends the run; the next run goes
/// on once the flood limiter lets it).
const MAX_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

enum Stop {
    /// Out of time; the next run goes on.
    Budget,
    /// Every recipient was tried, or the campaign is no longer running.
    Done,
}

impl BroadcastWorker {
    /// How long a claimed recipient may stay unsettled before it is counted as failed: far
    /// longer than one call may take (a slow Telegram answer plus its 429 retries).
    pub const HOLD: time::Duration = time::Duration::minutes(5);

    /// The default time between two progress reports.
    pub const PROGRESS_EVERY: std::time::Duration = std::time::Duration::from_secs(3);

    /// A worker over `repo` sending through `sender`.
    pub fn new(repo: Arc<dyn CampaignRepo>, sender: Arc<dyn BroadcastSender>, clock: Arc<dyn Clock>) -> Self {
        Self {
            repo,
            sender,
            clock,
            progress_every: Self::PROGRESS_EVERY,
        }
    }

    /// Reports progress at most this often (tests make it short).
    #[must_use]
    pub fn with_progress_every(mut self, every: std::time::Duration) -> Self {
        self.progress_every = every;
        self
    }

    /// Sends running campaigns, oldest first, for about `budget` (a call under way is never
    /// cut: the run ends after it). Finishes a campaign once every recipient was tried.
    pub async fn run_once(&self, budget: std::time::Duration) -> Result<BroadcastRun, StorageError> {
        let deadline = Instant::now() + budget;
        let campaigns = self.repo.running().await?;
        let mut run = BroadcastRun {
            running: campaigns.len(),
            ..BroadcastRun::default()
        };
        for campaign in campaigns {
            let interrupted = self
                .repo
                .fail_interrupted(campaign.id, self.clock.now() - Self::HOLD)
                .await?;
            if interrupted > 0 {
                tracing::warn!(campaign = %campaign.id, interrupted, "recipients whose try was cut off by a crash are counted as failed");
            }
            if let Stop::Budget = self.send(&campaign, deadline, &mut run).await? {
                break;
            }
        }
        Ok(run)
    }

    async fn send(&self, campaign: &Campaign, deadline: Instant, run: &mut BroadcastRun) -> Result<Stop, StorageError> {
        let id = campaign.id;
        let mut reported = Instant::now();
        loop {
            if Instant::now() >= deadline {
                self.report(id).await?;
                return Ok(Stop::Budget);
            }
            let batch = self.repo.pending(id, BATCH).await?;
            if batch.is_empty() {
                self.finish(id, run).await?;
                return Ok(Stop::Done);
            }
            for recipient in batch {
                if Instant::now() >= deadline {
                    self.report(id).await?;
                    return Ok(Stop::Budget);
                }
                if !self.repo.claim(recipient.id, self.clock.now()).await? {
                    if self.still_running(id).await? {
                        continue;
                    }
                    self.report(id).await?;
                    return Ok(Stop::Done);
                }
                let outcome = self.sender.send(&recipient, &campaign.content).await;
                let now = self.clock.now();
                let (state, error) = match outcome {
                    SendOutcome::Sent => (RecipientState::Sent, None),
                    SendOutcome::Blocked => (RecipientState::Blocked, None),
                    SendOutcome::Left => (RecipientState::Left, None),
                    SendOutcome::Failed(why) => (RecipientState::Failed, Some(why)),
                    SendOutcome::RetryAfter(wait) => {
                        // Given back, so it is tried again (next batch or next run), never lost.
                        self.repo.release(recipient.id).await?;
                        let wait = std::time::Duration::try_from(wait).unwrap_or(MAX_WAIT).min(MAX_WAIT);
                        tracing::info!(campaign = %id, wait_ms = wait.as_millis(), "broadcast waits as Telegram asked");
                        if Instant::now() + wait >= deadline {
                            self.report(id).await?;
                            return Ok(Stop::Budget);
                        }
                        tokio::time::sleep(wait).await;
                        break;
                    }
                };
                self.repo.settle(recipient.id, state, error, now).await?;
                match state {
                    RecipientState::Sent => run.sent += 1,
                    RecipientState::Failed => run.failed += 1,
                    RecipientState::Blocked => run.blocked += 1,
                    RecipientState::Left => run.left += 1,
                }
                if reported.elapsed() >= self.progress_every {
                    self.report(id).await?;
                    reported = Instant::now();
                }
            }
        }
    }

    async fn still_running(&self, id: CampaignId) -> Result<bool, StorageError> {
        Ok(self
            .repo
            .get(id)
            .await?
            .is_some_and(|c| c.status == CampaignStatus::Running))
    }

    /// Marks the campaign finished once nobody is pending or in flight.
    async fn finish(&self, id: CampaignId, run: &mut BroadcastRun) -> Result<(), StorageError> {
        if self.repo.in_flight(id).await? > 0 {
            return Ok(());
        }
        let Some(campaign) = self.repo.get(id).await? else {
            return Ok(());
        };
        if let Ok(change) = campaign.decide(CampaignAction::Finish, self.clock.now())
            && self.repo.apply(&change, None).await?
        {
            tracing::info!(campaign = %id, sent = campaign.counts.sent, failed = campaign.counts.failed,
                blocked = campaign.counts.blocked, left = campaign.counts.left, "broadcast finished");
            run.finished.push(id);
        }
        self.report(id).await
    }

    async fn report(&self, id: CampaignId) -> Result<(), StorageError> {
        if let Some(campaign) = self.repo.get(id).await?
            && campaign.progress_message.is_some()
        {
            self.sender.progress(&campaign).await;
        }
        Ok(())
    }
}
