//! Reminders with a controlled clock, on an in-memory repository that records like the store
//! (once per service, threshold and term).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use kernel::{ByteLimit, FixedClock};
use time::macros::datetime;

use super::*;

const GB: i64 = 1_000_000_000;

/// One service; what was recorded; mutes.
#[derive(Default)]
struct Memory {
    service: Mutex<Option<ServiceSnapshot>>,
    log: Mutex<BTreeSet<(ClientAccountId, ReminderKind, String)>>,
    queued: Mutex<Vec<ReminderKind>>,
    mutes: Mutex<BTreeMap<UserId, BTreeSet<ReminderKind>>>,
}

#[async_trait]
impl ReminderRepo for Memory {
    async fn services(
        &self,
        after: Option<ClientAccountId>,
        _limit: u64,
    ) -> Result<Vec<ServiceSnapshot>, StorageError> {
        let Some(mut service) = self.service.lock().unwrap().clone() else {
            return Ok(Vec::new());
        };
        if after.is_some() {
            return Ok(Vec::new());
        }
        let term = service.term();
        service.sent = self
            .log
            .lock()
            .unwrap()
            .iter()
            .filter(|(a, _, t)| *a == service.account && *t == term)
            .map(|(_, k, _)| *k)
            .collect();
        service.muted = self
            .mutes
            .lock()
            .unwrap()
            .get(&service.user)
            .cloned()
            .unwrap_or_default();
        Ok(vec![service])
    }

    async fn record(&self, reminder: &DueReminder, _at: OffsetDateTime) -> Result<bool, StorageError> {
        let fresh = self
            .log
            .lock()
            .unwrap()
            .insert((reminder.account, reminder.kind, reminder.term.clone()));
        if fresh {
            self.queued.lock().unwrap().push(reminder.kind);
        }
        Ok(fresh)
    }

    async fn muted(&self, user: UserId) -> Result<BTreeSet<ReminderKind>, StorageError> {
        Ok(self.mutes.lock().unwrap().get(&user).cloned().unwrap_or_default())
    }

    async fn set_muted(&self, user: UserId, kind: ReminderKind, muted: bool) -> Result<(), StorageError> {
        let mut mutes = self.mutes.lock().unwrap();
        let set = mutes.entry(user).or_default();
        if muted {
            set.insert(kind);
        } else {
            set.remove(&kind);
        }
        Ok(())
    }
}

/// A traffic limit of `bytes`.
fn limit(bytes: i64) -> ByteLimit {
    ByteLimit::upto(bytes.unsigned_abs()).unwrap()
}

fn service(expires_at: OffsetDateTime, limit: ByteLimit, used: i64) -> ServiceSnapshot {
    ServiceSnapshot {
        account: ClientAccountId::new(7),
        user: UserId::new(3),
        name: "FR-MoonVPN-1001".into(),
        expires_at: Some(expires_at),
        traffic_limit_bytes: limit,
        traffic_used_bytes: used,
        sent: BTreeSet::new(),
        muted: BTreeSet::new(),
    }
}

struct World {
    repo: Arc<Memory>,
    clock: Arc<FixedClock>,
    reminders: ReminderService,
}

fn world(start: OffsetDateTime, snapshot: ServiceSnapshot) -> World {
    let repo = Arc::new(Memory::default());
    *repo.service.lock().unwrap() = Some(snapshot);
    let clock = Arc::new(FixedClock::new(start));
    let reminders = ReminderService::new(repo.clone(), clock.clone());
    World { repo, clock, reminders }
}

impl World {
    async fn run(&self) -> Vec<ReminderKind> {
        let before = self.repo.queued.lock().unwrap().len();
        self.reminders.run_once().await.unwrap();
        self.repo.queued.lock().unwrap()[before..].to_vec()
    }

    fn set_used(&self, used: i64) {
        self.repo.service.lock().unwrap().as_mut().unwrap().traffic_used_bytes = used;
    }
}

