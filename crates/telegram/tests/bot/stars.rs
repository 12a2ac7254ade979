//! Paying through providers in the bot: the top-up offers every enabled method with what it
//! charges (Telegram Stars and Robokassa here), Telegram Stars' invoice is paid on the fake Bot
//! API (pre-checkout answered, `successful_payment` credited once), a second attempt to pay
//! the same invoice is refused, a Stars payment for an order short of balance delivers the
//! service, a forged payload is refused at pre-checkout, and a pre-checkout or a
//! `successful_payment` for another amount or currency credits nothing. Snapshots in en, fa
//! and ru.

use std::sync::Arc;

use members::Language;
use testkit::telegram::ChatEntry;
use testshop::{PlanSpec, TestShop};

use crate::support::{Screens, label};

/// Robokassa in RUB at 1000 Toman = 1 RUB, with the passwords `testkit`'s fake signs with.
pub(crate) fn robokassa() -> Arc<dyn payments::PaymentGateway> {
    let config = gateways::RobokassaConfig {
        enabled: true,
        merchant_login: "moon_shop".into(),
        password1: "rk-pass-one".into(),
        password2: "rk-pass-two".into(),
        algorithm: gateways::SignatureAlgorithm::Md5,
        test: true,
        currency: "RUB".into(),
        rate: gateways::RateConfig {
            shop: 1000,
            provider: 1,
        },
    };
    Arc::new(gateways::Robokassa::new(config).unwrap())
}

fn pay_link(entry: &ChatEntry) -> String {
    entry
        .buttons
        .iter()
        .flatten()
        .find_map(|b| b.url.clone())
        .expect("a pay button with a link")
}

