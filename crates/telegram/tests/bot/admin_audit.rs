//! The superadmins' audit-log browser in English, Persian and Russian: the newest entries,
//! then one period and one family of actions picked. An admin sees no button and a forged tap
//! is refused with "needs a superadmin"; both refusals are themselves audited.

use members::{Language, Role};
use testkit::Generation;
use testshop::TestShop;
use time::macros::datetime;

use crate::admin_support::{Screens, answer_to, audit_by, label, tap_ops};

/// A superadmin (1001) who made 1003 an admin at a fixed time, and a plain user (1002).
async fn audited_shop() -> TestShop {
    let shop = TestShop::init()
        .with_location("France", "FR")
        .with_panel(Generation::D)
        .with_user(0)
        .as_admin()
        .with_user(0)
        .with_user(0)
        .start()
        .await;
    shop.clock.set(datetime!(2026-12-06 10:00 UTC));
    let root = shop.user(0).id;
    shop.services
        .members
        .set_role(root, shop.user(2).id, Role::Admin)
        .await
        .unwrap();
    shop
}

/// `MM-DD hh:mm` of entries written at start (real time) become a placeholder.
fn redact_times(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut line = line.to_owned();
        if let Some(at) = line.find("• ") {
            let start = at + "• ".len();
            if line.len() >= start + 11 && line.is_char_boundary(start + 11) {
                line.replace_range(start..start + 11, "MM-DD hh:mm");
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

async fn browse(lang: Language) -> String {
    let shop = audited_shop().await;
    let root = shop.user(0);
    shop.services.members.set_language(root.id, lang).await.unwrap();
    let sim = root.sim.clone();
    sim.send_text("/admin");
    shop.idle().await;
    let mut screens = Screens::new(&sim);
    for (step, key) in [
        ("ops-btn-audit", "ops-btn-audit"),
        ("ops-audit-period-week", "ops-audit-period-week"),
    ] {
        sim.tap_button(&label(lang, key));
        shop.idle().await;
        screens.record(step);
    }
    // The family button cycles: every action → access. → member.
    for step in ["family access.", "family member."] {
        let button = sim
            .last_bot_message()
            .unwrap()
            .button_texts()
            .into_iter()
            .find(|b| b.starts_with("🏷"))
            .expect("the family button");
        sim.tap_button(&button);
        shop.idle().await;
        screens.record(step);
    }
    shop.close().await;
    redact_times(&screens.out)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_log_in_english() {
    insta::assert_snapshot!(browse(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_log_in_persian() {
    insta::assert_snapshot!(browse(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_log_in_russian() {
    insta::assert_snapshot!(browse(Language::Ru).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_and_users_cannot_read_the_audit_log_and_their_attempts_are_audited() {
    let shop = audited_shop().await;
    let (customer, admin) = (shop.user(1), shop.user(2));
    admin.sim.send_text("/admin");
    shop.idle().await;
    let home = admin.sim.last_bot_message().unwrap();
    assert!(
        !home.button_texts().iter().any(|b| b.contains("Audit log")),
        "an admin gets no audit-log button: {home:?}"
    );
    let browse = telegram::OpsAction::Audit {
        page: 0,
        period: 0,
        family: 0,
    };
    tap_ops(&shop, &admin.sim, browse, "admin-forged");
    customer.sim.send_text("/menu");
    shop.idle().await;
    tap_ops(&shop, &customer.sim, browse, "user-forged");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let attempted = |entries: &[members::AuditEntry]| {
        entries
            .iter()
            .any(|e| e.action.as_str() == "access.denied" && e.detail["attempt"] == "audit.view")
    };
    for who in [admin.id, customer.id] {
        let mut entries = audit_by(&shop, who).await;
        while !attempted(&entries) && std::time::Instant::now() < deadline {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            entries = audit_by(&shop, who).await;
        }
        assert!(attempted(&entries), "{who}'s attempt is audited: {entries:?}");
    }
    shop.idle().await;
    assert_eq!(
        answer_to(&shop, "admin-forged").as_deref(),
        Some(label(Language::En, "admin-need-superadmin").as_str())
    );
    assert!(
        !customer
            .sim
            .transcript()
            .iter()
            .any(|e| e.text_or_empty().contains("member.set_role")),
        "a plain user sees no entry"
    );
    shop.close().await;
}
