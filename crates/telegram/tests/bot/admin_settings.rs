//! ⚙️ Shop settings walked as the superadmin in English, Persian and Russian: a contact that is
//! not one is refused, a good one is confirmed and saved, a language change is cancelled once
//! and then saved. Each step is an insta snapshot; what changed is checked where users see it
//! (Help, the language of a newcomer) and in the audit log. Plain users and admins are refused
//! every settings button and answer, audited, and nothing changes.

use members::{Language, MemberService, ShopSetting};
use telegram::bot::admin::AdminStep;
use telegram::{Conversation, OpsAction};
use telegram_state::{ChatKey, ConversationRepo};

use crate::admin_support::{admin_shop, answer_to, audit_by, tap_ops};
use crate::support::{Screens, label, stored_user};

async fn walk_the_settings(lang: Language) -> String {
    let shop = admin_shop().await;
    let root = shop.user(0);
    shop.services.members.set_language(root.id, lang).await.unwrap();
    let sim = root.sim.clone();
    let tap = |key: &str| sim.tap_button(&label(lang, key));
    sim.send_text("/admin");
    shop.idle().await;
    let mut screens = Screens::new(&sim);

    tap("admin-btn-settings");
    shop.idle().await;
    screens.record("admin-btn-settings");
    tap("admin-btn-settings-contact");
    shop.idle().await;
    screens.record("admin-btn-settings-contact");
    sim.send_text("call us maybe");
    shop.idle().await;
    screens.record("not a contact");
    sim.send_text("@moon_help");
    shop.idle().await;
    screens.record("@moon_help");
    sim.send_text("hello?");
    shop.idle().await;
    screens.record("text while the confirmation is open");
    let unchanged = shop.services.members.shop_settings().await.unwrap();
    assert_eq!(
        unchanged.value(ShopSetting::SupportContact).as_deref(),
        Some("@moon_support")
    );
    tap("admin-btn-settings-save");
    shop.idle().await;
    screens.record("admin-btn-settings-save");

    tap("admin-btn-settings-language");
    shop.idle().await;
    screens.record("admin-btn-settings-language");
    tap("btn-lang-ru");
    shop.idle().await;
    screens.record("btn-lang-ru");
    tap("btn-cancel");
    shop.idle().await;
    screens.record("btn-cancel");
    assert_eq!(
        shop.services.members.shop_settings().await.unwrap().default_language,
        Language::En,
        "cancelled: nothing changed"
    );
    tap("admin-btn-settings-language");
    shop.idle().await;
    tap("btn-lang-ru");
    shop.idle().await;
    tap("admin-btn-settings-save");
    shop.idle().await;
    screens.record("saved in Russian");
    tap("admin-btn-back-home");
    shop.idle().await;
    screens.record("admin-btn-back-home");

    let now = shop.services.members.shop_settings().await.unwrap();
    assert_eq!(now.value(ShopSetting::SupportContact).as_deref(), Some("@moon_help"));
    assert_eq!(now.default_language, Language::Ru);
    let customer = &shop.user(1).sim;
    customer.send_text("/help");
    shop.idle().await;
    let help = customer.last_bot_message().unwrap();
    assert!(
        help.text_or_empty().contains("@moon_help"),
        "Help shows the new contact: {help:?}"
    );
    let newcomer = shop.fake.user_with(3001, "Hans", None, "de");
    newcomer.send_text("/start");
    shop.idle().await;
    assert_eq!(stored_user(&shop.store, 3001).await.unwrap().language, Language::Ru);

    let changes: Vec<serde_json::Value> = audit_by(&shop, root.id)
        .await
        .into_iter()
        .filter(|e| e.action == MemberService::SETTINGS_SET)
        .map(|e| e.detail)
        .collect();
    assert_eq!(
        changes,
        [
            serde_json::json!({"key": "default_language", "from": "en", "to": "ru"}),
            serde_json::json!({"key": "support.contact", "from": "@moon_support", "to": "@moon_help"}),
        ]
    );
    shop.close().await;
    screens.into_text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shop_settings_in_english() {
    insta::assert_snapshot!(walk_the_settings(Language::En).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shop_settings_in_persian() {
    insta::assert_snapshot!(walk_the_settings(Language::Fa).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shop_settings_in_russian() {
    insta::assert_snapshot!(walk_the_settings(Language::Ru).await);
}

/// The settings answers, as if the chat were waiting for them (a stale or forged state).
fn forged_steps() -> [AdminStep; 2] {
    [
        AdminStep::SupportContact,
        AdminStep::SupportContactConfirm {
            contact: "@forged_help".to_owned(),
        },
    ]
}

/// The settings buttons: every one but the main menu's way in.
fn settings_buttons() -> Vec<OpsAction> {
    OpsAction::samples()
        .into_iter()
        .filter(|a| a.code().starts_with("ag"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_users_and_admins_are_refused_every_settings_button_and_answer_and_it_is_audited() {
    let shop = admin_shop().await;
    let before = shop.services.members.shop_settings().await.unwrap();
    let buttons = settings_buttons();
    assert_eq!(buttons.len(), 6);
    // 1002 is a plain user, 1003 an admin (not a superadmin).
    for (who, user, toast, needed, way_in) in [
        ("plain", shop.user(1), "This button is not for you.", "admin", "/menu"),
        (
            "admin",
            shop.user(2),
            "Only a superadmin can do this.",
            "superadmin",
            "/admin",
        ),
    ] {
        user.sim.send_text(way_in);
        shop.idle().await;
        let shown = user.sim.last_bot_message().unwrap().button_texts();
        assert!(
            !shown.contains(&label(Language::En, "admin-btn-settings")),
            "{who} never sees the settings button: {shown:?}"
        );
        for (n, action) in buttons.iter().enumerate() {
            // A confirmation "open" in the chat, so a Save would have something to save.
            let state = serde_json::to_string(&Conversation::Admin {
                step: forged_steps()[1].clone(),
            })
            .unwrap();
            shop.store
                .save(ChatKey::new(user.sim.id()), &state, None, shop.clock_now())
                .await
                .unwrap();
            tap_ops(&shop, &user.sim, *action, &format!("{who}-{n}"));
            shop.idle().await;
            assert_eq!(
                answer_to(&shop, &format!("{who}-{n}")).as_deref(),
                Some(toast),
                "{who}: {action:?}"
            );
        }
        for step in forged_steps() {
            let state = serde_json::to_string(&Conversation::Admin { step: step.clone() }).unwrap();
            shop.store
                .save(ChatKey::new(user.sim.id()), &state, None, shop.clock_now())
                .await
                .unwrap();
            user.sim.send_text("@forged_help");
            shop.idle().await;
        }
        let denied: Vec<_> = audit_by(&shop, user.id)
            .await
            .into_iter()
            .filter(|e| e.action == MemberService::ACCESS_DENIED)
            .collect();
        assert_eq!(denied.len(), buttons.len() + forged_steps().len(), "{who}: {denied:?}");
        assert!(denied.iter().all(|e| e.detail["needed"] == needed), "{who}: {denied:?}");
        assert!(
            denied
                .iter()
                .all(|e| e.detail["attempt"].as_str().unwrap().starts_with("settings.")),
            "{who}: {denied:?}"
        );
    }
    assert_eq!(shop.services.members.shop_settings().await.unwrap(), before);
    assert!(
        audit_by(&shop, shop.user(2).id)
            .await
            .iter()
            .all(|e| e.action != MemberService::SETTINGS_SET)
    );
    shop.close().await;
}
