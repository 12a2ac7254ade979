//! Members storage: idempotent registration under races, roles and blocking with their audit
//! entries, settings and the audit log.

use std::collections::BTreeSet;
use std::sync::Arc;

use kernel::{FixedClock, PageRequest, StorageError, TelegramId, UserId};
use members::{
    AuditAction, AuditLog, AuditQuery, AuditTarget, Language, MemberError, MemberRepo, MemberService, MembersConfig,
    NewAuditEntry, Role, SettingKey, SettingsRepo, TelegramProfile, UserStatus, Username,
};
use sea_orm::{EntityTrait, PaginatorTrait};
use store::Store;
use store::entity::members::{audit_log, setting, user};
use store::store_test;
use time::OffsetDateTime;
use time::macros::datetime;

const ROOT_TG: i64 = 1000;
const AT: OffsetDateTime = datetime!(2026-11-21 12:00 UTC);

fn tg(id: i64) -> TelegramId {
    TelegramId::new(id).unwrap()
}

fn service(store: &Store) -> MemberService {
    MemberService::new(
        Arc::new(store.clone()),
        Arc::new(FixedClock::new(AT)),
        MembersConfig {
            superadmins: BTreeSet::from([tg(ROOT_TG)]),
            default_language: Language::Fa,
        },
    )
}

async fn register(store: &Store, id: i64, username: Option<&str>) -> members::User {
    service(store)
        .register(TelegramProfile::new(tg(id), username, "Sara", Some("en")))
        .await
        .unwrap()
        .user
}

fn audit(actor: UserId, action: &'static str, target: AuditTarget) -> NewAuditEntry {
    NewAuditEntry::by(actor, AuditAction::new(action), target, serde_json::json!({"n": 1}), AT)
}

async fn audit_rows(store: &Store) -> u64 {
    audit_log::Entity::find().count(store.db()).await.unwrap()
}

store_test!(a_returning_user_with_the_same_profile_is_not_written_again, |store| {
    let at = |minutes: i64| AT + time::Duration::minutes(minutes);
    let request = |name: &str, minutes: i64| members::RegisterUser {
        profile: TelegramProfile::new(tg(5), Some("sara"), name, Some("en")),
        language: Language::En,
        superadmin: false,
        at: at(minutes),
    };
    let updated_at =
        |store: Store| async move { user::Entity::find().one(store.db()).await.unwrap().unwrap().updated_at };
    let first = MemberRepo::register(&store, &request("Sara", 0)).await.unwrap();
    assert!(first.created);
    let stamp = updated_at(store.clone()).await;

    let again = MemberRepo::register(&store, &request("Sara", 5)).await.unwrap();
    assert!(!again.created);
    assert_eq!(again.user, first.user);
    assert_eq!(
        updated_at(store.clone()).await,
        stamp,
        "nothing changed, nothing written"
    );

    let renamed = MemberRepo::register(&store, &request("Sara K", 10)).await.unwrap();
    assert_eq!(renamed.user.first_name.as_str(), "Sara K");
    assert!(updated_at(store.clone()).await > stamp, "a changed name is written");
});

store_test!(
    registering_twice_gives_the_same_user_with_a_refreshed_profile,
    |store| {
        let s = service(&store);
        let first = s
            .register(TelegramProfile::new(tg(5), Some("Old_Name"), "Sara", Some("ru")))
            .await
            .unwrap();
        assert!(first.created);
        assert_eq!(first.user.language, Language::Ru);
        assert_eq!(first.user.role, Role::User);
        assert_eq!(first.user.status, UserStatus::Active);
        s.mark_bot_blocked(first.user.id, true).await.unwrap();
        s.set_language(first.user.id, Language::En).await.unwrap();

        let again = s
            .register(TelegramProfile::new(tg(5), Some("new_name"), "Sara K", Some("fa")))
            .await
            .unwrap();
        assert!(!again.created);
        assert_eq!(again.user.id, first.user.id);
        assert_eq!(again.user.username.as_ref().map(Username::as_str), Some("new_name"));
        assert_eq!(again.user.first_name.as_str(), "Sara K");
        assert_eq!(again.user.language, Language::En, "a chosen language is kept");
        assert!(!again.user.bot_blocked, "talking to the bot again clears bot_blocked");
        assert_eq!(user::Entity::find().count(store.db()).await.unwrap(), 1);
    }
);

