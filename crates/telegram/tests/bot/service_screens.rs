//! Snapshot tests of the screens around a bought service and around paying, in English,
//! Persian and Russian: My services, a service, its renewal plans and preview, a new link, switching
//! location, the QR code again, topping up from the wallet, and a discount code at checkout
//! (a wrong one refused), and a build-your-own plan's questions. What `screens.rs` walks (the menus, buying, delivery) is not repeated.

use members::Language;

use crate::shop::Shop;
use crate::support::{Screens, label};

const SERVICE: &str = "FR-MoonVPN-1001";

/// Buys Silver in France (in English), switches to `lang`, then walks every screen of the
/// service and of paying, starting each from the main menu.
async fn walk_service_screens(lang: Language, telegram_id: i64) -> String {
    let shop = Shop::open().await;
    let (user, _) = shop.customer(telegram_id, 300_000).await;
    shop.buy(&user, "France", "Silver").await;
    user.send_text("/language");
    shop.idle().await;
    user.tap_button(&label(lang, &format!("btn-lang-{}", lang.code())));
    shop.idle().await;

    let mut screens = Screens::new(&user);
    let open_service = async || {
        user.send_text("/menu");
        shop.idle().await;
        user.tap_button(&label(lang, "btn-services"));
        shop.idle().await;
        user.tap_button(SERVICE);
        shop.idle().await;
    };
    open_service().await;
    screens.record("btn-services → service");
    open_service().await;
    screens.skip();
    user.tap_button(&label(lang, "btn-renew"));
    shop.idle().await;
    screens.record("btn-renew");
    user.tap_button("Silver");
    shop.idle().await;
    screens.record("Silver (the renewal's preview)");
    for key in ["btn-new-link", "btn-qr"] {
        open_service().await;
        screens.skip();
        user.tap_button(&label(lang, key));
        shop.idle().await;
        screens.record(key);
    }
    open_service().await;
    screens.skip();
    user.tap_button(&label(lang, "btn-move"));
    shop.idle().await;
    screens.record("btn-move");
    user.tap_button("Germany");
    shop.idle().await;
    screens.record("Germany");

    user.send_text("/menu");
    shop.idle().await;
    user.tap_button(&label(lang, "btn-wallet"));
    shop.idle().await;
    screens.skip();
    user.tap_button(&label(lang, "btn-top-up"));
    shop.idle().await;
    screens.record("btn-wallet → btn-top-up");

    user.send_text("/menu");
    shop.idle().await;
    for step in [label(lang, "btn-plans"), "Germany".to_owned(), "Silver".to_owned()] {
        user.tap_button(&step);
        shop.idle().await;
    }
    screens.skip();
    user.tap_button(&label(lang, "btn-discount"));
    shop.idle().await;
    screens.record("Germany → Silver → btn-discount");
    user.send_text("NOSUCHCODE");
    shop.idle().await;
    screens.record("a code that does not exist");

    user.send_text("/menu");
    shop.idle().await;
    for step in [label(lang, "btn-plans"), "France".to_owned()] {
        user.tap_button(&step);
        shop.idle().await;
    }
    screens.skip();
    user.tap_button("Custom");
    shop.idle().await;
    screens.record("France → Custom");
    for (typed, step) in [
        ("5", "5 GB (too few)"),
        ("۲۰", "۲۰ GB (Persian digits)"),
        ("30", "30 days"),
    ] {
        user.send_text(typed);
        shop.idle().await;
        screens.record(step);
    }
    shop.close().await;
    screens.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_service_screen_in_english() {
    insta::assert_snapshot!(walk_service_screens(Language::En, 7201).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_service_screen_in_persian() {
    insta::assert_snapshot!(walk_service_screens(Language::Fa, 7202).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_service_screen_in_russian() {
    insta::assert_snapshot!(walk_service_screens(Language::Ru, 7203).await);
}
