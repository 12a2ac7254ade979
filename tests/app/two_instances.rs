//! Two instances on one PostgreSQL: two job runners sharing the database and a controlled
//! clock run each periodic job once per period between them (and the survivor takes over when
//! one stops), and a reminder that is due is queued once and delivered once.
//!
//! Runs when `MOONVPN_TEST_POSTGRES_URL` is set (`.ci/run` runs it on PostgreSQL); skipped
//! otherwise, unless `MOONVPN_TEST_REQUIRE_BACKENDS` asks for it.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use inventory::{
    AccountRepo, Allocation, ClientEmail, ClientLimits, ClientName, DisplayName, FleetRepo, InboundSpec, InboundStatus,
    InboundSync, LocationPrefix, NewClientAccount, NewInbound, NewLocation, NewPanel, PanelUrl, PlacementRepo,
    Protocol, Provisioned,
};
use kernel::{FixedClock, NoticeId, Secret};
use moonvpn::jobs::{Every, Job, JobReport, JobRunner, every, outbox, reminders};
use moonvpn::metrics::Metrics;
use notify::{DeliveryOutcome, Notice, Notifier, OutboxDispatcher, OutboxEntry, ReminderService};
use store::Store;
use store::testing::{TestDb, insert_user};
use time::OffsetDateTime;
use time::macros::datetime;
use tokio::time::Instant;

const START: OffsetDateTime = datetime!(2026-12-06 12:00 UTC);

