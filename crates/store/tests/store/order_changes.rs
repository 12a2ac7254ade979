//! Store tests of applying the domain's order changes: each moves the order only from the status
//! it was decided for (a conditional UPDATE), with its money effect in the same transaction;
//! a change decided from a stale read, or replayed, changes nothing and says where the order is.

use inventory::{AccountRepo, Allocation, ClientEmail, ClientLimits, ClientName, Provisioned};
use kernel::{Money, OrderId, PageRequest};
use notify::Notice;
use orders::{
    Delivered, DiscountRepo, DiscountStatus, Order, OrderRepo, OrderStatus, OrderWriteError, PlanRepo, Pricing,
    TestAccountRepo,
};
use sea_orm::EntityTrait;
use store::Store;
use store::entity::orders::discount_code;
use store::store_test;
use store::testing::insert_user;
use time::{Duration, OffsetDateTime};

use crate::orders::{
    GB, World, balance, code, fixed_plan, ledger_rows, money, new_order, notices, now, place, top_up, used_count,
    wallet, world,
};
use crate::wallet::assert_ledger_invariant;

/// The order as stored now.
pub(crate) async fn read(store: &Store, id: OrderId) -> Order {
    store.order(id).await.unwrap().unwrap()
}

/// Pays the order as it is stored now: the order decides the change, the store applies it.
pub(crate) async fn pay(store: &Store, id: OrderId, at: OffsetDateTime) -> Result<Order, OrderWriteError> {
    let change = read(store, id)
        .await
        .pay(at, None)
        .expect("a pending order can be paid");
    store.apply(&change).await
}

/// Fails the order as it is stored now (refunding a paid one).
pub(crate) async fn fail(store: &Store, id: OrderId, reason: &str) -> Result<Order, OrderWriteError> {
    let change = read(store, id).await.fail(reason, now()).expect("the order can fail");
    store.apply(&change).await
}

// ---- paying ----

store_test!(paying_debits_the_wallet_and_marks_the_order_paid, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    top_up(&store, user, 1_500).await;
    let order = place(&store, user, &w, Pricing::full(money(1_000))).await;
    let paid = pay(&store, order.id, now()).await.unwrap();
    assert_eq!(paid.status, OrderStatus::Paid);
    assert!(paid.paid_at.is_some());
    assert_eq!(balance(&store, user).await, money(500));
    let page = wallet(&store).history(user, PageRequest::default()).await.unwrap();
    assert_eq!(page.items[0].key.as_str(), format!("order:{}:debit", order.id));
    assert_ledger_invariant(&store).await;
});

store_test!(a_short_balance_changes_nothing, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    top_up(&store, user, 999).await;
    let code = code(&store, "TEN", Some(5)).await;
    let order = place(&store, user, &w, Pricing::discounted(money(1_200), money(120), code)).await;
    let rows_before = ledger_rows(&store).await;
    let err = pay(&store, order.id, now()).await.unwrap_err();
    assert!(
        matches!(err, OrderWriteError::InsufficientFunds { needed, balance } if needed == money(1_080) && balance == money(999)),
        "{err:?}"
    );
    assert_eq!(
        store.order(order.id).await.unwrap().unwrap().status,
        OrderStatus::Pending
    );
    assert_eq!(balance(&store, user).await, money(999));
    assert_eq!(
        used_count(&store, code).await,
        0,
        "the code use rolls back with the payment"
    );
    assert_eq!(ledger_rows(&store).await, rows_before);
    assert_ledger_invariant(&store).await;
});

store_test!(a_payment_applied_twice_or_by_racing_callers_debits_once, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    top_up(&store, user, 5_000).await;
    let order = place(&store, user, &w, Pricing::full(money(1_000))).await;
    let change = order.pay(now(), None).unwrap();
    let first = store.apply(&change).await.unwrap();
    assert_eq!(first.status, OrderStatus::Paid);
    let replayed = store.apply(&change).await.unwrap_err();
    assert!(
        matches!(
            replayed,
            OrderWriteError::WrongStatus {
                current: OrderStatus::Paid
            }
        ),
        "{replayed:?}"
    );
    assert_eq!(read(&store, order.id).await, first, "the replay changed nothing");

    let racing = place(&store, user, &w, Pricing::full(money(1_000))).await;
    let change = racing.pay(now(), None).unwrap();
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let (store, change) = (store.clone(), change.clone());
            tokio::spawn(async move { store.apply(&change).await })
        })
        .collect();
    let mut applied = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(o) => {
                assert_eq!(o.status, OrderStatus::Paid);
                applied += 1;
            }
            Err(OrderWriteError::WrongStatus {
                current: OrderStatus::Paid,
            }) => {}
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
    assert_eq!(applied, 1, "exactly one caller moves the order");
    assert_eq!(balance(&store, user).await, money(3_000), "two orders, two debits");
    assert_eq!(
        wallet(&store)
            .history(user, PageRequest::default())
            .await
            .unwrap()
            .total,
        3
    );
    assert_ledger_invariant(&store).await;
});

