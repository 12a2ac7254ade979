//! The superadmins' audit-log browser in English, Persian and Russian: the newest entries,
//! then a period, an action picked from those the log holds (family, then one action), an
//! actor typed (a wrong one explained), days typed (Persian ones in Persian; a wrong one
//! explained), and Clear filters. Paging keeps the filters. An admin sees no button and a
//! forged tap on the log or any filter question, or a forged answer, is refused with "needs a
//! superadmin"; the refusals are themselves audited.

use members::{Language, Role};
use testkit::Generation;
use testshop::TestShop;
use time::macros::datetime;

use crate::admin_support::{answer_to, audit_by, tap_ops};
use crate::support::{Screens, label};

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
    let tap = |label: &str| sim.tap_button(label);
    for (step, button) in [
        ("ops-btn-audit", self::label(lang, "ops-btn-audit")),
        ("ops-audit-period-week", self::label(lang, "ops-audit-period-week")),
        ("ops-audit-btn-action", self::label(lang, "ops-audit-btn-action")),
        ("the member. family", "member.…".to_owned()),
        ("member.set_role", "member.set_role".to_owned()),
        ("ops-audit-btn-actor", self::label(lang, "ops-audit-btn-actor")),
    ] {
        tap(&button);
        shop.idle().await;
        screens.record(step);
    }
    for (step, text) in [("nobody", "@nobody_here"), ("the superadmin's Telegram id", "1001")] {
        sim.send_text(text);
        shop.idle().await;
        screens.record(step);
    }
    tap(&self::label(lang, "ops-audit-btn-days"));
    shop.idle().await;
    screens.record("ops-audit-btn-days");
    // The day of the role change, in the calendar the admin reads.
    let day = if lang == Language::Fa {
        "۱۴۰۵/۰۹/۱۵"
    } else {
        "2026-12-06"
    };
    for (step, text) in [("not a day", "yesterday"), ("the day", day)] {
        sim.send_text(text);
        shop.idle().await;
        screens.record(step);
    }
    tap(&self::label(lang, "ops-audit-btn-clear"));
    shop.idle().await;
    screens.record("ops-audit-btn-clear");
    shop.close().await;
    redact_times(screens.text())
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
        view: telegram::AuditView::default(),
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paging_keeps_the_filters_and_clear_drops_them() {
    let shop = audited_shop().await;
    let root = shop.user(0);
    for n in 0..12 {
        members::AuditLog::record(
            &shop.store,
            members::NewAuditEntry::by(
                root.id,
                members::AuditAction::new("wallet.adjust"),
                members::AuditTarget::user(root.id),
                serde_json::json!({ "n": n }),
                datetime!(2026-12-06 09:00 UTC),
            ),
        )
        .await
        .unwrap();
    }
    let sim = root.sim.clone();
    let tap = |key: &str| sim.tap_button(&label(Language::En, key));
    sim.send_text("/admin");
    shop.idle().await;
    tap("ops-btn-audit");
    shop.idle().await;
    tap("ops-audit-btn-action");
    shop.idle().await;
    sim.tap_button("wallet.…");
    shop.idle().await;
    sim.tap_button("All wallet.…");
    shop.idle().await;
    tap("ops-audit-older");
    shop.idle().await;
    let older = sim.last_bot_message().unwrap();
    let text = older.text_or_empty();
    assert!(
        text.contains("12 entries") && text.contains("🏷 Action: wallet."),
        "{text}"
    );
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("• ")).collect();
    assert_eq!(lines.len(), 2, "the second page of 12: {text}");
    assert!(lines.iter().all(|l| l.contains("wallet.adjust")), "{text}");

    tap("ops-audit-btn-clear");
    shop.idle().await;
    let cleared = sim.last_bot_message().unwrap();
    assert!(!cleared.text_or_empty().contains("🏷"), "{cleared:?}");
    assert!(
        !cleared
            .button_texts()
            .contains(&label(Language::En, "ops-audit-btn-clear")),
        "nothing left to clear"
    );
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_is_refused_every_filter_question_and_answer_and_each_is_audited() {
    let shop = audited_shop().await;
    let admin = shop.user(2);
    admin.sim.send_text("/admin");
    shop.idle().await;
    let view = telegram::AuditView::default();
    let taps = [
        telegram::OpsAction::AuditActions { family: 0, view },
        telegram::OpsAction::AuditActions { family: 1, view },
        telegram::OpsAction::AuditActor(view),
        telegram::OpsAction::AuditDays(view),
    ];
    for (n, action) in taps.iter().enumerate() {
        tap_ops(&shop, &admin.sim, *action, &format!("filter-{n}"));
        shop.idle().await;
        assert_eq!(
            answer_to(&shop, &format!("filter-{n}")).as_deref(),
            Some(label(Language::En, "admin-need-superadmin").as_str()),
            "{action:?}"
        );
    }
    for step in [
        telegram::bot::admin::AdminStep::AuditActor { view: view.to_wire() },
        telegram::bot::admin::AdminStep::AuditDays { view: view.to_wire() },
    ] {
        let state = serde_json::to_string(&telegram::Conversation::Admin { step }).unwrap();
        telegram_state::ConversationRepo::save(
            &shop.store,
            telegram_state::ChatKey::new(admin.sim.id()),
            &state,
            None,
            shop.clock_now(),
        )
        .await
        .unwrap();
        admin.sim.send_text("1001");
        shop.idle().await;
        assert_eq!(
            admin.sim.last_bot_message().unwrap().text_or_empty(),
            label(Language::En, "admin-need-superadmin")
        );
    }
    let denied = audit_by(&shop, admin.id)
        .await
        .into_iter()
        .filter(|e| e.action.as_str() == "access.denied" && e.detail["needed"] == "superadmin")
        .count();
    assert_eq!(denied, taps.len() + 2, "every tap and answer is audited");
    shop.close().await;
}

