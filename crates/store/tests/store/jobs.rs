//! Job leases: one holder at a time, renewal, expiry, release, and races.

use kernel::JobLease;
use store::store_test;
use time::Duration;
use time::macros::datetime;

const TTL: Duration = Duration::seconds(60);

store_test!(a_free_lease_is_taken_and_then_refused_to_others, |store| {
    let now = datetime!(2026-11-21 10:00 UTC);
    assert!(store.try_acquire("outbox", "node-a", now, TTL).await.unwrap());
    assert!(
        !store
            .try_acquire("outbox", "node-b", now + Duration::seconds(30), TTL)
            .await
            .unwrap()
    );
    assert!(
        store.try_acquire("recovery", "node-b", now, TTL).await.unwrap(),
        "leases are per job"
    );
});

store_test!(the_holder_renews_and_a_lapsed_lease_passes_on, |store| {
    let now = datetime!(2026-11-21 10:00 UTC);
    assert!(store.try_acquire("outbox", "node-a", now, TTL).await.unwrap());
    assert!(
        store
            .try_acquire("outbox", "node-a", now + Duration::seconds(50), TTL)
            .await
            .unwrap(),
        "renewal"
    );
    assert!(
        !store
            .try_acquire("outbox", "node-b", now + Duration::seconds(100), TTL)
            .await
            .unwrap(),
        "the renewal pushed expiry to 10:01:50"
    );
    assert!(
        store
            .try_acquire("outbox", "node-b", now + Duration::seconds(111), TTL)
            .await
            .unwrap(),
        "lapsed: node-a crashed"
    );
    assert!(
        !store
            .try_acquire("outbox", "node-a", now + Duration::seconds(112), TTL)
            .await
            .unwrap()
    );
});

store_test!(
    a_released_lease_is_free_at_once_but_only_its_holder_can_release_it,
    |store| {
        let now = datetime!(2026-11-21 10:00 UTC);
        assert!(store.try_acquire("outbox", "node-a", now, TTL).await.unwrap());
        store.release("outbox", "node-b").await.unwrap();
        assert!(
            !store.try_acquire("outbox", "node-b", now, TTL).await.unwrap(),
            "node-b could not release node-a's lease"
        );
        store.release("outbox", "node-a").await.unwrap();
        assert!(store.try_acquire("outbox", "node-b", now, TTL).await.unwrap());
    }
);

store_test!(racing_instances_get_exactly_one_lease, |store| {
    let now = datetime!(2026-11-21 10:00 UTC);
    let mut tasks = Vec::new();
    for i in 0..16 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .try_acquire("expiry", &format!("node-{i}"), now, TTL)
                .await
                .unwrap()
        }));
    }
    let mut winners = 0;
    for t in tasks {
        winners += usize::from(t.await.unwrap());
    }
    assert_eq!(winners, 1);
});
