//! Editing a panel from the bot, walked as the superadmin in English, Persian and Russian:
//! the edit screen, a bad then a good name, a wrong password (refused by the panel, nothing
//! saved) and the right one; both password messages are deleted from the chat. Each step's
//! screens are an insta snapshot; the store and the audit log are checked.

use members::Language;
use testkit::Generation;
use testkit::telegram::Sender;
use testshop::TestShop;

use crate::admin_support::audited_actions;
use crate::support::{Screens, label};

async fn edit_panel(lang: Language) -> String {
    let shop = TestShop::init()
        .with_location("France", "FR")
        .with_panel(Generation::D)
        .with_user(0)
        .as_admin()
        .start()
        .await;
    let root = shop.user(0);
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
    tap("admin-btn-panel-edit");
    shop.idle().await;
    screens.record("admin-btn-panel-edit");
    tap("admin-panel-field-name");
    shop.idle().await;
    screens.record("admin-panel-field-name");
    sim.send_text(&"x".repeat(80));
    shop.idle().await;
    screens.record("a name of 80 characters");
    sim.send_text("Paris 1");
    shop.idle().await;
    screens.record("Paris 1");
    let panel = shop.services.fleet.panels().await.unwrap().remove(0);
    assert_eq!(panel.name.as_str(), "Paris 1");

    tap("admin-btn-panel-edit");
    shop.idle().await;
    tap("admin-panel-field-password");
    shop.idle().await;
    screens.record("admin-panel-field-password");
    sim.send_text("wrong-password");
    shop.idle().await;
    screens.record("a wrong password");
    sim.send_text("admin");
    shop.idle().await;
    screens.record("the right password");
    let typed: Vec<(String, bool)> = sim
        .transcript()
        .iter()
        .filter(|e| e.from == Sender::User)
        .map(|e| (e.text_or_empty().to_owned(), e.deleted))
        .collect();
    for secret in ["wrong-password", "admin"] {
        assert!(
            typed.iter().any(|(text, deleted)| text == secret && *deleted),
            "{secret} is deleted from the chat: {typed:?}"
        );
    }
    assert!(
        typed.iter().any(|(text, deleted)| text == "Paris 1" && !deleted),
        "a name stays in the chat"
    );
    let actions = audited_actions(&shop, root.id).await;
    assert_eq!(
        actions,
        ["panel.edit", "panel.edit"],
        "newest first; a refused login saves nothing"
    );
    shop.close().await;
    screens.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_a_panel_in_english() {
    insta::assert_snapshot!(edit_panel(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_a_panel_in_persian() {
    insta::assert_snapshot!(edit_panel(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_a_panel_in_russian() {
    insta::assert_snapshot!(edit_panel(Language::Ru).await);
}
