//! What survives a restart: conversation state (and nothing is handled twice).

use kernel::Secret;
use store::Store;

use crate::support::{QUIET, SECRET, fake, spawn_bot};

#[tokio::test]
async fn a_chat_waiting_for_an_amount_still_waits_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("bot.db").display());
    let fake = fake().await;
    let user = fake.user(7001);

    let store = Store::connect(&url, &Secret::new(SECRET)).await.unwrap();
    store.migrate().await.unwrap();
    let bot = spawn_bot(&fake, &store);
    user.send_text("/menu");
    fake.wait_idle(QUIET).await;
    user.tap_button("Wallet");
    fake.wait_idle(QUIET).await;
    user.tap_button("Top up");
    fake.wait_idle(QUIET).await;
    bot.stop().await;
    store.close().await.unwrap();

    let store = Store::connect(&url, &Secret::new(SECRET)).await.unwrap();
    let bot = spawn_bot(&fake, &store);
    user.send_text("120000");
    fake.wait_idle(QUIET).await;
    assert!(
        user.last_bot_message()
            .unwrap()
            .text_or_empty()
            .starts_with("Top up 120,000 Toman. How would you like to pay?"),
        "{:?}",
        user.last_bot_message()
    );
    bot.stop().await;
}
