//! Opening requests (card choice, unique amounts, bounds, limits) and sending proof (flags,
//! late proof kept).

use super::*;
use kernel::PageRequest;
use receipts::{BankCardUpdate, ReceiptError, ReceiptFlag, ReceiptQuery, ReceiptRepo, ReceiptStatus};
use store::store_test;
use time::Duration;

store_test!(
    a_request_has_a_card_a_unique_amount_a_tracking_code_and_a_deadline,
    |store| {
        let shop = Shop::new(&store);
        let (_, payer, card) = shop.setup().await;
        let other = shop.user(6).await;
        let receipts = shop.receipts();
        let first = receipts.open_request(payer, money(500_000)).await.unwrap();
        let second = receipts.open_request(other, money(500_000)).await.unwrap();
        let third = receipts.open_request(other, money(499_999)).await.unwrap();
        assert_eq!(first.card, card);
        assert_eq!(first.status, ReceiptStatus::Pending);
        assert_eq!(first.proof, None, "no proof yet");
        assert_eq!(first.expires_at, T0 + Duration::minutes(30));
        assert_eq!(first.tracking.kind(), kernel::TrackingKind::Receipt);
        let amounts = [first.amount, second.amount, third.amount];
        assert_eq!(amounts, [money(500_001), money(500_002), money(500_000)]);
        assert_eq!(
            ReceiptRepo::open_amounts(&store).await.unwrap(),
            amounts.into_iter().collect::<BTreeSet<_>>()
        );
    }
);

store_test!(the_store_refuses_two_open_requests_with_one_amount, |store| {
    let shop = Shop::new(&store);
    let (_, payer, card) = shop.setup().await;
    let first = shop.receipts().open_request(payer, money(5_000)).await.unwrap();
    let twin = receipts::NewReceipt {
        user: payer,
        card,
        requested: money(5_000),
        amount: first.amount,
        flags: Default::default(),
        tracking: kernel::TrackingCode::random(kernel::TrackingKind::Receipt, T0),
        submitted_at: T0,
        expires_at: T0 + Duration::minutes(30),
        order: None,
    };
    assert!(matches!(
        ReceiptRepo::open(&store, &twin).await,
        Err(kernel::StorageError::Conflict(_))
    ));
});

store_test!(bounds_and_the_open_request_limit_are_enforced, |store| {
    let shop = Shop::new(&store);
    let (_, payer, _) = shop.setup().await;
    let receipts = shop.receipts();
    assert!(matches!(
        receipts.open_request(payer, money(999)).await,
        Err(ReceiptError::AmountOutOfBounds { .. })
    ));
    assert!(matches!(
        receipts.open_request(payer, money(100_000_001)).await,
        Err(ReceiptError::AmountOutOfBounds { .. })
    ));
    let a = receipts.open_request(payer, money(1_000)).await.unwrap();
    let b = receipts.open_request(payer, money(1_000)).await.unwrap();
    let c = receipts.open_request(payer, money(1_000)).await.unwrap();
    assert!(a.flags.is_empty() && b.flags.is_empty());
    assert!(
        c.flags.has(ReceiptFlag::TooManyOpen),
        "the third open request is flagged"
    );
    assert!(matches!(
        receipts.open_request(payer, money(1_000)).await,
        Err(ReceiptError::TooManyPending(3))
    ));
});

store_test!(proof_in_two_messages_is_merged_and_the_admins_are_told, |store| {
    let shop = Shop::new(&store);
    let (_, payer, _) = shop.setup().await;
    let receipts = shop.receipts();
    let request = receipts.open_request(payer, money(10_000)).await.unwrap();
    let unique = PhotoFileId::new("AQADuniqueA").unwrap();
    receipts
        .attach_proof(payer, request.id, photo("AgACphotoA"), Some(unique.clone()), None)
        .await
        .unwrap();
    let both = receipts
        .attach_proof(payer, request.id, text("ref 8812"), None, Some(money(10_001)))
        .await
        .unwrap();
    let proof = both.proof.unwrap();
    assert_eq!(proof.text().unwrap().as_str(), "ref 8812");
    assert_eq!(proof.photo().unwrap().as_str(), "AgACphotoA");
    assert_eq!(both.photo_unique, Some(unique));
    assert!(both.flags.is_empty(), "the right amount, a new photo: {:?}", both.flags);
    assert_eq!(notices_of_kind(&store, "receipt_submitted").await.len(), 2);
});

