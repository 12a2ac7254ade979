//! Few messages, within Telegram's flood limits: a purchase with the fake Bot API's flood
//! limits on draws no 429, and the buyer is told the outcome once (on the screen where they
//! paid, not again by an outbox notice).

use std::sync::Arc;
use std::time::Duration;

use notify::OutboxDispatcher;
use telegram::TelegramNotifier;
use testkit::Fault;
use testkit::telegram::EntryKind;

use crate::shop::Shop;

/// Runs the outbox once, after the grace order outcomes wait for their screen.
async fn run_outbox_after_grace(shop: &Shop) -> usize {
    shop.clock.advance(notify::INLINE_GRACE + time::Duration::seconds(1));
    run_outbox(shop).await
}

/// Runs the outbox once (delivers what is due); returns how many notices went out.
async fn run_outbox(shop: &Shop) -> usize {
    let d = testshop::bot_deps_for(&shop.fake, &shop.services, testshop::SECRET);
    let notifier = TelegramNotifier::new(d.api.clone(), d.i18n.clone(), d.members.clone());
    let outbox = OutboxDispatcher::new(Arc::new(shop.store.clone()), Arc::new(notifier), shop.clock.clone());
    outbox.run_once(50, Duration::from_secs(30)).await.unwrap().delivered
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_purchase_with_telegrams_flood_limits_on_draws_no_429_and_is_told_once() {
    let shop = Shop::open_with_flood_limits().await;
    let (user, _) = shop.customer(6601, 150_000).await;
    assert_eq!(run_outbox(&shop).await, 1, "the deposit's notice");
    shop.open_confirmation(&user, "France", "Silver").await;
    let before = user.bot_messages().len();
    user.tap_button("Pay");
    shop.idle().await;

    let messages = user.bot_messages();
    assert_eq!(
        messages.len(),
        before + 1,
        "the confirmation became the receipt and one photo was added: {messages:?}"
    );
    let receipt = &messages[messages.len() - 2];
    assert!(
        receipt.text_or_empty().starts_with("✅ Paid 100,000 Toman. Order OR-"),
        "{receipt:?}"
    );
    let photo = messages.last().unwrap();
    assert!(matches!(photo.kind, EntryKind::Photo { .. }), "{photo:?}");
    let caption = photo.text_or_empty();
    for part in [
        "FR-MoonVPN-1001 is ready",
        "Volume: 50 GB",
        "vless://",
        "Subscription link:",
    ] {
        assert!(caption.contains(part), "{part:?} in {caption}");
    }
    assert_eq!(shop.fake.flood_refusals(), 0, "no call was answered 429");

    assert_eq!(
        run_outbox_after_grace(&shop).await,
        0,
        "no 'order is ready' notice after it"
    );
    assert_eq!(user.bot_messages().len(), messages.len());
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refund_is_announced_once() {
    let shop = Shop::open_with_flood_limits().await;
    let (user, _) = shop.customer(6602, 100_000).await;
    assert_eq!(run_outbox(&shop).await, 1, "the deposit's notice");
    shop.open_confirmation(&user, "France", "Silver").await;
    shop.france().set_fault(Some(Fault::Down));
    user.tap_button("Pay");
    shop.idle().await;
    let told = user.last_bot_message().unwrap();
    assert!(
        told.text_or_empty().starts_with("❌ We could not set up your service"),
        "{told:?}"
    );
    let count = user.bot_messages().len();

    assert_eq!(
        run_outbox_after_grace(&shop).await,
        0,
        "the refund notice is not sent as well"
    );
    assert_eq!(user.bot_messages().len(), count);
    assert_eq!(shop.fake.flood_refusals(), 0);
    shop.france().set_fault(None);
    shop.close().await;
}
