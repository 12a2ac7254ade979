//! The wallet: balance, the latest movements with tracking codes, and the paged history.

use crate::shop::Shop;
use crate::support::Screens;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wallet_shows_the_balance_and_movements_with_their_tracking_codes() {
    let shop = Shop::open().await;
    let (user, id) = shop.customer(6501, 150_000).await;
    shop.buy(&user, "France", "Silver").await;
    user.send_text("/menu");
    shop.idle().await;
    user.tap_button("Wallet");
    shop.idle().await;

    let shown = user.last_bot_message().unwrap();
    let text = shown.text_or_empty();
    assert!(text.starts_with("Your wallet balance: 50,000 Toman"), "{text}");
    let ledger = shop.ledger(id).await;
    let purchase = format!("Purchase −100,000 Toman · {}", ledger[0].tracking.as_str());
    let deposit = format!("Top-up +150,000 Toman · {}", ledger[1].tracking.as_str());
    assert!(text.contains(&purchase), "{text}");
    assert!(text.contains(&deposit), "{text}");
    assert!(text.find(&purchase) < text.find(&deposit), "newest first");
    assert!(shown.button_texts().iter().any(|b| b.contains("Top up")));
    assert!(
        !shown.button_texts().iter().any(|b| b.contains("Full history")),
        "all of it fits"
    );
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_full_history_pages_through_older_movements() {
    let shop = Shop::open().await;
    let (user, id) = shop.customer(6502, 0).await;
    for toman in 1..=12 {
        shop.credit(id, toman * 1_000).await;
    }
    let mut screens = Screens::new(&user);
    user.send_text("/menu");
    shop.idle().await;
    user.tap_button("Wallet");
    shop.idle().await;
    screens.skip();
    for step in ["Full history", "Older", "Newer"] {
        user.tap_button(step);
        shop.idle().await;
        screens.record(step);
    }
    // Page 1 holds the newest ten movements (+12,000 down to +3,000) and only "Older"; page 2
    // the two oldest and only "Newer"; "Newer" goes back to page 1.
    insta::assert_snapshot!(screens.text());
    shop.close().await;
}
