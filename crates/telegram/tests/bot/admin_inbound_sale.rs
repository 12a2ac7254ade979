//! Putting an inbound off and on sale from the bot, walked as the superadmin in English, Persian
//! and Russian: the inbounds screen shows each inbound's sale with a toggle, the confirmation
//! has a way back, and a confirmed change is stored with its audit entry. A buyer of the
//! location whose only inbound is off sale is told it is sold out before anything is ordered
//! or charged; the service sold before keeps working. Each step is an insta snapshot.

use members::Language;
use testkit::Generation;
use testshop::{PlanSpec, TestShop};

use crate::admin_support::audited_actions;
use crate::support::{Screens, label};

async fn toggle_sale(lang: Language) -> String {
    let shop = TestShop::init()
        .with_location("France", "FR")
        .with_panel(Generation::D)
        .with_plan(PlanSpec::fixed("Monthly 50", 50, 30, 120_000).at(&["FR"]))
        .with_user(0)
        .as_admin()
        .with_user(300_000)
        .start()
        .await;
    let root = shop.user(0);
    let buyer = shop.user(1);
    shop.buy(&buyer.sim, "France", "Monthly 50").await;
    shop.services.members.set_language(root.id, lang).await.unwrap();
    let sim = root.sim.clone();
    let tap = |key: &str| sim.tap_button(&label(lang, key));
    sim.send_text("/admin");
    shop.idle().await;
    tap("admin-btn-panels");
    shop.idle().await;
    sim.tap_button("France 1");
    shop.idle().await;
    let mut screens = Screens::new(&sim);
    tap("admin-btn-inbounds");
    shop.idle().await;
    screens.record("admin-btn-inbounds");
    sim.tap_button("⛔");
    shop.idle().await;
    screens.record("stop selling :443");
    tap("btn-back");
    shop.idle().await;
    screens.record("btn-back");
    let inbound = &shop.services.fleet.panel_overviews().await.unwrap()[0].inbounds[0];
    assert!(inbound.on_sale, "going back changes nothing");
    sim.tap_button("⛔");
    shop.idle().await;
    tap("admin-btn-inbound-off-sale-yes");
    shop.idle().await;
    screens.record("admin-btn-inbound-off-sale-yes");
    let inbound = &shop.services.fleet.panel_overviews().await.unwrap()[0].inbounds[0];
    assert!(!inbound.on_sale);

    let balance = shop.balance(buyer.id).await;
    let mut bought = Screens::new(&buyer.sim);
    buyer.sim.send_text("/menu");
    shop.idle().await;
    buyer.sim.tap_button("Buy a plan");
    shop.idle().await;
    buyer.sim.tap_button("France");
    shop.idle().await;
    bought.record("a buyer opens France while its only inbound is off sale");
    assert!(
        buyer
            .sim
            .last_bot_message()
            .unwrap()
            .text_or_empty()
            .contains("sold out"),
        "told before paying"
    );
    assert_eq!(shop.balance(buyer.id).await, balance, "nothing is charged");
    let held = shop.services.accounts.accounts_of(buyer.id).await.unwrap();
    assert_eq!(held.len(), 1, "no new account; the one sold before is kept");
    screens.append(&bought);

    sim.tap_button("🛒");
    shop.idle().await;
    screens.record("sell :443");
    tap("admin-btn-inbound-on-sale-yes");
    shop.idle().await;
    screens.record("admin-btn-inbound-on-sale-yes");
    shop.buy(&buyer.sim, "France", "Monthly 50").await;
    assert_eq!(shop.services.accounts.accounts_of(buyer.id).await.unwrap().len(), 2);

    let actions: Vec<String> = audited_actions(&shop, root.id).await;
    assert_eq!(actions, ["inbound.sale", "inbound.sale"]);
    shop.close().await;
    screens.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_inbound_off_and_on_sale_in_english() {
    insta::assert_snapshot!(toggle_sale(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_inbound_off_and_on_sale_in_persian() {
    insta::assert_snapshot!(toggle_sale(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_inbound_off_and_on_sale_in_russian() {
    insta::assert_snapshot!(toggle_sale(Language::Ru).await);
}

/// The location sells out while a buyer looks at its plans: the plan they tap is refused by
/// the order use case (`OrderError::SoldOut`), shown as the same sold-out screen; no order
/// is created and nothing is charged.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_picked_after_the_location_sold_out_is_refused_with_nothing_ordered() {
    let shop = TestShop::init()
        .with_location("France", "FR")
        .with_panel(Generation::D)
        .with_plan(PlanSpec::fixed("Monthly 50", 50, 30, 120_000).at(&["FR"]))
        .with_user(0)
        .as_admin()
        .with_user(300_000)
        .start()
        .await;
    let (root, buyer) = (shop.user(0), shop.user(1));
    buyer.sim.send_text("/menu");
    shop.idle().await;
    buyer.sim.tap_button("Buy a plan");
    shop.idle().await;
    buyer.sim.tap_button("France");
    shop.idle().await;
    let inbound = shop.services.fleet.panel_overviews().await.unwrap()[0].inbounds[0].id;
    shop.services
        .placement
        .set_inbound_sale_as(root.id, inbound, false)
        .await
        .unwrap();
    buyer.sim.tap_button("🛒 Monthly 50");
    shop.idle().await;
    let answer = buyer.sim.last_bot_message().unwrap();
    assert!(answer.text_or_empty().contains("sold out"), "{answer:?}");
    assert!(shop.orders_of(buyer.id).await.is_empty(), "nothing is ordered");
    assert_eq!(shop.balance(buyer.id).await, 300_000, "nothing is charged");
    shop.close().await;
}
