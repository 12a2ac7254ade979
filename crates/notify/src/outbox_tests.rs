//! Unit tests of `outbox.rs`.

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
