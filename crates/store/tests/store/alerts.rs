//! Admin alerts about panels: each change of a panel's alerted state moves once (also when
//! two instances race) and queues its alert with it; a sync failure is not reported while the
//! panel is reported down.

use kernel::PanelId;
use notify::{AlertRepo, NewNotice, Notice, OutboxRepo, PanelAlert};
use store::store_test;
use time::Duration;
use time::macros::datetime;

fn down(panel: PanelId) -> Option<NewNotice> {
    Some(NewNotice::to_admins(Notice::PanelDown {
        panel,
        name: "Paris".into(),
        problem: kernel::PanelProblem::Unreachable,
    }))
}

fn up(panel: PanelId) -> Option<NewNotice> {
    Some(NewNotice::to_admins(Notice::PanelUp {
        panel,
        name: "Paris".into(),
    }))
}

fn sync_failed(panel: PanelId) -> Option<NewNotice> {
    Some(NewNotice::to_admins(Notice::PanelSyncFailed {
        panel,
        name: "Paris".into(),
        error: "timed out".into(),
    }))
}

store_test!(a_panel_outage_is_one_alert_each_way, |store| {
    let now = datetime!(2026-12-06 12:00 UTC);
    let p = PanelId::new(7);
    assert!(
        !store.transition(p, PanelAlert::Up, up(p), now).await.unwrap(),
        "never down: no 'back up'"
    );
    // Two instances see it down at once: one alert.
    let (a, b) = tokio::join!(
        store.transition(p, PanelAlert::Down, down(p), now),
        store.transition(p, PanelAlert::Down, down(p), now)
    );
    assert_eq!([a.unwrap(), b.unwrap()].iter().filter(|x| **x).count(), 1);
    assert!(!store.transition(p, PanelAlert::Down, down(p), now).await.unwrap());
    assert!(
        !store
            .transition(p, PanelAlert::SyncFailed, sync_failed(p), now)
            .await
            .unwrap(),
        "the outage explains the failing sync"
    );
    assert!(store.transition(p, PanelAlert::Up, up(p), now).await.unwrap());
    assert!(!store.transition(p, PanelAlert::Up, up(p), now).await.unwrap());

    assert!(
        store
            .transition(p, PanelAlert::SyncFailed, sync_failed(p), now)
            .await
            .unwrap()
    );
    assert!(
        !store
            .transition(p, PanelAlert::SyncFailed, sync_failed(p), now)
            .await
            .unwrap()
    );
    assert!(store.transition(p, PanelAlert::SyncOk, None, now).await.unwrap());
    assert!(!store.transition(p, PanelAlert::SyncOk, None, now).await.unwrap());

    // A panel first seen failing its sync gets its row with that alert.
    let q = PanelId::new(8);
    assert!(
        store
            .transition(q, PanelAlert::SyncFailed, sync_failed(q), now)
            .await
            .unwrap()
    );

    let kinds: Vec<&'static str> = store
        .due(now + Duration::minutes(1), 50)
        .await
        .unwrap()
        .iter()
        .map(|e| match e.notice.notice {
            Notice::PanelDown { .. } => "down",
            Notice::PanelUp { .. } => "up",
            Notice::PanelSyncFailed { .. } => "sync",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["down", "up", "sync", "sync"]);
});
