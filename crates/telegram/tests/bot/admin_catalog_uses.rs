//! A discount code's uses and its per-buyer limit: the admin's 📋 Uses screen (buyer, order
//! tracking code, discount, date; newest first) in English, Persian and Russian; and a buyer
//! who uses a once-per-buyer code is refused it the second time with a clear message, nothing
//! charged.

use kernel::TelegramId;
use members::Language;
use orders::{DiscountCode, DiscountStatus, DiscountTerms, DiscountValue, Percent, PurchaseRequest};
use testkit::Generation;
use testshop::{PlanSpec, TestShop};
use time::macros::datetime;

use crate::support::{Screens, label};

/// A superadmin (1001), two buyers with 500,000 each, a plan in France and the code ONCE (10%,
/// once per buyer).
async fn uses_shop() -> TestShop {
    let shop = TestShop::init()
        .with_location("France", "FR")
        .with_panel(Generation::D)
        .with_plan(PlanSpec::fixed("Monthly 50", 50, 30, 120_000).at(&["FR"]))
        .with_user(0)
        .as_admin()
        .with_user(500_000)
        .with_user(500_000)
        .start()
        .await;
    let terms = DiscountTerms::new(DiscountValue::Percent(Percent::new(10).unwrap()))
        .unwrap()
        .with_per_user_limit(Some(1))
        .unwrap();
    shop.services
        .catalog
        .create_discount(DiscountCode::parse("ONCE").unwrap(), terms, DiscountStatus::Active)
        .await
        .unwrap();
    shop
}

/// Buyer `n` buys Monthly 50 with ONCE through the order use cases; the order's tracking code.
async fn buy_with_the_code(shop: &TestShop, n: usize) -> String {
    let buyer = shop.user(n);
    let france = shop.services.placement.location_named("France").await.unwrap().unwrap();
    let request = PurchaseRequest {
        user: buyer.id,
        telegram_id: TelegramId::new(buyer.sim.id()).unwrap(),
        plan: shop.plan("Monthly 50"),
        location: france.id,
        selection: None,
        code: Some(DiscountCode::parse("ONCE").unwrap()),
    };
    let order = shop.services.orders.create_order(&request).await.unwrap();
    shop.services.orders.checkout(buyer.id, order.id).await.unwrap();
    order.tracking.as_str().to_owned()
}

async fn the_uses_of_a_code(lang: Language) -> String {
    let shop = uses_shop().await;
    shop.clock.set(datetime!(2026-12-06 10:00 UTC));
    let first = buy_with_the_code(&shop, 1).await;
    shop.clock.set(datetime!(2026-12-07 09:30 UTC));
    let second = buy_with_the_code(&shop, 2).await;
    let root = shop.user(0);
    shop.services.members.set_language(root.id, lang).await.unwrap();
    let sim = root.sim.clone();
    sim.send_text("/admin");
    shop.idle().await;
    let mut screens = Screens::new(&sim);
    sim.tap_button(&label(lang, "admin-btn-discounts"));
    shop.idle().await;
    sim.tap_button("ONCE");
    shop.idle().await;
    screens.record("ONCE");
    sim.tap_button(&label(lang, "admin-btn-code-uses"));
    shop.idle().await;
    screens.record("admin-btn-code-uses");
    sim.tap_button(&label(lang, "btn-back"));
    shop.idle().await;
    screens.record("btn-back");
    shop.close().await;
    screens.text().replace(&first, "OR-FIRST").replace(&second, "OR-SECOND")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_uses_of_a_code_in_english() {
    insta::assert_snapshot!(the_uses_of_a_code(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_uses_of_a_code_in_persian() {
    insta::assert_snapshot!(the_uses_of_a_code(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_uses_of_a_code_in_russian() {
    insta::assert_snapshot!(the_uses_of_a_code(Language::Ru).await);
}

/// The buyer's steps to a confirmation screen of Monthly 50 with ONCE typed in.
async fn order_with_the_code(shop: &TestShop, sim: &testkit::telegram::SimUser) {
    for tap in ["Buy a plan", "France", "Monthly 50", "discount code"] {
        sim.tap_button(tap);
        shop.idle().await;
    }
    sim.send_text("once");
    shop.idle().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_once_per_buyer_code_is_refused_to_the_same_buyer_the_second_time() {
    let shop = uses_shop().await;
    let buyer = shop.user(1);
    let sim = buyer.sim.clone();
    sim.send_text("/menu");
    shop.idle().await;
    order_with_the_code(&shop, &sim).await;
    let confirm = sim.last_bot_message().unwrap();
    assert!(confirm.text_or_empty().contains("To pay: 108,000 Toman"), "{confirm:?}");
    sim.tap_button("Pay");
    shop.idle().await;
    let paid = shop.services.wallet.balance(buyer.id).await.unwrap();
    assert_eq!(paid.minor(), 500_000 - 108_000);

    sim.send_text("/menu");
    shop.idle().await;
    order_with_the_code(&shop, &sim).await;
    let refused = sim.last_bot_message().unwrap();
    assert_eq!(
        refused.text_or_empty(),
        "You have already used this discount code once, as often as it allows. Order without it, or go back."
    );
    assert_eq!(
        shop.services.wallet.balance(buyer.id).await.unwrap(),
        paid,
        "nothing charged"
    );
    let root = shop.user(0).id;
    let code = shop
        .services
        .catalog
        .discount_by_code(root, &DiscountCode::parse("ONCE").unwrap())
        .await
        .unwrap();
    assert_eq!(code.used_count, 1);
    let uses = shop
        .services
        .catalog
        .discount_uses(root, code.id, kernel::PageRequest::default())
        .await
        .unwrap();
    assert_eq!((uses.total, uses.items[0].buyer), (1, buyer.id));
    shop.close().await;
}
