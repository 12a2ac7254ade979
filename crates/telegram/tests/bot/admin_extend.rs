//! Extending a user's service from their profile, walked by the superadmin in English, Persian
//! and Russian: ➕ Extend, the days, the GB (typed in the language's digits), the confirmation,
//! the profile again, and the notice the user gets. The panel, the store and the audit log are
//! checked; a panel that fails leaves everything as it was and the admin is told.

use members::Language;
use testkit::Fault;
use testshop::TestShop;

use crate::admin_support::{audit_by, open_profile, service_shop};
use crate::support::{Screens, label};

const GB: u64 = 1 << 30;

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

/// `10` and `5` in the language's digits.
fn amounts(lang: Language) -> (&'static str, &'static str) {
    match lang {
        Language::Fa => ("۱۰", "۵"),
        _ => ("10", "5"),
    }
}

async fn extend(lang: Language) -> String {
    let shop = service_shop().await;
    let root = shop.user(0);
    let buyer = shop.user(1);
    shop.buy(&buyer.sim, "France", "Monthly 50").await;
    let account = shop.accounts(buyer.id).await.remove(0);
    shop.services.members.set_language(root.id, lang).await.unwrap();
    shop.services.members.set_language(buyer.id, lang).await.unwrap();
    let sim = root.sim.clone();
    open_profile(&shop, &sim, lang, &buyer.sim).await;
    let mut screens = Screens::new(&sim);
    let (days, gb) = amounts(lang);
    sim.tap_button(&label(lang, "admin-btn-extend"));
    shop.idle().await;
    screens.record("admin-btn-extend");
    sim.send_text("a week");
    shop.idle().await;
    screens.record("a week");
    sim.send_text(days);
    shop.idle().await;
    screens.record(days);
    sim.send_text(gb);
    shop.idle().await;
    screens.record(gb);
    sim.tap_button(&label(lang, "admin-btn-extend-yes"));
    shop.idle().await;
    screens.record("admin-btn-extend-yes");

    let after = shop.services.accounts.account(account.id).await.unwrap();
    assert_eq!(after.traffic_limit_bytes.amount(), Some(55 * GB));
    assert_eq!(
        after.expires_at,
        account.expires_at.map(|at| at + time::Duration::days(10))
    );
    let (total, expiry) = testkit::limits_on(shop.panel(0), account.email.as_str());
    assert_eq!(total, i64::try_from(55 * GB).unwrap(), "the panel has the new limit");
    assert_eq!(Some(expiry), after.expires_at.map(testshop::unix_ms));
    let audited = audit_by(&shop, root.id).await;
    assert_eq!(audited[0].action.as_str(), "account.extend");
    assert_eq!(
        (audited[0].detail["days"].clone(), audited[0].detail["gb"].clone()),
        (10.into(), 5.into())
    );

    let mut told = Screens::new(&buyer.sim);
    deliver_notices(&shop).await;
    told.record("the user's notice");
    shop.close().await;
    format!("{}{}", screens.text(), told.text()).replace(account.name.as_str(), "FR-MoonVPN-N")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extending_a_service_in_english() {
    insta::assert_snapshot!(extend(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extending_a_service_in_persian() {
    insta::assert_snapshot!(extend(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extending_a_service_in_russian() {
    insta::assert_snapshot!(extend(Language::Ru).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panel_that_fails_leaves_the_service_as_it_was_and_the_admin_is_told() {
    let shop = service_shop().await;
    let root = shop.user(0);
    let buyer = shop.user(1);
    shop.buy(&buyer.sim, "France", "Monthly 50").await;
    let account = shop.accounts(buyer.id).await.remove(0);
    let sim = root.sim.clone();
    open_profile(&shop, &sim, Language::En, &buyer.sim).await;
    sim.tap_button(&label(Language::En, "admin-btn-extend"));
    shop.idle().await;
    for typed in ["0", "0", "5"] {
        sim.send_text(typed);
        shop.idle().await;
    }
    let confirm = sim.last_bot_message().unwrap().text_or_empty().to_owned();
    assert!(
        confirm.starts_with("Extend FR-MoonVPN-"),
        "0 days and 0 GB is asked again: {confirm}"
    );
    shop.panel(0).set_fault(Some(Fault::Down));
    sim.tap_button(&label(Language::En, "admin-btn-extend-yes"));
    shop.idle().await;
    shop.panel(0).set_fault(None);

    let shown = sim.last_bot_message().unwrap().text_or_empty().to_owned();
    assert!(
        shown.starts_with("⚠️ The service was not extended, nothing was changed: the panel cannot be reached"),
        "{shown}"
    );
    let after = shop.services.accounts.account(account.id).await.unwrap();
    assert_eq!(
        (after.traffic_limit_bytes, after.expires_at),
        (account.traffic_limit_bytes, account.expires_at)
    );
    let (total, _) = testkit::limits_on(shop.panel(0), account.email.as_str());
    assert_eq!(total, i64::try_from(50 * GB).unwrap());
    assert!(
        audit_by(&shop, root.id)
            .await
            .iter()
            .all(|e| e.action.as_str() != "account.extend")
    );
    shop.close().await;
}
