//! Bank notification matching against open requests by their unique amounts.

use super::*;
use receipts::{BankCardUpdate, ReceiptRepo, ReceiptStatus, SmsVerdict};
use store::store_test;
use wallet::WalletRepo;

/// A Mellat-style deposit text for `rials`, in Persian digits.
fn sms(rials: &str) -> String {
    format!("بانک ملت\nحساب ۱۲۳۴۵۶۷۸۹۰\nواریز: {rials}\nمانده: ۱۲,۴۵۰,۰۰۰\n۱۴۰۳/۰۹/۱۴\n۱۰:۲۵")
}

store_test!(
    a_notification_matching_one_request_is_offered_and_changes_nothing,
    |store| {
        let shop = Shop::new(&store);
        let (root, payer, card) = shop.setup().await;
        let request = shop.submit(payer, 500_000).await;
        assert_eq!(request.amount, money(500_001));
        // 500,001 Tomans = 5,000,010 Rials
        let verdict = shop.receipts().match_sms(root, card, &sms("۵,۰۰۰,۰۱۰")).await.unwrap();
        let SmsVerdict::Suggested { deposit, receipt } = verdict else {
            panic!("expected a suggestion, got {verdict:?}");
        };
        assert_eq!(deposit.amount, 5_000_010);
        assert_eq!(deposit.time, Some((10, 25)));
        assert_eq!(receipt.id, request.id);
        let now = ReceiptRepo::get(&store, request.id).await.unwrap().unwrap();
        assert_eq!(now.status, ReceiptStatus::Pending, "a suggestion approves nothing");
        assert!(ledger_rows(&store).await.is_empty());
    }
);

store_test!(
    with_auto_approval_an_exact_unique_match_approves_exactly_that_request,
    |store| {
        let shop = Shop::new(&store);
        let (root, payer, card) = shop.setup().await;
        shop.cards()
            .update(root, card, BankCardUpdate::SetAutoApprove(true))
            .await
            .unwrap();
        let other = shop.user(6).await;
        let mine = shop.submit(payer, 500_000).await;
        let theirs = shop.submit(other, 500_000).await;
        assert_eq!(theirs.amount, money(500_002));
        let verdict = shop.receipts().match_sms(root, card, &sms("5,000,020")).await.unwrap();
        assert!(
            matches!(&verdict, SmsVerdict::Approved { receipt, .. } if receipt.id == theirs.id),
            "{verdict:?}"
        );
        assert_eq!(store.balance(other).await.unwrap(), money(500_002));
        assert_eq!(store.balance(payer).await.unwrap(), Money::ZERO);
        let untouched = ReceiptRepo::get(&store, mine.id).await.unwrap().unwrap();
        assert_eq!(untouched.status, ReceiptStatus::Pending);
        // the same notification again finds nothing open and changes nothing
        let again = shop.receipts().match_sms(root, card, &sms("5,000,020")).await.unwrap();
        assert!(matches!(again, SmsVerdict::NoMatch { .. }), "{again:?}");
        assert_eq!(ledger_rows(&store).await.len(), 1);
    }
);

store_test!(unmatched_and_unreadable_texts_change_nothing, |store| {
    let shop = Shop::new(&store);
    let (root, payer, card) = shop.setup().await;
    shop.cards()
        .update(root, card, BankCardUpdate::SetAutoApprove(true))
        .await
        .unwrap();
    shop.submit(payer, 500_000).await;
    let receipts = shop.receipts();
    for text in [
        sms("5,000,000"),                         // the amount asked, not the unique amount
        sms("5,000,015"),                         // not a whole number of Tomans
        "برداشت: 5,000,010\nمانده: 0".to_owned(), // a withdrawal
        "hello".to_owned(),
    ] {
        let verdict = receipts.match_sms(root, card, &text).await.unwrap();
        assert!(
            matches!(verdict, SmsVerdict::NoMatch { .. } | SmsVerdict::Unreadable),
            "{text}: {verdict:?}"
        );
    }
    assert!(ledger_rows(&store).await.is_empty());
    assert!(matches!(
        receipts.match_sms(payer, card, &sms("5,000,010")).await,
        Err(receipts::ReceiptError::Forbidden { .. })
    ));
});
