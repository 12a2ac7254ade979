//! 429 Too Many Requests, per chat and bot-wide.

use std::time::Duration;

use serde_json::json;
use testkit::telegram::FakeTelegram;

use crate::helpers::{call, ok};

#[tokio::test]
async fn the_fourth_message_to_a_chat_within_a_second_gets_429_with_retry_after() {
    let fake = FakeTelegram::start().await; // default limits: 1/s per chat, bursts of 3
    fake.user(1).send_text("/start");
    fake.user(2).send_text("/start");
    for _ in 0..3 {
        ok(&fake, "sendMessage", json!({"chat_id": 1, "text": "x"})).await;
    }
    let (status, body) = call(&fake, "sendMessage", json!({"chat_id": 1, "text": "x"})).await;
    assert_eq!(status, 429);
    assert_eq!(
        body,
        json!({"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 1",
               "parameters": {"retry_after": 1}})
    );
    ok(&fake, "sendMessage", json!({"chat_id": 2, "text": "x"})).await;
    fake.advance_clock(Duration::from_secs(1));
    ok(&fake, "sendMessage", json!({"chat_id": 1, "text": "x"})).await;
    assert_eq!(
        fake.user(1).bot_messages().len(),
        4,
        "the refused message was not delivered"
    );
}

#[tokio::test]
async fn ignoring_retry_after_makes_the_wait_longer() {
    let fake = FakeTelegram::start().await;
    fake.set_rate_limit_with_burst(1, 1, 0);
    fake.user(1).send_text("/start");
    ok(&fake, "sendMessage", json!({"chat_id": 1, "text": "x"})).await;
    let (_, first) = call(&fake, "sendMessage", json!({"chat_id": 1, "text": "x"})).await;
    let (_, second) = call(&fake, "sendMessage", json!({"chat_id": 1, "text": "x"})).await;
    assert_eq!(first["parameters"]["retry_after"], json!(1));
    assert_eq!(second["parameters"]["retry_after"], json!(2));
}

#[tokio::test]
async fn the_global_limit_spans_chats() {
    let fake = FakeTelegram::start().await;
    fake.set_rate_limit(0, 2);
    for id in 1..=3 {
        fake.user(id).send_text("/start");
    }
    ok(&fake, "sendMessage", json!({"chat_id": 1, "text": "x"})).await;
    ok(&fake, "sendMessage", json!({"chat_id": 2, "text": "x"})).await;
    let (status, body) = call(&fake, "sendMessage", json!({"chat_id": 3, "text": "x"})).await;
    assert_eq!(status, 429, "{body}");
}

#[tokio::test]
async fn an_injected_429_carries_retry_after() {
    let fake = FakeTelegram::start().await;
    fake.user(1).send_text("/start");
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 7", Some(7));
    let (status, body) = call(&fake, "sendMessage", json!({"chat_id": 1, "text": "x"})).await;
    assert_eq!(status, 429);
    assert_eq!(body["parameters"], json!({"retry_after": 7}));
}
