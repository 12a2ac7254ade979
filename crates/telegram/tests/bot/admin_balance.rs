//! An admin adjusts a user's balance from the profile, in English, Persian and Russian: a
//! wrong amount is explained, the reason is required, the confirmation shows amount, user and
//! reason before any money moves; confirming credits once (a second tap on the same
//! confirmation changes nothing), a debit larger than the balance is refused, and the user is
//! told. Each step's screens are an insta snapshot; money is checked in the ledger.

use std::sync::Arc;
use std::time::Duration;

use kernel::SystemClock;
use members::Language;
use notify::{DeliveryOutcome, NewNotice, Notice, Notifier, OutboxDispatcher, OutboxEntry, Recipient};
use telegram::AdminAction;
use testkit::telegram::SimUser;
use wallet::WalletService;

use crate::admin_support::{admin_shop, answer_to, audit_by, open_profile, tap_admin};
use crate::support::{Screens, label};

async fn adjust_a_balance(lang: Language) -> String {
    let shop = admin_shop().await;
    let root = shop.user(0);
    let customer = shop.user(1);
    shop.services.members.set_language(root.id, lang).await.unwrap();
    let sim = root.sim.clone();
    let tap = |key: &str| sim.tap_button(&label(lang, key));
    open_profile(&shop, &sim, lang, &customer.sim).await;
    let mut screens = Screens::new(&sim);

    tap("admin-btn-adjust");
    shop.idle().await;
    screens.record("admin-btn-adjust");
    sim.send_text("lots");
    shop.idle().await;
    screens.record("not an amount");
    sim.send_text("+25000");
    shop.idle().await;
    screens.record("+25000");
    sim.send_text("   ");
    shop.idle().await;
    screens.record("an empty reason");
    sim.send_text("Refund for the outage on Friday");
    shop.idle().await;
    screens.record("the reason");
    assert_eq!(
        shop.balance(customer.id).await,
        50_000,
        "nothing moves before the confirmation"
    );
    tap("admin-btn-adjust-yes");
    shop.idle().await;
    screens.record("admin-btn-adjust-yes");

    assert_eq!(shop.balance(customer.id).await, 75_000);
    tap_admin(&shop, &sim, AdminAction::AdjustConfirmed(customer.id), "again");
    shop.idle().await;
    assert_eq!(
        answer_to(&shop, "again").as_deref(),
        Some(label(lang, "admin-adjust-expired").as_str())
    );
    assert_eq!(shop.balance(customer.id).await, 75_000, "a second tap adds nothing");

    tap("admin-btn-adjust");
    shop.idle().await;
    sim.send_text("-100000");
    shop.idle().await;
    sim.send_text("Chargeback");
    shop.idle().await;
    tap("admin-btn-adjust-yes");
    shop.idle().await;
    screens.record("a debit larger than the balance");
    assert_eq!(
        shop.balance(customer.id).await,
        75_000,
        "the balance never goes below zero"
    );

    let ledger = shop.ledger(customer.id).await;
    let adjustments: Vec<_> = ledger
        .iter()
        .filter(|e| e.note.as_deref() == Some("Refund for the outage on Friday"))
        .collect();
    assert_eq!(adjustments.len(), 1, "one ledger row with the reason: {ledger:?}");
    let audited: Vec<String> = audit_by(&shop, root.id)
        .await
        .into_iter()
        .map(|e| e.action.as_str().to_owned())
        .filter(|a| a == WalletService::ADJUST_ACTION.as_str())
        .collect();
    assert_eq!(audited.len(), 1, "the adjustment is audited once");
    shop.close().await;
    screens.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adjusting_a_balance_in_english() {
    insta::assert_snapshot!(adjust_a_balance(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adjusting_a_balance_in_persian() {
    insta::assert_snapshot!(adjust_a_balance(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adjusting_a_balance_in_russian() {
    insta::assert_snapshot!(adjust_a_balance(Language::Ru).await);
}

/// `admin` opens `customer`'s profile (in English) and asks to adjust by `amount` for
/// `reason`, up to the confirmation.
async fn ask_to_adjust(shop: &testshop::TestShop, admin: &SimUser, customer: &SimUser, amount: &str, reason: &str) {
    open_profile(shop, admin, Language::En, customer).await;
    admin.tap_button(&label(Language::En, "admin-btn-adjust"));
    shop.idle().await;
    admin.send_text(amount);
    shop.idle().await;
    admin.send_text(reason);
    shop.idle().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_confirmation_cannot_be_confirmed_later() {
    let shop = admin_shop().await;
    let root = shop.user(0);
    let customer = shop.user(1);
    let sim = root.sim.clone();
    let tap = |key: &str| sim.tap_button(&label(Language::En, key));
    ask_to_adjust(&shop, &sim, &customer.sim, "+5000", "Typo").await;
    tap("btn-cancel");
    shop.idle().await;

    tap_admin(&shop, &sim, AdminAction::AdjustConfirmed(customer.id), "late");
    shop.idle().await;

    assert_eq!(
        answer_to(&shop, "late").as_deref(),
        Some(label(Language::En, "admin-adjust-expired").as_str())
    );
    assert_eq!(shop.balance(customer.id).await, 50_000);
    shop.close().await;
}

/// Keeps every notice the outbox hands it.
#[derive(Default)]
struct Captured(std::sync::Mutex<Vec<NewNotice>>);

#[async_trait::async_trait]
impl Notifier for Captured {
    async fn deliver(&self, entry: &OutboxEntry) -> DeliveryOutcome {
        self.0.lock().unwrap().push(entry.notice.clone());
        DeliveryOutcome::Delivered
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_user_is_told_about_the_adjustment_with_its_reason() {
    let shop = admin_shop().await;
    let root = shop.user(0);
    let customer = shop.user(1);
    let sim = root.sim.clone();
    let tap = |key: &str| sim.tap_button(&label(Language::En, key));
    ask_to_adjust(&shop, &sim, &customer.sim, "+1000", "Welcome gift").await;
    tap("admin-btn-adjust-yes");
    shop.idle().await;

    let captured = Arc::new(Captured::default());
    let outbox = OutboxDispatcher::new(Arc::new(shop.store.clone()), captured.clone(), Arc::new(SystemClock));
    outbox.run_once(50, Duration::from_secs(10)).await.unwrap();

    let told = captured.0.lock().unwrap().clone();
    let adjusted = told
        .iter()
        .find(|n| matches!(&n.notice, Notice::BalanceAdjusted { reason, .. } if reason == "Welcome gift"))
        .unwrap_or_else(|| panic!("no adjustment notice: {told:?}"));
    assert_eq!(adjusted.recipient, Recipient::User(customer.id));
    assert!(matches!(
        adjusted.notice,
        Notice::BalanceAdjusted { delta_minor: 1000, .. }
    ));
    shop.close().await;
}
