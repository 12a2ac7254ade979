//! Inbounds on and off sale: the flag and its audit entry are written together, an off-sale
//! inbound is neither a sale candidate nor takes a slot, and a panel sync keeps the admin's choice.
//! An admin's client limit is written with its audit entry too.

use inventory::{FleetRepo, InboundRefresh, InboundStatus, InboundSync, PlacementRepo};
use kernel::PageRequest;
use members::{AuditAction, AuditLog, AuditQuery, AuditTarget, NewAuditEntry};
use store::store_test;
use store::testing::insert_user;
use time::OffsetDateTime;
use time::macros::datetime;

use crate::inventory::{added, setup, spec};

const AT: OffsetDateTime = datetime!(2026-03-03 12:00 UTC);

fn sale_entry(actor: kernel::UserId, inbound: kernel::InboundId, on_sale: bool) -> NewAuditEntry {
    NewAuditEntry::by(
        actor,
        AuditAction::new("inbound.sale"),
        AuditTarget::new("inbound", inbound),
        serde_json::json!({ "inbound": inbound.get(), "on_sale": on_sale }),
        AT,
    )
}

store_test!(
    an_inbound_off_sale_is_stored_with_its_audit_entry_and_sells_nothing,
    |store| {
        let (location, _, ids) = setup(&store, &[0, 3]).await;
        let admin = insert_user(&store, 201).await;
        assert!(store.inbound(ids[0]).await.unwrap().on_sale, "new inbounds are on sale");

        let off = store
            .set_inbound_on_sale(ids[0], false, &sale_entry(admin, ids[0], false))
            .await
            .unwrap();
        assert!(!off.on_sale);
        assert_eq!(off.status, InboundStatus::Active, "the panel's status is not touched");
        let sellable: Vec<_> = store
            .sellable_inbounds(location)
            .await
            .unwrap()
            .iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(sellable, vec![ids[1]], "the off-sale inbound is no candidate");
        assert!(!store.reserve_slot(ids[0]).await.unwrap(), "nor takes a slot");
        assert_eq!(store.inbound(ids[0]).await.unwrap().client_count, 0);

        let query = AuditQuery {
            target: Some(AuditTarget::new("inbound", ids[0])),
            ..AuditQuery::default()
        };
        let audited = AuditLog::list(&store, query, PageRequest::default()).await.unwrap();
        assert_eq!(audited.items.len(), 1);
        assert_eq!(audited.items[0].action.as_str(), "inbound.sale");
        assert_eq!(audited.items[0].detail["on_sale"], serde_json::json!(false));

        let on = store
            .set_inbound_on_sale(ids[0], true, &sale_entry(admin, ids[0], true))
            .await
            .unwrap();
        assert!(on.on_sale);
        assert_eq!(store.sellable_inbounds(location).await.unwrap().len(), 2);
    }
);

store_test!(a_panel_sync_keeps_the_admins_sale_choice, |store| {
    let (_, panel, ids) = setup(&store, &[1, 2]).await;
    let admin = insert_user(&store, 202).await;
    store
        .set_inbound_on_sale(ids[0], false, &sale_entry(admin, ids[0], false))
        .await
        .unwrap();
    let sync = InboundSync {
        added: vec![added(1, 1000, 7)],
        refreshed: vec![InboundRefresh {
            id: ids[0],
            spec: spec(1000, "renamed"),
            client_count: 5,
            status: InboundStatus::Active,
        }],
        vanished: Vec::new(),
    };
    store.apply_inbound_sync(panel, &sync, AT).await.unwrap();
    let synced = store.inbound(ids[0]).await.unwrap();
    assert_eq!((synced.client_count, synced.spec.remark.as_str()), (5, "renamed"));
    assert!(!synced.on_sale, "sync never puts an inbound back on sale");
});

store_test!(an_unknown_inbound_writes_no_audit_entry, |store| {
    let (_, _, ids) = setup(&store, &[0]).await;
    let admin = insert_user(&store, 203).await;
    let missing = kernel::InboundId::new(ids[0].get() + 1000);
    let err = store
        .set_inbound_on_sale(missing, false, &sale_entry(admin, missing, false))
        .await
        .unwrap_err();
    assert!(matches!(err, kernel::StorageError::NotFound(_)));
    let query = AuditQuery {
        target: Some(AuditTarget::new("inbound", missing)),
        ..AuditQuery::default()
    };
    assert!(
        AuditLog::list(&store, query, PageRequest::default())
            .await
            .unwrap()
            .items
            .is_empty()
    );
});

store_test!(an_admins_client_limit_is_stored_with_its_audit_entry, |store| {
    let (_, _, ids) = setup(&store, &[2]).await;
    let admin = insert_user(&store, 204).await;
    let entry = NewAuditEntry::by(
        admin,
        AuditAction::new("inbound.capacity"),
        AuditTarget::new("inbound", ids[0]),
        serde_json::json!({ "max_clients": 2 }),
        AT,
    );
    let full = store
        .set_inbound_capacity(ids[0], kernel::CountLimit::upto(2).unwrap(), Some(&entry))
        .await
        .unwrap();
    assert_eq!((full.max_clients.amount(), full.status), (Some(2), InboundStatus::Full));
    let query = AuditQuery {
        target: Some(AuditTarget::new("inbound", ids[0])),
        ..AuditQuery::default()
    };
    let audited = AuditLog::list(&store, query, PageRequest::default()).await.unwrap();
    assert_eq!(audited.items.len(), 1);
    assert_eq!(audited.items[0].detail["max_clients"], serde_json::json!(2));
});
