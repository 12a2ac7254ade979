//! The payment providers' webhooks end to end: `[payments]` in the config → the factory →
//! one route per provider on the HTTP server → verify → settle once, driven by the fake
//! providers of `testkit`, which open the pay link MoonVPN made and call back in their real
//! format, signed, with retries.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use kernel::{Clock, Money, SystemClock, UserId};
use moonvpn::config::{Config, OneOrMany, RawConfig};
use moonvpn::http_limits::{HttpLimits, guard};
use moonvpn::wiring::{self, Services};
use payments::{Payment, PaymentStatus, Provider};
use store::Store;
use store::testing::{TEST_SECRET_KEY, TestDb};
use testkit::fake_gateway::{FakeGateway, Kind};

const ROBOKASSA_P1: &str = "rk-pass-one";
const ROBOKASSA_P2: &str = "rk-pass-two";
const FREEKASSA_S1: &str = "fk-word-one";
const FREEKASSA_S2: &str = "fk-word-two";

/// 50 000 Toman; at 1000 Toman = 1 RUB the providers collect 50.00 RUB.
const TOP_UP: i64 = 50_000;

fn config(robokassa_currency: &str) -> Config {
    let mut raw = RawConfig::default();
    raw.telegram.token = Some("123456:test-token".to_owned());
    raw.admins.superadmins = OneOrMany::One(42);
    raw.security.secret_key = Some(TEST_SECRET_KEY.to_owned());
    let payments: gateways::PaymentsConfig = toml_payments(robokassa_currency);
    raw.payments = payments;
    Config::try_from(raw).expect("a valid config")
}

fn toml_payments(robokassa_currency: &str) -> gateways::PaymentsConfig {
    let text = format!(
        r#"
        public_url = "https://shop.example"
        [robokassa]
        enabled = true
        merchant_login = "moon_shop"
        password1 = "{ROBOKASSA_P1}"
        password2 = "{ROBOKASSA_P2}"
        currency = "{robokassa_currency}"
        rate = {{ shop = 1000, provider = 1 }}
        [freekassa]
        enabled = true
        merchant_id = "14963"
        secret_word_1 = "{FREEKASSA_S1}"
        secret_word_2 = "{FREEKASSA_S2}"
        currency = "RUB"
        rate = {{ shop = 1000, provider = 1 }}
        "#
    );
    use figment::providers::Format as _;
    figment::Figment::from(figment::providers::Toml::string(&text))
        .extract()
        .expect("payments section")
}

struct World {
    services: Services,
    base: String,
    user: UserId,
}

impl World {
    async fn new(db: &TestDb) -> Self {
        let store = db.store();
        let user = store::testing::insert_user(&store, 7001).await;
        Self::with_config(store, &config("RUB"), user).await
    }

    async fn with_config(store: Store, config: &Config, user: UserId) -> Self {
        let clock: Arc<dyn Clock> = Arc::new(SystemClock);
        let driver = Arc::new(wiring::panel_driver(clock.clone()).unwrap());
        let services = wiring::services(config, store, driver, clock);
        let base = serve(&services).await;
        Self { services, base, user }
    }

    fn fake(&self, provider: Provider) -> FakeGateway {
        let url = format!("{}/pay/{provider}/callback", self.base);
        let kind = match provider {
            Provider::Robokassa => Kind::Robokassa {
                merchant_login: "moon_shop".into(),
                password1: ROBOKASSA_P1.into(),
                password2: ROBOKASSA_P2.into(),
            },
            Provider::FreeKassa => Kind::FreeKassa {
                merchant_id: "14963".into(),
                secret_word_1: FREEKASSA_S1.into(),
                secret_word_2: FREEKASSA_S2.into(),
            },
            other => panic!("no fake for {other}"),
        };
        FakeGateway::new(kind, url).with_retries(3, Duration::from_millis(20))
    }

    async fn top_up(&self, provider: Provider) -> Payment {
        self.services
            .payments
            .create_topup(self.user, provider, Money::from_minor(TOP_UP).unwrap(), "Wallet top-up")
            .await
            .unwrap()
    }

