//! Unit tests of [`MemberService`] against a mocked [`MemberRepo`].

use std::collections::BTreeSet;
use std::sync::Arc;

use kernel::{FixedClock, StorageError, TelegramId, UserId};
use mockall::predicate::eq;
use time::macros::datetime;

use crate::repo::MockMemberRepo;
use crate::{
    AccessError, Authorizer, FirstName, Language, MemberError, MemberService, MembersConfig, Registration, Role,
    TelegramProfile, User, UserStatus,
};

/// Telegram id of the superadmin named in the test config.
pub(crate) const ROOT_TG: i64 = 900;

/// A stored user with the given id, Telegram id and role.
pub(crate) fn user(id: i64, tg: i64, role: Role) -> User {
    User {
        id: UserId::new(id),
        telegram_id: TelegramId::new(tg).unwrap(),
        username: None,
        first_name: FirstName::new("Test"),
        language: Language::En,
        role,
        status: UserStatus::Active,
        bot_blocked: false,
        created_at: datetime!(2026-11-01 0:00 UTC),
    }
}

fn blocked(mut u: User) -> User {
    u.status = UserStatus::Blocked;
    u
}

pub(crate) fn service(repo: MockMemberRepo) -> MemberService {
    MemberService::new(
        Arc::new(repo),
        Arc::new(FixedClock::new(datetime!(2026-11-21 12:00 UTC))),
        MembersConfig {
            superadmins: BTreeSet::from([TelegramId::new(ROOT_TG).unwrap()]),
            default_language: Language::Fa,
        },
    )
}

/// A repo that knows the given users by id.
pub(crate) fn repo_with(users: Vec<User>) -> MockMemberRepo {
    let mut repo = MockMemberRepo::new();
    repo.expect_get()
        .returning(move |id| Ok(users.iter().find(|u| u.id == id).cloned()));
    repo
}

#[tokio::test]
async fn registering_passes_the_profile_language_or_the_default() {
    let mut repo = MockMemberRepo::new();
    repo.expect_register()
        .withf(|r| r.language == Language::Ru && !r.superadmin)
        .times(1)
        .returning(|_| {
            Ok(Registration {
                user: user(1, 5, Role::User),
                created: true,
            })
        });
    repo.expect_register()
        .withf(|r| r.language == Language::Fa && r.profile.telegram_id.get() == 6)
        .times(1)
        .returning(|_| {
            Ok(Registration {
                user: user(2, 6, Role::User),
                created: true,
            })
        });
    let s = service(repo);
    let tg = |n| TelegramId::new(n).unwrap();
    s.register(TelegramProfile::new(tg(5), None, "A", Some("ru")))
        .await
        .unwrap();
    s.register(TelegramProfile::new(tg(6), None, "B", Some("de")))
        .await
        .unwrap();
}

#[tokio::test]
async fn superadmins_from_the_config_register_as_superadmin() {
    let mut repo = MockMemberRepo::new();
    repo.expect_register().withf(|r| r.superadmin).times(1).returning(|_| {
        Ok(Registration {
            user: user(1, ROOT_TG, Role::Superadmin),
            created: false,
        })
    });
    let p = TelegramProfile::new(TelegramId::new(ROOT_TG).unwrap(), None, "Root", None);
    service(repo).register(p).await.unwrap();
}

#[tokio::test]
async fn a_configured_superadmin_is_superadmin_whatever_is_stored() {
    let s = service(repo_with(vec![user(1, ROOT_TG, Role::User)]));
    let root = s.require(UserId::new(1), Role::Superadmin).await.unwrap();
    assert_eq!(s.effective_role(&root), Role::Superadmin);
}

#[tokio::test]
async fn blocked_users_cannot_buy() {
    let s = service(repo_with(vec![blocked(user(1, 5, Role::User))]));
    assert!(matches!(
        s.ensure_active(UserId::new(1)).await,
        Err(MemberError::Blocked)
    ));
    assert!(matches!(
        Authorizer::ensure_active(&s, UserId::new(1)).await,
        Err(AccessError::Blocked)
    ));
}

#[tokio::test]
async fn unknown_users_are_reported_as_such() {
    let s = service(repo_with(vec![]));
    assert!(matches!(
        s.require(UserId::new(9), Role::User).await,
        Err(AccessError::UnknownUser(id)) if id == UserId::new(9)
    ));
    assert!(matches!(s.get(UserId::new(9)).await, Err(MemberError::UnknownUser(_))));
}

