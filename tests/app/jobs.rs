//! The jobs `moonvpn run` schedules, each run once on the real store against the fakes: what
//! counts as a failure and what is only a result.

use std::sync::Arc;
use std::time::Duration;

use inventory::{
    AccountRepo, ClientLimits, DisplayName, LocationPrefix, NewClientAccount, NewLocation, NewPanel, PanelUrl,
};
use kernel::{Clock, IdempotencyKey, LocationId, Money, Secret, SystemClock, TelegramId};
use members::TelegramProfile;
use moonvpn::config::{Config, OneOrMany, RawConfig};
use moonvpn::jobs::{
    HealthReport, Job, PanelSyncReport, RecoveryBounds, health_check, order_recovery, outbox, panel_sync,
    receipt_expiry, receipt_orders, switch_cleanup,
};
use moonvpn::wiring::{self, Services};
use notify::OutboxDispatcher;
use store::Store;
use telegram::{BotApi, I18n, TelegramNotifier};
use testkit::telegram::FakeTelegram;
use testkit::{FakePanel, FakePanelConfig, Fault, InboundSpec};

const KEY: &str = "jobs-test-secret-key-0123456789abcdef";

struct World {
    fake: FakeTelegram,
    services: Services,
    config: Config,
}

async fn world() -> World {
    let fake = FakeTelegram::start().await;
    fake.disable_rate_limit();
    let mut raw = RawConfig::default();
    raw.telegram.token = Some(fake.token().to_owned());
    raw.telegram.api_url = fake.api_url();
    raw.admins.superadmins = OneOrMany::One(42);
    raw.security.secret_key = Some(KEY.to_owned());
    let config = Config::try_from(raw).unwrap();
    let store = Store::connect("sqlite::memory:", &Secret::new(KEY)).await.unwrap();
    store.migrate().await.unwrap();
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let driver = Arc::new(wiring::panel_driver(clock.clone()).unwrap());
    let services = wiring::services(&config, store, driver, clock);
    World { fake, services, config }
}

fn alerts(services: &Services) -> notify::AlertService {
    notify::AlertService::new(Arc::new(services.store.clone()), services.clock.clone())
}

async fn connect(services: &Services, panel: &FakePanel) {
    connect_at(services, panel, "France", "FR").await;
}

/// Adds a location and connects `panel` to it.
async fn connect_at(services: &Services, panel: &FakePanel, name: &str, prefix: &str) -> LocationId {
    let location = services
        .placement
        .add_location(&NewLocation {
            name: DisplayName::new(name).unwrap(),
            prefix: LocationPrefix::new(prefix).unwrap(),
        })
        .await
        .unwrap()
        .id;
    services
        .fleet
        .connect_panel(
            &NewPanel {
                name: DisplayName::new(&format!("{name} 1")).unwrap(),
                url: PanelUrl::new(&panel.url()).unwrap(),
                username: "admin".into(),
                password: Secret::new("admin"),
                api_token: None,
                two_factor_secret: None,
                allow_insecure_tls: false,
                location,
            },
            None,
        )
        .await
        .unwrap();
    location
}

