//! My services: usage, the QR code again, renewal with its preview, a new link, and a move
//! to another location; each checked on the fake panels.

use inventory::AccountStatus;
use sea_orm::{EntityTrait, PaginatorTrait};
use store::entity::inventory::account_transfer;
use testkit::telegram::EntryKind;

use crate::shop::{GB, Shop, key_on, limits_on, ms};
use crate::support::Screens;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn my_services_shows_usage_and_days_left_read_from_the_panel() {
    let shop = Shop::open().await;
    let (user, _) = shop.customer(6101, 100_000).await;
    shop.buy(&user, "France", "Silver").await;
    shop.france().add_traffic("FR-MoonVPN-1001", GB / 2, GB);

    let mut screens = Screens::new(&user);
    user.send_text("/menu");
    shop.idle().await;
    screens.skip();
    for step in ["My services", "FR-MoonVPN-1001"] {
        user.tap_button(step);
        shop.idle().await;
        screens.record(step);
    }
    // The list with the service's state; the service with 1.5 GB of 50 GB used (read from
    // the panel), the days left, its links and every action.
    insta::assert_snapshot!(screens.text());
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panel_that_does_not_answer_shows_the_last_known_usage() {
    let shop = Shop::open().await;
    let (user, _) = shop.customer(6102, 100_000).await;
    shop.buy(&user, "France", "Silver").await;
    shop.france().set_fault(Some(testkit::Fault::Down));
    let shown = shop.open_service(&user, "FR-MoonVPN-1001").await;
    let text = shown.text_or_empty();
    assert!(text.contains("Used: 0 GB of 50 GB"), "{text}");
    assert!(text.contains("these are the last known figures"), "{text}");
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_qr_code_can_be_shown_again() {
    let shop = Shop::open().await;
    let (user, _) = shop.customer(6103, 100_000).await;
    shop.buy(&user, "France", "Silver").await;
    let before = user.bot_messages().len();
    shop.open_service(&user, "FR-MoonVPN-1001").await;
    user.tap_button("QR code");
    shop.idle().await;
    let messages = user.bot_messages();
    let photo = messages.last().unwrap();
    assert!(matches!(photo.kind, EntryKind::Photo { .. }), "{photo:?}");
    assert!(messages[messages.len() - 2].text_or_empty().contains("vless://"));
    assert!(messages.len() > before);
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn renewing_shows_the_result_first_then_extends_the_same_client() {
    let shop = Shop::open().await;
    let (user, id) = shop.customer(6104, 200_000).await;
    shop.buy(&user, "France", "Silver").await;
    let bought_at = shop.clock_now();
    let key = key_on(shop.france(), "FR-MoonVPN-1001");
    shop.france().add_traffic("FR-MoonVPN-1001", 0, 10 * GB);
    shop.clock.advance(time::Duration::days(10));

    shop.open_service(&user, "FR-MoonVPN-1001").await;
    let mut screens = Screens::new(&user);
    user.tap_button("Renew");
    shop.idle().await;
    screens.record("Renew");
    user.tap_button("Silver");
    shop.idle().await;
    screens.record("Silver");
    let new_expiry = bought_at + time::Duration::days(60);
    let shown_expiry = format!(
        "{} {} {}",
        new_expiry.day(),
        &format!("{:?}", new_expiry.month())[..3],
        new_expiry.year()
    );
    let preview = user.last_bot_message().unwrap();
    assert!(
        preview.text_or_empty().contains(&format!("valid until {shown_expiry}")),
        "the days are added to what is left: {preview:?}"
    );
    assert_eq!(shop.purchases(id).await, 1, "the preview moves no money");
    user.tap_button("Pay");
    shop.idle().await;
    screens.record("Pay");
    // Each plan with its renewal rule, the preview of the result (100 GB in total), then one
    // edited message saying it is renewed and that the config link stays the same.
    insta::assert_snapshot!(screens.text());
    let (total, expiry) = limits_on(shop.france(), "FR-MoonVPN-1001");
    assert_eq!(total, i64::try_from(100 * GB).unwrap());
    assert_eq!(expiry, ms(new_expiry));
    assert_eq!(key_on(shop.france(), "FR-MoonVPN-1001"), key, "the same client");
    assert_eq!(shop.france().client_count(), 1);
    assert_eq!(shop.purchases(id).await, 2);
    assert_eq!(shop.balance(id).await, 0);
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_link_changes_the_key_on_the_panel_and_hands_over_the_new_link() {
    let shop = Shop::open().await;
    let (user, id) = shop.customer(6105, 100_000).await;
    shop.buy(&user, "France", "Silver").await;
    let old_key = key_on(shop.france(), "FR-MoonVPN-1001");

    shop.open_service(&user, "FR-MoonVPN-1001").await;
    user.tap_button("New link");
    shop.idle().await;
    assert!(
        user.last_bot_message()
            .unwrap()
            .text_or_empty()
            .contains("devices using the old link stop connecting")
    );
    assert_eq!(
        key_on(shop.france(), "FR-MoonVPN-1001"),
        old_key,
        "asking changes nothing"
    );
    user.tap_button("Yes, make a new link");
    shop.idle().await;

    let new_key = key_on(shop.france(), "FR-MoonVPN-1001");
    assert_ne!(new_key, old_key);
    let account = &shop.accounts(id).await[0];
    assert_eq!(account.client_uuid, new_key);
    assert!(account.config_url.contains(&new_key));
    let messages = user.bot_messages();
    assert!(matches!(messages.last().unwrap().kind, EntryKind::Photo { .. }));
    let details = messages.last().unwrap();
    assert!(details.text_or_empty().contains(&new_key), "{details:?}");
    assert!(!details.text_or_empty().contains(&old_key));
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_location_moves_the_client_and_keeps_what_is_left() {
    let shop = Shop::open().await;
    let (user, id) = shop.customer(6106, 100_000).await;
    shop.buy(&user, "France", "Silver").await;
    let (_, expiry) = limits_on(shop.france(), "FR-MoonVPN-1001");
    shop.france().add_traffic("FR-MoonVPN-1001", 0, 10 * GB);

    shop.open_service(&user, "FR-MoonVPN-1001").await;
    user.tap_button("Switch location");
    shop.idle().await;
    let choose = user.last_bot_message().unwrap();
    assert!(choose.button_texts().iter().any(|b| b.contains("Germany")));
    assert!(!choose.button_texts().iter().any(|b| b.contains("France")));
    user.tap_button("Germany");
    shop.idle().await;
    let confirm = user.last_bot_message().unwrap();
    assert!(
        confirm
            .text_or_empty()
            .contains("Move FR-MoonVPN-1001 from France to Germany?"),
        "{confirm:?}"
    );
    assert!(confirm.text_or_empty().contains("You keep 40 GB"), "{confirm:?}");
    assert!(
        shop.france().client("FR-MoonVPN-1001").is_some(),
        "asking moves nothing"
    );
    user.tap_button("Move it");
    shop.idle().await;

    assert!(
        shop.france().client("FR-MoonVPN-1001").is_none(),
        "removed from the old inbound"
    );
    let (total, moved_expiry) = limits_on(shop.germany(), "DE-MoonVPN-1001");
    assert_eq!(total, i64::try_from(40 * GB).unwrap(), "the remaining volume");
    assert_eq!(moved_expiry, expiry, "the same expiry");
    let accounts = shop.accounts(id).await;
    assert_eq!(accounts.len(), 2);
    assert_eq!(accounts[0].name.as_str(), "DE-MoonVPN-1001");
    assert_eq!(accounts[0].status, AccountStatus::Active);
    assert_eq!(accounts[1].status, AccountStatus::Switched);
    let transfers = account_transfer::Entity::find().count(shop.store.db()).await.unwrap();
    assert_eq!(transfers, 1, "the transfer is recorded");
    let messages = user.bot_messages();
    assert!(matches!(messages.last().unwrap().kind, EntryKind::Photo { .. }));
    assert!(
        messages
            .iter()
            .any(|m| m.text_or_empty() == "✅ FR-MoonVPN-1001 moved to Germany as DE-MoonVPN-1001."),
        "{messages:?}"
    );

    user.send_text("/menu");
    shop.idle().await;
    user.tap_button("My services");
    shop.idle().await;
    let list = user.last_bot_message().unwrap();
    assert!(list.text_or_empty().contains("DE-MoonVPN-1001"));
    assert!(
        !list.text_or_empty().contains("FR-MoonVPN-1001"),
        "moved-away services are not listed"
    );
    shop.close().await;
}
