//! An admin's message to one user: the outbox row and the audit entry `user.message` are
//! written together, and neither when one of them fails.

use kernel::{PageRequest, UserId};
use members::{AuditLog, AuditQuery, AuditTarget, NewAuditEntry};
use notify::message::{MessageRepo, MessageService};
use notify::{NewNotice, Notice, OutboxRepo};
use store::store_test;
use store::testing::insert_user;
use time::OffsetDateTime;
use time::macros::datetime;

const AT: OffsetDateTime = datetime!(2026-12-07 10:00 UTC);

fn message(user: UserId, actor: UserId) -> (NewNotice, NewAuditEntry) {
    let notice = NewNotice::to_user(
        user,
        Notice::AdminMessage {
            text: "Your service is back <b>online</b>".into(),
        },
    );
    let audit = NewAuditEntry::by(
        actor,
        MessageService::MESSAGE,
        AuditTarget::user(user),
        serde_json::json!({ "length": 34 }),
        AT,
    );
    (notice, audit)
}

async fn audited(store: &store::Store, user: UserId) -> Vec<members::AuditEntry> {
    let query = AuditQuery {
        target: Some(AuditTarget::user(user)),
        ..AuditQuery::default()
    };
    AuditLog::list(store, query, PageRequest::default())
        .await
        .unwrap()
        .items
}

store_test!(a_message_is_queued_with_its_audit_entry, |store| {
    let admin = insert_user(&store, 21).await;
    let user = insert_user(&store, 22).await;
    let (notice, audit) = message(user, admin);

    store.queue_message(&notice, &audit).await.unwrap();

    let due = store.due(AT, 10).await.unwrap();
    assert_eq!(
        due.iter().map(|e| e.notice.clone()).collect::<Vec<_>>(),
        vec![notice],
        "due at once, text kept as typed"
    );
    let entries = audited(&store, user).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].action.as_str(), "user.message");
    assert_eq!(entries[0].actor, Some(admin));
    assert_eq!(entries[0].detail, serde_json::json!({ "length": 34 }));
});

store_test!(a_message_whose_audit_entry_fails_leaves_no_outbox_row, |store| {
    let user = insert_user(&store, 23).await;
    // No such actor: the audit row breaks its foreign key after the outbox row was written.
    let (notice, audit) = message(user, UserId::new(999_999));

    assert!(store.queue_message(&notice, &audit).await.is_err());

    assert!(
        store.due(AT, 10).await.unwrap().is_empty(),
        "the outbox row was rolled back"
    );
    assert_eq!(store.pending_count().await.unwrap(), 0);
    assert!(audited(&store, user).await.is_empty());
});
