//! Reminders: once per service, threshold and term (also when two instances race), a
//! renewal re-arms, mutes are kept per user; the notice is queued with the log row.

use inventory::AccountRepo;
use notify::{Notice, OutboxRepo, ReminderKind, ReminderRepo};
use store::store_test;
use store::testing::insert_user;
use time::Duration;
use time::macros::datetime;

use crate::inventory::{new_account, setup};

store_test!(a_reminder_is_recorded_and_queued_once_per_term, |store| {
    let (location, _, inbounds) = setup(&store, &[0]).await;
    let user = insert_user(&store, 301).await;
    let account = store
        .insert_account(&new_account(user, inbounds[0], location, "FR", 1001))
        .await
        .unwrap();
    // The account expires 2026-04-01: three days before, the 3-day reminder is due.
    let now = datetime!(2026-03-29 12:00 UTC);
    let services = store.services(None, 10).await.unwrap();
    assert_eq!(services.len(), 1);
    let due = services[0].due(now);
    assert_eq!(
        due.iter().map(|d| d.kind).collect::<Vec<_>>(),
        [ReminderKind::Expires3Days]
    );

    // Two instances decide at once: one records it, the other is refused.
    let (a, b) = tokio::join!(store.record(&due[0], now), store.record(&due[0], now));
    assert_eq!(
        [a.unwrap(), b.unwrap()].iter().filter(|r| **r).count(),
        1,
        "exactly one run records it"
    );
    let queued: Vec<_> = store
        .due(now + Duration::hours(1), 10)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| matches!(n.notice.notice, Notice::Reminder { .. }))
        .collect();
    assert_eq!(queued.len(), 1, "one notice with the one log row");

    let again = store.services(None, 10).await.unwrap();
    assert_eq!(
        again[0].sent.iter().copied().collect::<Vec<_>>(),
        [ReminderKind::Expires3Days]
    );
    assert!(again[0].due(now).is_empty(), "told once in this term");

    // Muting is per user and kept.
    store.set_muted(user, ReminderKind::Traffic80, true).await.unwrap();
    store.set_muted(user, ReminderKind::Traffic80, true).await.unwrap();
    assert_eq!(
        store.services(None, 10).await.unwrap()[0]
            .muted
            .iter()
            .copied()
            .collect::<Vec<_>>(),
        [ReminderKind::Traffic80]
    );
    store.set_muted(user, ReminderKind::Traffic80, false).await.unwrap();
    assert!(store.muted(user).await.unwrap().is_empty());
    assert_eq!(account.id, again[0].account);
});
