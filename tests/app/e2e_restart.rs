//! Restarting the real binary mid-conversation: SIGTERM stops it cleanly and fast, the chat's
//! state survives, and buttons sent by the previous process still get an answer.

use crate::e2e_support;

use e2e_support::E2e;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conversation_survives_a_restart_and_an_old_button_is_answered_harmlessly() {
    let mut shop = E2e::new().await;
    shop.start().await;
    let user = shop.customer(2001).await;
    let first_menu = user.last_bot_message().unwrap();
    user.send_text("/menu");
    shop.idle().await;
    user.tap_button("Wallet");
    shop.idle().await;
    user.tap_button("Top up");
    shop.idle().await;
    assert!(
        user.last_bot_message()
            .unwrap()
            .text_or_empty()
            .starts_with("Send the amount to add"),
        "{:?}",
        user.last_bot_message()
    );

    shop.stop().await;
    assert!(shop.logged("moonvpn stopped"), "{:#?}", shop.logs());
    shop.start().await;

    user.send_text("120000");
    shop.idle().await;
    assert!(
        user.last_bot_message()
            .unwrap()
            .text_or_empty()
            .starts_with("Top up 120,000 Toman. How would you like to pay?"),
        "the new process still knew the chat was waiting for an amount: {:?}",
        user.last_bot_message()
    );

    let wallet = first_menu
        .buttons
        .iter()
        .flatten()
        .find(|b| b.text.contains("Wallet"))
        .and_then(|b| b.callback_data.clone())
        .expect("the first menu has a Wallet button");
    let before = user.bot_messages().len();
    user.tap(first_menu.message_id, &wallet);
    shop.idle().await;
    assert!(user.unanswered_callbacks().is_empty(), "the old button was answered");
    let old = user
        .bot_messages()
        .into_iter()
        .find(|m| m.message_id == first_menu.message_id)
        .expect("the old message is still there");
    assert!(
        old.text_or_empty().contains("Your wallet balance: 0 Toman"),
        "it still works, and moved no money: {old:?}"
    );
    assert!(user.bot_messages().len() <= before + 1);

    shop.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_stops_as_cleanly_as_sigterm() {
    let mut shop = E2e::new().await;
    shop.start().await;
    shop.customer(2002).await;
    let (status, took) = shop.stop_with("INT").await;
    assert!(status.success(), "exit {status}: {:#?}", shop.logs());
    assert!(took < std::time::Duration::from_secs(10), "{took:?}");
    for step in [
        "polling stops",
        "stopping background jobs",
        "closing the database",
        "moonvpn stopped",
    ] {
        assert!(shop.logged(step), "{step}: {:#?}", shop.logs());
    }
}
