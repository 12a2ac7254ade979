//! The jobs `moonvpn run` schedules, each run once on the real store against the fakes: what
//! counts as a failure and what is only a result.

use std::sync::Arc;
use std::time::Duration;

use inventory::{DisplayName, LocationPrefix, NewLocation, NewPanel, PanelUrl};
use kernel::{Clock, IdempotencyKey, Money, Secret, SystemClock, TelegramId};
use members::TelegramProfile;
use moonvpn::config::{Config, OneOrMany, RawConfig};
use moonvpn::jobs::{HealthCheckJob, Job, OrderRecoveryJob, OutboxJob, PanelSyncJob, ReceiptExpiryJob};
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
    let services = Services::new(&config, store, driver, clock);
    World { fake, services }
}

async fn connect(services: &Services, panel: &FakePanel) {
    let location = services
        .inventory
        .add_location(&NewLocation {
            name: DisplayName::new("France").unwrap(),
            prefix: LocationPrefix::new("FR").unwrap(),
        })
        .await
        .unwrap()
        .id;
    services
        .inventory
        .connect_panel(
            &NewPanel {
                name: DisplayName::new("France 1").unwrap(),
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
    let job = OutboxJob::new(OutboxDispatcher::new(
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
    let job = PanelSyncJob::new(w.services.inventory.clone());

    assert_eq!(job.run().await.unwrap(), "1 panel(s) synced, 0 account(s) read");

    panel.set_fault(Some(Fault::Down));
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
    let job = HealthCheckJob::new(w.services.inventory.clone());

    assert_eq!(job.run().await.unwrap(), "1 panel(s) checked, 0 down");
    panel.set_fault(Some(Fault::Down));
    assert_eq!(job.run().await.unwrap(), "1 panel(s) checked, 1 down");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recovery_and_receipt_expiry_have_nothing_to_do_in_a_quiet_shop() {
    let w = world().await;
    assert_eq!(
        OrderRecoveryJob::new(w.services.orders.clone()).run().await.unwrap(),
        ""
    );
    assert_eq!(
        ReceiptExpiryJob::new(w.services.receipts.clone()).run().await.unwrap(),
        ""
    );
}