store_test!(
    sixteen_concurrent_registrations_of_one_telegram_id_make_one_user,
    |store| {
        let tasks: Vec<_> = (0..16)
            .map(|i| {
                let store = store.clone();
                tokio::spawn(async move {
                    let name = format!("racer_{i}");
                    service(&store)
                        .register(TelegramProfile::new(tg(77), Some(&name), "Racer", None))
                        .await
                })
            })
            .collect();
        let mut ids = BTreeSet::new();
        let mut created = 0;
        for task in tasks {
            let registration = task.await.unwrap().unwrap();
            ids.insert(registration.user.id);
            created += usize::from(registration.created);
        }
        assert_eq!(ids.len(), 1, "one user for one telegram id");
        assert_eq!(created, 1, "exactly one call created the user");
        assert_eq!(user::Entity::find().count(store.db()).await.unwrap(), 1);
    }
);

store_test!(a_configured_superadmin_is_stored_as_superadmin, |store| {
    let root = register(&store, ROOT_TG, None).await;
    assert_eq!(root.role, Role::Superadmin);
    let staff = service(&store).staff().await.unwrap();
    assert_eq!(staff.iter().map(|u| u.id).collect::<Vec<_>>(), vec![root.id]);
});

store_test!(users_are_found_by_id_telegram_id_and_username, |store| {
    let sara = register(&store, 5, Some("@Sara_K")).await;
    register(&store, 6, None).await;
    let s = service(&store);
    assert_eq!(s.get(sara.id).await.unwrap(), sara);
    assert_eq!(s.find_by_telegram(tg(5)).await.unwrap(), Some(sara.clone()));
    let name = Username::parse("sara_k").unwrap();
    assert_eq!(s.find_by_username(&name).await.unwrap(), Some(sara.clone()));
    assert_eq!(s.find_by_telegram(tg(99)).await.unwrap(), None);
    assert!(matches!(
        s.get(UserId::new(999)).await,
        Err(MemberError::UnknownUser(_))
    ));
    let page = MemberRepo::list(&store, PageRequest::new(0, 1)).await.unwrap();
    assert_eq!((page.items.len(), page.total), (1, 2));
    assert_eq!(page.items[0].id, sara.id);
});

store_test!(role_changes_and_blocks_are_stored_with_their_audit_entries, |store| {
    let root = register(&store, ROOT_TG, None).await;
    let sara = register(&store, 5, None).await;
    let s = service(&store);
    let admin = s.set_role(root.id, sara.id, Role::Admin).await.unwrap();
    assert_eq!(admin.role, Role::Admin);
    let blocked = s.block(root.id, sara.id).await.unwrap();
    assert_eq!(blocked.status, UserStatus::Blocked);
    assert!(matches!(s.ensure_active(sara.id).await, Err(MemberError::Blocked)));
    s.unblock(root.id, sara.id).await.unwrap();
    s.ensure_active(sara.id).await.unwrap();

    let log = AuditLog::list(
        &store,
        AuditQuery {
            actor: Some(root.id),
            target: None,
            ..AuditQuery::default()
        },
        PageRequest::default(),
    )
    .await
    .unwrap();
    let actions: Vec<_> = log.items.iter().map(|e| e.action.as_str().to_owned()).collect();
    assert_eq!(
        actions,
        ["member.unblock", "member.block", "member.set_role"],
        "newest first"
    );
    assert_eq!(log.items[2].target, AuditTarget::user(sara.id));
    assert_eq!(log.items[2].detail, serde_json::json!({"from": "user", "to": "admin"}));
    assert_eq!(log.items[2].at, AT);
});

store_test!(changing_an_unknown_user_writes_no_audit_entry, |store| {
    let root = register(&store, ROOT_TG, None).await;
    let result = store
        .set_role(
            UserId::new(404),
            Role::Seller,
            audit(root.id, "member.set_role", AuditTarget::user(UserId::new(404))),
        )
        .await;
    assert!(matches!(result, Err(StorageError::NotFound(_))));
    assert_eq!(audit_rows(&store).await, 0);
    assert!(matches!(
        store.set_bot_blocked(UserId::new(404), true).await,
        Err(StorageError::NotFound(_))
    ));
    assert!(matches!(
        store.set_language(UserId::new(404), Language::Ru).await,
        Err(StorageError::NotFound(_))
    ));
});

