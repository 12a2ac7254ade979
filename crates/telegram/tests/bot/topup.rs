//! Card-to-card top-ups (#9) on the fake Bot API: Wallet → Top up → an amount → the card
//! with the exact unique amount → the payer's photo and/or text → the posts in the card's
//! channel and the audit channel → an admin's Approve → the payer told, with the balance.
//! Transcripts are snapshot-tested in English, Persian and Russian.

use std::sync::Arc;
use std::time::Duration;

use kernel::{Money, UserId};
use members::Language;
use notify::OutboxDispatcher;
use receipts::{CardNumber, Label, NewBankCard, ReceiptStatus, Rotation};
use testkit::telegram::{SimChannel, SimUser, render_chat};
use testshop::{AUDIT_CHANNEL, SUPERADMIN};

use crate::shop::Shop;
use crate::support::{Screens, label};
use time::macros::datetime;

/// The channel of the test card's receipts.
pub(crate) const CARD_CHANNEL: i64 = -1_009_000_000_002;
/// A Luhn-valid card number.
const CARD: &str = "6037991234567893";

/// The shop with everything on sale, its superadmin (Telegram id 1) registered, an active
/// card whose receipts go to [`CARD_CHANNEL`], both review channels, the clock at 10:00 UTC.
pub(crate) struct World {
    pub(crate) shop: Shop,
    pub(crate) admin: SimUser,
    pub(crate) admin_id: UserId,
    pub(crate) card_channel: SimChannel,
    pub(crate) audit_channel: SimChannel,
}

impl World {
    pub(crate) async fn open() -> World {
        let shop = Shop::open().await;
        shop.clock.set(datetime!(2026-12-06 10:00 UTC));
        let (admin, admin_id) = shop.customer(SUPERADMIN, 0).await;
        shop.services
            .cards
            .add(
                admin_id,
                NewBankCard {
                    holder: Label::new("Ali Rezaei").unwrap(),
                    bank: Label::new("Melli").unwrap(),
                    number: CardNumber::parse(CARD).unwrap(),
                    owner: admin_id,
                    channel_id: Some(CARD_CHANNEL),
                    rotation: Rotation::Manual,
                    daily_cap: None,
                    monthly_cap: None,
                    sms_pattern: None,
                    auto_approve: false,
                },
            )
            .await
            .unwrap();
        let card_channel = shop.fake.channel(CARD_CHANNEL, "Receipts · Melli");
        let audit_channel = shop.fake.channel(AUDIT_CHANNEL, "Receipts · all");
        World {
            shop,
            admin,
            admin_id,
            card_channel,
            audit_channel,
        }
    }

    /// A payer who pressed /start and chose `lang`.
    pub(crate) async fn payer(&self, telegram_id: i64, lang: Language) -> (SimUser, UserId) {
        let user = self.shop.fake.user_with(telegram_id, "Sara", Some("sara_k"), "en");
        user.send_text("/start");
        self.shop.idle().await;
        user.tap_button(&label(lang, &format!("btn-lang-{}", lang.code())));
        self.shop.idle().await;
        let id = testshop::stored_user(&self.shop.store, telegram_id).await.unwrap().id;
        (user, id)
    }

    /// Delivers what the outbox holds (the payer's "approved" notice among it).
    pub(crate) async fn run_outbox(&self) {
        let deps = self.deps();
        let notifier = telegram::TelegramNotifier::new(deps.api.clone(), deps.i18n.clone(), deps.members.clone())
            .with_wallet(deps.wallet.clone());
        let outbox = OutboxDispatcher::new(
            Arc::new(self.shop.store.clone()),
            Arc::new(notifier),
            self.shop.clock.clone(),
        );
        outbox.run_once(50, Duration::from_secs(10)).await.unwrap();
        self.shop.idle().await;
    }