store_test!(
    a_discount_code_is_never_used_beyond_its_limit_by_racing_buyers,
    |store| {
        let w = world(&store).await;
        let code = code(&store, "FIRST5", Some(5)).await;
        let mut orders = Vec::new();
        for i in 0..16 {
            let user = insert_user(&store, 100 + i).await;
            top_up(&store, user, 1_000).await;
            orders.push(place(&store, user, &w, Pricing::discounted(money(1_000), money(100), code)).await);
        }
        let tasks: Vec<_> = orders
            .iter()
            .map(|o| {
                let (store, id) = (store.clone(), o.id);
                tokio::spawn(async move { pay(&store, id, now()).await })
            })
            .collect();
        let (mut paid, mut refused) = (0, 0);
        for t in tasks {
            match t.await.unwrap() {
                Ok(o) => {
                    assert_eq!(o.status, OrderStatus::Paid);
                    paid += 1;
                }
                Err(OrderWriteError::DiscountUnavailable) => refused += 1,
                Err(e) => panic!("unexpected {e:?}"),
            }
        }
        assert_eq!((paid, refused), (5, 11));
        assert_eq!(used_count(&store, code).await, 5);
        let row = discount_code::Entity::find_by_id(code.get())
            .one(store.db())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.used_count, 5);
        assert_ledger_invariant(&store).await;
    }
);

store_test!(a_disabled_code_stops_payment, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    top_up(&store, user, 1_000).await;
    let code = code(&store, "OFF", None).await;
    let order = place(&store, user, &w, Pricing::discounted(money(1_000), money(100), code)).await;
    store
        .set_discount_status(code, DiscountStatus::Disabled, None)
        .await
        .unwrap();
    assert!(matches!(
        pay(&store, order.id, now()).await,
        Err(OrderWriteError::DiscountUnavailable)
    ));
    assert_eq!(balance(&store, user).await, money(1_000));
});

store_test!(a_second_free_test_is_refused, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    let test_plan = store
        .insert_plan(&fixed_plan(w.location, Money::ZERO, true), None)
        .await
        .unwrap();
    let free = |store: Store| {
        let plan = test_plan.clone();
        let location = w.location;
        async move {
            store
                .insert_order(&new_order(user, 1001, &plan, location, Pricing::full(Money::ZERO)))
                .await
                .unwrap()
        }
    };
    let (first, second) = (free(store.clone()).await, free(store.clone()).await);
    assert!(!store.has_claimed_test(user, test_plan.id).await.unwrap());
    assert_eq!(pay(&store, first.id, now()).await.unwrap().status, OrderStatus::Paid);
    assert!(store.has_claimed_test(user, test_plan.id).await.unwrap());
    let err = pay(&store, second.id, now()).await.unwrap_err();
    assert!(matches!(err, OrderWriteError::TestAlreadyClaimed), "{err:?}");
    assert_eq!(
        store.order(second.id).await.unwrap().unwrap().status,
        OrderStatus::Pending
    );
    assert_eq!(ledger_rows(&store).await, 0, "a free test moves no money");

    fail(&store, first.id, "panel down").await.unwrap();
    assert!(
        !store.has_claimed_test(user, test_plan.id).await.unwrap(),
        "a test that was never delivered can be claimed again"
    );
    assert_eq!(pay(&store, second.id, now()).await.unwrap().status, OrderStatus::Paid);
});

// ---- failing and refunding ----