    async fn balance(&self) -> i64 {
        self.services.wallet.balance(self.user).await.unwrap().minor()
    }

    async fn status(&self, payment: &Payment) -> PaymentStatus {
        self.services.payments.get(payment.id).await.unwrap().status
    }
}

/// The app's payment routes behind the app's HTTP limits, on a loopback port, with the
/// caller's address known (as `moonvpn run` serves them).
async fn serve(services: &Services) -> String {
    let router = guard(
        moonvpn::http_payments::router(services.payments.clone()),
        &HttpLimits::new(None),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(
        async move { axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await },
    );
    format!("http://{addr}")
}

const PROVIDERS: [Provider; 2] = [Provider::Robokassa, Provider::FreeKassa];

#[tokio::test]
async fn a_top_up_through_each_provider_credits_the_wallet_exactly_once_and_replays_change_nothing() {
    let db = TestDb::sqlite().await;
    let world = World::new(&db).await;
    let mut expected = 0;
    for provider in PROVIDERS {
        let payment = world.top_up(provider).await;
        assert_eq!(
            payment.charge.to_string(),
            "50.00 RUB",
            "{provider}: the admin's rate, in integers"
        );
        let fake = world.fake(provider);
        let invoice = fake
            .open(payment.pay_url.as_deref().unwrap())
            .expect("a correctly signed pay link");
        let callback = fake.paid(&invoice);
        let delivery = fake.deliver(&callback).await;
        assert!(delivery.acknowledged, "{provider}: {delivery:?}");
        assert_eq!(delivery.answers.len(), 1, "{provider}: acknowledged at once, no retry");
        assert_eq!(delivery.answers[0].1, callback.expected_ack());
        expected += TOP_UP;
        assert_eq!(world.balance().await, expected, "{provider}: credited");
        assert_eq!(world.status(&payment).await, PaymentStatus::Paid);

        let replay = fake.deliver(&callback).await;
        assert!(
            replay.acknowledged,
            "{provider}: a replay is acknowledged so the provider stops"
        );
        assert_eq!(world.balance().await, expected, "{provider}: a replay credits nothing");
    }
}

#[tokio::test]
async fn a_forged_callback_gets_400_on_every_retry_and_credits_nothing() {
    let db = TestDb::sqlite().await;
    let world = World::new(&db).await;
    for provider in PROVIDERS {
        let payment = world.top_up(provider).await;
        let fake = world.fake(provider);
        let invoice = fake.open(payment.pay_url.as_deref().unwrap()).unwrap();
        let delivery = fake.deliver(&fake.paid(&invoice).forged()).await;
        assert!(!delivery.acknowledged);
        assert_eq!(delivery.answers.len(), 3, "{provider}: the provider retried");
        assert!(delivery.answers.iter().all(|a| a.0 == 400), "{provider}: {delivery:?}");
        assert_eq!(world.balance().await, 0);
        assert_eq!(world.status(&payment).await, PaymentStatus::Created);
    }
}

#[tokio::test]
async fn an_amount_changed_on_the_way_or_signed_by_the_provider_is_refused_and_the_real_one_still_credits() {
    let db = TestDb::sqlite().await;
    let world = World::new(&db).await;
    let mut expected = 0;
    for (provider, smaller) in [(Provider::Robokassa, "1.000000"), (Provider::FreeKassa, "1.00")] {
        let payment = world.top_up(provider).await;
        let fake = world.fake(provider);
        let invoice = fake.open(payment.pay_url.as_deref().unwrap()).unwrap();
        let genuine = fake.paid(&invoice);

        let tampered = fake.deliver(&genuine.clone().tampered_amount(smaller)).await;
        assert_eq!(
            tampered.last_status(),
            400,
            "{provider}: the signature no longer matches"
        );
        let other_amount = fake.deliver(&genuine.clone().signed_amount(smaller)).await;
        assert_eq!(
            other_amount.last_status(),
            400,
            "{provider}: authentic, but not the amount created"
        );
        assert_eq!(world.balance().await, expected, "{provider}");
        assert_eq!(world.status(&payment).await, PaymentStatus::Created);

        assert!(fake.deliver(&genuine).await.acknowledged);
        expected += TOP_UP;
        assert_eq!(
            world.balance().await,
            expected,
            "{provider}: the genuine callback credits"
        );
    }
}

#[tokio::test]
async fn a_callback_in_another_currency_than_the_payment_was_created_in_is_refused() {
    // The payment is created while Robokassa charges RUB; then the admin switches it to
    // USD. Robokassa's callback carries no currency, so the adapter reads it in USD now:
    // 50.00 USD is not 50.00 RUB, and nothing is credited.
    let db = TestDb::sqlite().await;
    let rub = World::new(&db).await;
    let payment = rub.top_up(Provider::Robokassa).await;
    let usd = World::with_config(db.store(), &config("USD"), rub.user).await;
    let fake = usd.fake(Provider::Robokassa);
    let invoice = fake.open(payment.pay_url.as_deref().unwrap()).unwrap();
    let delivery = fake.deliver(&fake.paid(&invoice)).await;
    assert_eq!(delivery.last_status(), 400);
    assert_eq!(usd.balance().await, 0);
    assert_eq!(usd.status(&payment).await, PaymentStatus::Created);
}

#[tokio::test]
async fn unknown_payments_disabled_providers_and_oversized_bodies_are_refused() {
    let db = TestDb::sqlite().await;
    let world = World::new(&db).await;
    let fake = world.fake(Provider::Robokassa);
    let nobody = testkit::fake_gateway::Invoice {
        order: "999".into(),
        amount: "50.00".into(),
        currency: None,
    };
    let delivery = fake.deliver(&fake.paid(&nobody)).await;
    assert_eq!(delivery.last_status(), 404, "signed, but names no payment of ours");

    let client = reqwest::Client::new();
    let disabled = client
        .post(format!("{}/pay/yookassa/callback", world.base))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(
        disabled.status().as_u16(),
        404,
        "no route for a provider that is not enabled"
    );

    let huge = client
        .post(format!("{}/pay/robokassa/callback", world.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'a'; moonvpn::http_payments::CALLBACK_BODY_LIMIT + 1])
        .send()
        .await
        .unwrap();
    assert_eq!(huge.status().as_u16(), 413);
    assert_eq!(world.balance().await, 0);
}

async fn sixteen_concurrent_deliveries_credit_once(db: TestDb) {
    let world = World::new(&db).await;
    for provider in PROVIDERS {
        let payment = world.top_up(provider).await;
        let fake = world.fake(provider);
        let callback = fake.paid(&fake.open(payment.pay_url.as_deref().unwrap()).unwrap());
        let deliveries = futures::future::join_all((0..16).map(|_| fake.deliver(&callback))).await;
        assert!(deliveries.iter().all(|d| d.acknowledged), "{provider}: {deliveries:?}");
        assert_eq!(world.status(&payment).await, PaymentStatus::Paid);
    }
    assert_eq!(world.balance().await, 2 * TOP_UP, "one credit per payment");
}

#[tokio::test]
async fn sixteen_concurrent_deliveries_of_one_callback_credit_once_on_sqlite() {
    sixteen_concurrent_deliveries_credit_once(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn sixteen_concurrent_deliveries_of_one_callback_credit_once_on_postgres() {
    let Some(db) = TestDb::postgres().await else {
        eprintln!("MOONVPN_TEST_POSTGRES_URL is not set; skipped");
        return;
    };
    sixteen_concurrent_deliveries_credit_once(db).await;
}

#[test]
fn config_check_masks_provider_secrets_and_names_the_callback_urls() {
    let shown = config("RUB").to_string();
    for secret in [ROBOKASSA_P1, ROBOKASSA_P2, FREEKASSA_S1, FREEKASSA_S2] {
        assert!(!shown.contains(secret), "{secret} is shown: {shown}");
    }
    assert!(shown.contains("https://shop.example/pay/robokassa/callback"), "{shown}");
    assert!(shown.contains("https://shop.example/pay/freekassa/callback"), "{shown}");
    assert!(format!("{:?}", config("RUB")).find(ROBOKASSA_P2).is_none());
}

#[test]
fn an_enabled_provider_without_its_secret_stops_start_up_naming_the_key() {
    let mut raw = RawConfig::default();
    raw.telegram.token = Some("123456:test-token".to_owned());
    raw.admins.superadmins = OneOrMany::One(42);
    raw.security.secret_key = Some(TEST_SECRET_KEY.to_owned());
    let mut payments = toml_payments("RUB");
    if let Some(r) = payments.robokassa.as_mut() {
        r.password2 = String::new();
    }
    raw.payments = payments;
    let error = Config::try_from(raw).unwrap_err().to_string();
    assert_eq!(
        error,
        "config error: payments.robokassa.password2 is required when the provider is enabled"
    );
}

/// A shop with Zarinpal on the fake: the HTTP server's address is known before the config
/// (Zarinpal needs `public_url` for the payer's way back).
async fn zarinpal_world(db: &TestDb, fake: &testkit::fake_gateway::FakeZarinpal) -> World {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let text = format!(
        r#"
        public_url = "{base}"
        [zarinpal]
        enabled = true
        merchant_id = "2f1b7c1e-0d7a-4c9e-9a0b-6f5d3c2b1a00"
        currency = "IRT"
        api_url = "{}"
        "#,
        fake.api_url()
    );
    use figment::providers::Format as _;
    let payments: gateways::PaymentsConfig = figment::Figment::from(figment::providers::Toml::string(&text))
        .extract()
        .unwrap();
    let mut raw = RawConfig::default();
    raw.telegram.token = Some("123456:test-token".to_owned());
    raw.admins.superadmins = OneOrMany::One(42);
    raw.security.secret_key = Some(TEST_SECRET_KEY.to_owned());
    raw.payments = payments;
    let config = Config::try_from(raw).unwrap();
    assert!(!config.to_string().contains("2f1b7c1e"), "the merchant id is masked");
    let store = db.store();
    let user = store::testing::insert_user(&store, 7002).await;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let driver = Arc::new(wiring::panel_driver(clock.clone()).unwrap());
    let services = wiring::services(&config, store, driver, clock);
    let router = guard(
        moonvpn::http_payments::router(services.payments.clone()),
        &HttpLimits::new(None),
    );
    tokio::spawn(
        async move { axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await },
    );
    World { services, base, user }
}

#[tokio::test]
async fn a_zarinpal_top_up_is_verified_by_our_call_credits_once_and_a_reload_is_a_replay() {
    use testkit::fake_gateway::FakeZarinpal;
    let fake = FakeZarinpal::start().await;
    let db = TestDb::sqlite().await;
    let world = zarinpal_world(&db, &fake).await;
    let payment = world.top_up(Provider::Zarinpal).await;
    assert_eq!(payment.charge.to_string(), "50000 IRT");
    let pay_url = payment.pay_url.clone().unwrap();
    assert!(
        pay_url.starts_with(&format!("{}/pg/StartPay/A", fake.api_url())),
        "{pay_url}"
    );

    let (status, body) = fake.pay(&pay_url).await;
    assert_eq!((status, body.contains("Payment received")), (200, true), "{body}");
    assert_eq!(world.balance().await, TOP_UP);
    assert_eq!(world.status(&payment).await, PaymentStatus::Paid);

    let authority = FakeZarinpal::authority_of(&pay_url).unwrap();
    let (reload, _) = fake.come_back(&authority, "OK").await;
    assert_eq!(reload, 200, "Zarinpal says 101: verified before, acknowledged");
    assert_eq!(world.balance().await, TOP_UP, "a replay credits nothing");
}

#[tokio::test]
async fn a_zarinpal_browser_claim_a_forged_authority_or_another_amount_credits_nothing() {
    use testkit::fake_gateway::FakeZarinpal;
    let fake = FakeZarinpal::start().await;
    let db = TestDb::sqlite().await;
    let world = zarinpal_world(&db, &fake).await;
    let first = world.top_up(Provider::Zarinpal).await;
    let second = world.top_up(Provider::Zarinpal).await;
    let first_authority = FakeZarinpal::authority_of(first.pay_url.as_deref().unwrap()).unwrap();
    let second_authority = FakeZarinpal::authority_of(second.pay_url.as_deref().unwrap()).unwrap();

    let (claim, _) = fake.come_back(&first_authority, "OK").await;
    assert_eq!(claim, 400, "Status=OK without paying is only a claim");

    let callback = |payment: &Payment, amount: i64, authority: &str| {
        format!(
            "{}/pay/zarinpal/callback?payment={}&amount={amount}&Authority={authority}&Status=OK",
            world.base, payment.id
        )
    };
    let (forged, _) = fake
        .get(&callback(&first, TOP_UP, "A00000000000000000000000000000009999"))
        .await;
    assert_eq!(forged, 400, "an authority Zarinpal never issued");

    assert!(fake.pay_only(&second_authority));
    let (other_amount, _) = fake.get(&callback(&second, 1_000, &second_authority)).await;
    assert_eq!(other_amount, 400, "verify with another amount fails at Zarinpal");
    let (other_payment, _) = fake.get(&callback(&first, TOP_UP, &second_authority)).await;
    assert_eq!(
        other_payment, 400,
        "the second payment's authority cannot settle the first"
    );
    assert_eq!(world.balance().await, 0);
    assert_eq!(world.status(&first).await, PaymentStatus::Created);

    let (own, _) = fake.get(&callback(&second, TOP_UP, &second_authority)).await;
    assert_eq!(own, 200, "verified before (101), still credited once here");
    assert_eq!(world.balance().await, TOP_UP);
    assert_eq!(world.status(&second).await, PaymentStatus::Paid);
}

#[tokio::test]
async fn reconciliation_settles_a_zarinpal_payment_whose_payer_never_came_back_and_expires_the_rest() {
    use testkit::fake_gateway::FakeZarinpal;
    let fake = FakeZarinpal::start().await;
    let db = TestDb::sqlite().await;
    let world = zarinpal_world(&db, &fake).await;
    let paid = world.top_up(Provider::Zarinpal).await;
    let abandoned = world.top_up(Provider::Zarinpal).await;
    assert!(fake.pay_only(&FakeZarinpal::authority_of(paid.pay_url.as_deref().unwrap()).unwrap()));

    let report = world
        .services
        .payments
        .reconcile(time::Duration::ZERO, time::Duration::hours(24), 10)
        .await
        .unwrap();
    assert_eq!(report.settled, vec![paid.id]);
    assert!(report.expired.is_empty(), "the other one is young: still pending");
    assert_eq!(world.balance().await, TOP_UP);

    let later = world
        .services
        .payments
        .reconcile(time::Duration::ZERO, time::Duration::ZERO, 10)
        .await
        .unwrap();
    assert_eq!(later.expired, vec![abandoned.id]);
    assert_eq!(world.status(&abandoned).await, PaymentStatus::Expired);
    assert_eq!(world.balance().await, TOP_UP);
}

const NOWPAYMENTS_KEY: &str = "np-api-key";
const NOWPAYMENTS_IPN: &str = "np-ipn-secret";

/// A shop with NOWPayments on the fake, its IPN URL on the test server.
async fn nowpayments_world(db: &TestDb, fake: &testkit::fake_gateway::FakeNowPayments) -> World {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let text = format!(
        r#"
        public_url = "{base}"
        [nowpayments]
        enabled = true
        api_key = "{NOWPAYMENTS_KEY}"
        ipn_secret = "{NOWPAYMENTS_IPN}"
        currency = "USD"
        rate = {{ shop = 50000, provider = 1 }}
        api_url = "{}"
        "#,
        fake.api_url()
    );
    use figment::providers::Format as _;
    let payments: gateways::PaymentsConfig = figment::Figment::from(figment::providers::Toml::string(&text))
        .extract()
        .unwrap();
    let mut raw = RawConfig::default();
    raw.telegram.token = Some("123456:test-token".to_owned());
    raw.admins.superadmins = OneOrMany::One(42);
    raw.security.secret_key = Some(TEST_SECRET_KEY.to_owned());
    raw.payments = payments;
    let config = Config::try_from(raw).unwrap();
    let shown = config.to_string();
    assert!(
        !shown.contains(NOWPAYMENTS_KEY) && !shown.contains(NOWPAYMENTS_IPN),
        "{shown}"
    );
    let store = db.store();
    let user = store::testing::insert_user(&store, 7003).await;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let driver = Arc::new(wiring::panel_driver(clock.clone()).unwrap());
    let services = wiring::services(&config, store, driver, clock);
    let router = guard(
        moonvpn::http_payments::router(services.payments.clone()),
        &HttpLimits::new(None),
    );
    tokio::spawn(
        async move { axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await },
    );
    World { services, base, user }
}

#[tokio::test]
async fn a_nowpayments_top_up_credits_once_and_forged_altered_or_foreign_currency_ipns_do_not() {
    use testkit::fake_gateway::FakeNowPayments;
    let fake = FakeNowPayments::start(NOWPAYMENTS_KEY, NOWPAYMENTS_IPN).await;
    let db = TestDb::sqlite().await;
    let world = nowpayments_world(&db, &fake).await;
    let payment = world.top_up(Provider::NowPayments).await;
    assert_eq!(
        payment.charge.to_string(),
        "1.00 USD",
        "50,000 Toman at 50,000 Toman per dollar"
    );
    let invoice = payment.pay_url.clone().unwrap();
    assert!(invoice.starts_with("https://nowpayments.io/payment/?iid="), "{invoice}");

    let waiting = fake.deliver(&fake.ipn(&invoice, "waiting")).await;
    assert!(
        waiting.acknowledged,
        "an authentic IPN we do not act on is acknowledged"
    );
    assert_eq!(world.balance().await, 0);

    let finished = fake.ipn(&invoice, "finished");
    let forged = fake.deliver_signed(&finished, &"ab".repeat(64)).await;
    assert_eq!((forged.acknowledged, forged.last_status()), (false, 400));
    assert_eq!(forged.answers.len(), 3, "NOWPayments retried");

    let mut other_amount = finished.clone();
    other_amount["price_amount"] = serde_json::json!(0.5);
    assert_eq!(
        fake.deliver(&other_amount).await.last_status(),
        400,
        "authentic, another amount"
    );
    let mut other_currency = finished.clone();
    other_currency["price_currency"] = serde_json::json!("eur");
    assert_eq!(
        fake.deliver(&other_currency).await.last_status(),
        400,
        "authentic, another currency"
    );
    let tampered = finished.to_string().replace("\"price_amount\":1", "\"price_amount\":2");
    let sig = fake.sign(&finished);
    let response = reqwest::Client::new()
        .post(format!("{}/pay/nowpayments/callback", world.base))
        .header("x-nowpayments-sig", sig)
        .header("content-type", "application/json")
        .body(tampered)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status().as_u16(),
        400,
        "changed on the way: the signature fails"
    );
    assert_eq!(world.balance().await, 0);
    assert_eq!(world.status(&payment).await, PaymentStatus::Created);

    let paid = fake.deliver(&finished).await;
    assert!(paid.acknowledged, "{paid:?}");
    assert_eq!(world.balance().await, TOP_UP);
    let replay = fake.deliver(&finished).await;
    assert!(replay.acknowledged, "a replay is acknowledged");
    assert_eq!(world.balance().await, TOP_UP, "and credits nothing");
    assert_eq!(world.status(&payment).await, PaymentStatus::Paid);
}