    /// Waits until the payer's newest receipt has `status` (a tap in a channel may take a
    /// while on a busy machine), then for the bot to go quiet.
    pub(crate) async fn wait_status(&self, payer: UserId, status: ReceiptStatus) {
        for _ in 0..200 {
            let newest = self
                .shop
                .services
                .receipts
                .history(payer, kernel::PageRequest::new(0, 1))
                .await
                .unwrap()
                .items;
            if newest.first().is_some_and(|r| r.status == status) {
                self.shop.idle().await;
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the receipt never became {status}");
    }

    /// The bot's dependencies, as the app's jobs get them.
    pub(crate) fn deps(&self) -> telegram::bot::BotDeps {
        testshop::bot_deps_for(&self.shop.fake, &self.shop.services, testshop::SECRET)
    }
}

/// Taps the button at `row`, `column` of the bot's last message.
pub(crate) fn tap_at(user: &SimUser, row: usize, column: usize) {
    let last = user.last_bot_message().expect("a bot message");
    let data = last.buttons[row][column]
        .callback_data
        .clone()
        .expect("a callback button");
    user.tap(last.message_id, &data);
}

/// A payer in `lang` tops up 100,000 by card with a photo (and its caption), an admin
/// approves in the card's channel; returns the payer's steps and both channels.
async fn top_up_by_photo(lang: Language, telegram_id: i64) -> String {
    let world = World::open().await;
    let shop = &world.shop;
    let (user, id) = world.payer(telegram_id, lang).await;
    let mut steps = Screens::new(&user);
    user.send_text("/menu");
    shop.idle().await;
    user.tap_button(&label(lang, "btn-wallet"));
    shop.idle().await;
    user.tap_button(&label(lang, "btn-top-up"));
    shop.idle().await;
    steps.record("top up: the amount");
    tap_at(&user, 0, 1);
    shop.idle().await;
    steps.record("preset 100,000: the methods");
    user.tap_button(&label(lang, "btn-pay-card"));
    shop.idle().await;
    steps.record("card-to-card: the card");
    user.send_photo(Some("ref 884213 · 10:04"));
    shop.idle().await;
    steps.record("the receipt photo");

    world.card_channel.tap_button_as(&world.admin, "Approve");
    shop.idle().await;
    world.run_outbox().await;
    steps.record("approved in the channel");

    let receipts = shop
        .services
        .receipts
        .history(id, kernel::PageRequest::new(0, 5))
        .await
        .unwrap();
    let receipt = &receipts.items[0];
    assert_eq!(receipt.status, ReceiptStatus::Approved);
    assert_eq!(receipt.requested, Money::from_minor(100_000).unwrap());
    assert!(receipt.amount > receipt.requested, "a unique amount above the request");
    assert_eq!(receipt.decided_by, Some(world.admin_id));
    let ledger = shop.ledger(id).await;
    assert_eq!(ledger.len(), 1, "credited exactly once");
    assert_eq!(ledger[0].amount, receipt.amount);
    assert_eq!(shop.balance(id).await, receipt.amount.minor());

    format!(
        "{}══ card channel\n{}══ audit channel\n{}",
        steps.text(),
        render_chat(&world.card_channel.transcript()),
        render_chat(&world.audit_channel.transcript()),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_top_up_by_card_with_a_photo_in_english() {
    insta::assert_snapshot!(top_up_by_photo(Language::En, 2101).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_top_up_by_card_with_a_photo_in_persian() {
    insta::assert_snapshot!(top_up_by_photo(Language::Fa, 2102).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_top_up_by_card_with_a_photo_in_russian() {
    insta::assert_snapshot!(top_up_by_photo(Language::Ru, 2103).await);
}

/// Opens a 100,000 card-to-card request for a payer in English.
pub(crate) async fn open_request(world: &World, telegram_id: i64) -> (SimUser, UserId) {
    let (user, id) = world.payer(telegram_id, Language::En).await;
    user.send_text("/menu");
    world.shop.idle().await;
    user.tap_button("Wallet");
    world.shop.idle().await;
    user.tap_button("Top up");
    world.shop.idle().await;
    user.send_text("100000");
    world.shop.idle().await;
    user.tap_button("Card-to-card");
    world.shop.idle().await;
    (user, id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_text_receipt_and_then_a_photo_both_reach_the_reviewers() {
    let world = World::open().await;
    let (user, id) = open_request(&world, 2111).await;
    user.send_text("Paid 100,037 at 10:04, ref 884213");
    world.shop.idle().await;
    let answer = user.last_bot_message().unwrap();
    assert!(answer.text_or_empty().starts_with("📨 Received."), "{answer:?}");
    let post = world.audit_channel.last_post().unwrap();
    assert!(
        post.text_or_empty().contains("Text: Paid 100,037 at 10:04, ref 884213"),
        "{post:?}"
    );
    assert!(!post.text_or_empty().contains("📷 Photo"));

    user.send_photo(None);
    world.shop.idle().await;
    let posts = world.audit_channel.posts();
    let details: Vec<_> = posts
        .iter()
        .filter(|p| p.text_or_empty().contains("Receipt #"))
        .collect();
    assert_eq!(details.len(), 1, "the post is edited, not repeated: {posts:?}");
    let post = details[0];
    assert!(
        post.text_or_empty().contains("Text: Paid 100,037"),
        "the text is kept: {post:?}"
    );
    assert!(post.text_or_empty().contains("📷 Photo: posted"), "{post:?}");
    let photos = world
        .card_channel
        .posts()
        .iter()
        .filter(|p| matches!(p.kind, testkit::telegram::EntryKind::Photo { .. }))
        .count();
    assert_eq!(photos, 1, "the photo is posted to the card's channel");
    let receipt = &world
        .shop
        .services
        .receipts
        .history(id, kernel::PageRequest::new(0, 5))
        .await
        .unwrap()
        .items[0];
    let proof = receipt.proof.as_ref().unwrap();
    assert!(
        proof.text().is_some() && proof.photo().is_some(),
        "text and photo both stored"
    );
    assert_eq!(receipt.status, ReceiptStatus::Pending);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_admins_and_a_stranger_tap_the_same_receipt_it_is_credited_once() {
    let world = World::open().await;
    let shop = &world.shop;
    let (user, id) = open_request(&world, 2121).await;
    user.send_photo(Some("ref 1"));
    shop.idle().await;
    let stranger = shop.fake.user(2199);
    stranger.send_text("/start");
    shop.idle().await;
    let (second, second_id) = shop.customer(2198, 0).await;
    shop.services
        .members
        .set_role(world.admin_id, second_id, members::Role::Admin)
        .await
        .unwrap();

    world.audit_channel.tap_button_as(&stranger, "Approve");
    shop.idle().await;
    let (_, toast) = stranger.answered_callbacks().pop().unwrap();
    assert_eq!(
        toast.as_deref(),
        Some("Only admins can review receipts. Nothing was changed.")
    );
    assert!(
        world
            .audit_channel
            .last_post()
            .unwrap()
            .text_or_empty()
            .contains("Waiting for review")
    );
    assert_eq!(shop.balance(id).await, 0, "a stranger changes nothing");
    let stranger_id = testshop::stored_user(&shop.store, 2199).await.unwrap().id;
    let refused = crate::admin_support::audit_by(shop, stranger_id).await;
    assert!(
        refused.iter().any(|a| a.action.as_str() == "receipt.refused"),
        "the refusal is audited: {refused:?}"
    );

    // Both admins tap Approve at the same moment, in different channels.
    world.card_channel.tap_button_as(&world.admin, "Approve");
    world.audit_channel.tap_button_as(&second, "Approve");
    shop.idle().await;
    let mut toasts: Vec<Option<String>> = [&world.admin, &second]
        .iter()
        .map(|admin| admin.answered_callbacks().pop().unwrap().1)
        .collect();
    toasts.sort();
    assert_eq!(
        toasts,
        vec![
            Some("This receipt was already decided; the post shows by whom.".to_owned()),
            Some("✅ Approved; the wallet was credited.".to_owned()),
        ],
        "one wins, the other is shown the winner"
    );
    for channel in [&world.card_channel, &world.audit_channel] {
        let post = channel.last_post().unwrap();
        assert!(post.text_or_empty().contains("✅ Approved by "), "{post:?}");
        assert_eq!(
            post.button_texts(),
            ["⚖️ Override: take back"],
            "only a superadmin's override once decided: {post:?}"
        );
    }
    assert_eq!(shop.ledger(id).await.len(), 1, "one ledger row");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejection_with_a_preset_reason_reaches_the_payer_and_every_post() {
    let world = World::open().await;
    let shop = &world.shop;
    let (user, id) = open_request(&world, 2151).await;
    user.send_text("ref 42");
    shop.idle().await;
    world.audit_channel.tap_button_as(&world.admin, "Reject");
    shop.idle().await;
    world
        .audit_channel
        .tap_button_as(&world.admin, "No transfer with this amount arrived");
    shop.idle().await;
    world.run_outbox().await;
    let told = user.last_bot_message().unwrap();
    assert!(
        told.text_or_empty()
            .contains("was rejected: No transfer with this amount arrived"),
        "{told:?}"
    );
    for channel in [&world.card_channel, &world.audit_channel] {
        let post = channel.last_post().unwrap();
        assert!(
            post.text_or_empty().contains("❌ Rejected by User1 on") && post.button_texts() == ["⚖️ Override: approve"],
            "{post:?}"
        );
    }
    assert_eq!(shop.balance(id).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_types_a_reason_or_another_amount_in_the_private_chat() {
    let world = World::open().await;
    let shop = &world.shop;
    let (user, _) = open_request(&world, 2161).await;
    user.send_text("ref 1");
    shop.idle().await;
    world.card_channel.tap_button_as(&world.admin, "Reject");
    shop.idle().await;
    world.card_channel.tap_button_as(&world.admin, "Type a reason");
    shop.idle().await;
    let asked = world.admin.last_bot_message().unwrap();
    assert!(asked.text_or_empty().starts_with("Why is receipt"), "{asked:?}");
    world.admin.send_text("The name on the transfer is not yours");
    shop.idle().await;
    assert!(
        world
            .admin
            .last_bot_message()
            .unwrap()
            .text_or_empty()
            .contains("rejected; the payer was told why")
    );
    assert!(
        world
            .card_channel
            .last_post()
            .unwrap()
            .text_or_empty()
            .contains("The name on the transfer is not yours")
    );

    let (other, other_id) = open_request(&world, 2162).await;
    other.send_text("sent 90,000 only");
    shop.idle().await;
    world.card_channel.tap_button_as(&world.admin, "Approve another amount");
    shop.idle().await;
    assert!(
        world
            .admin
            .last_bot_message()
            .unwrap()
            .text_or_empty()
            .starts_with("How much did receipt")
    );
    world.admin.send_text("none");
    shop.idle().await;
    assert!(
        world
            .admin
            .last_bot_message()
            .unwrap()
            .text_or_empty()
            .starts_with("That is not an amount.")
    );
    world.admin.send_text("90000");
    shop.idle().await;
    assert!(
        world
            .admin
            .last_bot_message()
            .unwrap()
            .text_or_empty()
            .contains("approved: 90,000 Toman credited"),
        "{:?}",
        world.admin.last_bot_message()
    );
    assert_eq!(shop.balance(other_id).await, 90_000, "the corrected amount is credited");
    let receipt = &shop
        .services
        .receipts
        .history(other_id, kernel::PageRequest::new(0, 5))
        .await
        .unwrap()
        .items[0];
    assert_eq!(receipt.credited, Some(Money::from_minor(90_000).unwrap()));
    assert_eq!(
        receipt.requested,
        Money::from_minor(100_000).unwrap(),
        "the request is kept"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_top_up_cannot_be_approved_and_an_expired_one_is_announced() {
    let world = World::open().await;
    let shop = &world.shop;
    let (user, id) = open_request(&world, 2171).await;
    user.send_text("ref 7");
    shop.idle().await;
    user.tap_button("Cancel this top-up");
    shop.idle().await;
    assert!(
        user.last_bot_message()
            .unwrap()
            .text_or_empty()
            .contains("cancelled. Nothing was charged.")
    );
    let post = world.card_channel.last_post().unwrap();
    assert!(
        post.text_or_empty().contains("Cancelled by the payer") && post.button_texts() == ["⚖️ Override: approve"],
        "{post:?}"
    );

    let (late, late_id) = open_request(&world, 2172).await;
    late.send_photo(None);
    shop.idle().await;
    shop.clock.advance(time::Duration::minutes(31));
    let expired = shop.services.receipts.expire_due(10).await.unwrap();
    assert_eq!(expired.len(), 1);
    world.run_outbox().await;
    assert!(
        late.last_bot_message()
            .unwrap()
            .text_or_empty()
            .contains("was not reviewed in time"),
        "{:?}",
        late.last_bot_message()
    );
    world.card_channel.tap_button_as(&world.admin, "Approve");
    shop.idle().await;
    assert!(
        world
            .card_channel
            .last_post()
            .unwrap()
            .text_or_empty()
            .contains("Expired before review")
    );
    assert_eq!(shop.balance(late_id).await, 0);
    assert_eq!(shop.balance(id).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stickers_files_and_huge_texts_are_answered_and_store_nothing() {
    let world = World::open().await;
    let shop = &world.shop;
    let (user, id) = open_request(&world, 2181).await;
    shop.fake.inject_raw_update(serde_json::json!({"message": {
        "message_id": 900, "date": 1, "chat": {"id": 2181, "type": "private", "first_name": "Sara"},
        "from": {"id": 2181, "is_bot": false, "first_name": "Sara"},
        "sticker": {"file_id": "st1", "file_unique_id": "su1", "type": "regular", "width": 512, "height": 512,
                    "is_animated": false, "is_video": false}
    }}));
    shop.idle().await;
    assert_eq!(
        user.last_bot_message().unwrap().text_or_empty(),
        "Please send a photo of the receipt or its text."
    );
    shop.fake.inject_raw_update(serde_json::json!({"message": {
        "message_id": 901, "date": 1, "chat": {"id": 2181, "type": "private", "first_name": "Sara"},
        "from": {"id": 2181, "is_bot": false, "first_name": "Sara"},
        "document": {"file_id": "doc1", "file_unique_id": "du1", "file_name": "receipt.pdf"}
    }}));
    shop.idle().await;
    assert_eq!(
        user.last_bot_message().unwrap().text_or_empty(),
        "Please send the receipt as a photo (not as a file), or type its text."
    );
    user.send_text(&"1".repeat(2000));
    shop.idle().await;
    assert!(
        user.last_bot_message()
            .unwrap()
            .text_or_empty()
            .starts_with("That text is too long")
    );
    let receipt = &shop
        .services
        .receipts
        .history(id, kernel::PageRequest::new(0, 5))
        .await
        .unwrap()
        .items[0];
    assert_eq!(receipt.proof, None, "nothing was stored");
    assert!(world.card_channel.posts().is_empty(), "nothing was posted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_paid_by_card_is_delivered_once_the_receipt_is_approved() {
    let world = World::open().await;
    let shop = &world.shop;
    let (user, id) = world.payer(2191, Language::En).await;
    shop.credit(id, 30_000).await;
    shop.open_confirmation(&user, "France", "Silver").await;
    user.tap_button("Pay");
    shop.idle().await;
    user.tap_button("Pay 100,000 Toman by card");
    shop.idle().await;
    let card = user.last_bot_message().unwrap();
    assert!(card.text_or_empty().contains("This payment is for order #"), "{card:?}");
    user.send_photo(Some("ref 5"));
    shop.idle().await;
    assert!(
        world
            .card_channel
            .last_post()
            .unwrap()
            .text_or_empty()
            .contains("🛒 For order #")
    );
    world.card_channel.tap_button_as(&world.admin, "Approve");
    shop.idle().await;
    assert_eq!(shop.france().client_count(), 1, "the service was created on the panel");
    assert_eq!(shop.accounts(id).await.len(), 1);
    let receipt = &shop
        .services
        .receipts
        .history(id, kernel::PageRequest::new(0, 5))
        .await
        .unwrap()
        .items[0];
    let left = 30_000 + receipt.amount.minor() - 100_000;
    assert_eq!(shop.balance(id).await, left, "the order was paid from the credit");
    // The service reaches the buyer as the order's notice, which a busy machine may send a
    // little after the admin's tap is answered.
    let got_service = || {
        user.bot_messages()
            .iter()
            .any(|m| m.text_or_empty().contains("FR-MoonVPN"))
    };
    testkit::wait_until(
        "the buyer got the service",
        std::time::Duration::from_secs(20),
        got_service,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_without_an_open_top_up_is_refused_and_stores_nothing() {
    let world = World::open().await;
    let (user, id) = world.payer(2131, Language::En).await;
    user.send_photo(Some("a receipt"));
    world.shop.idle().await;
    assert!(
        user.last_bot_message()
            .unwrap()
            .text_or_empty()
            .starts_with("You have no open top-up to send a receipt for.")
    );
    let none = world
        .shop
        .services
        .receipts
        .history(id, kernel::PageRequest::new(0, 5))
        .await
        .unwrap();
    assert_eq!(none.total, 0);
    assert!(world.audit_channel.posts().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_amount_outside_the_bounds_is_refused_and_asked_again() {
    let world = World::open().await;
    let (user, _) = world.payer(2141, Language::En).await;
    user.send_text("/menu");
    world.shop.idle().await;
    user.tap_button("Wallet");
    world.shop.idle().await;
    user.tap_button("Top up");
    world.shop.idle().await;
    user.send_text("5");
    world.shop.idle().await;
    let refused = user.last_bot_message().unwrap();
    assert!(
        refused.text_or_empty().starts_with("A top-up must be between"),
        "{refused:?}"
    );
    user.send_text("150000");
    world.shop.idle().await;
    assert!(
        user.last_bot_message()
            .unwrap()
            .text_or_empty()
            .starts_with("Top up 150,000 Toman.")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_whose_approval_was_cut_short_is_paid_and_delivered_by_the_job() {
    let world = World::open().await;
    let shop = &world.shop;
    let (user, id) = world.payer(2193, Language::En).await;
    shop.credit(id, 30_000).await;
    shop.open_confirmation(&user, "France", "Silver").await;
    user.tap_button("Pay");
    shop.idle().await;
    user.tap_button("Pay 100,000 Toman by card");
    shop.idle().await;
    user.send_photo(Some("ref 6"));
    shop.idle().await;
    let receipt = shop
        .services
        .receipts
        .history(id, kernel::PageRequest::new(0, 5))
        .await
        .unwrap()
        .items
        .remove(0);

    // The approval commits, then the process stops before the purchase goes on.
    shop.services
        .receipts
        .approve(world.admin_id, receipt.id, None)
        .await
        .unwrap();
    assert!(shop.accounts(id).await.is_empty(), "nothing delivered yet");
    let deps = world.deps();
    assert_eq!(
        continue_orders(&deps).await,
        0,
        "an approval just made is left to its own tap"
    );

    shop.clock.advance(time::Duration::minutes(3));
    assert_eq!(continue_orders(&deps).await, 1);
    shop.idle().await;
    assert_eq!(shop.accounts(id).await.len(), 1, "the order was delivered");
    assert_eq!(shop.france().client_count(), 1);
    let ledger = shop.ledger(id).await;
    let sum: i64 = ledger.iter().map(wallet::LedgerEntry::signed_minor).sum();
    assert_eq!(shop.balance(id).await, sum, "balance = sum(ledger)");
    assert_eq!(
        sum,
        30_000 + receipt.amount.minor() - 100_000,
        "paid once from the credit"
    );
    let texts: Vec<String> = user
        .bot_messages()
        .iter()
        .map(|m| m.text_or_empty().to_owned())
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("FR-MoonVPN")),
        "the buyer got the service: {texts:?}"
    );

    assert_eq!(
        continue_orders(&deps).await,
        0,
        "a delivered order is not continued again"
    );
    assert_eq!(shop.ledger(id).await.len(), ledger.len());
}

async fn continue_orders(deps: &telegram::bot::BotDeps) -> usize {
    telegram::bot::topup::upkeep::continue_orders(deps, 10).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_card_payment_for_an_order_is_due_when_the_order_stops_being_payable() {
    let world = World::open().await;
    let shop = &world.shop;
    let (user, _) = world.payer(2194, Language::En).await;
    shop.open_confirmation(&user, "France", "Silver").await;
    shop.clock.advance(time::Duration::minutes(20));
    user.tap_button("Pay");
    shop.idle().await;
    user.tap_button("Pay 100,000 Toman by card");
    shop.idle().await;
    let card = user.last_bot_message().unwrap();
    assert!(
        card.text_or_empty().contains("within 10 minutes (until 10:30 UTC)"),
        "the order is payable until 10:30, so the receipt must be decided by then: {card:?}"
    );
}