async fn fake_panel() -> FakePanel {
    let panel = FakePanel::start(FakePanelConfig::default()).await;
    panel.add_inbound(InboundSpec::vless_reality(443));
    panel
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_outbox_job_delivers_a_credit_notice_to_the_user() {
    let w = world().await;
    let sim = w.fake.user(5001);
    sim.send_text("hello");
    let user = w
        .services
        .members
        .register(TelegramProfile::new(
            TelegramId::new(5001).unwrap(),
            None,
            "Sara",
            Some("en"),
        ))
        .await
        .unwrap()
        .user;
    w.services
        .wallet
        .deposit(
            user.id,
            Money::from_minor(70_000).unwrap(),
            IdempotencyKey::new("test:deposit:1").unwrap(),
            None,
        )
        .await
        .unwrap();
    let api = BotApi::new(&w.fake.api_url(), &Secret::new(w.fake.token())).unwrap();
    let i18n = Arc::new(I18n::new(kernel::Currency::from_code("IRT").unwrap()).unwrap());
    let job = outbox(OutboxDispatcher::new(
        Arc::new(w.services.store.clone()),
        Arc::new(TelegramNotifier::new(api, i18n, w.services.members.clone())),
        w.services.clock.clone(),
    ));

    let summary = job.run().await.unwrap();

    assert_eq!(summary, "1 notice(s) delivered");
    assert!(
        sim.bot_messages()
            .iter()
            .any(|m| m.text_or_empty().contains("70,000 Toman was added")),
        "{:?}",
        sim.transcript()
    );
    assert_eq!(job.run().await.unwrap(), "", "nothing left to deliver");
    assert_eq!(job.interval(), Duration::from_secs(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn panel_sync_fails_naming_the_panel_that_cannot_be_read() {
    let w = world().await;
    let panel = fake_panel().await;
    connect(&w.services, &panel).await;
    let job = panel_sync(w.services.fleet.clone(), alerts(&w.services));

    assert_eq!(job.run().await.unwrap(), "1 panel(s) synced, 0 account(s) read");

    panel.set_fault(Some(Fault::Down));
    let report: PanelSyncReport = job.step().await.unwrap();
    assert_eq!((report.panels, report.failed.len()), (1, 1), "{report:?}");
    let error = job.run().await.unwrap_err().to_string();
    assert!(
        error.starts_with("1 of 1 panel(s) could not be synced: panel 1:"),
        "{error}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panel_that_is_down_is_a_health_result_not_a_job_failure() {
    let w = world().await;
    let panel = fake_panel().await;
    connect(&w.services, &panel).await;
    let job = health_check(w.services.fleet.clone(), alerts(&w.services));

    assert_eq!(job.run().await.unwrap(), "1 panel(s) checked, 0 down");
    panel.set_fault(Some(Fault::Down));
    assert_eq!(job.step().await.unwrap(), HealthReport { checked: 1, down: 1 });
    assert_eq!(job.run().await.unwrap(), "1 panel(s) checked, 1 down");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recovery_and_receipt_expiry_have_nothing_to_do_in_a_quiet_shop() {
    let w = world().await;
    assert_eq!(
        order_recovery(w.services.orders.clone(), RecoveryBounds::default())
            .run()
            .await
            .unwrap(),
        ""
    );
    assert_eq!(
        receipt_expiry(w.services.receipts.clone(), None).run().await.unwrap(),
        ""
    );
    let api = BotApi::new(w.config.telegram().api_url(), w.config.telegram().token()).unwrap();
    let i18n = Arc::new(I18n::new(w.config.currency()).unwrap());
    let bot = telegram::Bot::new(wiring::bot_deps(&w.config, &w.services, api, i18n));
    let expiry = receipt_expiry(w.services.receipts.clone(), Some(bot.clone()));
    assert_eq!(expiry.run().await.unwrap(), "");
    assert_eq!(receipt_orders(bot).run().await.unwrap(), "");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_switch_made_while_the_old_panel_was_down_is_finished_by_the_cleanup_job() {
    let w = world().await;
    let (fr_panel, de_panel) = (fake_panel().await, fake_panel().await);
    let fr = connect_at(&w.services, &fr_panel, "France", "FR").await;
    let de = connect_at(&w.services, &de_panel, "Germany", "DE").await;
    let telegram_id = TelegramId::new(5002).unwrap();
    let user = w
        .services
        .members
        .register(TelegramProfile::new(telegram_id, None, "Reza", Some("en")))
        .await
        .unwrap()
        .user;
    let accounts = &w.services.accounts;
    let now = w.services.clock.now();
    let allocation = w.services.placement.allocate(fr).await.unwrap();
    let limits = ClientLimits {
        total_bytes: kernel::ByteLimit::upto(10_000_000_000).unwrap(),
        expires_at: Some(now + time::Duration::days(30)),
        ip_limit: kernel::CountLimit::upto(1).unwrap(),
    };
    let provisioned = accounts.provision(&allocation, &limits, telegram_id).await.unwrap();
    let account = w
        .services
        .store
        .insert_account(&NewClientAccount {
            user: user.id,
            allocation,
            limits,
            provisioned,
            created_at: now,
        })
        .await
        .unwrap();
    let old_email = account.email.as_str().to_owned();
    let job = switch_cleanup(accounts.clone());

    fr_panel.set_fault(Some(Fault::Down));
    let outcome = accounts.transfer(account.id, de, telegram_id).await.unwrap();
    assert!(!outcome.old_client_removed);
    assert_eq!(
        job.run().await.unwrap(),
        "0 old client(s) removed after a switch, 1 still pending",
        "a panel still down is not a job failure"
    );
    fr_panel.set_fault(None);
    assert!(
        fr_panel.client(&old_email).is_some(),
        "the old client stays while its panel is down"
    );

    assert_eq!(
        job.run().await.unwrap(),
        "1 old client(s) removed after a switch, 0 still pending"
    );
    assert!(fr_panel.client(&old_email).is_none(), "the old inbound lost the client");
    assert!(de_panel.client(outcome.account.email.as_str()).is_some());
    assert!(
        w.services
            .store
            .pending_old_client_removals(10)
            .await
            .unwrap()
            .is_empty(),
        "the transfer is marked"
    );
    assert_eq!(job.run().await.unwrap(), "", "nothing left to clean up");
    assert_eq!(job.interval(), Duration::from_secs(5 * 60));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hung_panel_holds_up_only_its_own_order_which_is_refunded_after_its_attempts_with_an_admin_notice() {
    use notify::{Notice, OutboxRepo};
    use orders::{FixedTerms, NewPlan, OrderStatus, PlanKind, PlanName, PlanRepo, PurchaseRequest, RenewalRule};
    use testkit::Fault;

    let w = world().await;
    let healthy = fake_panel().await;
    let hung = fake_panel().await;
    let fr = connect_at(&w.services, &healthy, "France", "FR").await;
    let de = connect_at(&w.services, &hung, "Germany", "DE").await;
    let plan = w
        .services
        .store
        .insert_plan(
            &NewPlan {
                name: PlanName::parse("Gold").unwrap(),
                description: None,
                kind: PlanKind::Fixed(
                    FixedTerms::new(
                        kernel::ByteLimit::upto(orders::BYTES_PER_GB).unwrap(),
                        30,
                        Money::from_minor(1_000).unwrap(),
                    )
                    .unwrap(),
                ),
                locations: [fr, de].into(),
                is_test: false,
                renewal: RenewalRule::AddToRemaining,
                ip_limit: kernel::CountLimit::upto(1).unwrap(),
                active: true,
            },
            None,
        )
        .await
        .unwrap();
    let telegram_id = TelegramId::new(5002).unwrap();
    let user = w
        .services
        .members
        .register(TelegramProfile::new(telegram_id, None, "Omid", Some("en")))
        .await
        .unwrap()
        .user;
    w.services
        .wallet
        .deposit(
            user.id,
            Money::from_minor(3_000).unwrap(),
            IdempotencyKey::new("test:deposit:hung").unwrap(),
            None,
        )
        .await
        .unwrap();
    let orders = w.services.orders.clone();
    let mut paid = Vec::new();
    for location in [fr, fr, de] {
        let request = PurchaseRequest {
            user: user.id,
            telegram_id,
            plan: plan.id,
            location,
            selection: None,
            code: None,
        };
        let order = orders.create_order(&request).await.unwrap();
        paid.push(orders.pay(user.id, order.id).await.unwrap().id);
    }
    hung.set_fault(Some(Fault::Slow(Duration::from_secs(3600))));
    tokio::time::sleep(Duration::from_millis(20)).await;
    let per_order = Duration::from_millis(500);
    let job = order_recovery(
        orders.clone(),
        RecoveryBounds {
            grace: time::Duration::ZERO,
            per_order,
            parallel: 8,
            batch: 100,
        },
    );

    let first = job.step().await.unwrap();
    assert_eq!((first.fulfilled, first.still_stuck), (2, 1), "{first:?}");
    for id in &paid[..2] {
        assert_eq!(orders.order(user.id, *id).await.unwrap().status, OrderStatus::Fulfilled);
    }
    let attempts = orders::SagaPolicy::default().delivery_attempts;
    for _ in 0..attempts {
        tokio::time::sleep(per_order + Duration::from_millis(100)).await;
        job.step().await.unwrap();
    }
    let refunded = orders.order(user.id, paid[2]).await.unwrap();
    assert_eq!(refunded.status, OrderStatus::Failed);
    assert_eq!(
        w.services.wallet.balance(user.id).await.unwrap(),
        Money::from_minor(1_000).unwrap()
    );
    let told = w
        .services
        .store
        .due(SystemClock.now() + time::Duration::minutes(1), 100)
        .await
        .unwrap();
    assert!(
        told.iter()
            .any(|n| matches!(&n.notice.notice, Notice::OrderNeedsAttention { order, .. } if *order == paid[2])),
        "the admins are told"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panel_holding_our_next_client_name_with_another_key_refuses_the_purchase_and_refunds() {
    use notify::{Notice, OutboxRepo};
    use orders::{Delivery, FixedTerms, NewPlan, PlanKind, PlanName, PlanRepo, PurchaseRequest, RenewalRule};

    let w = world().await;
    let panel = fake_panel().await;
    let fr = connect_at(&w.services, &panel, "France", "FR").await;
    let foreign = serde_json::json!({
        "id": "0b1c2d3e-0000-4000-8000-00000000ffff", "email": "FR-MoonVPN-1001", "enable": true,
        "totalGB": 10_000_000, "expiryTime": 0, "limitIp": 2, "subId": "someoneelses1234",
        "flow": "", "tgId": 0, "reset": 0
    });
    panel.add_client_raw(panel.inbound_ids()[0], foreign.clone());
    let before = panel.client("FR-MoonVPN-1001").unwrap();
    let plan = w
        .services
        .store
        .insert_plan(
            &NewPlan {
                name: PlanName::parse("Gold").unwrap(),
                description: None,
                kind: PlanKind::Fixed(
                    FixedTerms::new(
                        kernel::ByteLimit::upto(orders::BYTES_PER_GB).unwrap(),
                        30,
                        Money::from_minor(1_000).unwrap(),
                    )
                    .unwrap(),
                ),
                locations: [fr].into(),
                is_test: false,
                renewal: RenewalRule::AddToRemaining,
                ip_limit: kernel::CountLimit::upto(1).unwrap(),
                active: true,
            },
            None,
        )
        .await
        .unwrap();
    let telegram_id = TelegramId::new(5003).unwrap();
    let user = w
        .services
        .members
        .register(TelegramProfile::new(telegram_id, None, "Leyla", Some("en")))
        .await
        .unwrap()
        .user;
    w.services
        .wallet
        .deposit(
            user.id,
            Money::from_minor(1_000).unwrap(),
            IdempotencyKey::new("test:deposit:foreign").unwrap(),
            None,
        )
        .await
        .unwrap();
    let order = w
        .services
        .orders
        .create_order(&PurchaseRequest {
            user: user.id,
            telegram_id,
            plan: plan.id,
            location: fr,
            selection: None,
            code: None,
        })
        .await
        .unwrap();

    let done = w.services.orders.checkout(user.id, order.id).await.unwrap();

    assert!(
        matches!(&done, Delivery::Refunded(o) if o.failure.as_deref().unwrap_or("").contains("another client")),
        "{done:?}"
    );
    assert_eq!(
        w.services.wallet.balance(user.id).await.unwrap(),
        Money::from_minor(1_000).unwrap()
    );
    assert_eq!(
        panel.client("FR-MoonVPN-1001").unwrap(),
        before,
        "the panel client is unchanged"
    );
    assert_eq!(panel.client_count(), 1);
    let told = w
        .services
        .store
        .due(SystemClock.now() + time::Duration::minutes(1), 100)
        .await
        .unwrap();
    assert!(
        told.iter()
            .any(|n| matches!(&n.notice.notice, Notice::OrderNeedsAttention { order: o, .. } if *o == order.id)),
        "the admins are told"
    );
}

/// The admins' alerts queued in the outbox, by kind, oldest first.
async fn admin_alerts(services: &Services) -> Vec<&'static str> {
    use notify::{Notice, OutboxRepo, Recipient};
    services
        .store
        .due(SystemClock.now() + time::Duration::minutes(1), 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.notice.recipient == Recipient::Admins)
        .map(|e| match e.notice.notice {
            Notice::PanelDown { .. } => "panel down",
            Notice::PanelUp { .. } => "panel up",
            Notice::PanelSyncFailed { .. } => "sync failed",
            Notice::ReconcileDrift { .. } => "drift",
            _ => "other",
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panel_outage_is_one_alert_going_down_and_one_coming_back() {
    let w = world().await;
    let panel = fake_panel().await;
    connect(&w.services, &panel).await;
    let health = health_check(w.services.fleet.clone(), alerts(&w.services));
    let sync = panel_sync(w.services.fleet.clone(), alerts(&w.services));

    health.run().await.unwrap();
    assert!(
        admin_alerts(&w.services).await.is_empty(),
        "up from the start: nothing to say"
    );

    panel.set_fault(Some(Fault::Down));
    for _ in 0..3 {
        health.run().await.unwrap();
    }
    sync.run().await.unwrap_err();
    assert_eq!(
        admin_alerts(&w.services).await,
        ["panel down"],
        "three checks and a failed sync while down: one alert"
    );

    panel.set_fault(None);
    health.run().await.unwrap();
    health.run().await.unwrap();
    sync.run().await.unwrap();
    assert_eq!(admin_alerts(&w.services).await, ["panel down", "panel up"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_sync_is_one_alert_until_a_sync_works_again() {
    let w = world().await;
    let panel = fake_panel().await;
    connect(&w.services, &panel).await;
    let sync = panel_sync(w.services.fleet.clone(), alerts(&w.services));

    panel.set_fault(Some(Fault::Http500));
    sync.run().await.unwrap_err();
    sync.run().await.unwrap_err();
    assert_eq!(admin_alerts(&w.services).await, ["sync failed"]);

    panel.set_fault(None);
    sync.run().await.unwrap();
    panel.set_fault(Some(Fault::Http500));
    sync.run().await.unwrap_err();
    assert_eq!(admin_alerts(&w.services).await, ["sync failed", "sync failed"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_scheduled_reconcile_reports_drift_in_one_notice_and_repairs_nothing() {
    use moonvpn::jobs::{DriftReport, JobReport, reconcile};
    use notify::{Notice, OutboxRepo};

    let w = world().await;
    let panel = fake_panel().await;
    connect(&w.services, &panel).await;
    let job = reconcile(
        w.services.fleet.clone(),
        alerts(&w.services),
        Duration::from_secs(24 * 3600),
    );
    assert_eq!(job.interval(), Duration::from_secs(24 * 3600));

    job.run().await.unwrap();
    assert!(admin_alerts(&w.services).await.is_empty(), "no drift: no notice");

    let stranger = serde_json::json!({
        "id": "0b1c2d3e-0000-4000-8000-00000000eeee", "email": "added-by-hand", "enable": true,
        "totalGB": 0, "expiryTime": 0, "limitIp": 0, "subId": "byhand0000000000",
        "flow": "", "tgId": 0, "reset": 0
    });
    panel.add_client_raw(panel.inbound_ids()[0], stranger);
    let report = job.step().await.unwrap();
    assert_eq!(
        report,
        DriftReport {
            panels: 1,
            drifted: 1,
            unreadable: 0
        }
    );
    assert_eq!(
        report.summary(),
        "1 panel(s) reconciled: 1 with drift, 0 could not be read"
    );
    assert_eq!(admin_alerts(&w.services).await, ["drift"]);
    let queued = w
        .services
        .store
        .due(SystemClock.now() + time::Duration::minutes(1), 100)
        .await
        .unwrap();
    let Notice::ReconcileDrift { panels } = &queued.last().unwrap().notice.notice else {
        panic!("{queued:?}");
    };
    assert_eq!((panels.len(), panels[0].unknown, panels[0].lost), (1, 1, 0));
    assert!(
        panel.client("added-by-hand").is_some(),
        "nothing is repaired or removed"
    );
}
