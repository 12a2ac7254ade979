//! A user's orders on their profile and a superadmin's override of a paid order that was not
//! delivered: 🧾 Orders, the order's screen, ⚖️ Override, Refund now, the reason, the
//! confirmation and the result, in English, Persian and Russian. End to end: the buyer's
//! money is back, the buyer is told, and the decision is in the audit browser. An admin sees
//! the orders but cannot override (a forged tap is refused and audited, nothing changes).

use kernel::TelegramId;
use members::{Language, MemberService, Role};
use orders::{Order, OrderStatus, PurchaseRequest};
use telegram::{Action, OpsAction, OrderAction};
use testshop::TestShop;
use time::macros::datetime;

use crate::admin_support::{answer_to, audit_by, open_profile, service_shop, tap_as, tap_ops};
use crate::support::{Screens, label};

/// The buyer (user 1) orders Monthly 50 in France and pays it (120,000 of 200,000), and its
/// delivery never runs: a paid order that is stuck.
async fn stuck_order(shop: &TestShop) -> Order {
    let buyer = shop.user(1);
    let request = PurchaseRequest {
        user: buyer.id,
        telegram_id: TelegramId::new(buyer.sim.id()).unwrap(),
        plan: shop.plan("Monthly 50"),
        location: shop.location("FR"),
        selection: None,
        code: None,
    };
    let order = shop.services.orders.create_order(&request).await.unwrap();
    let paid = shop.services.orders.pay(buyer.id, order.id).await.unwrap();
    assert_eq!(paid.status, OrderStatus::Paid);
    assert_eq!(shop.balance(buyer.id).await, 80_000);
    paid
}

/// Runs the outbox once through the real Telegram notifier, after the order outcome's grace
/// (the buyer is not looking at a screen that could show it inline).
async fn deliver_notices(shop: &TestShop) {
    shop.clock.advance(notify::INLINE_GRACE + time::Duration::seconds(1));
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

/// The reason typed, in the language.
fn reason(lang: Language) -> &'static str {
    match lang {
        Language::Fa => "سرور فرانسه از صبح قطع است",
        Language::Ru => "Сервер во Франции не работает с утра",
        Language::En => "The France server is down since the morning",
    }
}

