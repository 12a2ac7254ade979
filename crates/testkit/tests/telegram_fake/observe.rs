//! `FakeTelegram::observe_calls`: every answered call, with its chat and moment, in order.

use serde_json::json;

use crate::helpers::{call, fake, ok};

#[tokio::test]
async fn an_observer_hears_each_answered_call_with_its_chat() {
    let fake = fake().await;
    let user = fake.user(7);
    user.send_text("/start");
    let mut calls = fake.observe_calls();
    let sent = ok(
        &fake,
        "sendMessage",
        json!({"chat_id": 7, "text": "Menu", "reply_markup": {"inline_keyboard": [[{"text": "Wallet", "callback_data": "w"}]]}}),
    )
    .await;
    let query = user.tap(sent["message_id"].as_i64().unwrap(), "w");
    ok(&fake, "answerCallbackQuery", json!({"callback_query_id": query})).await;
    let (status, _) = call(&fake, "sendMessage", json!({"chat_id": 999_999, "text": "nobody"})).await;
    assert_ne!(status, 200, "no such chat");

    let first = calls.recv().await.unwrap();
    let second = calls.recv().await.unwrap();
    let third = calls.recv().await.unwrap();
    assert_eq!(
        (first.method.as_str(), first.chat, first.ok),
        ("sendMessage", Some(7), true)
    );
    assert_eq!(
        (second.method.as_str(), second.chat, second.ok),
        ("answerCallbackQuery", Some(7), true),
        "a button's answer is told with the chat where it was tapped"
    );
    assert_eq!((third.chat, third.ok), (Some(999_999), false));
    assert!(first.at <= second.at && second.at <= third.at);
    assert!(calls.try_recv().is_err(), "nothing else was called");
}
