//! getUpdates: long polling, offsets, limits, allowed_updates, conflicts, wait_idle.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::helpers::{call, fake, ok};

fn ids(updates: &Value) -> Vec<i64> {
    updates
        .as_array()
        .expect("array")
        .iter()
        .map(|u| u["update_id"].as_i64().expect("update_id"))
        .collect()
}

#[tokio::test]
async fn a_long_poll_returns_as_soon_as_an_update_arrives() {
    let fake = fake().await;
    let user = fake.user(1);
    let url = crate::helpers::method_url(&fake, "getUpdates");
    let started = Instant::now();
    let poll = tokio::spawn(async move {
        let response = crate::helpers::client()
            .post(url)
            .json(&json!({"timeout": 20}))
            .send()
            .await
            .expect("poll");
        crate::helpers::decode(response).await
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    user.send_text("hello");
    let (status, body) = poll.await.expect("join");
    assert_eq!(status, 200);
    assert_eq!(body["result"][0]["message"]["text"], json!("hello"));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_empty_long_poll_ends_at_its_timeout() {
    let fake = fake().await;
    let started = Instant::now();
    let updates = ok(&fake, "getUpdates", json!({"timeout": 1})).await;
    assert_eq!(updates, json!([]));
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_secs(3),
        "{waited:?}"
    );
}

#[tokio::test]
async fn updates_stay_until_confirmed_by_offset() {
    let fake = fake().await;
    let user = fake.user(1);
    user.send_text("one");
    user.send_text("two");
    user.send_text("three");
    assert_eq!(ids(&ok(&fake, "getUpdates", json!({})).await), [1, 2, 3]);
    assert_eq!(
        ids(&ok(&fake, "getUpdates", json!({})).await),
        [1, 2, 3],
        "not confirmed yet"
    );
    assert_eq!(
        ids(&ok(&fake, "getUpdates", json!({"offset": 3, "limit": 1})).await),
        [3]
    );
    assert_eq!(fake.pending_updates(), 1);
    assert_eq!(
        ids(&ok(&fake, "getUpdates", json!({"offset": 4})).await),
        Vec::<i64>::new()
    );
    user.send_text("four");
    user.send_text("five");
    assert_eq!(ids(&ok(&fake, "getUpdates", json!({"offset": -1})).await), [5]);
}

#[tokio::test]
async fn allowed_updates_persist_and_filter_later_updates() {
    let fake = fake().await;
    let user = fake.user(1);
    ok(&fake, "getUpdates", json!({"allowed_updates": ["message"]})).await;
    user.send_text("/start");
    user.block_bot();
    let updates = ok(&fake, "getUpdates", json!({})).await;
    assert_eq!(updates.as_array().map(Vec::len), Some(1));
    assert!(updates[0].get("message").is_some());
}

#[tokio::test]
async fn a_raw_update_of_an_unknown_kind_is_delivered_as_given() {
    let fake = fake().await;
    let id = fake.inject_raw_update(json!({"update_id": 0, "guest_checkin": {"x": 1}}));
    let updates = ok(&fake, "getUpdates", json!({})).await;
    assert_eq!(updates, json!([{"update_id": id, "guest_checkin": {"x": 1}}]));
}

#[tokio::test]
async fn a_second_poller_ends_the_first_with_409() {
    let fake = fake().await;
    let url = crate::helpers::method_url(&fake, "getUpdates");
    let first = tokio::spawn(async move {
        let response = crate::helpers::client()
            .post(url)
            .json(&json!({"timeout": 20}))
            .send()
            .await
            .expect("poll");
        crate::helpers::decode(response).await
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (status, _) = call(&fake, "getUpdates", json!({"timeout": 0})).await;
    assert_eq!(status, 200);
    let (status, body) = first.await.expect("join");
    assert_eq!(status, 409);
    assert_eq!(
        body["description"],
        json!("Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")
    );
}

#[tokio::test]
async fn wait_idle_returns_once_the_bot_has_answered() {
    let fake = fake().await;
    let user = fake.user(1);
    user.send_text("/start");
    let url = crate::helpers::method_url(&fake, "getUpdates");
    let send_url = crate::helpers::method_url(&fake, "sendMessage");
    let bot = tokio::spawn(async move {
        let client = crate::helpers::client();
        let mut offset = 0;
        loop {
            let updates: Value = client
                .post(&url)
                .json(&json!({"offset": offset, "timeout": 5}))
                .send()
                .await
                .expect("poll")
                .json()
                .await
                .expect("json");
            for update in updates["result"].as_array().into_iter().flatten() {
                offset = update["update_id"].as_i64().expect("id") + 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
                client
                    .post(&send_url)
                    .json(&json!({"chat_id": 1, "text": "Welcome!"}))
                    .send()
                    .await
                    .expect("send");
            }
        }
    });
    fake.wait_idle(Duration::from_millis(300)).await;
    assert_eq!(
        user.last_bot_message().map(|m| m.text_or_empty().to_owned()).as_deref(),
        Some("Welcome!")
    );
    bot.abort();
}
