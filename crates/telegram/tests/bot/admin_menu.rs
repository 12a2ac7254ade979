//! The admin menu walked as the superadmin in English, Persian and Russian: panels (list,
//! live view, sync now, restart Xray after a confirmation) and users (find by Telegram id,
//! tracking code or nothing; profile; block and unblock after a confirmation; grant admin).
//! Each step's screens are an insta snapshot; what changed is checked in the store.

use members::{Language, MemberService, Role, UserStatus};

use crate::admin_support::{admin_shop, audited_actions};
use crate::support::{Screens, label};

async fn walk_the_admin_menu(lang: Language) -> String {
    let shop = admin_shop().await;
    let root = shop.user(0);
    let customer = shop.user(1);
    shop.services.members.set_language(root.id, lang).await.unwrap();
    let sim = root.sim.clone();
    let mut screens = Screens::new(&sim);
    let tap = |key: &str| sim.tap_button(&label(lang, key));

    sim.send_text("/menu");
    shop.idle().await;
    screens.record("/menu");
    tap("admin-btn-open");
    shop.idle().await;
    screens.record("admin-btn-open");

    tap("admin-btn-panels");
    shop.idle().await;
    screens.record("admin-btn-panels");
    sim.tap_button("🟢 France 1");
    shop.idle().await;
    screens.record("a panel");
    tap("admin-btn-sync");
    shop.idle().await;
    screens.record("admin-btn-sync");
    tap("admin-btn-restart-xray");
    shop.idle().await;
    screens.record("admin-btn-restart-xray");
    tap("admin-btn-restart-yes");
    shop.idle().await;
    screens.record("admin-btn-restart-yes");
    let restarts = shop
        .panel(0)
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("restartXrayService"))
        .count();
    assert_eq!(restarts, 1, "restarted once, after the confirmation");

    tap("admin-btn-back-home");
    shop.idle().await;
    tap("admin-btn-users");
    shop.idle().await;
    screens.record("admin-btn-users");
    sim.send_text("999999");
    shop.idle().await;
    screens.record("nobody");
    sim.send_text(&customer.sim.id().to_string());
    shop.idle().await;
    screens.record("the customer's Telegram id");

    tap("admin-btn-block");
    shop.idle().await;
    screens.record("admin-btn-block");
    tap("admin-btn-block-yes");
    shop.idle().await;
    screens.record("admin-btn-block-yes");
    let blocked = shop.services.members.get(customer.id).await.unwrap();
    assert_eq!(blocked.status, UserStatus::Blocked);
    tap("admin-btn-unblock");
    shop.idle().await;
    tap("admin-btn-unblock-yes");
    shop.idle().await;
    screens.record("admin-btn-unblock-yes");
    tap("admin-btn-grant-admin");
    shop.idle().await;
    screens.record("admin-btn-grant-admin");
    let promoted = shop.services.members.get(customer.id).await.unwrap();
    assert_eq!((promoted.role, promoted.status), (Role::Admin, UserStatus::Active));

    tap("admin-btn-find-another");
    shop.idle().await;
    screens.record("admin-btn-find-another");
    let tracking = shop.ledger(customer.id).await[0].tracking.as_str().to_owned();
    sim.send_text(&tracking);
    shop.idle().await;
    screens.record("a tracking code");

    let actions: Vec<String> = audited_actions(&shop, root.id).await;
    assert_eq!(
        actions,
        [
            MemberService::SET_ROLE.as_str(),
            "member.unblock",
            "member.block",
            "panel.restart_xray",
            "panel.sync",
            // admin_shop made users 1003 and 1004 admins
            MemberService::SET_ROLE.as_str(),
            MemberService::SET_ROLE.as_str(),
        ],
        "every change is audited, newest first"
    );
    shop.close().await;
    screens.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_menu_in_english() {
    insta::assert_snapshot!(walk_the_admin_menu(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_menu_in_persian() {
    insta::assert_snapshot!(walk_the_admin_menu(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_menu_in_russian() {
    insta::assert_snapshot!(walk_the_admin_menu(Language::Ru).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_customer_sees_the_block_and_the_new_admin_entry() {
    let shop = admin_shop().await;
    let root = shop.user(0).id;
    let customer = shop.user(1);
    shop.services.members.block(root, customer.id).await.unwrap();
    customer.sim.send_text("/menu");
    shop.idle().await;
    let text = customer.sim.last_bot_message().unwrap().text_or_empty().to_owned();
    assert_eq!(text, "Your account is blocked. Please contact support.");
    shop.services.members.unblock(root, customer.id).await.unwrap();
    shop.services
        .members
        .set_role(root, customer.id, Role::Admin)
        .await
        .unwrap();
    customer.sim.send_text("/menu");
    shop.idle().await;
    let menu = customer.sim.last_bot_message().unwrap();
    assert!(
        menu.button_texts().iter().any(|b| b == "🛠 Admin"),
        "{:?}",
        menu.button_texts()
    );
    customer.sim.tap_button("🛠 Admin");
    shop.idle().await;
    let home = customer.sim.last_bot_message().unwrap();
    assert!(home.text_or_empty().starts_with("Admin."), "{home:?}");
    assert!(
        home.button_texts().iter().any(|b| b.contains("Main menu")),
        "a way back"
    );
    shop.close().await;
}
