//! Unit tests of the shop settings use cases against mocked repositories.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use kernel::{AuditEntryId, TelegramId, UserId};

use super::*;
use crate::audit::MockAuditLog;
use crate::repo::MockMemberRepo;
use crate::service_tests::{ROOT_TG, repo_with, service, user};
use crate::{MockSettingsRepo, Registration, TelegramProfile};

type Stored = Arc<Mutex<HashMap<String, String>>>;
type Audited = Arc<Mutex<Vec<NewAuditEntry>>>;

/// A settings table in memory (`put` keeps the value and its audit entry).
fn settings_table(initial: &[(&str, &str)]) -> (MockSettingsRepo, Stored, Audited) {
    let stored: Stored = Arc::new(Mutex::new(
        initial
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    ));
    let audited: Audited = Arc::new(Mutex::new(Vec::new()));
    let mut repo = MockSettingsRepo::new();
    let read = stored.clone();
    repo.expect_get()
        .returning(move |key| Ok(read.lock().unwrap().get(key.as_str()).cloned()));
    let (write, log) = (stored.clone(), audited.clone());
    repo.expect_put().returning(move |key, value, audit| {
        write.lock().unwrap().insert(key.as_str().to_owned(), value);
        log.lock().unwrap().push(audit);
        Ok(())
    });
    (repo, stored, audited)
}

/// A refusal log that keeps what it is given.
fn refusals() -> (MockAuditLog, Audited) {
    let seen: Audited = Arc::new(Mutex::new(Vec::new()));
    let mut log = MockAuditLog::new();
    let sink = seen.clone();
    log.expect_record().returning(move |e| {
        sink.lock().unwrap().push(e);
        Ok(AuditEntryId::new(1))
    });
    (log, seen)
}

/// Users: 1 the configured superadmin, 2 an admin, 3 a plain user. The config says
/// `@from_config` and Persian.
fn shop(settings: MockSettingsRepo) -> (MemberService, Audited) {
    let users = vec![
        user(1, ROOT_TG, Role::Superadmin),
        user(2, 20, Role::Admin),
        user(3, 30, Role::User),
    ];
    let (log, refused) = refusals();
    let s = service(repo_with(users))
        .with_audit_log(Arc::new(log))
        .with_shop_settings(Arc::new(settings), Some(SupportContact::new("@from_config").unwrap()));
    (s, refused)
}

fn contact(text: &str) -> ShopSettingValue {
    ShopSettingValue::parse(ShopSetting::SupportContact, text).unwrap()
}

#[tokio::test]
async fn the_config_gives_the_values_until_a_superadmin_sets_one_and_then_the_stored_one_wins() {
    let (table, stored, audited) = settings_table(&[]);
    let (s, _) = shop(table);
    let before = s.shop_settings().await.unwrap();
    assert_eq!(
        before.value(ShopSetting::SupportContact).as_deref(),
        Some("@from_config")
    );
    assert_eq!(before.default_language, Language::Fa);
    assert!(before.set_at_run_time.is_empty());

    let after = s
        .set_shop_setting_as(UserId::new(1), contact("https://t.me/new_help"))
        .await
        .unwrap();

    assert_eq!(
        after.value(ShopSetting::SupportContact).as_deref(),
        Some("https://t.me/new_help")
    );
    assert!(after.is_set_at_run_time(ShopSetting::SupportContact));
    assert!(!after.is_set_at_run_time(ShopSetting::DefaultLanguage));
    assert_eq!(stored.lock().unwrap()["support.contact"], "https://t.me/new_help");
    let audited = audited.lock().unwrap();
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].action, MemberService::SETTINGS_SET);
    assert_eq!(audited[0].actor, Some(UserId::new(1)));
    assert_eq!(audited[0].target.as_str(), "setting:support.contact");
    assert_eq!(
        audited[0].detail,
        serde_json::json!({"key": "support.contact", "from": "@from_config", "to": "https://t.me/new_help"})
    );
}