/// Which instance ran a tick, and when.
type Runs = Arc<Mutex<Vec<(&'static str, Instant)>>>;

/// What the probe's step reports: which instance ran it.
struct Ran(&'static str);

impl JobReport for Ran {
    fn summary(&self) -> String {
        format!("run by {}", self.0)
    }
}

/// A job ticking every second that records who ran it.
fn probe(instance: &'static str, runs: Runs) -> Every<Ran> {
    every("probe", Duration::from_secs(1), move || {
        runs.lock().unwrap().push((instance, Instant::now()));
        async move { Ok(Ran(instance)) }
    })
}

/// A transport that records every notice it delivers.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<(NoticeId, Notice)>>>);

#[async_trait]
impl Notifier for Recorder {
    async fn deliver(&self, entry: &OutboxEntry) -> DeliveryOutcome {
        self.0.lock().unwrap().push((entry.id, entry.notice.notice.clone()));
        DeliveryOutcome::Delivered
    }
}

/// A user with one service expiring two days after [`START`]: its 3-day reminder is due.
async fn a_service_due_for_a_reminder(store: &Store) {
    let location = store
        .add_location(&NewLocation {
            name: DisplayName::new("France").unwrap(),
            prefix: LocationPrefix::new("FR").unwrap(),
        })
        .await
        .unwrap()
        .id;
    let panel = store
        .add_panel(
            &NewPanel {
                name: DisplayName::new("fr1").unwrap(),
                url: PanelUrl::new("https://fr1.example.com:2053/base").unwrap(),
                username: "admin".into(),
                password: Secret::new("s3cret-panel-pass"),
                api_token: None,
                two_factor_secret: None,
                allow_insecure_tls: false,
                location,
            },
            START,
        )
        .await
        .unwrap()
        .id;
    let sync = InboundSync {
        added: vec![NewInbound {
            remote_id: 1,
            spec: InboundSpec {
                tag: "inbound-443".into(),
                protocol: Protocol::Vless,
                port: 443,
                remark: "r".into(),
                settings: r#"{"decryption":"none"}"#.into(),
                stream_settings: r#"{"network":"tcp","security":"reality"}"#.into(),
                sniffing: r#"{"enabled":false}"#.into(),
            },
            client_count: 0,
            status: InboundStatus::Active,
        }],
        ..Default::default()
    };
    store.apply_inbound_sync(panel, &sync, START).await.unwrap();
    let inbound = store.inbounds_of_panel(panel).await.unwrap()[0].id;
    let user = insert_user(store, 9001).await;
    let name = ClientName::new(&LocationPrefix::new("FR").unwrap(), &kernel::ShopName::default(), 1001).unwrap();
    store
        .insert_account(&NewClientAccount {
            user,
            allocation: Allocation {
                inbound,
                location,
                email: ClientEmail::from(&name),
                name,
                client_uuid: "0b1c2d3e-0000-4000-8000-000000000001".into(),
                sub_id: "sub1001".into(),
            },
            limits: ClientLimits {
                total_bytes: kernel::ByteLimit::upto(50_000_000_000).unwrap(),
                expires_at: Some(START + time::Duration::days(2)),
                ip_limit: kernel::CountLimit::upto(2).unwrap(),
            },
            provisioned: Provisioned {
                config_url: "vless://x@h:443#FR1001".into(),
                subscription_url: None,
            },
            created_at: START,
        })
        .await
        .unwrap();
}

/// One instance: its own runner (holder name), the shared database and clock.
fn instance(
    name: &'static str,
    store: &Store,
    clock: &Arc<FixedClock>,
    runs: &Runs,
    sent: &Recorder,
) -> (JobRunner, Vec<Arc<dyn Job>>, Arc<Metrics>) {
    let metrics = Metrics::new();
    let runner = JobRunner::new(
        Arc::new(store.clone()),
        clock.clone(),
        format!("{name}:1:0000"),
        metrics.clone(),
    );
    let jobs: Vec<Arc<dyn Job>> = vec![
        Arc::new(probe(name, runs.clone())),
        Arc::new(reminders(ReminderService::new(Arc::new(store.clone()), clock.clone()))),
        Arc::new(outbox(OutboxDispatcher::new(
            Arc::new(store.clone()),
            Arc::new(sent.clone()),
            clock.clone(),
        ))),
    ];
    (runner, jobs, metrics)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_run_each_job_once_per_period_and_send_each_reminder_once() {
    let Some(db) = TestDb::postgres().await else {
        eprintln!("MOONVPN_TEST_POSTGRES_URL is not set; skipped");
        return;
    };
    let store = db.store();
    a_service_due_for_a_reminder(&store).await;
    let clock = Arc::new(FixedClock::new(START));
    let runs = Runs::default();
    let sent = Recorder::default();
    let (a, a_jobs, a_metrics) = instance("a", &store, &clock, &runs, &sent);
    let (b, b_jobs, b_metrics) = instance("b", &store, &clock, &runs, &sent);

    let running_a = a.start(a_jobs);
    let running_b = b.start(b_jobs);
    tokio::time::sleep(Duration::from_millis(5_500)).await;
    assert!(
        running_a.stop(Duration::from_secs(5)).await,
        "a stops cleanly, giving its leases up"
    );
    let a_stopped = Instant::now();
    tokio::time::sleep(Duration::from_millis(3_500)).await;
    assert!(running_b.stop(Duration::from_secs(5)).await);

    let runs = runs.lock().unwrap().clone();
    assert!(runs.len() >= 5, "a tick a second: {runs:?}");
    for pair in runs.windows(2) {
        let gap = pair[1].1 - pair[0].1;
        assert!(
            gap >= Duration::from_millis(500),
            "two runs in one period ({pair:?}): {runs:?}"
        );
    }
    assert!(
        runs.iter().any(|(who, at)| *who == "b" && *at > a_stopped),
        "b takes over once a is gone: {runs:?}"
    );

    let reminders_run = |m: &Metrics| m.job("reminders").map_or(0, |s| s.succeeded);
    assert_eq!(
        reminders_run(&a_metrics) + reminders_run(&b_metrics),
        1,
        "one run of the 5-minute job in the first period between the two"
    );
    let delivered = sent.0.lock().unwrap().clone();
    let reminders: Vec<_> = delivered
        .iter()
        .filter(|(_, n)| matches!(n, Notice::Reminder { .. }))
        .collect();
    assert_eq!(
        reminders.len(),
        1,
        "the reminder is queued and delivered once: {delivered:?}"
    );
    let mut ids: Vec<i64> = delivered.iter().map(|(id, _)| id.get()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), delivered.len(), "no notice delivered twice");
}
