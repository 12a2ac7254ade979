//! Connecting a panel from the bot, walked as the superadmin in English, Persian and Russian:
//! a bad URL, the login name, a new location with a bad then a good prefix, a wrong password
//! (nothing saved), then the right one (panel stored, inbounds read, audited). The messages
//! holding the password are deleted from the chat. Each step's screens are an insta snapshot.

use members::Language;
use testkit::telegram::Sender;
use testkit::{FakePanel, FakePanelConfig, InboundSpec};

use crate::admin_support::{admin_shop, audited_actions};
use crate::support::{Screens, label};

async fn connect_a_panel(lang: Language) -> String {
    let shop = admin_shop().await;
    let root = shop.user(0);
    shop.services.members.set_language(root.id, lang).await.unwrap();
    let panel = FakePanel::start(FakePanelConfig::default()).await;
    panel.add_inbound(InboundSpec::vless_reality(8443));
    let sim = root.sim.clone();
    let mut screens = Screens::new(&sim);
    let step = |text: &str| sim.send_text(text);

    sim.send_text("/admin");
    shop.idle().await;
    sim.tap_button(&label(lang, "admin-btn-panels"));
    shop.idle().await;
    screens.record("admin-btn-panels");
    sim.tap_button(&label(lang, "admin-btn-panel-add"));
    shop.idle().await;
    screens.record("admin-btn-panel-add");
    step("ftp://panel");
    shop.idle().await;
    screens.record("ftp://panel");
    step(&panel.url());
    shop.idle().await;
    screens.record("the panel's URL");
    step("admin");
    shop.idle().await;
    screens.record("the login name");
    sim.tap_button(&label(lang, "admin-btn-panel-new-location"));
    shop.idle().await;
    screens.record("admin-btn-panel-new-location");
    step("Germany");
    shop.idle().await;
    screens.record("Germany");
    step("G");
    shop.idle().await;
    screens.record("G");
    step("DE");
    shop.idle().await;
    screens.record("DE");
    step("wrong-password");
    shop.idle().await;
    screens.record("a wrong password");
    let locations = shop.services.placement.locations().await.unwrap();
    assert_eq!(
        locations.len(),
        1,
        "no location is created for a panel that refused the login"
    );
    assert_eq!(shop.services.fleet.panels().await.unwrap().len(), 1);
    step("admin");
    shop.idle().await;
    screens.record("the right password");

    let panels = shop.services.fleet.panels().await.unwrap();
    assert_eq!(panels.len(), 2, "the panel is stored:\n{}", screens.text());
    let germany = shop
        .services
        .placement
        .location_named("germany")
        .await
        .unwrap()
        .expect("the new location");
    assert_eq!(germany.prefix.as_str(), "DE");
    assert!(panels.iter().any(|p| p.location == germany.id));
    let user_lines: Vec<(String, bool)> = sim
        .transcript()
        .into_iter()
        .filter(|e| e.from == Sender::User)
        .map(|e| (e.text_or_empty().to_owned(), e.deleted))
        .collect();
    let passwords: Vec<bool> = user_lines.iter().rev().take(2).map(|(_, deleted)| *deleted).collect();
    assert_eq!(
        passwords,
        [true, true],
        "both password messages are gone: {user_lines:?}"
    );
    assert!(
        user_lines.iter().any(|(text, deleted)| text == "Germany" && !deleted),
        "other answers stay"
    );
    let actions: Vec<String> = audited_actions(&shop, root.id).await;
    assert_eq!(actions.first().map(String::as_str), Some("panel.add"), "{actions:?}");
    assert_eq!(actions.iter().filter(|a| *a == "panel.add").count(), 1);
    shop.close().await;
    let address = panel.url();
    let address = address.trim_start_matches("http://").trim_end_matches('/');
    screens.text().replace(address, "PANEL")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connecting_a_panel_in_english() {
    insta::assert_snapshot!(connect_a_panel(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connecting_a_panel_in_persian() {
    insta::assert_snapshot!(connect_a_panel(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connecting_a_panel_in_russian() {
    insta::assert_snapshot!(connect_a_panel(Language::Ru).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_step_button_changes_nothing() {
    let shop = admin_shop().await;
    let sim = shop.user(0).sim.clone();
    sim.send_text("/admin");
    shop.idle().await;
    sim.tap_button("Panels");
    shop.idle().await;
    sim.tap_button("Add a panel");
    shop.idle().await;
    sim.tap_button("Cancel");
    shop.idle().await;
    sim.send_text("https://example.com:2053/x");
    shop.idle().await;
    let last = sim.last_bot_message().unwrap();
    assert!(
        !last.text_or_empty().contains("login name"),
        "Cancel closed the guided add: {last:?}"
    );
    assert_eq!(shop.services.fleet.panels().await.unwrap().len(), 1);
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_self_signed_panel_is_connected_and_pinned() {
    let shop = admin_shop().await;
    let sim = shop.user(0).sim.clone();
    let panel = FakePanel::start(FakePanelConfig {
        tls: true,
        ..FakePanelConfig::default()
    })
    .await;
    panel.add_inbound(InboundSpec::vless_reality(8443));
    sim.send_text("/admin");
    shop.idle().await;
    for (tap, text) in [
        (Some("Panels"), None),
        (Some("Add a panel"), None),
        (None, Some(panel.url())),
        (None, Some("admin".to_owned())),
        (Some("France"), None),
        (Some("Self-signed"), None),
        (None, Some("admin".to_owned())),
    ] {
        if let Some(label) = tap {
            sim.tap_button(label);
        }
        if let Some(text) = text {
            sim.send_text(&text);
        }
        shop.idle().await;
    }
    let done = sim.last_bot_message().unwrap();
    assert!(done.text_or_empty().starts_with("✅ Panel"), "{done:?}");
    let stored = shop.services.fleet.panels().await.unwrap();
    let added = stored
        .iter()
        .find(|p| p.url.is_https())
        .expect("the https panel is stored");
    assert!(added.allow_insecure_tls);
    assert!(added.tls_pin.is_some(), "its certificate is pinned");
    shop.close().await;
}