store_test!(a_reused_photo_and_a_different_amount_are_flagged, |store| {
    let shop = Shop::new(&store);
    let (_, payer, _) = shop.setup().await;
    let receipts = shop.receipts();
    let unique = PhotoFileId::new("AQADsame").unwrap();
    let first = receipts.open_request(payer, money(10_000)).await.unwrap();
    let first = receipts
        .attach_proof(payer, first.id, photo("AgACa"), Some(unique.clone()), None)
        .await
        .unwrap();
    assert!(first.flags.is_empty());
    let second = receipts.open_request(payer, money(20_000)).await.unwrap();
    let second = receipts
        .attach_proof(payer, second.id, photo("AgACb"), Some(unique), Some(money(19_000)))
        .await
        .unwrap();
    assert!(second.flags.has(ReceiptFlag::DuplicatePhoto));
    assert!(second.flags.has(ReceiptFlag::AmountMismatch));
    let root = shop.user(ROOT_TG).await;
    let cleared = receipts.unflag(root, second.id).await.unwrap();
    assert!(cleared.flags.is_empty());
    assert_eq!(audited(&store, "receipt.unflag").await, 1);
});

store_test!(late_proof_for_an_expired_request_is_kept_and_flagged, |store| {
    let shop = Shop::new(&store);
    let (root, payer, _) = shop.setup().await;
    let receipts = shop.receipts();
    let request = receipts.open_request(payer, money(10_000)).await.unwrap();
    shop.clock.advance(Duration::minutes(31));
    receipts.expire_due(10).await.unwrap();
    let late = receipts
        .attach_proof(payer, request.id, text("sent at 12:20"), None, None)
        .await
        .unwrap();
    assert_eq!(late.status, ReceiptStatus::Expired);
    assert!(late.flags.has(ReceiptFlag::Late));
    assert_eq!(late.proof.unwrap().text().unwrap().as_str(), "sent at 12:20");
    let flagged = ReceiptRepo::list(
        &store,
        ReceiptQuery {
            status: Some(ReceiptStatus::Expired),
            ..ReceiptQuery::default()
        },
        PageRequest::default(),
    )
    .await
    .unwrap();
    assert_eq!(flagged.total, 1);
    // a superadmin settles it
    let settled = receipts
        .override_decision(root, request.id, receipts::Override::Approve { credit: None })
        .await
        .unwrap();
    assert_eq!(settled.status, ReceiptStatus::Approved);
});

store_test!(
    a_card_over_its_daily_cap_is_skipped_and_a_deactivated_card_never_offered,
    |store| {
        let shop = Shop::new(&store);
        let (root, payer, first) = shop.setup().await;
        let second = shop.cards().add(root, new_card(root, OTHER_NUMBER)).await.unwrap();
        let cards = shop.cards();
        cards
            .update(
                root,
                first,
                BankCardUpdate::SetCaps {
                    daily: Some(money(15_000)),
                    monthly: None,
                },
            )
            .await
            .unwrap();
        let receipts = shop.receipts();
        let a = receipts.open_request(payer, money(10_000)).await.unwrap();
        assert_eq!(a.card, first, "the current card while it has room");
        let b = receipts.open_request(payer, money(10_000)).await.unwrap();
        assert_eq!(b.card, second.id, "10,001 + 10,000 would pass the daily cap of 15,000");
        // a day later the first card has room again
        shop.clock.advance(Duration::hours(25));
        let other = shop.user(6).await;
        assert_eq!(receipts.card_for_payment(other, money(10_000)).await.unwrap().id, first);
        cards.update(root, first, BankCardUpdate::Deactivate).await.unwrap();
        for _ in 0..3 {
            assert_eq!(
                receipts.card_for_payment(other, money(1_000)).await.unwrap().id,
                second.id
            );
        }
        cards.update(root, second.id, BankCardUpdate::Deactivate).await.unwrap();
        assert!(matches!(
            receipts.card_for_payment(other, money(1_000)).await,
            Err(ReceiptError::NoActiveCard)
        ));
    }
);

store_test!(
    card_loads_sum_pending_amounts_and_approved_credits_per_window,
    |store| {
        let shop = Shop::new(&store);
        let (root, payer, card) = shop.setup().await;
        let receipts = shop.receipts();
        let approved = receipts.open_request(payer, money(4_000)).await.unwrap();
        receipts.approve(root, approved.id, Some(money(3_500))).await.unwrap();
        let rejected = receipts.open_request(payer, money(8_000)).await.unwrap();
        receipts
            .reject(root, rejected.id, receipts::RejectReason::new("no").unwrap())
            .await
            .unwrap();
        shop.clock.advance(Duration::days(2));
        receipts.open_request(payer, money(2_000)).await.unwrap();
        let now = T0 + Duration::days(2);
        let loads = ReceiptRepo::card_loads(&store, now - Duration::hours(24), now - Duration::days(30))
            .await
            .unwrap();
        assert_eq!(
            loads,
            vec![receipts::CardLoad {
                card,
                day: money(2_001),
                month: money(5_501),
            }]
        );
    }
);
