//! Unit tests of the access guard and the start-up superadmin pass.

use std::sync::{Arc, Mutex};

use kernel::{AuditEntryId, UserId};

use crate::audit::MockAuditLog;
use crate::repo::MockMemberRepo;
use crate::service_tests::{ROOT_TG, repo_with, service, user};
use crate::{AuditAction, MemberError, MemberService, NewAuditEntry, Role};

/// An audit log that keeps what it is given.
fn recording_log() -> (MockAuditLog, Arc<Mutex<Vec<NewAuditEntry>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let mut log = MockAuditLog::new();
    let sink = seen.clone();
    log.expect_record().returning(move |e| {
        sink.lock().unwrap().push(e);
        Ok(AuditEntryId::new(1))
    });
    (log, seen)
}

#[tokio::test]
async fn a_plain_user_is_refused_and_the_attempt_is_audited() {
    let (log, seen) = recording_log();
    let s = service(repo_with(vec![user(1, 5, Role::User)])).with_audit_log(Arc::new(log));
    let attempt = AuditAction::new("panel.restart_xray");
    let refused = s.authorize(UserId::new(1), Role::Admin, &attempt).await;
    assert!(matches!(refused, Err(MemberError::Forbidden { needed: Role::Admin })));
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].action, MemberService::ACCESS_DENIED);
    assert_eq!(seen[0].actor, Some(UserId::new(1)));
    assert_eq!(
        seen[0].detail,
        serde_json::json!({"attempt": "panel.restart_xray", "needed": "admin", "role": "user"})
    );
}

#[tokio::test]
async fn an_admin_passes_the_admin_guard_and_nothing_is_audited() {
    let mut log = MockAuditLog::new();
    log.expect_record().never();
    let s = service(repo_with(vec![user(1, 5, Role::Admin)])).with_audit_log(Arc::new(log));
    let admin = s
        .authorize(UserId::new(1), Role::Admin, &AuditAction::new("member.block"))
        .await
        .unwrap();
    assert_eq!(admin.id, UserId::new(1));
}

#[tokio::test]
async fn an_admin_blocking_another_admin_is_refused_and_audited() {
    let (log, seen) = recording_log();
    let mut repo = repo_with(vec![user(1, 5, Role::Admin), user(2, 6, Role::Admin)]);
    repo.expect_set_status().never();
    let s = service(repo).with_audit_log(Arc::new(log));
    let refused = s.block(UserId::new(1), UserId::new(2)).await;
    assert!(matches!(
        refused,
        Err(MemberError::Forbidden {
            needed: Role::Superadmin
        })
    ));
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].detail["attempt"], "member.block");
    assert_eq!(seen[0].detail["needed"], "superadmin");
}

#[tokio::test]
async fn a_stored_superadmin_the_config_no_longer_names_counts_as_a_user() {
    let s = service(repo_with(vec![]));
    assert_eq!(s.effective_role(&user(1, 77, Role::Superadmin)), Role::User);
    assert_eq!(s.effective_role(&user(2, ROOT_TG, Role::User)), Role::Superadmin);
}

#[tokio::test]
async fn the_start_up_pass_promotes_configured_ids_and_demotes_the_others() {
    let mut repo = MockMemberRepo::new();
    repo.expect_find_by_telegram()
        .returning(|tg| Ok((tg.get() == ROOT_TG).then(|| user(1, ROOT_TG, Role::User))));
    repo.expect_staff().returning(|| {
        Ok(vec![
            user(1, ROOT_TG, Role::Superadmin),
            user(2, 77, Role::Superadmin),
            user(3, 78, Role::Admin),
        ])
    });
    repo.expect_set_role()
        .withf(|id, role, audit| {
            *id == UserId::new(1)
                && *role == Role::Superadmin
                && audit.actor.is_none()
                && audit.action == MemberService::SUPERADMIN_SYNC
        })
        .times(1)
        .returning(|_, _, _| Ok(user(1, ROOT_TG, Role::Superadmin)));
    repo.expect_set_role()
        .withf(|id, role, audit| {
            *id == UserId::new(2)
                && *role == Role::User
                && audit.detail["from"] == "superadmin"
                && audit.detail["to"] == "user"
        })
        .times(1)
        .returning(|_, _, _| Ok(user(2, 77, Role::User)));
    let sync = service(repo).sync_superadmins().await.unwrap();
    assert_eq!(sync.promoted, vec![UserId::new(1)]);
    assert_eq!(sync.demoted, vec![UserId::new(2)]);
}
