//! Polling: unknown update kinds, restarts.

use serde_json::json;

use crate::support::{QUIET, fake, memory_store, spawn_bot};

#[tokio::test]
async fn an_unknown_update_kind_is_skipped_without_stalling_the_others() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    let user = fake.user(6001);
    fake.inject_raw_update(json!({"message": {"message_id": 1, "date": 1, "chat": {"id": 6001, "type": "private"}, "poll_v2": true, "from": "not an object"}}));
    fake.inject_raw_update(json!({"some_update_from_the_future": {"id": 1}}));
    user.send_text("/start");
    fake.wait_idle(QUIET).await;
    assert_eq!(user.bot_messages().len(), 2, "the user is answered");
    bot.stop().await;
    assert_eq!(
        fake.pending_updates(),
        0,
        "the offset moved past the unreadable updates"
    );
}

#[tokio::test]
async fn polling_removes_a_webhook_first() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    fake.user(6002).send_text("/start");
    fake.wait_idle(QUIET).await;
    bot.stop().await;
    let calls = fake.calls();
    assert_eq!(calls[0].method, "deleteWebhook");
    let poll = fake.calls_to("getUpdates").into_iter().next().unwrap();
    assert_eq!(
        poll["allowed_updates"],
        json!(["message", "callback_query", "pre_checkout_query", "my_chat_member"])
    );
}
