//! Approve, reject, cancel, expire and override: typed transitions applied once under a
//! guard on the current status; the losers of a race learn who won and when.

use super::*;
use kernel::Clock;
use receipts::{DecisionOutcome, Override, ReceiptChange, ReceiptError, ReceiptRepo, ReceiptStatus, RejectReason};
use store::store_test;
use time::Duration;
use wallet::WalletRepo;

store_test!(approving_credits_the_unique_amount_once_and_tells_the_payer, |store| {
    let shop = Shop::new(&store);
    let (root, payer, _) = shop.setup().await;
    let receipt = shop.submit(payer, 250_000).await;
    assert_eq!(receipt.requested, money(250_000));
    assert_eq!(
        receipt.amount,
        money(250_001),
        "the first open request pays one unit more"
    );
    shop.clock.advance(Duration::minutes(5));
    let approved = shop.receipts().approve(root, receipt.id, None).await.unwrap();
    assert_eq!(approved.status, ReceiptStatus::Approved);
    assert_eq!(approved.decided_by, Some(root));
    assert_eq!(approved.decided_at, Some(T0 + Duration::minutes(5)));
    assert_eq!(approved.credited, Some(money(250_001)));
    assert_eq!(
        store.balance(payer).await.unwrap(),
        money(250_001),
        "the extra unit is credited too"
    );
    let rows = ledger_rows(&store).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].idempotency_key, format!("receipt:{}:approve", receipt.id));
    let told = notices_of_kind(&store, "receipt_approved").await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].recipient, notify::Recipient::User(payer));
    assert_eq!(audited(&store, "receipt.approve").await, 1);
});

store_test!(
    twenty_racing_approvals_credit_once_and_the_losers_see_the_winner,
    |store| {
        let shop = Arc::new(Shop::new(&store));
        let (root, payer, _) = shop.setup().await;
        let mut admins = vec![root];
        for tg in 0..19 {
            admins.push(shop.admin(root, 2_000 + tg).await);
        }
        let receipt = shop.submit(payer, 7_000).await;
        let tasks: Vec<_> = admins
            .iter()
            .map(|admin| {
                let (shop, admin, id) = (shop.clone(), *admin, receipt.id);
                tokio::spawn(async move { (admin, shop.receipts().approve(admin, id, None).await) })
            })
            .collect();
        let mut winners = Vec::new();
        let mut losers = Vec::new();
        for task in tasks {
            match task.await.unwrap() {
                (admin, Ok(r)) => winners.push((admin, r)),
                (_, Err(ReceiptError::AlreadyDecided { status, by, at })) => losers.push((status, by, at)),
                (_, Err(e)) => panic!("unexpected error: {e}"),
            }
        }
        assert_eq!(winners.len(), 1, "exactly one approval wins");
        assert_eq!(losers.len(), 19);
        let (winner, approved) = &winners[0];
        for (status, by, at) in losers {
            assert_eq!(status, ReceiptStatus::Approved);
            assert_eq!(by, Some(*winner), "each loser is told who approved");
            assert_eq!(at, Some(T0), "and when");
        }
        assert_eq!(approved.decided_by, Some(*winner));
        assert_eq!(ledger_rows(&store).await.len(), 1, "one ledger row");
        assert_eq!(store.balance(payer).await.unwrap(), money(7_001));
        assert_eq!(notices_of_kind(&store, "receipt_approved").await.len(), 1);
        assert_eq!(audited(&store, "receipt.approve").await, 1);
    }
);

store_test!(an_admin_may_correct_the_amount_and_the_ledger_keeps_both, |store| {
    let shop = Shop::new(&store);
    let (root, payer, _) = shop.setup().await;
    let receipt = shop.submit(payer, 500_000).await;
    let approved = shop
        .receipts()
        .approve(root, receipt.id, Some(money(450_000)))
        .await
        .unwrap();
    assert_eq!(approved.credited, Some(money(450_000)));
    assert_eq!(approved.amount, money(500_001));
    assert_eq!(store.balance(payer).await.unwrap(), money(450_000));
    let rows = ledger_rows(&store).await;
    assert_eq!(rows[0].amount, 450_000);
    let note = rows[0].note.clone().unwrap();
    assert!(
        note.contains("requested 500001") && note.contains("credited 450000"),
        "{note}"
    );
});