/// The superadmin walks from the buyer's profile to a refund of their stuck order, in `lang`.
async fn refund_walk(lang: Language) -> String {
    let shop = service_shop().await;
    shop.clock.set(datetime!(2026-12-07 09:30 UTC));
    let root = shop.user(0);
    let buyer = shop.user(1);
    let stuck = stuck_order(&shop).await;
    // The buyer's earlier notices (the deposit) go out first.
    deliver_notices(&shop).await;
    shop.services.members.set_language(root.id, lang).await.unwrap();
    shop.services.members.set_language(buyer.id, lang).await.unwrap();
    let sim = root.sim.clone();
    open_profile(&shop, &sim, lang, &buyer.sim).await;
    let mut screens = Screens::new(&sim);
    for (step, key) in [
        ("orders", "admin-btn-orders"),
        ("the order", ""),
        ("override", "admin-btn-order-override"),
        ("refund now", "admin-btn-order-refund"),
    ] {
        if key.is_empty() {
            sim.tap_button(&format!("🧾 {}", stuck.tracking.as_str()));
        } else {
            sim.tap_button(&label(lang, key));
        }
        shop.idle().await;
        screens.record(step);
    }
    sim.send_text(reason(lang));
    shop.idle().await;
    screens.record("the reason: confirm");
    sim.tap_button(&label(lang, "admin-btn-order-refund-yes"));
    shop.idle().await;
    screens.record("refunded");

    assert_eq!(shop.balance(buyer.id).await, 200_000, "the money is back");
    let order = shop.services.orders.order(buyer.id, stuck.id).await.unwrap();
    assert_eq!(order.status, OrderStatus::Failed);
    let mut told = Screens::new(&buyer.sim);
    deliver_notices(&shop).await;
    told.record("the buyer's notice");
    shop.close().await;
    format!("{}{}", screens.text(), told.text()).replace(stuck.tracking.as_str(), "OR-STUCK")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refunding_a_stuck_order_in_english() {
    insta::assert_snapshot!(refund_walk(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refunding_a_stuck_order_in_persian() {
    insta::assert_snapshot!(refund_walk(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refunding_a_stuck_order_in_russian() {
    insta::assert_snapshot!(refund_walk(Language::Ru).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_superadmins_refund_restores_the_balance_tells_the_buyer_and_shows_in_the_audit_browser() {
    let shop = service_shop().await;
    let root = shop.user(0);
    let buyer = shop.user(1);
    let stuck = stuck_order(&shop).await;
    let sim = root.sim.clone();
    open_profile(&shop, &sim, Language::En, &buyer.sim).await;
    sim.tap_button(&label(Language::En, "admin-btn-orders"));
    shop.idle().await;
    sim.tap_button(&format!("🧾 {}", stuck.tracking.as_str()));
    shop.idle().await;
    sim.tap_button(&label(Language::En, "admin-btn-order-override"));
    shop.idle().await;
    sim.tap_button(&label(Language::En, "admin-btn-order-refund"));
    shop.idle().await;
    sim.send_text(&"x".repeat(501));
    shop.idle().await;
    assert!(
        sim.last_bot_message()
            .unwrap()
            .text_or_empty()
            .starts_with("The reason has 501 characters; at most 500 fit."),
        "a long reason is asked again"
    );
    sim.send_text("Panel down all day");
    shop.idle().await;
    let yes = label(Language::En, "admin-btn-order-refund-yes");
    sim.tap_button(&yes);
    shop.idle().await;
    let done = sim.last_bot_message().unwrap();
    assert!(
        done.text_or_empty().starts_with("✅ Order ") && done.text_or_empty().contains("refunded: 120,000"),
        "{done:?}"
    );
    assert!(
        !done.button_texts().iter().any(|b| b.contains("Override")),
        "a failed order has no override: {:?}",
        done.button_texts()
    );
    assert_eq!(shop.balance(buyer.id).await, 200_000);
    let refunds = shop
        .ledger(buyer.id)
        .await
        .into_iter()
        .filter(|e| e.key.as_str() == format!("order:{}:refund", stuck.id))
        .count();
    assert_eq!(refunds, 1);

    // The buyer is told, with the reason.
    deliver_notices(&shop).await;
    let notice = buyer.sim.last_bot_message().unwrap();
    assert!(
        notice
            .text_or_empty()
            .contains("could not be completed: Panel down all day"),
        "{notice:?}"
    );

    // The audit browser shows the decision.
    tap_ops(
        &shop,
        &sim,
        OpsAction::Audit {
            page: 0,
            view: telegram::AuditView::default(),
        },
        "audit",
    );
    shop.idle().await;
    let log = sim.last_bot_message().unwrap();
    assert!(
        log.text_or_empty().contains("order.override") && log.text_or_empty().contains(&format!("order:{}", stuck.id)),
        "{log:?}"
    );
    let entry = audit_by(&shop, root.id)
        .await
        .into_iter()
        .find(|e| e.action.as_str() == "order.override")
        .unwrap();
    assert_eq!(entry.detail["decision"], "refund");
    assert_eq!(entry.detail["outcome"], "refunded");
    assert_eq!(entry.detail["reason"], "Panel down all day");

    // The old confirmation does nothing a second time.
    tap_as(&shop, &sim, Action::Orders(OrderAction::Confirm(stuck.id)), "again");
    shop.idle().await;
    assert_eq!(
        answer_to(&shop, "again").as_deref(),
        Some("This confirmation is no longer open; nothing was changed.")
    );
    assert_eq!(shop.balance(buyer.id).await, 200_000);
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_delivers_a_stuck_order_and_the_buyer_gets_the_service() {
    let shop = service_shop().await;
    let root = shop.user(0);
    let buyer = shop.user(1);
    let stuck = stuck_order(&shop).await;
    let sim = root.sim.clone();
    open_profile(&shop, &sim, Language::En, &buyer.sim).await;
    sim.tap_button(&label(Language::En, "admin-btn-orders"));
    shop.idle().await;
    sim.tap_button(&format!("🧾 {}", stuck.tracking.as_str()));
    shop.idle().await;
    sim.tap_button(&label(Language::En, "admin-btn-order-override"));
    shop.idle().await;
    sim.tap_button(&label(Language::En, "admin-btn-order-retry"));
    shop.idle().await;
    sim.send_text("The panel is back");
    shop.idle().await;
    sim.tap_button(&label(Language::En, "admin-btn-order-retry-yes"));
    shop.idle().await;
    let done = sim.last_bot_message().unwrap();
    assert!(done.text_or_empty().contains("was delivered now"), "{done:?}");
    let order = shop.services.orders.order(buyer.id, stuck.id).await.unwrap();
    assert_eq!(order.status, OrderStatus::Fulfilled);
    assert_eq!(shop.accounts(buyer.id).await.len(), 1, "the service exists");
    assert_eq!(shop.balance(buyer.id).await, 80_000, "paid once, not refunded");
    let entry = audit_by(&shop, root.id)
        .await
        .into_iter()
        .find(|e| e.action.as_str() == "order.override")
        .unwrap();
    assert_eq!(
        (entry.detail["decision"].clone(), entry.detail["outcome"].clone()),
        ("retry".into(), "delivered".into())
    );
    deliver_notices(&shop).await;
    assert!(
        buyer
            .sim
            .last_bot_message()
            .unwrap()
            .text_or_empty()
            .contains("is ready"),
        "the normal delivery message"
    );
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_sees_the_orders_but_a_forged_override_is_refused_audited_and_changes_nothing() {
    let shop = service_shop().await;
    let root = shop.user(0);
    let buyer = shop.user(1);
    let stuck = stuck_order(&shop).await;
    let (admin, admin_id) = shop.customer(1_005, 0).await;
    shop.services
        .members
        .set_role(root.id, admin_id, Role::Admin)
        .await
        .unwrap();
    open_profile(&shop, &admin, Language::En, &buyer.sim).await;
    admin.tap_button(&label(Language::En, "admin-btn-orders"));
    shop.idle().await;
    admin.tap_button(&format!("🧾 {}", stuck.tracking.as_str()));
    shop.idle().await;
    let screen = admin.last_bot_message().unwrap();
    assert!(screen.text_or_empty().contains("paid, not delivered"), "{screen:?}");
    assert!(
        !screen.button_texts().iter().any(|b| b.contains("Override")),
        "no override for an admin: {:?}",
        screen.button_texts()
    );

    let forged = [
        OrderAction::Override(stuck.id),
        OrderAction::Decide(stuck.id, orders::OrderOverride::Refund),
        OrderAction::Confirm(stuck.id),
    ];
    for (n, action) in forged.iter().enumerate() {
        tap_as(&shop, &admin, Action::Orders(*action), &format!("forged-{n}"));
        shop.idle().await;
        assert_eq!(
            answer_to(&shop, &format!("forged-{n}")).as_deref(),
            Some("Only a superadmin can do this."),
            "{action:?}"
        );
    }
    let denied: Vec<_> = audit_by(&shop, admin_id)
        .await
        .into_iter()
        .filter(|e| e.action == MemberService::ACCESS_DENIED)
        .collect();
    assert_eq!(denied.len(), forged.len());
    assert!(
        denied
            .iter()
            .all(|e| e.detail["attempt"] == "order.override" && e.detail["needed"] == "superadmin")
    );
    let order = shop.services.orders.order(buyer.id, stuck.id).await.unwrap();
    assert_eq!(order.status, OrderStatus::Paid, "nothing changed");
    assert_eq!(shop.balance(buyer.id).await, 80_000);
    shop.close().await;
}
