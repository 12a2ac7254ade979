//! An admin's side of card receipts beyond Approve / Reject (#9): the bank's deposit SMS
//! pasted or forwarded to the bot and matched by its unique amount (snapshots in English,
//! Persian and Russian), and a superadmin's override and unflag from the review posts,
//! refused and audited for a plain admin.

use kernel::UserId;
use members::Language;
use receipts::{BankCardUpdate, ReceiptFlag, ReceiptStatus};
use testkit::telegram::{SimUser, render_chat};

use crate::support::{Screens, label};
use crate::topup::{World, open_request};

/// A bank's deposit SMS for `rials`, in Persian digits, as Bank Melli writes it.
fn melli_sms(rials: &str) -> String {
    format!("بانک ملی ایران\nواریز: {rials}\nمانده: ۲۵,۰۰۰,۰۰۰\n۱۴۰۵/۰۹/۱۵-۱۰:۰۴")
}

/// The admin switches to `lang`.
async fn speak(world: &World, lang: Language) {
    world.admin.send_text("/language");
    world.shop.idle().await;
    world
        .admin
        .tap_button(&label(lang, &format!("btn-lang-{}", lang.code())));
    world.shop.idle().await;
}

async fn receipt_of(world: &World, payer: UserId) -> receipts::Receipt {
    world
        .shop
        .services
        .receipts
        .history(payer, kernel::PageRequest::new(0, 5))
        .await
        .unwrap()
        .items
        .remove(0)
}

