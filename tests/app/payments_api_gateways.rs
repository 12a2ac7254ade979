//! YooKassa, CoinGate and Cryptomus end to end: `[payments]` in the config → the factory →
//! `/pay/<provider>/callback` on the HTTP server → verify → settle once, driven by the fake
//! providers of `testkit`, which create payments through their API, answer the re-fetch, and
//! call back in their real format with retries. Reconciliation and YooKassa refunds too.

use std::net::SocketAddr;
use std::sync::Arc;

use kernel::{Clock, Money, SystemClock, UserId};
use moonvpn::config::{Config, OneOrMany, RawConfig};
use moonvpn::http_limits::{HttpLimits, guard};
use moonvpn::wiring::{self, Services};
use payments::{Payment, PaymentStatus, Provider};
use store::testing::{TEST_SECRET_KEY, TestDb};
use testkit::fake_gateway::{FakeCoinGate, FakeCryptomus, FakeYooKassa};

/// 50 000 Toman; at 50 000 Toman = 1 USD / 1000 Toman = 1 RUB.
const TOP_UP: i64 = 50_000;
const YK_SHOP: &str = "506751";
const YK_SECRET: &str = "test_yk_secret";
const CG_TOKEN: &str = "cg-api-token";
const CG_SECRET: &str = "cg-callback-secret";
const CM_MERCHANT: &str = "c26b80a8-9549-4b3c-a5d5-2b8b1c7ce9d0";
const CM_KEY: &str = "cm-payment-key";

struct World {
    services: Services,
    base: String,
    user: UserId,
    admin: UserId,
}

struct Fakes {
    yookassa: FakeYooKassa,
    coingate: FakeCoinGate,
    cryptomus: FakeCryptomus,
}

impl Fakes {
    async fn start() -> Self {
        Self {
            yookassa: FakeYooKassa::start(YK_SHOP, YK_SECRET).await,
            coingate: FakeCoinGate::start(CG_TOKEN).await,
            cryptomus: FakeCryptomus::start(CM_MERCHANT, CM_KEY).await,
        }
    }
}

