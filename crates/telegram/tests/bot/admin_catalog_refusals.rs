//! A plan change the catalog refuses at Save is explained in the admin's language: another
//! admin made the plan a free test while this one was typing its new price.

use members::Language;
use orders::PlanEdit;
use testkit::Generation;
use testshop::{PlanSpec, TestShop};

use crate::support::label;

/// What the admin is told when Save meets a plan that became a free test meanwhile.
async fn refused_price_change(lang: Language) -> String {
    let shop = TestShop::init()
        .with_location("France", "FR")
        .with_panel(Generation::D)
        .with_plan(PlanSpec::fixed("Monthly 50", 50, 30, 120_000).at(&["FR"]))
        .with_user(0)
        .as_admin()
        .start()
        .await;
    let root = shop.user(0);
    shop.services.members.set_language(root.id, lang).await.unwrap();
    let sim = root.sim.clone();
    sim.send_text("/admin");
    shop.idle().await;
    for step in [
        label(lang, "admin-btn-plans"),
        "Monthly 50".to_owned(),
        label(lang, "admin-btn-plan-edit"),
        label(lang, "admin-plan-field-price"),
    ] {
        sim.tap_button(&step);
        shop.idle().await;
    }
    sim.send_text("50000");
    shop.idle().await;
    let plan = shop.plan("Monthly 50");
    let free_test = PlanEdit {
        is_test: Some(true),
        price: Some(kernel::Money::ZERO),
        ..PlanEdit::default()
    };
    shop.services
        .catalog
        .edit_plan(root.id, plan, &free_test)
        .await
        .unwrap();
    sim.tap_button(&label(lang, "admin-btn-save"));
    shop.idle().await;
    let refused = sim.last_bot_message().unwrap().text_or_empty().to_owned();
    assert!(
        shop.services.catalog.plan(plan).await.unwrap().is_test,
        "nothing saved over the other admin's change"
    );
    shop.close().await;
    refused
}

#[tokio::test]
async fn a_refused_save_is_explained_in_english() {
    assert_eq!(
        refused_price_change(Language::En).await,
        "⚠️ Not saved: a free test plan costs nothing; leave its price at 0"
    );
}

#[tokio::test]
async fn a_refused_save_is_explained_in_persian() {
    assert_eq!(
        refused_price_change(Language::Fa).await,
        "⚠️ ذخیره نشد: \u{2068}پلن تست رایگان است؛ قیمت آن را ۰ بگذارید\u{2069}"
    );
}

#[tokio::test]
async fn a_refused_save_is_explained_in_russian() {
    assert_eq!(
        refused_price_change(Language::Ru).await,
        "⚠️ Не сохранено: бесплатный тестовый тариф ничего не стоит; оставьте цену 0"
    );
}
