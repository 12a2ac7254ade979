//! A superadmin's refund of a paid order on every backend: the refund, the order's move and
//! the `order.override` audit row are one transaction; a second refund (replayed, or the
//! saga's own give-up decided from the same read) credits nothing and writes no second row;
//! a refund that cannot be written leaves no audit row behind.

use kernel::{IdempotencyKey, PageRequest};
use members::{AuditLog, AuditQuery, AuditTarget};
use orders::{OrderRepo, OrderStatus, OrderWriteError, OverrideReason, Pricing};
use store::Store;
use store::store_test;
use store::testing::insert_user;

use crate::order_changes::{pay, read};
use crate::orders::{balance, money, now, place, top_up, wallet, world};
use crate::wallet::assert_ledger_invariant;

async fn override_entries(store: &Store, order: kernel::OrderId) -> Vec<members::AuditEntry> {
    let query = AuditQuery {
        target: Some(AuditTarget::new("order", order)),
        ..AuditQuery::default()
    };
    AuditLog::list(store, query, PageRequest::new(0, 100))
        .await
        .unwrap()
        .items
}

store_test!(
    a_superadmins_refund_and_its_audit_row_are_written_once_together,
    |store| {
        let w = world(&store).await;
        let superadmin = insert_user(&store, 42).await;
        let buyer = insert_user(&store, 1).await;
        top_up(&store, buyer, 1_500).await;
        let placed = place(&store, buyer, &w, Pricing::full(money(1_000))).await;
        pay(&store, placed.id, now()).await.unwrap();
        assert_eq!(balance(&store, buyer).await, money(500));

        let stuck = read(&store, placed.id).await;
        let reason = OverrideReason::parse("panel down for a day").unwrap();
        let change = stuck.override_refund(superadmin, &reason, now()).unwrap();
        let refunded = store.apply(&change).await.unwrap();
        assert_eq!(refunded.status, OrderStatus::Failed);
        assert_eq!(refunded.failure.as_deref(), Some("panel down for a day"));
        assert_eq!(balance(&store, buyer).await, money(1_500), "the money is back");
        let entries = override_entries(&store, placed.id).await;
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].actor, Some(superadmin));
        assert_eq!(entries[0].action.as_str(), "order.override");
        assert_eq!(entries[0].detail["decision"], "refund");
        assert_eq!(entries[0].detail["reason"], "panel down for a day");
        assert_eq!(entries[0].detail["amount_minor"], 1_000);

        // The same decision again, and the saga giving up from the same (stale) read: refused.
        for second in [change, stuck.give_up("delivery never finished", now()).unwrap()] {
            let err = store.apply(&second).await.unwrap_err();
            assert!(
                matches!(
                    err,
                    OrderWriteError::WrongStatus {
                        current: OrderStatus::Failed
                    }
                ),
                "{err:?}"
            );
        }
        assert!(
            stuck.override_refund(superadmin, &reason, now()).is_ok(),
            "decided from the stale read"
        );
        assert_eq!(balance(&store, buyer).await, money(1_500), "credited once");
        assert_eq!(override_entries(&store, placed.id).await.len(), 1, "one audit row");
        let refunds = wallet(&store)
            .history(buyer, PageRequest::new(0, 100))
            .await
            .unwrap()
            .items
            .into_iter()
            .filter(|e| e.key.as_str() == format!("order:{}:refund", placed.id))
            .count();
        assert_eq!(refunds, 1);
        assert_ledger_invariant(&store).await;
    }
);

store_test!(
    a_refund_that_cannot_be_written_leaves_no_audit_row_and_the_order_paid,
    |store| {
        let w = world(&store).await;
        let superadmin = insert_user(&store, 42).await;
        let buyer = insert_user(&store, 1).await;
        top_up(&store, buyer, 1_000).await;
        let placed = place(&store, buyer, &w, Pricing::full(money(1_000))).await;
        pay(&store, placed.id, now()).await.unwrap();
        // Something else already holds the refund's key with another amount: the ledger refuses
        // the refund, so the whole change (status, credit, audit row) rolls back.
        let key = IdempotencyKey::new(format!("order:{}:refund", placed.id)).unwrap();
        wallet(&store).deposit(buyer, money(7), key, None).await.unwrap();

        let reason = OverrideReason::parse("stuck").unwrap();
        let change = read(&store, placed.id)
            .await
            .override_refund(superadmin, &reason, now())
            .unwrap();
        assert!(store.apply(&change).await.is_err());
        assert_eq!(read(&store, placed.id).await.status, OrderStatus::Paid);
        assert!(
            override_entries(&store, placed.id).await.is_empty(),
            "no audit row without the refund"
        );
        assert_eq!(balance(&store, buyer).await, money(7));
        assert_ledger_invariant(&store).await;
    }
);
