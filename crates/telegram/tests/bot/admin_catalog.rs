//! Plans and discount codes in the admin menu, in English, Persian and Russian: the plan list
//! and one plan taken off sale and put back; the code list and one code with its rules
//! disabled. Each step's screens are an insta snapshot; the catalog and the audit log are
//! checked in the store.

use kernel::{Money, PageRequest};
use members::{Language, Role};
use orders::{DiscountCode, DiscountStatus, DiscountTerms, DiscountValue, Percent};
use testkit::Generation;
use testshop::{PlanSpec, TestShop};

use crate::admin_support::{audit_by, audited_actions};
use crate::support::{Screens, label};

/// A superadmin (1001), a plain user (1002), two plans in France and two codes.
async fn catalog_shop() -> TestShop {
    let shop = TestShop::init()
        .with_location("France", "FR")
        .with_panel(Generation::D)
        .with_plan(PlanSpec::fixed("Monthly 50", 50, 30, 120_000).at(&["FR"]))
        .with_plan(PlanSpec::free_test("Trial", 1, 1).at(&["FR"]))
        .with_user(0)
        .as_admin()
        .with_user(0)
        .start()
        .await;
    let catalog = &shop.services.catalog;
    let ten = DiscountTerms::new(DiscountValue::Percent(Percent::new(10).unwrap()))
        .unwrap()
        .with_usage_limit(Some(100))
        .unwrap()
        .with_min_order(Money::from_minor(50_000).unwrap());
    catalog
        .create_discount(DiscountCode::parse("MOON10").unwrap(), ten, DiscountStatus::Active)
        .await
        .unwrap();
    let fixed = DiscountTerms::new(DiscountValue::Fixed(Money::from_minor(20_000).unwrap())).unwrap();
    catalog
        .create_discount(DiscountCode::parse("WELCOME").unwrap(), fixed, DiscountStatus::Disabled)
        .await
        .unwrap();
    shop
}

async fn walk_the_catalog(lang: Language) -> String {
    let shop = catalog_shop().await;
    let root = shop.user(0);
    shop.services.members.set_language(root.id, lang).await.unwrap();
    let sim = root.sim.clone();
    let tap = |key: &str| sim.tap_button(&label(lang, key));
    sim.send_text("/admin");
    shop.idle().await;
    let mut screens = Screens::new(&sim);

    tap("admin-btn-plans");
    shop.idle().await;
    screens.record("admin-btn-plans");
    sim.tap_button("▶️ Monthly 50");
    shop.idle().await;
    screens.record("a plan");
    tap("admin-btn-plan-off");
    shop.idle().await;
    screens.record("admin-btn-plan-off");
    let plan = shop.services.catalog.plan(shop.plan("Monthly 50")).await.unwrap();
    assert!(!plan.active, "taken off sale");
    tap("admin-btn-plan-on");
    shop.idle().await;
    screens.record("admin-btn-plan-on");
    let plan = shop.services.catalog.plan(shop.plan("Monthly 50")).await.unwrap();
    assert!(plan.active, "back on sale");

    tap("admin-btn-back-home");
    shop.idle().await;
    tap("admin-btn-discounts");
    shop.idle().await;
    screens.record("admin-btn-discounts");
    sim.tap_button("🏷 MOON10");
    shop.idle().await;
    screens.record("a code");
    tap("admin-btn-discount-off");
    shop.idle().await;
    screens.record("admin-btn-discount-off");
    let codes = shop
        .services
        .catalog
        .discounts(root.id, PageRequest::new(0, 10))
        .await
        .unwrap()
        .items;
    assert!(codes.iter().all(|d| d.status == DiscountStatus::Disabled), "{codes:?}");

    let actions: Vec<String> = audited_actions(&shop, root.id).await;
    assert_eq!(
        actions.iter().filter(|a| a.starts_with("plan.")).count(),
        2,
        "both plan changes are audited: {actions:?}"
    );
    assert_eq!(
        actions.iter().filter(|a| a.starts_with("discount.")).count(),
        1,
        "the code change is audited: {actions:?}"
    );
    shop.close().await;
    screens.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plans_and_codes_in_english() {
    insta::assert_snapshot!(walk_the_catalog(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plans_and_codes_in_persian() {
    insta::assert_snapshot!(walk_the_catalog(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plans_and_codes_in_russian() {
    insta::assert_snapshot!(walk_the_catalog(Language::Ru).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_user_cannot_take_a_plan_off_sale() {
    let shop = catalog_shop().await;
    let customer = shop.user(1);
    assert_eq!(shop.services.members.get(customer.id).await.unwrap().role, Role::User);
    let plan = shop.plan("Monthly 50");
    customer.sim.send_text("/menu");
    shop.idle().await;
    crate::admin_support::tap_admin(
        &shop,
        &customer.sim,
        telegram::AdminAction::PlanSale(plan, false),
        "forged",
    );
    shop.idle().await;

    assert!(
        shop.services.catalog.plan(plan).await.unwrap().active,
        "nothing changed"
    );
    let denied = audit_by(&shop, customer.id).await;
    assert!(
        denied.iter().any(|e| e.action.as_str() == "access.denied"),
        "the attempt is audited: {denied:?}"
    );
    shop.close().await;
}
