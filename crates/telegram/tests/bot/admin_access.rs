//! The authorization walk: every admin command, button and typed answer, as a plain user
//! (and the superadmin-only ones as an admin), is refused, changes nothing and is audited.

use members::{MemberService, Role, UserStatus};
use telegram::bot::admin::AdminStep;
use telegram::{AdminAction, Conversation};
use telegram_state::{ChatKey, ConversationRepo};

use crate::admin_support::{admin_shop, answer_to, audit_by, tap_admin, tap_as, tap_ops};

/// How many times the panel was asked to restart Xray.
fn restarts(shop: &testshop::TestShop) -> usize {
    shop.panel(0)
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("restartXrayService"))
        .count()
}

/// The typed answers of the care screens (extend a service, write to a user), the audit
/// browser's filters and the shop settings, with any ids: a plain user's answer is refused
/// before anything is read.
fn typed_steps() -> Vec<AdminStep> {
    vec![
        AdminStep::ExtendDays { account: 1 },
        AdminStep::ExtendGb { account: 1, days: 5 },
        AdminStep::ExtendConfirm {
            account: 1,
            days: 5,
            gb: 5,
        },
        AdminStep::AuditActor {
            view: ":0::".to_owned(),
        },
        AdminStep::AuditDays {
            view: ":0::".to_owned(),
        },
        AdminStep::MessageText { user: 2 },
        AdminStep::MessageConfirm {
            user: 2,
            text: "forged".to_owned(),
        },
        AdminStep::SupportContact,
        AdminStep::SupportContactConfirm {
            contact: "@forged_help".to_owned(),
        },
        AdminStep::OrderReason {
            order: 1,
            decision: "refund".to_owned(),
        },
        AdminStep::OrderConfirm {
            order: 1,
            decision: "refund".to_owned(),
            reason: "forged".to_owned(),
        },
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_admin_command_button_and_answer_is_refused_to_a_plain_user_and_audited() {
    let shop = admin_shop().await;
    let plain = &shop.user(1);
    let victim = shop.user(2).id;
    let panel = shop.services.fleet.panels().await.unwrap()[0].id;
    let panel_requests = shop.panel(0).requests().len();

    plain.sim.send_text("/menu");
    shop.idle().await;
    let menu = plain.sim.last_bot_message().unwrap();
    assert!(
        !menu.button_texts().iter().any(|b| b.contains("Admin")),
        "users never see the admin entry: {:?}",
        menu.button_texts()
    );
    let seen_before = plain.sim.bot_messages().len();

    plain.sim.send_text("/admin");
    shop.idle().await;
    let answer = plain.sim.last_bot_message().unwrap();
    assert!(
        answer.text_or_empty().starts_with("Sorry, I did not understand that"),
        "{answer:?}"
    );
    let after_command = plain.sim.bot_messages().len();

    let actions = AdminAction::samples(victim, panel);
    for (n, action) in actions.iter().enumerate() {
        tap_admin(&shop, &plain.sim, *action, &format!("plain-{n}"));
        shop.idle().await;
    }
    for (n, action) in actions.iter().enumerate() {
        assert_eq!(
            answer_to(&shop, &format!("plain-{n}")).as_deref(),
            Some("This button is not for you."),
            "{action:?}"
        );
    }
    // The catalog editing buttons (creating and editing plans and codes).
    let catalog = telegram::CatalogAction::samples(victim.get());
    for (n, action) in catalog.iter().enumerate() {
        tap_as(
            &shop,
            &plain.sim,
            telegram::Action::Catalog(*action),
            &format!("catalog-{n}"),
        );
        shop.idle().await;
        assert_eq!(
            answer_to(&shop, &format!("catalog-{n}")).as_deref(),
            Some("This button is not for you."),
            "{action:?}"
        );
    }
    // The operations buttons (stats, audit log, shop settings).
    let ops = telegram::OpsAction::samples();
    for (n, action) in ops.iter().enumerate() {
        tap_ops(&shop, &plain.sim, *action, &format!("ops-{n}"));
        shop.idle().await;
        assert_eq!(
            answer_to(&shop, &format!("ops-{n}")).as_deref(),
            Some("This button is not for you."),
            "{action:?}"
        );
    }
    // The inbound sale buttons (ask, then put on or off sale).
    let inbounds_before = shop.services.placement.inbounds_of_panel(panel).await.unwrap();
    let sales = telegram::InboundAction::samples(inbounds_before[0].id);
    for (n, action) in sales.iter().enumerate() {
        tap_as(
            &shop,
            &plain.sim,
            telegram::Action::Inbound(*action),
            &format!("inbound-{n}"),
        );
        shop.idle().await;
        assert_eq!(
            answer_to(&shop, &format!("inbound-{n}")).as_deref(),
            Some("This button is not for you."),
            "{action:?}"
        );
    }
    assert_eq!(
        shop.services.placement.inbounds_of_panel(panel).await.unwrap(),
        inbounds_before,
        "no inbound changed"
    );
    // The order buttons (a user's orders, one order, a superadmin's refund or retry).
    let order_taps = telegram::OrderAction::samples(victim, kernel::OrderId::new(1));
    for (n, action) in order_taps.iter().enumerate() {
        tap_as(
            &shop,
            &plain.sim,
            telegram::Action::Orders(*action),
            &format!("orders-{n}"),
        );
        shop.idle().await;
        assert_eq!(
            answer_to(&shop, &format!("orders-{n}")).as_deref(),
            Some("This button is not for you."),
            "{action:?}"
        );
    }
    assert_eq!(
        plain.sim.bot_messages().len(),
        after_command,
        "a refused tap shows nothing new"
    );
    assert_eq!(after_command, seen_before + 1);

    // The find-user question, as if the chat were waiting for it (a stale or forged state).
    shop.store
        .save(
            ChatKey::new(plain.sim.id()),
            r#"{"await":"admin","step":"find_user"}"#,
            None,
            shop.clock_now(),
        )
        .await
        .unwrap();
    plain.sim.send_text(&shop.user(2).sim.id().to_string());
    shop.idle().await;
    let answer = plain.sim.last_bot_message().unwrap();
    assert!(
        answer.text_or_empty().starts_with("Sorry, I did not understand that"),
        "no profile for a plain user: {answer:?}"
    );

    // Every other typed answer of the admin menu, each as if the chat were waiting for it.
    let forged = typed_steps();
    for step in &forged {
        let state = serde_json::to_string(&Conversation::Admin { step: step.clone() }).unwrap();
        shop.store
            .save(ChatKey::new(plain.sim.id()), &state, None, shop.clock_now())
            .await
            .unwrap();
        plain.sim.send_text("5");
        shop.idle().await;
        let answer = plain.sim.last_bot_message().unwrap();
        assert!(
            answer.text_or_empty().starts_with("Sorry, I did not understand that"),
            "{step:?}: {answer:?}"
        );
    }
    let denied: Vec<_> = audit_by(&shop, plain.id)
        .await
        .into_iter()
        .filter(|e| e.action == MemberService::ACCESS_DENIED)
        .collect();
    // A plan's name, as if the chat were creating a plan.
    shop.store
        .save(
            ChatKey::new(plain.sim.id()),
            r#"{"await":"admin","step":{"catalog":{"new_plan":{"stage":"name"}}}}"#,
            None,
            shop.clock_now(),
        )
        .await
        .unwrap();
    plain.sim.send_text("Forged plan");
    shop.idle().await;
    assert!(
        plain
            .sim
            .last_bot_message()
            .unwrap()
            .text_or_empty()
            .starts_with("Sorry, I did not understand that")
    );
    assert!(shop.services.catalog.plans(false).await.unwrap().is_empty());
    assert_eq!(
        denied.len() + 1,
        audit_by(&shop, plain.id).await.len(),
        "the typed plan name is refused and audited"
    );
    assert_eq!(
        denied.len(),
        actions.len() + catalog.len() + ops.len() + sales.len() + order_taps.len() + 2 + forged.len(),
        "/admin, every tap, every typed answer"
    );
    assert!(
        denied
            .iter()
            .all(|e| e.detail["needed"] == "admin" && e.detail["role"] == "user")
    );
    assert!(
        audit_by(&shop, plain.id)
            .await
            .iter()
            .all(|e| e.action == MemberService::ACCESS_DENIED)
    );

    let target = shop.services.members.get(victim).await.unwrap();
    assert_eq!((target.role, target.status), (Role::Admin, UserStatus::Active));
    let me = shop.services.members.get(plain.id).await.unwrap();
    assert_eq!((me.role, me.status), (Role::User, UserStatus::Active));
    assert_eq!(restarts(&shop), 0);
    assert_eq!(shop.panel(0).requests().len(), panel_requests, "no panel was touched");
    assert_eq!(shop.balance(plain.id).await, 50_000);
    let outbox = notify::OutboxRepo::due(&shop.store, shop.clock_now() + time::Duration::hours(1), 100)
        .await
        .unwrap();
    assert!(
        !outbox
            .iter()
            .any(|e| matches!(e.notice.notice, notify::Notice::AdminMessage { .. })),
        "no message was queued"
    );
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn superadmin_only_changes_are_refused_to_an_admin_and_audited() {
    let shop = admin_shop().await;
    let admin = &shop.user(2);
    let plain = shop.user(1).id;
    let other_admin = shop.user(3).id;
    admin.sim.send_text("/admin");
    shop.idle().await;

    let attempts = [
        AdminAction::SetRole(plain, Role::Admin),
        AdminAction::SetRole(other_admin, Role::User),
        AdminAction::BlockConfirmed(other_admin),
    ]
    .map(telegram::Action::Admin)
    .into_iter()
    .chain(
        // A superadmin's refund or retry of an order: every step of it.
        telegram::OrderAction::samples(plain, kernel::OrderId::new(1))
            .into_iter()
            .filter(telegram::OrderAction::overrides)
            .map(telegram::Action::Orders),
    )
    .collect::<Vec<_>>();
    for (n, action) in attempts.iter().enumerate() {
        tap_as(&shop, &admin.sim, *action, &format!("admin-{n}"));
        shop.idle().await;
    }
    for (n, action) in attempts.iter().enumerate() {
        assert_eq!(
            answer_to(&shop, &format!("admin-{n}")).as_deref(),
            Some("Only a superadmin can do this."),
            "{action:?}"
        );
    }
    let denied: Vec<_> = audit_by(&shop, admin.id)
        .await
        .into_iter()
        .filter(|e| e.action == MemberService::ACCESS_DENIED)
        .collect();
    assert_eq!(denied.len(), attempts.len());
    assert!(denied.iter().all(|e| e.detail["needed"] == "superadmin"));
    assert_eq!(shop.services.members.get(plain).await.unwrap().role, Role::User);
    let other = shop.services.members.get(other_admin).await.unwrap();
    assert_eq!((other.role, other.status), (Role::Admin, UserStatus::Active));
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_can_make_a_plain_user_a_seller_without_a_superadmin() {
    let shop = admin_shop().await;
    let admin = &shop.user(2);
    let plain = shop.user(1).id;
    admin.sim.send_text("/admin");
    shop.idle().await;
    tap_admin(&shop, &admin.sim, AdminAction::SetRole(plain, Role::Seller), "seller");
    shop.idle().await;
    assert_eq!(shop.services.members.get(plain).await.unwrap().role, Role::Seller);
    let shown = admin.sim.last_bot_message().unwrap();
    assert!(shown.text_or_empty().starts_with("✅ Role changed."), "{shown:?}");
    shop.close().await;
}
