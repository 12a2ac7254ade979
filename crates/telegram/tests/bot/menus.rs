//! The main menu's buttons.

use crate::support::{QUIET, fake, memory_store, spawn_bot};

#[tokio::test]
async fn every_main_menu_button_answers_and_help_shows_the_support_contact() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    let user = fake.user(2001);
    user.send_text("/start");
    user.send_text("/menu");
    fake.wait_idle(QUIET).await;

    let expectations = [
        ("Help", "Support: @moon_support"),
        ("Wallet", "Your wallet balance: 0 Toman"),
        ("Buy a plan", "No plans are on sale right now."),
        ("My services", "You have no services yet."),
        ("Free test", "There is no free test right now."),
    ];
    for (button, expected) in expectations {
        user.tap_button(button);
        fake.wait_idle(QUIET).await;
        let shown = user.last_bot_message().unwrap();
        assert!(shown.text_or_empty().contains(expected), "{button}: {shown:?}");
        user.tap_button("Main menu");
        fake.wait_idle(QUIET).await;
        assert!(
            user.last_bot_message()
                .unwrap()
                .text_or_empty()
                .starts_with("Main menu.")
        );
    }
    assert!(user.unanswered_callbacks().is_empty(), "every tap is answered");
    bot.stop().await;
}

#[tokio::test]
async fn text_out_of_context_gets_the_menu() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    let user = fake.user(2002);
    user.send_text("/start");
    user.send_text("hello?");
    fake.wait_idle(QUIET).await;
    let last = user.last_bot_message().unwrap();
    assert_eq!(
        last.text_or_empty(),
        "Sorry, I did not understand that. Please use the menu."
    );
    assert!(last.button_texts().iter().any(|b| b.contains("Wallet")));
    bot.stop().await;
}

#[tokio::test]
async fn a_top_up_amount_is_asked_for_checked_and_can_be_cancelled() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    let user = fake.user(2003);
    user.send_text("/menu");
    fake.wait_idle(QUIET).await;
    user.tap_button("Wallet");
    fake.wait_idle(QUIET).await;
    user.tap_button("Top up");
    fake.wait_idle(QUIET).await;
    assert_eq!(
        user.last_bot_message().unwrap().text_or_empty(),
        "Send the amount to add, in Toman. For example: 100,000"
    );
    user.send_text("lots");
    fake.wait_idle(QUIET).await;
    assert!(
        user.last_bot_message()
            .unwrap()
            .text_or_empty()
            .starts_with("That is not an amount.")
    );
    user.send_text("۲۵۰٬۰۰۰");
    fake.wait_idle(QUIET).await;
    assert!(
        user.last_bot_message()
            .unwrap()
            .text_or_empty()
            .starts_with("Top up 250,000 Toman. How would you like to pay?"),
        "Persian digits are understood; the payment methods follow"
    );
    user.send_text("300000");
    fake.wait_idle(QUIET).await;
    assert!(
        user.last_bot_message()
            .unwrap()
            .text_or_empty()
            .starts_with("Sorry, I did not understand")
    );

    user.tap_button("Wallet");
    fake.wait_idle(QUIET).await;
    user.tap_button("Top up");
    fake.wait_idle(QUIET).await;
    user.tap_button("Cancel");
    fake.wait_idle(QUIET).await;
    user.send_text("5000");
    fake.wait_idle(QUIET).await;
    assert!(
        user.last_bot_message()
            .unwrap()
            .text_or_empty()
            .starts_with("Sorry, I did not understand")
    );
    bot.stop().await;
}

#[tokio::test]
async fn the_command_menu_is_published_in_every_language() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = telegram::Bot::new(crate::support::deps(&fake, &store, crate::support::SECRET));
    bot.publish_commands().await.unwrap();
    let calls = fake.calls_to("setMyCommands");
    assert_eq!(calls.len(), 4, "en, default, fa, ru");
    let fa = calls.iter().find(|c| c["language_code"] == "fa").unwrap();
    assert_eq!(fa["commands"][1]["command"], "menu");
    assert_eq!(fa["commands"][1]["description"], "منوی اصلی");
    assert_eq!(fake.commands()[0]["command"], "start");
}