store_test!(a_setting_is_replaced_and_each_change_is_audited_with_it, |store| {
    let root = register(&store, ROOT_TG, None).await;
    let ttl = SettingKey::new("receipts.ttl_minutes").unwrap();
    let contact = SettingKey::new("support.contact").unwrap();
    assert_eq!(SettingsRepo::get(&store, &ttl).await.unwrap(), None);
    for (key, value) in [(&ttl, "45"), (&contact, "@moon_help"), (&ttl, "60")] {
        let entry = audit(root.id, "settings.set", AuditTarget::setting(key));
        store.put(key, value.to_owned(), entry).await.unwrap();
    }
    assert_eq!(SettingsRepo::get(&store, &ttl).await.unwrap().as_deref(), Some("60"));
    let all = store.all().await.unwrap();
    let keys: Vec<_> = all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        keys,
        [("receipts.ttl_minutes", "60"), ("support.contact", "@moon_help")],
        "one row per key, by key"
    );
    let log = AuditLog::list(
        &store,
        AuditQuery {
            actor: None,
            target: Some(AuditTarget::setting(&ttl)),
            ..AuditQuery::default()
        },
        PageRequest::default(),
    )
    .await
    .unwrap();
    assert_eq!(log.total, 2, "both changes of the key are in the log");
});

store_test!(concurrent_first_writes_of_one_setting_leave_one_row, |store| {
    let root = register(&store, ROOT_TG, None).await;
    let key = SettingKey::new("shop.banner").unwrap();
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let (store, key) = (store.clone(), key.clone());
            tokio::spawn(async move {
                let entry = audit(root.id, "setting.change", AuditTarget::setting(&key));
                store.put(&key, format!("v{i}"), entry).await
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(setting::Entity::find().count(store.db()).await.unwrap(), 1);
    assert!(SettingsRepo::get(&store, &key).await.unwrap().unwrap().starts_with('v'));
    assert_eq!(audit_rows(&store).await, 8, "every change is audited");
});

store_test!(the_audit_log_pages_newest_first_and_filters_by_target, |store| {
    let root = register(&store, ROOT_TG, None).await;
    for i in 0..5 {
        let target = AuditTarget::new("thing", i % 2);
        store.record(audit(root.id, "thing.touch", target)).await.unwrap();
    }
    store
        .record(NewAuditEntry {
            actor: None,
            ..audit(root.id, "job.run", AuditTarget::new("job", "expiry"))
        })
        .await
        .unwrap();
    let first = AuditLog::list(&store, AuditQuery::default(), PageRequest::new(0, 4))
        .await
        .unwrap();
    assert_eq!((first.items.len(), first.total), (4, 6));
    assert_eq!(first.items[0].actor, None);
    assert_eq!(first.items[0].action.as_str(), "job.run");
    assert!(first.items.windows(2).all(|w| w[0].id > w[1].id));
    let odd = AuditQuery {
        actor: None,
        target: Some(AuditTarget::new("thing", 1)),
        ..AuditQuery::default()
    };
    assert_eq!(
        AuditLog::list(&store, odd, PageRequest::default()).await.unwrap().total,
        2
    );
});

store_test!(the_audit_log_is_filtered_by_action_family_and_time, |store| {
    let root = insert_user_for_audit(&store).await;
    for (action, minutes) in [
        ("member.block", 0),
        ("member.unblock", 10),
        ("wallet.adjust", 20),
        ("memberx.y", 30),
    ] {
        AuditLog::record(
            &store,
            NewAuditEntry {
                at: AT + time::Duration::minutes(minutes),
                ..audit(root, action, AuditTarget::user(root))
            },
        )
        .await
        .unwrap();
    }
    let list = |query: AuditQuery| {
        let store = store.clone();
        async move {
            AuditLog::list(&store, query, PageRequest::default())
                .await
                .unwrap()
                .items
                .into_iter()
                .map(|e| e.action.as_str().to_owned())
                .collect::<Vec<_>>()
        }
    };
    let family = |raw: &str| Some(members::AuditActionFilter::parse(raw).unwrap());
    assert_eq!(
        list(AuditQuery {
            action: family("member."),
            ..AuditQuery::default()
        })
        .await,
        ["member.unblock", "member.block"]
    );
    assert_eq!(
        list(AuditQuery {
            action: family("member.block"),
            ..AuditQuery::default()
        })
        .await,
        ["member.block"]
    );
    assert_eq!(
        list(AuditQuery {
            since: Some(AT + time::Duration::minutes(10)),
            until: Some(AT + time::Duration::minutes(30)),
            ..AuditQuery::default()
        })
        .await,
        ["wallet.adjust", "member.unblock"]
    );
    let actions: Vec<String> = AuditLog::actions(&store)
        .await
        .unwrap()
        .iter()
        .map(|a| a.as_str().to_owned())
        .collect();
    assert_eq!(
        actions,
        ["member.block", "member.unblock", "memberx.y", "wallet.adjust"],
        "each action once, in name order (what the bot's action filter offers)"
    );
});

async fn insert_user_for_audit(store: &Store) -> UserId {
    store::testing::insert_user(store, 77).await
}