store_test!(a_non_admin_is_refused_audited_and_nothing_changes, |store| {
    let shop = Shop::new(&store);
    let (_, payer, _) = shop.setup().await;
    let stranger = shop.user(77).await;
    let receipt = shop.submit(payer, 9_000).await;
    let receipts = shop.receipts();
    assert!(matches!(
        receipts.approve(stranger, receipt.id, None).await,
        Err(ReceiptError::Forbidden { needed: Role::Admin })
    ));
    let reason = RejectReason::new("no").unwrap();
    assert!(matches!(
        receipts.reject(payer, receipt.id, reason).await,
        Err(ReceiptError::Forbidden { .. })
    ));
    assert_eq!(audited(&store, "receipt.refused").await, 2, "each refusal is audited");
    let now = ReceiptRepo::get(&store, receipt.id).await.unwrap().unwrap();
    assert_eq!(now, receipt, "the receipt is unchanged");
    assert!(ledger_rows(&store).await.is_empty());
    // an admin is not a superadmin: overrides are refused too
    let (root, admin) = (shop.user(ROOT_TG).await, shop.user(78).await);
    shop.members.set_role(root, admin, Role::Admin).await.unwrap();
    assert!(matches!(
        receipts
            .override_decision(admin, receipt.id, Override::Approve { credit: None })
            .await,
        Err(ReceiptError::Forbidden {
            needed: Role::Superadmin
        })
    ));
});

store_test!(a_rejected_receipt_keeps_its_reason_and_cannot_be_approved, |store| {
    let shop = Shop::new(&store);
    let (root, payer, _) = shop.setup().await;
    let receipt = shop.submit(payer, 1_000).await;
    let reason = RejectReason::new("amount does not match the transfer").unwrap();
    let rejected = shop.receipts().reject(root, receipt.id, reason.clone()).await.unwrap();
    assert_eq!(rejected.status, ReceiptStatus::Rejected);
    assert_eq!(rejected.reject_reason, Some(reason));
    assert!(matches!(
        shop.receipts().approve(root, receipt.id, None).await,
        Err(ReceiptError::AlreadyDecided { status: ReceiptStatus::Rejected, by, .. }) if by == Some(root)
    ));
    assert_eq!(store.balance(payer).await.unwrap(), Money::ZERO);
    assert_eq!(notices_of_kind(&store, "receipt_rejected").await.len(), 1);
});

store_test!(
    the_payer_cancels_an_open_request_and_its_amount_is_free_again,
    |store| {
        let shop = Shop::new(&store);
        let (root, payer, _) = shop.setup().await;
        let other = shop.user(6).await;
        let receipts = shop.receipts();
        let request = receipts.open_request(payer, money(5_000)).await.unwrap();
        assert!(matches!(
            receipts.cancel(other, request.id).await,
            Err(ReceiptError::UnknownReceipt(_))
        ));
        let cancelled = receipts.cancel(payer, request.id).await.unwrap();
        assert_eq!(cancelled.status, ReceiptStatus::Cancelled);
        assert!(matches!(
            receipts.approve(root, request.id, None).await,
            Err(ReceiptError::AlreadyDecided {
                status: ReceiptStatus::Cancelled,
                ..
            })
        ));
        let next = receipts.open_request(other, money(5_000)).await.unwrap();
        assert_eq!(
            next.amount, request.amount,
            "a cancelled request no longer holds its amount"
        );
    }
);

store_test!(overdue_requests_expire_once_and_their_payers_are_told, |store| {
    let shop = Shop::new(&store);
    let (root, payer, _) = shop.setup().await;
    let old = shop.submit(payer, 1_000).await;
    shop.clock.advance(Duration::minutes(20));
    let fresh = shop.submit(payer, 2_000).await;
    shop.clock.advance(Duration::minutes(10));
    let expired = shop.receipts().expire_due(10).await.unwrap();
    assert_eq!(expired.iter().map(|r| r.id).collect::<Vec<_>>(), vec![old.id]);
    assert_eq!(expired[0].decided_at, Some(shop.clock.now()));
    assert!(
        shop.receipts().expire_due(10).await.unwrap().is_empty(),
        "nothing expires twice"
    );
    let told = notices_of_kind(&store, "receipt_expired").await;
    assert_eq!(told.len(), 1);
    assert!(matches!(
        shop.receipts().approve(root, old.id, None).await,
        Err(ReceiptError::AlreadyDecided {
            status: ReceiptStatus::Expired,
            by: None,
            ..
        })
    ));
    shop.receipts().approve(root, fresh.id, None).await.unwrap();
    assert_eq!(store.balance(payer).await.unwrap(), money(2_001));
});

