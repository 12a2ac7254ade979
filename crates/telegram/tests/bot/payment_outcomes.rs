//! What a payer sees when a provider payment does not simply credit the wallet, in English,
//! Persian and Russian: a payment nobody completed expires and the payer is told once, with
//! "Try again" (a new payment of the same amount through the same provider) and the way back
//! to the methods; a payment made from the checkout's "balance short" screen pays the order
//! by itself when Robokassa's signed callback lands (the service is delivered, the order paid
//! once however often the callback comes), and when the order expired meanwhile the money
//! stays in the wallet and the payer is told.

use std::sync::Arc;
use std::time::Duration;

use kernel::{PageRequest, Secret};
use members::Language;
use notify::OutboxDispatcher;
use payments::{CallbackRequest, Payment, PaymentQuery, PaymentStatus, Provider};
use telegram::{CallbackCodec, CallbackKey, TelegramNotifier};
use testkit::fake_gateway::{FakeGateway, Kind};
use testshop::{PlanSpec, TestShop};

use crate::stars::robokassa;
use crate::support::{Screens, label};

/// Delivers the outbox as the notice job does (buttons signed), past the order notices'
/// inline grace.
pub(crate) async fn deliver_notices(shop: &TestShop) {
    shop.clock.advance(time::Duration::seconds(20));
    let d = testshop::bot_deps_for(&shop.fake, &shop.services, testshop::SECRET);
    let codec = CallbackCodec::new(CallbackKey::derive(&Secret::new(testshop::SECRET)));
    let notifier = TelegramNotifier::new(d.api.clone(), d.i18n.clone(), d.members.clone()).with_buttons(codec);
    let outbox = OutboxDispatcher::new(Arc::new(shop.store.clone()), Arc::new(notifier), shop.clock.clone());
    outbox.run_once(50, Duration::from_secs(30)).await.unwrap();
    shop.idle().await;
}

async fn payments_of(shop: &TestShop) -> Vec<Payment> {
    shop.services
        .payments
        .list(PaymentQuery::default(), PageRequest::new(0, 50))
        .await
        .unwrap()
        .items
}

/// Robokassa's signed ResultURL callback for `payment`, handed to the payments service as
/// the webhook route does, then the order step the route runs in the background.
pub(crate) async fn robokassa_pays(shop: &TestShop, payment: &Payment) {
    let fake = FakeGateway::new(
        Kind::Robokassa {
            merchant_login: "moon_shop".into(),
            password1: "rk-pass-one".into(),
            password2: "rk-pass-two".into(),
        },
        "http://127.0.0.1:9/unused",
    );
    let invoice = fake
        .open(payment.pay_url.as_deref().unwrap())
        .expect("a signed pay link");
    let (method, query, body) = fake.paid(&invoice).wire();
    let call = CallbackRequest {
        method: method.to_owned(),
        query,
        headers: vec![(
            "content-type".to_owned(),
            "application/x-www-form-urlencoded".to_owned(),
        )],
        body,
        remote_ip: None,
    };
    let outcome = shop
        .services
        .payments
        .handle_callback(Provider::Robokassa, &call)
        .await
        .unwrap();
    assert_eq!(outcome.reply.status, 200, "{outcome:?}");
    if let Some(credited) = outcome.credited {
        shop.services.payments.pay_order_of(&credited).await.unwrap();
    }
}

