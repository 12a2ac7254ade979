//! The superadmin's setup checklist under /start: shown, in their language, while the shop
//! cannot sell; never to customers; gone once a plan can be sold.

use crate::shop::Shop;
use crate::support::{QUIET, fake, memory_store, spawn_bot};

/// Superadmin of the test bots (`support::deps`).
const SUPERADMIN: i64 = 1;

#[tokio::test]
async fn on_an_empty_shop_the_superadmins_start_lists_every_step_as_to_do() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    let admin = fake.user_with(SUPERADMIN, "Owner", None, "en");
    admin.send_text("/start");
    fake.wait_idle(QUIET).await;

    let texts: Vec<String> = admin
        .bot_messages()
        .iter()
        .map(|m| m.text_or_empty().to_owned())
        .collect();
    assert_eq!(texts.len(), 3, "welcome, checklist, language picker: {texts:#?}");
    assert!(texts[0].starts_with("Hello, Owner!"));
    let checklist = &texts[1];
    assert!(
        checklist.starts_with("🛠 Set up your shop (only superadmins see this)."),
        "{checklist}"
    );
    for step in [
        "⬜ 1. Connect your 3x-ui panel (this also adds its location): moonvpn panel add --url",
        "⬜ 2. Sell in a location that has an active panel",
        "⬜ 3. Put a plan on sale there: moonvpn plan add",
        "4. Take payments: when a customer has paid you, credit their wallet and they buy with it: moonvpn user adjust-balance",
        "Send /start again to see your progress.",
    ] {
        assert!(checklist.contains(step), "missing {step:?} in {checklist}");
    }
    assert!(
        admin.bot_messages()[1].button_texts().is_empty(),
        "no buttons into screens that do not exist"
    );
    assert_eq!(texts[2], "Choose your language:");
    bot.stop().await;
}

#[tokio::test]
async fn the_checklist_speaks_the_superadmins_language_and_customers_never_see_it() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    let admin = fake.user_with(SUPERADMIN, "Owner", None, "fa");
    admin.send_text("/start");
    let customer = fake.user_with(2002, "Sara", None, "en");
    customer.send_text("/start");
    fake.wait_idle(QUIET).await;

    assert!(
        admin.bot_messages()[1]
            .text_or_empty()
            .starts_with("🛠 راه‌اندازی فروشگاه"),
        "{:?}",
        admin.transcript()
    );
    let seen: Vec<String> = customer
        .bot_messages()
        .iter()
        .map(|m| m.text_or_empty().to_owned())
        .collect();
    assert_eq!(seen.len(), 2, "welcome and language picker only: {seen:#?}");
    assert!(!seen.iter().any(|t| t.contains("moonvpn")), "{seen:#?}");
    bot.stop().await;
}

#[tokio::test]
async fn once_a_plan_can_be_sold_the_superadmin_gets_the_plain_start() {
    let shop = Shop::open().await;
    let admin = shop.fake.user_with(SUPERADMIN, "Owner", None, "en");
    admin.send_text("/start");
    shop.idle().await;
    let texts: Vec<String> = admin
        .bot_messages()
        .iter()
        .map(|m| m.text_or_empty().to_owned())
        .collect();
    assert_eq!(texts.len(), 2, "welcome and language picker: {texts:#?}");
    assert!(!texts.iter().any(|t| t.contains("Set up your shop")));
    shop.close().await;
}