/// Two payers' requests; the admin (in `lang`) matches SMS texts: unreadable, unmatched,
/// matched and approved with one tap, and matched on a card that approves by itself.
async fn bank_sms(lang: Language, base: i64) -> String {
    let world = World::open().await;
    let shop = &world.shop;
    let (first, first_id) = open_request(&world, base + 1).await;
    first.send_text("ref 1");
    shop.idle().await;
    let (second, second_id) = open_request(&world, base + 2).await;
    second.send_text("ref 2");
    shop.idle().await;
    speak(&world, lang).await;

    let admin = &world.admin;
    let mut steps = Screens::new(admin);
    admin.send_text("/admin");
    shop.idle().await;
    admin.tap_button(&label(lang, "admin-btn-bank-sms"));
    shop.idle().await;
    steps.record("admin menu → match bank SMS");
    admin.send_text("Hello, how are you?");
    shop.idle().await;
    steps.record("a text with no deposit");
    admin.send_text(&melli_sms("۱,۲۳۴,۰۰۰"));
    shop.idle().await;
    steps.record("a deposit nobody asked for");
    admin.send_text(&melli_sms("۱,۰۰۰,۰۱۰"));
    shop.idle().await;
    steps.record("the first payer's deposit, forwarded with no question waiting");
    admin.tap_button("Approve");
    world.wait_status(first_id, ReceiptStatus::Approved).await;
    steps.record("one tap approves it");
    let (_, toast) = admin.answered_callbacks().pop().unwrap();
    let first_receipt = receipt_of(&world, first_id).await;
    assert_eq!(first_receipt.status, ReceiptStatus::Approved);
    assert_eq!(shop.balance(first_id).await, 100_001);

    let card = shop.services.cards.list(world.admin_id).await.unwrap()[0].id;
    shop.services
        .cards
        .update(world.admin_id, card, BankCardUpdate::SetAutoApprove(true))
        .await
        .unwrap();
    admin.send_text(&melli_sms("۱,۰۰۰,۰۲۰"));
    shop.idle().await;
    steps.record("the second payer's deposit on a card that approves by itself");
    assert_eq!(receipt_of(&world, second_id).await.status, ReceiptStatus::Approved);
    assert_eq!(shop.balance(second_id).await, 100_002);
    assert_eq!(shop.ledger(first_id).await.len(), 1, "credited once");

    let matched = crate::admin_support::audit_by(shop, world.admin_id).await;
    let verdicts: Vec<String> = matched
        .iter()
        .filter(|a| a.action.as_str() == "receipt.sms_match")
        .map(|a| a.detail["verdict"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        verdicts,
        ["approved", "suggested", "no_match"],
        "each readable SMS is audited (newest first)"
    );

    format!(
        "{}toast: {}\n══ card channel\n{}",
        steps.text(),
        toast.unwrap_or_default(),
        render_chat(&world.card_channel.transcript())
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bank_sms_matching_in_english() {
    insta::assert_snapshot!(bank_sms(Language::En, 2400).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bank_sms_matching_in_persian() {
    insta::assert_snapshot!(bank_sms(Language::Fa, 2410).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bank_sms_matching_in_russian() {
    insta::assert_snapshot!(bank_sms(Language::Ru, 2420).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_user_s_text_is_never_read_as_a_bank_sms() {
    let world = World::open().await;
    let (payer, payer_id) = open_request(&world, 2431).await;
    payer.send_text("/menu");
    world.shop.idle().await;
    payer.send_text(&melli_sms("۱,۰۰۰,۰۱۰"));
    world.shop.idle().await;
    assert_eq!(
        receipt_of(&world, payer_id).await.status,
        ReceiptStatus::Pending,
        "nothing approved"
    );
    let audit = crate::admin_support::audit_by(&world.shop, payer_id).await;
    assert!(
        audit.iter().all(|a| a.action.as_str() != "receipt.sms_match"),
        "{audit:?}"
    );
}

/// A second admin who is not a superadmin.
async fn plain_admin(world: &World, telegram_id: i64) -> SimUser {
    let (admin, id) = world.shop.customer(telegram_id, 0).await;
    world
        .shop
        .services
        .members
        .set_role(world.admin_id, id, members::Role::Admin)
        .await
        .unwrap();
    admin
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_superadmin_overrides_a_rejection_and_takes_the_approval_back() {
    let world = World::open().await;
    let shop = &world.shop;
    let channel = &world.card_channel;
    let (payer, payer_id) = open_request(&world, 2441).await;
    payer.send_text("ref 3");
    shop.idle().await;
    channel.tap_button_as(&world.admin, "Reject");
    shop.idle().await;
    channel.tap_button_as(&world.admin, "The receipt is unreadable");
    world.wait_status(payer_id, ReceiptStatus::Rejected).await;
    let mut posts = String::new();
    posts.push_str(&render_chat(&[channel.last_post().unwrap()]));

    let plain = plain_admin(&world, 2449).await;
    channel.tap_button_as(&plain, "Override");
    shop.idle().await;
    let (_, toast) = plain.answered_callbacks().pop().unwrap();
    assert_eq!(
        toast.as_deref(),
        Some("Only a superadmin can override or clear flags. Nothing was changed.")
    );
    let plain_id = testshop::stored_user(&shop.store, 2449).await.unwrap().id;
    let refused = crate::admin_support::audit_by(shop, plain_id).await;
    assert!(
        refused.iter().any(|a| a.action.as_str() == "receipt.refused"),
        "{refused:?}"
    );
    assert_eq!(shop.balance(payer_id).await, 0, "a plain admin changes nothing");

    channel.tap_button_as(&world.admin, "Override: approve");
    shop.idle().await;
    posts.push_str(&render_chat(&[channel.last_post().unwrap()]));
    assert_eq!(shop.balance(payer_id).await, 0, "nothing before the confirmation");
    channel.tap_button_as(&world.admin, "Back");
    shop.idle().await;
    channel.tap_button_as(&world.admin, "Override: approve");
    shop.idle().await;
    channel.tap_button_as(&world.admin, "Yes, do it");
    world.wait_status(payer_id, ReceiptStatus::Approved).await;
    world.run_outbox().await;
    posts.push_str(&render_chat(&[channel.last_post().unwrap()]));
    let receipt = receipt_of(&world, payer_id).await;
    assert_eq!(receipt.status, ReceiptStatus::Approved);
    assert_eq!(shop.balance(payer_id).await, receipt.amount.minor());

    channel.tap_button_as(&world.admin, "Override: take back");
    shop.idle().await;
    posts.push_str(&render_chat(&[channel.last_post().unwrap()]));
    channel.tap_button_as(&world.admin, "Yes, do it");
    world.wait_status(payer_id, ReceiptStatus::Rejected).await;
    world.run_outbox().await;
    posts.push_str(&render_chat(&[channel.last_post().unwrap()]));
    assert_eq!(shop.balance(payer_id).await, 0, "the credit was taken back");
    assert_eq!(shop.ledger(payer_id).await.len(), 2, "one credit, one reversal");
    let overrides = crate::admin_support::audit_by(shop, world.admin_id)
        .await
        .iter()
        .filter(|a| a.action.as_str() == "receipt.override")
        .count();
    assert_eq!(overrides, 2, "both overrides are audited");

    let told: Vec<String> = payer
        .bot_messages()
        .iter()
        .map(|m| m.text_or_empty().to_owned())
        .collect();
    posts.push_str(&format!("══ the payer\n{}", told[told.len() - 3..].join("\n")));
    insta::assert_snapshot!(posts);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_receipt_is_flagged_and_only_a_superadmin_clears_the_flag() {
    let world = World::open().await;
    let shop = &world.shop;
    let channel = &world.card_channel;
    let (payer, payer_id) = open_request(&world, 2451).await;
    shop.clock.advance(time::Duration::minutes(31));
    telegram::bot::topup::upkeep::expire_due(&world.deps(), 10)
        .await
        .unwrap();
    payer.send_text("paid at 10:20, ref 55");
    shop.idle().await;
    let late = receipt_of(&world, payer_id).await;
    assert_eq!(late.status, ReceiptStatus::Expired);
    assert!(late.flags.has(ReceiptFlag::Late), "kept and flagged, never lost");
    let post = channel.last_post().unwrap();
    assert_eq!(
        post.button_texts(),
        ["⚖️ Override: approve", "🏳 Clear flags"],
        "an expired receipt is not approved by a plain tap"
    );

    let plain = plain_admin(&world, 2459).await;
    channel.tap_button_as(&plain, "Clear flags");
    shop.idle().await;
    assert!(receipt_of(&world, payer_id).await.flags.has(ReceiptFlag::Late));

    channel.tap_button_as(&world.admin, "Clear flags");
    shop.idle().await;
    assert!(
        channel
            .last_post()
            .unwrap()
            .text_or_empty()
            .ends_with(&format!("🏳 Clear the flags of receipt {} (late)?", late.tracking)),
        "{:?}",
        channel.last_post()
    );
    channel.tap_button_as(&world.admin, "Yes, do it");
    shop.idle().await;
    assert!(receipt_of(&world, payer_id).await.flags.is_empty());
    assert_eq!(channel.last_post().unwrap().button_texts(), ["⚖️ Override: approve"]);
    let unflagged = crate::admin_support::audit_by(shop, world.admin_id).await;
    assert!(unflagged.iter().any(|a| a.action.as_str() == "receipt.unflag"));
    assert_eq!(shop.balance(payer_id).await, 0);
}

#[tokio::test]
async fn review_posts_speak_the_shops_language_set_at_run_time() {
    let world = World::open().await;
    let shop = &world.shop;
    let (first, _) = open_request(&world, 2461).await;
    first.send_text("ref 5");
    shop.idle().await;
    let post = world.card_channel.last_post().unwrap();
    assert!(post.text_or_empty().starts_with("🧾 Receipt #"), "{post:?}");

    shop.services
        .members
        .set_shop_setting_as(world.admin_id, members::ShopSettingValue::DefaultLanguage(Language::Fa))
        .await
        .unwrap();
    let (second, _) = open_request(&world, 2462).await;
    second.send_text("ref 6");
    shop.idle().await;
    let post = world.card_channel.last_post().unwrap();
    assert!(
        post.text_or_empty().starts_with("🧾 رسید #"),
        "the next post is in Persian without a restart: {post:?}"
    );
    let approve = label(Language::Fa, "btn-approve");
    assert!(render_chat(&[post]).contains(&approve), "its buttons too ({approve})");
}
