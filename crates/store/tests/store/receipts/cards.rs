//! Bank cards: encrypted numbers, changes, caps, patterns, removal.

use super::*;
use kernel::PageRequest;
use members::{AuditLog, AuditQuery, AuditTarget};
use receipts::{BankCardRepo, BankCardUpdate, ReceiptError, SmsPattern};
use store::entity::receipts::bank_card;
use store::store_test;
use time::Duration;

store_test!(card_numbers_are_stored_encrypted_and_read_back_whole, |store| {
    let shop = Shop::new(&store);
    let (root, _, card) = shop.setup().await;
    let row = bank_card::Entity::find_by_id(card.get())
        .one(store.db())
        .await
        .unwrap()
        .unwrap();
    assert!(
        !row.number_enc.contains(NUMBER),
        "the number must not be stored in clear"
    );
    assert_eq!(row.last4, "1235");
    let read = BankCardRepo::get(&store, card).await.unwrap().unwrap();
    assert_eq!(read.number.digits(), NUMBER);
    assert_eq!(read.owner, root);
    assert_eq!(read.channel_id, Some(-1001234567890));
    assert!(read.active && read.current, "the first card is active and current");
    let log = AuditLog::list(
        &store,
        AuditQuery {
            actor: None,
            target: Some(AuditTarget::bank_card(card)),
            ..AuditQuery::default()
        },
        PageRequest::default(),
    )
    .await
    .unwrap();
    assert_eq!(log.total, 1, "the audit entry names the new card");
    assert_eq!(log.items[0].detail["number"], "6037-99**-****-1235");
});

store_test!(card_changes_are_kept_and_only_one_card_is_current, |store| {
    let shop = Shop::new(&store);
    let (root, _, first) = shop.setup().await;
    let second = shop.cards().add(root, new_card(root, OTHER_NUMBER)).await.unwrap();
    assert!(!second.current);
    let cards = shop.cards();
    cards
        .update(root, second.id, BankCardUpdate::MakeCurrent)
        .await
        .unwrap();
    let every = receipts::Rotation::interval(Duration::hours(6)).unwrap();
    cards
        .update(root, second.id, BankCardUpdate::SetRotation(every))
        .await
        .unwrap();
    cards.update(root, first, BankCardUpdate::Deactivate).await.unwrap();
    cards
        .update(root, first, BankCardUpdate::SetHolder(Label::new("Reza A").unwrap()))
        .await
        .unwrap();
    let pattern = SmsPattern::new(r"IN (?P<amount>[\d,]+)").unwrap();
    cards
        .update(root, second.id, BankCardUpdate::SetSmsPattern(Some(pattern.clone())))
        .await
        .unwrap();
    cards
        .update(
            root,
            second.id,
            BankCardUpdate::SetCaps {
                daily: Some(money(1_000_000)),
                monthly: Some(money(20_000_000)),
            },
        )
        .await
        .unwrap();
    cards
        .update(root, second.id, BankCardUpdate::SetAutoApprove(true))
        .await
        .unwrap();
    let all = cards.list(root).await.unwrap();
    assert_eq!(all.len(), 2);
    assert!(!all[0].current && !all[0].active && all[0].holder.as_str() == "Reza A");
    let s = &all[1];
    assert!(s.current && s.rotation == every && s.auto_approve);
    assert_eq!(s.sms_pattern, Some(pattern));
    assert_eq!(
        (s.daily_cap, s.monthly_cap),
        (Some(money(1_000_000)), Some(money(20_000_000)))
    );
    assert!(matches!(
        cards.update(root, BankCardId::new(404), BankCardUpdate::Activate).await,
        Err(ReceiptError::UnknownCard(_))
    ));
    assert!(matches!(
        cards.add(root, new_card(root, NUMBER)).await,
        Err(ReceiptError::DuplicateCard(id)) if id == first
    ));
});

store_test!(a_card_without_receipts_is_removed_one_with_receipts_is_kept, |store| {
    let shop = Shop::new(&store);
    let (root, payer, used) = shop.setup().await;
    let spare = shop.cards().add(root, new_card(root, OTHER_NUMBER)).await.unwrap();
    shop.submit(payer, 1_000).await;
    let cards = shop.cards();
    assert!(matches!(cards.remove(root, used).await, Err(ReceiptError::CardInUse(id)) if id == used));
    cards.remove(root, spare.id).await.unwrap();
    assert!(matches!(
        cards.remove(root, spare.id).await,
        Err(ReceiptError::UnknownCard(_))
    ));
    let left: Vec<_> = cards.list(root).await.unwrap().into_iter().map(|c| c.id).collect();
    assert_eq!(left, vec![used]);
    assert_eq!(audited(&store, "bank_card.remove").await, 1);
    assert!(matches!(
        cards.remove(payer, used).await,
        Err(ReceiptError::Forbidden { .. })
    ));
});
