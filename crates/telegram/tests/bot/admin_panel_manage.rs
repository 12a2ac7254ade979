//! A panel's inbounds and removal, walked as the superadmin in English, Persian and Russian:
//! the inbound list, a bad then a good client limit, then removing a panel a user holds a
//! service on (refused with the count), taking it off sale instead, and deleting a panel
//! nothing was sold on. Each step's screens are an insta snapshot; the store is checked.

use members::Language;
use testkit::Generation;
use testshop::{PlanSpec, TestShop};

use crate::admin_support::audited_actions;
use crate::support::{Screens, label};

async fn manage_panels(lang: Language) -> String {
    let shop = TestShop::init()
        .with_location("France", "FR")
        .with_panel(Generation::D)
        .with_location("Germany", "DE")
        .with_panel(Generation::D)
        .with_plan(PlanSpec::fixed("Monthly 50", 50, 30, 120_000).at(&["FR"]))
        .with_user(0)
        .as_admin()
        .with_user(200_000)
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
    let mut screens = Screens::new(&sim);
    sim.tap_button("France 1");
    shop.idle().await;
    screens.record("France 1");
    tap("admin-btn-inbounds");
    shop.idle().await;
    screens.record("admin-btn-inbounds");
    sim.tap_button("443");
    shop.idle().await;
    screens.record("the inbound's limit");
    sim.send_text("many");
    shop.idle().await;
    screens.record("many");
    sim.send_text("25");
    shop.idle().await;
    screens.record("25");
    let inbound = &shop.services.fleet.panel_overviews().await.unwrap()[0].inbounds[0];
    assert_eq!(inbound.max_clients.amount(), Some(25));

    tap("admin-btn-back-panel");
    shop.idle().await;
    tap("admin-btn-panel-remove");
    shop.idle().await;
    screens.record("admin-btn-panel-remove");
    tap("admin-btn-panel-remove-yes");
    shop.idle().await;
    screens.record("admin-btn-panel-remove-yes (a service on it)");
    tap("admin-btn-panel-off-sale");
    shop.idle().await;
    screens.record("admin-btn-panel-off-sale");
    let panels = shop.services.fleet.panels().await.unwrap();
    assert_eq!(panels.len(), 2, "the panel with a service is kept");
    assert!(panels.iter().any(|p| p.name.as_str() == "France 1" && !p.active));

    tap("admin-btn-back-panels");
    shop.idle().await;
    sim.tap_button("Germany 1");
    shop.idle().await;
    tap("admin-btn-panel-remove");
    shop.idle().await;
    tap("admin-btn-panel-remove-yes");
    shop.idle().await;
    screens.record("removing Germany 1 (nothing sold)");
    let panels = shop.services.fleet.panels().await.unwrap();
    assert_eq!(panels.len(), 1, "the unused panel is deleted");

    let actions: Vec<String> = audited_actions(&shop, root.id).await;
    assert_eq!(
        actions,
        ["panel.remove", "panel.remove", "inbound.capacity"],
        "newest first"
    );
    shop.close().await;
    screens.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn managing_panels_in_english() {
    insta::assert_snapshot!(manage_panels(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn managing_panels_in_persian() {
    insta::assert_snapshot!(manage_panels(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn managing_panels_in_russian() {
    insta::assert_snapshot!(manage_panels(Language::Ru).await);
}
