//! Store tests of discount code uses (#10): a per-buyer limit holds when one buyer pays several
//! orders at once (the UNIQUE `(code, buyer, number)` index), a refund gives the use back, the
//! uses read back with their buyer and order, a code's plans round-trip, and the migration fills
//! in past uses from paid orders.

use kernel::{DiscountCodeId, PageRequest, UserId};
use migration::MigratorTrait;
use orders::{
    Discount, DiscountCode, DiscountRepo, DiscountStatus, DiscountTerms, DiscountValue, NewDiscount, Order, OrderRepo,
    OrderStatus, OrderWriteError, Percent, Pricing,
};
use store::Store;
use store::store_test;
use store::testing::insert_user;

use crate::order_changes::{fail, read};
use crate::orders::{World, balance, money, now, place, top_up, used_count, world};
use crate::wallet::assert_ledger_invariant;

/// A 10% code whose buyers may use it `per_user` times each.
async fn limited(store: &Store, text: &str, per_user: Option<u32>) -> Discount {
    let terms = DiscountTerms::new(DiscountValue::Percent(Percent::new(10).unwrap()))
        .unwrap()
        .with_per_user_limit(per_user)
        .unwrap();
    let new = NewDiscount {
        code: DiscountCode::parse(text).unwrap(),
        terms,
        status: DiscountStatus::Active,
        created_at: now(),
    };
    store.insert_discount(&new, None).await.unwrap()
}

/// A pending 1,000 order of `user` with 100 off by `code`.
async fn coded(store: &Store, user: UserId, w: &World, code: DiscountCodeId) -> Order {
    place(store, user, w, Pricing::discounted(money(1_000), money(100), code)).await
}

/// Pays the order as stored now with the code as stored now (its per-buyer limit goes along).
async fn pay_with(store: &Store, order: &Order, code: &Discount) -> Result<Order, OrderWriteError> {
    let change = read(store, order.id).await.pay(now(), Some(code)).unwrap();
    store.apply(&change).await
}

store_test!(
    one_buyer_paying_four_orders_at_once_uses_a_limit_one_code_once,
    |store| {
        let w = world(&store).await;
        let buyer = insert_user(&store, 1).await;
        top_up(&store, buyer, 10_000).await;
        let code = limited(&store, "ONCE", Some(1)).await;
        let mut orders = Vec::new();
        for _ in 0..4 {
            orders.push(coded(&store, buyer, &w, code.id).await);
        }
        let tasks: Vec<_> = orders
            .iter()
            .map(|o| {
                let (store, o, code) = (store.clone(), o.clone(), code.clone());
                tokio::spawn(async move { pay_with(&store, &o, &code).await })
            })
            .collect();
        let (mut paid, mut refused) = (0, 0);
        for t in tasks {
            match t.await.unwrap() {
                Ok(o) => {
                    assert_eq!(o.status, OrderStatus::Paid);
                    paid += 1;
                }
                Err(OrderWriteError::DiscountUsedByBuyer { limit: 1 }) => refused += 1,
                Err(e) => panic!("unexpected {e:?}"),
            }
        }
        assert_eq!((paid, refused), (1, 3), "exactly one payment takes the code");
        assert_eq!(
            balance(&store, buyer).await,
            money(10_000 - 900),
            "one debit, the others none"
        );
        for o in &orders {
            let now = read(&store, o.id).await;
            assert!(
                matches!(now.status, OrderStatus::Paid | OrderStatus::Pending),
                "{:?}",
                now.status
            );
        }
        assert_eq!(store.uses_by(code.id, buyer).await.unwrap(), 1);
        assert_eq!(used_count(&store, code.id).await, 1);
        let other = insert_user(&store, 2).await;
        top_up(&store, other, 1_000).await;
        let theirs = coded(&store, other, &w, code.id).await;
        pay_with(&store, &theirs, &code).await.expect("the limit is per buyer");
        assert_ledger_invariant(&store).await;
    }
);

