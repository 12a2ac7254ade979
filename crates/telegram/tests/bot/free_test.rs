//! The free test: once per user and test plan, refused clearly the second time.

use testkit::telegram::EntryKind;

use crate::shop::{GB, Shop, limits_on};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_free_test_is_given_once_and_refused_clearly_the_second_time() {
    let shop = Shop::open().await;
    let (user, id) = shop.customer(6201, 0).await;
    user.send_text("/menu");
    shop.idle().await;
    user.tap_button("Free test");
    shop.idle().await;
    let offer = user.last_bot_message().unwrap();
    assert!(offer.text_or_empty().contains("Trial: 1 GB for 1 day"), "{offer:?}");

    user.tap_button("Trial · France");
    shop.idle().await;
    let messages = user.bot_messages();
    assert!(
        matches!(messages.last().unwrap().kind, EntryKind::Photo { .. }),
        "{messages:?}"
    );
    assert!(
        messages
            .last()
            .unwrap()
            .text_or_empty()
            .starts_with("✅ FR-MoonVPN-1001 is ready."),
        "the QR photo's caption carries the service"
    );
    let (total, _) = limits_on(shop.france(), "FR-MoonVPN-1001");
    assert_eq!(total, i64::try_from(GB).unwrap());
    assert!(shop.ledger(id).await.is_empty(), "a free test moves no money");

    user.send_text("/menu");
    shop.idle().await;
    user.tap_button("Free test");
    shop.idle().await;
    user.tap_button("Trial · France");
    shop.idle().await;
    let refused = user.last_bot_message().unwrap();
    assert_eq!(
        refused.text_or_empty(),
        "You have already used this free test. You can buy a plan any time."
    );
    assert!(refused.button_texts().iter().any(|b| b.contains("Main menu")));
    assert_eq!(shop.france().client_count(), 1);
    assert_eq!(shop.accounts(id).await.len(), 1);
    shop.close().await;
}
