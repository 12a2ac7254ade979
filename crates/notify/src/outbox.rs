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
mod tests {
    use super::*;
    use crate::{Notice, Recipient};
    use kernel::{FixedClock, ReceiptId, UserId};
    use mockall::predicate::eq;
    use time::macros::datetime;

    /// Far longer than a mocked delivery takes.
    const PER_NOTICE: std::time::Duration = std::time::Duration::from_secs(60);

    fn entry(id: i64, attempts: u32) -> OutboxEntry {
        OutboxEntry {
            id: NoticeId::new(id),
            notice: NewNotice {
                recipient: Recipient::User(UserId::new(1)),
                notice: Notice::ReceiptExpired {
                    receipt: ReceiptId::new(9),
                },
            },
            status: OutboxStatus::Pending,
            attempts,
            created_at: datetime!(2026-01-01 0:00 UTC),
        }
    }

    fn dispatcher(repo: MockOutboxRepo, notifier: MockNotifier) -> OutboxDispatcher {
        OutboxDispatcher::new(
            Arc::new(repo),
            Arc::new(notifier),
            Arc::new(FixedClock::new(datetime!(2026-01-01 1:00 UTC))),
        )
    }

    #[tokio::test]
    async fn delivered_notices_are_marked_sent() {
        let mut repo = MockOutboxRepo::new();
        repo.expect_claim_due().returning(|_, _, _| Ok(vec![entry(1, 1)]));
        repo.expect_mark_sent()
            .with(eq(NoticeId::new(1)), mockall::predicate::always())
            .times(1)
            .returning(|_, _| Ok(()));
        let mut notifier = MockNotifier::new();
        notifier.expect_deliver().returning(|_| DeliveryOutcome::Delivered);
        assert_eq!(
            dispatcher(repo, notifier)
                .run_once(10, PER_NOTICE)
                .await
                .unwrap()
                .delivered,
            1
        );
    }

    #[tokio::test]
    async fn a_blocked_recipient_is_not_retried() {
        let mut repo = MockOutboxRepo::new();
        repo.expect_claim_due().returning(|_, _, _| Ok(vec![entry(2, 1)]));
        repo.expect_mark_failed()
            .withf(|id, _, retry| *id == NoticeId::new(2) && retry.is_none())
            .times(1)
            .returning(|_, _, _| Ok(()));
        let mut notifier = MockNotifier::new();
        notifier.expect_deliver().returning(|_| DeliveryOutcome::RecipientGone);
        assert_eq!(
            dispatcher(repo, notifier)
                .run_once(10, PER_NOTICE)
                .await
                .unwrap()
                .delivered,
            0
        );
    }

    #[tokio::test]
    async fn temporary_failures_retry_later_until_attempts_run_out() {
        let mut repo = MockOutboxRepo::new();
        repo.expect_claim_due()
            .returning(|_, _, _| Ok(vec![entry(3, 1), entry(4, OutboxDispatcher::MAX_ATTEMPTS)]));
        repo.expect_mark_failed()
            .withf(|id, _, retry| *id == NoticeId::new(3) && *retry == Some(datetime!(2026-01-01 1:00:30 UTC)))
            .times(1)
            .returning(|_, _, _| Ok(()));
        repo.expect_mark_failed()
            .withf(|id, _, retry| *id == NoticeId::new(4) && retry.is_none())
            .times(1)
            .returning(|_, _, _| Ok(()));
        let mut notifier = MockNotifier::new();
        notifier
            .expect_deliver()
            .returning(|_| DeliveryOutcome::RetryAfter(Duration::seconds(30)));
        dispatcher(repo, notifier).run_once(10, PER_NOTICE).await.unwrap();
    }

