//! The admin's Payments screen, in English, Persian and Russian: counts by status, the newest
//! payments (all, then only the pending ones) and "Reconcile now", which expires the payment
//! nobody completed, shows what it did, is audited, and tells the admins in one notice. A
//! plain user's forged tap on "Reconcile now" changes nothing and is audited as refused.

use kernel::{Money, Secret};
use members::Language;
use payments::{PaymentStatus, Provider};
use serde_json::json;
use telegram::callback::GatewayAction;
use telegram::{Action, CallbackCodec, CallbackKey};
use telegram_state::ChatKey;
use testshop::{SECRET, TestShop};

use crate::admin_support::{answer_to, audit_by};
use crate::payment_outcomes::{deliver_notices, robokassa_pays};
use crate::stars::robokassa;
use crate::support::{Screens, label};

/// A superadmin (1001) and a plain user (1002) with one paid and one pending Robokassa
/// top-up.
async fn payments_shop() -> TestShop {
    let shop = TestShop::init()
        .with_gateway(robokassa())
        .with_user(0)
        .as_admin()
        .with_user(0)
        .start()
        .await;
    let payer = shop.user(1).id;
    let amount = Money::from_minor(50_000).unwrap();
    let paid = shop
        .services
        .payments
        .create_topup(payer, Provider::Robokassa, amount, "Wallet top-up")
        .await
        .unwrap();
    robokassa_pays(&shop, &paid).await;
    shop.services
        .payments
        .create_topup(payer, Provider::Robokassa, amount, "Wallet top-up")
        .await
        .unwrap();
    shop
}

async fn walk_the_payments(lang: Language) -> String {
    let shop = payments_shop().await;
    let root = shop.user(0);
    shop.services.members.set_language(root.id, lang).await.unwrap();
    let sim = root.sim.clone();
    sim.send_text("/admin");
    shop.idle().await;
    let mut screens = Screens::new(&sim);
    sim.tap_button(&label(lang, "admin-btn-payments"));
    shop.idle().await;
    screens.record("admin-btn-payments");
    sim.tap_button(&label(lang, "admin-payment-created"));
    shop.idle().await;
    screens.record("only the pending ones");

    shop.clock.advance(time::Duration::hours(25));
    sim.tap_button(&label(lang, "admin-btn-reconcile"));
    shop.idle().await;
    screens.record("a day later: Reconcile now");
    deliver_notices(&shop).await;
    screens.record("the admins' notice");

    let statuses: Vec<PaymentStatus> = shop
        .services
        .payments
        .list(payments::PaymentQuery::default(), kernel::PageRequest::new(0, 10))
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|p| p.status)
        .collect();
    assert_eq!(statuses, vec![PaymentStatus::Expired, PaymentStatus::Paid]);
    let audited: Vec<String> = audit_by(&shop, root.id)
        .await
        .into_iter()
        .map(|e| e.action.as_str().to_owned())
        .collect();
    assert!(audited.iter().any(|a| a == "payment.reconcile"), "{audited:?}");
    shop.close().await;
    screens.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payments_in_english() {
    insta::assert_snapshot!(walk_the_payments(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payments_in_persian() {
    insta::assert_snapshot!(walk_the_payments(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payments_in_russian() {
    insta::assert_snapshot!(walk_the_payments(Language::Ru).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_users_forged_reconcile_changes_nothing_and_is_audited() {
    let shop = payments_shop().await;
    let user = shop.user(1);
    let sim = user.sim.clone();
    sim.send_text("/menu");
    shop.idle().await;
    shop.clock.advance(time::Duration::hours(25));
    let codec = CallbackCodec::new(CallbackKey::derive(&Secret::new(SECRET)));
    let last = sim.last_bot_message().unwrap();
    for (query, action) in [
        ("forged-reconcile", GatewayAction::Reconcile),
        ("forged-list", GatewayAction::Payments(None)),
    ] {
        let id = sim.id();
        shop.fake.inject_raw_update(json!({
            "callback_query": {
                "id": query,
                "from": {"id": id, "is_bot": false, "first_name": "Mallory", "language_code": "en"},
                "message": {"message_id": last.message_id, "chat": {"id": id, "type": "private"}, "date": 1, "text": "x"},
                "chat_instance": "1",
                "data": codec.encode(ChatKey::new(id), &Action::Gateway(action)).unwrap(),
            }
        }));
        shop.idle().await;
        assert_eq!(
            answer_to(&shop, query).as_deref(),
            Some(label(Language::En, "toast-not-allowed").as_str())
        );
    }
    assert_eq!(sim.last_bot_message().unwrap(), last, "no screen changed");
    let pending = shop
        .services
        .payments
        .list(
            payments::PaymentQuery {
                status: Some(PaymentStatus::Created),
                ..Default::default()
            },
            kernel::PageRequest::new(0, 10),
        )
        .await
        .unwrap();
    assert_eq!(pending.total, 1, "nothing was reconciled");
    let refused: Vec<String> = audit_by(&shop, user.id)
        .await
        .into_iter()
        .map(|e| e.action.as_str().to_owned())
        .collect();
    assert_eq!(
        refused.iter().filter(|a| *a == "access.denied").count(),
        2,
        "{refused:?}"
    );
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refund_through_a_provider_without_a_refund_api_is_refused_before_anything_moves() {
    let shop = payments_shop().await;
    let (root, payer) = (shop.user(0).id, shop.user(1).id);
    let paid = shop
        .services
        .payments
        .list(
            payments::PaymentQuery {
                status: Some(PaymentStatus::Paid),
                ..Default::default()
            },
            kernel::PageRequest::new(0, 1),
        )
        .await
        .unwrap()
        .items
        .remove(0);
    let refused = shop.services.payments.refund(root, paid.id).await;
    assert!(
        matches!(
            refused,
            Err(payments::PaymentError::RefundUnsupported(Provider::Robokassa))
        ),
        "{refused:?}"
    );
    let message = refused.unwrap_err().to_string();
    assert!(message.contains("robokassa has no refund API"), "{message}");
    assert_eq!(shop.balance(payer).await, 50_000, "the credit stays");
    assert_eq!(
        shop.services.payments.get(paid.id).await.unwrap().status,
        PaymentStatus::Paid
    );
    shop.close().await;
}
