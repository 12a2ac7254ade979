//! Outbox storage: due notices, delivery and retries.

use std::sync::Arc;

use kernel::{FixedClock, Money, ReceiptId};
use notify::{DeliveryOutcome, MockNotifier, NewNotice, Notice, OutboxDispatcher, OutboxRepo, OutboxStatus};
use sea_orm::TransactionTrait;
use store::repo::outbox::enqueue;
use store::store_test;
use store::testing::insert_user;
use time::Duration;
use time::macros::datetime;

store_test!(due_notices_come_oldest_first_and_leave_once_sent, |store| {
    let user = insert_user(&store, 1).await;
    let at = datetime!(2026-11-21 10:00 UTC);
    let txn = store.db().begin().await.unwrap();
    let first = NewNotice::to_user(
        user,
        Notice::ReceiptApproved {
            receipt: ReceiptId::new(1),
            amount: Money::from_minor(5).unwrap(),
        },
    );
    let second = NewNotice::to_admins(Notice::ReceiptExpired {
        receipt: ReceiptId::new(2),
    });
    enqueue(&txn, &[first.clone(), second.clone()], at).await.unwrap();
    txn.commit().await.unwrap();

    let due = store.due(at, 10).await.unwrap();
    assert_eq!(
        due.iter().map(|e| e.notice.clone()).collect::<Vec<_>>(),
        vec![first, second]
    );
    assert!(due.iter().all(|e| e.status == OutboxStatus::Pending && e.attempts == 0));

    let claimed = store.claim_due(at, at + Duration::minutes(5), 10).await.unwrap();
    assert_eq!(claimed.iter().map(|e| e.attempts).collect::<Vec<_>>(), vec![1, 1]);
    assert!(
        store
            .claim_due(at, at + Duration::minutes(5), 10)
            .await
            .unwrap()
            .is_empty(),
        "a claimed notice is nobody else's"
    );
    store.mark_sent(due[0].id, at).await.unwrap();
    store
        .mark_failed(due[1].id, "429".into(), Some(at + Duration::seconds(30)))
        .await
        .unwrap();
    assert!(store.due(at, 10).await.unwrap().is_empty(), "the retry is not due yet");
    let later = store.due(at + Duration::seconds(31), 10).await.unwrap();
    assert_eq!((later.len(), later[0].attempts), (1, 1));
    store.mark_failed(later[0].id, "blocked".into(), None).await.unwrap();
    assert!(
        store.due(at + Duration::days(1), 10).await.unwrap().is_empty(),
        "given-up notices stay given up"
    );
});

store_test!(a_rolled_back_change_leaves_no_notice, |store| {
    let user = insert_user(&store, 1).await;
    let at = datetime!(2026-11-21 10:00 UTC);
    let txn = store.db().begin().await.unwrap();
    enqueue(
        &txn,
        &[NewNotice::to_user(
            user,
            Notice::ReceiptExpired {
                receipt: ReceiptId::new(3),
            },
        )],
        at,
    )
    .await
    .unwrap();
    txn.rollback().await.unwrap();
    assert!(store.due(at, 10).await.unwrap().is_empty());
});

store_test!(the_dispatcher_drains_the_stored_outbox, |store| {
    let user = insert_user(&store, 1).await;
    let at = datetime!(2026-11-21 10:00 UTC);
    let txn = store.db().begin().await.unwrap();
    enqueue(
        &txn,
        &[NewNotice::to_user(
            user,
            Notice::ReceiptExpired {
                receipt: ReceiptId::new(4),
            },
        )],
        at,
    )
    .await
    .unwrap();
    txn.commit().await.unwrap();
    let mut notifier = MockNotifier::new();
    notifier
        .expect_deliver()
        .times(1)
        .returning(|_| DeliveryOutcome::Delivered);
    let dispatcher = OutboxDispatcher::new(
        Arc::new(store.clone()),
        Arc::new(notifier),
        Arc::new(FixedClock::new(at)),
    );
    assert_eq!(
        dispatcher
            .run_once(10, std::time::Duration::from_secs(60))
            .await
            .unwrap()
            .delivered,
        1
    );
    assert!(store.due(at, 10).await.unwrap().is_empty());
});

store_test!(
    a_notice_whose_attempt_never_reports_back_is_due_again_after_the_hold_with_the_attempt_counted,
    |store| {
        let user = insert_user(&store, 1).await;
        let at = datetime!(2026-11-21 10:00 UTC);
        let txn = store.db().begin().await.unwrap();
        enqueue(
            &txn,
            &[NewNotice::to_user(
                user,
                Notice::ReceiptExpired {
                    receipt: ReceiptId::new(5),
                },
            )],
            at,
        )
        .await
        .unwrap();
        txn.commit().await.unwrap();
        let hold = at + Duration::minutes(5);
        assert_eq!(store.claim_due(at, hold, 10).await.unwrap().len(), 1);
        assert!(
            store
                .claim_due(hold - Duration::seconds(1), hold, 10)
                .await
                .unwrap()
                .is_empty()
        );
        let again = store.claim_due(hold, hold + Duration::minutes(5), 10).await.unwrap();
        assert_eq!((again.len(), again[0].attempts), (1, 2));
    }
);

store_test!(marking_a_notice_is_one_update_that_knows_unknown_notices, |store| {
    let user = insert_user(&store, 1).await;
    let at = datetime!(2026-11-21 10:00 UTC);
    let notice = NewNotice::to_user(
        user,
        Notice::ReceiptApproved {
            receipt: ReceiptId::new(1),
            amount: Money::from_minor(5).unwrap(),
        },
    );
    let txn = store.db().begin().await.unwrap();
    enqueue(&txn, &[notice], at).await.unwrap();
    txn.commit().await.unwrap();
    let id = store.due(at, 10).await.unwrap()[0].id;

    store.mark_sent(id, at).await.unwrap();
    store
        .mark_sent(id, at)
        .await
        .expect("marking it sent again changes nothing and is no error");
    assert!(
        store.due(at + Duration::days(1), 10).await.unwrap().is_empty(),
        "sent notices are not due"
    );
    let unknown = kernel::NoticeId::new(id.get() + 1000);
    assert!(matches!(
        store.mark_sent(unknown, at).await,
        Err(kernel::StorageError::NotFound(_))
    ));
    assert!(matches!(
        store.mark_failed(unknown, "blocked".into(), None).await,
        Err(kernel::StorageError::NotFound(_))
    ));
});