async fn a_payment_that_expires(lang: Language) -> String {
    let shop = TestShop::init().with_gateway(robokassa()).with_user(0).start().await;
    let customer = shop.user(0);
    shop.services.members.set_language(customer.id, lang).await.unwrap();
    let sim = customer.sim.clone();
    sim.send_text("/menu");
    shop.idle().await;
    sim.tap_button(&label(lang, "btn-wallet"));
    shop.idle().await;
    sim.tap_button(&label(lang, "btn-top-up"));
    shop.idle().await;
    sim.send_text("50000");
    shop.idle().await;
    let mut steps = Screens::new(&sim).redacting(r"https://auth\.robokassa\.ru/\S+", "[robokassa pay link]");
    sim.tap_button(&label(lang, "provider-robokassa"));
    shop.idle().await;
    steps.record("Robokassa: the pay button");

    // Nobody pays; a day later the reconciliation job expires it.
    shop.clock.advance(time::Duration::hours(25));
    let report = shop
        .services
        .payments
        .reconcile(time::Duration::minutes(10), time::Duration::hours(24), 100)
        .await
        .unwrap();
    assert_eq!(report.expired.len(), 1, "{report:?}");
    deliver_notices(&shop).await;
    steps.record("a day later: expired, told with a way to retry");
    let again = shop
        .services
        .payments
        .reconcile(time::Duration::minutes(10), time::Duration::hours(24), 100)
        .await
        .unwrap();
    assert!(!again.changed_anything(), "{again:?}");
    deliver_notices(&shop).await;
    steps.record("the next run: nothing more (told once)");

    sim.tap_button(&label(lang, "btn-pay-retry"));
    shop.idle().await;
    steps.record("Try again: a new payment of the same amount");
    let all = payments_of(&shop).await;
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].status, PaymentStatus::Created);
    assert_eq!(all[0].amount, all[1].amount);
    assert_eq!(all[1].status, PaymentStatus::Expired);
    assert_eq!(shop.balance(customer.id).await, 0, "nothing was credited");
    shop.close().await;
    steps.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_payment_in_english() {
    insta::assert_snapshot!(a_payment_that_expires(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_payment_in_persian() {
    insta::assert_snapshot!(a_payment_that_expires(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_payment_in_russian() {
    insta::assert_snapshot!(a_payment_that_expires(Language::Ru).await);
}

/// The payment the "balance short" screen's Robokassa button made last.
async fn newest_payment(shop: &TestShop) -> Payment {
    payments_of(shop).await.remove(0)
}

async fn a_short_balance_paid_through_robokassa(lang: Language) -> String {
    let shop = TestShop::init()
        .with_panel(testkit::Generation::D)
        .with_plan(PlanSpec::fixed("Silver", 50, 30, 100_000).at(&["FR"]))
        .with_gateway(robokassa())
        .with_user(30_000)
        .start()
        .await;
    let customer = shop.user(0);
    let sim = customer.sim.clone();
    shop.open_confirmation(&sim, "France", "Silver").await;
    shop.services.members.set_language(customer.id, lang).await.unwrap();
    deliver_notices(&shop).await; // the test's own 30,000 deposit
    let mut steps = Screens::new(&sim).redacting(r"https://auth\.robokassa\.ru/\S+", "[robokassa pay link]");
    sim.tap_button("✅");
    shop.idle().await;
    steps.record("Pay with 30,000 of 100,000: the balance is short");
    sim.tap_button(&label(lang, "provider-robokassa"));
    shop.idle().await;
    steps.record("Robokassa for the missing 70,000");
    let payment = newest_payment(&shop).await;
    assert_eq!(payment.amount.minor(), 70_000);
    assert!(payment.order.is_some(), "the payment names its order");

    robokassa_pays(&shop, &payment).await;
    robokassa_pays(&shop, &payment).await;
    deliver_notices(&shop).await;
    steps.record("Robokassa's callback (delivered twice): credited, the order paid and delivered");
    assert_eq!(
        shop.accounts(customer.id).await.len(),
        1,
        "the service is delivered once"
    );
    assert_eq!(
        shop.balance(customer.id).await,
        0,
        "30,000 + 70,000 paid the order once"
    );

    // A second order: its payment lands after the order expired.
    sim.send_text("/menu");
    shop.idle().await;
    sim.tap_button(&label(lang, "btn-plans"));
    shop.idle().await;
    sim.tap_button("France");
    shop.idle().await;
    sim.tap_button("Silver");
    shop.idle().await;
    sim.tap_button("✅");
    shop.idle().await;
    sim.tap_button(&label(lang, "provider-robokassa"));
    shop.idle().await;
    steps.skip();
    let late = newest_payment(&shop).await;
    assert_eq!(late.amount.minor(), 100_000);
    shop.clock.advance(time::Duration::hours(1));
    robokassa_pays(&shop, &late).await;
    deliver_notices(&shop).await;
    steps.record("a payment that lands after its order expired: the money stays in the wallet");
    assert_eq!(shop.balance(customer.id).await, 100_000);
    assert_eq!(shop.accounts(customer.id).await.len(), 1, "nothing more delivered");
    let again = shop
        .services
        .payments
        .reconcile(time::Duration::ZERO, time::Duration::hours(24), 100)
        .await
        .unwrap();
    assert!(again.errors.is_empty(), "{again:?}");
    deliver_notices(&shop).await;
    steps.record("the reconciliation job afterwards: nothing more (told once)");
    shop.close().await;
    steps.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_short_balance_paid_through_a_provider_in_english() {
    insta::assert_snapshot!(a_short_balance_paid_through_robokassa(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_short_balance_paid_through_a_provider_in_persian() {
    insta::assert_snapshot!(a_short_balance_paid_through_robokassa(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_short_balance_paid_through_a_provider_in_russian() {
    insta::assert_snapshot!(a_short_balance_paid_through_robokassa(Language::Ru).await);
}
