//! Snapshot tests of every screen a user reaches, in English, Persian and Russian: the chat
//! transcript (texts and button rows, volatile values redacted) is checked with insta, so a
//! changed catalog string or layout fails here until its snapshot is reviewed
//! (`cargo insta review`; CI never accepts snapshots by itself).

use members::Language;

use crate::shop::Shop;
use crate::support::{Screens, label, stored_user, tap_starting_with};

/// Walks one user through every user screen in `lang` and returns what each step showed.
async fn walk_every_screen(lang: Language, telegram_id: i64) -> String {
    let shop = Shop::open().await;
    let user = shop.fake.user_with(telegram_id, "Sara", None, "en");
    let mut screens = Screens::from_start(&user);
    user.send_text("/start");
    shop.idle().await;
    screens.record("/start");
    user.tap_button(&label(lang, &format!("btn-lang-{}", lang.code())));
    shop.idle().await;
    screens.record("language chosen");
    let id = stored_user(&shop.store, telegram_id).await.unwrap().id;
    shop.credit(id, 150_000).await;

    for key in ["btn-wallet", "btn-help", "btn-free-test", "btn-language"] {
        user.send_text("/menu");
        shop.idle().await;
        user.tap_button(&label(lang, key));
        shop.idle().await;
        screens.record(key);
    }
    user.send_text("/menu");
    shop.idle().await;
    screens.record("/menu");
    for step in [label(lang, "btn-plans"), "Germany".to_owned(), "Silver".to_owned()] {
        user.tap_button(&step);
        shop.idle().await;
        screens.record(&step);
    }
    tap_starting_with(&user, "✅");
    shop.idle().await;
    screens.record("pay");
    user.tap_button(&label(lang, "btn-open-service"));
    shop.idle().await;
    screens.record("btn-open-service");
    user.send_text("/menu");
    shop.idle().await;
    user.tap_button(&label(lang, "btn-services"));
    shop.idle().await;
    screens.record("btn-services");
    shop.close().await;
    screens.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_user_screen_in_english() {
    insta::assert_snapshot!(walk_every_screen(Language::En, 7101).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_user_screen_in_persian() {
    insta::assert_snapshot!(walk_every_screen(Language::Fa, 7102).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_user_screen_in_russian() {
    insta::assert_snapshot!(walk_every_screen(Language::Ru, 7103).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_button_under_the_qr_photo_is_answered_without_editing_the_photo_as_text() {
    let shop = Shop::open().await;
    let (user, _) = shop.customer(7104, 150_000).await;
    shop.buy(&user, "France", "Silver").await;
    let photo = user.last_bot_message().unwrap();
    let edits_before = shop.fake.calls_to("editMessageText").len();
    user.tap_button("Open this service");
    shop.idle().await;
    let edits = shop.fake.calls_to("editMessageText");
    assert!(
        edits[edits_before..]
            .iter()
            .all(|p| p["message_id"].as_i64() != Some(photo.message_id)),
        "Telegram refuses editMessageText on a photo: {edits:?}"
    );
    let shown = user.last_bot_message().unwrap();
    assert_ne!(shown.message_id, photo.message_id);
    insta::assert_snapshot!(testkit::telegram::render_chat(std::slice::from_ref(&shown)));
    shop.close().await;
}
