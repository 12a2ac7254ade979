//! Creating and editing discount codes from the bot, walked as the superadmin in English,
//! Persian and Russian: a code that exists already and one that does not read are refused, a
//! percentage out of range, Persian digits, optional rules left open with their buttons, a
//! per-buyer limit of zero then of two, a window that ends before it starts, one plan ticked,
//! Back, a second plan ticked, Create; then the usage limit changed through the code's Edit. Each step's screens are an insta snapshot; the
//! code and the audit log are checked in the store.

use kernel::{Money, PageRequest};
use members::Language;
use orders::{DiscountCode, DiscountStatus, DiscountTerms, DiscountValue, Percent};
use testkit::Generation;
use testshop::{PlanSpec, TestShop};
use time::macros::datetime;

use crate::admin_support::audited_actions;
use crate::support::{Screens, label};

/// A superadmin (1001), a plain user (1002), two plans in France and the code MOON10.
async fn code_shop() -> TestShop {
    let shop = TestShop::init()
        .with_location("France", "FR")
        .with_panel(Generation::D)
        .with_plan(PlanSpec::fixed("Monthly 50", 50, 30, 120_000).at(&["FR"]))
        .with_plan(PlanSpec::fixed("Weekly 10", 10, 7, 40_000).at(&["FR"]))
        .with_user(0)
        .as_admin()
        .with_user(0)
        .start()
        .await;
    let ten = DiscountTerms::new(DiscountValue::Percent(Percent::new(10).unwrap())).unwrap();
    shop.services
        .catalog
        .create_discount(DiscountCode::parse("MOON10").unwrap(), ten, DiscountStatus::Active)
        .await
        .unwrap();
    shop
}

async fn spring(shop: &TestShop) -> orders::Discount {
    let root = shop.user(0).id;
    shop.services
        .catalog
        .discount_by_code(root, &DiscountCode::parse("SPRING").unwrap())
        .await
        .expect("SPRING is saved")
}

