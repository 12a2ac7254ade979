//! Reminder notices as the user sees them, in English, Persian and Russian: 3 days left,
//! traffic 80% used, the one-tap Renew opening the renew preview, expired; the last day and
//! all traffic used. Driven by the reminder use case and the outbox on the shop's controlled
//! clock.

use std::sync::Arc;
use std::time::Duration;

use members::Language;
use notify::{OutboxDispatcher, ReminderService};
use sea_orm::{ActiveModelTrait, Set};
use store::entity::inventory::client_account;
use telegram::{CallbackCodec, CallbackKey, TelegramNotifier};
use testkit::telegram::SimUser;

use crate::shop::Shop;
use crate::support::{Screens, label, stored_user, tap_starting_with};

/// Queues due reminders and delivers the outbox, as the two jobs do.
pub(crate) async fn run_jobs(shop: &Shop) {
    let reminders = ReminderService::new(Arc::new(shop.store.clone()), shop.clock.clone());
    reminders.run_once().await.unwrap();
    let d = testshop::bot_deps_for(&shop.fake, &shop.services, testshop::SECRET);
    let codec = CallbackCodec::new(CallbackKey::derive(&kernel::Secret::new(testshop::SECRET)));
    let notifier = TelegramNotifier::new(d.api.clone(), d.i18n.clone(), d.members.clone()).with_buttons(codec);
    let outbox = OutboxDispatcher::new(Arc::new(shop.store.clone()), Arc::new(notifier), shop.clock.clone());
    outbox.run_once(50, Duration::from_secs(30)).await.unwrap();
    shop.idle().await;
}

/// A user of `lang` who bought Silver (50 GB, 30 days) in France, with the deposit's notice
/// delivered: the shop, the chat and the user's id.
async fn bought_silver(lang: Language, telegram_id: i64) -> (Shop, SimUser, kernel::UserId) {
    let shop = Shop::open().await;
    let user = shop.fake.user_with(telegram_id, "Sara", None, "en");
    user.send_text("/start");
    shop.idle().await;
    user.tap_button(&label(lang, &format!("btn-lang-{}", lang.code())));
    shop.idle().await;
    let id = stored_user(&shop.store, telegram_id).await.unwrap().id;
    shop.credit(id, 250_000).await;
    user.send_text("/menu");
    shop.idle().await;
    for step in [label(lang, "btn-plans"), "France".to_owned(), "Silver".to_owned()] {
        user.tap_button(&step);
        shop.idle().await;
    }
    tap_starting_with(&user, "✅");
    shop.idle().await;
    run_jobs(&shop).await; // the deposit's and nothing else
    (shop, user, id)
}

/// Sets how much traffic the user's only service used.
async fn use_traffic(shop: &Shop, user: kernel::UserId, gb: u64) {
    let account = &shop.accounts(user).await[0];
    client_account::ActiveModel {
        id: Set(account.id.get()),
        traffic_used_bytes: Set(i64::try_from(gb * testshop::GB).unwrap()),
        ..Default::default()
    }
    .update(shop.store.db())
    .await
    .unwrap();
}

async fn reminders_in(lang: Language, telegram_id: i64) -> String {
    let (shop, user, id) = bought_silver(lang, telegram_id).await;
    let mut steps = Screens::new(&user);

    shop.clock.advance(time::Duration::days(27) + time::Duration::hours(1));
    run_jobs(&shop).await;
    steps.record("3 days before expiry");
    run_jobs(&shop).await;
    steps.record("the job again: nothing new");

    use_traffic(&shop, id, 41).await;
    run_jobs(&shop).await;
    steps.record("80% of the traffic used");

    user.tap_button(&label(lang, "btn-renew"));
    shop.idle().await;
    steps.record("Renew under the reminder");

    shop.clock.advance(time::Duration::days(3));
    run_jobs(&shop).await;
    steps.record("expired");
    shop.close().await;
    steps.into_text()
}

/// The last day and the traffic used up: a service first seen within a day of its expiry gets
/// only the 1-day reminder; all traffic used is told even after the 80% one was skipped.
async fn last_day_and_traffic_used_up_in(lang: Language, telegram_id: i64) -> String {
    let (shop, user, id) = bought_silver(lang, telegram_id).await;
    let mut steps = Screens::new(&user);
    shop.clock.advance(time::Duration::days(29) + time::Duration::hours(1));
    run_jobs(&shop).await;
    steps.record("first seen 23 hours before expiry: the 1-day reminder only");
    use_traffic(&shop, id, 50).await;
    run_jobs(&shop).await;
    steps.record("all of the traffic used");
    run_jobs(&shop).await;
    steps.record("the job again: nothing new");
    shop.close().await;
    steps.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_last_day_and_traffic_used_up_in_english() {
    insta::assert_snapshot!(last_day_and_traffic_used_up_in(Language::En, 7211).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_last_day_and_traffic_used_up_in_persian() {
    insta::assert_snapshot!(last_day_and_traffic_used_up_in(Language::Fa, 7212).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_last_day_and_traffic_used_up_in_russian() {
    insta::assert_snapshot!(last_day_and_traffic_used_up_in(Language::Ru, 7213).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_in_english() {
    insta::assert_snapshot!(reminders_in(Language::En, 7201).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_in_persian() {
    insta::assert_snapshot!(reminders_in(Language::Fa, 7202).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_in_russian() {
    insta::assert_snapshot!(reminders_in(Language::Ru, 7203).await);
}
