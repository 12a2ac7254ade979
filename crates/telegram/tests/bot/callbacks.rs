//! Stale and forged buttons: a polite answer, nothing changes.

use members::Language;
use serde_json::json;

use crate::support::{QUIET, fake, memory_store, spawn_bot, spawn_bot_with_secret, stored_user};

#[tokio::test]
async fn a_button_from_before_a_key_change_is_answered_as_expired_and_changes_nothing() {
    let (fake, store) = (fake().await, memory_store().await);
    let first = spawn_bot(&fake, &store);
    let user = fake.user(4001);
    user.send_text("/start");
    fake.wait_idle(QUIET).await;
    first.stop().await;

    let second = spawn_bot_with_secret(&fake, &store, "a-rotated-secret-key-0123456789abcdef");
    user.tap_button("Русский");
    fake.wait_idle(QUIET).await;
    let answers = user.answered_callbacks();
    assert_eq!(
        answers.last().unwrap().1.as_deref(),
        Some("This button has expired. Please open the menu again.")
    );
    assert_eq!(stored_user(&store, 4001).await.unwrap().language, Language::En);
    assert!(
        !user.last_bot_message().unwrap().edited,
        "the old message is left alone"
    );
    second.stop().await;
}

#[tokio::test]
async fn forged_button_data_is_refused_politely() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    let user = fake.user(4002);
    user.send_text("/start");
    fake.wait_idle(QUIET).await;
    let picker = user.last_bot_message().unwrap();
    let real = picker.buttons[0][2].callback_data.clone().unwrap();
    let forged = real.replace(":ru:", ":fa:");
    assert_ne!(real, forged);

    fake.inject_raw_update(json!({
        "callback_query": {
            "id": "forged-1",
            "from": {"id": 4002, "is_bot": false, "first_name": "User4002", "language_code": "en"},
            "message": {"message_id": picker.message_id, "chat": {"id": 4002, "type": "private"}, "date": 1, "text": "x"},
            "chat_instance": "1",
            "data": forged,
        }
    }));
    fake.wait_idle(QUIET).await;
    let answer = fake
        .calls_to("answerCallbackQuery")
        .into_iter()
        .find(|c| c["callback_query_id"] == "forged-1")
        .expect("the forged tap is answered");
    assert_eq!(answer["text"], "This button has expired. Please open the menu again.");
    assert_eq!(stored_user(&store, 4002).await.unwrap().language, Language::En);
    bot.stop().await;
}

#[tokio::test]
async fn every_callback_data_the_bot_sends_fits_64_bytes() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    let user = fake.user(4003);
    user.send_text("/start");
    user.send_text("/menu");
    fake.wait_idle(QUIET).await;
    for message in user.bot_messages() {
        for button in message.buttons.iter().flatten() {
            let data = button.callback_data.as_deref().unwrap_or_default();
            assert!(data.len() <= 64 && data.starts_with("v1:"), "{data}");
        }
    }
    bot.stop().await;
}