    #[tokio::test]
    async fn notices_are_claimed_for_one_attempt_held_long_enough_for_a_slow_call() {
        let now = datetime!(2026-01-01 1:00 UTC);
        let mut repo = MockOutboxRepo::new();
        repo.expect_claim_due()
            .withf(move |at, hold, limit| *at == now && *hold == now + OutboxDispatcher::HOLD && *limit == 10)
            .times(1)
            .returning(|_, _, _| Ok(vec![]));
        repo.expect_due().never();
        let notifier = MockNotifier::new();
        assert_eq!(
            dispatcher(repo, notifier)
                .run_once(10, PER_NOTICE)
                .await
                .unwrap()
                .delivered,
            0
        );
    }

    #[tokio::test]
    async fn each_notice_is_marked_sent_right_after_its_own_call() {
        let mut repo = MockOutboxRepo::new();
        let mut seq = mockall::Sequence::new();
        repo.expect_claim_due()
            .times(1)
            .in_sequence(&mut seq)
            .returning(|_, _, _| Ok(vec![entry(1, 1), entry(2, 1)]));
        let mut notifier = MockNotifier::new();
        for id in [1, 2] {
            notifier
                .expect_deliver()
                .withf(move |e| e.id == NoticeId::new(id))
                .times(1)
                .in_sequence(&mut seq)
                .returning(|_| DeliveryOutcome::Delivered);
            repo.expect_mark_sent()
                .with(eq(NoticeId::new(id)), mockall::predicate::always())
                .times(1)
                .in_sequence(&mut seq)
                .returning(|_, _| Ok(()));
        }
        assert_eq!(
            dispatcher(repo, notifier)
                .run_once(10, PER_NOTICE)
                .await
                .unwrap()
                .delivered,
            2
        );
    }

    /// A notifier whose calls take `delay` and then reach the recipient, counting calls.
    struct SlowNotifier {
        delay: std::time::Duration,
        calls: std::sync::Mutex<Vec<NoticeId>>,
    }

    #[async_trait]
    impl Notifier for SlowNotifier {
        async fn deliver(&self, entry: &OutboxEntry) -> DeliveryOutcome {
            if entry.id == NoticeId::new(1) {
                tokio::time::sleep(self.delay).await;
            }
            self.calls.lock().unwrap().push(entry.id);
            DeliveryOutcome::Delivered
        }
    }

    #[tokio::test]
    async fn a_notice_slower_than_the_bound_is_delivered_once_and_marked_sent_without_holding_up_the_next() {
        let sent = Arc::new(std::sync::Mutex::new(Vec::new()));
        let mut repo = MockOutboxRepo::new();
        repo.expect_claim_due()
            .times(1)
            .returning(|_, _, _| Ok(vec![entry(1, 1), entry(2, 1)]));
        let marked = sent.clone();
        repo.expect_mark_sent().returning(move |id, _| {
            marked.lock().unwrap().push(id);
            Ok(())
        });
        repo.expect_mark_failed().never();
        let notifier = Arc::new(SlowNotifier {
            delay: std::time::Duration::from_millis(300),
            calls: std::sync::Mutex::new(Vec::new()),
        });
        let dispatcher = OutboxDispatcher::new(
            Arc::new(repo),
            notifier.clone(),
            Arc::new(FixedClock::new(datetime!(2026-01-01 1:00 UTC))),
        );

        let run = dispatcher
            .run_once(10, std::time::Duration::from_millis(20))
            .await
            .unwrap();
        assert_eq!(
            (run.delivered, run.late),
            (1, 1),
            "the slow one did not hold up the next"
        );
        assert_eq!(*sent.lock().unwrap(), vec![NoticeId::new(2)]);

        for _ in 0..100 {
            if sent.lock().unwrap().len() == 2 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        assert_eq!(
            *sent.lock().unwrap(),
            vec![NoticeId::new(2), NoticeId::new(1)],
            "the slow notice was marked sent when its call ended, so no later run sends it again"
        );
        assert_eq!(
            *notifier.calls.lock().unwrap(),
            vec![NoticeId::new(2), NoticeId::new(1)]
        );
    }
}
