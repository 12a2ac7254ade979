//! White-label: the shop's name (`[shop] name`) in the welcome text in English, Persian and
//! Russian, and in the name of every client the bot makes on a panel (`FR-<brand>-1001`).
//! Clients made before a rename keep their names, are still listed, and reconcile clean.

use std::sync::Arc;

use kernel::ShopName;
use testkit::Generation;
use testshop::{PlanSpec, TestShop, test_policy, test_services};

/// A user whose Telegram speaks `language_code` presses Start in a shop named "Star Net".
async fn welcome_in(language_code: &str) -> String {
    let shop = TestShop::init().with_shop_name("Star Net").start().await;
    let user = shop.fake.user_with(2001, "Sara", None, language_code);
    user.send_text("/start");
    shop.idle().await;
    let chat = user.chat_snapshot();
    shop.close().await;
    chat
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_welcome_names_the_shop_in_english() {
    insta::assert_snapshot!(welcome_in("en").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_welcome_names_the_shop_in_persian() {
    insta::assert_snapshot!(welcome_in("fa").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_welcome_names_the_shop_in_russian() {
    insta::assert_snapshot!(welcome_in("ru").await);
}

fn france_shop() -> testshop::ShopBuilder {
    TestShop::init()
        .with_location("France", "FR")
        .with_panel(Generation::D)
        .with_plan(PlanSpec::fixed("Silver", 50, 30, 100_000).at(&["FR"]))
        .with_user(300_000)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_panel_gets_a_client_named_after_the_shop() {
    let shop = france_shop().with_shop_name("Star Net").start().await;
    let buyer = shop.user(0);

    shop.buy(&buyer.sim, "France", "Silver").await;

    assert_eq!(shop.panel(0).client_emails(), ["FR-Star_Net-1001"]);
    let accounts = shop.accounts(buyer.id).await;
    assert_eq!(accounts[0].name.as_str(), "FR-Star_Net-1001");
    let delivered = buyer.sim.bot_messages();
    assert!(
        delivered.iter().any(|m| m.text_or_empty().contains("FR-Star_Net-1001")),
        "the buyer's link carries the name: {delivered:?}"
    );
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_made_before_a_rename_keep_their_names_and_reconcile_clean() {
    let mut shop = france_shop().start().await;
    let buyer = shop.user(0).clone();
    shop.buy(&buyer.sim, "France", "Silver").await;

    // The seller renames the shop and restarts MoonVPN.
    let mut policy = test_policy([]);
    policy.shop_name = ShopName::new("Star Net").unwrap();
    let clock: Arc<dyn kernel::Clock> = shop.clock.clone();
    shop.services = test_services(&shop.store, clock, policy);
    shop.restart().await;
    shop.buy(&buyer.sim, "France", "Silver").await;

    let mut on_panel = shop.panel(0).client_emails();
    on_panel.sort();
    assert_eq!(on_panel, ["FR-MoonVPN-1001", "FR-Star_Net-1002"]);
    let mut names: Vec<String> = shop
        .accounts(buyer.id)
        .await
        .iter()
        .map(|a| a.name.as_str().to_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["FR-MoonVPN-1001", "FR-Star_Net-1002"]);
    let old = shop.open_service(&buyer.sim, "FR-MoonVPN-1001").await;
    assert!(old.text_or_empty().contains("FR-MoonVPN-1001"), "{old:?}");
    for panel in shop.services.fleet.panels().await.unwrap() {
        let report = shop.services.fleet.reconcile(panel.id, false).await.unwrap();
        assert!(
            report.unknown.is_empty() && report.lost.is_empty(),
            "nothing unknown or lost after the rename: {report:?}"
        );
    }
    shop.close().await;
}