#[tokio::test]
async fn a_blocked_admin_cannot_act_as_admin() {
    let s = service(repo_with(vec![blocked(user(1, 5, Role::Admin))]));
    assert!(matches!(
        s.require(UserId::new(1), Role::Admin).await,
        Err(AccessError::Blocked)
    ));
}

#[tokio::test]
async fn sellers_are_not_admins() {
    let s = service(repo_with(vec![user(1, 5, Role::Seller)]));
    assert!(matches!(
        s.require(UserId::new(1), Role::Admin).await,
        Err(AccessError::Forbidden { needed: Role::Admin })
    ));
}

#[tokio::test]
async fn an_admin_can_make_a_user_a_seller_and_it_is_audited() {
    let mut repo = repo_with(vec![user(1, 5, Role::Admin), user(2, 6, Role::User)]);
    repo.expect_set_role()
        .withf(|id, role, audit| {
            *id == UserId::new(2)
                && *role == Role::Seller
                && audit.actor == Some(UserId::new(1))
                && audit.action == MemberService::SET_ROLE
                && audit.target.as_str() == "user:2"
                && audit.detail == serde_json::json!({"from": "user", "to": "seller"})
                && audit.at == datetime!(2026-11-21 12:00 UTC)
        })
        .times(1)
        .returning(|_, _, _| Ok(user(2, 6, Role::Seller)));
    let u = service(repo)
        .set_role(UserId::new(1), UserId::new(2), Role::Seller)
        .await
        .unwrap();
    assert_eq!(u.role, Role::Seller);
}

#[tokio::test]
async fn only_a_superadmin_can_grant_admin() {
    let s = service(repo_with(vec![user(1, 5, Role::Admin), user(2, 6, Role::User)]));
    assert!(matches!(
        s.set_role(UserId::new(1), UserId::new(2), Role::Admin).await,
        Err(MemberError::Forbidden {
            needed: Role::Superadmin
        })
    ));
}

#[tokio::test]
async fn only_a_superadmin_can_revoke_admin() {
    let s = service(repo_with(vec![user(1, 5, Role::Admin), user(2, 6, Role::Admin)]));
    assert!(matches!(
        s.set_role(UserId::new(1), UserId::new(2), Role::User).await,
        Err(MemberError::Forbidden {
            needed: Role::Superadmin
        })
    ));
}

#[tokio::test]
async fn a_superadmin_can_grant_and_revoke_admin() {
    let mut repo = repo_with(vec![user(1, ROOT_TG, Role::Superadmin), user(2, 6, Role::User)]);
    repo.expect_set_role()
        .with(eq(UserId::new(2)), eq(Role::Admin), mockall::predicate::always())
        .times(1)
        .returning(|_, _, _| Ok(user(2, 6, Role::Admin)));
    service(repo)
        .set_role(UserId::new(1), UserId::new(2), Role::Admin)
        .await
        .unwrap();
}

#[tokio::test]
async fn superadmin_cannot_be_granted_from_the_bot() {
    let s = service(repo_with(vec![
        user(1, ROOT_TG, Role::Superadmin),
        user(2, 6, Role::Admin),
    ]));
    assert!(matches!(
        s.set_role(UserId::new(1), UserId::new(2), Role::Superadmin).await,
        Err(MemberError::SuperadminFromConfigOnly)
    ));
}

#[tokio::test]
async fn a_configured_superadmin_cannot_be_demoted_or_blocked() {
    let s = service(repo_with(vec![
        user(1, 7, Role::Admin),
        user(2, ROOT_TG, Role::Superadmin),
    ]));
    assert!(matches!(
        s.set_role(UserId::new(1), UserId::new(2), Role::User).await,
        Err(MemberError::ConfiguredSuperadmin)
    ));
    assert!(matches!(
        s.block(UserId::new(1), UserId::new(2)).await,
        Err(MemberError::ConfiguredSuperadmin)
    ));
}

#[tokio::test]
async fn admins_cannot_change_their_own_role_or_block_themselves() {
    let s = service(repo_with(vec![user(1, ROOT_TG, Role::Superadmin)]));
    assert!(matches!(
        s.set_role(UserId::new(1), UserId::new(1), Role::User).await,
        Err(MemberError::OwnAccount)
    ));
    assert!(matches!(
        s.block(UserId::new(1), UserId::new(1)).await,
        Err(MemberError::OwnAccount)
    ));
}

#[tokio::test]
async fn users_cannot_change_roles() {
    let s = service(repo_with(vec![user(1, 5, Role::User), user(2, 6, Role::User)]));
    assert!(matches!(
        s.set_role(UserId::new(1), UserId::new(2), Role::Seller).await,
        Err(MemberError::Forbidden { needed: Role::Admin })
    ));
}