store_test!(a_failed_paid_order_is_refunded_once, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    top_up(&store, user, 1_000).await;
    let code = code(&store, "BACK", Some(1)).await;
    let order = place(&store, user, &w, Pricing::discounted(money(1_000), money(100), code)).await;
    pay(&store, order.id, now()).await.unwrap();
    assert_eq!(balance(&store, user).await, money(100));
    assert_eq!(used_count(&store, code).await, 1);

    let refund = read(&store, order.id).await.fail("inbound full", now()).unwrap();
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let (store, refund) = (store.clone(), refund.clone());
            tokio::spawn(async move { store.apply(&refund).await })
        })
        .collect();
    let mut applied = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(failed) => {
                assert_eq!(failed.failure.as_deref(), Some("inbound full"));
                applied += 1;
            }
            Err(OrderWriteError::WrongStatus {
                current: OrderStatus::Failed,
            }) => {}
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
    assert_eq!(applied, 1);
    assert_eq!(read(&store, order.id).await.status, OrderStatus::Failed);
    assert_eq!(balance(&store, user).await, money(1_000));
    assert_eq!(used_count(&store, code).await, 0, "the code use is given back");
    let refunds = notices(&store)
        .await
        .into_iter()
        .filter(|n| matches!(n, Notice::OrderRefunded { amount, .. } if *amount == money(900)))
        .count();
    assert_eq!(refunds, 1);
    assert_eq!(
        wallet(&store)
            .history(user, PageRequest::default())
            .await
            .unwrap()
            .total,
        3
    );
    let stale_payment = order.pay(now(), None).unwrap();
    assert!(matches!(
        store.apply(&stale_payment).await,
        Err(OrderWriteError::WrongStatus {
            current: OrderStatus::Failed
        })
    ));
    assert_ledger_invariant(&store).await;
});

store_test!(a_pending_order_fails_or_expires_without_money, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    let a = place(&store, user, &w, Pricing::full(money(1_000))).await;
    let b = place(&store, user, &w, Pricing::full(money(1_000))).await;
    let (expire_a, fail_b) = (a.expire(now()).unwrap(), b.fail("x", now()).unwrap());
    assert_eq!(
        fail(&store, a.id, "cancelled").await.unwrap().status,
        OrderStatus::Failed
    );
    assert_eq!(
        store.apply(&b.expire(now()).unwrap()).await.unwrap().status,
        OrderStatus::Expired
    );
    assert!(matches!(
        store.apply(&expire_a).await,
        Err(OrderWriteError::WrongStatus {
            current: OrderStatus::Failed
        })
    ));
    assert!(matches!(
        store.apply(&fail_b).await,
        Err(OrderWriteError::WrongStatus {
            current: OrderStatus::Expired
        })
    ));
    assert_eq!(ledger_rows(&store).await, 0);
    assert!(notices(&store).await.is_empty());
});

// ---- allocation, fulfilment, recovery reads ----

fn allocation(w: &World, n: u32) -> Allocation {
    let name = ClientName::parse(&format!("FR-MoonVPN-{n}")).unwrap();
    Allocation {
        inbound: w.inbound,
        location: w.location,
        email: ClientEmail::from(&name),
        name,
        client_uuid: format!("uuid-{n}"),
        sub_id: format!("sub{n}"),
    }
}

store_test!(the_first_stored_allocation_is_kept, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    top_up(&store, user, 1_000).await;
    let order = place(&store, user, &w, Pricing::full(money(1_000))).await;
    assert!(matches!(
        store.record_allocation(order.id, &allocation(&w, 1), now()).await,
        Err(OrderWriteError::WrongStatus {
            current: OrderStatus::Pending
        })
    ));
    pay(&store, order.id, now()).await.unwrap();
    let first = store
        .record_allocation(order.id, &allocation(&w, 1), now())
        .await
        .unwrap();
    let again = store
        .record_allocation(order.id, &allocation(&w, 2), now())
        .await
        .unwrap();
    assert_eq!(first.allocation, Some(allocation(&w, 1)));
    assert_eq!(again.allocation, Some(allocation(&w, 1)));
    assert_eq!(store.order(order.id).await.unwrap().unwrap(), again);
});

/// The 50 GB, 30-day account `FR-MoonVPN-<n>` for `user`, as a purchase delivers it.
pub(crate) fn delivered(w: &World, user: kernel::UserId, n: u32) -> Delivered {
    Delivered::Account(inventory::NewClientAccount {
        user,
        allocation: allocation(w, n),
        limits: ClientLimits {
            total_bytes: kernel::ByteLimit::upto(50 * GB).unwrap(),
            expires_at: Some(now() + Duration::days(30)),
            ip_limit: kernel::CountLimit::upto(2).unwrap(),
        },
        provisioned: Provisioned {
            config_url: format!("vless://uuid-{n}@fr"),
            subscription_url: None,
        },
        created_at: now(),
    })
}

