//! The admin's whole setup from the bot, end to end on the fake Bot API and a fake 3x-ui
//! panel: connect the panel (a wrong password gives a clear error and saves nothing; the right
//! one reads its inbounds), create a plan for its location and a discount code, then a plain
//! user buys the plan with the code: the price is reduced by the code's rules and the client
//! is created on the panel.

use testkit::telegram::EntryKind;
use testkit::{FakePanel, FakePanelConfig, InboundSpec};
use testshop::TestShop;

use crate::admin_support::audited_actions;

/// Taps the button containing `step` after `tap:`, or types `step`; waits for quiet.
async fn walk(shop: &TestShop, sim: &testkit::telegram::SimUser, steps: &[&str]) {
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

fn last_text(sim: &testkit::telegram::SimUser) -> String {
    sim.last_bot_message().unwrap().text_or_empty().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_sets_up_a_panel_a_plan_and_a_code_and_a_user_buys_with_the_code() {
    let shop = TestShop::init()
        .with_user(0)
        .as_admin()
        .with_user(200_000)
        .start()
        .await;
    let (root, buyer) = (shop.user(0), shop.user(1));
    let panel = FakePanel::start(FakePanelConfig::default()).await;
    panel.add_inbound(InboundSpec::vless_reality(8443));
    let admin = &root.sim;

    walk(
        &shop,
        admin,
        &[
            "/admin",
            "tap:Panels",
            "tap:Add a panel",
            &panel.url(),
            "admin",
            "tap:New location",
            "Netherlands",
            "NL",
            "not-the-password",
        ],
    )
    .await;
    let refused = last_text(admin);
    assert!(
        refused.contains("nothing was saved") && refused.contains("refused the login"),
        "a clear error: {refused}"
    );
    assert!(shop.services.fleet.panels().await.unwrap().is_empty(), "nothing saved");
    assert!(
        shop.services.placement.locations().await.unwrap().is_empty(),
        "no location either"
    );

    walk(&shop, admin, &["admin"]).await;
    let connected = last_text(admin);
    assert!(connected.starts_with("✅ Panel"), "{connected}");
    assert!(
        connected.contains("One inbound found"),
        "its inbounds are read: {connected}"
    );
    assert_eq!(shop.services.fleet.panels().await.unwrap().len(), 1);

    walk(
        &shop,
        admin,
        &[
            "tap:Admin menu",
            "tap:Plans",
            "tap:New plan",
            "Monthly 30",
            "Works on phones and laptops.",
            "tap:A package",
            "30",
            "30",
            "100000",
            "tap:Netherlands",
            "tap:Done",
            "tap:Add the new GB",
            "tap:Create the plan",
        ],
    )
    .await;
    assert!(
        last_text(admin).starts_with("✅ Plan Monthly 30 created"),
        "{}",
        last_text(admin)
    );

    walk(
        &shop,
        admin,
        &[
            "tap:Admin menu",
            "tap:Discount codes",
            "tap:New code",
            "spring25",
            "25%",
            "tap:No limit",
            "tap:No limit",
            "tap:No minimum",
            "20000",
            "tap:From now",
            "tap:No end",
            "tap:Every paid plan",
            "tap:Create the code",
        ],
    )
    .await;
    assert!(
        last_text(admin).starts_with("✅ Code SPRING25 created"),
        "{}",
        last_text(admin)
    );
    let actions = audited_actions(&shop, root.id).await;
    for action in ["panel.add", "plan.add", "discount.add"] {
        assert!(actions.iter().any(|a| a == action), "{action} audited: {actions:?}");
    }

    let user = &buyer.sim;
    walk(
        &shop,
        user,
        &[
            "/menu",
            "tap:Buy a plan",
            "tap:Netherlands",
            "tap:Monthly 30",
            "tap:discount code",
            "spring25",
        ],
    )
    .await;
    let priced = last_text(user);
    assert!(priced.contains("Price: 100,000 Toman"), "{priced}");
    assert!(
        priced.contains("Discount: −20,000 Toman"),
        "25% capped at 20,000: {priced}"
    );
    assert!(priced.contains("To pay: 80,000 Toman"), "{priced}");
    user.tap_button("Pay 80,000");
    testkit::wait_until("the QR code after Pay", std::time::Duration::from_secs(20), || {
        matches!(user.last_bot_message().map(|m| m.kind), Some(EntryKind::Photo { .. }))
    })
    .await;
    shop.idle().await;
    assert!(last_text(user).contains("is ready"), "{}", last_text(user));
    assert_eq!(shop.balance(buyer.id).await, 120_000);
    assert_eq!(panel.client_count(), 1, "the client is on the panel");
    let accounts = shop.accounts(buyer.id).await;
    assert_eq!(accounts.len(), 1);
    assert!(
        panel.client(accounts[0].email.as_str()).is_some(),
        "{:?}",
        panel.client_emails()
    );
    let code = shop
        .services
        .catalog
        .discount_by_code(root.id, &orders::DiscountCode::parse("SPRING25").unwrap())
        .await
        .unwrap();
    assert_eq!(code.used_count, 1);
    shop.close().await;
}