#[tokio::test]
async fn setting_the_role_a_user_already_has_changes_nothing() {
    let s = service(repo_with(vec![user(1, 5, Role::Admin), user(2, 6, Role::Seller)]));
    let u = s.set_role(UserId::new(1), UserId::new(2), Role::Seller).await.unwrap();
    assert_eq!(u.role, Role::Seller);
}

#[tokio::test]
async fn an_admin_blocks_a_user_and_it_is_audited() {
    let mut repo = repo_with(vec![user(1, 5, Role::Admin), user(2, 6, Role::User)]);
    repo.expect_set_status()
        .withf(|id, status, audit| {
            *id == UserId::new(2)
                && *status == UserStatus::Blocked
                && audit.action == MemberService::BLOCK
                && audit.detail == serde_json::json!({"from": "active", "to": "blocked"})
        })
        .times(1)
        .returning(|_, _, _| Ok(blocked(user(2, 6, Role::User))));
    let u = service(repo).block(UserId::new(1), UserId::new(2)).await.unwrap();
    assert!(u.is_blocked());
}

#[tokio::test]
async fn an_admin_unblocks_a_user() {
    let mut repo = repo_with(vec![user(1, 5, Role::Admin), blocked(user(2, 6, Role::User))]);
    repo.expect_set_status()
        .withf(|_, status, audit| *status == UserStatus::Active && audit.action == MemberService::UNBLOCK)
        .times(1)
        .returning(|_, _, _| Ok(user(2, 6, Role::User)));
    service(repo).unblock(UserId::new(1), UserId::new(2)).await.unwrap();
}

#[tokio::test]
async fn only_a_superadmin_can_block_an_admin() {
    let s = service(repo_with(vec![user(1, 5, Role::Admin), user(2, 6, Role::Admin)]));
    assert!(matches!(
        s.block(UserId::new(1), UserId::new(2)).await,
        Err(MemberError::Forbidden {
            needed: Role::Superadmin
        })
    ));
}

#[tokio::test]
async fn users_cannot_block_anyone() {
    let s = service(repo_with(vec![user(1, 5, Role::Seller), user(2, 6, Role::User)]));
    assert!(matches!(
        s.block(UserId::new(1), UserId::new(2)).await,
        Err(MemberError::Forbidden { needed: Role::Admin })
    ));
}

#[tokio::test]
async fn blocking_a_blocked_user_writes_nothing() {
    let s = service(repo_with(vec![
        user(1, 5, Role::Admin),
        blocked(user(2, 6, Role::User)),
    ]));
    assert!(s.block(UserId::new(1), UserId::new(2)).await.unwrap().is_blocked());
}

#[tokio::test]
async fn acting_on_an_unknown_user_says_so() {
    let s = service(repo_with(vec![user(1, 5, Role::Admin)]));
    assert!(matches!(
        s.block(UserId::new(1), UserId::new(3)).await,
        Err(MemberError::UnknownUser(_))
    ));
}

#[tokio::test]
async fn language_changes_reach_storage_and_unknown_users_are_reported() {
    let mut repo = MockMemberRepo::new();
    repo.expect_set_language()
        .with(eq(UserId::new(1)), eq(Language::Ru))
        .returning(|_, _| {
            let mut u = user(1, 5, Role::User);
            u.language = Language::Ru;
            Ok(u)
        });
    repo.expect_set_language()
        .with(eq(UserId::new(2)), eq(Language::Ru))
        .returning(|_, _| Err(StorageError::NotFound("user 2".into())));
    let s = service(repo);
    assert_eq!(
        s.set_language(UserId::new(1), Language::Ru).await.unwrap().language,
        Language::Ru
    );
    assert!(matches!(
        s.set_language(UserId::new(2), Language::Ru).await,
        Err(MemberError::UnknownUser(_))
    ));
}

#[tokio::test]
async fn a_user_who_blocked_the_bot_is_marked() {
    let mut repo = MockMemberRepo::new();
    repo.expect_set_bot_blocked()
        .with(eq(UserId::new(1)), eq(true))
        .times(1)
        .returning(|_, _| Ok(()));
    service(repo).mark_bot_blocked(UserId::new(1), true).await.unwrap();
}

#[tokio::test]
async fn only_admins_list_users() {
    let s = service(repo_with(vec![user(1, 5, Role::User)]));
    assert!(matches!(
        s.list(UserId::new(1), kernel::PageRequest::default()).await,
        Err(MemberError::Forbidden { needed: Role::Admin })
    ));
}
