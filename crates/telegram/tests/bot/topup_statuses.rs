//! Every status a card-to-card payer hears, as chat transcripts in English, Persian and
//! Russian (#9): a receipt sent as text and then a photo, approved (with the new balance);
//! rejected with a reason; cancelled; expired (the review posts edited to show it); an
//! admin approving a receipt another admin already approved (shown the winner); an order
//! paid by card and delivered. The review posts are in the channels' language (English).

use members::Language;
use receipts::ReceiptStatus;
use testkit::telegram::{SimUser, render_chat};
use time::Duration;

use crate::support::{Screens, label};
use crate::topup::{World, tap_at};

/// Wallet → Top up → a typed 100,000 → card-to-card, in `lang`.
async fn open_top_up(world: &World, user: &SimUser, lang: Language) {
    let shop = &world.shop;
    user.send_text("/menu");
    shop.idle().await;
    user.tap_button(&label(lang, "btn-wallet"));
    shop.idle().await;
    user.tap_button(&label(lang, "btn-top-up"));
    shop.idle().await;
    user.send_text("100000");
    shop.idle().await;
    user.tap_button(&label(lang, "btn-pay-card"));
    shop.idle().await;
}

/// Four payers in `lang`: approved (text, then a photo), rejected, cancelled, expired.
async fn statuses(lang: Language, base: i64) -> String {
    let world = World::open().await;
    let shop = &world.shop;
    let mut out = String::new();

    let (user, payer) = world.payer(base + 1, lang).await;
    let mut steps = Screens::new(&user);
    open_top_up(&world, &user, lang).await;
    steps.record("the card");
    user.send_text("Paid at 10:04, ref 884213");
    shop.idle().await;
    steps.record("the receipt as text");
    user.send_photo(None);
    shop.idle().await;
    steps.record("and its photo");
    world.card_channel.tap_button_as(&world.admin, "Approve");
    world.wait_status(payer, ReceiptStatus::Approved).await;
    world.run_outbox().await;
    steps.record("approved in the channel");
    out.push_str(&format!("════ approved\n{}", steps.text()));

    let (user, payer) = world.payer(base + 2, lang).await;
    open_top_up(&world, &user, lang).await;
    let mut steps = Screens::new(&user);
    user.send_text("ref 42");
    shop.idle().await;
    world.card_channel.tap_button_as(&world.admin, "Reject");
    shop.idle().await;
    world
        .card_channel
        .tap_button_as(&world.admin, "No transfer with this amount arrived");
    world.wait_status(payer, ReceiptStatus::Rejected).await;
    world.run_outbox().await;
    steps.record("rejected in the channel");
    out.push_str(&format!("════ rejected\n{}", steps.text()));

    let (user, payer) = world.payer(base + 3, lang).await;
    open_top_up(&world, &user, lang).await;
    let mut steps = Screens::new(&user);
    user.send_photo(None);
    shop.idle().await;
    tap_at(&user, 0, 0);
    world.wait_status(payer, ReceiptStatus::Cancelled).await;
    steps.record("cancelled by the payer");
    out.push_str(&format!("════ cancelled\n{}", steps.text()));

    let (user, _) = world.payer(base + 4, lang).await;
    open_top_up(&world, &user, lang).await;
    let mut steps = Screens::new(&user);
    user.send_text("ref 77");
    shop.idle().await;
    shop.clock.advance(Duration::minutes(31));
    let expired = telegram::bot::topup::upkeep::expire_due(&world.deps(), 10)
        .await
        .unwrap();
    assert_eq!(expired.len(), 1, "only the open request expires");
    shop.idle().await;
    world.run_outbox().await;
    steps.record("nobody reviewed it in time");
    out.push_str(&format!("════ expired\n{}", steps.text()));

    out.push_str(&format!(
        "════ card channel\n{}",
        render_chat(&world.card_channel.transcript())
    ));
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_card_status_in_english() {
    insta::assert_snapshot!(statuses(Language::En, 2300).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_card_status_in_persian() {
    insta::assert_snapshot!(statuses(Language::Fa, 2310).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_card_status_in_russian() {
    insta::assert_snapshot!(statuses(Language::Ru, 2320).await);
}

/// An admin approving a receipt another admin approved first, then an order in `lang`
/// paid by card and delivered once its receipt is approved.
async fn late_approval_and_an_order(lang: Language, base: i64) -> String {
    let world = World::open().await;
    let shop = &world.shop;
    let mut out = String::new();

    let (user, payer) = world.payer(base + 1, lang).await;
    open_top_up(&world, &user, lang).await;
    user.send_text("ref 9");
    shop.idle().await;
    let (second, second_id) = shop.customer(2339, 0).await;
    shop.services
        .members
        .set_role(world.admin_id, second_id, members::Role::Admin)
        .await
        .unwrap();
    // Both tap Approve at the same moment, in different channels: one wins, and the
    // other's tap shows the post with the winner's name (which one wins varies).
    world.card_channel.tap_button_as(&world.admin, "Approve");
    world.audit_channel.tap_button_as(&second, "Approve");
    world.wait_status(payer, ReceiptStatus::Approved).await;
    testkit::wait_until("both taps answered", std::time::Duration::from_secs(20), || {
        !world.admin.answered_callbacks().is_empty() && !second.answered_callbacks().is_empty()
    })
    .await;
    let admin_toast = world.admin.answered_callbacks().pop().unwrap().1.unwrap_or_default();
    let second_toast = second.answered_callbacks().pop().unwrap().1.unwrap_or_default();
    let (winner, loser_toast, loser_post) = if admin_toast.contains("✅") {
        ("User1", second_toast, world.audit_channel.last_post().unwrap())
    } else {
        ("User2339", admin_toast, world.card_channel.last_post().unwrap())
    };
    let post = render_chat(&[loser_post]).replace(&format!("by {winner} "), "by [the winner] ");
    out.push_str(&format!(
        "════ two admins tap Approve at once: the loser sees\ntoast: {loser_toast}\n{post}"
    ));

    let (buyer, id) = world.payer(base + 2, lang).await;
    shop.credit(id, 30_000).await;
    world.run_outbox().await;
    let mut steps = Screens::new(&buyer);
    buyer.send_text("/menu");
    shop.idle().await;
    for step in [label(lang, "btn-plans"), "France".to_owned(), "Silver".to_owned()] {
        buyer.tap_button(&step);
        shop.idle().await;
    }
    buyer.tap_button("✅");
    shop.idle().await;
    steps.record("the order, then Pay with too little in the wallet");
    tap_at(&buyer, 0, 0);
    shop.idle().await;
    steps.record("pay by card");
    buyer.send_photo(Some("ref 5"));
    shop.idle().await;
    world.card_channel.tap_button_as(&world.admin, "Approve");
    testkit::wait_until("the buyer got the service", std::time::Duration::from_secs(20), || {
        buyer
            .bot_messages()
            .iter()
            .any(|m| m.text_or_empty().contains("FR-MoonVPN"))
    })
    .await;
    shop.idle().await;
    world.run_outbox().await;
    steps.record("approved: the order goes on");
    assert_eq!(shop.accounts(id).await.len(), 1, "the service was delivered");
    out.push_str(&format!("════ an order paid by card\n{}", steps.text()));
    out.push_str(&format!(
        "════ its post\n{}",
        render_chat(&[world.card_channel.last_post().unwrap()])
    ));
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_approval_and_an_order_paid_by_card_in_english() {
    insta::assert_snapshot!(late_approval_and_an_order(Language::En, 2330).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_approval_and_an_order_paid_by_card_in_persian() {
    insta::assert_snapshot!(late_approval_and_an_order(Language::Fa, 2340).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_approval_and_an_order_paid_by_card_in_russian() {
    insta::assert_snapshot!(late_approval_and_an_order(Language::Ru, 2350).await);
}
