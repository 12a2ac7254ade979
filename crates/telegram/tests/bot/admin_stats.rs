//! The admins' Stats screen in English, Persian and Russian: users, sales and money in by
//! method after a purchase, active services per location and panel, then the 30-day sales
//! chart as a photo (a real PNG, not blank). A plain user's forged tap shows nothing and is
//! audited.

use members::{Language, Role};
use testkit::Generation;
use testkit::telegram::EntryKind;
use testshop::{PlanSpec, TestShop};

use crate::admin_support::audit_by;
use crate::support::{Screens, label};

/// A superadmin (1001) and a buyer (1002) who bought "Monthly 50" in France.
async fn shop_with_a_sale() -> TestShop {
    let shop = TestShop::init()
        .with_location("France", "FR")
        .with_panel(Generation::D)
        .with_plan(PlanSpec::fixed("Monthly 50", 50, 30, 120_000).at(&["FR"]))
        .with_user(0)
        .as_admin()
        .with_user(200_000)
        .start()
        .await;
    shop.buy(&shop.user(1).sim, "France", "Monthly 50").await;
    shop
}

async fn open_stats(lang: Language) -> String {
    let shop = shop_with_a_sale().await;
    let root = shop.user(0);
    shop.services.members.set_language(root.id, lang).await.unwrap();
    let sim = root.sim.clone();
    sim.send_text("/admin");
    shop.idle().await;
    let mut screens = Screens::new(&sim);
    sim.tap_button(&label(lang, "ops-btn-stats"));
    // The chart is the last thing sent; a busy machine can pause longer than `idle`'s quiet.
    let chart_shown = || {
        sim.last_bot_message()
            .is_some_and(|m| matches!(m.kind, EntryKind::Photo { .. }))
    };
    testkit::wait_until("the chart", std::time::Duration::from_secs(20), chart_shown).await;
    shop.idle().await;
    screens.record("ops-btn-stats");

    let chart = sim.last_bot_message().expect("the chart");
    let EntryKind::Photo { file_id } = &chart.kind else {
        panic!("the chart comes last, as a photo: {chart:?}")
    };
    let png = shop.fake.file_bytes(file_id).expect("the uploaded chart");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    assert!(png.len() > 500 && png.len() < 100_000, "{} bytes", png.len());
    let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!(
        (info.width, info.height),
        (telegram::chart::WIDTH, telegram::chart::HEIGHT)
    );
    let first = &pixels[..3];
    assert!(
        pixels[..info.buffer_size()].chunks(3).any(|p| p != first),
        "the chart is not blank"
    );

    sim.tap_button(&label(lang, "admin-btn-back-home"));
    let menu_shown = || {
        sim.last_bot_message()
            .is_some_and(|m| !matches!(m.kind, EntryKind::Photo { .. }))
    };
    testkit::wait_until("the admin menu", std::time::Duration::from_secs(20), menu_shown).await;
    shop.idle().await;
    screens.record("admin-btn-back-home");
    shop.close().await;
    screens.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stats_in_english() {
    insta::assert_snapshot!(open_stats(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stats_in_persian() {
    insta::assert_snapshot!(open_stats(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stats_in_russian() {
    insta::assert_snapshot!(open_stats(Language::Ru).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_user_sees_no_stats_and_the_attempt_is_audited() {
    let shop = shop_with_a_sale().await;
    let customer = shop.user(1);
    assert_eq!(shop.services.members.get(customer.id).await.unwrap().role, Role::User);
    let before = customer.sim.transcript().len();
    crate::admin_support::tap_ops(&shop, &customer.sim, telegram::OpsAction::Stats, "forged");
    shop.idle().await;

    // The refusal is audited before anything is answered; wait for it on a busy machine.
    let refused = |entries: &[members::AuditEntry]| {
        entries
            .iter()
            .any(|e| e.action.as_str() == "access.denied" && e.detail["attempt"] == "stats.view")
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let mut denied = audit_by(&shop, customer.id).await;
    while !refused(&denied) && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        denied = audit_by(&shop, customer.id).await;
    }
    assert!(refused(&denied), "the attempt is audited: {denied:?}");
    shop.idle().await;
    let after = customer.sim.transcript();
    assert!(
        after[before..]
            .iter()
            .all(|e| !matches!(e.kind, EntryKind::Photo { .. }) && !e.text_or_empty().contains("120")),
        "no numbers shown: {:?}",
        &after[before..]
    );
    shop.close().await;
}
