//! Outbox notices reach users and admins in their language, through the real outbox.

use std::sync::Arc;
use std::time::Duration;

use kernel::{IdempotencyKey, Money, NoticeId, ReceiptId, SystemClock, UserId};
use notify::{DeliveryOutcome, NewNotice, Notice, Notifier, OutboxDispatcher, OutboxEntry, OutboxStatus};
use telegram::TelegramNotifier;

use crate::support::{QUIET, SECRET, deps, fake, memory_store, spawn_bot, stored_user};

fn entry(notice: NewNotice) -> OutboxEntry {
    OutboxEntry {
        id: NoticeId::new(1),
        notice,
        status: OutboxStatus::Pending,
        attempts: 0,
        created_at: time::OffsetDateTime::now_utc(),
    }
}

#[tokio::test]
async fn a_deposit_notice_reaches_the_user_in_their_language() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    let user = fake.user_with(9001, "Sara", None, "fa");
    user.send_text("/start");
    fake.wait_idle(QUIET).await;
    bot.stop().await;

    let d = deps(&fake, &store, SECRET);
    let id = stored_user(&store, 9001).await.unwrap().id;
    d.wallet
        .deposit(
            id,
            Money::from_minor(50_000).unwrap(),
            IdempotencyKey::new("gw:test-1").unwrap(),
            None,
        )
        .await
        .unwrap();
    let notifier = TelegramNotifier::new(d.api.clone(), d.i18n.clone(), d.members.clone());
    let outbox = OutboxDispatcher::new(Arc::new(store.clone()), Arc::new(notifier), Arc::new(SystemClock));
    assert_eq!(outbox.run_once(10, Duration::from_secs(60)).await.unwrap().delivered, 1);
    let text = user
        .last_bot_message()
        .unwrap()
        .text_or_empty()
        .replace(['\u{2068}', '\u{2069}'], "");
    assert!(
        text.starts_with("✅ مبلغ ۵۰٬۰۰۰ تومان به کیف پول شما اضافه شد."),
        "{text}"
    );
}

#[tokio::test]
async fn an_admin_notice_reaches_the_admins_and_a_blocked_user_is_given_up_on() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    let admin = fake.user(1);
    admin.send_text("/start");
    let user = fake.user(9002);
    user.send_text("/start");
    fake.wait_idle(QUIET).await;
    bot.stop().await;

    let d = deps(&fake, &store, SECRET);
    let notifier = TelegramNotifier::new(d.api.clone(), d.i18n.clone(), d.members.clone());
    let submitted = Notice::ReceiptSubmitted {
        receipt: ReceiptId::new(12),
        tracking: "R-1234".into(),
        amount: Money::from_minor(70_000).unwrap(),
    };
    assert_eq!(
        notifier.deliver(&entry(NewNotice::to_admins(submitted))).await,
        DeliveryOutcome::Delivered
    );
    assert!(
        admin
            .last_bot_message()
            .unwrap()
            .text_or_empty()
            .starts_with("🧾 Receipt #12 for 70,000 Toman")
    );

    user.block_bot();
    let user_id = stored_user(&store, 9002).await.unwrap().id;
    let expired = NewNotice::to_user(
        user_id,
        Notice::ReceiptExpired {
            receipt: ReceiptId::new(3),
        },
    );
    assert_eq!(
        notifier.deliver(&entry(expired.clone())).await,
        DeliveryOutcome::RecipientGone
    );
    assert!(stored_user(&store, 9002).await.unwrap().bot_blocked);
    let nobody = NewNotice::to_user(
        UserId::new(999_999),
        Notice::ReceiptExpired {
            receipt: ReceiptId::new(3),
        },
    );
    assert_eq!(notifier.deliver(&entry(nobody)).await, DeliveryOutcome::RecipientGone);
}

#[tokio::test]
async fn with_an_alert_channel_the_admins_notices_go_there_in_the_shops_language_now() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    let admin = fake.user(1);
    admin.send_text("/start");
    fake.wait_idle(QUIET).await;
    bot.stop().await;
    let channel = fake.channel(-100_555, "Alerts");
    let seen_by_admin = admin.bot_messages().len();

    let d = deps(&fake, &store, SECRET);
    let notifier =
        TelegramNotifier::new(d.api.clone(), d.i18n.clone(), d.members.clone()).with_alert_channel(channel.id());
    let down = || {
        NewNotice::to_admins(Notice::PanelDown {
            panel: kernel::PanelId::new(2),
            name: "Paris".into(),
            problem: kernel::PanelProblem::Unreachable,
        })
    };
    assert_eq!(notifier.deliver(&entry(down())).await, DeliveryOutcome::Delivered);
    let post = channel.last_post().expect("the alert is posted in the channel");
    assert!(
        post.text_or_empty().starts_with("🔴 Panel"),
        "in the shop's language (English): {post:?}"
    );

    // A superadmin makes Persian the shop's language: the next alert follows without a restart.
    let superadmin = stored_user(&store, 1).await.unwrap().id;
    d.members
        .set_shop_setting_as(
            superadmin,
            members::ShopSettingValue::DefaultLanguage(members::Language::Fa),
        )
        .await
        .unwrap();
    assert_eq!(notifier.deliver(&entry(down())).await, DeliveryOutcome::Delivered);
    let post = channel.last_post().expect("the alert is posted in the channel");
    assert!(
        post.text_or_empty().starts_with("🔴 پنل"),
        "in the shop's language now (Persian): {post:?}"
    );
    assert_eq!(admin.bot_messages().len(), seen_by_admin, "no admin is messaged");
}

#[tokio::test]
async fn a_rate_limited_notice_is_retried_later() {
    let (fake, store) = (fake().await, memory_store().await);
    let bot = spawn_bot(&fake, &store);
    let user = fake.user(9003);
    user.send_text("/start");
    fake.wait_idle(QUIET).await;
    bot.stop().await;
    let d = deps(&fake, &store, SECRET);
    let notifier = TelegramNotifier::new(
        d.api.clone().with_retry_policy(telegram::RetryPolicy {
            max_retries: 0,
            max_wait: std::time::Duration::ZERO,
        }),
        d.i18n.clone(),
        d.members.clone(),
    );
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 7", Some(7));
    let id = stored_user(&store, 9003).await.unwrap().id;
    let notice = NewNotice::to_user(
        id,
        Notice::ReceiptExpired {
            receipt: ReceiptId::new(4),
        },
    );
    assert_eq!(
        notifier.deliver(&entry(notice)).await,
        DeliveryOutcome::RetryAfter(time::Duration::seconds(7))
    );
}
