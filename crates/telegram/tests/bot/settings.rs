//! Settings and the low-balance notice as the user sees them, in English, Persian and
//! Russian: the reminder toggles (muted and unmuted again), the way back, then a purchase that
//! leaves less than its price in the wallet: one notice after the delivery, with a Top-up
//! button that asks for the amount. A muted low-balance notice is not sent.

use members::Language;
use testkit::telegram::SimUser;

use crate::reminders::run_jobs;
use crate::shop::Shop;
use crate::support::stored_user;
use crate::support::{Screens, label, tap_starting_with};

/// A user of `lang` with `toman` in the wallet, at the main menu.
async fn user_in(shop: &Shop, lang: Language, telegram_id: i64, toman: i64) -> SimUser {
    let user = shop.fake.user_with(telegram_id, "Sara", None, "en");
    user.send_text("/start");
    shop.idle().await;
    user.tap_button(&label(lang, &format!("btn-lang-{}", lang.code())));
    shop.idle().await;
    let id = stored_user(&shop.store, telegram_id).await.unwrap().id;
    shop.credit(id, toman).await;
    run_jobs(shop).await; // the deposit's notice
    user.send_text("/menu");
    shop.idle().await;
    user
}

/// Buys Silver (100,000 Toman) in France from the main menu and pays.
async fn buy_silver(shop: &Shop, user: &SimUser, lang: Language) {
    for step in [label(lang, "btn-plans"), "France".to_owned(), "Silver".to_owned()] {
        user.tap_button(&step);
        shop.idle().await;
    }
    tap_starting_with(user, "✅");
    shop.idle().await;
}

async fn settings_in(lang: Language, telegram_id: i64) -> String {
    let shop = Shop::open().await;
    let user = user_in(&shop, lang, telegram_id, 120_000).await;
    let mut steps = Screens::new(&user);

    user.tap_button(&label(lang, "btn-settings"));
    shop.idle().await;
    steps.record("Settings");
    tap_starting_with(&user, "🔔");
    shop.idle().await;
    steps.record("the first reminder muted");
    tap_starting_with(&user, "🔕");
    shop.idle().await;
    steps.record("and on again");
    user.tap_button(&label(lang, "btn-menu"));
    shop.idle().await;
    steps.record("back to the menu");

    buy_silver(&shop, &user, lang).await;
    run_jobs(&shop).await;
    steps.record("a purchase leaving 20,000 Toman: the delivery first");
    shop.clock.advance(notify::AFTER_DELIVERY + time::Duration::seconds(1));
    run_jobs(&shop).await;
    steps.record("then the low balance, once");
    run_jobs(&shop).await;
    steps.record("the outbox again: nothing new");
    user.tap_button(&label(lang, "btn-top-up"));
    shop.idle().await;
    steps.record("Top up under the notice");
    shop.close().await;
    steps.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_and_low_balance_in_english() {
    insta::assert_snapshot!(settings_in(Language::En, 7301).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_and_low_balance_in_persian() {
    insta::assert_snapshot!(settings_in(Language::Fa, 7302).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_and_low_balance_in_russian() {
    insta::assert_snapshot!(settings_in(Language::Ru, 7303).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_muted_low_balance_notice_is_not_sent() {
    let shop = Shop::open().await;
    let lang = Language::En;
    let user = user_in(&shop, lang, 7304, 120_000).await;
    user.tap_button(&label(lang, "btn-settings"));
    shop.idle().await;
    tap_starting_with(&user, "🔔 Low balance");
    shop.idle().await;
    assert!(
        user.last_bot_message()
            .unwrap()
            .button_texts()
            .iter()
            .any(|b| b.starts_with("🔕 Low balance")),
        "{:?}",
        user.last_bot_message()
    );
    user.tap_button(&label(lang, "btn-menu"));
    shop.idle().await;

    buy_silver(&shop, &user, lang).await;
    shop.clock.advance(notify::AFTER_DELIVERY + time::Duration::seconds(1));
    run_jobs(&shop).await;

    let texts: Vec<String> = user
        .bot_messages()
        .iter()
        .map(|m| m.text_or_empty().to_owned())
        .collect();
    assert!(texts.iter().any(|t| t.contains("Paid")), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("Your balance is now")), "{texts:?}");
    shop.close().await;
}