store_test!(a_refund_gives_the_buyers_use_back, |store| {
    let w = world(&store).await;
    let buyer = insert_user(&store, 1).await;
    top_up(&store, buyer, 5_000).await;
    let code = limited(&store, "ONCE", Some(1)).await;
    let first = coded(&store, buyer, &w, code.id).await;
    pay_with(&store, &first, &code).await.unwrap();
    let second = coded(&store, buyer, &w, code.id).await;
    assert!(matches!(
        pay_with(&store, &second, &code).await,
        Err(OrderWriteError::DiscountUsedByBuyer { limit: 1 })
    ));
    fail(&store, first.id, "panel down").await.unwrap();
    assert_eq!(store.uses_by(code.id, buyer).await.unwrap(), 0, "given back");
    assert_eq!(used_count(&store, code.id).await, 0);
    let again = pay_with(&store, &second, &code).await.unwrap();
    assert_eq!(again.status, OrderStatus::Paid);
    let uses = store.uses(code.id, PageRequest::default()).await.unwrap();
    assert_eq!(uses.total, 1);
    assert_eq!(uses.items[0].order, second.id);
    assert_eq!(uses.items[0].number, 1, "the freed slot is taken again");
    assert_ledger_invariant(&store).await;
});

store_test!(uses_read_back_newest_first_with_buyer_and_order, |store| {
    let w = world(&store).await;
    let buyer = insert_user(&store, 1).await;
    top_up(&store, buyer, 5_000).await;
    let code = limited(&store, "MANY", None).await;
    let mut paid = Vec::new();
    for _ in 0..3 {
        let o = coded(&store, buyer, &w, code.id).await;
        paid.push(pay_with(&store, &o, &code).await.unwrap());
    }
    let page = store.uses(code.id, PageRequest::new(0, 2)).await.unwrap();
    assert_eq!(page.total, 3);
    let numbers: Vec<u32> = page.items.iter().map(|u| u.number).collect();
    assert_eq!(numbers, [3, 2], "newest first, numbered per buyer");
    let newest = &page.items[0];
    assert_eq!(newest.order, paid[2].id);
    assert_eq!(newest.tracking, paid[2].tracking.as_str());
    assert_eq!(newest.buyer, buyer);
    assert_eq!(newest.buyer_telegram.get(), 1, "the buyer's Telegram id");
    assert_eq!(newest.buyer_username, None);
    assert_eq!(newest.amount, money(100));
    assert_eq!(store.uses_by(code.id, buyer).await.unwrap(), 3);
    assert_eq!(
        store.uses(code.id, PageRequest::new(1, 2)).await.unwrap().items.len(),
        1
    );
});

store_test!(a_codes_plans_and_per_user_limit_round_trip, |store| {
    let w = world(&store).await;
    let terms = DiscountTerms::new(DiscountValue::Fixed(money(500)))
        .unwrap()
        .with_per_user_limit(Some(3))
        .unwrap()
        .with_plans([w.plan.id].into());
    let new = NewDiscount {
        code: DiscountCode::parse("PLANS").unwrap(),
        terms: terms.clone(),
        status: DiscountStatus::Active,
        created_at: now(),
    };
    let stored = store.insert_discount(&new, None).await.unwrap();
    assert_eq!(stored.terms, terms);
    let read_back = DiscountRepo::discount(&store, stored.id).await.unwrap().unwrap();
    assert_eq!(read_back.terms, terms);
    let listed = store.discounts(PageRequest::default()).await.unwrap();
    assert_eq!(listed.items[0].terms, terms);
});

store_test!(the_migration_fills_in_past_uses_from_paid_orders, |store| {
    let w = world(&store).await;
    let buyer = insert_user(&store, 1).await;
    top_up(&store, buyer, 5_000).await;
    let code = limited(&store, "PAST", None).await;
    let mut kept = Vec::new();
    for _ in 0..2 {
        let o = coded(&store, buyer, &w, code.id).await;
        kept.push(pay_with(&store, &o, &code).await.unwrap());
    }
    let refunded = coded(&store, buyer, &w, code.id).await;
    pay_with(&store, &refunded, &code).await.unwrap();
    fail(&store, refunded.id, "gave up").await.unwrap();
    coded(&store, buyer, &w, code.id).await; // pending: no use

    // Back to before `discount_use`, then up again: the uses come from the orders.
    migration::Migrator::down(store.db(), Some(1)).await.unwrap();
    migration::Migrator::up(store.db(), None).await.unwrap();

    let uses = store.uses(code.id, PageRequest::default()).await.unwrap();
    let orders: Vec<_> = uses.items.iter().map(|u| (u.order, u.number, u.amount)).collect();
    assert_eq!(
        orders,
        vec![(kept[1].id, 2, money(100)), (kept[0].id, 1, money(100))],
        "paid orders only, numbered per buyer"
    );
});