async fn a_stars_top_up(lang: Language) -> String {
    let shop = TestShop::init()
        .with_stars(1_000)
        .with_gateway(robokassa())
        .with_user(0)
        .start()
        .await;
    let customer = shop.user(0);
    shop.services.members.set_language(customer.id, lang).await.unwrap();
    let sim = customer.sim.clone();
    let mut screens = Screens::new(&sim)
        .with_user_messages()
        .redacting(r"https://t\.me/\$fakeinvoice\d+", "[stars invoice link]");

    sim.send_text("/menu");
    shop.idle().await;
    sim.tap_button(&label(lang, "btn-wallet"));
    shop.idle().await;
    sim.tap_button(&label(lang, "btn-top-up"));
    shop.idle().await;
    screens.record("wallet → top up");
    sim.send_text("50000");
    shop.idle().await;
    screens.record("50000: every enabled method with what it charges");
    sim.tap_button(&label(lang, "provider-stars"));
    shop.idle().await;
    screens.record("Telegram Stars: the pay button");

    let link = pay_link(&sim.last_bot_message().unwrap());
    let query = sim.pay_invoice_link(&link);
    shop.idle().await;
    screens.record("paid in Telegram");
    assert_eq!(sim.pre_checkout_answer(&query), Some(true));
    assert_eq!(shop.balance(customer.id).await, 50_000, "credited");

    let again = sim.pay_invoice_link(&link);
    shop.idle().await;
    assert_eq!(
        sim.pre_checkout_answer(&again),
        Some(false),
        "the same invoice is not paid twice"
    );
    assert_eq!(shop.balance(customer.id).await, 50_000, "credited once");
    screens.record("the same invoice again: refused at pre-checkout");
    shop.close().await;
    screens.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stars_top_up_in_english() {
    insta::assert_snapshot!(a_stars_top_up(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stars_top_up_in_persian() {
    insta::assert_snapshot!(a_stars_top_up(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stars_top_up_in_russian() {
    insta::assert_snapshot!(a_stars_top_up(Language::Ru).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stars_purchase_for_an_order_short_of_balance_delivers_the_service() {
    let shop = TestShop::init()
        .with_panel(testkit::Generation::D)
        .with_plan(PlanSpec::fixed("Silver", 50, 30, 100_000).at(&["FR"]))
        .with_stars(1_000)
        .with_user(30_000)
        .start()
        .await;
    let customer = shop.user(0);
    let sim = customer.sim.clone();
    shop.open_confirmation(&sim, "France", "Silver").await;
    sim.tap_button("Pay");
    shop.idle().await;
    let short = sim.last_bot_message().unwrap();
    assert!(
        short.button_texts().iter().any(|b| b == "⭐ Telegram Stars · 70 ⭐"),
        "the missing 70,000 Toman in Stars: {:?}",
        short.button_texts()
    );
    sim.tap_button("Telegram Stars");
    shop.idle().await;
    let query = sim.pay_invoice_link(&pay_link(&sim.last_bot_message().unwrap()));
    shop.idle().await;
    assert_eq!(sim.pre_checkout_answer(&query), Some(true));
    assert_eq!(shop.accounts(customer.id).await.len(), 1, "the service is delivered");
    assert_eq!(shop.balance(customer.id).await, 0, "30,000 + 70,000 paid the order");
    let told = || {
        sim.bot_messages()
            .iter()
            .any(|m| m.text_or_empty().contains("Payment received: 70,000 Toman"))
    };
    testkit::wait_until("the payment is acknowledged", std::time::Duration::from_secs(20), told).await;
    let texts: Vec<String> = sim
        .bot_messages()
        .iter()
        .rev()
        .take(5)
        .map(|m| m.text_or_empty().to_owned())
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("Payment received: 70,000 Toman")),
        "{texts:?}"
    );
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pre_checkout_with_a_payload_the_bot_did_not_make_is_refused() {
    let shop = TestShop::init().with_stars(1_000).with_user(0).start().await;
    let customer = shop.user(0);
    let sim = customer.sim.clone();
    sim.send_text("/menu");
    shop.idle().await;
    sim.tap_button("Wallet");
    shop.idle().await;
    sim.tap_button("Top up");
    shop.idle().await;
    sim.send_text("50000");
    shop.idle().await;
    sim.tap_button("Telegram Stars");
    shop.idle().await;
    shop.fake.inject_raw_update(serde_json::json!({
        "pre_checkout_query": {
            "id": "forged-1",
            "from": {"id": sim.id(), "is_bot": false, "first_name": "Mallory"},
            "currency": "XTR",
            "total_amount": 1,
            "invoice_payload": "p1.0000000000000000",
        }
    }));
    shop.idle().await;
    let answers = shop.fake.calls_to("answerPreCheckoutQuery");
    let forged = answers
        .iter()
        .find(|c| c["pre_checkout_query_id"] == "forged-1")
        .expect("answered");
    assert_eq!(forged["ok"], false, "{forged}");
    assert_eq!(shop.balance(customer.id).await, 0);
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stars_refund_moves_the_money_back_once_and_only_for_admins() {
    let shop = TestShop::init()
        .with_stars(1_000)
        .with_user(0)
        .with_user(0)
        .as_admin()
        .start()
        .await;
    let (customer, admin) = (shop.user(0), shop.user(1));
    let sim = customer.sim.clone();
    sim.send_text("/menu");
    shop.idle().await;
    sim.tap_button("Wallet");
    shop.idle().await;
    sim.tap_button("Top up");
    shop.idle().await;
    sim.send_text("50000");
    shop.idle().await;
    sim.tap_button("Telegram Stars");
    shop.idle().await;
    sim.pay_invoice_link(&pay_link(&sim.last_bot_message().unwrap()));
    shop.idle().await;
    assert_eq!(shop.balance(customer.id).await, 50_000);
    let payment = shop
        .services
        .payments
        .list(payments::PaymentQuery::default(), kernel::PageRequest::new(0, 1))
        .await
        .unwrap()
        .items
        .remove(0);
    assert_eq!(payment.status, payments::PaymentStatus::Paid);

    let by_customer = shop.services.payments.refund(customer.id, payment.id).await;
    assert!(
        matches!(by_customer, Err(payments::PaymentError::Access(_))),
        "{by_customer:?}"
    );
    assert_eq!(
        shop.balance(customer.id).await,
        50_000,
        "a refused refund changes nothing"
    );

    let refunded = shop.services.payments.refund(admin.id, payment.id).await.unwrap();
    assert_eq!(refunded.status, payments::PaymentStatus::Refunded);
    shop.idle().await;
    assert_eq!(shop.balance(customer.id).await, 0, "the credit left the wallet");
    let refunds = shop.fake.calls_to("refundStarPayment");
    assert_eq!(refunds.len(), 1);
    assert_eq!(refunds[0]["user_id"], sim.id());
    assert_eq!(
        refunds[0]["telegram_payment_charge_id"].as_str(),
        refunded.provider_ref.as_deref()
    );
    assert!(
        sim.transcript()
            .iter()
            .any(|e| matches!(e.kind, testkit::telegram::EntryKind::RefundedPayment { .. })),
        "Telegram gave the Stars back"
    );
    let last = sim.transcript().pop().unwrap();
    assert!(
        matches!(last.kind, testkit::telegram::EntryKind::RefundedPayment { .. }),
        "the bot does not answer Telegram's refund note: {last:?}"
    );

    // Asked again: Telegram says CHARGE_ALREADY_REFUNDED, the wallet is not debited twice.
    shop.services.payments.refund(admin.id, payment.id).await.unwrap();
    assert_eq!(shop.balance(customer.id).await, 0);
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stars_payment_for_another_amount_or_currency_is_refused_and_credits_nothing() {
    let shop = TestShop::init().with_stars(1_000).with_user(0).start().await;
    let customer = shop.user(0);
    let sim = customer.sim.clone();
    sim.send_text("/menu");
    shop.idle().await;
    sim.tap_button("Wallet");
    shop.idle().await;
    sim.tap_button("Top up");
    shop.idle().await;
    sim.send_text("50000");
    shop.idle().await;
    sim.tap_button("Telegram Stars");
    shop.idle().await;
    let link = pay_link(&sim.last_bot_message().unwrap());
    let made = shop.fake.calls_to("createInvoiceLink");
    let payload = made.last().expect("an invoice link")["payload"]
        .as_str()
        .expect("our signed payload")
        .to_owned();
    let from = serde_json::json!({"id": sim.id(), "is_bot": false, "first_name": "Sara"});
    for (query, currency, stars) in [("cheaper", "XTR", 49), ("dollars", "USD", 50)] {
        shop.fake.inject_raw_update(serde_json::json!({
            "pre_checkout_query": {
                "id": query,
                "from": from,
                "currency": currency,
                "total_amount": stars,
                "invoice_payload": payload,
            }
        }));
        shop.idle().await;
        let answers = shop.fake.calls_to("answerPreCheckoutQuery");
        let answer = answers
            .iter()
            .find(|c| c["pre_checkout_query_id"] == query)
            .expect("answered");
        assert_eq!(answer["ok"], false, "{stars} {currency}: {answer}");
    }
    for (n, (currency, stars)) in [("XTR", 49), ("USD", 50)].into_iter().enumerate() {
        shop.fake.inject_raw_update(serde_json::json!({
            "message": {
                "message_id": 9_000 + n,
                "from": from,
                "chat": {"id": sim.id(), "type": "private"},
                "date": 1,
                "successful_payment": {
                    "currency": currency,
                    "total_amount": stars,
                    "invoice_payload": payload,
                    "telegram_payment_charge_id": format!("stx-wrong-{n}"),
                    "provider_payment_charge_id": "",
                }
            }
        }));
        shop.idle().await;
    }
    assert_eq!(shop.balance(customer.id).await, 0, "neither credits");
    let payment = shop
        .services
        .payments
        .list(payments::PaymentQuery::default(), kernel::PageRequest::new(0, 1))
        .await
        .unwrap()
        .items
        .remove(0);
    assert_eq!(payment.status, payments::PaymentStatus::Created);
    let query = sim.pay_invoice_link(&link);
    shop.idle().await;
    assert_eq!(
        sim.pre_checkout_answer(&query),
        Some(true),
        "the real amount still pays"
    );
    assert_eq!(shop.balance(customer.id).await, 50_000);
    shop.close().await;
}