async fn create_and_edit_a_code(lang: Language) -> String {
    let shop = code_shop().await;
    let root = shop.user(0);
    shop.services.members.set_language(root.id, lang).await.unwrap();
    let sim = root.sim.clone();
    sim.send_text("/admin");
    shop.idle().await;
    let mut screens = Screens::new(&sim);

    let steps: [(&str, &str); 24] = [
        ("admin-btn-discounts", "tap:admin-btn-discounts"),
        ("admin-btn-code-new", "tap:admin-btn-code-new"),
        ("a code that exists", "moon10"),
        ("a code that does not read", "a b"),
        ("spring", "spring"),
        ("150%", "150%"),
        ("۲۵٪", "۲۵٪"),
        ("admin-btn-no-limit", "tap:admin-btn-no-limit"),
        ("a per-user limit of zero", "0"),
        ("۲", "۲"),
        ("۵۰۰۰۰", "۵۰۰۰۰"),
        ("admin-btn-code-no-cap", "tap:admin-btn-code-no-cap"),
        ("a first day", "2027-01-31"),
        ("a last day before the first", "2027-01-01"),
        ("a last day after it", "2027/03/01"),
        ("Monthly 50", "tap-text:Monthly 50"),
        ("admin-btn-locations-done", "tap:admin-btn-locations-done"),
        ("btn-back", "tap:btn-back"),
        ("Weekly 10", "tap-text:Weekly 10"),
        ("Done with two plans", "tap:admin-btn-locations-done"),
        ("admin-btn-code-create", "tap:admin-btn-code-create"),
        ("admin-btn-plan-edit", "tap:admin-btn-plan-edit"),
        ("admin-code-field-usage-limit", "tap:admin-code-field-usage-limit"),
        ("0", "0"),
    ];
    for (n, (step, action)) in steps.iter().enumerate() {
        if n == 20 {
            let codes = shop
                .services
                .catalog
                .discounts(root.id, PageRequest::new(0, 10))
                .await
                .unwrap();
            assert_eq!(codes.items.len(), 1, "nothing saved before Create");
        }
        if let Some(key) = action.strip_prefix("tap:") {
            sim.tap_button(&label(lang, key));
        } else if let Some(text) = action.strip_prefix("tap-text:") {
            sim.tap_button(text);
        } else {
            sim.send_text(action);
        }
        shop.idle().await;
        screens.record(step);
    }
    let code = spring(&shop).await;
    let terms = &code.terms;
    assert_eq!(terms.value(), DiscountValue::Percent(Percent::new(25).unwrap()));
    assert_eq!(terms.min_order(), Money::from_minor(50_000).unwrap());
    assert_eq!((terms.usage_limit(), terms.max_discount()), (None, None));
    assert_eq!(terms.per_user_limit(), Some(2));
    assert_eq!(terms.plans(), &[shop.plan("Monthly 50"), shop.plan("Weekly 10")].into());
    assert_eq!(terms.valid_from(), Some(datetime!(2027-01-31 0:00 UTC)));
    assert_eq!(terms.valid_until(), Some(datetime!(2027-03-01 0:00 UTC)));
    assert_eq!(code.status, DiscountStatus::Active);

    sim.send_text("100");
    shop.idle().await;
    screens.record("100");
    assert_eq!(
        spring(&shop).await.terms.usage_limit(),
        None,
        "nothing saved before Save"
    );
    sim.tap_button(&label(lang, "admin-btn-save"));
    shop.idle().await;
    screens.record("admin-btn-save");
    let edited = spring(&shop).await;
    assert_eq!(edited.terms.usage_limit(), Some(100));
    assert_eq!(
        edited.terms.min_order(),
        Money::from_minor(50_000).unwrap(),
        "other rules kept"
    );

    let actions = audited_actions(&shop, root.id).await;
    assert_eq!(
        actions
            .iter()
            .filter(|a| a.starts_with("discount."))
            .collect::<Vec<_>>(),
        ["discount.edit", "discount.add"],
        "{actions:?}"
    );
    shop.close().await;
    screens.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creating_and_editing_a_code_in_english() {
    insta::assert_snapshot!(create_and_edit_a_code(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creating_and_editing_a_code_in_persian() {
    insta::assert_snapshot!(create_and_edit_a_code(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creating_and_editing_a_code_in_russian() {
    insta::assert_snapshot!(create_and_edit_a_code(Language::Ru).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fixed_code_for_one_plan_skips_the_cap_and_its_plans_can_be_cleared() {
    let shop = code_shop().await;
    let sim = shop.user(0).sim.clone();
    for step in [
        "/admin",
        "tap:Discount codes",
        "tap:New code",
        "SPRING",
        "20000",
        "5",
        "1",
        "tap:No minimum",
        "tap:From now",
        "tap:No end",
        "tap:Monthly 50",
        "tap:Done",
        "tap:Create the code",
    ] {
        match step.strip_prefix("tap:") {
            Some(button) => {
                sim.tap_button(button);
            }
            None => {
                sim.send_text(step);
            }
        }
        shop.idle().await;
    }
    let code = spring(&shop).await;
    assert_eq!(
        code.terms.value(),
        DiscountValue::Fixed(Money::from_minor(20_000).unwrap())
    );
    assert_eq!(code.terms.usage_limit(), Some(5));
    assert_eq!(code.terms.plans(), &[shop.plan("Monthly 50")].into());
    assert_eq!(code.terms.per_user_limit(), Some(1));
    assert_eq!(code.terms.max_discount(), None, "a fixed amount is not asked for a cap");
    for step in ["tap:Edit", "tap:Plans", "tap:Every paid plan", "tap:Save"] {
        sim.tap_button(step.trim_start_matches("tap:"));
        shop.idle().await;
    }
    assert!(spring(&shop).await.terms.plans().is_empty(), "every plan again");
    shop.close().await;
}
