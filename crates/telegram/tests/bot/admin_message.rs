//! Writing to one user from their profile, walked by the superadmin in English, Persian and
//! Russian: ✉️ Message, an empty and a too long text (explained, nothing stored), the preview
//! exactly as the user will get it with Send / Cancel, Send, the profile with "sent", and a
//! user who blocked the bot (refused). The outbox, the audit log and the message the user
//! finally gets are checked; a second tap on Send and a Send after Cancel change nothing.

use members::{Language, MemberService};
use notify::{MessageService, Notice, OutboxRepo};
use telegram::OpsAction;
use testshop::TestShop;

use crate::admin_support::{admin_shop, answer_to, audit_by, open_profile, tap_ops};
use crate::support::{Screens, label};

/// What the admin writes: markup in it must reach the user as typed, not as formatting.
const TEXT: &str = "Hello! Your service was moved to a faster server.\n<b>Nothing</b> to do on your side & thanks.";

/// Runs the outbox once through the real Telegram notifier.
async fn deliver_notices(shop: &TestShop) {
    let d = testshop::bot_deps_for(&shop.fake, &shop.services, testshop::SECRET);
    let notifier = telegram::TelegramNotifier::new(d.api.clone(), d.i18n.clone(), d.members.clone());
    let outbox = notify::OutboxDispatcher::new(
        std::sync::Arc::new(shop.store.clone()),
        std::sync::Arc::new(notifier),
        shop.clock.clone(),
    );
    outbox.run_once(50, std::time::Duration::from_secs(30)).await.unwrap();
    shop.idle().await;
}

/// The admin messages queued in the outbox.
async fn queued(shop: &TestShop) -> Vec<String> {
    shop.store
        .due(shop.clock_now() + time::Duration::hours(1), 100)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|e| match e.notice.notice {
            Notice::AdminMessage { text } => Some(text),
            _ => None,
        })
        .collect()
}

async fn message_a_user(lang: Language) -> String {
    let shop = admin_shop().await;
    let root = shop.user(0);
    let customer = shop.user(1);
    shop.services.members.set_language(root.id, lang).await.unwrap();
    shop.services.members.set_language(customer.id, lang).await.unwrap();
    let sim = root.sim.clone();
    let tap = |key: &str| sim.tap_button(&label(lang, key));
    open_profile(&shop, &sim, lang, &customer.sim).await;
    let mut screens = Screens::new(&sim);

    tap("admin-btn-message");
    shop.idle().await;
    screens.record("admin-btn-message");
    sim.send_text("   ");
    shop.idle().await;
    screens.record("an empty message");
    sim.send_text(&"x".repeat(4001));
    shop.idle().await;
    screens.record("4001 characters");
    sim.send_text(TEXT);
    shop.idle().await;
    screens.record("the text");
    let shown = sim.bot_messages();
    let preview = shown[shown.len() - 2].text_or_empty().to_owned();
    sim.send_text("one more thing");
    shop.idle().await;
    screens.record("text while the preview is open");
    assert!(queued(&shop).await.is_empty(), "nothing is queued before Send");

    tap("admin-btn-message-send");
    shop.idle().await;
    screens.record("admin-btn-message-send");
    assert_eq!(queued(&shop).await, vec![TEXT.to_owned()]);

    tap_ops(&shop, &sim, OpsAction::MessageSend(customer.id), "again");
    shop.idle().await;
    assert_eq!(
        answer_to(&shop, "again").as_deref(),
        Some(label(lang, "admin-message-expired").as_str())
    );
    assert_eq!(queued(&shop).await.len(), 1, "a second tap sends nothing more");

    deliver_notices(&shop).await;
    let got = customer.sim.last_bot_message().unwrap();
    assert_eq!(got.text_or_empty(), preview, "the user gets exactly the preview");
    assert!(got.buttons.is_empty());

    let audited: Vec<_> = audit_by(&shop, root.id)
        .await
        .into_iter()
        .filter(|e| e.action == MessageService::MESSAGE)
        .collect();
    assert_eq!(audited.len(), 1, "audited once");
    assert_eq!(audited[0].target.as_str(), format!("user:{}", customer.id));
    assert_eq!(audited[0].detail, serde_json::json!({ "length": TEXT.chars().count() }));

    shop.services.members.mark_bot_blocked(customer.id, true).await.unwrap();
    open_profile(&shop, &sim, lang, &customer.sim).await;
    screens.skip();
    tap("admin-btn-message");
    shop.idle().await;
    screens.record("a user who blocked the bot");
    assert_eq!(queued(&shop).await.len(), 0, "delivered, and nothing new queued");
    shop.close().await;
    screens.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messaging_a_user_in_english() {
    insta::assert_snapshot!(message_a_user(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messaging_a_user_in_persian() {
    insta::assert_snapshot!(message_a_user(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messaging_a_user_in_russian() {
    insta::assert_snapshot!(message_a_user(Language::Ru).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_preview_is_in_the_users_language_and_cancel_sends_nothing() {
    let shop = admin_shop().await;
    let root = shop.user(0);
    let customer = shop.user(1);
    shop.services
        .members
        .set_language(customer.id, Language::Fa)
        .await
        .unwrap();
    let sim = root.sim.clone();
    open_profile(&shop, &sim, Language::En, &customer.sim).await;
    sim.tap_button(&label(Language::En, "admin-btn-message"));
    shop.idle().await;
    sim.send_text("Salam");
    shop.idle().await;
    let shown = sim.bot_messages();
    let preview = shown[shown.len() - 2].text_or_empty().to_owned();
    assert!(preview.contains("پیام از پشتیبانی"), "{preview}");
    assert!(shown[shown.len() - 1].text_or_empty().contains("فارسی"));

    sim.tap_button(&label(Language::En, "btn-cancel"));
    shop.idle().await;
    assert!(
        sim.last_bot_message()
            .unwrap()
            .button_texts()
            .contains(&label(Language::En, "admin-btn-message")),
        "Cancel goes back to the profile"
    );
    tap_ops(&shop, &sim, OpsAction::MessageSend(customer.id), "late");
    shop.idle().await;
    assert_eq!(
        answer_to(&shop, "late").as_deref(),
        Some(label(Language::En, "admin-message-expired").as_str())
    );
    assert!(queued(&shop).await.is_empty());
    assert!(
        !audit_by(&shop, root.id)
            .await
            .iter()
            .any(|e| e.action == MessageService::MESSAGE || e.action == MemberService::ACCESS_DENIED)
    );
    shop.close().await;
}
