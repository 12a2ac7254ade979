//! Sending: 429 waits, 403 marks the user, photos upload from memory, identical edits pass.

use std::time::{Duration, Instant};

use kernel::Secret;
use telegram::{ApiError, BotApi, qr_png};

use crate::support::{QUIET, fake, memory_store, spawn_bot, stored_user, wait_until};

#[tokio::test]
async fn a_429_is_waited_out_and_the_message_still_arrives() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    let user = fake.user(5001);
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", Some(1));
    let started = Instant::now();
    user.send_text("/start");
    wait_until(|| user.bot_messages().len() == 2).await;
    fake.wait_idle(QUIET).await;
    assert!(started.elapsed() >= Duration::from_secs(1), "the bot waited as asked");
    let sends = fake.calls_to("sendMessage");
    assert_eq!(sends.len(), 3, "one refused attempt, then both messages");
    assert_eq!(sends[0]["text"], sends[1]["text"]);
    assert_eq!(user.bot_messages().len(), 2);
    bot.stop().await;
}

#[tokio::test]
async fn the_fakes_own_flood_limit_is_honoured_too() {
    let fake = testkit::telegram::FakeTelegram::start().await;
    fake.set_rate_limit_with_burst(1, 1, 30);
    let store = memory_store().await;
    let bot = spawn_bot(&fake, &store);
    let user = fake.user(5005);
    user.send_text("/start");
    wait_until(|| user.bot_messages().len() == 2).await;
    fake.wait_idle(QUIET).await;
    assert_eq!(
        user.bot_messages().len(),
        2,
        "both messages arrive despite the flood limit"
    );
    bot.stop().await;
}

#[tokio::test]
async fn a_403_marks_the_user_as_having_blocked_the_bot() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    let user = fake.user(5002);
    user.send_text("/start");
    fake.wait_idle(QUIET).await;
    assert!(!stored_user(&store, 5002).await.unwrap().bot_blocked);

    fake.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user", None);
    user.send_text("/help");
    fake.wait_idle(QUIET).await;
    assert!(stored_user(&store, 5002).await.unwrap().bot_blocked);
    bot.stop().await;
}

#[tokio::test]
async fn blocking_and_unblocking_the_bot_is_recorded() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    let user = fake.user(5003);
    user.send_text("/start");
    fake.wait_idle(QUIET).await;
    user.block_bot();
    fake.wait_idle(QUIET).await;
    assert!(stored_user(&store, 5003).await.unwrap().bot_blocked);
    user.unblock_bot();
    fake.wait_idle(QUIET).await;
    assert!(!stored_user(&store, 5003).await.unwrap().bot_blocked);
    bot.stop().await;
}

#[tokio::test]
async fn a_qr_code_is_uploaded_as_a_real_photo() {
    let fake = fake().await;
    let api = BotApi::new(&fake.api_url(), &Secret::new(fake.token())).unwrap();
    let user = fake.user(5004);
    user.send_text("hi");
    let png = qr_png("vless://uuid@fr1.example.com:443?security=reality#FR-MoonVPN-1001").unwrap();
    let sent = api
        .send_photo_bytes(5004, png.clone(), Some("<b>FR-MoonVPN-1001</b>"), None)
        .await
        .unwrap();
    let photo = user.last_bot_message().unwrap();
    assert_eq!(photo.message_id, i64::from(sent.message_id));
    assert_eq!(photo.text_or_empty(), "FR-MoonVPN-1001");
    let testkit::telegram::EntryKind::Photo { file_id } = photo.kind else {
        panic!("expected a photo, got {photo:?}");
    };
    assert_eq!(fake.file_bytes(&file_id).unwrap(), png);
}

#[tokio::test]
async fn editing_to_the_same_content_is_not_an_error() {
    let fake = fake().await;
    let api = BotApi::new(&fake.api_url(), &Secret::new(fake.token())).unwrap();
    fake.user(5006).send_text("hi");
    let sent = api.send_text(5006, "Balance: 0", None).await.unwrap();
    api.edit_text(5006, sent.message_id, "Balance: 1", None).await.unwrap();
    api.edit_text(5006, sent.message_id, "Balance: 1", None).await.unwrap();
}

#[tokio::test]
async fn the_token_never_shows_in_debug_output() {
    let fake = fake().await;
    let api = BotApi::new(&fake.api_url(), &Secret::new(fake.token())).unwrap();
    let shown = format!("{api:?}");
    assert!(!shown.contains("TEST-TOKEN"), "{shown}");
    assert!(shown.contains("/bot***"));
    let bad = BotApi::new(&fake.api_url(), &Secret::new("123456:WRONG")).unwrap();
    assert_eq!(bad.delete_webhook().await, Err(ApiError::Unauthorized));
}
