//! Old, repeated, foreign and forged buttons of the shop: each is answered politely and
//! changes nothing.

use kernel::{ClientAccountId, OrderId, Secret};
use orders::OrderStatus;
use serde_json::json;
use telegram::{Action, CallbackCodec, CallbackKey};
use telegram_state::ChatKey;
use testkit::telegram::SimUser;

use crate::shop::Shop;
use crate::support::SECRET;

/// The callback data of the button labelled with `label` on the user's newest message that
/// has one.
fn button_data(user: &SimUser, label: &str) -> (i64, String) {
    user.bot_messages()
        .iter()
        .rev()
        .find_map(|m| {
            m.buttons
                .iter()
                .flatten()
                .find(|b| b.text.contains(label))
                .map(|b| (m.message_id, b.callback_data.clone().unwrap()))
        })
        .unwrap_or_else(|| panic!("no {label:?} button"))
}

/// A tap on `data` by `user` under their message `message_id`, as Telegram would send it.
fn raw_tap(shop: &Shop, query_id: &str, user: i64, message_id: i64, data: &str) {
    shop.fake.inject_raw_update(json!({
        "callback_query": {
            "id": query_id,
            "from": {"id": user, "is_bot": false, "first_name": format!("User{user}"), "language_code": "en"},
            "message": {"message_id": message_id, "chat": {"id": user, "type": "private"}, "date": 1, "text": "x"},
            "chat_instance": "1",
            "data": data,
        }
    }));
}

fn answer_to(shop: &Shop, query_id: &str) -> Option<String> {
    shop.fake
        .calls_to("answerCallbackQuery")
        .into_iter()
        .find(|c| c["callback_query_id"] == query_id)
        .map(|c| c["text"].as_str().unwrap_or_default().to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pay_button_from_before_a_restart_of_an_expired_order_charges_nothing() {
    let mut shop = Shop::open().await;
    let (user, id) = shop.customer(6301, 100_000).await;
    shop.open_confirmation(&user, "France", "Silver").await;
    shop.restart().await;
    shop.clock.advance(time::Duration::minutes(31));

    user.tap_button("Pay");
    shop.idle().await;

    let answer = user.last_bot_message().unwrap();
    assert!(
        answer.text_or_empty().starts_with("This order (OR-") && answer.text_or_empty().contains("has expired"),
        "{answer:?}"
    );
    assert!(answer.button_texts().iter().any(|b| b.contains("Main menu")));
    assert!(user.unanswered_callbacks().is_empty());
    assert_eq!(shop.balance(id).await, 100_000);
    assert_eq!(shop.orders_of(id).await[0].status, OrderStatus::Expired);
    assert_eq!(shop.france().client_count(), 0);
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pay_button_of_a_delivered_order_after_a_restart_says_it_is_paid_and_charges_nothing() {
    let mut shop = Shop::open().await;
    let (user, id) = shop.customer(6302, 250_000).await;
    shop.open_confirmation(&user, "France", "Silver").await;
    let (message_id, pay) = button_data(&user, "Pay");
    user.tap_button("Pay");
    shop.idle().await;
    shop.restart().await;

    raw_tap(&shop, "again-1", 6302, message_id, &pay);
    shop.idle().await;

    assert!(answer_to(&shop, "again-1").is_some(), "answered");
    let told = user.bot_messages();
    assert!(
        told.iter()
            .any(|m| m.text_or_empty().contains("is already paid and delivered")),
        "{told:?}"
    );
    assert_eq!(shop.purchases(id).await, 1);
    assert_eq!(shop.balance(id).await, 150_000);
    assert_eq!(shop.france().client_count(), 1);
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_button_copied_into_another_chat_is_refused_and_changes_nothing() {
    let shop = Shop::open().await;
    let (owner, owner_id) = shop.customer(6303, 100_000).await;
    let (other, other_id) = shop.customer(6304, 100_000).await;
    shop.open_confirmation(&owner, "France", "Silver").await;
    let (_, pay) = button_data(&owner, "Pay");
    let other_message = other.last_bot_message().unwrap().message_id;

    raw_tap(&shop, "copied-1", 6304, other_message, &pay);
    shop.idle().await;

    assert_eq!(
        answer_to(&shop, "copied-1").as_deref(),
        Some("This button has expired. Please open the menu again.")
    );
    assert_eq!(shop.orders_of(owner_id).await[0].status, OrderStatus::Pending);
    assert!(shop.orders_of(other_id).await.is_empty());
    assert_eq!(shop.balance(owner_id).await, 100_000);
    assert_eq!(shop.balance(other_id).await, 100_000);
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_validly_signed_button_for_someone_elses_order_or_service_is_not_for_you() {
    let shop = Shop::open().await;
    let (owner, owner_id) = shop.customer(6305, 300_000).await;
    let (other, other_id) = shop.customer(6306, 300_000).await;
    shop.buy(&owner, "France", "Silver").await;
    shop.open_confirmation(&owner, "France", "Gold").await;
    let account = shop.accounts(owner_id).await[0].id;
    let pending = shop.orders_of(owner_id).await[0].id;
    let codec = CallbackCodec::new(CallbackKey::derive(&Secret::new(SECRET)));
    let chat = ChatKey::new(6306);
    let forged = [
        ("forged-pay", Action::Pay(pending)),
        ("forged-service", Action::Service(account)),
        ("forged-link", Action::NewLinkConfirmed(account)),
        ("forged-move", Action::MoveConfirmed(account, shop.de)),
        ("forged-missing", Action::Pay(OrderId::new(999_999))),
        ("forged-qr", Action::Qr(ClientAccountId::new(999_999))),
    ];
    let message = other.last_bot_message().unwrap().message_id;
    for (query, action) in forged {
        raw_tap(&shop, query, 6306, message, &codec.encode(chat, &action).unwrap());
    }
    shop.idle().await;

    for (query, action) in forged {
        let answer = answer_to(&shop, query).unwrap_or_else(|| panic!("{query} unanswered"));
        let expected = if action.answers_early() {
            "⏳ Processing…"
        } else {
            "This button is not for you."
        };
        assert_eq!(answer, expected, "{query}");
    }
    let told = other.bot_messages();
    assert!(
        !told.iter().any(|m| m.text_or_empty().contains("FR-MoonVPN-1001")),
        "{told:?}"
    );
    assert_eq!(shop.orders_of(owner_id).await[0].status, OrderStatus::Pending);
    assert!(shop.orders_of(other_id).await.is_empty());
    assert_eq!(shop.balance(owner_id).await, 200_000);
    assert_eq!(shop.balance(other_id).await, 300_000);
    assert_eq!(shop.accounts(owner_id).await.len(), 1, "not moved");
    assert!(shop.france().client("FR-MoonVPN-1001").is_some());
    shop.close().await;
}