#[tokio::test]
async fn admins_and_users_may_not_see_or_change_the_shop_settings_and_their_attempts_are_audited() {
    for (actor, role) in [(2, "admin"), (3, "user")] {
        let (table, stored, audited) = settings_table(&[]);
        let (s, refused) = shop(table);
        let actor = UserId::new(actor);
        let change = s.set_shop_setting_as(actor, contact("@someone_else")).await;
        let look = s.shop_settings_as(actor).await;
        for outcome in [change.map(|_| ()), look.map(|_| ())] {
            assert!(
                matches!(
                    outcome,
                    Err(MemberError::Forbidden {
                        needed: Role::Superadmin
                    })
                ),
                "{role}: {outcome:?}"
            );
        }
        assert!(stored.lock().unwrap().is_empty() && audited.lock().unwrap().is_empty());
        let refused = refused.lock().unwrap();
        let attempts: Vec<&serde_json::Value> = refused.iter().map(|e| &e.detail["attempt"]).collect();
        assert_eq!(attempts, ["settings.set", "settings.view"], "{role}");
        assert!(refused.iter().all(|e| e.action == MemberService::ACCESS_DENIED));
    }
}

#[test]
fn bad_values_are_refused_saying_what_would_be_accepted() {
    let language = ShopSettingValue::parse(ShopSetting::DefaultLanguage, "de").unwrap_err();
    assert!(language.to_string().contains("en, fa, ru"), "{language}");
    let contact = ShopSettingValue::parse(ShopSetting::SupportContact, "call me maybe").unwrap_err();
    assert!(
        contact.to_string().starts_with("setting support.contact: "),
        "{contact}"
    );
    let long = ShopSettingValue::parse(ShopSetting::SupportContact, &format!("@{}", "a".repeat(70))).unwrap_err();
    assert!(long.to_string().contains("at most 64"), "{long}");
    let unknown = "shop.name".parse::<ShopSetting>().unwrap_err();
    assert!(
        unknown.to_string().contains("support.contact and default_language"),
        "{unknown}"
    );
    assert_eq!(
        "default_language".parse::<ShopSetting>().unwrap(),
        ShopSetting::DefaultLanguage
    );
}

#[tokio::test]
async fn a_stored_value_that_no_longer_parses_gives_the_configs() {
    let (table, _, _) = settings_table(&[("support.contact", "not a contact"), ("default_language", "de")]);
    let (s, _) = shop(table);
    let view = s.shop_settings().await.unwrap();
    assert_eq!(view.value(ShopSetting::SupportContact).as_deref(), Some("@from_config"));
    assert_eq!(view.default_language, Language::Fa);
    assert!(view.set_at_run_time.is_empty());
}

#[tokio::test]
async fn new_users_whose_telegram_speaks_none_of_ours_get_the_default_language_in_effect() {
    let (table, _, _) = settings_table(&[("default_language", "ru")]);
    let mut repo = MockMemberRepo::new();
    repo.expect_register()
        .withf(|r| r.language == Language::Ru)
        .times(1)
        .returning(|_| {
            Ok(Registration {
                user: user(9, 99, Role::User),
                created: true,
            })
        });
    let s = service(repo).with_shop_settings(Arc::new(table), None);
    let profile = TelegramProfile::new(TelegramId::new(99).unwrap(), None, "Ana", Some("de"));
    assert_eq!(profile.language, None);
    s.register(profile).await.unwrap();
}

#[tokio::test]
async fn without_a_settings_store_the_config_is_the_setting_and_changes_are_refused() {
    let s = service(repo_with(vec![user(1, ROOT_TG, Role::Superadmin)]));
    assert_eq!(s.shop_settings().await.unwrap().default_language, Language::Fa);
    let refused = s
        .set_shop_setting_as(UserId::new(1), ShopSettingValue::DefaultLanguage(Language::En))
        .await;
    assert!(matches!(refused, Err(MemberError::BadSetting { .. })), "{refused:?}");
}
