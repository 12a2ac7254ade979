//! `/start`: registration, welcome, language choice.

use kernel::PageRequest;
use members::{Language, MemberRepo};

use crate::support::{QUIET, fake, memory_store, spawn_bot, stored_user};

#[tokio::test]
async fn start_registers_the_user_once_even_when_sent_twice() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    let user = fake.user_with(1001, "Sara", Some("sara_k"), "en");
    user.send_text("/start");
    user.send_text("/start");
    fake.wait_idle(QUIET).await;

    let page = store.list(PageRequest::new(1, 50)).await.unwrap();
    assert_eq!(page.total, 1, "one user, whatever the number of /start");
    let stored = stored_user(&store, 1001).await.unwrap();
    assert_eq!(stored.first_name.as_str(), "Sara");

    let texts: Vec<String> = user
        .bot_messages()
        .iter()
        .map(|m| m.text_or_empty().to_owned())
        .collect();
    assert!(texts[0].starts_with("Hello, Sara! Welcome to MoonVPN."), "{texts:?}");
    assert_eq!(texts[1], "Choose your language:");
    assert_eq!(texts.len(), 3, "a returning user's /start is one message: {texts:?}");
    assert!(texts[2].starts_with("Welcome back, Sara!\n\nMain menu."), "{texts:?}");
    assert!(
        user.last_bot_message()
            .unwrap()
            .button_texts()
            .iter()
            .any(|b| b.contains("Wallet")),
        "the greeting carries the main menu's buttons"
    );
    bot.stop().await;
}

#[tokio::test]
async fn a_newcomer_picks_a_language_and_gets_the_menu_in_it() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    let user = fake.user(1002);
    user.send_text("/start");
    fake.wait_idle(QUIET).await;
    assert_eq!(
        user.last_bot_message().unwrap().button_texts(),
        ["English", "فارسی", "Русский"]
    );

    user.tap_button("فارسی");
    fake.wait_idle(QUIET).await;
    let menu = user.last_bot_message().unwrap();
    assert!(menu.text_or_empty().starts_with("منوی اصلی"), "{menu:?}");
    assert!(menu.edited, "the picker turns into the menu");
    assert!(menu.button_texts().contains(&"💰 کیف پول".to_owned()));
    assert_eq!(
        user.answered_callbacks().last().unwrap().1.as_deref(),
        Some("زبان ربات فارسی شد.")
    );
    assert_eq!(stored_user(&store, 1002).await.unwrap().language, Language::Fa);
    bot.stop().await;
}

#[tokio::test]
async fn the_telegram_language_is_the_first_guess() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    let user = fake.user_with(1003, "Ivan", None, "ru");
    user.send_text("/start");
    fake.wait_idle(QUIET).await;
    assert!(
        user.bot_messages()[0]
            .text_or_empty()
            .starts_with("Здравствуйте, Ivan!")
    );
    bot.stop().await;
}