store_test!(a_superadmin_overrides_a_decision_and_the_money_follows_once, |store| {
    let shop = Shop::new(&store);
    let (root, payer, _) = shop.setup().await;
    let receipt = shop.submit(payer, 3_000).await;
    let receipts = shop.receipts();
    receipts
        .reject(root, receipt.id, RejectReason::new("looked forged").unwrap())
        .await
        .unwrap();
    let approved = receipts
        .override_decision(root, receipt.id, Override::Approve { credit: None })
        .await
        .unwrap();
    assert_eq!(approved.status, ReceiptStatus::Approved);
    assert_eq!(store.balance(payer).await.unwrap(), money(3_001));
    // taking it back while the payer still holds the money
    let back = receipts
        .override_decision(
            root,
            receipt.id,
            Override::Reject {
                reason: RejectReason::new("bank reversed the transfer").unwrap(),
            },
        )
        .await
        .unwrap();
    assert_eq!(back.status, ReceiptStatus::Rejected);
    assert_eq!(store.balance(payer).await.unwrap(), Money::ZERO);
    assert!(matches!(
        receipts
            .override_decision(root, receipt.id, Override::Approve { credit: None })
            .await,
        Err(ReceiptError::NotOverridable { .. })
    ));
    assert_eq!(ledger_rows(&store).await.len(), 2, "one credit, one reversal");
    assert_eq!(audited(&store, "receipt.override").await, 2);
});

store_test!(a_reversal_the_balance_cannot_cover_changes_nothing, |store| {
    let shop = Shop::new(&store);
    let (root, payer, _) = shop.setup().await;
    let receipt = shop.submit(payer, 3_000).await;
    let receipts = shop.receipts();
    receipts.approve(root, receipt.id, None).await.unwrap();
    let spend = wallet::Movement::adjustment(
        payer,
        -2_000,
        kernel::IdempotencyKey::new("test:spend").unwrap(),
        "spent",
    )
    .unwrap();
    let tracking = kernel::TrackingCode::random(kernel::TrackingKind::Transaction, T0);
    WalletRepo::apply(&store, &spend, &tracking, T0, &[], None)
        .await
        .unwrap();
    let refused = receipts
        .override_decision(
            root,
            receipt.id,
            Override::Reject {
                reason: RejectReason::new("reversed").unwrap(),
            },
        )
        .await;
    assert!(matches!(refused, Err(ReceiptError::CannotReverse(_))), "{refused:?}");
    let now = ReceiptRepo::get(&store, receipt.id).await.unwrap().unwrap();
    assert_eq!(now.status, ReceiptStatus::Approved);
    assert_eq!(store.balance(payer).await.unwrap(), money(1_001));
    assert_eq!(audited(&store, "receipt.override").await, 0);
});

store_test!(
    an_approval_decided_before_a_rejection_credits_nothing_after_it,
    |store| {
        let shop = Shop::new(&store);
        let (root, payer, _) = shop.setup().await;
        let receipt = shop.submit(payer, 4_000).await;
        let approve = receipt
            .plan(
                &ReceiptChange::Approve {
                    admin: root,
                    credit: None,
                },
                T0,
            )
            .unwrap();
        let rejected = shop
            .receipts()
            .reject(root, receipt.id, RejectReason::new("no such transfer").unwrap())
            .await
            .unwrap();
        let balance_before = store.balance(payer).await.unwrap();

        let outcome = ReceiptRepo::apply(&store, &approve).await.unwrap();
        assert!(
            matches!(&outcome, DecisionOutcome::Refused(now) if *now == rejected),
            "{outcome:?}"
        );
        assert_eq!(store.balance(payer).await.unwrap(), balance_before, "nothing credited");
        assert!(ledger_rows(&store).await.is_empty());
        assert!(notices_of_kind(&store, "receipt_approved").await.is_empty());
        assert_eq!(audited(&store, "receipt.approve").await, 0);
    }
);

store_test!(an_expiry_decided_before_an_approval_changes_nothing_after_it, |store| {
    let shop = Shop::new(&store);
    let (root, payer, _) = shop.setup().await;
    let receipt = shop.submit(payer, 4_000).await;
    let expire = receipt.plan(&ReceiptChange::Expire, receipt.expires_at).unwrap();
    let approved = shop.receipts().approve(root, receipt.id, None).await.unwrap();

    let outcome = ReceiptRepo::apply(&store, &expire).await.unwrap();
    assert!(
        matches!(&outcome, DecisionOutcome::Refused(now) if *now == approved),
        "{outcome:?}"
    );
    assert_eq!(store.balance(payer).await.unwrap(), approved.credited.unwrap());
    assert!(notices_of_kind(&store, "receipt_expired").await.is_empty());
});