/// A shop with the three providers on the fakes, its callbacks on a loopback server.
async fn world(db: &TestDb, fakes: &Fakes) -> World {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let text = format!(
        r#"
        public_url = "{base}"
        [yookassa]
        enabled = true
        shop_id = "{YK_SHOP}"
        secret_key = "{YK_SECRET}"
        return_url = "https://t.me/moon_bot"
        currency = "RUB"
        rate = {{ shop = 1000, provider = 1 }}
        allowed_networks = ["127.0.0.1/32"]
        api_url = "{}"
        [coingate]
        enabled = true
        api_token = "{CG_TOKEN}"
        callback_secret = "{CG_SECRET}"
        currency = "USD"
        rate = {{ shop = 50000, provider = 1 }}
        api_url = "{}"
        [cryptomus]
        enabled = true
        merchant = "{CM_MERCHANT}"
        payment_key = "{CM_KEY}"
        currency = "USD"
        rate = {{ shop = 50000, provider = 1 }}
        api_url = "{}"
        "#,
        fakes.yookassa.api_url(),
        fakes.coingate.api_url(),
        fakes.cryptomus.api_url(),
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
    for secret in [YK_SECRET, CG_TOKEN, CG_SECRET, CM_KEY] {
        assert!(!shown.contains(secret), "config check masks {secret}: {shown}");
    }
    for provider in ["yookassa", "coingate", "cryptomus"] {
        assert!(shown.contains(&format!("{base}/pay/{provider}/callback")), "{shown}");
    }
    let store = db.store();
    let user = store::testing::insert_user(&store, 7005).await;
    let admin = store::testing::insert_user(&store, 42).await;
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
    World {
        services,
        base,
        user,
        admin,
    }
}

impl World {
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

    fn url(&self, provider: Provider) -> String {
        format!("{}/pay/{provider}/callback", self.base)
    }
}

#[tokio::test]
async fn a_yookassa_top_up_is_believed_only_from_the_api_credits_once_and_refunds_once() {
    let fakes = Fakes::start().await;
    let db = TestDb::sqlite().await;
    let world = world(&db, &fakes).await;
    let yk = &fakes.yookassa;
    let url = world.url(Provider::YooKassa);
    let payment = world.top_up(Provider::YooKassa).await;
    assert_eq!(payment.charge.to_string(), "50.00 RUB");
    let id = FakeYooKassa::id_of(payment.pay_url.as_deref().unwrap());
    assert_eq!(payment.provider_ref.as_deref(), Some(id.as_str()));

    let mut forged = yk.notification(&id, "payment.succeeded");
    forged["object"]["status"] = serde_json::json!("succeeded");
    forged["object"]["paid"] = serde_json::json!(true);
    let claimed = yk.deliver(&url, &forged).await;
    assert!(claimed.acknowledged, "{claimed:?}");
    assert_eq!(
        (world.balance().await, world.status(&payment).await),
        (0, PaymentStatus::Created),
        "a notification saying paid is not believed: YooKassa's API says pending"
    );
    let mut unknown = forged.clone();
    unknown["object"]["id"] = serde_json::json!("2f8affff-000f-5000-8000-18db351245c7");
    let refused = yk.deliver(&url, &unknown).await;
    assert_eq!((refused.acknowledged, refused.last_status()), (false, 400));
    assert_eq!(refused.answers.len(), 3, "YooKassa retried");

    yk.pay(&id);
    let paid = yk.deliver(&url, &yk.notification(&id, "payment.succeeded")).await;
    assert!(paid.acknowledged, "{paid:?}");
    assert_eq!(world.balance().await, TOP_UP);
    let replay = yk.deliver(&url, &yk.notification(&id, "payment.succeeded")).await;
    assert!(replay.acknowledged, "a replay is acknowledged");
    assert_eq!(world.balance().await, TOP_UP, "and credits nothing");
    assert_eq!(world.status(&payment).await, PaymentStatus::Paid);

    for (value, currency) in [("5.00", "RUB"), ("50.00", "EUR")] {
        let other = world.top_up(Provider::YooKassa).await;
        let other_id = FakeYooKassa::id_of(other.pay_url.as_deref().unwrap());
        yk.collect(&other_id, value, currency);
        let delivery = yk.deliver(&url, &yk.notification(&other_id, "payment.succeeded")).await;
        assert_eq!(delivery.last_status(), 400, "{value} {currency} is refused");
        assert_eq!(world.status(&other).await, PaymentStatus::Created);
    }
    assert_eq!(world.balance().await, TOP_UP);

    let refunded = world.services.payments.refund(world.admin, payment.id).await.unwrap();
    assert_eq!(refunded.status, PaymentStatus::Refunded);
    assert_eq!(world.balance().await, 0, "the credit left the wallet");
    world.services.payments.refund(world.admin, payment.id).await.unwrap();
    let refunds = yk.refunds();
    assert_eq!(refunds.len(), 1, "asked twice, refunded once: {refunds:?}");
    assert_eq!(refunds[0]["payment_id"], id.as_str());
    assert_eq!(refunds[0]["amount"]["value"], "50.00");
}

#[tokio::test]
async fn a_coingate_callback_needs_its_token_and_coingates_own_answer_and_credits_once() {
    let fakes = Fakes::start().await;
    let db = TestDb::sqlite().await;
    let world = world(&db, &fakes).await;
    let cg = &fakes.coingate;
    let payment = world.top_up(Provider::CoinGate).await;
    assert_eq!(payment.charge.to_string(), "1.00 USD");
    let id = FakeCoinGate::id_of(payment.pay_url.as_deref().unwrap());

    let mut forged = cg.callback(id);
    forged.iter_mut().find(|(k, _)| k == "token").unwrap().1 = "0".repeat(64);
    let refused = cg.deliver(&forged).await;
    assert_eq!((refused.acknowledged, refused.last_status()), (false, 400));
    assert_eq!(refused.answers.len(), 3, "CoinGate retried");

    let mut claimed = cg.callback(id);
    claimed.iter_mut().find(|(k, _)| k == "status").unwrap().1 = "paid".into();
    assert!(cg.deliver(&claimed).await.acknowledged);
    assert_eq!(
        world.balance().await,
        0,
        "a callback saying paid is not believed: CoinGate's API says new"
    );

    cg.set_status(id, "paid");
    let mut cheap = cg.callback(id);
    cheap.iter_mut().find(|(k, _)| k == "price_amount").unwrap().1 = "0.01".into();
    let paid = cg.deliver(&cheap).await;
    assert!(paid.acknowledged, "{paid:?}");
    assert_eq!(
        world.balance().await,
        TOP_UP,
        "the amount is CoinGate's, not the callback's"
    );
    assert!(
        cg.deliver(&cg.callback(id)).await.acknowledged,
        "a replay is acknowledged"
    );
    assert_eq!(world.balance().await, TOP_UP, "and credits nothing");

    for (amount, currency) in [("0.50", "USD"), ("1.00", "EUR")] {
        let other = world.top_up(Provider::CoinGate).await;
        let other_id = FakeCoinGate::id_of(other.pay_url.as_deref().unwrap());
        cg.collect(other_id, amount, currency);
        assert_eq!(cg.deliver(&cg.callback(other_id)).await.last_status(), 400);
        assert_eq!(world.status(&other).await, PaymentStatus::Created);
    }
    assert_eq!(world.balance().await, TOP_UP);
}

#[tokio::test]
async fn a_cryptomus_webhook_is_checked_php_style_and_credits_once() {
    let fakes = Fakes::start().await;
    let db = TestDb::sqlite().await;
    let world = world(&db, &fakes).await;
    let cm = &fakes.cryptomus;
    let payment = world.top_up(Provider::Cryptomus).await;
    assert_eq!(payment.charge.to_string(), "1.00 USD");
    let uuid = FakeCryptomus::uuid_of(payment.pay_url.as_deref().unwrap());
    assert_eq!(payment.provider_ref.as_deref(), Some(uuid.as_str()));

    assert!(cm.deliver(&cm.webhook(&uuid, "check")).await.acknowledged);
    assert_eq!(world.balance().await, 0);

    let paid = cm.webhook(&uuid, "paid");
    let forged = cm.deliver(&FakeCryptomus::forge(&paid, &"0".repeat(32))).await;
    assert_eq!((forged.acknowledged, forged.last_status()), (false, 400));
    assert_eq!(forged.answers.len(), 3, "delivered again");
    let tampered = paid.replace("\"amount\":\"1.00\"", "\"amount\":\"0.01\"");
    assert_ne!(tampered, paid);
    assert_eq!(cm.deliver(&tampered).await.last_status(), 400, "changed on the way");
    for (amount, currency) in [("0.50", "USD"), ("1.00", "EUR")] {
        let resigned = cm.webhook_with(&uuid, "paid", amount, currency);
        assert_eq!(
            cm.deliver(&resigned).await.last_status(),
            400,
            "authentic, {amount} {currency}"
        );
    }
    assert_eq!(world.balance().await, 0);
    assert_eq!(world.status(&payment).await, PaymentStatus::Created);

    let delivered = cm.deliver(&paid).await;
    assert!(delivered.acknowledged, "{delivered:?}");
    assert_eq!(world.balance().await, TOP_UP);
    assert!(cm.deliver(&paid).await.acknowledged, "a replay is acknowledged");
    assert_eq!(world.balance().await, TOP_UP, "and credits nothing");
    assert_eq!(world.status(&payment).await, PaymentStatus::Paid);
}

#[tokio::test]
async fn reconciliation_asks_each_provider_and_settles_or_fails_what_no_callback_reported() {
    let fakes = Fakes::start().await;
    let db = TestDb::sqlite().await;
    let world = world(&db, &fakes).await;
    let yk = world.top_up(Provider::YooKassa).await;
    let cg = world.top_up(Provider::CoinGate).await;
    let cm = world.top_up(Provider::Cryptomus).await;
    let cancelled = world.top_up(Provider::YooKassa).await;
    let waiting = world.top_up(Provider::CoinGate).await;
    fakes.yookassa.pay(&FakeYooKassa::id_of(yk.pay_url.as_deref().unwrap()));
    fakes
        .coingate
        .set_status(FakeCoinGate::id_of(cg.pay_url.as_deref().unwrap()), "paid");
    fakes
        .cryptomus
        .set_status(&FakeCryptomus::uuid_of(cm.pay_url.as_deref().unwrap()), "paid_over");
    fakes
        .yookassa
        .cancel(&FakeYooKassa::id_of(cancelled.pay_url.as_deref().unwrap()));

    let report = world
        .services
        .payments
        .reconcile(time::Duration::ZERO, time::Duration::hours(24), 100)
        .await
        .unwrap();
    let mut settled = report.settled.clone();
    settled.sort();
    assert_eq!(settled, vec![yk.id, cg.id, cm.id], "{report:?}");
    assert_eq!(report.failed, vec![cancelled.id], "{report:?}");
    assert!(report.errors.is_empty(), "{report:?}");
    assert_eq!(world.balance().await, 3 * TOP_UP);
    assert_eq!(world.status(&waiting).await, PaymentStatus::Created);

    let again = world
        .services
        .payments
        .reconcile(time::Duration::ZERO, time::Duration::hours(24), 100)
        .await
        .unwrap();
    assert!(again.settled.is_empty() && again.failed.is_empty(), "{again:?}");
    assert_eq!(world.balance().await, 3 * TOP_UP, "a second pass credits nothing");
}
