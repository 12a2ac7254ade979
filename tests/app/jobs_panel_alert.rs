//! The health-check job's "panel down" alert, end to end in a Persian shop: a panel whose
//! password is wrong (the fake 3x-ui refuses the login) is found down, the alert carries why
//! by kind, and the outbox job delivers it to the superadmin entirely in Persian (#10).

use std::sync::Arc;

use inventory::{DisplayName, FleetRepo, LocationPrefix, NewLocation, NewPanel, PanelUrl};
use kernel::{Clock, Secret, SystemClock, TelegramId};
use members::TelegramProfile;
use moonvpn::config::{Config, OneOrMany, RawConfig};
use moonvpn::jobs::{Job, health_check, outbox};
use moonvpn::wiring;
use notify::OutboxDispatcher;
use store::Store;
use telegram::{BotApi, I18n, TelegramNotifier};
use testkit::telegram::FakeTelegram;
use testkit::{FakePanel, FakePanelConfig, InboundSpec};

const KEY: &str = "jobs-test-secret-key-0123456789abcdef";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_persian_shops_alert_for_a_panel_with_a_wrong_password_is_all_persian() {
    let fake = FakeTelegram::start().await;
    fake.disable_rate_limit();
    let mut raw = RawConfig::default();
    raw.telegram.token = Some(fake.token().to_owned());
    raw.telegram.api_url = fake.api_url();
    raw.admins.superadmins = OneOrMany::One(42);
    raw.security.secret_key = Some(KEY.to_owned());
    let config = Config::try_from(raw).unwrap();
    assert_eq!(
        config.currency().code(),
        "IRT",
        "a shop in Toman speaks Persian by default"
    );
    let store = Store::connect("sqlite::memory:", &Secret::new(KEY)).await.unwrap();
    store.migrate().await.unwrap();
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let driver = Arc::new(wiring::panel_driver(clock.clone()).unwrap());
    let services = wiring::services(&config, store, driver, clock);

    let root = fake.user(42);
    root.send_text("/start");
    services
        .members
        .register(TelegramProfile::new(TelegramId::new(42).unwrap(), None, "Root", None))
        .await
        .unwrap();

    let panel = FakePanel::start(FakePanelConfig::default()).await;
    panel.add_inbound(InboundSpec::vless_reality(443));
    let location = services
        .placement
        .add_location(&NewLocation {
            name: DisplayName::new("France").unwrap(),
            prefix: LocationPrefix::new("FR").unwrap(),
        })
        .await
        .unwrap()
        .id;
    // Stored as it was before someone changed the password on the panel.
    services
        .store
        .add_panel(
            &NewPanel {
                name: DisplayName::new("Paris").unwrap(),
                url: PanelUrl::new(&panel.url()).unwrap(),
                username: "admin".into(),
                password: Secret::new("not-the-password"),
                api_token: None,
                two_factor_secret: None,
                allow_insecure_tls: false,
                location,
            },
            SystemClock.now(),
        )
        .await
        .unwrap();

    let alerts = notify::AlertService::new(Arc::new(services.store.clone()), services.clock.clone());
    let health = health_check(services.fleet.clone(), alerts);
    assert_eq!(health.run().await.unwrap(), "1 panel(s) checked, 1 down");

    let api = BotApi::new(&fake.api_url(), &Secret::new(fake.token())).unwrap();
    let i18n = Arc::new(I18n::new(config.currency()).unwrap());
    let delivery = outbox(OutboxDispatcher::new(
        Arc::new(services.store.clone()),
        Arc::new(TelegramNotifier::new(api, i18n, services.members.clone())),
        services.clock.clone(),
    ));
    assert_eq!(delivery.run().await.unwrap(), "1 notice(s) delivered");

    let alert = root
        .bot_messages()
        .last()
        .cloned()
        .expect("the alert reached the superadmin");
    let text = alert.text_or_empty().replace(['\u{2068}', '\u{2069}'], "");
    assert_eq!(
        text,
        "🔴 پنل Paris از دسترس خارج است: پنل ورود را نپذیرفت؛ نام کاربری، رمز، کلید ورود \
         دومرحله‌ای و توکن API را بررسی کنید. تا پاسخ دادن دوباره، فروش از آن رد می‌شود."
    );
}
