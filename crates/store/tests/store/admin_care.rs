//! What an admin does for one user's service: an extension stores the new limits, the
//! owner's notice and the audit entry together, and nothing when the service changed since it
//! was read.

use inventory::{AccountRepo, AccountStatus, ExtendedLimits};
use kernel::{ClientAccountId, PageRequest};
use members::{AuditAction, AuditLog, AuditQuery, AuditTarget, NewAuditEntry};
use notify::{NewNotice, Notice, OutboxRepo};
use store::store_test;
use store::testing::insert_user;
use time::OffsetDateTime;
use time::macros::datetime;

use crate::inventory::{new_account, setup};

const AT: OffsetDateTime = datetime!(2026-03-02 12:00 UTC);

fn extension_of(id: ClientAccountId, user: kernel::UserId) -> (NewNotice, NewAuditEntry) {
    let notice = NewNotice::to_user(
        user,
        Notice::ServiceExtended {
            account: id,
            name: "FR-MoonVPN-1001".into(),
            days: 10,
            gb: 5,
            expires_at: Some(datetime!(2026-04-11 0:00 UTC)),
            traffic_limit_bytes: kernel::ByteLimit::upto(55_000_000_000).unwrap(),
        },
    );
    let audit = NewAuditEntry::by(
        user,
        AuditAction::new("account.extend"),
        AuditTarget::new("account", id),
        serde_json::json!({ "days": 10, "gb": 5 }),
        AT,
    );
    (notice, audit)
}

store_test!(an_extension_stores_limits_notice_and_audit_together, |store| {
    let user = insert_user(&store, 11).await;
    let (location, _, inbounds) = setup(&store, &[0]).await;
    let account = store
        .insert_account(&new_account(user, inbounds[0], location, "FR", 1001))
        .await
        .unwrap();
    store
        .record_usage(account.id, 50_000_000_000, AccountStatus::Expired, AT)
        .await
        .unwrap();
    let snapshot = store.account(account.id).await.unwrap();
    let limits = ExtendedLimits {
        traffic_limit_bytes: kernel::ByteLimit::upto(55_000_000_000).unwrap(),
        expires_at: Some(datetime!(2026-04-11 0:00 UTC)),
        status: AccountStatus::Active,
    };
    let (notice, audit) = extension_of(account.id, user);

    let stored = store
        .extend_account(&snapshot, &limits, &notice, &audit, AT)
        .await
        .unwrap()
        .expect("stored");

    assert_eq!(
        (stored.traffic_limit_bytes.amount(), stored.expires_at, stored.status),
        (Some(55_000_000_000), limits.expires_at, AccountStatus::Active)
    );
    assert_eq!(
        stored.traffic_used_bytes, 50_000_000_000,
        "usage is the panel's, untouched"
    );
    let due = store.due(AT, 10).await.unwrap();
    assert_eq!(
        due.iter().map(|e| e.notice.clone()).collect::<Vec<_>>(),
        vec![notice.clone()]
    );
    let query = AuditQuery {
        target: Some(AuditTarget::new("account", account.id)),
        ..AuditQuery::default()
    };
    let audited = AuditLog::list(&store, query, PageRequest::default()).await.unwrap();
    assert_eq!(audited.items.len(), 1);
    assert_eq!(audited.items[0].action.as_str(), "account.extend");

    let again = store
        .extend_account(&snapshot, &limits, &notice, &audit, AT)
        .await
        .unwrap();
    assert!(again.is_none(), "an extension computed from the old limits is refused");
    assert_eq!(store.due(AT, 10).await.unwrap().len(), 1, "and told nobody");
    let query = AuditQuery {
        target: Some(AuditTarget::new("account", account.id)),
        ..AuditQuery::default()
    };
    assert_eq!(
        AuditLog::list(&store, query, PageRequest::default())
            .await
            .unwrap()
            .total,
        1,
        "and audited nothing"
    );
});

store_test!(a_never_expiring_service_gets_more_traffic, |store| {
    let user = insert_user(&store, 12).await;
    let (location, _, inbounds) = setup(&store, &[0]).await;
    let mut new = new_account(user, inbounds[0], location, "FR", 1001);
    new.limits.expires_at = None;
    let account = store.insert_account(&new).await.unwrap();
    let limits = ExtendedLimits {
        traffic_limit_bytes: kernel::ByteLimit::upto(60_000_000_000).unwrap(),
        expires_at: None,
        status: AccountStatus::Active,
    };
    let (notice, audit) = extension_of(account.id, user);
    let stored = store
        .extend_account(&account, &limits, &notice, &audit, AT)
        .await
        .unwrap()
        .expect("stored");
    assert_eq!(
        (stored.traffic_limit_bytes.amount(), stored.expires_at),
        (Some(60_000_000_000), None)
    );
});
