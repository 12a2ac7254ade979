//! Creating and editing plans from the bot, walked as the superadmin in English, Persian and
//! Russian: a package plan with a refused answer at each kind of question (letters for days,
//! a negative price), Persian digits, a location ticked, Back from the summary, Create; then
//! its price changed through the plan's Edit. Each step's screens are an insta snapshot; the
//! plan and the audit log are checked in the store.

use kernel::BYTES_PER_GB;
use members::Language;
use orders::{PlanKind, RenewalRule};
use testkit::Generation;
use testshop::{PlanSpec, TestShop};

use crate::admin_support::{answer_to, audited_actions};
use crate::support::{Screens, label};

/// A superadmin (1001) and a plain user (1002); France (with a panel) and Germany; one plan.
async fn plan_shop() -> TestShop {
    TestShop::init()
        .with_location("France", "FR")
        .with_panel(Generation::D)
        .with_location("Germany", "DE")
        .with_plan(PlanSpec::fixed("Monthly 50", 50, 30, 120_000).at(&["FR"]))
        .with_user(0)
        .as_admin()
        .with_user(0)
        .start()
        .await
}

/// 501 characters: one more than a description may have.
static LONG: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| "d".repeat(501));

async fn create_and_edit_a_plan(lang: Language) -> String {
    let shop = plan_shop().await;
    let root = shop.user(0);
    shop.services.members.set_language(root.id, lang).await.unwrap();
    let sim = root.sim.clone();
    sim.send_text("/admin");
    shop.idle().await;
    let mut screens = Screens::new(&sim);
    let tap = |key: &str| sim.tap_button(&label(lang, key));

    for (step, tapped, typed) in [
        ("admin-btn-plans", Some("admin-btn-plans"), None),
        ("admin-btn-plan-new", Some("admin-btn-plan-new"), None),
        ("the name", None, Some("Weekly 20")),
        ("a description too long", None, Some(&*LONG)),
        (
            "the description",
            None,
            Some("Fast in <b>Tehran</b> & Mashhad.\nFor phones."),
        ),
        ("admin-btn-plan-kind-fixed", Some("admin-btn-plan-kind-fixed"), None),
        ("letters for days", None, Some("seven")),
        ("۷", None, Some("۷")),
        ("20", None, Some("20")),
        ("a negative price", None, Some("-5000")),
        ("۴۵۰۰۰", None, Some("۴۵۰۰۰")),
    ] {
        if let Some(key) = tapped {
            tap(key);
        }
        if let Some(text) = typed {
            sim.send_text(text);
        }
        shop.idle().await;
        screens.record(step);
    }
    let query = tap("admin-btn-locations-done");
    shop.idle().await;
    assert_eq!(
        answer_to(&shop, &query),
        Some(label(lang, "admin-plan-pick-a-location")),
        "Done with nothing ticked is refused"
    );
    sim.tap_button("Germany");
    shop.idle().await;
    screens.record("Germany ticked");
    tap("admin-btn-locations-done");
    shop.idle().await;
    screens.record("admin-btn-locations-done");
    tap("admin-btn-renewal-restart");
    shop.idle().await;
    screens.record("admin-btn-renewal-restart");
    tap("btn-back");
    shop.idle().await;
    screens.record("btn-back");
    tap("admin-btn-renewal-restart");
    shop.idle().await;
    assert_eq!(
        shop.services.catalog.plans(false).await.unwrap().len(),
        1,
        "nothing saved yet"
    );
    tap("admin-btn-plan-create");
    shop.idle().await;
    screens.record("admin-btn-plan-create");

    let plans = shop.services.catalog.plans(false).await.unwrap();
    let plan = plans
        .iter()
        .find(|p| p.name.as_str() == "Weekly 20")
        .expect("the plan is saved");
    let PlanKind::Fixed(terms) = plan.kind else {
        panic!("a package: {plan:?}")
    };
    assert_eq!(
        (
            terms.volume_bytes().amount(),
            terms.duration_days(),
            terms.price().minor()
        ),
        (Some(20 * BYTES_PER_GB), 7, 45_000)
    );
    let germany = shop
        .services
        .placement
        .location_named("Germany")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(plan.locations, [germany.id].into());
    assert_eq!(plan.renewal, RenewalRule::RestartFromNow);
    assert!(plan.active && !plan.is_test);
    assert_eq!(
        plan.description.as_ref().map(|d| d.as_str()),
        Some("Fast in <b>Tehran</b> & Mashhad.\nFor phones.")
    );

    tap("admin-btn-plan-edit");
    shop.idle().await;
    screens.record("admin-btn-plan-edit");
    tap("admin-plan-field-price");
    shop.idle().await;
    screens.record("admin-plan-field-price");
    sim.send_text("abc");
    shop.idle().await;
    screens.record("abc");
    sim.send_text("50,000");
    shop.idle().await;
    screens.record("50,000");
    let unchanged = shop.services.catalog.plan(plan.id).await.unwrap();
    assert_eq!(unchanged.kind, plan.kind, "nothing saved before Save");
    tap("admin-btn-save");
    shop.idle().await;
    screens.record("admin-btn-save");
    let PlanKind::Fixed(terms) = shop.services.catalog.plan(plan.id).await.unwrap().kind else {
        panic!("still a package")
    };
    assert_eq!(terms.price().minor(), 50_000);

    tap("admin-btn-plan-edit");
    shop.idle().await;
    tap("admin-plan-field-description");
    shop.idle().await;
    screens.record("admin-plan-field-description");
    tap("admin-btn-plan-no-description");
    shop.idle().await;
    screens.record("admin-btn-plan-no-description");
    tap("admin-btn-save");
    shop.idle().await;
    screens.record("description removed");
    let cleared = shop.services.catalog.plan(plan.id).await.unwrap();
    assert_eq!(cleared.description, None, "the description is removed");

    let actions = audited_actions(&shop, root.id).await;
    assert_eq!(
        actions.iter().filter(|a| a.starts_with("plan.")).collect::<Vec<_>>(),
        ["plan.edit", "plan.edit", "plan.add"],
        "{actions:?}"
    );
    shop.close().await;
    screens.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creating_and_editing_a_plan_in_english() {
    insta::assert_snapshot!(create_and_edit_a_plan(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creating_and_editing_a_plan_in_persian() {
    insta::assert_snapshot!(create_and_edit_a_plan(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creating_and_editing_a_plan_in_russian() {
    insta::assert_snapshot!(create_and_edit_a_plan(Language::Ru).await);
}

/// Walks the admin through `steps`: a step starting with `tap:` taps the button containing
/// the rest, any other is typed.
async fn walk(shop: &TestShop, steps: &[&str]) {
    let sim = &shop.user(0).sim;
    for step in steps {
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
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_build_your_own_plan_and_a_free_test_are_created_with_their_terms() {
    let shop = plan_shop().await;
    walk(
        &shop,
        &[
            "/admin",
            "tap:Plans",
            "tap:New plan",
            "Custom",
            "tap:No description",
            "tap:Build-your-own",
            "1000",
            "200",
            "100-10",
            "10-100",
            "7-90",
            "tap:France",
            "tap:Germany",
            "tap:Done",
            "tap:Add the new GB",
            "tap:Create the plan",
            "tap:« Plans",
            "tap:New plan",
            "Trial",
            "tap:No description",
            "tap:A free test",
            "1",
            "1",
            "tap:France",
            "tap:Done",
            "tap:Create the plan",
        ],
    )
    .await;
    let plans = shop.services.catalog.plans(false).await.unwrap();
    let custom = plans
        .iter()
        .find(|p| p.name.as_str() == "Custom")
        .expect("Custom saved");
    let PlanKind::Dynamic(t) = custom.kind else {
        panic!("build-your-own: {custom:?}")
    };
    assert_eq!(
        (
            t.price_per_gb().minor(),
            t.price_per_day().minor(),
            t.gb_range(),
            t.days_range()
        ),
        (1000, 200, (10, 100), (7, 90))
    );
    assert_eq!(custom.locations.len(), 2);
    let trial = plans.iter().find(|p| p.name.as_str() == "Trial").expect("Trial saved");
    assert!(trial.is_test);
    assert!(matches!(trial.kind, PlanKind::Fixed(t) if t.price().is_zero() && t.duration_days() == 1));
    let shown = shop.user(0).sim.last_bot_message().unwrap();
    assert!(
        shown.text_or_empty().contains("Free test plan"),
        "the new test plan is shown: {shown:?}"
    );
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_saves_nothing_and_closes_the_questions() {
    let shop = plan_shop().await;
    walk(
        &shop,
        &[
            "/admin",
            "tap:Plans",
            "tap:New plan",
            "Half",
            "tap:No description",
            "tap:A package",
            "tap:Cancel",
        ],
    )
    .await;
    walk(&shop, &["30"]).await;
    let last = shop.user(0).sim.last_bot_message().unwrap();
    assert!(
        !last.text_or_empty().contains("How many GB"),
        "the flow is closed after Cancel: {last:?}"
    );
    assert_eq!(shop.services.catalog.plans(false).await.unwrap().len(), 1);
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plans_locations_and_test_flag_are_edited_from_its_view() {
    let shop = plan_shop().await;
    let plan = shop.plan("Monthly 50");
    walk(
        &shop,
        &[
            "/admin",
            "tap:Plans",
            "tap:Monthly 50",
            "tap:Edit",
            "tap:Locations",
            "tap:Germany",
            "tap:France",
            "tap:Done",
            "tap:Save",
        ],
    )
    .await;
    let germany = shop
        .services
        .placement
        .location_named("Germany")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        shop.services.catalog.plan(plan).await.unwrap().locations,
        [germany.id].into()
    );
    walk(&shop, &["tap:Edit", "tap:Free test", "tap:A free test", "tap:Save"]).await;
    let edited = shop.services.catalog.plan(plan).await.unwrap();
    assert!(edited.is_test, "now a free test plan");
    assert!(
        matches!(edited.kind, PlanKind::Fixed(t) if t.price().is_zero()),
        "{edited:?}"
    );

    // Back to a paid plan: its price is asked first, and zero is refused.
    walk(&shop, &["tap:Edit", "tap:Free test", "tap:A paid plan", "0"]).await;
    let refused = shop.user(0).sim.last_bot_message().unwrap();
    assert!(
        refused
            .text_or_empty()
            .starts_with("⚠️ A paid plan needs a price above zero"),
        "{refused:?}"
    );
    assert!(shop.services.catalog.plan(plan).await.unwrap().is_test, "nothing saved");
    walk(&shop, &["99000", "tap:Save"]).await;
    let paid = shop.services.catalog.plan(plan).await.unwrap();
    assert!(!paid.is_test, "a paid plan again");
    assert!(
        matches!(paid.kind, PlanKind::Fixed(t) if t.price().minor() == 99_000),
        "{paid:?}"
    );
    let actions = audited_actions(&shop, shop.user(0).id).await;
    assert_eq!(actions.iter().filter(|a| *a == "plan.edit").count(), 3, "{actions:?}");
    shop.close().await;
}