store_test!(fulfilling_stores_the_account_and_tells_the_buyer_once, |store| {
    let w = world(&store).await;
    let user = insert_user(&store, 1).await;
    top_up(&store, user, 1_000).await;
    let order = place(&store, user, &w, Pricing::full(money(1_000))).await;
    let paid = pay(&store, order.id, now()).await.unwrap();
    let fulfil = paid.fulfil(delivered(&w, user, 1), now()).unwrap();
    let done = store.apply(&fulfil).await.unwrap();
    assert_eq!(done.status, OrderStatus::Fulfilled);
    assert_eq!(read(&store, order.id).await, done, "the answer is the order as stored");
    let id = done.account.unwrap();
    let stored = AccountRepo::account(&store, id).await.unwrap();
    assert_eq!(
        (stored.user, stored.traffic_limit_bytes.amount()),
        (user, Some(50 * GB))
    );
    let again = store.apply(&fulfil).await.unwrap_err();
    assert!(matches!(
        again,
        OrderWriteError::WrongStatus {
            current: OrderStatus::Fulfilled
        }
    ));
    assert_eq!(AccountRepo::accounts_of(&store, user).await.unwrap().len(), 1);
    let told: Vec<_> = notices(&store)
        .await
        .into_iter()
        .filter(|n| matches!(n, Notice::OrderFulfilled { .. }))
        .collect();
    assert_eq!(
        told,
        vec![Notice::OrderFulfilled {
            order: order.id,
            account: id,
            tracking: Some(order.tracking.as_str().to_owned()),
        }]
    );
});

store_test!(a_sale_that_leaves_the_balance_short_tells_so_unless_muted, |store| {
    use notify::{ReminderKind, ReminderRepo};
    let w = world(&store).await;
    let low_balance = |told: &[Notice]| told.iter().filter(|n| matches!(n, Notice::LowBalance { .. })).count();
    let mut told_before = 0;
    for (telegram_id, muted, other_mute, expected) in [(1, false, false, 1), (2, true, true, 0), (3, false, true, 1)] {
        let user = insert_user(&store, telegram_id).await;
        if muted {
            store.set_muted(user, ReminderKind::LowBalance, true).await.unwrap();
        }
        if other_mute {
            store.set_muted(user, ReminderKind::Expires3Days, true).await.unwrap();
        }
        top_up(&store, user, 1_500).await;
        let order = place(&store, user, &w, Pricing::full(money(1_000))).await;
        let paid = pay(&store, order.id, now()).await.unwrap();
        let fulfil = paid.fulfil(delivered(&w, user, telegram_id as u32), now()).unwrap();
        store.apply(&fulfil).await.unwrap();
        let told = low_balance(&notices(&store).await);
        assert_eq!(
            told - told_before,
            expected,
            "buyer {telegram_id}: muted {muted}, another kind muted {other_mute}"
        );
        told_before = told;
    }
});

store_test!(
    a_fulfilment_whose_account_name_is_taken_leaves_the_order_paid,
    |store| {
        let w = world(&store).await;
        let user = insert_user(&store, 1).await;
        top_up(&store, user, 2_000).await;
        let first = place(&store, user, &w, Pricing::full(money(1_000))).await;
        let first = pay(&store, first.id, now()).await.unwrap();
        store
            .apply(&first.fulfil(delivered(&w, user, 1), now()).unwrap())
            .await
            .unwrap();
        let second = place(&store, user, &w, Pricing::full(money(1_000))).await;
        let second = pay(&store, second.id, now()).await.unwrap();

        let clash = store
            .apply(&second.fulfil(delivered(&w, user, 1), now()).unwrap())
            .await
            .unwrap_err();
        assert!(
            matches!(clash, OrderWriteError::Storage(kernel::StorageError::Conflict(_))),
            "{clash:?}"
        );
        assert_eq!(read(&store, second.id).await, second, "still paid, naming no account");
        assert_eq!(AccountRepo::accounts_of(&store, user).await.unwrap().len(), 1);
        let done = store
            .apply(&second.fulfil(delivered(&w, user, 2), now()).unwrap())
            .await
            .unwrap();
        assert_eq!(done.status, OrderStatus::Fulfilled);
        assert_eq!(read(&store, second.id).await.account, done.account);
        assert_eq!(AccountRepo::accounts_of(&store, user).await.unwrap().len(), 2);
    }
);
