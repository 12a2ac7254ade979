//! The wallet: balance, the latest movements with tracking codes, and the paged history.

use crate::shop::Shop;

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
    user.send_text("/menu");
    shop.idle().await;
    user.tap_button("Wallet");
    shop.idle().await;
    user.tap_button("Full history");
    shop.idle().await;
    let first = user.last_bot_message().unwrap();
    assert!(
        first.text_or_empty().starts_with("Wallet history (page 1 of 2)"),
        "{first:?}"
    );
    assert!(first.text_or_empty().contains("+12,000 Toman"));
    assert!(!first.text_or_empty().contains("+1,000 Toman"));
    assert!(!first.button_texts().iter().any(|b| b.contains("Newer")));

    user.tap_button("Older");
    shop.idle().await;
    let second = user.last_bot_message().unwrap();
    assert!(
        second.text_or_empty().starts_with("Wallet history (page 2 of 2)"),
        "{second:?}"
    );
    assert!(second.text_or_empty().contains("+1,000 Toman"));
    assert!(second.text_or_empty().contains("+2,000 Toman"));
    assert!(second.button_texts().iter().any(|b| b.contains("Newer")));
    assert!(!second.button_texts().iter().any(|b| b.contains("Older")));
    assert!(second.button_texts().iter().any(|b| b.contains("Main menu")));
    shop.close().await;
}