const START: OffsetDateTime = datetime!(2026-12-01 12:00 UTC);

#[tokio::test]
async fn each_expiry_threshold_fires_once() {
    let w = world(START, service(START + Duration::days(10), ByteLimit::Unlimited, 0));
    assert_eq!(w.run().await, [], "10 days left: nothing yet");
    w.clock.set(START + Duration::days(7) + Duration::hours(1));
    assert_eq!(w.run().await, [ReminderKind::Expires3Days]);
    assert_eq!(w.run().await, [], "told once");
    w.clock.set(START + Duration::days(9) + Duration::hours(2));
    assert_eq!(w.run().await, [ReminderKind::Expires1Day]);
    assert_eq!(w.run().await, []);
    w.clock.set(START + Duration::days(10));
    assert_eq!(w.run().await, [ReminderKind::Expired]);
    w.clock.set(START + Duration::days(11));
    assert_eq!(w.run().await, [], "expired is told once too");
}

#[tokio::test]
async fn a_service_first_seen_a_few_hours_before_expiry_gets_only_the_one_day_reminder() {
    let w = world(START, service(START + Duration::hours(5), ByteLimit::Unlimited, 0));
    assert_eq!(w.run().await, [ReminderKind::Expires1Day]);
    w.clock.set(START + Duration::hours(4));
    assert_eq!(w.run().await, [], "the 3-day reminder is moot after the 1-day one");
}

#[tokio::test]
async fn each_traffic_threshold_fires_once() {
    let w = world(START, service(START + Duration::days(30), limit(50 * GB), 10 * GB));
    assert_eq!(w.run().await, []);
    w.set_used(40 * GB);
    assert_eq!(w.run().await, [ReminderKind::Traffic80]);
    w.set_used(45 * GB);
    assert_eq!(w.run().await, []);
    w.set_used(50 * GB);
    assert_eq!(w.run().await, [ReminderKind::Traffic100]);
    assert_eq!(w.run().await, []);
}

#[tokio::test]
async fn a_renewal_re_arms_every_threshold() {
    let w = world(START, service(START + Duration::days(2), limit(50 * GB), 45 * GB));
    assert_eq!(w.run().await, [ReminderKind::Expires3Days, ReminderKind::Traffic80]);
    assert_eq!(w.run().await, []);
    // Renewed: 30 more days and 50 GB more; later the new term nears its end again.
    {
        let mut service = w.repo.service.lock().unwrap();
        let s = service.as_mut().unwrap();
        s.expires_at = Some(START + Duration::days(32));
        s.traffic_limit_bytes = limit(100 * GB);
    }
    assert_eq!(w.run().await, [], "fresh term, nothing due");
    w.clock.set(START + Duration::days(30));
    w.set_used(85 * GB);
    assert_eq!(w.run().await, [ReminderKind::Expires3Days, ReminderKind::Traffic80]);
}

#[tokio::test]
async fn a_muted_kind_is_not_sent_but_a_stopped_service_is_always_told() {
    let w = world(START, service(START + Duration::days(2), limit(50 * GB), 45 * GB));
    let user = UserId::new(3);
    w.reminders
        .set_muted(user, ReminderKind::Expires3Days, true)
        .await
        .unwrap();
    w.reminders
        .set_muted(user, ReminderKind::Traffic80, true)
        .await
        .unwrap();
    assert!(matches!(
        w.reminders.set_muted(user, ReminderKind::Expired, true).await,
        Err(MuteError::NotOptional)
    ));
    assert_eq!(w.run().await, []);
    w.clock.set(START + Duration::days(3));
    assert_eq!(w.run().await, [ReminderKind::Expired]);
    let settings = w.reminders.settings(user).await.unwrap();
    assert_eq!(
        settings,
        [
            (ReminderKind::Expires3Days, true),
            (ReminderKind::Expires1Day, false),
            (ReminderKind::Traffic80, true),
            (ReminderKind::LowBalance, false)
        ]
    );
}
