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
use testkit::telegram::{ChatEntry, Sender, SimChannel, SimUser, render_chat};
use testshop::{AUDIT_CHANNEL, TestShop};
use time::macros::datetime;

/// The channel of the test card's receipts.
const CARD_CHANNEL: i64 = -1_009_000_000_002;
/// A Luhn-valid card number.
const CARD: &str = "6037991234567893";

/// A shop with a superadmin (user 0, Telegram id 1001), an active card whose receipts go to
/// [`CARD_CHANNEL`], both review channels, and the clock at 10:00 UTC.
struct World {
    shop: TestShop,
    admin: SimUser,
    admin_id: UserId,
    card_channel: SimChannel,
    audit_channel: SimChannel,
}

impl World {
    async fn open() -> World {
        let shop = TestShop::init().with_user(0).as_admin().start().await;
        shop.clock.set(datetime!(2026-12-06 10:00 UTC));
        let admin = shop.user(0).sim.clone();
        let admin_id = shop.user(0).id;
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
    async fn payer(&self, telegram_id: i64, lang: Language) -> (SimUser, UserId) {
        let user = self.shop.fake.user_with(telegram_id, "Sara", Some("sara_k"), "en");
        user.send_text("/start");
        self.shop.idle().await;
        user.tap_button(&label(lang, &format!("btn-lang-{}", lang.code())));
        self.shop.idle().await;
        let id = testshop::stored_user(&self.shop.store, telegram_id).await.unwrap().id;
        (user, id)
    }

    /// Delivers what the outbox holds (the payer's "approved" notice among it).
    async fn run_outbox(&self) {
        let deps = testshop::bot_deps_for(&self.shop.fake, &self.shop.services, testshop::SECRET);
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
}

fn label(lang: Language, key: &str) -> String {
    let i18n = telegram::I18n::new(kernel::Currency::from_code("IRT").unwrap()).unwrap();
    i18n.t(lang, key)
}

/// Taps the button at `row`, `column` of the bot's last message.
fn tap_at(user: &SimUser, row: usize, column: usize) {
    let last = user.last_bot_message().expect("a bot message");
    let data = last.buttons[row][column]
        .callback_data
        .clone()
        .expect("a callback button");
    user.tap(last.message_id, &data);
}

/// Every bot message a step sent or changed, under the step's name.
struct Steps {
    user: SimUser,
    before: Vec<ChatEntry>,
    out: String,
}

impl Steps {
    fn record(&mut self, step: &str) {
        let transcript = self.user.transcript();
        let shown: Vec<ChatEntry> = transcript
            .iter()
            .enumerate()
            .filter(|(n, e)| e.from == Sender::Bot && self.before.get(*n) != Some(*e))
            .map(|(_, e)| e.clone())
            .collect();
        self.out.push_str(&format!("── {step}\n{}", render_chat(&shown)));
        self.before = transcript;
    }
}

/// A payer in `lang` tops up 100,000 by card with a photo (and its caption), an admin
/// approves in the card's channel; returns the payer's steps and both channels.
async fn top_up_by_photo(lang: Language, telegram_id: i64) -> String {
    let world = World::open().await;
    let shop = &world.shop;
    let (user, id) = world.payer(telegram_id, lang).await;
    let mut steps = Steps {
        user: user.clone(),
        before: user.transcript(),
        out: String::new(),
    };
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
        steps.out,
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
async fn open_request(world: &World, telegram_id: i64) -> (SimUser, UserId) {
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
    assert!(!post.text_or_empty().contains("Photo: above"));

    user.send_photo(None);
    world.shop.idle().await;
    let post = world.audit_channel.last_post().unwrap();
    assert!(
        post.text_or_empty().contains("Text: Paid 100,037"),
        "the text is kept: {post:?}"
    );
    assert!(post.text_or_empty().contains("Photo: above"), "{post:?}");
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

    world.card_channel.tap_button_as(&world.admin, "Approve");
    shop.idle().await;
    world.audit_channel.tap_button_as(&world.admin, "Approve");
    shop.idle().await;
    let (_, toast) = world.admin.answered_callbacks().pop().unwrap();
    assert_eq!(
        toast.as_deref(),
        Some("This receipt was already decided; the post shows by whom.")
    );
    let post = world.audit_channel.last_post().unwrap();
    assert!(post.text_or_empty().contains("✅ Approved by User1001"), "{post:?}");
    assert!(post.buttons.is_empty(), "no buttons once decided");
    assert_eq!(shop.ledger(id).await.len(), 1, "one ledger row");

    let stranger_id = testshop::stored_user(&shop.store, 2199).await.unwrap().id;
    let refused = crate::admin_support::audit_by(shop, stranger_id).await;
    assert!(
        refused.iter().any(|a| a.action.as_str() == "receipt.refused"),
        "the refusal is audited: {refused:?}"
    );
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
