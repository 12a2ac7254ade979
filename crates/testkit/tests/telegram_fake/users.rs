//! Simulated users: blocking, never-started chats, transcripts, commands.

use serde_json::json;
use testkit::telegram::{EntryKind, Sender};

use crate::helpers::{fails, fake, ok};

#[tokio::test]
async fn a_user_who_blocked_the_bot_gives_403_and_a_kicked_update() {
    let fake = fake().await;
    let user = fake.user(9);
    user.send_text("/start");
    user.block_bot();
    assert!(user.has_blocked_bot());
    assert_eq!(
        fails(&fake, "sendMessage", json!({"chat_id": 9, "text": "promo"}), 403).await,
        "Forbidden: bot was blocked by the user"
    );
    let updates = ok(&fake, "getUpdates", json!({})).await;
    let kicked = &updates[1]["my_chat_member"];
    assert_eq!(kicked["new_chat_member"]["status"], json!("kicked"));
    assert_eq!(kicked["old_chat_member"]["status"], json!("member"));
    assert_eq!(kicked["chat"]["id"], json!(9));
    assert_eq!(kicked["new_chat_member"]["until_date"], json!(0));
    user.unblock_bot();
    let updates = ok(
        &fake,
        "getUpdates",
        json!({"offset": updates[1]["update_id"].as_i64().unwrap() + 1}),
    )
    .await;
    let back = &updates[0]["my_chat_member"];
    assert_eq!(back["new_chat_member"]["status"], json!("member"));
    assert_eq!(back["old_chat_member"]["status"], json!("kicked"));
    assert_eq!(
        back["old_chat_member"]["until_date"],
        json!(0),
        "ChatMemberBanned requires until_date"
    );
    ok(&fake, "sendMessage", json!({"chat_id": 9, "text": "welcome back"})).await;
}

#[tokio::test]
async fn the_bot_cannot_start_a_conversation() {
    let fake = fake().await;
    fake.user(9);
    assert_eq!(
        fails(&fake, "sendMessage", json!({"chat_id": 9, "text": "hi"}), 403).await,
        "Forbidden: bot can't initiate conversation with a user"
    );
}

#[tokio::test]
async fn the_transcript_shows_both_sides_in_order() {
    let fake = fake().await;
    let user = fake.user_with(3, "Sara", Some("sara_k"), "fa");
    user.send_text("/start");
    let menu = json!({"inline_keyboard": [
        [{"text": "🛒 Buy", "callback_data": "buy"}],
        [{"text": "Channel", "url": "https://t.me/moonvpn"}]]});
    ok(
        &fake,
        "sendMessage",
        json!({"chat_id": 3, "text": "Welcome, Sara", "reply_markup": menu}),
    )
    .await;
    user.tap_button("Buy");
    user.send_text("thanks");
    let transcript = user.transcript();
    let summary: Vec<(Sender, &str)> = transcript.iter().map(|e| (e.from, e.text_or_empty())).collect();
    assert_eq!(
        summary,
        [
            (Sender::User, "/start"),
            (Sender::Bot, "Welcome, Sara"),
            (Sender::User, "thanks")
        ]
    );
    let menu = &transcript[1];
    assert_eq!(menu.kind, EntryKind::Text);
    assert_eq!(menu.buttons[0][0].callback_data.as_deref(), Some("buy"));
    assert_eq!(menu.buttons[1][0].url.as_deref(), Some("https://t.me/moonvpn"));
    let updates = ok(&fake, "getUpdates", json!({})).await;
    let start = &updates[0]["message"];
    assert_eq!(start["from"]["language_code"], json!("fa"));
    assert_eq!(start["from"]["username"], json!("sara_k"));
    assert_eq!(
        start["entities"],
        json!([{"type": "bot_command", "offset": 0, "length": 6}])
    );
    let tap = &updates[1]["callback_query"];
    assert_eq!(tap["data"], json!("buy"));
    assert_eq!(tap["message"]["text"], json!("Welcome, Sara"));
    assert_eq!(
        tap["message"]["reply_markup"]["inline_keyboard"][0][0]["callback_data"],
        json!("buy")
    );
}

#[tokio::test]
async fn tap_button_picks_the_newest_message_with_that_button() {
    let fake = fake().await;
    let user = fake.user(3);
    user.send_text("/start");
    let button = json!({"inline_keyboard": [[{"text": "Refresh", "callback_data": "r"}]]});
    ok(
        &fake,
        "sendMessage",
        json!({"chat_id": 3, "text": "old", "reply_markup": button}),
    )
    .await;
    let newest = ok(
        &fake,
        "sendMessage",
        json!({"chat_id": 3, "text": "new", "reply_markup": button}),
    )
    .await;
    user.tap_button("Refresh");
    let updates = ok(&fake, "getUpdates", json!({})).await;
    assert_eq!(
        updates[1]["callback_query"]["message"]["message_id"],
        newest["message_id"]
    );
}
