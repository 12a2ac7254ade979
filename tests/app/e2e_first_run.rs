//! The first-run guide through the real binary: `moonvpn run` on an empty shop names the next
//! commands on the console, the superadmin's /start shows the setup checklist (a customer's
//! does not), and both go quiet once a plan can be sold.

use crate::e2e_support;

use e2e_support::{ADMIN, E2e, fake_panel, wait_until};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_shop_is_guided_on_the_console_and_in_the_superadmins_start() {
    let mut shop = E2e::new().await;
    shop.start().await;
    wait_until(10, "the console guide", || shop.logged("the shop cannot sell yet")).await;
    let logs = shop.logs().join("\n");
    assert!(
        logs.contains(
            "1. connect your 3x-ui panel (this also adds its location): PANEL_PASSWORD='…' moonvpn panel add --url"
        ),
        "{logs}"
    );
    assert!(
        logs.contains("2. put a plan on sale there: moonvpn plan add --name"),
        "{logs}"
    );
    assert!(logs.contains("3. take payments"), "{logs}");

    let admin = shop.fake.user(ADMIN);
    admin.send_text("/start");
    shop.idle().await;
    let checklist = admin
        .bot_messages()
        .iter()
        .map(|m| m.text_or_empty().to_owned())
        .find(|t| t.contains("Set up your shop"))
        .unwrap_or_else(|| panic!("no checklist: {:?}", admin.transcript()));
    assert!(checklist.contains("⬜ 1. Connect your 3x-ui panel"), "{checklist}");
    assert!(checklist.contains("⬜ 2."), "{checklist}");
    assert!(
        checklist.contains("⬜ 3. Put a plan on sale there: moonvpn plan add"),
        "{checklist}"
    );
    assert!(checklist.contains("moonvpn user adjust-balance"), "{checklist}");
    assert!(
        admin
            .last_bot_message()
            .unwrap()
            .button_texts()
            .contains(&"English".to_owned()),
        "the language picker still comes last: {:?}",
        admin.transcript()
    );

    let customer = shop.customer(1001).await;
    assert!(
        !customer
            .bot_messages()
            .iter()
            .any(|m| m.text_or_empty().contains("Set up your shop")),
        "{:?}",
        customer.transcript()
    );
    shop.stop().await;

    let panel = fake_panel(443).await;
    shop.add_panel(&panel, "France", "FR").await;
    shop.cli_json(&[
        "plan",
        "add",
        "--name",
        "Silver",
        "--days",
        "30",
        "--volume-gb",
        "50",
        "--price",
        "100000",
        "--location",
        "France",
    ])
    .await;
    shop.start().await;
    admin.send_text("/start");
    shop.idle().await;
    // Updates are taken only after the guide had its say, so the answer means it is done.
    // A returning user's /start is one message: the greeting above the main menu.
    let answer = admin.last_bot_message().unwrap().text_or_empty().to_owned();
    assert!(
        answer.starts_with("Welcome back") && answer.contains("Main menu."),
        "{:?}",
        admin.transcript()
    );
    assert!(!shop.logged("the shop cannot sell yet"), "{:#?}", shop.logs());
    shop.stop().await;
}
