//! One user's updates in order; many users at once.

use crate::support::{QUIET, fake, memory_store, spawn_bot};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn each_chat_is_answered_in_order_while_chats_are_served_together() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    let users: Vec<_> = (0..6).map(|i| fake.user(3000 + i)).collect();
    for user in &users {
        user.send_text("/start");
    }
    for command in ["/help", "/language", "/menu", "/help"] {
        for user in &users {
            user.send_text(command);
        }
    }
    fake.wait_idle(QUIET).await;
    for user in &users {
        let texts: Vec<String> = user
            .bot_messages()
            .iter()
            .map(|m| m.text_or_empty().lines().next().unwrap_or_default().to_owned())
            .collect();
        assert_eq!(texts.len(), 6, "{texts:?}");
        assert!(texts[0].starts_with("Hello, User"));
        assert_eq!(texts[1], "Choose your language:");
        assert_eq!(texts[2], "Help");
        assert_eq!(texts[3], "Choose your language:");
        assert!(texts[4].starts_with("Main menu."));
        assert_eq!(texts[5], "Help");
    }
    bot.stop().await;
}
