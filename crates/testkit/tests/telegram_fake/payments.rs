//! Telegram Stars: invoice, pre-checkout, successful payment, refund once.

use serde_json::json;
use testkit::telegram::EntryKind;

use crate::helpers::{fails, fake, ok};

#[tokio::test]
async fn a_stars_invoice_is_paid_after_pre_checkout_and_refunded_once() {
    let fake = fake().await;
    let user = fake.user(8);
    user.send_text("/start");
    let invoice = ok(
        &fake,
        "sendInvoice",
        json!({"chat_id": 8, "title": "Gold 1 month", "description": "VPN plan", "payload": "order:17",
               "currency": "XTR", "prices": [{"label": "Gold", "amount": 250}]}),
    )
    .await;
    assert_eq!(invoice["invoice"]["total_amount"], json!(250));
    let query = user.pay_invoice(invoice["message_id"].as_i64().expect("id"));
    let updates = ok(&fake, "getUpdates", json!({"offset": 2})).await;
    assert_eq!(updates[0]["pre_checkout_query"]["invoice_payload"], json!("order:17"));
    ok(
        &fake,
        "answerPreCheckoutQuery",
        json!({"pre_checkout_query_id": query, "ok": true}),
    )
    .await;
    assert_eq!(user.pre_checkout_answer(&query), Some(true));
    let updates = ok(&fake, "getUpdates", json!({"offset": 3})).await;
    let payment = &updates[0]["message"]["successful_payment"];
    assert_eq!(payment["total_amount"], json!(250));
    assert_eq!(payment["currency"], json!("XTR"));
    let charge = payment["telegram_payment_charge_id"]
        .as_str()
        .expect("charge")
        .to_owned();
    ok(
        &fake,
        "refundStarPayment",
        json!({"user_id": 8, "telegram_payment_charge_id": charge}),
    )
    .await;
    assert_eq!(
        fails(
            &fake,
            "refundStarPayment",
            json!({"user_id": 8, "telegram_payment_charge_id": charge}),
            400
        )
        .await,
        "Bad Request: CHARGE_ALREADY_REFUNDED"
    );
    let kinds: Vec<EntryKind> = user.transcript().into_iter().map(|e| e.kind).collect();
    assert!(matches!(kinds[1], EntryKind::Invoice { total_amount: 250, .. }));
    assert!(matches!(
        kinds[2],
        EntryKind::SuccessfulPayment { total_amount: 250, .. }
    ));
    assert!(matches!(kinds[3], EntryKind::RefundedPayment { .. }));
}

#[tokio::test]
async fn a_stars_invoice_takes_exactly_one_price() {
    let fake = fake().await;
    fake.user(8).send_text("/start");
    assert_eq!(
        fails(
            &fake,
            "sendInvoice",
            json!({"chat_id": 8, "title": "Gold", "description": "VPN", "payload": "order:1", "currency": "XTR",
                   "prices": [{"label": "a", "amount": 1}, {"label": "b", "amount": 2}]}),
            400
        )
        .await,
        "Bad Request: STARS_INVOICE_INVALID"
    );
}

#[tokio::test]
async fn a_declined_pre_checkout_needs_an_error_message() {
    let fake = fake().await;
    let user = fake.user(8);
    user.send_text("/start");
    let invoice = ok(
        &fake,
        "sendInvoice",
        json!({"chat_id": 8, "title": "Gold", "description": "VPN", "payload": "order:2",
               "currency": "XTR", "prices": [{"label": "Gold", "amount": 5}]}),
    )
    .await;
    let query = user.pay_invoice(invoice["message_id"].as_i64().expect("id"));
    fails(
        &fake,
        "answerPreCheckoutQuery",
        json!({"pre_checkout_query_id": query, "ok": false}),
        400,
    )
    .await;
    ok(
        &fake,
        "answerPreCheckoutQuery",
        json!({"pre_checkout_query_id": query, "ok": false, "error_message": "Plan sold out"}),
    )
    .await;
    assert_eq!(user.pre_checkout_answer(&query), Some(false));
    assert_eq!(user.transcript().len(), 2, "no payment message");
}
