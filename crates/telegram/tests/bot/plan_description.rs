//! A plan's description on the buyer's screen: the plans of a location show each plan's
//! description under its terms (HTML in it shown as text), in English, Persian and Russian;
//! a plan without one shows its terms only.

use members::Language;
use testkit::Generation;
use testshop::{PlanSpec, TestShop};

use crate::support::{Screens, label};

async fn plans_with_a_description(lang: Language) -> String {
    let shop = TestShop::init()
        .with_location("France", "FR")
        .with_panel(Generation::D)
        .with_plan(PlanSpec::fixed("Monthly 50", 50, 30, 120_000).described("Fast in Tehran <& Mashhad>.\nFor phones."))
        .with_plan(PlanSpec::fixed("Weekly 10", 10, 7, 40_000))
        .with_user(0)
        .start()
        .await;
    let buyer = shop.user(0);
    shop.services.members.set_language(buyer.id, lang).await.unwrap();
    let sim = buyer.sim.clone();
    sim.send_text("/menu");
    shop.idle().await;
    let mut screens = Screens::new(&sim);
    sim.tap_button(&label(lang, "btn-plans"));
    shop.idle().await;
    screens.record("btn-plans");
    sim.tap_button("France");
    shop.idle().await;
    screens.record("France");
    shop.close().await;
    screens.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_buyer_reads_a_plans_description_in_english() {
    insta::assert_snapshot!(plans_with_a_description(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_buyer_reads_a_plans_description_in_persian() {
    insta::assert_snapshot!(plans_with_a_description(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_buyer_reads_a_plans_description_in_russian() {
    insta::assert_snapshot!(plans_with_a_description(Language::Ru).await);
}
