//! Changes decided from a stale read: the order moved meanwhile, so applying the change the
//! domain decided earlier writes nothing of it (no account, no money, no notice) and says
//! where the order is now.

use inventory::AccountRepo;
use kernel::Money;
use notify::Notice;
use orders::{OrderRepo, OrderStatus, OrderWriteError, Pricing};
use store::store_test;
use store::testing::insert_user;

use crate::order_changes::{delivered, fail, pay, read};
use crate::orders::{balance, ledger_rows, money, notices, now, place, top_up, world};
use crate::wallet::assert_ledger_invariant;

store_test!(a_fulfilment_decided_before_a_refund_changes_nothing_after_it, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    top_up(&store, user, 1_000).await;
    let order = place(&store, user, &w, Pricing::full(money(1_000))).await;
    let paid = pay(&store, order.id, now()).await.unwrap();
    let fulfil = paid.fulfil(delivered(&w, user, 1), now()).unwrap();
    fail(&store, order.id, "panel down").await.unwrap();
    let notices_before = notices(&store).await;

    let err = store.apply(&fulfil).await.unwrap_err();
    assert!(
        matches!(
            err,
            OrderWriteError::WrongStatus {
                current: OrderStatus::Failed
            }
        ),
        "{err:?}"
    );
    let now_stored = read(&store, order.id).await;
    assert_eq!((now_stored.status, now_stored.account), (OrderStatus::Failed, None));
    assert!(
        AccountRepo::accounts_of(&store, user).await.unwrap().is_empty(),
        "no client account for a refunded order"
    );
    assert_eq!(balance(&store, user).await, money(1_000), "the refund stands");
    assert_eq!(notices(&store).await, notices_before, "nobody is told it was delivered");
    assert_ledger_invariant(&store).await;
});

store_test!(a_refund_decided_before_a_fulfilment_moves_no_money_after_it, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    top_up(&store, user, 1_000).await;
    let order = place(&store, user, &w, Pricing::full(money(1_000))).await;
    let paid = pay(&store, order.id, now()).await.unwrap();
    let refund = paid.fail("timed out", now()).unwrap();
    let delivered = store
        .apply(&paid.fulfil(delivered(&w, user, 1), now()).unwrap())
        .await
        .unwrap();
    let rows_before = ledger_rows(&store).await;

    let err = store.apply(&refund).await.unwrap_err();
    assert!(
        matches!(
            err,
            OrderWriteError::WrongStatus {
                current: OrderStatus::Fulfilled
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        read(&store, order.id).await,
        delivered,
        "the delivered order is untouched"
    );
    assert_eq!(
        balance(&store, user).await,
        Money::ZERO,
        "no refund of a delivered order"
    );
    assert_eq!(ledger_rows(&store).await, rows_before);
    assert!(
        !notices(&store)
            .await
            .iter()
            .any(|n| matches!(n, Notice::OrderRefunded { .. })),
        "the buyer is not told about a refund that did not happen"
    );
    assert_ledger_invariant(&store).await;
});

store_test!(a_payment_decided_before_an_expiry_debits_nothing_after_it, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    top_up(&store, user, 1_000).await;
    let order = place(&store, user, &w, Pricing::full(money(1_000))).await;
    let payment = order.pay(now(), None).unwrap();
    store.apply(&order.expire(now()).unwrap()).await.unwrap();

    let err = store.apply(&payment).await.unwrap_err();
    assert!(
        matches!(
            err,
            OrderWriteError::WrongStatus {
                current: OrderStatus::Expired
            }
        ),
        "{err:?}"
    );
    assert_eq!(read(&store, order.id).await.status, OrderStatus::Expired);
    assert_eq!(balance(&store, user).await, money(1_000), "nothing debited");
});