/// In a shop on Tehran time (+03:30) an entry written at 22:00 UTC on 6 December happened at
/// 01:30 on the 7th there: the log shows it at that time, lists it under the 7th (typed, and
/// Today once the 7th has begun there) and not under the 6th.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn days_and_times_are_the_shops_own() {
    let shop = TestShop::init()
        .with_utc_offset(time::macros::offset!(+03:30))
        .with_user(0)
        .as_admin()
        .start()
        .await;
    shop.clock.set(datetime!(2026-12-06 22:30 UTC));
    let root = shop.user(0);
    members::AuditLog::record(
        &shop.store,
        members::NewAuditEntry::by(
            root.id,
            members::AuditAction::new("wallet.adjust"),
            members::AuditTarget::user(root.id),
            serde_json::json!({}),
            datetime!(2026-12-06 22:00 UTC),
        ),
    )
    .await
    .unwrap();
    let sim = root.sim.clone();
    let tap = |key: &str| sim.tap_button(&label(Language::En, key));
    let adjust_lines = || {
        let text = sim.last_bot_message().unwrap().text_or_empty().to_owned();
        text.lines()
            .filter(|l| l.contains("wallet.adjust"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    sim.send_text("/admin");
    shop.idle().await;
    tap("ops-btn-audit");
    shop.idle().await;
    let title = sim.last_bot_message().unwrap().text_or_empty().to_owned();
    assert!(title.contains("(newest first, UTC+03:30)"), "{title}");
    assert_eq!(
        adjust_lines(),
        vec![format!("• 12-07 01:30 #{0} wallet.adjust → user:{0}", root.id)]
    );
    tap("ops-audit-period-today");
    shop.idle().await;
    assert_eq!(adjust_lines().len(), 1, "today in Tehran is the 7th");

    for (day, listed) in [("2026-12-07", 1), ("۱۴۰۵/۰۹/۱۶", 1), ("2026-12-06", 0)] {
        tap("ops-audit-btn-days");
        shop.idle().await;
        let ask = sim.last_bot_message().unwrap().text_or_empty().to_owned();
        assert!(ask.contains("days in UTC+03:30"), "{ask}");
        sim.send_text(day);
        shop.idle().await;
        assert_eq!(adjust_lines().len(), listed, "{day}");
    }
    shop.close().await;
}
