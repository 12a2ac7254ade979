//! Resetting a user's traffic from their profile, walked by the superadmin in English, Persian
//! and Russian: the button under the profile, the confirmation, the profile again with the
//! count back at zero. The panel's counter and the audit log are checked.

use members::Language;

use crate::admin_support::{audit_by, open_profile, service_shop};
use crate::support::{Screens, label};

const GB: u64 = 1 << 30;

async fn reset_traffic(lang: Language) -> String {
    let shop = service_shop().await;
    let root = shop.user(0);
    let buyer = shop.user(1);
    shop.buy(&buyer.sim, "France", "Monthly 50").await;
    let account = shop.accounts(buyer.id).await.remove(0);
    shop.panel(0).add_traffic(account.email.as_str(), GB, 2 * GB);
    shop.services.accounts.refresh_usage(account.id).await.unwrap();
    shop.services.members.set_language(root.id, lang).await.unwrap();
    let sim = root.sim.clone();
    open_profile(&shop, &sim, lang, &buyer.sim).await;
    let mut screens = Screens::new(&sim);
    sim.tap_button(account.name.as_str());
    shop.idle().await;
    screens.record("reset traffic");
    sim.tap_button(&label(lang, "admin-btn-reset-traffic-yes"));
    shop.idle().await;
    screens.record("admin-btn-reset-traffic-yes");

    assert_eq!(
        shop.panel(0).traffic(account.email.as_str()),
        Some((0, 0)),
        "reset on the panel"
    );
    let after = shop.services.accounts.account(account.id).await.unwrap();
    assert_eq!(after.traffic_used_bytes, 0);
    let audited = audit_by(&shop, root.id).await;
    assert_eq!(audited[0].action.as_str(), "account.reset_traffic");
    assert_eq!(audited[0].detail["used_before"], 3 * GB);
    shop.close().await;
    screens.text().replace(account.name.as_str(), "FR-MoonVPN-N")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resetting_traffic_in_english() {
    insta::assert_snapshot!(reset_traffic(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resetting_traffic_in_persian() {
    insta::assert_snapshot!(reset_traffic(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resetting_traffic_in_russian() {
    insta::assert_snapshot!(reset_traffic(Language::Ru).await);
}
