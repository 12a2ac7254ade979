//! The outbox: notices wait here until a [`Notifier`] has delivered them.

use async_trait::async_trait;
use kernel::{Clock, NoticeId, OrderId, StorageError, UserId};
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

use crate::NewNotice;

/// Where a notice is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxStatus {
    /// Waiting to be delivered (again).
    Pending,
    /// Delivered.
    Sent,
    /// Given up on (recipient gone, or too many attempts).
    Failed,
}

/// A stored notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    /// Its id.
    pub id: NoticeId,
    /// The notice and its recipient.
    pub notice: NewNotice,
    /// Current status.
    pub status: OutboxStatus,
    /// Delivery attempts so far.
    pub attempts: u32,
    /// When it was written.
    pub created_at: OffsetDateTime,
}

/// What happened when a notice was handed to the transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryOutcome {
    /// It reached the recipient.
    Delivered,
    /// The recipient can't be reached any more (blocked the bot); don't retry.
    RecipientGone,
    /// Temporary trouble (rate limit, network); retry after the given time.
    RetryAfter(Duration),
}

/// Errors of the notify use cases.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    /// Storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Storage of the outbox. Writers add notices through the repository of the change that
/// caused them (same transaction); this port only reads and settles them.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait OutboxRepo: Send + Sync {
    /// How many notices wait to be delivered (the backlog `/metrics` reports).
    async fn pending_count(&self) -> Result<u64, StorageError>;

    /// Up to `limit` pending notices whose next attempt is due at `now`, oldest first.
    async fn due(&self, now: OffsetDateTime, limit: u64) -> Result<Vec<OutboxEntry>, StorageError>;
    /// Takes up to `limit` due notices (oldest first) for one delivery attempt each: counts the
    /// attempt and hides them from other runs until `hold_until`, each with one conditional
    /// UPDATE, so two runs never take the same notice. The entries carry their attempt count
    /// including this one. A notice whose attempt never reports back is due again after
    /// `hold_until`, with the attempt counted.
    async fn claim_due(
        &self,
        now: OffsetDateTime,
        hold_until: OffsetDateTime,
        limit: u64,
    ) -> Result<Vec<OutboxEntry>, StorageError>;
    /// Marks a notice delivered.
    async fn mark_sent(&self, id: NoticeId, at: OffsetDateTime) -> Result<(), StorageError>;
    /// Marks the pending notices telling `user` the outcome of `order` (see
    /// [`crate::Notice::order_outcome`]) as sent at `at`: the screen where they paid showed
    /// it. Returns how many were settled.
    async fn settle_shown_inline(&self, user: UserId, order: OrderId, at: OffsetDateTime) -> Result<u64, StorageError>;
    /// Records why an attempt failed; `retry_at: None` gives up for good. (The attempt was
    /// counted when it was claimed.)
    async fn mark_failed(
        &self,
        id: NoticeId,
        error: String,
        retry_at: Option<OffsetDateTime>,
    ) -> Result<(), StorageError>;
}

/// Delivers one notice to its recipient (the Telegram adapter renders and sends it).
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait Notifier: Send + Sync {
    /// Tries to deliver the notice once.
    async fn deliver(&self, entry: &OutboxEntry) -> DeliveryOutcome;
}

/// What one [`OutboxDispatcher::run_once`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxRun {
    /// Notices delivered.
    pub delivered: usize,
    /// Notices that took longer than the run's bound; each finishes in the background and
    /// records its own outcome.
    pub late: usize,
}

/// Drains the outbox: delivers what is due, retries what failed for a passing reason, and
/// gives up after [`OutboxDispatcher::MAX_ATTEMPTS`]. Each notice is claimed before its call
/// (attempt counted) and marked sent right after it, so a run cut short never sends a
/// delivered notice again and a notice that never finishes runs out of attempts.
#[derive(Clone)]
pub struct OutboxDispatcher {
    repo: Arc<dyn OutboxRepo>,
    notifier: Arc<dyn Notifier>,
    clock: Arc<dyn Clock>,
}

impl OutboxDispatcher {
    /// Attempts before a notice is marked failed.
    pub const MAX_ATTEMPTS: u32 = 5;

    /// How long a claimed notice stays hidden from other runs: longer than one delivery may
    /// take (a slow Telegram call plus a 429 wait), so nobody sends it twice meanwhile.
    pub const HOLD: Duration = Duration::minutes(5);

    /// Wires the dispatcher.
    pub fn new(repo: Arc<dyn OutboxRepo>, notifier: Arc<dyn Notifier>, clock: Arc<dyn Clock>) -> Self {
        Self { repo, notifier, clock }
    }

    /// Delivers up to `limit` due notices one after the other, waiting at most `per_notice`
    /// for each. A notice that takes longer is not cut off (its message may already be on its
    /// way): its call goes on in the background and records its own outcome when it ends, while
    /// the run moves on to the next notice. It stays claimed meanwhile (hidden from other runs
    /// for [`OutboxDispatcher::HOLD`], its attempt counted), so a slow notice is neither sent
    /// twice nor allowed to hold up the rest.
    pub async fn run_once(&self, limit: u64, per_notice: std::time::Duration) -> Result<OutboxRun, NotifyError> {
        let mut run = OutboxRun::default();
        for entry in self.claim(limit).await? {
            let id = entry.id;
            let this = self.clone();
            let mut call = tokio::spawn(async move { this.deliver(&entry).await });
            match tokio::time::timeout(per_notice, &mut call).await {
                Ok(Ok(delivered)) => run.delivered += usize::from(delivered?),
                Ok(Err(join)) => {
                    tracing::error!(notice = %id, error = %join, "delivering a notice panicked; it is tried again later");
                    run.late += 1;
                }
                Err(_) => {
                    tracing::warn!(notice = %id, "a notice is taking long to deliver; it finishes in the background");
                    run.late += 1;
                }
            }
        }
        Ok(run)
    }

    /// Claims up to `limit` due notices for one attempt each (see [`OutboxRepo::claim_due`]).
    pub async fn claim(&self, limit: u64) -> Result<Vec<OutboxEntry>, NotifyError> {
        let now = self.clock.now();
        Ok(self.repo.claim_due(now, now + Self::HOLD, limit).await?)
    }

    /// Hands one claimed notice to the transport and records the outcome right away: sent,
    /// given up (recipient gone, or attempts used up), or due again later. Returns whether it
    /// was delivered.
    pub async fn deliver(&self, entry: &OutboxEntry) -> Result<bool, NotifyError> {
        let outcome = self.notifier.deliver(entry).await;
        let now = self.clock.now();
        match outcome {
            DeliveryOutcome::Delivered => {
                self.repo.mark_sent(entry.id, now).await?;
                Ok(true)
            }
            DeliveryOutcome::RecipientGone => {
                self.repo
                    .mark_failed(entry.id, "recipient unreachable".into(), None)
                    .await?;
                Ok(false)
            }
            DeliveryOutcome::RetryAfter(wait) => {
                let retry = (entry.attempts < Self::MAX_ATTEMPTS).then(|| now + wait);
                self.repo
                    .mark_failed(entry.id, "temporary delivery failure".into(), retry)
                    .await?;
                Ok(false)
            }
        }
    }
}

#[cfg(test)]
#[path = "outbox_tests.rs"]
mod tests;
